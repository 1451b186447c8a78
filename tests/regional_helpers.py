"""A shared server holding every territory's files, and a regional committee's computer enrolled with it (issue
18 §6): used by the sync tests and the GUI tests of the regional view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sync_helpers import new_store, register_test_keys, running_server

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.youth_fields import paris_today
from pac_desktop.server import admin, core
from pac_desktop.server.db import write_transaction
from pac_desktop.storage.base import Base, CaseScoped, Synced
from pac_desktop.storage.outbox import snapshot
from pac_desktop.sync.wire import SCOPES, Scope

REGIONAL_ORG = "mgi-academie-toulouse"
REGIONAL_LOGIN, REGIONAL_PASSWORD = "s.region", "region-motdepasse-1"
#: A second regional member without a login: their test key signs (sync_helpers.register_test_keys).
REGIONAL_NO_LOGIN = "5e5e5e5e-0000-4000-8000-00000000c001"


def copy_store_to_server(store: Any, engine: Any) -> int:
    """Every synced row of a local store written as the server's own records (youths first: their files open);
    the reference rows the server published itself are left as they are. Returns the number written."""
    models = [m.class_ for m in Base.registry.mappers
              if issubclass(m.class_, Synced) and getattr(m.class_, "__sync_entity__", None) in SCOPES]
    models.sort(key=lambda m: m.__sync_entity__ != "youth")
    written = 0
    with store.read_session_factory() as session, write_transaction(engine) as conn:
        for model in models:
            entity = model.__sync_entity__
            if entity == "audit_event":
                continue
            for row in session.scalars(select(model)):
                if core.get_record(conn, entity, row.id) is not None:
                    continue
                data = snapshot(row)
                core.write_record(
                    conn, entity=entity, record_id=row.id,
                    case_id=row.case_id if isinstance(row, CaseScoped) else None,
                    territory_id=data.get("territory_id") if SCOPES[entity] is Scope.TERRITORY else None,
                    version=1, deleted=row.deleted_at is not None, data=data, info=core.WriteInfo(op="publish"))
                written += 1
    return written


@contextmanager
def server_with_every_file(backend: str, tmp_path: Path, every_file_store: Any) -> Iterator[Any]:
    """A running pac-server holding the rows of ``every_file_store``, and two regional committee members."""
    with running_server(backend, tmp_path) as running:
        copy_store_to_server(every_file_store, running.engine)
        admin.create_staff(running.engine, first_name="Sacha", last_name="Testrégion", organisation_code=REGIONAL_ORG,
                           roles=[StaffRole.REGIONAL], login=REGIONAL_LOGIN, password=REGIONAL_PASSWORD)
        admin.create_staff(running.engine, first_name="Dominique", last_name="Testrégion",
                           organisation_code=REGIONAL_ORG, roles=[StaffRole.REGIONAL], staff_id=REGIONAL_NO_LOGIN)
        register_test_keys(running.engine, REGIONAL_NO_LOGIN)
        yield running


@dataclass
class RegionalComputer:
    services: Any
    actor: Any
    data_dir: Path


@contextmanager
def regional_computer(server: Any, data_dir: Path) -> Iterator[RegionalComputer]:
    """A regional committee's computer: enrolled with a regional code, synced, its member signed in."""
    from pac_desktop.services.registry import Services

    code = admin.enrolment_code(server.engine, organisation_code=REGIONAL_ORG, regional=True)
    assert code.regional and code.territory_ids == []
    store = new_store(data_dir)
    services = Services.build(store, today=paris_today)
    try:
        done = services.sync.enrol(server_url=server.url, code=code.code, device_name="comité régional")
        assert done.territory_ids == ()
        services.sync.sync_now()
        actor = services.sessions.login(login=REGIONAL_LOGIN, password=REGIONAL_PASSWORD)
        yield RegionalComputer(services, actor, data_dir)
    finally:
        store.engine.dispose()
