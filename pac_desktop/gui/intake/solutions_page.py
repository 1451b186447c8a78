"""Step 6 of the wizard: the solutions proposed from the offers catalogue, and the youth's answers."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Slot
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

from pac_desktop.domain.enums import OfferCategory, YouthAnswer
from pac_desktop.domain.errors import DomainError
from pac_desktop.services.intake import (
    IntakeDetail,
    IntakeService,
    IntakeStep,
    OfferLine,
    SolutionInfo,
)

from ..forms.ui_intake_solutions_page import Ui_IntakeSolutionsPage
from .common import StepPage, date_text, is_enter, parse_optional_date, set_combo_data, text_html
from .models import OfferColumn, OfferFilterProxy, OfferModel

if TYPE_CHECKING:
    from .step_host import StepHost



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

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
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
        detail = self.host.detail
        if detail is None:
            return
        key = (detail.id, detail.youth.newly_arrived, detail.youth.birth_date)
        if key == self._catalogue_for:
            return
        self._catalogue_for = key
        self.host.read(IntakeService.catalogue, self._on_catalogue_loaded, intake_id=detail.id)

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
        detail = self.host.detail
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
        if watched is self.ui.offers_view and is_enter(event):
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
        self.host.save(
            f"solution:add:{offer.offer_id}",
            IntakeService.add_solution,
            debounce=False, refresh_now=True,
            intake_id=self.host.intake_id,
            offer_id=offer.offer_id,
            solution_id=str(uuid.uuid4()),
        )

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
        self.host.save(
            f"solution:add:{uuid.uuid4()}",
            IntakeService.add_solution,
            debounce=False, refresh_now=True,
            intake_id=self.host.intake_id,
            free_text=text,
            category=OfferCategory(category),
            solution_id=str(uuid.uuid4()),
        )
        self.ui.free_text_edit.clear()

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
        self.host.save(
            f"solution:{row.solution_id}:{key}",
            IntakeService.update_solution,
            debounce=debounce,
            solution_id=row.solution_id,
            **changes,
        )

    def _on_answer_chosen(self, row: _SolutionRow, _index: int) -> None:
        self._update(row, "answer", False, youth_answer=YouthAnswer(row.answer_combo.currentData()))

    def _on_start_edited(self, row: _SolutionRow, text: str) -> None:
        try:
            value = parse_optional_date(text)
        except DomainError as error:
            self.host.discard_save(f"solution:{row.solution_id}:start")
            if len(text.strip()) >= 8:
                self.show_message(str(error))
            return
        self.show_message("")
        self._update(row, "start", True, planned_start=value)

    def _on_remove_clicked(self, row: _SolutionRow) -> None:
        if self.locked:
            return
        self.host.save(
            f"solution:{row.solution_id}:remove",
            IntakeService.remove_solution,
            debounce=False, refresh_now=True,
            solution_id=row.solution_id,
        )

    def first_focus(self) -> QWidget:
        return self.ui.search_edit
