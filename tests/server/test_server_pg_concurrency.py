"""On PostgreSQL: parallel pushers and a tight puller; the puller never misses a seq (SYNC.md §9 D).

Seqs are taken under the sync_clock row lock held to COMMIT, so commit order is seq order: a puller that has
seen seq N never later meets a committed row with a smaller seq. Without that rule, a slow transaction holding
seq N commits after a quick one holding N+1, the puller's cursor passes N, and N is never delivered.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import ARIEGE, COUNSELLOR_ARIEGE, PG_ENV, running_server, signed

from pac_desktop.server import admin, core
from pac_desktop.server.db import read_transaction

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason="needs PAC_TEST_DATABASE_URL (PostgreSQL)")

PUSHERS = 20
BATCHES = 12
PER_BATCH = 3


def _token(server, client: httpx.Client) -> str:
    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "poste"}).json()
    return client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                          "refresh_token": enrolled["refresh_token"]}).json()["access_token"]


def _create(youth_id: str) -> dict:
    return signed({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": youth_id, "case_id": youth_id,
                   "op": "create", "made_by": COUNSELLOR_ARIEGE,
                   "fields": {"territory_id": ARIEGE, "first_name": "Testa", "last_name": "Fictif",
                              "birth_date": "2009-05-17"}})


@pytest.mark.postgres
@pytest.mark.timeout(120)
def test_parallel_pushers_and_a_tight_puller_never_miss_a_seq(tmp_path: Path) -> None:
    with running_server("postgres", tmp_path) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            tokens = [_token(server, client) for _ in range(PUSHERS + 1)]
        with read_transaction(server.engine) as conn:
            start = core.server_seq(conn)
        done = threading.Event()
        errors: list[BaseException] = []
        seen: list[int] = []

        def pusher(token: str) -> None:
            try:
                with httpx.Client(base_url=server.url, timeout=60,
                                  headers={"Authorization": f"Bearer {token}"}) as c:
                    for _ in range(BATCHES):
                        body = {"batch_id": str(uuid.uuid4()),
                                "mutations": [_create(str(uuid.uuid4())) for _ in range(PER_BATCH)]}
                        answer = c.post("/v1/sync/push", json=body)
                        assert answer.status_code == 200, answer.text
                        assert {r["status"] for r in answer.json()["results"]} == {"applied"}
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        def puller(token: str) -> None:
            cursor = start
            try:
                with httpx.Client(base_url=server.url, timeout=60,
                                  headers={"Authorization": f"Bearer {token}"}) as c:
                    while True:
                        finished = done.is_set()
                        page = c.get("/v1/sync/pull", params={"cursor": cursor, "limit": 50}).json()
                        seen.extend(change["seq"] for change in page["changes"])
                        assert page["next_cursor"] >= cursor
                        cursor = page["next_cursor"]
                        if finished and not page["has_more"]:
                            return
                        if not page["has_more"]:
                            time.sleep(0.001)
            except BaseException as error:  # noqa: BLE001
                errors.append(error)

        threads = [threading.Thread(target=pusher, args=(t,)) for t in tokens[:PUSHERS]]
        reader = threading.Thread(target=puller, args=(tokens[-1],))
        reader.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(100)
        done.set()
        reader.join(60)
        assert not errors, errors[:3]
        with read_transaction(server.engine) as conn:
            end = core.server_seq(conn)
            youth_seqs = set(conn.execute(select(core.R.c.seq).where(core.R.c.entity == "youth")).scalars())
        expected = set(range(start + 1, end + 1))
        assert end - start == PUSHERS * BATCHES * PER_BATCH
        assert youth_seqs == expected
        assert sorted(seen) == seen, "pages out of order"
        assert set(seen) == expected, f"the puller missed {sorted(expected - set(seen))[:10]}"
