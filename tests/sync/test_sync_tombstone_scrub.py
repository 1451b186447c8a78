"""A deletion keeps its tombstone, not its content (data protection), with a real pac-server and two computers of the
same territory: once a deletion is synced, the deleted row on each computer holds no text — read back from the store
file with plain sqlite3 —; a retention purge, once pushed, leaves no name nor note of the youth in either file, and
the youth is no longer found by name; a record the server sends again is restored whole."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import (
    COUNSELLOR_ARIEGE,
    Device,
    add_youth,
    backends,
    enrol_device,
    register_test_keys,
    running_server,
    sign_in_services,
    sync,
    work_as,
)

from pac_desktop.domain.enums import FollowUpKind, StaffRole
from pac_desktop.server import admin
from pac_desktop.server.models import Record
from pac_desktop.services.registry import Services
from pac_desktop.services.retention import CASE_MODELS
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.base import id_from_store, id_to_store
from pac_desktop.storage.models import FollowUpEvent, Guardian, OutboxEntry
from pac_desktop.storage.outbox import tombstone
from pac_desktop.storage.scrub import SCRUB_DONE_KEY, scrub_tombstones
from pac_desktop.sync import wire
from pac_desktop.sync.wire import ChangeOp

NOTE = "Confidences fictives de Zéphyrine sur sa famille"
FIRST, LAST = "Zéphyrine", "Effaçable-Fictive"
OLD = datetime(2023, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        running.admin = admin.create_staff(running.engine, first_name="Adèle", last_name="Admin-Fictive",
                                           organisation_code="cio-ariege", roles=[StaffRole.ADMINISTRATOR])
        register_test_keys(running.engine, running.admin)
        yield running


@pytest.fixture
def devices(server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="poste A", organisation="cio-ariege")
    b = enrol_device(server, tmp_path / "b", name="poste B", organisation="ml-ariege")
    yield a, b
    a.close()
    b.close()


def _file(device: Device) -> Path:
    return Path(device.store.engine.url.database)


def _rows(device: Device, table: str, where: str = "", args: tuple = ()) -> str:
    """Every row of ``table`` in the device's store file, read with plain sqlite3, as one text."""
    with sqlite3.connect(_file(device)) as conn:
        # The ids bound as the store keeps them (storage.base.CompactId: 16 bytes).
        return repr(conn.execute(f"SELECT * FROM {table} {where}",  # noqa: S608 - test tables
                                 tuple(id_to_store(a) for a in args)).fetchall())


def _case_text(device: Device, youth_id: str) -> str:
    """Every row of every table of the youth's file, and the search keys' hits, as one text."""
    return " ".join(_rows(device, m.__tablename__, "WHERE case_id = ?", (youth_id,)) for m in CASE_MODELS)


def _note(device: Device, youth_id: str, text: str = NOTE, *, on: date = date(2026, 3, 2)) -> str:
    note_id = str(uuid.uuid4())
    with device.store.session_factory.begin() as s:
        s.add(FollowUpEvent(id=note_id, case_id=youth_id, youth_id=youth_id, kind=FollowUpKind.INTERVIEW,
                            occurred_on=on, note=text, staff_id=COUNSELLOR_ARIEGE))
    return note_id


def test_a_deleted_note_keeps_no_text_on_either_computer(server, devices) -> None:
    a, b = devices
    youth_id = add_youth(a, first_name=FIRST, last_name=LAST)
    note_id = _note(a, youth_id)
    sync(a, b)
    assert NOTE in _rows(b, "follow_up_event")
    with a.store.session_factory.begin() as s:
        tombstone(s.get(FollowUpEvent, note_id))
    # Not pushed yet: the deletion's outbox entry needs the row as it was (the base of the delete).
    with a.store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.row_id == note_id)) == 1
    assert NOTE in _rows(a, "follow_up_event")
    sync(a, b)
    for device in (a, b):
        assert NOTE not in _rows(device, "follow_up_event"), device.name
        with sqlite3.connect(_file(device)) as conn:
            note, deleted_at, youth = conn.execute(
                "SELECT note, deleted_at, youth_id FROM follow_up_event WHERE id = ?", (id_to_store(note_id),)).fetchone()
        assert note == "" and deleted_at is not None and id_from_store(youth) == youth_id  # the tombstone, its keys, no text
        assert LAST in _rows(device, "youth")  # the youth is not deleted: their record stays whole
    # The server keeps its tombstone too (its own retention purges it), and nothing shows the note any more.
    with server.engine.connect() as conn:
        assert conn.scalar(select(Record.deleted).where(Record.id == note_id))


