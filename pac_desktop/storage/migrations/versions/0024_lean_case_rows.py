"""Leaner case rows (issue 16: store size): no case_id indexes, origin_device on the consent only

- The ``ix_<table>_case_id`` index of every case table goes: on each table another index already finds a case's
  rows — the youth's primary key, the ``youth_id`` indexes (SQLite needs them when a youth row is deleted), the
  ``intake_id`` indexes for an intake's rows — and the queries by case say so (storage.case_rows). So does the
  second index of ``evaluation_assignment.youth_id``, which its unique constraint's index already is.
- ``origin_device`` goes from every table but ``consent``, the only one this device reads it from
  (pac_desktop.sync.consent_hold); the server keeps it on every record, as before.

The store is then vacuumed once (storage.migrate): tables and indexes rewritten packed. 7.0 → under 6 kB a youth
on the bench store of 10,000 youths (bench/section_store_size.py).

Revision ID: 0024
Revises: 0025 (0025 came first: 0023 → 0025 → 0024)
"""

from collections.abc import Sequence

from alembic import context, op

from pac_desktop.storage.migrate import REPACK

revision: str = "0024"
down_revision: str | Sequence[str] | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The case tables: each had an index on case_id.
CASE_TABLES = (
    "analysis_note", "case_review_youth", "consent", "contact_attempt", "data_rights_request",
    "evaluation_assignment", "follow_up_event", "guardian", "identity_change", "intake_amendment", "intake_barrier",
    "intake_invitation", "intake_participant", "intake_validation", "joint_intake", "outcome", "proposed_solution",
    "referent_assignment", "referral", "training_obligation", "youth",
)
#: The synced tables but consent: origin_device goes.
WITHOUT_ORIGIN = (
    "analysis_note", "audit_event", "case_review", "case_review_participant", "case_review_youth",
    "committee_meeting", "contact_attempt", "credential", "data_rights_request", "evaluation_assignment",
    "follow_up_event", "guardian", "identity_change", "intake_amendment", "intake_barrier", "intake_invitation",
    "intake_participant", "intake_session", "intake_session_counsellor", "intake_validation", "joint_intake",
    "organisation", "outcome", "programme_setting", "proposed_solution", "referent_assignment", "referral",
    "service_offer", "staff", "staff_role", "territory", "territory_required_role", "training_obligation", "youth",
)
#: Indexes that repeat another one.
DUPLICATES = (("evaluation_assignment", "youth_id"),)


def upgrade() -> None:
    context.config.attributes[REPACK] = True  # storage.migrate vacuums the store once the upgrade is done
    for table in CASE_TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_case_id")
    for table, column in DUPLICATES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}")
    conn = op.get_bind()
    for table in WITHOUT_ORIGIN:
        columns = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')}
        if "origin_device" in columns:
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN origin_device')


def downgrade() -> None:
    """The column comes back empty (this device never read it), and the indexes are built again."""
    for table in WITHOUT_ORIGIN:
        op.execute(f'ALTER TABLE "{table}" ADD COLUMN origin_device VARCHAR(36)')
    for table, column in DUPLICATES:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)
    for table in CASE_TABLES:
        op.create_index(f"ix_{table}_case_id", table, ["case_id"], unique=False)
