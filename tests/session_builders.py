"""Builders for the joint-intake session tests (issue 18): a Tarbes session with its team and three invited,
obviously fictitious youths, made through the services themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intake_builders import Team, make_team, new_youth

from pac_desktop.domain.intake_sessions import session_start
from pac_desktop.services.casefile import CaseFileService

#: The session's day, after the tests' "today" (12 March 2026).
SESSION_DAY = date(2026, 3, 17)


@dataclass(frozen=True)
class MadeSession:
    team: Team
    session_id: str
    #: first name → youth id
    youths: dict[str, str]
    #: first name → invitation id
    invitations: dict[str, str]


def make_session(services, *, territory: str = "tarbes", team: Team | None = None) -> MadeSession:
    team = team or make_team(services, territory)
    session_id = services.intake_sessions.plan_session(
        starts_at=session_start(SESSION_DAY, 14, 0), place="CIO de Tarbes, salle Garonne", slot_count=4,
        slot_minutes=90, counsellors={role: a.staff_id for role, a in team.counsellors.items()}, by=team.lead,
        notes="Prévoir la salle dès 13 h 30.")
    # No guard: setting up contact details is the referent's right, and these youths have none yet.
    identity = CaseFileService(services.ctx)
    people = (
        ("Léa", "Testfictive", date(2008, 11, 20), "06 12 34 56 78", "lea.testfictive@exemple.fr",
         "3 rue des Essais"),
        ("Noé", "Dûpré-Fictif", date(2004, 2, 3), "0798765432", None, "12 impasse de l'Exemple"),
        ("Zoé", "Çelik-Fictive", date(2007, 6, 1), None, "zoe.fictive@exemple.fr", None),
    )
    youths, invitations = {}, {}
    for first, last, birth, phone, email, address in people:
        youth_id = new_youth(services, team, first=first, last=last, birth=birth)
        changes = {"phone": phone, "email": email, "address": address, "postcode": "65000", "town": "Tarbes"}
        identity.update_identity(youth_id=youth_id, changes={k: v for k, v in changes.items() if v}, by=team.lead)
        youths[first] = youth_id
        invitations[first] = services.intake_sessions.invite(session_id=session_id, youth_id=youth_id, by=team.lead)
    return MadeSession(team, session_id, youths, invitations)
