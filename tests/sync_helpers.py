"""Helpers of the sync and server tests: a real pac-server (SQLite file or a throw-away PostgreSQL database),
enrolled devices on real local stores, and an in-memory keyring backend."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from signing_helpers import TEST_KEYS, fictitious_key
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from pac_desktop.domain.authorship import signed_payload
from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import ConsentKind, StaffRole
from pac_desktop.domain.reference import stable_id
from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.security.signing import public_bytes
from pac_desktop.server import admin, authorship
from pac_desktop.server.config import Settings
from pac_desktop.server.db import write_transaction
from pac_desktop.server.models import (
    AppliedMutation,
    CaseAccess,
    Conflict,
    Feed,
    Record,
    RecordVersion,
)
from pac_desktop.server.testing import ServerThread
from pac_desktop.storage.base import new_id
from pac_desktop.storage.models import IntakeConsent, Youth
from pac_desktop.storage.outbox import ACTOR, SCHEMA_VERSION, SIGNER
from pac_desktop.storage.store import OpenedStore, open_store, set_actor
from pac_desktop.sync.engine import SyncEngine, open_engine
from pac_desktop.sync.enrolment import enrol
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.transport import HttpTransport, RetryPolicy

PG_ENV = "PAC_TEST_DATABASE_URL"
ARIEGE = stable_id("territory", "ariege")
TARBES = stable_id("territory", "tarbes")
#: The fictitious counsellors every test server publishes with the reference data. The server checks the roles
#: of each pushed change's author (issue 7 §3): a test device works as the counsellor of its territory.
COUNSELLOR_ARIEGE = "c0c0c0c0-0000-4000-8000-00000000a001"
COUNSELLOR_TARBES = "c0c0c0c0-0000-4000-8000-00000000b001"
COUNSELLORS = {ARIEGE: COUNSELLOR_ARIEGE, TARBES: COUNSELLOR_TARBES}
_ORGANISATION_TERRITORY = {"cio-ariege": ARIEGE, "cio-tarbes": TARBES, "ml-tarbes": TARBES}
REFERENCE_ENTITIES = ("territory", "territory_required_role", "organisation", "service_offer", "staff",
                      "staff_role", "credential", "programme_setting")


class MemoryKeyring(KeyringBackend):
    """A secure-looking keyring that lives in memory (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@contextmanager
def fast_tmp(fallback: Path) -> Iterator[Path]:
    """A scratch folder in memory (/dev/shm) when the machine has one: fsync costs nothing there, so the state
    machine explores many more steps in the same time. Removed afterwards."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="pac-sync-", dir=shm))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        yield fallback


def backends() -> list[str]:
    """The server databases to test on: SQLite always, PostgreSQL when PAC_TEST_DATABASE_URL is set."""
    return ["sqlite", "postgres"] if os.environ.get(PG_ENV) else ["sqlite"]


@contextmanager
def postgres_database() -> Iterator[str]:
    """A PostgreSQL database with a random name, dropped afterwards."""
    base = os.environ[PG_ENV]
    name = f"pac_test_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


@contextmanager
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "postgres":
        with postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / f'server-{uuid.uuid4().hex[:8]}.sqlite3'}"


@contextmanager
def running_server(backend: str, tmp_path: Path, *, publish: bool = True, **settings: Any) -> Iterator[ServerThread]:
    with database_url(backend, tmp_path) as url:
        server = ServerThread(Settings(database_url=url, **settings)).start()
        try:
            if publish:
                publish_reference_and_staff(server.engine)
            yield server
        finally:
            server.stop()


def publish_reference_and_staff(engine: Any) -> None:
    """What an administrator does before the first device enrols: the reference data, then the staff."""
    admin.publish_reference(engine)
    for staff_id, organisation, name in ((COUNSELLOR_ARIEGE, "cio-ariege", "Ariège"),
                                         (COUNSELLOR_TARBES, "cio-tarbes", "Tarbes")):
        admin.create_staff(engine, first_name="Conseillère", last_name=f"Test {name}", organisation_code=organisation,
                           roles=[StaffRole.COUNSELLOR], staff_id=staff_id)
    register_test_keys(engine, COUNSELLOR_ARIEGE, COUNSELLOR_TARBES)




def register_test_keys(engine: Any, *staff_ids: str) -> None:
    """What setting their password does on the server: the staff members' public keys (their test keys)."""
    with write_transaction(engine) as conn:
        for staff_id in staff_ids:
            authorship.register_key(conn, staff_id=staff_id, public=public_bytes(fictitious_key(staff_id)))


def signed(m: dict[str, Any]) -> dict[str, Any]:
    """A mutation written by hand (a raw push), signed with the test key of its author, as a device would."""
    if not m.get("made_by"):
        return m
    payload = signed_payload(
        mutation_id=m["mutation_id"], entity=m["entity"], row_id=m["id"], case_id=m.get("case_id"), op=m["op"],
        fields=m.get("fields") or {}, base=m.get("base") or {}, base_version=m.get("base_version", 0),
        conflict_id=m.get("conflict_id"), made_by=m["made_by"], made_at=m.get("made_at"))
    key_id, signature = TEST_KEYS.sign(m["made_by"], payload)  # type: ignore[misc]
    return {**m, "key_id": key_id, "signature": signature}


def work_as(device_or_store: Any, staff_id: str | None) -> None:
    """Every later unit of work of this device's store is made by ``staff_id`` (as if they were logged in), and
    signed with the key of its author (the actor of each unit of work)."""
    store = getattr(device_or_store, "store", device_or_store)
    store.session_factory.configure(info={**store.session_factory.kw.get("info", {}), ACTOR: staff_id,
                                          SIGNER: TEST_KEYS.sign})


def sign_in_services(services: Any, staff_id: str) -> None:
    """A staff member signed in on the services of an enrolled device: their changes are signed (issue 12)."""
    services.ctx.keys.hold(staff_id, fictitious_key(staff_id))


def reset_sync_data(server: ServerThread) -> None:
    """Forget every non-reference record (between examples of the state machine). The clock keeps going."""
    with server.engine.begin() as conn:
        conn.execute(delete(Record.__table__).where(Record.entity.not_in(REFERENCE_ENTITIES)))
        conn.execute(delete(RecordVersion.__table__).where(RecordVersion.entity.not_in(REFERENCE_ENTITIES)))
        conn.execute(delete(Feed.__table__).where(Feed.entity.not_in(REFERENCE_ENTITIES)))
        conn.execute(delete(Conflict.__table__))
        conn.execute(delete(AppliedMutation.__table__))
        conn.execute(delete(CaseAccess.__table__))


@dataclass
class Device:
    """An enrolled desktop: its real local store and its sync engine."""

    name: str
    store: OpenedStore
    replica: LocalReplica
    engine: SyncEngine

    def close(self) -> None:
        self.engine.transport.close()
        self.store.engine.dispose()


def transport_factory(
    *, retry: RetryPolicy | None = None, client_factory: Callable[[], httpx.Client] | None = None,
    timeout: float = 10.0,
) -> Callable[[str], HttpTransport]:
    def make(url: str) -> HttpTransport:
        client = client_factory() if client_factory else None
        return HttpTransport(url, client_schema=SCHEMA_VERSION, retry=retry or RetryPolicy(attempts=3, base=0.05,
                                                                                            cap=0.2),
                             client=client, timeout=httpx.Timeout(timeout))

    return make


_TEMPLATE: list[Path] = []


def new_store(data_dir: Path) -> OpenedStore:
    """A migrated, empty local store, copied from one migrated once per test process (migrating takes seconds)."""
    if not _TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="pac-store-template-"))
        opened = open_store(template)
        opened.engine.dispose()
        _TEMPLATE.append(template)
    shutil.copytree(_TEMPLATE[0], data_dir)
    with sqlite3.connect(data_dir / "pac.sqlite3") as conn:  # each copy is its own installation
        conn.execute("UPDATE local_setting SET value = ? WHERE key = 'device_id'", (new_id(),))
    return open_store(data_dir)


