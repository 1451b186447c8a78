"""Field values between the wire (JSON scalars, as storage.base.to_wire writes them) and the local columns."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum as PyEnum
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Boolean, Date, Enum, Integer, Table, inspect
from sqlalchemy.orm import Mapper

from pac_desktop.domain.text import normalise
from pac_desktop.storage.base import Synced, UTCDateTime
from pac_desktop.storage.models import MODELS_BY_ENTITY
from pac_desktop.storage.outbox import data_columns

from .field_rules import FIELDS, F, Kind
from .values import INT_RANGE, TEXT_LIMIT, value_problem

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
    #: The field table's rules of the entity (None: an entity the table does not know).
    rules: dict[str, F] | None = None
    #: Per field, a reader that checks and converts a plain value in one step (see :meth:`read`).
    readers: dict[str, Any] = field(default_factory=dict)
    #: The (source, search key) columns of the entity, computed once (see _KEYED).
    keyed: tuple[tuple[str, str], ...] = ()
    #: The fillers split once: plain values (copied as a dict) and the defaults called for each row.
    static_fillers: dict[str, Any] = field(default_factory=dict)
    called_fillers: tuple[tuple[str, Any], ...] = ()
    #: The plain text fields and their longest length: their usual values (ASCII) are checked inline by read().
    texts: dict[str, int] = field(default_factory=dict)

    def read(self, data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        """A pulled row's values checked against the field table and turned into column values, in one pass:
        ``(values, None)``, or ``({}, reason)`` when the row cannot be stored as it is (it is then set aside).

        The same answer as ``values.row_problem`` followed by :meth:`decode` (a value that breaks a rule is
        reported before a value that cannot be read), without parsing each value twice: the usual values go
        through the field's reader; anything else through those two functions."""
        if self.rules is None:
            return {}, "type de donnée inconnu de cette version"
        out: dict[str, Any] = {}
        unreadable: str | None = None
        readers = self.readers
        texts = self.texts
        for key, value in data.items():
            if value.__class__ is str:  # the text reader's usual case, without a call
                limit = texts.get(key)
                if limit is not None and len(value) <= limit and value.isascii() and "\x00" not in value:
                    out[key] = value
                    continue
            reader = readers.get(key)
            if reader is not None:
                converted = reader(value)
                if converted is not _SLOW:
                    out[key] = converted
                    continue
            rule = self.rules.get(key)
            if rule is not None:
                problem = value_problem(rule, value)
                if problem is not None:
                    return {}, f"champ « {key} », {problem}"
            if key not in self.fields or unreadable is not None:
                continue
            try:
                out[key] = self.converters[key](value)
            except (ValueError, TypeError):
                unreadable = f"champ « {key} », valeur illisible"
        if unreadable is not None:
            return {}, unreadable
        for source, key in self.keyed:
            if source in out:
                out[key] = _search_key(out[source] or "")
        return out, None

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
        for source, key in self.keyed:
            if source in out:
                out[key] = _search_key(out[source] or "")
        return out

    def filler_values(self) -> dict[str, Any]:
        values = self.static_fillers.copy()
        for key, make in self.called_fillers:
            values[key] = make()
        return values


#: normalise() of the names and towns of pulled rows, once per distinct text (towns and first names repeat).
_search_key = lru_cache(maxsize=8192)(normalise)


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


#: A reader's answer for a value it does not vouch for: the full check and conversion decide.
_SLOW: Any = object()
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=1 << 16)
def _day_of(value: str) -> Any:
    """A plain date's text → the date, or ``_SLOW``; once per distinct text (birth dates and days repeat)."""
    if len(value) == 10 and _DATE_TEXT.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return _SLOW
    return _SLOW


def _is_clean_text(value: str) -> bool:
    """values.is_valid_text, quickly for ASCII: no NUL, no lone surrogate."""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reader(rule: F, converter: Any) -> Callable[[Any], Any] | None:
    """A reader for one field: the converted value when ``value_problem`` would accept the value and the
    converter read it, else ``_SLOW``. None for a field whose column the rule does not describe plainly."""
    null = rule.null
    kind = rule.kind
    if kind is Kind.TEXT and converter is _identity:
        limit = rule.max_length or TEXT_LIMIT

        def text(value: Any) -> Any:
            if value.__class__ is str and len(value) <= limit:
                # _is_clean_text inline for the usual ASCII text
                if value.isascii() and "\x00" not in value:
                    return value
                return value if _is_clean_text(value) else _SLOW
            return None if value is None and null else _SLOW

        return text
    if kind is Kind.ENUM:
        members: dict[str, Any] = {}
        for choice in rule.choices:
            try:
                members[choice] = converter(choice)
            except (ValueError, TypeError):
                continue

        def choice(value: Any) -> Any:
            if value.__class__ is str and value in members:
                return members[value]
            return None if value is None and null else _SLOW

        return choice
    if kind is Kind.DATE and converter is _date:

        def day(value: Any) -> Any:
            if value.__class__ is str:
                return _day_of(value)
            return None if value is None and null else _SLOW

        return day
    if kind is Kind.DATETIME and converter is _datetime:

        def moment(value: Any) -> Any:
            if value.__class__ is str and len(value) <= 40 and value.isascii() and "\x00" not in value:
                try:
                    parsed = datetime.fromisoformat(value)
                except ValueError:
                    return _SLOW
                return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
            return None if value is None and null else _SLOW

        return moment
    if kind is Kind.BOOL and converter is _bool:

        def flag(value: Any) -> Any:
            if value is True or value is False:
                return value
            return None if value is None and null else _SLOW

        return flag
    if kind is Kind.INT and converter is _int:
        low, high = INT_RANGE

        def number(value: Any) -> Any:
            if value.__class__ is int and low <= value <= high:
                return value
            return None if value is None and null else _SLOW

        return number
    return None


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
    rules = FIELDS.get(entity)
    readers: dict[str, Any] = {}
    for key, rule in (rules or {}).items():
        reader = _reader(rule, converters[key]) if key in fields and key in converters else None
        if reader is not None:
            readers[key] = reader
    keyed = tuple((source, f"{source}_key") for source in _KEYED if f"{source}_key" in fields)
    static = {k: v for k, v in fillers.items() if not callable(v)}
    called = tuple((k, v) for k, v in fillers.items() if callable(v))
    texts = {key: rule.max_length or TEXT_LIMIT for key, rule in (rules or {}).items()
             if rule.kind is Kind.TEXT and key in readers and converters.get(key) is _identity}
    return EntityCodec(entity, model, mapper.local_table, fields, converters, fillers, rules, readers, keyed,
                       static, called, texts)
