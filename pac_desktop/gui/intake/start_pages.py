"""Steps 1 to 4 of the wizard: the youth, the referral and eligibility, the consent, the participants."""

from __future__ import annotations

import uuid
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from pac_desktop.domain.consent import REFUSED_KEEP_DAYS
from pac_desktop.domain.eligibility import MIN_JUSTIFICATION_CHARS
from pac_desktop.domain.enums import ConsentKind, ParticipantKind, ReferralSource, Sex
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date, format_phone, to_paris
from pac_desktop.services.intake import (
    DrawOutcome,
    EligibilityView,
    EvaluationInfo,
    IntakeDetail,
    IntakeStep,
    OrganisationChoice,
    ParticipantInfo,
    SaveResult,
    StaffChoice,
)

from .. import icons, theme
from ..forms.ui_intake_consent_page import Ui_IntakeConsentPage
from ..forms.ui_intake_participants_page import Ui_IntakeParticipantsPage
from ..forms.ui_intake_referral_page import Ui_IntakeReferralPage
from ..forms.ui_intake_youth_page import Ui_IntakeYouthPage
from .common import StepPage, date_text, parse_optional_date, set_combo_data, text_html

if TYPE_CHECKING:
    from .wizard import IntakeWizard

UNKNOWN_YES_NO = (("Je ne sais pas encore", None), ("Non", False), ("Oui", True))


def fill_yes_no(combo: QComboBox) -> None:
    combo.clear()
    for text, value in UNKNOWN_YES_NO:
        combo.addItem(text, value)


# ---- 1. the youth ------------------------------------------------------------------------------------------


class YouthPage(StepPage):
    step = IntakeStep.YOUTH

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_IntakeYouthPage()
        self.ui.setupUi(self)
        ui = self.ui
        ui.sex_combo.addItem("Non renseigné", None)  # the same words as the case file
        for sex in Sex:
            ui.sex_combo.addItem(sex.label, sex.value)
        for edit, field in (
            (ui.first_name_edit, "youth.first_name"),
            (ui.last_name_edit, "youth.last_name"),
            (ui.phone_edit, "youth.phone"),
            (ui.email_edit, "youth.email"),
            (ui.address_edit, "youth.address"),
            (ui.postcode_edit, "youth.postcode"),
            (ui.town_edit, "youth.town"),
            (ui.last_class_edit, "youth.last_class"),
        ):
            self.bind_text(edit, field)
        self.bind_date(ui.birth_date_edit, "youth.birth_date")
        self.bind_combo(ui.sex_combo, "youth.sex")
        self.bind_check(ui.newly_arrived_check, "youth.newly_arrived")
        self.bind_check(ui.priority_area_check, "youth.lives_in_priority_area")

    def fill(self, detail: IntakeDetail) -> None:
        y = detail.youth
        ui = self.ui
        ui.first_name_edit.setText(y.first_name)
        ui.last_name_edit.setText(y.last_name)
        ui.birth_date_edit.setText(date_text(y.birth_date))
        set_combo_data(ui.sex_combo, y.sex.value if y.sex else None)
        ui.phone_edit.setText(format_phone(y.phone) if y.phone else "")  # « 06 12 34 56 78 », as the case file
        ui.email_edit.setText(y.email or "")
        ui.address_edit.setText(y.address or "")
        ui.postcode_edit.setText(y.postcode or "")
        ui.town_edit.setText(y.town or "")
        ui.last_class_edit.setText(y.last_class or "")
        ui.newly_arrived_check.setChecked(y.newly_arrived)
        ui.priority_area_check.setChecked(y.lives_in_priority_area)

    def first_focus(self) -> QWidget:
        return self.ui.first_name_edit


# ---- 2. referral and eligibility -----------------------------------------------------------------------------


