"""The intake's steps, errors and the frozen views its service returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pac_desktop.domain.caseload import caseload_label
from pac_desktop.domain.consent import REFUSED_KEEP_DAYS, ConsentState
from pac_desktop.domain.eligibility import (
    MIN_JUSTIFICATION_CHARS,
)
from pac_desktop.domain.enums import (
    AnalysisSection,
    Barrier,
    ConsentKind,
    EvaluationArm,
    IntakeRole,
    IntakeState,
    LabelledEnum,
    OfferCategory,
    ParticipantKind,
    ReferralSource,
    Sex,
    YouthAnswer,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.intake_state import is_open

from ..evaluation import DrawResult

# --------------------------------------------------------------------------------------------------
# The wizard's steps
# --------------------------------------------------------------------------------------------------


class IntakeStep(LabelledEnum):
    """The wizard's pages, in order; the value is stored in JointIntake.current_step."""

    YOUTH = ("youth", "Jeune")
    REFERRAL = ("referral", "Repérage")
    CONSENT = ("consent", "Consentement")
    PARTICIPANTS = ("participants", "Participants")
    ANALYSIS = ("analysis", "Analyse partagée")
    SOLUTIONS = ("solutions", "Propositions")
    REFERENT = ("referent", "Référent unique")
    VALIDATION = ("validation", "Validation")


STAGE_2_STEPS = frozenset({IntakeStep.SOLUTIONS, IntakeStep.REFERENT, IntakeStep.VALIDATION})

#: Open intakes (not validated, cancelled or no-show).
OPEN_STATES = (IntakeState.PLANNED, IntakeState.STAGE_1, IntakeState.STAGE_2)

MIN_AMENDMENT_REASON_CHARS = 5
#: Why an intake stops at the draw (issue 7 §7): printed in the case file and the committee's tables.
CONTROL_GROUP_REASON = "Tiré(e) au sort dans le groupe témoin de l'évaluation : accompagnement habituel des partenaires."
MAX_CANDIDATES = 20


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "Leave this field as it is" for the optional arguments of update methods.
UNSET: Any = _Unset()


# --------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------


class IntakeLocked(DomainError):
    """The intake is validated (or cancelled): it can no longer be edited, only amended."""


class IntakeAlreadyOpen(DomainError):
    """The youth already has an intake in progress; ``intake_id`` is it, to resume."""

    def __init__(self, message: str, *, intake_id: str) -> None:
        super().__init__(message)
        self.intake_id = intake_id


class ValidationBlocked(DomainError):
    """Something the validation needs is missing; ``missing`` lists it, each with its step."""

    def __init__(self, message: str, *, missing: tuple[MissingItem, ...]) -> None:
        super().__init__(message)
        self.missing = missing


# --------------------------------------------------------------------------------------------------
# Results and read models (frozen: they cross threads and layers)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YouthCandidate:
    """A youth already in the store who may be the person being searched for."""

    youth_id: str
    first_name: str
    last_name: str
    birth_date: date
    territory_name: str
    status: YouthStatus
    score: int
    strong: bool
    reasons: tuple[str, ...]
    open_intake_id: str | None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def why(self) -> str:
        return " ; ".join(self.reasons)


@dataclass(frozen=True)
class YouthCreation:
    """What create_youth did: ``youth_id`` is None when strong candidates stopped it (see ``candidates``)."""

    youth_id: str | None
    candidates: tuple[YouthCandidate, ...]

    @property
    def created(self) -> bool:
        return self.youth_id is not None


@dataclass(frozen=True)
class CriterionView:
    code: str
    label: str
    met: bool | None
    explanation: str


@dataclass(frozen=True)
class EligibilityView:
    criteria: tuple[CriterionView, ...]
    eligible: bool
    overridden: bool
    justification: str | None
    #: A French sentence or paragraph summing up: all met, overridden, or what is missing and how to override.
    message: str
    min_justification_chars: int = MIN_JUSTIFICATION_CHARS

    @property
    def accepted(self) -> bool:
        return self.eligible or self.overridden


@dataclass(frozen=True)
class SaveResult:
    """An autosave done: when, and the eligibility when the field changed it."""

    saved_at: datetime
    eligibility: EligibilityView | None = None


@dataclass(frozen=True)
class YouthInfo:
    id: str
    first_name: str
    last_name: str
    birth_date: date
    age: int | None  # at the intake date
    minor: bool
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
    has_qualification: bool | None
    followed_by_structure: bool | None
    status: YouthStatus
    territory_id: str

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def short_name(self) -> str:
        """ "Léa M.": enough on a shared screen."""
        return f"{self.first_name} {self.last_name[:1]}." if self.last_name else self.first_name


