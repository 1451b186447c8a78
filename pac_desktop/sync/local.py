"""The local side of the sync: outbox → mutations, and push answers and pulled pages → local rows.

Every pulled page is applied together with the new cursor in ONE local transaction, and every push answer in
one transaction that also removes the acknowledged outbox entries (SYNC.md §3, §4). Rows coming from the
server are written with ``APPLYING_REMOTE`` (no outbox entry) and *rebased*: the server's state overlaid with
this device's still-pending edits, which are never clobbered. Foreign keys are not enforced while a page is
applied: the feed is ordered by seq, not by parentage, and a parent may arrive a page later.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Date, DateTime, Enum, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, StatementError

from pac_desktop.domain.consent import CONTENT_ENTITIES, JOINT_INTAKE_CONTENT_FIELDS
from pac_desktop.storage.base import Base, CaseScoped, CompactId, Synced, utcnow
from pac_desktop.storage.case_rows import of_case, of_cases
from pac_desktop.storage.changes import SYNC_SOURCE, note_changes
from pac_desktop.storage.id_lists import among, id_list
from pac_desktop.storage.models import (
    MODELS_BY_ENTITY,
    AckedMutation,
    DeadLetter,
    LocalSetting,
    OutboxEntry,
    QuarantinedRow,
    SyncConflict,
    SyncDevice,
    SyncState,
)
from pac_desktop.storage.outbox import APPLYING_REMOTE, SCHEMA_VERSION, LocalSession, Signer, sign_entry, snapshot
from pac_desktop.storage.scrub import SCRUB_DONE_KEY, scrub_tombstones
from pac_desktop.storage.store import OpenedStore, release_free_pages

from . import wire
from .codec import codec_for
from .consent_hold import kept_here, kept_since, shareable_entries, unshared_cases
from .wire import CASE_ROOT, CONFLICT_ENTITY, ChangeOp, Mutation, MutationResult, ResultStatus

log = logging.getLogger(__name__)

OUTBOX = OutboxEntry.__table__
REPLAY_KEY = "sync_replay_archive"
#: Set while a pull from cursor 0 is under way (first sync, or a full resync), cleared when it reaches the end.
FULL_PULL_KEY = "sync_full_pull"
#: Set while a full resync ordered by the server (410, cursor below its tombstone horizon) is under way: at its end,
#: the rows it did not deliver again are those whose tombstone the server has purged (SYNC.md §8).
RESYNC_SWEEP_KEY = "sync_resync_sweep"
ARCHIVE_DAYS = 30
_CHUNK = 500
#: SQLite's default: the WAL is copied back to the file once it holds this many pages.
WAL_AUTOCHECKPOINT = 1000
#: How long the checkpoint at the end of a pull waits for readers (it then copies what it can).
CHECKPOINT_WAIT_MS = 200
_ABSENT = object()


@dataclass(slots=True)
class Incoming:
    """A record state from the server: a pulled change or the record a push answer carries. (A
    :class:`wire.PulledChange` has the same attributes and is applied as it is.)"""

    entity: str
    id: str
    case_id: str | None
    op: ChangeOp
    version: int
    seq: int
    data: dict[str, Any] | None
    meta: wire.RecordMeta | wire.PulledMeta = field(default_factory=wire.RecordMeta)

    @classmethod
    def from_state(cls, s: wire.RecordState) -> Incoming:
        op = ChangeOp.DELETE if s.deleted else ChangeOp.PUT
        return cls(s.entity, s.id, s.case_id, op, s.version, s.seq, s.data, s.meta)

    @classmethod
    def from_change(cls, c: wire.Change) -> Incoming:
        return cls(c.entity, c.id, c.case_id, c.op, c.version, c.seq, c.data, c.meta)


@dataclass
class ApplyCounts:
    applied: int = 0
    stale: int = 0
    evicted: int = 0
    skipped: int = 0
    scope_lost: int = 0
    #: Rows tombstoned at the end of a full resync: the server no longer holds them (purged tombstones).
    purged: int = 0
    #: Rows this device could not store, set aside with their reason (issue 12).
    quarantined: int = 0
    #: Content the server removed after a consent withdrawal recorded here, kept on this computer (issue 13).
    kept: int = 0


@dataclass
class PushCounts:
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    replayed: int = 0


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


class LocalReplica:
    """This device's store, as the sync engine sees it."""

    def __init__(self, store: OpenedStore) -> None:
        self.store = store
        #: The wire JSON of the mutations of the batches made lately, by mutation id (see payload()).
        self._payloads: dict[str, str] = {}

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def remote_write(self, *, page: bool = False) -> Iterator[LocalSession]:
        """A write transaction for rows from the server: no outbox, foreign keys checked later by the app.

        ``page``: a pulled page and its cursor, committed without waiting for the disk (``synchronous=NORMAL``;
        WAL keeps the store consistent): a power cut may lose the last pages applied, with their cursor, and the
        next cycle pulls them again. Nothing typed on this computer is written this way. The WAL is not
        checkpointed meanwhile (:meth:`checkpoint` at the end of the pull): index pages rewritten by every page
        are copied back to the file once."""
        with self.store.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction: it takes effect
            if page:
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA wal_autocheckpoint=0")
            try:
                session = self.store.session_factory(bind=conn)
                session.info[APPLYING_REMOTE] = True
                try:
                    with session.begin():
                        yield session
                finally:
                    session.close()
            finally:
                try:
                    raw.execute("PRAGMA foreign_keys=ON")
                    if page:
                        raw.execute("PRAGMA synchronous=FULL")
                        raw.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
                except BaseException:
                    conn.invalidate()  # never back in the pool with the pull's settings (a later typed change unflushed)
                    raise

    def checkpoint(self) -> None:
        """Copy the WAL back into the store once a pull has ended (its pages were written without checkpoints)
        and give its file back (it grew by the pull's pages). Readers are waited for a moment only: past that,
        what they still use is copied by the next checkpoint, and the file is truncated then."""
        raw = self.store.engine.raw_connection()
        try:
            db = raw.driver_connection  # outside a transaction (the connection is in autocommit mode)
            patience = db.execute("PRAGMA busy_timeout").fetchone()[0]
            db.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
            try:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                db.execute(f"PRAGMA busy_timeout={int(patience)}")
        finally:
            raw.close()

    @contextmanager
    def read(self) -> Iterator[LocalSession]:
        with self.store.read_session_factory.begin() as session:
            yield session

    # ------------------------------------------------------------------ state

    def device(self) -> SyncDevice | None:
        with self.read() as s:
            row = s.get(SyncDevice, 1)
            if row is not None:
                s.expunge(row)
            return row

    def cursor_and_epoch(self) -> tuple[int, str | None]:
        with self.read() as s:
            state = s.get(SyncState, 1)
            return (state.cursor, state.epoch) if state else (0, None)

    def setting(self, key: str) -> str | None:
        with self.read() as s:
            return s.scalar(select(LocalSetting.value).where(LocalSetting.key == key))

    def _set_setting(self, s: LocalSession, key: str, value: str | None) -> None:
        row = s.get(LocalSetting, key)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(LocalSetting(key=key, value=value))
        else:
            row.value = value

    def _state(self, s: LocalSession) -> SyncState:
        state = s.get(SyncState, 1)
        if state is None:
            state = SyncState(id=1, cursor=0)
            s.add(state)
            s.flush()
        return state

    def set_epoch(self, epoch: str) -> None:
        with self.remote_write() as s:
            self._state(s).epoch = epoch

    def begin_full_resync(self, *, epoch: str | None, server_restored: bool) -> None:
        """Start again from cursor 0, keeping the outbox. After a server restore, local versions no longer match
        the server's: they are reset so that every pulled row applies, and the archive is queued for replay.

        Otherwise (410: the server may have purged tombstones this device never read), every row the server had
        sent gets its ``seq`` negated: the full pull writes back the seq of each row it delivers, and the rows
        still negative at its end are those the server no longer holds (see :meth:`_finish_resync`). A negative
        seq still says "the server has acknowledged this row" (services.retention only tests it for NULL)."""
        with self.remote_write() as s:
            state = self._state(s)
            state.cursor = 0
            if epoch is not None:
                state.epoch = epoch
            conn = s.connection()
            if server_restored:
                for model in MODELS_BY_ENTITY.values():
                    table = model.__table__
                    conn.execute(update(table).where(table.c.version != 0).values(version=0))
                    # A restored server lost rows it had sent: the archive replay brings them back, never a sweep.
                    conn.execute(update(table).where(table.c.seq < 0).values(seq=-table.c.seq))
                self._set_setting(s, RESYNC_SWEEP_KEY, None)
                self._set_setting(s, REPLAY_KEY, "1")
                return
            for model in MODELS_BY_ENTITY.values():
                table = model.__table__
                conn.execute(update(table).where(table.c.seq > 0).values(seq=-table.c.seq))
            self._set_setting(s, RESYNC_SWEEP_KEY, "1")

    def _finish_resync(self, s: LocalSession) -> int:
        """The end of a full resync after a 410: the rows it did not deliver (seq still negative) had their
        tombstone purged by the server while this device lagged; they are tombstoned here too, without outbox
        entries, unless an edit of them still waits to be sent (the server will answer it). Returns how many."""
        if s.get(LocalSetting, RESYNC_SWEEP_KEY) is None:
            return 0
        conn = s.connection()
        now = utcnow()
        purged = 0
        kept = self._kept_after_withdrawal(s)
        for entity, model in MODELS_BY_ENTITY.items():
            table = model.__table__
            pending = select(OUTBOX.c.row_id).where(OUTBOX.c.entity == entity)
            swept = update(table).where(table.c.seq < 0, table.c.deleted_at.is_(None), table.c.id.not_in(pending))
            if entity in CONTENT_ENTITIES and kept:
                # Issue 13: the content a withdrawal recorded here removed from the server (its tombstones perhaps
                # purged since) is this computer's own copy, not a row the server lost.
                swept = swept.where(table.c.case_id.not_in(sorted(kept)))
            purged += conn.execute(swept.values(deleted_at=now, seq=-table.c.seq)).rowcount
            conn.execute(update(table).where(table.c.seq < 0).values(seq=-table.c.seq))
        self._set_setting(s, RESYNC_SWEEP_KEY, None)
        if purged:
            scrub_tombstones(conn)  # the rows the server no longer holds keep no content here either
            log.warning("sync: %d rows the server no longer holds were tombstoned after the full resync", purged)
        return purged

    @staticmethod
    def _kept_after_withdrawal(s: LocalSession) -> set[str]:
        """The youths whose content this computer keeps after a withdrawal recorded on it (consent not given)."""
        cases: set[str] = set()
        for entity in CONTENT_ENTITIES:
            table = MODELS_BY_ENTITY[entity].__table__
            cases |= set(s.connection().execute(
                select(table.c.case_id).where(table.c.seq < 0, table.c.deleted_at.is_(None)).distinct()).scalars())
        cases.discard(None)  # type: ignore[arg-type]
        if not cases:
            return set()
        kept = kept_here(s, cases)
        return kept & unshared_cases(s, kept) if kept else set()

    def scrub_once(self) -> None:
        """Once per store: blank the tombstones kept whole before deletions were blanked (storage.scrub). The cycle
        does it before its pull, while the first page is on its way (on a first sync the store is still empty)."""
        if self.setting(SCRUB_DONE_KEY) is not None:
            return
        with self.remote_write() as s:
            if s.get(LocalSetting, SCRUB_DONE_KEY) is None:
                scrub_tombstones(s.connection())
                self._set_setting(s, SCRUB_DONE_KEY, "1")

    def record_success(self) -> None:
        with self.remote_write() as s:
            state = self._state(s)
            state.last_ok_at = utcnow()
            state.last_error = None
            cutoff = utcnow() - timedelta(days=ARCHIVE_DAYS)
            s.execute(delete(AckedMutation).where(AckedMutation.acked_at < cutoff))
            device = s.get(SyncDevice, 1)
            if device is not None:
                device.last_attempt_at = utcnow()
        # Pages freed by the cycle (a scope lost, a full resync's sweep, the archive's old entries) go back to disk.
        release_free_pages(self.store.engine)

    def record_failure(self, message: str, *, blocked: str | None = None) -> None:
        with self.remote_write() as s:
            self._state(s).last_error = message
            device = s.get(SyncDevice, 1)
            if device is not None:
                device.last_attempt_at = utcnow()
                if blocked is not None:
                    device.blocked_reason = blocked
                    device.blocked_message = message

    def clear_block(self, reason: str) -> None:
        with self.remote_write() as s:
            device = s.get(SyncDevice, 1)
            if device is not None and device.blocked_reason == reason:
                device.blocked_reason = None
                device.blocked_message = None

    # ------------------------------------------------------------------ outbox → mutations

    def pending_count(self) -> int:
        with self.read() as s:
            return s.scalar(select(func.count()).select_from(OutboxEntry)) or 0

    def next_batch(self, *, max_mutations: int = wire.MAX_BATCH_MUTATIONS,
                   max_bytes: int = wire.MAX_BATCH_BYTES) -> list[Mutation]:
        """The oldest outbox entries, as wire mutations (≤ max_mutations and about ≤ max_bytes)."""
        with self.read() as s:
            entries = shareable_entries(s, limit=max_mutations)  # issue 13: content waits for the consent
            authors = self._authors(s, [e for e in entries if not e.made_by])
        batch: list[Mutation] = []
        broken: list[OutboxEntry] = []
        size = 0
        payloads: dict[str, str] = {}
        self._payloads = payloads
        for e in entries:
            try:
                # Who made the change; entries queued before outbox.made_by existed fall back to who last
                # changed the row.
                m = _mutation(e, e.made_by or authors.get((e.entity, e.row_id)))
            except ValidationError:
                broken.append(e)  # cannot travel (a bug wrote it): parked, visible, never blocking the queue
                continue
            payload = m.model_dump_json()
            size += len(payload)
            if batch and size > max_bytes:
                break
            batch.append(m)
            payloads[m.mutation_id] = payload
        if broken:
            with self.remote_write() as s:
                conn = s.connection()
                for e in broken:
                    self._park_entry(conn, e, wire.RejectReason.INVALID.value)
            if not batch:
                return self.next_batch(max_mutations=max_mutations, max_bytes=max_bytes)
        return batch

    def payload(self, m: Mutation) -> str:
        """``m`` as wire JSON: made once for a batch of next_batch (sized, sent, then archived)."""
        return self._payloads.get(m.mutation_id) or m.model_dump_json()

    def _authors(self, s: LocalSession, entries: list[OutboxEntry]) -> dict[tuple[str, str], str | None]:
        """Who last changed each row (audit metadata sent with the mutation; never used for ordering)."""
        wanted: dict[str, set[str]] = {}
        for e in entries:
            wanted.setdefault(e.entity, set()).add(e.row_id)
        out: dict[tuple[str, str], str | None] = {}
        for entity, ids in wanted.items():
            model = MODELS_BY_ENTITY.get(entity)
            if model is None:
                continue
            table = model.__table__
            for row_id, by in s.execute(select(table.c.id, table.c.updated_by).where(table.c.id.in_(list(ids)))):
                out[(entity, row_id)] = by
        return out

    def attempts(self, mutation_id: str) -> int:
        with self.read() as s:
            return s.scalar(select(OutboxEntry.attempts).where(OutboxEntry.mutation_id == mutation_id)) or 0

    def park_mutations(self, mutation_ids: list[str], reason: str) -> None:
        """Outbox entries the server refused for good → dead letters (visible, kept, never blocking the queue)."""
        with self.remote_write() as s:
            conn = s.connection()
            for e in s.scalars(select(OutboxEntry).where(OutboxEntry.mutation_id.in_(mutation_ids))).all():
                self._park_entry(conn, e, reason)

    def note_attempt(self, mutation_ids: list[str], error: str) -> None:
        with self.remote_write() as s:
            s.execute(update(OutboxEntry).where(OutboxEntry.mutation_id.in_(mutation_ids)).values(
                attempts=OutboxEntry.attempts + 1, last_error=error[:500]))

    def requeue_dead_letters(self, mutation_ids: list[str] | None, *, made_by: str | None,
                             signer: Signer | None) -> int:
        """Send parked changes again: each goes back to the end of the outbox as a new change (the server's
        ledger keeps its refusal under the old id), made and signed by ``made_by``, who chose to send it again
        (issue 12). ``mutation_ids`` None: every parked change not dismissed. Returns how many."""
        with self.store.session_factory.begin() as s:
            s.info[APPLYING_REMOTE] = True  # the outbox entries are written here, not derived from row changes
            stmt = select(DeadLetter).where(DeadLetter.dismissed_at.is_(None)).order_by(DeadLetter.parked_at,
                                                                                          DeadLetter.id)
            if mutation_ids is not None:
                stmt = stmt.where(DeadLetter.mutation_id.in_(mutation_ids))
            letters = list(s.scalars(stmt))
            for d in letters:
                entry = OutboxEntry(
                    entity=d.entity, row_id=d.row_id, case_id=d.case_id, op=d.op, fields=d.fields, base=d.base,
                    base_version=d.base_version, schema_version=d.schema_version, conflict_id=d.conflict_id,
                    made_by=made_by or d.made_by,
                )
                sign_entry(signer, entry)
                s.add(entry)
                s.delete(d)
            return len(letters)

    # ------------------------------------------------------------------ push answers

    def apply_push(self, mutations: list[Mutation], results: list[MutationResult], *, replay: bool = False
                   ) -> PushCounts:
        """One transaction: acknowledged entries leave the outbox (to the archive, or to the dead letters when
        rejected), conflicts are kept, and each returned record is rebased over what is still pending."""
        by_id = {m.mutation_id: m for m in mutations}
        counts = PushCounts()
        deleted: dict[str, set[str]] = {}  # acknowledged deletions, by entity: their content is no longer needed
        with self.remote_write() as s:
            conn = s.connection()
            items: list[Incoming] = []
            archived: list[dict[str, Any]] = []
            now = utcnow()
            waiting: set[str] = set()
            if not replay:  # the batch's entries still in the outbox leave it, in one statement each way
                listed = {"ids": id_list(by_id)}
                waiting = set(conn.execute(select(OUTBOX.c.mutation_id).where(among(OUTBOX.c.mutation_id)),
                                           listed).scalars())
                conn.execute(delete(OUTBOX).where(among(OUTBOX.c.mutation_id)), listed)
            for res in results:
                m = by_id.get(res.mutation_id)
                if m is None:
                    continue
                if not replay:
                    if m.mutation_id not in waiting:
                        continue  # already handled (should not happen: one cycle at a time)
                    waiting.discard(m.mutation_id)
                counts.replayed += int(res.replayed)
                if res.status is ResultStatus.REJECTED:
                    counts.rejected += 1
                    self._park(conn, m, res.reason or "rejected", now)
                else:
                    if m.op is wire.Op.DELETE and res.status is not ResultStatus.CONFLICT:
                        deleted.setdefault(m.entity, set()).add(m.id)
                    if not replay:
                        archived.append({"mutation_id": m.mutation_id, "payload": self.payload(m), "acked_at": now})
                    if res.status is ResultStatus.CONFLICT:
                        counts.conflicts += 1
                    elif res.status is ResultStatus.MERGED:
                        counts.merged += 1
                    else:
                        counts.applied += 1
                if res.conflict is not None:
                    self._upsert_conflict(conn, res.conflict)
                if res.record is not None:
                    items.append(Incoming.from_state(res.record))
            if archived:
                conn.execute(sqlite_insert(AckedMutation.__table__).on_conflict_do_nothing(), archived)
            self._apply_incoming(s, items)
            for entity, ids in deleted.items():
                if entity in MODELS_BY_ENTITY:
                    scrub_tombstones(conn, entity, ids)
        return counts

    def _park(self, conn: Any, m: Mutation, reason: str, now: datetime) -> None:
        conn.execute(sqlite_insert(DeadLetter.__table__).values(
            mutation_id=m.mutation_id, entity=m.entity, row_id=m.id, case_id=m.case_id, op=m.op.value,
            fields=_dump(m.fields), base=_dump(m.base), base_version=m.base_version,
            schema_version=m.schema_version, conflict_id=m.conflict_id, reason=reason,
            made_by=m.made_by, key_id=m.key_id, signature=m.signature,
            created_at=_parse_time(m.made_at) or now, parked_at=now,
        ).on_conflict_do_nothing())

    def _park_entry(self, conn: Any, e: Any, reason: str) -> None:
        """Move an outbox entry to the dead letters."""
        conn.execute(sqlite_insert(DeadLetter.__table__).values(
            mutation_id=e.mutation_id, entity=e.entity, row_id=e.row_id, case_id=e.case_id, op=e.op,
            fields=e.fields, base=e.base, base_version=e.base_version, schema_version=e.schema_version,
            conflict_id=e.conflict_id, reason=reason, made_by=e.made_by, key_id=e.key_id, signature=e.signature,
            created_at=e.created_at, parked_at=utcnow(),
        ).on_conflict_do_nothing())
        conn.execute(delete(OUTBOX).where(OUTBOX.c.mutation_id == e.mutation_id))

    # ------------------------------------------------------------------ archive replay (server restored)

    def replay_pending(self) -> bool:
        return self.setting(REPLAY_KEY) == "1"

    def archived_batch(self, after: str | None, limit: int) -> list[tuple[str, Mutation]]:
        """Archived mutations after the given (acked_at|mutation_id) key, oldest first."""
        with self.read() as s:
            stmt = select(AckedMutation).order_by(AckedMutation.acked_at, AckedMutation.mutation_id)
            rows = list(s.scalars(stmt))
        out: list[tuple[str, Mutation]] = []
        for row in rows:
            key = f"{row.acked_at.isoformat()}|{row.mutation_id}"
            if after is not None and key <= after:
                continue
            out.append((key, Mutation.model_validate_json(row.payload)))
            if len(out) >= limit:
                break
        return out

    def finish_replay(self) -> None:
        with self.remote_write() as s:
            self._set_setting(s, REPLAY_KEY, None)

    # ------------------------------------------------------------------ pull

    def apply_pull(self, page: wire.PulledPage | wire.PullResponse, *, cursor_before: int) -> ApplyCounts:
        """A pulled page and its cursor, in one transaction."""
        full = cursor_before == 0 and page.has_more
        if not page.changes and page.next_cursor == cursor_before and not full:
            if not page.has_more and (self.full_pull_in_progress() or self.setting(RESYNC_SWEEP_KEY)):
                with self.remote_write() as s:
                    self._set_setting(s, FULL_PULL_KEY, None)
                    return ApplyCounts(purged=self._finish_resync(s))
            return ApplyCounts()  # nothing new: no write at all (the empty cycle stays cheap)
        with self.remote_write(page=True) as s:
            state = self._state(s)
            if state.cursor != cursor_before:
                raise RuntimeError("sync cursor moved during a pull (two cycles at once?)")
            conn = s.connection()
            items: list[Incoming | wire.PulledChange] = []
            for change in page.changes:
                if change.entity == CONFLICT_ENTITY:
                    if change.op is ChangeOp.EVICT:
                        conn.execute(delete(SyncConflict).where(SyncConflict.conflict_id == change.id))
                    elif change.conflict is not None:
                        self._upsert_conflict(conn, change.conflict)
                    continue
                items.append(change if change.__class__ is wire.PulledChange else Incoming.from_change(change))
            counts = self._apply_incoming(s, items)
            state.cursor = page.next_cursor
            if full:
                self._set_setting(s, FULL_PULL_KEY, "1")
            elif not page.has_more:
                self._set_setting(s, FULL_PULL_KEY, None)
                counts.purged = self._finish_resync(s)
        return counts

    def full_pull_in_progress(self) -> bool:
        return self.setting(FULL_PULL_KEY) == "1"

    # ------------------------------------------------------------------ rebase

    def _apply_incoming(self, s: LocalSession, items: Iterable[Incoming | wire.PulledChange]) -> ApplyCounts:
        counts = ApplyCounts()
        conn = s.connection()
        latest: dict[str, dict[str, Incoming]] = {}
        for item in items:
            group = latest.setdefault(item.entity, {})
            prev = group.get(item.id)
            if prev is None or item.version >= prev.version or item.op is ChangeOp.EVICT:
                group[item.id] = item
        now = utcnow()
        quarantine_in_use = conn.execute(select(QuarantinedRow.id).limit(1)).first() is not None
        outbox_in_use = conn.execute(select(OUTBOX.c.ord).limit(1)).first() is not None  # else no edit to rebase over
        swept: set[str] = set()
        for entity, group in latest.items():
            withdrawn = _withdrawn_content(s, entity, group)  # issue 13
            keep = _kept_content(s, entity, group)
            codec = codec_for(entity)
            if codec is None:
                counts.skipped += len(group)
                log.warning("sync: %d rows of unknown entity %s skipped", len(group), entity)
                continue
            table = codec.table
            case_scoped = issubclass(codec.model, CaseScoped)
            keeps_origin = "origin_device" in table.c
            ids = list(group)
            # Open windows learn what the page brought (storage.changes: announced once the page commits).
            note_changes(s, table.name, ids, case_ids=[item.case_id for item in group.values()], source=SYNC_SOURCE)
            # The ids as one JSON parameter: one compiled statement whatever the page (storage.id_lists).
            listed = {"ids": id_list(ids)}
            # The rows already here, whole: an update writes only the columns whose value changes (a push
            # answer mostly brings back what this device sent), and each column written costs its indexes.
            stored = {row["id"]: row for row in conn.execute(
                select(table).where(among(table.c.id)), listed).mappings()}
            existing: dict[str, tuple[int, datetime | None]] = {
                rid: (row["version"], row["deleted_at"]) for rid, row in stored.items()}
            pending: dict[str, list[tuple[str, dict[str, Any]]]] = {}
            if outbox_in_use:
                for rid, op, fields in conn.execute(
                        select(OUTBOX.c.row_id, OUTBOX.c.op, OUTBOX.c.fields)
                        .where(OUTBOX.c.entity == entity, among(OUTBOX.c.row_id)).order_by(OUTBOX.c.ord), listed):
                    pending.setdefault(rid, []).append((op, json.loads(fields)))
            inserts: list[dict[str, Any]] = []
            updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}  # by column set: one executemany each
            if withdrawn - swept:
                self._drop_withdrawn_tombstones(conn, withdrawn - swept)
                swept |= withdrawn
            for rid, item in group.items():
                if item.case_id in withdrawn and item.op is ChangeOp.DELETE:
                    counts.applied += 1  # the consent was withdrawn: the shared copy goes, not only as a tombstone
                    conn.execute(delete(table).where(table.c.id == rid))
                    continue
                kept_from = keep.get(item.case_id or "")
                if kept_from is not None and item.seq > kept_from and item.op is ChangeOp.DELETE:
                    counts.kept += 1  # the withdrawal recorded here removed it from the server, not from here
                    continue
                if item.op is ChangeOp.EVICT:
                    counts.scope_lost += self._evict(conn, entity, rid)
                    counts.evicted += 1
                    continue
                local = existing.get(rid)
                if local is not None and local[0] > item.version:
                    counts.stale += 1
                    continue
                counts.applied += 1
                meta = {
                    "version": item.version,
                    "seq": item.seq,
                    "updated_at": _parse_time(item.meta.updated_at) or now,
                    "updated_by": item.meta.updated_by,
                }
                if keeps_origin:  # the consent only (migration 0024)
                    meta["origin_device"] = item.meta.origin_device
                if item.op is ChangeOp.DELETE:
                    if local is None:
                        continue  # never had it: nothing to tombstone
                    values = {"version": item.version, "seq": item.seq, "deleted_at": local[1] or meta["updated_at"]}
                    updates.setdefault(tuple(sorted(values)), []).append({**values, "_id": rid})
                    continue
                values, problem = codec.read(item.data or {})  # the field table's check, then the columns
                if problem is not None:
                    counts.applied -= 1
                    counts.quarantined += self._quarantine(conn, item, problem)
                    continue
                if kept_from is not None and item.seq > kept_from and local is not None:
                    # The intake's content, emptied on the server by the withdrawal, stays as typed here.
                    values = {k: v for k, v in values.items() if k not in JOINT_INTAKE_CONTENT_FIELDS}
                deleted_at = None
                for op, fields in pending.get(rid, ()):
                    if op == "delete":
                        deleted_at = (local[1] if local else None) or now
                    else:
                        values.update(codec.decode(fields))
                if local is None:
                    row = codec.filler_values()
                    row.update(values)
                    row.update(meta)
                    row["id"] = rid
                    row["deleted_at"] = deleted_at
                    if case_scoped and not row.get("case_id"):
                        row["case_id"] = item.case_id
                    inserts.append(row)
                else:
                    current = stored[rid]
                    row = {key: value for key, value in ((*values.items(), *meta.items(), ("deleted_at", deleted_at)))
                           if current.get(key, _ABSENT) != value}
                    if row:
                        updates.setdefault(tuple(sorted(row)), []).append({**row, "_id": rid})
            statements: list[tuple[Any, list[dict[str, Any]]]] = []
            for columns, rows in updates.items():
                stmt = update(table).where(table.c.id == bindparam("_id")).values(
                    {c: bindparam(c) for c in columns})
                statements.append((stmt, rows))
            if inserts:
                statements.append((_BulkInsert(table), inserts))
            refused = self._write(conn, statements, group)
            # The deletions applied keep their tombstone, not their content (storage.scrub).
            scrub_tombstones(conn, entity, [rid for rid, item in group.items() if item.op is ChangeOp.DELETE])
            counts.applied -= refused
            counts.quarantined += refused
            if quarantine_in_use:
                self._release_quarantine(conn, entity, [rid for rid in group if rid not in self._refused_ids])
        return counts

    def _drop_withdrawn_tombstones(self, conn: Any, cases: set[str]) -> None:
        """After a withdrawal, this computer's tombstones of the youth's content go too (they keep the deleted
        text): every content table, unless a change of the row still waits to be sent."""
        for name in sorted(CONTENT_ENTITIES):
            table = MODELS_BY_ENTITY[name].__table__
            waiting = select(OUTBOX.c.row_id).where(OUTBOX.c.entity == name)
            conn.execute(delete(table).where(of_cases(table), table.c.deleted_at.is_not(None),
                                             table.c.id.not_in(waiting)), {"ids": id_list(sorted(cases))})

    # ------------------------------------------------------------------ quarantine (issue 12)

    def _write(self, conn: Any, statements: list[tuple[Any, list[dict[str, Any]]]], group: dict[str, Incoming]
               ) -> int:
        """Run the page's statements of one entity at once; if the local store refuses one (a constraint), run
        them again row by row, each in its own savepoint, and set aside the rows refused. Returns how many."""
        self._refused_ids: set[str] = set()
        if not statements:
            return 0
        try:
            with conn.begin_nested():
                for stmt, rows in statements:
                    if isinstance(stmt, _BulkInsert):
                        stmt.run(conn, rows)
                    else:
                        conn.execute(stmt, rows)
            return 0
        except (DBAPIError, StatementError, _BulkRefused):
            pass
        for stmt, rows in statements:
            if isinstance(stmt, _BulkInsert):
                stmt = insert(stmt.table)  # row by row as SQLAlchemy Core writes it: the same checks, the same reasons
            for row in rows:
                rid = row.get("_id") or row.get("id")
                try:
                    with conn.begin_nested():
                        conn.execute(stmt, [row])
                except (DBAPIError, StatementError) as error:
                    self._refused_ids.add(rid)
                    self._quarantine(conn, group[rid], _store_refusal(error))
        return len(self._refused_ids)

    def _quarantine(self, conn: Any, item: Incoming, reason: str) -> int:
        """Set a pulled row aside with its reason (the latest version of it replaces an older one)."""
        log.warning("sync: a pulled %s row was set aside (%s)", item.entity, reason)
        table = QuarantinedRow.__table__
        values = dict(case_id=item.case_id, version=item.version, seq=item.seq, reason=reason,
                      payload=_dump(item.data), quarantined_at=utcnow())
        conn.execute(sqlite_insert(table).values(entity=item.entity, row_id=item.id, **values)
                     .on_conflict_do_update(index_elements=["entity", "row_id"], set_=values))
        return 1

    def _release_quarantine(self, conn: Any, entity: str, ids: list[str]) -> None:
        """Rows applied from a newer version leave the quarantine."""
        table = QuarantinedRow.__table__
        conn.execute(delete(table).where(table.c.entity == entity, among(table.c.row_id)), {"ids": id_list(ids)})

    def _evict(self, conn: Any, entity: str, row_id: str) -> int:
        """The row left this device's territories: drop it (its whole file for a youth); park its pending edits."""
        if entity == CASE_ROOT:
            condition = OUTBOX.c.case_id == row_id
        else:
            condition = (OUTBOX.c.entity == entity) & (OUTBOX.c.row_id == row_id)
        lost = conn.execute(select(OUTBOX).where(condition)).all()
        for e in lost:
            self._park_entry(conn, e, wire.RejectReason.SCOPE_LOST.value)
        model = MODELS_BY_ENTITY[entity]
        if entity == CASE_ROOT:
            # Children before parents: an intake's rows are found through their intake (storage.case_rows).
            for table in reversed(Base.metadata.sorted_tables):
                other = MODELS_BY_ENTITY.get(table.name)
                if other is not None and issubclass(other, CaseScoped) and other is not model:
                    conn.execute(delete(table).where(of_case(table, row_id)))
        conn.execute(delete(model.__table__).where(model.__table__.c.id == row_id))
        if entity == CASE_ROOT:
            conn.execute(delete(SyncConflict).where(SyncConflict.case_id == row_id))
        return len(lost)

    # ------------------------------------------------------------------ conflicts

    def _upsert_conflict(self, conn: Any, c: wire.ConflictState) -> None:
        table = SyncConflict.__table__
        current = conn.execute(select(table.c.version, table.c.resolved_here).where(
            table.c.conflict_id == c.conflict_id)).first()
        values = dict(
            entity=c.entity, row_id=c.id, case_id=c.case_id, kind=c.kind.value,
            fields=_dump([f.model_dump() for f in c.fields]), mutation_id=c.mutation_id, device_id=c.device_id,
            mine_by=c.mine_by, mine_at=c.mine_at, theirs_by=c.theirs_by, theirs_at=c.theirs_at,
            theirs_device=c.theirs_device, previous_conflict_id=c.previous_conflict_id,
            created_at=_parse_time(c.created_at) or utcnow(), resolved_at=_parse_time(c.resolved_at),
            version=c.seq,
        )
        if current is None:
            conn.execute(insert(table).values(conflict_id=c.conflict_id, status=c.status, resolved_here=False,
                                              **values))
            return
        if current.version > c.seq:
            return
        # A resolution made here and not yet pushed stays resolved here.
        status = "resolved" if current.resolved_here or c.status == "resolved" else c.status
        conn.execute(update(table).where(table.c.conflict_id == c.conflict_id).values(status=status, **values))

    def record_resolution(
        self,
        conflict_id: str,
        *,
        values: dict[str, Any],
        delete_row: bool = False,
        actor: str | None = None,
        signer: Signer | None = None,
    ) -> None:
        """Resolve a conflict here: the chosen values go to the row and to the outbox as a "resolve" mutation
        whose base is the other value shown (SYNC.md §3); the server applies it like any edit."""
        with self.store.session_factory.begin() as s:
            s.info[APPLYING_REMOTE] = True  # this unit of work writes its own outbox entries (op resolve)
            conflict = s.get(SyncConflict, conflict_id)
            if conflict is None:
                raise LookupError(conflict_id)
            codec = codec_for(conflict.entity)
            shown = {f["field"]: f.get("theirs") for f in json.loads(conflict.fields)}
            row: Synced | None = s.get(codec.model, conflict.row_id) if codec else None
            fields = {k: v for k, v in values.items() if codec is not None and k in codec.fields}
            if row is not None and fields:
                for key, value in codec.decode(fields).items():
                    setattr(row, key, value)
                row.updated_at = utcnow()
                row.updated_by = actor
            resolution = OutboxEntry(
                entity=conflict.entity, row_id=conflict.row_id, case_id=conflict.case_id, op="resolve",
                fields=_dump(fields), base=_dump({k: shown.get(k) for k in fields}),
                base_version=row.version if row is not None else 0, schema_version=SCHEMA_VERSION,
                conflict_id=conflict_id, made_by=actor,
            )
            sign_entry(signer, resolution)  # issue 12: signed by the resolver, like any change
            s.add(resolution)
            if delete_row and row is not None and row.deleted_at is None:
                before = snapshot(row)
                row.deleted_at = utcnow()
                removal = OutboxEntry(
                    entity=conflict.entity, row_id=conflict.row_id, case_id=conflict.case_id, op="delete",
                    fields="{}", base=_dump(before), base_version=row.version, schema_version=SCHEMA_VERSION,
                    made_by=actor,
                )
                sign_entry(signer, removal)
                s.add(removal)
            conflict.status = "resolved"
            conflict.resolved_here = True
            conflict.resolved_at = utcnow()


