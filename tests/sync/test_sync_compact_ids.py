"""A store whose ids became 16 bytes (migration 0022, issue 16: store size) keeps syncing through a real pac-server:
the wire and the server keep text UUIDs, the local store its compact ones."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    add_youth,
    backends,
    edit_youth,
    enrol_device,
    open_device,
    running_server,
    sync,
    transport_factory,
    youth,
)

from pac_desktop.server.models import Record
from pac_desktop.storage.base import id_to_store
from pac_desktop.storage.migrate import downgrade
from pac_desktop.storage.store import open_store


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        yield running


def _stored_id(device, youth_id: str) -> list[tuple]:  # noqa: ANN001
    with device.store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT typeof(id), typeof(territory_id) FROM youth WHERE id = ?",
                                    (id_to_store(youth_id),)).all()


def test_a_store_migrated_to_compact_ids_syncs_both_ways(server, tmp_path):
    foix = enrol_device(server, tmp_path / "foix", name="foix")
    youth_id = add_youth(foix, territory=ARIEGE, first_name="Testa", last_name="Compacte")
    sync(foix)
    foix.close()
    # The same store as before migration 0022 (text ids), opened again by the application: migrated.
    store = open_store(tmp_path / "foix")
    downgrade(store.engine, "0021")
    store.engine.dispose()
    foix = open_device(tmp_path / "foix", "foix", transport_factory())
    pamiers = None
    try:
        assert _stored_id(foix, youth_id) == [("blob", "blob")]
        assert edit_youth(foix, youth_id, phone="0600000001")
        pamiers = enrol_device(server, tmp_path / "pamiers", name="pamiers")
        sync(foix, pamiers)
        assert youth(pamiers, youth_id).phone == "0600000001"
        assert _stored_id(pamiers, youth_id) == [("blob", "blob")]  # a pulled row: compact too
        assert edit_youth(pamiers, youth_id, last_class="Terminale")
        sync(pamiers, foix)
        on_foix = youth(foix, youth_id)
        assert (on_foix.id, on_foix.territory_id, on_foix.last_class) == (youth_id, ARIEGE, "Terminale")
        with server.engine.connect() as conn:
            record = conn.execute(select(Record.id, Record.data).where(Record.entity == "youth",
                                                                       Record.id == youth_id)).one()
        assert record.data["territory_id"] == ARIEGE  # text on the wire and on the server
    finally:
        foix.close()
        if pamiers is not None:
            pamiers.close()
