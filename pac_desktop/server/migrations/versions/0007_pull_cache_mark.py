"""pull_cache_mark: the marks under which each server process keeps its pull caches (issue 16)

A process keeps pull pages and changes only while its mark is in the database: a database restored from a backup,
even without ``pac-server admin new-epoch``, no longer holds the latest mark, and the caches are emptied.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pull_cache_mark",
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_pull_cache_mark")),
    )


def downgrade() -> None:
    op.drop_table("pull_cache_mark")
