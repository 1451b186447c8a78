"""UUID keys and references stored as 16 bytes instead of 36 characters of text (issue 16: store size)

Every id, reference and other UUID column of the local store (storage.base.CompactId) keeps a canonical UUID as
its 16 bytes; any other value (a slug, "", NULL) stays as it was. UUID text was 46.5 of the 77.5 MB of tables of
the bench store of 10,000 youths, and every index entry repeats one or two of them. The declared types do not
change (VARCHAR(36): SQLite keeps a blob as a blob there); the wire, the outbox's JSON and the server keep text.

Each table is copied once, converted on the way, into a new table of the same definition (its rowids kept: the
case file lists rows in the order they were written), then its indexes are built again from their definitions
(sorted, so packed) and the triggers put back; WITHOUT ROWID tables stay so. storage.migrate runs migrations with
foreign keys off (the 12-step table change of SQLite's documentation) and gives the freed pages back afterwards.

Revision ID: 0022
Revises: 0021
"""

import re
from collections.abc import Callable, Sequence
from typing import Any

from alembic import op

from pac_desktop.storage.base import id_from_store, id_to_store

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_META = ("id", "updated_by", "origin_device")
_CASE = (*_META, "case_id")
#: The UUID columns of each table at this revision (the CompactId columns of storage.models).
COLUMNS: dict[str, tuple[str, ...]] = {
    "acked_archive": ("mutation_id",),
    "analysis_note": (*_CASE, "intake_id", "author_staff_id"),
    "audit_event": (*_META, "staff_id", "entity_id", "youth_id", "territory_id"),
    "case_review": (*_META, "territory_id", "organiser_id"),
    "case_review_participant": (*_META, "review_id", "staff_id", "organisation_id"),
    "case_review_youth": (*_CASE, "review_id", "youth_id"),
    "committee_meeting": (*_META, "territory_id"),
    "consent": (*_CASE, "youth_id", "intake_id", "collected_by", "recorded_by"),
    "contact_attempt": (*_CASE, "youth_id", "staff_id", "partner_organisation_id", "appointment_id"),
    "contact_summary": ("youth_id", "attempt_id"),
    "credential": (*_META, "staff_id"),
    "data_rights_request": (*_CASE, "youth_id", "handled_by"),
    "dead_letter": ("mutation_id", "row_id", "case_id", "conflict_id", "made_by"),
    "evaluation_assignment": (*_CASE, "youth_id", "drawn_by"),
    "evaluation_slot": ("used_by_youth_id",),
    "follow_up_event": (*_CASE, "youth_id", "staff_id", "partner_organisation_id"),
    "guardian": (*_CASE, "youth_id"),
    "identity_change": (*_CASE, "youth_id", "row_id", "changed_by"),
    "intake_amendment": (*_CASE, "intake_id", "amended_by"),
    "intake_barrier": (*_CASE, "intake_id"),
    "intake_invitation": (*_CASE, "session_id", "youth_id", "invited_by", "intake_id"),
    "intake_participant": (*_CASE, "intake_id", "staff_id"),
    "intake_session": (*_META, "territory_id", "host_organisation_id", "organiser_id"),
    "intake_session_counsellor": (*_META, "session_id", "territory_id", "staff_id"),
    "intake_validation": (*_CASE, "intake_id", "staff_id"),
    "joint_intake": (*_CASE, "youth_id", "territory_id", "host_organisation_id", "referral_id",
                     "next_appointment_staff_id", "created_by"),
    "organisation": (*_META, "territory_id", "parent_id"),
    "outbox": ("mutation_id", "row_id", "case_id", "conflict_id", "made_by"),
    "outcome": (*_CASE, "youth_id", "intake_id", "recorded_by"),
    "programme_setting": (*_META, "scope"),
    "proposed_solution": (*_CASE, "intake_id", "youth_id", "offer_id"),
    "referent_assignment": (*_CASE, "youth_id", "staff_id", "intake_id", "designated_by"),
    "referral": (*_CASE, "youth_id", "organisation_id"),
    "reminder_failure": ("appointment_id", "youth_id", "territory_id"),
    "service_offer": (*_META, "provider_id", "territory_id"),
    "staff": (*_META, "organisation_id"),
    "staff_pin": ("staff_id",),
    "staff_role": (*_META, "staff_id"),
    "sync_conflict": ("conflict_id", "row_id", "case_id", "mutation_id", "device_id", "mine_by", "theirs_by",
                      "theirs_device", "previous_conflict_id"),
    "sync_device": ("device_id", "organisation_id"),
    "sync_quarantine": ("row_id", "case_id"),
    "sync_state": ("epoch",),
    "territory": _META,
    "territory_required_role": (*_META, "territory_id"),
    "training_obligation": (*_CASE, "youth_id", "recorded_by"),
    "youth": (*_CASE, "territory_id", "contact_opt_out_by", "contact_staff_id"),
}

_FUNCTION = "pac_0022_convert"


def upgrade() -> None:
    rebuild(COLUMNS, id_to_store)


def downgrade() -> None:
    rebuild(COLUMNS, id_from_store)


def rebuild(columns: dict[str, tuple[str, ...]], convert: Callable[[Any], Any]) -> None:
    """Copy each table of ``columns`` into a new one of the same definition, those columns through ``convert``."""
    conn = op.get_bind()
    raw = conn.connection.driver_connection
    raw.create_function(_FUNCTION, 1, convert, deterministic=True)
    # storage.migrate runs with foreign keys off; on a connection where they are on (a test's downgrade), the
    # references are checked at the commit, once every table has been converted.
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    triggers = [sql for (sql,) in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]
    for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").all():
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    existing = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, converted in columns.items():
        if table in existing:
            _rebuild_table(conn, table, set(converted))
    for sql in triggers:
        conn.exec_driver_sql(sql)


def _rebuild_table(conn: Any, table: str, converted: set[str]) -> None:
    create = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar_one()
    indexes = [sql for (sql,) in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        (table,))]
    info = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
    names = [r[1] for r in info]
    keys = [r for r in info if r[5]]
    # The rowid goes along, unless the table has none or an INTEGER PRIMARY KEY already is it.
    without_rowid = re.search(r"WITHOUT\s+ROWID\s*$", create, re.IGNORECASE) is not None
    integer_key = len(keys) == 1 and keys[0][2].upper() == "INTEGER"
    rowid = [] if without_rowid or integer_key else ["rowid"]
    copy = f"{table}__0022"
    pattern = re.compile(rf'^\s*CREATE\s+TABLE\s+(?:"{re.escape(table)}"|{re.escape(table)})\s*\(', re.IGNORECASE)
    if pattern.match(create) is None:
        raise RuntimeError(f"0022: unexpected definition of table {table}")
    conn.exec_driver_sql(pattern.sub(f'CREATE TABLE "{copy}" (', create, count=1))
    targets = ", ".join([*rowid, *(f'"{n}"' for n in names)])
    values = ", ".join([*rowid, *(f'{_FUNCTION}("{n}")' if n in converted else f'"{n}"' for n in names)])
    order = "" if without_rowid else " ORDER BY " + ("rowid" if rowid else f'"{keys[0][1]}"')
    conn.exec_driver_sql(f'INSERT INTO "{copy}" ({targets}) SELECT {values} FROM "{table}"{order}')
    conn.exec_driver_sql(f'DROP TABLE "{table}"')
    conn.exec_driver_sql(f'ALTER TABLE "{copy}" RENAME TO "{table}"')
    for sql in indexes:
        conn.exec_driver_sql(sql)
