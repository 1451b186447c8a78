"""The joint intake (accueil commun), from finding the youth to the validated, locked record (DESIGN §4).

Every public method is one unit of work, takes keyword-only arguments and returns frozen dataclasses or ids.
Writes go through the ORM in a LocalSession, so the outbox records each of them; ``by`` is the logged-in
staff member (``updated_by`` of every row written). The rules come from the domain: eligibility
(domain.eligibility), the required team (domain.team), the referent cap (domain.caseload) and the state
machine (domain.intake_state). Messages a user sees are French and say what to do.

Autosave: the wizard saves each field as it is typed through :meth:`IntakeService.save_field` (a whitelist of
the youth's, the referral's and the intake's fields), and rows made while typing (notes) take an id chosen by
the caller, so that a save repeated after a crash or a retry is harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import TypeDecorator, and_, case, func, or_, select

from pac_desktop.domain.caseload import caseload_label, check_designation
from pac_desktop.domain.eligibility import (
    MIN_JUSTIFICATION_CHARS,
    Eligibility,
    EligibilityFacts,
    EligibilityRefused,
    age_on,
    assess_eligibility,
    decide,
    is_adult_on,
)
from pac_desktop.domain.enums import (
    ROLE_ORG_KINDS,
    SENSITIVE_SECTIONS,
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
    StaffRole,
    YouthAnswer,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound, PermissionDenied
from pac_desktop.domain.french import PARIS, format_date, format_date_short, format_datetime, parse_date_fr, to_paris
from pac_desktop.domain.intake_state import is_open, transition
from pac_desktop.domain.team import TeamMember, check_staff_can_hold, team_gaps
from pac_desktop.domain.text import normalise
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import new_id, utcnow
from pac_desktop.storage.models import (
    AnalysisNote,
    IntakeAmendment,
    IntakeBarrier,
    IntakeConsent,
    IntakeParticipant,
    IntakeValidation,
    JointIntake,
    Organisation,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    ServiceOffer,
    Staff,
    StaffRoleGrant,
    Territory,
    TerritoryRequiredRole,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession, tombstone

from .access import AccessGuard
from .casefile import live_youth, schedule_outcomes, solution_category
from .context import Actor, ServiceContext
from .evaluation import DrawResult, assignment_in, draw_in, evaluation_on_in
from .staff import current_caseloads
from .youth_matching import MIN_SCORE, MatchScore, name_tokens, near_birth_dates, score_match

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
#: Rows read from the name prefix lookup before scoring (the birth date lookup is small by nature).
_NAME_PREFILTER_LIMIT = 250


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
class StaffChoice:
    staff_id: str
    name: str
    initials: str
    organisation_name: str


@dataclass(frozen=True)
class ReferentChoice:
    staff_id: str
    name: str
    organisation_name: str
    caseload: int
    cap: int
    #: False when the cap is reached (an administrator may still override it, with a reason).
    selectable: bool
    #: Why the referent cannot be chosen, in French (None when selectable).
    reason: str | None
    current: bool

    @property
    def caseload_label(self) -> str:
        return caseload_label(self.caseload, self.cap)


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
class OrganisationChoice:
    organisation_id: str
    name: str
    kind_label: str


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

    @property
    def locked(self) -> bool:
        return not is_open(self.state)

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

    def consent(self, kind: ConsentKind) -> ConsentInfo | None:
        return next((c for c in self.consents if c.kind == kind), None)

    def notes_of(self, section: AnalysisSection) -> tuple[NoteInfo, ...]:
        return tuple(n for n in self.notes if n.section == section)

    def missing_for(self, step: IntakeStep) -> tuple[MissingItem, ...]:
        return tuple(m for m in self.missing if m.step == step)

    def step_complete(self, step: IntakeStep) -> bool:
        return next(s.complete for s in self.steps if s.step == step)


# --------------------------------------------------------------------------------------------------
# The fields the wizard autosaves
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    key: str
    model: type
    attr: str
    label: str
    required: bool = False
    affects_eligibility: bool = False


def _fields() -> dict[str, _Field]:
    f = _Field
    specs = [
        f("youth.first_name", Youth, "first_name", "Prénom", required=True),
        f("youth.last_name", Youth, "last_name", "Nom", required=True),
        f("youth.birth_date", Youth, "birth_date", "Date de naissance", required=True, affects_eligibility=True),
        f("youth.sex", Youth, "sex", "Sexe"),
        f("youth.phone", Youth, "phone", "Téléphone"),
        f("youth.email", Youth, "email", "Courriel"),
        f("youth.address", Youth, "address", "Adresse"),
        f("youth.postcode", Youth, "postcode", "Code postal"),
        f("youth.town", Youth, "town", "Commune"),
        f("youth.lives_in_priority_area", Youth, "lives_in_priority_area", "Habite un quartier prioritaire"),
        f("youth.newly_arrived", Youth, "newly_arrived", "Nouvellement arrivé en France"),
        f("youth.last_class", Youth, "last_class", "Dernière classe suivie"),
        f(
            "youth.left_school_on",
            Youth,
            "left_school_on",
            "Date de sortie du système scolaire",
            affects_eligibility=True,
        ),
        f("youth.has_qualification", Youth, "has_qualification", "A une qualification", affects_eligibility=True),
        f(
            "youth.followed_by_structure",
            Youth,
            "followed_by_structure",
            "Déjà suivi par une structure",
            affects_eligibility=True,
        ),
        f("intake.host_organisation_id", JointIntake, "host_organisation_id", "Structure d'accueil"),
        f("intake.planned_at", JointIntake, "planned_at", "Date prévue de l'accueil", affects_eligibility=True),
        f("intake.held_on", JointIntake, "held_on", "Date de l'accueil", affects_eligibility=True),
        f("intake.youth_present", JointIntake, "youth_present", "Jeune présent", required=True),
        f("intake.shared_diagnosis", JointIntake, "shared_diagnosis", "Diagnostic partagé"),
        f("intake.diagnosis_agreed", JointIntake, "diagnosis_agreed", "Diagnostic approuvé par tous", required=True),
        f("intake.next_appointment_at", JointIntake, "next_appointment_at", "Date du prochain rendez-vous"),
        f("intake.next_appointment_place", JointIntake, "next_appointment_place", "Lieu du prochain rendez-vous"),
        f("intake.next_appointment_staff_id", JointIntake, "next_appointment_staff_id", "Prochain rendez-vous avec"),
        f(
            "intake.eligibility_justification",
            JointIntake,
            "eligibility_justification",
            "Justification de la dérogation",
            affects_eligibility=True,
        ),
        f("referral.source", Referral, "source", "Orienté par", required=True),
        f("referral.referred_on", Referral, "referred_on", "Date du repérage", required=True),
        f("referral.referrer_name", Referral, "referrer_name", "Nom du prescripteur"),
        f("referral.referrer_structure", Referral, "referrer_structure", "Structure du prescripteur"),
        f("referral.organisation_id", Referral, "organisation_id", "Structure qui a orienté le jeune"),
        f("referral.notes", Referral, "notes", "Remarques sur le repérage"),
    ]
    return {spec.key: spec for spec in specs}


FIELDS: dict[str, _Field] = _fields()
#: Every field save_field() and amend() accept.
EDITABLE_FIELDS: frozenset[str] = frozenset(FIELDS)


def field_label(key: str) -> str:
    spec = FIELDS.get(key)
    return spec.label if spec else key


def _coerce(session: LocalSession, spec: _Field, value: Any) -> Any:
    """The value typed, as the column stores it; a French DomainError when it cannot be."""
    column = spec.model.__table__.c[spec.attr]
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    python_type = column_type.python_type
    if isinstance(value, str) and python_type is not str and not value.strip():
        value = None
    if isinstance(value, str) and python_type is str and column.nullable and not value.strip():
        value = None
    if value is None:
        if spec.required or not column.nullable:
            if python_type is str and not spec.required:
                return ""
            raise DomainError(f"« {spec.label} » ne peut pas rester vide.")
        return None
    if python_type is date:
        if isinstance(value, datetime):
            value = value.date()
        elif isinstance(value, str):
            value = parse_date_fr(value)
        elif not isinstance(value, date):
            raise DomainError(f"« {spec.label} » attend une date (JJ/MM/AAAA).")
        return value
    if python_type is datetime:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                raise DomainError(f"« {spec.label} » attend une date et une heure.") from None
        if not isinstance(value, datetime):
            raise DomainError(f"« {spec.label} » attend une date et une heure.")
        # A time typed by a counsellor without a zone is Paris time.
        return value.replace(tzinfo=PARIS) if value.tzinfo is None else value
    if python_type is bool:
        if isinstance(value, str):
            lowered = value.strip().casefold()
            if lowered in {"oui", "o", "true", "1", "vrai"}:
                return True
            if lowered in {"non", "n", "false", "0", "faux"}:
                return False
        if not isinstance(value, bool):
            raise DomainError(f"« {spec.label} » attend oui ou non.")
        return value
    if isinstance(python_type, type) and issubclass(python_type, LabelledEnum):
        try:
            return python_type(value)
        except ValueError:
            choices = ", ".join(m.label for m in python_type)
            raise DomainError(f"« {spec.label} » : valeur inconnue. Choix possibles : {choices}.") from None
    if python_type is str:
        if not isinstance(value, str):
            raise DomainError(f"« {spec.label} » attend du texte.")
        if spec.required:
            value = value.strip()
            if not value:
                raise DomainError(f"« {spec.label} » ne peut pas rester vide.")
        length = getattr(column_type, "length", None)
        if length and len(value) > length:
            raise DomainError(f"« {spec.label} » est trop long : {length} caractères au plus.")
        if spec.attr.endswith("_id"):
            _check_reference(session, spec, value)
        return value
    raise TypeError(f"unsupported column type for {spec.key}")  # pragma: no cover - a programming error


def _check_reference(session: LocalSession, spec: _Field, value: str) -> None:
    target = Staff if spec.attr.endswith("staff_id") else Organisation
    row = session.get(target, value)
    if row is None or row.deleted_at is not None:
        what = "Cette personne" if target is Staff else "Cette structure"
        raise NotFound(f"{what} n'existe pas (ou plus) dans cette base : choisissez-en une autre.")


def _display_value(value: Any) -> str | None:
    """A stored value as a French text, for amendments."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date_short(value)
    return str(value)


