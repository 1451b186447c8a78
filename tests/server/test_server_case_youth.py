"""A row of a youth's file that names its youth names its case's youth (issue 16's store: storage/case_rows.py finds
a file's rows by ``youth_id``, so a row naming another youth would escape retention, subject access and the consent
hold on every computer it reaches). The server refuses it, for every such entity."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import ARIEGE, COUNSELLORS, running_server, signed

from pac_desktop.server import admin
from pac_desktop.server.models import Record
from pac_desktop.server.validation import _OWN_YOUTH, check_mutation
from pac_desktop.sync.field_rules import FIELDS
from pac_desktop.sync.wire import SCOPES, Mutation, Scope

REFUSAL = "la fiche n'appartient pas au dossier annoncé"
CASE_ENTITIES_WITH_A_YOUTH = sorted(e for e, rules in FIELDS.items() if "youth_id" in rules
                                    and SCOPES.get(e) is Scope.CASE)


def _change(entity: str, case_id: str, youth_id: str) -> Mutation:
    return Mutation.model_validate({"mutation_id": str(uuid.uuid4()), "entity": entity, "id": str(uuid.uuid4()),
                                    "case_id": case_id, "op": "update", "fields": {"youth_id": youth_id}})


def test_every_row_of_a_file_that_names_a_youth_is_checked() -> None:
    assert set(CASE_ENTITIES_WITH_A_YOUTH) == _OWN_YOUTH
    assert {"contact_attempt", "follow_up_event", "consent", "joint_intake", "referral", "outcome"} <= _OWN_YOUTH


@pytest.mark.parametrize("entity", CASE_ENTITIES_WITH_A_YOUTH)
def test_a_row_naming_another_youth_than_its_case_is_refused(entity: str) -> None:
    case_id, other = str(uuid.uuid4()), str(uuid.uuid4())
    assert REFUSAL in (check_mutation(_change(entity, case_id, other), None) or "")
    assert check_mutation(_change(entity, case_id, case_id), None) is None


@pytest.mark.timeout(60)
def test_the_server_answers_such_a_push_with_the_refusal_and_keeps_nothing(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
        enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "poste"}).json()
        token = client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                               "refresh_token": enrolled["refresh_token"]}).json()["access_token"]
        youth, other = str(uuid.uuid4()), str(uuid.uuid4())
        by = COUNSELLORS[ARIEGE]

        def youth_create(youth_id: str) -> dict:
            return signed({"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": youth_id, "case_id": youth_id,
                           "op": "create", "made_by": by,
                           "fields": {"territory_id": ARIEGE, "first_name": "Testa", "last_name": "Fictif",
                                      "birth_date": "2009-05-17"}})

        event = signed({"mutation_id": str(uuid.uuid4()), "entity": "follow_up_event", "id": str(uuid.uuid4()),
                        "case_id": youth, "op": "create", "made_by": by,
                        "fields": {"youth_id": other, "kind": "call", "occurred_on": "2026-03-12"}})
        answer = client.post("/v1/sync/push", headers={"Authorization": f"Bearer {token}"},
                             json={"batch_id": str(uuid.uuid4()),
                                   "mutations": [youth_create(youth), youth_create(other), event]})
        assert answer.status_code == 200, answer.text
        results = answer.json()["results"]
        assert [r["status"] for r in results[:2]] == ["applied", "applied"]
        assert results[2]["status"] == "rejected" and REFUSAL in results[2]["reason"]
        with server.engine.connect() as conn:
            assert conn.execute(select(Record.id).where(Record.entity == "follow_up_event")).first() is None
