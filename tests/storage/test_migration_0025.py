"""Migration 0025 (issue 18's leftovers): a cancelled session's cancellation — when, by whom, why — is stored on the
session, and each invitation cancelled with it says so. A store made before is upgraded from what the app itself
wrote: the reason leaves the notes' first line (the rest of the notes stays), the moment and the author come from
the automatic « convocation retirée » attempts."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic.script import ScriptDirectory
from session_builders import SESSION_DAY, make_session

from pac_desktop.domain.intake_sessions import InvitationStatus, session_start
from pac_desktop.services.registry import Services
from pac_desktop.storage.migrate import alembic_config, current_revision, downgrade, head_revision
from pac_desktop.storage.store import fingerprint, open_store

TODAY = date(2026, 3, 12)


def _query(path: Path, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_0025_moves_the_reason_out_of_the_notes_and_keeps_who_cancelled_and_when(data_dir):
    store = open_store(data_dir)
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    made = make_session(services)  # notes: « Prévoir la salle dès 13 h 30. »
    lead = made.team.lead
    # Zoé's invitation was withdrawn before: the session's cancellation letters are not for her.
    services.intake_sessions.set_invitation_status(invitation_id=made.invitations["Zoé"],
                                                   status=InvitationStatus.CANCELLED, by=lead)
    services.intake_sessions.cancel_session(session_id=made.session_id, reason="Salle indisponible", by=lead)
    before = services.intake_sessions.session(session_id=made.session_id)
    assert before.cancellation_reason == "Salle indisponible" and before.notes == "Prévoir la salle dès 13 h 30."
    counsellors = {role: a.staff_id for role, a in made.team.counsellors.items()}
    # Nobody expected: cancelled without any letter attempt. Another session's notes merely look like a reason.
    empty = services.intake_sessions.plan_session(
        starts_at=session_start(SESSION_DAY, 9, 0), place="CIO de Tarbes", counsellors=counsellors, by=lead)
    services.intake_sessions.cancel_session(session_id=empty, reason="Grève des transports", by=lead)
    typed = services.intake_sessions.plan_session(
        starts_at=session_start(SESSION_DAY, 17, 0), place="CIO de Tarbes", counsellors=counsellors, by=lead,
        notes="Annulée : la salle du matin, pas celle-ci.\nApporter les dossiers.")
    path = store.path
    downgrade(store.engine, _before_0025())
    store.engine.dispose()
    # What the app wrote before 0025: the reason first in the notes, the rest after it.
    notes = dict(_query(path, "SELECT place, notes FROM intake_session WHERE cancelled = 1 AND slot_count = 4 "
                              "ORDER BY starts_at DESC LIMIT 1"))
    assert notes == {"CIO de Tarbes, salle Garonne": "Annulée : Salle indisponible\nPrévoir la salle dès 13 h 30."}
    assert "cancellation_reason" not in {r[1] for r in _query(path, "PRAGMA table_info(intake_session)")}
    conn = sqlite3.connect(path)
    try:
        rows_before = fingerprint(conn)
    finally:
        conn.close()

    store = open_store(data_dir)  # migrates to the head
    try:
        assert current_revision(store.engine) == head_revision()
        services = Services.build(store, today=lambda: TODAY)
        after = services.intake_sessions.session(session_id=made.session_id)
        assert (after.cancellation_reason, after.notes) == ("Salle indisponible", "Prévoir la salle dès 13 h 30.")
        assert after.cancelled_at == before.cancelled_at and after.cancelled_by_name == before.cancelled_by_name
        assert after.cancellation_line == before.cancellation_line
        assert {v.invitation_id for v in after.cancelled_with_session} == {made.invitations["Léa"],
                                                                         made.invitations["Noé"]}
        letters = services.convocations.cancellations(session_id=made.session_id)
        assert (len(letters.letters), letters.reason) == (2, "Salle indisponible")

        nobody = services.intake_sessions.session(session_id=empty)
        # The reason was the app's own line; who cancelled it and when were never written down: unknown.
        assert (nobody.cancellation_reason, nobody.notes, nobody.cancelled_at, nobody.cancelled_by_name) == (
            "Grève des transports", "", None, None)
        assert nobody.cancellation_line == "Annulée : Grève des transports"
        untouched = services.intake_sessions.session(session_id=typed)
        assert not untouched.cancelled and untouched.cancellation_reason == ""
        assert untouched.notes == "Annulée : la salle du matin, pas celle-ci.\nApporter les dossiers."
    finally:
        store.engine.dispose()
    conn = sqlite3.connect(path)
    try:
        rows_after = fingerprint(conn)
    finally:
        conn.close()
    for table in ("intake_session", "intake_invitation", "contact_attempt", "outbox"):
        assert rows_after[table][0] == rows_before[table][0]  # no row lost, nothing queued for the server


def _before_0025() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_revision("0025").down_revision
