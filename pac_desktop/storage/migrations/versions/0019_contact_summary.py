"""repérage worklist at 20,000 youths (issue 18): each youth's newest contact attempt kept by triggers; an index
of the youths still « repéré »

``contact_summary`` holds, per youth, their newest live attempt and their number of attempts; triggers on
``contact_attempt`` keep it (pac_desktop.storage.contact_summary), so every writer — the services, a reminder,
a sync pull, a purge — keeps it right. ``ix_youth_worklist`` covers what the worklist reads of a youth, for the
youths still « repéré » only (a partial index: the youths met already cost it nothing).

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pac_desktop.storage.contact_summary import BACKFILL, TRIGGER_NAMES, TRIGGERS

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_summary",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.String(length=36), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=True),
        sa.Column("next_action", sa.String(length=200), nullable=True),
        sa.Column("next_action_due", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("youth_id", name=op.f("pk_contact_summary")),
        sqlite_with_rowid=False,
    )
    op.execute(BACKFILL)
    for trigger in TRIGGERS:
        op.execute(trigger)
    op.create_index("ix_youth_worklist", "youth",
                    ["territory_id", "last_name_key", "first_name_key", "id", "contact_staff_id", "status",
                     "deleted_at"], sqlite_where=sa.text("status = 'referred' AND deleted_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_youth_worklist", table_name="youth")
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("contact_summary")
