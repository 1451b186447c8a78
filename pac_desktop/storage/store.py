"""Opening the local store: where it lives, the one engine factory, migrations with backup and restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import sessionmaker

from pac_desktop.domain.errors import DomainError

from .base import new_id
from .models import LocalSetting
from .outbox import ACTOR, DEVICE, LocalSession

APP_NAME = "pac-desktop"
DB_FILENAME = "pac.sqlite3"
DATA_DIR_ENV = "PAC_DATA_DIR"


class StoreError(DomainError):
    """The local store cannot be opened or migrated; the message says what happened, in French."""


def default_data_dir() -> Path:
    """The user's data directory, unless ``--data-dir`` or ``PAC_DATA_DIR`` says otherwise."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def create_store_engine(path: Path) -> Engine:
    """The single place where the local store's engine is made (local encryption plugs in here).

    WAL with synchronous=FULL: with NORMAL, a committed transaction can be lost on power loss,
    and counsellors must never lose a word. Foreign keys are on for every connection.
    """
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        # The driver's own transaction handling is replaced by explicit BEGIN (see "begin" below), so
        # that a write transaction takes the lock at once (BEGIN IMMEDIATE) instead of failing later.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        read_only = conn.get_execution_options().get("pac_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


SessionFactory = Callable[..., LocalSession]


def make_session_factory(
    engine: Engine, *, device_id: str | None = None, read_only: bool = False
) -> sessionmaker[LocalSession]:
    """Sessions of the local store; each flush feeds the outbox (see storage.outbox).

    Read-only sessions start a deferred transaction, so that searches never wait for the writer.
    """
    bind = engine.execution_options(pac_read_only=True) if read_only else engine
    return sessionmaker(bind=bind, class_=LocalSession, expire_on_commit=False, info={DEVICE: device_id})


def set_actor(session: LocalSession, staff_id: str | None) -> None:
    """Who makes the changes of this unit of work (``updated_by`` of synced rows)."""
    session.info[ACTOR] = staff_id


def backup_database(path: Path, *, reason: str) -> Path:
    """A consistent copy of the store beside it (SQLite's online backup: safe with WAL)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def restore_database(backup: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)


@dataclass(frozen=True)
class OpenedStore:
    path: Path
    engine: Engine
    session_factory: sessionmaker[LocalSession]
    read_session_factory: sessionmaker[LocalSession]
    device_id: str
    backup: Path | None  # the copy made before migrating, if a migration ran


def open_store(data_dir: Path, *, run_migrations: Callable[[Engine], None] | None = None) -> OpenedStore:
    """Open (creating if need be) and migrate the store in ``data_dir``."""
    from .migrate import upgrade_with_backup

    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Le dossier des données ({data_dir}) ne peut pas être créé : {exc.strerror}. "
            "Vérifiez qu'il est accessible en écriture, ou choisissez-en un autre avec --data-dir."
        ) from exc
    path = database_path(data_dir)
    engine = create_store_engine(path)
    backup = upgrade_with_backup(engine, path, run=run_migrations)
    device_id = ensure_device_id(engine)
    return OpenedStore(
        path=path,
        engine=engine,
        session_factory=make_session_factory(engine, device_id=device_id),
        read_session_factory=make_session_factory(engine, device_id=device_id, read_only=True),
        device_id=device_id,
        backup=backup,
    )


DEVICE_ID_KEY = "device_id"


def ensure_device_id(engine: Engine) -> str:
    """This installation's id (origin_device of its rows), made once."""
    factory = sessionmaker(bind=engine, class_=LocalSession)
    with factory.begin() as session:
        setting = session.get(LocalSetting, DEVICE_ID_KEY)
        if setting is None:
            setting = LocalSetting(key=DEVICE_ID_KEY, value=new_id())
            session.add(setting)
        return setting.value


def read_setting(session: LocalSession, key: str) -> str | None:
    return session.scalar(select(LocalSetting.value).where(LocalSetting.key == key))
