"""The sync cycle (SYNC.md §5): hello → push until the outbox is empty → pull until nothing more → status.

One cycle at a time per store (a lock file beside it). Every step commits what it got before the next request,
so an interrupted cycle (network, crash, cancel) resumes where it stopped and never loses or repeats a change.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.changes import SYNC_SOURCE
from pac_desktop.storage.outbox import SCHEMA_VERSION

from . import wire
from .errors import (
    AccessExpired,
    CursorTooOld,
    DeviceRevoked,
    NotEnrolled,
    RequestRefused,
    ServerFailed,
    ServerProtocolError,
    ServerUnreachable,
    SyncBusy,
    SyncCancelled,
    SyncError,
    UnexpectedSyncFailure,
    UpgradeRequired,
)
from .local import ApplyCounts, LocalReplica, PushCounts
from .transport import HttpTransport, RetryPolicy

log = logging.getLogger(__name__)

UPGRADE_MESSAGE = (
    "Cette version de PAC Desktop est trop ancienne pour se synchroniser avec le serveur. Vos modifications "
    "sont conservées sur cet ordinateur ; installez la nouvelle version de l'application, puis relancez la "
    "synchronisation."
)


@dataclass(frozen=True)
class SyncProgress:
    """Where a cycle stands. ``fraction`` is None when unknown."""

    phase: str  # "push" | "pull"
    done: int
    fraction: float | None
    message: str


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    replayed: int = 0
    pulled: int = 0
    evicted: int = 0
    scope_lost: int = 0
    #: Pulled rows this device could not store, set aside (issue 12).
    quarantined: int = 0
    full_resync: bool = False
    server_seq: int = 0
    started_at: datetime = field(default_factory=utcnow)
    finished_at: datetime | None = None


class TokenManager:
    """Short-lived access tokens, from the refresh token kept in the OS keyring (rotated on every use).

    Thread-safe: the sync asks for a page in the background while its cycle goes on, and the regional view
    makes requests of its own."""

    def __init__(self, transport: HttpTransport, secrets: SecretStore, device_id: str) -> None:
        self._transport = transport
        self._secrets = secrets
        self._device_id = device_id
        self._access: str | None = None
        self._expires = 0.0
        # A refresh token is spent on use: two threads renewing at once (the sync and a request of the regional
        # view, or a page asked for ahead) would present it twice, and the server revokes a device whose spent
        # token comes back.
        self._lock = threading.Lock()

    def invalidate(self, token: str | None = None) -> None:
        """Forget the access token (only if it is still ``token``: another thread may have renewed it)."""
        with self._lock:
            if token is None or token == self._access:
                self._access = None

    def access_token(self) -> str:
        with self._lock:
            return self._access_token()

    def _access_token(self) -> str:
        if self._access and time.monotonic() < self._expires - 60:
            return self._access
        refresh = self._secrets.get_refresh_token(self._device_id)
        if not refresh:
            raise NotEnrolled()
        try:
            answer = wire.TokenResponse.model_validate(self._transport.request(
                "POST", "/v1/token", json={"device_id": self._device_id, "refresh_token": refresh}))
        except AccessExpired:
            raise DeviceRevoked(
                "Le serveur ne reconnaît plus cet appareil (sa clé de synchronisation n'est plus valable). Vos "
                "données et vos modifications en attente restent sur cet ordinateur ; demandez un nouveau code "
                "d'inscription à l'administrateur."
            ) from None
        # Keep the new refresh token before using anything it came with: the old one is spent from now on.
        self._secrets.set_refresh_token(self._device_id, answer.refresh_token)
        self._access = answer.access_token
        self._expires = time.monotonic() + answer.expires_in
        return self._access


@contextmanager
def cycle_lock(path: Path) -> Iterator[None]:
    """One sync cycle at a time on this store, across processes (GUI and `pac sync`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")  # noqa: SIM115 - held for the duration of the cycle
    try:
        try:
            if os.name == "nt":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise SyncBusy() from None
        yield
    finally:
        handle.close()  # releases the lock


class EpochChanged(Exception):
    """The server's epoch changed between two pages (handled inside the cycle)."""


class SyncEngine:
    def __init__(
        self,
        replica: LocalReplica,
        transport: HttpTransport,
        tokens: TokenManager,
        *,
        page_size: int = wire.MAX_PAGE,
        batch_size: int = wire.MAX_BATCH_MUTATIONS,
    ) -> None:
        self.replica = replica
        self.transport = transport
        self.tokens = tokens
        self.page_size = page_size
        self.server_max_page = wire.MAX_PAGE  # what the server said in its hello (an older one allows fewer)
        self.batch_size = batch_size
        #: The batch the last push_once sent (read when it failed).
        self.last_batch: list[wire.Mutation] = []

    # ------------------------------------------------------------------ requests with a valid access token

    def call(self, method: str, path: str, *, retry: RetryPolicy | None = None, **kwargs) -> dict:  # noqa: ANN003
        """A request with the device's access token (renewed once if the server finds it expired)."""
        return self._call(method, path, retry=retry, **kwargs)

    def _call(self, method: str, path: str, *, retry: RetryPolicy | None = None, **kwargs) -> dict:  # noqa: ANN003
        for attempt in range(2):
            token = self.tokens.access_token()
            try:
                return self.transport.request(method, path, token=token, retry=retry, **kwargs)
            except AccessExpired:
                self.tokens.invalidate(token)
                if attempt:
                    raise ServerProtocolError(401) from None
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------ steps (also used one by one by tests)

    def hello(self) -> wire.HelloResponse:
        hello = wire.HelloResponse.model_validate(self.transport.request("GET", "/v1/sync/hello"))
        if wire.PROTOCOL_VERSION not in hello.protocols:
            raise UpgradeRequired(UPGRADE_MESSAGE)
        if SCHEMA_VERSION < hello.min_schema:
            raise UpgradeRequired(UPGRADE_MESSAGE)
        self.server_max_page = max(1, hello.limits.max_page)
        return hello

    def check_epoch(self, epoch: str) -> bool:
        """Start a full resync when the server was restored from a backup (its epoch changed). True if so."""
        _cursor, known = self.replica.cursor_and_epoch()
        if known is None:
            self.replica.set_epoch(epoch)
            return False
        if known == epoch:
            return False
        log.warning("sync: server epoch changed; full resync and replay of the archive")
        self.replica.begin_full_resync(epoch=epoch, server_restored=True)
        return True

    def push_once(self, *, batch_size: int | None = None, retry: RetryPolicy | None = None) -> PushCounts | None:
        """Push the oldest outbox entries once; None when the outbox is empty."""
        batch = self.replica.next_batch(max_mutations=batch_size or self.batch_size)
        self.last_batch = batch
        if not batch:
            return None
        try:
            answer = self._send(batch, retry=retry)
        except ServerUnreachable as error:
            self.replica.note_attempt([m.mutation_id for m in batch], str(error))
            raise
        return self.replica.apply_push(batch, answer.results)

    def _send(self, batch: list[wire.Mutation], *, retry: RetryPolicy | None = None) -> wire.PushResponse:
        """POST one batch: its body made of the mutations' JSON, the answer read straight from its bytes."""
        body = wire.push_body(str(uuid.uuid4()), [self.replica.payload(m) for m in batch])
        return self._call("POST", "/v1/sync/push", content=body, retry=retry, parse=wire.PushResponse.model_validate_json)

    def _park_if_refused(self, error: SyncError) -> PushCounts:
        """One change alone refused for good (400/413/422), or failing on the server every time it is sent (a
        500 each time, again and again): parked in the dead letters with its reason, so that the queue moves
        on. Anything else is raised: the next cycle tries again."""
        (m,) = self.last_batch
        if isinstance(error, RequestRefused):
            reason = str(error)
        elif isinstance(error, ServerFailed) and self.replica.attempts(m.mutation_id) >= PARK_AFTER_SERVER_FAILURES:
            reason = "server_error"
        else:
            raise error
        log.warning("sync: a change was parked after the server refused it (%s)", type(error).__name__)
        self.replica.park_mutations([m.mutation_id], reason)
        return PushCounts(rejected=1)

    def replay_archive(self) -> int:
        """After a server restore: send again every archived (acknowledged) mutation; the ledger keeps it
        exactly-once for those the restored server still knows."""
        after: str | None = None
        sent = 0
        while True:
            chunk = self.replica.archived_batch(after, self.batch_size)
            if not chunk:
                break
            batch = [m for _key, m in chunk]
            answer = self._send(batch)
            self.replica.apply_push(batch, answer.results, replay=True)
            sent += len(batch)
            after = chunk[-1][0]
        self.replica.finish_replay()
        return sent

    def pull_once(self, *, limit: int | None = None, retry: RetryPolicy | None = None):  # noqa: ANN201
        """Pull and apply one page; returns (page, counts)."""
        cursor, epoch = self.replica.cursor_and_epoch()
        page = self._fetch_page(cursor, full=self.replica.full_pull_in_progress(), limit=limit, retry=retry)
        return page, self._apply_page(page, cursor, epoch)

    def _fetch_page(self, cursor: int, *, full: bool, limit: int | None = None,
                    retry: RetryPolicy | None = None) -> wire.PulledPage:
        params = {"cursor": cursor, "limit": limit or min(self.page_size, self.server_max_page)}
        if cursor and full:
            params["full"] = 1  # reading the whole feed from 0: intermediate cursors may be below the horizon
        return self._call("GET", "/v1/sync/pull", params=params, retry=retry, parse=wire.read_pull)

    def _apply_page(self, page: wire.PulledPage, cursor: int, epoch: str | None) -> ApplyCounts:
        if epoch is not None and page.epoch != epoch:
            self.check_epoch(page.epoch)
            raise EpochChanged()
        if page.next_cursor < cursor:
            raise ServerProtocolError(200)
        return self.replica.apply_pull(page, cursor_before=cursor)

    def _ask(self, fetcher: ThreadPoolExecutor, cursor: int, full: bool) -> _Ahead:
        """Ask for the page at ``cursor`` in the background (its request, gunzip and decoding off this thread)."""
        return _Ahead(cursor, full, fetcher.submit(self._fetch_page, cursor, full=full))

    def _ask_first(self, fetcher: ThreadPoolExecutor) -> _Ahead:
        """The page the pull will start with, asked for at once (the cycle's other steps run meanwhile)."""
        cursor, _epoch = self.replica.cursor_and_epoch()
        return self._ask(fetcher, cursor, self.replica.full_pull_in_progress())

    def _pull_pages(self, fetcher: ThreadPoolExecutor, ahead: _Ahead | None = None
                    ) -> Iterator[tuple[wire.PulledPage, ApplyCounts]]:
        """Pull and apply pages until the feed is read; the next page is asked for while this one is applied.

        Pages are applied one at a time, in order, each with its cursor (SYNC.md §4): a page asked for ahead is
        used only if the store's cursor is still the one it was asked for, else it is dropped and asked again. At
        most one request of the pull is in flight, and none is left running when this ends.
        """
        try:
            while True:
                cursor, epoch = self.replica.cursor_and_epoch()
                full = self.replica.full_pull_in_progress()
                if ahead is not None and (ahead.cursor, ahead.full) == (cursor, full):
                    page = ahead.future.result()
                else:
                    _settle(ahead)
                    page = self._fetch_page(cursor, full=full)
                ahead = None
                if page.has_more and page.next_cursor > cursor and page.epoch == epoch:
                    # the page read from 0 marks a full pull: the next one must say so already
                    ahead = self._ask(fetcher, page.next_cursor, cursor == 0 or full)
                yield page, self._apply_page(page, cursor, epoch)
        finally:
            _settle(ahead)

    # ------------------------------------------------------------------ the cycle

    def run_cycle(
        self,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        device = self.replica.device()
        if device is None:
            raise NotEnrolled()
        # flock/msvcrt locks belong to the open file: they also keep two threads of one process apart.
        with cycle_lock(self.replica.store.path.with_name("sync.lock")):
            self.transport.cancel = cancel
            try:
                report = self._cycle(progress or (lambda _p: None), cancel)
            except DeviceRevoked as error:
                self.replica.record_failure(str(error), blocked="device_revoked")
                raise
            except UpgradeRequired as error:
                self.replica.record_failure(str(error), blocked="upgrade_required")
                raise
            except SyncError as error:
                self.replica.record_failure(str(error))
                raise
            except Exception as error:
                # Whatever else stopped the cycle is recorded and shown too (issue 12), by its kind only: the
                # message of a database error may quote the values of a row.
                log.error("sync: cycle stopped by %s", type(error).__name__)
                failure = UnexpectedSyncFailure(error)
                self.replica.record_failure(str(failure))
                raise failure from None
            finally:
                self.transport.cancel = None
            self.replica.record_success()
            return report

    def _cycle(self, progress: Callable[[SyncProgress], None], cancel: threading.Event | None) -> SyncReport:
        # Nothing to send (the usual cycle, and a first sync): the pull's first page is asked for right after the
        # hello, and arrives while the store does its own work before the pull (issue 16).
        quiet = self.replica.pending_count() == 0 and not self.replica.replay_pending()
        hello = self.hello()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pac-sync-pull") as fetcher:
            return self._steps(hello, self._ask_first(fetcher) if quiet else None, fetcher, progress, cancel)

    def _steps(self, hello: wire.HelloResponse, ahead: _Ahead | None, fetcher: ThreadPoolExecutor,
               progress: Callable[[SyncProgress], None], cancel: threading.Event | None) -> SyncReport:
        def check_cancel() -> None:
            if cancel is not None and cancel.is_set():
                raise SyncCancelled()

        report = SyncReport()
        self.replica.clear_block("upgrade_required")
        full = self.check_epoch(hello.epoch)
        self.replica.scrub_once()
        if self.replica.replay_pending():
            report = replace(report, replayed=self.replay_archive())
        total = self.replica.pending_count()
        pushed = 0
        size = self.batch_size
        while True:
            check_cancel()
            try:
                counts = self.push_once(batch_size=size)
            except (RequestRefused, ServerUnreachable) as error:
                sent = len(self.last_batch)
                if sent > 1 and _worth_shrinking(error):
                    # Half the batch: a connection that breaks after so many bytes, or one change the server
                    # cannot take, must not hold back all the others (issue 12).
                    size = max(1, sent // 2)
                    continue
                counts = self._park_if_refused(error)
            if counts is None:
                break
            size = min(self.batch_size, size * 2)
            pushed += counts.applied + counts.merged + counts.conflicts + counts.rejected
            report = replace(report, pushed=pushed, applied=report.applied + counts.applied,
                             merged=report.merged + counts.merged, conflicts=report.conflicts + counts.conflicts,
                             rejected=report.rejected + counts.rejected)
            progress(SyncProgress("push", pushed, min(1.0, pushed / total) if total else None,
                                  f"Envoi des modifications : {pushed} sur {max(total, pushed)}"))
        start, _ = self.replica.cursor_and_epoch()
        pulled = 0
        unchecked = 0  # records applied since the WAL was last copied back (see CHECKPOINT_EVERY)
        pages: Generator[tuple[wire.PulledPage, ApplyCounts], None, None] | None = None
        with _full_collections_deferred(), self.replica.store.changes.coalesced(SYNC_SOURCE):
            # a pull: fewer full garbage collections, and its pages announced together a few times a second
            try:
                while True:
                    check_cancel()
                    if pages is None:
                        pages = self._pull_pages(fetcher, ahead)
                        ahead = None
                    try:
                        page, counts = next(pages)
                    except CursorTooOld:
                        pages = None
                        log.warning("sync: cursor below the server's tombstone horizon; full resync")
                        self.replica.begin_full_resync(epoch=None, server_restored=False)
                        full = True
                        start = 0
                        continue
                    except EpochChanged:  # the server was restored while this cycle ran
                        pages = None
                        report = replace(report, replayed=report.replayed + self.replay_archive())
                        full = True
                        start = 0
                        continue
                    pulled += counts.applied + counts.evicted
                    unchecked += counts.applied + counts.evicted
                    if unchecked >= CHECKPOINT_EVERY:
                        self.replica.checkpoint()
                        unchecked = 0
                    report = replace(report, pulled=pulled, evicted=report.evicted + counts.evicted,
                                     quarantined=report.quarantined + counts.quarantined,
                                     scope_lost=report.scope_lost + counts.scope_lost, server_seq=page.server_seq)
                    span = page.server_seq - start
                    fraction = None if span <= 0 else min(1.0, (page.next_cursor - start) / span)
                    progress(SyncProgress("pull", pulled, fraction, f"Réception des données : {pulled} reçues"))
                    if not page.has_more:
                        break
            finally:
                if pages is not None:
                    pages.close()  # waits for a page asked for ahead, if any
                if unchecked:  # the pages were written without checkpoints (LocalReplica.remote_write)
                    self._give_the_wal_back()  # a pull stopped half-way too: what it applied stays
        return replace(report, full_resync=full, finished_at=utcnow())

    def _give_the_wal_back(self) -> None:
        """The end of a pull's pages: their WAL copied into the store. Their changes are committed whatever happens
        here, so a failure is only logged (the WAL is copied back by the next checkpoint)."""
        try:
            self.replica.checkpoint()
        except Exception as error:  # noqa: BLE001 - the data is safe; nothing for the counsellor to do
            log.warning("sync: WAL not copied back after the pull (%s)", type(error).__name__)


#: Records applied between two checkpoints of a long pull: its pages are written without checkpoints
#: (LocalReplica.remote_write), and a territory's whole feed (millions of records) would otherwise grow the WAL
#: file to gigabytes on a laptop's disk before the end (~1 kB of WAL a record: ~50 MB between checkpoints).
CHECKPOINT_EVERY = 50_000

#: While pages are pulled, Python's full garbage collections are this many times rarer (see below).
FULL_COLLECTIONS_RARER = 10
_gc_lock = threading.Lock()
_gc_deferrals = 0
_gc_saved: tuple[int, ...] = ()


@contextmanager
def _full_collections_deferred() -> Iterator[None]:
    """Python's full (generation 2) garbage collections, rarer while pages are pulled: a page's rows survive a few
    young collections while it is read and applied, and the full collections they trigger traverse the whole heap
    (a fifth of a first sync's time on the bench). Young collections run as usual; the thresholds come back
    when the last pull running in the process ends."""
    global _gc_deferrals, _gc_saved
    with _gc_lock:
        if _gc_deferrals == 0:
            _gc_saved = gc.get_threshold()
            young, middle, full = _gc_saved
            gc.set_threshold(young, middle, full * FULL_COLLECTIONS_RARER)
        _gc_deferrals += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_deferrals -= 1
            if _gc_deferrals == 0:
                gc.set_threshold(*_gc_saved)


@dataclass(frozen=True)
class _Ahead:
    """A page asked for before it is needed: the cursor and full-pull flag it was asked with, and its answer."""

    cursor: int
    full: bool
    future: Future[wire.PulledPage]


def _settle(ahead: _Ahead | None) -> None:
    """Wait for a page asked for ahead that will not be used; its answer or error no longer matters."""
    if ahead is not None:
        try:
            ahead.future.result()
        except Exception:  # noqa: BLE001 - the page it was for is not applied
            pass


#: A change sent alone that the server answered with a 500 this many times is parked (a poison change).
PARK_AFTER_SERVER_FAILURES = 10
#: Failures before the request reached the server: no batch size would do better.
_NOT_REACHED = ("ConnectError", "ConnectTimeout", "PoolTimeout")


def _worth_shrinking(error: SyncError) -> bool:
    if isinstance(error, RequestRefused | ServerFailed):
        return True
    return (isinstance(error, ServerUnreachable) and error.cause is None and error.detail not in _NOT_REACHED
            and not error.detail.startswith("serveur occupé"))


def open_engine(
    replica: LocalReplica,
    secrets: SecretStore,
    *,
    transport_factory: Callable[[str], HttpTransport] | None = None,
) -> SyncEngine:
    """The engine of an enrolled store (NotEnrolled otherwise)."""
    device = replica.device()
    if device is None:
        raise NotEnrolled()
    factory = transport_factory or (lambda url: HttpTransport(url, client_schema=SCHEMA_VERSION))
    transport = factory(device.server_url)
    return SyncEngine(replica, transport, TokenManager(transport, secrets, device.device_id))