# --------------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------------


class IntakeService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard  # issue 7: roles (counsellors of the territory) checked when a file or an intake opens

    def _require_edit(self, by: Actor, intake_id: str | None = None, *, row: tuple[type, str] | None = None) -> None:
        """Counsellors of the intake's territory only (issue 7 §3); checked before the write unit of work, so a
        refusal's audit entry stays. ``row``: (model, id) of a row of the intake, when the caller has no intake id.
        An unknown intake or row goes through: the unit of work then says, in French, that it no longer exists."""
        if self._guard is None:
            return
        with self._ctx.read() as session:
            if intake_id is None and row is not None:
                model, row_id = row
                intake_id = session.scalar(select(model.intake_id).where(model.id == row_id))
            territory_id = session.scalar(select(JointIntake.territory_id).where(JointIntake.id == intake_id))
        if territory_id is not None:
            self._guard.require(
                by, Action.INTAKE_EDIT, territory_id=territory_id, entity="joint_intake", entity_id=intake_id
            )

    # ---- finding or creating the youth -----------------------------------------------------------

    def find_youth(
        self, *, name: str, by: Actor, birth_date: date | None = None, limit: int = MAX_CANDIDATES
    ) -> tuple[YouthCandidate, ...]:
        """Youths who may be the person typed, best first, each with a score (0–100) and why.

        Every territory is searched (a youth may have moved): only counsellors, who open intakes, may search."""
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=by.territory_id, entity="youth")
        with self._ctx.read() as session:
            return _find_candidates(session, name=name, birth_date=birth_date, limit=limit)

    def create_youth(
        self,
        *,
        first_name: str,
        last_name: str,
        birth_date: date,
        territory_id: str,
        sex: Sex | None = None,
        phone: str | None = None,
        email: str | None = None,
        town: str | None = None,
        postcode: str | None = None,
        newly_arrived: bool = False,
        create_anyway: bool = False,
        by: Actor,
    ) -> YouthCreation:
        """Create a youth's file, unless strong duplicate candidates exist and ``create_anyway`` is False.

        The search for duplicates and the creation happen in the same write transaction: nobody can slip a
        twin record in between.
        """
        first_name, last_name = " ".join(first_name.split()), " ".join(last_name.split())
        if not first_name or not last_name:
            raise DomainError("Le prénom et le nom du jeune sont obligatoires.")
        if birth_date > self._ctx.today():
            raise DomainError(f"La date de naissance ({format_date(birth_date)}) est dans le futur : vérifiez-la.")
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=territory_id, entity="youth")
        with self._ctx.write(by) as session:
            territory = session.get(Territory, territory_id)
            if territory is None or territory.deleted_at is not None:
                raise NotFound("Ce territoire n'existe pas dans cette base : choisissez-en un autre.")
            candidates = _find_candidates(
                session, name=f"{first_name} {last_name}", birth_date=birth_date, limit=MAX_CANDIDATES
            )
            if any(c.strong for c in candidates) and not create_anyway:
                return YouthCreation(youth_id=None, candidates=candidates)
            youth_id = new_id()
            session.add(
                Youth(
                    id=youth_id,
                    case_id=youth_id,
                    territory_id=territory_id,
                    first_name=first_name,
                    last_name=last_name,
                    birth_date=birth_date,
                    sex=sex,
                    phone=phone or None,
                    email=email or None,
                    town=town or None,
                    postcode=postcode or None,
                    newly_arrived=newly_arrived,
                    status=YouthStatus.REFERRED,
                )
            )
            return YouthCreation(youth_id=youth_id, candidates=candidates)

    # ---- starting -----------------------------------------------------------------------------

    def start(
        self,
        *,
        youth_id: str,
        territory_id: str | None = None,
        host_organisation_id: str | None = None,
        planned_at: datetime | None = None,
        by: Actor,
    ) -> str:
        """Open an intake for a youth: planned (``planned_at`` given) or held now (stage 1 at once).

        The participants are pre-filled with the territory's required team; the logged-in counsellor takes
        the role their organisation can hold. Raises IntakeAlreadyOpen when one is already in progress.
        """
        today = self._ctx.today()
        if self._guard is not None:
            self._guard.require(
                by, Action.INTAKE_EDIT, youth_id=youth_id, territory_id=territory_id, entity="joint_intake"
            )
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            territory_id = territory_id or youth.territory_id
            territory = session.get(Territory, territory_id)
            if territory is None:
                raise NotFound("Ce territoire n'existe pas dans cette base : choisissez-en un autre.")
            draw = assignment_in(session, youth.id)
            if draw is not None and draw.arm == EvaluationArm.CONTROL and evaluation_on_in(session, territory_id):
                raise DomainError(
                    f"{youth.first_name} {youth.last_name} a été tiré(e) au sort dans le groupe témoin de "
                    f"l'évaluation le {format_date(to_paris(draw.drawn_at).date())} : pas d'accueil commun tant que "
                    "l'évaluation dure. Le jeune garde l'accompagnement habituel des partenaires."
                )
            existing = _open_intake_ids(session, [youth_id]).get(youth_id)
            if existing:
                raise IntakeAlreadyOpen(
                    f"Un accueil commun est déjà en cours pour {youth.first_name} {youth.last_name} : "
                    "reprenez-le plutôt que d'en ouvrir un second.",
                    intake_id=existing,
                )
            actor_org = session.get(Organisation, by.organisation_id)
            if host_organisation_id is None and actor_org is not None and actor_org.territory_id == territory_id:
                host_organisation_id = actor_org.id
            if planned_at is not None and planned_at.tzinfo is None:
                planned_at = planned_at.replace(tzinfo=PARIS)
            intake = JointIntake(
                id=new_id(),
                case_id=youth.id,
                youth_id=youth.id,
                territory_id=territory_id,
                host_organisation_id=host_organisation_id,
                planned_at=planned_at,
                held_on=None if planned_at is not None else today,
                state=IntakeState.PLANNED if planned_at is not None else IntakeState.STAGE_1,
                current_step=IntakeStep.YOUTH.value,
                youth_present=True,
                shared_diagnosis="",
                diagnosis_agreed=False,
                created_by=by.staff_id,
            )
            session.add(intake)
            roles = _required_roles(session, territory_id)
            actor_role = None
            if actor_org is not None and actor_org.territory_id == territory_id:
                actor_role = next((r for r in roles if actor_org.kind in ROLE_ORG_KINDS[r]), None)
            for position, role in enumerate(roles):
                session.add(
                    IntakeParticipant(
                        case_id=youth.id,
                        intake_id=intake.id,
                        kind=ParticipantKind.COUNSELLOR,
                        role=role,
                        staff_id=by.staff_id if role == actor_role else None,
                        present=True,
                        position=position,
                    )
                )
            if youth.status == YouthStatus.REFERRED:
                youth.status = YouthStatus.IN_INTAKE
            return intake.id

    def begin(self, *, intake_id: str, by: Actor) -> IntakeState:
        """A planned intake starts now: stage 1, held today."""
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            if intake.state == IntakeState.PLANNED:
                intake.state = transition(intake.state, IntakeState.STAGE_1)
                intake.held_on = intake.held_on or self._ctx.today()
            return intake.state

    def set_step(self, *, intake_id: str, step: IntakeStep | str, by: Actor) -> IntakeState:
        """Remember the step the wizard is on (to resume there); opening stage 2 moves the state on."""
        step = IntakeStep(step)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _intake(session, intake_id)
            if not is_open(intake.state):
                return intake.state  # a locked intake can still be browsed
            if intake.current_step != step.value:
                intake.current_step = step.value
            if step == IntakeStep.ANALYSIS or step in STAGE_2_STEPS:
                if intake.state == IntakeState.PLANNED:
                    intake.state = transition(intake.state, IntakeState.STAGE_1)
                    intake.held_on = intake.held_on or self._ctx.today()
            if step in STAGE_2_STEPS and intake.state == IntakeState.STAGE_1:
                intake.state = transition(intake.state, IntakeState.STAGE_2)
            return intake.state

    def cancel(self, *, intake_id: str, reason: str, by: Actor) -> None:
        if not reason.strip():
            raise DomainError("Indiquez pourquoi l'accueil est annulé.")
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            intake.state = transition(intake.state, IntakeState.CANCELLED)
            intake.cancel_reason = reason.strip()
            _release_referent(session, intake)
            _youth_back_to_referred(session, intake)

    def mark_no_show(self, *, intake_id: str, by: Actor) -> None:
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            intake.state = transition(intake.state, IntakeState.NO_SHOW)
            _release_referent(session, intake)
            _youth_back_to_referred(session, intake)

    # ---- autosave ----------------------------------------------------------------------------

    def save_field(self, *, intake_id: str, field: str, value: Any, by: Actor) -> SaveResult:
        """Save one field of the youth, the referral or the intake (see EDITABLE_FIELDS).

        A referral is created by its first field saved ("referral.source" or "referral.referred_on").
        """
        spec = FIELDS.get(field)
        if spec is None:
            raise DomainError(f"Le champ « {field} » ne peut pas être enregistré depuis l'accueil commun.")
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            row = _row_for(session, intake, spec, today=today)
            value = _coerce(session, spec, value)
            _check_value(spec, value, today=today)
            if getattr(row, spec.attr) != value:
                setattr(row, spec.attr, value)
            eligibility = None
            if spec.affects_eligibility:
                youth = live_youth(session, intake.youth_id)
                _refresh_override(intake, youth, today)
                eligibility = _eligibility_view(intake, youth, today)
            return SaveResult(saved_at=utcnow(), eligibility=eligibility)

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

    # ---- consent ----------------------------------------------------------------------------

    def record_consent(
        self,
        *,
        intake_id: str,
        kind: ConsentKind,
        given: bool,
        given_on: date | None = None,
        collected_by: str | None = None,
        guardian_name: str | None = None,
        by: Actor,
    ) -> SaveResult:
        """The youth's (or the guardian's) agreement to share the file between the partners, or refusal."""
        kind = ConsentKind(kind)
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            given_on = given_on or _intake_date(intake, today)
            if given_on > today:
                raise DomainError(f"La date de l'accord ({format_date(given_on)}) est dans le futur : vérifiez-la.")
            if collected_by is not None:
                _check_reference(session, _Field("", Staff, "staff_id", ""), collected_by)
            guardian_name = (guardian_name or "").strip() or None
            consent = session.scalar(
                select(IntakeConsent).where(
                    IntakeConsent.intake_id == intake.id,
                    IntakeConsent.kind == kind,
                    IntakeConsent.deleted_at.is_(None),
                )
            )
            if consent is None:
                consent = IntakeConsent(
                    case_id=intake.case_id, youth_id=intake.youth_id, intake_id=intake.id, kind=kind
                )
                session.add(consent)
            for attr, value in (
                ("given", bool(given)),
                ("given_on", given_on),
                ("collected_by", collected_by),
                ("guardian_name", guardian_name if kind == ConsentKind.GUARDIAN else None),
            ):
                if getattr(consent, attr) != value:
                    setattr(consent, attr, value)
            return SaveResult(saved_at=utcnow())

    # ---- participants -----------------------------------------------------------------------

    def staff_choices(self, *, intake_id: str, role: IntakeRole) -> tuple[StaffChoice, ...]:
        """Active staff of the territory's organisations of the right kind for ``role``."""
        role = IntakeRole(role)
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            rows = session.execute(
                select(Staff, Organisation)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(
                    Organisation.territory_id == intake.territory_id,
                    Organisation.kind.in_(list(ROLE_ORG_KINDS[role])),
                    Organisation.deleted_at.is_(None),
                    Staff.active.is_(True),
                    Staff.deleted_at.is_(None),
                )
                .order_by(Staff.last_name, Staff.first_name)
            ).all()
            return tuple(
                StaffChoice(s.id, f"{s.first_name} {s.last_name}", _initials(s), o.short_name or o.name)
                for s, o in rows
            )

    def update_participant(
        self,
        *,
        participant_id: str,
        by: Actor,
        staff_id: str | None = UNSET,
        present: bool = UNSET,
        absence_reason: str | None = UNSET,
        full_name: str | None = UNSET,
        relationship: str | None = UNSET,
    ) -> SaveResult:
        """Choose who holds a role, say whether they came (and why not), or edit a family member."""
        self._require_edit(by, row=(IntakeParticipant, participant_id))
        with self._ctx.write(by) as session:
            participant = session.get(IntakeParticipant, participant_id)
            if participant is None or participant.deleted_at is not None:
                raise NotFound("Ce participant n'existe pas (ou plus) : rouvrez l'accueil.")
            intake = _editable(session, participant.intake_id)
            changes: dict[str, Any] = {}
            if staff_id is not UNSET:
                if staff_id is not None:
                    _check_staff_for_role(session, intake, participant, staff_id)
                changes["staff_id"] = staff_id
            if present is not UNSET:
                changes["present"] = bool(present)
                if present:
                    changes["absence_reason"] = None
            if absence_reason is not UNSET:
                changes["absence_reason"] = (absence_reason or "").strip() or None
            if full_name is not UNSET:
                if participant.kind != ParticipantKind.FAMILY:
                    raise DomainError("Seul le nom d'un membre de la famille se saisit ici.")
                if not (full_name or "").strip():
                    raise DomainError("Indiquez le nom du membre de la famille.")
                changes["full_name"] = full_name.strip()
            if relationship is not UNSET:
                changes["relationship"] = (relationship or "").strip() or None
            for attr, value in changes.items():
                if getattr(participant, attr) != value:
                    setattr(participant, attr, value)
            return SaveResult(saved_at=utcnow())

    def add_family_member(
        self,
        *,
        intake_id: str,
        full_name: str,
        relationship: str | None = None,
        participant_id: str | None = None,
        by: Actor,
    ) -> str:
        """A family member at the intake (a parent, a sibling…); returns the participant's id."""
        if not full_name.strip():
            raise DomainError("Indiquez le nom du membre de la famille.")
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            participant_id = participant_id or new_id()
            if session.get(IntakeParticipant, participant_id) is not None:
                return participant_id  # the same save again (a retry): nothing to do
            position = 100 + len(
                session.scalars(
                    select(IntakeParticipant.id).where(
                        IntakeParticipant.intake_id == intake.id, IntakeParticipant.kind == ParticipantKind.FAMILY
                    )
                ).all()
            )
            session.add(
                IntakeParticipant(
                    id=participant_id,
                    case_id=intake.case_id,
                    intake_id=intake.id,
                    kind=ParticipantKind.FAMILY,
                    full_name=full_name.strip(),
                    relationship=(relationship or "").strip() or None,
                    present=True,
                    position=position,
                )
            )
            return participant_id

    def add_counsellor(self, *, intake_id: str, role: IntakeRole, by: Actor) -> str:
        """Another counsellor in a role (a second MGI counsellor, say); returns the participant's id."""
        role = IntakeRole(role)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            positions = session.scalars(
                select(IntakeParticipant.position).where(
                    IntakeParticipant.intake_id == intake.id,
                    IntakeParticipant.kind == ParticipantKind.COUNSELLOR,
                )
            ).all()
            participant = IntakeParticipant(
                case_id=intake.case_id,
                intake_id=intake.id,
                kind=ParticipantKind.COUNSELLOR,
                role=role,
                present=True,
                position=max(positions, default=-1) + 1,
            )
            session.add(participant)
            session.flush()
            return participant.id

    def remove_participant(self, *, participant_id: str, by: Actor) -> None:
        """Remove a family member, or a counsellor added beyond the required team."""
        self._require_edit(by, row=(IntakeParticipant, participant_id))
        with self._ctx.write(by) as session:
            participant = session.get(IntakeParticipant, participant_id)
            if participant is None or participant.deleted_at is not None:
                return
            intake = _editable(session, participant.intake_id)
            if participant.kind == ParticipantKind.COUNSELLOR:
                same_role = session.scalars(
                    select(IntakeParticipant.id).where(
                        IntakeParticipant.intake_id == intake.id,
                        IntakeParticipant.role == participant.role,
                        IntakeParticipant.deleted_at.is_(None),
                    )
                ).all()
                if participant.role in _required_roles(session, intake.territory_id) and len(same_role) <= 1:
                    raise DomainError(
                        "Ce rôle fait partie de l'équipe obligatoire du territoire : il ne peut pas être retiré. "
                        "Si la personne est absente, décochez « Présent » et indiquez la raison."
                    )
            tombstone(participant)

    # ---- stage 1 ----------------------------------------------------------------------------

    def save_note(
        self,
        *,
        intake_id: str,
        note_id: str,
        section: AnalysisSection,
        author_staff_id: str,
        text: str,
        by: Actor,
    ) -> SaveResult:
        """Create or update the note ``note_id`` (an id the caller chose), attributed to its author.

        The author must be a counsellor taking part in the intake. A note keeps its author and section.
        """
        section = AnalysisSection(section)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            note = session.get(AnalysisNote, note_id)
            if note is None:
                if not _is_counsellor_of(session, intake.id, author_staff_id):
                    raise DomainError(
                        "L'auteur de la note doit être un des conseillers de l'accueil : "
                        "choisissez qui parle parmi les pastilles en haut de l'étape 1."
                    )
                session.add(
                    AnalysisNote(
                        id=note_id,
                        case_id=intake.case_id,
                        intake_id=intake.id,
                        section=section,
                        author_staff_id=author_staff_id,
                        text=text,
                    )
                )
            else:
                if note.intake_id != intake.id or note.deleted_at is not None:
                    raise NotFound("Cette note n'existe plus : rouvrez l'accueil.")
                if note.author_staff_id != author_staff_id or note.section != section:
                    raise DomainError("Une note garde son auteur et sa rubrique : écrivez une nouvelle note.")
                if note.text != text:
                    note.text = text
            return SaveResult(saved_at=utcnow())

    def edit_note(self, *, note_id: str, text: str, by: Actor) -> SaveResult:
        self._require_edit(by, row=(AnalysisNote, note_id))
        with self._ctx.write(by) as session:
            note = session.get(AnalysisNote, note_id)
            if note is None or note.deleted_at is not None:
                raise NotFound("Cette note n'existe plus : rouvrez l'accueil.")
            _editable(session, note.intake_id)
            if note.text != text:
                note.text = text
            return SaveResult(saved_at=utcnow())

    def set_barrier(self, *, intake_id: str, barrier: Barrier, checked: bool, by: Actor) -> SaveResult:
        """Tick or untick a barrier of the checklist (unticking tombstones the row)."""
        barrier = Barrier(barrier)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            rows = session.scalars(
                select(IntakeBarrier).where(
                    IntakeBarrier.intake_id == intake.id,
                    IntakeBarrier.barrier == barrier,
                    IntakeBarrier.deleted_at.is_(None),
                )
            ).all()
            if checked and not rows:
                session.add(IntakeBarrier(case_id=intake.case_id, intake_id=intake.id, barrier=barrier))
            elif not checked:
                for row in rows:
                    tombstone(row)
            return SaveResult(saved_at=utcnow())

    # ---- stage 2: solutions ------------------------------------------------------------------

    def catalogue(
        self, *, intake_id: str, category: OfferCategory | None = None, search: str = ""
    ) -> tuple[OfferLine, ...]:
        """The offers open to this youth: this territory's and everyone's, of the right age, NAF ones only to
        newly arrived youths; optionally one category and words to find in the title, description or provider.
        """
        today = self._ctx.today()
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            youth = live_youth(session, intake.youth_id)
            stmt = (
                select(ServiceOffer, Organisation.short_name, Organisation.name)
                .outerjoin(Organisation, Organisation.id == ServiceOffer.provider_id)
                .where(
                    ServiceOffer.active.is_(True),
                    ServiceOffer.deleted_at.is_(None),
                    or_(ServiceOffer.territory_id.is_(None), ServiceOffer.territory_id == intake.territory_id),
                )
            )
            intake_date = _intake_date(intake, today)
            if youth.birth_date <= intake_date:
                age = age_on(youth.birth_date, intake_date)
                stmt = stmt.where(
                    ServiceOffer.min_age <= age, or_(ServiceOffer.max_age.is_(None), ServiceOffer.max_age >= age)
                )
            if not youth.newly_arrived:
                stmt = stmt.where(ServiceOffer.newly_arrived_only.is_(False))
            if category is not None:
                stmt = stmt.where(ServiceOffer.category == OfferCategory(category))
            words = normalise(search).split()
            order = {c: i for i, c in enumerate(OfferCategory)}
            lines = []
            for offer, short, name in session.execute(stmt):
                provider = short or name
                if words:
                    haystack = normalise(f"{offer.title} {offer.description} {provider or ''}")
                    if not all(w in haystack for w in words):
                        continue
                lines.append(
                    OfferLine(
                        offer_id=offer.id,
                        code=offer.code,
                        title=offer.title,
                        description=offer.description,
                        category=offer.category,
                        provider_name=provider,
                        local=offer.territory_id is not None,
                        min_age=offer.min_age,
                        max_age=offer.max_age,
                        newly_arrived_only=offer.newly_arrived_only,
                    )
                )
            lines.sort(key=lambda o: (order[o.category], normalise(o.title)))
            return tuple(lines)

    def add_solution(
        self,
        *,
        intake_id: str,
        offer_id: str | None = None,
        free_text: str | None = None,
        category: OfferCategory | None = None,
        youth_answer: YouthAnswer = YouthAnswer.THINKING,
        planned_start: date | None = None,
        solution_id: str | None = None,
        by: Actor,
    ) -> str:
        """Propose an offer of the catalogue, or a solution written freely (with its category)."""
        free_text = (free_text or "").strip() or None
        if (offer_id is None) == (free_text is None):
            raise DomainError("Choisissez une offre du catalogue, ou décrivez la solution en quelques mots.")
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            solution_id = solution_id or new_id()
            if session.get(ProposedSolution, solution_id) is not None:
                return solution_id  # the same save again
            kind = solution_category(session, offer_id=offer_id, category=category, territory_id=intake.territory_id)
            if kind.offer is not None:
                already = session.scalar(
                    select(ProposedSolution.id).where(
                        ProposedSolution.intake_id == intake.id,
                        ProposedSolution.offer_id == offer_id,
                        ProposedSolution.deleted_at.is_(None),
                    )
                )
                if already:
                    raise DomainError(f"« {kind.offer.title} » est déjà dans les solutions proposées.")
            session.add(
                ProposedSolution(
                    id=solution_id,
                    case_id=intake.case_id,
                    intake_id=intake.id,
                    youth_id=intake.youth_id,
                    offer_id=offer_id,
                    free_text=free_text,
                    category=kind.category,
                    youth_answer=YouthAnswer(youth_answer),
                    planned_start=planned_start,
                )
            )
            return solution_id

    def update_solution(
        self,
        *,
        solution_id: str,
        by: Actor,
        youth_answer: YouthAnswer = UNSET,
        planned_start: date | None = UNSET,
        free_text: str = UNSET,
        category: OfferCategory = UNSET,
        notes: str = UNSET,
    ) -> SaveResult:
        self._require_edit(by, row=(ProposedSolution, solution_id))
        with self._ctx.write(by) as session:
            solution = _solution(session, solution_id)
            _editable(session, solution.intake_id)
            changes: dict[str, Any] = {}
            if youth_answer is not UNSET:
                changes["youth_answer"] = YouthAnswer(youth_answer)
            if planned_start is not UNSET:
                if isinstance(planned_start, str):
                    planned_start = parse_date_fr(planned_start) if planned_start.strip() else None
                changes["planned_start"] = planned_start
            if free_text is not UNSET:
                if solution.offer_id is not None:
                    raise DomainError("Une offre du catalogue garde son intitulé ; ajoutez une remarque si besoin.")
                if not free_text.strip():
                    raise DomainError("Décrivez la solution en quelques mots.")
                changes["free_text"] = free_text
            if category is not UNSET:
                if solution.offer_id is not None:
                    raise DomainError("Une offre du catalogue garde sa catégorie.")
                changes["category"] = OfferCategory(category)
            if notes is not UNSET:
                changes["notes"] = notes
            for attr, value in changes.items():
                if getattr(solution, attr) != value:
                    setattr(solution, attr, value)
            return SaveResult(saved_at=utcnow())

    def remove_solution(self, *, solution_id: str, by: Actor) -> None:
        self._require_edit(by, row=(ProposedSolution, solution_id))
        with self._ctx.write(by) as session:
            solution = _solution(session, solution_id)
            _editable(session, solution.intake_id)
            tombstone(solution)

    # ---- stage 2: referent and next appointment --------------------------------------------

    def referent_choices(self, *, intake_id: str) -> tuple[ReferentChoice, ...]:
        """Staff who may be the referent (role "Référent unique", an organisation of the territory), with
        their caseload against their cap; a full one is listed, not selectable, with the reason.
        """
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            current = _current_assignment(session, intake.id)
            rows = _referent_rows(session, intake.territory_id)
            loads = current_caseloads(session, [s.id for s, _ in rows])
            choices = []
            for staff, org in rows:
                name = f"{staff.first_name} {staff.last_name}"
                load = loads.get(staff.id, 0)
                is_current = current is not None and current.staff_id == staff.id
                reason = None
                if not is_current and load >= staff.caseload_cap:
                    try:
                        check_designation(referent_name=name, current_caseload=load, cap=staff.caseload_cap)
                    except DomainError as refused:
                        reason = str(refused)
                choices.append(
                    ReferentChoice(
                        staff_id=staff.id,
                        name=name,
                        organisation_name=org.short_name or org.name,
                        caseload=load,
                        cap=staff.caseload_cap,
                        selectable=reason is None,
                        reason=reason,
                        current=is_current,
                    )
                )
            return tuple(choices)

    def designate_referent(
        self, *, intake_id: str, staff_id: str, by: Actor, cap_override_reason: str | None = None
    ) -> ReferentInfo:
        """Name the youth's single referent. At the cap, refused in French unless an administrator overrides
        it with a reason (stored in the assignment and printed).
        """
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            current = _current_assignment(session, intake.id)
            if current is not None and current.staff_id == staff_id:
                return _referent_info(session, current)
            eligible = {s.id: (s, o) for s, o in _referent_rows(session, intake.territory_id)}
            if staff_id not in eligible:
                raise DomainError(
                    "Cette personne ne peut pas être référente de ce jeune : il faut le rôle « Référent unique » "
                    "et travailler dans une structure partenaire du territoire de l'accueil."
                )
            staff, _org = eligible[staff_id]
            load = current_caseloads(session, [staff_id]).get(staff_id, 0)
            check = check_designation(
                referent_name=f"{staff.first_name} {staff.last_name}",
                current_caseload=load,
                cap=staff.caseload_cap,
                override_reason=cap_override_reason,
                overridden_by_admin=by.has(StaffRole.ADMINISTRATOR),
            )
            if current is not None:
                tombstone(current)  # a choice changed before validation, not a change of referent
            assignment = ReferentAssignment(
                case_id=intake.case_id,
                youth_id=intake.youth_id,
                staff_id=staff_id,
                intake_id=intake.id,
                started_on=_intake_date(intake, today),
                cap_override_reason=check.override_reason,
                designated_by=by.staff_id,
            )
            session.add(assignment)
            if intake.next_appointment_staff_id is None:
                intake.next_appointment_staff_id = staff_id
            session.flush()
            return _referent_info(session, assignment)

    def set_next_appointment(
        self, *, intake_id: str, at: datetime | None, place: str | None, staff_id: str | None, by: Actor
    ) -> SaveResult:
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            for key, value in (
                ("intake.next_appointment_at", at),
                ("intake.next_appointment_place", place),
                ("intake.next_appointment_staff_id", staff_id),
            ):
                spec = FIELDS[key]
                value = _coerce(session, spec, value)
                if getattr(intake, spec.attr) != value:
                    setattr(intake, spec.attr, value)
            return SaveResult(saved_at=utcnow())

    # ---- validation and amendments --------------------------------------------------------

    def validate(self, *, intake_id: str, staff_id: str, by: Actor) -> ValidationOutcome:
        """One counsellor present confirms the intake; the last one locks it.

        Locking: state "validated", the youth followed by their referent, outcomes at 3, 6 and 12 months due.
        Raises ValidationBlocked with the missing items while anything required is missing.
        """
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            detail = _detail(session, intake, today)
            if detail.missing:
                lines = "\n".join(f"- {m.message} (étape « {m.step.label} »)" for m in detail.missing)
                raise ValidationBlocked(
                    f"L'accueil ne peut pas encore être validé. Il manque :\n{lines}", missing=detail.missing
                )
            present = {p.staff_id: p for p in detail.present_counsellors}
            if staff_id not in present:
                raise PermissionDenied("Seuls les conseillers présents à l'accueil peuvent le valider.")
            done = {v.staff_id for v in detail.validations}
            if staff_id not in done:
                session.add(IntakeValidation(case_id=intake.case_id, intake_id=intake.id, staff_id=staff_id))
                done.add(staff_id)
            waiting = [p for sid, p in present.items() if sid not in done]
            locked = not waiting
            if locked:
                _lock(session, intake, today)
            return ValidationOutcome(
                validated_by=tuple(present[s].display_name for s in present if s in done),
                waiting_for=tuple(p.display_name for p in waiting),
                locked=locked,
            )

    def amend(self, *, intake_id: str, field: str, new_value: Any, reason: str, by: Actor) -> str:
        """Correct a validated intake: the new value is applied and an amendment keeps the original, the
        reason, who and when. Returns the amendment's id.
        """
        spec = FIELDS.get(field)
        if spec is None:
            raise DomainError(f"Le champ « {field} » ne peut pas être corrigé par un avenant.")
        if sum(1 for ch in reason if not ch.isspace()) < MIN_AMENDMENT_REASON_CHARS:
            raise DomainError("Indiquez la raison de la correction (quelques mots au moins) : elle sera conservée.")
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _intake(session, intake_id)
            if intake.state != IntakeState.VALIDATED:
                raise DomainError("Cet accueil n'est pas encore validé : corrigez directement le champ, sans avenant.")
            youth = live_youth(session, intake.youth_id)
            row = _row_for(session, intake, spec, today=today)
            value = _coerce(session, spec, new_value)
            _check_value(spec, value, today=today)
            old = getattr(row, spec.attr)
            if old == value:
                raise DomainError(f"« {spec.label} » a déjà cette valeur : il n'y a rien à corriger.")
            setattr(row, spec.attr, value)
            if spec.affects_eligibility:
                _refresh_override(intake, youth, today)
            amendment = IntakeAmendment(
                case_id=intake.case_id,
                intake_id=intake.id,
                field=field,
                old_value=_display_value(old),
                new_value=_display_value(value),
                reason=reason.strip(),
                amended_by=by.staff_id,
            )
            session.add(amendment)
            session.flush()
            return amendment.id

    # ---- reading ----------------------------------------------------------------------------

    def intake_detail(self, *, intake_id: str, by: Actor) -> IntakeDetail:
        """Everything about the intake, for its counsellors (and for those who may see the youth's file)."""
        if self._guard is not None:
            with self._ctx.read() as session:
                intake = _intake(session, intake_id)
                youth_id, territory_id = intake.youth_id, intake.territory_id
            if not self._guard.allows(by, Action.INTAKE_EDIT, territory_id=territory_id):
                self._guard.require(by, Action.CASE_VIEW, youth_id=youth_id, entity="joint_intake", entity_id=intake_id)
        with self._ctx.read() as session:
            return _detail(session, _intake(session, intake_id), self._ctx.today())

    def open_intakes(
        self, *, by: Actor, territory_id: str | None = None, limit: int = 200
    ) -> tuple[OpenIntakeLine, ...]:
        """Intakes not finished yet ("Accueils en cours") of a territory (the actor's by default), the most
        recently touched first."""
        territory_id = territory_id or by.territory_id
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=territory_id, entity="joint_intake")
        today = self._ctx.today()
        with self._ctx.read() as session:
            stmt = (
                select(JointIntake, Youth, Territory.name, Organisation.short_name, Organisation.name)
                .join(Youth, Youth.id == JointIntake.youth_id)
                .join(Territory, Territory.id == JointIntake.territory_id)
                .outerjoin(Organisation, Organisation.id == JointIntake.host_organisation_id)
                .where(JointIntake.state.in_(OPEN_STATES), JointIntake.deleted_at.is_(None))
                .order_by(JointIntake.updated_at.desc())
                .limit(limit)
            )
            if territory_id:
                stmt = stmt.where(JointIntake.territory_id == territory_id)
            lines = []
            for intake, youth, territory_name, short, name in session.execute(stmt):
                intake_date = _intake_date(intake, today)
                age = age_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else None
                lines.append(
                    OpenIntakeLine(
                        intake_id=intake.id,
                        youth_id=youth.id,
                        youth_name=f"{youth.first_name} {youth.last_name}",
                        youth_short_name=f"{youth.first_name} {youth.last_name[:1]}.",
                        age=age,
                        territory_name=territory_name,
                        host_organisation_name=short or name,
                        state=intake.state,
                        current_step=_step(intake.current_step),
                        planned_at=intake.planned_at,
                        held_on=intake.held_on,
                        updated_at=intake.updated_at,
                    )
                )
            return tuple(lines)

    def open_intake_count(self, *, territory_id: str | None = None) -> int:
        """How many intakes are in progress (the badge of "Accueils")."""
        with self._ctx.read() as session:
            stmt = (
                select(func.count())
                .select_from(JointIntake)
                .where(JointIntake.state.in_(OPEN_STATES), JointIntake.deleted_at.is_(None))
            )
            if territory_id:
                stmt = stmt.where(JointIntake.territory_id == territory_id)
            return session.scalar(stmt) or 0

    def partner_organisations(self, *, intake_id: str) -> tuple[OrganisationChoice, ...]:
        """The organisations of the intake's territory (who may have referred the youth)."""
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            rows = session.scalars(
                select(Organisation)
                .where(Organisation.territory_id == intake.territory_id, Organisation.deleted_at.is_(None))
                .order_by(Organisation.name)
            ).all()
            return tuple(
                OrganisationChoice(o.id, o.short_name or o.name, (o.partner_kind or o.kind).label) for o in rows
            )

    def intakes_for_youth(self, *, youth_id: str) -> tuple[IntakeSummaryLine, ...]:
        """Every intake of a youth, the latest first (the case file's "Accueil commun" tab)."""
        with self._ctx.read() as session:
            rows = session.execute(
                select(JointIntake, Territory.name)
                .join(Territory, Territory.id == JointIntake.territory_id)
                .where(JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None))
                .order_by(JointIntake.updated_at.desc())
            ).all()
            return tuple(
                IntakeSummaryLine(
                    intake_id=i.id,
                    state=i.state,
                    held_on=i.held_on,
                    planned_at=i.planned_at,
                    territory_name=name,
                    validated_at=i.validated_at,
                    current_step=_step(i.current_step),
                )
                for i, name in rows
            )


