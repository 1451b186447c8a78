"""The intakes of a territory in a state, found without reading a row (issue 16: the window opens at once)

``ix_joint_intake_state`` becomes ``ix_joint_intake_open`` on (state, territory_id, deleted_at): the « Accueils »
badge counts a territory's open intakes from the index alone, and the home page lists the territory's intakes in a
state from it. At 100,000 youths the badge read every intake in the open states of every territory (~250 ms on a
cold start, 6 ms now). Every lookup by state alone still has its index (the first column).

Revision ID: 0026
Revises: 0024
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | Sequence[str] | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_joint_intake_open", "joint_intake", ["state", "territory_id", "deleted_at"], unique=False)
    op.drop_index("ix_joint_intake_state", table_name="joint_intake")


def downgrade() -> None:
    op.create_index("ix_joint_intake_state", "joint_intake", ["state"], unique=False)
    op.drop_index("ix_joint_intake_open", table_name="joint_intake")
