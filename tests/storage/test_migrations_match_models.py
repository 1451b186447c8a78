"""The migrations build exactly the schema the models describe, along one line of revisions."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from pac_desktop.storage.migrate import alembic_config
from pac_desktop.storage.models import Base


def test_one_head_only():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads} — chain the new migration after the newest one"


def test_migrated_schema_equals_the_models(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ; write a migration for: {diff}"
