"""The server's engine and its two kinds of transaction.

Every write transaction that allocates ``seq`` holds the ``sync_clock`` row lock from its first statement to
its commit, so that commit order is seq order (SYNC.md §0): ``SELECT … FOR UPDATE`` on PostgreSQL, ``BEGIN
IMMEDIATE`` on SQLite (one writer at a time). Reads never wait for writers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url

from .models import SINGLETON_ID, SyncClock

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def create_server_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
            dbapi_conn.isolation_level = None  # explicit BEGIN below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:  # noqa: ANN001
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("pac_write") else "BEGIN")

        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A write that may allocate seqs: the clock row is locked first and held until COMMIT."""
    with engine.execution_options(pac_write=True).begin() as conn:
        if not is_sqlite(engine):
            conn.execute(select(SyncClock.seq).where(SyncClock.id == SINGLETON_ID).with_for_update())
        yield conn


@contextmanager
def plain_transaction(engine: Engine) -> Iterator[Connection]:
    """A write that allocates no seq (devices, enrolment codes)."""
    with engine.execution_options(pac_write=True).begin() as conn:
        yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as conn:
        yield conn


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the server's schema to the newest revision (run at every start; a no-op when up to date)."""
    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.execution_options(pac_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
