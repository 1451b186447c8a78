"""The server's pull caches (pac_desktop.server.pages; issue 16): a kept page or change is served only while it is
what the server would write afresh — under concurrent pushes, after a consent withdrawal that removes content,
after a new epoch.

Run on SQLite and, when PAC_TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import threading
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    COUNSELLORS,
    add_youth,
    backends,
    enrol_device,
    running_server,
    signed,
    sync,
)

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import AnalysisSection, ConsentKind
from pac_desktop.server import admin, core
from pac_desktop.server.db import read_transaction
from pac_desktop.server.pages import PageBuilder
from pac_desktop.storage.models import AnalysisNote, IntakeConsent, JointIntake

SECRET = "Suivi psychiatrique confidentiel"  # content the withdrawal removes from the server
LIMITS = (1, 2, 3, 5, 8)


def _walk(builder: PageBuilder, conn: Any, writer: core.Writer, limit: int) -> list[dict[str, Any]]:
    """Every page of the writer's feed from cursor 0, as the API answers them (gzip'd when big enough), decoded."""
    meta, seq = core.meta(conn), core.server_seq(conn)
    pages, cursor = [], 0
    while True:
        answer = builder.answer(conn, writer, cursor, limit, epoch=meta.epoch, server_seq=seq,
                                tombstone_horizon=meta.tombstone_horizon, gzip=True)
        page = json.loads(gzip.decompress(answer.body) if answer.gzipped else answer.body)
        pages.append(page)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return pages


def _check_against_afresh(server: Any, writer: core.Writer) -> tuple[str, int]:
    """Every page walk served by the server's own builder (with what it keeps) equals the same walk written
    afresh; returns the walks' text and how many pages were served whole from the cache."""
    builder: PageBuilder = server.app.state.pac.pages
    before = builder.pages_kept
    text = []
    for limit in LIMITS:
        for _ in range(3):  # the later walks find the first ones' pages (once the builder's mark is seen)
            with read_transaction(server.engine) as conn:
                kept = _walk(builder, conn, writer, limit)
                assert kept == _walk(PageBuilder(cache=False), conn, writer, limit), f"limit {limit}"
            text.append(json.dumps(kept, ensure_ascii=False))
    return "\n".join(text), builder.pages_kept - before


def _consent(device: Any, youth_id: str, state: ConsentState, on: date) -> None:
    with device.store.session_factory.begin() as s:
        for kind in ConsentKind:
            s.add(IntakeConsent(case_id=youth_id, youth_id=youth_id, kind=kind, state=state, given_on=on,
                                recorded_by=COUNSELLOR_ARIEGE,
                                reason="Le jeune le demande" if state != ConsentState.GIVEN else None))


def _note(device: Any, youth_id: str) -> None:
    with device.store.session_factory.begin() as s:
        intake = JointIntake(case_id=youth_id, youth_id=youth_id, territory_id=ARIEGE, held_on=date(2026, 3, 2),
                             created_by=COUNSELLOR_ARIEGE)
        s.add(intake)
        s.flush()
        s.add(AnalysisNote(case_id=youth_id, intake_id=intake.id, section=AnalysisSection.HEALTH, text=SECRET,
                           author_staff_id=COUNSELLOR_ARIEGE))


