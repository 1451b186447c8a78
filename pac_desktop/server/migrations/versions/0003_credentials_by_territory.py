"""credential: a login travels only to its staff member's territory (issue 12)

Logins were fed to every device of every territory. Each existing one is now fed to its staff member's
territory (the organisation's) and evicted everywhere else; national staff (an organisation without territory)
keep reaching every device. No table changes.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

from pac_desktop.server import core

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    core.rescope_credentials(op.get_bind())


def downgrade() -> None:
    pass  # the older scoping fed every login everywhere; nothing to undo in the tables
