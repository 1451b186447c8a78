"""A first sync writes thousands of rows in the order the server sends them: the store is vacuumed (its indexes
packed) once, at the next start, before anyone works in it (issue 16) — never during the sync, never again."""

from __future__ import annotations

import threading

import pytest
from sync_helpers import enrol_device, running_server

from pac_desktop.services.context import ServiceContext
from pac_desktop.services.sync import SyncService
from pac_desktop.storage import store as store_module
from pac_desktop.storage.models import LocalSetting
from pac_desktop.storage.store import PACK_PENDING_KEY, fingerprint, open_store


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server("sqlite", tmp_path_factory.mktemp("server")) as running:
        yield running


def _small_pages(monkeypatch, size: int) -> None:  # noqa: ANN001
    """The device asks for pages of ``size`` changes: a pull of many pages, to stop between two of them."""
    from pac_desktop.sync import engine as sync_engine

    fetch = sync_engine.SyncEngine._fetch_page
    monkeypatch.setattr(sync_engine.SyncEngine, "_fetch_page",
                        lambda self, cursor, *, limit=None, **kw: fetch(self, cursor, limit=size, **kw))


def _pending(store) -> bool:  # noqa: ANN001
    with store.read_session_factory() as s:
        return s.get(LocalSetting, PACK_PENDING_KEY) is not None


def test_a_first_sync_of_many_rows_packs_the_store_at_the_next_start(server, tmp_path, monkeypatch):
    vacuumed = []
    real_vacuum = store_module.vacuum_store
    monkeypatch.setattr(store_module, "vacuum_store", lambda engine: (vacuumed.append(engine), real_vacuum(engine)))
    monkeypatch.setattr(store_module, "BULK_ROWS", 10)  # the reference data is more than that
    device = enrol_device(server, tmp_path / "d", initial_sync=False)
    report = SyncService(ServiceContext(store=device.store)).sync_now()
    assert report.pulled >= 10 and vacuumed == [] and _pending(device.store)  # not during the sync
    SyncService(ServiceContext(store=device.store)).sync_now()  # the next cycle starts from a cursor: no more
    raw = device.store.engine.raw_connection()
    try:
        before = fingerprint(raw.driver_connection)
    finally:
        raw.close()
    device.close()

    store = open_store(tmp_path / "d")  # the next start
    try:
        assert vacuumed == [store.engine] and not _pending(store)
        raw = store.engine.raw_connection()
        try:
            assert fingerprint(raw.driver_connection) == {**before, "local_setting": fingerprint(
                raw.driver_connection)["local_setting"]}
            assert raw.driver_connection.execute("PRAGMA freelist_count").fetchone()[0] == 0
        finally:
            raw.close()
    finally:
        store.engine.dispose()
    store = open_store(tmp_path / "d")  # and only once
    store.engine.dispose()
    assert len(vacuumed) == 1


def test_a_first_sync_of_few_rows_leaves_the_store_as_it_is(server, tmp_path):
    device = enrol_device(server, tmp_path / "d", initial_sync=False)
    SyncService(ServiceContext(store=device.store)).sync_now()
    assert not _pending(device.store)
    device.close()


@pytest.mark.parametrize("every", [1, 10**9], ids=["checkpointed", "at-the-end-only"])
def test_a_long_pull_gives_the_wal_back_along_the_way(server, tmp_path, monkeypatch, every):
    """Pulled pages are written without checkpoints, but a whole territory's feed (millions of records) must not
    grow the WAL file to gigabytes: it is copied back every CHECKPOINT_EVERY records, and at the end."""
    from pac_desktop.storage.store import database_path
    from pac_desktop.sync import engine as sync_engine

    monkeypatch.setattr(sync_engine, "CHECKPOINT_EVERY", every)
    device = enrol_device(server, tmp_path / "d", initial_sync=False)
    wal = database_path(tmp_path / "d").with_name(database_path(tmp_path / "d").name + "-wal")
    seen: list[int] = []

    def progress(step) -> None:  # noqa: ANN001 - SyncProgress; called after each applied page
        if step.phase == "pull":
            seen.append(wal.stat().st_size if wal.exists() else 0)

    report = SyncService(ServiceContext(store=device.store)).sync_now(progress=progress)
    device.close()
    assert report.pulled > 0 and seen
    if every == 1:
        assert max(seen) == 0  # given back after each page
    else:
        assert seen[-1] > 0  # grown until the end of the pull


def test_a_pull_cancelled_half_way_gives_its_wal_back_too(server, tmp_path, monkeypatch):
    """The counsellor stops a long first sync: what it applied stays, and its WAL is copied back all the same."""
    from pac_desktop.storage.store import database_path
    from pac_desktop.sync import engine as sync_engine
    from pac_desktop.sync.errors import SyncCancelled

    monkeypatch.setattr(sync_engine, "CHECKPOINT_EVERY", 10**9)  # no checkpoint along the way
    _small_pages(monkeypatch, 5)  # the cancel comes between two pages
    device = enrol_device(server, tmp_path / "d", initial_sync=False)
    wal = database_path(tmp_path / "d").with_name(database_path(tmp_path / "d").name + "-wal")
    cancel = threading.Event()
    grown: list[int] = []

    def progress(step) -> None:  # noqa: ANN001 - SyncProgress
        if step.phase == "pull":
            grown.append(wal.stat().st_size)
            cancel.set()

    with pytest.raises(SyncCancelled):
        SyncService(ServiceContext(store=device.store)).sync_now(progress=progress, cancel=cancel)
    assert grown and grown[0] > 0
    assert wal.stat().st_size < max(grown)  # given back (the cycle's own note after it takes a frame or two)
    device.close()


def test_a_first_sync_stopped_half_way_packs_the_store_at_the_next_start_too(server, tmp_path, monkeypatch):
    """The next cycle goes on from the cursor, no longer from scratch: the packing is asked for when the first one
    stops, with what it pulled."""
    from pac_desktop.sync.errors import SyncCancelled

    monkeypatch.setattr(store_module, "BULK_ROWS", 10)
    _small_pages(monkeypatch, 20)
    device = enrol_device(server, tmp_path / "d", initial_sync=False)
    cancel = threading.Event()

    def progress(step) -> None:  # noqa: ANN001 - SyncProgress
        if step.phase == "pull" and step.done >= 10:
            cancel.set()

    with pytest.raises(SyncCancelled):
        SyncService(ServiceContext(store=device.store)).sync_now(progress=progress, cancel=cancel)
    assert _pending(device.store)
    device.close()
