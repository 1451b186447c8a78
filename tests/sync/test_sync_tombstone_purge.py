"""Tombstone retention (SYNC.md §8): the server purges a deletion only once every active device has read it and it
is 180 days old; idle devices are disabled so they cannot hold it back; a device left below the horizon reloads
its territory and drops what the server no longer holds, keeping what it has not sent yet."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sync_helpers import (
    Device,
    add_youth,
    backends,
    copy_store,
    edit_youth,
    enrol_device,
    open_device,
    running_server,
    sync,
    transport_factory,
    youth,
)

from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.server import admin
from pac_desktop.server.models import Device as ServerDevice
from pac_desktop.server.models import Feed, Record, RecordVersion, ServerMeta, utcnow
from pac_desktop.server.retention import purge_tombstones
from pac_desktop.storage.models import OutboxEntry, Youth
from pac_desktop.storage.outbox import tombstone
from pac_desktop.sync.engine import open_engine
from pac_desktop.sync.enrolment import enrol
from pac_desktop.sync.errors import CursorTooOld, DeviceRevoked


def _device_id(device: Device) -> str:
    return device.replica.device().device_id


def _delete_youth(device: Device, youth_id: str) -> None:
    with device.store.session_factory.begin() as s:
        tombstone(s.get(Youth, youth_id))


def _seen(server, device: Device, when: datetime) -> None:
    """The device's last contact with the server (stands for a sync made on that date)."""
    with server.engine.begin() as conn:
        conn.execute(update(ServerDevice.__table__).where(ServerDevice.device_id == _device_id(device))
                     .values(last_seen=when))


def _read_past(device: Device, youth_id: str) -> None:
    """Two more edits synced: the server only moves a device's last_cursor when a pull brings something, to the
    cursor that pull started from, so it takes two to pass the device's own latest deletion."""
    for n in range(2):
        edit_youth(device, youth_id, phone=f"06 44 44 44 4{n}")
        sync(device)


def _server_state(server, youth_id: str) -> tuple[int, int, int, int, str]:
    """(records, versions, feed rows) of a youth, the tombstone horizon, and the devices' statuses."""
    with server.engine.connect() as conn:
        records = conn.scalar(select(func.count()).select_from(Record).where(Record.id == youth_id))
        versions = conn.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.id == youth_id))
        feed = conn.scalar(select(func.count()).select_from(Feed).where(Feed.id == youth_id))
        horizon = conn.scalar(select(ServerMeta.tombstone_horizon))
        statuses = ",".join(conn.scalars(select(ServerDevice.status).order_by(ServerDevice.enrolled_at)))
    return records, versions, feed, horizon, statuses


def _outbox(device: Device) -> int:
    with device.store.read_session_factory() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


def _last_cursor(server, device: Device) -> int:
    with server.engine.connect() as conn:
        return conn.scalar(select(ServerDevice.last_cursor).where(ServerDevice.device_id == _device_id(device)))


