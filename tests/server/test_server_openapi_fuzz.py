"""The running server fuzzed from its own OpenAPI document (schemathesis over HTTP): never a 5xx, and never a
status the document does not list for the operation (issue 12), always in the ErrorBody shape when an error.

Requests carry a valid device token, so the generated bodies reach the push and pull code, not only the
authentication. Bounded: a few dozen cases per operation. (Driven with Hypothesis directly: schemathesis'
pytest plugin does not run under this pytest version.)
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sync_helpers import running_server

from pac_desktop.server import admin


@pytest.mark.timeout(180)
def test_fuzzed_requests_never_get_a_server_error(tmp_path):
    with running_server("sqlite", tmp_path) as server:
        code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
        with httpx.Client(base_url=server.url) as client:
            enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "fuzz"}).json()
            token = client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                                   "refresh_token": enrolled["refresh_token"]}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
            "GET /v1/sync/hello", "POST /v1/sync/push", "GET /v1/sync/pull", "POST /v1/devices/enrol",
            "POST /v1/token"}
        failures: list[str] = []
        for operation in operations:
            fuzz(operation, server.url, headers, failures)
        assert not failures, "\n".join(sorted(failures))


def fuzz(operation, base_url: str, headers: dict[str, str], failures: list[str]) -> None:
    """Up to 40 generated requests of one operation; what breaks the rules goes to ``failures`` (once per status)."""
    documented = {str(code) for code in operation.definition.raw["responses"]}
    seen: set[int] = set()

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        response = case.call(base_url=base_url, headers=headers)
        status = response.status_code
        if status in seen:
            return
        if status >= 500 or str(status) not in documented:
            seen.add(status)
            failures.append(f"{case.method} {case.path}: {status} {response.text[:300]}")
        elif status >= 400 and set(response.json()) != {"code", "message"}:
            seen.add(status)
            failures.append(f"{case.method} {case.path}: {status} not an ErrorBody")

    check()
