"""Step 8: what is still missing (each gap links to its step), one "Valider" per counsellor present — each
validates with their own password in a dialog that shows what they validate (issue 13) — and once locked: the
printed documents and the amendments that correct a validated intake while keeping the original.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from pac_desktop.domain.french import format_datetime, plural
from pac_desktop.services.intake import (
    EDITABLE_FIELDS,
    IntakeDetail,
    IntakeService,
    IntakeStep,
    ValidationOutcome,
    field_label,
)

from .. import icons, theme
from ..forms.ui_intake_validation_page import Ui_IntakeValidationPage
from .common import StepPage, text_html
from .validate_dialog import ValidateDialog

if TYPE_CHECKING:
    from .step_host import StepHost

# The fields an amendment most often corrects first, then the others alphabetically.
_AMENDABLE_FIRST = (
    "intake.shared_diagnosis",
    "youth.birth_date",
    "youth.last_name",
    "youth.first_name",
    "intake.next_appointment_place",
)


class ValidationPage(StepPage):
    step = IntakeStep.VALIDATION

    print_requested = Signal(str)  # "summary" or "passport": the wizard prints the intake's document

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
        self.ui = Ui_IntakeValidationPage()
        self.ui.setupUi(self)
        ui = self.ui
        self._rows: list[QWidget] = []
        self.validate_buttons: dict[str, QPushButton] = {}
        self.validate_dialog: ValidateDialog | None = None  # the one open, if any (tests reach it here)
        self._detail: IntakeDetail | None = None
        others = sorted((f for f in EDITABLE_FIELDS if f not in _AMENDABLE_FIRST), key=field_label)
        for field in (*_AMENDABLE_FIRST, *others):
            ui.amend_field_combo.addItem(field_label(field), field)
        ui.amend_button.clicked.connect(self._on_amend_button_clicked)
        ui.print_summary_button.clicked.connect(lambda: self.print_requested.emit("summary"))
        ui.print_passport_button.clicked.connect(lambda: self.print_requested.emit("passport"))
        for widget in (
            ui.amend_field_combo,
            ui.amend_value_edit,
            ui.amend_reason_edit,
            ui.amend_button,
            ui.print_summary_button,
            ui.print_passport_button,
        ):
            widget.setProperty("keep_enabled", True)  # these work on a locked intake
        ui.missing_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.set_printing_available(False)

    def set_printing_available(self, available: bool) -> None:
        self.ui.print_summary_button.setVisible(available)
        self.ui.print_passport_button.setVisible(available)

    def refresh(self, detail: IntakeDetail) -> None:
        ui = self.ui
        self._detail = detail
        dialog = self.validate_dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.set_last(_locks_the_intake(detail, dialog.staff_id))
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        self.validate_buttons = {}
        # ---- the checklist
        if detail.locked:
            ui.missing_frame.hide()
        else:
            ui.missing_frame.show()
            if detail.missing:
                ui.status_label.setText(
                    f"Il manque encore {plural(len(detail.missing), 'point')} avant de valider. "
                    "Chaque lien ouvre l'étape concernée."
                )
                theme.set_role(ui.status_label, "warning")
            else:
                ui.status_label.setText("Tout est prêt : chaque conseiller présent valide l'accueil ci-dessous.")
                theme.set_role(ui.status_label, "")
            for item in detail.missing:
                label = QLabel(
                    f"• {text_html(item.message)} "
                    f'<a href="{item.step.value}">Aller à l\'étape « {text_html(item.step.label)} »</a>'
                )
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setTextInteractionFlags(
                    Qt.TextInteractionFlag.LinksAccessibleByKeyboard | Qt.TextInteractionFlag.LinksAccessibleByMouse
                )
                label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                label.setAccessibleName(f"{item.message} Étape « {item.step.label} »")
                label.linkActivated.connect(self._on_missing_link_activated)
                ui.missing_layout.addWidget(label)
                self._rows.append(label)
            if not detail.missing:
                ok = QLabel("Rien ne manque.")
                ok.setPixmap(icons.pixmap(icons.OK, 20, theme.ACCENT))
                ok_text = QLabel("Rien ne manque : l'accueil peut être validé.")
                for w in (ok, ok_text):
                    ui.missing_layout.addWidget(w)
                    self._rows.append(w)
        # ---- one "Valider" per counsellor present
        done = {v.staff_id: v for v in detail.validations}
        for i, p in enumerate(detail.present_counsellors):
            name = QLabel(f"<b>{text_html(p.display_name)}</b> — {text_html(p.role_title if p.role else '')}")
            name.setWordWrap(True)
            ui.validators_layout.addWidget(name, i, 0)
            self._rows.append(name)
            validation = done.get(p.staff_id or "")
            if validation is not None:
                status = QLabel(f"Validé ✓ le {format_datetime(validation.validated_at)}")
                ui.validators_layout.addWidget(status, i, 1)
                self._rows.append(status)
            else:
                button = QPushButton(f"Valider ({p.initials})")
                button.setObjectName(f"validate_{i + 1}_button")
                button.setAccessibleName(f"Valider l'accueil : {p.display_name}")
                button.setEnabled(not detail.missing and not detail.locked)
                button.clicked.connect(lambda _checked=False, sid=p.staff_id: self._on_validate_clicked(sid))
                ui.validators_layout.addWidget(button, i, 1)
                self._rows.append(button)
                self.validate_buttons[p.staff_id or ""] = button
                if not detail.locked:  # absent after all: recorded with its reason at the team step, not validated
                    absent = QLabel('<a href="participants">Absent ? Le noter à l\'étape « Participants »</a>')
                    absent.setTextFormat(Qt.TextFormat.RichText)
                    absent.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                                                   | Qt.TextInteractionFlag.LinksAccessibleByMouse)
                    absent.setAccessibleName(f"{p.display_name} est absent : le noter à l'étape « Participants »")
                    absent.linkActivated.connect(self._on_missing_link_activated)
                    ui.validators_layout.addWidget(absent, i, 2)
                    self._rows.append(absent)
        ui.validators_layout.setColumnStretch(0, 1)
        # ---- locked: documents and amendments
        ui.locked_frame.setVisible(detail.locked)
        ui.amendments_group.setVisible(detail.locked and detail.validated_at is not None)
        if detail.locked:
            if detail.validated_at is not None:
                ui.status_label.setText("")
                ui.locked_label.setText(
                    f"Accueil validé le {format_datetime(detail.validated_at)} par "
                    f"{', '.join(v.staff_name for v in detail.validations)}. Il est verrouillé : une correction "
                    "se fait par un avenant, qui garde la valeur d'origine."
                )
            else:
                ui.locked_label.setText(f"Cet accueil est « {detail.state.label} » : il ne peut plus être modifié.")
            if detail.amendments:
                ui.amendments_label.setText(
                    "\n".join(
                        f"{format_datetime(a.amended_at)} — {a.field_label} : « {a.old_value or '—'} » → "
                        f"« {a.new_value or '—'} » ({a.amended_by_name or '?'}). Raison : {a.reason}"
                        for a in detail.amendments
                    )
                )
            else:
                ui.amendments_label.setText("Aucun avenant pour l'instant.")

    @Slot(str)
    def _on_missing_link_activated(self, step: str) -> None:
        self.host.go_to(IntakeStep(step))

    def _on_validate_clicked(self, staff_id: str | None) -> None:
        """Open the counsellor's own validation dialog: their password, never the signed-in counsellor's."""
        detail = self._detail
        if not staff_id or detail is None or not self.host.intake_id:
            return
        self.show_message("")
        self.host.flush()  # every field typed is saved before anyone validates it
        counsellor = next(p for p in detail.present_counsellors if p.staff_id == staff_id)
        validate = self.host.bind(IntakeService.validate_with_password, intake_id=self.host.intake_id, staff_id=staff_id)
        dialog = ValidateDialog(tasks=self.host.tasks, detail=detail, counsellor=counsellor,
                                last=_locks_the_intake(detail, staff_id),
                                validate=lambda password: validate(password=password), parent=self)
        dialog.validated.connect(self._on_validated)
        dialog.finished.connect(self._on_validate_dialog_finished)
        self.validate_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_validate_dialog_finished(self, _result: int) -> None:
        dialog, self.validate_dialog = self.validate_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.deleteLater()

    def _on_validated(self, outcome: ValidationOutcome) -> None:
        self.host.reload()
        if outcome.locked:
            self.host.announce("Accueil validé ✓")
        else:
            self.host.announce(f"Validation enregistrée ✓ ({len(outcome.waiting_for)} à venir)")

    @Slot()
    def _on_amend_button_clicked(self) -> None:
        field = self.ui.amend_field_combo.currentData()
        self.show_message("")
        self.host.save(
            f"amend:{field}",
            IntakeService.amend,
            debounce=False, refresh_now=True, on_success=self._on_amended,
            intake_id=self.host.intake_id,
            field=field,
            new_value=self.ui.amend_value_edit.text(),
            reason=self.ui.amend_reason_edit.text(),
        )

    def _on_amended(self, _amendment_id: str) -> None:
        self.ui.amend_value_edit.clear()
        self.ui.amend_reason_edit.clear()
        self.host.announce("Avenant enregistré ✓")

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)

    def first_focus(self) -> QWidget | None:
        if self.validate_buttons:
            return next(iter(self.validate_buttons.values()))
        return self._rows[0] if self._rows else None


def _locks_the_intake(detail: IntakeDetail, staff_id: str) -> bool:
    """True when ``staff_id`` is the only present counsellor who has not validated yet."""
    validated = {v.staff_id for v in detail.validations}
    return [p.staff_id for p in detail.present_counsellors if p.staff_id not in validated] == [staff_id]