class ReferralPage(StepPage):
    step = IntakeStep.REFERRAL

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_IntakeReferralPage()
        self.ui.setupUi(self)
        ui = self.ui
        ui.source_combo.addItem("— choisir —", None)
        for source in ReferralSource:
            ui.source_combo.addItem(source.label, source.value)
        ui.organisation_combo.addItem("Aucune", None)
        # As wide as the longest partner's name (« MGI Foix (Mission générale d'insertion) »): never cut.
        ui.organisation_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        ui.columns_layout.setStretch(0, 2)  # the form gets the room; the eligibility panel wraps its lines
        ui.columns_layout.setStretch(1, 1)
        fill_yes_no(ui.qualification_combo)
        fill_yes_no(ui.followed_combo)
        self.bind_combo(ui.source_combo, "referral.source")
        ui.source_combo.activated.connect(self._update_referral_enabled)
        self.bind_date(ui.referred_on_edit, "referral.referred_on")
        self.bind_text(ui.referrer_name_edit, "referral.referrer_name")
        self.bind_text(ui.referrer_structure_edit, "referral.referrer_structure")
        self.bind_combo(ui.organisation_combo, "referral.organisation_id")
        self.bind_date(ui.left_school_edit, "youth.left_school_on")
        self.bind_combo(ui.qualification_combo, "youth.has_qualification")
        self.bind_combo(ui.followed_combo, "youth.followed_by_structure")
        self.bind_plain(ui.justification_edit, "intake.eligibility_justification")
        ui.justification_edit.textChanged.connect(self._update_justification_count)
        ui.evaluation_informed_check.toggled.connect(self._update_draw_button)
        ui.evaluation_draw_button.clicked.connect(self._on_draw_clicked)
        wizard.autosaver.save_failed.connect(self._on_draw_failed)
        self._criteria_rows: list[QWidget] = []
        self._organisations_loaded = False
        self._evaluation: EvaluationInfo | None = None
        self._eligibility_accepted = False
        self._drawing = False

    def fill(self, detail: IntakeDetail) -> None:
        ui = self.ui
        r = detail.referral
        set_combo_data(ui.source_combo, r.source.value if r else None)
        ui.referred_on_edit.setText(date_text(r.referred_on) if r else "")
        ui.referrer_name_edit.setText((r.referrer_name or "") if r else "")
        ui.referrer_structure_edit.setText((r.referrer_structure or "") if r else "")
        self._organisation_id = r.organisation_id if r else None
        set_combo_data(ui.organisation_combo, self._organisation_id)
        ui.left_school_edit.setText(date_text(detail.youth.left_school_on))
        set_combo_data(ui.qualification_combo, detail.youth.has_qualification)
        set_combo_data(ui.followed_combo, detail.youth.followed_by_structure)
        ui.justification_edit.setPlainText(detail.eligibility.justification or "")
        ui.evaluation_informed_check.setChecked(False)  # told to this youth, not to the one before
        self._drawing = False
        self._update_referral_enabled()

    def refresh(self, detail: IntakeDetail) -> None:
        self.show_eligibility(detail.eligibility)
        self.show_evaluation(detail.evaluation)

    def page_shown(self) -> None:
        if not self._organisations_loaded and self.wizard.intake_id:
            self.wizard.read(
                partial(self.wizard.service.partner_organisations, intake_id=self.wizard.intake_id),
                self._on_organisations_loaded,
            )

    def _on_organisations_loaded(self, organisations: tuple[OrganisationChoice, ...]) -> None:
        self._organisations_loaded = True
        combo = self.ui.organisation_combo
        with self.loading():
            combo.clear()
            combo.addItem("Aucune", None)
            for o in organisations:
                combo.addItem(f"{o.name} ({o.kind_label})", o.organisation_id)
            set_combo_data(combo, getattr(self, "_organisation_id", None))

    def on_saved(self, result: object) -> None:
        if isinstance(result, SaveResult) and result.eligibility is not None:
            self.show_eligibility(result.eligibility)

    @Slot()
    def _update_referral_enabled(self) -> None:
        has_source = self.ui.source_combo.currentData() is not None
        for widget in (
            self.ui.referred_on_edit,
            self.ui.referrer_name_edit,
            self.ui.referrer_structure_edit,
            self.ui.organisation_combo,
        ):
            widget.setEnabled(has_source and not self.locked)
        if not has_source:
            self.ui.referred_on_edit.setPlaceholderText("choisissez d'abord qui a orienté le jeune")
        else:
            self.ui.referred_on_edit.setPlaceholderText("JJ/MM/AAAA")

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        self._update_referral_enabled()
        self._update_draw_button()

    # --- the evaluation's draw (issue 7 §7): at the confirmation of eligibility, where the territory draws ------

    def show_evaluation(self, evaluation: EvaluationInfo | None) -> None:
        self._evaluation = evaluation
        ui = self.ui
        ui.evaluation_frame.setVisible(evaluation is not None)
        if evaluation is None:
            return
        draw = evaluation.draw
        if draw is None:
            ui.evaluation_text_label.setText(
                "Ce territoire participe à l'évaluation : l'éligibilité établie, le jeune est tiré au sort, "
                "<b>dispositif</b> (l'accueil continue) ou <b>groupe témoin</b> (accompagnement habituel, sans "
                "accueil commun). Le tirage est définitif."
            )
        elif evaluation.control:
            ui.evaluation_text_label.setText(
                f"Tiré au sort le {format_date(to_paris(draw.drawn_at).date())} : <b>groupe témoin</b>. "
                "L'accueil commun s'arrête ici ; le jeune garde l'accompagnement habituel des partenaires."
            )
        else:
            ui.evaluation_text_label.setText(
                f"Tiré au sort le {format_date(to_paris(draw.drawn_at).date())} : <b>dispositif</b>. "
                "L'accueil commun continue."
            )
        theme.set_role(ui.evaluation_text_label, "warning" if evaluation.control else "")
        for widget in (ui.evaluation_informed_check, ui.evaluation_draw_button):
            widget.setVisible(evaluation.pending)
        self._update_draw_button()

    @Slot()
    def _update_draw_button(self) -> None:
        ui = self.ui
        pending = self._evaluation is not None and self._evaluation.pending
        ui.evaluation_informed_check.setEnabled(pending and not self.locked)
        ready = pending and self._eligibility_accepted and not self.locked and not self._drawing
        ui.evaluation_draw_button.setEnabled(ready and ui.evaluation_informed_check.isChecked())
        ui.evaluation_draw_button.setToolTip(
            ""
            if not pending or self._eligibility_accepted
            else "Le tirage se fait une fois tous les critères remplis (ou la dérogation justifiée)."
        )

    @Slot()
    def _on_draw_clicked(self) -> None:
        if not self.wizard.intake_id or self._drawing:
            return
        self._drawing = True
        self._update_draw_button()
        self.wizard.flush()  # the facts typed just before the click count for the eligibility checked
        fn = partial(self.wizard.service.confirm_eligibility, intake_id=self.wizard.intake_id, by=self.wizard.actor)
        self.wizard.save("evaluation.draw", fn, debounce=False, refresh_now=True, on_success=self._on_drawn)

    def _on_drawn(self, outcome: DrawOutcome) -> None:
        self._drawing = False
        self.wizard.announce(f"Tirage au sort : {outcome.draw.arm.label.lower()} ✓")

    @Slot(str, str)
    def _on_draw_failed(self, key: str, _message: str) -> None:
        if key == "evaluation.draw":
            self._drawing = False
            self._update_draw_button()

    def show_eligibility(self, view: EligibilityView) -> None:
        ui = self.ui
        layout = ui.criteria_layout
        for row in self._criteria_rows:
            layout.removeWidget(row)
            row.deleteLater()
        self._criteria_rows = []
        for criterion in view.criteria:
            if criterion.met is True:
                icon, colour, status = icons.OK, theme.ACCENT, "rempli"
            elif criterion.met is False:
                icon, colour, status = icons.ERROR, theme.ERROR, "non rempli"
            else:
                icon, colour, status = "mdi6.help-circle-outline", theme.WARNING, "à vérifier"
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            picture.setPixmap(icons.pixmap(icon, 20, colour))
            picture.setAlignment(Qt.AlignmentFlag.AlignTop)
            text = QLabel(f"<b>{text_html(criterion.label)}</b> — {status}<br>{text_html(criterion.explanation)}")
            text.setWordWrap(True)
            text.setAccessibleName(f"{criterion.label} : {status}. {criterion.explanation}")
            row_layout.addWidget(picture)
            row_layout.addWidget(text, 1)
            layout.addWidget(row)
            self._criteria_rows.append(row)
        ui.eligibility_message_label.setText(eligibility_summary(view))
        theme.set_role(ui.eligibility_message_label, "" if view.accepted else "warning")
        self._eligibility_accepted = view.accepted
        self._update_draw_button()
        needs_justification = not view.eligible or bool(view.justification)
        for widget in (ui.justification_label, ui.justification_edit, ui.justification_count_label):
            widget.setVisible(needs_justification)
        self._update_justification_count()

    @Slot()
    def _update_justification_count(self) -> None:
        n = sum(1 for ch in self.ui.justification_edit.toPlainText() if not ch.isspace())
        enough = n >= MIN_JUSTIFICATION_CHARS
        self.ui.justification_count_label.setText(
            f"{n} caractère{'s' if n > 1 else ''} sur {MIN_JUSTIFICATION_CHARS} au moins"
            + (" : la dérogation est possible." if enough else ".")
        )

    def first_focus(self) -> QWidget:
        return self.ui.source_combo


