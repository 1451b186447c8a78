"""The server's engine and its two kinds of transaction.

Every write transaction that allocates ``seq`` holds the ``sync_clock`` row lock from its first statement to
its commit, so that commit order is seq order (SYNC.md §0): ``SELECT … FOR UPDATE`` on PostgreSQL, ``BEGIN
IMMEDIATE`` on SQLite (one writer at a time). Reads never wait for writers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

from .models import SINGLETON_ID, SyncClock

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: A pooled PostgreSQL connection left unused this long is checked (``SELECT 1``) before it serves again; one
#: used more recently is not. A ping at every checkout cost each sync request a round trip (issue 16).
PING_AFTER_IDLE_S = 10.0


def create_server_engine(url: str, *, pool_size: int = 20) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

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
    # hide_parameters: a database error logged with its traceback must not carry a youth's name with it.
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, hide_parameters=True)
    _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    """``pool_pre_ping``, but only for connections that sat in the pool: those are the ones a database restart, a
    firewall's idle timeout or a failover may have cut while nobody looked. A connection that served a moment ago
    is used at once; should its database have gone since, that request is answered « serveur occupé » (503,
    Retry-After: the device tries again), SQLAlchemy sees the disconnect and replaces every connection of the pool
    (tests/server/test_server_pool.py)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record) -> None:  # noqa: ANN001
        record.info["pac_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn, record, _proxy) -> None:  # noqa: ANN001
        idle_since = record.info.pop("pac_idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the connection is gone: the pool opens another (up to three tries)
            raise DisconnectionError() from exc


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def write_transaction(engine: Engine, *, lock_clock: bool = True) -> Iterator[Connection]:
    """A write that may allocate seqs: the clock row is locked first and held until COMMIT.

    ``lock_clock=False``: the caller's first statement locks it itself (a push batch's first read,
    records.Batch: one round trip less)."""
    with engine.execution_options(pac_write=True).begin() as conn:
        if lock_clock and not is_sqlite(engine):
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


@contextmanager
def autocommit_connection(engine: Engine) -> Iterator[Connection]:
    """Statements that each stand alone (a sync request's checks of its device, a pull's page): on PostgreSQL each
    is its own transaction, with no BEGIN nor COMMIT to send; on SQLite a read transaction."""
    if is_sqlite(engine):
        with read_transaction(engine) as conn:
            yield conn
        return
    with engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


#: The key of the PostgreSQL advisory lock held while the schema is migrated ("PACMIGR" in ASCII).
MIGRATION_LOCK_KEY = 0x5041434D49475200 >> 8


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the one this version of pac-server needs (`pac-server migrate`)."""


def upgrade(engine: Engine) -> bool:
    """Bring the server's schema to the newest revision; True when something was migrated.

    Safe when several processes start at once: on PostgreSQL the migration runs under a transaction-level
    advisory lock (the second process waits, then finds the schema current); on SQLite under ``BEGIN IMMEDIATE``
    (one writer at a time). Alembic reads the current revision again once the lock is held."""
    if current_revision(engine) == head_revision():
        return False
    config = alembic_config()
    with engine.execution_options(pac_write=True).begin() as conn:
        if not is_sqlite(engine):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        config.attributes["connection"] = conn
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(config, "head")
        return before != head_revision()


def check_schema(engine: Engine) -> None:
    """Refuse to serve on a schema that is not current (a worker never migrates: `pac-server migrate` does)."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"Le schéma de la base est à la révision {current or 'vide'}, ce serveur attend {head} : lancez "
            "« pac-server migrate » avant de le démarrer.")
