"""Step 4 of the wizard: the participants (the territory's team, the youth, family)."""

from __future__ import annotations

import uuid
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pac_desktop.domain.enums import ParticipantKind
from pac_desktop.services.intake import (
    IntakeDetail,
    IntakeService,
    IntakeStep,
    ParticipantInfo,
    StaffChoice,
)

from ..forms.ui_intake_participants_page import Ui_IntakeParticipantsPage
from .common import StepPage, set_combo_data

if TYPE_CHECKING:
    from .step_host import StepHost


class _TeamRow:
    def __init__(self, page: ParticipantsPage, participant: ParticipantInfo, row: int) -> None:
        self.participant_id = participant.id
        self.role = participant.role
        ui = page.ui
        self.role_label = QLabel(participant.role_title if participant.role else "")  # the reference data's name
        self.role_label.setWordWrap(True)
        self.staff_combo = QComboBox()
        self.staff_combo.setAccessibleName(f"{self.role_label.text()} : qui")
        self.staff_combo.setMinimumWidth(220)
        self.present_check = QCheckBox("Présent")
        self.present_check.setAccessibleName(f"{self.role_label.text()} : présent")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("raison de l'absence")
        self.reason_edit.setAccessibleName(f"{self.role_label.text()} : raison de l'absence")
        self.role_label.setBuddy(self.staff_combo)
        for column, widget in enumerate((self.role_label, self.staff_combo, self.present_check, self.reason_edit)):
            ui.team_layout.addWidget(widget, row, column)
        self.staff_combo.addItem("— choisir —", None)
        if participant.staff_id:
            self.staff_combo.addItem(participant.staff_name or "", participant.staff_id)
        set_combo_data(self.staff_combo, participant.staff_id)
        self.present_check.setChecked(participant.present)
        self.reason_edit.setText(participant.absence_reason or "")
        self.reason_edit.setEnabled(not participant.present)

    def set_choices(self, choices: tuple[StaffChoice, ...]) -> None:
        current = self.staff_combo.currentData()
        self.staff_combo.clear()
        self.staff_combo.addItem("— choisir —", None)
        for c in choices:
            self.staff_combo.addItem(f"{c.name} ({c.organisation_name})", c.staff_id)
        set_combo_data(self.staff_combo, current)

    def widgets(self) -> list[QWidget]:
        return [self.role_label, self.staff_combo, self.present_check, self.reason_edit]


class ParticipantsPage(StepPage):
    step = IntakeStep.PARTICIPANTS

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
        self.ui = Ui_IntakeParticipantsPage()
        self.ui.setupUi(self)
        self.rows: list[_TeamRow] = []
        self._family_rows: dict[str, QWidget] = {}
        self._team_ids: tuple[str, ...] = ()
        self.bind_check(self.ui.youth_present_check, "intake.youth_present")
        self.ui.add_family_button.clicked.connect(self._on_add_family_button_clicked)
        self.ui.family_relationship_edit.returnPressed.connect(self._on_add_family_button_clicked)
        self.ui.team_layout.setColumnStretch(3, 1)

    def fill(self, detail: IntakeDetail) -> None:
        self.ui.youth_present_check.setChecked(detail.youth_present)
        self._build_team(detail)

    def refresh(self, detail: IntakeDetail) -> None:
        ids = tuple(p.id for p in detail.counsellors)
        if ids != self._team_ids:
            with self.loading():
                self._build_team(detail)
            self.set_locked(self.locked)
        self._build_family(detail)

    def _build_team(self, detail: IntakeDetail) -> None:
        for row in self.rows:
            for widget in row.widgets():
                self.ui.team_layout.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        for i, participant in enumerate(detail.counsellors):
            row = _TeamRow(self, participant, i)
            row.staff_combo.activated.connect(lambda index, r=row: self._on_staff_chosen(r, index))
            row.present_check.clicked.connect(lambda checked, r=row: self._on_present_clicked(r, checked))
            row.reason_edit.textEdited.connect(lambda text, r=row: self._on_reason_edited(r, text))
            self.rows.append(row)
        self._team_ids = tuple(p.id for p in detail.counsellors)
        self._load_choices()

    def _load_choices(self) -> None:
        if not self.host.intake_id:
            return
        for role in {row.role for row in self.rows if row.role is not None}:
            self.host.read(
                IntakeService.staff_choices,
                partial(self._on_choices_loaded, role),
                intake_id=self.host.intake_id,
                role=role,
            )

    def _on_choices_loaded(self, role: object, choices: tuple[StaffChoice, ...]) -> None:
        with self.loading():
            for row in self.rows:
                if row.role == role:
                    row.set_choices(choices)

    def _update(self, row: _TeamRow, key: str, debounce: bool, **changes: object) -> None:
        if self.is_loading or self.locked:
            return
        self.show_message("")
        self.host.save(
            f"participant:{row.participant_id}:{key}",
            IntakeService.update_participant,
            debounce=debounce,
            participant_id=row.participant_id,
            **changes,
        )

    def _on_staff_chosen(self, row: _TeamRow, _index: int) -> None:
        self._update(row, "staff", False, staff_id=row.staff_combo.currentData())

    def _on_present_clicked(self, row: _TeamRow, checked: bool) -> None:
        row.reason_edit.setEnabled(not checked)
        if not checked:
            row.reason_edit.setFocus()
        self._update(row, "present", False, present=bool(checked))

    def _on_reason_edited(self, row: _TeamRow, text: str) -> None:
        self._update(row, "reason", True, absence_reason=text)

    # --- family ---------------------------------------------------------------------------------------------

    def _build_family(self, detail: IntakeDetail) -> None:
        family = [p for p in detail.participants if p.kind == ParticipantKind.FAMILY]
        wanted = {p.id for p in family}
        for pid in list(self._family_rows):
            if pid not in wanted:
                widget = self._family_rows.pop(pid)
                self.ui.family_layout.removeWidget(widget)
                widget.deleteLater()
        for p in family:
            if p.id in self._family_rows:
                continue
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            relation = f" ({p.relationship})" if p.relationship else ""
            name = QLabel(f"{p.full_name}{relation}")
            remove = QPushButton("Retirer")
            remove.setAccessibleName(f"Retirer {p.full_name}")
            remove.clicked.connect(lambda _checked=False, pid=p.id: self._on_remove_family_clicked(pid))
            remove.setEnabled(not self.locked)
            layout.addWidget(name, 1)
            layout.addWidget(remove)
            self.ui.family_layout.addWidget(row)
            self._family_rows[p.id] = row
        self.ui.family_empty_label.setVisible(not family)

    @Slot()
    def _on_add_family_button_clicked(self) -> None:
        name = self.ui.family_name_edit.text().strip()
        if not name:
            self.show_message("Indiquez le nom du membre de la famille présent.")
            self.ui.family_name_edit.setFocus()
            return
        self.host.save(
            f"family:add:{uuid.uuid4()}",
            IntakeService.add_family_member,
            debounce=False, refresh_now=True,
            intake_id=self.host.intake_id,
            full_name=name,
            relationship=self.ui.family_relationship_edit.text(),
            participant_id=str(uuid.uuid4()),
        )
        self.ui.family_name_edit.clear()
        self.ui.family_relationship_edit.clear()
        self.ui.family_name_edit.setFocus()

    def _on_remove_family_clicked(self, participant_id: str) -> None:
        self.host.save(
            f"family:remove:{participant_id}",
            IntakeService.remove_participant,
            debounce=False, refresh_now=True,
            participant_id=participant_id,
        )

    def first_focus(self) -> QWidget | None:
        return self.rows[0].staff_combo if self.rows else self.ui.youth_present_check
