"""Declarative base and the columns every synced row carries (DESIGN §3, SYNC.md §2)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any, ClassVar

from sqlalchemy import DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints keep Alembic's batch migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A client-made primary key: rows are created offline, so ids never come from the server."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def timestamp_to_store(value: datetime) -> int:
    """The stored form of an aware timestamp: whole microseconds since 1970-01-01 UTC (exact, no float)."""
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def timestamp_from_store(value: Any) -> datetime | None:
    """The aware UTC timestamp of a stored value (an integer; text as stores kept it before migration 0022)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, int):
        return _EPOCH + timedelta(microseconds=value)
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite keeps no zone).

    Stored as an integer of microseconds since 1970 UTC (issue 16 §6, migration 0022): 8 bytes where the text
    "YYYY-MM-DD HH:MM:SS.ffffff" took 26, same precision, same order. The declared type stays DATETIME."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timestamps in UTC")
        return timestamp_to_store(value)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        return timestamp_from_store(value)

    # Not the impl's processors (DateTime's formats and parses text): the integer goes to the driver as it is.
    def bind_processor(self, dialect: Any) -> Any:
        process = self.process_bind_param
        return lambda value: process(value, dialect)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        return timestamp_from_store

    def literal_processor(self, dialect: Any) -> Any:
        def process(value: Any) -> str:
            stored = self.process_bind_param(value, dialect)
            return "NULL" if stored is None else str(stored)

        return process


#: A UUID as :func:`new_id` writes it: the only text a :class:`CompactId` column stores as 16 bytes.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def id_to_store(value: Any) -> Any:
    """The stored form of an id: a canonical UUID as its 16 bytes, any other value (a slug, "", None) as is.

    One value always gives the same stored form, so equality in SQL is equality in Python. Raw SQL that binds an
    id (or a list of ids) must pass it through here, and :func:`id_from_store` on what it reads back."""
    if isinstance(value, str) and len(value) == 36 and _CANONICAL_UUID.fullmatch(value):
        return bytes.fromhex(value.replace("-", ""))
    return value


def id_from_store(value: Any) -> Any:
    """The id as Python sees it again: the canonical text of a stored UUID (any other value as stored)."""
    if isinstance(value, bytes) and len(value) == 16:
        h = value.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return value


class CompactId(TypeDecorator[str]):
    """A UUID key or reference in the local store (issue 16 §6, migration 0022): stored as a 16-byte blob where
    36 characters of text took 37 bytes (in the table and again in every index), read back as the same text.

    The declared type stays VARCHAR(36) (SQLite keeps a blob as a blob in a text column, no table rebuild needed);
    the wire and the server keep text UUIDs. Sorting is unchanged: the bytes of canonical UUIDs sort as their
    lowercase hex text does."""

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return id_to_store(value)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return id_from_store(value)

    def literal_processor(self, dialect: Any) -> Any:
        text = String(36).literal_processor(dialect)

        def process(value: Any) -> str:
            stored = id_to_store(value)
            return f"X'{stored.hex()}'" if isinstance(stored, bytes) else text(stored)

        return process


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of every row that travels to the shared server.

    ``version`` and ``seq`` are the server's: 0 and NULL until the server has acknowledged the row
    (SYNC.md §3); local edits leave them alone and record ``version`` as the outbox's base_version.
    Writing through a session made by :func:`pac_desktop.storage.store.session_factory` appends the
    outbox entry; see :mod:`pac_desktop.storage.outbox`.
    """

    #: Entity name on the wire (SYNC.md "entity"); the table name unless a class says otherwise.
    __sync_entity__: ClassVar[str]
    #: Fields that must be compared together by the server's CAS (SYNC.md §3 "merge group").
    __merge_groups__: ClassVar[tuple[tuple[str, ...], ...]] = ()

    id: Mapped[str] = mapped_column(CompactId, primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_by: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    # ``origin_device`` (the device a change came from) is kept only where this device reads it: the consent
    # (pac_desktop.sync.consent_hold, :class:`~pac_desktop.storage.models.IntakeConsent`). The server keeps it
    # on every record; here it took 17 bytes on every row for nothing (migration 0024, issue 16).
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    # Columns that describe the sync itself and never travel as "fields".
    SYNC_META_COLUMNS: ClassVar[frozenset[str]] = frozenset(
        {"id", "version", "seq", "updated_at", "updated_by", "origin_device", "deleted_at"}
    )


class CaseScoped(Synced):
    """A synced row that belongs to one youth's case file (the server scopes access by case).

    ``case_id`` has no index of its own (migration 0024, issue 16): it is the row's ``youth_id`` (the youth's ``id``
    on the youth row; the intake's case on an intake's rows), whose indexes find the rows of a case. Queries by
    case go through :func:`pac_desktop.storage.case_rows.of_case`, which says how for each table."""

    case_id: Mapped[str] = mapped_column(CompactId, nullable=False)


def to_wire(value: Any) -> Any:
    """A column value as JSON for the outbox and the wire."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
