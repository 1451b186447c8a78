"""Referent change: reason and history, the cap (refused at 50, administrator override), who may do it."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import func, select

from pac_desktop.domain.caseload import CaseloadCapReached
from pac_desktop.domain.enums import StaffRole, YouthStatus
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.storage.models import AuditEvent, OutboxEntry, ReferentAssignment


@pytest.fixture
def team(loaded_services):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    small = make_staff(s, "Rosa", "Testautre", cap=2)
    admin = make_staff(s, "Adèle", "Testadmin", roles=(StaffRole.ADMINISTRATOR,))
    return s, me, small, admin


def test_change_closes_one_follow_up_and_opens_another(team, today):
    s, me, small, _ = team
    youth = make_youth(s, first="Léa", last="Testmartin", referent=me, followed_since=date(2026, 1, 5))
    period = s.casefile.change_referent(
        youth_id=youth, staff_id=small.staff_id, reason="Déménagement à Lourdes, plus près de Rosa.", by=me
    )
    assert (period.staff_name, period.started_on, period.reason, period.designated_by_name) == (
        "Rosa Testautre",
        today,
        "Déménagement à Lourdes, plus près de Rosa.",
        "Rémi Testreferent",
    )
    case = s.casefile.case_file(youth_id=youth, by=small)
    assert case.header.referent_name == "Rosa Testautre"
    assert [(r.staff_name, r.started_on, r.ended_on) for r in case.referents] == [
        ("Rosa Testautre", today, None),
        ("Rémi Testreferent", date(2026, 1, 5), today),
    ]
    with s.ctx.read() as session:
        ops = session.execute(
            select(OutboxEntry.op, func.count())
            .where(OutboxEntry.entity == "referent_assignment", OutboxEntry.case_id == youth)
            .group_by(OutboxEntry.op)
        ).all()
    assert dict(ops) == {"create": 2, "update": 1}
    # Rémi is no longer the referent: he may not hand the youth over again.
    with pytest.raises(PermissionDenied):
        s.casefile.change_referent(youth_id=youth, staff_id=me.staff_id, reason="Retour chez Rémi.", by=me)
    with s.ctx.read() as session:
        assert session.scalar(select(func.count()).where(AuditEvent.action == "denied")) == 1


def test_refused_at_the_cap_unless_an_administrator_overrides(team):
    s, me, small, admin = team
    make_youth(s, first="Una", last="Testplein", referent=small)
    make_youth(s, first="Duo", last="Testplein", referent=small)
    youth = make_youth(s, first="Léa", last="Testmartin", referent=me)
    candidates = {c.name: c for c in s.casefile.referent_candidates(youth_id=youth)}
    assert candidates["Rosa Testautre"].full and candidates["Rosa Testautre"].caseload_label == "2 / 2"
    assert candidates["Rémi Testreferent"].current and not candidates["Rémi Testreferent"].full
    assert "Adèle Testadmin" not in candidates  # not a referent

    with pytest.raises(CaseloadCapReached, match="Rosa Testautre suit déjà 2 jeunes sur 2 : le plafond est atteint"):
        s.casefile.change_referent(youth_id=youth, staff_id=small.staff_id, reason="Changement de secteur.", by=me)
    # The referent's reason for an override is not enough: only an administrator may go over the cap.
    with pytest.raises(CaseloadCapReached):
        s.casefile.change_referent(
            youth_id=youth,
            staff_id=small.staff_id,
            reason="Changement de secteur.",
            cap_override_reason="Rosa connaît déjà la famille.",
            by=me,
        )
    with pytest.raises(CaseloadCapReached, match="au moins 10 caractères"):
        s.casefile.change_referent(
            youth_id=youth, staff_id=small.staff_id, reason="Changement de secteur.", cap_override_reason="vu", by=admin
        )
    period = s.casefile.change_referent(
        youth_id=youth,
        staff_id=small.staff_id,
        reason="Changement de secteur.",
        cap_override_reason="Rosa connaît déjà la famille.",
        by=admin,
    )
    assert period.cap_override_reason == "Rosa connaît déjà la famille."
    assert s.casefile.case_file(youth_id=youth, by=small).referents[0].cap_override_reason == period.cap_override_reason


def test_checks(team):
    s, me, small, admin = team
    youth = make_youth(s, first="Léa", last="Testmartin", referent=me)
    with pytest.raises(DomainError, match="raison"):
        s.casefile.change_referent(youth_id=youth, staff_id=small.staff_id, reason="  ", by=me)
    with pytest.raises(DomainError, match="déjà le référent"):
        s.casefile.change_referent(youth_id=youth, staff_id=me.staff_id, reason="Aucune raison.", by=me)
    with pytest.raises(DomainError, match="n'a pas le rôle de référent"):
        s.casefile.change_referent(youth_id=youth, staff_id=admin.staff_id, reason="Essai de test.", by=me)


def test_a_youth_without_referent_gets_one(team, today):
    s, me, small, _ = team
    youth = make_youth(s, first="Sans", last="Testreferent")
    s.casefile.change_referent(youth_id=youth, staff_id=me.staff_id, reason="Désignation après l'accueil.", by=me)
    with s.ctx.read() as session:
        assert (
            session.scalar(
                select(ReferentAssignment.staff_id).where(
                    ReferentAssignment.youth_id == youth, ReferentAssignment.ended_on.is_(None)
                )
            )
            == me.staff_id
        )
    assert s.casefile.header(youth_id=youth).status is YouthStatus.FOLLOWED
