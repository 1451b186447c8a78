"""The referral and the eligibility, with the evaluation's draw at confirmation."""

from __future__ import annotations

from datetime import date

from pac_desktop.domain.eligibility import (
    decide,
)
from pac_desktop.domain.enums import (
    EvaluationArm,
    IntakeState,
    ReferralSource,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.intake_state import transition
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.lookups import live_youth

from ..context import Actor
from ..evaluation import draw_in
from .base import IntakeServiceBase
from .fields import FIELDS, _coerce, _row_for
from .rows import (
    _assess,
    _editable,
    _eligibility_view,
    _intake,
    _refresh_override,
    _release_referent,
    _youth_back_to_referred,
)
from .views import CONTROL_GROUP_REASON, DrawOutcome, EligibilityView, SaveResult


class ReferralSteps(IntakeServiceBase):
    """The referral and the eligibility (with the evaluation's draw)."""

    # ---- referral and eligibility -----------------------------------------------------------

    def set_referral(
        self,
        *,
        intake_id: str,
        source: ReferralSource,
        referred_on: date,
        referrer_name: str | None = None,
        referrer_structure: str | None = None,
        organisation_id: str | None = None,
        by: Actor,
    ) -> SaveResult:
        """Record (or replace) who referred the youth, in one go (the command line's way)."""
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            referral = _row_for(session, intake, FIELDS["referral.source"], today=today)
            for key, value in (
                ("referral.source", source),
                ("referral.referred_on", referred_on),
                ("referral.referrer_name", referrer_name),
                ("referral.referrer_structure", referrer_structure),
                ("referral.organisation_id", organisation_id),
            ):
                spec = FIELDS[key]
                value = _coerce(session, spec, value)
                if getattr(referral, spec.attr) != value:
                    setattr(referral, spec.attr, value)
            return SaveResult(saved_at=utcnow())

    def eligibility(self, *, intake_id: str) -> EligibilityView:
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            return _eligibility_view(intake, live_youth(session, intake.youth_id), self._ctx.today())

    def override_eligibility(self, *, intake_id: str, justification: str, by: Actor) -> EligibilityView:
        """Accept a youth who does not meet the criteria, with a written justification (domain rules decide).

        Raises EligibilityRefused (French, says what is missing) when the justification is too short.
        """
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            youth = live_youth(session, intake.youth_id)
            decide(_assess(intake, youth, today), override_justification=justification)
            intake.eligibility_justification = justification.strip()
            _refresh_override(intake, youth, today)
            return _eligibility_view(intake, youth, today)

    def confirm_eligibility(self, *, intake_id: str, by: Actor) -> DrawOutcome:
        """Eligibility confirmed where the territory takes part in the randomised evaluation: the youth is drawn.

        Programme: the intake goes on. Control group: the intake ends here (cancelled, with the reason), the
        youth keeps the usual support of the partners; a later intake is refused while the evaluation runs.
        One unit of work: the draw, its audit entry and the cancellation land together or not at all.
        """
        today = self._ctx.today()
        with self._ctx.read() as session:
            youth_id = _intake(session, intake_id).youth_id
        if self._guard is not None:
            self._guard.require(by, Action.EVALUATION_DRAW, youth_id=youth_id, entity="evaluation_assignment")
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            youth = live_youth(session, intake.youth_id)
            view = _eligibility_view(intake, youth, today)
            if not view.accepted:
                raise DomainError(
                    "L'éligibilité n'est pas encore établie : le tirage au sort se fait une fois tous les critères "
                    "remplis (ou la dérogation justifiée). " + view.message
                )
            draw = draw_in(session, youth, by=by, today=today)
            if draw.arm != EvaluationArm.CONTROL:
                return DrawOutcome(
                    draw, intake_cancelled=False,
                    message="Tirage au sort : le jeune entre dans le dispositif. L'accueil commun continue.",
                )
            intake.state = transition(intake.state, IntakeState.CANCELLED)
            intake.cancel_reason = CONTROL_GROUP_REASON
            _release_referent(session, intake)
            _youth_back_to_referred(session, intake)
            return DrawOutcome(
                draw, intake_cancelled=True,
                message=(
                    "Tirage au sort : le jeune fait partie du groupe témoin de l'évaluation. L'accueil commun "
                    "s'arrête ici ; expliquez-lui qu'il garde l'accompagnement habituel de la Mission Locale, "
                    "du CIO et de la MGI."
                ),
            )
