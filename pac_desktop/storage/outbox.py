"""The one mechanism that records every local change of a synced row in the outbox (SYNC.md §2).

A ``before_flush`` listener on :class:`LocalSession` looks at every new, changed or tombstoned synced
row and adds the matching outbox entry to the same flush, hence to the same SQLite transaction: a row
change without its outbox entry (or the reverse) cannot be committed. Services never write the outbox
themselves, so none can forget to.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, object_mapper
from sqlalchemy.orm.attributes import get_history

from pac_desktop.domain.authorship import signed_payload

from .base import CaseScoped, Synced, new_id, to_wire, utcnow
from .models import AuditEvent, OutboxEntry

#: The local schema version stamped on outbox entries (SYNC.md §6); bump with a migration that adds synced fields.
SCHEMA_VERSION = 1

#: session.info keys
APPLYING_REMOTE = "applying_remote"  # set by the sync engine while it writes pulled rows: no outbox
ACTOR = "actor_staff_id"
DEVICE = "device_id"
#: A callable (staff id, payload bytes) → (key id, base64 signature), or None when that author's key is not held:
#: the signed-in session's keys (pac_desktop.security.signing.SigningKeys.sign, set by the services).
SIGNER = "signer"

Signer = Callable[[str, bytes], "tuple[str, str] | None"]


class SyncedRowDeleted(RuntimeError):
    """A synced row was deleted with session.delete(): synced rows are tombstoned, never removed locally."""


class LocalSession(Session):
    """The session class of the local store: every flush feeds the outbox."""


_COLUMNS_CACHE: dict[type, list[str]] = {}


def data_columns(model: type[Synced]) -> list[str]:
    """The columns of a synced model that travel as fields (everything but the sync bookkeeping)."""
    return [c.key for c in inspect(model).column_attrs if c.key not in Synced.SYNC_META_COLUMNS]


def _columns(model: type[Synced]) -> list[str]:
    cols = _COLUMNS_CACHE.get(model)
    if cols is None:
        cols = _COLUMNS_CACHE[model] = data_columns(model)
    return cols


def snapshot(row: Synced) -> dict[str, Any]:
    """The row's current field values, as they travel on the wire."""
    return {key: to_wire(getattr(row, key)) for key in _columns(type(row))}


def _case_id(row: Synced) -> str | None:
    return row.case_id if isinstance(row, CaseScoped) else None


def _entry(session: Session, row: Synced, op: str, fields: dict[str, Any], base: dict[str, Any]) -> OutboxEntry:
    entry = OutboxEntry(
        made_by=session.info.get(ACTOR),
        entity=row.__sync_entity__,
        row_id=row.id,
        case_id=_case_id(row),
        op=op,
        fields=json.dumps(fields, ensure_ascii=False, sort_keys=True),
        base=json.dumps(base, ensure_ascii=False, sort_keys=True),
        base_version=row.version or 0,
        schema_version=SCHEMA_VERSION,
    )
    sign_entry(session.info.get(SIGNER), entry)
    return entry


def sign_entry(signer: Signer | None, entry: OutboxEntry) -> None:
    """Sign an outbox entry with its author's key, when the session holds it (issue 12). The mutation id and
    the time are fixed here, for they are part of what is signed."""
    if entry.mutation_id is None:
        entry.mutation_id = new_id()
    if entry.created_at is None:
        entry.created_at = utcnow()
    if signer is None or not entry.made_by:
        return
    payload = signed_payload(
        mutation_id=entry.mutation_id, entity=entry.entity, row_id=entry.row_id, case_id=entry.case_id,
        op=entry.op, fields=json.loads(entry.fields), base=json.loads(entry.base), base_version=entry.base_version,
        conflict_id=entry.conflict_id, made_by=entry.made_by, made_at=entry.created_at.isoformat(),
    )
    signed = signer(entry.made_by, payload)
    entry.key_id, entry.signature = signed if signed is not None else (None, None)


