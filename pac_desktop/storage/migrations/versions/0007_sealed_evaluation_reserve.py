"""evaluation_slot: the reserve is sealed, no arm in clear (issue 13)

Each slot keeps a seal (a nonce and an HMAC under a key kept in the OS keyring) instead of its arm. The slots
not yet used were stored in clear and cannot be sealed here (the migration has no keyring): they are dropped,
and the next sync asks the server for new blocks, saying the reserve is new: the server closes the blocks left
unfinished by this upgrade with one notice, not as anomalies (pac_desktop.server.evaluation.close_renewed_reserve).

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
    op.execute("DELETE FROM evaluation_slot WHERE used_by_youth_id IS NULL")
    with op.batch_alter_table("evaluation_slot", schema=None) as batch_op:
        batch_op.drop_column("arm")
        batch_op.add_column(sa.Column("seal", sa.String(length=96), nullable=False, server_default=""))
    with op.batch_alter_table("evaluation_slot", schema=None) as batch_op:
        batch_op.alter_column("seal", existing_type=sa.String(length=96), server_default=None)


def downgrade() -> None:
    op.execute("DELETE FROM evaluation_slot WHERE used_by_youth_id IS NULL")
    with op.batch_alter_table("evaluation_slot", schema=None) as batch_op:
        batch_op.drop_column("seal")
        batch_op.add_column(sa.Column("arm", sa.String(length=40), nullable=False, server_default="programme"))
