"""The audit trail: logins, failed logins, locks, views and denials recorded; administrators search it;
repeated failed passwords are slowed down; no personal data in the application's logs."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from privacy_helpers import make_youth
from sqlalchemy import select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.services.audit import AuditFilter
from pac_desktop.services.sessions import SessionService
from pac_desktop.services.staff import LoginRefused, StaffService
from pac_desktop.storage.models import AuditEvent

PASSWORD = "motdepasse-solide"


class Clock:
    now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sessions(loaded_services):
    clock = Clock()
    loaded_services.staff.add(first_name="Lou", last_name="Testlogin", organisation_code="cio-tarbes",
                              roles=[StaffRole.COUNSELLOR], login="lou", password=PASSWORD)
    service = SessionService(loaded_services.ctx, StaffService(loaded_services.ctx),
                             loaded_services.programme_settings, clock=clock)
    return service, clock


def _actions(services) -> list[tuple[str, str | None]]:
    with services.ctx.read() as session:
        return [(e.action, e.staff_id) for e in session.scalars(select(AuditEvent).order_by(AuditEvent.at))]


def test_logins_failures_locks_and_unlocks_are_audited(loaded_services, sessions) -> None:
    service, _ = sessions
    with pytest.raises(LoginRefused):
        service.login(login="lou", password="mauvais-mot-de-passe")
    with pytest.raises(LoginRefused):
        service.login(login="personne", password="mauvais-mot-de-passe")
    actor = service.login(login="lou", password=PASSWORD)
    service.lock(actor=actor)
    with pytest.raises(LoginRefused, match="Mot de passe incorrect"):
        service.unlock(actor=actor, password="pas-le-bon")
    service.unlock(actor=actor, password=PASSWORD)
    service.logout(actor=actor)
    me = actor.staff_id
    assert _actions(loaded_services) == [
        ("login_failed", me), ("login_failed", None), ("login", me), ("lock", me), ("unlock_failed", me),
        ("unlock", me), ("logout", me),
    ]
    with loaded_services.ctx.read() as session:
        details = " ".join(e.detail for e in session.scalars(select(AuditEvent)))
    assert "personne" not in details and "mauvais" not in details  # typed text is never recorded
    assert service.lock_after_seconds() == 600


def test_five_wrong_passwords_then_a_delay_even_for_the_right_one(loaded_services, sessions) -> None:
    service, clock = sessions
    for _ in range(4):
        with pytest.raises(LoginRefused, match="Identifiant ou mot de passe incorrect"):
            service.login(login="lou", password="faux-mot-de-passe")
    with pytest.raises(LoginRefused, match="patientez 30 secondes"):
        service.login(login="lou", password="faux-mot-de-passe")
    with pytest.raises(LoginRefused, match="patientez"):
        service.login(login="lou", password=PASSWORD)
    clock.now += 31
    assert service.login(login="lou", password=PASSWORD).first_name == "Lou"


def test_administrators_search_the_trail_by_staff_action_and_period(loaded_services, people) -> None:
    s = loaded_services
    youth = make_youth(s, referent=people.referent)
    s.audit.record(action="view", by=people.referent, entity="youth", entity_id=youth, youth_id=youth)
    s.audit.record(action="print", by=people.referent, entity="youth", entity_id=youth, youth_id=youth)
    with pytest.raises(PermissionDenied):
        s.retention.plan(actor=people.referent)
    page = s.audit.search(actor=people.admin)
    assert page.total == 3
    assert [line.action for line in page.lines][0] == "denied"
    by_action = s.audit.search(actor=people.admin, filters=AuditFilter(action="view"))
    assert [(line.staff_name, line.action_label, line.youth_id) for line in by_action.lines] == [
        ("Rémi Testreferent", "Consultation d'un dossier", youth)
    ]
    mine = s.audit.search(actor=people.admin, filters=AuditFilter(staff_id=people.referent.staff_id))
    assert mine.total == 3
    assert s.audit.search(actor=people.admin, filters=AuditFilter(since=date(2030, 1, 1))).total == 0
    today = date.today()
    assert s.audit.search(actor=people.admin, filters=AuditFilter(since=today, until=today)).total == 3
    # The trail itself is for administrators only (and the refusal is recorded too).
    with pytest.raises(PermissionDenied, match="journal d'audit"):
        s.audit.search(actor=people.referent)
    assert s.audit.search(actor=people.admin).total == 4
    assert ("view", "Consultation d'un dossier") in s.audit.actions()


def test_no_personal_data_in_the_application_logs(loaded_services, people, caplog, tmp_path) -> None:
    """A full run through the data-protection services at DEBUG level: the youth's name never reaches a log."""
    caplog.set_level(logging.DEBUG)
    s = loaded_services
    name = "Personnagefictif"
    youth = make_youth(s, first="Ambre", last=name, referent=people.referent, full_file=True,
                       contact_on=date(2023, 1, 2))
    s.data_rights.subject_export(youth_id=youth, actor=people.referent)
    from pac_desktop.services.data_rights import write_subject_export

    write_subject_export(s.data_rights.subject_export(youth_id=youth, actor=people.admin), tmp_path / "out")
    for actor in (people.evaluator, people.committee):
        with pytest.raises(PermissionDenied):
            s.data_rights.subject_export(youth_id=youth, actor=actor)
    plan = s.retention.plan(actor=people.admin)
    s.retention.purge(actor=people.admin, youth_ids=[c.youth_id for c in plan.candidates])
    logged = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert name not in logged and "Ambre" not in logged
