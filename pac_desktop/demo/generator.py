"""Fictitious but realistic demo cohorts: `pac demo-data`, `pac-desktop --demo`, the tests and the benchmarks.

What it makes, for each youth: the repérage, the youth's file (French names with accents, hyphens and
apostrophes, towns and postcodes of their territory, ages 16-21 with about 29 % adults at the intake as in the
first cohort), and — depending on where their story stands — a joint intake in one of every state (planned, in
stage 1 or 2, validated, cancelled, no-show) with the territory's team, consents, stage 1 notes attributed to
the counsellors, barriers, the shared diagnosis, solutions from the pooled catalogue, the designated referent
(never above their caseload cap), the validations, the next appointment, the follow-up diary and the outcomes
at 3, 6 and 12 months (recorded once past, some left overdue). All dates are relative to ``ctx.today()`` so the
home page always has something to show today.

Staff are made on first use per territory (no login, except the demo logins below), with ids derived from
their place in the territory, so a second run reuses them.

Demo logins (password ``pac-demo-2026`` for all three, hashed once per run):

- ``demo``: Camille Démo, CIO Toulouse Nord, counsellor + referent + administrator; follows about 30 youths,
  takes part in intakes planned today and in progress, and has outcomes due;
- ``demo-comite``: a member of the comité technique local of Toulouse Nord;
- ``demo-eval``: an evaluator.

**These rows deliberately bypass the outbox.** They are written in bulk on the raw DB-API connection, not through
the ORM, so the outbox listener never sees them, and the store gets the local setting ``demo_data = "1"``
(:data:`DEMO_SETTING_KEY`). The sync refuses to push from a store carrying that setting: fictitious youths must
never reach a real shared server. A demo store is for trying the application, training and benchmarks only.

Speed: values are computed in Python from one ``random.Random`` (deterministic for a given seed and store
state), then inserted with ``executemany`` table by table, a few thousand youths per transaction, parents before
children. Ids are time-ordered UUIDs (version 7 layout) so that every index grows at its right edge; each value
is exactly what the ORM would store (enum values, ISO dates; ids and timestamps built as text, then put in
the stored forms of storage.base's CompactId and UTCDateTime at insertion).
"""

from __future__ import annotations