def enrol_device(
    server: ServerThread,
    data_dir: Path,
    *,
    name: str = "poste",
    organisation: str = "cio-ariege",
    territory: str | None = None,
    factory: Callable[[str], HttpTransport] | None = None,
    server_url: str | None = None,
    initial_sync: bool = True,
) -> Device:
    store = new_store(data_dir)
    replica = LocalReplica(store)
    factory = factory or transport_factory()
    code = admin.enrolment_code(server.engine, organisation_code=organisation,
                                territory_codes=[territory] if territory else None).code
    enrol(replica, server_url=server_url or server.url, code=code, secrets=SecretStore(), device_name=name,
          transport_factory=factory)
    work_as(store, COUNSELLORS.get(stable_id("territory", territory) if territory
                                   else _ORGANISATION_TERRITORY.get(organisation, "")))
    device = Device(name, store, replica, open_engine(replica, SecretStore(), transport_factory=factory))
    if initial_sync:
        device.engine.run_cycle()  # the reference data every screen needs
    return device


def open_device(data_dir: Path, name: str, factory: Callable[[str], HttpTransport], *,
                by: str = COUNSELLOR_ARIEGE) -> Device:
    """A device from an existing (copied) store, used by ``by``."""
    store = open_store(data_dir)
    work_as(store, by)
    replica = LocalReplica(store)
    return Device(name, store, replica, open_engine(replica, SecretStore(), transport_factory=factory))


def copy_store(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst)


