"""The shared server trusts nothing a device says (issue 12), against a real pac-server on SQLite and PostgreSQL.

Each finding of the issue is pushed here with a real enrolled device's token, as an attacker or a buggy client
would: forged authorship, staff and credential writes, poison rows, wrong types, unknown fields, NaN, a lone
surrogate, a chunked 8 MB body, another territory's conflict replayed. None may be applied, none may answer a
5xx or quote a pushed value, each refusal is in the audit trail, and a fresh device of the territory still syncs.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    COUNSELLOR_TARBES,
    TARBES,
    add_youth,
    backends,
    edit_youth,
    enrol_device,
    register_test_keys,
    running_server,
    signed,
    sync,
)

from pac_desktop.domain.enums import StaffRole
from pac_desktop.server import admin, auth, core
from pac_desktop.server.db import write_transaction
from pac_desktop.server.models import Record
from pac_desktop.sync.field_rules import FIELDS
from pac_desktop.sync.wire import Mutation

SECRET = "Zorglub-Introuvable"  # a value that must never come back in an answer


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        running.tarbes_admin = admin.create_staff(
            running.engine, first_name="Admin", last_name="Tarbes", organisation_code="cio-tarbes",
            roles=[StaffRole.ADMINISTRATOR], login="admin.tarbes", password="mot-de-passe-solide")
        running.ariege_admin = admin.create_staff(
            running.engine, first_name="Admin", last_name="Ariège", organisation_code="cio-ariege",
            roles=[StaffRole.ADMINISTRATOR])
        register_test_keys(running.engine, running.ariege_admin)
        yield running


class Raw:
    """A device's token used by hand: pushes whatever the test writes."""

    def __init__(self, server, organisation: str) -> None:
        code = admin.enrolment_code(server.engine, organisation_code=organisation).code
        self.client = httpx.Client(base_url=server.url, timeout=30)
        enrolled = self.client.post("/v1/devices/enrol", json={"code": code, "device_name": "essai"}).json()
        token = self.client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                                    "refresh_token": enrolled["refresh_token"]}).json()
        self.client.headers["Authorization"] = f"Bearer {token['access_token']}"
        self.device_id = enrolled["device_id"]

    def push_raw(self, body: bytes) -> httpx.Response:
        return self.client.post("/v1/sync/push", content=body, headers={"Content-Type": "application/json"})

    def push(self, *mutations: dict) -> list[dict]:
        answer = self.client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": list(mutations)})
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def close(self) -> None:
        self.client.close()


@pytest.fixture
def foix(server):
    raw = Raw(server, "cio-ariege")
    yield raw
    raw.close()


def mutation(entity: str, record_id: str | None = None, *, op: str = "create", case_id: str | None = None,
             fields: dict | None = None, base: dict | None = None, made_by: str | None = COUNSELLOR_ARIEGE,
             base_version: int = 0) -> dict:
    """A mutation as a device would push it, signed by its author's key (issue 12): what is refused below is
    refused for its content or its author's rights, not for a missing signature."""
    record_id = record_id or str(uuid.uuid4())
    return signed({"mutation_id": str(uuid.uuid4()), "entity": entity, "id": record_id, "case_id": case_id,
                   "op": op, "fields": fields or {}, "base": base or {}, "base_version": base_version,
                   "made_by": made_by, "made_at": "2026-01-05T10:00:00+00:00"})


def youth_fields(youth_id: str, **overrides) -> dict:
    values = {name: None for name in FIELDS["youth"]}
    values.update(first_name="Testa", last_name="Fictif", birth_date="2009-05-17", territory_id=ARIEGE,
                  case_id=youth_id, status="referred", sex="f", first_name_key="testa", last_name_key="fictif",
                  town_key="", newly_arrived=False, lives_in_priority_area=False, contact_opt_out=False,
                  created_at="2026-01-05T10:00:00+00:00")
    values.update(overrides)
    return values


