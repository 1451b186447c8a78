"""The local store: pragmas, migrations from empty, backup before migrating and restore on failure."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from pac_desktop.storage import migrate
from pac_desktop.storage.store import StoreError, database_path, open_store


def test_pragmas_for_durability(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migration_from_empty_reaches_head(store):
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert store.backup is None  # a new store has nothing to back up


def test_reopening_a_current_store_changes_nothing(data_dir):
    first = open_store(data_dir)
    first.engine.dispose()
    again = open_store(data_dir)
    assert again.backup is None and again.device_id == first.device_id
    again.engine.dispose()


def test_failed_migration_restores_the_backup(data_dir):
    first = open_store(data_dir)
    with first.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
        conn.execute(text("INSERT INTO local_setting(key, value) VALUES ('witness', 'kept')"))
    first.engine.dispose()

    def broken_migration(engine):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM local_setting"))  # half-done work that must not survive
            raise RuntimeError("migration bug")

    with pytest.raises(StoreError) as error:
        open_store(data_dir, run_migrations=broken_migration)
    message = str(error.value)
    assert "a échoué" in message and "copie de sécurité" in message

    con = sqlite3.connect(database_path(data_dir))
    assert con.execute("SELECT value FROM local_setting WHERE key='witness'").fetchone() == ("kept",)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert list(data_dir.glob("pac.avant-migration-*.sqlite3")), "the backup stays beside the store"


def test_a_file_that_is_not_a_database_is_refused_untouched(data_dir):
    data_dir.mkdir(parents=True)
    path = database_path(data_dir)
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="n'est pas une base de données PAC"):
        open_store(data_dir)
    assert path.read_bytes() == b"not a database at all" * 100
