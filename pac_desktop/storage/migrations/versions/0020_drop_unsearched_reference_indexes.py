"""Drop the indexes of references that no query searches by (issue 16: store size)

Each indexed a case row's reference to a staff member, an organisation or an offer (who wrote a note, recorded
a consent, validated an intake; which partner, which offer): the application reads these columns from the
row, never looks rows up by them, and never deletes a staff member, an organisation or an offer on a device
(the feed applies deletions with foreign keys off), so SQLite never needs them. About 0.8 kB per youth of the
13 kB a youth took (dbstat on the bench store of 10,000 demo youths). The references that are searched by (the
intakes a counsellor takes part in, who created an intake, the next appointment's counsellor, the repérage
contact) keep theirs.

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column): the index ix_<table>_<column> goes.
UNSEARCHED = (
    ("analysis_note", "author_staff_id"),
    ("follow_up_event", "staff_id"),
    ("follow_up_event", "partner_organisation_id"),
    ("intake_validation", "staff_id"),
    ("outcome", "recorded_by"),
    ("consent", "recorded_by"),
    ("consent", "collected_by"),
    ("referent_assignment", "designated_by"),
    ("proposed_solution", "offer_id"),
    ("referral", "organisation_id"),
    ("joint_intake", "host_organisation_id"),
    ("contact_attempt", "staff_id"),
    ("contact_attempt", "partner_organisation_id"),
    ("intake_amendment", "amended_by"),
    ("evaluation_assignment", "drawn_by"),
    ("identity_change", "changed_by"),
    ("data_rights_request", "handled_by"),
)


def upgrade() -> None:
    for table, column in UNSEARCHED:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}")


def downgrade() -> None:
    for table, column in UNSEARCHED:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)
