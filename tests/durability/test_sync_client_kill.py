"""Client crash durability of the sync (SYNC.md §9 F), for real: a desktop syncing with a real pac-server is
killed with SIGKILL at random moments, many times, and restarted.

1. During a large first pull in small pages: after each kill the store passes PRAGMA integrity_check and its
   cursor matches its rows exactly. The server does not change during the test, so "the cursor is right" is
   precise: every record fed to this device's scopes at a seq <= cursor is in the store at the server's version,
   field for field; none fed at a seq > cursor is there (a page lands whole, with its cursor, or not at all).
   A last, normal sync then brings every record of the scope.
2. During local edits and pushes: every edit the app showed as saved ("ACK") is still in the rows, and is still
   in the outbox or already on the server — never lost between the two; the outbox holds nothing the rows do not
   show. A last sync then puts every acknowledged value on the server exactly once (one version and one ledger
   entry per mutation, no conflict: a mutation whose answer was lost is recognised when it is sent again).

The worker (sync_kill_worker.py) prints a line only after the matching transaction is committed.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    Device,
    add_youth,
    backends,
    check_invariants,
    enrol_device,
    memory_keyring,
    running_server,
    transport_factory,
    work_as,
)

from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.server.models import (
    AppliedMutation,
    CaseAccess,
    Conflict,
    Feed,
    Record,
    RecordVersion,
    SyncClock,
)
from pac_desktop.server.models import Device as ServerDevice
from pac_desktop.storage.base import id_from_store
from pac_desktop.storage.models import SyncState
from pac_desktop.storage.store import database_path, open_store
from pac_desktop.sync.codec import codec_for
from pac_desktop.sync.engine import open_engine
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.wire import GLOBAL_SCOPE

WORKER = Path(__file__).with_name("sync_kill_worker.py")
sys.path.insert(0, str(WORKER.parent))
from sync_kill_worker import FIELDS, FileKeyring  # noqa: E402

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.parametrize("backend", backends()),
]

SEEDED_YOUTHS = 4000
PAGE_SIZE = 40
PULL_KILLS = 10
EDIT_KILLS = 12
#: Where the kills of the edit test are aimed, in turn: anywhere, or (marker, longest delay after it).
EDIT_TARGETS: list[tuple[str, float] | None] = [None, ("EDITING", 0.006), ("BATCH", 0.006), ("ANSWER", 0.01)]
STARTUP_TIMEOUT = 60.0  # a worker's start (imports, store, token) on a loaded machine
LINE_TIMEOUT = 60.0


# --------------------------------------------------------------------------------------------------
# The worker process: its output read by a thread, so that no wait of the test can hang
# --------------------------------------------------------------------------------------------------


class Worker:
    def __init__(self, args: list[str], stderr_path: Path) -> None:
        self._stderr_path = stderr_path
        self._stderr = open(stderr_path, "w")  # noqa: SIM115 - closed in close()
        tests = str(WORKER.parents[1])  # the worker signs with tests/signing_helpers.py's keys
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [tests, os.environ.get("PYTHONPATH")]))}
        self.proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                                     stderr=self._stderr, text=True, env=env)
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self._lines.put(line.strip())
        self._lines.put(None)

    def stderr(self) -> str:
        self._stderr.flush()
        return self._stderr_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def next_line(self, timeout: float = LINE_TIMEOUT) -> str | None:
        """The next line the worker printed; None once it has exited."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the worker printed nothing for {timeout} s:\n{self.stderr()}") from None

    def kill(self) -> bool:
        """SIGKILL (True) unless it had already exited; waits for it, never forever."""
        if self.proc.poll() is not None:
            return False
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        return True

    def rest(self) -> list[str]:
        """Every line printed before it died and not read yet (printed, hence committed: acknowledged)."""
        self._reader.join(timeout=30)
        out = []
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                out.append(line)
        return out

    def close(self) -> None:
        self.kill()
        self._reader.join(timeout=30)
        self.proc.stdout.close()
        self._stderr.close()


@contextmanager
def worker(args: list[str], stderr_path: Path) -> Iterator[Worker]:
    w = Worker(args, stderr_path)
    try:
        line = w.next_line(STARTUP_TIMEOUT)
        assert line == "READY", f"{line!r}\n{w.stderr()}"
        yield w
    finally:
        w.close()


