"""Role denials on the protected services: a French message, nothing done, and an audit entry "denied"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from privacy_helpers import make_youth, territory_id
from sqlalchemy import func, select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.services.audit import AuditFilter
from pac_desktop.services.programme_settings import LOCK_AFTER_MINUTES
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.models import AuditEvent, JointIntake, Youth


def _staff_actor(services, first: str, last: str, org: str, *roles: StaffRole):  # noqa: ANN202
    staff_id = services.staff.add(first_name=first, last_name=last, organisation_code=org, roles=roles)
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


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
        assert re.match(r"Votre rôle \(évaluateur\) ne permet pas (de |d')", str(denied.value)), name
    assert len(_denials(s)) == len(calls)
    page = s.audit.search(actor=people.admin, filters=AuditFilter(action="denied", staff_id=people.evaluator.staff_id))
    assert page.total == len(calls) and {line.staff_name for line in page.lines} == {"Eva Testevaluatrice"}


def test_an_intake_is_read_and_written_by_the_counsellors_of_its_territory_only(loaded_services, people) -> None:
    s = loaded_services
    youth = make_youth(s)
    intake_id = s.intake.start(youth_id=youth, by=people.counsellor)
    s.intake.save_field(intake_id=intake_id, field="referral.source", value="cio", by=people.counsellor)
    ariege_counsellor = _staff_actor(s, "Ada", "Testariegeoise", "cio-ariege", StaffRole.COUNSELLOR)
    before = len(_denials(s))
    writes = {
        "field": lambda who: s.intake.save_field(intake_id=intake_id, field="intake.shared_diagnosis",
                                                 value="Écrit par quelqu'un d'autre", by=who),
        "step": lambda who: s.intake.set_step(intake_id=intake_id, step="analysis", by=who),
        "cancel": lambda who: s.intake.cancel(intake_id=intake_id, reason="Essai de refus", by=who),
        "open intakes": lambda who: s.intake.open_intakes(by=who, territory_id=territory_id(s, "tarbes")),
        "read": lambda who: s.intake.intake_detail(intake_id=intake_id, by=who),
        "duplicates": lambda who: s.intake.find_youth(name="Zoé Testfictive", by=who),
    }
    for who in (people.committee, people.evaluator, ariege_counsellor):
        for name, call in writes.items():
            if who is ariege_counsellor and name in ("duplicates",):
                continue  # a counsellor searches every territory for duplicates before creating a file
            with pytest.raises(PermissionDenied):
                call(who)
            assert len(_denials(s)) > before, name
            before = len(_denials(s))
    detail = s.intake.intake_detail(intake_id=intake_id, by=people.counsellor)
    assert detail.shared_diagnosis == "" and detail.state.value == "stage_1"
    # A referent of the territory reads the intake (the case file's tab), but does not write it.
    assert s.intake.intake_detail(intake_id=intake_id, by=people.referent).id == intake_id
    with pytest.raises(PermissionDenied, match="accueil commun"):
        s.intake.set_barrier(intake_id=intake_id, barrier="housing", checked=True, by=people.referent)


def test_lists_of_youths_keep_to_the_territory(loaded_services, people) -> None:
    s = loaded_services
    make_youth(s, first="Zoé", referent=people.referent)
    from pac_desktop.services.youths import ALL_YOUTHS, YouthFilters

    assert [r.first_name for r in s.youths.search(by=people.other_referent, filters=ALL_YOUTHS).rows] == ["Zoé"]
    assert s.youths.search(by=people.ariege_referent, filters=ALL_YOUTHS).rows == ()  # theirs only: Ariège
    with pytest.raises(PermissionDenied, match="autre territoire"):
        s.youths.search(by=people.ariege_referent, filters=YouthFilters(mine=False,
                                                                        territory_id=territory_id(s, "tarbes")))
    # The count a search as it is typed leaves for later keeps to the same rule (stop 27).
    assert s.youths.count(by=people.ariege_referent, filters=ALL_YOUTHS) == (0, False)
    with pytest.raises(PermissionDenied, match="autre territoire"):
        s.youths.count(by=people.ariege_referent, filters=YouthFilters(mine=False,
                                                                       territory_id=territory_id(s, "tarbes")))
    for who in (people.committee, people.evaluator, people.admin):
        with pytest.raises(PermissionDenied):
            s.youths.search(by=who, filters=ALL_YOUTHS)
        with pytest.raises(PermissionDenied):
            s.youths.count(by=who, filters=ALL_YOUTHS)
        with pytest.raises(PermissionDenied):
            s.todo.outcomes_due(by=who)
    assert s.todo.outcomes_due(by=people.referent, referent_id=people.referent.staff_id) == []


def test_staff_are_added_by_an_administrator_once_one_can_sign_in(loaded_services, people) -> None:
    s = loaded_services
    # people.admin has no login: the store is still being set up, anyone may add staff.
    s.staff.add(first_name="Premier", last_name="Testadmin", organisation_code="ml-tarbes",
                roles=["administrator"], login="premier-admin", password="mot-de-passe-solide")
    with pytest.raises(PermissionDenied, match="Connectez-vous"):
        s.staff.add(first_name="Sans", last_name="Connexion", organisation_code="ml-tarbes", roles=["referent"])
    with pytest.raises(PermissionDenied, match="gérer le personnel"):
        s.staff.add(first_name="Par", last_name="Unreferent", organisation_code="ml-tarbes", roles=["referent"],
                    by=people.referent)
    assert s.staff.add(first_name="Par", last_name="Ladmin", organisation_code="ml-tarbes", roles=["referent"],
                       by=people.admin)
    assert _denials(s)[-2:] == ["staff.manage", "staff.manage"]


def test_nobody_prints_without_signing_in(loaded_services, people, tmp_path) -> None:
    s = loaded_services
    with pytest.raises(PermissionDenied, match="Connectez-vous"):
        s.documents.print_indicators(path=tmp_path / "i.pdf", actor=None, date_from=date(2026, 1, 1),
                                     date_to=date(2026, 3, 1))
    assert not (tmp_path / "i.pdf").exists()
