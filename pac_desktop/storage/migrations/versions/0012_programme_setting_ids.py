"""programme settings: on a computer not enrolled with a server, each value's row takes the id the server uses

A value set on the shared server (``pac-server admin set-setting``) has the id
``pac_desktop.domain.programme_settings.setting_id(key, scope)``. A computer started without a server gave its own
rows a random id; once enrolled, the server's row for the same key and scope would be refused by the store (one
row per key and scope). Those rows never left the computer, so their id can change; the outbox follows.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pac_desktop.domain.programme_settings import setting_id

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT 1 FROM sync_device")).first() is not None:
        return  # enrolled: its rows may be on the server under their ids (pac-server admin set-setting reuses them)
    for row_id, key, scope in conn.execute(sa.text("SELECT id, key, scope FROM programme_setting")).all():
        new = setting_id(key, scope)
        if new == row_id:
            continue
        conn.execute(sa.text("UPDATE programme_setting SET id = :new WHERE id = :old"), {"new": new, "old": row_id})
        conn.execute(sa.text("UPDATE outbox SET row_id = :new WHERE entity = 'programme_setting' AND row_id = :old"),
                     {"new": new, "old": row_id})


def downgrade() -> None:
    pass  # the stable ids are valid ids: nothing to undo
