"""Pushes written as one group (issue 16, pac_desktop.server.group_push): each push gets the answer it would
have had alone, a later push of the group sees what an earlier one wrote, and a push that fails in a group
fails alone (the others are written again without it).

Run on SQLite and, when PAC_TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import ARIEGE, backends, running_server

from pac_desktop.server import core
from pac_desktop.server.api.sync import after_push
from pac_desktop.server.db import read_transaction
from pac_desktop.server.group_push import PushGroups, _Entry
from pac_desktop.server.models import Record
from pac_desktop.sync.wire import Mutation


@pytest.fixture(params=backends())
def server(request, tmp_path):
    with running_server(request.param, tmp_path) as running:
        yield running


def _create(yid: str, **fields: Any) -> Mutation:
    return Mutation(mutation_id=str(uuid.uuid4()), entity="youth", id=yid, case_id=yid, op="create",
                    fields={"territory_id": ARIEGE, "first_name": "Testa", "last_name": "Fictif",
                            "birth_date": "2009-05-17", "phone": "06 00 00 00 00", **fields})


def _phone(yid: str, phone: str, base: str, version: int) -> Mutation:
    return Mutation(mutation_id=str(uuid.uuid4()), entity="youth", id=yid, case_id=yid, op="update",
                    fields={"phone": phone}, base={"phone": base}, base_version=version)


def _stored(server, yid: str) -> Any:
    R = Record.__table__
    with read_transaction(server.engine) as conn:
        return conn.execute(select(R).where(R.c.entity == "youth", R.c.id == yid)).first()


def test_a_group_answers_each_push_as_if_alone_in_arrival_order(server) -> None:
    yid = str(uuid.uuid4())
    first = core.PushJob([_create(yid)], core.ADMIN)
    second = core.PushJob([_phone(yid, "06 11 11 11 11", "06 00 00 00 00", 1)], core.ADMIN)
    replay = core.PushJob([first.mutations[0]], core.ADMIN)  # the first push sent again (a lost answer)
    groups = PushGroups(server.engine, after_push)
    entries = [_Entry(first), _Entry(second), _Entry(replay)]
    groups._run(entries)

    assert [e.error for e in entries] == [None, None, None]
    assert groups.groups == 1 and groups.pushes == 3
    (created,), (edited,), (replayed,) = first.results, second.results, replay.results
    assert created.status == "applied" and created.record.version == 1
    assert edited.status == "applied" and edited.record.version == 2  # it saw the creation of the same group
    assert edited.record.data["phone"] == "06 11 11 11 11"
    assert replayed.replayed and replayed.status == "applied"  # the ledger written by the group answers it
    row = _stored(server, yid)
    assert row.version == 2 and row.data["phone"] == "06 11 11 11 11"
    assert entries[0].seq == entries[2].seq == core_seq(server) >= row.seq


def core_seq(server) -> int:
    with read_transaction(server.engine) as conn:
        return core.server_seq(conn)


def test_a_push_that_fails_in_a_group_fails_alone(server) -> None:
    ok_before, bad, ok_after = (str(uuid.uuid4()) for _ in range(3))

    def after_job(conn, job: core.PushJob) -> None:
        if job.mutations[0].id == bad:
            raise RuntimeError("a fault of this push only")
        after_push(conn, job)

    groups = PushGroups(server.engine, after_job)
    entries = [_Entry(core.PushJob([_create(y)], core.ADMIN)) for y in (ok_before, bad, ok_after)]
    groups._run(entries)

    assert [type(e.error).__name__ if e.error else None for e in entries] == [None, "RuntimeError", None]
    assert _stored(server, ok_before) is not None and _stored(server, ok_after) is not None
    assert _stored(server, bad) is None  # its transaction was rolled back, the others written without it


def test_pushes_from_many_threads_all_land_once(server) -> None:
    """Threads pushing at once through one PushGroups: every push answered, every youth stored once."""
    groups = PushGroups(server.engine, after_push)
    made: list[str] = []
    answers: list[list[Any]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def pusher() -> None:
        try:
            for _ in range(5):
                ids = [str(uuid.uuid4()) for _ in range(3)]
                results, seq = groups.push(core.PushJob([_create(y) for y in ids], core.ADMIN))
                with lock:
                    made.extend(ids)
                    answers.append(results)
                assert seq > 0
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=pusher) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert len(answers) == 30 and all(r.status == "applied" for results in answers for r in results)
    assert groups.pushes == 30 and 1 <= groups.groups <= 30
    R = Record.__table__
    with read_transaction(server.engine) as conn:
        stored = conn.execute(select(R.c.id).where(R.c.entity == "youth", R.c.id.in_(made))).scalars().all()
    assert sorted(stored) == sorted(made)
