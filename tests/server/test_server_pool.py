"""On PostgreSQL: the server's pool checks a connection that sat idle before it serves, and only such a one.

A database restart (or a firewall's idle timeout) cuts pooled connections while nobody uses them: the first
request afterwards must not fail for it. A connection used a moment ago is not checked (a round trip saved on
every sync request, issue 16); if its database went in that moment, one request fails and the pool starts anew.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sync_helpers import PG_ENV

from pac_desktop.server import db

pytestmark = [pytest.mark.skipif(not os.environ.get(PG_ENV), reason="needs PAC_TEST_DATABASE_URL (PostgreSQL)"),
              pytest.mark.postgres, pytest.mark.timeout(60)]


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _cut(pid: int) -> None:
    """What a database restart does to one connection: its backend ends."""
    admin = create_engine(os.environ[PG_ENV], isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
    finally:
        admin.dispose()


def test_a_connection_cut_while_idle_in_the_pool_is_replaced_before_it_serves(monkeypatch) -> None:
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)
    engine = db.create_server_engine(os.environ[PG_ENV], pool_size=1)
    try:
        first = _backend_pid(engine)
        _cut(first)
        assert _backend_pid(engine) != first  # no error: the check found it gone and the pool opened another
    finally:
        engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_checked_and_the_pool_recovers_after_one_failure(
        monkeypatch) -> None:
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 3600.0)
    engine = db.create_server_engine(os.environ[PG_ENV], pool_size=1)
    try:
        first = _backend_pid(engine)
        _cut(first)
        with pytest.raises(DBAPIError) as failed:
            _backend_pid(engine)
        assert failed.value.connection_invalidated
        assert _backend_pid(engine) != first
    finally:
        engine.dispose()
