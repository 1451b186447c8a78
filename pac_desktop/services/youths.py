"""Finding youths: the "Jeunes" list, searched as you type, filtered and sorted in SQL (issue 4).

Search runs on the normalised columns the Youth model keeps (``first_name_key``, ``last_name_key``,
``town_key``: lowercase, accentless, punctuation as spaces) with prefix *range* conditions,
``key >= 'lea' AND key < 'lea' || U+10FFFF``, that SQLite answers from an index (``LIKE 'lea%'`` would not,
with its default case-insensitive rules). Migrations 0003 and 0009 add expression indexes on each word of
each key up to the fourth and on the key without its spaces, so that "luc" finds "Jean-Luc", "dupont" finds
« O'Connor-Dupont » and "ndiaye" finds « N'Diaye » through an index too (storage/youth_search.py, shared
with the duplicate finder). The query planner answers one word with a ``MULTI-INDEX OR`` over those index
ranges (see tests/services/test_youths_search.py and bench/).

A search runs two or three short statements. The matches are read from the indexes up to COUNT_CAP + 1 (a
one-letter search over 100,000 youths says "plus de 2 000" instead of counting them all); of several words, only
the longest goes through the indexes, the others are tested on what it finds (SQLite cannot tell a range's size).
When they are few (≤ FEW_MATCHES) and the list is sorted by name, the page is sorted and cut from them; otherwise
its ids are read in order — by walking the territory's youths by name (``ix_youth_territory_name``), or the list
in its sort order, with the same tests written so that no index answers them, which stops at the end of the page.
Then the light details of those ids alone. Measured in bench/section_search.py.

Why not FTS5: SQLite 3.40's trigram tokenizer cannot drop accents (remove_diacritics came in 3.45), a prefix
index on contentless tables keys on rowids that VACUUM may renumber (the youth table's key is a text UUID),
and the plain indexes above answer a prefix in a few milliseconds on 100,000 rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, bindparam, case, func, literal_column, select, type_coerce

from pac_desktop.domain.eligibility import age_on
from pac_desktop.domain.enums import CONTACT_KINDS, OutcomeMilestone, YouthStatus
from pac_desktop.domain.text import normalise
from pac_desktop.domain.training_obligation import ObligationSituation, under_obligation
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import id_from_store
from pac_desktop.storage.models import (
    FollowUpEvent,
    Outcome,
    ReferentAssignment,
    Staff,
    Territory,
    TrainingObligation,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession
from pac_desktop.storage.youth_search import ALL_KEYS, key_condition, unindexed

from .access import AccessGuard, territory_choices
from .choices import StaffChoice
from .context import Actor, ServiceContext

#: Outcomes due within this many days count as due (overdue ones always do); the home page uses the same.
OUTCOME_HORIZON_DAYS = 14
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
#: Counts stop there (the list says "plus de 2 000 jeunes"; it still loads further pages as it scrolls):
#: counting 2,001 matches costs ~3 ms on 100,000 youths, 10,001 up to ~75 ms (bench, encrypted store).
COUNT_CAP = 2_000
#: Up to this many matches, the page is sorted from the index lookups; beyond, the list is walked in order.
FEW_MATCHES = 2_000
#: A search asked with ``count=False`` (the list, as it is typed) reads at most this many matches with the page:
#: beyond, it says "more than 500" and walks the list, and the exact count is asked for apart (:meth:`count`).
#: Gathering 2,001 matches of one or two letters took 20–50 ms of a keystroke (stop 27).
QUICK_MATCHES = 500



class YouthSort(StrEnum):
    """The sortable columns of the list."""

    NAME = "name"
    BIRTH_DATE = "birth_date"
    AGE = "age"
    TOWN = "town"
    TERRITORY = "territory"
    REFERENT = "referent"
    STATUS = "status"
    LAST_CONTACT = "last_contact"
    NEXT_OUTCOME = "next_outcome"


@dataclass(frozen=True)
class YouthFilters:
    """What the list shows. By default "mes jeunes": the youths the actor follows now as referent.

    ``referent_id`` (a staff id) wins over ``mine``; ``mine=False`` without a referent shows every youth.
    ``no_contact_days``: youths without a contact (interview, call, message, home visit) for more than that
    many days; a youth never contacted counts from the start of their current referent's follow-up.
    """

    mine: bool = True
    referent_id: str | None = None
    territory_id: str | None = None
    statuses: frozenset[YouthStatus] = frozenset()
    outcome_due: bool = False
    no_contact_days: int | None = None


ALL_YOUTHS = YouthFilters(mine=False)


@dataclass(frozen=True, slots=True)
class YouthRow:
    """One line of the list: light values only."""

    id: str
    first_name: str
    last_name: str
    birth_date: date
    age: int | None
    town: str | None
    territory_name: str
    referent_id: str | None
    referent_name: str | None
    status: YouthStatus
    last_contact_on: date | None
    next_outcome_due_on: date | None
    next_outcome_milestone: OutcomeMilestone | None
    #: Issue 18 §5: a minor's training obligation situation as last recorded, and since when (None for an adult,
    #: or when nothing was recorded).
    obligation: ObligationSituation | None = None
    obligation_since: date | None = None

    @property
    def display_name(self) -> str:
        """ "MARTIN Léa": last name first, as lists of people are read in French offices."""
        return f"{self.last_name.upper()} {self.first_name}"


@dataclass(frozen=True)
class YouthPage:
    """One page of the list. ``total`` is exact up to COUNT_CAP; beyond, ``total_capped`` says "more than".
    ``count_pending``: the search stopped counting at QUICK_MATCHES (``count=False``); :meth:`YouthService.count`
    tells the rest."""

    rows: tuple[YouthRow, ...]
    total: int
    total_capped: bool
    offset: int
    query: str
    filters: YouthFilters
    sort: YouthSort
    descending: bool
    count_pending: bool = False

    @property
    def has_more(self) -> bool:
        """More rows after this page (beyond the capped count, as long as pages come back full)."""
        return self.offset + len(self.rows) < self.total or (self.total_capped and bool(self.rows))


# --------------------------------------------------------------------------------------------------
# Reading what was typed
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BirthDateTerm:
    """A birth date, whole or partial: day, month, and a year or the first digits of one."""

    day: int | None = None
    month: int | None = None
    year_prefix: str = ""

    def is_empty(self) -> bool:
        return self.day is None and self.month is None and not self.year_prefix

    @property
    def day_only(self) -> bool:
        """ "12" or "12/": a date being typed, not yet one — it does not filter (nobody looks for "born on a 12th",
        and it would read the whole table at each of a date's first keystrokes)."""
        return self.day is not None and self.month is None and not self.year_prefix


@dataclass(frozen=True, slots=True)
class SearchTerms:
    words: tuple[str, ...] = ()
    dates: tuple[BirthDateTerm, ...] = field(default=())

    def is_empty(self) -> bool:
        return not self.words and not self.dates


_DATE_SEPARATORS = re.compile(r"[/.\-]")
_DIGITS = re.compile(r"\d+", re.ASCII)


def _date_term(token: str) -> BirthDateTerm | None:
    """A birth date as typed: "12/03/2008", "12/03", "12/", "12-03-20", "2008", "12032008"; None if not one."""
    parts = _DATE_SEPARATORS.split(token)
    if not all(p == "" or _DIGITS.fullmatch(p) for p in parts) or not any(parts):
        return None
    if len(parts) == 1:
        digits = parts[0]
        if len(digits) == 8:  # 12032008
            return BirthDateTerm(day=int(digits[:2]), month=int(digits[2:4]), year_prefix=digits[4:])
        if len(digits) in (3, 4):  # a year being typed: 200, 2008
            return BirthDateTerm(year_prefix=digits)
        if len(digits) <= 2:  # a day being typed: 1, 12
            return BirthDateTerm(day=int(digits))
        return None
    if len(parts) > 3 or any(len(p) > 4 for p in parts):
        return None
    day_text, month_text = parts[0], parts[1]
    if len(parts[0]) == 4 and len(parts) == 3:  # 2008-03-12, ISO
        return BirthDateTerm(
            day=int(parts[2]) if parts[2] else None,
            month=int(parts[1]) if parts[1] else None,
            year_prefix=parts[0],
        )
    if len(day_text) > 2 or len(month_text) > 2:
        return None
    year_text = parts[2] if len(parts) == 3 else ""
    return BirthDateTerm(
        day=int(day_text) if day_text else None,
        # "12/0" is a month being typed: not yet a month.
        month=int(month_text) if month_text and int(month_text) != 0 else None,
        year_prefix=year_text,
    )


def parse_query(text: str) -> SearchTerms:
    """Split a search into name/town words and birth dates. Words are normalised like the keys."""
    words: list[str] = []
    dates: list[BirthDateTerm] = []
    for token in text.split():
        term = _date_term(token)
        if term is not None:
            if not term.is_empty():
                dates.append(term)
            continue
        key = normalise(token)
        if key:
            words.append(key)
    return SearchTerms(words=tuple(words), dates=tuple(dates))


# --------------------------------------------------------------------------------------------------
# SQL pieces
# --------------------------------------------------------------------------------------------------


def word_condition(word: str, *, indexed: bool = True) -> ColumnElement[bool]:
    """A word of the youth's first name, last name or town starts with ``word``, or the key without its spaces
    does (storage/youth_search.py: the one condition of the list and of the duplicate finder).

    ``indexed=False`` writes the same test so that no index answers it: for a word that matches thousands of
    youths, walking the list in its sort order and stopping at the page's end beats collecting every match
    from the indexes and sorting them.
    """
    return key_condition(word, keys=ALL_KEYS, indexed=indexed)


def _date_condition(term: BirthDateTerm, *, indexed: bool = True) -> ColumnElement[bool]:
    # Dates are stored as ISO text, YYYY-MM-DD.
    birth = Youth.birth_date if indexed else unindexed(Youth.birth_date)
    if term.day is not None and term.month is not None and len(term.year_prefix) == 4:
        try:
            return birth == date(int(term.year_prefix), term.month, term.day).isoformat()
        except ValueError:
            return literal_column("0") == literal_column("1")
    if term.day is None and term.month is None and len(term.year_prefix) == 4:
        year = int(term.year_prefix)
        if 1 <= year <= 9998:
            return and_(birth >= f"{year:04d}-01-01", birth <= f"{year:04d}-12-31")
    clauses: list[ColumnElement[bool]] = []
    if term.year_prefix:
        clauses.append(func.substr(Youth.birth_date, 1, len(term.year_prefix)) == term.year_prefix)
    if term.month is not None and term.day is not None:
        # "12/03": the birthday, answered by migration 0003's index on substr(birth_date, 6, 5).
        month_day = func.substr(birth, literal_column("6"), literal_column("5"))
        clauses.append(month_day == f"{term.month:02d}-{term.day:02d}")
    elif term.month is not None:
        clauses.append(func.substr(Youth.birth_date, 6, 2) == f"{term.month:02d}")
    elif term.day is not None:
        clauses.append(func.substr(Youth.birth_date, 9, 2) == f"{term.day:02d}")
    return and_(*clauses)


def _narrowness(term: str | BirthDateTerm) -> int:
    """How few youths a term is likely to match, as a count of typed characters: a word's letters (a one-letter
    word matches half the youths), a whole birth date more than any name, a birthday (1 day in 365) as three
    letters, a year or a month alone as one."""
    if isinstance(term, str):
        return len(term.replace(" ", ""))
    if term.day is not None and term.month is not None and len(term.year_prefix) == 4:
        return 100
    return 3 if term.day is not None and term.month is not None else 1


def search_conditions(terms: SearchTerms, *, indexed: bool = True) -> list[ColumnElement[bool]]:
    """What was typed, as conditions on Youth: each word (names, town) and each birth date (a day alone does not
    filter). The Jeunes list and the Repérage worklist search the same way.

    With ``indexed``, only the narrowest term is written for the indexes; the others are tested on the youths it
    finds. SQLite cannot tell a range's size without statistics: for « l union » it went through the indexes for
    "l" (half the youths) and tested "union" on each, 450 ms on 100,000 youths, where "union" finds them at once.
    """
    filtering: list[str | BirthDateTerm] = [*terms.words, *(d for d in terms.dates if not d.day_only)]
    narrowest = max(range(len(filtering)), key=lambda i: _narrowness(filtering[i]), default=None)

    def condition(i: int, term: str | BirthDateTerm) -> ColumnElement[bool]:
        through_index = indexed and i == narrowest
        if isinstance(term, str):
            return word_condition(term, indexed=through_index)
        return _date_condition(term, indexed=through_index)

    return [condition(i, term) for i, term in enumerate(filtering)]


def _open_assignment(*conditions: ColumnElement[bool]):
    return select(ReferentAssignment.staff_id).where(
        ReferentAssignment.youth_id == Youth.id,
        ReferentAssignment.ended_on.is_(None),
        ReferentAssignment.deleted_at.is_(None),
        *conditions,
    )


def current_referent_id() -> ColumnElement[str]:
    return _open_assignment().order_by(ReferentAssignment.started_on.desc()).limit(1).correlate(Youth).scalar_subquery()


def last_contact_on() -> ColumnElement[date]:
    return (
        select(func.max(FollowUpEvent.occurred_on))
        .where(
            FollowUpEvent.youth_id == Youth.id,
            FollowUpEvent.kind.in_(sorted(CONTACT_KINDS)),
            FollowUpEvent.deleted_at.is_(None),
        )
        .scalar_subquery()
    )


def next_outcome_due_on() -> ColumnElement[date]:
    # recorded_on unindexed: the youth's own rows (by youth_id), not every unrecorded outcome (ix_outcome_due).
    return (
        select(func.min(Outcome.due_on))
        .where(Outcome.youth_id == Youth.id, unindexed(Outcome.recorded_on).is_(None), Outcome.deleted_at.is_(None))
        .scalar_subquery()
    )


def outcome_due_condition(today: date) -> ColumnElement[bool]:
    """An outcome (3, 6, 12 months) not recorded yet, overdue or due within the horizon; exited youths have none."""
    limit = today + timedelta(days=OUTCOME_HORIZON_DAYS)
    # IN (…) rather than a correlated EXISTS: the outcomes due are found once (index ix_outcome_due), not per youth.
    return and_(
        Youth.status != YouthStatus.EXITED,
        Youth.id.in_(
            select(Outcome.youth_id).where(
                Outcome.recorded_on.is_(None),
                Outcome.deleted_at.is_(None),
                Outcome.milestone != OutcomeMilestone.EXIT,
                Outcome.due_on <= limit,
            )
        ),
    )


def no_contact_condition(today: date, days: int) -> ColumnElement[bool]:
    """Followed youths whose last contact — or, never contacted, the start of their current follow-up — is older
    than ``days`` (CaseFileService.to_do lists the same youths)."""
    cutoff = today - timedelta(days=days)
    # Two sets computed once each (IN / NOT IN), not two subqueries per youth.
    return and_(
        Youth.status == YouthStatus.FOLLOWED,
        Youth.id.in_(
            select(ReferentAssignment.youth_id).where(
                ReferentAssignment.ended_on.is_(None),
                ReferentAssignment.deleted_at.is_(None),
                ReferentAssignment.started_on < cutoff,
            )
        ),
        Youth.id.not_in(
            select(FollowUpEvent.youth_id).where(
                FollowUpEvent.kind.in_(sorted(CONTACT_KINDS)),
                FollowUpEvent.deleted_at.is_(None),
                FollowUpEvent.occurred_on >= cutoff,
            )
        ),
    )


def _status_order() -> ColumnElement[int]:
    ordered = sorted(YouthStatus, key=lambda s: normalise(s.label))
    return case({status.value: i for i, status in enumerate(ordered)}, value=Youth.status, else_=len(ordered))


def _sort_expression(sort: YouthSort) -> ColumnElement:
    if sort is YouthSort.NAME:
        return Youth.last_name_key
    if sort in (YouthSort.BIRTH_DATE, YouthSort.AGE):
        return Youth.birth_date
    if sort is YouthSort.TOWN:
        return Youth.town_key
    if sort is YouthSort.TERRITORY:
        return select(Territory.name).where(Territory.id == Youth.territory_id).scalar_subquery()
    if sort is YouthSort.REFERENT:
        return (
            select(Staff.last_name + " " + Staff.first_name).where(Staff.id == current_referent_id()).scalar_subquery()
        )
    if sort is YouthSort.STATUS:
        return _status_order()
    if sort is YouthSort.LAST_CONTACT:
        return last_contact_on()
    if sort is YouthSort.NEXT_OUTCOME:
        return next_outcome_due_on()
    raise ValueError(sort)


def _order_by(sort: YouthSort, descending: bool) -> list:
    """The sort column, then the name and the id so that pages never overlap. Sorting by name keeps one direction
    throughout, so that SQLite can walk ix_youth_search (either way) instead of sorting every match."""
    if sort is YouthSort.NAME:
        keys = [Youth.last_name_key, Youth.first_name_key, Youth.id]
        return [k.desc() for k in keys] if descending else keys
    primary = _sort_expression(sort)
    primary = primary.desc() if descending != (sort is YouthSort.AGE) else primary.asc()
    return [primary, Youth.last_name_key, Youth.first_name_key, Youth.id]


def _where(
    terms: SearchTerms,
    filters: YouthFilters,
    *,
    actor: Actor | None,
    today: date,
    indexed: bool = True,
    walk_territory: bool = False,
) -> list:
    """The list's conditions. ``indexed``: the search's narrowest term through its indexes (few matches), else
    written so that no index answers it. ``walk_territory``: the territory through ``ix_youth_territory_name``,
    for a page read by walking a territory's youths by name."""
    clauses: list[ColumnElement[bool]] = [Youth.deleted_at.is_(None)]
    clauses += search_conditions(terms, indexed=indexed)
    referent = filters.referent_id or (actor.staff_id if filters.mine and actor is not None else None)
    if referent is not None:
        clauses.append(
            Youth.id.in_(
                select(ReferentAssignment.youth_id).where(
                    ReferentAssignment.staff_id == referent,
                    ReferentAssignment.ended_on.is_(None),
                    ReferentAssignment.deleted_at.is_(None),
                )
            )
        )
    if filters.territory_id:
        # Otherwise `+territory_id`, no index: a territory holds tens of thousands of youths. SQLite would read
        # them all and sort them, where the search's indexes (or the sort's) find a page at once.
        territory = Youth.territory_id if walk_territory else unindexed(Youth.territory_id)
        clauses.append(territory == filters.territory_id)
    if filters.statuses:
        clauses.append(Youth.status.in_(sorted(filters.statuses)))
    if filters.outcome_due:
        clauses.append(outcome_due_condition(today))
    if filters.no_contact_days is not None:
        clauses.append(no_contact_condition(today, filters.no_contact_days))
    return clauses


# --------------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------------



class YouthService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def _scoped(self, by: Actor | None, filters: YouthFilters) -> YouthFilters:
        if self._guard is None:
            return filters
        own_only = filters.referent_id == (by.staff_id if by else None) or (filters.mine and filters.referent_id is None)
        if by is not None and own_only:
            return filters  # the youths they follow, wherever they live
        territory_id = filters.territory_id or (by.territory_id if by else None)
        self._guard.require(by, Action.CASE_VIEW, territory_id=territory_id, entity="youth")
        return replace(filters, territory_id=territory_id)

    def search(
        self,
        *,
        by: Actor | None,
        query: str = "",
        filters: YouthFilters | None = None,
        sort: YouthSort = YouthSort.NAME,
        descending: bool = False,
        offset: int = 0,
        limit: int = DEFAULT_PAGE_SIZE,
        count: bool = True,
    ) -> YouthPage:
        """One page of the youths matching ``query`` (names, towns, birth dates) and ``filters``, and their count.

        Without ``filters``: the actor's own youths ("mes jeunes"). Beyond their own youths, counsellors and
        referents see their territory's (issue 7 §3): another territory is refused, none means theirs.
        ``count=False``: a search by name stops counting at QUICK_MATCHES (``count_pending``; see :meth:`count`).
        """
        filters = self._scoped(by, filters if filters is not None else YouthFilters())
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        offset = max(0, offset)
        today = self._ctx.today()
        terms = parse_query(query)
        where = _where(terms, filters, actor=by, today=today)
        order = _order_by(sort, descending)
        with self._ctx.read() as session:
            cap = COUNT_CAP
            if sort is YouthSort.NAME and not terms.is_empty():
                cap = COUNT_CAP if count else QUICK_MATCHES
                matches, ids = _few_by_name(session, where, descending=descending, offset=offset, limit=limit,
                                            cap=cap)
            else:
                matches, ids = _count(session, where), None
            if ids is None:
                if terms.is_empty() or matches > min(cap, FEW_MATCHES):
                    # Many matches: walk the list in its sort order and stop at the end of the page; by name, walk
                    # the territory's own youths.
                    where = _where(terms, filters, actor=by, today=today, indexed=False,
                                   walk_territory=sort is YouthSort.NAME)
                ids = list(session.scalars(select(Youth.id).where(*where).order_by(*order).offset(offset).limit(limit)))
            rows = _rows_for(session, ids, today=today)
        return YouthPage(
            rows=tuple(rows),
            total=min(matches, cap),
            total_capped=matches > cap,
            offset=offset,
            query=query,
            filters=filters,
            sort=sort,
            descending=descending,
            count_pending=cap < COUNT_CAP and matches > cap,
        )

    def count(self, *, by: Actor | None, query: str = "", filters: YouthFilters | None = None) -> tuple[int, bool]:
        """(matches up to COUNT_CAP, more than that): the count a search with ``count=False`` left pending."""
        filters = self._scoped(by, filters if filters is not None else YouthFilters())
        where = _where(parse_query(query), filters, actor=by, today=self._ctx.today())
        with self._ctx.read() as session:
            matches = _count(session, where)
        return min(matches, COUNT_CAP), matches > COUNT_CAP

    def rows(self, *, ids: Sequence[str]) -> list[YouthRow]:
        """The list lines of these youths, in the order given (ids that do not exist are left out)."""
        with self._ctx.read() as session:
            return _rows_for(session, list(ids), today=self._ctx.today())

    def territories(self, *, by: Actor | None) -> list[tuple[str, str]]:
        """(id, name) of the territories whose youths ``by`` may list: the list's territory filter. A counsellor or
        a referent sees their own (issue 7 §3): offering the others only led to a refusal."""
        return territory_choices(self._ctx, self._guard, by, Action.CASE_VIEW)

    def referents(self) -> list[StaffChoice]:
        """Staff members who follow at least one youth now, for the list's referent filter."""
        with self._ctx.read() as session:
            rows = session.execute(
                select(Staff.id, Staff.first_name, Staff.last_name)
                .where(
                    Staff.id.in_(
                        select(ReferentAssignment.staff_id).where(
                            ReferentAssignment.ended_on.is_(None), ReferentAssignment.deleted_at.is_(None)
                        )
                    )
                )
                .order_by(Staff.last_name, Staff.first_name)
            ).all()
        return [StaffChoice(sid, f"{first} {last}") for sid, first, last in rows]


def _count(session: LocalSession, where: list) -> int:
    """The matches, counted from the indexes up to COUNT_CAP + 1: SQLite stops there, so a one-letter search over
    100,000 youths does not count them all ("plus de 2 000")."""
    capped = select(Youth.id).where(*where).limit(COUNT_CAP + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def _few_by_name(
    session: LocalSession, where: list, *, descending: bool, offset: int, limit: int, cap: int = COUNT_CAP
) -> tuple[int, list[str] | None]:
    """The matches counted as :func:`_count` does (up to ``cap`` + 1), and when they are few (≤ FEW_MATCHES and
    ≤ ``cap``) the page's ids in name order, sorted here from what the count read: counting them, then reading them
    again sorted, went through the indexes twice. None for the ids when they are many."""
    # The id as stored (a 16-byte blob, or text): only the page's ids are turned into text, not 2,001 of them.
    stored_id = type_coerce(Youth.id, String)
    found = session.execute(
        select(stored_id, Youth.last_name_key, Youth.first_name_key).where(*where).limit(cap + 1)
    ).all()
    if len(found) > min(cap, FEW_MATCHES):
        return len(found), None
    # The order of _order_by(YouthSort.NAME): the keys, then the id as SQLite compares it (text before blob).
    found.sort(key=lambda r: (r[1], r[2], isinstance(r[0], bytes), r[0]), reverse=descending)
    return len(found), [id_from_store(r[0]) for r in found[offset : offset + limit]]


@functools.cache
def _row_statements() -> tuple[Select[Any], ...]:
    """The four reads of a page of rows, for ``:ids``: built once, not at every keystroke (a page of 100 rows,
    warm: 5.8–6.6 → 4.8–5.6 ms)."""
    ids = bindparam("ids", expanding=True)
    details = (
        select(
            Youth.id,
            Youth.first_name,
            Youth.last_name,
            Youth.birth_date,
            Youth.town,
            Territory.name,
            current_referent_id().label("referent_id"),
            Youth.status,
            last_contact_on().label("last_contact"),
        )
        .join(Territory, Territory.id == Youth.territory_id)
        .where(Youth.id.in_(ids))
    )
    staff = select(Staff.id, Staff.first_name, Staff.last_name).where(Staff.id.in_(bindparam("staff_ids", expanding=True)))
    outcomes = select(Outcome.youth_id, Outcome.due_on, Outcome.milestone, Outcome.recorded_on,
                      Outcome.deleted_at).where(Outcome.youth_id.in_(ids))
    obligations = select(TrainingObligation.youth_id, TrainingObligation.recorded_at, TrainingObligation.situation,
                         TrainingObligation.since).where(TrainingObligation.youth_id.in_(ids),
                                                         TrainingObligation.deleted_at.is_(None))
    return details, staff, outcomes, obligations


def _rows_for(session: LocalSession, ids: list[str], *, today: date) -> list[YouthRow]:
    if not ids:
        return []
    details_of, staff_of, outcomes_of, obligations_of = _row_statements()
    details = session.execute(details_of, {"ids": ids}).all()
    staff_ids = {r.referent_id for r in details if r.referent_id}
    names = dict(
        (sid, f"{first} {last}")
        for sid, first, last in session.execute(staff_of, {"staff_ids": list(staff_ids)})
    )
    next_due: dict[str, tuple[date, OutcomeMilestone]] = {}
    # Filtered here, not in SQL: with "recorded_on IS NULL" in the query, SQLite prefers ix_outcome_due and reads
    # every outcome not yet recorded (measured: 230 ms on 100,000 youths) instead of these youths' few rows.
    for youth_id, due_on, milestone, recorded_on, deleted_at in session.execute(outcomes_of, {"ids": ids}):
        if recorded_on is not None or deleted_at is not None:
            continue
        if youth_id not in next_due or due_on < next_due[youth_id][0]:
            next_due[youth_id] = (due_on, milestone)
    obligations: dict[str, tuple[datetime, ObligationSituation, date]] = {}
    for youth_id, recorded_at, situation, since in session.execute(obligations_of, {"ids": ids}):
        if youth_id not in obligations or recorded_at > obligations[youth_id][0]:
            obligations[youth_id] = (recorded_at, situation, since)
    by_id: dict[str, YouthRow] = {}
    for r in details:
        obligation = obligations.get(r.id) if under_obligation(r.birth_date, today) else None
        due = next_due.get(r.id) if r.status is not YouthStatus.EXITED else None
        by_id[r.id] = YouthRow(
            id=r.id,
            first_name=r.first_name,
            last_name=r.last_name,
            birth_date=r.birth_date,
            age=age_on(r.birth_date, today) if r.birth_date <= today else None,
            town=r.town,
            territory_name=r[5],
            referent_id=r.referent_id,
            referent_name=names.get(r.referent_id) if r.referent_id else None,
            status=r.status,
            last_contact_on=r.last_contact,
            next_outcome_due_on=due[0] if due else None,
            next_outcome_milestone=due[1] if due else None,
            obligation=obligation[1] if obligation else None,
            obligation_since=obligation[2] if obligation else None,
        )
    return [by_id[i] for i in ids if i in by_id]