# --------------------------------------------------------------------------------------------------
# Helpers (inside a unit of work)
# --------------------------------------------------------------------------------------------------


def _step(value: str | None) -> IntakeStep:
    try:
        return IntakeStep(value or IntakeStep.YOUTH.value)
    except ValueError:
        return IntakeStep.YOUTH


def _initials(staff: Staff) -> str:
    return (staff.first_name[:1] + staff.last_name[:1]).upper()


def _intake(session: LocalSession, intake_id: str) -> JointIntake:
    intake = session.get(JointIntake, intake_id)
    if intake is None or intake.deleted_at is not None:
        raise NotFound("Cet accueil commun n'existe pas (ou plus) dans cette base.")
    return intake


def _editable(session: LocalSession, intake_id: str) -> JointIntake:
    intake = _intake(session, intake_id)
    if intake.state == IntakeState.VALIDATED:
        raise IntakeLocked(
            "Cet accueil commun est validé : il est verrouillé. Pour corriger une information, "
            "ajoutez un avenant en indiquant la raison ; l'original sera conservé."
        )
    if intake.state == IntakeState.CANCELLED:
        raise IntakeLocked("Cet accueil commun a été annulé : il ne peut plus être modifié.")
    if intake.state == IntakeState.NO_SHOW:
        raise IntakeLocked(
            "Le jeune ne s'est pas présenté à cet accueil : il ne peut plus être modifié. "
            "Planifiez un nouvel accueil si besoin."
        )
    return intake


