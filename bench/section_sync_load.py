"""Bench section "sync_load": 50 devices at once against a real ``pac-server serve --workers N`` (issue 16).

The server runs as in production: its own process (``pac-server serve --workers N``, request log, rate limits
as configured but for enrolment, which the bench does 50 times from one address), on PostgreSQL when
``PAC_TEST_DATABASE_URL`` is set (a database of its own, dropped afterwards), else a SQLite file. The devices are
driven from ``CLIENT_PROCESSES`` processes of their own (``multiprocessing``, spawned), so that neither shares a
GIL with the server: each device is enrolled over HTTP, has its own access token and an HTTP connection per sync
cycle (``http.client``), and signs each change with its author's key as the desktop does (issue 12: the bench
counsellor's public key is registered on the server, each mutation carries ``key_id`` and ``signature`` of
``signed_payload``).

Each device runs ``ROUNDS`` rounds (sync cycles, a new HTTP connection each, as a device's connection does not
outlive its cycle) of: a push of 5 new youths (signed), then a pull of one page from its cursor (the other
devices' youths). Measured: push and pull latency p50/p95 as the device sees it, mutations per second
over the whole run (wall clock from the moment every client is ready), errors (HTTP errors and refused changes).

Both sides share the machine's cores: the CPU time of the client processes, the server's workers and the
database's backends (PostgreSQL processes of the bench's database) over the run is reported beside the wall
time, so that the share the clients take is known (``cpu`` row). The load average at the start is in the notes.

``python -m bench.section_sync_load [--workers N] [--devices 50] [--rounds 10] [--processes 5]`` runs it alone,
without the bench store (``PAC_BENCH_SAMPLE=DIR`` makes each worker write where its threads spend their time
there: bench/sampler/sitecustomize.py, a sampling profiler of the workers' threads).

Figures of 3 December 2026, afternoon, on a quiet machine (PostgreSQL 15, 2 cores, load average 0.5–2, nothing
else running; each line one run, runs of the same code within minutes of each other):

| 50 devices, push of 5 + pull, 10 rounds        | mutations/s     | push p95 ms     | pull p95 ms     | CPU s: clients / workers / database |
|------------------------------------------------|-----------------|-----------------|-----------------|-------------------------------------|
| 89d4387: httpx clients, 2 workers × 16 threads | 446, 448, 435   | 451, 434, 460   | 413, 415, 427   | 2.8–3.0 / 5.3–5.8 / 1.6–1.7         |
| clients on http.client, 2 × 16                 | 588, 582        | 359, 398        | 343, 350        | 0.6 / 5.2–5.4 / 1.5–1.6             |
| + a pull cache mark every 0.25 s, 2 × 16       | 600, 616, 570   | 368, 360, 380   | 344, 310, 323   | 0.6 / 4.9–5.3 / 1.5–1.6             |
| 2 workers × 4 threads                          | 621, 613, 625, 632 | 271, 343, 350, 371 | 272, 417, 339, 378 | 0.7 / 4.6–4.8 / 1.7          |
| 1 worker × 16 threads                          | 475             | 326             | 341             | 0.7 / 4.9 / 1.5                     |
| 1 worker × 4 threads (the default now)         | 576, 563, 568, 555, 520 | 232, 236, 246, 236, 257 | 252, 262, 270, 257, 286 | 0.6 / 3.9–4.2 / 1.1–1.4 |

- **The load generator was a third of the machine.** Its devices decoded every pulled page in full (33 % of its
  CPU) through httpx (~50 %). They now speak HTTP with http.client and read a page's next cursor from its end and
  its changes by counting them (checked against a full decode once per device): 2.9 → 0.6 s of CPU. A real
  device spends that on its own computer.
- **A mark every 5 s left the changes pushed a moment ago out of the pull caches** (pac_desktop.server.pages):
  the 49 other devices pull them within the next cycle, before the mark reaches them, so each worker wrote them
  again for every device (114,000 changes written from their records for 5,700 served from the cache, in one run).
  With 0.25 s: 69,000 for 48,000.
- **Fewer handler threads cost less** (pac_desktop.server.config.Settings.threads, 16 → 4): one interpreter lock,
  fewer threads fighting for it; the worker's CPU for the same run fell by ~20 % (1 worker).
- **One worker answers more evenly than two on two cores shared with PostgreSQL and the clients.** With two, one
  worker answered in ~90 ms (p50) and the other in ~260 ms, for the same CPU and as many requests each (the
  server's request log, by process): the devices that landed on the slower one stayed longer. Taking one
  connection per turn of the event loop (asyncio takes up to 100 when the socket is readable) balanced the
  accepts but not the times, and was left out. The section runs both; the installer's README advises one worker
  per core PostgreSQL leaves free.
- Tried without effect here: uvloop with httptools (±3 %), a pull run on the event loop without a thread hop
  (the pulls' p95 fell to 70 ms and the pushes' rose to 500–640 ms: the same total), a mark written by the pull
  itself before its page so that it keeps what it writes at once (misses 69,000 → 49,000, no change in time).

Figures of 3 December 2026 (PostgreSQL 15, 2 cores shared with four other engineers' test runs: load average at
the start in brackets). "before" is main at 454881c started from its own checkout, "after" has: a push batch's
first reads (records, case accesses, ledger, and what the staff directory needs of its authors: staff,
organisation, roles, signing keys) as one statement and its writes (records, versions, case accesses, feed,
ledger, clock) as one statement of data-modifying ``WITH``s over ``jsonb_to_recordset`` (psycopg's array dumper
in Python cost more than the rows; the JSON is made by the json module in C, timestamps written out first), the
clock lock as the batch's first read; push and pull read their request themselves (the token before the body:
a bad token gets 401 and a revoked device 403 before any 422), the push's device check as one autocommit
statement and its authors' keys from a per-worker cache (checked again under the clock lock), public keys
loaded once, the pull's cursor note as one statement, the start-up objects frozen out of the garbage
collector's sight; and the clients sign their outbox before the clock starts (as the desktop signs a change
when it is made). Runs alternated in the same minutes:

| 50 devices, push of 5 + pull, 10 rounds | before (7.6 / 11.3)             | after (11.2 / 11.1)           | target    |
|-----------------------------------------|---------------------------------|-------------------------------|-----------|
| push p50 / p95                          | 597 / 1,000; 989 / 1,670 ms     | 451 / 1,101; 433 / 833 ms     | p95 ≤ 300 |
| pull p50 / p95 (~230 changes a page)    | 192 / 647; 252 / 822 ms         | 259 / 534; 193 / 447 ms       | p95 ≤ 300 |
| mutations/s, errors                     | 209, 0; 144, 0                  | 244, 0; 254, 0                | ≥ 500, 0  |
| CPU s: clients / server workers / database | 3.5 / 6.0 / 1.6; 3.7 / 7.2 / 1.8 | 3.4 / 4.6 / 1.5; 3.2 / 4.0 / 1.3 | — |

An earlier pair (load 7.0 / 10.9 and 11.5 / 14.2, without the pull's autocommit): server workers 6.2 / 6.8 s →
4.4 / 5.0 s, 225 / 208 → 301 / 276 mutations/s, push p95 1,056 / 1,089 → 665 / 762 ms. Since then each worker
also opens its handler threads' connections at start (pac_desktop.server.app.open_pool): in the profile,
opening connections went from 1.1 % to 0.6 % of the workers' samples, below what the load (11–15) lets a run
show.

The server's CPU a request went from ~6.6 ms to ~4.3 ms (a push alone, one worker, from ~9–11 to ~5.5 ms:
its write transaction is 3 statements instead of ~17, its checks one statement without BEGIN/COMMIT instead of
a transaction of two). What is left, by a sampling profile of the workers under this load (py-spy --gil):
the pull's page (pac_desktop.server.pages) ~17 %, the push ~22 % (a third of it the checks and signatures
before the lock; its write transaction ~15 %), and the request machinery (uvicorn's h11, the middlewares, the
request log, FastAPI's routing). py-spy also puts ~12 % on waking a handler thread (threading.Condition.notify),
but a hop to a thread and back measured alone costs ~50 µs of CPU: most of those samples are time when the GIL
is free. A middleware answering push and pull before FastAPI's router was tried: no difference the load let
through, so it was left out.

Figures of 2 December 2026, second pass (PostgreSQL 15, 2 cores shared with other engineers' test runs, load
average at the start in brackets). "before" is main at 49b0aac started by this bench from its own checkout
(``PAC_BENCH_SERVER_SOURCE``: the server now runs with that folder as its working folder — ``python -m`` puts the
working folder before PYTHONPATH, so before this fix the "before" server of the first pass below was this
checkout's own); "after" has one transaction a sync request, the pull caches (pac_desktop.server.pages), the
signatures checked before the clock lock and a batch's rows written with one statement per table. Runs
alternated in the same minutes:

| 50 devices, push of 5 + pull, 10 rounds | before (3.8 / 11.1)          | after (7.2 / 13.1)          | target    |
|-----------------------------------------|------------------------------|-----------------------------|-----------|
| push p50 / p95                          | 1,194 / 2,111; 1,034 / 1,686 ms | 762 / 1,352; 643 / 1,094 ms | p95 ≤ 300 |
| pull p50 / p95 (~230 changes a page)    | 457 / 1,272; 363 / 867 ms    | 187 / 703; 213 / 677 ms     | p95 ≤ 300 |
| mutations/s, errors                     | 107, 0; 142, 0               | 161, 0; 210, 0              | ≥ 500, 0  |
| CPU s: clients / server workers / database | 4.6 / 16.2 / 3.2; 3.7 / 13.1 / 2.5 | 3.7 / 6.9 / 1.6; 3.8 / 7.4 / 1.8 | — |

The server's CPU per mutation went from 5.2–6.5 ms to 2.8–3.0 ms and the database's from 1.0–1.3 to 0.6–0.7 ms;
with the clients' ~1.5 ms, all sides spend ~5 ms of CPU a mutation, so two idle cores give at most ~400
mutations/s with the clients on them (~550 without). Wall-clock figures follow the machine's load (the whole
machine was busy through every run). Measured alone (one worker, one client, ``pac-server serve`` on
PostgreSQL; the worker's CPU a request, within 15 minutes, load 3–10): an empty pull 5.9–8.3 → 2.5–3.0 ms, a pull
of 230 changes 12.1–15.8 → 4.5–5.6 ms; a hello unchanged (~2.5 ms). What a request still costs is the HTTP server, FastAPI and the hop to a handler thread: the request
log, the metrics, the body limit and FastAPI's telemetry hooks are each below the noise (< 0.1 ms; the log line
cost ~0.1 ms before its JSON encoder was made once). httptools and uvloop made no measurable difference.

First pass (same day, before the fix above; "before" 59a1717, "after" issue 16's group push and pages written from
the rows):

| 50 devices, push of 5 + pull, 10 rounds | before (load 5.7 / 8.5)   | after (load 9.2 / 8.6)    | target    |
|-----------------------------------------|---------------------------|---------------------------|-----------|
| push p50 / p95                          | 663 / 1,167; 562 / 1,046 ms | 622 / 1,132; 607 / 1,169 ms | p95 ≤ 300 |
| pull p50 / p95 (~230 changes a page)    | 275 / 707; 218 / 771 ms   | 215 / 618; 205 / 639 ms   | p95 ≤ 300 |
| mutations/s, errors                     | 193, 0; 235, 0            | 212, 0; 204, 0            | ≥ 500, 0  |
| CPU s: clients / server workers / database | 3.1 / 9.2 / 1.8; 3.0 / 8.1 / 1.8 | 2.9 / 7.5 / 1.6; 3.0 / 8.5 / 1.8 | — |

"""

