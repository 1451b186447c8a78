"""Changes signed by their author (issue 12, docs/sync-authorship.md §2), against a real pac-server (SQLite, and
PostgreSQL when PAC_TEST_DATABASE_URL is set) and a real enrolled device.

The staff are made on the server with a real password (``pac-server admin create-staff``): their public key is
registered there; on the device, signing in derives the private key from the password typed, in memory only.
A device can then no longer push a change naming as author another staff member of its own territory, while a
computer shared by two counsellors who sign in one after the other still sends the changes of both.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import ARIEGE, backends, enrol_device, running_server

from pac_desktop.cli import main as pac_main
from pac_desktop.domain.authorship import signed_payload
from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.signing import SigningKeys, derive_signing_key
from pac_desktop.server import admin
from pac_desktop.server.models import Record, RecordVersion, StaffKey
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.storage.models import DeadLetter, OutboxEntry, Youth

ALICE = ("a.fictive", "alice-mot-de-passe-1")
BRUNO = ("b.fictif", "bruno-mot-de-passe-2")


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        running.alice = admin.create_staff(running.engine, first_name="Alice", last_name="Fictive",
                                           organisation_code="cio-ariege", roles=[StaffRole.COUNSELLOR],
                                           login=ALICE[0], password=ALICE[1])
        running.bruno = admin.create_staff(running.engine, first_name="Bruno", last_name="Fictif",
                                           organisation_code="cio-ariege", roles=[StaffRole.COUNSELLOR],
                                           login=BRUNO[0], password=BRUNO[1])
        yield running


@pytest.fixture
def foix(server, tmp_path):
    device = enrol_device(server, tmp_path / "foix", organisation="cio-ariege")  # pulls the staff and logins
    services = Services.build(device.store)
    yield device, services
    device.close()


def _new_youth(services: Services, by: Actor | str) -> str:
    youth_id = str(uuid.uuid4())
    with services.ctx.write(by) as s:
        s.add(Youth(id=youth_id, case_id=youth_id, territory_id=ARIEGE, first_name="Testa", last_name="Fictif",
                    birth_date=date(2009, 5, 17)))
    return youth_id


def _set_phone(services: Services, youth_id: str, phone: str, by: Actor | str) -> None:
    with services.ctx.write(by) as s:
        s.get(Youth, youth_id).phone = phone


def _server_youth(server, youth_id: str) -> dict | None:
    with server.engine.connect() as conn:
        return conn.execute(select(Record.data).where(Record.entity == "youth", Record.id == youth_id)).scalar()


def _authors(server, youth_id: str) -> list[str | None]:
    with server.engine.connect() as conn:
        return list(conn.execute(select(RecordVersion.staff_id).where(
            RecordVersion.entity == "youth", RecordVersion.id == youth_id).order_by(RecordVersion.version)).scalars())


def _denials(server, record_id: str) -> list[dict]:
    with server.engine.connect() as conn:
        rows = conn.execute(select(Record.data).where(Record.entity == "audit_event")).scalars().all()
    return [d for d in rows if d.get("action") == "denied" and d.get("entity_id") == record_id]


def _dead_letters(device) -> dict[str, str]:
    with device.store.read_session_factory() as s:
        return {d.row_id: d.reason for d in s.scalars(select(DeadLetter))}


def test_the_key_registered_on_the_server_is_the_one_the_password_opens(server, foix):
    device, services = foix
    with server.engine.connect() as conn:
        registered = conn.execute(select(StaffKey.key_id).where(StaffKey.staff_id == server.alice,
                                                                 StaffKey.revoked_at.is_(None))).scalars().all()
    alice = services.sessions.login(login=ALICE[0], password=ALICE[1])
    assert services.ctx.keys.holds(alice.staff_id)
    youth_id = _new_youth(services, alice)
    with device.store.read_session_factory() as s:
        (entry,) = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == youth_id)).all()
    assert [entry.key_id] == registered and entry.signature
    services.sessions.logout(actor=alice)
    assert not services.ctx.keys.holds(alice.staff_id)  # the key lives only as long as the session


def test_a_device_cannot_name_another_staff_member_of_its_own_territory(server, foix):
    """Alice is signed in; a change made in Bruno's name (a forged ``made_by``) is refused and audited, whether
    unsigned, or signed with Alice's key."""
    device, services = foix
    alice = services.sessions.login(login=ALICE[0], password=ALICE[1])
    youth_id = _new_youth(services, alice)
    services.sync.sync_now()
    assert _server_youth(server, youth_id)["first_name"] == "Testa"

    _set_phone(services, youth_id, "06 11 11 11 11", by=server.bruno)  # Bruno never signed in here
    report = services.sync.sync_now()
    assert report.rejected == 1
    assert _server_youth(server, youth_id)["phone"] is None
    assert "n'est pas signée par son auteur" in _dead_letters(device)[youth_id]
    (denial,) = _denials(server, youth_id)
    assert denial["staff_id"] == server.bruno and denial["detail"].startswith("signature refusée")

    # The device's own code is not needed: a raw push naming Bruno, signed with the key Alice's password opens.
    alice_key = derive_signing_key(ALICE[1], staff_id=server.alice, password_hash=_hash_of(services, server.alice))
    keys = SigningKeys()
    keys.hold(server.bruno, alice_key)  # Alice's key, presented as Bruno's
    forged = {"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": youth_id, "case_id": youth_id,
              "op": "update", "fields": {"phone": "06 22 22 22 22"}, "base": {"phone": None}, "base_version": 1,
              "made_by": server.bruno, "made_at": "2026-03-02T10:00:00+00:00"}
    forged["key_id"], forged["signature"] = keys.sign(server.bruno, signed_payload(
        mutation_id=forged["mutation_id"], entity="youth", row_id=youth_id, case_id=youth_id, op="update",
        fields=forged["fields"], base=forged["base"], base_version=1, conflict_id=None, made_by=server.bruno,
        made_at=forged["made_at"]))
    token = device.engine.tokens.access_token()
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as client:
        answer = client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": [forged]})
        assert answer.status_code == 200, answer.text
        (result,) = answer.json()["results"]
        assert result["status"] == "rejected"
        assert "ne correspond pas à son auteur" in result["reason"] or "pas (ou plus) reconnue" in result["reason"]
        # Alice's genuine signature copied onto a change naming Bruno: the signed bytes differ.
        genuine = dict(forged, made_by=server.alice, mutation_id=str(uuid.uuid4()))
        genuine["key_id"], genuine["signature"] = _sign_as(alice_key, genuine)
        copied = dict(genuine, made_by=server.bruno)
        (result,) = client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": [copied]}
                                ).json()["results"]
        assert result["status"] == "rejected" and "ne correspond pas à son auteur" in result["reason"]
    assert _server_youth(server, youth_id)["phone"] is None
    assert len(_denials(server, youth_id)) == 3
    assert "22 22" not in json.dumps(_denials(server, youth_id))
    services.sessions.logout(actor=alice)


