"""Blanking the content of deleted rows that nothing needs any more (data protection).

A synced row is deleted by a tombstone (``deleted_at`` set) so that the deletion travels; the tombstone itself
needs its id, its keys and its sync bookkeeping, never its text. Once no change of it waits in the outbox (nor
among the parked changes a counsellor may send again), :func:`scrub_tombstones` empties the rest: nullable
columns to NULL, required text to '', required booleans to false, required dates to 1970-01-01. Categories
(required enums), counts and timestamps are left as they are (no one's words, and the schema requires them);
so are the columns of a unique constraint. The search keys (``first_name_key``…) are text: a deleted youth is
no longer found by name.

Run by the sync after a pulled page's deletions and after a push whose deletions the server acknowledged (same
transaction), and once over a whole store (:data:`SCRUB_DONE_KEY`). A later pull of the same row (a record
brought back) rewrites every field from the server's copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Enum, Table, UniqueConstraint, select, update
from sqlalchemy.engine import Connection

from .base import Synced
from .id_lists import among, id_list
from .models import MODELS_BY_ENTITY, DeadLetter, OutboxEntry

#: Reference data whose tombstones live rows may still name (an author, a partner, a territory): kept whole.
#: The audit trail is append-only and never tombstoned.
KEPT_ENTITIES = frozenset({
    "territory", "territory_required_role", "organisation", "staff", "staff_role", "service_offer",
    "programme_setting", "audit_event",
})
#: Reference-like columns without a foreign key, kept as they are.
KEPT_COLUMNS = frozenset({"case_id", "youth_id", "intake_id", "review_id", "session_id", "appointment_id"})
#: Set in local_setting once every tombstone already in the store has been blanked (stores older than this step).
SCRUB_DONE_KEY = "tombstones_scrubbed"
EPOCH_DAY = date(1970, 1, 1)


@cache
def blank_values(entity: str) -> dict[str, Any]:
    """The values that blank a tombstone of ``entity`` (empty for an entity kept whole)."""
    if entity in KEPT_ENTITIES:
        return {}
    table: Table = MODELS_BY_ENTITY[entity].__table__
    unique = {c.name for k in table.constraints if isinstance(k, UniqueConstraint) for c in k.columns}
    unique |= {c.name for i in table.indexes if i.unique for c in i.columns}
    blank: dict[str, Any] = {}
    for column in table.columns:
        name = column.name
        if (name in Synced.SYNC_META_COLUMNS or name in KEPT_COLUMNS or column.foreign_keys or column.primary_key
                or name in unique or column.unique):
            continue
        t = column.type
        if column.nullable:
            blank[name] = None
        elif isinstance(t, Enum):
            continue  # a category the schema requires
        elif isinstance(t, Boolean):
            blank[name] = False
        elif isinstance(t, Date):
            blank[name] = EPOCH_DAY
        elif t.python_type is str:
            blank[name] = ""
    return blank


def scrub_tombstones(conn: Connection, entity: str | None = None, ids: Iterable[str] | None = None) -> int:
    """Blank the content of the tombstoned rows of ``entity`` (every synced table when None), only ``ids`` when
    given, that no outbox entry nor parked change still needs. Returns how many rows were blanked."""
    entities = [entity] if entity is not None else sorted(MODELS_BY_ENTITY)
    wanted = sorted(set(ids)) if ids is not None else None
    if wanted is not None and not wanted:
        return 0
    outbox = OutboxEntry.__table__
    parked = DeadLetter.__table__
    count = 0
    for name in entities:
        blank = blank_values(name)
        if not blank:
            continue
        table = MODELS_BY_ENTITY[name].__table__
        waiting = select(outbox.c.row_id).where(outbox.c.entity == name)
        kept = select(parked.c.row_id).where(parked.c.entity == name, parked.c.dismissed_at.is_(None))
        base = update(table).where(table.c.deleted_at.is_not(None), table.c.id.not_in(waiting),
                                   table.c.id.not_in(kept)).values(blank)
        if wanted is None:
            count += conn.execute(base).rowcount or 0
            continue
        count += conn.execute(base.where(among(table.c.id)), {"ids": id_list(wanted)}).rowcount or 0
    return count
