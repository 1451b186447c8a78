"""Timestamps stored as integers (issue 16: store size) — MIGRATION NUMBER TO BE CONFIRMED by the coordinator

Every timestamp of the local store (storage.base.UTCDateTime) becomes its microseconds since 1970 UTC: 8 bytes
instead of the 26 characters of "YYYY-MM-DD HH:MM:SS.ffffff", same precision, same order; the declared type stays
DATETIME. 7.7 → 7.0 kB a youth on the bench store of 10,000 youths. Same table copy as 0022
(storage.table_rebuild).

Revision ID: 0023
Revises: 0022
"""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from alembic import op

from pac_desktop.storage.base import timestamp_from_store, timestamp_to_store
from pac_desktop.storage.table_rebuild import rebuild_tables

revision: str = "0023"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SYNCED = ("updated_at", "deleted_at")
#: The timestamp columns of each table at this revision (the UTCDateTime columns of storage.models).
TIMESTAMPS: dict[str, tuple[str, ...]] = {
    "acked_archive": ("acked_at",),
    "analysis_note": (*_SYNCED, "written_at"),
    "audit_event": (*_SYNCED, "at"),
    "case_review": _SYNCED,
    "case_review_participant": _SYNCED,
    "case_review_youth": _SYNCED,
    "committee_meeting": _SYNCED,
    "consent": (*_SYNCED, "recorded_at"),
    "contact_attempt": (*_SYNCED, "attempted_at"),
    "contact_summary": ("attempted_at",),
    "credential": _SYNCED,
    "data_rights_request": _SYNCED,
    "dead_letter": ("created_at", "parked_at", "dismissed_at"),
    "evaluation_assignment": (*_SYNCED, "drawn_at"),
    "evaluation_slot": ("reserved_at",),
    "follow_up_event": _SYNCED,
    "guardian": _SYNCED,
    "identity_change": (*_SYNCED, "changed_at"),
    "intake_amendment": (*_SYNCED, "amended_at"),
    "intake_barrier": _SYNCED,
    "intake_invitation": (*_SYNCED, "invited_at"),
    "intake_participant": _SYNCED,
    "intake_session": (*_SYNCED, "starts_at"),
    "intake_session_counsellor": _SYNCED,
    "intake_validation": (*_SYNCED, "validated_at"),
    "joint_intake": (*_SYNCED, "planned_at", "next_appointment_at", "validated_at"),
    "organisation": _SYNCED,
    "outbox": ("created_at",),
    "outcome": _SYNCED,
    "programme_setting": _SYNCED,
    "proposed_solution": _SYNCED,
    "referent_assignment": _SYNCED,
    "referral": _SYNCED,
    "reminder_failure": ("first_failed_at", "failed_at"),
    "service_offer": _SYNCED,
    "staff": _SYNCED,
    "staff_pin": ("locked_at", "set_at"),
    "staff_role": _SYNCED,
    "sync_conflict": ("created_at", "resolved_at"),
    "sync_device": ("enrolled_at", "last_attempt_at"),
    "sync_quarantine": ("quarantined_at",),
    "sync_state": ("last_ok_at",),
    "territory": _SYNCED,
    "territory_required_role": _SYNCED,
    "training_obligation": (*_SYNCED, "recorded_at"),
    "youth": (*_SYNCED, "created_at", "contact_opt_out_at"),
}

_FUNCTION = "pac_0023_convert"


def _time_to_integer(value: Any) -> Any:
    """SQLAlchemy's text of a naive UTC timestamp ("2026-03-02 09:30:00.000000") as microseconds since 1970."""
    if not isinstance(value, str):
        return value
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value  # not a timestamp: kept as it is
    return timestamp_to_store(parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed)


def _time_to_text(value: Any) -> Any:
    """Back to the text SQLAlchemy's SQLite DATETIME writes (the downgrade)."""
    if not isinstance(value, int):
        return value
    return timestamp_from_store(value).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def upgrade() -> None:
    _rebuild(_time_to_integer)


def downgrade() -> None:
    _rebuild(_time_to_text)


def _rebuild(convert: Callable[[Any], Any]) -> None:
    plan = {table: dict.fromkeys(columns, _FUNCTION) for table, columns in TIMESTAMPS.items()}
    rebuild_tables(op.get_bind(), plan, {_FUNCTION: convert})