import bisect
import math
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP
from pac_desktop.domain.eligibility import ADULT_AGE, add_months
from pac_desktop.domain.enums import (
    ROLE_ORG_KINDS,
    AnalysisSection,
    Barrier,
    ConsentKind,
    FollowUpKind,
    IntakeRole,
    IntakeState,
    OfferCategory,
    OrgKind,
    OutcomeMilestone,
    OutcomeSituation,
    ParticipantKind,
    PartnerKind,
    ReferralSource,
    Sex,
    SolutionStatus,
    StaffRole,
    TerritoryKind,
    YouthAnswer,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS
from pac_desktop.domain.text import normalise
from pac_desktop.security.passwords import hash_password
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.reference import ReferenceService
from pac_desktop.storage.base import CompactId, UTCDateTime, id_to_store, timestamp_to_store
from pac_desktop.storage.models import (
    Credential,
    LocalSetting,
    Organisation,
    ReferentAssignment,
    ServiceOffer,
    Staff,
    SyncDevice,
    Territory,
    TerritoryRequiredRole,
    Youth,
)
from pac_desktop.storage.store import vacuum_after_bulk

from . import names

DEMO_SETTING_KEY = "demo_data"
DEMO_PASSWORD = "pac-demo-2026"
DEMO_LOGIN = "demo"
DEMO_COMMITTEE_LOGIN = "demo-comite"
DEMO_EVALUATOR_LOGIN = "demo-eval"
DEMO_REGIONAL_LOGIN = "demo-region"
DEMO_ORGANISATION = "cio-toulouse-nord"
DEMO_EVALUATOR_ORGANISATION = "mgi-academie-toulouse"
#: The demo login follows about this many youths (well under the cap, so a designation can be tried).
DEMO_REFERENT_LOAD = 30
#: Youths per transaction.
CHUNK_YOUTHS = 2000
_BULK_CACHE_KIB = 256 * 1024
_BULK_CHECKPOINT_PAGES = 50_000
_BULK_PRAGMAS = ("synchronous", "cache_size", "wal_autocheckpoint")

# Never change: the ids of demo staff derive from it, so a second run finds the staff of the first.
_DEMO_NAMESPACE = uuid.UUID("8f0b7c52-3a8e-4a38-9d8e-5f1d2c0a6b11")

# How the stories are spread (weights).
_STATE_WEIGHTS: tuple[tuple[IntakeState | None, float], ...] = (
    (IntakeState.VALIDATED, 0.68),
    (IntakeState.PLANNED, 0.08),
    (IntakeState.STAGE_1, 0.04),
    (IntakeState.STAGE_2, 0.04),
    (IntakeState.CANCELLED, 0.05),
    (IntakeState.NO_SHOW, 0.05),
    (None, 0.06),  # referred, no intake planned yet
)
# Age at the intake: 71 % minors, 29 % adults, as in the first cohort.
_AGE_WEIGHTS: tuple[tuple[int, float], ...] = ((16, 0.37), (17, 0.34), (18, 0.15), (19, 0.08), (20, 0.04), (21, 0.02))
_SOURCE_WEIGHTS: dict[ReferralSource, float] = {
    ReferralSource.CIO: 24,
    ReferralSource.MISSION_LOCALE: 22,
    ReferralSource.MGI: 10,
    ReferralSource.SCHOOL: 12,
    ReferralSource.PJJ: 4,
    ReferralSource.YOUTH_WELCOME_POINT: 6,
    ReferralSource.PRIVATE_SCHOOL: 3,
    ReferralSource.EDUCATIONAL_WATCH: 7,
    ReferralSource.FAMILY: 6,
    ReferralSource.SELF: 6,
}
_SOURCE_ORG: dict[ReferralSource, tuple[frozenset[OrgKind], PartnerKind | None]] = {
    ReferralSource.CIO: (frozenset({OrgKind.CIO}), None),
    ReferralSource.MISSION_LOCALE: (frozenset({OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA}), None),
    ReferralSource.MGI: (frozenset({OrgKind.MGI, OrgKind.DALI}), None),
    ReferralSource.SCHOOL: (frozenset({OrgKind.SCHOOL}), None),
    ReferralSource.PJJ: (frozenset({OrgKind.PARTNER}), PartnerKind.PJJ),
    ReferralSource.YOUTH_WELCOME_POINT: (frozenset({OrgKind.PARTNER}), PartnerKind.YOUTH_WELCOME_POINT),
    ReferralSource.PRIVATE_SCHOOL: (frozenset({OrgKind.PARTNER}), PartnerKind.PRIVATE_SCHOOL),
    ReferralSource.EDUCATIONAL_WATCH: (frozenset({OrgKind.PARTNER}), PartnerKind.EDUCATIONAL_WATCH),
}
_FOLLOW_UP_WEIGHTS: tuple[tuple[FollowUpKind, float], ...] = (
    (FollowUpKind.INTERVIEW, 30),
    (FollowUpKind.CALL, 25),
    (FollowUpKind.MESSAGE, 15),
    (FollowUpKind.HOME_VISIT, 6),
    (FollowUpKind.ABSENCE, 12),
    (FollowUpKind.PARTNER_MOBILISATION, 12),
)
_SITUATION_WEIGHTS: tuple[tuple[OutcomeSituation, float], ...] = (
    (OutcomeSituation.SCHOOL, 12),
    (OutcomeSituation.APPRENTICESHIP, 16),
    (OutcomeSituation.TRAINING, 18),
    (OutcomeSituation.JOB, 12),
    (OutcomeSituation.CIVIC_SERVICE, 5),
    (OutcomeSituation.ML_FOLLOW_UP, 15),
    (OutcomeSituation.NO_SOLUTION, 12),
    (OutcomeSituation.LOST_CONTACT, 7),
    (OutcomeSituation.MOVED, 3),
)
_MILESTONES = (OutcomeMilestone.MONTH_3.value, OutcomeMilestone.MONTH_6.value, OutcomeMilestone.MONTH_12.value)
_MILESTONE_MONTHS = (3, 6, 12)
# Local (Paris) start times of intakes, in minutes after midnight.
_SLOTS = (9 * 60, 10 * 60 + 30, 14 * 60, 15 * 60 + 30)
_OTHER_SECTIONS = tuple(
    s for s in AnalysisSection if s not in (AnalysisSection.SCHOOLING, AnalysisSection.PROFESSIONAL_PROJECT)
)
# Enum values as stored (the row tuples carry values, as the ORM writes them).
_FEMALE, _MALE = Sex.FEMALE.value, Sex.MALE.value
_COUNSELLOR, _YOUTH, _FAMILY = ParticipantKind.COUNSELLOR.value, ParticipantKind.YOUTH.value, ParticipantKind.FAMILY.value
_CONSENT_YOUTH, _CONSENT_GUARDIAN = ConsentKind.YOUTH.value, ConsentKind.GUARDIAN.value
_ACCEPTED, _REFUSED, _THINKING = YouthAnswer.ACCEPTED.value, YouthAnswer.REFUSED.value, YouthAnswer.THINKING.value
_PROPOSED, _STARTED = SolutionStatus.PROPOSED.value, SolutionStatus.STARTED.value
_COMPLETED, _ABANDONED = SolutionStatus.COMPLETED.value, SolutionStatus.ABANDONED.value
_REFERRED, _IN_INTAKE = YouthStatus.REFERRED.value, YouthStatus.IN_INTAKE.value
_FOLLOWED, _EXITED = YouthStatus.FOLLOWED.value, YouthStatus.EXITED.value
_SECTION_VALUES = tuple(s.value for s in _OTHER_SECTIONS)
_FIRST_SECTIONS = (AnalysisSection.SCHOOLING.value, AnalysisSection.PROFESSIONAL_PROJECT.value)
_BARRIER_VALUES = tuple(b.value for b in Barrier)
_LANGUAGE = Barrier.LANGUAGE.value
_PARTNER_MOBILISATION = FollowUpKind.PARTNER_MOBILISATION.value
_EXIT = OutcomeMilestone.EXIT.value
_HOST_KINDS = frozenset({OrgKind.CIO, OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA})
# Wizard step an unfinished intake was left at ("Accueils en cours" resumes there).
_STEP = {
    IntakeState.PLANNED: "youth",
    IntakeState.STAGE_1: "analysis",
    IntakeState.STAGE_2: "solutions",
    IntakeState.VALIDATED: "validation",
    IntakeState.CANCELLED: "youth",
    IntakeState.NO_SHOW: "youth",
}

# Forced stories for the first youths of each territory, so that even a small cohort shows every case on the
# home page: (state, day offset from today or story tag). In Toulouse Nord the demo login takes part in them.
_FORCED: tuple[tuple[IntakeState | None, object], ...] = (
    (IntakeState.PLANNED, 0),
    (IntakeState.STAGE_1, 0),
    (IntakeState.VALIDATED, "m3_due_soon"),
    (IntakeState.STAGE_2, 0),
    (IntakeState.VALIDATED, "m3_overdue"),
    (IntakeState.PLANNED, 0),
    (IntakeState.PLANNED, 1),
    (IntakeState.CANCELLED, None),
    (IntakeState.NO_SHOW, None),
    (None, None),
)

# ---- column lists: the tuples below are built in exactly this order -----------------------------------------
_META = ("id", "version", "seq", "updated_at", "updated_by", "origin_device", "deleted_at")
_CASE = (*_META, "case_id")
#: The place of origin_device in the tuples: built for every table, stored only where the table keeps it (the
#: consent, migration 0024).
_ORIGIN_DEVICE = _META.index("origin_device")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "staff": (*_META, "organisation_id", "first_name", "last_name", "email", "phone", "caseload_cap", "active"),
    "staff_role": (*_META, "staff_id", "role"),
    "credential": (*_META, "staff_id", "login", "password_hash"),
    "youth": (
        *_CASE, "territory_id", "first_name", "last_name", "first_name_key", "last_name_key", "birth_date", "sex",
        "phone", "email", "address", "postcode", "town", "town_key", "lives_in_priority_area", "newly_arrived",
        "left_school_on", "last_class", "has_qualification", "followed_by_structure", "status", "created_at",
        "ine", "contact_opt_out", "contact_staff_id", "contact_opt_out_at", "contact_opt_out_by",
    ),
    "guardian": (*_CASE, "youth_id", "full_name", "relationship", "phone", "email"),
    "referral": (
        *_CASE, "youth_id", "source", "referred_on", "referrer_name", "referrer_structure", "organisation_id", "notes",
    ),
    "joint_intake": (
        *_CASE, "youth_id", "territory_id", "host_organisation_id", "referral_id", "planned_at", "held_on", "state",
        "current_step", "eligibility_overridden", "eligibility_justification", "youth_present", "shared_diagnosis",
        "diagnosis_agreed", "next_appointment_at", "next_appointment_place", "next_appointment_staff_id",
        "validated_at", "cancel_reason", "created_by",
    ),
    "intake_participant": (
        *_CASE, "intake_id", "kind", "role", "staff_id", "full_name", "relationship", "present", "absence_reason",
        "position",
    ),
    "consent": (
        *_CASE, "youth_id", "intake_id", "kind", "given", "state", "given_on", "collected_by", "recorded_by",
        "recorded_at", "guardian_name", "guardian_relationship", "reason",
    ),
    "analysis_note": (*_CASE, "intake_id", "section", "author_staff_id", "text", "written_at"),
    "intake_barrier": (*_CASE, "intake_id", "barrier"),
    "proposed_solution": (
        *_CASE, "intake_id", "youth_id", "offer_id", "free_text", "category", "youth_answer", "planned_start",
        "status", "started_on", "ended_on", "notes",
    ),
    "intake_validation": (*_CASE, "intake_id", "staff_id", "validated_at"),
    "referent_assignment": (
        *_CASE, "youth_id", "staff_id", "intake_id", "started_on", "ended_on", "reason", "cap_override_reason",
        "designated_by",
    ),
    "follow_up_event": (*_CASE, "youth_id", "kind", "occurred_on", "staff_id", "partner_organisation_id", "note"),
    "outcome": (
        *_CASE, "youth_id", "intake_id", "milestone", "due_on", "recorded_on", "situation", "note", "recorded_by",
    ),
}
#: Insertion order: parents before children (foreign keys are checked on every statement).
TABLE_ORDER: tuple[str, ...] = tuple(_COLUMNS)


@dataclass(frozen=True)
class DemoReport:
    """What one run of the generator made."""

    youths: int
    rows: int
    seconds: float
    staff_created: int


# ---- a snapshot of the store, read once per run ------------------------------------------------------------


@dataclass(frozen=True)
class _Org:
    id: str
    code: str
    kind: OrgKind
    partner_kind: PartnerKind | None
    name: str
    short_name: str | None
    address: str | None
    town: str | None

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.short_name or self.name, self.address, self.town) if p)


@dataclass(frozen=True)
class _Offer:
    id: str
    category: str
    territory_id: str | None
    min_age: int
    max_age: int | None
    newly_arrived_only: bool


@dataclass
class _Staff:
    id: str
    org: _Org
    first_name: str
    last_name: str
    cap: int
    phone: str | None = None
    load: int = 0  # open referent assignments
    target: int = 0  # the load this run fills a referent up to (≤ cap)


@dataclass
class _Plan:
    """One territory during a run: its reference data, its demo staff, and the referents with room left."""

    id: str
    code: str
    name: str
    urban: bool
    roles: tuple[IntakeRole, ...]
    orgs: list[_Org]
    towns: tuple[tuple[str, str, bool], ...]
    town_cum: list[float]
    sources: tuple[ReferralSource, ...]
    source_cum: list[float]
    source_orgs: dict[ReferralSource, list[_Org]]
    partner_orgs: list[_Org]
    hosts: list[_Org]
    counsellors: dict[IntakeRole, list[_Staff]] = field(default_factory=dict)
    referents: list[_Staff] = field(default_factory=list)
    available: list[_Staff] = field(default_factory=list)
    next_referent: int = 0
    demo: _Staff | None = None
    generated: int = 0
    offers_by_profile: dict[tuple[int, bool], list[_Offer]] = field(default_factory=dict)


