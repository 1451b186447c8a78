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

from collections.abc import Callable, Sequence
from typing import Any

from alembic import op

from pac_desktop.storage.base import id_from_store, id_to_store
from pac_desktop.storage.table_rebuild import rebuild_tables

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
    _rebuild(id_to_store)


def downgrade() -> None:
    _rebuild(id_from_store)


def _rebuild(convert: Callable[[Any], Any]) -> None:
    plan = {table: dict.fromkeys(columns, _FUNCTION) for table, columns in COLUMNS.items()}
    rebuild_tables(op.get_bind(), plan, {_FUNCTION: convert})
