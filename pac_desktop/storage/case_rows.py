"""The rows of a youth's case file, table by table, found through the indexes the tables already have.

``case_id`` has no index (migration 0024, issue 16: store size): on every case table it repeats a reference that
is indexed anyway, because rows are looked up by it or because deleting its target makes SQLite look them up —

- the youth row: ``case_id`` is its ``id`` (the primary key);
- a row with a ``youth_id``: ``case_id`` is that youth (every writer sets both from the same youth);
- an intake's row (participant, note, barrier, validation, amendment): ``case_id`` is its intake's case.

:func:`of_case` and :func:`of_cases` say it for each table, and still test ``case_id`` itself, so that they never
take a row of another case: a purge, an eviction, a subject access request or a consent's hold reads exactly the
rows whose ``case_id`` is the case, each found by an index lookup (tests/storage/test_case_rows.py checks every
case table's plan: no full scan).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, and_, select
from sqlalchemy.sql.elements import ColumnElement

from .id_lists import among


def _table(model_or_table: Any) -> Table:
    return model_or_table if isinstance(model_or_table, Table) else model_or_table.__table__


def _intakes() -> Table:
    from .models import JointIntake

    return JointIntake.__table__


def of_case(model_or_table: Any, case_id: str) -> ColumnElement[bool]:
    """The rows of ``case_id`` in a case table (a model or its table)."""
    t = _table(model_or_table)
    return _condition(t, lambda column: column == case_id)


def of_cases(model_or_table: Any, name: str = "ids") -> ColumnElement[bool]:
    """The rows of the cases bound as ``name``, a JSON list of ids (:func:`pac_desktop.storage.id_lists.id_list`)."""
    t = _table(model_or_table)
    return _condition(t, lambda column: among(column, name))


def _condition(t: Table, matches: Any) -> ColumnElement[bool]:
    own = matches(t.c.case_id)
    if t.name == "youth":
        return and_(matches(t.c.id), own)
    if "youth_id" in t.c and not t.c.youth_id.nullable:
        return and_(matches(t.c.youth_id), own)
    if "intake_id" in t.c and not t.c.intake_id.nullable:
        intakes = _intakes()
        return and_(t.c.intake_id.in_(select(intakes.c.id).where(matches(intakes.c.youth_id))), own)
    return own  # a table none of the above fits: found by a scan (the test says which)
