"""The referent's case file: identity with its history, solutions, follow-up diary, outcomes, referent
changes, case reviews, and the "À faire" list (issue 4).

Every method is one unit of work on the local store (it works offline); every write goes through the ORM in
a ``LocalSession``, so the outbox records it for the sync. Results are frozen dataclasses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import func, or_, select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.caseload import check_designation
from pac_desktop.domain.eligibility import add_months, age_on
from pac_desktop.domain.enums import (
    CONTACT_KINDS,
    MILESTONE_MONTHS,
    SENSITIVE_SECTIONS,
    AnalysisSection,
    Barrier,
    FollowUpKind,
    IntakeState,
    OfferCategory,
    OutcomeMilestone,
    OutcomeSituation,
    ParticipantKind,
    ReferralSource,
    Sex,
    SolutionStatus,
    StaffRole,
    YouthAnswer,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS, format_date, format_date_short, format_phone, plural
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    AnalysisNote,
    CaseReview,
    CaseReviewParticipant,
    CaseReviewYouth,
    Credential,
    FollowUpEvent,
    Guardian,
    IdentityChange,
    IntakeAmendment,
    IntakeBarrier,
    IntakeParticipant,
    JointIntake,
    LocalSetting,
    Organisation,
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    ServiceOffer,
    Staff,
    StaffRoleGrant,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession
from pac_desktop.storage.store import read_setting

from .access import AccessGuard
from .audit import record_in
from .context import Actor, ServiceContext
from .staff import current_caseloads
from .youths import OUTCOME_HORIZON_DAYS

#: "Suivis sans contact": no contact for more than this many days (a device setting, see no_contact_days()).
DEFAULT_NO_CONTACT_DAYS = 30
NO_CONTACT_DAYS_KEY = "casefile.no_contact_days"
MIN_REASON_CHARS = 5
MAX_TODO_LINES = 200


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


class OutcomeState(Enum):
    RECORDED = "recorded"
    OVERDUE = "overdue"
    DUE = "due"  # within the horizon
    UPCOMING = "upcoming"
    NOT_DUE = "not_due"  # after the youth's exit: no longer expected


OUTCOME_STATE_LABELS = {
    OutcomeState.RECORDED: "Renseignée",
    OutcomeState.OVERDUE: "En retard",
    OutcomeState.DUE: "À renseigner",
    OutcomeState.UPCOMING: "À venir",
    OutcomeState.NOT_DUE: "Non attendue (sorti)",
}


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


@dataclass(frozen=True)
class ReferentCandidate:
    id: str
    name: str
    organisation_name: str
    caseload: int
    cap: int
    is_current: bool

    @property
    def full(self) -> bool:
        return self.caseload >= self.cap

    @property
    def caseload_label(self) -> str:
        return f"{self.caseload} / {self.cap}"


@dataclass(frozen=True)
class OrganisationChoice:
    id: str
    name: str
    kind_label: str
    territory_id: str | None


@dataclass(frozen=True)
class OfferChoice:
    id: str
    title: str
    category: OfferCategory
    provider_name: str | None


@dataclass(frozen=True)
class StaffChoice:
    id: str
    name: str
    organisation_name: str


@dataclass(frozen=True)
class DueOutcome:
    outcome_id: str
    youth_id: str
    youth_name: str
    milestone: OutcomeMilestone
    due_on: date
    overdue: bool
    referent_name: str | None = None


@dataclass(frozen=True)
class QuietFollowUp:
    """A youth followed without a contact for too long."""

    youth_id: str
    youth_name: str
    last_contact_on: date | None
    since: date  # the last contact, or the start of the follow-up when there was none
    days: int


@dataclass(frozen=True)
class Appointment:
    youth_id: str
    youth_name: str
    at: datetime
    place: str | None
    with_name: str | None


@dataclass(frozen=True)
class ToDo:
    today: date
    no_contact_days: int
    outcomes: tuple[DueOutcome, ...]
    no_contact: tuple[QuietFollowUp, ...]
    appointments: tuple[Appointment, ...]

    @property
    def count(self) -> int:
        """What needs action: outcomes to record and youths to contact (the "À faire" badge)."""
        return len(self.outcomes) + len(self.no_contact)


@dataclass(frozen=True)
class ReviewSummary:
    id: str
    planned_on: date
    title: str
    place: str | None
    held: bool
    territory_name: str
    youth_count: int
    decided_count: int


@dataclass(frozen=True)
class ReviewParticipantView:
    id: str
    name: str
    organisation_name: str | None


@dataclass(frozen=True)
class ReviewYouthView:
    youth_id: str
    youth_name: str
    decision: str


@dataclass(frozen=True)
class ReviewDetail:
    id: str
    planned_on: date
    title: str
    place: str | None
    held: bool
    territory_id: str
    territory_name: str
    organiser_name: str | None
    participants: tuple[ReviewParticipantView, ...]
    youths: tuple[ReviewYouthView, ...]


# --------------------------------------------------------------------------------------------------
# Identity fields: what may be edited, how it is checked and how it is shown in the history
# --------------------------------------------------------------------------------------------------

YOUTH_FIELD_LABELS: dict[str, str] = {
    "first_name": "Prénom",
    "last_name": "Nom",
    "birth_date": "Date de naissance",
    "sex": "Sexe",
    "phone": "Téléphone",
    "email": "Courriel",
    "address": "Adresse",
    "postcode": "Code postal",
    "town": "Commune",
    "lives_in_priority_area": "Habite un quartier prioritaire",
    "newly_arrived": "Nouvellement arrivé en France",
    "left_school_on": "Date de sortie du système scolaire",
    "last_class": "Dernière classe suivie",
}

GUARDIAN_FIELD_LABELS: dict[str, str] = {
    "full_name": "Représentant légal : nom",
    "relationship": "Représentant légal : lien",
    "phone": "Représentant légal : téléphone",
    "email": "Représentant légal : courriel",
}

_DATE_FIELDS = frozenset({"birth_date", "left_school_on"})
_BOOL_FIELDS = frozenset({"lives_in_priority_area", "newly_arrived"})
_REQUIRED_TEXT = frozenset({"first_name", "last_name", "full_name"})
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTCODE = re.compile(r"\d{5}", re.ASCII)


def _stored_text(value: Any) -> str | None:
    """A value as the history keeps it: ISO dates, enum values, "oui"/"non"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown_text(field: str, stored: str | None) -> str:
    """A history value as a counsellor reads it."""
    if stored is None or stored == "":
        return "(vide)"
    if field in _DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(stored))
        except ValueError:
            return stored
    if field == "sex":
        try:
            return Sex(stored).label
        except ValueError:
            return stored
    if field == "phone":
        return format_phone(stored)
    return stored


def _clean_value(field: str, value: Any, *, today: date) -> Any:
    """Check and tidy one edited value; raise DomainError with a French message when it is not acceptable."""
    label = YOUTH_FIELD_LABELS.get(field) or GUARDIAN_FIELD_LABELS.get(field, field)
    if field in _BOOL_FIELDS:
        return bool(value)
    if field == "sex":
        return None if value in (None, "") else Sex(value)
    if field in _DATE_FIELDS:
        if value is None:
            if field == "birth_date":
                raise DomainError("La date de naissance ne peut pas être effacée.")
            return None
        if not isinstance(value, date):
            raise DomainError(f"{label} : la valeur n'est pas une date.")
        if value > today:
            raise DomainError(f"{label} : le {format_date(value)} est dans le futur. Vérifiez la date.")
        if field == "birth_date" and not 10 <= age_on(value, today) <= 30:
            raise DomainError(
                f"Date de naissance : avec le {format_date(value)}, le jeune aurait {age_on(value, today)} ans. "
                "Vérifiez l'année."
            )
        return value
    text = ("" if value is None else str(value)).strip()
    if field in _REQUIRED_TEXT and not text:
        raise DomainError(f"{label} : ce champ ne peut pas rester vide.")
    if not text:
        return None
    if field == "email" and not _EMAIL.fullmatch(text):
        raise DomainError(f"Courriel : « {text} » n'est pas une adresse valide (exemple : prenom.nom@exemple.fr).")
    if field == "postcode" and not _POSTCODE.fullmatch(text):
        raise DomainError(f"Code postal : « {text} » doit compter cinq chiffres (exemple : 65000).")
    if field == "phone":
        return format_phone(text)
    return " ".join(text.split()) if field in ("first_name", "last_name", "town", "full_name") else text