def kill_after(w: Worker, rng: random.Random, lines: int, max_delay: float, *, marker: str | None = None
               ) -> tuple[list[str], bool]:
    """Read ``lines`` lines (then up to the next ``marker`` line, if given: the window to aim at), let it run a
    random instant more, SIGKILL it: mid-request, mid-transaction, mid-fsync, wherever it happens to be.
    Returns every line it printed, and whether it was killed (rather than done)."""
    seen: list[str] = []
    while len(seen) < lines or (marker and not seen[-1].startswith(marker)):
        line = w.next_line()
        if line is None:
            break
        seen.append(line)
    time.sleep(rng.uniform(0, max_delay))
    killed = w.kill()
    if killed:
        assert w.proc.returncode == -signal.SIGKILL
    else:
        assert w.proc.returncode == 0, w.stderr()
    return seen + w.rest(), killed


# --------------------------------------------------------------------------------------------------
# Devices whose refresh token lives in a file keyring the workers share
# --------------------------------------------------------------------------------------------------


def enrol_with_file_keyring(server, data_dir: Path, keyring_file: Path, *, initial_sync: bool,
                            youths: int = 0) -> list[str]:
    """Enrol an Ariège device (in-process, in-memory keyring), then hand its refresh token to the file keyring.
    With ``youths``, it first creates that many youths and pushes them."""
    with memory_keyring() as backend:
        device = enrol_device(server, data_dir, initial_sync=initial_sync)
        try:
            ids = [add_youth(device, phone="06 00 00 00 00") for _ in range(youths)]
            if ids:
                device.engine.run_cycle()
        finally:
            device.close()
        secrets = dict(backend.secrets)
    file_keyring = FileKeyring(keyring_file)
    for (service, username), secret in secrets.items():
        file_keyring.set_password(service, username, secret)
    return ids


@contextmanager
def reopened(data_dir: Path, keyring_file: Path) -> Iterator[Device]:
    """The device again, in this process, as the app opens it at start-up."""
    store = open_store(data_dir)
    work_as(store, COUNSELLOR_ARIEGE)
    replica = LocalReplica(store)
    engine = open_engine(replica, SecretStore(backend=FileKeyring(keyring_file)),
                         transport_factory=transport_factory(timeout=30.0))
    device = Device("poste", store, replica, engine)
    try:
        yield device
    finally:
        device.close()


def integrity_ok(data_dir: Path) -> None:
    con = sqlite3.connect(database_path(data_dir))
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------
# 1. Killed while pulling pages
# --------------------------------------------------------------------------------------------------


def seed_youths(engine, territory_id: str, count: int) -> None:
    """``count`` youths of one territory written straight into the server's tables (as bench/section_sync.py):
    a first pull of a real-sized territory, without pushing them one by one."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        start = conn.execute(select(SyncClock.seq)).scalar_one()
        records, feed, versions, access = [], [], [], []
        for n in range(count):
            seq, rid = start + n + 1, str(uuid.uuid4())
            data = {
                "territory_id": territory_id, "first_name": f"Prénom{n}", "last_name": f"Fictif{n}",
                "first_name_key": f"prenom{n}", "last_name_key": f"fictif{n}", "birth_date": "2008-05-17",
                "sex": None, "phone": f"06 00 00 {n // 100 % 100:02d} {n % 100:02d}", "email": None,
                "address": None, "postcode": "09000", "town": "Foix", "town_key": "foix",
                "lives_in_priority_area": n % 2 == 0, "newly_arrived": False, "left_school_on": "2025-06-30",
                "last_class": "Seconde", "has_qualification": False, "followed_by_structure": None,
                "status": "followed", "created_at": "2026-01-05T09:00:00+00:00", "case_id": rid,
            }
            records.append({"entity": "youth", "id": rid, "case_id": rid, "territory_id": None, "version": 1,
                            "seq": seq, "deleted": False, "data": data, "updated_at": now})
            feed.append({"scope": territory_id, "entity": "youth", "id": rid, "seq": seq, "op": "put"})
            versions.append({"entity": "youth", "id": rid, "version": 1, "seq": seq, "op": "create",
                             "deleted": False, "data": data, "changes": {}, "created_at": now})
            access.append({"case_id": rid, "territory_id": territory_id})
        for table, values in ((Record, records), (Feed, feed), (RecordVersion, versions), (CaseAccess, access)):
            for i in range(0, len(values), 1000):
                conn.execute(insert(table.__table__), values[i : i + 1000])
        conn.execute(update(SyncClock.__table__).values(seq=start + count))


def server_feed(server, device_id: str) -> tuple[dict[tuple[str, str], tuple[int, str]], dict]:
    """This device's feed — {(entity, id): (seq, op)} over its scopes — and the records it points to."""
    with server.engine.connect() as conn:
        territories = conn.execute(select(ServerDevice.territory_ids).where(
            ServerDevice.device_id == device_id)).scalar_one()
        feed: dict[tuple[str, str], tuple[int, str]] = {}
        for entity, rid, seq, op in conn.execute(select(Feed.entity, Feed.id, Feed.seq, Feed.op).where(
                Feed.scope.in_([GLOBAL_SCOPE, *territories]))):
            if (entity, rid) not in feed or seq > feed[(entity, rid)][0]:
                feed[(entity, rid)] = (seq, op)
        records = {(r.entity, r.id): r for r in conn.execute(select(Record.__table__))}
    return feed, records