def _old_values(session: Session, row: Synced, keys: list[str]) -> dict[str, Any]:
    """The values the row had before this flush, for ``keys``.

    Attribute history holds them when the row was loaded in this session (the services' normal path);
    otherwise they are read back from the database, still inside the same transaction.
    """
    old: dict[str, Any] = {}
    missing: list[str] = []
    for key in keys:
        hist = get_history(row, key)
        if hist.deleted:
            old[key] = to_wire(hist.deleted[0])
        elif hist.unchanged:
            old[key] = to_wire(hist.unchanged[0])
        else:
            missing.append(key)
    if missing:
        table = object_mapper(row).local_table
        stmt = select(*(table.c[k] for k in missing)).where(table.c.id == row.id)
        with session.no_autoflush:
            db_row = session.connection().execute(stmt).first()
        for key in missing:
            old[key] = to_wire(db_row._mapping[table.c[key]]) if db_row is not None else None
    return old


def _changed_keys(row: Synced) -> list[str]:
    return [key for key in _columns(type(row)) if get_history(row, key).has_changes()]


def _apply_defaults(row: Synced) -> None:
    """Fill Python-side column defaults now, so the outbox carries the values the database will hold."""
    for column in inspect(type(row)).columns:
        default = column.default
        if default is None or getattr(row, column.key, None) is not None:
            continue
        if default.is_scalar:
            setattr(row, column.key, default.arg)
        elif default.is_callable:
            setattr(row, column.key, default.arg(None))


def _stamp(session: Session, row: Synced) -> None:
    row.updated_at = utcnow()
    if session.info.get(ACTOR):
        row.updated_by = session.info[ACTOR]
    if session.info.get(DEVICE) and hasattr(row, "origin_device"):  # the consent only (migration 0024)
        row.origin_device = session.info[DEVICE]


@event.listens_for(LocalSession, "before_flush")
def _record_changes(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get(APPLYING_REMOTE):
        return
    for row in list(session.deleted):
        if isinstance(row, Synced):
            raise SyncedRowDeleted(f"{type(row).__name__} rows are tombstoned (deleted_at), never deleted")
    for row in list(session.new):
        if isinstance(row, Synced):
            _apply_defaults(row)
            _stamp(session, row)
            session.add(_entry(session, row, "create", snapshot(row), {}))
    for row in list(session.dirty):
        if not isinstance(row, Synced) or not session.is_modified(row, include_collections=False):
            continue
        if isinstance(row, AuditEvent):
            raise SyncedRowDeleted("the audit trail is append-only")
        tombstoning = get_history(row, "deleted_at")
        if tombstoning.has_changes():
            if row.deleted_at is None:
                raise ValueError("a tombstone cannot be lifted; create a new row instead")
            # Delete is a CAS on everything the deleter saw (SYNC.md §3): the base is the full snapshot.
            base = _old_values(session, row, _columns(type(row)))
            _stamp(session, row)
            session.add(_entry(session, row, "delete", {}, base))
            continue
        changed = _changed_keys(row)
        if not changed:
            continue
        # The base covers every field of each touched merge group, so the server compares them together.
        base_keys = list(changed)
        for group in type(row).__merge_groups__:
            if any(key in group for key in changed):
                base_keys += [key for key in group if key not in base_keys]
        base = _old_values(session, row, base_keys)
        fields = {key: to_wire(getattr(row, key)) for key in changed}
        _stamp(session, row)
        session.add(_entry(session, row, "update", fields, base))


def resend(session: Session, row: Synced, *, op: str = "create", fields: dict[str, Any] | None = None,
           base: dict[str, Any] | None = None) -> OutboxEntry:
    """An outbox entry that sends a row again as it is here, without changing it (by default its whole snapshot,
    as a create): content shared again after a consent given anew (pac_desktop.sync.consent_hold). Made and
    signed like any change of the unit of work's actor."""
    entry = _entry(session, row, op, snapshot(row) if fields is None else fields, base or {})
    session.add(entry)
    return entry


def tombstone(row: Synced) -> None:
    """Mark a synced row deleted; the flush records the delete in the outbox."""
    if row.deleted_at is None:
        row.deleted_at = utcnow()
