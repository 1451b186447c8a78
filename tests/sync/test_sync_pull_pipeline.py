"""The pull's pipeline (issue 16): the next page is asked for while one is applied, the first one as soon as the
hello is answered. A cycle stopped between two pages (an error, a failure inside a page, a cancel) leaves a store
whose rows are exactly those up to its cursor, never a page asked for ahead; the next cycle resumes from there and
ends with the server's rows. Pages are announced to the windows together; access tokens are refreshed once even
when asked for by two threads at once.

Run on SQLite and, when PAC_TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sync_helpers import add_youth, backends, enrol_device, running_server, sync

from pac_desktop.server.models import Record
from pac_desktop.storage.models import IntakeConsent, Youth
from pac_desktop.sync.engine import SyncProgress
from pac_desktop.sync.errors import SyncCancelled, UnexpectedSyncFailure

YOUTHS = 30
PAGE = 7


class Stop(Exception):
    """The fault injected between two pages."""


def _server_rows(server, entity: str) -> dict[str, int]:
    with server.engine.connect() as conn:
        return dict(conn.execute(select(Record.id, Record.version).where(Record.entity == entity,
                                                                         Record.deleted.is_(False))).all())


def _server_seqs(server, entity: str) -> dict[str, int]:
    with server.engine.connect() as conn:
        return dict(conn.execute(select(Record.id, Record.seq).where(Record.entity == entity)).all())


def _local_rows(device, model) -> dict[str, int]:
    with device.store.read_session_factory() as s:
        return dict(s.execute(select(model.id, model.version).where(model.deleted_at.is_(None))).all())


@pytest.fixture(params=backends())
def territory(request, tmp_path: Path):
    """A server holding YOUTHS youths of Ariège (with their consents), made by another device."""
    with running_server(request.param, tmp_path) as server:
        a = enrol_device(server, tmp_path / "a", name="A")
        for n in range(YOUTHS):
            add_youth(a, phone=f"06 00 00 00 {n:02d}")
        sync(a)
        a.close()
        yield server


@pytest.mark.timeout(180)
@pytest.mark.parametrize("fault", ["between_pages", "inside_a_page", "cancelled"])
def test_a_pull_stopped_between_pages_resumes_to_the_servers_rows(territory, tmp_path: Path, fault: str) -> None:
    server = territory
    b = enrol_device(server, tmp_path / "b", name="B", initial_sync=False)
    b.engine.page_size = PAGE  # many pages: one is always on its way while another is applied
    applied: list[int] = []
    apply_pull = b.replica.apply_pull
    cancel = threading.Event()

    def applying(page, *, cursor_before):  # noqa: ANN001, ANN202
        if fault == "inside_a_page" and len(applied) == 3:
            raise Stop()  # in the page's transaction: rolled back with its cursor
        counts = apply_pull(page, cursor_before=cursor_before)
        applied.append(page.next_cursor)
        return counts

    def progress(p: SyncProgress) -> None:
        if p.phase == "pull" and len(applied) == 3:
            if fault == "between_pages":
                raise Stop()
            if fault == "cancelled":
                cancel.set()

    b.replica.apply_pull = applying
    expected = SyncCancelled if fault == "cancelled" else UnexpectedSyncFailure
    with pytest.raises(expected):
        b.engine.run_cycle(progress=progress, cancel=cancel)
    cursor, _epoch = b.replica.cursor_and_epoch()
    assert cursor == applied[2], "the store's cursor is the last page applied, not a page asked for ahead"
    # Exactly the rows fed up to the cursor are here (the server's feed is ordered by seq; nothing changed since).
    seqs = _server_seqs(server, "youth")
    assert set(_local_rows(b, Youth)) == {rid for rid, seq in seqs.items() if seq <= cursor}
    assert len(_local_rows(b, Youth)) < YOUTHS

    b.replica.apply_pull = apply_pull
    report = b.engine.run_cycle()
    assert report.pulled > 0
    assert _local_rows(b, Youth) == _server_rows(server, "youth")
    assert len(_local_rows(b, Youth)) == YOUTHS
    assert _local_rows(b, IntakeConsent) == _server_rows(server, "consent")
    b.close()


@pytest.mark.timeout(120)
def test_a_pulls_pages_are_announced_together(territory, tmp_path: Path) -> None:
    """A first sync of many pages reaches the windows in a few announcements, naming every row it brought."""
    server = territory
    b = enrol_device(server, tmp_path / "b", name="B", initial_sync=False)
    b.engine.page_size = PAGE
    heard = []
    stop = b.store.changes.subscribe(heard.append)
    pages = []
    b.engine.run_cycle(progress=lambda p: pages.append(p) if p.phase == "pull" else None)
    stop()
    heard = [c for c in heard if c.source == "sync"]  # not the sync's own bookkeeping (cursor, epoch)
    assert len(pages) > 5
    assert 1 <= len(heard) < len(pages)
    youths = set().union(*(c.ids_of("youth") for c in heard))
    assert youths == set(_server_rows(server, "youth"))
    assert set().union(*(c.case_ids for c in heard)) >= youths
    b.close()


@pytest.mark.timeout(120)
def test_two_threads_asking_for_a_token_refresh_it_once(territory, tmp_path: Path) -> None:
    """The refresh token rotates on each use and a reused one revokes the device: a page asked for in the
    background and the cycle's own request must not both refresh it."""
    server = territory
    b = enrol_device(server, tmp_path / "b", name="B", initial_sync=False)
    tokens: list[str] = []
    start = threading.Barrier(6)

    def ask() -> None:
        start.wait()
        tokens.append(b.engine.tokens.access_token())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(tokens) == 6 and len(set(tokens)) == 1
    b.engine.tokens.invalidate()  # the next request refreshes again, with the refresh token kept last
    b.engine.run_cycle()
    assert len(_local_rows(b, Youth)) == YOUTHS
    b.close()