from __future__ import annotations

import base64
import hashlib
import json
import multiprocessing as mp
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

DEVICES = 50
ROUNDS = 10
PUSH_SIZE = 5
PULL_LIMIT = 500
CLIENT_PROCESSES = 5
#: Worker processes of the server: one by default (the installer's advice for a server that shares two cores with
#: its PostgreSQL), and in the bench's section also two (installer/server's unit and compose file).
WORKERS = 1
SECTION_WORKERS = (1, 2)
#: The counsellor (published on the bench's server) who makes every change the bench pushes.
BENCH_COUNSELLOR = "b0b0b0b0-0000-4000-8000-00000000a001"
TOKEN_KEY = "b" * 64  # the bench server's access-token key (fictitious data, a throwaway database)
CLK_TCK = os.sysconf("SC_CLK_TCK")
#: A checkout whose pac-server the bench starts instead of this one (e.g. /work/main, for a "before" figure).
SERVER_SOURCE_ENV = "PAC_BENCH_SERVER_SOURCE"


def bench_key() -> Any:
    """The bench counsellor's signing key (fictitious: made from their id, as the tests' keys are)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"pac-bench-signing-key|" + BENCH_COUNSELLOR.encode())
                                                .digest())


def register_bench_key(engine: Any) -> None:
    """What setting the counsellor's password does on the server: their public key becomes theirs."""
    from pac_desktop.security.signing import public_bytes
    from pac_desktop.server import authorship
    from pac_desktop.server.db import write_transaction

    with write_transaction(engine) as conn:
        authorship.register_key(conn, staff_id=BENCH_COUNSELLOR, public=public_bytes(bench_key()))


