"""A regional steering committee's own computer (issue 18 §6), against a real pac-server on 127.0.0.1 (SQLite,
and PostgreSQL when PAC_TEST_DATABASE_URL is set).

The server holds every territory's files (here: a generated demo store's rows, written as its records). A device
enrolled with a regional code pulls the reference data only — not one youth's row of any territory — and pushes
nothing but its own audit trail. Its regional user asks the server for the figures: counted there with the
desktop's own rules (equal to what a computer holding every file counts), small cells suppressed there, and
refused (403, in French) to a counsellor and to a territory's computer.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, date, datetime
from functools import partial

import httpx
import pytest
from casefile_builders import make_staff
from regional_helpers import REGIONAL_NO_LOGIN, server_with_every_file
from regional_helpers import regional_computer as regional_computer_of
from signing_helpers import TEST_KEYS
from sqlalchemy import select
from sync_helpers import (
    COUNSELLOR_TARBES,
    backends,
    enrol_device,
    new_store,
    register_test_keys,
    signed,
    transport_factory,
)

from pac_desktop.demo.generator import DemoDataService
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.regional import SECONDARY, SMALL_COUNT, request_payload
from pac_desktop.domain.youth_fields import paris_today
from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.server import admin, core, regional
from pac_desktop.server.db import read_transaction
from pac_desktop.server.models import Record, RegionalRequest
from pac_desktop.services.regional import territory_counts
from pac_desktop.storage.models import DeadLetter, LocalSetting, Youth
from pac_desktop.sync.errors import RequestRefused, ServerRefused
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.regional_client import RegionalClient
from pac_desktop.sync.wire import SCOPES, Scope

YOUTHS = 160


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A computer holding every territory's files (no server): the reference figures."""
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    store = open_store(tmp_path_factory.mktemp("every-file") / "data")
    services = Services.build(store, today=paris_today)
    services.reference.load()
    member = make_staff(services, "Camille", "Testcomité", org="mgi-academie-toulouse", roles=(StaffRole.REGIONAL,))
    DemoDataService(services.ctx).generate(youths=YOUTHS, seed=18)
    yield services, member
    store.engine.dispose()


@pytest.fixture(scope="module", params=backends())
def server(request, demo, tmp_path_factory):
    with server_with_every_file(request.param, tmp_path_factory.mktemp("server"), demo[0].ctx.store) as running:
        yield running


@pytest.fixture(scope="module")
def regional_computer(server, tmp_path_factory):
    """A regional committee's computer, enrolled with a regional code and synced, its user signed in."""
    with regional_computer_of(server, tmp_path_factory.mktemp("regional") / "data") as computer:
        yield computer.services, computer.actor, computer.data_dir


def test_a_regional_computer_receives_no_file_of_any_territory(server, regional_computer):
    services, _actor, data_dir = regional_computer
    case_tables = {e for e, scope in SCOPES.items() if scope in (Scope.CASE, Scope.TERRITORY, Scope.REVIEW)}
    with sqlite3.connect(data_dir / "pac.sqlite3") as conn:  # plain sqlite3: what is on the disk
        held = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in case_tables
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone()}
        staff = conn.execute("SELECT count(*) FROM staff").fetchone()[0]
        territories = conn.execute("SELECT count(*) FROM territory").fetchone()[0]
        audit = conn.execute("SELECT DISTINCT youth_id, territory_id FROM audit_event").fetchall()
    assert "youth" in held and "joint_intake" in held
    assert not {t: n for t, n in held.items() if n}, held
    assert audit in ([], [(None, None)]), audit  # its own trail only (its sign-in), nobody's file
    assert staff > 2 and territories == 4  # the reference data arrived
    with services.ctx.read() as session:
        assert session.scalar(select(Youth.id).limit(1)) is None
    with read_transaction(server.engine) as conn:
        assert conn.execute(select(Record.id).where(Record.entity == "youth").limit(1)).first() is not None


