"""Migration 0012: a computer started without a server gives its programme settings the ids the server uses, so a
value set later on the server (pac-server admin set-setting) replaces its own instead of being refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pac_desktop.domain.programme_settings import setting_id
from pac_desktop.storage.migrate import downgrade
from pac_desktop.storage.models import OutboxEntry, ProgrammeSetting, SyncDevice
from pac_desktop.storage.store import open_store

OLD_ID = "0ld5e771-0000-4000-8000-000000000001"


def _store_from_before_0012(data_dir, *, enrolled: bool) -> None:  # noqa: ANN001
    store = open_store(data_dir)
    with store.session_factory.begin() as s:
        s.add(ProgrammeSetting(id=OLD_ID, key="session.lock_minutes", scope="", value="25"))
        if enrolled:
            s.add(SyncDevice(id=1, server_url="https://pac.exemple.fr", device_id="d-1", device_name="poste"))
    # Back to 0011 through the migrations' own downgrades: the tables of later migrations go too.
    downgrade(store.engine, "0011")
    store.engine.dispose()


@pytest.mark.parametrize("enrolled", [False, True])
def test_a_standalone_computers_settings_take_the_servers_ids(data_dir, enrolled):
    _store_from_before_0012(data_dir, enrolled=enrolled)
    store = open_store(data_dir)  # migrates to the head
    try:
        with store.read_session_factory() as s:
            ids = s.scalars(select(ProgrammeSetting.id)).all()
            queued = s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.entity == "programme_setting")).all()
    finally:
        store.engine.dispose()
    expected = OLD_ID if enrolled else setting_id("session.lock_minutes", "")  # enrolled: may be on the server
    assert ids == [expected] and queued == [expected]