@pytest.mark.parametrize("backend", backends())
@pytest.mark.timeout(180)
def test_kept_pages_never_serve_content_withdrawn_since_nor_an_old_epoch(backend: str, tmp_path: Path) -> None:
    with running_server(backend, tmp_path) as server:
        referent = enrol_device(server, tmp_path / "referent", name="poste du référent", organisation="cio-ariege")
        try:
            youths = [add_youth(referent, consent=False, first_name=f"Retrait{n}") for n in range(3)]
            for youth_id in youths:
                _consent(referent, youth_id, ConsentState.GIVEN, date(2026, 3, 2))
                _note(referent, youth_id)
            sync(referent)
            writer = core.Writer(device_id="lecteur", territory_ids=(ARIEGE,))

            text, kept = _check_against_afresh(server, writer)
            assert SECRET in text and kept > 0  # the content travels, in pages served from the cache

            # The withdrawal empties the content on the server (server.consent): no kept page may bring it back.
            _consent(referent, youths[1], ConsentState.WITHDRAWN, date(2026, 3, 9))
            sync(referent)
            text, kept = _check_against_afresh(server, writer)
            with read_transaction(server.engine) as conn:
                on_server = [r.data for r in conn.execute(select(core.R).where(core.R.c.case_id == youths[1],
                                                                               core.R.c.entity == "analysis_note"))]
            assert on_server and all(SECRET not in json.dumps(d) for d in on_server)
            for page in text.splitlines():
                for change in (c for p in json.loads(page) for c in p["changes"]):
                    if change["case_id"] == youths[1]:
                        assert SECRET not in json.dumps(change, ensure_ascii=False), change
            assert kept > 0

            # A new epoch (a restored server): every page says so, none is served from before it.
            epoch = admin.new_epoch(server.engine)
            text, _kept = _check_against_afresh(server, writer)
            assert {p["epoch"] for line in text.splitlines() for p in json.loads(line)} == {epoch}
        finally:
            referent.close()


@pytest.mark.timeout(180)
def test_a_database_restored_without_a_new_epoch_is_never_answered_from_the_caches(tmp_path: Path) -> None:
    """A database restored from a backup under a running server, before `pac-server admin new-epoch` (or
    without it): the seqs the backup had not reached go to other writes, as many as before, so that the clock
    is back where it was. No page or change kept from before the restore is served (issue 16)."""
    with running_server("sqlite", tmp_path) as server:
        referent = enrol_device(server, tmp_path / "poste", name="poste", organisation="cio-ariege")
        backup = tmp_path / "backup.sqlite3"
        live = Path(server.engine.url.database)
        try:
            add_youth(referent, first_name="Avant")
            sync(referent)
            with sqlite3.connect(live) as source, sqlite3.connect(backup) as copy:
                source.backup(copy)
            for n in range(3):
                add_youth(referent, first_name=f"Perdu{n}")
            sync(referent)
            builder = PageBuilder(mark_seconds=0)
            writer = core.Writer(device_id="lecteur", territory_ids=(ARIEGE,))

            def walks() -> str:
                text = []
                for limit in LIMITS:
                    for _ in range(3):
                        with read_transaction(server.engine) as conn:
                            kept = _walk(builder, conn, writer, limit)
                            assert kept == _walk(PageBuilder(cache=False), conn, writer, limit), f"limit {limit}"
                        text.append(json.dumps(kept, ensure_ascii=False))
                return "\n".join(text)

            with read_transaction(server.engine) as conn:
                seq_before = core.server_seq(conn)
            assert "Perdu1" in walks() and builder.pages_kept and builder.changes_cached
            kept_before = builder.pages_kept

            # The restore, while the server runs (SQLite's backup API writes the live file as a writer would).
            with sqlite3.connect(backup) as copy, sqlite3.connect(live) as target:
                copy.backup(target)
            with read_transaction(server.engine) as conn:
                assert core.server_seq(conn) < seq_before
            other = enrol_device(server, tmp_path / "autre", name="autre", organisation="cio-ariege")
            try:
                for n in range(3):
                    add_youth(other, first_name=f"Nouveau{n}")
                sync(other)
            finally:
                other.close()
            with read_transaction(server.engine) as conn:
                assert core.server_seq(conn) >= seq_before  # the clock is where it was: nothing to tell by it

            text = walks()  # every page equal to the same page written afresh (checked inside)
            assert "Nouveau1" in text and "Perdu1" not in text
            assert builder.pages_kept > kept_before  # the caches work again, from the restored database
        finally:
            referent.close()


def _token(client: httpx.Client, server: Any, organisation: str = "cio-ariege") -> str:
    code = admin.enrolment_code(server.engine, organisation_code=organisation).code
    enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "poste"}).json()
    return client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                          "refresh_token": enrolled["refresh_token"]}).json()["access_token"]


