"""The outbox gets exactly one entry per synced change, in the same transaction, and none for local tables."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from pac_desktop.domain import enums as e
from pac_desktop.storage.base import new_id
from pac_desktop.storage.models import (
    AuditEvent,
    JointIntake,
    LocalSetting,
    OutboxEntry,
    SyncState,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import SyncedRowDeleted, tombstone


def _outbox(store) -> list[OutboxEntry]:
    with store.session_factory() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.ord)))


def _territory(session) -> Territory:
    t = Territory(code="t-test", name="Territoire d'essai", kind=e.TerritoryKind.RURAL)
    session.add(t)
    session.flush()
    return t


def _youth(session, territory_id: str, **values) -> Youth:
    youth_id = new_id()
    y = Youth(id=youth_id, case_id=youth_id, territory_id=territory_id, first_name="Testa",
              last_name="Fictif", birth_date=date(2009, 5, 17), **values)
    session.add(y)
    session.flush()
    return y


def test_create_update_tombstone_each_give_one_entry(store):
    with store.session_factory.begin() as s:
        t = _territory(s)
        y = _youth(s, t.id)
    with store.session_factory.begin() as s:
        s.get(Youth, y.id).town = "Foix"
    with store.session_factory.begin() as s:
        tombstone(s.get(Youth, y.id))

    entries = _outbox(store)
    assert [(o.entity, o.op) for o in entries] == [
        ("territory", "create"), ("youth", "create"), ("youth", "update"), ("youth", "delete")]
    create, update, delete = entries[1:]
    assert create.case_id == y.id and create.row_id == y.id
    created = json.loads(create.fields)
    # Defaults are in the outbox exactly as the database holds them.
    assert created["status"] == "referred" and created["lives_in_priority_area"] is False
    assert created["birth_date"] == "2009-05-17" and created["last_name_key"] == "fictif"
    assert json.loads(update.fields) == {"town": "Foix", "town_key": "foix"}
    assert json.loads(update.base) == {"town": None, "town_key": ""}
    # A delete carries the full snapshot the deleter saw (the server's CAS compares it).
    assert json.loads(delete.base)["town"] == "Foix" and json.loads(delete.fields) == {}
    assert len({o.mutation_id for o in entries}) == 4


def test_no_entry_without_a_change(store):
    with store.session_factory.begin() as s:
        t = _territory(s)
    before = len(_outbox(store))
    with store.session_factory.begin() as s:
        row = s.get(Territory, t.id)
        row.name = row.name  # same value: nothing to push
    assert len(_outbox(store)) == before


def test_merge_group_base_covers_the_whole_group(store):
    with store.session_factory.begin() as s:
        t = _territory(s)
        y = _youth(s, t.id)
        intake = JointIntake(youth_id=y.id, case_id=y.id, territory_id=t.id, next_appointment_place="CIO")
        s.add(intake)
    with store.session_factory.begin() as s:
        s.get(JointIntake, intake.id).next_appointment_place = "Mission Locale"
    last = _outbox(store)[-1]
    assert json.loads(last.fields) == {"next_appointment_place": "Mission Locale"}
    assert json.loads(last.base) == {
        "next_appointment_place": "CIO", "next_appointment_at": None, "next_appointment_staff_id": None}


def test_change_and_entry_roll_back_together(store):
    with store.session_factory.begin() as s:
        t = _territory(s)
    before = len(_outbox(store))
    with pytest.raises(RuntimeError), store.session_factory.begin() as s:
        s.get(Territory, t.id).name = "Autre nom"
        s.flush()
        raise RuntimeError("crash before commit")
    assert len(_outbox(store)) == before
    with store.session_factory() as s:
        assert s.get(Territory, t.id).name == "Territoire d'essai"


def test_unsynced_tables_never_reach_the_outbox(store):
    before = len(_outbox(store))
    with store.session_factory.begin() as s:
        s.add(LocalSetting(key="zoom", value="120"))
        s.add(SyncState(id=1, cursor=42))
    assert len(_outbox(store)) == before


def test_synced_rows_cannot_be_hard_deleted_and_audit_is_append_only(store):
    with store.session_factory.begin() as s:
        t = _territory(s)
        s.add(AuditEvent(action="login", staff_id=None))
    with pytest.raises(SyncedRowDeleted), store.session_factory.begin() as s:
        s.delete(s.get(Territory, t.id))
    with pytest.raises(SyncedRowDeleted), store.session_factory.begin() as s:
        s.scalars(select(AuditEvent)).one().action = "changed"


def test_edit_of_an_unloaded_row_still_records_its_base(store):
    """Even when the old value was never loaded in the session, the base is read from the database."""
    with store.session_factory.begin() as s:
        t = _territory(s)
    with store.session_factory.begin() as s:
        row = s.get(Territory, t.id)
        s.expire(row, ["department"])
        row.department = "09"
    last = _outbox(store)[-1]
    assert json.loads(last.base) == {"department": None}


def test_outbox_count_matches_rows_written(store):
    with store.session_factory.begin() as s:
        t = _territory(s)
        for _ in range(5):
            _youth(s, t.id)
    with store.session_factory() as s:
        n = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.entity == "youth"))
    assert n == 5


def test_each_entry_names_who_made_the_change_and_travels_with_it(store):
    """Two people edit one row between two syncs: each change goes out under its own author (the server checks
    each author's role), not under whoever touched the row last."""
    from pac_desktop.storage.store import set_actor
    from pac_desktop.sync.local import LocalReplica

    counsellor, referent = new_id(), new_id()
    with store.session_factory.begin() as s:
        set_actor(s, counsellor)
        youth = _youth(s, _territory(s).id)
        youth_id = youth.id
    with store.session_factory.begin() as s:
        set_actor(s, referent)
        s.get(Youth, youth_id).town = "Foix"
    assert [(x.entity, x.op, x.made_by) for x in _outbox(store)] == [
        ("territory", "create", counsellor), ("youth", "create", counsellor), ("youth", "update", referent)
    ]
    batch = LocalReplica(store).next_batch()
    assert [(m.entity, m.op.value, m.made_by) for m in batch] == [
        ("territory", "create", counsellor), ("youth", "create", counsellor), ("youth", "update", referent)
    ]
