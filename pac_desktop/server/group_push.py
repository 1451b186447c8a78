"""Pushes that arrive together are written together (issue 16): one write transaction, one clock lock, one COMMIT.

Every push takes the clock lock from its first statement to its COMMIT (SYNC.md §0: commit order is seq order).
With 50 devices pushing at once, pushes queue on that lock, and each one holds it for its own round trips to
the database and its own COMMIT (a disk flush). A worker process therefore gathers the pushes its threads
receive while another group holds the lock, and applies them as **one** group: the lock is taken once, the
records of every push of the group are read in a few statements and written at the end (core.push_many), and
one COMMIT makes them durable. Each device gets exactly the answer it would have had alone (the pushes are
applied one after the other, in arrival order, each seeing what the ones before it wrote). The ordering
guarantee is unchanged: the whole group is one transaction under the clock lock.

No thread is added: the first thread to arrive leads (runs the group it finds queued, its own push first), then
hands the lead to the thread of the next queued push, and returns its answer. Should the group fail (a database
error), each push of it is run again alone, so that only the one at fault gets an error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from pac_desktop.sync import wire

from .core import PushJob, push_many
from .db import write_transaction

#: A group holds at most this many mutations (a push has at most wire.MAX_PUSH): the clock lock is not held
#: for long by one group.
GROUP_MUTATIONS = 1000


@dataclass
class _Entry:
    job: PushJob
    done: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    finished: bool = False
    seq: int = 0
    error: BaseException | None = None


class PushGroups:
    """The pushes of one worker process, applied in groups (see the module's docstring)."""

    def __init__(self, engine: Engine, after_job: Callable[[Connection, PushJob], None],
                 *, group_mutations: int = GROUP_MUTATIONS) -> None:
        self._engine = engine
        self._after_job = after_job
        self._limit = group_mutations
        self._mutex = threading.Lock()
        self._queue: list[_Entry] = []
        self._leading = False
        #: Groups written and pushes in them (the bench reads them).
        self.groups = 0
        self.pushes = 0

    def push(self, job: PushJob) -> tuple[list[wire.MutationResult], int]:
        """Apply ``job`` (in a group) and return its results and the server's seq after the group's COMMIT."""
        entry = _Entry(job)
        with self._mutex:
            self._queue.append(entry)
            if not self._leading:
                self._leading = entry.lead = True
        while not entry.finished:
            if not entry.lead:
                entry.done.wait()
                entry.done.clear()
            if entry.lead and not entry.finished:
                self._lead(entry)
        if entry.error is not None:
            raise entry.error
        return entry.job.results, entry.seq

    def _lead(self, me: _Entry) -> None:
        with self._mutex:
            group = self._take(me)
        try:
            self._run(group)
        finally:
            with self._mutex:
                me.lead = False
                if self._queue:
                    following = self._queue[0]
                    following.lead = True
                    following.done.set()
                else:
                    self._leading = False

    def _take(self, me: _Entry) -> list[_Entry]:
        """The leader's push first, then those queued in arrival order, up to the group's size."""
        self._queue.remove(me)
        group, size = [me], len(me.job.mutations)
        while self._queue and size + len(self._queue[0].job.mutations) <= self._limit:
            entry = self._queue.pop(0)
            group.append(entry)
            size += len(entry.job.mutations)
        return group

    def _run(self, group: list[_Entry]) -> None:
        try:
            seq = self._write([e.job for e in group])
        except Exception:  # noqa: BLE001 - each push again alone: only the one at fault answers an error
            if len(group) == 1:
                self._finish(group[0], error=_current_error())
                return
            for entry in group:
                try:
                    seq = self._write([entry.job])
                except Exception:  # noqa: BLE001
                    self._finish(entry, error=_current_error())
                else:
                    self._finish(entry, seq=seq)
            return
        self.groups += 1
        self.pushes += len(group)
        for entry in group:
            self._finish(entry, seq=seq)

    def _write(self, jobs: list[PushJob]) -> int:
        # The clock lock is the batch's first statement (records.Batch), not one of its own before it.
        with write_transaction(self._engine, lock_clock=False) as conn:
            return push_many(conn, jobs, after_job=lambda job: self._after_job(conn, job))

    @staticmethod
    def _finish(entry: _Entry, *, seq: int = 0, error: BaseException | None = None) -> None:
        entry.seq, entry.error, entry.finished = seq, error, True
        entry.done.set()


def _current_error() -> BaseException:
    import sys

    error = sys.exc_info()[1]
    assert error is not None
    return error


__all__ = ["GROUP_MUTATIONS", "PushGroups"]

