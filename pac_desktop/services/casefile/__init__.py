"""The referent's case file: identity with its history, solutions, follow-up diary, outcomes, referent
changes, case reviews, and the "À faire" list (issue 4).

Every method is one unit of work on the local store (it works offline); every write goes through the ORM in
a ``LocalSession``, so the outbox records it for the sync. Results are frozen dataclasses.


Where each use case lives: reading.py (the file as shown), identity.py (identity, guardians, history), solutions.py,
follow_up.py (diary, outcomes, exit), referent.py (changing the referent; partners, offers, staff to pick);
facade.py gathers them in CaseFileService. Case reviews are in services/reviews.py, the « À faire » list in
services/todo.py, the outcome schedule in services/outcomes.py, a solution's category in services/offers.py.
"""

from ..choices import OrganisationChoice, ReferentChoice, StaffChoice
from .facade import CaseFileService
from .identity import GUARDIAN_FIELD_LABELS, YOUTH_FIELD_LABELS
from .views import (
    MIN_REASON_CHARS,
    AmendmentView,
    CaseFile,
    CaseHeader,
    DecisionView,
    FollowUpView,
    GuardianView,
    Identity,
    IdentityChangeView,
    IntakeNoteView,
    IntakeSectionView,
    IntakeView,
    OfferChoice,
    OutcomeView,
    ReferentPeriod,
    SolutionView,
)

__all__ = [
    "OrganisationChoice",
    "ReferentChoice",
    "StaffChoice",
    "AmendmentView",
    "CaseFile",
    "CaseFileService",
    "CaseHeader",
    "DecisionView",
    "FollowUpView",
    "GUARDIAN_FIELD_LABELS",
    "GuardianView",
    "Identity",
    "IdentityChangeView",
    "IntakeNoteView",
    "IntakeSectionView",
    "IntakeView",
    "MIN_REASON_CHARS",
    "OfferChoice",
    "OutcomeView",
    "ReferentPeriod",
    "SolutionView",
    "YOUTH_FIELD_LABELS",
]
