"""outbox and dead letters: each change's signature by its author's key (issue 12)

A change is signed when it is written to the outbox, with the key of the staff member signed in who made it
(pac_desktop.security.signing); the server verifies it. Entries already waiting have no signature: the server
refuses them with a reason, and their author can send them again from the sync page once signed in. A parked
change keeps its author and signature, so that sending it again sends the same signed change.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.String(length=120), nullable=True))
    with op.batch_alter_table("dead_letter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("made_by", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("key_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dead_letter", schema=None) as batch_op:
        batch_op.drop_column("signature")
        batch_op.drop_column("key_id")
        batch_op.drop_column("made_by")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("signature")
        batch_op.drop_column("key_id")
