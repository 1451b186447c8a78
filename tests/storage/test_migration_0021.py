"""Migration 0021 (issue 18's leftovers): the youth's refusal of messages gets its date and author, and the
automatic reminders that failed get a table; a store made before keeps every row and its search indexes."""

from __future__ import annotations

import sqlite3
from datetime import date

from casefile_builders import make_staff, make_youth

from pac_desktop.domain.enums import StaffRole
from pac_desktop.services.registry import Services
from pac_desktop.storage.migrate import current_revision, downgrade, head_revision
from pac_desktop.storage.store import fingerprint, open_store

TODAY = date(2026, 3, 12)


def _columns(path, table: str) -> set[str]:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


def _indexes(path) -> set[str]:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def test_0021_adds_the_refusals_date_and_author_and_the_failed_reminders_in_place(data_dir):
    store = open_store(data_dir)
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    counsellor = make_staff(services, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    youth = make_youth(services, first="Léa", last="Testrepere")
    services.contacts.set_messages_refused(youth_id=youth, refused=True, by=counsellor)
    path = store.path
    indexes = _indexes(path)
    downgrade(store.engine, "0020")
    store.engine.dispose()
    assert not {"contact_opt_out_at", "contact_opt_out_by"} & _columns(path, "youth")
    assert "reminder_failure" not in {r for r in _tables(path)}
    conn = sqlite3.connect(path)
    try:
        before = fingerprint(conn)
    finally:
        conn.close()

    store = open_store(data_dir)  # migrates to the head
    try:
        assert current_revision(store.engine) == head_revision()
        services = Services.build(store, today=lambda: TODAY)
        # A refusal noted before 0021 is still a refusal; it has no date to say.
        (line,) = services.worklist.search(by=counsellor).rows
        assert (line.messages_refused, line.messages_refused_since, line.messages_refused_by) == (True, None, None)
    finally:
        store.engine.dispose()
    assert {"contact_opt_out_at", "contact_opt_out_by"} <= _columns(path, "youth")
    assert "reminder_failure" in _tables(path)
    # Added in place: the youth's search indexes (expression indexes a table copy would lose) are all there.
    assert indexes <= _indexes(path)
    conn = sqlite3.connect(path)
    try:
        after = fingerprint(conn)
    finally:
        conn.close()
    for table in ("youth", "contact_attempt", "outbox"):
        assert after[table][0] == before[table][0]


def _tables(path) -> set[str]:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
