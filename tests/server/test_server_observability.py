"""The JSON request log (nothing personal in it), /metrics, /health and /ready, /docs off, the OpenAPI's bearer
scheme (issue 17 §4)."""

from __future__ import annotations

import os
import re
import types
from pathlib import Path

import httpx
import pytest
from server_processes import pac_server, server_env
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sync_helpers import PG_ENV, add_youth, edit_youth, enrol_device, publish_reference_and_staff, running_server, sync

from pac_desktop.server.db import create_server_engine, upgrade
from pac_desktop.storage.models import SyncDevice
from pac_desktop.storage.outbox import SCHEMA_VERSION

LOG_KEYS = {"ts", "event", "pid", "method", "route", "status", "duration_ms", "device", "request_id", "bytes_in",
            "bytes_out"}


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        series, value = line.rsplit(" ", 1)
        if series.split("{")[0] != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', series))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(value)
    return total


def test_the_request_log_holds_no_personal_value(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = create_server_engine(url)
    upgrade(engine)
    publish_reference_and_staff(engine)
    with pac_server(["serve", "--port", "0"], server_env(url), tmp_path / "server.log") as process:
        process.wait_listening()
        device = enrol_device(types.SimpleNamespace(engine=engine, url=process.url), tmp_path / "poste")
        try:
            add_youth(device, first_name="Zorbalinde", last_name="Quenouillard", phone="06 98 76 54 32",
                      email="zorbalinde.q@exemple.invalid")
            sync(device)
            answer = httpx.get(process.url + "/v1/sync/hello", headers={"X-Request-ID": "trace-0123456789"},
                               timeout=10)
            assert answer.headers["X-Request-ID"] == "trace-0123456789"
            with device.store.read_session_factory() as s:
                device_id = s.get(SyncDevice, 1).device_id
        finally:
            device.close()
            engine.dispose()
        log = process.log_text()
    for personal in ("Zorbalinde", "Quenouillard", "06 98 76 54 32", "98 76", "zorbalinde", "exemple.invalid",
                     "2009-05-17", "Bearer"):
        assert personal not in log
    requests = [line for line in process.log_lines() if line.get("event") == "request"]
    assert requests and all(set(line) == LOG_KEYS for line in requests)
    pushes = [line for line in requests if line["route"] == "/v1/sync/push"]
    assert pushes and all(line["status"] == 200 and line["device"] for line in pushes)
    assert {line["device"] for line in pushes} == {device_id}
    assert {line["route"] for line in requests} >= {"/v1/devices/enrol", "/v1/token", "/v1/sync/pull",
                                                   "/v1/sync/hello"}
    assert any(line["request_id"] == "trace-0123456789" for line in requests)
    ids = [line["request_id"] for line in requests]
    assert len(ids) == len(set(ids))
    assert not any("?" in line["route"] for line in requests)


def test_the_metrics_move_when_requests_are_made(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        before = client.get("/metrics")
        assert before.status_code == 200 and before.headers["content-type"].startswith("text/plain")
        device = enrol_device(server, tmp_path / "poste")
        other = enrol_device(server, tmp_path / "autre", name="autre")
        try:
            youth_id = add_youth(device)
            add_youth(device)
            sync(device, other)
            edit_youth(device, youth_id, phone="06 00 00 00 01")
            edit_youth(other, youth_id, phone="06 00 00 00 02")
            sync(device, other)  # the second write of the same field is parked as a conflict
        finally:
            device.close()
            other.close()
        assert client.get("/v1/sync/pull", headers={"X-Client-Schema": str(SCHEMA_VERSION)}).status_code == 401
        client.get("/nulle-part")
        after = client.get("/metrics").text
        b = before.text
        assert _metric(after, "pac_http_requests_total", route="/v1/sync/push", status="200") >= \
            _metric(b, "pac_http_requests_total", route="/v1/sync/push", status="200") + 1
        assert _metric(after, "pac_http_requests_total", route="<unmatched>", status="404") == \
            _metric(b, "pac_http_requests_total", route="<unmatched>", status="404") + 1
        assert _metric(after, "pac_http_request_duration_seconds_count", route="/v1/sync/pull") > \
            _metric(b, "pac_http_request_duration_seconds_count", route="/v1/sync/pull")
        assert _metric(after, "pac_sync_push_results_total", status="applied") >= \
            _metric(b, "pac_sync_push_results_total", status="applied") + 2
        assert _metric(after, "pac_sync_push_results_total", status="conflict") == \
            _metric(b, "pac_sync_push_results_total", status="conflict") + 1
        assert _metric(after, "pac_sync_push_bytes_sum") > _metric(b, "pac_sync_push_bytes_sum")
        assert _metric(after, "pac_sync_pull_bytes_sum") > _metric(b, "pac_sync_pull_bytes_sum")
        assert _metric(after, "pac_refusals_total", reason="unauthorised") == \
            _metric(b, "pac_refusals_total", reason="unauthorised") + 1
        assert "pac_sync_push_results_total" in after and 'pac_db_pool_connections{state="checked_out"}' in after


def test_health_ready_docs_and_the_openapi_document(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path, publish=False) as server, \
            httpx.Client(base_url=server.url, timeout=10) as client:
        assert client.get("/health").json() == {"status": "ok"}
        ready = client.get("/ready").json()
        assert ready["status"] == "ready" and ready["server_seq"] >= 0
        assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
        document = client.get("/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert any(s["type"] == "http" and s["scheme"].lower() == "bearer" for s in schemes.values())
    assert document["paths"]["/v1/sync/push"]["post"]["security"]
    assert "security" not in document["paths"]["/v1/devices/enrol"]["post"]
    enrol_400 = document["paths"]["/v1/devices/enrol"]["post"]["responses"]["400"]["description"]
    pull_410 = document["paths"]["/v1/sync/pull"]["get"]["responses"]["410"]["description"]
    token_401 = document["paths"]["/v1/token"]["post"]["responses"]["401"]["description"]
    assert len({enrol_400, pull_410, token_401}) == 3 and "inscription" in enrol_400 and "Curseur" in pull_410
    assert "429" in document["paths"]["/v1/sync/push"]["post"]["responses"]
    with running_server("sqlite", tmp_path, publish=False, api_docs=True) as server:
        assert httpx.get(server.url + "/docs", timeout=10).status_code == 200


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason="PAC_TEST_DATABASE_URL unset")
def test_ready_says_when_the_database_is_gone_while_health_stays_up(tmp_path: Path) -> None:
    with running_server("postgres", tmp_path, publish=False) as server, \
            httpx.Client(base_url=server.url, timeout=20) as client:
        assert client.get("/ready").status_code == 200
        name = make_url(server.settings.database_url).database
        admin_engine = create_engine(os.environ[PG_ENV], isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin_engine.dispose()
        gone = client.get("/ready")
        assert gone.status_code == 503 and gone.json()["status"] == "database_unreachable"
        assert client.get("/health").status_code == 200
