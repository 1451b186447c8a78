"""Role denials on the protected services: a French message, nothing done, and an audit entry "denied"."""

from __future__ import annotations

from datetime import date

import pytest
from privacy_helpers import make_youth, territory_id
from sqlalchemy import func, select

from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.services.audit import AuditFilter
from pac_desktop.services.programme_settings import LOCK_AFTER_MINUTES
from pac_desktop.storage.models import AuditEvent, JointIntake, Youth


def _denials(services) -> list[str]:
    with services.ctx.read() as session:
        return list(session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "denied")))


def test_intakes_are_for_the_counsellors_of_the_territory(loaded_services, people) -> None:
    s = loaded_services
    tarbes, ariege = territory_id(s, "tarbes"), territory_id(s, "ariege")
    for actor, territory in ((people.evaluator, tarbes), (people.committee, tarbes), (people.admin, tarbes),
                             (people.counsellor, ariege)):
        with pytest.raises(PermissionDenied, match="accueil commun"):
            s.intake.create_youth(first_name="Nina", last_name="Refusee", birth_date=date(2009, 1, 1),
                                  territory_id=territory, by=actor)
    youth = make_youth(s)
    with pytest.raises(PermissionDenied):
        s.intake.start(youth_id=youth, by=people.referent)
    with s.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(Youth).where(Youth.last_name == "Refusee")) == 0
        assert session.scalar(select(func.count()).select_from(JointIntake)) == 0
    assert _denials(s) == ["intake.edit"] * 5
    created = s.intake.create_youth(first_name="Nina", last_name="Acceptee", birth_date=date(2009, 1, 1),
                                    territory_id=tarbes, by=people.counsellor)
    assert s.intake.start(youth_id=created.youth_id, by=people.counsellor)


def test_every_protected_service_refuses_the_evaluator(loaded_services, people) -> None:
    """The evaluator's role is the pseudonymised exports only: every other protected call is refused."""
    s = loaded_services
    youth = make_youth(s, referent=people.referent)
    tarbes = territory_id(s, "tarbes")
    calls = {
        "audit": lambda: s.audit.search(actor=people.evaluator),
        "settings": lambda: s.programme_settings.set(LOCK_AFTER_MINUTES, 5, actor=people.evaluator),
        "evaluation switch": lambda: s.evaluation.set_enabled(territory_id=tarbes, enabled=True,
                                                             actor=people.evaluator),
        "draw": lambda: s.evaluation.draw(youth_id=youth, by=people.evaluator),
        "purge plan": lambda: s.retention.plan(actor=people.evaluator),
        "purge": lambda: s.retention.purge(actor=people.evaluator, youth_ids=[]),
        "subject export": lambda: s.data_rights.subject_export(youth_id=youth, actor=people.evaluator),
        "rights request": lambda: s.data_rights.requests(youth_id=youth, actor=people.evaluator),
        "case file": lambda: s.casefile.case_file(youth_id=youth, by=people.evaluator),
        "new youth": lambda: s.intake.create_youth(first_name="A", last_name="B", birth_date=date(2009, 1, 1),
                                                   territory_id=tarbes, by=people.evaluator),
    }
    for name, call in calls.items():
        with pytest.raises(PermissionDenied) as denied:
            call()
        assert str(denied.value).startswith("Votre rôle (évaluateur) ne permet pas de"), name
    assert len(_denials(s)) == len(calls)
    page = s.audit.search(actor=people.admin, filters=AuditFilter(action="denied", staff_id=people.evaluator.staff_id))
    assert page.total == len(calls) and {line.staff_name for line in page.lines} == {"Eva Testevaluatrice"}