def _solution(session: LocalSession, solution_id: str) -> ProposedSolution:
    solution = session.get(ProposedSolution, solution_id)
    if solution is None or solution.deleted_at is not None or solution.intake_id is None:
        raise NotFound("Cette solution n'existe plus : rouvrez l'accueil.")
    return solution


def _intake_date(intake: JointIntake, today: date) -> date:
    """The day the intake is held: its date, else its planned day, else today."""
    if intake.held_on is not None:
        return intake.held_on
    if intake.planned_at is not None:
        return to_paris(intake.planned_at).date()
    return today


def _required_roles(session: LocalSession, territory_id: str) -> list[IntakeRole]:
    roles = set(
        session.scalars(
            select(TerritoryRequiredRole.role).where(
                TerritoryRequiredRole.territory_id == territory_id, TerritoryRequiredRole.deleted_at.is_(None)
            )
        )
    )
    return [r for r in IntakeRole if r in roles]


def _row_for(session: LocalSession, intake: JointIntake, spec: _Field, *, today: date) -> Any:
    """The row holding a field: the intake, its youth, or its referral (created by its first field)."""
    if spec.model is JointIntake:
        return intake
    if spec.model is Youth:
        return live_youth(session, intake.youth_id)
    referral = session.get(Referral, intake.referral_id) if intake.referral_id else None
    if referral is not None and referral.deleted_at is None:
        return referral
    if spec.attr != "source":
        raise DomainError("Indiquez d'abord qui a orienté le jeune (la source du repérage).")
    referral = Referral(
        id=new_id(),
        case_id=intake.case_id,
        youth_id=intake.youth_id,
        source=ReferralSource.SELF,  # replaced at once by the source being saved
        referred_on=_intake_date(intake, today),
        notes="",
    )
    session.add(referral)
    session.flush()  # the referral row before the intake points to it (no ORM relationship orders them)
    intake.referral_id = referral.id
    return referral


