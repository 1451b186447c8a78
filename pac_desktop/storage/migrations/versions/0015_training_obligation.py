"""training obligation (16–18): each recorded situation of a minor, with its date and author (issue 18 §5)

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_obligation",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("situation", sa.String(length=40), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["recorded_by"], ["staff.id"], name=op.f("fk_training_obligation_recorded_by_staff")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_training_obligation_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_obligation")),
    )
    with op.batch_alter_table("training_obligation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_obligation_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_training_obligation_youth", ["youth_id", "recorded_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("training_obligation", schema=None) as batch_op:
        batch_op.drop_index("ix_training_obligation_youth")
        batch_op.drop_index(batch_op.f("ix_training_obligation_case_id"))
    op.drop_table("training_obligation")
