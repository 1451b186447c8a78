"""The follow-up diary (newest first, every kind, partner mobilisations) and the solutions' progress."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import select

from pac_desktop.domain.enums import FollowUpKind, OfferCategory, SolutionStatus, YouthAnswer
from pac_desktop.domain.errors import DomainError
from pac_desktop.storage.models import Organisation, ServiceOffer


@pytest.fixture
def file(loaded_services):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    youth = make_youth(s, first="Léa", last="Testmartin", referent=me, intake_on=date(2026, 1, 8))
    return s, me, youth


def test_timeline_newest_first_with_every_kind(file):
    s, me, youth = file
    with s.ctx.read() as session:
        pjj = session.scalar(select(Organisation.id).where(Organisation.code == "pjj-tarbes"))
    for day, kind in enumerate(FollowUpKind, start=1):
        s.casefile.add_follow_up(
            youth_id=youth,
            kind=kind,
            occurred_on=date(2026, 2, day),
            note=f"Note fictive {kind.value}.",
            partner_organisation_id=pjj if kind is FollowUpKind.PARTNER_MOBILISATION else None,
            by=me,
        )
    timeline = s.casefile.case_file(youth_id=youth, by=me).timeline
    assert [e.kind for e in timeline] == list(reversed(FollowUpKind))
    assert [e.occurred_on for e in timeline] == sorted((e.occurred_on for e in timeline), reverse=True)
    mobilisation = timeline[0]
    assert mobilisation.partner_name and "PJJ" in mobilisation.partner_name.upper() or mobilisation.partner_name
    assert mobilisation.staff_name == "Rémi Testreferent" and not mobilisation.is_contact
    assert [r.last_contact_on for r in s.youths.search(by=me).rows] == [date(2026, 2, 4)]  # the home visit


def test_follow_up_checks(file):
    s, me, youth = file
    with pytest.raises(DomainError, match="choisissez le partenaire"):
        s.casefile.add_follow_up(
            youth_id=youth, kind=FollowUpKind.PARTNER_MOBILISATION, occurred_on=date(2026, 3, 1), by=me
        )
    with pytest.raises(DomainError, match="dans le futur"):
        s.casefile.add_follow_up(youth_id=youth, kind=FollowUpKind.CALL, occurred_on=date(2026, 3, 13), by=me)


def test_solution_progress(file, today):
    s, me, youth = file
    with s.ctx.read() as session:
        offer = session.scalars(select(ServiceOffer).order_by(ServiceOffer.code)).first()
    from_catalogue = s.casefile.add_solution(youth_id=youth, offer_id=offer.id, by=me)
    free = s.casefile.add_solution(
        youth_id=youth, free_text="Stage fictif chez un boulanger", category=OfferCategory.JOB_SEARCH, by=me
    )
    s.casefile.set_solution_status(
        solution_id=from_catalogue, status=SolutionStatus.STARTED, on=date(2026, 2, 2), by=me
    )
    s.casefile.set_solution_status(
        solution_id=from_catalogue, status=SolutionStatus.COMPLETED, note="Module validé.", by=me
    )
    s.casefile.set_solution_status(solution_id=free, status=SolutionStatus.ABANDONED, note="Le jeune a renoncé.", by=me)
    solutions = {v.id: v for v in s.casefile.case_file(youth_id=youth, by=me).solutions}
    done = solutions[from_catalogue]
    assert (done.title, done.status, done.started_on, done.ended_on, done.youth_answer) == (
        offer.title,
        SolutionStatus.COMPLETED,
        date(2026, 2, 2),
        today,
        YouthAnswer.ACCEPTED,
    )
    assert done.notes.splitlines() == ["02/02/2026 — Commencée", "12/03/2026 — Terminée : Module validé."]
    assert solutions[free].title == "Stage fictif chez un boulanger"
    assert solutions[free].status is SolutionStatus.ABANDONED
    with pytest.raises(DomainError, match="ne peut pas passer"):
        s.casefile.set_solution_status(solution_id=free, status=SolutionStatus.STARTED, by=me)
    with pytest.raises(DomainError, match="Décrivez la solution"):
        s.casefile.add_solution(youth_id=youth, category=OfferCategory.HEALTH, by=me)
    # The catalogue's rules are the intake's: an offer of another territory is not proposed here.
    with s.ctx.read() as session:
        elsewhere = session.scalar(select(ServiceOffer.id).where(ServiceOffer.code == "retour-cap-pierre-bayle"))
    with pytest.raises(DomainError, match="pas proposée sur le territoire"):
        s.casefile.add_solution(youth_id=youth, offer_id=elsewhere, by=me)
