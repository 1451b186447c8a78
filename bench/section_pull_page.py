"""Bench section "pull_page": the server's cost of one pull page at the start, the middle and the end of a large
feed (issue 16: a page must cost the same whatever the cursor).

The feed is generated straight into the server's tables by one SQL statement per table (no ORM, no HTTP):
``FEED_ROWS`` records (2,000,000; ``PAC_BENCH_FEED_ROWS`` sets another number), most of
them in the device's territory, one in ten in another territory and one in fifty in the global scope (reference
rows), interleaved by seq as a real feed is. A page is the API's answer for the device's scopes (server.pages:
page query, records, JSON, gzip), written by a builder that keeps nothing, median of ``RUNS``. The server is
PostgreSQL when ``PAC_TEST_DATABASE_URL`` is set (a database of its own, dropped afterwards), else a SQLite file. The reference of the same run is the page at
the end of the feed: the ratio start / end is the figure (1 = constant cost).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

FEED_ROWS = 2_000_000
RUNS = 7
PAGE = 500
PG_ENV = "PAC_TEST_DATABASE_URL"
HOME = "bench-territory-home"
OTHER = "bench-territory-other"


@contextmanager
def server_database(ctx: BenchContext, name: str) -> Iterator[tuple[str, str]]:
    """(url, "PostgreSQL" | "SQLite"): a database of its own on PAC_TEST_DATABASE_URL, else a SQLite file."""
    base = os.environ.get(PG_ENV)
    if not base:
        yield f"sqlite:///{ctx.scratch(name) / 'server.sqlite3'}", "SQLite"
        return
    from sqlalchemy import create_engine, make_url, text

    db = f"pac_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db}"'))
    try:
        yield make_url(base).set(database=db).render_as_string(hide_password=False), "PostgreSQL"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


_PG_SEED = """
WITH s AS (SELECT i, lpad(i::text, 36, '0') AS id,
                  CASE WHEN i % 50 = 1 THEN '*' WHEN i % 10 = 0 THEN :other ELSE :home END AS scope
           FROM generate_series(1, :n) AS i)
{target}
"""
_SQLITE_SEED = """
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < :n),
s AS (SELECT i, printf('%036d', i) AS id,
             CASE WHEN i % 50 = 1 THEN '*' WHEN i % 10 = 0 THEN :other ELSE :home END AS scope FROM c)
{target}
"""


def _seed(engine: Any, rows: int) -> None:
    from sqlalchemy import text

    pg = engine.dialect.name == "postgresql"
    template = _PG_SEED if pg else _SQLITE_SEED
    data = ("jsonb_build_object('kind', 'interview', 'occurred_on', '2026-02-01', 'note', "
            "'Entretien de suivi fictif n° ' || i, 'youth_id', id, 'staff_id', NULL)") if pg else (
            "json_object('kind', 'interview', 'occurred_on', '2026-02-01', 'note', "
            "'Entretien de suivi fictif n° ' || i, 'youth_id', id, 'staff_id', NULL)")
    now = "now()" if pg else "CURRENT_TIMESTAMP"
    records = template.format(target=(
        "INSERT INTO records (entity, id, case_id, territory_id, version, seq, deleted, data, updated_at) "
        f"SELECT 'follow_up_event', id, id, NULL, 1, i, {'false' if pg else '0'}, {data}, {now} FROM s"))
    feed = template.format(target="INSERT INTO feed (scope, entity, id, seq, op) "
                                  "SELECT scope, 'follow_up_event', id, i, 'put' FROM s")
    params = {"n": rows, "home": HOME, "other": OTHER}
    with engine.begin() as conn:
        conn.execute(text(records), params)
        conn.execute(text(feed), params)
        conn.execute(text("UPDATE sync_clock SET seq = :n"), params)
    # What autovacuum does to a feed in service: hint bits and visibility map set, statistics read. Without it the
    # first pages measured paid for the bulk load's aftermath (17.9 / 18.5 ms at the start and halfway against
    # 12.3 ms at the end, in one run of stop 27), not for their place in the feed.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if pg else "ANALYZE"))


def _page_ms(engine: Any, writer: Any, cursor: int) -> tuple[float, int]:
    """The page's answer as the API writes it (server.pages: feed rows, records, JSON, gzip), by a builder that
    keeps nothing: the first device to read that part of the feed. (Until stop 26 the section timed core.pull,
    which also parses every change back with pydantic for its callers: ~5 ms a page the API never spends.)"""
    from pac_desktop.server.db import read_transaction
    from pac_desktop.server.pages import PageBuilder

    samples, count = [], 0
    for _ in range(RUNS):
        with read_transaction(engine) as conn:
            t = time.perf_counter()
            answer = PageBuilder(cache=False).answer(conn, writer, cursor, PAGE, epoch="bench", server_seq=cursor,
                                                     tombstone_horizon=0, gzip=True)
            samples.append((time.perf_counter() - t) * 1000)
            count = answer.changes
    return statistics.median(samples), count


@section("pull_page", order=75)
def pull_page_section(ctx: BenchContext) -> list[Row]:
    from pac_desktop.server.core import Writer
    from pac_desktop.server.db import create_server_engine, upgrade

    rows = int(os.environ.get("PAC_BENCH_FEED_ROWS") or FEED_ROWS)
    with server_database(ctx, "pull_page") as (url, kind):
        engine = create_server_engine(url)
        try:
            upgrade(engine)
            t = time.perf_counter()
            _seed(engine, rows)
            seeded = time.perf_counter() - t
            writer = Writer(device_id="bench-device", territory_ids=(HOME,))
            start, n_start = _page_ms(engine, writer, 0)
            middle, _ = _page_ms(engine, writer, rows // 2)
            end, n_end = _page_ms(engine, writer, rows - int(PAGE * 1.25))  # a last, still full page
        finally:
            engine.dispose()
    ratio = round(start / end, 1) if end else None
    where = f"{kind}, feed of {rows:,} rows (seeded in {seeded:.0f} s)"
    return [
        Row("pull page at the start of the feed", round(start, 1), "ms", f"page at the end: {end:.1f} ms", ratio,
            f"{n_start} changes; {where}; target ≤ 10 ms whatever the cursor"),
        Row("pull page halfway through the feed", round(middle, 1), "ms", f"page at the end: {end:.1f} ms",
            round(middle / end, 1) if end else None, f"{n_end} changes in the last page; median of {RUNS}"),
    ]
