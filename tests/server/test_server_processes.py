"""`pac-server migrate`, `serve` started twice at once, `serve --workers 3` (issue 17 §1): real processes."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from server_processes import SERVER_COMMAND, alive, pac_server, server_env, wait_for
from sqlalchemy import create_engine, text
from sync_helpers import PG_ENV, backends, database_url, postgres_database

from pac_desktop.server.db import head_revision

needs_postgres = pytest.mark.skipif(not os.environ.get(PG_ENV), reason="PAC_TEST_DATABASE_URL unset")


def _revision(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


@needs_postgres
@pytest.mark.timeout(120)
def test_two_servers_started_at_the_same_instant_on_a_fresh_database_both_serve(tmp_path: Path) -> None:
    with postgres_database() as url:
        env = server_env(url)
        with pac_server(["serve", "--port", "0"], env, tmp_path / "a.log") as a, \
                pac_server(["serve", "--port", "0"], env, tmp_path / "b.log") as b:
            for server in (a, b):
                server.wait_listening()
            for server in (a, b):
                assert httpx.get(server.url + "/health", timeout=10).json() == {"status": "ok"}
                ready = httpx.get(server.url + "/ready", timeout=10)
                assert ready.status_code == 200 and ready.json()["status"] == "ready"
                assert server.proc.poll() is None
            assert "UniqueViolation" not in a.log_text() + b.log_text()
        assert _revision(url) == head_revision()


@pytest.mark.timeout(120)
def test_serve_with_three_workers_starts_three_healthy_workers(tmp_path: Path) -> None:
    backend = backends()[-1]  # PostgreSQL when there is one
    with database_url(backend, tmp_path) as url, \
            pac_server(["serve", "--port", "0", "--workers", "3"], server_env(url), tmp_path / "w.log") as server:
        server.wait_listening()
        ready = wait_for(lambda: [line for line in server.log_lines() if line.get("event") == "worker_ready"],
                         timeout=60)
        wait_for(lambda: len({line["pid"] for line in server.log_lines() if line.get("event") == "worker_ready"})
                 >= 3, timeout=60)
        ready = {line["pid"] for line in server.log_lines() if line.get("event") == "worker_ready"}
        assert len(ready) == 3, server.log_text()
        workers = set(server.children())
        assert ready <= workers and all(alive(pid) for pid in ready)
        with httpx.Client(timeout=10) as client:
            for _ in range(12):
                assert client.get(server.url + "/ready").status_code == 200
            # The metrics of every worker, whichever answers (prometheus_client's multi-process mode).
            served = {line["pid"] for line in server.log_lines() if line.get("route") == "/ready"}
            metrics = client.get(server.url + "/metrics").text
        total = sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
                    if line.startswith('pac_http_requests_total{') and 'route="/ready"' in line)
        assert total == 12 and served <= ready
        # No worker died and was replaced meanwhile.
        assert {line["pid"] for line in server.log_lines() if line.get("event") == "worker_ready"} == ready
        server.proc.terminate()
        assert server.proc.wait(30) == 0
        wait_for(lambda: not any(alive(pid) for pid in ready), timeout=15)


def test_migrate_then_serve_without_migrating(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    env = server_env(url)
    refused = subprocess.run([*SERVER_COMMAND, "serve", "--port", "0", "--no-migrate"], env=env,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "pac-server migrate" in refused.stderr
    first = subprocess.run([*SERVER_COMMAND, "migrate"], env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0 and "migré" in first.stdout, first.stderr
    again = subprocess.run([*SERVER_COMMAND, "migrate"], env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "déjà à jour" in again.stdout
    with pac_server(["serve", "--port", "0", "--no-migrate"], env, tmp_path / "s.log") as server:
        server.wait_listening()
        assert httpx.get(server.url + "/ready", timeout=10).status_code == 200


@needs_postgres
def test_serve_on_postgresql_without_a_signing_key_refuses_to_start(tmp_path: Path) -> None:
    with postgres_database() as url:
        env = server_env(url)
        del env["PAC_SERVER_TOKEN_KEY"]
        refused = subprocess.run([*SERVER_COMMAND, "serve", "--port", "0"], env=env, capture_output=True,
                                 text=True, timeout=60)
        assert refused.returncode == 2
        assert "token-key create" in refused.stderr and "PAC_SERVER_TOKEN_KEY_FILE" in refused.stderr


def test_an_unreachable_database_is_said_in_french(capsys) -> None:
    from pac_desktop.server.cli import main as server_main

    assert server_main(["--database-url", "postgresql+psycopg://personne@127.0.0.1:1/aucune", "migrate"]) == 2
    err = capsys.readouterr().err
    assert "injoignable" in err and "Traceback" not in err


@pytest.mark.timeout(120)
def test_health_answers_while_every_handler_thread_waits_for_the_database(tmp_path: Path) -> None:
    """A database that does not answer holds every handler thread (4 a worker): the liveness check still answers,
    so that the server is not restarted for the database's outage; readiness waits its turn."""
    import sqlite3
    import threading

    from pac_desktop.server import admin
    from pac_desktop.server.db import create_server_engine

    path = tmp_path / "server.sqlite3"
    url = f"sqlite:///{path}"
    with pac_server(["serve", "--port", "0"], server_env(url, PAC_SERVER_THREADS="2"), tmp_path / "h.log") as server:
        server.wait_listening()
        engine = create_server_engine(url)
        try:
            admin.publish_reference(engine)
            code = admin.enrolment_code(engine, organisation_code="cio-ariege").code
        finally:
            engine.dispose()
        enrolled = httpx.post(server.url + "/v1/devices/enrol", json={"code": code, "device_name": "poste"},
                              timeout=10).json()
        lock = sqlite3.connect(path, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")  # the database's writer stuck: every write waits (30 s at most)
        waiting = [threading.Thread(target=lambda: httpx.post(server.url + "/v1/token", timeout=60, json={
            "device_id": enrolled["device_id"], "refresh_token": enrolled["refresh_token"]}), daemon=True)
            for _ in range(4)]
        try:
            for t in waiting:
                t.start()
            time.sleep(1.5)  # both handler threads are taken by then
            answered = httpx.get(server.url + "/health", timeout=5)
            assert answered.status_code == 200 and answered.json() == {"status": "ok"}
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        for t in waiting:
            t.join(60)