def add_youth(device: Device, *, territory: str = ARIEGE, by: str | None = None, consent: bool = True,
              **fields: Any) -> str:
    """A youth created by ``by`` (by default the counsellor of the youth's territory), who agreed (and their
    guardian) to share their file unless ``consent`` is False: their file's content syncs (issue 13)."""
    youth_id = new_id()
    values = dict(first_name="Testa", last_name="Fictif", birth_date=date(2009, 5, 17))
    values.update(fields)
    with device.store.session_factory.begin() as s:
        set_actor(s, by or COUNSELLORS.get(territory))
        s.info[SIGNER] = TEST_KEYS.sign
        s.add(Youth(id=youth_id, case_id=youth_id, territory_id=territory, **values))
        if consent:
            s.flush()
            for kind in ConsentKind:
                s.add(IntakeConsent(case_id=youth_id, youth_id=youth_id, kind=kind, state=ConsentState.GIVEN,
                                    given_on=date(2026, 3, 2), guardian_name="Parent Fictif" if kind == "guardian"
                                    else None))
    return youth_id


def edit_youth(device: Device, youth_id: str, *, by: str | None = None, **fields: Any) -> bool:
    """Change a youth as ``by`` (by default the counsellor of the youth's territory)."""
    with device.store.session_factory.begin() as s:
        row = s.get(Youth, youth_id)
        if row is None or row.deleted_at is not None:
            return False
        set_actor(s, by or COUNSELLORS.get(row.territory_id))
        s.info[SIGNER] = TEST_KEYS.sign
        for key, value in fields.items():
            setattr(row, key, value)
    return True


def youth(device: Device, youth_id: str) -> Youth | None:
    with device.store.read_session_factory() as s:
        row = s.get(Youth, youth_id)
        if row is not None:
            s.expunge(row)
        return row


def sync(*devices: Device, rounds: int = 1) -> None:
    for _ in range(rounds):
        for d in devices:
            d.engine.run_cycle()


#: Free-text fields the mechanics tests write tokens into (an e-mail's format is checked by the server, issue 12).
YOUTH_FIELDS = ("phone", "last_class", "address")


def check_invariants(server: ServerThread, devices: list[Device], ledger: list[tuple[str, str, str]],
                     fields: tuple[str, ...] = YOUTH_FIELDS) -> None:
    """I1–I3 of SYNC.md over the youths of the given devices, once every device is quiet (nothing pending)."""
    from sqlalchemy import func, select

    from pac_desktop.storage.models import DeadLetter, OutboxEntry

    with server.engine.connect() as conn:
        server_state = {
            r.id: ({f: r.data.get(f) for f in fields}, r.deleted)
            for r in conn.execute(select(Record.__table__).where(Record.entity == "youth"))
        }
        versions = conn.execute(select(RecordVersion.__table__).where(RecordVersion.entity == "youth")).all()
        conflicts = conn.execute(select(Conflict.__table__)).all()
    ids = {rid for rid, _f, _v in ledger}
    # I2 convergence (a device that never held a row deleted before it could pull it need not hold its tombstone)
    live = {k: v for k, v in server_state.items() if not v[1] and k in ids}
    for d in devices:
        with d.store.read_session_factory() as s:
            state = {y.id: ({f: getattr(y, f) for f in fields}, y.deleted_at is not None)
                     for y in s.scalars(select(Youth).where(Youth.id.in_(list(ids))))}
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0, d.name
            assert s.scalar(select(func.count()).select_from(DeadLetter)) == 0, d.name
        assert {k: v for k, v in state.items() if not v[1]} == live, d.name
        assert all(server_state[k][1] for k, v in state.items() if v[1]), d.name
    # I3 exactly-once
    versions = [v for v in versions if v.id in ids]
    conflicts = [c for c in conflicts if c.record_id in ids]
    mutation_ids = [v.mutation_id for v in versions]
    assert len(mutation_ids) == len(set(mutation_ids)), "a mutation was applied twice"
    assert len(conflicts) == len({c.mutation_id for c in conflicts}), "a replay produced a second conflict"
    assert not [c for c in conflicts if c.kind == "id_collision"], "a create was replayed"
    # Every mutation here touches one field (or creates): it is applied or parked, never both — a mutation
    # applied once and then "conflicting" is a replay the ledger failed to recognise.
    assert not set(mutation_ids) & {c.mutation_id for c in conflicts}, "a replayed mutation made a conflict"
    # I1 nothing silently lost
    import json

    parked: dict[str, list[str]] = {}
    for c in conflicts:
        parked.setdefault(c.record_id, []).append(json.dumps(c.fields))
    for rid, f, tok in ledger:
        data, deleted = server_state[rid]
        ok = (
            (data.get(f) == tok and not deleted)
            or any(v.id == rid and (v.changes.get(f) or [None])[0] == tok for v in versions)
            or any(f'"{tok}"' in text for text in parked.get(rid, []))
        )
        assert ok, f"LOST UPDATE: {rid}.{f}={tok}"
