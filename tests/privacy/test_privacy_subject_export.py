"""Right of access: the export holds every record about the youth, and nothing about anyone else."""

from __future__ import annotations

import json
from datetime import date

import pytest
from privacy_helpers import make_youth, territory_id
from pypdf import PdfReader
from sqlalchemy import select

from pac_desktop.domain.data_rights import RightsRequestKind
from pac_desktop.domain.enums import OutcomeMilestone, OutcomeSituation
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.services.data_rights import CASE_MODELS, write_subject_export
from pac_desktop.storage.models import AuditEvent, CaseReview, CaseReviewParticipant, CaseReviewYouth


@pytest.fixture
def two_files(loaded_services, people):
    s = loaded_services
    a = make_youth(s, first="Léonie", last="Exportable", phone="06 11 11 11 11", email="leonie@example.invalid",
                   referent=people.referent, full_file=True, contact_on=date(2026, 2, 1),
                   outcomes={OutcomeMilestone.MONTH_3: OutcomeSituation.TRAINING})
    b = make_youth(s, first="Bastien", last="Autrejeune", phone="06 22 22 22 22", email="bastien@example.invalid",
                   referent=people.referent, full_file=True, contact_on=date(2026, 2, 2))
    with s.ctx.write() as session:
        review = CaseReview(territory_id=territory_id(s, "tarbes"), planned_on=date(2026, 2, 20), title="Étude de cas",
                            place="Salle Fictive")
        session.add(review)
        session.flush()
        session.add(CaseReviewParticipant(review_id=review.id, staff_id=people.referent.staff_id))
        session.add(CaseReviewParticipant(review_id=review.id, full_name="Mère de Bastien Autrejeune"))
        session.add(CaseReviewYouth(case_id=a, review_id=review.id, youth_id=a, decision="Décision pour Léonie"))
        session.add(CaseReviewYouth(case_id=b, review_id=review.id, youth_id=b, decision="Décision pour Bastien"))
    s.data_rights.record_request(youth_id=a, kind=RightsRequestKind.CORRECTION, received_on=date(2026, 3, 1),
                                 text="Corriger l'adresse : 2 rue Imaginaire", actor=people.referent)
    return a, b


def test_the_export_holds_every_record_of_the_youth_and_nothing_of_another(loaded_services, people, two_files,
                                                                          tmp_path) -> None:
    a, b = two_files
    s = loaded_services
    export = s.data_rights.subject_export(youth_id=a, actor=people.referent)
    with s.ctx.read() as session:
        expected = {
            m.__sync_entity__: {r for r in session.scalars(select(m.id).where(m.case_id == a))} for m in CASE_MODELS
        }
    expected = {k: v for k, v in expected.items() if v}
    assert {k: {r["id"] for r in rows} for k, rows in export.records.items()} == expected
    assert {"youth", "guardian", "referral", "joint_intake", "analysis_note", "consent", "follow_up_event", "outcome",
            "referent_assignment", "case_review_youth", "data_rights_request"} <= set(export.records)

    json_path, pdf_path = write_subject_export(export, tmp_path / "export")
    text = json_path.read_text(encoding="utf-8")
    pdf = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    for document in (text, pdf):
        for other in (b, "Bastien", "Autrejeune", "06 22 22 22 22", "bastien@example.invalid", "Décision pour Bastien"):
            assert other not in document
    data = json.loads(text)
    assert data["records"]["youth"][0]["first_name"] == "Léonie"
    assert data["case_reviews"][0]["participants"] == [{"staff_id": people.referent.staff_id, "organisation_id": None}]
    for expected_text in ("Léonie Exportable", "Identité et coordonnées", "06 11 11 11 11", "Note de santé sur Léonie",
                          "Demande de rectification", "Rémi Testreferent", "Formation professionnelle",
                          "Décision pour Léonie", "Salle Fictive", "Qui a consulté"):
        assert expected_text in pdf, expected_text
    with s.ctx.read() as session:
        exports = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert [(e.youth_id, e.staff_id) for e in exports] == [(a, people.referent.staff_id)]


def test_only_the_referent_or_an_administrator_exports_a_file(loaded_services, people, two_files) -> None:
    a, _ = two_files
    assert loaded_services.data_rights.subject_export(youth_id=a, actor=people.admin).youth_id == a
    for actor in (people.other_referent, people.counsellor, people.committee, people.evaluator, people.ariege_referent):
        with pytest.raises(PermissionDenied):
            loaded_services.data_rights.subject_export(youth_id=a, actor=actor)


def test_corrections_and_objections_are_recorded_and_answered(loaded_services, people, two_files) -> None:
    a, _ = two_files
    s = loaded_services
    objection = s.data_rights.record_request(
        youth_id=a, kind=RightsRequestKind.OBJECTION, received_on=date(2026, 3, 10),
        text="S'oppose au partage avec la PJJ", actor=people.referent,
    )
    s.data_rights.close_request(request_id=objection, response="Partage avec la PJJ arrêté", actor=people.referent)
    requests = s.data_rights.requests(youth_id=a, actor=people.other_referent)  # read-only colleagues see them
    assert [(r.kind, r.handled_by_name) for r in requests] == [
        (RightsRequestKind.CORRECTION, None),
        (RightsRequestKind.OBJECTION, "Rémi Testreferent"),
    ]
    assert requests[1].handled_on == date(2026, 3, 12)
    with pytest.raises(DomainError, match="futur"):
        s.data_rights.record_request(youth_id=a, kind=RightsRequestKind.ACCESS, received_on=date(2026, 4, 1),
                                     text="Copie du dossier", actor=people.referent)
    with pytest.raises(PermissionDenied):
        s.data_rights.record_request(youth_id=a, kind=RightsRequestKind.ACCESS, received_on=date(2026, 3, 1),
                                     text="Copie du dossier", actor=people.evaluator)


def test_the_export_says_the_youths_refusal_of_messages_since_when_and_by_whom(loaded_services, people, two_files,
                                                                              tmp_path) -> None:
    a, _ = two_files
    s = loaded_services
    s.contacts.set_messages_refused(youth_id=a, refused=True, by=people.referent)
    export = s.data_rights.subject_export(youth_id=a, actor=people.referent)
    youth = export.records["youth"][0]
    assert youth["contact_opt_out"] is True and youth["contact_opt_out_by"] == people.referent.staff_id
    _, pdf_path = write_subject_export(export, tmp_path / "export")
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf_path).pages).split())
    # Said in French, the date in words and the author by name (never « Contact opt out » nor an id).
    assert "Ne souhaite plus être contacté·e par message (SMS, courriel) oui" in pdf, pdf
    assert "Choix sur les messages noté le 12 mars 2026" in pdf
    assert "Choix sur les messages noté par Rémi Testreferent" in pdf
    assert "Contact opt out" not in pdf and people.referent.staff_id not in pdf
