"""The joint intake (accueil commun), from finding the youth to the validated, locked record (DESIGN §4).

Every public method is one unit of work, takes keyword-only arguments and returns frozen dataclasses or ids.
Writes go through the ORM in a LocalSession, so the outbox records each of them; ``by`` is the logged-in
staff member (``updated_by`` of every row written). The rules come from the domain: eligibility
(domain.eligibility), the required team (domain.team), the referent cap (domain.caseload) and the state
machine (domain.intake_state). Messages a user sees are French and say what to do.

Autosave: the wizard saves each field as it is typed through :meth:`IntakeService.save_field` (a whitelist of
the youth's, the referral's and the intake's fields), and rows made while typing (notes) take an id chosen by
the caller, so that a save repeated after a crash or a retry is harmless.


Where each use case lives: youth.py (finding or creating the youth, opening the intake, autosaved fields),
referral.py (referral and eligibility, the draw), consent.py (consent and the team), analysis.py (notes, barriers),
solutions.py (solutions and the single referent), validation.py (validation, amendments), checklist.py (what is
missing), detail.py (reading intakes) over read_model.py (the one read model of an intake); facade.py gathers
them in IntakeService. views.py holds the frozen views, fields.py the autosaved fields, rows.py shared lookups.
"""

from ..choices import OrganisationChoice, ReferentChoice, StaffChoice
from .facade import IntakeService
from .fields import EDITABLE_FIELDS, FIELDS, field_label
from .views import (
    CONTROL_GROUP_REASON,
    MAX_CANDIDATES,
    MIN_AMENDMENT_REASON_CHARS,
    OPEN_STATES,
    STAGE_2_STEPS,
    UNSET,
    AmendmentInfo,
    ConsentInfo,
    CriterionView,
    DrawOutcome,
    EligibilityView,
    EvaluationInfo,
    IntakeAlreadyOpen,
    IntakeDetail,
    IntakeLocked,
    IntakeStep,
    IntakeSummaryLine,
    MissingItem,
    NoteInfo,
    OfferLine,
    OpenIntakeLine,
    ParticipantInfo,
    ReferentInfo,
    ReferralInfo,
    SaveResult,
    SolutionInfo,
    StepState,
    ValidationBlocked,
    ValidationInfo,
    ValidationOutcome,
    YouthCandidate,
    YouthCreation,
    YouthInfo,
)

__all__ = [
    "OrganisationChoice",
    "ReferentChoice",
    "StaffChoice",
    "AmendmentInfo",
    "CONTROL_GROUP_REASON",
    "ConsentInfo",
    "CriterionView",
    "DrawOutcome",
    "EDITABLE_FIELDS",
    "EligibilityView",
    "EvaluationInfo",
    "FIELDS",
    "IntakeAlreadyOpen",
    "IntakeDetail",
    "IntakeLocked",
    "IntakeService",
    "IntakeStep",
    "IntakeSummaryLine",
    "MAX_CANDIDATES",
    "MIN_AMENDMENT_REASON_CHARS",
    "MissingItem",
    "NoteInfo",
    "OPEN_STATES",
    "OfferLine",
    "OpenIntakeLine",
    "ParticipantInfo",
    "ReferentInfo",
    "ReferralInfo",
    "STAGE_2_STEPS",
    "SaveResult",
    "SolutionInfo",
    "StepState",
    "UNSET",
    "ValidationBlocked",
    "ValidationInfo",
    "ValidationOutcome",
    "YouthCandidate",
    "YouthCreation",
    "YouthInfo",
    "field_label",
]