def eligibility_summary(view: EligibilityView) -> str:
    """One or two sentences under the criteria (each criterion already says why it is met or not)."""
    if view.eligible:
        return "Le jeune remplit les quatre critères du dispositif."
    if view.overridden:
        return "Le jeune ne remplit pas tous les critères : il est accueilli par dérogation, pour la raison écrite ci-dessous."
    if any(c.met is False for c in view.criteria):
        return (
            "Le jeune ne remplit pas tous les critères. Pour l'accueillir malgré tout, écrivez la raison de la "
            f"dérogation ci-dessous (au moins {MIN_JUSTIFICATION_CHARS} caractères) : elle sera conservée et imprimée."
        )
    return "Complétez les informations « à vérifier » (à gauche) : l'éligibilité se calcule au fil de la saisie."


# ---- 3. consent ----------------------------------------------------------------------------------------------

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

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard)
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
            set_combo_data(collected, consent.collected_by if consent else self.wizard.actor.staff_id)
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
        actor = self.wizard.actor
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
        fn = partial(
            self.wizard.service.record_consent,
            intake_id=self.wizard.intake_id,
            kind=kind,
            given=bool(given),
            given_on=given_on,
            collected_by=collected.currentData(),
            guardian_name=name.text() if name is not None else None,
            guardian_relationship=self.ui.guardian_relationship_edit.text() if name is not None else None,
            by=self.wizard.actor,
        )
        self._answers[kind] = bool(given)
        self.wizard.save(f"consent:{kind.value}", fn, debounce=debounce, refresh_now=not debounce)

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


