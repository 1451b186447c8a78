"""intake: a barrier can be ticked again after being unticked

Unticking a barrier of the stage 1 checklist tombstones its row; ticking it again needs a new row, which the
unique constraint on (intake_id, barrier) forbade. The service keeps one live row per barrier instead.

Revision ID: 0004
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("intake_barrier", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_intake_barrier_intake_id"), type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("intake_barrier", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_intake_barrier_intake_id"), ["intake_id", "barrier"])
