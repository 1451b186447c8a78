"""joint-intake sessions (issue 18): a cancelled session's cancellation is stored — when, by whom, why — and each
invitation cancelled with it says so

Until now the reason was written as the first line of the session's notes (« Annulée : … ») and the youths whose
invitation went with the session were recognised by the automatic « convocation retirée » letter attempt. The new
columns are synced like the session's other fields and added in place (ALTER TABLE ADD COLUMN, no table copy).

Existing stores are upgraded from what the app itself wrote when it cancelled a session: the reason moves out of
the notes' first line (the rest of the notes stays), the moment and the author come from the automatic attempts
(written in the same transaction), and each invitation those attempts name is marked cancelled with the session.
A session cancelled with nobody expected has no such attempt: its moment and author stay unknown (NULL). Nothing
is queued for the server: every computer upgrades its own copy the same way.

Revision ID: 0025
Revises: 0023
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | Sequence[str] | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The prefix the app wrote before the reason on a cancelled session's first line of notes (until 0025).
CANCELLED_NOTE = "Annulée : "


def upgrade() -> None:
    op.add_column("intake_session", sa.Column("cancelled_at", sa.DateTime(), nullable=True))
    # SQLite adds a column with its reference in place (Alembic's add_column would want a table copy for it).
    op.execute("ALTER TABLE intake_session ADD COLUMN cancelled_by VARCHAR(36) "
               "CONSTRAINT fk_intake_session_cancelled_by_staff REFERENCES staff (id)")
    op.add_column("intake_session", sa.Column("cancellation_reason", sa.String(length=300), nullable=True))
    op.add_column("intake_invitation", sa.Column("cancelled_with_session", sa.Boolean(), server_default="0",
                                                 nullable=False))
    _move_cancellations(op.get_bind())


def _move_cancellations(conn: sa.Connection) -> None:
    sessions = conn.execute(sa.text("SELECT id, notes FROM intake_session WHERE cancelled = 1")).all()
    for session_id, notes in sessions:
        # The automatic letter attempts cancel_session wrote for the invitations it cancelled (raw values: the
        # ids and timestamps keep their stored form, 0022 and 0023).
        attempts = conn.execute(sa.text(
            "SELECT a.attempted_at, a.staff_id, a.answer, i.id FROM contact_attempt a "
            "JOIN intake_invitation i ON i.id = a.appointment_id "
            "WHERE i.session_id = :session AND i.status = 'cancelled' AND a.channel = 'letter' "
            "AND a.automatic = 1 AND a.deleted_at IS NULL ORDER BY a.attempted_at"), {"session": session_id}).all()
        values: dict[str, object] = {}
        if attempts:
            values["cancelled_at"], values["cancelled_by"] = attempts[0][0], attempts[0][1]
        lines = (notes or "").split("\n")
        if lines[0].startswith(CANCELLED_NOTE):
            reason = lines[0].removeprefix(CANCELLED_NOTE).strip()
            # The app's own line: its attempts said the same reason (a session nobody was expected at has none).
            if reason and all(f"({reason})" in (a[2] or "") for a in attempts):
                values["cancellation_reason"] = reason[:300]
                values["notes"] = "\n".join(lines[1:]).strip()
        if values:
            sets = ", ".join(f"{name} = :{name}" for name in values)
            conn.execute(sa.text(f"UPDATE intake_session SET {sets} WHERE id = :session"),
                         {**values, "session": session_id})
        if attempts:
            conn.execute(sa.text(
                "UPDATE intake_invitation SET cancelled_with_session = 1 WHERE id IN ("
                + ", ".join(f":i{n}" for n in range(len(attempts))) + ")"),
                {f"i{n}": a[3] for n, a in enumerate(attempts)})


def downgrade() -> None:
    conn = op.get_bind()
    for session_id, notes, reason in conn.execute(sa.text(
            "SELECT id, notes, cancellation_reason FROM intake_session WHERE cancellation_reason IS NOT NULL "
            "AND cancellation_reason != ''")).all():
        conn.execute(sa.text("UPDATE intake_session SET notes = :notes WHERE id = :session"), {
            "notes": "\n".join(p for p in (f"{CANCELLED_NOTE}{reason}", notes) if p), "session": session_id})
    op.drop_column("intake_invitation", "cancelled_with_session")
    op.drop_column("intake_session", "cancellation_reason")
    op.drop_column("intake_session", "cancelled_by")
    op.drop_column("intake_session", "cancelled_at")