def test_two_counsellors_signing_in_one_after_the_other_both_sync(server, foix):
    """A shared computer: Alice signs in, makes a youth's file, signs out; Bruno signs in, edits it and makes
    another, signs out. The sync runs once nobody is signed in: every change goes, each under its author."""
    device, services = foix
    alice = services.sessions.login(login=ALICE[0], password=ALICE[1])
    first = _new_youth(services, alice)
    services.sessions.logout(actor=alice)
    bruno = services.sessions.login(login=BRUNO[0], password=BRUNO[1])
    _set_phone(services, first, "06 33 33 33 33", by=bruno)
    second = _new_youth(services, bruno)
    services.sessions.logout(actor=bruno)
    assert not services.ctx.keys.holds(alice.staff_id) and not services.ctx.keys.holds(bruno.staff_id)

    report = services.sync.sync_now()
    assert report.rejected == 0 and _dead_letters(device) == {}
    assert _server_youth(server, first)["phone"] == "06 33 33 33 33"
    assert _authors(server, first) == [server.alice, server.bruno]
    assert _authors(server, second) == [server.bruno]
    with server.engine.connect() as conn:  # the sign-ins and sign-outs themselves, each signed by its author
        events = [d for d in conn.execute(select(Record.data).where(Record.entity == "audit_event")).scalars()
                  if d.get("action") in ("login", "logout") and d.get("staff_id") in (server.alice, server.bruno)]
    assert len(events) >= 4


def test_a_reset_password_revokes_the_old_key_and_the_author_sends_their_change_again(server, foix, monkeypatch,
                                                                                     capsys):
    """Bruno works offline; meanwhile the administrator resets his password (his old key is revoked): his change,
    signed with the old key, is refused and parked. Signed in with the new password, he sends it again with
    `pac sync --retry-dead-letters`: it is applied, in his name."""
    device, services = foix
    bruno = services.sessions.login(login=BRUNO[0], password=BRUNO[1])
    youth_id = _new_youth(services, bruno)
    services.sessions.logout(actor=bruno)
    new_password = "bruno-nouveau-mot-de-passe"
    admin.reset_password(server.engine, login=BRUNO[0], password=new_password)
    services.sync.sync_now()  # the change goes with the old key: refused; the new password hash comes back
    parked = _dead_letters(device)
    assert "pas (ou plus) reconnue" in parked[youth_id]
    assert len(parked) == 3  # the youth, and his sign-in and sign-out in the audit trail, all with the old key
    assert _server_youth(server, youth_id) is None

    monkeypatch.setenv("PAC_PASSWORD", new_password)
    args = ["--data-dir", str(device.store.path.parent), "sync", "--retry-dead-letters", "--login", BRUNO[0]]
    assert pac_main(args) == 0
    out = capsys.readouterr().out
    assert "3 modifications refusées remises en attente d'envoi" in out and "Modifications refusées : 0" in out
    assert _server_youth(server, youth_id)["first_name"] == "Testa"
    assert _authors(server, youth_id) == [server.bruno]
    assert _dead_letters(device) == {}


def _hash_of(services: Services, staff_id: str) -> str:
    from pac_desktop.storage.models import Credential

    with services.ctx.read() as s:
        return s.scalar(select(Credential.password_hash).where(Credential.staff_id == staff_id))


def _sign_as(key, m: dict) -> tuple[str, str]:
    keys = SigningKeys()
    keys.hold(m["made_by"], key)
    return keys.sign(m["made_by"], signed_payload(
        mutation_id=m["mutation_id"], entity=m["entity"], row_id=m["id"], case_id=m["case_id"], op=m["op"],
        fields=m["fields"], base=m["base"], base_version=m["base_version"], conflict_id=None, made_by=m["made_by"],
        made_at=m["made_at"]))
