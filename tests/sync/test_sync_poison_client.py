"""No poison row on the desktop (issue 12): a pulled row that cannot be stored is set aside with its reason and
the rest of the page applies; every failure of a cycle is recorded and shown; a change the server refuses for
good, or fails on every time, is parked instead of blocking the queue; no command prints a row's values.

The poison rows are written straight into a real server's tables as an older, unchecking server could have
stored them (the server of this version refuses them at the push: test_sync_untrusted_device).
"""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    add_youth,
    backends,
    enrol_device,
    running_server,
    sync,
    transport_factory,
    youth,
)

from pac_desktop.cli import main as pac_main
from pac_desktop.server import core
from pac_desktop.server.db import write_transaction
from pac_desktop.server.models import Record
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.sync import SyncService
from pac_desktop.storage.models import DeadLetter, OutboxEntry, QuarantinedRow
from pac_desktop.sync import engine as engine_module
from pac_desktop.sync.errors import UnexpectedSyncFailure
from pac_desktop.sync.wire import Mutation

SECRET = "Zorglub-Introuvable"


@pytest.fixture(params=backends())
def server(request, tmp_path):
    with running_server(request.param, tmp_path, test_faults=True) as running:
        yield running


def stored_as_is(server, entity: str, data: dict, *, record_id: str | None = None) -> str:
    """A row an older server accepted without checking it (the administrator's writer skips the checks)."""
    record_id = record_id or str(uuid.uuid4())
    case_id = record_id if entity == "youth" else data.get("case_id")
    m = Mutation(mutation_id=str(uuid.uuid4()), entity=entity, id=record_id, case_id=case_id, op="create",
                 fields={})
    m.fields.update(data)  # past the wire's own checks too: what an older server stored
    with write_transaction(server.engine) as conn:
        core.push(conn, [m], core.ADMIN)
    return record_id


def youth_data(**overrides) -> dict:
    data = {"territory_id": ARIEGE, "first_name": "Testa", "last_name": "Fictif", "birth_date": "2009-05-17",
            "address": SECRET, "status": "referred"}
    data.update(overrides)
    return data


def service(device) -> SyncService:
    return SyncService(ServiceContext(store=device.store))


def test_a_poison_row_is_set_aside_and_the_rest_of_the_page_applies(server, tmp_path):
    good = stored_as_is(server, "youth", youth_data())
    null_name = stored_as_is(server, "youth", youth_data(first_name=None))
    not_a_date = stored_as_is(server, "youth", youth_data(birth_date="pas une date"))
    unknown_status = stored_as_is(server, "youth", youth_data(status="inconnu"))
    audit_at_null = stored_as_is(server, "audit_event", {"at": None, "action": "login_failed",
                                                         "territory_id": ARIEGE, "detail": ""})
    device = enrol_device(server, tmp_path / "neuf")  # its first cycle pulls the page above
    try:
        assert youth(device, good).first_name == "Testa"
        for poisoned in (null_name, not_a_date, unknown_status):
            assert youth(device, poisoned) is None
        with device.store.read_session_factory() as s:
            kept = {q.row_id: q.reason for q in s.scalars(select(QuarantinedRow))}
        assert set(kept) == {null_name, not_a_date, unknown_status, audit_at_null}
        assert "« first_name »" in kept[null_name] and "« birth_date »" in kept[not_a_date]
        assert all(SECRET not in reason for reason in kept.values())
        status = service(device).status()
        assert status.quarantined == 4 and status.last_error is None
        assert {q.reason for q in service(device).quarantined()} == set(kept.values())
        # The device keeps syncing its own work, and a corrected version of a row takes its place.
        mine = add_youth(device)
        sync(device)
        with server.engine.connect() as conn:
            assert conn.execute(select(Record.id).where(Record.id == mine)).scalar() == mine
        with write_transaction(server.engine) as conn:
            fix = Mutation(mutation_id=str(uuid.uuid4()), entity="youth", id=null_name, case_id=null_name,
                           op="update", fields={"first_name": "Corrigée"}, base={"first_name": None},
                           base_version=1)
            assert core.push(conn, [fix], core.ADMIN)[0].status == "applied"
        sync(device)
        assert youth(device, null_name).first_name == "Corrigée"
        assert service(device).status().quarantined == 3
    finally:
        device.close()


