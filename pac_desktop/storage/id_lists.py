"""Many ids as ONE parameter of a statement: ``column IN (SELECT value FROM json_each(:ids))``.

An expanding ``IN`` renders one placeholder per id, so SQLAlchemy renders the statement again for every list (a
few milliseconds for a pulled page's 2,000 ids, for each such statement of each page, issue 16). A JSON array
bound as one text keeps one compiled statement, needs no chunking under SQLite's limit of variables, and SQLite
still looks each id up in the column's index (EXPLAIN: ``SEARCH … USING INDEX``, ``LIST SUBQUERY``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, func, literal_column, select
from sqlalchemy.sql.elements import ColumnElement

from .base import CompactId


def among(column: Any, name: str = "ids") -> ColumnElement[bool]:
    """``column`` is one of the ids bound as ``name`` (give them with :func:`id_list`)."""
    value: Any = literal_column("value")
    if isinstance(column.type, CompactId):
        # JSON holds text: each id is put in its stored form (16 bytes) by the store's SQL function (storage.store).
        value = func.pac_id(value)
    return column.in_(select(value).select_from(func.json_each(bindparam(name))))


def id_list(ids: Iterable[str]) -> str:
    """The parameter of :func:`among`."""
    return json.dumps(list(ids))
