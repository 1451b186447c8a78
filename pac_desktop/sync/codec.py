"""Field values between the wire (JSON scalars, as storage.base.to_wire writes them) and the local columns."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum as PyEnum
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Enum, Integer, Table, inspect
from sqlalchemy.orm import Mapper

from pac_desktop.domain.text import normalise
from pac_desktop.storage.base import Synced, UTCDateTime
from pac_desktop.storage.models import MODELS_BY_ENTITY
from pac_desktop.storage.outbox import data_columns

log = logging.getLogger(__name__)

#: Columns that have a normalised search key beside them (storage.models.Youth).
_KEYED = ("first_name", "last_name", "town")


class Unreadable(ValueError):
    """A pulled value this version cannot turn into its column's type (the message names the field only)."""


@dataclass(frozen=True)
class EntityCodec:
    """How one entity's fields are read from the wire and written to its local table."""

    entity: str
    model: type[Synced]
    table: Table
    fields: frozenset[str]
    converters: dict[str, Any]
    #: Values for columns a pulled row does not carry: the model's defaults, else a neutral value.
    fillers: dict[str, Any]

    def decode(self, data: dict[str, Any]) -> dict[str, Any]:
        """Wire fields → column values; unknown fields (a newer schema) are left out. A value that cannot be read
        raises :class:`Unreadable` (naming the field, never the value): the caller sets the row aside rather
        than store half of it (issue 12)."""
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key not in self.fields:
                continue
            try:
                out[key] = self.converters[key](value)
            except (ValueError, TypeError):
                raise Unreadable(f"champ « {key} », valeur illisible") from None
        # A search key follows its source here as in the model's validator: a row written by an older version
        # (another normalisation) is keyed as this device searches (issue 11).
        for source in _KEYED:
            if source in out and f"{source}_key" in self.fields:
                out[f"{source}_key"] = normalise(out[source] or "")
        return out

    def filler_values(self) -> dict[str, Any]:
        return {k: (v() if callable(v) else v) for k, v in self.fillers.items()}


def _identity(value: Any) -> Any:
    return value


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _enum(enum_cls: type[PyEnum]):  # noqa: ANN202
    def convert(value: Any) -> PyEnum | None:
        return None if value is None else enum_cls(value)

    return convert


def _neutral(column: Any) -> Any:
    """A value for a NOT NULL column without default that a pulled row lacks (a newer or older schema)."""
    t = column.type
    if isinstance(t, Enum) and t.enum_class is not None:
        return next(iter(t.enum_class))
    if isinstance(t, Boolean):
        return False
    if isinstance(t, Integer):
        return 0
    if isinstance(t, UTCDateTime):
        return datetime(1970, 1, 1, tzinfo=UTC)
    if isinstance(t, Date):
        return date(1970, 1, 1)
    return ""


@cache
def codec_for(entity: str) -> EntityCodec | None:
    model = MODELS_BY_ENTITY.get(entity)
    if model is None:
        return None
    mapper: Mapper = inspect(model)
    fields = frozenset(data_columns(model))
    converters: dict[str, Any] = {}
    fillers: dict[str, Any] = {}
    for column in mapper.columns:
        key = column.key
        t = column.type
        if isinstance(t, Enum) and t.enum_class is not None:
            converters[key] = _enum(t.enum_class)
        elif isinstance(t, UTCDateTime):
            converters[key] = _datetime
        elif isinstance(t, Date):
            converters[key] = _date
        elif isinstance(t, Boolean):
            converters[key] = _bool
        elif isinstance(t, Integer):
            converters[key] = _int
        else:
            converters[key] = _identity
        if key not in fields:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            fillers[key] = default.arg
        elif default is not None and default.is_callable:
            fillers[key] = lambda d=default: d.arg(None)
        elif not column.nullable:
            fillers[key] = _neutral(column)
        else:
            fillers[key] = None
    return EntityCodec(entity, model, mapper.local_table, fields, converters, fillers)
