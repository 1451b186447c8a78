"""The wire schema's tables agree with the local models; seeded reference data syncs without noise."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select
from sync_helpers import enrol_device, running_server

from pac_desktop.services.context import ServiceContext
from pac_desktop.services.reference import ReferenceService
from pac_desktop.storage.base import CaseScoped
from pac_desktop.storage.models import MODELS_BY_ENTITY, DeadLetter, OutboxEntry, SyncConflict
from pac_desktop.sync.wire import MAX_BATCH_MUTATIONS, MERGE_GROUPS, SCOPES, Mutation, PushRequest, Scope, push_body


def test_every_synced_entity_has_a_scope():
    missing = sorted(set(MODELS_BY_ENTITY) - set(SCOPES))
    assert not missing, f"choose the scope of {missing} in pac_desktop.sync.wire.SCOPES"
    assert not set(SCOPES) - set(MODELS_BY_ENTITY)
    for entity, model in MODELS_BY_ENTITY.items():
        assert (SCOPES[entity] is Scope.CASE) == issubclass(model, CaseScoped), entity


def test_merge_groups_match_the_models():
    declared = {e: m.__merge_groups__ for e, m in MODELS_BY_ENTITY.items() if m.__merge_groups__}
    assert declared == MERGE_GROUPS


def test_a_device_seeded_with_pac_init_pushes_its_reference_rows_as_no_ops(tmp_path):
    with running_server("sqlite", tmp_path) as server:
        device = enrol_device(server, tmp_path / "d", initial_sync=False)
        ReferenceService(ServiceContext(store=device.store)).load()  # what `pac init` does
        with device.store.read_session_factory() as s:
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) > 100
        report = device.engine.run_cycle()
        assert report.rejected == 0 and report.conflicts == 0 and report.pushed > 100
        with device.store.read_session_factory() as s:
            assert s.scalar(select(func.count()).select_from(DeadLetter)) == 0
            assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
        device.close()


def test_a_push_body_made_of_the_mutations_json_is_the_push_request():
    """The device sends each mutation's own JSON (made once: sized, sent, archived): byte for byte what the
    request model writes, and what the server reads back."""
    mutations = [Mutation(mutation_id=str(uuid.uuid4()), entity="youth", id=str(uuid.uuid4()), op="update",
                          fields={"phone": '06 « 00 » "fictif"', "town": None, "newly_arrived": True},
                          base={"phone": None}, base_version=n + 1) for n in range(3)]
    batch_id = str(uuid.uuid4())
    body = push_body(batch_id, [m.model_dump_json() for m in mutations])
    assert body == PushRequest(batch_id=batch_id, mutations=mutations).model_dump_json().encode()
    assert PushRequest.model_validate_json(body).mutations == mutations
    with pytest.raises(ValueError):
        push_body(batch_id, [mutations[0].model_dump_json()] * (MAX_BATCH_MUTATIONS + 1))