def a_youth(**overrides) -> dict:
    youth_id = str(uuid.uuid4())
    return mutation("youth", youth_id, case_id=youth_id, fields=youth_fields(youth_id, **overrides))


def on_server(server, entity: str, record_id: str) -> dict | None:
    with server.engine.connect() as conn:
        return conn.execute(select(Record.data).where(Record.entity == entity, Record.id == record_id)).scalar()


def denials(server, record_id: str) -> list[dict]:
    with server.engine.connect() as conn:
        rows = conn.execute(select(Record.data).where(Record.entity == "audit_event")).scalars().all()
    return [d for d in rows if d.get("action") == "denied" and d.get("entity_id") == record_id]


def staff_of(server, entity: str, staff_id: str) -> tuple[str, dict]:
    with server.engine.connect() as conn:
        for rid, data in conn.execute(select(Record.id, Record.data).where(Record.entity == entity)):
            if data.get("staff_id") == staff_id:
                return rid, data
    raise LookupError(staff_id)


def test_a_valid_youth_is_accepted(server, foix):
    """The reference point of every refusal below: the same youth, well formed, goes through."""
    m = a_youth()
    (result,) = foix.push(m)
    assert result["status"] == "applied", result
    assert on_server(server, "youth", m["id"])["first_name"] == "Testa"


# -- 1. authorship ----------------------------------------------------------------------------------


def test_another_territorys_administrator_cannot_be_named_as_author(server, foix):
    tarbes_staff = on_server(server, "staff", COUNSELLOR_TARBES)
    credential_id, credential = staff_of(server, "credential", server.tarbes_admin)
    forged = [
        mutation("staff", COUNSELLOR_TARBES, op="update", fields={"active": False}, base={"active": True},
                 made_by=server.tarbes_admin, base_version=1),
        mutation("credential", credential_id, op="update", fields={"password_hash": "scrypt$forged"},
                 base={"password_hash": credential["password_hash"]}, made_by=server.tarbes_admin, base_version=1),
        mutation("programme_setting", fields={"key": "session_lock_minutes", "scope": "", "value": "999"},
                 made_by=server.tarbes_admin),
        mutation("audit_event", fields={"at": "2026-01-05T10:00:00+00:00", "staff_id": COUNSELLOR_TARBES,
                                        "action": "view", "entity": "youth", "entity_id": str(uuid.uuid4()),
                                        "youth_id": None, "territory_id": ARIEGE, "detail": ""},
                 made_by=COUNSELLOR_ARIEGE),
        {**a_youth(), "made_by": COUNSELLOR_TARBES},
    ]
    results = foix.push(*forged)
    assert [r["status"] for r in results] == ["rejected"] * len(forged), results
    assert "ne travaille pas dans un territoire de cet ordinateur" in results[0]["reason"]
    assert "attribuée à une autre personne" in results[3]["reason"]
    assert on_server(server, "staff", COUNSELLOR_TARBES) == tarbes_staff
    assert on_server(server, "credential", credential_id) == credential
    assert on_server(server, "programme_setting", forged[2]["id"]) is None
    assert on_server(server, "youth", forged[4]["id"]) is None
    for m in forged:
        assert len(denials(server, m["id"])) == 1, m["entity"]


