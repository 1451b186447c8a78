"""Scoping by territory (from the device's token only), enrolment, the keyring, plain-http refusal, revocation."""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import keyring
import pytest
from keyring.backends import fail, null
from sqlalchemy import func, select
from sync_helpers import (
    ARIEGE,
    TARBES,
    MemoryKeyring,
    add_youth,
    backends,
    edit_youth,
    enrol_device,
    new_store,
    running_server,
    sync,
    transport_factory,
    youth,
)

from pac_desktop.security.keyring_store import SYNC_SERVICE, InsecureKeyring, SecretStore, is_secure
from pac_desktop.server import admin, auth
from pac_desktop.server.models import EnrolmentCode
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.sync import SyncService
from pac_desktop.storage.models import (
    DeadLetter,
    FollowUpEvent,
    LocalSetting,
    OutboxEntry,
    SyncDevice,
    Youth,
)
from pac_desktop.sync.enrolment import enrol
from pac_desktop.sync.errors import DemoDataRefused, DeviceRevoked, EnrolmentRefused, InsecureServerUrl
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.transport import check_server_url


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        yield running


def _youth_ids(device) -> set[str]:
    with device.store.read_session_factory() as s:
        return set(s.scalars(select(Youth.id)))


def _add_follow_up(device, youth_id: str, note: str) -> None:
    with device.store.session_factory.begin() as s:
        s.add(FollowUpEvent(youth_id=youth_id, case_id=youth_id, kind="call", occurred_on=date(2026, 3, 12),
                            note=note))


def test_ariege_never_receives_tarbes_and_its_push_on_tarbes_is_rejected(server, tmp_path):
    foix = enrol_device(server, tmp_path / "foix", organisation="cio-ariege")
    tarbes = enrol_device(server, tmp_path / "tarbes", organisation="cio-tarbes")
    ours = add_youth(foix, territory=ARIEGE)
    theirs = add_youth(tarbes, territory=TARBES)
    _add_follow_up(tarbes, theirs, "Appel à Tarbes")
    sync(foix, tarbes, foix)
    assert theirs not in _youth_ids(foix) and ours in _youth_ids(foix)
    assert ours not in _youth_ids(tarbes) and theirs in _youth_ids(tarbes)
    with foix.store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(FollowUpEvent).where(FollowUpEvent.case_id == theirs)) == 0
    # A raw push on the Tarbes youth with the Ariège device's own token: refused, and nothing leaks back.
    token = foix.engine.tokens.access_token()
    mutation = {"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": theirs, "case_id": theirs,
                "op": "update", "fields": {"phone": "06 99 99 99 99"}, "base": {"phone": None}}
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as client:
        answer = client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": [mutation]}).json()
        (result,) = answer["results"]
        assert (result["status"], result["reason"], result["record"]) == ("rejected", "forbidden", None)
        pulled = client.get("/v1/sync/pull", params={"cursor": 0, "limit": 1000}).json()
    assert theirs not in {c["id"] for c in pulled["changes"]} and theirs not in {c["case_id"] for c in pulled["changes"]}
    assert youth(tarbes, theirs).phone is None
    # The same through the real client: a youth of Tarbes made on the Ariège device is parked, visible, kept.
    stray = add_youth(foix, territory=TARBES)
    sync(foix)
    service = SyncService(ServiceContext(store=foix.store))
    (rejected,) = [r for r in service.rejected() if r.fields.get("territory_id") == TARBES]
    assert rejected.reason == "forbidden" and "territoire" in rejected.reason_label
    assert service.status().rejected >= 1 and youth(foix, stray) is not None
    foix.close()
    tarbes.close()


def test_a_youth_moved_to_another_territory_leaves_the_old_one_with_its_file(server, tmp_path):
    foix = enrol_device(server, tmp_path / "foix", organisation="cio-ariege")
    tarbes = enrol_device(server, tmp_path / "tarbes", organisation="cio-tarbes")
    moving = add_youth(foix, territory=ARIEGE)
    _add_follow_up(foix, moving, "Premier entretien")
    sync(foix, tarbes)
    assert moving not in _youth_ids(tarbes)
    edit_youth(foix, moving, territory_id=TARBES)
    sync(foix, tarbes)
    assert moving not in _youth_ids(foix)  # evicted, with its whole file
    with foix.store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(FollowUpEvent).where(FollowUpEvent.case_id == moving)) == 0
    assert youth(tarbes, moving).territory_id == TARBES
    with tarbes.store.read_session_factory() as s:
        notes = list(s.scalars(select(FollowUpEvent.note).where(FollowUpEvent.case_id == moving)))
    assert notes == ["Premier entretien"]
    foix.close()
    tarbes.close()


def test_refresh_token_lives_in_the_keyring_only(server, tmp_path, _memory_keyring):
    device = enrol_device(server, tmp_path / "d")
    sync(device)
    row = device.replica.device()
    token = _memory_keyring.get_password(SYNC_SERVICE, row.device_id)
    assert token and len(token) >= 40
    device.close()
    for path in (tmp_path / "d").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path.name


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's file backend: a plaintext file."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()],
                         ids=["fail", "null", "plaintext"])