def local_state(data_dir: Path, entities: set[str]) -> tuple[int, dict[str, dict[str, dict]]]:
    """(cursor, {entity: {id: row}}) of the store, opened as the app opens it after a crash."""
    store = open_store(data_dir)
    try:
        with store.engine.connect() as conn:
            cursor = conn.execute(select(SyncState.cursor).where(SyncState.id == 1)).scalar() or 0
            rows = {e: {r.id: dict(r._mapping) for r in conn.execute(select(codec_for(e).table))}
                    for e in entities}
    finally:
        store.engine.dispose()
    return cursor, rows


def check_cursor_matches_rows(data_dir: Path, feed: dict, records: dict, baseline: set) -> int:
    """The page-apply invariant of a device whose server does not change; returns the cursor."""
    integrity_ok(data_dir)
    cursor, rows = local_state(data_dir, {entity for entity, _ in feed})
    problems: list[str] = []
    for (entity, rid), (seq, op) in sorted(feed.items(), key=lambda kv: kv[1][0]):
        local = rows[entity].get(rid)
        if seq > cursor:
            if local is not None and (entity, rid) not in baseline:
                problems.append(f"{entity} {rid} (seq {seq}) is in the store, its page's cursor is not")
            continue
        rec = records[(entity, rid)]
        if op == "delete" or rec.deleted:
            if local is not None and local["deleted_at"] is None:
                problems.append(f"{entity} {rid} (seq {seq}) deleted on the server, live here")
            continue
        if local is None:
            problems.append(f"{entity} {rid} (seq {seq} <= cursor {cursor}) missing")
            continue
        if local["version"] != rec.version or local["seq"] != rec.seq:
            problems.append(f"{entity} {rid}: version/seq {local['version']}/{local['seq']}, "
                            f"server {rec.version}/{rec.seq}")
            continue
        wrong = [k for k, v in codec_for(entity).decode(rec.data).items() if local[k] != v]
        if wrong:
            problems.append(f"{entity} {rid}: half-applied, fields {wrong} differ from the server's")
    assert not problems, f"cursor {cursor}: {len(problems)} problems, first ones: {problems[:5]}"
    return cursor