def _require_reason(text: str | None, what: str) -> str:
    reason = (text or "").strip()
    if sum(1 for ch in reason if not ch.isspace()) < MIN_REASON_CHARS:
        raise DomainError(f"Indiquez {what} (au moins {MIN_REASON_CHARS} caractères).")
    return reason


# --------------------------------------------------------------------------------------------------
# Outcome schedule
# --------------------------------------------------------------------------------------------------


def milestone_due_dates(intake_on: date) -> dict[OutcomeMilestone, date]:
    """When each outcome is due: 3, 6 and 12 months after the intake, clamped to the month's end
    (an intake on 30 November is due on 28 or 29 February)."""
    return {milestone: add_months(intake_on, months) for milestone, months in MILESTONE_MONTHS.items()}


def outcome_state(*, due_on: date | None, recorded_on: date | None, today: date, exited: bool) -> OutcomeState:
    """Where one outcome stands today: recorded, overdue, due within the horizon, or upcoming."""
    if recorded_on is not None:
        return OutcomeState.RECORDED
    if exited:
        return OutcomeState.NOT_DUE
    if due_on is None:
        return OutcomeState.UPCOMING
    if due_on < today:
        return OutcomeState.OVERDUE
    if due_on <= today + timedelta(days=OUTCOME_HORIZON_DAYS):
        return OutcomeState.DUE
    return OutcomeState.UPCOMING


def intake_date(intake: JointIntake) -> date | None:
    """The date outcomes count from: the day the intake was held (else validated, else planned)."""
    if intake.held_on is not None:
        return intake.held_on
    for moment in (intake.validated_at, intake.planned_at):
        if moment is not None:
            return moment.astimezone(PARIS).date()
    return None


def schedule_outcomes(session: LocalSession, *, youth_id: str, intake_id: str | None, intake_on: date) -> list[Outcome]:
    """Create the 3-, 6- and 12-month outcome rows a youth does not have yet (idempotent).

    For the intake's validation, and used here when a milestone is recorded before its row exists.
    """
    existing = {
        o.milestone
        for o in session.scalars(select(Outcome).where(Outcome.youth_id == youth_id, Outcome.deleted_at.is_(None)))
    }
    created: list[Outcome] = []
    for milestone, due_on in milestone_due_dates(intake_on).items():
        if milestone in existing:
            continue
        row = Outcome(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, milestone=milestone, due_on=due_on)
        session.add(row)
        created.append(row)
    return created


# --------------------------------------------------------------------------------------------------
# Small readers
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SolutionKind:
    category: OfferCategory
    offer: ServiceOffer | None


def solution_category(
    session: LocalSession, *, offer_id: str | None, category: OfferCategory | None, territory_id: str
) -> SolutionKind:
    """The category of a proposed solution (the intake's and the case file's): the offer's, which must still be
    in the catalogue and open in the youth's territory, or the one chosen for a solution written freely."""
    if offer_id is None:
        if category is None:
            raise DomainError("Choisissez la catégorie de cette solution (par exemple « Orientation et bilan »).")
        return SolutionKind(OfferCategory(category), None)
    offer = session.get(ServiceOffer, offer_id)
    if offer is None or offer.deleted_at is not None:
        raise NotFound("Cette offre n'existe plus dans le catalogue : choisissez-en une autre.")
    if offer.territory_id not in (None, territory_id):
        raise DomainError("Cette offre n'est pas proposée sur le territoire du jeune.")
    return SolutionKind(offer.category, offer)


def live_youth(session: LocalSession, youth_id: str) -> Youth:
    """The youth's row, or NotFound in French when it is not (or no longer) on this computer."""
    youth = session.get(Youth, youth_id)
    if youth is None or youth.deleted_at is not None:
        raise NotFound("Ce dossier n'existe pas (ou plus) sur cet ordinateur. Synchronisez, puis réessayez.")
    return youth


def _staff_names(session: LocalSession, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        sid: f"{first} {last}"
        for sid, first, last in session.execute(
            select(Staff.id, Staff.first_name, Staff.last_name).where(Staff.id.in_(wanted))
        )
    }


def _org_names(session: LocalSession, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        oid: short or name
        for oid, short, name in session.execute(
            select(Organisation.id, Organisation.short_name, Organisation.name).where(Organisation.id.in_(wanted))
        )
    }


def _open_assignment(session: LocalSession, youth_id: str) -> ReferentAssignment | None:
    return session.scalars(
        select(ReferentAssignment)
        .where(
            ReferentAssignment.youth_id == youth_id,
            ReferentAssignment.ended_on.is_(None),
            ReferentAssignment.deleted_at.is_(None),
        )
        .order_by(ReferentAssignment.started_on.desc())
    ).first()


def _latest_intake(session: LocalSession, youth_id: str) -> JointIntake | None:
    intakes = list(
        session.scalars(
            select(JointIntake).where(
                JointIntake.youth_id == youth_id,
                JointIntake.deleted_at.is_(None),
                JointIntake.state != IntakeState.CANCELLED,
            )
        )
    )
    if not intakes:
        return None
    # The validated intake first, then the most recent one.
    return max(intakes, key=lambda i: (i.state is IntakeState.VALIDATED, intake_date(i) or date.min))


def _header(session: LocalSession, youth: Youth, today: date) -> CaseHeader:
    territory = session.get(Territory, youth.territory_id)
    assignment = _open_assignment(session, youth.id)
    names = _staff_names(session, [assignment.staff_id] if assignment else [])
    return CaseHeader(
        youth_id=youth.id,
        first_name=youth.first_name,
        last_name=youth.last_name,
        birth_date=youth.birth_date,
        age=age_on(youth.birth_date, today) if youth.birth_date <= today else None,
        territory_id=youth.territory_id,
        territory_name=territory.name if territory else "",
        referent_id=assignment.staff_id if assignment else None,
        referent_name=names.get(assignment.staff_id) if assignment else None,
        status=youth.status,
    )


def _solution_title(solution: ProposedSolution, offers: dict[str, ServiceOffer]) -> str:
    if solution.offer_id and solution.offer_id in offers:
        return offers[solution.offer_id].title
    return (solution.free_text or "").strip() or solution.category.label


