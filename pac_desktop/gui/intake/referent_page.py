"""Step 7 of the wizard: the single referent and the next appointment."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QWidget,
)

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import plural, to_paris
from pac_desktop.services.intake import (
    IntakeDetail,
    IntakeService,
    IntakeStep,
    ReferentChoice,
    ReferentInfo,
)

from ..forms.ui_intake_referent_page import Ui_IntakeReferentPage
from ..roles import IdRole
from .common import StepPage, date_text, is_enter, parse_optional_date, set_combo_data, text_html
from .models import CaseloadDelegate, ReferentColumn, ReferentModel

if TYPE_CHECKING:
    from .step_host import StepHost



class ReferentPage(StepPage):
    step = IntakeStep.REFERENT

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
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
        is_admin = host.actor.has(StaffRole.ADMINISTRATOR)
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
        if self.host.intake_id:
            self.host.read(IntakeService.referent_choices, self._on_choices_loaded, intake_id=self.host.intake_id)

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
        if watched is self.ui.referents_view and is_enter(event):
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
        self.host.save(
            "referent",
            IntakeService.designate_referent,
            debounce=False, refresh_now=True, on_success=self._on_designated,
            intake_id=self.host.intake_id,
            staff_id=choice.staff_id,
            cap_override_reason=reason,
        )

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
            self.host.save_field("intake.next_appointment_at", None, debounce=True)
            return
        try:
            day = parse_optional_date(date_text_)
            moment = parse_time(time_text)
        except DomainError as error:
            self.host.discard_save("intake.next_appointment_at")
            if len(date_text_) >= 8 and (len(time_text) >= 4 or not time_text):
                self.show_message(str(error))
            return
        if day is None or moment is None:
            self.host.discard_save("intake.next_appointment_at")
            return
        self.show_message("")
        self.host.save_field("intake.next_appointment_at", datetime.combine(day, moment), debounce=True)

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


__all__ = ["ReferentPage", "parse_time"]