@dataclass(frozen=True)
class ReferralInfo:
    id: str
    source: ReferralSource
    referred_on: date
    referrer_name: str | None
    referrer_structure: str | None
    organisation_id: str | None
    organisation_name: str | None
    notes: str


@dataclass(frozen=True)
class ConsentInfo:
    id: str
    kind: ConsentKind
    given: bool
    given_on: date
    collected_by: str | None
    collected_by_name: str | None
    guardian_name: str | None
    #: Issue 13: the state (given, refused, withdrawn), who typed it and when, the guardian's link, a reason.
    state: ConsentState = ConsentState.GIVEN
    recorded_by_name: str | None = None
    recorded_at: datetime | None = None
    guardian_relationship: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ParticipantInfo:
    id: str
    kind: ParticipantKind
    role: IntakeRole | None
    staff_id: str | None
    staff_name: str | None
    initials: str | None
    organisation_name: str | None
    full_name: str | None
    relationship: str | None
    present: bool
    absence_reason: str | None
    #: Display order, and the speaker chip's colour index in stage 1.
    position: int
    #: The role's name in the intake's territory (reference data, issue 18 §7); "" for the youth and family.
    role_title: str = ""

    @property
    def display_name(self) -> str:
        return self.staff_name or self.full_name or ""


@dataclass(frozen=True)
class NoteInfo:
    id: str
    section: AnalysisSection
    author_staff_id: str | None
    author_name: str | None
    author_initials: str | None
    #: The author's participant position (their chip colour), None if they are no longer a participant.
    author_position: int | None
    text: str
    written_at: datetime
    sensitive: bool


@dataclass(frozen=True)
class SolutionInfo:
    id: str
    offer_id: str | None
    title: str
    category: OfferCategory
    provider_name: str | None
    free_text: str | None
    youth_answer: YouthAnswer
    planned_start: date | None
    notes: str


@dataclass(frozen=True)
class ReferentInfo:
    assignment_id: str
    staff_id: str
    name: str
    organisation_name: str
    caseload: int
    cap: int
    started_on: date
    cap_override_reason: str | None
    designated_by_name: str | None

    @property
    def caseload_label(self) -> str:
        return caseload_label(self.caseload, self.cap)


@dataclass(frozen=True)
class ValidationInfo:
    staff_id: str
    staff_name: str
    validated_at: datetime


@dataclass(frozen=True)
class AmendmentInfo:
    id: str
    field: str
    field_label: str
    old_value: str | None
    new_value: str | None
    reason: str
    amended_by_name: str | None
    amended_at: datetime


@dataclass(frozen=True)
class MissingItem:
    """One thing the validation still needs, in plain French, with the step where it is filled."""

    step: IntakeStep
    message: str


@dataclass(frozen=True)
class StepState:
    step: IntakeStep
    complete: bool
    missing: int




@dataclass(frozen=True)
class OfferLine:
    offer_id: str
    code: str
    title: str
    description: str
    category: OfferCategory
    provider_name: str | None
    #: True for an offer of this territory only, False for one open in every territory.
    local: bool
    min_age: int
    max_age: int | None
    newly_arrived_only: bool



@dataclass(frozen=True)
class OpenIntakeLine:
    """One line of "Accueils en cours"."""

    intake_id: str
    youth_id: str
    youth_name: str
    youth_short_name: str
    age: int | None
    territory_name: str
    host_organisation_name: str | None
    state: IntakeState
    current_step: IntakeStep
    planned_at: datetime | None
    held_on: date | None
    updated_at: datetime


@dataclass(frozen=True)
class IntakeSummaryLine:
    """One intake of a youth, for the case file."""

    intake_id: str
    state: IntakeState
    held_on: date | None
    planned_at: datetime | None
    territory_name: str
    validated_at: datetime | None
    current_step: IntakeStep


@dataclass(frozen=True)
class ValidationOutcome:
    validated_by: tuple[str, ...]
    waiting_for: tuple[str, ...]
    locked: bool


@dataclass(frozen=True)
class EvaluationInfo:
    """The randomised evaluation as it concerns this intake: on for the territory, and the draw once made."""

    enabled: bool
    draw: DrawResult | None

    @property
    def pending(self) -> bool:
        """The territory draws and this youth has not been drawn yet: eligibility still to be confirmed."""
        return self.enabled and self.draw is None

    @property
    def control(self) -> bool:
        return self.draw is not None and self.draw.arm == EvaluationArm.CONTROL


