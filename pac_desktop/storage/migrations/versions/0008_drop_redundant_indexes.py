"""Drop the indexes that another index of the same table already starts with (issue 16: store size)

Each was a one-column index on the first column of a unique constraint or of a composite index: SQLite uses
the longer one for the same lookups. About 0.36 kB per youth (dbstat on a demo store).

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (index, table, column): each covered by an index that leads with the same column.
REDUNDANT = (
    ("ix_territory_required_role_territory_id", "territory_required_role", "territory_id"),
    ("ix_staff_role_staff_id", "staff_role", "staff_id"),
    ("ix_intake_validation_intake_id", "intake_validation", "intake_id"),
    ("ix_referent_assignment_staff_id", "referent_assignment", "staff_id"),
    ("ix_follow_up_event_youth_id", "follow_up_event", "youth_id"),
    ("ix_outcome_youth_id", "outcome", "youth_id"),
    ("ix_case_review_youth_review_id", "case_review_youth", "review_id"),
)


def upgrade() -> None:
    for index, _table, _column in REDUNDANT:
        op.execute(f"DROP INDEX IF EXISTS {index}")


def downgrade() -> None:
    for index, table, column in REDUNDANT:
        op.create_index(index, table, [column], unique=False)
