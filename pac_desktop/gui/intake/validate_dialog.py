"""« Valider l'accueil » for one counsellor present (issue 13): on the shared screen, each counsellor reads what
they validate and types their own password, or the PIN they chose on this computer (services.validation_pin); the last validation, which locks the intake, asks them to tick that
they understand it cannot be undone.

The password is checked off the UI thread (``db_write`` lane) by ``IntakeService.validate_with_password``, which
records the validation in the name of the staff member whose password it is — never the signed-in one's.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from pac_desktop.domain.enums import ConsentKind
from pac_desktop.domain.french import format_date, format_datetime, plural
from pac_desktop.services.intake import IntakeDetail, ParticipantInfo, ValidationOutcome

from ..forms.ui_intake_validate_dialog import Ui_ValidateDialog
from ..tasks import Lane, TaskFailure, TaskRunner

#: validate(password) -> ValidationOutcome, run on the db_write lane.
ValidateFn = Callable[[str], ValidationOutcome]
LOCK_NOT_CONFIRMED = (
    "Cochez « J'ai compris : l'accueil sera verrouillé » : cette dernière validation ne peut pas être annulée."
)
_DIAGNOSIS_CHARS = 280


def validation_summary_html(detail: IntakeDetail) -> str:
    """What a counsellor validates, in a few lines: the youth, the consent, the diagnosis, the solutions, the
    referent and the next appointment."""
    youth = detail.youth
    lines = [f"Jeune : <b>{escape(youth.first_name)} {escape(youth.last_name.upper())}</b>, "
             f"accueil du {format_date(detail.intake_date)}"]
    consents = []
    for kind in detail.required_consents:
        consent = detail.consent(kind)
        state = "donné" if consent and consent.given else "refusé" if consent else "non recueilli"
        guardian = consent.guardian_name if consent and kind is ConsentKind.GUARDIAN else None
        consents.append(f"{kind.label} : {state}" + (f" ({escape(guardian)})" if guardian else ""))
    if consents:
        lines.append("Accords : " + "; ".join(consents))
    diagnosis = detail.shared_diagnosis.strip()
    if len(diagnosis) > _DIAGNOSIS_CHARS:
        diagnosis = diagnosis[:_DIAGNOSIS_CHARS].rstrip() + "…"
    lines.append(f"Diagnostic partagé : {escape(diagnosis) or '—'}")
    if detail.solutions:
        titles = ", ".join(escape(s.title) for s in detail.solutions)
        lines.append(f"{plural(len(detail.solutions), 'solution proposée', 'solutions proposées')} : {titles}")
    else:
        lines.append("Aucune solution proposée")
    if detail.referent is not None:
        lines.append(f"Référent unique : {escape(detail.referent.name)} ({escape(detail.referent.organisation_name)})")
    if detail.next_appointment_at is not None:
        place = f", {escape(detail.next_appointment_place)}" if detail.next_appointment_place else ""
        lines.append(f"Prochain rendez-vous : {format_datetime(detail.next_appointment_at)}{place}")
    return "<br>".join(lines)


class ValidateDialog(QDialog):
    """One counsellor's validation, with their own password."""

    validated = Signal(object)  # the ValidationOutcome, once the validation is stored

    def __init__(self, *, tasks: TaskRunner, detail: IntakeDetail, counsellor: ParticipantInfo, last: bool,
                 validate: ValidateFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._validate = validate
        self._last = last
        self._busy = False
        self.ui = Ui_ValidateDialog()
        self.ui.setupUi(self)
        ui = self.ui
        name = counsellor.staff_name or ""
        self.setWindowTitle(f"Valider l'accueil — {name}")
        role = f" ({escape(counsellor.role_title)})" if counsellor.role else ""
        ui.who_label.setText(
            f"<b>{escape(name)}</b>{role} valide l'accueil ci-dessous. Lui seul peut le faire : qu'il saisisse "
            "son propre mot de passe, ou son code PIN s'il en a choisi un sur cet ordinateur. Personne ne valide "
            "pour un autre conseiller."
        )
        ui.summary_label.setText(validation_summary_html(detail))
        ui.password_label.setText(f"&Mot de passe ou code PIN de {name}")
        ui.password_edit.setAccessibleName(f"Mot de passe ou code PIN de {name}")
        ui.error_label.hide()
        self.staff_id = counsellor.staff_id
        self.set_last(last)
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        ui.button_box.accepted.connect(self._on_button_box_accepted)
        ui.password_edit.setFocus()

    def set_last(self, last: bool) -> None:
        """Whether this validation is the one that locks the intake: it asks for the lock's confirmation. Kept up
        to date while the dialog is open (a colleague's validation read in just after it opened)."""
        self._last = last
        self.ui.lock_frame.setVisible(last)
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Valider et verrouiller l'accueil" if last else "Valider")

    def show_error(self, message: str) -> None:
        self.ui.error_label.setText(message)
        self.ui.error_label.show()

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self._busy:
            return
        password = self.ui.password_edit.text()
        if not password:
            self.show_error("Saisissez le mot de passe (ou le code PIN) du conseiller qui valide.")
            self.ui.password_edit.setFocus()
            return
        if self._last and not self.ui.lock_check.isChecked():
            self.show_error(LOCK_NOT_CONFIRMED)
            self.ui.lock_check.setFocus()
            return
        self._set_busy(True)
        validate = self._validate
        self._tasks.run_task(lambda: validate(password), on_success=self._on_validated,
                             on_failure=self._on_validate_failed, lane=Lane.DB_WRITE, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.ui.error_label.hide()

    def _on_validated(self, outcome: ValidationOutcome) -> None:
        self._set_busy(False)
        self.ui.password_edit.clear()
        self.validated.emit(outcome)
        self.accept()

    def _on_validate_failed(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        self.ui.password_edit.clear()
        self.ui.password_edit.setFocus()
        self.show_error(failure.message)
