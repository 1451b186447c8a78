"""Alembic environment of the local store: always run through storage.migrate with a live connection."""

import warnings

from alembic import context
from sqlalchemy.exc import SAWarning

from pac_desktop.storage.models import Base

# Batch migrations reflect the youth table, whose search keys are expression indexes that SQLAlchemy cannot
# reflect (and need not: batch mode recreates them from the migrations). The installed app's first start
# printed one warning per index on stderr; they say nothing an administrator can act on.
warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index",
                        category=SAWarning)

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")

if connection is None:  # `alembic revision --autogenerate` from a developer's shell
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite://").connect()

context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
