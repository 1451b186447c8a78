"""The shared server's tables (SYNC.md §1). One generic ``records`` table holds every synced entity's rows as
JSON, so that a new entity on the desktop needs no server migration; the scoping table lives in
:data:`pac_desktop.sync.wire.SCOPES`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSONB on PostgreSQL, JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTC_DateTime(TypeDecorator[datetime]):
    """UTC timestamps, always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncClock(Base):
    """The single row whose lock orders every write: commit order == seq order (SYNC.md §0)."""

    __tablename__ = "sync_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)


class ServerMeta(Base):
    __tablename__ = "server_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Changes when the database is restored from a backup: devices then resync and replay (SYNC.md §4).
    epoch: Mapped[str] = mapped_column(String(36), nullable=False)
    min_schema: Mapped[int] = mapped_column(Integer, nullable=False)
    current_schema: Mapped[int] = mapped_column(Integer, nullable=False)
    tombstone_horizon: Mapped[int] = mapped_column(BigInteger, nullable=False)
    #: HMAC key of the short-lived access tokens.
    token_secret: Mapped[str] = mapped_column(String(128), nullable=False)


class Record(Base):
    """The current state of one synced row (tombstones keep their data for the audit)."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_case", "case_id"),)

    entity: Mapped[str] = mapped_column(String(60), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The territory of rows scoped by territory (None for reference rows and case rows).
    territory_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False, unique=True)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    updated_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    origin_device: Mapped[str | None] = mapped_column(String(36), nullable=True)


class RecordVersion(Base):
    """Every accepted version of every row: the audit, and what the conflicts page shows as "who, when"."""

    __tablename__ = "record_versions"

    entity: Mapped[str] = mapped_column(String(60), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    op: Mapped[str] = mapped_column(String(10), nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    #: {field: [value seen by the writer (base), value written]} for each field this version changed.
    changes: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    made_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)


class CaseAccess(Base):
    """Which territories may see a youth's file."""

    __tablename__ = "case_access"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    territory_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class Feed(Base):
    """One row per (scope, record): the record's latest seq in that scope, with put, delete or evict."""

    __tablename__ = "feed"
    __table_args__ = (Index("ix_feed_scope_seq", "scope", "seq"),)

    scope: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(60), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    op: Mapped[str] = mapped_column(String(10), nullable=False)


class AppliedMutation(Base):
    """The idempotency ledger: a mutation's stored result, replayed as is when it comes again."""

    __tablename__ = "applied_mutations"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    entity: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)


class Conflict(Base):
    """A clash kept with base, mine and theirs; synced to the territory's devices like a record."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_record", "entity", "record_id"),)

    conflict_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False)
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The feed scopes it travels to (those of its record when it was made).
    scopes: Mapped[list[str]] = mapped_column(JsonType, nullable=False)
    mutation_id: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open")
    resolution_mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    previous_conflict_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    mine_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    mine_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    theirs_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    theirs_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    theirs_device: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(UTC_DateTime, nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False, unique=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class Device(Base):
    __tablename__ = "devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    organisation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    territory_ids: Mapped[list[str]] = mapped_column(JsonType, nullable=False)
    #: SHA-256 of the current refresh token, and of the previous one (kept while the current one is unused,
    #: so that a token whose answer was lost on the network can be presented again once).
    refresh_token_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    previous_token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    current_token_used: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="active")
    client_schema: Mapped[int | None] = mapped_column(Integer, nullable=True)
    app_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    last_cursor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_seen: Mapped[datetime | None] = mapped_column(UTC_DateTime, nullable=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTC_DateTime, nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class EnrolmentCode(Base):
    """A one-time code an administrator gives to a device (stored as its SHA-256 only)."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    organisation_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    territory_ids: Mapped[list[str]] = mapped_column(JsonType, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTC_DateTime, nullable=True)
    used_by_device: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The enrolment request that used it: the same request sent again (its answer was lost) gets a new
    #: token for the same device instead of a refusal.
    used_request_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class EvaluationSecret(Base):
    """The randomised evaluation's secrets (issue 7): the allocation seed and the pseudonymisation key.

    Made once by the server, never sent to a device: devices receive allocation blocks, evaluators receive
    pseudonymised exports (pac_desktop.server.evaluation).
    """

    __tablename__ = "evaluation_secret"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed_hex: Mapped[str] = mapped_column(String(64), nullable=False)
    pseudonym_key_hex: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)


class EvaluationBlock(Base):
    """The ledger of allocation blocks handed out: each block of a stratum goes to one device, once."""

    __tablename__ = "evaluation_blocks"

    stratum: Mapped[str] = mapped_column(String(80), primary_key=True)
    block_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    reserved_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    #: Set when the device renewed its reserve with this block unfinished (its upgrade to the sealed reserve):
    #: its remaining slots will never be used, and that is a notice, not an anomaly (issue 13).
    closed_at: Mapped[datetime | None] = mapped_column(UTC_DateTime, nullable=True)


class StaffKey(Base):
    """The public half of a staff member's signing key (issue 12): every change they make is signed with the
    private half, derived from their password on the device and never stored (pac_desktop.security.signing)."""

    __tablename__ = "staff_key"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    #: Raw Ed25519 public key, hexadecimal.
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTC_DateTime, nullable=True)


class RegionalRequest(Base):
    """A regional figures request answered (issue 18 §6), remembered while its signed time is within the window
    (pac_desktop.server.regional.REQUEST_WINDOW): the same signed request again is a replay, refused. Holds no
    personal data: the hash of what was signed, who signed it and from which device."""

    __tablename__ = "regional_request"

    #: SHA-256 (hexadecimal) of the signed payload: device, staff, period and the request's own time.
    request_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(36), nullable=False)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: The time the device signed (forgotten once it is older than the window: it would be refused as stale).
    requested_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False, index=True)
    received_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)


SINGLETON_ID = 1


class PullCacheMark(Base):
    """A mark each server process writes for its pull caches (server.pages): what it keeps is served only while
    its mark is in the database, so a database restored from a backup (which brings back the marks of the
    backup's time, not the latest) is never answered from pages written before (issue 16)."""

    __tablename__ = "pull_cache_mark"

    token: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The clock when the mark was written: only changes up to this seq are kept under it.
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTC_DateTime, nullable=False)