@pytest.mark.parametrize("backend", backends())
def test_a_tombstone_is_purged_once_every_active_device_read_it_and_laggards_resync(backend, tmp_path):
    with running_server(backend, tmp_path) as server:
        factory = transport_factory()
        a = enrol_device(server, tmp_path / "a", name="Poste A", factory=factory)
        b = enrol_device(server, tmp_path / "b", name="Poste B", factory=factory)
        gone = add_youth(a, phone="06 00 00 00 01", consent=False)
        kept = add_youth(a, phone="06 00 00 00 02", consent=False)
        sync(a, b)
        assert youth(b, gone).deleted_at is None
        copy_store(tmp_path / "a", tmp_path / "c")  # a backup of A's data folder, restored later on C
        _delete_youth(a, gone)
        sync(a)
        _read_past(a, kept)
        with server.engine.connect() as conn:
            tomb = conn.execute(select(Record.seq, Record.deleted).where(Record.id == gone)).one()
        assert tomb.deleted and _last_cursor(server, a) > tomb.seq > _last_cursor(server, b)

        # 200 days later. Both devices still sync: B has not pulled the deletion, it holds the horizon.
        later = utcnow() + timedelta(days=200)
        _seen(server, a, later - timedelta(days=1))
        _seen(server, b, later - timedelta(days=1))
        before = _server_state(server, gone)
        held = purge_tombstones(server.engine, now=later)
        assert (held.devices_disabled, held.tombstones_purged) == (0, 0)
        assert held.horizon == max(before[3], _last_cursor(server, b)) < tomb.seq
        records, versions, feed, _horizon, statuses = _server_state(server, gone)
        assert (records, versions, feed, statuses) == (1, before[1], before[2], "active,active") and versions >= 2

        # B is then never seen again: past 180 days it is disabled and no longer holds anything back.
        _seen(server, b, later - timedelta(days=181))
        before = _server_state(server, gone)
        dry = purge_tombstones(server.engine, now=later, dry_run=True)
        assert dry.dry_run and (dry.devices_disabled, dry.tombstones_purged) == (1, 1)
        assert dry.versions_purged == before[1] and dry.disabled_names == ("Poste B",)
        assert dry.horizon == _last_cursor(server, a) > tomb.seq
        assert _server_state(server, gone) == before  # a dry run changes nothing

        done = purge_tombstones(server.engine, now=later)
        assert (done.devices_disabled, done.tombstones_purged, done.versions_purged, done.horizon) == (
            1, 1, before[1], dry.horizon)
        assert done.previous_horizon == before[3] < done.horizon
        assert _server_state(server, gone) == (0, 0, 0, done.horizon, "active,revoked")
        with server.engine.connect() as conn:
            reason = conn.scalar(select(ServerDevice.revoked_reason).where(
                ServerDevice.device_id == _device_id(b)))
            assert conn.scalar(select(Record.deleted).where(Record.id == kept)) is False  # the living stay
        assert reason.startswith("Ordinateur inactif depuis plus de 180 jours")
        again = purge_tombstones(server.engine, now=later)
        assert (again.devices_disabled, again.tombstones_purged, again.horizon) == (0, 0, done.horizon)

        # B's next sync is refused with the reason; what it holds stays, and so does what it types meanwhile.
        waiting = add_youth(b, phone="06 00 00 00 03")
        with pytest.raises(DeviceRevoked) as stopped:
            b.engine.run_cycle()
        assert "inactif depuis plus de 180 jours" in str(stopped.value) and "réinscrivez" in str(stopped.value)
        assert youth(b, gone).deleted_at is None

        # Enrolled again, B is below the horizon: 410, then a full pull that no longer brings the purged youth.
        code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
        enrol(b.replica, server_url=server.url, code=code, secrets=SecretStore(), device_name="Poste B",
              transport_factory=factory)
        b.engine.transport.close()
        b = Device("Poste B", b.store, b.replica, open_engine(b.replica, SecretStore(), transport_factory=factory))
        pending = _outbox(b)
        assert pending >= 1
        with pytest.raises(CursorTooOld):
            b.engine.pull_once()
        b.replica.begin_full_resync(epoch=None, server_restored=False)
        purged = 0
        while True:
            page, counts = b.engine.pull_once()
            purged += counts.purged
            if not page.has_more:
                break
        assert purged == 1 and youth(b, gone).deleted_at is not None
        assert _outbox(b) == pending  # tombstoned as the server's doing: nothing to send for it
        assert youth(b, waiting).deleted_at is None  # not sent yet: kept, and sent at the next sync
        assert youth(b, kept).deleted_at is None and youth(b, kept).phone == "06 44 44 44 41"
        with b.store.read_session_factory() as s:
            assert s.scalar(select(func.count()).select_from(Youth).where(Youth.seq < 0)) == 0
        sync(b)
        assert _outbox(b) == 0
        with server.engine.connect() as conn:
            assert conn.scalar(select(Record.data).where(Record.id == waiting))["phone"] == "06 00 00 00 03"

        # C: A's computer restored from the backup taken before the deletion. Its cursor is below the horizon;
        # the sync cycle resyncs in full and drops the youth, after sending what was typed on it.
        c = open_device(tmp_path / "c", "Poste C", factory)
        typed = add_youth(c, phone="06 00 00 00 04")
        assert youth(c, gone).deleted_at is None
        report = c.engine.run_cycle()
        assert report.full_resync
        assert youth(c, gone).deleted_at is not None and youth(c, kept).phone == "06 44 44 44 41"
        assert youth(c, typed).deleted_at is None and youth(c, typed).seq and _outbox(c) == 0
        assert youth(c, waiting).deleted_at is None
        for device in (a, b, c):
            device.close()


@pytest.mark.parametrize("backend", backends())
def test_recent_tombstones_stay_and_without_active_devices_every_old_one_goes(backend, tmp_path):
    with running_server(backend, tmp_path) as server:
        a = enrol_device(server, tmp_path / "a", name="Poste A")
        gone = add_youth(a, consent=False)
        kept = add_youth(a, consent=False)
        sync(a)
        _delete_youth(a, gone)
        sync(a)
        _read_past(a, kept)
        before = _server_state(server, gone)
        # 100 days later, A (seen 100 days ago) is still active and has read the deletion: too recent to go.
        recent = purge_tombstones(server.engine, now=utcnow() + timedelta(days=100))
        assert (recent.devices_disabled, recent.tombstones_purged) == (0, 0)
        assert recent.horizon == _last_cursor(server, a) > before[3]
        assert _server_state(server, gone)[:3] == before[:3]
        # 181 days later, A is disabled: no active device is left, the horizon goes past every seq.
        old = purge_tombstones(server.engine, now=utcnow() + timedelta(days=181))
        assert (old.devices_disabled, old.tombstones_purged) == (1, 1)
        with server.engine.connect() as conn:
            seq = conn.scalar(select(func.max(Record.seq)))
        assert old.horizon > seq
        assert _server_state(server, gone) == (0, 0, 0, old.horizon, "revoked")
        a.close()