def test_staff_credentials_and_settings_are_never_written_by_a_device(server, foix):
    """Even with the name of the device's own territory's administrator: only pac-server admin writes them."""
    credential_id, credential = staff_of(server, "credential", server.tarbes_admin)
    new_staff = str(uuid.uuid4())
    attempts = [
        mutation("staff", COUNSELLOR_ARIEGE, op="update", fields={"active": False}, base={"active": True},
                 made_by=server.ariege_admin, base_version=1),
        mutation("staff", new_staff, fields={"organisation_id": on_server(server, "staff", COUNSELLOR_ARIEGE)[
            "organisation_id"], "first_name": "Faux", "last_name": "Collègue", "email": None, "phone": None,
            "caseload_cap": 50, "active": True}, made_by=server.ariege_admin),
        mutation("staff_role", fields={"staff_id": COUNSELLOR_ARIEGE, "role": "administrator"},
                 made_by=server.ariege_admin),
        mutation("credential", credential_id, op="delete", base=credential, made_by=server.ariege_admin,
                 base_version=1),
        mutation("programme_setting", fields={"key": "session_lock_minutes", "scope": ARIEGE, "value": "1"},
                 made_by=server.ariege_admin),
    ]
    results = foix.push(*attempts)
    assert [r["reason"] for r in results] == ["reference_read_only"] * len(attempts), results
    assert on_server(server, "staff", COUNSELLOR_ARIEGE)["active"] is True
    assert on_server(server, "staff", new_staff) is None
    assert on_server(server, "credential", credential_id) == credential
    for m in attempts:
        assert denials(server, m["id"]), m["entity"]


# -- 2. values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "build", "expected"), [
    ("first name null", lambda: a_youth(first_name=None), "« first_name », une valeur est obligatoire"),
    ("birth date not a date", lambda: a_youth(birth_date=f"pas une date {SECRET}"), "« birth_date »"),
    ("unknown status", lambda: a_youth(status=SECRET), "« status », la valeur ne fait pas partie des choix"),
    ("text too long", lambda: a_youth(last_class=SECRET * 30), "« last_class », le texte dépasse 120"),
    ("number for a text", lambda: a_youth(first_name=12), "« first_name », la valeur doit être un texte"),
    ("text for a boolean", lambda: a_youth(newly_arrived="oui"), "« newly_arrived », la valeur doit être oui"),
    ("unknown field", lambda: a_youth(**{"secret_notes": SECRET}), "le champ « secret_notes » n'existe pas"),
    ("blank first name (youth_fields)", lambda: a_youth(first_name="   "), "« Prénom » ne peut pas rester vide"),
    ("name too long (youth_fields)", lambda: a_youth(town=SECRET * 10), "« town », le texte dépasse 120"),
    # every rule of the one youth field table (domain/youth_fields.py), not only the names' (issue 12)
    ("e-mail (youth_fields)", lambda: a_youth(email=f"{SECRET}.sans-arobase"),
     "« Courriel » n'est pas une adresse électronique valide"),
    ("postcode (youth_fields)", lambda: a_youth(postcode="99123"), "« Code postal » n'est pas un code postal français"),
    ("birth date too old (youth_fields)", lambda: a_youth(birth_date="1950-03-02"),
     "« Date de naissance » n'est pas une date de naissance plausible"),
    ("birth date too young (youth_fields)", lambda: a_youth(birth_date="2020-03-02"),
     "« Date de naissance » n'est pas une date de naissance plausible"),
    ("birth date in the future (youth_fields)", lambda: a_youth(birth_date="2099-03-02"),
     "« Date de naissance » n'est pas une date de naissance plausible"),
    ("left school in the future (youth_fields)", lambda: a_youth(left_school_on="2099-03-02"),
     "« Date de sortie du système scolaire » n'est pas une date passée"),
    ("audit event without a date",
     lambda: mutation("audit_event", fields={"at": None, "staff_id": None, "action": "login_failed",
                                             "detail": ""}, made_by=None), "« at », une valeur est obligatoire"),
])
def test_a_value_that_does_not_fit_is_refused_and_named_never_quoted(server, foix, label, build, expected):
    m = build()
    (result,) = foix.push(m)
    assert result["status"] == "rejected", label
    assert expected in result["reason"], result["reason"]
    assert SECRET not in json.dumps(result)
    assert on_server(server, m["entity"], m["id"]) is None
    assert len(denials(server, m["id"])) == 1


def test_a_guardians_e_mail_follows_the_same_rule(server, foix):
    m = a_youth()
    foix.push(m)
    guardian = mutation("guardian", case_id=m["id"], fields={
        "case_id": m["id"], "youth_id": m["id"], "full_name": "Parent Fictif", "relationship": None, "phone": None,
        "email": SECRET})
    (result,) = foix.push(guardian)
    assert result["status"] == "rejected", result
    assert "« Représentant légal : courriel » n'est pas une adresse électronique valide" in result["reason"]
    assert SECRET not in json.dumps(result)


