"""Joint-intake sessions (issue 18): plan one with the territory's team, invite youths into its slots, open the
slots as intakes on the day — through the real services on a real store."""

from __future__ import annotations

from datetime import date

import pytest
from intake_builders import make_team, new_youth
from sqlalchemy import select

from pac_desktop.domain.enums import IntakeRole, IntakeState
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.domain.intake_sessions import InvitationStatus, session_start
from pac_desktop.services.registry import Services
from pac_desktop.storage.models import IntakeParticipant, OutboxEntry

DAY = date(2026, 3, 17)


def _plan(services, team, **kw):
    return services.intake_sessions.plan_session(
        starts_at=session_start(DAY, 14, 0), place="CIO de Tarbes, salle 2", slot_count=3, slot_minutes=60,
        counsellors={role: a.staff_id for role, a in team.counsellors.items()}, by=team.lead, **kw)


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services)


def test_plan_invite_and_read_a_session(loaded_services, team):
    s = loaded_services
    session_id = _plan(s, team)
    lea = new_youth(s, team)
    tom = new_youth(s, team, first="Tom", last="Essaifictif", birth=date(2007, 1, 5))
    first = s.intake_sessions.invite(session_id=session_id, youth_id=lea, by=team.lead)
    s.intake_sessions.invite(session_id=session_id, youth_id=tom, slot_index=2, by=team.lead)

    detail = s.intake_sessions.session(session_id=session_id)
    assert detail.place == "CIO de Tarbes, salle 2" and detail.missing_roles == ()
    assert [c.role for c in detail.counsellors] == list(IntakeRole)  # Tarbes: four roles, in the team's order
    assert [(v.time_label, v.youth_name) for v in detail.slots] == [
        ("14 h 00", "Léa Testfictive"), ("15 h 00", None), ("16 h 00", "Tom Essaifictif")]
    assert detail.slots[0].invitation_id == first and detail.slots[0].age == 17

    with pytest.raises(DomainError, match="déjà invité"):
        s.intake_sessions.invite(session_id=session_id, youth_id=lea, by=team.lead)
    with pytest.raises(DomainError, match="16 h 00 est déjà pris"):
        s.intake_sessions.invite(session_id=session_id, youth_id=new_youth(s, team, first="Zoé"), slot_index=2,
                                 by=team.lead)
    # A declined invitation frees its slot for someone else.
    s.intake_sessions.set_invitation_status(invitation_id=first, status=InvitationStatus.DECLINED, by=team.lead)
    zoe = new_youth(s, team, first="Zoé", last="Autrefictive")
    s.intake_sessions.invite(session_id=session_id, youth_id=zoe, by=team.lead)
    detail = s.intake_sessions.session(session_id=session_id)
    assert detail.slots[0].youth_name == "Zoé Autrefictive"
    assert [v.youth_name for v in detail.released] == ["Léa Testfictive"]
    assert s.intake_sessions.sessions()[0].invited_count == 2

    # Everything travels: the session and its team (territory rows), the invitations (rows of each youth's file).
    with s.ctx.read() as db:
        entities = set(db.scalars(select(OutboxEntry.entity)))
    assert {"intake_session", "intake_session_counsellor", "intake_invitation"} <= entities


def test_a_counsellor_must_fit_the_role_and_the_frame_must_hold(loaded_services, team):
    s = loaded_services
    with pytest.raises(DomainError, match="ne peut pas tenir le rôle"):
        s.intake_sessions.plan_session(
            starts_at=session_start(DAY, 9, 0), place="CIO",
            counsellors={IntakeRole.ML_COUNSELLOR: team.counsellors[IntakeRole.CIO_PSYCHOLOGIST].staff_id},
            by=team.lead)
    with pytest.raises(DomainError, match="lieu"):
        s.intake_sessions.plan_session(starts_at=session_start(DAY, 9, 0), place="  ",
                                       counsellors={IntakeRole.CIO_PSYCHOLOGIST: team.lead.staff_id}, by=team.lead)
    with pytest.raises(DomainError, match="déjà passé"):
        s.intake_sessions.plan_session(starts_at=session_start(date(2026, 3, 1), 9, 0), place="CIO",
                                       counsellors={IntakeRole.CIO_PSYCHOLOGIST: team.lead.staff_id}, by=team.lead)
    assert s.intake_sessions.sessions() == []


def test_another_territory_may_not_plan_here(loaded_services, team):
    other = make_team(loaded_services, "ariege", suffix="A")
    with pytest.raises(PermissionDenied):
        loaded_services.intake_sessions.plan_session(
            starts_at=session_start(DAY, 14, 0), place="CIO", territory_id=team.territory_id,
            counsellors={IntakeRole.CIO_PSYCHOLOGIST: team.lead.staff_id}, by=other.lead)


def test_the_slots_open_as_intakes_on_the_day_with_the_sessions_team(store, team):
    s = Services.build(store, today=lambda: DAY)  # the session's day
    before = Services.build(store, today=lambda: date(2026, 3, 12))
    session_id = _plan(before, team)
    lea = new_youth(before, team)
    invitation = before.intake_sessions.invite(session_id=session_id, youth_id=lea, slot_index=1, by=team.lead)
    with pytest.raises(DomainError, match="s'ouvrent ce jour-là"):
        before.intake_sessions.open_slot(invitation_id=invitation, by=team.lead)

    opened = s.intake_sessions.open_slot(invitation_id=invitation, by=team.lead)
    assert opened.created and opened.youth_id == lea
    again = s.intake_sessions.open_slot(invitation_id=invitation, by=team.lead)
    assert again.intake_id == opened.intake_id and not again.created

    with s.ctx.read() as db:
        team_at_table = {p.role: p.staff_id for p in db.scalars(
            select(IntakeParticipant).where(IntakeParticipant.intake_id == opened.intake_id))}
    assert team_at_table == {role: a.staff_id for role, a in team.counsellors.items()}
    slot = s.intake_sessions.session(session_id=session_id).slots[1]
    assert slot.status is InvitationStatus.OPENED and slot.intake_id == opened.intake_id
    assert slot.intake_state is IntakeState.PLANNED
