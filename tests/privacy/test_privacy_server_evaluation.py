"""The server side of the evaluation: blocks for enrolled devices only, regenerated from the seed, and the
pseudonymised export for evaluators only — holding no direct identifier."""

from __future__ import annotations

import csv
import io
from datetime import date

import httpx
import pytest
from privacy_helpers import make_youth, territory_id
from privacy_server_helpers import enrol_device, running_server, set_server_setting
from sqlalchemy import select

from pac_desktop.domain.enums import EvaluationArm, OutcomeMilestone, OutcomeSituation, StaffRole
from pac_desktop.domain.evaluation import allocation_block
from pac_desktop.domain.french import format_date
from pac_desktop.domain.reference import stable_id
from pac_desktop.server import admin, core, evaluation
from pac_desktop.server.db import read_transaction, write_transaction
from pac_desktop.server.evaluation_admin import write_export
from pac_desktop.storage.base import CaseScoped
from pac_desktop.storage.models import SYNCED_MODELS, Youth
from pac_desktop.storage.outbox import snapshot

TARBES = stable_id("territory", "tarbes")
EVALUATOR_PASSWORD = "motdepasse-evaluation"


@pytest.fixture
def server(tmp_path):
    with running_server(tmp_path) as running:
        admin.publish_reference(running.engine)
        yield running


def _blocks(server, token, stratum, count=3):
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as client:
        return client.post("/v1/evaluation/blocks", json={"stratum": stratum, "count": count})


def test_blocks_only_where_the_evaluation_is_on_and_for_the_devices_territory(server) -> None:
    token = enrol_device(server, "ml-tarbes")
    refused = _blocks(server, token, "tarbes/minor")
    assert refused.status_code == 409 and "n'est pas active" in refused.json()["message"]
    set_server_setting(server, "evaluation.enabled", "1", TARBES)
    first = _blocks(server, token, "tarbes/minor").json()["blocks"]
    again = _blocks(server, token, "tarbes/minor", 2).json()["blocks"]
    assert [b["block_number"] for b in first + again] == [0, 1, 2, 3, 4]
    with read_transaction(server.engine) as conn:
        seed = evaluation.get_secrets(conn).seed
    assert [b["arms"] for b in first] == [[a.value for a in allocation_block(seed, "tarbes/minor", n)] for n in range(3)]
    other = _blocks(server, token, "ariege/minor")
    assert other.status_code in (403, 409)
    set_server_setting(server, "evaluation.enabled", "1", stable_id("territory", "ariege"))
    forbidden = _blocks(server, token, "ariege/minor")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    assert _blocks(server, "not-a-token", "tarbes/minor").status_code == 401


def _publish_case_files(server, services, youth_ids) -> None:
    """Copy the desktop's case files to the server's records, as a push would."""
    case_models = [m for m in SYNCED_MODELS if issubclass(m, CaseScoped)]
    with services.ctx.read() as session, write_transaction(server.engine) as conn:
        for model in case_models:
            for row in session.scalars(select(model).where(model.case_id.in_(youth_ids))):
                core.put_as_admin(conn, model.__sync_entity__, row.id, snapshot(row))


def test_draws_made_on_a_device_are_verified_and_exported_without_identifiers(server, loaded_services, people,
                                                                           tmp_path) -> None:
    s = loaded_services
    token = enrol_device(server)
    set_server_setting(server, "evaluation.enabled", "1", TARBES)
    s.evaluation.set_enabled(territory_id=territory_id(s, "tarbes"), enabled=True, actor=people.admin)

    class HttpSource:  # the device's side of POST /v1/evaluation/blocks
        def reserve_blocks(self, *, stratum, count, new_reserve=False):
            from pac_desktop.domain.evaluation import ReservedBlock

            body = _blocks(server, token, stratum, count).json()["blocks"]
            return [ReservedBlock(b["stratum"], b["block_number"], tuple(EvaluationArm(a) for a in b["arms"]))
                    for b in body]

    s.evaluation.replenish(HttpSource())
    youths = [
        make_youth(s, first=f"Prénomtest{i}", last=f"Nomtest{i}", phone=f"06 55 00 00 {i:02d}",
                   email=f"jeune{i}@example.invalid", birth=date(2008, 1 + i % 12, 1 + i), intake_on=date(2026, 1, 9),
                   outcomes={OutcomeMilestone.MONTH_3: OutcomeSituation.JOB if i % 2 else OutcomeSituation.TRAINING})
        for i in range(12)
    ]
    for y in youths:
        s.evaluation.draw(youth_id=y, by=people.counsellor)
    _publish_case_files(server, s, youths)

    with read_transaction(server.engine) as conn:
        assert len(evaluation.recorded_draws(conn)) == 12
        assert evaluation.verify_draws_against_seed(conn) == []

    admin.create_staff(server.engine, first_name="Eva", last_name="Luatrice", organisation_code="ml-tarbes",
                       roles=[StaffRole.EVALUATOR], login="eva", password=EVALUATOR_PASSWORD)
    admin.create_staff(server.engine, first_name="Cam", last_name="Conseil", organisation_code="cio-tarbes",
                       roles=[StaffRole.COUNSELLOR], login="cam", password=EVALUATOR_PASSWORD)
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        wrong = client.post("/v1/evaluation/export", json={"login": "eva", "password": "faux-mot-de-passe"})
        assert wrong.status_code == 403 and "incorrect" in wrong.json()["message"]
        denied = client.post("/v1/evaluation/export", json={"login": "cam", "password": EVALUATOR_PASSWORD})
        assert denied.status_code == 403 and "évaluateurs" in denied.json()["message"]
        response = client.post("/v1/evaluation/export", json={"login": "eva", "password": EVALUATOR_PASSWORD})
    assert response.status_code == 200
    body = response.json()
    dataset, aggregates = body["dataset_csv"], body["aggregates_csv"]
    lines = list(csv.DictReader(io.StringIO(dataset)))
    assert len(lines) == 12 and {line["territory"] for line in lines} == {"tarbes"}
    assert {line["birth_year"] for line in lines} == {"2008"}
    assert {line["intake_on"] for line in lines} == {"2026-01-09"}
    assert {line["outcome_m3"] for line in lines} == {"job", "training"}

    # No direct identifier: names, phones, e-mails, birth dates, ids of the local database.
    with s.ctx.read() as session:
        people_rows = session.scalars(select(Youth).where(Youth.id.in_(youths))).all()
        identifiers = set()
        for y in people_rows:
            identifiers |= {y.id, y.first_name, y.last_name, y.phone, y.phone.replace(" ", ""), y.email,
                            y.birth_date.isoformat(), format_date(y.birth_date), y.birth_date.strftime("%d/%m/%Y")}
    dataset_file, aggregates_file, rows = write_export(server.engine, tmp_path / "export")
    assert rows == 12
    for document in (dataset, aggregates, dataset_file.read_text(), aggregates_file.read_text()):
        leaked = {i for i in identifiers if i and i in document}
        assert not leaked
    # 12 youths per arm and milestone are fewer than 10 in each cell: every small count is masked.
    agg = list(csv.DictReader(io.StringIO(aggregates)))
    assert agg and all(line[c] in ("0", "<10") for line in agg for c in ("job", "training", "not_recorded"))
