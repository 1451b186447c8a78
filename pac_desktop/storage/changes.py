"""What each committed unit of work changed, announced to whoever listens.

Anki's operations return ``OpChanges`` and its main window tells every open window, which refreshes what it
shows (``qt/aqt/operations``). Here the unit of work is the place every write goes through (a save of the
GUI or of ``pac``, a page pulled by the sync, a purge), so the changes are gathered there:

- ORM writes are seen at each flush (new, modified and deleted rows, with their ids and their youth);
- ORM bulk statements (``session.execute(delete(Model)…)``) name their table, without ids;
- Core statements (the sync's pull) say what they wrote with :func:`note_changes`.

When the transaction commits, the store's :class:`ChangeFeed` calls its listeners with one
:class:`StoreChanges`, on the thread that committed (a GUI listener passes it on to the UI thread with a
queued signal). A rollback announces nothing. No value ever travels: tables, ids and youth ids only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from .outbox import LocalSession

log = logging.getLogger(__name__)

#: ``session.info`` key of the store's feed (set by the session factory).
CHANGE_FEED = "pac_change_feed"
_PENDING = "pac_pending_changes"
#: Tables whose rows belong to no youth's file but whose change a window may show (the youth row is its own).
_OWN_CASE = {"youth"}
#: The ``source`` of the rows the sync writes (pulled pages, push answers).
SYNC_SOURCE = "sync"
#: While a pull runs, its pages are announced together at most this often (see ChangeFeed.coalesced).
COALESCE_SECONDS = 0.5


@dataclass(frozen=True)
class StoreChanges:
    """What one committed unit of work changed: tables, row ids per table, the youths whose file changed."""

    ids: Mapping[str, frozenset[str]]
    case_ids: frozenset[str]
    #: A bulk statement changed rows of a youth's file without saying whose (a window of any file refreshes).
    unknown_cases: bool = False
    #: ``"local"`` for this computer's own writes, ``"sync"`` for rows pulled from the server.
    source: str = "local"

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(self.ids)

    def touches(self, *entities: str) -> bool:
        return any(e in self.ids for e in entities)

    def ids_of(self, entity: str) -> frozenset[str]:
        return self.ids.get(entity, frozenset())

    def touches_case(self, youth_id: str) -> bool:
        """Something of this youth's file changed (or may have: a bulk statement)."""
        return youth_id in self.case_ids or self.unknown_cases

    def merged(self, later: StoreChanges) -> StoreChanges:
        """What this unit of work and a later one changed together."""
        ids = {entity: self.ids.get(entity, frozenset()) | later.ids.get(entity, frozenset())
               for entity in {*self.ids, *later.ids}}
        return replace(self, ids=ids, case_ids=self.case_ids | later.case_ids,
                       unknown_cases=self.unknown_cases or later.unknown_cases)


Listener = Callable[[StoreChanges], None]


@dataclass
class ChangeFeed:
    """The listeners of one store; ``announce`` is called after each commit that changed something."""

    _listeners: list[Listener] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: The sources whose announcements are being coalesced (see coalesced()).
    _coalescing: dict[str, _Coalescing] = field(default_factory=dict)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after each commit; returns the function that stops it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    @contextmanager
    def coalesced(self, source: str, every: float = COALESCE_SECONDS) -> Iterator[None]:
        """While this runs, the commits of ``source`` (a pull's pages) are announced together: at most once every
        ``every`` seconds, and what is left when it ends. A window then reloads a few times during a first sync of
        thousands of rows, not after each page. Other writes (a save of the user's) are announced at once."""
        with self._lock:
            state = self._coalescing.setdefault(source, _Coalescing(every))
            state.blocks += 1
        try:
            yield
        finally:
            left = None
            with self._lock:
                state.blocks -= 1
                if not state.blocks:
                    del self._coalescing[source]
                    left = state.held
            if left is not None:
                self._deliver(left)

    def announce(self, changes: StoreChanges) -> None:
        with self._lock:
            state = self._coalescing.get(changes.source)
            if state is not None:
                if state.held is not None:
                    changes = state.held.merged(changes)
                now = time.monotonic()
                if now - state.last < state.every:
                    state.held = changes
                    return
                state.held, state.last = None, now
        self._deliver(changes)

    def _deliver(self, changes: StoreChanges) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a window that fails to refresh never undoes nor breaks a committed write
                log.exception("a change listener failed")


@dataclass
class _Coalescing:
    every: float
    blocks: int = 0
    #: When this source was last announced, and what it changed since.
    last: float = float("-inf")
    held: StoreChanges | None = None


@dataclass
class _Pending:
    ids: dict[str, set[str]] = field(default_factory=dict)
    case_ids: set[str] = field(default_factory=set)
    unknown_cases: bool = False
    source: str = "local"

    def add(self, entity: str, ids: Iterable[str | None], case_ids: Iterable[str | None]) -> None:
        self.ids.setdefault(entity, set()).update(i for i in ids if i)
        self.case_ids.update(c for c in case_ids if c)


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = _Pending()
    return pending


def note_changes(
    session: Session, entity: str, ids: Iterable[str | None], *, case_ids: Iterable[str | None] = (),
    source: str | None = None,
) -> None:
    """Say what a Core statement of this unit of work wrote (announced at commit)."""
    pending = _pending(session)
    pending.add(entity, ids, case_ids)
    if source is not None:
        pending.source = source


def _case_of(row: Any, table: str, row_id: str | None) -> str | None:
    if table in _OWN_CASE:
        return row_id
    return getattr(row, "case_id", None) or getattr(row, "youth_id", None)


@event.listens_for(LocalSession, "after_flush")
def _gather(session: Session, _context: Any) -> None:
    if session.info.get(CHANGE_FEED) is None:
        return
    for rows in (session.new, session.dirty, session.deleted):
        for row in rows:
            table = getattr(type(row), "__tablename__", None)
            if table is None:
                continue
            row_id = getattr(row, "id", None)
            row_id = row_id if isinstance(row_id, str) else None
            _pending(session).add(table, [row_id], [_case_of(row, table, row_id)])


@event.listens_for(LocalSession, "do_orm_execute")
def _gather_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete) or state.session.info.get(CHANGE_FEED) is None:
        return
    mapper = state.bind_mapper
    table = getattr(mapper.class_, "__tablename__", None) if mapper is not None else None
    if table is None:
        return
    pending = _pending(state.session)
    pending.add(table, (), ())
    if hasattr(mapper.class_, "case_id") or table in _OWN_CASE:
        pending.unknown_cases = True


@event.listens_for(LocalSession, "after_commit")
def _announce(session: Session) -> None:
    pending: _Pending | None = session.info.pop(_PENDING, None)
    feed: ChangeFeed | None = session.info.get(CHANGE_FEED)
    if pending is None or feed is None or not pending.ids:
        return
    feed.announce(
        StoreChanges(
            ids={entity: frozenset(ids) for entity, ids in pending.ids.items()},
            case_ids=frozenset(pending.case_ids),
            unknown_cases=pending.unknown_cases,
            source=pending.source,
        )
    )


@event.listens_for(LocalSession, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