class _BulkRefused(Exception):
    """A value of a page's inserts that a column's bind processor refused (SQLAlchemy would have raised
    StatementError): the rows are then written one by one through Core, which sets the culprit aside."""


#: Compiled INSERTs for the raw executemany, by (dialect, table, column keys in order): see _BulkInsert.
_INSERT_PLANS: dict[tuple[str, str, tuple[str, ...]], tuple[str, tuple[str, ...], tuple[Any, ...]] | None] = {}
#: Types whose bind processor gives one output for equal inputs (equal aware datetimes are one UTC instant): a
#: page's repeated values (its timestamps, dates, enum members, and the ids its rows refer to) are converted once.
_MEMO_TYPES = (DateTime, Date, Enum)


def _insert_plan(dialect: Any, table: Any, keys: tuple[str, ...]
                 ) -> tuple[str, tuple[str, ...], tuple[Any, ...]] | None:
    """The INSERT of ``keys`` compiled once (SQL text, parameter order, per-parameter bind processor and whether
    its values may be memoised), or None when SQLAlchemy would add values itself (Python-side defaults)."""
    cache_key = (dialect.name, table.name, keys)
    if cache_key in _INSERT_PLANS:
        return _INSERT_PLANS[cache_key]
    plan = None
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = tuple(compiled.positiontup or ())
    if not compiled.insert_prefetch and set(order) == set(keys) and len(order) == len(keys):
        processors = []
        for key in order:
            column_type = table.c[key].type
            processor = column_type.dialect_impl(dialect).bind_processor(dialect)
            memo = isinstance(column_type, _MEMO_TYPES) or isinstance(
                getattr(column_type, "impl_instance", None), _MEMO_TYPES) or (
                # the ids a page's rows share (their youth, territory, author); a row's own id is its own
                isinstance(column_type, CompactId) and not table.c[key].primary_key)
            processors.append(None if processor is None else (processor, memo))
        plan = (str(compiled), order, tuple(processors))
    _INSERT_PLANS[cache_key] = plan
    return plan


