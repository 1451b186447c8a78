"""storage.case_rows: the rows of a case, on every case table, found by an index (no case_id index since migration
0024) — exactly the rows whose case_id is the case."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pac_desktop.demo import DemoDataService
from pac_desktop.services.registry import Services
from pac_desktop.storage.base import CaseScoped
from pac_desktop.storage.case_rows import of_case, of_cases
from pac_desktop.storage.id_lists import id_list
from pac_desktop.storage.models import SYNCED_MODELS, Youth

TODAY = date(2026, 3, 12)
CASE_MODELS = sorted((m for m in SYNCED_MODELS if issubclass(m, CaseScoped)), key=lambda m: m.__tablename__)
A_CASE = "0b9e6f2a-5c1d-4e8f-9a7b-3c2d1e0f4a5b"


def _plan(store, stmt, params: dict | None = None) -> list[str]:  # noqa: ANN001
    """SQLite's plan of ``stmt`` with its parameters in their stored form (CompactId: 16 bytes)."""
    compiled = stmt.compile(store.engine)
    values = compiled.construct_params(params)
    processors = compiled._bind_processors
    bound = tuple(processors[k](values[k]) if k in processors else values[k] for k in compiled.positiontup)
    with store.engine.connect() as conn:
        return [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), bound)]


@pytest.mark.parametrize("model", CASE_MODELS, ids=lambda m: m.__tablename__)
def test_every_case_table_finds_a_cases_rows_by_an_index(store, model):
    table = model.__table__
    for stmt, params in ((select(table.c.id).where(of_case(table, A_CASE)), None),
                         (select(table.c.id).where(of_cases(table)), {"ids": id_list([A_CASE, A_CASE])})):
        plan = _plan(store, stmt, params)
        assert not [line for line in plan if line.startswith(("SCAN", "SCAN TABLE")) and "json_each" not in line
                    and "CONSTANT ROW" not in line], (model.__tablename__, plan)
        assert any(line.startswith("SEARCH") and model.__tablename__ in line for line in plan), plan


def test_the_rows_found_are_exactly_those_of_the_case(store):
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    DemoDataService(services.ctx).generate(youths=30, seed=4)
    with store.read_session_factory() as s:
        youths = list(s.scalars(select(Youth.id).order_by(Youth.id)))
        assert len(youths) == 30
        seen = 0
        for model in CASE_MODELS:
            table = model.__table__
            for case in youths[:6]:
                expected = set(s.scalars(select(table.c.id).where(table.c.case_id == case)))
                assert set(s.scalars(select(table.c.id).where(of_case(table, case)))) == expected, model
                seen += len(expected)
            wanted = youths[6:12]
            expected = set(s.scalars(select(table.c.id).where(table.c.case_id.in_(wanted))))
            found = set(s.scalars(select(table.c.id).where(of_cases(table)), {"ids": id_list(wanted)}))
            assert found == expected, model
        assert seen > 40
