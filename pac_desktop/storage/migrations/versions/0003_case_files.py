"""case files: identity change history, search indexes on the youth's town, second words and birthday

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: "Jean-Luc" is keyed "jean luc": these expression indexes let a prefix search on "luc" (the part after the
#: first space) use an index too. services/youths.py writes the very same expressions in its queries.
#: SQLAlchemy cannot reflect expression indexes: a later batch_alter_table("youth") that recreates the table
#: would drop them silently — recreate them there (tests/services/test_youths_search.py checks they are used).
SECOND_WORD_INDEXES = {
    "ix_youth_first_name_word2": "first_name_key",
    "ix_youth_last_name_word2": "last_name_key",
    "ix_youth_town_word2": "town_key",
}

BIRTHDAY_INDEX = "ix_youth_birthday"


def upgrade() -> None:
    op.create_table(
        "identity_change",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=80), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(length=36), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=36), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["changed_by"], ["staff.id"], name=op.f("fk_identity_change_changed_by_staff")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_identity_change_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_change")),
    )
    with op.batch_alter_table("identity_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_change_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_identity_change_changed_by"), ["changed_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_identity_change_youth_id"), ["youth_id"], unique=False)

    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.create_index("ix_youth_town_key", ["town_key"], unique=False)
    for name, column in SECOND_WORD_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON youth (substr({column}, instr({column}, ' ') + 1))")
    # "12/03" finds the youths born on 12 March, any year.
    op.execute(f"CREATE INDEX {BIRTHDAY_INDEX} ON youth (substr(birth_date, 6, 5))")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {BIRTHDAY_INDEX}")
    for name in SECOND_WORD_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.drop_index("ix_youth_town_key")
    with op.batch_alter_table("identity_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_change_youth_id"))
        batch_op.drop_index(batch_op.f("ix_identity_change_changed_by"))
        batch_op.drop_index(batch_op.f("ix_identity_change_case_id"))
    op.drop_table("identity_change")