def _check_value(spec: _Field, value: Any, *, today: date) -> None:
    if spec.key == "youth.birth_date" and value is not None and value > today:
        raise DomainError(f"La date de naissance ({format_date(value)}) est dans le futur : vérifiez-la.")
    if spec.key == "referral.referred_on" and value is not None and value > today:
        raise DomainError(f"La date du repérage ({format_date(value)}) est dans le futur : vérifiez-la.")


def _assess(intake: JointIntake, youth: Youth, today: date) -> Eligibility:
    return assess_eligibility(
        EligibilityFacts(
            birth_date=youth.birth_date,
            intake_date=_intake_date(intake, today),
            left_school_on=youth.left_school_on,
            has_qualification=youth.has_qualification,
            followed_by_structure=youth.followed_by_structure,
        )
    )


def _refresh_override(intake: JointIntake, youth: Youth, today: date) -> None:
    """The override stands when the domain accepts the stored justification for the current facts."""
    eligibility = _assess(intake, youth, today)
    try:
        overridden = decide(eligibility, override_justification=intake.eligibility_justification).overridden
    except EligibilityRefused:
        overridden = False
    if intake.eligibility_overridden != overridden:
        intake.eligibility_overridden = overridden


def _eligibility_view(intake: JointIntake, youth: Youth, today: date) -> EligibilityView:
    eligibility = _assess(intake, youth, today)
    justification = intake.eligibility_justification
    overridden = False
    if eligibility.eligible:
        message = "Le jeune remplit les quatre critères du dispositif."
    else:
        try:
            overridden = decide(eligibility, override_justification=justification).overridden
            message = "Le jeune ne remplit pas tous les critères ; il est accueilli par dérogation justifiée."
        except EligibilityRefused as refused:
            message = str(refused)
    return EligibilityView(
        criteria=tuple(CriterionView(c.code, c.label, c.met, c.explanation) for c in eligibility.criteria),
        eligible=eligibility.eligible,
        overridden=overridden,
        justification=justification,
        message=message,
    )