@pytest.mark.parametrize("backend", backends())
@pytest.mark.timeout(180)
def test_pullers_sharing_kept_pages_under_concurrent_pushes_end_with_the_servers_rows(backend: str,
                                                                                      tmp_path: Path) -> None:
    """Three pullers walk the feed from cursor 0 again and again in small pages (so that they share kept pages)
    while two devices create and edit youths (each edit moves a youth out of the pages that held it): each
    puller's last walk holds exactly the server's rows."""
    with running_server(backend, tmp_path) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            pushers = [_token(client, server) for _ in range(2)]
            pullers = [_token(client, server) for _ in range(3)]
        done = threading.Event()
        errors: list[BaseException] = []
        last_walks: list[dict[tuple[str, str], tuple[int, Any]]] = []

        def push(token: str) -> None:
            mine: dict[str, tuple[int, str]] = {}
            try:
                with httpx.Client(base_url=server.url, timeout=60, headers={"Authorization": f"Bearer {token}"}) as c:
                    for n in range(8):
                        batch = []
                        for _ in range(2):
                            yid = str(uuid.uuid4())
                            batch.append(signed({
                                "mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid, "case_id": yid,
                                "op": "create", "made_by": COUNSELLORS[ARIEGE],
                                "fields": {"territory_id": ARIEGE, "first_name": "Testa", "last_name": "Fictif",
                                           "birth_date": "2009-05-17", "phone": "06 00 00 00 00"}}))
                        for yid, (version, phone) in list(mine.items())[:3]:
                            batch.append(signed({
                                "mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid, "case_id": yid,
                                "op": "update", "made_by": COUNSELLORS[ARIEGE], "base_version": version,
                                "fields": {"phone": f"06 00 00 00 {n:02d}"}, "base": {"phone": phone}}))
                        answer = c.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": batch})
                        assert answer.status_code == 200, answer.text
                        for m, result in zip(batch, answer.json()["results"], strict=True):
                            assert result["status"] == "applied", result
                            mine[m["id"]] = (result["record"]["version"], result["record"]["data"]["phone"])
                        time.sleep(0.01)
            except BaseException as error:  # noqa: BLE001 - reported by the test
                errors.append(error)

        def pull(token: str) -> None:
            try:
                with httpx.Client(base_url=server.url, timeout=60, headers={"Authorization": f"Bearer {token}"}) as c:
                    while True:
                        finished = done.is_set()
                        rows: dict[tuple[str, str], tuple[int, Any]] = {}
                        cursor = 0
                        while True:
                            page = c.get("/v1/sync/pull", params={"cursor": cursor, "limit": 4}).json()
                            for change in page["changes"]:
                                key = (change["entity"], change["id"])
                                if change["op"] == "put":
                                    rows[key] = (change["version"], change["data"])
                                else:
                                    rows.pop(key, None)
                            assert page["next_cursor"] >= cursor
                            cursor = page["next_cursor"]
                            if not page["has_more"]:
                                break
                        if finished:
                            last_walks.append(rows)
                            return
            except BaseException as error:  # noqa: BLE001
                errors.append(error)

        threads = [threading.Thread(target=push, args=(t,)) for t in pushers]
        readers = [threading.Thread(target=pull, args=(t,)) for t in pullers]
        for t in [*readers, *threads]:
            t.start()
        for t in threads:
            t.join(150)
        done.set()
        for t in readers:
            t.join(60)
        assert not errors, errors[:3]
        writer = core.Writer(device_id="lecteur", territory_ids=(ARIEGE,))
        with read_transaction(server.engine) as conn:
            expected = {(c.entity, c.id): (c.version, c.data) for c in core.pull(conn, writer, 0, 100_000,
                                                                                  max_bytes=10**9)[0]
                        if c.op == "put"}
        assert len(last_walks) == len(pullers)
        for rows in last_walks:
            assert rows == expected
        assert server.app.state.pac.pages.pages_kept > 0, "no page was served from the cache"
