"""Case reviews: planned with two youths and partners, decisions per youth, shown in each youth's file."""

from __future__ import annotations

from datetime import date

from casefile_builders import make_staff, make_youth
from sqlalchemy import func, select

from pac_desktop.storage.models import CaseReviewYouth, Organisation, OutboxEntry


def test_plan_a_review_with_two_youths_and_record_decisions(loaded_services, today):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    colleague = make_staff(s, "Rosa", "Testautre")
    lea = make_youth(s, first="Léa", last="Testmartin", referent=me)
    tom = make_youth(s, first="Tom", last="Testdurand", referent=me)
    other = make_youth(s, first="Zoé", last="Testailleurs", referent=colleague)
    with s.ctx.read() as session:
        pjj = session.scalar(select(Organisation.id).where(Organisation.code == "pjj-tarbes"))
    review_id = s.reviews.plan_review(
        planned_on=date(2026, 3, 19),
        title="Synthèse de mars",
        place="Mission Locale de Tarbes",
        youth_ids=[lea, tom],
        staff_ids=[colleague.staff_id],
        organisation_ids=[pjj],
        other_participants=["Mme Testeducatrice (foyer)"],
        by=me,
    )
    detail = s.reviews.review(review_id=review_id)
    assert [y.youth_name for y in detail.youths] == ["Tom Testdurand", "Léa Testmartin"]
    assert {p.name for p in detail.participants} >= {
        "Rémi Testreferent",
        "Rosa Testautre",
        "Mme Testeducatrice (foyer)",
    }
    assert not detail.held and detail.territory_name == "Tarbes" and detail.organiser_name == "Rémi Testreferent"
    summary = s.reviews.reviews()[0]
    assert (summary.title, summary.youth_count, summary.decided_count) == ("Synthèse de mars", 2, 0)

    s.reviews.record_decision(review_id=review_id, youth_id=lea, decision="Orientation vers la PJJ.", by=me)
    assert s.reviews.review(review_id=review_id).held
    lea_file = s.casefile.case_file(youth_id=lea, by=me)
    assert [(d.title, d.decision) for d in lea_file.decisions] == [("Synthèse de mars", "Orientation vers la PJJ.")]
    assert "Rosa Testautre" in lea_file.decisions[0].participants
    assert [d.decision for d in s.casefile.case_file(youth_id=tom, by=me).decisions] == [""]
    assert s.casefile.case_file(youth_id=other, by=colleague).decisions == ()
    assert s.reviews.reviews(youth_id=other) == []
    with s.ctx.read() as session:
        assert session.scalar(select(func.count()).where(CaseReviewYouth.review_id == review_id)) == 2
        entities = set(session.scalars(select(OutboxEntry.entity)))
    assert {"case_review", "case_review_participant", "case_review_youth"} <= entities