@pytest.mark.timeout(180)
def test_pull_killed_mid_page_keeps_cursor_and_rows_consistent(backend: str, tmp_path: Path) -> None:
    rng = random.Random(20260914)
    data_dir, keyring_file = tmp_path / "device", tmp_path / "keyring.json"
    with running_server(backend, tmp_path) as server:
        # A fresh device: its first sync brings the reference data, then a territory of thousands of youths.
        enrol_with_file_keyring(server, data_dir, keyring_file, initial_sync=False)
        seed_youths(server.engine, ARIEGE, SEEDED_YOUTHS)
        with closing(sqlite3.connect(database_path(data_dir))) as con:
            device_id = id_from_store(con.execute("SELECT device_id FROM sync_device WHERE id = 1").fetchone()[0])
        feed, records = server_feed(server, device_id)
        last_seq = max(seq for seq, _op in feed.values())
        _cursor, rows = local_state(data_dir, {entity for entity, _ in feed})
        baseline = {(entity, rid) for entity, by_id in rows.items() for rid in by_id}
        cursors = [check_cursor_matches_rows(data_dir, feed, records, baseline)]
        kills = 0
        for round_no in range(PULL_KILLS):
            with worker(["pull", str(data_dir), str(keyring_file), str(PAGE_SIZE)],
                        tmp_path / f"pull-{round_no}.err") as w:
                if round_no % 2:  # anywhere: the request, the wait for the server, the apply, the commit
                    _lines, killed = kill_after(w, rng, rng.randint(2, 12), 0.05)
                else:  # aimed: a page in hand, its transaction starting (an apply takes a few ms)
                    _lines, killed = kill_after(w, rng, rng.randint(2, 12), 0.012, marker="APPLY")
            kills += killed
            cursor = check_cursor_matches_rows(data_dir, feed, records, baseline)
            assert cursor >= cursors[-1], "the cursor went back"
            cursors.append(cursor)
        # The kills did land in the middle of the pull (pages of 40 among 4,000+ records, a few per round; a
        # worker far ahead of a slow test process may finish, rarely).
        assert kills >= PULL_KILLS // 2 and cursors[-1] < last_seq, (kills, cursors, last_seq)
        with reopened(data_dir, keyring_file) as device:
            report = device.engine.run_cycle()
        assert check_cursor_matches_rows(data_dir, feed, records, baseline) == last_seq
        _cursor, rows = local_state(data_dir, {"youth"})
        assert sum(1 for r in rows["youth"].values() if r["territory_id"] == ARIEGE) == SEEDED_YOUTHS
    print(f"{kills} kills, cursors {cursors} then {last_seq} ({report.pulled} pulled by the last sync)")


# --------------------------------------------------------------------------------------------------
# 2. Killed while editing and pushing
# --------------------------------------------------------------------------------------------------


def tok_n(value: str | None) -> int:
    """The edit number of a value the worker typed (t<n>); -1 for any other value."""
    return int(value[1:]) if value and value[:1] == "t" and value[1:].isdigit() else -1


def check_edits_durable(server, data_dir: Path, edits: list[tuple[str, str, str]], creates: set[str],
                        youth_ids: set[str]) -> None:
    integrity_ok(data_dir)
    con = sqlite3.connect(database_path(data_dir))
    try:
        # Ids as the store keeps them (storage.base.CompactId: 16 bytes), shown as text.
        local = {id_from_store(r[0]): dict(zip(("id", *FIELDS), (id_from_store(r[0]), *r[1:]), strict=True))
                 for r in con.execute(f"SELECT id, {', '.join(FIELDS)} FROM youth")}  # noqa: S608
        outbox = [(id_from_store(m), e, id_from_store(r), op, f) for m, e, r, op, f in con.execute(
            "SELECT mutation_id, entity, row_id, op, fields FROM outbox")]
        archived = {id_from_store(m) for (m,) in con.execute("SELECT mutation_id FROM acked_archive")}
        dead = con.execute("SELECT count(*) FROM dead_letter").fetchone()[0]
        reasons = con.execute("SELECT entity, op, reason FROM dead_letter").fetchall()
    finally:
        con.close()
    with server.engine.connect() as conn:
        written: set[tuple[str, str, str]] = set()  # (youth, field, value) of every accepted version
        for rid, changes in conn.execute(select(RecordVersion.id, RecordVersion.changes).where(
                RecordVersion.entity == "youth")):
            for f in FIELDS:
                if f in changes:
                    written.add((rid, f, changes[f][1]))
        on_server = set(conn.scalars(select(Record.id).where(Record.entity == "youth")))
    queued_values: set[tuple[str, str, str]] = set()
    queued_creates: set[str] = set()
    for _mid, entity, rid, op, fields in outbox:
        assert entity == "youth" and op in ("create", "update"), (entity, op)
        assert rid in local, f"outbox entry {op} for youth {rid}, which is not in the rows"
        for f, value in json.loads(fields).items():
            if f in FIELDS:
                queued_values.add((rid, f, value))
                # An entry for a change the rows do not show (a rolled-back edit, a later value lost)?
                assert tok_n(local[rid][f]) >= tok_n(value), f"outbox has {rid}.{f}={value}, row {local[rid][f]}"
        if op == "create":
            queued_creates.add(rid)
    assert not ({m for m, *_ in outbox} & archived), "a mutation both pending and acknowledged"
    assert dead == 0, reasons
    # Every acknowledged edit is still in the rows (or overwritten by a later edit)…
    latest: dict[tuple[str, str], int] = {}
    for rid, f, value in edits:
        latest[(rid, f)] = max(latest.get((rid, f), -1), tok_n(value))
    for (rid, f), n in latest.items():
        assert rid in local and tok_n(local[rid][f]) >= n, f"acknowledged edit t{n} of {rid}.{f} lost"
    for rid in creates:
        assert rid in local, f"acknowledged new youth {rid} lost"
    # …and still queued or already on the server: never lost between the row and the outbox. The same holds
    # for the committed values not acknowledged yet (the worker died before printing).
    for rid, f, value in [*edits, *((rid, f, row[f]) for rid, row in local.items() for f in FIELDS
                                    if tok_n(row[f]) >= 0)]:
        assert (rid, f, value) in queued_values or (rid, f, value) in written, f"{rid}.{f}={value} never pushed"
    for rid in creates | (set(local) - youth_ids):
        assert rid in queued_creates or rid in on_server, f"new youth {rid} neither queued nor on the server"


