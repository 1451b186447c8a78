"""The Repérage worklist (issue 18 §2): a territory's youths not yet met, and where each one's repérage stands.

A youth is on the worklist while their status is « Repéré » (imported from a dropout list or referred, no intake
held yet). Each line says who is in charge of contacting them (``Youth.contact_staff_id``), how many tries were
made, the last one, the next action and its due date, and the outcome once a try closed the repérage.

Each youth's newest try and number of tries are kept in ``contact_summary`` by triggers (migration 0019): a page
joins it with one primary-key probe per youth, walking the covering index ix_youth_worklist (the territory's
« repéré » youths), or the search's indexes when a search is typed (the Jeunes list's search,
:func:`pac_desktop.services.youths.search_conditions`). The page's ids are sorted and cut in SQL from the
indexes alone; a second statement counts the matches and a third reads the page's few lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import aliased

from pac_desktop.domain.enums import YouthStatus
from pac_desktop.domain.french import to_paris
from pac_desktop.domain.reperage import UNREACHABLE_AFTER, ContactChannel, ContactOutcome
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import ContactSummary, Staff, Youth
from pac_desktop.storage.youth_search import unindexed

from ..access import AccessGuard
from ..context import Actor, ServiceContext
from ..youths import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parse_query, search_conditions


class WorklistSort(StrEnum):
    NAME = "name"
    BIRTH_DATE = "birth_date"
    TOWN = "town"
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
    #: The day (Paris) the refusal was noted and who noted it (None for a refusal noted before they were kept).
    messages_refused_since: date | None = None
    messages_refused_by: str | None = None

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


#: The status of the youths on the worklist, as a literal: SQLite uses the partial index ix_youth_worklist only
#: when the query's own text implies its WHERE (a bound parameter would not).
_REFERRED = literal_column(f"'{YouthStatus.REFERRED.value}'")


def _sort_columns(sort: WorklistSort, staff_name: ColumnElement[str]) -> list[ColumnElement]:
    if sort is WorklistSort.NAME:
        return []
    return {
        WorklistSort.BIRTH_DATE: [Youth.birth_date],
        WorklistSort.TOWN: [Youth.town_key],
        WorklistSort.CONTACT_STAFF: [staff_name],
        WorklistSort.ATTEMPTS: [func.coalesce(ContactSummary.attempts, 0)],
        WorklistSort.LAST_ATTEMPT: [ContactSummary.attempted_at],
        WorklistSort.NEXT_DUE: [ContactSummary.next_action_due],
        WorklistSort.OUTCOME: [ContactSummary.outcome],
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

        summary = ContactSummary
        terms = parse_query(query)
        staff_name = select(Staff.first_name + " " + Staff.last_name).where(
            Staff.id == Youth.contact_staff_id).correlate(Youth).scalar_subquery()
        # Without a search, the territory's « repéré » youths come from ix_youth_worklist (covering). With one,
        # the search's indexes find the few youths it matches: the territory is then checked on each
        # (`+territory_id`: no index), as the Jeunes list does.
        territory = Youth.territory_id if terms.is_empty() else unindexed(Youth.territory_id)
        where: list[ColumnElement[bool]] = [
            Youth.deleted_at.is_(None),
            territory == territory_id,
            Youth.status == _REFERRED,
            *search_conditions(terms),
        ]
        if filters.mine:
            where.append(Youth.contact_staff_id == (by.staff_id if by is not None else None))
        if filters.overdue:
            where += [summary.outcome.is_(None), summary.next_action_due < today]
        if filters.outcome is not None:
            where.append(summary.outcome == filters.outcome)
        elif filters.state is OutcomeFilter.OPEN:
            where.append(summary.outcome.is_(None))
        elif filters.state is OutcomeFilter.CLOSED:
            where.append(summary.outcome.is_not(None))

        primary = _sort_columns(sort, staff_name)
        primary = [(c.desc() if descending else c.asc()).nulls_last() for c in primary]
        names = [Youth.last_name_key, Youth.first_name_key, Youth.id]
        if sort is WorklistSort.NAME and descending:
            names = [n.desc() for n in names]
        order = [*primary, *names]

        # A youth without any attempt has no summary row (LEFT JOIN): no outcome, open.
        matching = select(Youth.id).select_from(Youth).outerjoin(summary, summary.youth_id == Youth.id).where(*where)
        with self._ctx.read() as session:
            # The page's ids first (from the indexes only), then those few youths' lines.
            ids = list(session.scalars(matching.order_by(*order).offset(offset).limit(limit)))
            if len(ids) < limit and (ids or offset == 0):
                total = offset + len(ids)  # the last page: no need to count (a search finds a few youths)
            else:
                total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
            noted_by = aliased(Staff)  # who noted the refusal of messages
            details = {r.id: r for r in session.execute(
                select(
                    Youth.id, Youth.first_name, Youth.last_name, Youth.birth_date, Youth.town, Youth.contact_staff_id,
                    (Staff.first_name + " " + Staff.last_name).label("staff_name"), summary.attempts,
                    summary.attempted_at, summary.channel, summary.reached, summary.next_action,
                    summary.next_action_due, summary.outcome, Youth.contact_opt_out, Youth.contact_opt_out_at,
                    (noted_by.first_name + " " + noted_by.last_name).label("opt_out_by_name"),
                )
                .select_from(Youth)
                .outerjoin(summary, summary.youth_id == Youth.id)
                .outerjoin(Staff, Staff.id == Youth.contact_staff_id)
                .outerjoin(noted_by, noted_by.id == Youth.contact_opt_out_by)
                .where(Youth.id.in_(ids))
            )} if ids else {}
        result = [details[i] for i in ids if i in details]
        rows = tuple(
            WorklistRow(
                id=r.id, first_name=r.first_name, last_name=r.last_name, birth_date=r.birth_date, town=r.town,
                contact_staff_id=r.contact_staff_id, contact_staff_name=r.staff_name, attempts=r.attempts or 0,
                last_attempt_at=r.attempted_at,
                last_channel=ContactChannel(r.channel) if r.channel is not None else None,
                last_reached=r.reached, next_action=r.next_action, next_action_due=r.next_action_due,
                outcome=ContactOutcome(r.outcome) if r.outcome is not None else None,
                messages_refused=bool(r.contact_opt_out),
                messages_refused_since=to_paris(r.contact_opt_out_at).date()
                if r.contact_opt_out and r.contact_opt_out_at else None,
                messages_refused_by=r.opt_out_by_name if r.contact_opt_out else None,
            )
            for r in result
        )
        return WorklistPage(rows, total, offset, query, filters, sort, descending)
