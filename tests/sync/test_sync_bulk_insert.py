"""A pulled page's new rows go to the local store through the DB-API cursor's executemany (issue 16): what lands
on disk is exactly what SQLAlchemy Core's insert of the same rows writes — every column, every type (dates,
timestamps in any zone, enum members, booleans, NULLs) — and a value a column cannot take makes the page fall
back to Core row by row, where the row is refused as before."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import StatementError

from pac_desktop.storage.base import id_to_store
from pac_desktop.sync.codec import codec_for
from pac_desktop.sync.local import _BulkInsert, _BulkRefused

ENTITIES = ["youth", "follow_up_event", "consent", "audit_event", "intake_session", "territory", "staff"]
PARIS = timezone(timedelta(hours=1))


def rows_for(entity: str, count: int) -> list[dict]:
    """Rows as the pull builds them (fillers, then values, then the server's metadata), varied per row."""
    codec = codec_for(entity)
    out = []
    for n in range(count):
        row = codec.filler_values()
        for key in sorted(codec.fields):
            column = codec.table.c[key]
            enum_class = getattr(column.type, "enum_class", None)
            try:
                python_type = column.type.python_type
            except NotImplementedError:
                python_type = None
            if n % 3 == 0 and column.nullable:
                row[key] = None
            elif enum_class is not None:
                members = list(enum_class)
                row[key] = members[n % len(members)]
            elif python_type is datetime:
                row[key] = datetime(2026, 3, 2, 10, n % 60, tzinfo=PARIS if n % 2 else UTC)
            elif python_type is date:
                row[key] = date(2026, 3, 1 + n % 28)
            elif python_type is bool:
                row[key] = bool(n % 2)
            elif python_type is str:
                row[key] = f"{key} n° {n} — é" if n % 4 else f"{key}{n}"
        row.update(version=n + 1, seq=1000 + n, updated_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
                   updated_by=None, id=str(uuid.uuid4()), deleted_at=None)
        if "origin_device" in codec.table.c:  # the consent only (migration 0024)
            row["origin_device"] = None
        if n % 5 == 4:
            row["deleted_at"] = datetime(2026, 3, 3, 8, 0, tzinfo=PARIS)
        out.append(row)
    return out


def on_disk(conn, table, ids: list[str]) -> list[tuple]:
    """The stored values as SQLite holds them (no result processing): the ids as 16 bytes (storage.base.CompactId)."""
    marks = ",".join("?" * len(ids))
    return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table.name} WHERE id IN ({marks}) ORDER BY id",
                                                   tuple(id_to_store(i) for i in ids)).all()]


@pytest.mark.parametrize("entity", ENTITIES)
def test_the_raw_executemany_writes_what_core_writes(store, entity):
    codec = codec_for(entity)
    table = codec.table
    rows = rows_for(entity, 12)
    ids = [r["id"] for r in rows]
    with store.engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            _BulkInsert(table).run(conn, rows)
            bulk = on_disk(conn, table, ids)
            conn.execute(table.delete().where(table.c.id.in_(ids)))
            conn.execute(insert(table), rows)
            core = on_disk(conn, table, ids)
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    assert len(bulk) == 12
    assert bulk == core


def test_a_value_a_column_cannot_take_is_refused_as_core_refuses_it(store):
    codec = codec_for("youth")
    rows = rows_for("youth", 3)
    rows[1]["updated_at"] = datetime(2026, 3, 2, 9, 0)  # naive: the column takes UTC timestamps only
    with store.engine.connect() as conn, conn.begin():
        with pytest.raises(_BulkRefused):
            _BulkInsert(codec.table).run(conn, rows)
        with pytest.raises(StatementError):
            conn.execute(insert(codec.table), rows)
        assert conn.execute(select(codec.table.c.id).where(codec.table.c.id.in_([r["id"] for r in rows]))
                            ).all() == []


def test_rows_of_different_shapes_go_through_core(store):
    """Core's executemany wants one column set (it refuses the page, which then goes row by row, as before)."""
    codec = codec_for("follow_up_event")
    rows = rows_for("follow_up_event", 4)
    del rows[2]["note"]
    with store.engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            with pytest.raises(StatementError, match="note"):
                _BulkInsert(codec.table).run(conn, rows)
            _BulkInsert(codec.table).run(conn, [rows[2]])  # alone, Core fills the column left out
            assert conn.execute(select(codec.table.c.id).where(codec.table.c.id == rows[2]["id"])).all()
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
