"""Schema negotiation, a server restored from a backup (epoch change), a cursor below the tombstone horizon."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
import pytest
from sqlalchemy import func, select, update
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    add_youth,
    edit_youth,
    enrol_device,
    publish_reference_and_staff,
    running_server,
    signed,
    sync,
    youth,
)

from pac_desktop.server import admin
from pac_desktop.server.config import Settings
from pac_desktop.server.models import Record, RecordVersion, ServerMeta
from pac_desktop.server.testing import ServerThread
from pac_desktop.storage.models import OutboxEntry, SyncDevice
from pac_desktop.sync.errors import UpgradeRequired


def _outbox(device) -> int:
    with device.store.read_session_factory() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


def test_client_below_min_schema_stops_and_keeps_its_outbox(tmp_path):
    with running_server("sqlite", tmp_path) as server:
        device = enrol_device(server, tmp_path / "d")
        yid = add_youth(device, phone="06 00 00 00 01", consent=False)
        with server.engine.begin() as conn:
            conn.execute(update(ServerMeta.__table__).values(min_schema=2, current_schema=2))
        with pytest.raises(UpgradeRequired) as stopped:
            device.engine.run_cycle()
        assert "nouvelle version" in str(stopped.value) and "conservées" in str(stopped.value)
        assert _outbox(device) == 1 and youth(device, yid).phone == "06 00 00 00 01"
        assert device.replica.device().blocked_reason == "upgrade_required"
        # The server itself refuses an old client on push and pull with 426, whatever the client checks.
        token = device.engine.tokens.access_token()
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}",
                                                        "X-Client-Schema": "1"}) as client:
            answer = client.get("/v1/sync/pull", params={"cursor": 0})
            assert answer.status_code == 426 and answer.json()["code"] == "upgrade_required"
        with server.engine.begin() as conn:
            conn.execute(update(ServerMeta.__table__).values(min_schema=1, current_schema=1))
        device.engine.run_cycle()
        assert _outbox(device) == 0 and device.replica.device().blocked_reason is None
        device.close()


def test_fields_unknown_to_an_old_client_are_never_overwritten(tmp_path):
    with running_server("sqlite", tmp_path) as server:
        device = enrol_device(server, tmp_path / "d")
        token = device.engine.tokens.access_token()
        yid = str(uuid.uuid4())
        newer = signed({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid, "case_id": yid,
                        "op": "create", "schema_version": 2, "made_by": COUNSELLOR_ARIEGE,
                        "fields": {"territory_id": ARIEGE, "first_name": "Testa", "last_name": "Fictif",
                                   "birth_date": "2009-05-17", "phone": "06 00 00 00 01", "last_class": "Terminale"}})
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as client:
            assert client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()),
                                                     "mutations": [newer]}).status_code == 200
        sync(device)
        # (A field the server does not know is refused since issue 12: here a field this device leaves alone.)
        assert youth(device, yid).first_name == "Testa"
        edit_youth(device, yid, phone="06 11 11 11 11")
        sync(device)
        with server.engine.connect() as conn:
            data = conn.execute(select(Record.data).where(Record.id == yid)).scalar_one()
        assert data["phone"] == "06 11 11 11 11" and data["last_class"] == "Terminale"  # kept
        device.close()


def test_server_restored_from_a_backup_gets_back_what_it_lost(tmp_path):
    db = tmp_path / "server.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    first = ServerThread(Settings(database_url=f"sqlite:///{db}")).start()
    publish_reference_and_staff(first.engine)
    a = enrol_device(first, tmp_path / "a", name="A")
    b = enrol_device(first, tmp_path / "b", name="B")
    kept = add_youth(a, phone="06 00 00 00 01")
    sync(a, b)
    with sqlite3.connect(db) as src, sqlite3.connect(backup) as dst:  # the night's backup
        src.backup(dst)
    lost = [add_youth(a, phone=f"06 00 00 00 1{n}") for n in range(3)]
    edit_youth(a, kept, phone="06 22 22 22 22")
    sync(a, b)
    first.stop()
    # The server's disk dies; the administrator restores last night's backup and starts a new epoch.
    db.unlink()
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    backup.rename(db)
    restored = ServerThread(Settings(database_url=f"sqlite:///{db}")).start()
    admin.new_epoch(restored.engine)
    for device in (a, b):
        with device.store.session_factory.begin() as s:
            s.get(SyncDevice, 1).server_url = restored.url  # the same server, back at the same address
        device.engine.transport.base_url = restored.url
    report = a.engine.run_cycle()
    assert report.full_resync and report.replayed >= 4
    b.engine.run_cycle()
    with restored.engine.connect() as conn:
        on_server = {r.id: r.data["phone"] for r in conn.execute(
            select(Record.id, Record.data).where(Record.entity == "youth"))}
        versions = conn.execute(select(RecordVersion.mutation_id).where(RecordVersion.entity == "youth")).all()
    assert on_server == {kept: "06 22 22 22 22", **{yid: f"06 00 00 00 1{n}" for n, yid in enumerate(lost)}}
    assert len(versions) == len(set(versions))
    for device in (a, b):
        assert {y for y in on_server if youth(device, y) is not None} == set(on_server)
        assert youth(device, kept).phone == "06 22 22 22 22"
        device.close()
    restored.stop()


def test_cursor_below_the_tombstone_horizon_resyncs_from_the_start(tmp_path):
    with running_server("sqlite", tmp_path) as server:
        a = enrol_device(server, tmp_path / "a")
        b = enrol_device(server, tmp_path / "b")
        yid = add_youth(a)
        sync(a, b)
        edit_youth(a, yid, phone="06 33 33 33 33")
        sync(a)
        with server.engine.begin() as conn:
            conn.execute(update(ServerMeta.__table__).values(tombstone_horizon=10_000_000))
        report = b.engine.run_cycle()
        assert report.full_resync
        assert youth(b, yid).phone == "06 33 33 33 33"
        a.close()
        b.close()