def test_a_row_the_local_store_refuses_is_set_aside_too(server, tmp_path):
    """A constraint of the local store (here: two territories with the same code) refuses one row, not the page."""
    twin = stored_as_is(server, "territory", {"code": "ariege", "name": "Doublon", "kind": "rural",
                                              "priority_area": False, "department": "09"})
    device = enrol_device(server, tmp_path / "neuf")
    try:
        with device.store.read_session_factory() as s:
            (kept,) = s.scalars(select(QuarantinedRow)).all()
        assert kept.row_id == twin and "UNIQUE" in kept.reason
        assert service(device).status().last_error is None
    finally:
        device.close()


def test_every_failure_of_a_cycle_is_recorded_without_values(server, tmp_path, monkeypatch):
    device = enrol_device(server, tmp_path / "poste")
    try:
        add_youth(device)

        def broken(*_args, **_kwargs):
            raise RuntimeError(f"row ({SECRET}, 06 00 00 00 00) failed")

        monkeypatch.setattr(device.replica, "apply_pull", broken)
        with pytest.raises(UnexpectedSyncFailure) as caught:
            device.engine.run_cycle()
        assert SECRET not in str(caught.value)
        status = service(device).status()
        assert status.last_error == str(caught.value) and "RuntimeError" in status.last_error
        assert SECRET not in status.last_error
    finally:
        device.close()


def test_a_change_too_big_for_the_server_is_parked_and_the_others_go(server, tmp_path):
    device = enrol_device(server, tmp_path / "poste")
    try:
        before = add_youth(device, consent=False)
        huge = add_youth(device, consent=False)
        after = add_youth(device, consent=False)
        with device.store.session_factory.begin() as s:  # a change no server takes (a bug wrote it)
            entry = s.scalar(select(OutboxEntry).where(OutboxEntry.row_id == huge))
            fields = json.loads(entry.fields)
            fields.update({"address": "x" * 90_000, "town": "y" * 90_000})
            fields.update({f"note_{i}": "z" * 90_000 for i in range(30)})
            entry.fields = json.dumps(fields)
        report = device.engine.run_cycle()
        assert report.rejected == 1
        with device.store.read_session_factory() as s:
            (parked,) = s.scalars(select(DeadLetter)).all()
            assert s.scalar(select(OutboxEntry.ord).limit(1)) is None
        assert parked.row_id == huge and "trop volumineux" in parked.reason
        with server.engine.connect() as conn:
            on_server = set(conn.execute(select(Record.id).where(Record.entity == "youth")).scalars())
        assert {before, after} <= on_server and huge not in on_server
    finally:
        device.close()


def test_a_change_the_server_fails_on_every_time_is_parked_not_retried_forever(server, tmp_path):
    poison_ids: set[str] = set()

    def fail_on_poison(request: httpx.Request) -> None:
        if request.url.path == "/v1/sync/push" and any(p.encode() in request.content for p in poison_ids):
            request.headers["X-Test-Fault"] = "before_commit"  # the server answers 500

    factory = transport_factory(client_factory=lambda: httpx.Client(event_hooks={"request": [fail_on_poison]}))
    device = enrol_device(server, tmp_path / "poste", factory=factory)
    try:
        first = add_youth(device, consent=False)
        poison = add_youth(device, consent=False)
        poison_ids.add(poison)
        last = add_youth(device, consent=False)
        cycles = 0
        while True:
            cycles += 1
            assert cycles <= 5, "the poison change is retried forever"
            try:
                report = device.engine.run_cycle()
            except engine_module.ServerUnreachable:
                continue
            break
        assert report.rejected == 1
        with device.store.read_session_factory() as s:
            (parked,) = s.scalars(select(DeadLetter)).all()
        assert parked.row_id == poison and parked.reason == "server_error"
        with server.engine.connect() as conn:
            on_server = set(conn.execute(select(Record.id).where(Record.entity == "youth")).scalars())
        assert {first, last} <= on_server and poison not in on_server
    finally:
        device.close()


def test_the_pac_command_never_prints_a_rows_values_on_a_database_error(tmp_path, capsys, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from pac_desktop.cli import sync as cli_sync

    def failing(_args):
        raise IntegrityError("INSERT INTO youth VALUES (?)", (SECRET, COUNSELLOR_ARIEGE),
                             Exception("NOT NULL constraint failed: youth.first_name"))

    monkeypatch.setattr(cli_sync, "cmd_sync", failing)
    code = pac_main(["--data-dir", str(tmp_path / "data"), "sync"])
    out = capsys.readouterr()
    assert code == 70
    assert SECRET not in out.err + out.out and "IntegrityError" in out.err
