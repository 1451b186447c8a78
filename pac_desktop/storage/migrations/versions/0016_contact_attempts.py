"""repérage (issue 18): contact attempts, and the youth's INE, refusal of messages and contact person

``contact_attempt`` is a synced row of the youth's file. The youth's new columns are added in place (ALTER TABLE
ADD COLUMN, no table copy): a batch copy of ``youth`` would lose the search's expression indexes (migration 0009),
which SQLite's reflection does not see.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_attempt",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("partner_organisation_id", sa.String(length=36), nullable=True),
        sa.Column("reached", sa.Boolean(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("next_action", sa.String(length=200), nullable=True),
        sa.Column("next_action_due", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("appointment_id", sa.String(length=36), nullable=True),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_contact_attempt_youth_id_youth")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_contact_attempt_staff_id_staff")),
        sa.ForeignKeyConstraint(["partner_organisation_id"], ["organisation.id"],
                                name=op.f("fk_contact_attempt_partner_organisation_id_organisation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_attempt")),
    )
    op.create_index("ix_contact_attempt_youth_at", "contact_attempt", ["youth_id", "attempted_at"])
    op.create_index(op.f("ix_contact_attempt_case_id"), "contact_attempt", ["case_id"])
    op.create_index(op.f("ix_contact_attempt_staff_id"), "contact_attempt", ["staff_id"])
    op.create_index(op.f("ix_contact_attempt_partner_organisation_id"), "contact_attempt",
                    ["partner_organisation_id"])

    op.add_column("youth", sa.Column("ine", sa.String(length=11), nullable=True))
    op.add_column("youth", sa.Column("contact_opt_out", sa.Boolean(), nullable=False, server_default="0"))
    # SQLite adds a column with its reference in place (Alembic's add_column would want a table copy for it).
    op.execute("ALTER TABLE youth ADD COLUMN contact_staff_id VARCHAR(36) "
               "CONSTRAINT fk_youth_contact_staff_id_staff REFERENCES staff (id)")
    op.create_index(op.f("ix_youth_ine"), "youth", ["ine"])
    op.create_index(op.f("ix_youth_contact_staff_id"), "youth", ["contact_staff_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_youth_contact_staff_id"), table_name="youth")
    op.drop_index(op.f("ix_youth_ine"), table_name="youth")
    op.drop_column("youth", "contact_staff_id")
    op.drop_column("youth", "contact_opt_out")
    op.drop_column("youth", "ine")
    op.drop_table("contact_attempt")