# ---- 4. participants ------------------------------------------------------------------------------------


class _TeamRow:
    def __init__(self, page: ParticipantsPage, participant: ParticipantInfo, row: int) -> None:
        self.participant_id = participant.id
        self.role = participant.role
        ui = page.ui
        self.role_label = QLabel(participant.role.label if participant.role else "")
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

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard)
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
        if not self.wizard.intake_id:
            return
        for role in {row.role for row in self.rows if row.role is not None}:
            self.wizard.read(
                partial(self.wizard.service.staff_choices, intake_id=self.wizard.intake_id, role=role),
                partial(self._on_choices_loaded, role),
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
        fn = partial(
            self.wizard.service.update_participant, participant_id=row.participant_id, by=self.wizard.actor, **changes
        )
        self.wizard.save(f"participant:{row.participant_id}:{key}", fn, debounce=debounce)

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
        fn = partial(
            self.wizard.service.add_family_member,
            intake_id=self.wizard.intake_id,
            full_name=name,
            relationship=self.ui.family_relationship_edit.text(),
            participant_id=str(uuid.uuid4()),
            by=self.wizard.actor,
        )
        self.ui.family_name_edit.clear()
        self.ui.family_relationship_edit.clear()
        self.ui.family_name_edit.setFocus()
        self.wizard.save(f"family:add:{uuid.uuid4()}", fn, debounce=False, refresh_now=True)

    def _on_remove_family_clicked(self, participant_id: str) -> None:
        fn = partial(self.wizard.service.remove_participant, participant_id=participant_id, by=self.wizard.actor)
        self.wizard.save(f"family:remove:{participant_id}", fn, debounce=False, refresh_now=True)

    def first_focus(self) -> QWidget | None:
        return self.rows[0].staff_combo if self.rows else self.ui.youth_present_check