def test_a_birth_date_is_plausible_on_the_day_it_was_typed(server, foix):
    """Aged 30 on the day typed (the change's made_at, 05/01/2026), 31 by now: accepted, as on the device."""
    m = a_youth(birth_date="1995-06-01")
    assert m["made_at"].startswith("2026-01-05")
    (result,) = foix.push(m)
    assert result["status"] == "applied", result


def test_a_value_typed_before_a_rule_existed_never_stops_the_next_edit(server, foix):
    """A file whose e-mail was stored before issue 11's rules (here: written by the server's administrator, who
    is not checked) gets its next edit of another field, and even the same e-mail sent again; a new bad e-mail
    is refused."""
    m = a_youth(email="ancien-format")
    with write_transaction(server.engine) as conn:
        (stored,) = core.push(conn, [Mutation.model_validate(m)], core.ADMIN)
    assert stored.status.value == "applied"
    youth_id = m["id"]
    (phone,) = foix.push(mutation("youth", youth_id, op="update", case_id=youth_id, fields={"phone": "06 12 34 56 78"},
                                  base={"phone": None}, base_version=1))
    assert phone["status"] == "applied", phone
    (same,) = foix.push(mutation("youth", youth_id, op="update", case_id=youth_id,
                                 fields={"email": "ancien-format", "town": "Foix"},
                                 base={"email": "ancien-format", "town": None}, base_version=2))
    assert same["status"] == "applied", same
    (other,) = foix.push(mutation("youth", youth_id, op="update", case_id=youth_id, fields={"email": "autre-format"},
                                  base={"email": "ancien-format"}, base_version=3))
    assert other["status"] == "rejected" and "« Courriel »" in other["reason"]