def test_the_server_counts_what_a_computer_holding_every_file_counts(server, demo, regional_computer):
    services, actor, _ = regional_computer
    demo, member = demo
    view = services.regional.side_by_side(by=actor)
    here = demo.regional.side_by_side(by=member, date_from=view.date_from, date_to=view.date_to)
    assert view.territories == here.territories == ("Ariège", "Tarbes", "Toulouse Mirail", "Toulouse Nord")
    assert [(r.section, r.label, r.values, r.total) for r in view.rows] == \
        [(r.section, r.label, r.values, r.total) for r in here.rows]
    assert view.row("Jeunes accueillis").total > 50
    # The exact counts too (they never leave the server): territory by territory, the same.
    with read_transaction(server.engine) as conn:
        ids = [t.id for t in demo.reference.territories()]
        exact = regional.count_territories(conn, ids, date_from=view.date_from, date_to=view.date_to,
                                           today=paris_today())
    for territory in demo.reference.territories():
        figures = demo.documents.indicators(date_from=view.date_from, date_to=view.date_to,
                                            territory_code=territory.code)
        assert exact[territory.id] == territory_counts(figures), territory.code
    # Shown with the time they were fetched, and kept for when the server does not answer.
    assert view.fetched_text.startswith("Chiffres du ")
    assert services.regional.last_fetched().rows == view.rows


def test_small_counts_never_leave_the_server_and_cannot_be_recomputed(server, regional_computer):
    services, actor, _ = regional_computer
    sync = services.sync
    device_id = sync.replica.device().device_id
    engine = sync._get_engine()
    requested_at = datetime.now(UTC).isoformat()
    from pac_desktop.domain.regional import request_payload

    payload = request_payload(device_id=device_id, staff_id=actor.staff_id, date_from=None, date_to=None,
                              requested_at=requested_at)
    key_id, signature = services.ctx.keys.sign(actor.staff_id, payload)
    answer = httpx.post(f"{server.url}/v1/regional/figures", headers={
        "Authorization": f"Bearer {engine.tokens.access_token()}"}, json={
        "staff_id": actor.staff_id, "requested_at": requested_at, "key_id": key_id, "signature": signature}).json()
    cells = [v for row in answer["rows"] for v in (*row["values"], row["total"])]
    assert not any(isinstance(v, int) and 0 < v < SMALL_COUNT for v in cells)  # the raw answer, on the wire
    assert None in cells and SECONDARY in cells
    for row in answer["rows"]:  # no row's hidden cell comes back from its total
        assert sum(1 for v in (*row["values"], row["total"]) if v is None or v == SECONDARY) != 1, row


def test_a_counsellor_and_a_territory_computer_are_refused_in_french(server, regional_computer, tmp_path):
    services, _actor, _ = regional_computer
    sync = services.sync
    on_regional = RegionalClient(sync._get_engine().call, sync.replica.device().device_id)
    register_test_keys(server.engine, COUNSELLOR_TARBES)
    with pytest.raises(ServerRefused, match="indicateurs de tous les territoires"):
        on_regional.figures(staff_id=COUNSELLOR_TARBES, sign=partial(TEST_KEYS.sign, COUNSELLOR_TARBES))
    # A regional user's key on a territory's computer: refused too (that computer is not the committee's).
    tarbes = enrol_device(server, tmp_path / "tarbes", organisation="cio-tarbes", initial_sync=False)
    try:
        on_tarbes = RegionalClient(tarbes.engine.call, tarbes.replica.device().device_id)
        with pytest.raises(ServerRefused, match="inscrit pour un territoire"):
            on_tarbes.figures(staff_id=REGIONAL_NO_LOGIN, sign=partial(TEST_KEYS.sign, REGIONAL_NO_LOGIN))
        requested_at = datetime.now(UTC).isoformat()
        answer = httpx.post(f"{server.url}/v1/regional/figures", headers={
            "Authorization": f"Bearer {tarbes.engine.tokens.access_token()}"}, json={
            "staff_id": REGIONAL_NO_LOGIN, "requested_at": requested_at, "key_id": "0" * 32, "signature": "AAAA"})
        assert answer.status_code == 403 and "signée" in answer.json()["message"]
    finally:
        tarbes.close()
    # An administrator may ask from a territory's computer.
    administrator = admin.create_staff(server.engine, first_name="Alix", last_name="Testadmin",
                                       organisation_code="cio-tarbes", roles=[StaffRole.ADMINISTRATOR])
    register_test_keys(server.engine, administrator)
    tarbes = enrol_device(server, tmp_path / "tarbes-admin", organisation="cio-tarbes", initial_sync=False)
    try:
        on_tarbes = RegionalClient(tarbes.engine.call, tarbes.replica.device().device_id)
        assert on_tarbes.figures(staff_id=administrator, sign=partial(TEST_KEYS.sign, administrator)).rows
    finally:
        tarbes.close()
    # The same regional user, signing on the regional computer: the figures.
    assert on_regional.figures(staff_id=REGIONAL_NO_LOGIN, sign=partial(TEST_KEYS.sign, REGIONAL_NO_LOGIN)).rows


