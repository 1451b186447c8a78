"""The store's size (issue 16 §6): migration 0020 drops the indexes of references no query searches by, and a new
store gives the pages freed by bulk deletions back to the disk (auto_vacuum=INCREMENTAL)."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import date

from alembic import command
from sqlalchemy import create_engine

from pac_desktop.demo import DemoDataService
from pac_desktop.services.registry import Services
from pac_desktop.storage.migrate import alembic_config, current_revision, downgrade
from pac_desktop.storage.store import (
    FREE_PAGES_KEPT,
    StoreKey,
    fingerprint,
    open_store,
    release_free_pages,
)

TODAY = date(2026, 3, 12)

DROPPED = {
    "ix_analysis_note_author_staff_id", "ix_follow_up_event_staff_id", "ix_follow_up_event_partner_organisation_id",
    "ix_intake_validation_staff_id", "ix_outcome_recorded_by", "ix_consent_recorded_by", "ix_consent_collected_by",
    "ix_referent_assignment_designated_by", "ix_proposed_solution_offer_id", "ix_referral_organisation_id",
    "ix_joint_intake_host_organisation_id", "ix_contact_attempt_staff_id", "ix_contact_attempt_partner_organisation_id",
    "ix_intake_amendment_amended_by", "ix_evaluation_assignment_drawn_by", "ix_identity_change_changed_by",
    "ix_data_rights_request_handled_by",
}
#: Searched by: they stay.
KEPT = {"ix_intake_participant_staff_id", "ix_joint_intake_created_by", "ix_joint_intake_next_appointment_staff_id",
        "ix_youth_contact_staff_id", "ix_proposed_solution_intake_id", "ix_outcome_intake_id",
        "ix_joint_intake_referral_id"}


def _indexes(path) -> set[str]:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def _plan(path, sql: str, params: tuple) -> str:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return " / ".join(r[-1] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        conn.close()


def test_0020_drops_unsearched_reference_indexes_and_keeps_every_row(data_dir):
    store = open_store(data_dir)
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    DemoDataService(services.ctx).generate(youths=40, seed=3)
    # Back to 0019 through the migration's own downgrade: the indexes come back, the rows stay.
    downgrade(store.engine, "0019")
    store.engine.dispose()
    path = store.path
    assert DROPPED <= _indexes(path)
    conn = sqlite3.connect(path)
    try:
        before = fingerprint(conn)
        sample = conn.execute("SELECT intake_id, offer_id FROM proposed_solution WHERE offer_id IS NOT NULL").fetchone()
    finally:
        conn.close()
    assert before["proposed_solution"][0] > 0 and before["analysis_note"][0] > 0

    # Up to 0020 itself (the later migrations add their own columns and tables: not this test's business).
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "0020")
        assert current_revision(engine) == "0020"
    finally:
        engine.dispose()
    indexes = _indexes(path)
    assert not DROPPED & indexes
    assert KEPT <= indexes
    conn = sqlite3.connect(path)
    try:
        after = fingerprint(conn)
    finally:
        conn.close()
    after.pop("alembic_version")
    before.pop("alembic_version")
    assert after == before
    # The one query that could use a dropped index (an offer already proposed in this intake) searches by intake.
    plan = _plan(path, "SELECT id FROM proposed_solution WHERE intake_id = ? AND offer_id = ? AND deleted_at IS NULL",
                 sample)
    assert "USING INDEX ix_proposed_solution_intake_id" in plan, plan


def _fill_and_empty(store, rows: int = 6000) -> None:  # noqa: ANN001
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE scratch (x BLOB)")
        conn.exec_driver_sql(
            "INSERT INTO scratch SELECT randomblob(1000) FROM (WITH RECURSIVE r(i) AS "
            f"(SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {rows}) SELECT i FROM r)")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM scratch")


def _free_pages_and_size(store) -> tuple[int, int]:  # noqa: ANN001
    raw = store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        free = raw.driver_connection.execute("PRAGMA freelist_count").fetchone()[0]
    finally:
        raw.close()
    return int(free), store.path.stat().st_size


def test_a_new_store_gives_freed_pages_back_to_the_disk(tmp_path):
    for name, key in (("plain", None), ("encrypted", StoreKey(raw=secrets.token_bytes(32)))):
        store = open_store(tmp_path / name, key=key)
        try:
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2  # INCREMENTAL
            _fill_and_empty(store)
            free, size = _free_pages_and_size(store)
            assert free > 1000
            released = release_free_pages(store.engine)
            free_after, size_after = _free_pages_and_size(store)
            assert released == free - free_after and free_after <= FREE_PAGES_KEPT
            assert size_after < size - 1000 * 4096
            assert release_free_pages(store.engine) == 0  # nothing more to give back
            with store.engine.connect() as conn:  # the store still reads
                assert conn.exec_driver_sql("SELECT count(*) FROM local_setting").scalar() >= 1
        finally:
            store.engine.dispose()


def test_a_store_made_before_auto_vacuum_keeps_its_free_pages_for_later(tmp_path):
    path = tmp_path / "data" / "pac.sqlite3"
    path.parent.mkdir()
    sqlite3.connect(path).close()  # an existing file: created without auto_vacuum, as every store before this one
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE made_before (x)")
    conn.close()
    store = open_store(tmp_path / "data")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 0
        _fill_and_empty(store)
        free, size = _free_pages_and_size(store)
        assert release_free_pages(store.engine) == 0
        assert _free_pages_and_size(store) == (free, size)
    finally:
        store.engine.dispose()


def test_a_plain_store_converted_to_an_encrypted_one_gives_freed_pages_back_too(tmp_path):
    """Also: a plain store at the head converts (its WITHOUT ROWID table, contact_summary, is checked row by row)."""
    store = open_store(tmp_path / "data")
    path = store.path
    store.engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA auto_vacuum = NONE")
    conn.execute("VACUUM")  # a plain store made before auto_vacuum
    assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    conn.close()
    store = open_store(tmp_path / "data", key=StoreKey(raw=secrets.token_bytes(32)))  # converted (sqlcipher_export)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2
        _fill_and_empty(store)
        assert release_free_pages(store.engine) > 1000
    finally:
        store.engine.dispose()


def test_bulk_work_is_followed_by_a_vacuum_that_packs_the_indexes_and_keeps_every_row(tmp_path, monkeypatch):
    """Demo data (as a first sync or a big import) inserts ids in random order: the indexes on them keep pages about
    three quarters full until a VACUUM packs them (storage.store.vacuum_after_bulk)."""
    from pac_desktop.storage import store as store_module

    def state(store) -> tuple:  # noqa: ANN001
        raw = store.engine.raw_connection()
        try:
            db = raw.driver_connection
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return (db.execute("PRAGMA page_count").fetchone()[0], fingerprint(db),
                    db.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            raw.close()

    monkeypatch.setattr(store_module, "BULK_ROWS", 10**9)  # no vacuum after the demo data: this test does it
    store = open_store(tmp_path / "data", key=StoreKey(raw=secrets.token_bytes(32)))
    try:
        services = Services.build(store, today=lambda: TODAY)
        services.reference.load()
        rows = DemoDataService(services.ctx).generate(youths=300, seed=5).rows
        pages, before, _ = state(store)
        assert not store_module.vacuum_after_bulk(store.engine, rows)
        monkeypatch.setattr(store_module, "BULK_ROWS", rows)
        assert store_module.vacuum_after_bulk(store.engine, rows)
        pages_after, after, integrity = state(store)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2
    finally:
        store.engine.dispose()
    assert after == before and integrity == "ok"  # every row, rowid and value
    assert pages_after < pages, (pages, pages_after)  # packed (by far more on a store of thousands: bench)

    vacuumed = []
    monkeypatch.setattr(store_module, "vacuum_store", vacuumed.append)
    monkeypatch.setattr(store_module, "BULK_ROWS", 1000)
    store = open_store(tmp_path / "other")
    try:
        services = Services.build(store, today=lambda: TODAY)
        services.reference.load()
        DemoDataService(services.ctx).generate(youths=100, seed=5)  # more than 1,000 rows
        assert vacuumed == [store.engine]
    finally:
        store.engine.dispose()
