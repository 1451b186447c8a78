"""The regional steering view's figures, counted on the server from its own records (issue 18 §6).

A regional committee's computer is enrolled for no territory: it holds no case file and asks the server for the
figures. The server counts them per territory with SQL aggregates over its ``records`` table (a handful of
GROUP BY queries, whatever the number of youths: no row of a file is loaded), with the counting rules of
:mod:`pac_desktop.domain.regional` — the very ones the desktop applies to its own store — and suppresses the
small cells there (:func:`pac_desktop.domain.regional.regional_view`): a count from 1 to 4 never leaves it.

The request is signed by the regional user signed in on the device (their key, as their changes are: issue 12)
and checked against the roles the server published; see :func:`check_caller`. A signed request is good for
:data:`REQUEST_WINDOW` around its signed time, once: the server remembers each one it answered for that long
(``regional_request``, the hash of what was signed), so the same request sent again is refused as a replay. Every
request whose signature holds — answered, or refused — is written to the server's audit trail (who, from which
device, when, the period: no personal data).

:func:`answer` runs a request through its own transactions; the other functions take the caller's open
connection and never commit.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP
from pac_desktop.domain.enums import (
    MILESTONE_MONTHS,
    IntakeState,
    OfferCategory,
    OutcomeMilestone,
    OutcomeSituation,
    ReferralSource,
    StaffRole,
    YouthAnswer,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date_short
from pac_desktop.domain.regional import (
    RegionalView,
    TerritoryCounts,
    counts_as_adult,
    counts_as_referent,
    milestone_awaited,
    over_cap,
    regional_view,
    request_payload,
)
from pac_desktop.domain.text import normalise
from pac_desktop.security.roles import AccessContext, Action, can, denial_message
from pac_desktop.security.signing import verify
from pac_desktop.sync.regional_wire import REPLAYED

from .access import StaffDirectory
from .core import WriteInfo, Writer, write_record
from .db import read_transaction, write_transaction
from .models import Device, Record, RegionalRequest

R = Record.__table__
#: How far a request's time may be from the server's (a signed request cannot be replayed later than this).
REQUEST_WINDOW = timedelta(minutes=10)

NOT_SIGNED = ("La demande des chiffres régionaux n'est pas signée par une personne connue du serveur. "
              "Connectez-vous avec votre compte sur cet ordinateur, puis réessayez.")
STALE = ("La demande des chiffres régionaux est trop ancienne ou l'horloge de cet ordinateur n'est pas à l'heure. "
         "Vérifiez la date et l'heure de l'ordinateur, puis réessayez.")
INACTIVE = "Votre compte est désactivé : le serveur ne donne pas les chiffres régionaux."
TERRITORY_DEVICE = (
    "Cet ordinateur est inscrit pour un territoire : les chiffres de tous les territoires ne se consultent que sur "
    "un ordinateur inscrit pour le comité de pilotage régional (ou par un administrateur)."
)
BAD_PERIOD = "La date de début de la période est postérieure à sa date de fin."
RQ = RegionalRequest.__table__


class RegionalRefused(DomainError):
    """A request the server turns down; ``status`` is the HTTP status, the message is French. ``staff_id``: the
    staff member whose signature held (their refusal is audited), None when nobody's did."""

    def __init__(self, status: int, message: str, *, staff_id: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.staff_id = staff_id


def request_key(payload: bytes) -> str:
    """What identifies a signed request (its replay carries the same): the SHA-256 of the signed payload."""
    return hashlib.sha256(payload).hexdigest()


def answer(engine: Engine, *, device: Writer, staff_id: str, key_id: str, signature: str, date_from: date | None,
           date_to: date | None, requested_at: str, today: date, now: datetime) -> RegionalView:
    """A figures request from start to end: the caller checked (:func:`check_caller`); a replay refused; the
    figures counted in a read transaction (no clock lock, no write lock: pushes go on meanwhile); then the request
    remembered and its audit entry written in one transaction, so that a request the server could not finish
    (the database busy) leaves nothing behind and may be sent again. A refusal is audited too. Raises
    RegionalRefused."""
    verified = False
    try:
        with read_transaction(engine) as conn:
            check_caller(conn, device=device, staff_id=staff_id, key_id=key_id, signature=signature,
                         date_from=date_from, date_to=date_to, requested_at=requested_at, now=now)
        verified = True
        key = request_key(request_payload(device_id=device.device_id or "", staff_id=staff_id,
                                          date_from=date_from, date_to=date_to, requested_at=requested_at))
        with read_transaction(engine) as conn:
            if conn.execute(select(RQ.c.request_key).where(RQ.c.request_key == key)).first() is not None:
                raise RegionalRefused(403, REPLAYED, staff_id=staff_id)
            view = figures(conn, date_from=date_from, date_to=date_to, today=today, generated_at=now)
        with write_transaction(engine) as conn:
            if not remember(conn, key=key, device=device, staff_id=staff_id, requested_at=_stamp(requested_at),
                            now=now):  # the same request answered meanwhile
                raise RegionalRefused(403, REPLAYED, staff_id=staff_id)
            _audit(conn, device, staff_id, date_from, date_to, now, refused=None)
    except RegionalRefused as refused:
        if verified or refused.staff_id is not None:
            with write_transaction(engine) as conn:
                _audit(conn, device, staff_id, date_from, date_to, now, refused=str(refused))
        raise
    return view


def remember(conn: Connection, *, key: str, device: Writer, staff_id: str, requested_at: datetime,
             now: datetime) -> bool:
    """Keep a request for the window (the expired ones are forgotten first); False when it was kept already: a
    replay (the key is the table's primary key: two at the same moment, one is kept)."""
    conn.execute(delete(RQ).where(RQ.c.requested_at < now - REQUEST_WINDOW))
    insert_ = pg_insert(RQ) if conn.dialect.name == "postgresql" else sqlite_insert(RQ)
    kept = conn.execute(insert_.values(request_key=key, staff_id=staff_id, device_id=device.device_id,
                                       requested_at=requested_at, received_at=now)
                        .on_conflict_do_nothing().returning(RQ.c.request_key))
    return kept.first() is not None


def _audit(conn: Connection, device: Writer, staff_id: str, date_from: date | None, date_to: date | None,
           now: datetime, *, refused: str | None) -> None:
    """The server's audit event of a figures request: who, from which device, when, the period asked (counts
    only were asked for: no youth, no territory's file). Kept on the server (no territory: fed to no device)."""
    name = conn.execute(select(Device.name).where(Device.device_id == device.device_id)).scalar() \
        if device.device_id else None
    period = (f"du {format_date_short(date_from)} " if date_from else "depuis le premier accueil ") + (
        f"au {format_date_short(date_to)}" if date_to else "à ce jour")
    where = f"l'ordinateur « {name} »" if name else "le serveur (administration)"
    detail = (f"Chiffres régionaux {period}, demandés depuis {where} : "
              + (f"refusés ({refused})" if refused else "donnés"))
    data = {"at": now.isoformat(), "staff_id": staff_id, "action": AuditAction.REGIONAL_FIGURES.value,
            "entity": "regional_indicators", "entity_id": None, "youth_id": None, "territory_id": None,
            "detail": detail}
    write_record(conn, entity="audit_event", record_id=str(uuid.uuid4()), case_id=None, territory_id=None,
                 version=1, deleted=False, data=data,
                 info=WriteInfo(op="create", changes={f: [None, v] for f, v in data.items()},
                                device_id=device.device_id, staff_id=staff_id))


def _stamp(requested_at: str) -> datetime:
    stamp = datetime.fromisoformat(requested_at)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def check_caller(conn: Connection, *, device: Writer, staff_id: str, key_id: str, signature: str,
                 date_from: date | None, date_to: date | None, requested_at: str,
                 now: datetime | None = None) -> None:
    """Raise RegionalRefused unless the request was signed by an active staff member allowed the regional view
    (the regional committee, an administrator), on a regional device — or, for an administrator, any device."""
    staff = StaffDirectory(conn)
    owner = staff.keys.public_key(key_id)
    payload = request_payload(device_id=device.device_id or "", staff_id=staff_id, date_from=date_from,
                              date_to=date_to, requested_at=requested_at)
    if owner is None or owner[0] != staff_id or not verify(owner[1], payload, signature):
        raise RegionalRefused(403, NOT_SIGNED)
    try:
        stamp = _stamp(requested_at)
    except ValueError:
        raise RegionalRefused(403, STALE, staff_id=staff_id) from None
    if abs((now or datetime.now(UTC)) - stamp) > REQUEST_WINDOW:
        raise RegionalRefused(403, STALE, staff_id=staff_id)
    member = staff.get(staff_id)
    if member is None:
        raise RegionalRefused(403, NOT_SIGNED)
    if not member.active:
        raise RegionalRefused(403, INACTIVE, staff_id=staff_id)
    context = AccessContext(actor_id=staff_id, actor_territory_id=member.territory_id)
    if not can(member.roles, Action.REGIONAL_VIEW, context):
        raise RegionalRefused(403, denial_message(member.roles, Action.REGIONAL_VIEW, context),
                              staff_id=staff_id)
    if device.territory_ids and StaffRole.ADMINISTRATOR not in member.roles:
        raise RegionalRefused(403, TERRITORY_DEVICE, staff_id=staff_id)


def _text(table: Any, name: str) -> Any:
    return table.c.data[name].as_string()


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _enum(kind: Any, value: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return None


def figures(conn: Connection, *, date_from: date | None, date_to: date | None, today: date,
            generated_at: datetime) -> RegionalView:
    """Every territory's figures for the youths whose validated joint intake was held in the period (without
    dates: from the first intake held to today), one column each, suppressed."""
    date_to = date_to or today
    if date_from is None:
        ji = R.alias("first_intake")
        first = conn.execute(select(func.min(_text(ji, "held_on"))).where(
            ji.c.entity == "joint_intake", ji.c.deleted.is_(False),
            _text(ji, "state") == IntakeState.VALIDATED.value)).scalar()
        date_from = min(_day(first) or date_to, date_to)
    if date_from > date_to:
        raise RegionalRefused(400, BAD_PERIOD)
    territories = sorted(
        ((row.id, row.data.get("name") or "") for row in conn.execute(
            select(R.c.id, R.c.data).where(R.c.entity == "territory", R.c.deleted.is_(False)))),
        key=lambda t: (normalise(t[1]), t[1]))
    counts = count_territories(conn, [tid for tid, _name in territories], date_from=date_from, date_to=date_to,
                               today=today)
    return regional_view([name for _id, name in territories],
                         [counts.get(tid, TerritoryCounts()) for tid, _name in territories],
                         date_from=date_from, date_to=date_to, generated_at=generated_at)


@dataclass
class _Counting:
    cohort: int = 0
    adults: int = 0
    in_priority_area: int = 0

    def __post_init__(self) -> None:
        self.sources: dict[ReferralSource | None, int] = defaultdict(int)
        self.proposed: dict[OfferCategory, int] = defaultdict(int)
        self.accepted: dict[OfferCategory, int] = defaultdict(int)
        self.outcomes: dict[OutcomeMilestone, dict[OutcomeSituation, int]] = defaultdict(lambda: defaultdict(int))
        self.awaited: dict[OutcomeMilestone, int] = defaultdict(int)
        self.referents = 0
        self.over_cap = 0


def _cohort(date_from: date, date_to: date) -> Any:
    """Per territory, each youth once, with their first validated intake of the period in that territory (the
    cohort of the territory's *Indicateurs*)."""
    ji = R.alias("ji")
    held, youth, territory = _text(ji, "held_on"), _text(ji, "youth_id"), _text(ji, "territory_id")
    ranked = select(
        ji.c.id.label("intake_id"), youth.label("youth_id"), territory.label("territory_id"),
        held.label("held_on"), _text(ji, "referral_id").label("referral_id"),
        func.row_number().over(partition_by=(territory, youth), order_by=(held, ji.c.id)).label("n"),
    ).where(ji.c.entity == "joint_intake", ji.c.deleted.is_(False),
            _text(ji, "state") == IntakeState.VALIDATED.value,
            held >= date_from.isoformat(), held <= date_to.isoformat(), territory.is_not(None)).subquery("ranked")
    return (select(ranked.c.intake_id, ranked.c.youth_id, ranked.c.territory_id, ranked.c.held_on,
                   ranked.c.referral_id).where(ranked.c.n == 1).cte("cohort"))


def count_territories(conn: Connection, territory_ids: list[str], *, date_from: date, date_to: date, today: date
                      ) -> Mapping[str, TerritoryCounts]:
    """Each territory's exact counts (they stay on the server: :func:`figures` suppresses them)."""
    if conn.dialect.name == "postgresql":
        # PostgreSQL cannot estimate predicates on JSON fields (it guesses a few rows): with nested loops it
        # would run the window over every referral again for each youth of the cohort (minutes at 20,000
        # youths). Hash joins read each side once. SET LOCAL: for this read transaction only.
        conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
    cohort = _cohort(date_from, date_to)
    per: dict[str, _Counting] = defaultdict(_Counting, {tid: _Counting() for tid in territory_ids})
    per_day: dict[tuple[str, str], int] = defaultdict(int)

    # The cohort, adults at intake, priority areas: grouped by (territory, day, birth date, priority area).
    # (Each JSON expression is built once: PostgreSQL matches GROUP BY to SELECT with the same bound key.)
    y = R.alias("y")
    priority, birth_date = y.c.data["lives_in_priority_area"].as_boolean(), _text(y, "birth_date")
    for territory, held_on, birth, in_area, n in conn.execute(
        select(cohort.c.territory_id, cohort.c.held_on, birth_date, priority, func.count())
        .select_from(cohort.outerjoin(y, and_(y.c.entity == "youth", y.c.id == cohort.c.youth_id)))
        .group_by(cohort.c.territory_id, cohort.c.held_on, birth_date, priority)
    ):
        c = per[territory]
        c.cohort += n
        c.adults += n if counts_as_adult(_day(birth), _day(held_on) or today) else 0
        c.in_priority_area += n if in_area else 0
        per_day[(territory, held_on)] += n

    # Referral sources: the intake's referral, else the youth's first one.
    r1, rf = R.alias("r1"), R.alias("rf")
    referred_youth = _text(rf, "youth_id")
    first = select(
        referred_youth.label("youth_id"), _text(rf, "source").label("source"),
        func.row_number().over(partition_by=referred_youth,
                               order_by=(_text(rf, "referred_on"), rf.c.id)).label("n"),
    ).where(rf.c.entity == "referral", rf.c.deleted.is_(False)).subquery("first_referral")
    known, own = r1.c.id.is_not(None), _text(r1, "source")
    sources = select(cohort.c.territory_id, known, own, first.c.source, func.count()).select_from(
        cohort.outerjoin(r1, and_(r1.c.entity == "referral", r1.c.id == cohort.c.referral_id))
        .outerjoin(first, and_(first.c.youth_id == cohort.c.youth_id, first.c.n == 1))
    ).group_by(cohort.c.territory_id, known, own, first.c.source)
    for territory, known, own, fallback, n in conn.execute(sources):
        per[territory].sources[_enum(ReferralSource, own if known else fallback)] += n

    # Solutions proposed at the cohort's intakes, and those the youth accepted.
    ps = R.alias("ps")
    category_of, answer_of = _text(ps, "category"), _text(ps, "youth_answer")
    for territory, category, answer, n in conn.execute(
        select(cohort.c.territory_id, category_of, answer_of, func.count())
        .select_from(cohort.join(ps, and_(ps.c.entity == "proposed_solution", ps.c.deleted.is_(False),
                                          _text(ps, "intake_id") == cohort.c.intake_id)))
        .group_by(cohort.c.territory_id, category_of, answer_of)
    ):
        kind = _enum(OfferCategory, category)
        if kind is not None:
            per[territory].proposed[kind] += n
            per[territory].accepted[kind] += n if answer == YouthAnswer.ACCEPTED.value else 0

    # Outcomes recorded at 3, 6 and 12 months; the others are awaited once their milestone has come.
    out = R.alias("out")
    recorded: dict[tuple[str, str, OutcomeMilestone], int] = defaultdict(int)
    milestone_of, situation_of = _text(out, "milestone"), _text(out, "situation")
    for territory, held_on, milestone, situation, n in conn.execute(
        select(cohort.c.territory_id, cohort.c.held_on, milestone_of, situation_of, func.count())
        .select_from(cohort.join(out, and_(
            out.c.entity == "outcome", out.c.deleted.is_(False), _text(out, "youth_id") == cohort.c.youth_id,
            situation_of.is_not(None), milestone_of.in_([m.value for m in MILESTONE_MONTHS]))))
        .group_by(cohort.c.territory_id, cohort.c.held_on, milestone_of, situation_of)
    ):
        step, where = _enum(OutcomeMilestone, milestone), _enum(OutcomeSituation, situation)
        if step is None or where is None:
            continue
        per[territory].outcomes[step][where] += n
        recorded[(territory, held_on, step)] += n
    for (territory, held_on), n in per_day.items():
        day = _day(held_on)
        for step in MILESTONE_MONTHS:
            if day is not None and milestone_awaited(day, step, today):
                per[territory].awaited[step] += n - recorded[(territory, held_on, step)]

    _count_referents(conn, per)
    return {tid: TerritoryCounts(
        cohort=c.cohort, adults=c.adults, in_priority_area=c.in_priority_area, referral_sources=dict(c.sources),
        proposed=dict(c.proposed), accepted=dict(c.accepted),
        outcomes={m: dict(s) for m, s in c.outcomes.items()}, awaited=dict(c.awaited),
        referents=c.referents, referents_over_cap=c.over_cap) for tid, c in per.items()}


def _count_referents(conn: Connection, per: dict[str, _Counting]) -> None:
    """How many referents each territory has (staff of its organisations, or following one of its youths now),
    and how many are over their cap. Staff and organisations are reference data: a few hundred rows."""
    staff = {row.id: row.data for row in conn.execute(
        select(R.c.id, R.c.data).where(R.c.entity == "staff", R.c.deleted.is_(False)))}
    org_territory = {row.id: row.data.get("territory_id") for row in conn.execute(
        select(R.c.id, R.c.data).where(R.c.entity == "organisation"))}
    holders = set(conn.execute(select(_text(R, "staff_id")).where(
        R.c.entity == "staff_role", R.c.deleted.is_(False), _text(R, "role") == StaffRole.REFERENT.value)).scalars())
    ra, y = R.alias("ra"), R.alias("y")
    is_open = and_(ra.c.entity == "referent_assignment", ra.c.deleted.is_(False), _text(ra, "ended_on").is_(None))
    referent = _text(ra, "staff_id")
    loads: dict[str, int] = dict(conn.execute(select(referent, func.count()).where(is_open).group_by(referent)).all())
    following: dict[str, set[str]] = defaultdict(set)
    for staff_id, territory in conn.execute(
        select(referent, _text(y, "territory_id")).distinct()
        .select_from(ra.join(y, and_(y.c.entity == "youth", y.c.id == _text(ra, "youth_id")))).where(is_open)
    ):
        following[territory].add(staff_id)
    for territory, counting in per.items():
        for sid in (holders | set(loads)):
            data = staff.get(sid)
            if data is None or not (sid in following[territory]
                                    or org_territory.get(data.get("organisation_id")) == territory):
                continue
            load = loads.get(sid, 0)
            if counts_as_referent(has_referent_role=sid in holders, caseload=load,
                                  active=bool(data.get("active", True))):
                counting.referents += 1
                counting.over_cap += int(over_cap(load, int(data.get("caseload_cap") or DEFAULT_CASELOAD_CAP)))
