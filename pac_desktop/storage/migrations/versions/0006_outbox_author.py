"""outbox: who made each change; a parked change keeps the server's whole reason

The server checks the role of the author of every change pushed (issue 7 §3). The author is the staff member
signed in when the change was made, kept with the outbox entry; before, the client sent whoever last changed
the row, which is someone else when two people edit the same row between two syncs.

Entries already waiting keep no author (NULL): the client then falls back to the row's last editor, as before.
A change the server refuses for a role comes back with a French sentence, longer than the 40 characters the
dead letters' reason column declared.

Revision ID: 0006
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("made_by", sa.String(length=36), nullable=True))
    with op.batch_alter_table("dead_letter", schema=None) as batch_op:
        batch_op.alter_column("reason", existing_type=sa.String(length=40), type_=sa.Text(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("dead_letter", schema=None) as batch_op:
        batch_op.alter_column("reason", existing_type=sa.Text(), type_=sa.String(length=40), existing_nullable=False)
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("made_by")
