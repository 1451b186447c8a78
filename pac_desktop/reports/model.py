"""The read models the printed documents are made from: plain frozen values, no ORM object, no session.

``services.documents`` builds them from the store; ``reports`` renders them; the GUI shows some of them on
screen. They live here, in the lowest layer that both sides may import (reports may not import services).
Each model holds exactly what its document prints, so what is not in the model cannot leak onto paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pac_desktop.domain.enums import (
    AnalysisSection,
    IntakeRole,
    OfferCategory,
    OutcomeMilestone,
    OutcomeSituation,
    ParticipantKind,
    YouthAnswer,
)
from pac_desktop.domain.regional import over_cap

PROGRAMME_NAME = "Passeport Accueil Commun"


@dataclass(frozen=True)
class Letterhead:
    """What the header of every page says: the programme, and the partner organisations behind it."""

    programme: str
    partners: tuple[str, ...]
    territory_name: str | None = None


@dataclass(frozen=True)
class Address:
    """A partner organisation's public contact details (never a youth's)."""

    name: str
    address: str | None
    postcode: str | None
    town: str | None
    phone: str | None
    email: str | None

    @property
    def street_line(self) -> str:
        return self.address or ""

    @property
    def town_line(self) -> str:
        return " ".join(part for part in (self.postcode, self.town) if part)


# --------------------------------------------------------------------------------------------------
# Fiche de synthèse de l'accueil commun
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YouthBrief:
    """Only what the committee needs to know about the youth. ``display_name`` is initials when pseudonymised."""

    display_name: str
    initials: str
    age_at_intake: int | None
    adult: bool | None
    town: str | None
    territory_name: str
    newly_arrived: bool
    lives_in_priority_area: bool


@dataclass(frozen=True)
class ParticipantLine:
    kind: ParticipantKind
    name: str
    role: IntakeRole | None
    organisation: str | None
    relationship: str | None
    present: bool
    absence_reason: str | None
    #: The role's name in the territory (reference data, issue 18 §7).
    role_title: str = ""

    @property
    def role_label(self) -> str:
        if self.role is not None:
            return self.role_title or self.role.label
        if self.kind is ParticipantKind.FAMILY and self.relationship:
            return f"{self.kind.label} ({self.relationship})"
        return self.kind.label


@dataclass(frozen=True)
class CriterionLine:
    label: str
    met: bool | None
    explanation: str


@dataclass(frozen=True)
class NoteLine:
    author: str
    author_initials: str
    text: str
    written_at: datetime | None


@dataclass(frozen=True)
class DiagnosisSection:
    section: AnalysisSection
    sensitive: bool
    notes: tuple[NoteLine, ...]

    @property
    def title(self) -> str:
        return self.section.label


@dataclass(frozen=True)
class SolutionLine:
    title: str
    category: OfferCategory
    answer: YouthAnswer
    planned_start: date | None
    provider: str | None
    description: str = ""


@dataclass(frozen=True)
class ReferentLine:
    name: str
    organisation: str
    phone: str | None
    email: str | None
    started_on: date | None
    cap_override_reason: str | None


@dataclass(frozen=True)
class AppointmentLine:
    at: datetime
    place: str | None
    with_name: str | None


@dataclass(frozen=True)
class ValidationLine:
    name: str
    role: IntakeRole | None
    at: datetime
    role_title: str = ""


@dataclass(frozen=True)
class AmendmentLine:
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    by: str | None
    at: datetime


@dataclass(frozen=True)
class SessionSummary:
    """One joint intake as the committee reads it (fiche de synthèse de l'accueil commun)."""

    intake_id: str
    youth_id: str
    territory_id: str
    letterhead: Letterhead
    generated_at: datetime
    pseudonymised: bool
    youth: YouthBrief
    held_on: date | None
    planned_at: datetime | None
    place: str | None
    state_label: str
    validated_at: datetime | None
    participants: tuple[ParticipantLine, ...]
    eligibility: tuple[CriterionLine, ...]
    eligibility_overridden: bool
    eligibility_justification: str | None
    referral_source: str | None
    sections: tuple[DiagnosisSection, ...]
    shared_diagnosis: str
    diagnosis_agreed: bool
    barriers: tuple[str, ...]
    solutions: tuple[SolutionLine, ...]
    referent: ReferentLine | None
    next_appointment: AppointmentLine | None
    validations: tuple[ValidationLine, ...]
    amendments: tuple[AmendmentLine, ...]
    #: Issue 13: the consent to share in force, one sentence per kind (who, when, for whom, the guardian and link).
    consents: tuple[str, ...] = ()
    #: The one intake date (Paris time: domain.intake_state.intake_day); None while the intake has no date.
    intake_date: date | None = None

    @property
    def eligible(self) -> bool:
        return all(c.met is True for c in self.eligibility)


# --------------------------------------------------------------------------------------------------
# Passeport du jeune
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassportStep:
    """A solution the youth said yes to, in plain words."""

    title: str
    description: str
    category: OfferCategory
    planned_start: date | None
    provider: str | None


@dataclass(frozen=True)
class Passport:
    """What the youth takes home. No diagnosis, no barrier, nothing sensitive: contacts and next steps."""

    intake_id: str
    youth_id: str
    territory_id: str
    letterhead: Letterhead
    generated_at: datetime
    first_name: str
    last_name: str
    intake_date: date | None
    territory_name: str
    referent_name: str | None
    referent_organisation: Address | None
    referent_phone: str | None
    referent_email: str | None
    steps: tuple[PassportStep, ...]
    next_appointment: AppointmentLine | None
    partners: tuple[Address, ...]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


# --------------------------------------------------------------------------------------------------
# Dossier du comité technique local
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitteePack:
    territory_id: str
    territory_code: str
    territory_name: str
    letterhead: Letterhead
    generated_at: datetime
    date_from: date
    date_to: date
    pseudonymised: bool
    sessions: tuple[SessionSummary, ...]


# --------------------------------------------------------------------------------------------------
# Indicateurs
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountLine:
    """One line of a breakdown: a French label and how many youths (or solutions) it counts."""

    label: str
    count: int
    key: str = ""


@dataclass(frozen=True)
class TerritoryLine:
    code: str
    name: str
    kind_label: str
    priority_area: bool
    youths: int
    adults: int


@dataclass(frozen=True)
class CategoryLine:
    category: OfferCategory
    proposed: int
    accepted: int

    @property
    def label(self) -> str:
        return self.category.label


@dataclass(frozen=True)
class CaseloadLine:
    name: str
    organisation: str
    caseload: int
    cap: int

    @property
    def over_cap(self) -> bool:
        return over_cap(self.caseload, self.cap)

    @property
    def at_cap(self) -> bool:
        return self.caseload >= self.cap


@dataclass(frozen=True)
class OutcomeColumn:
    """The youths' situations at one milestone (3, 6 or 12 months after the intake)."""

    milestone: OutcomeMilestone
    by_situation: tuple[tuple[OutcomeSituation, int], ...]
    recorded: int
    awaited: int  # due, not recorded yet
    not_due: int  # the milestone is still ahead

    def count(self, situation: OutcomeSituation) -> int:
        return dict(self.by_situation).get(situation, 0)


@dataclass(frozen=True)
class Indicators:
    letterhead: Letterhead
    generated_at: datetime
    date_from: date
    date_to: date
    territory_code: str | None
    territory_name: str | None
    cohort_size: int
    adults: int
    minors: int
    by_territory: tuple[TerritoryLine, ...]
    by_kind: tuple[CountLine, ...]
    by_priority_area: tuple[CountLine, ...]
    referral_sources: tuple[CountLine, ...]
    solutions: tuple[CategoryLine, ...]
    caseloads: tuple[CaseloadLine, ...]
    outcomes: tuple[OutcomeColumn, ...]
    as_of: date

    @property
    def adult_share(self) -> float:
        return self.adults / self.cohort_size if self.cohort_size else 0.0

    @property
    def solutions_proposed(self) -> int:
        return sum(line.proposed for line in self.solutions)

    @property
    def solutions_accepted(self) -> int:
        return sum(line.accepted for line in self.solutions)


# -- convocations (reports.convocation) ----------------------------------------------------------------------


LETTER_TITLE = "Convocation à un accueil commun"
CANCELLATION_TITLE = "Annulation d'un accueil commun"
LIST_TITLE = "Liste de la séance d'accueil commun"


@dataclass(frozen=True)
class CounsellorLine:
    name: str
    role_label: str
    organisation_name: str


@dataclass(frozen=True)
class ConvocationLetter:
    """One youth's letter: everything it prints, nothing more."""

    invitation_id: str
    youth_id: str
    first_name: str
    last_name: str
    #: The youth's postal address lines (empty when unknown: the letter is then handed over or e-mailed).
    address_lines: tuple[str, ...]
    minor: bool
    at: datetime
    duration_minutes: int
    place: str
    host: Address | None
    counsellors: tuple[CounsellorLine, ...]
    #: Where the letter is written from ("Tarbes") and the day it is dated.
    written_in: str | None
    written_on: date
    organiser_name: str | None
    territory_name: str


@dataclass(frozen=True)
class Convocations:
    letterhead: Letterhead
    generated_at: datetime
    letters: tuple[ConvocationLetter, ...]


@dataclass(frozen=True)
class Cancellations:
    """The letters telling the youths who were expected that the session is cancelled (one page each)."""

    letterhead: Letterhead
    generated_at: datetime
    letters: tuple[ConvocationLetter, ...]
    #: Why, as it was said when the session was cancelled (may be empty).
    reason: str = ""


@dataclass(frozen=True)
class SessionListLine:
    time: datetime
    youth_name: str | None
    age: int | None
    phone: str | None
    email: str | None
    status_label: str
    #: Reminders already sent (« courriel 16/03 », « SMS 16/03 »).
    reminders: str = ""


@dataclass(frozen=True)
class SessionList:
    letterhead: Letterhead
    generated_at: datetime
    at: datetime
    ends_at: datetime
    place: str
    host_name: str | None
    territory_name: str
    counsellors: tuple[CounsellorLine, ...]
    missing_roles: tuple[str, ...]
    lines: tuple[SessionListLine, ...]
    released: tuple[SessionListLine, ...]
    notes: str
    #: « Annulée le 12/03/2026 par … : motif » for a cancelled session (its stored cancellation), else empty.
    cancellation: str = ""


# -- right of access (reports.subject_access) ---------------------------------------------------------------


@dataclass(frozen=True)
class SubjectExport:
    """Everything held about one youth, as plain JSON-ready values."""

    youth_id: str
    display_name: str
    generated_at: datetime
    #: entity name → list of rows (every column, values as on the wire: ISO dates, enum codes).
    records: dict[str, list[dict[str, Any]]]
    #: id → name, for the staff, organisations, offers and territories the rows mention.
    names: dict[str, str]
    #: enum code → French label, per entity and column, for the readable version.
    labels: dict[str, dict[str, dict[str, str]]]
    case_reviews: list[dict[str, Any]]
    access_log: list[dict[str, Any]]
    #: Each intake in brief, from its one read model (services.intake.read_model): ``date`` (ISO, the intake
    #: date), ``age_at_intake``, ``territory``, ``state``, ``team`` and ``solutions`` (French lines).
    intakes: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": "pac-subject-export/1",
            "youth_id": self.youth_id,
            "generated_at": self.generated_at.isoformat(),
            "intakes": self.intakes,
            "records": self.records,
            "case_reviews": self.case_reviews,
            "access_log": self.access_log,
            "names": self.names,
        }
