"""evaluation: the allocation seed and pseudonymisation key, the ledger of blocks handed out (issue 7)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluation_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seed_hex", sa.String(length=64), nullable=False),
        sa.Column("pseudonym_key_hex", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_secret")),
    )
    op.create_table(
        "evaluation_blocks",
        sa.Column("stratum", sa.String(length=80), nullable=False),
        sa.Column("block_number", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("reserved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("stratum", "block_number", name=op.f("pk_evaluation_blocks")),
    )


def downgrade() -> None:
    op.drop_table("evaluation_blocks")
    op.drop_table("evaluation_secret")