def test_an_update_to_null_or_a_wrong_type_is_refused(server, foix):
    m = a_youth()
    foix.push(m)
    youth_id = m["id"]
    for fields in ({"first_name": None}, {"birth_date": "1970-13-45"}, {"sex": "x"}, {"case_id": str(uuid.uuid4())}):
        (result,) = foix.push(mutation("youth", youth_id, op="update", case_id=youth_id, fields=fields,
                                       base={k: m["fields"].get(k) for k in fields}, base_version=1))
        assert result["status"] == "rejected", fields
    assert on_server(server, "youth", youth_id) == m["fields"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinity_are_refused_without_a_server_error(server, foix, literal):
    m = a_youth(address=SECRET, phone="__NUMBER__")  # replaced by the literal in the raw JSON text
    text = json.dumps({"batch_id": str(uuid.uuid4()), "mutations": [m]}).replace('"__NUMBER__"', literal)
    answer = foix.push_raw(text.encode())
    assert answer.status_code == 200, answer.text
    (result,) = answer.json()["results"]
    assert result["status"] == "rejected" and "« phone »" in result["reason"]
    assert SECRET not in answer.text
    assert on_server(server, "youth", m["id"]) is None


def test_a_lone_surrogate_is_refused_without_a_server_error_nor_an_echo(server, foix):
    m = a_youth(address=SECRET)
    text = json.dumps({"batch_id": str(uuid.uuid4()), "mutations": [m]}).replace(
        '"first_name": "Testa"', '"first_name": "Te\\ud800sta"')
    answer = foix.push_raw(text.encode())
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "invalid"
    assert SECRET not in answer.text and "Te" not in answer.json()["message"].split("(")[-1]
    assert on_server(server, "youth", m["id"]) is None


def test_the_caller_is_checked_before_the_body_is_read(server):
    """A request that may not push never has its body parsed: a bad token gets 401 and a revoked device 403, even
    with a body that is not JSON (which would be 422 from a device allowed to push), and the pull's token comes
    before its parameters."""
    device = Raw(server, "cio-ariege")
    try:
        garbage = b'{"batch_id": "pas un uuid", "mutations": [{'
        headers = {"Content-Type": "application/json"}
        assert device.client.post("/v1/sync/push", content=garbage, headers=headers).status_code == 422
        for token in ("", "Bearer pas-un-jeton"):
            answer = httpx.post(f"{server.url}/v1/sync/push", content=garbage,
                                headers={**headers, "Authorization": token})
            assert answer.status_code == 401 and answer.json()["code"] == "unauthorised", answer.text
            answer = httpx.get(f"{server.url}/v1/sync/pull", params={"cursor": -5, "limit": "beaucoup"},
                               headers={"Authorization": token})
            assert answer.status_code == 401, answer.text
        answer = device.client.get("/v1/sync/pull", params={"cursor": -5})
        assert answer.status_code == 422 and answer.json()["code"] == "invalid", answer.text
        assert "query.cursor" in answer.json()["message"]
        with write_transaction(server.engine) as conn:
            auth.revoke_device(conn, device.device_id)
        answer = device.client.post("/v1/sync/push", content=garbage, headers=headers)
        assert answer.status_code == 403 and answer.json()["code"] == "device_revoked", answer.text
    finally:
        device.close()


def test_a_chunked_body_over_the_limit_is_refused_while_it_streams(server, foix):
    def chunks():
        yield b'{"batch_id": "' + str(uuid.uuid4()).encode() + b'", "mutations": ['
        filler = json.dumps(a_youth(address="x" * 100)).encode()
        for _ in range(8 * 1024 * 1024 // len(filler) + 1):
            yield filler + b","
        yield json.dumps(a_youth()).encode() + b"]}"

    answer = foix.client.post("/v1/sync/push", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["code"] == "invalid"


# -- 4. conflicts ------------------------------------------------------------------------------------


def test_another_territorys_conflict_is_not_given_back_on_replay(server, foix):
    tarbes = Raw(server, "cio-tarbes")
    try:
        m = signed({**a_youth(territory_id=TARBES), "made_by": COUNSELLOR_TARBES})
        assert tarbes.push(m)[0]["status"] == "applied"
        youth_id = m["id"]
        first = mutation("youth", youth_id, op="update", case_id=youth_id, fields={"phone": "06 00 00 00 01"},
                         base={"phone": None}, base_version=1, made_by=COUNSELLOR_TARBES)
        clash = mutation("youth", youth_id, op="update", case_id=youth_id, fields={"phone": "06 00 00 00 02"},
                         base={"phone": None}, base_version=1, made_by=COUNSELLOR_TARBES)
        tarbes.push(first)
        (conflict,) = tarbes.push(clash)
        assert conflict["status"] == "conflict" and conflict["conflict"] is not None
        (replayed,) = foix.push(clash)  # the mutation id, read by another territory's device
        assert replayed["replayed"] is True
        assert replayed["conflict"] is None and replayed["record"] is None
        assert "06 00" not in json.dumps(replayed)
    finally:
        tarbes.close()


# -- then the territory still syncs ------------------------------------------------------------------


def test_after_every_poison_a_fresh_device_still_syncs(server, foix, tmp_path):
    poison = [
        mutation("audit_event", fields={"at": None, "action": "login_failed", "detail": ""}, made_by=None),
        a_youth(first_name=None),
        a_youth(birth_date="pas une date"),
        a_youth(status="inconnu"),
        a_youth(**{f"champ_{i}": "x" * 1000 for i in range(5)}),
    ]
    assert all(r["status"] == "rejected" for r in foix.push(*poison))
    device = enrol_device(server, tmp_path / "neuf", organisation="cio-ariege")
    try:
        youth_id = add_youth(device)
        sync(device)
        edit_youth(device, youth_id, phone="06 11 11 11 11")
        report = device.engine.run_cycle()
        assert report.rejected == 0
        assert on_server(server, "youth", youth_id)["phone"] == "06 11 11 11 11"
    finally:
        device.close()


# -- property: well-formed but wrong mutations never break the server or a device ---------------------

_WRONG_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30), st.just("x" * 400),
    st.sampled_from(["2026-02-30", "pas une date", "1970-01-01", "referred", "inconnu", "", "2026-01-05T10:00:00"]),
)
_ENTITIES = sorted(FIELDS)


@st.composite
def wrong_mutations(draw):
    entity = draw(st.sampled_from(_ENTITIES))
    names = list(FIELDS[entity]) + ["champ_inconnu"]
    fields = draw(st.dictionaries(st.sampled_from(names), _WRONG_VALUES, max_size=4))
    record_id = str(uuid.uuid4())
    case_id = record_id if entity == "youth" else draw(st.sampled_from([None, record_id]))
    op = draw(st.sampled_from(["create", "update", "delete"]))
    made_by = draw(st.sampled_from([None, COUNSELLOR_ARIEGE, COUNSELLOR_TARBES]))
    return mutation(entity, record_id, op=op, case_id=case_id, fields=fields, made_by=made_by)


@pytest.mark.timeout(240)
def test_random_wrong_mutations_never_get_a_server_error_and_devices_still_sync(server, foix, tmp_path):
    device = enrol_device(server, tmp_path / "poste", organisation="cio-ariege")
    try:

        @given(batch=st.lists(wrong_mutations(), min_size=1, max_size=5))
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(batch):
            text = json.dumps({"batch_id": str(uuid.uuid4()), "mutations": batch}, allow_nan=True)
            answer = foix.push_raw(text.encode())
            assert answer.status_code in (200, 422), answer.text
            if answer.status_code == 200:
                assert len(answer.json()["results"]) == len(batch)

        check()
        youth_id = add_youth(device, birth_date=date(2008, 1, 2))
        sync(device)
        assert device.engine.run_cycle().rejected == 0
        assert on_server(server, "youth", youth_id)["birth_date"] == "2008-01-02"
    finally:
        device.close()


# -- credentials travel only to their territory -------------------------------------------------------


def _local_logins(device) -> set[str]:
    from pac_desktop.storage.models import Credential

    with device.store.read_session_factory() as s:
        return set(s.scalars(select(Credential.staff_id).where(Credential.deleted_at.is_(None))))


def test_a_login_reaches_only_the_devices_of_its_territory(server, tmp_path):
    foix = enrol_device(server, tmp_path / "foix", organisation="cio-ariege")
    tarbes = enrol_device(server, tmp_path / "tarbes", organisation="cio-tarbes")
    try:
        assert server.tarbes_admin in _local_logins(tarbes)
        assert server.tarbes_admin not in _local_logins(foix)
    finally:
        foix.close()
        tarbes.close()


def test_logins_fed_everywhere_by_an_older_server_are_taken_back(server, tmp_path):
    from pac_desktop.server import core
    from pac_desktop.server.db import write_transaction
    from pac_desktop.server.models import Feed

    credential_id, _ = staff_of(server, "credential", server.tarbes_admin)
    with write_transaction(server.engine) as conn:  # as before issue 12: fed to every device
        conn.execute(core.R.update().where(core.R.c.id == credential_id).values(territory_id=None))
        conn.execute(Feed.__table__.delete().where(Feed.id == credential_id))
        core.feed_put(conn, ["*"], "credential", credential_id, core.next_seq(conn), "put")
    foix = enrol_device(server, tmp_path / "foix", organisation="cio-ariege")
    tarbes = enrol_device(server, tmp_path / "tarbes", organisation="cio-tarbes")
    try:
        assert server.tarbes_admin in _local_logins(foix)
        with write_transaction(server.engine) as conn:
            assert core.rescope_credentials(conn) == 1  # what server migration 0003 runs
        sync(foix, tarbes)
        assert server.tarbes_admin not in _local_logins(foix)
        assert server.tarbes_admin in _local_logins(tarbes)
    finally:
        foix.close()
        tarbes.close()
