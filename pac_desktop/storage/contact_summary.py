"""The triggers that keep ``contact_summary`` (models.ContactSummary) in step with ``contact_attempt``.

One youth's row is rewritten from their live attempts (not tombstoned): the newest (by ``attempted_at``, then
``id``, as the case file lists them) and their count; no live attempt, no row. Each trigger refreshes the youth
of the row written (both youths when an attempt moved to another youth). A migration that rebuilds
``contact_attempt`` must run :data:`TRIGGERS` again (a table copy drops them).
"""

from __future__ import annotations

#: Only the columns the summary reads: a sync stamp (version, seq…) written alone rewrites nothing.
WATCHED = ("youth_id", "attempted_at", "deleted_at", "channel", "reached", "next_action", "next_action_due",
           "outcome")


def refresh_sql(youth: str) -> str:
    """Rewrite the summary row of the youth ``youth`` (an SQL expression: NEW.youth_id, OLD.youth_id)."""
    return (
        f"DELETE FROM contact_summary WHERE youth_id = {youth}; "
        "INSERT INTO contact_summary (youth_id, attempts, attempt_id, attempted_at, channel, reached, next_action, "
        "next_action_due, outcome) "
        "SELECT a.youth_id, (SELECT count(*) FROM contact_attempt c "
        f"WHERE c.youth_id = {youth} AND c.deleted_at IS NULL), "
        "a.id, a.attempted_at, a.channel, a.reached, a.next_action, a.next_action_due, a.outcome "
        f"FROM contact_attempt a WHERE a.youth_id = {youth} AND a.deleted_at IS NULL "
        "ORDER BY a.attempted_at DESC, a.id DESC LIMIT 1;"
    )


TRIGGER_NAMES = ("tr_contact_summary_insert", "tr_contact_summary_update", "tr_contact_summary_delete")

TRIGGERS: tuple[str, ...] = (
    "CREATE TRIGGER tr_contact_summary_insert AFTER INSERT ON contact_attempt BEGIN "
    + refresh_sql("NEW.youth_id") + " END",
    f"CREATE TRIGGER tr_contact_summary_update AFTER UPDATE OF {', '.join(WATCHED)} ON contact_attempt BEGIN "
    + refresh_sql("OLD.youth_id") + " " + refresh_sql("NEW.youth_id") + " END",
    "CREATE TRIGGER tr_contact_summary_delete AFTER DELETE ON contact_attempt BEGIN "
    + refresh_sql("OLD.youth_id") + " END",
)

#: Fills the table from the attempts already there (the migration, after creating it).
BACKFILL = (
    "INSERT INTO contact_summary (youth_id, attempts, attempt_id, attempted_at, channel, reached, next_action, "
    "next_action_due, outcome) "
    "SELECT a.youth_id, (SELECT count(*) FROM contact_attempt c WHERE c.youth_id = a.youth_id "
    "AND c.deleted_at IS NULL), a.id, a.attempted_at, a.channel, a.reached, a.next_action, a.next_action_due, "
    "a.outcome FROM contact_attempt a WHERE a.deleted_at IS NULL AND a.id = ("
    "SELECT b.id FROM contact_attempt b WHERE b.youth_id = a.youth_id AND b.deleted_at IS NULL "
    "ORDER BY b.attempted_at DESC, b.id DESC LIMIT 1)"
)
