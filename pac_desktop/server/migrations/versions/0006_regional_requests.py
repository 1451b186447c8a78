"""regional_request: the regional figures requests answered, remembered for the request window (issue 18 §6)

A signed figures request is accepted within ten minutes of its signed time (pac_desktop.server.regional); the
server keeps the hash of each one it answered for that long, so that the same request sent again — a replay — is
refused. No personal data: the hash, the staff id, the device id and two times. Each request is also written to
the server's audit trail (an ``audit_event`` record).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "regional_request",
        sa.Column("request_key", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("request_key", name=op.f("pk_regional_request")),
    )
    op.create_index(op.f("ix_regional_request_requested_at"), "regional_request", ["requested_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_regional_request_requested_at"), table_name="regional_request")
    op.drop_table("regional_request")