def _is_counsellor_of(session: LocalSession, intake_id: str, staff_id: str) -> bool:
    return (
        session.scalar(
            select(IntakeParticipant.id).where(
                IntakeParticipant.intake_id == intake_id,
                IntakeParticipant.staff_id == staff_id,
                IntakeParticipant.kind == ParticipantKind.COUNSELLOR,
                IntakeParticipant.deleted_at.is_(None),
            )
        )
        is not None
    )


def _check_staff_for_role(
    session: LocalSession, intake: JointIntake, participant: IntakeParticipant, staff_id: str
) -> None:
    if participant.kind != ParticipantKind.COUNSELLOR or participant.role is None:
        raise DomainError("Seul un rôle de conseiller se pourvoit avec un membre du personnel.")
    row = session.execute(
        select(Staff, Organisation)
        .join(Organisation, Organisation.id == Staff.organisation_id)
        .where(Staff.id == staff_id)
    ).first()
    if row is None or row[0].deleted_at is not None:
        raise NotFound("Cette personne n'existe pas (ou plus) dans cette base : choisissez-en une autre.")
    staff, org = row
    if not staff.active:
        raise DomainError(
            f"Le compte de {staff.first_name} {staff.last_name} est désactivé : choisissez quelqu'un d'autre."
        )
    check_staff_can_hold(participant.role, org.kind)
    if org.territory_id != intake.territory_id:
        raise DomainError(
            f"{staff.first_name} {staff.last_name} travaille dans une structure d'un autre territoire : "
            "choisissez une personne du territoire de l'accueil."
        )
    other = session.scalar(
        select(IntakeParticipant.role).where(
            IntakeParticipant.intake_id == intake.id,
            IntakeParticipant.staff_id == staff_id,
            IntakeParticipant.id != participant.id,
            IntakeParticipant.deleted_at.is_(None),
        )
    )
    if other is not None:
        raise DomainError(f"{staff.first_name} {staff.last_name} tient déjà le rôle « {other.label} » à cet accueil.")


def _referent_rows(session: LocalSession, territory_id: str) -> list[tuple[Staff, Organisation]]:
    return list(
        session.execute(
            select(Staff, Organisation)
            .join(Organisation, Organisation.id == Staff.organisation_id)
            .join(
                StaffRoleGrant,
                and_(
                    StaffRoleGrant.staff_id == Staff.id,
                    StaffRoleGrant.role == StaffRole.REFERENT,
                    StaffRoleGrant.deleted_at.is_(None),
                ),
            )
            .where(
                Organisation.territory_id == territory_id,
                Organisation.deleted_at.is_(None),
                Staff.active.is_(True),
                Staff.deleted_at.is_(None),
            )
            .order_by(Staff.last_name, Staff.first_name)
        )
    )


def _current_assignment(session: LocalSession, intake_id: str) -> ReferentAssignment | None:
    return session.scalar(
        select(ReferentAssignment)
        .where(ReferentAssignment.intake_id == intake_id, ReferentAssignment.deleted_at.is_(None))
        .order_by(ReferentAssignment.updated_at.desc())
    )


def _referent_info(session: LocalSession, assignment: ReferentAssignment) -> ReferentInfo:
    staff, org = session.execute(
        select(Staff, Organisation)
        .join(Organisation, Organisation.id == Staff.organisation_id)
        .where(Staff.id == assignment.staff_id)
    ).one()
    designated_by = session.get(Staff, assignment.designated_by) if assignment.designated_by else None
    return ReferentInfo(
        assignment_id=assignment.id,
        staff_id=staff.id,
        name=f"{staff.first_name} {staff.last_name}",
        organisation_name=org.short_name or org.name,
        caseload=current_caseloads(session, [staff.id]).get(staff.id, 0),
        cap=staff.caseload_cap,
        started_on=assignment.started_on,
        cap_override_reason=assignment.cap_override_reason,
        designated_by_name=f"{designated_by.first_name} {designated_by.last_name}" if designated_by else None,
    )


def _release_referent(session: LocalSession, intake: JointIntake) -> None:
    """A cancelled intake frees the referent it had designated (the youth was never followed)."""
    current = _current_assignment(session, intake.id)
    if current is not None:
        tombstone(current)


def _open_intake_ids(session: LocalSession, youth_ids: list[str]) -> dict[str, str]:
    """youth id → the id of their intake in progress, for a few youths.

    Looked up by youth_id only and the state checked here: with a condition on the state in SQL, SQLite may
    prefer the state index and read every intake in progress (thousands) instead of a handful of rows.
    """
    rows = session.execute(
        select(JointIntake.youth_id, JointIntake.id, JointIntake.state).where(
            JointIntake.youth_id.in_(youth_ids), JointIntake.deleted_at.is_(None)
        )
    ).all()
    return {youth_id: intake_id for youth_id, intake_id, state in rows if state in OPEN_STATES}


def _open_intakes_of(session: LocalSession, youth_id: str) -> list[str]:
    rows = session.execute(
        select(JointIntake.id, JointIntake.state).where(
            JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None)
        )
    ).all()
    return [intake_id for intake_id, state in rows if state in OPEN_STATES]


def _youth_back_to_referred(session: LocalSession, intake: JointIntake) -> None:
    youth = live_youth(session, intake.youth_id)
    other_open = [i for i in _open_intakes_of(session, youth.id) if i != intake.id]
    if youth.status == YouthStatus.IN_INTAKE and not other_open:
        youth.status = YouthStatus.REFERRED


