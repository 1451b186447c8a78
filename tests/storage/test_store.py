"""The local store: pragmas, migrations from empty, backup before migrating and restore on failure."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import stat
import subprocess
import sys
import time

import pytest
import sqlcipher3
from alembic.script import ScriptDirectory
from sqlalchemy import text

from pac_desktop.paths import store_file_kind
from pac_desktop.storage import migrate
from pac_desktop.storage.store import StoreError, StoreKey, database_path, open_store


def test_pragmas_for_durability(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migration_from_empty_reaches_head(store):
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert store.backup is None  # a new store has nothing to back up


def test_the_head_the_start_up_knows_is_the_head_of_the_migrations():
    """A new migration moves HEAD_REVISION along with it: a store at the old head would not be migrated."""
    assert migrate.HEAD_REVISION == migrate.head_revision()


REOPEN_CHILD = r"""
import sys
from pathlib import Path
from pac_desktop.storage.store import open_store
store = open_store(Path(sys.argv[1]))
store.engine.dispose()
print("alembic=" + str(any(name.split(".")[0] == "alembic" for name in sys.modules)))
"""


def test_a_store_at_the_head_opens_without_alembic(data_dir):
    """Issue 16: importing alembic cost the start-up 143 ms and 11 MB for a store that needs no migration."""
    open_store(data_dir).engine.dispose()
    result = subprocess.run([sys.executable, "-c", REOPEN_CHILD, str(data_dir)], capture_output=True, text=True,
                            encoding="utf-8", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["alembic=False"]


def test_a_new_encrypted_store_is_made_without_a_copy_nor_an_upgrade_message(data_dir):
    """Its key writes its first page before the migrations run: the first start made a copy of that empty page
    (« pac.avant-migration-….sqlite3 » in a new computer's folder) and announced an upgrade."""
    heard: list[str] = []
    store = open_store(data_dir, key=StoreKey(raw=secrets.token_bytes(32)), progress=heard.append)
    store.engine.dispose()
    assert store.backup is None and _backups(data_dir) == []
    assert migrate.UPGRADE_MESSAGE not in heard


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


def _backups(data_dir) -> list[str]:  # noqa: ANN001
    return sorted(p.name for p in data_dir.glob("pac.avant-migration-*.sqlite3"))


def _older_copy(data_dir, stamp: str) -> str:  # noqa: ANN001
    """A copy as an earlier migration left it (its date in its name and on the file)."""
    name = f"pac.avant-migration-{stamp}.sqlite3"
    shutil.copyfile(database_path(data_dir), data_dir / name)
    old = time.time() - 86_400 * 30
    os.utime(data_dir / name, (old, old))
    return name


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_successful_migration_keeps_its_copy_only_as_protected_as_the_store(data_dir, encrypted):
    key = StoreKey(raw=secrets.token_bytes(32)) if encrypted else None
    first = open_store(data_dir, key=key)
    with first.engine.begin() as conn:
        conn.execute(text("INSERT INTO local_setting(key, value) VALUES ('witness', 'kept')"))
    before = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(migrate.head_revision())
    migrate.downgrade(first.engine, before.down_revision)
    first.engine.dispose()
    older = [_older_copy(data_dir, "20250101-090000"), _older_copy(data_dir, "20260101-090000")]
    os.chmod(database_path(data_dir), 0o600)

    again = open_store(data_dir, key=key)  # migrates: a new copy, the older ones go
    again.engine.dispose()
    assert again.backup is not None
    assert _backups(data_dir) == [again.backup.name] and not set(older) & set(_backups(data_dir))
    assert stat.S_IMODE(again.backup.stat().st_mode) == 0o600
    if encrypted:  # encrypted with the store's key, as the store
        assert store_file_kind(again.backup) == "encrypted"
        conn = sqlcipher3.connect(str(again.backup))
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        assert conn.execute("SELECT value FROM local_setting WHERE key = 'witness'").fetchone() == ("kept",)
        conn.close()
    else:
        conn = sqlite3.connect(again.backup)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (before.down_revision,)
        conn.close()

    third = open_store(data_dir, key=key)  # nothing to migrate: the last migration's copy stays
    third.engine.dispose()
    assert third.backup is None and _backups(data_dir) == [again.backup.name]


def test_a_failed_migration_removes_no_copy(data_dir):
    first = open_store(data_dir)
    with first.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    first.engine.dispose()
    older = _older_copy(data_dir, "20260101-090000")

    def broken_migration(engine):  # noqa: ANN001, ANN202
        raise RuntimeError("migration bug")

    with pytest.raises(StoreError):
        open_store(data_dir, run_migrations=broken_migration)
    kept = _backups(data_dir)
    assert older in kept and len(kept) == 2  # the older copy and the one put back


def test_start_up_is_told_of_an_upgrade_and_of_a_packing_and_of_nothing_else(data_dir):
    """The splash says why a start takes long (an upgrade, the packing after a first sync), and only then."""
    from pac_desktop.storage.migrate import UPGRADE_MESSAGE
    from pac_desktop.storage.store import PACK_MESSAGE, pack_at_next_start

    heard: list[str] = []
    first = open_store(data_dir, progress=heard.append)  # a new store: created, nothing to say
    assert heard == []
    before = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(migrate.head_revision())
    migrate.downgrade(first.engine, before.down_revision)
    assert pack_at_next_start(first.engine, 10**6)
    first.engine.dispose()

    again = open_store(data_dir, progress=heard.append)
    again.engine.dispose()
    assert heard == [UPGRADE_MESSAGE, PACK_MESSAGE]
    heard.clear()
    third = open_store(data_dir, progress=heard.append)  # upgraded and packed already
    third.engine.dispose()
    assert heard == []


def test_a_packing_that_cannot_run_leaves_the_store_working_and_is_asked_again(data_dir):
    """VACUUM only saves space: when it cannot run (here the store is held busy by another writer; on a real
    computer, a disk with no room for its copy) the start goes on, nothing is lost, and the next start tries again."""
    from pac_desktop.storage.store import PACK_PENDING_KEY, pack_at_next_start, pack_if_pending

    first = open_store(data_dir)
    assert pack_at_next_start(first.engine, 10**6)
    other = sqlite3.connect(database_path(data_dir), timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the store for longer than the busy timeout
    try:
        assert pack_if_pending(first.engine) is False
    finally:
        other.rollback()
        other.close()
    with first.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM local_setting WHERE key = :k"), {"k": PACK_PENDING_KEY}).scalar()
    assert pack_if_pending(first.engine) is True  # the next start packs it
    first.engine.dispose()