def _intake_view(session: LocalSession, intake: JointIntake) -> IntakeView:
    participants = list(
        session.scalars(
            select(IntakeParticipant)
            .where(IntakeParticipant.intake_id == intake.id, IntakeParticipant.deleted_at.is_(None))
            .order_by(IntakeParticipant.position)
        )
    )
    notes = list(
        session.scalars(
            select(AnalysisNote)
            .where(AnalysisNote.intake_id == intake.id, AnalysisNote.deleted_at.is_(None))
            .order_by(AnalysisNote.written_at)
        )
    )
    amendments = list(
        session.scalars(
            select(IntakeAmendment)
            .where(IntakeAmendment.intake_id == intake.id, IntakeAmendment.deleted_at.is_(None))
            .order_by(IntakeAmendment.amended_at)
        )
    )
    barriers = tuple(
        sorted(
            session.scalars(
                select(IntakeBarrier.barrier).where(
                    IntakeBarrier.intake_id == intake.id, IntakeBarrier.deleted_at.is_(None)
                )
            ),
            key=list(Barrier).index,
        )
    )
    names = _staff_names(
        session,
        [p.staff_id for p in participants]
        + [n.author_staff_id for n in notes]
        + [a.amended_by for a in amendments]
        + [intake.next_appointment_staff_id],
    )
    territory = session.get(Territory, intake.territory_id)
    host = _org_names(session, [intake.host_organisation_id]).get(intake.host_organisation_id or "")
    referral = session.get(Referral, intake.referral_id) if intake.referral_id else None

    def participant_text(p: IntakeParticipant) -> str:
        if p.kind is ParticipantKind.COUNSELLOR:
            who = names.get(p.staff_id or "", "Conseiller non précisé")
            text = f"{who} — {p.role.label}" if p.role else who
        elif p.kind is ParticipantKind.YOUTH:
            text = "Le jeune"
        else:
            text = p.full_name or "Membre de la famille"
            if p.relationship:
                text += f" ({p.relationship})"
        return text if p.present else f"{text} — absent" + (f" : {p.absence_reason}" if p.absence_reason else "")

    by_section: dict[AnalysisSection, list[IntakeNoteView]] = {}
    for n in notes:
        if n.text.strip():
            by_section.setdefault(n.section, []).append(
                IntakeNoteView(names.get(n.author_staff_id or ""), n.text, n.written_at)
            )
    sections = tuple(
        IntakeSectionView(s, s.label, s in SENSITIVE_SECTIONS, tuple(by_section[s]))
        for s in AnalysisSection
        if s in by_section
    )
    referrer = None
    if referral is not None:
        referrer = ", ".join(x for x in (referral.referrer_name, referral.referrer_structure) if x) or None
    return IntakeView(
        id=intake.id,
        state=intake.state,
        planned_at=intake.planned_at,
        held_on=intake.held_on,
        validated_at=intake.validated_at,
        territory_name=territory.name if territory else "",
        host_name=host,
        referral_source=referral.source if referral else None,
        referred_on=referral.referred_on if referral else None,
        referrer=referrer,
        participants=tuple(participant_text(p) for p in participants),
        eligibility_overridden=intake.eligibility_overridden,
        eligibility_justification=intake.eligibility_justification,
        sections=sections,
        barriers=barriers,
        shared_diagnosis=intake.shared_diagnosis,
        diagnosis_agreed=intake.diagnosis_agreed,
        next_appointment_at=intake.next_appointment_at,
        next_appointment_place=intake.next_appointment_place,
        next_appointment_with=names.get(intake.next_appointment_staff_id or ""),
        amendments=tuple(
            AmendmentView(a.field, a.old_value, a.new_value, a.reason, names.get(a.amended_by or ""), a.amended_at)
            for a in amendments
        ),
    )


def _outcome_views(session: LocalSession, youth: Youth, intake: JointIntake | None, today: date) -> list[OutcomeView]:
    rows = {
        o.milestone: o
        for o in session.scalars(select(Outcome).where(Outcome.youth_id == youth.id, Outcome.deleted_at.is_(None)))
    }
    names = _staff_names(session, [o.recorded_by for o in rows.values()])
    start = intake_date(intake) if intake is not None else None
    expected = milestone_due_dates(start) if start is not None else {}
    exited = youth.status is YouthStatus.EXITED
    views: list[OutcomeView] = []
    for milestone in OutcomeMilestone:
        row = rows.get(milestone)
        if row is None and milestone is OutcomeMilestone.EXIT:
            views.append(OutcomeView(None, milestone, None, None, None, "", None, OutcomeState.UPCOMING))
            continue
        due_on = row.due_on if row is not None else expected.get(milestone)
        recorded_on = row.recorded_on if row is not None else None
        views.append(
            OutcomeView(
                id=row.id if row is not None else None,
                milestone=milestone,
                due_on=due_on,
                recorded_on=recorded_on,
                situation=row.situation if row is not None else None,
                note=row.note if row is not None else "",
                recorded_by_name=names.get(row.recorded_by or "") if row is not None else None,
                state=outcome_state(due_on=due_on, recorded_on=recorded_on, today=today, exited=exited),
            )
        )
    return views


# --------------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------------


