"""The server process dies mid-batch, and after its commit but before its answer (SYNC.md §9 C).

A real `pac-server serve` subprocess whose test hook (PAC_SERVER_CRASH_AT) makes it exit at that point; then
a fresh server on the same database: no part of the interrupted batch is visible, and the client's retry
applies every mutation exactly once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import (
    ARIEGE,
    add_youth,
    backends,
    database_url,
    memory_keyring,
    new_store,
    publish_reference_and_staff,
    transport_factory,
)

from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.server import admin
from pac_desktop.server.config import CRASH_AT_ENV, DATABASE_URL_ENV
from pac_desktop.server.db import create_server_engine, upgrade
from pac_desktop.server.keys import KEY_ENV
from pac_desktop.server.models import AppliedMutation, Record, RecordVersion
from pac_desktop.storage.models import AckedMutation, OutboxEntry, SyncDevice
from pac_desktop.sync.engine import open_engine
from pac_desktop.sync.enrolment import enrol
from pac_desktop.sync.errors import ServerUnreachable
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.transport import NO_RETRY


@contextmanager
def server_process(url: str, *, port: int = 0, crash_at: str | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    env = dict(os.environ, **{DATABASE_URL_ENV: url, KEY_ENV: "ab" * 32})  # PostgreSQL needs a key of its own
    env.pop(CRASH_AT_ENV, None)
    if crash_at:
        env[CRASH_AT_ENV] = crash_at
    proc = subprocess.Popen([sys.executable, "-m", "pac_desktop.server.cli", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert "http://" in line, proc.stderr.read()
        yield proc, line.rsplit(" ", 1)[-1].strip()
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(15)
        proc.stdout.close()
        proc.stderr.close()


def _server_counts(engine, ids: list[str]) -> tuple[int, int, int]:
    with engine.connect() as conn:
        records = conn.execute(select(func.count()).select_from(Record).where(Record.id.in_(ids))).scalar_one()
        versions = conn.execute(select(func.count(), func.count(RecordVersion.mutation_id.distinct())).where(
            RecordVersion.id.in_(ids))).one()
        ledger = conn.execute(select(func.count()).select_from(AppliedMutation).where(
            AppliedMutation.record_id.in_(ids))).scalar_one()
    assert versions[0] == versions[1], "a mutation was applied twice"
    return records, versions[0], ledger


def _outbox(store) -> int:
    with store.read_session_factory() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


@pytest.mark.parametrize("backend", backends())
@pytest.mark.parametrize("crash_at", ["push_mid_batch:2", "push_after_commit"])
@pytest.mark.timeout(120)
def test_server_killed_then_the_retry_is_exactly_once(backend: str, crash_at: str, tmp_path: Path) -> None:
    with memory_keyring(), database_url(backend, tmp_path) as url:
        engine = create_server_engine(url)
        upgrade(engine)
        publish_reference_and_staff(engine)
        store = new_store(tmp_path / "device")
        replica = LocalReplica(store)
        with server_process(url, crash_at=crash_at) as (proc, server_url):
            port = int(server_url.rsplit(":", 1)[1])
            code = admin.enrolment_code(engine, organisation_code="cio-ariege").code
            enrol(replica, server_url=server_url, code=code, secrets=SecretStore(),
                  transport_factory=transport_factory())
            sync = open_engine(replica, SecretStore(), transport_factory=transport_factory(retry=NO_RETRY))
            while sync.pull_once()[0].has_more:  # reference data
                pass
            ids = [add_youth_with(replica, n) for n in range(4)]
            with pytest.raises(ServerUnreachable):
                sync.push_once(batch_size=10)
            assert proc.wait(15) == 3  # the hook killed it where asked
        records, versions, ledger = _server_counts(engine, ids)
        if crash_at.startswith("push_mid_batch"):
            assert (records, versions, ledger) == (0, 0, 0)  # nothing of the half-done batch is visible
        else:
            assert (records, versions, ledger) == (4, 4, 4)  # committed; only the answer was lost
        assert _outbox(store) == 4  # the client still holds every change
        with server_process(url, port=port) as (_proc, _url):
            sync.tokens.invalidate()
            counts = sync.push_once(batch_size=10)
            assert counts.applied == 4
            assert counts.replayed == (4 if crash_at == "push_after_commit" else 0)
            assert sync.push_once() is None
        assert _server_counts(engine, ids) == (4, 4, 4)
        assert _outbox(store) == 0
        with store.read_session_factory() as s:
            assert s.scalar(select(func.count()).select_from(AckedMutation)) == 4
            assert s.get(SyncDevice, 1).blocked_reason is None
        store.engine.dispose()
        engine.dispose()


def add_youth_with(replica: LocalReplica, n: int) -> str:
    from sync_helpers import Device

    return add_youth(Device("d", replica.store, replica, None), territory=ARIEGE, phone=f"06 00 00 00 0{n}",
                     consent=False)