def test_a_signed_request_is_answered_once_and_every_request_is_audited(server, regional_computer):
    """The same signed request sent again within its ten minutes (a replay) is refused; each request whose
    signature holds leaves an audit entry on the server: who, from which device, when, the period — no figure,
    no youth."""
    services, _actor, _ = regional_computer
    engine = services.sync._get_engine()
    device_id = services.sync.replica.device().device_id
    requested_at = datetime.now(UTC).isoformat()
    payload = request_payload(device_id=device_id, staff_id=REGIONAL_NO_LOGIN, date_from=None, date_to=None,
                              requested_at=requested_at)
    key_id, signature = TEST_KEYS.sign(REGIONAL_NO_LOGIN, payload)
    body = {"staff_id": REGIONAL_NO_LOGIN, "requested_at": requested_at, "key_id": key_id, "signature": signature}
    with read_transaction(server.engine) as conn:
        before = _regional_audit(conn)
    assert engine.call("POST", "/v1/regional/figures", json=body)["rows"]
    with pytest.raises(ServerRefused, match="déjà été reçue"):
        engine.call("POST", "/v1/regional/figures", json=body)
    # A new request (its own time, signed again) is answered.
    on_regional = RegionalClient(engine.call, device_id)
    assert on_regional.figures(staff_id=REGIONAL_NO_LOGIN, sign=partial(TEST_KEYS.sign, REGIONAL_NO_LOGIN)).rows
    with read_transaction(server.engine) as conn:
        entries = _regional_audit(conn)[len(before):]
        kept = conn.execute(select(RegionalRequest.request_key).where(
            RegionalRequest.request_key == regional.request_key(payload))).all()
    assert [(e.updated_by, e.origin_device, e.data["staff_id"], e.territory_id, e.case_id) for e in entries] == [
        (REGIONAL_NO_LOGIN, device_id, REGIONAL_NO_LOGIN, None, None)] * 3
    details = [e.data["detail"] for e in entries]
    assert details[0].endswith(": donnés") and details[2].endswith(": donnés"), details
    assert "refusés (Cette demande des chiffres régionaux a déjà été reçue" in details[1]
    assert all("depuis le premier accueil à ce jour" in d and "demandés depuis l'ordinateur « " in d
               for d in details)
    assert all(e.data["youth_id"] is None and e.data["entity_id"] is None for e in entries)
    assert len(kept) == 1  # remembered for the window (forgotten after: a request that old is refused anyway)

    # A request the server refused while counting (here a period upside down) is not remembered: sent again, it
    # is refused for the same reason, not as a replay (a counting cut short by a busy database goes the same way).
    upside_down = {**body, "requested_at": datetime.now(UTC).isoformat(), "date_from": "2026-03-12",
                   "date_to": "2026-03-01"}
    upside_down["key_id"], upside_down["signature"] = TEST_KEYS.sign(REGIONAL_NO_LOGIN, request_payload(
        device_id=device_id, staff_id=REGIONAL_NO_LOGIN, date_from=date(2026, 3, 12), date_to=date(2026, 3, 1),
        requested_at=upside_down["requested_at"]))
    for _ in range(2):
        with pytest.raises(RequestRefused) as refused:
            engine.call("POST", "/v1/regional/figures", json=upside_down)
        assert "postérieure à sa date de fin" in str(refused.value)
    # The transport sends a request again when its answer is lost: the server sees a replay, the client (which
    # did send it) asks once more with a new signed request.
    sent = []

    def answer_lost_once(method, path, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if not sent:
            sent.append(engine.call(method, path, **kwargs))  # answered, but the answer never arrives
        return engine.call(method, path, **kwargs)

    assert RegionalClient(answer_lost_once, device_id).figures(
        staff_id=REGIONAL_NO_LOGIN, sign=partial(TEST_KEYS.sign, REGIONAL_NO_LOGIN)).rows
    with read_transaction(server.engine) as conn:
        details = [e.data["detail"] for e in _regional_audit(conn)[len(before) + 3:]]
    outcomes = ["donnés" if d.endswith(" : donnés") else "déjà reçue" if "déjà été reçue" in d else
                "période" if "postérieure à sa date de fin" in d else d for d in details]
    assert outcomes == ["période", "période", "donnés", "déjà reçue", "donnés"], details


def _regional_audit(conn) -> list:  # noqa: ANN001
    return sorted((r for r in conn.execute(select(Record.__table__).where(Record.entity == "audit_event"))
                   if r.data.get("action") == "regional_figures"), key=lambda r: r.seq)


def test_a_regional_computer_pushes_its_own_trail_only(server, regional_computer):
    services, actor, _ = regional_computer
    services.sync.sync_now()  # the sign-in's audit event, signed: accepted
    with services.ctx.read() as session:
        assert session.scalar(select(DeadLetter.id).limit(1)) is None
    with read_transaction(server.engine) as conn:
        logins = [r.data.get("action") for r in conn.execute(select(Record.__table__).where(
            Record.entity == "audit_event", Record.updated_by == actor.staff_id))]
    assert "login" in logins
    # A youth written by hand and pushed raw from the regional computer: refused with a clear reason.
    youth_id = str(uuid.uuid4())
    mutation = signed({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": youth_id, "case_id": youth_id,
                       "op": "create", "made_by": REGIONAL_NO_LOGIN,
                       "fields": {"first_name": "Testa", "last_name": "Fictif", "birth_date": "2008-01-02",
                                  "territory_id": services.reference.territories()[1].id}})
    answer = services.sync._get_engine().call("POST", "/v1/sync/push", json={
        "batch_id": str(uuid.uuid4()), "mutations": [mutation]})
    (result,) = answer["results"]
    assert result["status"] == "rejected" and "comité de pilotage régional" in result["reason"]
    with read_transaction(server.engine) as conn:
        assert core.get_record(conn, "youth", youth_id) is None


def test_the_regional_code_is_refused_with_a_territory_and_enrols_no_territory(server, tmp_path):
    from pac_desktop.domain.errors import DomainError

    with pytest.raises(DomainError, match="--regional ou --territory"):
        admin.enrolment_code(server.engine, organisation_code="mgi-academie-toulouse", territory_codes=["tarbes"],
                             regional=True)
    with pytest.raises(DomainError, match="--regional"):  # no territory by mistake: still refused
        admin.enrolment_code(server.engine, organisation_code="mgi-academie-toulouse")
    store = new_store(tmp_path / "data")
    try:
        from pac_desktop.sync.enrolment import enrol

        code = admin.enrolment_code(server.engine, organisation_code="mgi-academie-toulouse", regional=True).code
        done = enrol(LocalReplica(store), server_url=server.url, code=code, secrets=SecretStore(),
                     transport_factory=transport_factory())
        assert done.territory_ids == ()
        assert [d.territory_ids for d in admin.list_devices(server.engine) if d.device_id == done.device_id] == [[]]
        with store.read_session_factory() as session:
            assert session.get(LocalSetting, "regional_figures") is None
    finally:
        store.engine.dispose()


def test_a_request_the_server_could_not_finish_may_be_sent_again(server, regional_computer, monkeypatch):
    """The figures counted, the database fails as the request is remembered with its audit entry: nothing of it
    stays, and the same signed request, sent again by the transport, is answered (not refused as a replay)."""
    from sqlalchemy.exc import OperationalError

    services, _actor, _ = regional_computer
    engine = services.sync._get_engine()
    device_id = services.sync.replica.device().device_id
    real_audit, failed = regional._audit, []

    def audit_failing_once(conn, *args, refused, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if refused is None and not failed:
            failed.append(True)
            raise OperationalError("INSERT", {}, Exception("database gone for a moment"))
        return real_audit(conn, *args, refused=refused, **kwargs)

    monkeypatch.setattr(regional, "_audit", audit_failing_once)
    with read_transaction(server.engine) as conn:
        before = _regional_audit(conn)
        remembered = conn.execute(select(RegionalRequest.request_key)).all()
    assert RegionalClient(engine.call, device_id).figures(
        staff_id=REGIONAL_NO_LOGIN, sign=partial(TEST_KEYS.sign, REGIONAL_NO_LOGIN)).rows
    assert failed  # the first attempt failed on the server, the transport sent it again
    with read_transaction(server.engine) as conn:
        details = [e.data["detail"] for e in _regional_audit(conn)[len(before):]]
        assert len(conn.execute(select(RegionalRequest.request_key)).all()) == len(remembered) + 1
    assert len(details) == 1 and details[0].endswith(": donnés"), details
