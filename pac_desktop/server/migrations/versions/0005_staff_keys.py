"""staff_key: the public halves of the staff's signing keys (issue 12)

Each change a device pushes is signed by its author's key (docs/sync-authorship.md). The server keeps the
public keys, registered when an administrator sets a password (``pac-server admin create-staff`` or
``reset-password``); a reset revokes the previous key. Staff made before this table have no key until their
password is set again.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_key",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_staff_key")),
    )
    op.create_index(op.f("ix_staff_key_staff_id"), "staff_key", ["staff_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_key_staff_id"), table_name="staff_key")
    op.drop_table("staff_key")