def _lock(session: LocalSession, intake: JointIntake, today: date) -> None:
    """The last validation: the intake is validated, the youth followed, their outcomes due."""
    path = {IntakeState.PLANNED: IntakeState.STAGE_1, IntakeState.STAGE_1: IntakeState.STAGE_2}
    state = intake.state
    while state != IntakeState.VALIDATED:
        state = transition(state, path.get(state, IntakeState.VALIDATED))
    intake.state = state
    intake.validated_at = utcnow()
    intake.current_step = IntakeStep.VALIDATION.value
    held_on = _intake_date(intake, today)
    if intake.held_on is None:
        intake.held_on = held_on
    youth = live_youth(session, intake.youth_id)
    youth.status = YouthStatus.FOLLOWED
    # Outcomes at 3, 6 and 12 months (one per milestone and youth: a second intake keeps the first dates).
    schedule_outcomes(session, youth_id=youth.id, intake_id=intake.id, intake_on=held_on)


def _find_candidates(
    session: LocalSession, *, name: str, birth_date: date | None, limit: int
) -> tuple[YouthCandidate, ...]:
    """Indexed prefilter, then rapidfuzz scores what is left.

    Three lookups, each answered from an index: everyone born that very day (a badly misspelt name still
    shows; about 50 youths in 100,000); close birth dates with a name word in common (so no strong candidate is
    ever cut off by a limit); the same name words at any date (homonyms, shown as weak candidates, a bounded
    number, exact words first).
    """
    if not normalise(name):
        return ()
    columns = (
        Youth.id,
        Youth.first_name,
        Youth.last_name,
        Youth.first_name_key,
        Youth.last_name_key,
        Youth.birth_date,
        Youth.status,
        Youth.territory_id,
    )
    alive = Youth.deleted_at.is_(None)
    tokens = name_tokens(name)
    prefixes = []
    for token in tokens:
        upper = token + "\U0010ffff"
        prefixes.append(and_(Youth.last_name_key >= token, Youth.last_name_key < upper))
        prefixes.append(and_(Youth.first_name_key >= token, Youth.first_name_key < upper))
    name_match = or_(*prefixes) if prefixes else None
    found: dict[str, Any] = {}

    def collect(stmt: Any) -> None:
        for row in session.execute(stmt):
            found[row.id] = row

    if birth_date is not None:
        collect(select(*columns).where(Youth.birth_date == birth_date, alive))
        if name_match is not None:
            collect(select(*columns).where(Youth.birth_date.in_(near_birth_dates(birth_date)), name_match, alive))
    if name_match is not None:
        exact_word = case(
            (or_(Youth.last_name_key.in_(tokens), Youth.first_name_key.in_(tokens)), 0),
            else_=1,
        )
        collect(
            select(*columns)
            .where(name_match, alive)
            .order_by(exact_word, Youth.last_name_key, Youth.first_name_key)
            .limit(_NAME_PREFILTER_LIMIT)
        )
    rows = list(found.values())
    scored: list[tuple[MatchScore, Any]] = []
    typed_key = normalise(name)
    for row in rows:
        match = score_match(
            typed_name=name,
            typed_birth_date=birth_date,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
            typed_key=typed_key,
            first_key=row.first_name_key,
            last_key=row.last_name_key,
        )
        if match.score >= MIN_SCORE:
            scored.append((match, row))
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].last_name, pair[1].first_name))
    scored = scored[:limit]
    if not scored:
        return ()
    ids = [row.id for _, row in scored]
    territories = dict(session.execute(select(Territory.id, Territory.name)).all())
    open_intakes = _open_intake_ids(session, ids)
    return tuple(
        YouthCandidate(
            youth_id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
            territory_name=territories.get(row.territory_id, ""),
            status=row.status,
            score=match.score,
            strong=match.strong,
            reasons=match.reasons,
            open_intake_id=open_intakes.get(row.id),
        )
        for match, row in scored
    )