@pytest.mark.timeout(180)
def test_edits_and_pushes_killed_lose_nothing_and_apply_once(backend: str, tmp_path: Path) -> None:
    rng = random.Random(20260915)
    data_dir, keyring_file = tmp_path / "device", tmp_path / "keyring.json"
    with running_server(backend, tmp_path) as server:
        youth_ids = set(enrol_with_file_keyring(server, data_dir, keyring_file, initial_sync=True, youths=12))
        edits: list[tuple[str, str, str]] = []
        creates: set[str] = set()
        kills = synced = 0
        for round_no in range(EDIT_KILLS):
            with worker(["edit", str(data_dir), str(keyring_file), str(round_no * 100_000), str(rng.random())[2:9]],
                        tmp_path / f"edit-{round_no}.err") as w:
                target = EDIT_TARGETS[round_no % len(EDIT_TARGETS)]
                if target is None:  # anywhere
                    lines, killed = kill_after(w, rng, rng.randint(1, 40), 0.05)
                else:  # aimed at an edit's transaction, a push being sent, or an answer the server committed
                    lines, killed = kill_after(w, rng, rng.randint(1, 40), target[1], marker=target[0])
            kills += killed
            for line in lines:
                kind, *rest = line.split()
                if kind == "ACK" and rest[0] == "edit":
                    edits.append((rest[1], rest[2], rest[3]))
                elif kind == "ACK" and rest[0] == "create":
                    creates.add(rest[1])
                elif kind == "SYNCED":
                    synced += 1
                else:
                    assert kind in ("EDITING", "BATCH", "APPLY", "ANSWER"), line
            check_edits_durable(server, data_dir, edits, creates, youth_ids)
        assert kills == EDIT_KILLS and edits and synced, (kills, len(edits), synced)
        with reopened(data_dir, keyring_file) as device:
            device.engine.run_cycle()
            device.engine.run_cycle()  # a second cycle finds nothing to do
            all_ids = youth_ids | creates
            # I1-I3 over every acknowledged value (and every new youth, by its first name).
            check_invariants(server, [device], [*edits, *((rid, "first_name", "Testa") for rid in creates)],
                             (*FIELDS, "first_name"))
        with server.engine.connect() as conn:
            versions = conn.execute(select(RecordVersion.id, RecordVersion.op, RecordVersion.changes,
                                           RecordVersion.mutation_id).where(RecordVersion.entity == "youth")).all()
            ledger = conn.scalar(select(func.count()).select_from(AppliedMutation).where(
                AppliedMutation.record_id.in_(list(all_ids))))
            conflicts = conn.scalar(select(func.count()).select_from(Conflict))
        # Exactly once: each acknowledged value written by one version; one create per youth; one ledger entry
        # per applied mutation; no conflict (a replay taken for a new edit would clash with itself).
        written = Counter((rid, f, changes[f][1]) for rid, _op, changes, _m in versions for f in FIELDS
                          if f in changes)
        for edit in edits:
            assert written[edit] == 1, f"{edit} written {written[edit]} times on the server"
        created = Counter(rid for rid, op, _c, _m in versions if op == "create")
        assert all(created[rid] == 1 for rid in all_ids), "a youth created twice, or never"
        mine = [m for rid, _op, _c, m in versions if rid in all_ids]
        assert None not in mine and len(mine) == len(set(mine)) == ledger
        assert conflicts == 0
    print(f"{kills} kills, {len(edits)} edits and {len(creates)} new youths acknowledged, {synced} cycles")
