"""Migrations 0022 and 0023 (issue 16: store size): UUID keys and references stored as 16 bytes, timestamps as
integers. A store filled at 0021 reads
back the same rows after it — every value, rowid, index, trigger and WITHOUT ROWID table — plain or encrypted, and
the application reads the same text ids as before."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime
from importlib import import_module

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import select

from pac_desktop.demo import DemoDataService
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.base import id_from_store
from pac_desktop.storage.migrate import current_revision, downgrade, upgrade
from pac_desktop.storage.models import ContactSummary, ProgrammeSetting
from pac_desktop.storage.store import FREE_PAGES_KEPT, StoreKey, open_store

TODAY = date(2026, 3, 12)
MIGRATION = import_module("pac_desktop.storage.migrations.versions.0022_compact_ids")
TIMES = import_module("pac_desktop.storage.migrations.versions.0023_integer_timestamps")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LATER = datetime(2026, 3, 11, 14, 15, 7, 123456, tzinfo=UTC)
NOT_A_UUID = "0ld5e771-0000-4000-8000-000000000001"  # an id from before the stable setting ids: kept as text


def _dump(engine) -> tuple[dict, dict]:  # noqa: ANN001
    """Every row of every table with its rowid (or key, WITHOUT ROWID), ids and timestamps shown as the text of
    before 0022; and the schema."""
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        schema = {(kind, name): (table, sql) for kind, name, table, sql in db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'")}
        rows = {}
        for (kind, name), (_table, sql) in schema.items():
            if kind != "table" or name == "alembic_version":
                continue
            rowid = "" if "WITHOUT ROWID" in sql else "rowid, "
            cursor = db.execute(f'SELECT {rowid}* FROM "{name}"')
            columns = [d[0] for d in cursor.description]
            shown = [id_from_store if c in MIGRATION.COLUMNS.get(name, ()) else TIMES._time_to_text
                     if c in TIMES.TIMESTAMPS.get(name, ()) else (lambda v: v) for c in columns]
            rows[name] = sorted((tuple(f(v) for f, v in zip(shown, r, strict=True)) for r in cursor), key=repr)
        return rows, schema
    finally:
        raw.close()


def _stored_kinds(engine) -> dict[str, int]:  # noqa: ANN001
    """How the values of the converted columns are stored: UUIDs as text or blobs, timestamps as text or integers."""
    kinds = {"uuid text": 0, "blob": 0, "other text": 0, "time text": 0, "integer": 0}
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        for table, names in MIGRATION.COLUMNS.items():
            for name in names:
                for (value,) in db.execute(f'SELECT "{name}" FROM "{table}" WHERE "{name}" IS NOT NULL'):
                    if isinstance(value, bytes):
                        kinds["blob"] += 1
                    elif UUID.fullmatch(value):
                        kinds["uuid text"] += 1
                    else:
                        kinds["other text"] += 1
        for table, names in TIMES.TIMESTAMPS.items():
            for name in names:
                for (value,) in db.execute(f'SELECT "{name}" FROM "{table}" WHERE "{name}" IS NOT NULL'):
                    kinds["integer" if isinstance(value, int) else "time text"] += 1
    finally:
        raw.close()
    return kinds


def _pages(engine) -> tuple[int, int, int]:  # noqa: ANN001
    """(pages, auto_vacuum mode, free pages) of the store."""
    with engine.connect() as conn:
        return tuple(conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in (
            "page_count", "auto_vacuum", "freelist_count"))


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_0022_stores_uuids_as_16_bytes_and_keeps_every_row(data_dir, encrypted):
    key = StoreKey(raw=secrets.token_bytes(32)) if encrypted else None
    store = open_store(data_dir, key=key)
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    counsellor = make_staff(services, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    DemoDataService(services.ctx).generate(youths=400, seed=7)  # enough for the freed pages to count
    youth = make_youth(services, first="Léa", last="Testrepere")
    services.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, reached=False, by=counsellor,
                                     attempted_at=datetime(2026, 3, 10, 9, 30, tzinfo=UTC))
    with store.session_factory.begin() as s:  # written as before 0012 (no signer needed: not synced yet)
        s.add(ProgrammeSetting(id=NOT_A_UUID, key="session.lock_minutes", scope="", value="25"))
    downgrade(store.engine, "0021")
    if encrypted:  # as a store made before auto_vacuum (stop 22): the freed pages go back through one VACUUM
        raw = store.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA auto_vacuum = NONE")
            raw.driver_connection.execute("VACUUM")
        finally:
            raw.close()
    before, schema_before = _dump(store.engine)
    pages_before = _pages(store.engine)
    assert pages_before[1] == (2 if not encrypted else 0)
    kinds = _stored_kinds(store.engine)
    # At 0021: text, as every store of before.
    assert kinds["blob"] == kinds["integer"] == 0 and kinds["uuid text"] > 1000 and kinds["time text"] > 500, kinds
    store.engine.dispose()

    # Up to 0023 (0024 drops columns and indexes: tests/storage/test_migration_0024.py).
    store = open_store(data_dir, key=key, run_migrations=lambda engine: upgrade(engine, "0023"))
    try:
        assert current_revision(store.engine) == "0023"
        after, schema_after = _dump(store.engine)
        kinds_after = _stored_kinds(store.engine)
        raw = store.engine.raw_connection()
        try:
            db = raw.driver_connection
            stored = db.execute("SELECT typeof(id) FROM programme_setting WHERE key = 'session.lock_minutes'"
                                " AND scope = ''").fetchall()
            summary_sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'contact_summary'").fetchone()[0]
            fk_errors = db.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            raw.close()
        pages_after = _pages(store.engine)
        # The application sees the same text ids; the new attempt goes through the triggers as before.
        services = Services.build(store, today=lambda: TODAY)
        with services.ctx.read() as s:
            actor = actor_for(s, counsellor.staff_id)
            assert s.get(ProgrammeSetting, NOT_A_UUID).value == "25"
        services.contacts.record_attempt(youth_id=youth, channel=ContactChannel.SMS, by=actor, attempted_at=LATER)
        with services.ctx.read() as s:
            summary = s.scalars(select(ContactSummary).where(ContactSummary.youth_id == youth)).one()
            assert (summary.youth_id, summary.attempts, summary.channel) == (youth, 2, ContactChannel.SMS)
            assert summary.attempted_at == LATER  # to the microsecond, in UTC
    finally:
        store.engine.dispose()
    assert after == before
    # every table, index and trigger, with its definition (less the columns later migrations add in place)
    assert schema_after == schema_before
    assert "WITHOUT ROWID" in summary_sql
    assert kinds_after == {"uuid text": 0, "blob": kinds["uuid text"], "other text": kinds["other text"],
                           "time text": 0, "integer": kinds["time text"]}
    assert stored == [("text",)]  # not a UUID: stays text
    assert fk_errors == []
    # Smaller, and the freed pages given back to the disk; auto_vacuum on from now on.
    used_before, used_after = pages_before[0] - pages_before[2], pages_after[0] - pages_after[2]
    assert used_after < 0.8 * used_before and pages_after[1] == 2 and pages_after[2] <= FREE_PAGES_KEPT, (
        pages_before, pages_after)