class _Batch:
    """The rows of one transaction, table by table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {table: [] for table in TABLE_ORDER}

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


class _IdMaker:
    """Time-ordered UUIDs (version 7 layout) from the run's random generator: deterministic, and every index
    they land in grows at its right edge, which keeps 100,000-youth runs fast."""

    __slots__ = ("_ms", "_bits")

    def __init__(self, rng: random.Random, start_ms: int) -> None:
        self._ms = start_ms
        self._bits = rng.getrandbits

    def __call__(self) -> str:
        ms = self._ms
        self._ms = ms + 1
        r = self._bits(74)
        # 48 bits of "time", version 7, 12 random bits, variant 0b10, 62 random bits.
        return f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{r >> 62:03x}-{0x8000 | ((r >> 48) & 0x3FFF):04x}-{r & 0xFFFF_FFFF_FFFF:012x}"


class _Clock:
    """Dates as the ORM stores them: ISO dates, and naive UTC timestamps "YYYY-MM-DD HH:MM:SS.ffffff"."""

    def __init__(self) -> None:
        self._iso: dict[int, str] = {}
        self._offset: dict[int, int] = {}
        self._stamps: dict[int, str] = {}

    def day(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def at(self, ordinal: int, minute: int) -> str:
        """The instant at ``minute`` past midnight, Paris time, on that day, in UTC."""
        key = ordinal * 1440 + minute
        text = self._stamps.get(key)
        if text is None:
            text = self._stamps[key] = self._at(ordinal, minute)
        return text

    def _at(self, ordinal: int, minute: int) -> str:
        offset = self._offset.get(ordinal)
        if offset is None:
            d = date.fromordinal(ordinal)
            delta = PARIS.utcoffset(datetime(d.year, d.month, d.day, 12))
            offset = self._offset[ordinal] = int(delta.total_seconds()) // 60 if delta else 0
        utc = minute - offset
        if not 0 <= utc < 24 * 60:  # demo times stay within the day; keep them valid anyway
            utc = min(max(utc, 0), 24 * 60 - 1)
        return f"{self.day(ordinal)} {utc // 60:02d}:{utc % 60:02d}:00.000000"


def _stored_forms() -> dict[str, tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """Per table, the places of the ids and timestamps in the tuples built below, each with its conversion to the
    stored form (storage.base: CompactId, UTCDateTime): the rows bypass Core."""
    from pac_desktop.storage.base import Base

    stamps: dict[str, int] = {}

    def stamp(text: str | None) -> int | None:  # _Clock's text of a naive UTC instant; a run repeats a few
        if text is None:
            return None
        value = stamps.get(text)
        if value is None:
            value = stamps[text] = timestamp_to_store(datetime.fromisoformat(text).replace(tzinfo=UTC))
        return value

    forms = {}
    for table, cols in _stored_columns().items():
        types = [Base.metadata.tables[table].c[c].type for c in cols]
        forms[table] = tuple((i, id_to_store if isinstance(t, CompactId) else stamp) for i, t in enumerate(types)
                             if isinstance(t, (CompactId, UTCDateTime)))
    return forms


def _stored_columns() -> dict[str, tuple[str, ...]]:
    """The columns each table stores, in the tuples' order: without origin_device where the table has none."""
    from pac_desktop.storage.base import Base

    return {table: tuple(c for c in cols if c != "origin_device" or c in Base.metadata.tables[table].c)
            for table, cols in _COLUMNS.items()}


def _stored(rows: list[tuple], forms: tuple[tuple[int, Callable[[Any], Any]], ...], *,
            drop_origin: bool = False) -> list[tuple] | list[list]:
    if not forms and not drop_origin:
        return rows
    out = []
    for row in rows:
        values = list(row)
        if drop_origin:
            del values[_ORIGIN_DEVICE]
        for i, convert in forms:
            values[i] = convert(values[i])
        out.append(values)
    return out


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


class _Keys(dict):
    """normalise() is slow-ish; names repeat, so cache it."""

    def __missing__(self, text: str) -> str:
        value = self[text] = normalise(text)
        return value


