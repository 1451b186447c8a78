""" "À faire": outcomes due, follow-ups without contact for too long, next appointments."""

from __future__ import annotations

from datetime import UTC, date, datetime

from casefile_builders import make_staff, make_youth
from sqlalchemy import select

from pac_desktop.domain.enums import FollowUpKind
from pac_desktop.storage.models import JointIntake


def test_no_contact_for_too_long(loaded_services, today):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    recent = make_youth(s, first="Récent", last="Testsuivi", referent=me, followed_since=date(2026, 3, 1))
    old = make_youth(s, first="Ancien", last="Testsuivi", referent=me, followed_since=date(2026, 1, 5))
    called = make_youth(s, first="Appelé", last="Testsuivi", referent=me, followed_since=date(2026, 1, 5))
    s.casefile.add_follow_up(youth_id=called, kind=FollowUpKind.CALL, occurred_on=date(2026, 2, 10), by=me)
    s.casefile.add_follow_up(youth_id=old, kind=FollowUpKind.ABSENCE, occurred_on=date(2026, 3, 10), by=me)

    todo = s.todo.to_do(by=me)
    assert todo.no_contact_days == 30
    assert [(q.youth_name, q.last_contact_on, q.days) for q in todo.no_contact] == [
        ("Ancien Testsuivi", None, 66),  # followed since 5 January, never contacted (an absence is no contact)
    ]
    # 2026-02-10 is 30 days ago: "more than 30 days" is not reached yet.
    assert called not in {q.youth_id for q in todo.no_contact} and recent not in {q.youth_id for q in todo.no_contact}
    s.todo.set_no_contact_days(days=20)
    assert s.todo.no_contact_days() == 20
    assert {q.youth_name for q in s.todo.to_do(by=me).no_contact} == {"Ancien Testsuivi", "Appelé Testsuivi"}
    assert s.todo.to_do(by=me).count == 2


def test_next_appointments(loaded_services, today):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    soon = make_youth(s, first="Bientôt", last="Testrdv", referent=me, intake_on=date(2026, 3, 2))
    past = make_youth(s, first="Passé", last="Testrdv", referent=me, intake_on=date(2026, 3, 2))
    with s.ctx.write(me) as session:
        for youth_id, at in (
            (soon, datetime(2026, 3, 17, 9, 30, tzinfo=UTC)),
            (past, datetime(2026, 3, 5, 9, tzinfo=UTC)),
        ):
            intake = session.scalars(select(JointIntake).where(JointIntake.youth_id == youth_id)).one()
            intake.next_appointment_at = at
            intake.next_appointment_place = "Mission Locale de Tarbes"
            intake.next_appointment_staff_id = me.staff_id
    todo = s.todo.to_do(by=me)
    assert [(a.youth_name, a.at, a.place, a.with_name) for a in todo.appointments] == [
        ("Bientôt Testrdv", datetime(2026, 3, 17, 9, 30, tzinfo=UTC), "Mission Locale de Tarbes", "Rémi Testreferent")
    ]
    # Another referent's to-do list holds none of it.
    assert s.todo.to_do(by=make_staff(s, "Rosa", "Testautre")).appointments == ()
