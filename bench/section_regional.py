"""Bench section "regional": the regional figures the server counts for a regional committee's computer (issue
18 §6), against the desktop counting the same figures from a store holding every file, in the same run.

The bench store's synced rows are written into a server database of their own as the server's records (one bulk
insert per table: no HTTP, no feed), then ``server.regional.figures`` runs as the API runs it (median of
``RUNS``; PostgreSQL when ``PAC_TEST_DATABASE_URL`` is set, else SQLite). The reference is
``RegionalService.side_by_side`` on the bench store itself. Both must give the same rows (said in the notes).
Since a signed request is answered once (its replay refused) and audited on the server, each request also writes
its replay record (in the counting's transaction) and its audit entry (a write of its own): the second row.

| run (2 shared cores)                        | counted by the server | desktop | replay record + audit entry |
|---------------------------------------------|-----------------------|---------|-----------------------------|
| 2026-12-03, 2,000 youths, PG, load avg 8.4  | 0.16 s                | 2.28 s  | 45 ms (median of 3)         |
| same, load avg 5.5 (record + count: 1 txn)  | 0.22 s                | 1.43 s  | 20 ms (median of 3)         |
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from bench.core import BenchContext, Row
from bench.section_pull_page import server_database
from bench.sections import section

RUNS = 3


def _copy_records(services, engine) -> int:  # noqa: ANN001 - the bench store's services, the server's engine
    from sqlalchemy import insert, select, text

    from pac_desktop.server.models import Record
    from pac_desktop.storage.base import Base, CaseScoped, Synced
    from pac_desktop.storage.outbox import snapshot
    from pac_desktop.sync.wire import SCOPES

    models = [m.class_ for m in Base.registry.mappers
              if issubclass(m.class_, Synced) and getattr(m.class_, "__sync_entity__", None) in SCOPES]
    now, seq, written = datetime.now(UTC), 1_000, 0
    with services.ctx.read() as session, engine.begin() as conn:
        for model in models:
            batch = []
            for row in session.scalars(select(model)):
                seq += 1
                batch.append({"entity": model.__sync_entity__, "id": row.id,
                              "case_id": row.case_id if isinstance(row, CaseScoped) else None, "territory_id": None,
                              "version": 1, "seq": seq, "deleted": row.deleted_at is not None,
                              "data": snapshot(row), "updated_at": now, "updated_by": None, "origin_device": None})
                if len(batch) == 5_000:
                    conn.execute(insert(Record.__table__), batch)
                    written, batch = written + len(batch), []
            if batch:
                conn.execute(insert(Record.__table__), batch)
                written += len(batch)
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return written


@section("regional", order=80)
def regional_section(ctx: BenchContext) -> list[Row]:
    from sqlalchemy import select

    from pac_desktop.domain.youth_fields import paris_today
    from pac_desktop.server import regional
    from pac_desktop.server.core import Writer
    from pac_desktop.server.db import (
        create_server_engine,
        plain_transaction,
        read_transaction,
        upgrade,
        write_transaction,
    )
    from pac_desktop.services.staff import actor_for
    from pac_desktop.storage.models import Credential

    with ctx.services(today=paris_today) as services, server_database(ctx, "regional") as (url, kind):
        with services.ctx.read() as session:  # the demo administrator may see the regional view
            actor = actor_for(session, session.scalar(select(Credential.staff_id).where(Credential.login == "demo")))
        engine = create_server_engine(url)
        try:
            upgrade(engine)
            records = _copy_records(services, engine)
            writer = Writer(device_id="bench-regional-device")
            server, view = [], None
            for _ in range(RUNS):
                t = time.perf_counter()
                with read_transaction(engine) as conn:
                    view = regional.figures(conn, date_from=None, date_to=None, today=paris_today(),
                                            generated_at=datetime.now(UTC))
                server.append(time.perf_counter() - t)
            kept = []  # each request's bookkeeping: its replay record (in the counting's transaction, as the
            for n in range(RUNS):  # API does) and the server's audit entry (a write of its own, after)
                t = time.perf_counter()
                now = datetime.now(UTC)
                with plain_transaction(engine) as conn:
                    regional.remember(conn, key=f"bench-{n}-{now.isoformat()}", device=writer,
                                      staff_id=actor.staff_id, requested_at=now, now=now)
                with write_transaction(engine) as conn:
                    regional._audit(conn, writer, actor.staff_id, None, None, now, refused=None)
                kept.append(time.perf_counter() - t)
        finally:
            engine.dispose()
        t = time.perf_counter()
        here = services.regional.side_by_side(by=actor, date_from=view.date_from, date_to=view.date_to)
        desktop = time.perf_counter() - t
    same = [(r.label, r.values, r.total) for r in here.rows] == [(r.label, r.values, r.total) for r in view.rows]
    median = statistics.median(server)
    return [
        Row(f"regional figures counted by the server ({kind})", round(median, 2), "s",
            f"desktop counting every file: {desktop:.2f} s", round(median / desktop, 2),
            f"{records:,} records, cohort {view.rows[0].total}; same figures as the desktop: {same}; "
            f"median of {RUNS}"),
        Row(f"a figures request's replay record and audit entry ({kind})",
            round(statistics.median(kept) * 1000, 1), "ms", "", None,
            f"the replay record in the counting's transaction, the audit entry after; median of {RUNS}"),
    ]
