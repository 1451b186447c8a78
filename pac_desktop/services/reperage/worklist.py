"""The Repérage worklist (issue 18 §2): a territory's youths not yet met, and where each one's repérage stands.

A youth is on the worklist while their status is « Repéré » (imported from a dropout list or referred, no intake
held yet). Each line says who is in charge of contacting them (``Youth.contact_staff_id``), how many tries were
made, the last one, the next action and its due date, and the outcome once a try closed the repérage.

One page is one statement: the youths joined to their tries ranked per youth by a window function (the count and
the newest try come out of the same pass), filtered, sorted and cut in SQL; a second statement counts the
matches. The search is the Jeunes list's (:func:`pac_desktop.services.youths.search_conditions`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, func, select

from pac_desktop.domain.enums import YouthStatus
from pac_desktop.domain.reperage import UNREACHABLE_AFTER, ContactChannel, ContactOutcome
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import ContactAttempt, Staff, Youth

from ..access import AccessGuard
from ..context import Actor, ServiceContext
from ..youths import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parse_query, search_conditions


class WorklistSort(StrEnum):
    NAME = "name"
    CONTACT_STAFF = "contact_staff"
    ATTEMPTS = "attempts"
    LAST_ATTEMPT = "last_attempt"
    NEXT_DUE = "next_due"
    OUTCOME = "outcome"


class OutcomeFilter(StrEnum):
    """Which repérages the list shows, by their outcome."""

    ALL = "all"
    OPEN = "open"  # no outcome yet: still to reach
    CLOSED = "closed"  # any outcome


@dataclass(frozen=True)
class WorklistFilters:
    """``territory_id`` None: the actor's territory. ``mine``: the youths the actor is in charge of contacting.
    ``overdue``: the next action's due date is past (before today). ``outcome``: one outcome, which wins over
    ``state``."""

    territory_id: str | None = None
    mine: bool = False
    overdue: bool = False
    state: OutcomeFilter = OutcomeFilter.OPEN
    outcome: ContactOutcome | None = None


@dataclass(frozen=True, slots=True)
class WorklistRow:
    id: str
    first_name: str
    last_name: str
    birth_date: date
    town: str | None
    contact_staff_id: str | None
    contact_staff_name: str | None
    attempts: int
    last_attempt_at: datetime | None
    last_channel: ContactChannel | None
    last_reached: bool | None
    next_action: str | None
    next_action_due: date | None
    outcome: ContactOutcome | None
    messages_refused: bool

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"

    def overdue(self, today: date) -> bool:
        return self.outcome is None and self.next_action_due is not None and self.next_action_due < today

    @property
    def suggest_unreachable(self) -> bool:
        """So many tries without reaching the youth that closing as « Injoignable » is worth considering."""
        return self.outcome is None and self.attempts >= UNREACHABLE_AFTER and self.last_reached is not True


@dataclass(frozen=True)
class WorklistPage:
    rows: tuple[WorklistRow, ...]
    total: int
    offset: int
    query: str
    filters: WorklistFilters
    sort: WorklistSort
    descending: bool

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


def _latest_attempts(territory_id: str):
    """Per youth of the territory, their newest try (not deleted) with the number of tries: one row per youth."""
    ranked = (
        select(
            ContactAttempt.youth_id.label("youth_id"),
            ContactAttempt.attempted_at.label("attempted_at"),
            ContactAttempt.channel.label("channel"),
            ContactAttempt.reached.label("reached"),
            ContactAttempt.next_action.label("next_action"),
            ContactAttempt.next_action_due.label("next_action_due"),
            ContactAttempt.outcome.label("outcome"),
            func.count().over(partition_by=ContactAttempt.youth_id).label("attempts"),
            func.row_number()
            .over(
                partition_by=ContactAttempt.youth_id,
                order_by=(ContactAttempt.attempted_at.desc(), ContactAttempt.id.desc()),
            )
            .label("rank"),
        )
        .where(
            ContactAttempt.deleted_at.is_(None),
            ContactAttempt.youth_id.in_(
                select(Youth.id).where(Youth.territory_id == territory_id, Youth.status == YouthStatus.REFERRED)
            ),
        )
        .subquery("ranked")
    )
    return select(ranked).where(ranked.c.rank == 1).subquery("latest")


def _sort_columns(sort: WorklistSort, latest, staff_name) -> list[ColumnElement]:
    if sort is WorklistSort.NAME:
        return []
    return {
        WorklistSort.CONTACT_STAFF: [staff_name],
        WorklistSort.ATTEMPTS: [func.coalesce(latest.c.attempts, 0)],
        WorklistSort.LAST_ATTEMPT: [latest.c.attempted_at],
        WorklistSort.NEXT_DUE: [latest.c.next_action_due],
        WorklistSort.OUTCOME: [latest.c.outcome],
    }[sort]


class WorklistService:
    """The youths to reach, territory by territory."""

    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def search(
        self,
        *,
        by: Actor | None,
        query: str = "",
        filters: WorklistFilters | None = None,
        sort: WorklistSort = WorklistSort.NEXT_DUE,
        descending: bool = False,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> WorklistPage:
        """One page of the territory's youths still « repéré ». Staff of the territory (counsellors, referents)
        see it; another territory is refused (PermissionDenied, audited)."""
        filters = filters or WorklistFilters()
        territory_id = filters.territory_id or (by.territory_id if by is not None else None)
        if self._guard is not None:
            self._guard.require(by, Action.CONTACT_RECORD, territory_id=territory_id, entity="contact_attempt")
        filters = replace(filters, territory_id=territory_id)
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        offset = max(0, offset)
        today = self._ctx.today()
        if territory_id is None:
            return WorklistPage((), 0, offset, query, filters, sort, descending)

        latest = _latest_attempts(territory_id)
        staff_name = (Staff.first_name + " " + Staff.last_name).label("staff_name")
        where: list[ColumnElement[bool]] = [
            Youth.deleted_at.is_(None),
            Youth.territory_id == territory_id,
            Youth.status == YouthStatus.REFERRED,
            *search_conditions(parse_query(query)),
        ]
        if filters.mine:
            where.append(Youth.contact_staff_id == (by.staff_id if by is not None else None))
        if filters.overdue:
            where += [latest.c.outcome.is_(None), latest.c.next_action_due < today]
        if filters.outcome is not None:
            where.append(latest.c.outcome == filters.outcome)
        elif filters.state is OutcomeFilter.OPEN:
            where.append(latest.c.outcome.is_(None))
        elif filters.state is OutcomeFilter.CLOSED:
            where.append(latest.c.outcome.is_not(None))

        primary = _sort_columns(sort, latest, staff_name)
        primary = [(c.desc() if descending else c.asc()).nulls_last() for c in primary]
        names = [Youth.last_name_key, Youth.first_name_key]
        if sort is WorklistSort.NAME and descending:
            names = [n.desc() for n in names]
        order = [*primary, *names, Youth.id]

        base = (
            select(
                Youth.id, Youth.first_name, Youth.last_name, Youth.birth_date, Youth.town, Youth.contact_staff_id,
                staff_name, func.coalesce(latest.c.attempts, 0).label("attempts"), latest.c.attempted_at,
                latest.c.channel, latest.c.reached, latest.c.next_action, latest.c.next_action_due, latest.c.outcome,
                Youth.contact_opt_out,
            )
            .outerjoin(latest, latest.c.youth_id == Youth.id)
            .outerjoin(Staff, Staff.id == Youth.contact_staff_id)
            .where(*where)
        )
        with self._ctx.read() as session:
            total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
            result = session.execute(base.order_by(*order).offset(offset).limit(limit)).all()
        rows = tuple(
            WorklistRow(
                id=r.id, first_name=r.first_name, last_name=r.last_name, birth_date=r.birth_date, town=r.town,
                contact_staff_id=r.contact_staff_id, contact_staff_name=r.staff_name, attempts=r.attempts,
                last_attempt_at=r.attempted_at,
                last_channel=ContactChannel(r.channel) if r.channel is not None else None,
                last_reached=r.reached, next_action=r.next_action, next_action_due=r.next_action_due,
                outcome=ContactOutcome(r.outcome) if r.outcome is not None else None,
                messages_refused=bool(r.contact_opt_out),
            )
            for r in result
        )
        return WorklistPage(rows, total, offset, query, filters, sort, descending)
