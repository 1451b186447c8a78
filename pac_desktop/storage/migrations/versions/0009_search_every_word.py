"""search: every word of a name or a town, and the name without its spaces, from an index (issue 11)

The search keys are recomputed with the one normalisation (punctuation separates words too: "Table;Drop" is
keyed "table drop"), and expression indexes reach the third and fourth words of each key ("dupont" in
« O'Connor-Dupont », "khai" in « Nguyễn Thị Minh Khai ») and the key without its spaces ("ndiaye" for
« N'Diaye »). storage/youth_search.py writes the very same expressions in its queries.

SQLAlchemy cannot reflect expression indexes: a later batch_alter_table("youth") that recreates the table would
drop them silently — recreate them there (tests/services/test_youths_search.py checks they are used).

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pac_desktop.domain.text import normalise
from pac_desktop.storage.youth_search import SEARCH_INDEXES

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 2000


def upgrade() -> None:
    bind = op.get_bind()
    youth = sa.table(
        "youth",
        sa.column("id", sa.String),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("town", sa.String),
        sa.column("first_name_key", sa.String),
        sa.column("last_name_key", sa.String),
        sa.column("town_key", sa.String),
    )
    rows = bind.execute(sa.select(youth.c.id, youth.c.first_name, youth.c.last_name, youth.c.town)).all()
    changes = [
        {"_id": rid, "f": normalise(first or ""), "l": normalise(last or ""), "t": normalise(town or "")}
        for rid, first, last, town in rows
    ]
    stmt = (
        youth.update()
        .where(youth.c.id == sa.bindparam("_id"))
        .values(first_name_key=sa.bindparam("f"), last_name_key=sa.bindparam("l"), town_key=sa.bindparam("t"))
    )
    for i in range(0, len(changes), _CHUNK):
        bind.execute(stmt, changes[i : i + _CHUNK])
    for name, expression in SEARCH_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON youth ({expression})")


def downgrade() -> None:
    for name in SEARCH_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
