"""Bench section "sync": the shared server and the sync client on loopback (issue 5).

In one run, with a real pac-server (``pac-server serve`` in a process of its own, SQLite file) and real local stores (encrypted, as the
app keeps them):

- ``initial``: the first sync of a device whose territory holds N records (youths and their follow-up
  entries; N = 100,000 by default, fewer on a quick ``--youths`` run), in records per second — beside a bulk
  insert of the same rows, decoded the same way, into a store of the same kind in the same run;
- ``incremental``: a cycle that pulls 100 changes made by another device, and one that pushes 100 local edits;
- ``empty``: a cycle with nothing to do (hello, empty push, empty pull), p50 over 20;
- ``push cost``: the server's time per mutation of a push under the clock lock, beside a bare write.

50 devices at once are section ``sync_load`` (bench/section_sync_load.py): a real ``pac-server serve --workers N``
driven from client processes of their own (the devices sharing this process with the server measured the GIL).

When ``PAC_TEST_DATABASE_URL`` is set, the first sync runs again against a server on PostgreSQL (a database of
its own, dropped afterwards). ``PAC_BENCH_SYNC_RECORDS`` sets the territory's size (100,000 by default on a
100,000-youth run). The first sync's row also gives the CPU seconds of the device (this process) and of the
server's process: on shared cores they tell more than the wall time. ``PAC_BENCH_SYNC_PROFILE=DIR`` writes a
cProfile of the device's first sync (its cycle's thread; the page fetches run on another) to
``DIR/first-sync-<server>.pstats``.

``python -m bench --only sync`` runs it (bounded: a few minutes with 100,000 records).

First sync, 20,000 records (``PAC_BENCH_SYNC_RECORDS=20000 … --youths 200 --only sync``), 2026-12-03, "before"
e889bd4 and "after" this branch (pull pages read by ``wire.read_pull`` instead of pydantic; pulled pages committed
with ``synchronous=NORMAL`` and no WAL checkpoint until the pull's end; the ids a page's rows share converted once;
ASCII text checked inline; ``normalise`` fast on ASCII; the server's change envelopes written without json.dumps and
a page's records read with ``= ANY(array)`` on PostgreSQL), run in turns in the same minutes. The machine's two cores
were shared with other runs throughout (load 5–9): the wall figures are far below a quiet machine's (9,742 records/s
at load 0.6 the day before); the CPU seconds and the ratio to the bulk insert of the same run say more.

| server     | before: records/s (× bulk), CPU device / server, load | after: records/s (× bulk), CPU device / server, load |
|------------|--------------------------------------------------------|-------------------------------------------------------|
| SQLite     | 3,113 (0.35) 1.84 / 0.89 s 8.9; 5,205 (0.36) 1.53 / 0.72 s 7.0; 3,807 (0.43) 1.85 / 0.89 s 5.8 | 3,690 (0.33) 1.63 / 0.79 s 7.6; 4,343 (0.46) 1.61 / 0.74 s 5.6; 4,403 (0.46) 1.53 / 0.76 s 5.1 |
| PostgreSQL | 3,173 (0.37) 1.78 / 0.97 s 8.1; 5,394 (0.31) 1.76 / 1.00 s 6.1; 3,389 (0.25) 1.89 / 0.98 s 5.7 | 3,847 (0.46) 1.60 / 0.69 s 7.9; 3,647 (0.35) 1.89 / 0.85 s 5.5; 4,591 (0.56) 1.52 / 0.68 s 4.8 |

A quieter quarter of an hour later (09:17–09:21, load 4–8, in turns; wall s / records/s / CPU device, server):

| server     | before                                                       | after                                                         |
|------------|--------------------------------------------------------------|---------------------------------------------------------------|
| SQLite     | 4.0 / 4,984 / 1.75, 0.92; 2.6 / 7,758 / 1.54, 0.86; 1.8 / 10,952 / 1.35, 0.65 | 3.4 / 5,871 / 1.38, 0.67; 1.3 / 15,644 / 1.22, 0.69; 1.6 / 12,416 / 1.22, 0.60 |
| PostgreSQL | 6.5 / 3,116 / 1.50, 0.81; 2.6 / 7,826 / 1.69, 0.90; 1.7 / 11,925 / 1.46, 0.68 | 2.7 / 7,557 / 1.33, 0.68; 1.8 / 11,398 / 1.47, 0.70; 2.9 / 7,054 / 1.76, 0.73 |

Measured apart, in turns (min of 5): a page of 2,000 changes read in 9 ms instead of 15 (pydantic and the
``Incoming`` copies), 20,000 records applied to an encrypted store in 1.11–1.21 s of CPU instead of 1.22–1.40; the
server's 12 pages of them written in 0.55 s (SQLite) and 0.59–0.69 s (PostgreSQL, was 0.84–1.00). What the device
still spends is mostly SQLite's (the inserts and their nine indexes on ``youth``: ~40 %; dropping the non-unique
indexes during the pull would save ~0.1 s of 1.1) and the field checks of each row (sync.codec).

End of the same session, main, quiet machine: 15,053 records/s on SQLite (CPU device 1.25 s, server 0.60 s, load
0.4) and 13,423 on PostgreSQL (1.24 / 0.58 s, load 0.5). The ``= ANY(array)`` read was then reverted: under 50
devices (section sync_load) it cost PostgreSQL 2.8–3.9 s of CPU against 1.5–2.6 s for an ``IN`` list, in 4 pairs
run in turns; with ``IN`` the first sync on PostgreSQL gave 11,575 records/s (server CPU 0.73 s) at load 5, and
15,146 on SQLite in the same run.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

RECORDS = 100_000
#: Another size of territory for the first sync than the bench's (e.g. 20,000 for a quick run).
RECORDS_ENV = "PAC_BENCH_SYNC_RECORDS"
PROFILE_ENV = "PAC_BENCH_SYNC_PROFILE"
FOLLOW_UPS_PER_YOUTH = 4


#: The counsellor (published on the bench's server) who makes every change the bench pushes.
BENCH_COUNSELLOR = "b0b0b0b0-0000-4000-8000-00000000a001"


def _seed_territory(engine: Any, territory_id: str, records: int) -> list[tuple[str, str, dict[str, Any]]]:
    """``records`` youths and follow-ups of one territory, written straight into the server's tables."""
    from sqlalchemy import insert, select, update

    from pac_desktop.server.models import CaseAccess, Feed, Record, RecordVersion, SyncClock

    youths = max(1, records // (FOLLOW_UPS_PER_YOUTH + 1))
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for n in range(youths):
        yid = str(uuid.uuid4())
        rows.append(("youth", yid, {
            "territory_id": territory_id, "first_name": f"Prénom{n}", "last_name": f"Fictif{n}",
            "first_name_key": f"prenom{n}", "last_name_key": f"fictif{n}", "birth_date": "2008-05-17",
            "sex": None, "phone": "06 00 00 00 00", "email": None, "address": None, "postcode": "09000",
            "town": "Foix", "town_key": "foix", "lives_in_priority_area": False, "newly_arrived": False,
            "left_school_on": "2025-06-30", "last_class": "Seconde", "has_qualification": False,
            "followed_by_structure": None, "status": "followed", "created_at": "2026-01-05T09:00:00+00:00",
            "case_id": yid}))
        for k in range(FOLLOW_UPS_PER_YOUTH):
            if len(rows) >= records:
                break
            rows.append(("follow_up_event", str(uuid.uuid4()), {
                "youth_id": yid, "kind": "interview", "occurred_on": f"2026-02-{1 + k:02d}", "staff_id": None,
                "partner_organisation_id": None, "note": f"Entretien de suivi n° {k + 1} (fictif).",
                "case_id": yid}))
    rows = rows[:records]
    now = datetime.now(UTC)
    with engine.begin() as conn:
        start = conn.execute(select(SyncClock.seq)).scalar_one()
        recs, feed, versions, access = [], [], [], []
        for i, (entity, rid, data) in enumerate(rows, start=1):
            seq = start + i
            recs.append({"entity": entity, "id": rid, "case_id": data["case_id"], "territory_id": None,
                         "version": 1, "seq": seq, "deleted": False, "data": data, "updated_at": now})
            feed.append({"scope": territory_id, "entity": entity, "id": rid, "seq": seq, "op": "put"})
            versions.append({"entity": entity, "id": rid, "version": 1, "seq": seq, "op": "create", "deleted": False,
                             "data": data, "changes": {}, "created_at": now})
            if entity == "youth":
                access.append({"case_id": rid, "territory_id": territory_id})
        for table, values in ((Record, recs), (Feed, feed), (RecordVersion, versions), (CaseAccess, access)):
            for i in range(0, len(values), 5000):
                conn.execute(insert(table.__table__), values[i : i + 5000])
        conn.execute(update(SyncClock.__table__).values(seq=start + len(rows)))
    return rows


def _bulk_insert(store: Any, rows: list[tuple[str, str, dict[str, Any]]]) -> float:
    """The same rows straight into a local store: decoded like a pull, one transaction, Core executemany."""
    from sqlalchemy import insert

    from pac_desktop.sync.codec import codec_for

    started = time.perf_counter()
    by_entity: dict[str, list[dict[str, Any]]] = {}
    now = datetime.now(UTC)
    for entity, rid, data in rows:
        codec = codec_for(entity)
        row = codec.filler_values()
        row.update(codec.decode(data))
        row.update(id=rid, version=1, seq=None, updated_at=now, updated_by=None, origin_device=None,
                   deleted_at=None)
        by_entity.setdefault(entity, []).append(row)
    with store.engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # as the sync applies pages
        with conn.begin():
            for entity, values in by_entity.items():
                table = codec_for(entity).table
                for i in range(0, len(values), 500):
                    conn.execute(insert(table), values[i : i + 500])
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    return time.perf_counter() - started


@section("sync", order=70)
def sync_section(ctx: BenchContext) -> list[Row]:
    from bench.section_pull_page import server_database

    records = int(os.environ.get(RECORDS_ENV) or 0) or (RECORDS if ctx.youths >= 100_000 else max(5_000, ctx.youths))
    out = _sync_on(ctx, f"sqlite:///{ctx.scratch('sync') / 'server.sqlite3'}", "SQLite", records, full=True)
    if os.environ.get("PAC_TEST_DATABASE_URL"):  # the same first sync and load against a PostgreSQL server
        with server_database(ctx, "sync-pg") as (url, kind):
            out += _sync_on(ctx, url, kind, records, full=False)
    return out


def _sync_on(ctx: BenchContext, database_url: str, kind: str, records: int, *, full: bool) -> list[Row]:
    """The section's figures against one server database; ``full`` adds the incremental and empty cycles."""
    from bench.section_sync_load import _children, _proc_cpu, bench_key, register_bench_key, serve
    from pac_desktop.domain.enums import StaffRole
    from pac_desktop.domain.reference import stable_id
    from pac_desktop.security.keyring_store import SecretStore
    from pac_desktop.server import admin
    from pac_desktop.server.db import create_server_engine, upgrade
    from pac_desktop.services.sync import SyncService

    root = ctx.scratch(f"sync-{kind.lower()}")
    ariege = stable_id("territory", "ariege")
    # The server in a process of its own, as devices meet it (`pac-server serve`): a server thread in this
    # process would share its GIL with the device and slow both down.
    engine = create_server_engine(database_url)
    upgrade(engine)
    stack = ExitStack()
    url, process = stack.enter_context(serve(database_url, workers=1))
    server = SimpleNamespace(engine=engine, url=url)
    out: list[Row] = []
    managers: list[Any] = []
    try:
        admin.publish_reference(server.engine)
        # The server checks each change's author (issue 7): the bench's changes are a counsellor's of Ariège.
        admin.create_staff(server.engine, first_name="Conseillère", last_name="Banc d'essai",
                           organisation_code="cio-ariege", roles=[StaffRole.COUNSELLOR], staff_id=BENCH_COUNSELLOR)
        register_bench_key(server.engine)  # issue 12: the counsellor's changes travel signed
        rows = _seed_territory(server.engine, ariege, records)

        def device(name: str) -> tuple[Any, SyncService]:
            manager = ctx.services(data_dir=root / name)
            services = manager.__enter__()
            managers.append(manager)
            sync = SyncService(services.ctx, secrets=SecretStore())
            code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
            sync.enrol(server_url=server.url, code=code, device_name=f"bench {name}")
            services.ctx.keys.hold(BENCH_COUNSELLOR, bench_key())  # the counsellor signed in on this device
            return services, sync

        a_services, a = device("a")

        def server_cpu() -> float:
            return sum(_proc_cpu(pid) for pid in (process.pid, *_children(process.pid)))

        profile_dir = os.environ.get(PROFILE_ENV)
        profiler = None
        if profile_dir:
            import cProfile

            profiler = cProfile.Profile()
        cpu0, server0 = time.process_time(), server_cpu()
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        report = a.sync_now()
        initial = time.perf_counter() - started
        if profiler is not None:
            profiler.disable()
            Path(profile_dir).mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(str(Path(profile_dir) / f"first-sync-{kind.lower()}.pstats"))
        device_cpu, served_cpu = time.process_time() - cpu0, server_cpu() - server0
        pulled = report.pulled
        bulk_services, _ = device("bulk")
        bulk = _bulk_insert(bulk_services.ctx.store, rows)
        out += [
            Row(f"sync: first sync of a territory of {records:,} records ({kind} server)", round(initial, 1), "s",
                f"bulk insert of the same rows: {bulk:.1f} s", round(initial / bulk, 1),
                f"{pulled:,} rows pulled (reference data included)"),
            Row(f"sync: first sync, records per second ({kind} server)", round(pulled / initial), "records/s",
                f"bulk insert: {len(rows) / bulk:,.0f} rows/s", round((pulled / initial) / (len(rows) / bulk), 2),
                f"target ≥ 10,000 records/s (issue 16); T1 ≥ 2,000 rows/s (SYNC.md §10); CPU: device "
                f"{device_cpu:.2f} s, server {served_cpu:.2f} s; load {os.getloadavg()[0]:.1f}"),
        ]
        if full:
            out += _incremental(server, rows, a, a_services)
        out += _push_cost(server.engine, ariege, kind)
    finally:
        for manager in managers:
            manager.__exit__(None, None, None)
        stack.close()
        engine.dispose()
    return out


def _incremental(server: Any, rows: list[tuple[str, str, dict[str, Any]]], a: Any, a_services: Any) -> list[Row]:
    """A cycle pulling 100 changes made elsewhere, one pushing 100 local edits, and empty cycles."""
    import httpx

    from bench.section_sync_load import bench_key, sign
    from pac_desktop.security.signing import key_id, public_bytes
    from pac_desktop.storage.models import Youth

    # incremental: 100 changes made elsewhere (raw pushes of another device), then 100 local edits
    token = _device_token(server)
    youth_rows = [(rid, data) for entity, rid, data in rows if entity == "youth"][:100]
    key = bench_key()
    kid = key_id(public_bytes(key))
    mutations = [sign({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": rid, "case_id": rid,
                       "op": "update", "fields": {"phone": "06 11 11 11 11"}, "base": {"phone": data["phone"]},
                       "base_version": 1, "made_by": BENCH_COUNSELLOR}, key, kid)
                 for rid, data in youth_rows]
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
        pushed = client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": mutations})
        pushed.raise_for_status()
        refused = [x["reason"] for x in pushed.json()["results"] if x["status"] == "rejected"]
        if refused:
            raise RuntimeError(f"{len(refused)} bench changes refused by the server: {refused[0]}")
    started = time.perf_counter()
    report = a.sync_now()
    pull_100 = time.perf_counter() - started
    with a_services.ctx.write(BENCH_COUNSELLOR) as session:
        for rid, _data in youth_rows:
            session.get(Youth, rid).phone = "06 22 22 22 22"
    started = time.perf_counter()
    report_push = a.sync_now()
    push_100 = time.perf_counter() - started
    empties = []
    for _ in range(20):
        started = time.perf_counter()
        a.sync_now()
        empties.append(time.perf_counter() - started)
    return [
        Row("sync: cycle pulling 100 changes", round(pull_100 * 1000), "ms", notes=f"{report.pulled} pulled"),
        Row("sync: cycle pushing 100 local edits", round(push_100 * 1000), "ms",
            notes=f"{report_push.pushed} pushed, {report_push.conflicts} conflicts"),
        Row("sync: empty cycle, p50 of 20", round(statistics.median(empties) * 1000, 1), "ms",
            "target T4 < 200 ms", round(statistics.median(empties) / 0.2, 2), "hello + empty push + empty pull"),
    ]


def _intake_batch(territory_id: str, size: int) -> list[Any]:
    """``size`` mutations as a device sends them after intakes: per youth, its creation, its consent, three
    follow-up entries and two edits."""
    from pac_desktop.sync.wire import PushRequest

    mutations: list[dict[str, Any]] = []
    while len(mutations) < size:
        yid = str(uuid.uuid4())

        def change(yid: str = yid, **values: Any) -> dict[str, Any]:
            return {"mutation_id": str(uuid.uuid4()), "made_by": BENCH_COUNSELLOR,
                    "made_at": "2026-03-02T10:00:00+00:00", "case_id": yid, **values}

        mutations += [
            change(entity="youth", id=yid, op="create", fields={
                "territory_id": territory_id, "first_name": "Testa", "last_name": "Fictif",
                "birth_date": "2000-05-17", "case_id": yid, "phone": "06 00 00 00 00", "town": "Foix"}),
            change(entity="consent", id=str(uuid.uuid4()), op="create", fields={
                "youth_id": yid, "kind": "youth", "given": True, "state": "given", "given_on": "2026-03-02",
                "case_id": yid}),
            *(change(entity="follow_up_event", id=str(uuid.uuid4()), op="create", fields={
                "youth_id": yid, "kind": "interview", "occurred_on": "2026-03-02",
                "note": f"Entretien de suivi n° {k + 1} (fictif).", "case_id": yid}) for k in range(3)),
            change(entity="youth", id=yid, op="update", fields={"phone": "06 11 11 11 11"},
                   base={"phone": "06 00 00 00 00"}, base_version=1),
            change(entity="youth", id=yid, op="update", fields={"town": "Pamiers"}, base={"town": "Foix"},
                   base_version=2),
        ]
    from bench.section_sync_load import bench_key, sign
    from pac_desktop.security.signing import key_id, public_bytes

    key = bench_key()
    kid = key_id(public_bytes(key))
    body = {"batch_id": str(uuid.uuid4()), "mutations": [sign(m, key, kid) for m in mutations[:size]]}
    return PushRequest.model_validate(body).mutations


def _push_cost(engine: Any, territory_id: str, kind: str, batches: int = 10, size: int = 196) -> list[Row]:
    """The server's work for a push of ``size`` mutations (checks outside the lock, the write transaction that
    holds the clock lock), per mutation, beside a bare write of the same rows in one transaction: the records,
    their versions, feed and ledger rows with executemany, and the clock, in the same run."""
    from sqlalchemy import insert, update

    from pac_desktop.server import core
    from pac_desktop.server.db import write_transaction
    from pac_desktop.server.models import AppliedMutation, Feed, Record, RecordVersion, SyncClock, utcnow

    writer = core.Writer(device_id=str(uuid.uuid4()), territory_ids=(territory_id,))
    work = [_intake_batch(territory_id, size) for _ in range(batches + 1)]
    with write_transaction(engine) as conn:  # warm-up: statements compiled, staff read once
        core.push(conn, work[0], writer)
    outside = locked = 0.0
    for mutations in work[1:]:
        t0 = time.perf_counter()
        checked = core.prepare_push(mutations, writer)
        t1 = time.perf_counter()
        with write_transaction(engine) as conn:
            results = core.push(conn, mutations, writer, checked=checked)
        t2 = time.perf_counter()
        refused = [r.reason for r in results if r.status.value == "rejected"]
        if refused:
            raise RuntimeError(f"{len(refused)} bench changes refused by the server: {refused[0]}")
        outside += t1 - t0
        locked += t2 - t1
    bare = 0.0
    for mutations in [_intake_batch(territory_id, size) for _ in range(batches)]:
        started = time.perf_counter()
        with write_transaction(engine) as conn:
            seq = conn.execute(update(SyncClock.__table__).values(seq=SyncClock.seq + len(mutations))
                               .returning(SyncClock.seq)).scalar_one() - len(mutations)
            now = utcnow()
            recs, versions, feed, ledger = [], [], [], []
            for n, m in enumerate(mutations, start=1):
                rid = str(uuid.uuid4())  # a row of its own per mutation: the bare cost of writing it
                recs.append({"entity": m.entity, "id": rid, "case_id": m.case_id, "territory_id": None,
                             "version": 1, "seq": seq + n, "deleted": False, "data": dict(m.fields),
                             "updated_at": now, "updated_by": m.made_by, "origin_device": writer.device_id})
                versions.append({"entity": m.entity, "id": rid, "version": 1, "seq": seq + n, "op": "create",
                                 "deleted": False, "data": dict(m.fields), "changes": {}, "created_at": now})
                feed.append({"scope": territory_id, "entity": m.entity, "id": rid, "seq": seq + n, "op": "put"})
                ledger.append({"mutation_id": m.mutation_id, "device_id": writer.device_id, "entity": m.entity,
                               "record_id": rid, "received_at": now, "result": {"status": "applied"}})
            for table, values in ((Record, recs), (RecordVersion, versions), (Feed, feed), (AppliedMutation, ledger)):
                conn.execute(insert(table.__table__), values)
        bare += time.perf_counter() - started
    count = batches * size
    per_locked, per_bare = locked / count * 1000, bare / count * 1000
    return [
        Row(f"sync: push of {size} mutations, server time per mutation under the clock lock ({kind})",
            round(per_locked, 3), "ms", f"bare executemany of the same rows: {per_bare:.3f} ms",
            round(per_locked / per_bare, 1),
            f"+ {outside / count * 1000:.3f} ms/mutation of checks before the lock; {count:,} mutations "
            "(youth, consent, follow-ups, edits)"),
    ]


def _device_token(server: Any) -> str:
    import httpx

    from pac_desktop.server import admin

    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    with httpx.Client(base_url=server.url, timeout=60) as client:
        enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "bench"}).json()
        return client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                              "refresh_token": enrolled["refresh_token"]}).json()["access_token"]