def test_enrolment_refused_without_a_secure_keyring(server, tmp_path, backend):
    keyring.set_keyring(backend)
    assert not is_secure(backend)
    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    replica = LocalReplica(new_store(tmp_path / "d"))
    with pytest.raises(InsecureKeyring) as refused:
        enrol(replica, server_url=server.url, code=code, secrets=SecretStore(), transport_factory=transport_factory())
    message = str(refused.value)
    assert "gnome-keyring" in message and "KWallet" in message and "fichier" in message
    assert replica.device() is None
    with server.engine.connect() as conn:  # the code was not spent: it still works once a keyring is there
        used = conn.execute(select(EnrolmentCode.used_at).where(
            EnrolmentCode.code_hash == auth.sha256(auth.normalise_code(code)))).scalar_one()
    assert used is None
    replica.store.engine.dispose()


def test_plain_http_refused_except_to_this_computer(tmp_path):
    for url in ("http://pac.exemple.fr", "http://192.168.1.10:8750", "http://10.0.0.1"):
        with pytest.raises(InsecureServerUrl) as refused:
            check_server_url(url)
        assert "https://" in str(refused.value)
    for url in ("https://pac.exemple.fr", "http://127.0.0.1:8750", "http://localhost:8750", "http://[::1]:8750"):
        assert check_server_url(url + "/").startswith(url.split(":")[0])
    replica = LocalReplica(new_store(tmp_path / "d"))
    with pytest.raises(InsecureServerUrl):
        enrol(replica, server_url="http://pac.exemple.fr", code="ABCD-EFGH-JKLM", secrets=SecretStore(),
              transport_factory=transport_factory())
    replica.store.engine.dispose()


def test_a_code_serves_once(server, tmp_path):
    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    first = LocalReplica(new_store(tmp_path / "a"))
    enrol(first, server_url=server.url, code=code, secrets=SecretStore(), transport_factory=transport_factory())
    second = LocalReplica(new_store(tmp_path / "b"))
    with pytest.raises(EnrolmentRefused) as refused:
        enrol(second, server_url=server.url, code=code, secrets=SecretStore(), transport_factory=transport_factory())
    assert "déjà utilisé" in str(refused.value)
    assert second.device() is None
    first.store.engine.dispose()
    second.store.engine.dispose()


def test_revoked_device_stops_and_keeps_its_data_and_outbox(server, tmp_path):
    device = enrol_device(server, tmp_path / "d")
    yid = add_youth(device, phone="06 00 00 00 01")
    sync(device)
    edit_youth(device, yid, phone="06 11 11 11 11")
    admin.revoke_device(server.engine, device.replica.device().device_id)
    device.engine.tokens.invalidate()
    with pytest.raises(DeviceRevoked) as stopped:
        device.engine.run_cycle()
    assert "retiré" in str(stopped.value)
    assert youth(device, yid).phone == "06 11 11 11 11"
    with device.store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 1
        assert s.get(SyncDevice, 1).blocked_reason == "device_revoked"
    status = SyncService(ServiceContext(store=device.store)).status()
    assert status.pending == 1 and "retiré" in (status.blocked_message or "")
    with pytest.raises(DeviceRevoked):
        device.engine.run_cycle()
    device.close()


def test_a_spent_refresh_token_presented_again_revokes_the_device(server, tmp_path, _memory_keyring):
    device = enrol_device(server, tmp_path / "d")
    device_id = device.replica.device().device_id
    held = _memory_keyring.get_password(SYNC_SERVICE, device_id)
    with httpx.Client(base_url=server.url) as client:
        # An answer lost on the network: the same token may be presented again while its successor is unused.
        lost = client.post("/v1/token", json={"device_id": device_id, "refresh_token": held})
        again = client.post("/v1/token", json={"device_id": device_id, "refresh_token": held})
        assert lost.status_code == again.status_code == 200
        spent = again.json()["refresh_token"]
        _memory_keyring.set_password(SYNC_SERVICE, device_id, spent)
        device.engine.tokens.invalidate()
        sync(device)  # presents `spent`, gets its successor and uses it
        copied = client.post("/v1/token", json={"device_id": device_id, "refresh_token": spent})
        assert copied.status_code == 403 and copied.json()["code"] == "device_revoked"
    device.engine.tokens.invalidate()
    with pytest.raises(DeviceRevoked):
        device.engine.run_cycle()
    device.close()


def test_demo_data_never_leaves_the_computer(server, tmp_path):
    device = enrol_device(server, tmp_path / "d")
    with device.store.session_factory.begin() as s:
        s.add(LocalSetting(key="demo_data", value="1"))
    add_youth(device, consent=False)
    service = SyncService(ServiceContext(store=device.store))
    with pytest.raises(DemoDataRefused) as refused:
        service.sync_now()
    assert "démonstration" in str(refused.value)
    with device.store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(DeadLetter)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 1
    device.close()