class _BulkInsert:
    """A page's new rows of one table through the DB-API cursor's executemany: tuples in the compiled INSERT's
    column order, each column's bind processor applied as SQLAlchemy Core applies it, without Core's per-row
    parameter handling. Rows of another shape, or a table with Python-side defaults, go through Core."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def run(self, conn: Any, rows: list[dict[str, Any]]) -> None:
        keys = tuple(rows[0])
        first = rows[0].keys()
        plan = _insert_plan(conn.dialect, self.table, keys) if all(r.keys() == first for r in rows) else None
        if plan is None:
            for i in range(0, len(rows), _CHUNK):
                conn.execute(insert(self.table), rows[i : i + _CHUNK])
            return
        sql, order, processors = plan
        columns: list[list[Any]] = []
        try:
            for key, processing in zip(order, processors, strict=True):
                values = [r[key] for r in rows]
                if processing is not None:
                    processor, memo = processing
                    if memo:
                        converted = {v: processor(v) for v in set(values)}
                        values = [converted[v] for v in values]
                    else:
                        values = [processor(v) for v in values]
                columns.append(values)
        except Exception as error:  # noqa: BLE001 - Core would have raised StatementError: row by row instead
            raise _BulkRefused(type(error).__name__) from error
        conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _withdrawn_content(s: LocalSession, entity: str, group: dict[str, Incoming]) -> set[str]:
    """The cases whose content deletes in ``group`` come from a withdrawn consent (issue 13): their rows are
    removed outright — except on the computer where the withdrawal was recorded, which keeps its copy."""
    if entity not in CONTENT_ENTITIES:
        return set()
    cases = {i.case_id for i in group.values() if i.op is ChangeOp.DELETE and i.case_id}
    if not cases:
        return set()
    return unshared_cases(s, cases) - kept_here(s, cases)


def _kept_content(s: LocalSession, entity: str, group: dict[str, Incoming]) -> dict[str, int]:
    """The cases of ``group`` whose content this computer keeps after a withdrawal recorded here, each with the
    server seq from which the server's changes to it are the withdrawal's (consent_hold.kept_since)."""
    if entity not in CONTENT_ENTITIES and entity != "joint_intake":
        return {}
    return kept_since(s, {i.case_id for i in group.values() if i.case_id})


def _store_refusal(error: Exception) -> str:
    """Why the local store refused a row, without its values (the driver's message names the constraint)."""
    orig = getattr(error, "orig", None)
    detail = str(orig).splitlines()[0][:200] if orig is not None else type(error).__name__
    return f"la base de cet ordinateur refuse cette fiche ({detail})"


def _mutation(e: OutboxEntry, author: str | None) -> Mutation:
    return Mutation(
        mutation_id=e.mutation_id,
        entity=e.entity,
        id=e.row_id,
        case_id=e.case_id,
        op=wire.Op(e.op),
        fields=json.loads(e.fields),
        base=json.loads(e.base),
        base_version=e.base_version,
        schema_version=e.schema_version,
        conflict_id=e.conflict_id,
        made_by=author,
        made_at=e.created_at.isoformat() if e.created_at else None,
        key_id=e.key_id,
        signature=e.signature,
    )
