"""Step 2 of the wizard: the referral and the eligibility (with the evaluation draw)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from pac_desktop.domain.eligibility import MIN_JUSTIFICATION_CHARS
from pac_desktop.domain.enums import ReferralSource
from pac_desktop.domain.french import format_date, to_paris
from pac_desktop.services.intake import (
    DrawOutcome,
    EligibilityView,
    EvaluationInfo,
    IntakeDetail,
    IntakeService,
    IntakeStep,
    OrganisationChoice,
    SaveResult,
)

from .. import icons, theme
from ..forms.ui_intake_referral_page import Ui_IntakeReferralPage
from .common import StepPage, date_text, set_combo_data, text_html

if TYPE_CHECKING:
    from .step_host import StepHost

UNKNOWN_YES_NO = (("Je ne sais pas encore", None), ("Non", False), ("Oui", True))


def fill_yes_no(combo: QComboBox) -> None:
    combo.clear()
    for text, value in UNKNOWN_YES_NO:
        combo.addItem(text, value)



class ReferralPage(StepPage):
    step = IntakeStep.REFERRAL

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
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
        host.save_failed.connect(self._on_draw_failed)
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
        if not self._organisations_loaded and self.host.intake_id:
            self.host.read(
                IntakeService.partner_organisations, self._on_organisations_loaded, intake_id=self.host.intake_id
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
        if not self.host.intake_id or self._drawing:
            return
        self._drawing = True
        self._update_draw_button()
        self.host.flush()  # the facts typed just before the click count for the eligibility checked
        self.host.save(
            "evaluation.draw",
            IntakeService.confirm_eligibility,
            debounce=False, refresh_now=True, on_success=self._on_drawn,
            intake_id=self.host.intake_id,
        )

    def _on_drawn(self, outcome: DrawOutcome) -> None:
        self._drawing = False
        self.host.announce(f"Tirage au sort : {outcome.draw.arm.label.lower()} ✓")

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
