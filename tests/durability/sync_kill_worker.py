"""A desktop that syncs, in a process of its own, so that test_sync_client_kill.py can kill it with SIGKILL.

Two modes, both through the real client code (open_store, LocalReplica, SyncEngine) against a real pac-server:

``pull DATA_DIR KEYRING_FILE PAGE_SIZE``
    one sync cycle pulling with small pages; "PAGE <rows>" is printed (and flushed) after each page is committed.
``edit DATA_DIR KEYRING_FILE FIRST_N SEED``
    local edits of the youths through the ORM path the services use (so each edit and its outbox entry are
    one transaction), signed as the Ariège counsellor, and a sync cycle every few edits, forever. "ACK ..." is
    printed (and flushed) only once an edit's transaction is committed, i.e. what the app shows as saved:
    ``ACK edit <youth id> <field> <value>`` and ``ACK create <youth id> <n>``; "SYNCED" after each cycle.

Markers let the test aim its kill at a given window: "APPLY <cursor>" just before a pulled page is applied
(the page is in hand, its transaction is about to start), "EDITING" just before an edit's transaction, "BATCH"
just before the outbox is read for a push (the request follows), and "ANSWER <n>" just before a push answer is
applied (the server has committed the batch; the outbox still holds it). They only announce; the code that
runs is the app's own.

The refresh token lives in a small file keyring (:class:`FileKeyring`, tests only): the machines running the
tests have no Secret Service, and the in-memory keyring of the tests is not shared between processes. The
token rotates on every start of a worker, so the file is replaced atomically.

Usage: python sync_kill_worker.py MODE ...
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

import httpx
import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.storage.outbox import SCHEMA_VERSION
from pac_desktop.storage.store import open_store
from pac_desktop.sync.engine import open_engine
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.transport import HttpTransport, RetryPolicy

ARIEGE_COUNSELLOR = "c0c0c0c0-0000-4000-8000-00000000a001"  # sync_helpers.COUNSELLOR_ARIEGE
FIELDS = ("phone", "last_class", "address")  # sync_helpers.YOUTH_FIELDS
#: How often an edit of the worker creates a youth rather than changes one.
CREATE_SHARE = 0.15


class FileKeyring(KeyringBackend):
    """A keyring in one JSON file, shared by the test and its workers (tests only, never shipped)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _save(self, entries: dict[str, str]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entries, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)  # a kill leaves the old file or the new one, never half of one

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x1f{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}\x1f{username}"] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}\x1f{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(entries)


class AnnouncingReplica(LocalReplica):
    """The app's LocalReplica, printing a marker before it applies a page or a push answer."""

    def next_batch(self, **kwargs):  # noqa: ANN003, ANN201
        print("BATCH", flush=True)
        return super().next_batch(**kwargs)

    def apply_pull(self, page, *, cursor_before):  # noqa: ANN001, ANN201
        print(f"APPLY {cursor_before}", flush=True)
        return super().apply_pull(page, cursor_before=cursor_before)

    def apply_push(self, mutations, results, *, replay=False):  # noqa: ANN001, ANN201
        print(f"ANSWER {len(results)}", flush=True)
        return super().apply_push(mutations, results, replay=replay)


def open_sync(data_dir: Path, keyring_file: Path):  # noqa: ANN201
    """The store and the sync engine, as the app opens them at start-up (the keyring aside)."""
    keyring.set_keyring(FileKeyring(keyring_file))
    store = open_store(data_dir)
    replica = AnnouncingReplica(store)
    engine = open_engine(replica, SecretStore(), transport_factory=lambda url: HttpTransport(
        url, client_schema=SCHEMA_VERSION, retry=RetryPolicy(attempts=3, base=0.05, cap=0.2),
        timeout=httpx.Timeout(20.0)))
    return store, engine


def pull(data_dir: Path, keyring_file: Path, page_size: int) -> None:
    _store, engine = open_sync(data_dir, keyring_file)
    engine.page_size = page_size
    print("READY", flush=True)

    def progress(p) -> None:  # noqa: ANN001
        if p.phase == "pull":
            print(f"PAGE {p.done}", flush=True)  # called once the page and its cursor are committed

    engine.run_cycle(progress=progress)
    print("DONE", flush=True)


def edit(data_dir: Path, keyring_file: Path, first: int, seed: int) -> None:
    from signing_helpers import TEST_KEYS  # tests/ is on PYTHONPATH (test_sync_client_kill.py)
    from sqlalchemy import select

    from pac_desktop.domain.reference import stable_id
    from pac_desktop.storage.base import new_id
    from pac_desktop.storage.models import Youth
    from pac_desktop.storage.outbox import SIGNER
    from pac_desktop.storage.store import set_actor

    store, engine = open_sync(data_dir, keyring_file)
    ariege = stable_id("territory", "ariege")
    with store.read_session_factory() as s:
        youth_ids = sorted(s.scalars(select(Youth.id).where(Youth.territory_id == ariege,
                                                             Youth.deleted_at.is_(None))))
    rng = random.Random(seed)
    print("READY", flush=True)
    n = first
    while True:
        for _ in range(rng.randint(1, 4)):
            print("EDITING", flush=True)
            if rng.random() < CREATE_SHARE:
                youth_id = new_id()
                with store.session_factory.begin() as s:
                    set_actor(s, ARIEGE_COUNSELLOR)
                    s.info[SIGNER] = TEST_KEYS.sign  # the counsellor signed in (issue 12)
                    s.add(Youth(id=youth_id, case_id=youth_id, territory_id=ariege, first_name="Testa",
                                last_name=f"Fictif {n}", birth_date=date(2009, 5, 17)))
                print(f"ACK create {youth_id} {n}", flush=True)
                youth_ids.append(youth_id)
            else:
                youth_id, field = rng.choice(youth_ids), rng.choice(FIELDS)
                with store.session_factory.begin() as s:
                    set_actor(s, ARIEGE_COUNSELLOR)
                    s.info[SIGNER] = TEST_KEYS.sign  # the counsellor signed in (issue 12)
                    setattr(s.get(Youth, youth_id), field, f"t{n}")
                print(f"ACK edit {youth_id} {field} t{n}", flush=True)
            n += 1
        engine.run_cycle()  # hello, push until the outbox is empty, pull
        print("SYNCED", flush=True)


def main() -> None:
    mode, data_dir, keyring_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "pull":
        pull(data_dir, keyring_file, int(sys.argv[4]))
    elif mode == "edit":
        edit(data_dir, keyring_file, int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
