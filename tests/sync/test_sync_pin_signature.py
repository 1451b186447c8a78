"""A counsellor present validates with their PIN on an enrolled computer where someone else is signed in, and the
validation is signed by *their* key (issue 13 §2 after issue 12), against a real pac-server (SQLite, and
PostgreSQL when PAC_TEST_DATABASE_URL is set); once more under a real Secret Service (GNOME Keyring).

Choosing the PIN seals a copy of the signing key under it in the OS keyring (pac_desktop.security.pin_seal); the
PIN opens it for the validation only. The server's row, its history and its audit name Bruno, signed by Bruno's
registered key; Alice cannot validate for him; a PIN planted in the store opens no key; a reset password drops
the sealed copy; a new PIN seals the new key.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import keyring
import pytest
from pin_seal_scenario import BRUNO_PIN, keyring_entry, make_server_team, members, run, team_for_builders
from sqlalchemy import select
from sync_helpers import backends, enrol_device, running_server

from pac_desktop.security.pin_seal import PIN_SEAL_SERVICE
from pac_desktop.server import admin
from pac_desktop.server.models import Record, RecordVersion, StaffKey
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import LoginRefused

TESTS = Path(__file__).resolve().parents[1]
WITH_KEYRING = TESTS / "tools" / "with-keyring.sh"


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture
def team(server):
    return make_server_team(server.engine, uuid.uuid4().hex[:6])


@pytest.fixture
def device(server, team, tmp_path):
    device = enrol_device(server, tmp_path / "referent", name="poste du référent", organisation="cio-ariege")
    services = Services.build(device.store)
    yield device, services
    device.close()


def _server_side(server, row_id: str) -> dict:
    with server.engine.connect() as conn:
        data = conn.execute(select(Record.data).where(Record.entity == "intake_validation", Record.id == row_id)
                            ).scalar()
        authors = conn.execute(select(RecordVersion.staff_id).where(RecordVersion.entity == "intake_validation",
                                                                     RecordVersion.id == row_id)).scalars().all()
        audit = [d for d in conn.execute(select(Record.data).where(Record.entity == "audit_event")).scalars()
                 if d.get("action") == "intake_validation" and d.get("entity_id") == row_id]
    return {"data": data, "authors": authors, "audit": audit}


def _registered_key(server, staff_id: str) -> list[str]:
    with server.engine.connect() as conn:
        return conn.execute(select(StaffKey.key_id).where(StaffKey.staff_id == staff_id,
                                                          StaffKey.revoked_at.is_(None))).scalars().all()


def _check(server, team: dict, out: dict) -> None:
    _alice, bruno, _chloe = members(team)
    assert out["sealed"] is True
    assert out["bruno_key_held_after_logout"] is False
    # Alice cannot validate for Bruno: her password, her own PIN, a guessed PIN — each refused, nothing written.
    own_password, own_pin, guessed = out["refusals"]
    assert own_password.startswith("Mot de passe incorrect pour Bruno")
    assert own_pin.startswith("Code PIN incorrect pour Bruno") and guessed.startswith("Code PIN incorrect pour Bruno")
    # A PIN planted in the store passes its hash but does not open Bruno's sealed key: refused, counted, no row.
    assert out["planted_pin"].startswith("Code PIN incorrect pour Bruno")
    assert out["validations_before"] == [members(team)[0].staff_id]
    assert out["bruno_key_held_after_refusals"] is False
    # Bruno's PIN: his validation, signed by his own registered key, held for that validation only.
    assert out["bruno_validated"] is True and out["bruno_key_held_after"] is False
    assert out["row_updated_by"] == bruno.staff_id and out["outbox_made_by"] == bruno.staff_id
    assert [out["outbox_key_id"]] == _registered_key(server, bruno.staff_id)
    assert out["audit"] == [bruno.staff_id]
    # The push is accepted; the server's row, its history and its audit say Bruno.
    assert out["rejected"] == 0 and out["dead_letters"] == []
    on_server = _server_side(server, out["row_id"])
    assert on_server["data"]["staff_id"] == bruno.staff_id
    assert on_server["authors"] == [bruno.staff_id]
    assert [e["staff_id"] for e in on_server["audit"]] == [bruno.staff_id]


def test_a_counsellor_validates_with_their_pin_signed_by_their_key(server, team, device):
    _device, services = device
    out = run(services, team)
    _check(server, team, out)


def test_a_tampered_seal_signs_nothing_and_a_reset_password_drops_it(server, team, device):
    """The keyring's sealed copy altered: the right PIN opens nothing, nothing is written. The administrator resets
    Bruno's password (his key revoked): the pulled password drops the sealed copy, the PIN says to choose it again;
    a new PIN (with the new password) seals the new key, and validates, accepted by the server."""
    from intake_builders import fill_until_validation

    _device, services = device
    alice, bruno, chloe = members(team)
    b = services.sessions.login(login=bruno.login, password=bruno.password)
    services.pins.set_pin(staff_id=bruno.staff_id, password=bruno.password, pin=BRUNO_PIN, pin_again=BRUNO_PIN, by=b)
    services.sessions.logout(actor=b)
    a = services.sessions.login(login=alice.login, password=alice.password)
    created = services.intake.create_youth(first_name="Noé", last_name="Pinfictif", birth_date=date(2008, 3, 4),
                                           territory_id=team_for_builders(services, team).territory_id,
                                           create_anyway=True, by=a)
    intake_id = services.intake.start(youth_id=created.youth_id, by=a)
    fill_until_validation(services, team_for_builders(services, team), intake_id)

    genuine = keyring_entry(bruno.staff_id)
    sealed = json.loads(genuine)
    raw = bytearray(base64.b64decode(sealed["sealed"]))
    raw[3] ^= 0x01
    sealed["sealed"] = base64.b64encode(bytes(raw)).decode()
    keyring.set_password(PIN_SEAL_SERVICE, bruno.staff_id, json.dumps(sealed))
    with pytest.raises(LoginRefused, match="Code PIN incorrect pour Bruno"):
        services.intake.validate_with_password(intake_id=intake_id, staff_id=bruno.staff_id, password=BRUNO_PIN)
    keyring.set_password(PIN_SEAL_SERVICE, bruno.staff_id, genuine)

    new_password = "bruno-nouveau-mot-de-passe-2026"
    admin.reset_password(server.engine, login=bruno.login, password=new_password)
    services.sync.sync_now()  # the new password hash comes back: the sealed copy of the revoked key goes
    assert keyring_entry(bruno.staff_id) is None
    with pytest.raises(LoginRefused, match="choisit à nouveau depuis son compte"):
        services.intake.validate_with_password(intake_id=intake_id, staff_id=bruno.staff_id, password=BRUNO_PIN)

    services.sessions.logout(actor=a)
    b = services.sessions.login(login=bruno.login, password=new_password)
    services.pins.set_pin(staff_id=bruno.staff_id, password=new_password, pin="5082", pin_again="5082", by=b)
    services.sessions.logout(actor=b)
    assert keyring_entry(bruno.staff_id) is not None
    a = services.sessions.login(login=alice.login, password=alice.password)
    for who, secret in ((alice, alice.password), (bruno, "5082"), (chloe, chloe.password)):
        services.intake.validate_with_password(intake_id=intake_id, staff_id=who.staff_id, password=secret)
    services.sessions.logout(actor=a)
    report = services.sync.sync_now()
    assert report.rejected == 0
    with server.engine.connect() as conn:
        rows = [d for d in conn.execute(select(Record.data).where(Record.entity == "intake_validation")).scalars()
                if d.get("intake_id") == intake_id]
    assert sorted(r["staff_id"] for r in rows) == sorted([alice.staff_id, bruno.staff_id, chloe.staff_id])


@pytest.mark.skipif(not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")),
                    reason="needs gnome-keyring and dbus (installed by .ci/run)")
def test_the_pin_signs_under_a_real_secret_service(server, team, tmp_path):
    """The same scenario in a child process whose keyring is GNOME Keyring (a real Secret Service): the sealed copy
    is there, not in the store file, and the server accepts Bruno's PIN-signed validation."""
    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    env = {k: v for k, v in os.environ.items() if k != "PAC_DATA_DIR"}
    env.update(PAC_SCENARIO_DATA=str(tmp_path / "data"), PAC_SCENARIO_TEAM=json.dumps(team),
               PAC_SCENARIO_URL=server.url, PAC_SCENARIO_CODE=code, HOME=str(tmp_path / "home"),
               PYTHONPATH=os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")]))
    result = subprocess.run(["bash", str(WITH_KEYRING), sys.executable, str(TESTS / "pin_seal_scenario.py")],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=280, check=False)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("scenario=")]
    out = json.loads(line.removeprefix("scenario="))
    assert out["backend"] == "keyring.backends.SecretService"
    assert out["entry_in_store_file"] is False
    _check(server, team, out)
