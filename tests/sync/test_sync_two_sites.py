"""Two sites editing the same youth's file (SYNC.md §9 E), through the real client, server and services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sync_helpers import (
    COUNSELLOR_ARIEGE,
    TEST_KEYS,
    add_youth,
    backends,
    edit_youth,
    enrol_device,
    running_server,
    sync,
    youth,
)

from pac_desktop.server.models import Conflict, RecordVersion
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.sync import SyncService
from pac_desktop.storage.models import FollowUpEvent, OutboxEntry, SyncConflict
from pac_desktop.storage.outbox import tombstone


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture
def site_pair(server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="CIO Foix")
    b = enrol_device(server, tmp_path / "b", name="ML Pamiers")
    sync(a, b)
    yield server, a, b
    a.close()
    b.close()


def _service(device) -> SyncService:
    return SyncService(ServiceContext(store=device.store, keys=TEST_KEYS), transport_factory=None)


def _server_conflicts(server, *record_ids: str) -> list:
    with server.engine.connect() as conn:
        return conn.execute(select(Conflict.__table__).where(Conflict.record_id.in_(record_ids))).all()


def test_disjoint_fields_merge(site_pair):
    server, a, b = site_pair
    yid = add_youth(a, phone="06 00 00 00 01", town="Foix")
    sync(a, b)
    edit_youth(a, yid, phone="06 11 11 11 11")
    edit_youth(b, yid, town="Pamiers")
    sync(a, b, a)
    for device in (a, b):
        row = youth(device, yid)
        assert (row.phone, row.town, row.town_key) == ("06 11 11 11 11", "Pamiers", "pamiers")
    assert _server_conflicts(server, yid) == []


def test_same_field_gives_one_conflict_with_both_values(site_pair):
    server, a, b = site_pair
    yid = add_youth(a, phone="06 00 00 00 01", consent=False)
    sync(a, b)
    edit_youth(a, yid, phone="06 AAAA")
    edit_youth(b, yid, phone="06 BBBB")
    sync(a, b, a, b)
    conflicts = _server_conflicts(server, yid)
    assert len(conflicts) == 1
    (clash,) = conflicts[0].fields
    assert clash == {"field": "phone", "base": "06 00 00 00 01", "mine": "06 BBBB", "theirs": "06 AAAA"}
    # Both devices show it; the first writer's value stands until someone resolves.
    for device in (a, b):
        views = [v for v in _service(device).conflicts() if v.row_id == yid]
        assert [(v.kind, v.fields[0].label, v.fields[0].mine, v.fields[0].theirs) for v in views] == [
            ("field_clash", "Téléphone", "06 BBBB", "06 AAAA")]
        assert youth(device, yid).phone == "06 AAAA"
    assert [v.mine_is_this_device for v in _service(b).conflicts() if v.row_id == yid] == [True]
    assert [v.mine_is_this_device for v in _service(a).conflicts() if v.row_id == yid] == [False]


def test_delete_against_edit(site_pair):
    server, a, b = site_pair
    yid = add_youth(a, phone="06 00 00 00 01")
    sync(a, b)
    with a.store.session_factory.begin() as s:
        from pac_desktop.storage.models import Youth

        tombstone(s.get(Youth, yid))
    edit_youth(b, yid, phone="06 22 22 22 22")
    sync(a, b, a)
    (conflict,) = _server_conflicts(server, yid)
    assert conflict.kind == "update_vs_delete"
    assert conflict.fields == [{"field": "phone", "base": "06 00 00 00 01", "mine": "06 22 22 22 22", "theirs": None}]
    assert youth(b, yid).deleted_at is not None and youth(a, yid).deleted_at is not None
    # The other way round: an edit reaches the server first, then a delete made without seeing it.
    yid2 = add_youth(a, phone="06 00 00 00 02")
    sync(a, b)
    edit_youth(a, yid2, phone="06 33 33 33 33")
    with b.store.session_factory.begin() as s:
        from pac_desktop.storage.models import Youth

        tombstone(s.get(Youth, yid2))
    sync(a, b, a)
    kinds = sorted(c.kind for c in _server_conflicts(server, yid, yid2))
    assert kinds == ["delete_vs_update", "update_vs_delete"]
    assert youth(a, yid2).deleted_at is None and youth(b, yid2).deleted_at is None  # nothing unseen was deleted
    assert youth(b, yid2).phone == "06 33 33 33 33"


def test_identical_resolutions_on_two_devices_give_no_new_conflict(site_pair):
    server, a, b = site_pair
    yid = add_youth(a, phone="06 00 00 00 01", email="a@exemple.fr")
    sync(a, b)
    edit_youth(a, yid, phone="06 AAAA")
    edit_youth(b, yid, phone="06 BBBB")
    sync(a, b, a)
    (conflict_id,) = [c.conflict_id for c in _server_conflicts(server, yid)]
    for device in (a, b):
        _service(device).resolve(conflict_id=conflict_id, choice="merged", merged={"phone": "06 12 34 56 78"},
                                    by=COUNSELLOR_ARIEGE)
        assert youth(device, yid).phone == "06 12 34 56 78"
    sync(a, b, a, b)
    conflicts = _server_conflicts(server, yid)
    assert len(conflicts) == 1 and conflicts[0].status == "resolved"
    for device in (a, b):
        assert youth(device, yid).phone == "06 12 34 56 78"
        assert [c for c in _service(device).conflicts() if c.row_id == yid] == []
        with device.store.read_session_factory() as s:
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
            assert s.scalar(select(SyncConflict.status).where(SyncConflict.row_id == yid)) == "resolved"


def test_resolution_keeping_mine_syncs_like_an_edit(site_pair):
    server, a, b = site_pair
    yid = add_youth(a, phone="06 00 00 00 01", consent=False)
    sync(a, b)
    edit_youth(a, yid, phone="06 AAAA")
    edit_youth(b, yid, phone="06 BBBB")
    sync(a, b, a)
    (view,) = [v for v in _service(b).conflicts() if v.row_id == yid]
    _service(b).resolve(conflict_id=view.conflict_id, choice="mine", by=COUNSELLOR_ARIEGE)
    sync(b, a)
    assert youth(a, yid).phone == youth(b, yid).phone == "06 BBBB"
    assert [v for v in _service(a).conflicts() if v.row_id == yid] == []
    with server.engine.connect() as conn:
        versions = conn.execute(select(RecordVersion.op).where(RecordVersion.id == yid)
                                .order_by(RecordVersion.version)).scalars().all()
    assert versions == ["create", "update", "resolve"]


def test_concurrent_additions_to_a_list_never_conflict(site_pair):
    server, a, b = site_pair
    yid = add_youth(a)
    sync(a, b)
    for device, note in ((a, "Appel du CIO"), (b, "Rendez-vous Mission Locale")):
        with device.store.session_factory.begin() as s:
            s.add(FollowUpEvent(youth_id=yid, case_id=yid, kind="call", occurred_on=date(2026, 3, 12), note=note))
    sync(a, b, a)
    for device in (a, b):
        with device.store.read_session_factory() as s:
            notes = sorted(s.scalars(select(FollowUpEvent.note).where(FollowUpEvent.case_id == yid)))
        assert notes == ["Appel du CIO", "Rendez-vous Mission Locale"]
    assert _server_conflicts(server, yid) == []