def _staff_names(session: LocalSession, ids: Iterable[str | None]) -> dict[str, tuple[str, str, str]]:
    """staff id → (full name, initials, organisation name)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(
        select(Staff, Organisation.short_name, Organisation.name)
        .join(Organisation, Organisation.id == Staff.organisation_id)
        .where(Staff.id.in_(wanted))
    ).all()
    return {s.id: (f"{s.first_name} {s.last_name}", _initials(s), short or name) for s, short, name in rows}


def _missing_items(
    *,
    referral: ReferralInfo | None,
    eligibility: EligibilityView,
    required_consents: Sequence[ConsentKind],
    consents: Sequence[ConsentInfo],
    required_roles: Sequence[IntakeRole],
    participants: Sequence[ParticipantInfo],
    shared_diagnosis: str,
    diagnosis_agreed: bool,
    solutions: Sequence[SolutionInfo],
    referent: ReferentInfo | None,
    next_at: datetime | None,
    next_place: str | None,
    next_staff: str | None,
    evaluation: EvaluationInfo | None = None,
) -> tuple[MissingItem, ...]:
    S = IntakeStep
    items: list[MissingItem] = []
    if referral is None:
        items.append(MissingItem(S.REFERRAL, "Indiquez qui a orienté le jeune vers le dispositif, et quand."))
    if not eligibility.accepted:
        failed = [c for c in eligibility.criteria if c.met is False]
        unknown = [c for c in eligibility.criteria if c.met is None]
        for c in failed:
            items.append(MissingItem(S.REFERRAL, f"Critère non rempli : {c.label}. {c.explanation}"))
        for c in unknown:
            items.append(MissingItem(S.REFERRAL, f"Critère à vérifier : {c.label}. {c.explanation}"))
        if failed:
            items.append(
                MissingItem(
                    S.REFERRAL,
                    "Pour accueillir le jeune malgré tout, écrivez la raison de la dérogation "
                    f"(au moins {MIN_JUSTIFICATION_CHARS} caractères).",
                )
            )
    if evaluation is not None and evaluation.pending:
        items.append(
            MissingItem(
                S.REFERRAL,
                "Ce territoire participe à l'évaluation : confirmez l'éligibilité pour faire le tirage au sort.",
            )
        )
    by_kind = {c.kind: c for c in consents}
    for kind in required_consents:
        consent = by_kind.get(kind)
        who = "du jeune" if kind == ConsentKind.YOUTH else "du représentant légal (le jeune est mineur)"
        if consent is None:
            items.append(
                MissingItem(S.CONSENT, f"Recueillez l'accord {who} pour le partage du dossier entre les partenaires.")
            )
        elif not consent.given:
            items.append(
                MissingItem(
                    S.CONSENT,
                    f"L'accord {who} pour le partage du dossier est refusé : l'accueil ne peut pas être validé "
                    "sans cet accord.",
                )
            )
        else:
            if consent.collected_by is None:
                items.append(MissingItem(S.CONSENT, f"Indiquez qui a recueilli l'accord {who}."))
            if kind == ConsentKind.GUARDIAN and not consent.guardian_name:
                items.append(MissingItem(S.CONSENT, "Indiquez le nom du représentant légal qui a donné son accord."))
    members = [
        TeamMember(role=p.role, staff_id=p.staff_id, present=p.present, absence_reason=p.absence_reason)
        for p in participants
        if p.kind == ParticipantKind.COUNSELLOR and p.role is not None
    ]
    gaps = team_gaps(required_roles=frozenset(required_roles), members=members)
    items.extend(MissingItem(S.PARTICIPANTS, gap) for gap in gaps)
    for p in participants:
        # Any absent counsellor needs a reason, also one beyond the required team (the domain checks roles).
        if p.kind != ParticipantKind.COUNSELLOR or not p.staff_id or p.present or (p.absence_reason or "").strip():
            continue
        if p.role is not None and any(f"« {p.role.label} »" in gap for gap in gaps):
            continue
        items.append(MissingItem(S.PARTICIPANTS, f"{p.staff_name} est absent(e) : indiquez la raison de son absence."))
    if not any(p.kind == ParticipantKind.COUNSELLOR and p.present and p.staff_id for p in participants):
        items.append(MissingItem(S.PARTICIPANTS, "Au moins un conseiller présent doit être indiqué."))
    if not shared_diagnosis.strip():
        items.append(MissingItem(S.ANALYSIS, "Rédigez le diagnostic partagé qui conclut l'analyse."))
    elif not diagnosis_agreed:
        items.append(
            MissingItem(S.ANALYSIS, "Cochez « Tous sont d'accord » une fois le diagnostic partagé approuvé par tous.")
        )
    if not solutions:
        items.append(MissingItem(S.SOLUTIONS, "Proposez au moins une solution au jeune."))
    if referent is None:
        items.append(MissingItem(S.REFERENT, "Désignez le référent unique du jeune."))
    what = [
        label
        for label, value in (("la date", next_at), ("le lieu", (next_place or "").strip()), ("avec qui", next_staff))
        if not value
    ]
    if what:
        joined = ", ".join(what[:-1]) + (" et " if len(what) > 1 else "") + what[-1]
        items.append(MissingItem(S.REFERENT, f"Prochain rendez-vous : indiquez {joined}."))
    return tuple(items)


def _evaluation_info(session: LocalSession, intake: JointIntake) -> EvaluationInfo | None:
    enabled = evaluation_on_in(session, intake.territory_id)
    draw = assignment_in(session, intake.youth_id)
    if not enabled and draw is None:
        return None
    return EvaluationInfo(enabled=enabled, draw=draw)


def _detail(session: LocalSession, intake: JointIntake, today: date) -> IntakeDetail:
    youth = live_youth(session, intake.youth_id)
    territory = session.get(Territory, intake.territory_id)
    host = session.get(Organisation, intake.host_organisation_id) if intake.host_organisation_id else None
    intake_date = _intake_date(intake, today)
    age = age_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else None
    minor = not is_adult_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else True

    referral_row = session.get(Referral, intake.referral_id) if intake.referral_id else None
    referral = None
    if referral_row is not None and referral_row.deleted_at is None:
        ref_org = session.get(Organisation, referral_row.organisation_id) if referral_row.organisation_id else None
        referral = ReferralInfo(
            id=referral_row.id,
            source=referral_row.source,
            referred_on=referral_row.referred_on,
            referrer_name=referral_row.referrer_name,
            referrer_structure=referral_row.referrer_structure,
            organisation_id=referral_row.organisation_id,
            organisation_name=(ref_org.short_name or ref_org.name) if ref_org else None,
            notes=referral_row.notes or "",
        )

    consent_rows = session.scalars(
        select(IntakeConsent).where(IntakeConsent.intake_id == intake.id, IntakeConsent.deleted_at.is_(None))
    ).all()
    participant_rows = session.scalars(
        select(IntakeParticipant)
        .where(IntakeParticipant.intake_id == intake.id, IntakeParticipant.deleted_at.is_(None))
        .order_by(IntakeParticipant.position, IntakeParticipant.id)
    ).all()
    note_rows = session.scalars(
        select(AnalysisNote)
        .where(AnalysisNote.intake_id == intake.id, AnalysisNote.deleted_at.is_(None))
        .order_by(AnalysisNote.written_at, AnalysisNote.id)
    ).all()
    barriers = frozenset(
        session.scalars(
            select(IntakeBarrier.barrier).where(
                IntakeBarrier.intake_id == intake.id, IntakeBarrier.deleted_at.is_(None)
            )
        )
    )
    solution_rows = session.execute(
        select(ProposedSolution, ServiceOffer, Organisation.short_name, Organisation.name)
        .outerjoin(ServiceOffer, ServiceOffer.id == ProposedSolution.offer_id)
        .outerjoin(Organisation, Organisation.id == ServiceOffer.provider_id)
        .where(ProposedSolution.intake_id == intake.id, ProposedSolution.deleted_at.is_(None))
        .order_by(ProposedSolution.updated_at, ProposedSolution.id)
    ).all()
    validation_rows = session.scalars(
        select(IntakeValidation)
        .where(IntakeValidation.intake_id == intake.id, IntakeValidation.deleted_at.is_(None))
        .order_by(IntakeValidation.validated_at)
    ).all()
    amendment_rows = session.scalars(
        select(IntakeAmendment)
        .where(IntakeAmendment.intake_id == intake.id, IntakeAmendment.deleted_at.is_(None))
        .order_by(IntakeAmendment.amended_at)
    ).all()
    assignment = _current_assignment(session, intake.id)

    names = _staff_names(
        session,
        [p.staff_id for p in participant_rows]
        + [n.author_staff_id for n in note_rows]
        + [c.collected_by for c in consent_rows]
        + [v.staff_id for v in validation_rows]
        + [a.amended_by for a in amendment_rows]
        + [intake.next_appointment_staff_id],
    )

    def name_of(staff_id: str | None) -> str | None:
        return names[staff_id][0] if staff_id and staff_id in names else None

    youth_info = YouthInfo(
        id=youth.id,
        first_name=youth.first_name,
        last_name=youth.last_name,
        birth_date=youth.birth_date,
        age=age,
        minor=minor,
        sex=youth.sex,
        phone=youth.phone,
        email=youth.email,
        address=youth.address,
        postcode=youth.postcode,
        town=youth.town,
        lives_in_priority_area=bool(youth.lives_in_priority_area),
        newly_arrived=bool(youth.newly_arrived),
        left_school_on=youth.left_school_on,
        last_class=youth.last_class,
        has_qualification=youth.has_qualification,
        followed_by_structure=youth.followed_by_structure,
        status=youth.status,
        territory_id=youth.territory_id,
    )
    consents = tuple(
        ConsentInfo(c.id, c.kind, c.given, c.given_on, c.collected_by, name_of(c.collected_by), c.guardian_name)
        for c in sorted(consent_rows, key=lambda c: list(ConsentKind).index(c.kind))
    )
    required_consents = (ConsentKind.YOUTH, ConsentKind.GUARDIAN) if minor else (ConsentKind.YOUTH,)
    participants = tuple(
        ParticipantInfo(
            id=p.id,
            kind=p.kind,
            role=p.role,
            staff_id=p.staff_id,
            staff_name=name_of(p.staff_id),
            initials=names[p.staff_id][1] if p.staff_id in names else None,
            organisation_name=names[p.staff_id][2] if p.staff_id in names else None,
            full_name=p.full_name,
            relationship=p.relationship,
            present=p.present,
            absence_reason=p.absence_reason,
            position=p.position,
        )
        for p in participant_rows
    )
    position_of = {p.staff_id: p.position for p in participants if p.staff_id}
    notes = tuple(
        NoteInfo(
            id=n.id,
            section=n.section,
            author_staff_id=n.author_staff_id,
            author_name=name_of(n.author_staff_id),
            author_initials=names[n.author_staff_id][1] if n.author_staff_id in names else None,
            author_position=position_of.get(n.author_staff_id),
            text=n.text,
            written_at=n.written_at,
            sensitive=n.section in SENSITIVE_SECTIONS,
        )
        for n in note_rows
        if n.text.strip()
    )
    solutions = tuple(
        SolutionInfo(
            id=s.id,
            offer_id=s.offer_id,
            title=offer.title if offer is not None else (s.free_text or ""),
            category=s.category,
            provider_name=(short or name) if offer is not None else None,
            free_text=s.free_text,
            youth_answer=s.youth_answer,
            planned_start=s.planned_start,
            notes=s.notes or "",
        )
        for s, offer, short, name in solution_rows
    )
    referent = _referent_info(session, assignment) if assignment is not None else None
    eligibility = _eligibility_view(intake, youth, today)
    required_roles = tuple(_required_roles(session, intake.territory_id))
    evaluation = _evaluation_info(session, intake)
    missing = _missing_items(
        referral=referral,
        eligibility=eligibility,
        required_consents=required_consents,
        consents=consents,
        required_roles=required_roles,
        participants=participants,
        shared_diagnosis=intake.shared_diagnosis or "",
        diagnosis_agreed=intake.diagnosis_agreed,
        solutions=solutions,
        referent=referent,
        next_at=intake.next_appointment_at,
        next_place=intake.next_appointment_place,
        next_staff=intake.next_appointment_staff_id,
        evaluation=evaluation,
    )
    validated = intake.state == IntakeState.VALIDATED
    steps = []
    for step in IntakeStep:
        count = sum(1 for m in missing if m.step == step)
        if step == IntakeStep.VALIDATION:
            complete = validated
        else:
            complete = count == 0
        steps.append(StepState(step, complete, count))
    return IntakeDetail(
        id=intake.id,
        youth=youth_info,
        territory_id=intake.territory_id,
        territory_name=territory.name if territory else "",
        host_organisation_id=intake.host_organisation_id,
        host_organisation_name=(host.short_name or host.name) if host else None,
        state=intake.state,
        current_step=_step(intake.current_step),
        planned_at=intake.planned_at,
        held_on=intake.held_on,
        intake_date=intake_date,
        youth_present=intake.youth_present,
        referral=referral,
        eligibility=eligibility,
        consents=consents,
        required_consents=required_consents,
        required_roles=required_roles,
        participants=participants,
        notes=notes,
        barriers=barriers,
        shared_diagnosis=intake.shared_diagnosis or "",
        diagnosis_agreed=intake.diagnosis_agreed,
        solutions=solutions,
        referent=referent,
        next_appointment_at=intake.next_appointment_at,
        next_appointment_place=intake.next_appointment_place,
        next_appointment_staff_id=intake.next_appointment_staff_id,
        next_appointment_staff_name=name_of(intake.next_appointment_staff_id),
        validations=tuple(
            ValidationInfo(v.staff_id, name_of(v.staff_id) or "", v.validated_at) for v in validation_rows
        ),
        validated_at=intake.validated_at,
        amendments=tuple(
            AmendmentInfo(
                id=a.id,
                field=a.field,
                field_label=field_label(a.field),
                old_value=a.old_value,
                new_value=a.new_value,
                reason=a.reason,
                amended_by_name=name_of(a.amended_by),
                amended_at=a.amended_at,
            )
            for a in amendment_rows
        ),
        missing=missing,
        steps=tuple(steps),
        cancel_reason=intake.cancel_reason,
        evaluation=evaluation,
    )


__all__ = [
    "CONTROL_GROUP_REASON",
    "EDITABLE_FIELDS",
    "FIELDS",
    "OPEN_STATES",
    "STAGE_2_STEPS",
    "UNSET",
    "AmendmentInfo",
    "ConsentInfo",
    "CriterionView",
    "DrawOutcome",
    "EligibilityView",
    "EvaluationInfo",
    "IntakeAlreadyOpen",
    "IntakeDetail",
    "IntakeLocked",
    "IntakeService",
    "IntakeStep",
    "IntakeSummaryLine",
    "MissingItem",
    "NoteInfo",
    "OfferLine",
    "OpenIntakeLine",
    "OrganisationChoice",
    "ParticipantInfo",
    "ReferentChoice",
    "ReferentInfo",
    "ReferralInfo",
    "SaveResult",
    "SolutionInfo",
    "StaffChoice",
    "StepState",
    "ValidationBlocked",
    "ValidationInfo",
    "ValidationOutcome",
    "YouthCandidate",
    "YouthCreation",
    "YouthInfo",
    "field_label",
]