@dataclass(frozen=True)
class DrawOutcome:
    """What the confirmation of eligibility did: the draw, and whether the intake ends there (control group)."""

    draw: DrawResult
    intake_cancelled: bool
    message: str


@dataclass(frozen=True)
class IntakeDetail:
    """Everything about one intake, for the wizard, the case file and the printed documents."""

    id: str
    youth: YouthInfo
    territory_id: str
    territory_name: str
    host_organisation_id: str | None
    host_organisation_name: str | None
    state: IntakeState
    current_step: IntakeStep
    planned_at: datetime | None
    held_on: date | None
    intake_date: date
    youth_present: bool
    referral: ReferralInfo | None
    eligibility: EligibilityView
    consents: tuple[ConsentInfo, ...]
    required_consents: tuple[ConsentKind, ...]
    required_roles: tuple[IntakeRole, ...]
    participants: tuple[ParticipantInfo, ...]
    notes: tuple[NoteInfo, ...]
    barriers: frozenset[Barrier]
    shared_diagnosis: str
    diagnosis_agreed: bool
    solutions: tuple[SolutionInfo, ...]
    referent: ReferentInfo | None
    next_appointment_at: datetime | None
    next_appointment_place: str | None
    next_appointment_staff_id: str | None
    next_appointment_staff_name: str | None
    validations: tuple[ValidationInfo, ...]
    validated_at: datetime | None
    amendments: tuple[AmendmentInfo, ...]
    missing: tuple[MissingItem, ...]
    steps: tuple[StepState, ...]
    cancel_reason: str | None
    #: None where the territory does not draw and the youth was never drawn.
    evaluation: EvaluationInfo | None = None
    #: The setting in force: how many days this computer keeps the content of an intake whose sharing was refused
    #: (issue 13; read with the intake, so that the refusal's confirmation states it without touching the store).
    refused_keep_days: int = REFUSED_KEEP_DAYS

    @property
    def locked(self) -> bool:
        return not is_open(self.state)

    @property
    def intake_day(self) -> date | None:
        """The intake date when the intake has one (held, or planned); None while nobody dated it."""
        return self.intake_date if self.held_on is not None or self.planned_at is not None else None

    @property
    def header(self) -> str:
        """ "Accueil commun — Léa M., 17 ans · Tarbes"."""
        age = f", {self.youth.age} ans" if self.youth.age is not None else ""
        return f"Accueil commun — {self.youth.short_name}{age} · {self.territory_name}"

    @property
    def counsellors(self) -> tuple[ParticipantInfo, ...]:
        return tuple(p for p in self.participants if p.kind == ParticipantKind.COUNSELLOR)

    @property
    def present_counsellors(self) -> tuple[ParticipantInfo, ...]:
        """The counsellors at the table: the speaker chips of stage 1, and who validates."""
        return tuple(p for p in self.counsellors if p.present and p.staff_id)

    @property
    def family(self) -> tuple[ParticipantInfo, ...]:
        return tuple(p for p in self.participants if p.kind == ParticipantKind.FAMILY)

    def team_lines(self) -> tuple[str, ...]:
        """Who was at the table, one line each (« Jeanne Testa — Psychologue de l'Éducation nationale »), the
        absent with their reason: the words of the case file and of the personal-data export."""
        return tuple(_participant_line(p) for p in self.participants)

    def solution_lines(self) -> tuple[str, ...]:
        """The solutions proposed, each with the youth's answer (« CAP cuisine — le jeune accepte »)."""
        return tuple(f"{s.title} — le jeune {s.youth_answer.label.lower()}" for s in self.solutions)

    def consent(self, kind: ConsentKind) -> ConsentInfo | None:
        return next((c for c in self.consents if c.kind == kind), None)

    def notes_of(self, section: AnalysisSection) -> tuple[NoteInfo, ...]:
        return tuple(n for n in self.notes if n.section == section)

    def missing_for(self, step: IntakeStep) -> tuple[MissingItem, ...]:
        return tuple(m for m in self.missing if m.step == step)

    def step_complete(self, step: IntakeStep) -> bool:
        return next(s.complete for s in self.steps if s.step == step)


def _participant_line(p: ParticipantInfo) -> str:
    if p.kind is ParticipantKind.COUNSELLOR:
        who = p.staff_name or "Conseiller non précisé"
        text = f"{who} — {p.role_title or p.role.label}" if p.role else who
    elif p.kind is ParticipantKind.YOUTH:
        text = "Le jeune"
    else:
        text = p.full_name or "Membre de la famille"
        if p.relationship:
            text += f" ({p.relationship})"
    return text if p.present else f"{text} — absent" + (f" : {p.absence_reason}" if p.absence_reason else "")
