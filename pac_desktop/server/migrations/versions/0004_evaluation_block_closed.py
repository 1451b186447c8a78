"""evaluation_blocks.closed_at: a block left unfinished when its device renewed its reserve (issue 13)

A computer upgraded to the sealed reserve drops its former reserve and asks for new blocks saying so; the
blocks it had not finished are closed then, once, with a notice in the audit trail, instead of being reported
as anomalies at every check.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("evaluation_blocks") as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evaluation_blocks") as batch_op:
        batch_op.drop_column("closed_at")
