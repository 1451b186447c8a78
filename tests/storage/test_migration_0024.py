"""Migration 0024 (issue 16: store size): a store filled before it (0025) loses its case_id indexes and the origin_device
columns no one reads here, and keeps every row — same values, same rowids, the consents' origin_device, the
search indexes, the triggers — plain or encrypted; the store is vacuumed after."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from importlib import import_module

import pytest
from casefile_builders import make_staff, make_youth

from pac_desktop.demo import DemoDataService
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.services.registry import Services
from pac_desktop.storage.migrate import current_revision, head_revision, upgrade
from pac_desktop.storage.store import StoreKey, open_store

TODAY = date(2026, 3, 12)
MIGRATION = import_module("pac_desktop.storage.migrations.versions.0024_lean_case_rows")
DEVICES = (bytes.fromhex("0d" * 16), bytes.fromhex("0e" * 16))


def _dump(engine) -> tuple[dict, dict, dict]:  # noqa: ANN001
    """(every row of every table with its rowid, without origin_device where 0024 drops it; the consents'
    origin_device by id; the schema)."""
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        schema = {(kind, name): sql for kind, name, sql in db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'")}
        rows = {}
        for (kind, name), sql in schema.items():
            if kind != "table" or name == "alembic_version":
                continue
            columns = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")')
                       if not (r[1] == "origin_device" and name in MIGRATION.WITHOUT_ORIGIN)]
            rowid = "" if "WITHOUT ROWID" in sql else "rowid, "
            listed = ", ".join(f'"{c}"' for c in columns)
            rows[name] = sorted(db.execute(f'SELECT {rowid}{listed} FROM "{name}"').fetchall(), key=repr)
        origins = dict(db.execute("SELECT id, origin_device FROM consent").fetchall())
        return rows, origins, schema
    finally:
        raw.close()


def _state(engine) -> dict[str, object]:  # noqa: ANN001
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        return {
            "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
            "foreign keys": db.execute("PRAGMA foreign_key_check").fetchall(),
            "free pages": db.execute("PRAGMA freelist_count").fetchone()[0],
            "with origin_device": sorted(name for (name,) in db.execute(
                "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS "
                "(SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'origin_device')")),
        }
    finally:
        raw.close()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_0024_drops_case_id_indexes_and_unread_origin_device_and_keeps_every_row(data_dir, encrypted):
    key = StoreKey(raw=secrets.token_bytes(32)) if encrypted else None
    # A store made and filled at the revision before (0025).
    store = open_store(data_dir, key=key, run_migrations=lambda engine: upgrade(engine, MIGRATION.down_revision))
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    counsellor = make_staff(services, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    DemoDataService(services.ctx).generate(youths=150, seed=11)
    youth = make_youth(services, first="Léa", last="Testrepere")
    services.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, reached=False, by=counsellor,
                                     attempted_at=datetime(2026, 3, 10, 9, 30, tzinfo=UTC))
    raw = store.engine.raw_connection()
    try:  # origin_device as a synced store holds it: this device's rows and another one's
        db = raw.driver_connection
        for table in MIGRATION.WITHOUT_ORIGIN:
            db.execute(f"UPDATE {table} SET origin_device = ? WHERE rowid % 2 = 0", (DEVICES[0],))
        db.execute("UPDATE consent SET origin_device = ? WHERE rowid % 2 = 0", (DEVICES[1],))
        db.commit()
        assert {f"ix_{t}_case_id" for t in MIGRATION.CASE_TABLES} <= {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        raw.close()
    before, origins_before, schema_before = _dump(store.engine)
    assert len(before["youth"]) == 151 and len(before["intake_participant"]) > 300
    assert {DEVICES[1]} <= set(origins_before.values())
    store.engine.dispose()

    store = open_store(data_dir, key=key)  # migrates to the head
    try:
        assert current_revision(store.engine) == head_revision()
        assert store.backup is not None and store.backup.exists()
        after, origins_after, schema_after = _dump(store.engine)
        state = _state(store.engine)
        # The application reads the file as before, the attempt's summary (triggers) follows a new attempt.
        services = Services.build(store, today=lambda: TODAY)
        services.contacts.record_attempt(youth_id=youth, channel=ContactChannel.SMS, by=counsellor,
                                         attempted_at=datetime(2026, 3, 11, 9, 30, tzinfo=UTC))
        (line,) = [r for r in services.worklist.search(by=counsellor).rows if r.id == youth]
        assert line.attempts == 2
    finally:
        store.engine.dispose()
    assert after == before  # every row, every value, every rowid
    assert origins_after == origins_before
    assert state == {"integrity": "ok", "foreign keys": [], "free pages": 0, "with origin_device": ["consent"]}
    dropped = {("index", f"ix_{t}_case_id") for t in MIGRATION.CASE_TABLES} | {
        ("index", "ix_evaluation_assignment_youth_id")}
    # The store goes on to the head: 0026 makes the state index of joint_intake a wider one, 0027 the territory
    # index of youth.
    assert set(schema_before) - set(schema_after) == dropped | {
        ("index", "ix_joint_intake_state"), ("index", "ix_youth_territory_id")}
    assert set(schema_after) - set(schema_before) == {
        ("index", "ix_joint_intake_open"), ("index", "ix_youth_territory_name")}
    for name, sql in schema_after.items():  # the other indexes and the triggers as they were
        if name[0] != "table" and name in schema_before:
            assert sql == schema_before[name], name