def test_a_retention_purge_once_synced_leaves_no_name_nor_note_in_either_file(server, devices) -> None:
    a, b = devices
    youth_id = add_youth(a, first_name="Zélie", last_name="Purgeable-Fictive", created_at=OLD, phone="06 12 34 56 78")
    _note(a, youth_id, on=date(2023, 1, 10))
    with a.store.session_factory.begin() as s:
        s.add(Guardian(case_id=youth_id, youth_id=youth_id, full_name="Parent Effaçable-Fictif"))
    sync(a, b)
    for device in (a, b):
        assert "Purgeable-Fictive" in _case_text(device, youth_id) and NOTE in _case_text(device, youth_id)

    work_as(a, server.admin)
    services = Services.build(a.store)
    sign_in_services(services, server.admin)
    with a.store.read_session_factory() as s:
        administrator = actor_for(s, server.admin)
    plan = services.retention.plan(actor=administrator)
    assert youth_id in {c.youth_id for c in plan.candidates}
    report = services.retention.purge(actor=administrator, youth_ids=[youth_id])
    assert report.youths == 1 and not report.deleted_outright
    assert "Purgeable-Fictive" in _case_text(a, youth_id)  # the deletions wait to be pushed: their outbox entries need the rows

    sync(a, b)
    with a.store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.case_id == youth_id)) == 0
    for device in (a, b):
        text = _case_text(device, youth_id)
        for word in ("Zélie", "Purgeable", NOTE, "Effaçable", "06 12 34 56 78", "2009-05-17"):
            assert word not in text, (device.name, word)
        assert "zelie" not in text and "purgeable" not in text  # the search keys too
        with sqlite3.connect(_file(device)) as conn:
            assert conn.execute("SELECT count(*) FROM youth WHERE last_name_key LIKE 'purgeable%' "
                                "OR first_name_key LIKE 'zelie%'").fetchone() == (0,)
            # The tombstones stay (the deletion's proof for the sync), with their ids and keys.
            assert conn.execute("SELECT count(*) FROM youth WHERE id = ? AND deleted_at IS NOT NULL",
                                (id_to_store(youth_id),)).fetchone() == (1,)


def test_a_tombstone_brought_back_by_the_server_is_restored_whole(server, devices) -> None:
    """A record the server sends again after its deletion (a consent given anew brings back the content a
    withdrawal removed: test_sync_consent) overwrites every blanked field with the server's copy."""
    a, b = devices
    youth_id = add_youth(a, first_name=FIRST, last_name=LAST)
    note_id = _note(a, youth_id)
    sync(a, b)
    with b.store.read_session_factory() as s:
        row = s.get(FollowUpEvent, note_id)
        whole = {c: getattr(row, c) for c in ("note", "kind", "occurred_on", "staff_id", "youth_id")}
    with a.store.session_factory.begin() as s:
        tombstone(s.get(FollowUpEvent, note_id))
    sync(a, b)
    assert NOTE not in _rows(b, "follow_up_event")

    # The server's copy of the note as it was, sent again as a newer version (what the server does when it revives a
    # record), pulled by B.
    with server.engine.connect() as conn:
        version = conn.scalar(select(Record.version).where(Record.id == note_id))
    data = {"case_id": youth_id, "youth_id": youth_id, "kind": "interview", "occurred_on": "2026-03-02",
            "note": NOTE, "staff_id": COUNSELLOR_ARIEGE, "partner_organisation_id": None}
    cursor, epoch = b.replica.cursor_and_epoch()
    page = wire.PullResponse(epoch=epoch or "", changes=[wire.Change(
        entity="follow_up_event", id=note_id, case_id=youth_id, op=ChangeOp.PUT, version=version + 1,
        seq=cursor + 1, data=data)], next_cursor=cursor + 1, has_more=False, server_seq=cursor + 1,
        tombstone_horizon=0)
    b.replica.apply_pull(page, cursor_before=cursor)
    with b.store.read_session_factory() as s:
        row = s.get(FollowUpEvent, note_id)
        assert row.deleted_at is None
        assert {c: getattr(row, c) for c in whole} == whole
    assert NOTE in _rows(b, "follow_up_event")


def test_the_tombstones_of_an_older_store_are_blanked_once(server, devices) -> None:
    """Tombstones kept whole before this step (an older version) are blanked at the next sync (before its pull),
    once; a deletion still waiting in the outbox is left as it is until the server has it."""
    a, _b = devices
    youth_id = add_youth(a, first_name=FIRST, last_name=LAST)
    gone = _note(a, youth_id, "Ancienne note fictive supprimée")
    waiting = _note(a, youth_id, "Note fictive dont la suppression attend")
    sync(a)
    with a.store.session_factory.begin() as s:
        tombstone(s.get(FollowUpEvent, gone))
    sync(a)
    # As an older version left it: the tombstone with its text, and the one-time sweep not made.
    with sqlite3.connect(_file(a)) as conn:
        conn.execute("UPDATE follow_up_event SET note = 'Ancienne note fictive supprimée' WHERE id = ?",
                     (id_to_store(gone),))
        conn.execute("DELETE FROM local_setting WHERE key = ?", (SCRUB_DONE_KEY,))
    with a.store.session_factory.begin() as s:
        tombstone(s.get(FollowUpEvent, waiting))
    a.replica.scrub_once()  # as the next cycle does before its pull (here without its push)
    text = _rows(a, "follow_up_event")
    assert "Ancienne note fictive supprimée" not in text and "Note fictive dont la suppression attend" in text
    assert a.replica.setting(SCRUB_DONE_KEY) == "1"
    sync(a)
    assert "Note fictive dont la suppression attend" not in _rows(a, "follow_up_event")
    with a.store.engine.begin() as conn:  # a later sweep finds the same tombstones, blank already
        scrub_tombstones(conn)
    assert LAST in _rows(a, "youth", "WHERE id = ?", (youth_id,))
