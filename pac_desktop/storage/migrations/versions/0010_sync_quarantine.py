"""sync_quarantine: pulled rows this device could not store, set aside with their reason (issue 12)

A row from the server whose value does not fit (a null in a required column, a wrong type, a constraint) used
to stop the whole page, and every later sync of the device with it. It is now kept here, visible on the sync
page and in `pac sync --status`, and the rest of the page applies.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("quarantined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
        sa.UniqueConstraint("entity", "row_id", name=op.f("uq_sync_quarantine_entity")),
    )


def downgrade() -> None:
    op.drop_table("sync_quarantine")
