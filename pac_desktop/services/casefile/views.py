"""What the case file service returns: frozen views of a youth's file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import (
    CONTACT_KINDS,
    AnalysisSection,
    Barrier,
    FollowUpKind,
    IntakeState,
    OfferCategory,
    OutcomeMilestone,
    OutcomeSituation,
    ReferralSource,
    Sex,
    SolutionStatus,
    YouthAnswer,
    YouthStatus,
)

from ..outcomes import OUTCOME_STATE_LABELS, OutcomeState
from ..reperage.contacts import ContactAttemptView

MIN_REASON_CHARS = 5


# --------------------------------------------------------------------------------------------------
# Read models
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseHeader:
    youth_id: str
    first_name: str
    last_name: str
    birth_date: date
    age: int | None
    territory_id: str
    territory_name: str
    referent_id: str | None
    referent_name: str | None
    status: YouthStatus

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Identity:
    first_name: str
    last_name: str
    birth_date: date
    sex: Sex | None
    phone: str | None
    email: str | None
    address: str | None
    postcode: str | None
    town: str | None
    lives_in_priority_area: bool
    newly_arrived: bool
    left_school_on: date | None
    last_class: str | None


@dataclass(frozen=True)
class GuardianView:
    id: str
    full_name: str
    relationship: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class IdentityChangeView:
    id: str
    entity: str
    row_id: str
    field: str
    field_label: str
    old_text: str
    new_text: str
    changed_by_name: str | None
    changed_at: datetime


@dataclass(frozen=True)
class SolutionView:
    id: str
    title: str
    category: OfferCategory
    youth_answer: YouthAnswer
    status: SolutionStatus
    planned_start: date | None
    started_on: date | None
    ended_on: date | None
    notes: str
    from_intake: bool
    provider_name: str | None


@dataclass(frozen=True)
class FollowUpView:
    id: str
    kind: FollowUpKind
    occurred_on: date
    staff_id: str | None
    staff_name: str | None
    partner_organisation_id: str | None
    partner_name: str | None
    note: str
    written_at: datetime

    @property
    def is_contact(self) -> bool:
        return self.kind in CONTACT_KINDS


@dataclass(frozen=True)
class OutcomeView:
    id: str | None  # None: the milestone has no row yet (its due date comes from the intake's date)
    milestone: OutcomeMilestone
    due_on: date | None
    recorded_on: date | None
    situation: OutcomeSituation | None
    note: str
    recorded_by_name: str | None
    state: OutcomeState

    @property
    def state_label(self) -> str:
        return OUTCOME_STATE_LABELS[self.state]


@dataclass(frozen=True)
class ReferentPeriod:
    id: str
    staff_id: str
    staff_name: str
    started_on: date
    ended_on: date | None
    reason: str | None
    cap_override_reason: str | None
    designated_by_name: str | None


@dataclass(frozen=True)
class DecisionView:
    review_id: str
    planned_on: date
    title: str
    place: str | None
    held: bool
    decision: str
    participants: tuple[str, ...]


@dataclass(frozen=True)
class IntakeNoteView:
    author_name: str | None
    text: str
    written_at: datetime


@dataclass(frozen=True)
class IntakeSectionView:
    section: AnalysisSection
    label: str
    sensitive: bool
    notes: tuple[IntakeNoteView, ...]


@dataclass(frozen=True)
class AmendmentView:
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    amended_by_name: str | None
    amended_at: datetime


@dataclass(frozen=True)
class IntakeView:
    """The joint intake as the case file shows it: read-only, with its amendments."""

    id: str
    state: IntakeState
    planned_at: datetime | None
    held_on: date | None
    validated_at: datetime | None
    territory_name: str
    host_name: str | None
    referral_source: ReferralSource | None
    referred_on: date | None
    referrer: str | None
    participants: tuple[str, ...]
    eligibility_overridden: bool
    eligibility_justification: str | None
    sections: tuple[IntakeSectionView, ...]
    barriers: tuple[Barrier, ...]
    shared_diagnosis: str
    diagnosis_agreed: bool
    next_appointment_at: datetime | None
    next_appointment_place: str | None
    next_appointment_with: str | None
    amendments: tuple[AmendmentView, ...]
    #: The one intake date (Paris time), None while nobody dated the intake; the youth's age on that day.
    intake_date: date | None = None
    age_at_intake: int | None = None
    #: The solutions proposed at the intake, each with the youth's answer (« Garantie jeunes — acceptée »).
    solutions: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseFile:
    header: CaseHeader
    identity: Identity
    guardians: tuple[GuardianView, ...]
    identity_history: tuple[IdentityChangeView, ...]
    intake: IntakeView | None
    solutions: tuple[SolutionView, ...]
    timeline: tuple[FollowUpView, ...]  # newest first
    outcomes: tuple[OutcomeView, ...]  # 3, 6, 12 months, exit
    referents: tuple[ReferentPeriod, ...]  # newest first
    decisions: tuple[DecisionView, ...]  # newest first
    #: Issue 13: the consent to share in force, one sentence per kind (who, when, for whom, the guardian).
    consents: tuple[str, ...] = ()
    #: The sharing in force: given when any consent in force is given (it can then be withdrawn), else the
    #: youth's refusal or withdrawal; None when never asked.
    consent_state: ConsentState | None = None
    #: Issue 18: the tries to reach the youth (repérage, reminders sent), newest first; shown in the diary.
    contact_attempts: tuple[ContactAttemptView, ...] = ()
    #: Issue 18: the youth refused messages (no SMS, no e-mail, no reminder).
    messages_refused: bool = False
    #: The day (Paris) the refusal was noted and who noted it; None for a refusal noted before they were kept.
    messages_refused_since: date | None = None
    messages_refused_by: str | None = None




@dataclass(frozen=True)
class OfferChoice:
    id: str
    title: str
    category: OfferCategory
    provider_name: str | None
