"""Pull pages under concurrent pushes (SYNC.md §0, §4; issue 16): a puller looping while several devices push
ends with exactly the server's rows; pages cut by size never skip or repeat a row; pages travel gzipped.

Run on SQLite and, when PAC_TEST_DATABASE_URL is set, on PostgreSQL.
"""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import ARIEGE, COUNSELLORS, TARBES, backends, running_server, signed

from pac_desktop.server import admin, core
from pac_desktop.server.db import read_transaction

PUSHERS = {ARIEGE: 3, TARBES: 2}
BATCHES = 6
ORGANISATIONS = {ARIEGE: "cio-ariege", TARBES: "cio-tarbes"}


def _token(server: Any, client: httpx.Client, territory: str) -> str:
    code = admin.enrolment_code(server.engine, organisation_code=ORGANISATIONS[territory]).code
    enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "poste"}).json()
    return client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                          "refresh_token": enrolled["refresh_token"]}).json()["access_token"]


def _pusher(server: Any, token: str, territory: str, errors: list[BaseException]) -> None:
    """Creates youths, then edits the ones it made (each edit gives the row a new seq)."""
    mine: dict[str, tuple[int, str]] = {}  # id -> (version, phone)
    try:
        with httpx.Client(base_url=server.url, timeout=60, headers={"Authorization": f"Bearer {token}"}) as c:
            for n in range(BATCHES):
                batch = []
                for _ in range(2):
                    yid = str(uuid.uuid4())
                    batch.append(signed({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid,
                                         "case_id": yid, "op": "create", "made_by": COUNSELLORS[territory],
                                         "fields": {"territory_id": territory, "first_name": "Testa",
                                                    "last_name": "Fictif", "birth_date": "2009-05-17",
                                                    "phone": "06 00 00 00 00"}}))
                for yid, (version, phone) in list(mine.items())[:3]:
                    batch.append(signed({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid,
                                         "case_id": yid, "op": "update", "made_by": COUNSELLORS[territory],
                                         "base_version": version, "fields": {"phone": f"06 00 00 00 {n:02d}"},
                                         "base": {"phone": phone}}))
                answer = c.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": batch})
                assert answer.status_code == 200, answer.text
                for m, result in zip(batch, answer.json()["results"], strict=True):
                    assert result["status"] == "applied", result
                    mine[m["id"]] = (result["record"]["version"], result["record"]["data"]["phone"])
    except BaseException as error:  # noqa: BLE001 - reported by the test
        errors.append(error)


@pytest.mark.parametrize("backend", backends())
@pytest.mark.timeout(120)
def test_pushers_and_a_looping_puller_end_with_the_servers_rows(backend: str, tmp_path: Path) -> None:
    with running_server(backend, tmp_path) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            pushers = [(territory, _token(server, client, territory))
                       for territory, count in PUSHERS.items() for _ in range(count)]
            puller_token = _token(server, client, ARIEGE)
        done = threading.Event()
        errors: list[BaseException] = []
        rows: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        seqs: list[int] = []

        def puller() -> None:
            cursor = 0
            try:
                with httpx.Client(base_url=server.url, timeout=60,
                                  headers={"Authorization": f"Bearer {puller_token}"}) as c:
                    while True:
                        finished = done.is_set()
                        page = c.get("/v1/sync/pull", params={"cursor": cursor, "limit": 7}).json()
                        for change in page["changes"]:
                            seqs.append(change["seq"])
                            key = (change["entity"], change["id"])
                            if change["op"] == "put":
                                rows[key] = (change["version"], change["data"])
                            else:
                                rows.pop(key, None)
                        assert page["next_cursor"] >= cursor
                        cursor = page["next_cursor"]
                        if finished and not page["has_more"]:
                            return
                        if not page["has_more"]:
                            time.sleep(0.002)
            except BaseException as error:  # noqa: BLE001
                errors.append(error)

        reader = threading.Thread(target=puller)
        threads = [threading.Thread(target=_pusher, args=(server, token, territory, errors))
                   for territory, token in pushers]
        reader.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(100)
        done.set()
        reader.join(60)
        assert not errors, errors[:3]
        assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)), "pages out of order or repeated"
        with read_transaction(server.engine) as conn:
            server_rows = {
                (r.entity, r.id): (r.version, r.data)
                for r in conn.execute(select(core.R).where(core.R.c.deleted.is_(False)))
                if r.entity != "youth" or r.data.get("territory_id") == ARIEGE
            }
        pulled_youths = {k: v for k, v in rows.items() if k[0] == "youth"}
        assert len(pulled_youths) == PUSHERS[ARIEGE] * BATCHES * 2
        assert {k: v for k, v in server_rows.items() if k[0] == "youth"} == pulled_youths
        # the reference data the device sees arrived whole too
        assert {k: v for k, v in rows.items() if k in server_rows} == rows


@pytest.mark.parametrize("backend", backends())
@pytest.mark.timeout(60)
def test_pages_cut_by_size_neither_skip_nor_repeat_a_row(backend: str, tmp_path: Path) -> None:
    with running_server(backend, tmp_path) as server:
        writer = core.Writer(device_id="poste", territory_ids=(ARIEGE, TARBES))
        with read_transaction(server.engine) as conn:
            whole, end, more = core.pull(conn, writer, 0, 100_000, max_bytes=10**9)
            assert not more and len(whole) > 50
            paged, cursor, cut = [], 0, 0
            while True:
                page, cursor, more = core.pull(conn, writer, cursor, 40, max_bytes=2_000)
                paged += page
                cut += more and len(page) < 40
                if not more:
                    break
        assert cut, "no page was cut by its size"
        assert [(c.entity, c.id, c.seq) for c in paged] == [(c.entity, c.id, c.seq) for c in whole]
        assert cursor == end


@pytest.mark.timeout(60)
def test_pull_pages_travel_gzipped(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            token = _token(server, client, ARIEGE)
            raw = client.get("/v1/sync/pull", params={"cursor": 0, "limit": 200},
                             headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
            assert raw.status_code == 200
            assert raw.headers["content-encoding"] == "gzip"
            body = raw.json()  # httpx decodes it, as the sync client does
            assert body["changes"]
            assert raw.num_bytes_downloaded < len(raw.content) / 3  # JSON of repeated keys: it pays
