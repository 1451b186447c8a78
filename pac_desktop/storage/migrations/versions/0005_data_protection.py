"""data protection: rights requests, programme settings, evaluation slots and the draw's block position

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-26

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "data_rights_request",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("handled_by", sa.String(length=36), nullable=True),
        sa.Column("handled_on", sa.Date(), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["handled_by"], ["staff.id"], name=op.f("fk_data_rights_request_handled_by_staff")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_data_rights_request_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_rights_request")),
    )
    with op.batch_alter_table("data_rights_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_rights_request_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_data_rights_request_handled_by"), ["handled_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_data_rights_request_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "programme_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("scope", sa.String(length=36), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_setting")),
        sa.UniqueConstraint("key", "scope", name=op.f("uq_programme_setting_key")),
    )

    op.create_table(
        "evaluation_slot",
        sa.Column("ord", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("stratum", sa.String(length=80), nullable=False),
        sa.Column("block_number", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("arm", sa.String(length=40), nullable=False),
        sa.Column("reserved_at", sa.DateTime(), nullable=False),
        sa.Column("used_by_youth_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("ord", name=op.f("pk_evaluation_slot")),
        sa.UniqueConstraint("stratum", "block_number", "position", name=op.f("uq_evaluation_slot_stratum")),
    )

    with op.batch_alter_table("evaluation_assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("block_position", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evaluation_assignment", schema=None) as batch_op:
        batch_op.drop_column("block_position")
    op.drop_table("evaluation_slot")
    op.drop_table("programme_setting")
    with op.batch_alter_table("data_rights_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_rights_request_youth_id"))
        batch_op.drop_index(batch_op.f("ix_data_rights_request_handled_by"))
        batch_op.drop_index(batch_op.f("ix_data_rights_request_case_id"))
    op.drop_table("data_rights_request")
