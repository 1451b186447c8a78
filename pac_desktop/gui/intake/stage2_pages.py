"""Steps 6 and 7, stage 2: the solutions proposed from the catalogue, the single referent, the next appointment."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pac_desktop.domain.enums import OfferCategory, StaffRole, YouthAnswer
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import plural, to_paris
from pac_desktop.services.intake import IntakeDetail, IntakeStep, OfferLine, ReferentChoice, ReferentInfo, SolutionInfo

from ..forms.ui_intake_referent_page import Ui_IntakeReferentPage
from ..forms.ui_intake_solutions_page import Ui_IntakeSolutionsPage
from ..roles import IdRole
from .common import StepPage, date_text, parse_optional_date, set_combo_data, text_html
from .models import CaseloadDelegate, OfferColumn, OfferFilterProxy, OfferModel, ReferentColumn, ReferentModel

if TYPE_CHECKING:
    from .wizard import IntakeWizard


def _is_enter(event: QEvent) -> bool:
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    )


# ---- 6. solutions ----------------------------------------------------------------------------------------------


class _SolutionRow(QFrame):
    def __init__(self, page: SolutionsPage, solution: SolutionInfo) -> None:
        super().__init__()
        self.solution_id = solution.id
        self.setObjectName(f"solution_{solution.id[:8]}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        where = f" — {solution.provider_name}" if solution.provider_name else ""
        kind = "" if solution.offer_id else " (solution décrite librement)"
        self.title_label = QLabel(f"<b>{text_html(solution.title)}</b>{text_html(where)}{kind}")
        self.title_label.setWordWrap(True)
        self.category_label = QLabel(solution.category.label)
        self.category_label.setWordWrap(True)  # a long category never widens the pane (it scrolled sideways)
        self.category_label.setProperty("role", "muted")
        self.answer_combo = QComboBox()
        self.answer_combo.setAccessibleName(f"Réponse du jeune : {solution.title}")
        for answer in YouthAnswer:
            self.answer_combo.addItem(answer.label, answer.value)
        set_combo_data(self.answer_combo, solution.youth_answer.value)
        answer_label = QLabel("Le jeune :")
        answer_label.setBuddy(self.answer_combo)
        self.start_edit = QLineEdit(date_text(solution.planned_start))
        self.start_edit.setPlaceholderText("JJ/MM/AAAA")
        self.start_edit.setAccessibleName(f"Début prévu : {solution.title}")
        self.start_edit.setMinimumWidth(self.start_edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        start_label = QLabel("Début :")
        start_label.setBuddy(self.start_edit)
        self.remove_button = QPushButton("Retirer")
        self.remove_button.setAccessibleName(f"Retirer la solution {solution.title}")
        # Narrow enough for the right-hand column at 1366 pixels: one field per line.
        layout.addWidget(self.title_label, 0, 0, 1, 2)
        layout.addWidget(self.remove_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.category_label, 1, 0, 1, 3)
        layout.addWidget(answer_label, 2, 0)
        layout.addWidget(self.answer_combo, 2, 1, 1, 2)
        layout.addWidget(start_label, 3, 0)
        layout.addWidget(self.start_edit, 3, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self.answer_combo.activated.connect(lambda index: page._on_answer_chosen(self, index))
        self.start_edit.textEdited.connect(lambda text: page._on_start_edited(self, text))
        self.remove_button.clicked.connect(lambda _checked=False: page._on_remove_clicked(self))


class SolutionsPage(StepPage):
    step = IntakeStep.SOLUTIONS

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_IntakeSolutionsPage()
        self.ui.setupUi(self)
        ui = self.ui
        self.offers = OfferModel(self)
        self.proxy = OfferFilterProxy(self)
        self.proxy.setSourceModel(self.offers)
        view = ui.offers_view
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(OfferColumn.CATEGORY, Qt.SortOrder.AscendingOrder)
        self._apply_offer_columns()
        view.setWordWrap(True)  # whole titles, on two lines if need be
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(view.resizeRowsToContents)
        for signal in (
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            view.horizontalHeader().sectionResized,
        ):
            signal.connect(self._fit_rows)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.selectionModel().selectionChanged.connect(self._on_offers_selection_changed)
        view.doubleClicked.connect(self._on_offers_view_double_clicked)
        view.installEventFilter(self)
        for combo in (ui.category_combo, ui.free_category_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        ui.category_combo.addItem("Toutes les catégories", None)
        ui.free_category_combo.addItem("— catégorie —", None)
        for category in OfferCategory:
            ui.category_combo.addItem(category.label, category.value)
            ui.free_category_combo.addItem(category.label, category.value)
        ui.category_combo.currentIndexChanged.connect(self._on_category_combo_changed)
        ui.search_edit.textChanged.connect(self.proxy.set_search)
        ui.add_offer_button.clicked.connect(self._on_add_offer_button_clicked)
        ui.add_free_button.clicked.connect(self._on_add_free_button_clicked)
        ui.free_text_edit.returnPressed.connect(self._on_add_free_button_clicked)
        ui.splitter.setStretchFactor(0, 5)
        ui.splitter.setStretchFactor(1, 4)
        self.rows: dict[str, _SolutionRow] = {}
        self._catalogue_for: tuple[str, bool, object] | None = None

    # --- catalogue ----------------------------------------------------------------------------------------

    def page_shown(self) -> None:
        self._load_catalogue()

    def _load_catalogue(self) -> None:
        detail = self.wizard.detail
        if detail is None:
            return
        key = (detail.id, detail.youth.newly_arrived, detail.youth.birth_date)
        if key == self._catalogue_for:
            return
        self._catalogue_for = key
        self.wizard.read(partial(self.wizard.service.catalogue, intake_id=detail.id), self._on_catalogue_loaded)

    def _apply_offer_columns(self) -> None:
        # Set again after each reset of the model: the header forgets per-section modes then.
        header = self.ui.offers_view.horizontalHeader()
        header.setSectionResizeMode(OfferColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OfferColumn.CATEGORY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OfferColumn.PROVIDER, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        em = self.ui.offers_view.fontMetrics().averageCharWidth()
        header.resizeSection(OfferColumn.CATEGORY, em * 17)
        header.resizeSection(OfferColumn.PROVIDER, em * 14)
        # Long titles and providers wrap onto a second line rather than being cut (a territory's catalogue is a
        # few dozen offers: sizing the rows to their contents stays cheap).
        view = self.ui.offers_view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _fit_rows(self, *_args: object) -> None:
        self._fit_timer.start()  # once, after the burst of changes

    def _on_catalogue_loaded(self, offers: tuple[OfferLine, ...]) -> None:
        self.offers.set_offers(offers)
        self._apply_offer_columns()
        detail = self.wizard.detail
        if detail is not None:
            self.offers.set_chosen({s.offer_id for s in detail.solutions if s.offer_id})

    @Slot(int)
    def _on_category_combo_changed(self, _index: int) -> None:
        value = self.ui.category_combo.currentData()
        self.proxy.set_category(OfferCategory(value) if value else None)
        # One category chosen: its column says nothing more, the titles get the room.
        self.ui.offers_view.setColumnHidden(OfferColumn.CATEGORY, bool(value))
        if value:
            set_combo_data(self.ui.free_category_combo, value)

    def _selected_offer(self) -> OfferLine | None:
        index = self.ui.offers_view.currentIndex()
        if not index.isValid():
            return None
        return self.offers.offer(self.proxy.mapToSource(index).row())

    @Slot(QItemSelection, QItemSelection)
    def _on_offers_selection_changed(self, *_args: object) -> None:
        offer = self._selected_offer()
        if offer is None:
            self.ui.offer_description_label.setText("")
            return
        ages = f"de {offer.min_age} à {offer.max_age} ans" if offer.max_age else f"dès {offer.min_age} ans"
        where = "sur ce territoire seulement" if offer.local else "sur tous les territoires"
        self.ui.offer_description_label.setText(f"{offer.description} ({ages}, {where}.)")

    @Slot(QModelIndex)
    def _on_offers_view_double_clicked(self, _index: QModelIndex) -> None:
        self._on_add_offer_button_clicked()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.offers_view and _is_enter(event):
            self._on_add_offer_button_clicked()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _on_add_offer_button_clicked(self) -> None:
        if self.locked:
            return
        offer = self._selected_offer()
        if offer is None:
            self.show_message("Choisissez d'abord une offre dans la liste.")
            return
        self.show_message("")
        fn = partial(
            self.wizard.service.add_solution,
            intake_id=self.wizard.intake_id,
            offer_id=offer.offer_id,
            solution_id=str(uuid.uuid4()),
            by=self.wizard.actor,
        )
        self.wizard.save(f"solution:add:{offer.offer_id}", fn, debounce=False, refresh_now=True)

    @Slot()
    def _on_add_free_button_clicked(self) -> None:
        if self.locked:
            return
        text = self.ui.free_text_edit.text().strip()
        category = self.ui.free_category_combo.currentData()
        if not text:
            self.show_message("Décrivez la solution en quelques mots.")
            self.ui.free_text_edit.setFocus()
            return
        if category is None:
            self.show_message("Choisissez la catégorie de cette solution.")
            self.ui.free_category_combo.setFocus()
            return
        self.show_message("")
        fn = partial(
            self.wizard.service.add_solution,
            intake_id=self.wizard.intake_id,
            free_text=text,
            category=OfferCategory(category),
            solution_id=str(uuid.uuid4()),
            by=self.wizard.actor,
        )
        self.ui.free_text_edit.clear()
        self.wizard.save(f"solution:add:{uuid.uuid4()}", fn, debounce=False, refresh_now=True)

    # --- chosen solutions ---------------------------------------------------------------------------------

    def refresh(self, detail: IntakeDetail) -> None:
        wanted = [s.id for s in detail.solutions]
        for sid in list(self.rows):
            if sid not in wanted:
                row = self.rows.pop(sid)
                self.ui.chosen_layout.removeWidget(row)
                row.deleteLater()
        with self.loading():
            for solution in detail.solutions:
                if solution.id in self.rows:
                    continue
                row = _SolutionRow(self, solution)
                for widget in (row.answer_combo, row.start_edit, row.remove_button):
                    if isinstance(widget, QLineEdit):
                        widget.setReadOnly(self.locked)
                    else:
                        widget.setEnabled(not self.locked)
                self.ui.chosen_layout.addWidget(row)
                self.rows[solution.id] = row
        self.ui.chosen_empty_label.setVisible(not detail.solutions)
        self.ui.chosen_label.setText(
            f"Solutions proposées au jeune ({len(detail.solutions)})"
            if detail.solutions
            else "Solutions proposées au jeune"
        )
        self.offers.set_chosen({s.offer_id for s in detail.solutions if s.offer_id})
        self._load_catalogue()

    def _update(self, row: _SolutionRow, key: str, debounce: bool, **changes: object) -> None:
        if self.is_loading or self.locked:
            return
        fn = partial(self.wizard.service.update_solution, solution_id=row.solution_id, by=self.wizard.actor, **changes)
        self.wizard.save(f"solution:{row.solution_id}:{key}", fn, debounce=debounce)

    def _on_answer_chosen(self, row: _SolutionRow, _index: int) -> None:
        self._update(row, "answer", False, youth_answer=YouthAnswer(row.answer_combo.currentData()))

    def _on_start_edited(self, row: _SolutionRow, text: str) -> None:
        try:
            value = parse_optional_date(text)
        except DomainError as error:
            self.wizard.discard_save(f"solution:{row.solution_id}:start")
            if len(text.strip()) >= 8:
                self.show_message(str(error))
            return
        self.show_message("")
        self._update(row, "start", True, planned_start=value)

    def _on_remove_clicked(self, row: _SolutionRow) -> None:
        if self.locked:
            return
        fn = partial(self.wizard.service.remove_solution, solution_id=row.solution_id, by=self.wizard.actor)
        self.wizard.save(f"solution:{row.solution_id}:remove", fn, debounce=False, refresh_now=True)

    def first_focus(self) -> QWidget:
        return self.ui.search_edit


# ---- 7. referent and next appointment --------------------------------------------------------------------------


class ReferentPage(StepPage):
    step = IntakeStep.REFERENT

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_IntakeReferentPage()
        self.ui.setupUi(self)
        ui = self.ui
        self.referents = ReferentModel(self)
        view = ui.referents_view
        view.setModel(self.referents)
        view.setItemDelegateForColumn(ReferentColumn.CASELOAD, CaseloadDelegate(view))
        header = view.horizontalHeader()
        # Fixed widths, never "resize to contents": a territory may have hundreds of referents, and measuring
        # every row on each layout would cost the UI thread dearly.
        em = view.fontMetrics().averageCharWidth()
        header.setSectionResizeMode(ReferentColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column, chars in (
            (ReferentColumn.ORGANISATION, 26),
            (ReferentColumn.CASELOAD, 24),
            (ReferentColumn.AVAILABILITY, 24),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, em * chars)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
        view.doubleClicked.connect(self._on_referents_view_double_clicked)
        view.installEventFilter(self)
        view.setMinimumHeight(view.fontMetrics().height() * 8)
        is_admin = wizard.actor.has(StaffRole.ADMINISTRATOR)
        ui.override_frame.setVisible(is_admin)
        ui.override_reason_edit.setEnabled(False)
        ui.override_check.toggled.connect(self._on_override_check_toggled)
        ui.designate_button.clicked.connect(self._on_designate_button_clicked)
        ui.appointment_date_edit.textEdited.connect(self._on_appointment_when_edited)
        ui.appointment_time_edit.textEdited.connect(self._on_appointment_when_edited)
        self.bind_text(ui.appointment_place_edit, "intake.next_appointment_place")
        self.bind_combo(ui.appointment_staff_combo, "intake.next_appointment_staff_id")
        ui.referent_reason_label.hide()

    def fill(self, detail: IntakeDetail) -> None:
        ui = self.ui
        at = detail.next_appointment_at
        local = to_paris(at) if at else None
        ui.appointment_date_edit.setText(date_text(local.date()) if local else "")
        ui.appointment_time_edit.setText(f"{local.hour:02d}:{local.minute:02d}" if local else "")
        ui.appointment_place_edit.setText(detail.next_appointment_place or "")
        self._fill_people(detail)

    def refresh(self, detail: IntakeDetail) -> None:
        self._show_referent(detail.referent)
        with self.loading():
            self._fill_people(detail)
        if self.isVisible():
            self._load_choices()

    def page_shown(self) -> None:
        self._load_choices()

    def _fill_people(self, detail: IntakeDetail) -> None:
        """With whom the next appointment is: the referent, the counsellors present, the person logged in."""
        people: list[tuple[str, str]] = []
        if detail.referent is not None:
            people.append((detail.referent.staff_id, f"{detail.referent.name} (référent)"))
        for p in detail.present_counsellors:
            if p.staff_id and p.staff_id not in {sid for sid, _ in people}:
                people.append((p.staff_id, p.display_name))
        if detail.next_appointment_staff_id and detail.next_appointment_staff_id not in {sid for sid, _ in people}:
            people.append((detail.next_appointment_staff_id, detail.next_appointment_staff_name or ""))
        combo = self.ui.appointment_staff_combo
        combo.clear()
        combo.addItem("— choisir —", None)
        for staff_id, name in people:
            combo.addItem(name, staff_id)
        set_combo_data(combo, detail.next_appointment_staff_id)

    def _load_choices(self) -> None:
        if self.wizard.intake_id:
            self.wizard.read(
                partial(self.wizard.service.referent_choices, intake_id=self.wizard.intake_id),
                self._on_choices_loaded,
            )

    def _on_choices_loaded(self, choices: tuple[ReferentChoice, ...]) -> None:
        view = self.ui.referents_view
        current = view.currentIndex().data(IdRole) if view.currentIndex().isValid() else None
        self.referents.set_choices(choices)
        full = [c for c in choices if not c.selectable]
        self.ui.referent_reason_label.setText("\n".join(c.reason or "" for c in full))
        self.ui.referent_reason_label.setVisible(bool(full))
        if current is not None:
            row = self.referents.row_of(current)
            if row is not None:
                view.setCurrentIndex(self.referents.index(row, 0))

    def _show_referent(self, referent: ReferentInfo | None) -> None:
        if referent is None:
            self.ui.current_referent_label.setText("Aucun référent désigné pour l'instant.")
            return
        override = f" Plafond dépassé : {referent.cap_override_reason}" if referent.cap_override_reason else ""
        self.ui.current_referent_label.setText(
            f"Référent désigné : <b>{text_html(referent.name)}</b> ({text_html(referent.organisation_name)}), "
            f"{plural(referent.caseload, 'jeune suivi', 'jeunes suivis')} sur {referent.cap}.{text_html(override)}"
        )

    @Slot(bool)
    def _on_override_check_toggled(self, on: bool) -> None:
        self.referents.set_override(on)
        self.ui.override_reason_edit.setEnabled(on and not self.locked)
        if on:
            self.ui.override_reason_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.referents_view and _is_enter(event):
            self._on_designate_button_clicked()
            return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _on_referents_view_double_clicked(self, _index: QModelIndex) -> None:
        self._on_designate_button_clicked()

    @Slot()
    def _on_designate_button_clicked(self) -> None:
        if self.locked:
            return
        index = self.ui.referents_view.currentIndex()
        if not index.isValid():
            self.show_message("Choisissez d'abord un référent dans la liste.")
            return
        choice = self.referents.choice(index.row())
        reason = self.ui.override_reason_edit.text() if self.ui.override_check.isChecked() else None
        self.show_message("")
        fn = partial(
            self.wizard.service.designate_referent,
            intake_id=self.wizard.intake_id,
            staff_id=choice.staff_id,
            cap_override_reason=reason,
            by=self.wizard.actor,
        )
        self.wizard.save("referent", fn, debounce=False, refresh_now=True, on_success=self._on_designated)

    def _on_designated(self, referent: ReferentInfo) -> None:
        self._show_referent(referent)
        self._load_choices()

    @Slot()
    def _on_appointment_when_edited(self, *_args: object) -> None:
        if self.is_loading or self.locked:
            return
        date_text_ = self.ui.appointment_date_edit.text().strip()
        time_text = self.ui.appointment_time_edit.text().strip()
        if not date_text_ and not time_text:
            self.show_message("")
            self.wizard.save_field("intake.next_appointment_at", None, debounce=True)
            return
        try:
            day = parse_optional_date(date_text_)
            moment = parse_time(time_text)
        except DomainError as error:
            self.wizard.discard_save("intake.next_appointment_at")
            if len(date_text_) >= 8 and (len(time_text) >= 4 or not time_text):
                self.show_message(str(error))
            return
        if day is None or moment is None:
            self.wizard.discard_save("intake.next_appointment_at")
            return
        self.show_message("")
        self.wizard.save_field("intake.next_appointment_at", datetime.combine(day, moment), debounce=True)

    def first_focus(self) -> QWidget:
        return self.ui.referents_view


def parse_time(text: str) -> time | None:
    """ "14:30", "14h30", "14 h 30", "9h" → a time; empty → None; anything else → a French DomainError."""
    cleaned = text.strip().lower().replace(" ", "").replace("h", ":")
    if not cleaned:
        return None
    if cleaned.endswith(":"):
        cleaned += "00"
    parts = cleaned.split(":")
    try:
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise ValueError
        return time(int(parts[0]), int(parts[1]))
    except ValueError:
        raise DomainError(
            f"« {text.strip()} » n'est pas une heure : écrivez-la sous la forme 14:30 ou 14h30."
        ) from None


__all__ = ["ReferentPage", "SolutionsPage", "parse_time"]