class CaseFileService:
    """Roles are enforced through the AccessGuard (issue 7): reading a file needs CASE_VIEW (and is audited),
    changing it CASE_EDIT — the youth's current referent."""

    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def _require(self, by: Actor | None, action: Action, *, youth_id: str) -> None:
        if self._guard is not None:
            self._guard.require(by, action, youth_id=youth_id, entity="youth", entity_id=youth_id)

    def _youth_of(self, model: type[Guardian] | type[ProposedSolution], row_id: str) -> str:
        with self._ctx.read() as session:
            youth_id = session.scalar(select(model.youth_id).where(model.id == row_id, model.deleted_at.is_(None)))
        if youth_id is None:
            raise NotFound("Cet élément n'existe plus dans le dossier.")
        return youth_id

    def _refuse_if_exited(self, youth_id: str, *, consequence: str = "") -> None:
        with self._ctx.read() as session:
            youth = live_youth(session, youth_id)
            if youth.status is YouthStatus.EXITED:
                raise DomainError(f"{youth.first_name} {youth.last_name} est déjà sorti du dispositif{consequence}.")

    def _require_referent_change(self, by: Actor, youth_id: str) -> None:
        """The current referent hands over; an administrator may reassign; a youth without referent can be
        given one by anyone who may see the file."""
        if self._guard is None or by.has(StaffRole.ADMINISTRATOR):
            return
        if self._guard.allows(by, Action.CASE_EDIT, youth_id=youth_id):
            return
        if self._guard.context(by, youth_id=youth_id).referent_id is None:
            self._require(by, Action.CASE_VIEW, youth_id=youth_id)
            return
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)

    def can_edit(self, *, youth_id: str, by: Actor | None) -> bool:
        """Whether ``by`` may change this file (the GUI greys the editing out otherwise)."""
        return self._guard is None or self._guard.allows(by, Action.CASE_EDIT, youth_id=youth_id)

    # -- reading ---------------------------------------------------------------------------------

    def case_file(self, *, youth_id: str, by: Actor | None = None, record_view: bool = True) -> CaseFile:
        """Everything the case file window shows, read in one go. Opening it is recorded in the audit trail
        (``record_view=False`` when the window reads the file again after a change it made)."""
        self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        today = self._ctx.today()
        if record_view and by is not None and self._guard is not None:
            with self._ctx.write(by) as session:
                record_in(
                    session, action=AuditAction.VIEW, by=by, entity="youth", entity_id=youth_id, youth_id=youth_id
                )
        with self._ctx.read() as session:
            youth = live_youth(session, youth_id)
            header = _header(session, youth, today)
            guardians = tuple(
                GuardianView(g.id, g.full_name, g.relationship, g.phone, g.email)
                for g in session.scalars(
                    select(Guardian)
                    .where(Guardian.youth_id == youth_id, Guardian.deleted_at.is_(None))
                    .order_by(Guardian.full_name)
                )
            )
            changes = list(
                session.scalars(
                    select(IdentityChange)
                    .where(IdentityChange.youth_id == youth_id, IdentityChange.deleted_at.is_(None))
                    .order_by(IdentityChange.changed_at.desc())
                )
            )
            intake = _latest_intake(session, youth_id)
            solutions = list(
                session.scalars(
                    select(ProposedSolution)
                    .where(ProposedSolution.youth_id == youth_id, ProposedSolution.deleted_at.is_(None))
                    .order_by(ProposedSolution.updated_at)
                )
            )
            offers = {
                o.id: o
                for o in session.scalars(
                    select(ServiceOffer).where(ServiceOffer.id.in_({s.offer_id for s in solutions if s.offer_id}))
                )
            }
            events = list(
                session.scalars(
                    select(FollowUpEvent)
                    .where(FollowUpEvent.youth_id == youth_id, FollowUpEvent.deleted_at.is_(None))
                    .order_by(FollowUpEvent.occurred_on.desc(), FollowUpEvent.updated_at.desc())
                )
            )
            assignments = list(
                session.scalars(
                    select(ReferentAssignment)
                    .where(ReferentAssignment.youth_id == youth_id, ReferentAssignment.deleted_at.is_(None))
                    .order_by(ReferentAssignment.started_on.desc(), ReferentAssignment.updated_at.desc())
                )
            )
            decisions = _decisions(session, youth_id)
            names = _staff_names(
                session,
                [c.changed_by for c in changes]
                + [e.staff_id for e in events]
                + [a.staff_id for a in assignments]
                + [a.designated_by for a in assignments],
            )
            orgs = _org_names(
                session, [e.partner_organisation_id for e in events] + [o.provider_id for o in offers.values()]
            )
            return CaseFile(
                header=header,
                identity=Identity(
                    youth.first_name,
                    youth.last_name,
                    youth.birth_date,
                    youth.sex,
                    youth.phone,
                    youth.email,
                    youth.address,
                    youth.postcode,
                    youth.town,
                    youth.lives_in_priority_area,
                    youth.newly_arrived,
                    youth.left_school_on,
                    youth.last_class,
                ),
                guardians=guardians,
                identity_history=tuple(
                    IdentityChangeView(
                        c.id,
                        c.entity,
                        c.row_id,
                        c.field,
                        (GUARDIAN_FIELD_LABELS if c.entity == "guardian" else YOUTH_FIELD_LABELS).get(c.field, c.field),
                        _shown_text(c.field, c.old_value),
                        _shown_text(c.field, c.new_value),
                        names.get(c.changed_by or ""),
                        c.changed_at,
                    )
                    for c in changes
                ),
                intake=_intake_view(session, intake) if intake is not None else None,
                solutions=tuple(
                    SolutionView(
                        s.id,
                        _solution_title(s, offers),
                        s.category,
                        s.youth_answer,
                        s.status,
                        s.planned_start,
                        s.started_on,
                        s.ended_on,
                        s.notes,
                        s.intake_id is not None,
                        orgs.get(offers[s.offer_id].provider_id or "") if s.offer_id in offers else None,
                    )
                    for s in solutions
                ),
                timeline=tuple(
                    FollowUpView(
                        e.id,
                        e.kind,
                        e.occurred_on,
                        e.staff_id,
                        names.get(e.staff_id or ""),
                        e.partner_organisation_id,
                        orgs.get(e.partner_organisation_id or ""),
                        e.note,
                        e.updated_at,
                    )
                    for e in events
                ),
                outcomes=tuple(_outcome_views(session, youth, intake, today)),
                referents=tuple(
                    ReferentPeriod(
                        a.id,
                        a.staff_id,
                        names.get(a.staff_id, ""),
                        a.started_on,
                        a.ended_on,
                        a.reason,
                        a.cap_override_reason,
                        names.get(a.designated_by or ""),
                    )
                    for a in assignments
                ),
                decisions=decisions,
            )

    def header(self, *, youth_id: str) -> CaseHeader:
        with self._ctx.read() as session:
            return _header(session, live_youth(session, youth_id), self._ctx.today())

    # -- identity and contacts -------------------------------------------------------------------

    def update_identity(
        self, *, youth_id: str, changes: Mapping[str, Any], by: Actor
    ) -> tuple[IdentityChangeView, ...]:
        """Change identity or contact fields; each real change is kept in the history (old → new)."""
        unknown = set(changes) - set(YOUTH_FIELD_LABELS)
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        today = self._ctx.today()
        cleaned = {f: _clean_value(f, v, today=today) for f, v in changes.items()}
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            return self._apply_changes(session, youth, youth_id, "youth", cleaned, YOUTH_FIELD_LABELS, by)

    def add_guardian(
        self,
        *,
        youth_id: str,
        full_name: str,
        relationship: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        by: Actor,
    ) -> str:
        today = self._ctx.today()
        values = {
            "full_name": _clean_value("full_name", full_name, today=today),
            "relationship": _clean_value("relationship", relationship, today=today),
            "phone": _clean_value("phone", phone, today=today),
            "email": _clean_value("email", email, today=today),
        }
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            live_youth(session, youth_id)
            guardian = Guardian(case_id=youth_id, youth_id=youth_id, **values)
            session.add(guardian)
            session.flush()
            session.add(
                IdentityChange(
                    case_id=youth_id,
                    youth_id=youth_id,
                    entity="guardian",
                    row_id=guardian.id,
                    field="full_name",
                    old_value=None,
                    new_value=values["full_name"],
                    changed_by=by.staff_id,
                )
            )
            return guardian.id

    def update_guardian(
        self, *, guardian_id: str, changes: Mapping[str, Any], by: Actor
    ) -> tuple[IdentityChangeView, ...]:
        unknown = set(changes) - set(GUARDIAN_FIELD_LABELS)
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        today = self._ctx.today()
        cleaned = {f: _clean_value(f, v, today=today) for f, v in changes.items()}
        self._require(by, Action.CASE_EDIT, youth_id=self._youth_of(Guardian, guardian_id))
        with self._ctx.write(by) as session:
            guardian = session.get(Guardian, guardian_id)
            if guardian is None or guardian.deleted_at is not None:
                raise NotFound("Ce représentant légal n'existe plus dans le dossier.")
            return self._apply_changes(
                session, guardian, guardian.youth_id, "guardian", cleaned, GUARDIAN_FIELD_LABELS, by
            )

    def _apply_changes(
        self,
        session: LocalSession,
        row: Youth | Guardian,
        youth_id: str,
        entity: str,
        cleaned: Mapping[str, Any],
        labels: Mapping[str, str],
        by: Actor,
    ) -> tuple[IdentityChangeView, ...]:
        made: list[IdentityChangeView] = []
        now = datetime.now(UTC)
        for field_name, value in cleaned.items():
            old = getattr(row, field_name)
            if _stored_text(old) == _stored_text(value):
                continue
            setattr(row, field_name, value)
            change = IdentityChange(
                case_id=youth_id,
                youth_id=youth_id,
                entity=entity,
                row_id=row.id,
                field=field_name,
                old_value=_stored_text(old),
                new_value=_stored_text(value),
                changed_by=by.staff_id,
                changed_at=now,
            )
            session.add(change)
            session.flush()
            made.append(
                IdentityChangeView(
                    change.id,
                    entity,
                    row.id,
                    field_name,
                    labels[field_name],
                    _shown_text(field_name, change.old_value),
                    _shown_text(field_name, change.new_value),
                    by.display_name,
                    now,
                )
            )
        return tuple(made)

    # -- solutions -------------------------------------------------------------------------------

    def add_solution(
        self,
        *,
        youth_id: str,
        offer_id: str | None = None,
        free_text: str | None = None,
        category: OfferCategory | None = None,
        youth_answer: YouthAnswer = YouthAnswer.THINKING,
        planned_start: date | None = None,
        notes: str = "",
        by: Actor,
    ) -> str:
        """Propose a solution after the intake: from the catalogue, or written freely with its category."""
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if offer_id is None and not (free_text or "").strip():
                raise DomainError("Décrivez la solution proposée, ou choisissez-la dans le catalogue.")
            category = solution_category(
                session, offer_id=offer_id, category=category, territory_id=youth.territory_id
            ).category
            solution = ProposedSolution(
                case_id=youth_id,
                youth_id=youth_id,
                offer_id=offer_id,
                free_text=(free_text or "").strip() or None,
                category=category,
                youth_answer=youth_answer,
                planned_start=planned_start,
                status=SolutionStatus.PROPOSED,
                notes=notes.strip(),
            )
            session.add(solution)
            session.flush()
            return solution.id

    _TRANSITIONS: dict[SolutionStatus, frozenset[SolutionStatus]] = {
        SolutionStatus.PROPOSED: frozenset({SolutionStatus.STARTED, SolutionStatus.ABANDONED}),
        SolutionStatus.STARTED: frozenset({SolutionStatus.COMPLETED, SolutionStatus.ABANDONED}),
        SolutionStatus.COMPLETED: frozenset(),
        SolutionStatus.ABANDONED: frozenset(),
    }

    def set_solution_status(
        self, *, solution_id: str, status: SolutionStatus, on: date | None = None, note: str = "", by: Actor
    ) -> SolutionStatus:
        """Move a solution along: proposed → started → completed, or abandoned; the dated note is kept."""
        on = on or self._ctx.today()
        if on > self._ctx.today():
            raise DomainError(f"La date ({format_date(on)}) est dans le futur : indiquez la date réelle.")
        self._require(by, Action.CASE_EDIT, youth_id=self._youth_of(ProposedSolution, solution_id))
        with self._ctx.write(by) as session:
            solution = session.get(ProposedSolution, solution_id)
            if solution is None or solution.deleted_at is not None:
                raise NotFound("Cette solution n'existe plus dans le dossier.")
            if status not in self._TRANSITIONS[solution.status]:
                raise DomainError(
                    f"La solution est « {solution.status.label.lower()} » : elle ne peut pas passer à "
                    f"« {status.label.lower()} »."
                    + (" Proposez une nouvelle solution si besoin." if not self._TRANSITIONS[solution.status] else "")
                )
            if status is SolutionStatus.STARTED:
                solution.started_on = on
            else:
                if solution.started_on is not None and on < solution.started_on:
                    raise DomainError(
                        f"La date de fin ({format_date(on)}) précède le début ({format_date(solution.started_on)})."
                    )
                solution.ended_on = on
            if status is SolutionStatus.STARTED and solution.youth_answer is not YouthAnswer.ACCEPTED:
                solution.youth_answer = YouthAnswer.ACCEPTED
            solution.status = status
            line = f"{format_date_short(on)} — {status.label}" + (f" : {note.strip()}" if note.strip() else "")
            solution.notes = f"{solution.notes}\n{line}".strip() if solution.notes else line
            return status

    # -- follow-up -------------------------------------------------------------------------------

    def add_follow_up(
        self,
        *,
        youth_id: str,
        kind: FollowUpKind,
        occurred_on: date,
        note: str = "",
        partner_organisation_id: str | None = None,
        by: Actor,
    ) -> str:
        """Add an entry to the follow-up diary (a partner mobilisation names the partner)."""
        if occurred_on > self._ctx.today():
            raise DomainError(
                f"Le suivi est daté du {format_date(occurred_on)}, dans le futur : notez-le une fois qu'il a eu lieu."
            )
        if kind is FollowUpKind.PARTNER_MOBILISATION and not partner_organisation_id:
            raise DomainError("Pour une mobilisation de partenaire, choisissez le partenaire mobilisé.")
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if occurred_on < youth.birth_date:
                raise DomainError("La date du suivi précède la date de naissance du jeune : vérifiez-la.")
            if partner_organisation_id and session.get(Organisation, partner_organisation_id) is None:
                raise NotFound("Ce partenaire n'existe pas dans les données de référence.")
            event = FollowUpEvent(
                case_id=youth_id,
                youth_id=youth_id,
                kind=kind,
                occurred_on=occurred_on,
                staff_id=by.staff_id,
                partner_organisation_id=partner_organisation_id,
                note=note.strip(),
            )
            session.add(event)
            session.flush()
            return event.id

    # -- outcomes and exit -----------------------------------------------------------------------

    def record_outcome(
        self,
        *,
        youth_id: str,
        milestone: OutcomeMilestone,
        situation: OutcomeSituation,
        note: str = "",
        recorded_on: date | None = None,
        by: Actor,
    ) -> str:
        """Record where the youth stands at 3, 6 or 12 months (a correction overwrites, the sync keeps the trail)."""
        if milestone is OutcomeMilestone.EXIT:
            raise DomainError("La situation à la sortie s'enregistre avec « Sortie du dispositif ».")
        recorded_on = recorded_on or self._ctx.today()
        if recorded_on > self._ctx.today():
            raise DomainError(f"La date ({format_date(recorded_on)}) est dans le futur.")
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            row = self._outcome_row(session, youth, milestone, fallback_due=recorded_on)
            row.situation = situation
            row.note = note.strip()
            row.recorded_on = recorded_on
            row.recorded_by = by.staff_id
            session.flush()
            return row.id

    def exit_youth(
        self, *, youth_id: str, situation: OutcomeSituation, note: str = "", on: date | None = None, by: Actor
    ) -> str:
        """The youth leaves the programme: the exit outcome is recorded, the status becomes "sorti" and the
        referent's follow-up ends (the youth no longer counts in their caseload)."""
        on = on or self._ctx.today()
        if on > self._ctx.today():
            raise DomainError(f"La date de sortie ({format_date(on)}) est dans le futur.")
        self._refuse_if_exited(youth_id)
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if youth.status is YouthStatus.EXITED:
                raise DomainError(f"{youth.first_name} {youth.last_name} est déjà sorti du dispositif.")
            row = session.scalars(
                select(Outcome).where(
                    Outcome.youth_id == youth_id,
                    Outcome.milestone == OutcomeMilestone.EXIT,
                    Outcome.deleted_at.is_(None),
                )
            ).first()
            if row is None:
                intake = _latest_intake(session, youth_id)
                row = Outcome(
                    case_id=youth_id,
                    youth_id=youth_id,
                    intake_id=intake.id if intake else None,
                    milestone=OutcomeMilestone.EXIT,
                    due_on=on,
                )
                session.add(row)
            row.situation = situation
            row.note = note.strip()
            row.recorded_on = on
            row.recorded_by = by.staff_id
            youth.status = YouthStatus.EXITED
            assignment = _open_assignment(session, youth_id)
            if assignment is not None:
                assignment.ended_on = max(on, assignment.started_on)
            session.flush()
            return row.id

    def _outcome_row(
        self, session: LocalSession, youth: Youth, milestone: OutcomeMilestone, *, fallback_due: date
    ) -> Outcome:
        row = session.scalars(
            select(Outcome).where(
                Outcome.youth_id == youth.id, Outcome.milestone == milestone, Outcome.deleted_at.is_(None)
            )
        ).first()
        if row is not None:
            return row
        intake = _latest_intake(session, youth.id)
        start = intake_date(intake) if intake is not None else None
        if start is not None:
            schedule_outcomes(session, youth_id=youth.id, intake_id=intake.id, intake_on=start)
            session.flush()
            return session.scalars(
                select(Outcome).where(
                    Outcome.youth_id == youth.id, Outcome.milestone == milestone, Outcome.deleted_at.is_(None)
                )
            ).one()
        row = Outcome(case_id=youth.id, youth_id=youth.id, milestone=milestone, due_on=fallback_due)
        session.add(row)
        return row

    # -- referent --------------------------------------------------------------------------------

    def referent_candidates(self, *, youth_id: str | None = None) -> list[ReferentCandidate]:
        """Staff who may be referent, with their caseload against their cap (full ones are listed too)."""
        with self._ctx.read() as session:
            current = _open_assignment(session, youth_id) if youth_id else None
            rows = session.execute(
                select(Staff, Organisation.short_name, Organisation.name)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(
                    Staff.deleted_at.is_(None),
                    Staff.active.is_(True),
                    Staff.id.in_(
                        select(StaffRoleGrant.staff_id).where(
                            StaffRoleGrant.role == StaffRole.REFERENT, StaffRoleGrant.deleted_at.is_(None)
                        )
                    ),
                )
                .order_by(Staff.last_name, Staff.first_name)
            ).all()
            loads = current_caseloads(session, [s.id for s, _, _ in rows])
        return [
            ReferentCandidate(
                s.id,
                f"{s.first_name} {s.last_name}",
                short or name,
                loads.get(s.id, 0),
                s.caseload_cap,
                current is not None and current.staff_id == s.id,
            )
            for s, short, name in rows
        ]

    def change_referent(
        self,
        *,
        youth_id: str,
        staff_id: str,
        reason: str,
        cap_override_reason: str | None = None,
        on: date | None = None,
        by: Actor,
    ) -> ReferentPeriod:
        """Hand the youth over to another referent: the current follow-up ends, a new one starts.

        The cap applies as at the intake: a full referent is refused, unless an administrator overrides it
        with a written reason (kept on the new assignment).
        """
        on = on or self._ctx.today()
        reason = _require_reason(reason, "la raison du changement de référent")
        self._refuse_if_exited(youth_id, consequence=" : il n'a plus de référent")
        self._require_referent_change(by, youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if youth.status is YouthStatus.EXITED:
                raise DomainError(
                    f"{youth.first_name} {youth.last_name} est sorti du dispositif : il n'a plus de référent."
                )
            staff = session.get(Staff, staff_id)
            if staff is None or staff.deleted_at is not None or not staff.active:
                raise NotFound("Cette personne ne fait plus partie du personnel.")
            is_referent = session.scalar(
                select(func.count()).where(
                    StaffRoleGrant.staff_id == staff_id,
                    StaffRoleGrant.role == StaffRole.REFERENT,
                    StaffRoleGrant.deleted_at.is_(None),
                )
            )
            name = f"{staff.first_name} {staff.last_name}"
            if not is_referent:
                raise DomainError(f"{name} n'a pas le rôle de référent unique : choisissez quelqu'un d'autre.")
            current = _open_assignment(session, youth_id)
            if current is not None and current.staff_id == staff_id:
                raise DomainError(f"{name} est déjà le référent de {youth.first_name} {youth.last_name}.")
            if current is not None and on < current.started_on:
                raise DomainError(
                    f"Le changement ne peut pas précéder le début du suivi actuel ({format_date(current.started_on)})."
                )
            load = current_caseloads(session, [staff_id]).get(staff_id, 0)
            check = check_designation(
                referent_name=name,
                current_caseload=load,
                cap=staff.caseload_cap,
                override_reason=cap_override_reason,
                overridden_by_admin=by.has(StaffRole.ADMINISTRATOR),
            )
            if current is not None:
                current.ended_on = on
            assignment = ReferentAssignment(
                case_id=youth_id,
                youth_id=youth_id,
                staff_id=staff_id,
                started_on=on,
                reason=reason,
                cap_override_reason=check.override_reason,
                designated_by=by.staff_id,
            )
            session.add(assignment)
            if youth.status is not YouthStatus.FOLLOWED:
                youth.status = YouthStatus.FOLLOWED
            session.flush()
            return ReferentPeriod(
                assignment.id, staff_id, name, on, None, reason, check.override_reason, by.display_name
            )

    # -- partners --------------------------------------------------------------------------------

    def partner_organisations(self, *, territory_id: str | None = None) -> list[OrganisationChoice]:
        """Organisations that can be mobilised or invited: the territory's and those serving every territory."""
        with self._ctx.read() as session:
            stmt = select(Organisation).where(Organisation.deleted_at.is_(None)).order_by(Organisation.name)
            if territory_id:
                stmt = stmt.where(or_(Organisation.territory_id == territory_id, Organisation.territory_id.is_(None)))
            return [
                OrganisationChoice(o.id, o.short_name or o.name, o.kind.label, o.territory_id)
                for o in session.scalars(stmt)
            ]

    def offers(self, *, territory_id: str | None = None) -> list[OfferChoice]:
        """The pooled catalogue's active offers open in the territory (and those open everywhere)."""
        with self._ctx.read() as session:
            stmt = (
                select(ServiceOffer)
                .where(ServiceOffer.deleted_at.is_(None), ServiceOffer.active.is_(True))
                .order_by(ServiceOffer.category, ServiceOffer.title)
            )
            if territory_id:
                stmt = stmt.where(or_(ServiceOffer.territory_id == territory_id, ServiceOffer.territory_id.is_(None)))
            offers = list(session.scalars(stmt))
            providers = _org_names(session, [o.provider_id for o in offers])
        return [OfferChoice(o.id, o.title, o.category, providers.get(o.provider_id or "")) for o in offers]

    def staff_choices(self, *, territory_id: str | None = None) -> list[StaffChoice]:
        """Active staff (of the territory's organisations and the ones serving every territory), for case reviews."""
        with self._ctx.read() as session:
            stmt = (
                select(Staff.id, Staff.first_name, Staff.last_name, Organisation.short_name, Organisation.name)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(Staff.deleted_at.is_(None), Staff.active.is_(True))
                .order_by(Staff.last_name, Staff.first_name)
            )
            if territory_id:
                stmt = stmt.where(or_(Organisation.territory_id == territory_id, Organisation.territory_id.is_(None)))
            return [
                StaffChoice(sid, f"{f} {lname}", short or oname)
                for sid, f, lname, short, oname in session.execute(stmt)
            ]

    # -- case reviews ----------------------------------------------------------------------------

    def plan_review(
        self,
        *,
        planned_on: date,
        youth_ids: Sequence[str],
        title: str = "",
        place: str | None = None,
        staff_ids: Sequence[str] = (),
        organisation_ids: Sequence[str] = (),
        other_participants: Sequence[str] = (),
        territory_id: str | None = None,
        by: Actor,
    ) -> str:
        """Plan a réunion de synthèse about one or more youths, with the staff and partners invited."""
        youth_ids = list(dict.fromkeys(youth_ids))
        if not youth_ids:
            raise DomainError("Choisissez au moins un jeune dont la situation sera étudiée.")
        for youth_id in youth_ids:
            self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youths = [live_youth(session, y) for y in youth_ids]
            territory_id = territory_id or by.territory_id or youths[0].territory_id
            review = CaseReview(
                territory_id=territory_id,
                planned_on=planned_on,
                place=(place or "").strip() or None,
                title=title.strip() or "Réunion de synthèse",
                organiser_id=by.staff_id,
                held=False,
            )
            session.add(review)
            session.flush()
            for staff_id in dict.fromkeys([by.staff_id, *staff_ids]):
                session.add(CaseReviewParticipant(review_id=review.id, staff_id=staff_id))
            for organisation_id in dict.fromkeys(organisation_ids):
                session.add(CaseReviewParticipant(review_id=review.id, organisation_id=organisation_id))
            for name in other_participants:
                if name.strip():
                    session.add(CaseReviewParticipant(review_id=review.id, full_name=name.strip()))
            for youth in youths:
                session.add(CaseReviewYouth(case_id=youth.id, review_id=review.id, youth_id=youth.id, decision=""))
            session.flush()
            return review.id

    def add_review_youth(self, *, review_id: str, youth_id: str, by: Actor) -> None:
        self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.write(by) as session:
            _review(session, review_id)
            live_youth(session, youth_id)
            exists_ = session.scalar(
                select(func.count()).where(
                    CaseReviewYouth.review_id == review_id,
                    CaseReviewYouth.youth_id == youth_id,
                    CaseReviewYouth.deleted_at.is_(None),
                )
            )
            if not exists_:
                session.add(CaseReviewYouth(case_id=youth_id, review_id=review_id, youth_id=youth_id, decision=""))

    def record_decision(self, *, review_id: str, youth_id: str, decision: str, by: Actor) -> None:
        """Write the decision taken for one youth; the meeting is then marked as held."""
        text = decision.strip()
        if not text:
            raise DomainError("Écrivez la décision prise pour ce jeune.")
        self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.write(by) as session:
            review = _review(session, review_id)
            row = session.scalars(
                select(CaseReviewYouth).where(
                    CaseReviewYouth.review_id == review_id,
                    CaseReviewYouth.youth_id == youth_id,
                    CaseReviewYouth.deleted_at.is_(None),
                )
            ).first()
            if row is None:
                raise NotFound("Ce jeune n'est pas inscrit à cette réunion de synthèse.")
            row.decision = text
            if not review.held:
                review.held = True

    def reviews(self, *, territory_id: str | None = None, youth_id: str | None = None) -> list[ReviewSummary]:
        """Case reviews, the coming ones first (then the past ones, newest first)."""
        today = self._ctx.today()
        with self._ctx.read() as session:
            stmt = (
                select(CaseReview, Territory.name)
                .join(Territory, Territory.id == CaseReview.territory_id)
                .where(CaseReview.deleted_at.is_(None))
            )
            if territory_id:
                stmt = stmt.where(CaseReview.territory_id == territory_id)
            if youth_id:
                stmt = stmt.where(
                    CaseReview.id.in_(
                        select(CaseReviewYouth.review_id).where(
                            CaseReviewYouth.youth_id == youth_id, CaseReviewYouth.deleted_at.is_(None)
                        )
                    )
                )
            rows = session.execute(stmt).all()
            counts: dict[str, tuple[int, int]] = {}
            for review_id, decision in session.execute(
                select(CaseReviewYouth.review_id, CaseReviewYouth.decision).where(
                    CaseReviewYouth.review_id.in_([r.id for r, _ in rows]), CaseReviewYouth.deleted_at.is_(None)
                )
            ):
                n, d = counts.get(review_id, (0, 0))
                counts[review_id] = (n + 1, d + (1 if decision.strip() else 0))
        upcoming = sorted((r for r in rows if r[0].planned_on >= today), key=lambda r: r[0].planned_on)
        past = sorted((r for r in rows if r[0].planned_on < today), key=lambda r: r[0].planned_on, reverse=True)
        return [
            ReviewSummary(r.id, r.planned_on, r.title, r.place, r.held, tname, *counts.get(r.id, (0, 0)))
            for r, tname in upcoming + past
        ]

    def review(self, *, review_id: str) -> ReviewDetail:
        with self._ctx.read() as session:
            review = _review(session, review_id)
            territory = session.get(Territory, review.territory_id)
            participants = list(
                session.scalars(
                    select(CaseReviewParticipant).where(
                        CaseReviewParticipant.review_id == review_id, CaseReviewParticipant.deleted_at.is_(None)
                    )
                )
            )
            youths = session.execute(
                select(CaseReviewYouth.youth_id, Youth.first_name, Youth.last_name, CaseReviewYouth.decision)
                .join(Youth, Youth.id == CaseReviewYouth.youth_id)
                .where(CaseReviewYouth.review_id == review_id, CaseReviewYouth.deleted_at.is_(None))
                .order_by(Youth.last_name_key, Youth.first_name_key)
            ).all()
            staff_rows = {
                sid: (f"{first} {last}", org_id)
                for sid, first, last, org_id in session.execute(
                    select(Staff.id, Staff.first_name, Staff.last_name, Staff.organisation_id).where(
                        Staff.id.in_({p.staff_id for p in participants if p.staff_id} | {review.organiser_id or ""})
                    )
                )
            }
            orgs = _org_names(
                session,
                [p.organisation_id for p in participants] + [org for _, org in staff_rows.values()],
            )
        views = []
        for p in participants:
            if p.staff_id:
                name, org_id = staff_rows.get(p.staff_id, ("", None))
                views.append(ReviewParticipantView(p.id, name, orgs.get(org_id or "")))
            elif p.organisation_id:
                views.append(ReviewParticipantView(p.id, orgs.get(p.organisation_id, ""), None))
            else:
                views.append(ReviewParticipantView(p.id, p.full_name or "", None))
        return ReviewDetail(
            id=review.id,
            planned_on=review.planned_on,
            title=review.title,
            place=review.place,
            held=review.held,
            territory_id=review.territory_id,
            territory_name=territory.name if territory else "",
            organiser_name=staff_rows.get(review.organiser_id or "", (None, None))[0],
            participants=tuple(sorted(views, key=lambda v: v.name.casefold())),
            youths=tuple(ReviewYouthView(yid, f"{first} {last}", decision) for yid, first, last, decision in youths),
        )

    # -- à faire ---------------------------------------------------------------------------------

    def no_contact_days(self) -> int:
        """The "no contact for too long" threshold of this device (30 days unless changed)."""
        with self._ctx.read() as session:
            raw = read_setting(session, NO_CONTACT_DAYS_KEY)
        try:
            days = int(raw) if raw is not None else DEFAULT_NO_CONTACT_DAYS
        except ValueError:
            return DEFAULT_NO_CONTACT_DAYS
        return days if days > 0 else DEFAULT_NO_CONTACT_DAYS

    def set_no_contact_days(self, *, days: int) -> None:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
            raise DomainError("Le délai sans contact doit être un nombre de jours entre 1 et 365.")
        with self._ctx.write() as session:
            setting = session.get(LocalSetting, NO_CONTACT_DAYS_KEY)
            if setting is None:
                session.add(LocalSetting(key=NO_CONTACT_DAYS_KEY, value=str(days)))
            else:
                setting.value = str(days)

    def to_do(self, *, by: Actor, no_contact_days: int | None = None) -> ToDo:
        """What the referent should do: outcomes due or overdue, youths without contact, coming appointments."""
        days = no_contact_days if no_contact_days is not None else self.no_contact_days()
        today = self._ctx.today()
        with self._ctx.read() as session:
            mine = select(ReferentAssignment.youth_id).where(
                ReferentAssignment.staff_id == by.staff_id,
                ReferentAssignment.ended_on.is_(None),
                ReferentAssignment.deleted_at.is_(None),
            )
            outcomes = _due_outcomes(session, today=today, within_days=OUTCOME_HORIZON_DAYS, youth_scope=mine)
            quiet = _quiet_follow_ups(session, today=today, days=days, staff_id=by.staff_id)
            appointments = _appointments(session, today=today, staff_id=by.staff_id, youth_scope=mine)
        return ToDo(today, days, tuple(outcomes), tuple(quiet), tuple(appointments))

    def outcomes_due(
        self, *, by: Actor, within_days: int = OUTCOME_HORIZON_DAYS, referent_id: str | None = None
    ) -> list[DueOutcome]:
        """Outcomes overdue or due within ``within_days`` (the territory's, or one referent's), oldest first.

        A referent always sees their own youths'; the territory's take a role that sees its case files."""
        if within_days < 0:
            raise DomainError("Le nombre de jours doit être positif ou nul.")
        own = referent_id is not None and referent_id == by.staff_id
        if not own and self._guard is not None:
            self._guard.require(by, Action.CASE_VIEW, territory_id=by.territory_id, entity="youth")
        today = self._ctx.today()
        with self._ctx.read() as session:
            scope = select(Youth.id).where(Youth.territory_id == by.territory_id)
            if referent_id is not None:
                scope = select(ReferentAssignment.youth_id).where(
                    ReferentAssignment.staff_id == referent_id,
                    ReferentAssignment.ended_on.is_(None),
                    ReferentAssignment.deleted_at.is_(None),
                )
                if not own:
                    scope = scope.join(Youth, Youth.id == ReferentAssignment.youth_id).where(
                        Youth.territory_id == by.territory_id
                    )
            return _due_outcomes(session, today=today, within_days=within_days, youth_scope=scope, limit=None)

    def staff_id_for_login(self, *, login: str) -> str:
        """The staff id behind a login (for `pac youth list --mine-of LOGIN`)."""
        with self._ctx.read() as session:
            staff_id = session.scalar(
                select(Credential.staff_id).where(Credential.login == login.strip(), Credential.deleted_at.is_(None))
            )
        if staff_id is None:
            raise NotFound(f"Aucun membre du personnel n'a l'identifiant « {login} ».")
        return staff_id


def _review(session: LocalSession, review_id: str) -> CaseReview:
    review = session.get(CaseReview, review_id)
    if review is None or review.deleted_at is not None:
        raise NotFound("Cette réunion de synthèse n'existe plus.")
    return review


def _decisions(session: LocalSession, youth_id: str) -> tuple[DecisionView, ...]:
    rows = session.execute(
        select(CaseReview, CaseReviewYouth.decision)
        .join(CaseReviewYouth, CaseReviewYouth.review_id == CaseReview.id)
        .where(
            CaseReviewYouth.youth_id == youth_id,
            CaseReviewYouth.deleted_at.is_(None),
            CaseReview.deleted_at.is_(None),
        )
        .order_by(CaseReview.planned_on.desc())
    ).all()
    participants = list(
        session.scalars(
            select(CaseReviewParticipant).where(
                CaseReviewParticipant.review_id.in_([r.id for r, _ in rows]),
                CaseReviewParticipant.deleted_at.is_(None),
            )
        )
    )
    staff = _staff_names(session, [p.staff_id for p in participants])
    orgs = _org_names(session, [p.organisation_id for p in participants])
    by_review: dict[str, list[str]] = {}
    for p in participants:
        name = staff.get(p.staff_id or "") or orgs.get(p.organisation_id or "") or p.full_name or ""
        if name:
            by_review.setdefault(p.review_id, []).append(name)
    return tuple(
        DecisionView(r.id, r.planned_on, r.title, r.place, r.held, decision, tuple(sorted(by_review.get(r.id, []))))
        for r, decision in rows
    )


def _due_outcomes(
    session: LocalSession, *, today: date, within_days: int, youth_scope: Any, limit: int | None = MAX_TODO_LINES
) -> list[DueOutcome]:
    stmt = (
        select(Outcome.id, Outcome.youth_id, Youth.first_name, Youth.last_name, Outcome.milestone, Outcome.due_on)
        .join(Youth, Youth.id == Outcome.youth_id)
        .where(
            Outcome.recorded_on.is_(None),
            Outcome.deleted_at.is_(None),
            Outcome.milestone != OutcomeMilestone.EXIT,
            Outcome.due_on <= today + timedelta(days=within_days),
            Youth.deleted_at.is_(None),
            Youth.status != YouthStatus.EXITED,
        )
        .order_by(Outcome.due_on, Youth.last_name_key, Youth.first_name_key)
    )
    if youth_scope is not None:
        stmt = stmt.where(Outcome.youth_id.in_(youth_scope))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    referents = dict(
        session.execute(
            select(ReferentAssignment.youth_id, ReferentAssignment.staff_id).where(
                ReferentAssignment.youth_id.in_({r.youth_id for r in rows}),
                ReferentAssignment.ended_on.is_(None),
                ReferentAssignment.deleted_at.is_(None),
            )
        ).all()
    )
    names = _staff_names(session, referents.values())
    return [
        DueOutcome(oid, yid, f"{first} {last}", milestone, due, due < today, names.get(referents.get(yid, "")))
        for oid, yid, first, last, milestone, due in rows
    ]


def _quiet_follow_ups(session: LocalSession, *, today: date, days: int, staff_id: str) -> list[QuietFollowUp]:
    last_contact = (
        select(FollowUpEvent.youth_id, func.max(FollowUpEvent.occurred_on).label("last_on"))
        .where(FollowUpEvent.kind.in_(sorted(CONTACT_KINDS)), FollowUpEvent.deleted_at.is_(None))
        .group_by(FollowUpEvent.youth_id)
        .subquery()
    )
    rows = session.execute(
        select(Youth.id, Youth.first_name, Youth.last_name, ReferentAssignment.started_on, last_contact.c.last_on)
        .join(ReferentAssignment, ReferentAssignment.youth_id == Youth.id)
        .outerjoin(last_contact, last_contact.c.youth_id == Youth.id)
        .where(
            ReferentAssignment.staff_id == staff_id,
            ReferentAssignment.ended_on.is_(None),
            ReferentAssignment.deleted_at.is_(None),
            Youth.deleted_at.is_(None),
            Youth.status == YouthStatus.FOLLOWED,
        )
    ).all()
    quiet: list[QuietFollowUp] = []
    for youth_id, first, last, started_on, last_on in rows:
        since = last_on or started_on
        waited = (today - since).days
        if waited > days:
            quiet.append(QuietFollowUp(youth_id, f"{first} {last}", last_on, since, waited))
    quiet.sort(key=lambda q: (-q.days, q.youth_name))
    return quiet[:MAX_TODO_LINES]


def _appointments(session: LocalSession, *, today: date, staff_id: str, youth_scope: Any) -> list[Appointment]:
    start = datetime.combine(today, time.min, PARIS).astimezone(UTC)
    rows = session.execute(
        select(
            JointIntake.youth_id,
            Youth.first_name,
            Youth.last_name,
            JointIntake.next_appointment_at,
            JointIntake.next_appointment_place,
            JointIntake.next_appointment_staff_id,
        )
        .join(Youth, Youth.id == JointIntake.youth_id)
        .where(
            JointIntake.deleted_at.is_(None),
            JointIntake.state.not_in([IntakeState.CANCELLED, IntakeState.NO_SHOW]),
            JointIntake.next_appointment_at >= start,
            Youth.deleted_at.is_(None),
            Youth.status != YouthStatus.EXITED,
            or_(JointIntake.next_appointment_staff_id == staff_id, JointIntake.youth_id.in_(youth_scope)),
        )
        .order_by(JointIntake.next_appointment_at)
        .limit(MAX_TODO_LINES)
    ).all()
    names = _staff_names(session, [r[5] for r in rows])
    return [
        Appointment(yid, f"{first} {last}", at, place, names.get(with_id or ""))
        for yid, first, last, at, place, with_id in rows
    ]


def describe_due(outcome: DueOutcome, today: date) -> str:
    """ "Situation à 3 mois : en retard de 4 jours (due le 8 mars 2026)" — for lists and the command line."""
    delta = (outcome.due_on - today).days
    if delta < 0:
        when = f"en retard de {plural(-delta, 'jour')}"
    elif delta == 0:
        when = "due aujourd'hui"
    else:
        when = f"due dans {plural(delta, 'jour')}"
    return f"Situation {outcome.milestone.label.lower()} : {when} (le {format_date(outcome.due_on)})"