def sign(m: dict[str, Any], key: Any, kid: str) -> dict[str, Any]:
    """A mutation signed by its author as the desktop signs its outbox entries (issue 12)."""
    from pac_desktop.domain.authorship import signed_payload

    payload = signed_payload(
        mutation_id=m["mutation_id"], entity=m["entity"], row_id=m["id"], case_id=m.get("case_id"), op=m["op"],
        fields=m.get("fields") or {}, base=m.get("base") or {}, base_version=m.get("base_version", 0),
        conflict_id=m.get("conflict_id"), made_by=m["made_by"], made_at=m.get("made_at"))
    return {**m, "key_id": kid, "signature": base64.b64encode(key.sign(payload)).decode("ascii")}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


# --------------------------------------------------------------------------------------------------
# CPU accounting from /proc (no psutil): user + system seconds of processes
# --------------------------------------------------------------------------------------------------


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                out.append(int(entry.name))
    return out


def _database_backends(database: str) -> list[int]:
    """The PostgreSQL backends serving ``database`` (their command line names it)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if cmdline.startswith("postgres:") and f" {database} " in cmdline:
                out.append(int(entry.name))
    return out


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return float(sum(values) - idle), float(sum(values))


# --------------------------------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------------------------------


@contextmanager
def serve(database_url: str, workers: int, env: dict[str, str] | None = None):  # noqa: ANN201
    """``pac-server serve --workers N --port 0`` on ``database_url``: (url, process)."""
    environment = {**os.environ, **(env or {}), "PAC_SERVER_DATABASE_URL": database_url,
                   "PAC_SERVER_TOKEN_KEY": TOKEN_KEY, "PAC_SERVER_RATE_ENROL": "off"}
    if environment.get(SERVER_SOURCE_ENV):  # another checkout's server (a "before" figure in the same run)
        environment["PYTHONPATH"] = os.pathsep.join(
            [environment[SERVER_SOURCE_ENV], *filter(None, [environment.get("PYTHONPATH")])])
    if environment.get("PAC_BENCH_SAMPLE") or environment.get("PAC_BENCH_PROFILE"):  # the workers sample their stacks (bench/sampler/sitecustomize.py)
        Path(environment.get("PAC_BENCH_SAMPLE") or environment["PAC_BENCH_PROFILE"]).mkdir(parents=True, exist_ok=True)
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parent / "sampler"), *filter(None, [environment.get("PYTHONPATH")])])
    process = subprocess.Popen(
        [sys.executable, "-m", "pac_desktop.server.cli", "serve", "--port", "0", "--workers", str(workers)],
        # ``-m`` puts the working folder first on sys.path, before PYTHONPATH: the other checkout's server runs
        # only when started from it.
        cwd=environment.get(SERVER_SOURCE_ENV) or None,
        env=environment, stdout=subprocess.PIPE, text=True,
        stderr=open(environment["PAC_BENCH_SERVER_LOG"], "w") if environment.get("PAC_BENCH_SERVER_LOG")  # noqa: SIM115
        else subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://[\d.]+:\d+", line)
        if not found:
            raise RuntimeError(f"pac-server serve did not start: {line!r}")
        url = found.group(0)
        _wait_ready(url, workers)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(url: str, workers: int) -> None:
    import httpx

    deadline = time.monotonic() + 60
    ok = 0
    while time.monotonic() < deadline and ok < workers * 3:
        try:
            if httpx.get(url + "/v1/sync/hello", timeout=5).status_code == 200:
                ok += 1
                continue
        except httpx.HTTPError:
            pass
        time.sleep(0.2)


def prepare_server(engine: Any) -> str:
    """Reference data, the bench counsellor and their key; returns the territory (Ariège) the devices see."""
    from pac_desktop.domain.enums import StaffRole
    from pac_desktop.domain.reference import stable_id
    from pac_desktop.server import admin
    from pac_desktop.server.db import upgrade

    upgrade(engine)
    admin.publish_reference(engine)
    admin.create_staff(engine, first_name="Conseillère", last_name="Banc d'essai", organisation_code="cio-ariege",
                       roles=[StaffRole.COUNSELLOR], staff_id=BENCH_COUNSELLOR)
    register_bench_key(engine)
    return stable_id("territory", "ariege")


def enrol_devices(engine: Any, url: str, count: int) -> list[tuple[str, str]]:
    """``count`` devices enrolled over HTTP with one-time codes: (device id, refresh token) each."""
    import httpx

    from pac_desktop.server import admin

    out = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for n in range(count):
            code = admin.enrolment_code(engine, organisation_code="cio-ariege").code
            r = client.post("/v1/devices/enrol", json={"code": code, "device_name": f"bench {n}"})
            r.raise_for_status()
            out.append((r.json()["device_id"], r.json()["refresh_token"]))
    return out


def _exchange(connection: Any, method: str, path: str, headers: dict[str, str], body: bytes | None
              ) -> tuple[int, bytes]:
    """One request on ``connection``: its status and its body (ungzipped)."""
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        data = zlib.decompress(data, 16 + zlib.MAX_WBITS)
    return response.status, data


def _page_summary(body: bytes, *, check: bool = False) -> tuple[int, int]:
    """(changes, next cursor) of a pull page, read from the page's end and by counting its changes' first key,
    without decoding the whole page: the devices' CPU is the bench's, not the server's, and on a real device it is
    spent on another machine. ``check``: decode it whole as well and make sure both read the same."""
    tail = json.loads(b"{" + body[body.rindex(b"],") + 2:])
    changes = body.count(b'{"entity":')
    if check:
        page = json.loads(body)
        if (len(page["changes"]), page["next_cursor"]) != (changes, tail["next_cursor"]):
            raise RuntimeError("the bench misreads a pull page")
    return changes, tail["next_cursor"]


# --------------------------------------------------------------------------------------------------
# A client process: several devices, one thread each, speaking HTTP with http.client (httpx only for their tokens)
# --------------------------------------------------------------------------------------------------


def _client_process(url: str, devices: list[tuple[str, str]], territory: str, rounds: int, start_cursor: int,
                    barrier: Any, out: Any) -> None:
    import http.client
    from urllib.parse import urlsplit

    import httpx

    from pac_desktop.security.signing import key_id, public_bytes

    host, port = urlsplit(url).hostname, urlsplit(url).port
    key = bench_key()
    kid = key_id(public_bytes(key))
    push_ms: list[float] = []
    pull_ms: list[float] = []
    errors: list[str] = []
    pulled = [0]
    lock = threading.Lock()
    tokens = []
    with httpx.Client(base_url=url, timeout=120) as client:
        for device_id, refresh in devices:  # each device's access token, as at the start of its first cycle
            r = client.post("/v1/token", json={"device_id": device_id, "refresh_token": refresh})
            r.raise_for_status()
            tokens.append(r.json()["access_token"])

    def outbox() -> list[list[dict[str, Any]]]:
        """A device's changes, signed when they were made (the desktop signs an outbox entry when it is written,
        not when it syncs): before the clock starts."""
        batches = []
        for _ in range(rounds):
            batch = []
            for _n in range(PUSH_SIZE):
                yid = str(uuid.uuid4())
                batch.append(sign({
                    "mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid, "case_id": yid, "op": "create",
                    "fields": {"territory_id": territory, "first_name": "Testa", "last_name": "Fictif",
                               "birth_date": "2009-05-17", "case_id": yid},
                    "made_by": BENCH_COUNSELLOR, "made_at": "2026-03-02T10:00:00+00:00"}, key, kid))
            batches.append(batch)
        return batches

    def run(token: str, batches: list[list[dict[str, Any]]]) -> None:
        cursor = start_cursor
        auth = {"Authorization": f"Bearer {token}"}
        checked = False
        for batch in batches:
            # A round is a sync cycle: its connection closes after it (a device syncs every few minutes and its
            # HTTP connection does not outlive the cycle), so the next one goes to whichever worker accepts.
            connection = http.client.HTTPConnection(host, port, timeout=120)
            try:
                t0 = time.perf_counter()
                push = _exchange(connection, "POST", "/v1/sync/push", {
                    **auth, "Content-Type": "application/json"},
                    json.dumps({"batch_id": str(uuid.uuid4()), "mutations": batch}).encode())
                t1 = time.perf_counter()
                pull = _exchange(connection, "GET", f"/v1/sync/pull?cursor={cursor}&limit={PULL_LIMIT}", {
                    **auth, "Accept-Encoding": "gzip", "Connection": "close"}, None)
                t2 = time.perf_counter()
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(type(error).__name__)
                continue
            finally:
                connection.close()
            with lock:
                if push[0] != 200 or pull[0] != 200:
                    errors.append(f"HTTP {push[0]}/{pull[0]}")
                else:  # a refused change is an error too: the bench measures changes that land
                    errors.extend(x["reason"] or x["status"] for x in json.loads(push[1])["results"]
                                  if x["status"] == "rejected")
                push_ms.append((t1 - t0) * 1000)
                pull_ms.append((t2 - t1) * 1000)
            if pull[0] == 200:
                changes, cursor = _page_summary(pull[1], check=not checked)
                checked = True
                with lock:
                    pulled[0] += changes

    threads = [threading.Thread(target=run, args=(t, outbox())) for t in tokens]
    barrier.wait()  # every client ready: the clock starts
    cpu0 = sum(os.times()[:2])
    for t in threads:
        t.start()
    for t in threads:
        t.join(900)
    cpu = sum(os.times()[:2]) - cpu0
    out.put({"push_ms": push_ms, "pull_ms": pull_ms, "errors": errors, "cpu": cpu, "pulled": pulled[0],
             "end": time.time()})


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------


def run_load(database_url: str, kind: str, *, workers: int = WORKERS, devices: int = DEVICES, rounds: int = ROUNDS,
             processes: int = CLIENT_PROCESSES, database_name: str | None = None,
             env: dict[str, str] | None = None) -> dict[str, Any]:
    """The figures of one run: latencies, throughput, errors, CPU seconds of each side."""
    import httpx

    from pac_desktop.server.db import create_server_engine

    engine = create_server_engine(database_url)
    try:
        territory = prepare_server(engine)
        with serve(database_url, workers, env) as (url, process):
            enrolled = enrol_devices(engine, url, devices)
            start_cursor = httpx.get(url + "/v1/sync/hello").json()["server_seq"]
            ctx = mp.get_context("spawn")
            barrier = ctx.Barrier(processes + 1)
            out = ctx.Queue()
            shares = [enrolled[i::processes] for i in range(processes)]
            clients = [ctx.Process(target=_client_process, args=(url, share, territory, rounds, start_cursor,
                                                                 barrier, out)) for share in shares]
            for c in clients:
                c.start()
            server_pids = [process.pid, *_children(process.pid)]
            backends = _database_backends(database_name) if database_name else []
            load = os.getloadavg()[0]
            barrier.wait(300)
            started = time.time()
            server0 = {p: _proc_cpu(p) for p in server_pids}
            db0 = {p: _proc_cpu(p) for p in backends}
            busy0, total0 = _machine_busy()
            results = [out.get(timeout=900) for _ in clients]
            wall = max(r["end"] for r in results) - started
            busy1, total1 = _machine_busy()
            server_each = {p: _proc_cpu(p) - server0[p] for p in server_pids}
            server_cpu = sum(server_each.values())
            backends_after = _database_backends(database_name) if database_name else []
            db_cpu = sum(_proc_cpu(p) - db0.get(p, 0.0) for p in backends_after)
            for c in clients:
                c.join(60)
            if os.environ.get("PAC_BENCH_PROFILE"):  # the workers write their profiles (bench/sampler)
                folder = Path(os.environ["PAC_BENCH_PROFILE"])
                (folder / "dump").touch()
                deadline = time.monotonic() + 120
                while (not all((folder / f"{p}.times").exists() for p in server_pids)
                       and time.monotonic() < deadline):
                    time.sleep(0.5)
    finally:
        engine.dispose()
    push_ms = [v for r in results for v in r["push_ms"]]
    pull_ms = [v for r in results for v in r["pull_ms"]]
    cores = os.cpu_count() or 1
    return {
        "kind": kind, "workers": workers, "devices": devices, "rounds": rounds, "processes": processes,
        "mutations": devices * rounds * PUSH_SIZE, "wall": wall, "push_ms": push_ms, "pull_ms": pull_ms,
        "errors": [e for r in results for e in r["errors"]], "pulled": sum(r["pulled"] for r in results),
        "client_cpu": sum(r["cpu"] for r in results), "server_cpu": server_cpu, "server_each": server_each, "db_cpu": db_cpu,
        "machine_busy": (busy1 - busy0) / (total1 - total0) * cores * wall if total1 > total0 else float("nan"),
        "cores": cores, "load": load,
    }


def rows_of(f: dict[str, Any]) -> list[Row]:
    kind, n = f"{f['kind']}, {f['workers']} worker{'s' if f['workers'] > 1 else ''}", f["devices"]
    push, pull = f["push_ms"], f["pull_ms"]
    rate = f["mutations"] / f["wall"]
    where = (f"pac-server serve --workers {f['workers']} ({kind}), {f['processes']} client processes on the same "
             f"{f['cores']} cores; load {f['load']:.1f} at start")
    cpu_total = f["client_cpu"] + f["server_cpu"] + f["db_cpu"]
    errors = f["errors"]
    first_error = f" (first: {errors[0][:80]})" if errors else ""
    return [
        Row(f"sync load: {n} devices at once, push of {PUSH_SIZE}, p95 ({kind})", round(_percentile(push, 0.95)),
            "ms", "target ≤ 300 ms", round(_percentile(push, 0.95) / 300, 2),
            f"p50 {_percentile(push, 0.5):.0f} ms; {where}"),
        Row(f"sync load: {n} devices at once, pull, p95 ({kind})", round(_percentile(pull, 0.95)), "ms",
            "target ≤ 300 ms", round(_percentile(pull, 0.95) / 300, 2),
            f"p50 {_percentile(pull, 0.5):.0f} ms; {f['pulled']:,} changes pulled, pages of ≤ {PULL_LIMIT}"),
        Row(f"sync load: {n} devices at once, mutations per second ({kind})", round(rate), "mutations/s",
            "target ≥ 500/s", round(rate / 500, 2),
            f"{f['mutations']:,} mutations in {f['wall']:.1f} s, {len(errors)} errors{first_error}"),
        Row(f"sync load: CPU seconds over the run ({kind})", round(cpu_total, 1), "s",
            f"wall {f['wall']:.1f} s × {f['cores']} cores = {f['wall'] * f['cores']:.1f} s",
            round(cpu_total / (f["wall"] * f["cores"]), 2),
            f"clients {f['client_cpu']:.1f} s ({f['client_cpu'] / max(cpu_total, 1e-9):.0%}), server workers "
            f"{f['server_cpu']:.1f} s, database {f['db_cpu']:.1f} s; whole machine busy {f['machine_busy']:.1f} s "
            "(other users included)"),
    ]


@section("sync_load", order=72)
def sync_load_section(ctx: BenchContext) -> list[Row]:
    from bench.section_pull_page import server_database

    rows = []
    for workers in SECTION_WORKERS:
        with server_database(ctx, f"sync-load-{workers}") as (url, kind):
            name = url.rsplit("/", 1)[1].split("?")[0] if kind == "PostgreSQL" else None
            rows += rows_of(run_load(url, kind, workers=workers, database_name=name))
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile

    from bench.core import BenchContext as Ctx
    from bench.section_pull_page import server_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--devices", type=int, default=DEVICES)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--processes", type=int, default=CLIENT_PROCESSES)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="pac-bench-load-"))
    ctx = Ctx(youths=0, root=root, data_dir=root / "data", seed=0)
    with server_database(ctx, "sync-load") as (url, kind):
        name = url.rsplit("/", 1)[1].split("?")[0] if kind == "PostgreSQL" else None
        figures = run_load(url, kind, workers=args.workers, devices=args.devices, rounds=args.rounds,
                           processes=args.processes, database_name=name)
    for row in rows_of(figures):
        print(f"{row.measure} | {row.value} {row.unit} | {row.compared_with} | "
              f"{'×' + str(row.ratio) if row.ratio is not None else ''} {row.notes}")
    print(f"server CPU by process: {figures['server_each']}")
    print(f"push ms p50/p95/max: {statistics.median(figures['push_ms']):.0f}/"
          f"{_percentile(figures['push_ms'], 0.95):.0f}/{max(figures['push_ms']):.0f}; pull ms p50/p95/max: "
          f"{statistics.median(figures['pull_ms']):.0f}/{_percentile(figures['pull_ms'], 0.95):.0f}/"
          f"{max(figures['pull_ms']):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
