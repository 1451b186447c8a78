"""staff_pin: each staff member's validation PIN on this computer (hashed, local, never synced)

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_pin",
        sa.Column("staff_id", sa.String(36), primary_key=True),
        sa.Column("pin_hash", sa.String(300), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("set_at", sa.DateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("staff_pin")
