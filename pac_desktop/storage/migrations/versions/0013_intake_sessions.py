"""joint-intake sessions (issue 18): sessions, their counsellors, and the youths invited into their slots

Three new synced tables; nothing existing changes.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns(case: bool = False) -> list[sa.Column]:
    columns = [sa.Column("case_id", sa.String(length=36), nullable=False)] if case else []
    return columns + [
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
        "intake_session",
        sa.Column("territory_id", sa.String(length=36), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("slot_count", sa.Integer(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("host_organisation_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("organiser_id", sa.String(length=36), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], name=op.f("fk_intake_session_territory_id_territory")),
        sa.ForeignKeyConstraint(["host_organisation_id"], ["organisation.id"],
                                name=op.f("fk_intake_session_host_organisation_id_organisation")),
        sa.ForeignKeyConstraint(["organiser_id"], ["staff.id"], name=op.f("fk_intake_session_organiser_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_session")),
    )
    op.create_index(op.f("ix_intake_session_territory_id"), "intake_session", ["territory_id"])
    op.create_index(op.f("ix_intake_session_starts_at"), "intake_session", ["starts_at"])
    op.create_index(op.f("ix_intake_session_host_organisation_id"), "intake_session", ["host_organisation_id"])
    op.create_index(op.f("ix_intake_session_organiser_id"), "intake_session", ["organiser_id"])

    op.create_table(
        "intake_session_counsellor",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("territory_id", sa.String(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["session_id"], ["intake_session.id"],
                                name=op.f("fk_intake_session_counsellor_session_id_intake_session")),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"],
                                name=op.f("fk_intake_session_counsellor_territory_id_territory")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_intake_session_counsellor_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_session_counsellor")),
    )
    op.create_index(op.f("ix_intake_session_counsellor_session_id"), "intake_session_counsellor", ["session_id"])

    op.create_table(
        "intake_invitation",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("slot_index", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("invited_by", sa.String(length=36), nullable=True),
        sa.Column("invited_at", sa.DateTime(), nullable=False),
        sa.Column("intake_id", sa.String(length=36), nullable=True),
        *_sync_columns(case=True),
        sa.ForeignKeyConstraint(["session_id"], ["intake_session.id"],
                                name=op.f("fk_intake_invitation_session_id_intake_session")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_intake_invitation_youth_id_youth")),
        sa.ForeignKeyConstraint(["invited_by"], ["staff.id"], name=op.f("fk_intake_invitation_invited_by_staff")),
        sa.ForeignKeyConstraint(["intake_id"], ["joint_intake.id"],
                                name=op.f("fk_intake_invitation_intake_id_joint_intake")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_invitation")),
    )
    op.create_index("ix_intake_invitation_session_slot", "intake_invitation", ["session_id", "slot_index"])
    op.create_index(op.f("ix_intake_invitation_youth_id"), "intake_invitation", ["youth_id"])
    op.create_index(op.f("ix_intake_invitation_case_id"), "intake_invitation", ["case_id"])


def downgrade() -> None:
    op.drop_table("intake_invitation")
    op.drop_table("intake_session_counsellor")
    op.drop_table("intake_session")
