"""Alembic migrations of the local store, run at start-up after a backup copy of the file.

A store already at :data:`HEAD_REVISION` is opened without importing alembic (143 ms and 11 MB of the start-up,
issue 16): its revision is read from the ``alembic_version`` table alembic keeps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from .store import (
    StoreError,
    backup_database,
    compact_after_migration,
    engine_key,
    remove_backups,
    restore_database,
)

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest migration (tests/storage/test_store.py checks that it is the head of migrations/versions).
HEAD_REVISION = "0027"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The head of the migrations, as alembic reads it from their files."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The store's revision, as alembic records it (None: a store made before any migration, or an empty file);
    read without alembic and without the write lock."""
    with engine.execution_options(pac_read_only=True).connect() as conn:
        kept = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").scalar()
        revisions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() if kept else []
    if len(revisions) > 1:  # branches: never made by these migrations; alembic tells what to do with them
        raise StoreError("Les données de cet ordinateur ont plusieurs versions de schéma à la fois.")
    return revisions[0] if revisions else None


def _holds_tables(engine: Engine) -> bool:
    with engine.execution_options(pac_read_only=True).connect() as conn:
        return bool(conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'table'").scalar())


#: A migration that drops columns or indexes sets this attribute of its configuration (``alembic.context.config``):
#: the upgrade then ends with a VACUUM (0024).
REPACK = "pac_repack"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest revision (or ``revision``: the tests of a migration) on this engine."""
    from alembic import command

    made = current_revision(engine) is not None  # a new store has nothing to pack
    config = _migrate(engine, command.upgrade, revision)
    compact_after_migration(engine, repack=made and bool(config.attributes.get(REPACK)))


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` through the migrations' own downgrades (the tests' stores of before)."""
    from alembic import command

    _migrate(engine, command.downgrade, revision)


def _migrate(engine: Engine, step: Callable[[Config, str], None], revision: str) -> Config:
    config = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        # Foreign keys off while the schema changes (SQLite's own procedure for changing a table): a table copied
        # and renamed (migration 0022) is dropped first, and its rows are the same rows after. On the DB-API
        # connection, outside any transaction, or the pragma does nothing.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                step(config, revision)
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
    return config


#: The copy made before migrating: ``pac.avant-migration-<UTC date>.sqlite3`` beside the store.
BACKUP_REASON = "avant-migration"


class MigrationFailed(StoreError):
    pass


#: What start-up shows while an existing store is copied and upgraded (seconds, once per new version).
UPGRADE_MESSAGE = "Mise à jour des données pour cette version (une seule fois, après une copie de sécurité)…"


def upgrade_with_backup(engine: Engine, path: Path, *, run: Callable[[Engine], None] | None = None,
                        progress: Callable[[str], None] | None = None) -> Path | None:
    """Migrate the store if it is behind; on failure put the backup back and say so in French.

    ``run`` replaces the migration itself (the tests inject a failing one). ``progress`` hears what start-up
    should show while an existing store is upgraded. Returns the backup made, if any.
    """
    run = run or upgrade
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        try:
            current = current_revision(engine)
        except Exception as exc:  # a file that is not a database at all
            raise StoreError(
                f"Le fichier {path.name} n'est pas une base de données PAC lisible. "
                "Il n'a pas été modifié. Restaurez une sauvegarde ou contactez votre administrateur."
            ) from exc
        if current == HEAD_REVISION:
            return None
        # A new encrypted store already holds its first page (the key's): with no table in it, it is new, and has
        # nothing to copy nor to announce as an upgrade.
        existed = current is not None or _holds_tables(engine)
        if existed and progress is not None:
            progress(UPGRADE_MESSAGE)
    backup = backup_database(path, reason=BACKUP_REASON, key=engine_key(engine)) if existed else None
    try:
        run(engine)
    except Exception as exc:
        engine.dispose()
        log.exception("local store migration failed")  # no personal data: only the schema's error
        if backup is not None:
            restore_database(backup, path)
            raise MigrationFailed(
                "La mise à jour de la base locale a échoué. Vos données n'ont pas été modifiées : la copie "
                f"de sécurité faite juste avant ({backup.name}) a été remise en place. L'application ne peut "
                "pas démarrer avec cette version ; prévenez votre administrateur."
            ) from exc
        raise MigrationFailed(
            "La création de la base locale a échoué. Aucune donnée n'a été perdue. Vérifiez l'espace disque "
            "et les droits d'écriture du dossier des données, puis relancez l'application."
        ) from exc
    if backup is not None:
        # The upgrade succeeded: the copies made before earlier ones go; this one stays until the next succeeds
        # (a failed one removes none).
        removed = remove_backups(path, BACKUP_REASON, but=backup)
        if removed:
            log.info("removed %d older copies of the local store made before a migration", len(removed))
    return backup