class DemoDataService:
    """Adds fictitious youths (and the demo staff and logins) to the local store."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- public API ------------------------------------------------------------------------------------------

    def generate(
        self,
        *,
        youths: int,
        seed: int = 2026,
        territory_code: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> DemoReport:
        """Add ``youths`` fictitious youths (only in ``territory_code`` if given); deterministic for a seed and a
        store state. Loads the reference data first when the store has none."""
        if isinstance(youths, bool) or not isinstance(youths, int) or youths < 0:
            raise DomainError("Le nombre de jeunes à créer doit être un nombre entier positif.")
        started = time.perf_counter()
        self._refuse_a_real_store()
        with self._ctx.read() as session:
            has_territories = session.scalar(select(func.count()).select_from(Territory)) or 0
        if not has_territories:
            ReferenceService(self._ctx).load()
        run = _Run(self._ctx, youths=youths, seed=seed, territory_code=territory_code)
        rows, staff_created = run.execute(progress)
        vacuum_after_bulk(self._ctx.store.engine, rows)  # bulk inserts leave index pages a quarter empty
        return DemoReport(
            youths=youths, rows=rows, seconds=time.perf_counter() - started, staff_created=staff_created
        )

    def ensure_demo(self, *, youths: int = 300, seed: int = 2026) -> bool:
        """For ``pac-desktop --demo``: fill an empty store with a demo cohort; True if it generated one."""
        with self._ctx.read() as session:
            if session.scalar(select(Youth.id).limit(1)) is not None:
                return False
        self.generate(youths=youths, seed=seed)
        return True

    def _refuse_a_real_store(self) -> None:
        """Fictitious youths never go into a store that syncs or holds real youths: they would mix with real
        files (and the demo mark would stop that store's sync for good)."""
        with self._ctx.read() as session:
            if session.get(LocalSetting, DEMO_SETTING_KEY) is not None:
                return  # already a demo store: more fictitious youths are fine
            enrolled = session.get(SyncDevice, 1) is not None
            real_youths = session.scalar(select(Youth.id).limit(1)) is not None
        if enrolled or real_youths:
            why = "est inscrite auprès du serveur partagé" if enrolled else "contient déjà de vrais dossiers"
            raise DomainError(
                f"Cette base {why} : les jeunes fictifs n'y sont pas ajoutés, pour ne jamais les mêler à de vrais "
                "dossiers. Utilisez une base à part (pac --data-dir AUTRE_DOSSIER demo-data …, ou pac-desktop --demo)."
            )

    def is_demo_store(self) -> bool:
        """True when the store holds generated demo data (the sync must never push it)."""
        with self._ctx.read() as session:
            return session.get(LocalSetting, DEMO_SETTING_KEY) is not None


# ---- one run ------------------------------------------------------------------------------------------------


class _Run:
    def __init__(self, ctx: ServiceContext, *, youths: int, seed: int, territory_code: str | None) -> None:
        self.ctx = ctx
        self.youths = youths
        self.today = ctx.today()
        self.today_o = self.today.toordinal()
        self.device = ctx.store.device_id
        self.clock = _Clock()
        self.keys = _Keys()
        self.staff_created = 0
        self.pending_staff: list[tuple[_Staff, tuple[StaffRole, ...]]] = []
        self.pending_credentials: list[tuple[str, str]] = []  # (staff id, login)
        self._read_store(territory_code)
        self.rng = random.Random(f"pac-demo/{seed}/{self.existing_youths}/{territory_code or '*'}")
        # random.choice and randint cost ~1 µs each; these cost a tenth, with the same generator.
        rand = self.rng.random
        self.pick: Callable[[Sequence], object] = lambda seq: seq[int(rand() * len(seq))]
        self.between: Callable[[int, int], int] = lambda a, b: a + int(rand() * (b - a + 1))
        midnight = datetime(self.today.year, self.today.month, self.today.day)
        start_ms = int((midnight - datetime(1970, 1, 1)).total_seconds() * 1000) + self.existing_youths * 64
        self.new_id = _IdMaker(self.rng, start_ms)

    # ---- reading the store ---------------------------------------------------------------------------------

    def _read_store(self, territory_code: str | None) -> None:
        with self.ctx.read() as s:
            territories = s.execute(
                select(Territory.id, Territory.code, Territory.name, Territory.kind)
                .where(Territory.deleted_at.is_(None))
                .order_by(Territory.code)
            ).all()
            if territory_code is not None and territory_code not in {t.code for t in territories}:
                known = ", ".join(t.code for t in territories)
                raise NotFound(f"Aucun territoire ne porte le code « {territory_code} ». Codes connus : {known}.")
            roles: dict[str, set[IntakeRole]] = {}
            for territory_id, role in s.execute(
                select(TerritoryRequiredRole.territory_id, TerritoryRequiredRole.role).where(
                    TerritoryRequiredRole.deleted_at.is_(None)
                )
            ):
                roles.setdefault(territory_id, set()).add(role)
            orgs_by_territory: dict[str | None, list[_Org]] = {}
            self.orgs: dict[str, _Org] = {}
            for o in s.execute(
                select(
                    Organisation.id, Organisation.code, Organisation.kind, Organisation.partner_kind,
                    Organisation.name, Organisation.short_name, Organisation.address, Organisation.town,
                    Organisation.territory_id,
                )
                .where(Organisation.deleted_at.is_(None))
                .order_by(Organisation.code)
            ):
                org = _Org(o.id, o.code, o.kind, o.partner_kind, o.name, o.short_name, o.address, o.town)
                self.orgs[o.id] = org
                orgs_by_territory.setdefault(o.territory_id, []).append(org)
            self.orgs_by_code = {o.code: o for o in self.orgs.values()}
            offers = [
                _Offer(o.id, o.category.value, o.territory_id, o.min_age, o.max_age, o.newly_arrived_only)
                for o in s.execute(
                    select(
                        ServiceOffer.id, ServiceOffer.category, ServiceOffer.territory_id, ServiceOffer.min_age,
                        ServiceOffer.max_age, ServiceOffer.newly_arrived_only,
                    )
                    .where(ServiceOffer.deleted_at.is_(None), ServiceOffer.active.is_(True))
                    .order_by(ServiceOffer.code)
                )
            ]
            self.staff_rows = {
                r.id: r
                for r in s.execute(
                    select(Staff.id, Staff.organisation_id, Staff.first_name, Staff.last_name, Staff.caseload_cap)
                )
            }
            self.emails = set(s.scalars(select(Staff.email).where(Staff.email.is_not(None))))
            self.logins = set(s.scalars(select(Credential.login)))
            self.loads = dict(
                s.execute(
                    select(ReferentAssignment.staff_id, func.count())
                    .where(ReferentAssignment.ended_on.is_(None), ReferentAssignment.deleted_at.is_(None))
                    .group_by(ReferentAssignment.staff_id)
                ).all()
            )
            youth_counts = dict(
                s.execute(select(Youth.territory_id, func.count()).group_by(Youth.territory_id)).all()
            )
        self.existing_youths = sum(youth_counts.values())

        self.plans: list[_Plan] = []
        for t in territories:
            if territory_code is not None and t.code != territory_code:
                continue
            plan = self._plan(t, sorted(roles.get(t.id, ()), key=list(IntakeRole).index), orgs_by_territory.get(t.id, []))
            plan.offers_by_profile = {
                (age, newly): [
                    o
                    for o in offers
                    if (o.territory_id is None or o.territory_id == t.id)
                    and o.min_age <= age <= (o.max_age if o.max_age is not None else 99)
                    and (newly or not o.newly_arrived_only)
                ]
                for age in range(16, 22)
                for newly in (False, True)
            }
            self.plans.append(plan)
        if not self.plans:
            raise DomainError("Aucun territoire n'est défini : lancez d'abord « pac init ».")
        weights = [1.5 if p.urban else 1.0 for p in self.plans]
        self.plan_cum = _cumulative(weights)
        total_weight = self.plan_cum[-1]
        for plan, weight in zip(self.plans, weights, strict=True):
            expected = youth_counts.get(plan.id, 0) + self.youths * weight / total_weight
            self._staff_territory(plan, expected)
        self._demo_logins()

    def _plan(self, t, roles: list[IntakeRole], orgs: list[_Org]) -> _Plan:
        towns = names.TOWNS.get(t.code)
        if towns is None:  # a territory added by an administrator: the towns of its organisations
            seen = sorted({(o.town, o.code) for o in orgs if o.town})
            towns = tuple((town, "", 1, False) for town, _ in seen) or (("", "", 1, False),)
        source_orgs: dict[ReferralSource, list[_Org]] = {}
        for source, (kinds, partner_kind) in _SOURCE_ORG.items():
            found = [o for o in orgs if o.kind in kinds and (partner_kind is None or o.partner_kind == partner_kind)]
            if found:
                source_orgs[source] = found
        # The first cohort's sources only (no list import then: the dropout-list source came with issue 18).
        sources = tuple(s for s in ReferralSource if s in _SOURCE_WEIGHTS and (s in source_orgs or s not in _SOURCE_ORG))
        return _Plan(
            id=t.id,
            code=t.code,
            name=t.name,
            urban=t.kind == TerritoryKind.URBAN,
            roles=tuple(roles),
            orgs=orgs,
            towns=tuple((town, postcode, qpv) for town, postcode, _, qpv in towns),
            town_cum=_cumulative([w for _, _, w, _ in towns]),
            sources=sources,
            source_cum=_cumulative([_SOURCE_WEIGHTS[s] for s in sources]),
            source_orgs=source_orgs,
            partner_orgs=[o for o in orgs if o.kind in (OrgKind.PARTNER, OrgKind.SCHOOL, OrgKind.MISSION_LOCALE,
                                                         OrgKind.ML_ANTENNA, OrgKind.CHAMBER)],
            hosts=[o for o in orgs if o.kind in _HOST_KINDS],
        )

    # ---- staff ---------------------------------------------------------------------------------------------

    def _staff_territory(self, plan: _Plan, expected_youths: float) -> None:
        """The territory's counsellors for each role (more for big cohorts), and its existing referents."""
        per_role = max(2, min(40, math.ceil(expected_youths / 1500)))
        for role in plan.roles:
            candidates = [o for o in plan.orgs if o.kind in ROLE_ORG_KINDS.get(role, frozenset())]
            if not candidates:
                continue
            pool = plan.counsellors.setdefault(role, [])
            for n in range(per_role):
                # The first counsellor of each role is also a referent, as in the programme's teams.
                roles = (StaffRole.COUNSELLOR, StaffRole.REFERENT) if n == 0 else (StaffRole.COUNSELLOR,)
                staff = self._staff(plan, f"{role.value}/{n}", candidates, roles)
                pool.append(staff)
                if n == 0:
                    self._add_referent(plan, staff)
        n = 0
        while _staff_id(f"{plan.code}/referent/{n}") in self.staff_rows:  # referents made by earlier runs
            self._add_referent(plan, self._staff(plan, f"referent/{n}", plan.orgs, ()))
            n += 1
        plan.next_referent = n

    def _staff(self, plan: _Plan, key: str, orgs: list[_Org], roles: tuple[StaffRole, ...]) -> _Staff:
        """The demo staff member at ``key`` in the territory: the existing one, or a new one (then ``roles``)."""
        staff_id = _staff_id(f"{plan.code}/{key}")
        row = self.staff_rows.get(staff_id)
        if row is not None:
            return _Staff(staff_id, self.orgs.get(row.organisation_id, orgs[0]), row.first_name, row.last_name,
                          row.caseload_cap, load=self.loads.get(staff_id, 0))
        own = random.Random(f"pac-demo-staff/{plan.code}/{key}")  # the same person whatever the seed
        female = own.random() < 0.7
        first = own.choice(names.STAFF_FEMALE_FIRST_NAMES if female else names.STAFF_MALE_FIRST_NAMES)
        last = own.choice(names.LAST_NAMES)
        cap = DEFAULT_CASELOAD_CAP if own.random() < 0.85 else own.choice((35, 40))
        phone = f"06 00 {own.randint(0, 99):02d} {own.randint(0, 99):02d} {own.randint(0, 99):02d}"
        staff = _Staff(staff_id, own.choice(orgs), first, last, cap, phone=phone)
        self.pending_staff.append((staff, roles))
        self.staff_rows[staff_id] = None  # taken
        return staff

    def _add_referent(self, plan: _Plan, staff: _Staff) -> None:
        if staff.target == 0:
            own = random.Random(f"pac-demo-target/{staff.id}")
            staff.target = min(staff.cap, own.randint(32, 45))
        plan.referents.append(staff)
        if staff.load < staff.target:
            plan.available.append(staff)

    def _new_referent(self, plan: _Plan) -> None:
        n = plan.next_referent
        plan.next_referent += 1
        # Most referents come from the Missions Locales, others from the CIO and the MGI.
        kinds = ({OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA}, {OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA},
                 {OrgKind.CIO}, {OrgKind.MGI, OrgKind.DALI})[n % 4]
        orgs = [o for o in plan.orgs if o.kind in kinds] or [
            o for o in plan.orgs if o.kind in (OrgKind.CIO, OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA)
        ] or plan.orgs
        self._add_referent(plan, self._staff(plan, f"referent/{n}", orgs, (StaffRole.REFERENT,)))

    def _demo_logins(self) -> None:
        """The demo logins (created once; the password is hashed once per run, only if needed)."""
        org = self.orgs_by_code.get(DEMO_ORGANISATION) or next(
            (o for o in sorted(self.orgs.values(), key=lambda o: o.code) if o.kind == OrgKind.CIO), None
        )
        if org is None:
            return
        evaluation_org = self.orgs_by_code.get(DEMO_EVALUATOR_ORGANISATION, org)
        specs = (
            ("demo", DEMO_LOGIN, "Camille", "Démo", org,
             (StaffRole.COUNSELLOR, StaffRole.REFERENT, StaffRole.ADMINISTRATOR)),
            ("demo-comite", DEMO_COMMITTEE_LOGIN, "Dominique", "Démo-Comité", org, (StaffRole.COMMITTEE,)),
            ("demo-eval", DEMO_EVALUATOR_LOGIN, "Claude", "Démo-Évaluation", evaluation_org, (StaffRole.EVALUATOR,)),
            ("demo-region", DEMO_REGIONAL_LOGIN, "Sacha", "Démo-Région", evaluation_org, (StaffRole.REGIONAL,)),
        )
        for key, login, first, last, staff_org, roles in specs:
            staff_id = _staff_id(key)
            row = self.staff_rows.get(staff_id)
            if row is not None:
                staff = _Staff(staff_id, self.orgs.get(row.organisation_id, staff_org), row.first_name,
                               row.last_name, row.caseload_cap, load=self.loads.get(staff_id, 0))
            else:
                staff = _Staff(staff_id, staff_org, first, last, DEFAULT_CASELOAD_CAP, phone="06 00 00 00 00")
                self.pending_staff.append((staff, roles))
                self.staff_rows[staff_id] = None
            if login not in self.logins:
                self.pending_credentials.append((staff_id, login))
                self.logins.add(login)
            if key == "demo":
                self.demo_staff = staff
        # The demo login counsels and follows youths in its own territory.
        demo = self.demo_staff
        for plan in self.plans:
            if demo.org in plan.orgs:
                plan.demo = demo
                demo.target = max(demo.load, min(DEMO_REFERENT_LOAD, demo.cap))
                plan.referents.append(demo)
                for role in plan.roles:
                    if demo.org.kind in ROLE_ORG_KINDS.get(role, frozenset()):
                        plan.counsellors.setdefault(role, []).append(demo)

    def _staff_rows(self, batch: _Batch, password_hash: str | None) -> None:
        stamp = self.clock.at(self.today_o, 8 * 60)
        dev = self.device
        for staff, roles in self.pending_staff:
            email = self._email(staff.first_name, staff.last_name)
            batch.rows["staff"].append(
                (staff.id, 0, None, stamp, None, dev, None, staff.org.id, staff.first_name, staff.last_name, email,
                 staff.phone, staff.cap, 1)
            )
            for role in sorted(roles, key=list(StaffRole).index):
                batch.rows["staff_role"].append(
                    (str(uuid.uuid5(_DEMO_NAMESPACE, f"{staff.id}/role/{role.value}")), 0, None, stamp, None, dev,
                     None, staff.id, role.value)
                )
        if self.pending_credentials:
            assert password_hash is not None
            for staff_id, login in self.pending_credentials:
                batch.rows["credential"].append(
                    (str(uuid.uuid5(_DEMO_NAMESPACE, f"{staff_id}/credential")), 0, None, stamp, None, dev, None,
                     staff_id, login, password_hash)
                )
        self.staff_created += len(self.pending_staff)
        self.pending_staff = []
        self.pending_credentials = []

    def _email(self, first: str, last: str) -> str:
        base = f"{self.keys[first].replace(' ', '-')}.{self.keys[last].replace(' ', '-')}"
        email, n = f"{base}@exemple.fr", 1
        while email in self.emails:
            n += 1
            email = f"{base}{n}@exemple.fr"
        self.emails.add(email)
        return email

    def _take_referent(self, plan: _Plan) -> _Staff:
        """A referent with room left (making a new one when all are at their target): never above the cap."""
        demo = plan.demo
        if demo is not None and demo.load < demo.target and self.rng.random() < 0.5:
            demo.load += 1
            return demo
        available = plan.available
        if not available:
            self._new_referent(plan)
        i = int(self.rng.random() * len(available))
        staff = available[i]
        staff.load += 1
        if staff.load >= staff.target:
            available[i] = available[-1]
            available.pop()
        return staff

    # ---- the run -------------------------------------------------------------------------------------------

    def execute(self, progress: Callable[[int, int], None] | None) -> tuple[int, int]:
        self._check_columns()
        password_hash = hash_password(DEMO_PASSWORD) if self.pending_credentials else None
        stored_columns = _stored_columns()
        statements = {
            table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            for table, cols in stored_columns.items()
        }
        drop_origin = {table: stored_columns[table] != cols for table, cols in _COLUMNS.items()}
        forms = _stored_forms()
        raw = self.ctx.store.engine.raw_connection()
        total_rows, done = 0, 0
        cursor = raw.cursor()
        saved = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in _BULK_PRAGMAS}
        try:
            # Bulk-load settings for this connection only, restored below. In WAL mode synchronous=NORMAL never
            # corrupts the store (a power cut may only drop the last chunks, which a new run regenerates).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA cache_size={-_BULK_CACHE_KIB}")
            cursor.execute(f"PRAGMA wal_autocheckpoint={_BULK_CHECKPOINT_PAGES}")
            first = True
            while first or done < self.youths:
                n = min(CHUNK_YOUTHS, self.youths - done)
                batch = _Batch()
                for _ in range(n):
                    self._youth(batch)
                # Staff made while generating this chunk go in first (the youths' rows refer to them).
                self._staff_rows(batch, password_hash)
                cursor.execute("BEGIN IMMEDIATE")
                try:
                    for table in TABLE_ORDER:
                        rows = batch.rows[table]
                        if rows:
                            cursor.executemany(statements[table],
                                               _stored(rows, forms[table], drop_origin=drop_origin[table]))
                    if first:
                        cursor.execute(
                            "INSERT OR REPLACE INTO local_setting (key, value) VALUES (?, ?)", (DEMO_SETTING_KEY, "1")
                        )
                    cursor.execute("COMMIT")
                except BaseException:
                    cursor.execute("ROLLBACK")
                    raise
                first = False
                total_rows += batch.count()
                done += n
                if progress is not None and self.youths:
                    progress(done, self.youths)
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            for name, value in saved.items():
                cursor.execute(f"PRAGMA {name}={int(value)}")
            cursor.close()
            raw.close()
        return total_rows, self.staff_created

    def _check_columns(self) -> None:
        """Fail loudly if the model gained or lost a column the generator does not fill."""
        from pac_desktop.storage.base import Base

        for table, cols in _stored_columns().items():
            expected = {c.name for c in Base.metadata.tables[table].columns}
            if set(cols) != expected:
                raise RuntimeError(
                    f"demo_data: columns of {table} changed: missing {sorted(expected - set(cols))}, "
                    f"unknown {sorted(set(cols) - expected)}"
                )

    # ---- one youth's story -----------------------------------------------------------------------------------

    def _pick_plan(self) -> _Plan:
        if len(self.plans) == 1:
            return self.plans[0]
        x = self.rng.random() * self.plan_cum[-1]
        return self.plans[bisect.bisect_right(self.plan_cum, x)]

    def _workday_before(self, o: int) -> int:
        wd = (o - 1) % 7  # 0 = Monday (ordinal 1 was a Monday)
        return o - (wd - 4) if wd > 4 else o

    def _workday_after(self, o: int) -> int:
        wd = (o - 1) % 7
        return o + (7 - wd) if wd > 4 else o

    def _youth(self, batch: _Batch) -> None:
        rng = self.rng
        rand, randint, choice = rng.random, self.between, self.pick
        clock, keys, new_id, dev, today_o = self.clock, self.keys, self.new_id, self.device, self.today_o
        plan = self._pick_plan()
        forced = _FORCED[plan.generated] if plan.generated < len(_FORCED) else None
        plan.generated += 1
        if forced is None:
            state = _STATES[bisect.bisect_right(_STATE_CUM, rand() * _STATE_CUM[-1])]
            tag: object = None
        else:
            state, tag = forced
        demo = plan.demo if forced is not None else None

        # ---- when: the intake's date (or the expected one), everything else is placed around it
        if state is None:
            anchor = today_o - randint(0, 30)
            referred_o = anchor
            anchor += 14
        elif state == IntakeState.PLANNED:
            anchor = today_o + tag if isinstance(tag, int) else self._workday_after(today_o + randint(0, 14))
            if tag == 1:
                anchor = self._workday_after(anchor)
            referred_o = anchor - randint(5, 30)
        elif state in (IntakeState.STAGE_1, IntakeState.STAGE_2):
            anchor = today_o if tag == 0 else self._workday_before(today_o - randint(0, 6))
            referred_o = anchor - randint(5, 40)
        elif state in (IntakeState.CANCELLED, IntakeState.NO_SHOW):
            anchor = self._workday_before(today_o - randint(1, 420))
            referred_o = anchor - randint(5, 40)
        else:
            if tag == "m3_due_soon":
                anchor = add_months(self.today, -3).toordinal() + 5
            elif tag == "m3_overdue":
                anchor = add_months(self.today, -3).toordinal() - 10
            else:
                anchor = self._workday_before(today_o - randint(1, 540))
            referred_o = anchor - randint(5, 40)
        anchor_d = date.fromordinal(anchor)

        # ---- who
        age = _AGES[bisect.bisect_right(_AGE_CUM, rand() * _AGE_CUM[-1])]
        hi = _years_before(anchor_d, age)
        lo = _years_before(anchor_d, age + 1) + 1
        birth_o = randint(lo, hi)
        minor = age < ADULT_AGE
        female = rand() < 0.46
        first = choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)
        last = choice(names.LAST_NAMES)
        if rand() < 0.06:
            other = choice(names.LAST_NAMES)
            if other != last:
                last = f"{last}-{other}"
        newly = rand() < (0.06 if plan.urban else 0.02)
        x = rand() * plan.town_cum[-1]
        town, postcode, town_qpv = plan.towns[bisect.bisect_right(plan.town_cum, x)]
        qpv = town_qpv and rand() < 0.8
        street = f"{randint(1, 120)} {choice(names.STREETS)}"
        quartiers = names.QUARTIERS.get((town, postcode))
        address = f"{street}, {choice(quartiers)}" if quartiers and qpv else street
        slug = f"{keys[first].replace(' ', '-')}.{keys[last].replace(' ', '-')}"
        phone = f"06 39 98 {randint(0, 99):02d} {randint(0, 99):02d}" if rand() < 0.9 else None
        email = f"{slug}{randint(1, 99)}@exemple.fr" if rand() < 0.6 else None

        # ---- eligibility: most meet every criterion; a few do not (cancelled, or kept with a justification)
        eligible = forced is not None or rand() >= 0.06
        has_qualification, followed = False, False
        left_o = anchor - randint(20, 330)
        failed = -1
        if not eligible:
            failed = randint(0, 2)
            if failed == 0:
                left_o = anchor - randint(400, 600)
            elif failed == 1:
                has_qualification = True
            else:
                followed = True
        justification = None
        cancel_reason = None
        if not eligible and state in (IntakeState.VALIDATED, IntakeState.STAGE_1, IntakeState.STAGE_2):
            if rand() < 0.34:
                justification = choice(names.OVERRIDE_JUSTIFICATIONS)
            else:
                state = IntakeState.CANCELLED
                cancel_reason = names.INELIGIBLE_CANCEL_REASONS[(1, 2, 0)[failed]]
        unknown_facts = state in (None, IntakeState.PLANNED) and rand() < 0.25

        # ---- the story after the intake
        exit_o = None
        if state == IntakeState.VALIDATED and tag is None and anchor <= today_o - 120 and rand() < 0.18:
            exit_o = anchor + randint(90, min(today_o - anchor, 400))
        # As the intake service does: planning an intake puts the youth "in intake", cancelling it puts them back.
        if state is None or state in (IntakeState.CANCELLED, IntakeState.NO_SHOW):
            status = _REFERRED
        elif state in (IntakeState.PLANNED, IntakeState.STAGE_1, IntakeState.STAGE_2):
            status = _IN_INTAKE
        else:
            status = _EXITED if exit_o is not None else _FOLLOWED

        yid = new_id()
        rows = batch.rows
        slot = choice(_SLOTS)
        referred_at = clock.at(referred_o, randint(9 * 60, 17 * 60))
        youth_updated = clock.at(min(anchor, today_o), slot + 150) if state is not None else referred_at
        rows["youth"].append(
            (yid, 0, None, youth_updated, None, dev, None, yid, plan.id, first, last, keys[first], keys[last],
             clock.day(birth_o), _FEMALE if female else _MALE, phone, email, address, postcode or None, town or None,
             keys[town], int(qpv), int(newly), None if unknown_facts and rand() < 0.5 else clock.day(left_o),
             choice(names.NEWLY_ARRIVED_CLASSES if newly else names.LAST_CLASSES),
             None if unknown_facts else int(has_qualification), None if unknown_facts else int(followed),
             status, referred_at, None, 0, None, None, None)
        )
        guardian_name = None
        if minor:
            relationship = choice(names.GUARDIAN_RELATIONSHIPS)
            for g in range(1 if rand() < 0.9 else 2):
                if g == 1:  # both parents
                    relationship = "père" if relationship == "mère" else "mère"
                given = choice(names.STAFF_FEMALE_FIRST_NAMES if relationship in ("mère", "tutrice", "grand-mère")
                               else names.STAFF_MALE_FIRST_NAMES)
                guardian_last = last if rand() < 0.8 else choice(names.LAST_NAMES)
                rows["guardian"].append(
                    (new_id(), 0, None, referred_at, None, dev, None, yid, yid, f"{given} {guardian_last}",
                     relationship, f"06 39 98 {randint(0, 99):02d} {randint(0, 99):02d}", None)
                )
                if g == 0:
                    guardian_name = f"{given} {guardian_last}"

        # ---- repérage
        x = rand() * plan.source_cum[-1]
        source = plan.sources[bisect.bisect_right(plan.source_cum, x)]
        source_value = source.value
        orgs = plan.source_orgs.get(source)
        org = choice(orgs) if orgs else None
        if org is not None:
            role = choice(names.REFERRER_ROLES[source_value])
            referrer_name = f"{choice(names.STAFF_FEMALE_FIRST_NAMES)} {choice(names.LAST_NAMES)}, {role}"
            referrer_structure = org.name
        elif source == ReferralSource.FAMILY:
            referrer_name, referrer_structure = f"{choice(names.STAFF_FEMALE_FIRST_NAMES)} {last}", None
        else:
            referrer_name, referrer_structure = None, None
        referral_id = new_id()
        rows["referral"].append(
            (referral_id, 0, None, referred_at, None, dev, None, yid, yid, source_value, clock.day(referred_o),
             referrer_name, referrer_structure, org.id if org else None, choice(names.REFERRAL_NOTES[source_value]))
        )
        if state is None:
            return

        # ---- the joint intake
        iid = new_id()
        held = state in (IntakeState.STAGE_1, IntakeState.STAGE_2, IntakeState.VALIDATED)
        team: list[tuple[str, _Staff]] = []
        current = state != IntakeState.VALIDATED or tag is not None
        for role in plan.roles:
            pool = plan.counsellors.get(role)
            if not pool:
                continue
            if demo is not None and demo in pool:
                staff = demo
            elif plan.demo is not None and plan.demo in pool and current and abs(anchor - today_o) < 7 and rand() < 0.4:
                staff = plan.demo  # the demo login's day: intakes around today
            else:
                staff = choice(pool)
            team.append((role.value, staff))
        creator = team[0][1].id if team else None
        hosts = plan.hosts
        host = team[0][1].org if team and rand() < 0.6 else (choice(hosts) if hosts else None)
        planned_minute = slot
        planned_at = clock.at(anchor, planned_minute)
        intake_at = clock.at(anchor, planned_minute + 150)
        present = [True] * len(team)
        if held and len(team) > 1 and rand() < 0.03:
            present[randint(1, len(team) - 1)] = False
        present_team = [staff for (role, staff), here in zip(team, present, strict=True) if here]
        by = creator

        position = 0
        for (role, staff), here in zip(team, present, strict=True):
            rows["intake_participant"].append(
                (new_id(), 0, None, planned_at, by, dev, None, yid, iid, _COUNSELLOR, role, staff.id, None,
                 None, int(here), None if here else choice(names.ABSENCE_REASONS), position)
            )
            position += 1
        if held:
            rows["intake_participant"].append(
                (new_id(), 0, None, intake_at, by, dev, None, yid, iid, _YOUTH, None, None, None, None, 1, None,
                 position)
            )
            position += 1
            if rand() < (0.45 if minor else 0.1):
                relationship = choice(names.FAMILY_RELATIONSHIPS)
                given = choice(names.STAFF_FEMALE_FIRST_NAMES if relationship[-1] == "e" else names.STAFF_MALE_FIRST_NAMES)
                rows["intake_participant"].append(
                    (new_id(), 0, None, intake_at, by, dev, None, yid, iid, _FAMILY, None, None,
                     f"{given} {last}", relationship, 1, None, position)
                )
            # Consents, collected at the start of the intake (a minor's guardian's too, mostly).
            collector = present_team[0].id if present_team else None
            rows["consent"].append(
                (new_id(), 0, None, planned_at, by, dev, None, yid, yid, iid, _CONSENT_YOUTH, 1, "given",
                 clock.day(anchor), collector, by, planned_at, None, None, None)
            )
            if minor and (state != IntakeState.STAGE_1 or rand() < 0.8):
                rows["consent"].append(
                    (new_id(), 0, None, planned_at, by, dev, None, yid, yid, iid, _CONSENT_GUARDIAN, 1, "given",
                     clock.day(anchor), collector, by, planned_at,
                     guardian_name if rand() < 0.95 else f"{choice(names.STAFF_FEMALE_FIRST_NAMES)} {last}", None, None)
                )
            # Stage 1: notes in several sections, each attributed to the counsellor who gave it.
            sections = [*_FIRST_SECTIONS, *rng.sample(_SECTION_VALUES, randint(1, 3))]
            if state == IntakeState.STAGE_1:
                sections = sections[: randint(1, len(sections))]
            minute = planned_minute + 10
            for section in sections:
                author = choice(present_team) if present_team else None
                rows["analysis_note"].append(
                    (new_id(), 0, None, clock.at(anchor, minute), author.id if author else None, dev, None, yid, iid,
                     section, author.id if author else None, choice(names.ANALYSIS_NOTES[section]),
                     clock.at(anchor, minute))
                )
                minute += randint(3, 12)
            barriers = rng.sample(_BARRIER_VALUES, randint(1, 2))
            if newly and _LANGUAGE not in barriers:
                barriers.append(_LANGUAGE)
            barrier_at = clock.at(anchor, minute)
            for barrier in barriers:
                rows["intake_barrier"].append(
                    (new_id(), 0, None, barrier_at, by, dev, None, yid, iid, barrier)
                )

        stage_2_or_more = state in (IntakeState.STAGE_2, IntakeState.VALIDATED)
        diagnosis = ""
        if stage_2_or_more:
            diagnosis = (
                f"{choice(names.DIAGNOSIS_OPENINGS)}. Besoin : {choice(names.DIAGNOSIS_NEEDS)}. "
                f"{choice(names.DIAGNOSIS_CLOSINGS)}"
            )
        validated = state == IntakeState.VALIDATED

        # ---- stage 2: solutions and their answers
        if stage_2_or_more:
            offers = plan.offers_by_profile.get((age, newly)) or []
            k = min(len(offers), 1 if rand() < 0.35 else (2 if rand() < 0.7 else 3))
            for offer in rng.sample(offers, k):
                answer, status_s, planned_start, started, ended = self._solution(anchor, validated)
                rows["proposed_solution"].append(
                    (new_id(), 0, None, intake_at, by, dev, None, yid, iid, yid, offer.id, None, offer.category,
                     answer, planned_start, status_s, started, ended, "")
                )
            if rand() < 0.06:
                text, category = choice(names.FREE_TEXT_SOLUTIONS)
                answer, status_s, planned_start, started, ended = self._solution(anchor, validated)
                rows["proposed_solution"].append(
                    (new_id(), 0, None, intake_at, by, dev, None, yid, iid, yid, None, text,
                     OfferCategory(category).value, answer, planned_start, status_s, started, ended, "")
                )

        # ---- referent, validations, next appointment
        next_at = next_place = next_staff = validated_at = None
        if validated:
            validated_at = clock.at(anchor, planned_minute + 150)
            for staff in present_team:
                rows["intake_validation"].append(
                    (new_id(), 0, None, validated_at, staff.id, dev, None, yid, iid, staff.id, validated_at)
                )
            referent, first_referent, change_o = self._referents(plan, anchor, exit_o, tag)
            assignment = rows["referent_assignment"]
            if first_referent is not None and change_o is not None:
                assignment.append(
                    (new_id(), 0, None, clock.at(change_o, 11 * 60), by, dev, None, yid, yid, first_referent.id, iid,
                     clock.day(anchor), clock.day(change_o), choice(names.REFERENT_CHANGE_REASONS), None, by)
                )
                assignment.append(
                    (new_id(), 0, None, clock.at(change_o, 11 * 60), by, dev, None, yid, yid, referent.id, None,
                     clock.day(change_o), None if exit_o is None else clock.day(exit_o), None, None,
                     first_referent.id)
                )
            else:
                assignment.append(
                    (new_id(), 0, None, validated_at, by, dev, None, yid, yid, referent.id, iid, clock.day(anchor),
                     None if exit_o is None else clock.day(exit_o), None, None, by)
                )
            next_o = self._workday_after(anchor + randint(7, 21))
            next_at = clock.at(next_o, choice(_SLOTS))
            next_place = referent.org.place
            next_staff = referent.id
            self._after_intake(batch, yid, iid, anchor, exit_o, referent, first_referent, change_o, plan, tag)
        elif state == IntakeState.STAGE_2:
            if present_team and rand() < 0.3:
                rows["intake_validation"].append(
                    (new_id(), 0, None, intake_at, present_team[0].id, dev, None, yid, iid, present_team[0].id,
                     intake_at)
                )
            if rand() < 0.5 and present_team:
                next_o = self._workday_after(anchor + randint(7, 21))
                next_at = clock.at(next_o, choice(_SLOTS))
                next_place = present_team[-1].org.place
                next_staff = present_team[-1].id
        if state == IntakeState.CANCELLED and cancel_reason is None:
            cancel_reason = choice(names.CANCEL_REASONS)

        rows["joint_intake"].append(
            (iid, 0, None, validated_at or (intake_at if held else planned_at), by, dev, None, yid, yid, plan.id,
             host.id if host else None, referral_id, planned_at, clock.day(anchor) if held else None, state.value,
             _STEP[state], int(justification is not None), justification, int(state != IntakeState.NO_SHOW), diagnosis,
             int(stage_2_or_more), next_at, next_place, next_staff, validated_at, cancel_reason, creator)
        )

    def _solution(self, anchor: int, validated: bool) -> tuple[str, str, str | None, str | None, str | None]:
        rand, randint, clock, today_o = self.rng.random, self.between, self.clock, self.today_o
        x = rand()
        if validated:
            answer = _ACCEPTED if x < 0.7 else (_REFUSED if x < 0.8 else _THINKING)
        else:
            answer = _ACCEPTED if x < 0.4 else (_REFUSED if x < 0.5 else _THINKING)
        if answer == _REFUSED:
            return answer, _PROPOSED, None, None, None
        start_o = anchor + randint(7, 60)
        if answer != _ACCEPTED or not validated or start_o > today_o:
            return answer, _PROPOSED, clock.day(start_o), None, None
        x = rand()
        started_o = min(start_o + randint(0, 10), today_o)
        if x < 0.1:
            return answer, _PROPOSED, clock.day(start_o), None, None
        end_o = started_o + randint(20, 180)
        if x < 0.6 or end_o > today_o:
            return answer, _STARTED, clock.day(start_o), clock.day(started_o), None
        status = _COMPLETED if x < 0.85 else _ABANDONED
        return answer, status, clock.day(start_o), clock.day(started_o), clock.day(end_o)

    def _referents(
        self, plan: _Plan, anchor: int, exit_o: int | None, tag: object
    ) -> tuple[_Staff, _Staff | None, int | None]:
        """The referent now (or at exit), a previous one if the youth changed referent, and the change date."""
        rng = self.rng
        if tag is not None and plan.demo is not None and plan.demo.load < plan.demo.cap:
            plan.demo.load += 1
            return plan.demo, None, None
        if exit_o is None:
            referent = self._take_referent(plan)  # an open assignment counts against the cap
        else:
            referent = self.pick(plan.referents) if plan.referents else self._take_referent(plan)
        end = exit_o if exit_o is not None else self.today_o
        if end - anchor > 60 and rng.random() < 0.05 and len(plan.referents) > 1:
            previous = self.pick(plan.referents)
            if previous is not referent:
                return referent, previous, anchor + self.between(30, end - anchor - 1)
        return referent, None, None

    def _after_intake(
        self,
        batch: _Batch,
        yid: str,
        iid: str,
        anchor: int,
        exit_o: int | None,
        referent: _Staff,
        first_referent: _Staff | None,
        change_o: int | None,
        plan: _Plan,
        tag: object,
    ) -> None:
        """The follow-up diary and the outcomes at 3, 6, 12 months (and at exit)."""
        rng, clock, new_id, dev, today_o = self.rng, self.clock, self.new_id, self.device, self.today_o
        rand, randint, choice = rng.random, self.between, self.pick
        end_o = exit_o if exit_o is not None else today_o

        def referent_on(o: int) -> _Staff:
            return first_referent if first_referent is not None and change_o is not None and o < change_o else referent

        span = end_o - anchor
        n = min(5, span // 60 + randint(0, 1)) if span > 3 else 0
        if n:
            days = sorted(randint(anchor + 3, end_o) for _ in range(n))
            follow = batch.rows["follow_up_event"]
            for o in days:
                x = rand() * _FOLLOW_UP_CUM[-1]
                kind = _FOLLOW_UP_KINDS[bisect.bisect_right(_FOLLOW_UP_CUM, x)]
                staff = referent_on(o)
                partner = None
                if kind == _PARTNER_MOBILISATION and plan.partner_orgs:
                    partner = choice(plan.partner_orgs).id
                at = clock.at(o, randint(9 * 60, 17 * 60))
                follow.append(
                    (new_id(), 0, None, at, staff.id, dev, None, yid, yid, kind, clock.day(o), staff.id, partner,
                     choice(names.FOLLOW_UP_NOTES[kind]))
                )
        outcomes = batch.rows["outcome"]
        anchor_d = date.fromordinal(anchor)
        for milestone, months in zip(_MILESTONES, _MILESTONE_MONTHS, strict=True):
            due_o = add_months(anchor_d, months).toordinal()
            # All three are scheduled at validation; after an exit the later ones stay unrecorded ("not due").
            recorded = due_o <= end_o and rand() < 0.88
            if tag == "m3_overdue" and months == 3:
                recorded = False
            if recorded:
                recorded_o = min(due_o + randint(0, 20), end_o)
                situation = self._situation()
                staff = referent_on(recorded_o)
                outcomes.append(
                    (new_id(), 0, None, clock.at(recorded_o, 16 * 60), staff.id, dev, None, yid, yid, iid,
                     milestone, clock.day(due_o), clock.day(recorded_o), situation,
                     choice(names.OUTCOME_NOTES[situation]), staff.id)
                )
            else:
                outcomes.append(
                    (new_id(), 0, None, clock.at(anchor, 18 * 60), None, dev, None, yid, yid, iid, milestone,
                     clock.day(due_o), None, None, "", None)
                )
        if exit_o is not None:
            situation = self._situation()
            outcomes.append(
                (new_id(), 0, None, clock.at(exit_o, 16 * 60), referent.id, dev, None, yid, yid, iid,
                 _EXIT, clock.day(exit_o), clock.day(exit_o), situation,
                 choice(names.OUTCOME_NOTES[situation]), referent.id)
            )

    def _situation(self) -> str:
        x = self.rng.random() * _SITUATION_CUM[-1]
        return _SITUATIONS[bisect.bisect_right(_SITUATION_CUM, x)]


_STATES = tuple(s for s, _ in _STATE_WEIGHTS)
_STATE_CUM = _cumulative([w for _, w in _STATE_WEIGHTS])
_AGES = tuple(a for a, _ in _AGE_WEIGHTS)
_AGE_CUM = _cumulative([w for _, w in _AGE_WEIGHTS])
_FOLLOW_UP_KINDS = tuple(k.value for k, _ in _FOLLOW_UP_WEIGHTS)
_FOLLOW_UP_CUM = _cumulative([w for _, w in _FOLLOW_UP_WEIGHTS])
_SITUATIONS = tuple(s.value for s, _ in _SITUATION_WEIGHTS)
_SITUATION_CUM = _cumulative([w for _, w in _SITUATION_WEIGHTS])


def _staff_id(key: str) -> str:
    return str(uuid.uuid5(_DEMO_NAMESPACE, f"staff/{key}"))


def _years_before(d: date, years: int) -> int:
    """The ordinal of the same day ``years`` earlier (28 February for a 29 February)."""
    year = d.year - years
    try:
        return d.replace(year=year).toordinal()
    except ValueError:
        return date(year, 2, 28).toordinal()


__all__ = [
    "CHUNK_YOUTHS",
    "DEMO_COMMITTEE_LOGIN",
    "DEMO_EVALUATOR_LOGIN",
    "DEMO_LOGIN",
    "DEMO_PASSWORD",
    "DEMO_SETTING_KEY",
    "DemoDataService",
    "DemoReport",
    "TABLE_ORDER",
]
