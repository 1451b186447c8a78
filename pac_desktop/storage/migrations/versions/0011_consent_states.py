"""consent: its state (given, refused, withdrawn), who recorded it and when, the guardian's link, a reason

Issue 13: the consent decides what leaves the computer. Records from before read their state from ``given``.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=40), nullable=False, server_default="given"))
        batch_op.add_column(sa.Column("recorded_by", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("guardian_relationship", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_consent_recorded_by"), ["recorded_by"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_consent_recorded_by_staff"), "staff", ["recorded_by"], ["id"])
    op.execute("UPDATE consent SET state = CASE WHEN given THEN 'given' ELSE 'refused' END")


def downgrade() -> None:
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_consent_recorded_by_staff"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_consent_recorded_by"))
        batch_op.drop_column("reason")
        batch_op.drop_column("guardian_relationship")
        batch_op.drop_column("recorded_at")
        batch_op.drop_column("recorded_by")
        batch_op.drop_column("state")
