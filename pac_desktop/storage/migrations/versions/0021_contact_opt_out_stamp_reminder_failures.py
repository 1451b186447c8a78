"""repérage (issue 18): when and by whom a youth's refusal of messages was recorded; the automatic reminders that
failed on this computer

The youth's two new columns are synced like ``contact_opt_out`` and added in place (ALTER TABLE ADD COLUMN, no
table copy: a batch copy of ``youth`` would lose the search's expression indexes of migration 0009). The staff
reference carries no index (nothing searches by it, migration 0020). ``reminder_failure`` is local, never synced.

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("youth", sa.Column("contact_opt_out_at", sa.DateTime(), nullable=True))
    # SQLite adds a column with its reference in place (Alembic's add_column would want a table copy for it).
    op.execute("ALTER TABLE youth ADD COLUMN contact_opt_out_by VARCHAR(36) "
               "CONSTRAINT fk_youth_contact_opt_out_by_staff REFERENCES staff (id)")
    op.create_table(
        "reminder_failure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("appointment_id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("territory_id", sa.String(length=36), nullable=True),
        sa.Column("first_failed_at", sa.DateTime(), nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_failure")),
        sa.UniqueConstraint("appointment_id", "channel", name=op.f("uq_reminder_failure_appointment_id")),
    )
    op.create_index(op.f("ix_reminder_failure_youth_id"), "reminder_failure", ["youth_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_failure_youth_id"), table_name="reminder_failure")
    op.drop_table("reminder_failure")
    op.drop_column("youth", "contact_opt_out_by")
    op.drop_column("youth", "contact_opt_out_at")
