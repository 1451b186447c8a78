"""Step 3 of the wizard: the consent to sharing, the youth's and the guardian's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from pac_desktop.domain.consent import REFUSED_KEEP_DAYS
from pac_desktop.domain.enums import ConsentKind
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date
from pac_desktop.services.intake import (
    IntakeDetail,
    IntakeService,
    IntakeStep,
)

from ..forms.ui_intake_consent_page import Ui_IntakeConsentPage
from .common import StepPage, date_text, parse_optional_date, set_combo_data

if TYPE_CHECKING:
    from .step_host import StepHost

ANSWERS = (("Pas encore demandé", None), ("Donne son accord", True), ("Refuse", False))
REFUSAL_QUESTION = (
    "{who} refuse le partage du dossier entre les partenaires.\n\nL'accueil commun s'arrête ici, avec ce motif. "
    "Rien de son contenu ne quitte cet ordinateur, et il en sera supprimé {after}. Confirmez-vous ce refus ?"
)


def kept_for(days: int) -> str:
    """When the content of a refused intake is purged, from the setting in force (« après 45 jours »)."""
    if days <= 0:
        return "dès la prochaine purge"
    return f"après {days} jour{'s' if days > 1 else ''}"


class ConsentPage(StepPage):
    step = IntakeStep.CONSENT

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
        self.ui = Ui_IntakeConsentPage()
        self.ui.setupUi(self)
        ui = self.ui
        self._widgets = {
            ConsentKind.YOUTH: (ui.youth_answer_combo, ui.youth_date_edit, ui.youth_collected_combo, None),
            ConsentKind.GUARDIAN: (
                ui.guardian_answer_combo,
                ui.guardian_date_edit,
                ui.guardian_collected_combo,
                ui.guardian_name_edit,
            ),
        }
        self._recorded_labels = {ConsentKind.YOUTH: ui.youth_recorded_label,
                                 ConsentKind.GUARDIAN: ui.guardian_recorded_label}
        self._answers: dict[ConsentKind, object] = {}  # the answer recorded, to go back to if a refusal is cancelled
        self.refusal_box: QMessageBox | None = None  # the refusal's confirmation, while it is open
        self._refused_keep_days = REFUSED_KEEP_DAYS  # the setting in force, read with the intake (refresh)
        ui.guardian_relationship_edit.textEdited.connect(lambda _t: self._record(ConsentKind.GUARDIAN, True))
        for kind, (answer, date_edit, collected, name) in self._widgets.items():
            for text, value in ANSWERS:
                answer.addItem(text, value)
            answer.activated.connect(lambda _i, k=kind: self._record(k, False))
            collected.activated.connect(lambda _i, k=kind: self._record(k, False))
            date_edit.textEdited.connect(lambda _t, k=kind: self._record(k, True))
            if name is not None:
                name.textEdited.connect(lambda _t, k=kind: self._record(k, True))

    def fill(self, detail: IntakeDetail) -> None:
        self._fill_people(detail)
        relationship = detail.consent(ConsentKind.GUARDIAN)
        self.ui.guardian_relationship_edit.setText((relationship.guardian_relationship or "") if relationship else "")
        for kind, (answer, date_edit, collected, name) in self._widgets.items():
            consent = detail.consent(kind)
            self._answers[kind] = consent.given if consent else None
            set_combo_data(answer, consent.given if consent else None)
            date_edit.setText(date_text(consent.given_on if consent else detail.intake_date))
            set_combo_data(collected, consent.collected_by if consent else self.host.actor.staff_id)
            if name is not None:
                name.setText((consent.guardian_name or "") if consent else "")

    def refresh(self, detail: IntakeDetail) -> None:
        minor = detail.youth.minor
        self._refused_keep_days = detail.refused_keep_days
        for kind, label in self._recorded_labels.items():  # issue 13: each state dated, and who recorded it
            consent = detail.consent(kind)
            text = ""
            if consent is not None:
                text = f"{consent.state.label} le {format_date(consent.given_on)}"
                if consent.recorded_by_name:
                    text += f", enregistré par {consent.recorded_by_name}"
                if consent.reason:
                    text += f". Motif : {consent.reason}"
            label.setText(text)
            label.setVisible(bool(text))
        self.ui.guardian_group.setVisible(minor)
        self.ui.adult_label.setVisible(not minor)
        with self.loading():
            self._fill_people(detail)

    def _fill_people(self, detail: IntakeDetail) -> None:
        """Who can have collected the answer: the counsellors at the table, and the person logged in."""
        people = [(p.staff_id, p.display_name) for p in detail.present_counsellors]
        actor = self.host.actor
        if actor.staff_id not in {sid for sid, _ in people}:
            people.append((actor.staff_id, actor.display_name))
        for _answer, _date, collected, _name in self._widgets.values():
            current = collected.currentData()
            collected.clear()
            for staff_id, name in people:
                collected.addItem(name, staff_id)
            if current is not None:
                set_combo_data(collected, current)

    def _record(self, kind: ConsentKind, debounce: bool, *_args: object) -> None:
        if self.is_loading or self.locked:
            return
        answer, date_edit, collected, name = self._widgets[kind]
        given = answer.currentData()
        if given is None:
            return  # nothing to record until the question has been asked
        if given is False and self._answers.get(kind) is not False:
            self._confirm_refusal(kind)
            return
        try:
            given_on = parse_optional_date(date_edit.text())
        except DomainError as error:
            if len(date_edit.text().strip()) >= 8:
                self.show_message(str(error))
            return
        self.show_message("")
        self.host.save(
            f"consent:{kind.value}",
            IntakeService.record_consent,
            debounce=debounce, refresh_now=not debounce,
            intake_id=self.host.intake_id,
            kind=kind,
            given=bool(given),
            given_on=given_on,
            collected_by=collected.currentData(),
            guardian_name=name.text() if name is not None else None,
            guardian_relationship=self.ui.guardian_relationship_edit.text() if name is not None else None,
        )
        self._answers[kind] = bool(given)

    def _confirm_refusal(self, kind: ConsentKind) -> None:
        """A refusal ends the intake (issue 13): asked once more, in plain words, before it is recorded."""
        who = "Le jeune" if kind == ConsentKind.YOUTH else "Le représentant légal"
        box = QMessageBox(QMessageBox.Icon.Warning, "Refus du partage", REFUSAL_QUESTION.format(
                              who=who, after=kept_for(self._refused_keep_days)),
                          QMessageBox.StandardButton.NoButton, self)
        confirm = box.addButton("Confirmer le refus", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(confirm)
        self.refusal_box = box

        def done() -> None:
            self.refusal_box = None
            box.deleteLater()
            if box.clickedButton() is confirm:
                self._answers[kind] = False
                self._record(kind, False)
            else:
                with self.loading():
                    set_combo_data(self._widgets[kind][0], self._answers.get(kind))

        box.finished.connect(done)
        box.open()

    def first_focus(self) -> QWidget:
        return self.ui.youth_answer_combo
