"""The joint intake through the service, start to lock: every write attributed, in the outbox, then locked."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime

import pytest
from intake_builders import fill_until_validation, make_team, new_youth, offer_id
from sqlalchemy import select

from pac_desktop.domain.enums import (
    AnalysisSection,
    Barrier,
    ConsentKind,
    IntakeRole,
    IntakeState,
    OfferCategory,
    OutcomeMilestone,
    ParticipantKind,
    ReferralSource,
    YouthAnswer,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import PARIS
from pac_desktop.domain.team import RoleNotAllowed
from pac_desktop.services.intake import IntakeAlreadyOpen, IntakeLocked, IntakeStep
from pac_desktop.storage.models import (
    AnalysisNote,
    IntakeBarrier,
    IntakeConsent,
    IntakeParticipant,
    IntakeValidation,
    JointIntake,
    OutboxEntry,
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    Youth,
)


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def test_start_prefills_the_territory_team_and_the_logged_in_counsellor(loaded_services, team):
    youth_id = new_youth(loaded_services, team)
    intake_id = loaded_services.intake.start(youth_id=youth_id, by=team.lead)
    detail = loaded_services.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.state == IntakeState.STAGE_1 and detail.held_on == date(2026, 3, 12)
    assert [p.role for p in detail.counsellors] == list(IntakeRole)  # Tarbes: four roles
    cio = detail.counsellors[0]
    assert cio.staff_id == team.lead.staff_id and cio.initials == "MD" and cio.staff_name == "Maud Dufictif"
    assert all(p.staff_id is None for p in detail.counsellors[1:])
    assert detail.header == "Accueil commun — Léa T., 17 ans · Tarbes"
    assert detail.youth.minor and detail.required_consents == (ConsentKind.YOUTH, ConsentKind.GUARDIAN)
    assert detail.youth.status == YouthStatus.IN_INTAKE
    with pytest.raises(IntakeAlreadyOpen) as again:
        loaded_services.intake.start(youth_id=youth_id, by=team.lead)
    assert again.value.intake_id == intake_id


def test_staff_choices_are_the_right_kind_of_organisation_in_the_territory(loaded_services, team):
    other = make_team(loaded_services, "toulouse-nord", suffix="-tn")
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    detail = loaded_services.intake.intake_detail(intake_id=intake_id, by=team.lead)
    mgi_choices = loaded_services.intake.staff_choices(intake_id=intake_id, role=IntakeRole.MGI_COUNSELLOR)
    assert [c.name for c in mgi_choices] == ["Paul Lessai", "Inès Suivifictif"]
    chamber = loaded_services.intake.staff_choices(intake_id=intake_id, role=IntakeRole.APPRENTICESHIP_CORRESPONDENT)
    assert [c.name for c in chamber] == ["Claire Apprentest"]
    mgi_row = next(p for p in detail.counsellors if p.role == IntakeRole.MGI_COUNSELLOR)
    with pytest.raises(RoleNotAllowed, match="Mission générale d'insertion"):
        loaded_services.intake.update_participant(
            participant_id=mgi_row.id, staff_id=team.counsellors[IntakeRole.ML_COUNSELLOR].staff_id, by=team.lead
        )
    with pytest.raises(DomainError, match="autre territoire"):
        loaded_services.intake.update_participant(
            participant_id=mgi_row.id, staff_id=other.counsellors[IntakeRole.MGI_COUNSELLOR].staff_id, by=team.lead
        )


def test_a_full_intake_is_stored_field_by_field_attributed_and_in_the_outbox(loaded_services, team, store):
    intake = loaded_services.intake
    youth_id = new_youth(loaded_services, team)
    intake_id = intake.start(youth_id=youth_id, by=team.lead)
    mgi = team.counsellors[IntakeRole.MGI_COUNSELLOR]
    ml = team.counsellors[IntakeRole.ML_COUNSELLOR]
    chamber = team.counsellors[IntakeRole.APPRENTICESHIP_CORRESPONDENT]

    intake.save_field(intake_id=intake_id, field="youth.phone", value="06 00 00 00 01", by=team.lead)
    intake.save_field(intake_id=intake_id, field="referral.source", value=ReferralSource.SCHOOL, by=team.lead)
    intake.save_field(intake_id=intake_id, field="referral.referred_on", value="02/03/2026", by=team.lead)
    intake.save_field(intake_id=intake_id, field="referral.referrer_structure", value="Lycée fictif", by=team.lead)
    result = intake.save_field(intake_id=intake_id, field="youth.left_school_on", value=date(2026, 1, 9), by=mgi)
    assert result.eligibility is not None and not result.eligibility.eligible  # two facts still unknown
    intake.save_field(intake_id=intake_id, field="youth.has_qualification", value=False, by=team.lead)
    result = intake.save_field(intake_id=intake_id, field="youth.followed_by_structure", value="non", by=team.lead)
    assert result.eligibility.eligible and result.eligibility.message.startswith("Le jeune remplit")

    intake.record_consent(
        intake_id=intake_id, kind=ConsentKind.YOUTH, given=True, collected_by=ml.staff_id, by=team.lead
    )
    intake.record_consent(
        intake_id=intake_id,
        kind=ConsentKind.GUARDIAN,
        given=True,
        given_on=date(2026, 3, 11),
        collected_by=team.lead.staff_id,
        guardian_name="M. Tuteur-Fictif",
        by=team.lead,
    )
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    for p in detail.counsellors[1:]:
        intake.update_participant(participant_id=p.id, staff_id=team.counsellors[p.role].staff_id, by=team.lead)
    family_id = intake.add_family_member(
        intake_id=intake_id, full_name="Mme Mère-Fictive", relationship="mère", by=team.lead
    )

    intake.set_step(intake_id=intake_id, step=IntakeStep.ANALYSIS, by=team.lead)
    notes = {}
    for author, section, text in (
        (team.lead, AnalysisSection.SCHOOLING, "A quitté la seconde en janvier."),
        (mgi, AnalysisSection.SCHOOLING, "Intéressée par un CAP."),
        (chamber, AnalysisSection.PROFESSIONAL_PROJECT, "Curieuse de l'apprentissage en boulangerie."),
        (ml, AnalysisSection.HEALTH, "Rien à signaler."),
    ):
        note_id = str(uuid.uuid4())
        notes[note_id] = (author, section)
        # Typed in three autosaves: the same row, edited.
        for part in (text[:5], text[:12], text):
            intake.save_note(
                intake_id=intake_id,
                note_id=note_id,
                section=section,
                author_staff_id=author.staff_id,
                text=part,
                by=team.lead,
            )
    intake.set_barrier(intake_id=intake_id, barrier=Barrier.MOBILITY, checked=True, by=team.lead)
    intake.set_barrier(intake_id=intake_id, barrier=Barrier.SELF_CONFIDENCE, checked=True, by=team.lead)
    intake.set_barrier(intake_id=intake_id, barrier=Barrier.MOBILITY, checked=False, by=team.lead)
    intake.set_barrier(intake_id=intake_id, barrier=Barrier.MOBILITY, checked=True, by=team.lead)  # ticked again
    intake.save_field(intake_id=intake_id, field="intake.shared_diagnosis", value="Projet apprentissage.", by=team.lead)
    intake.save_field(intake_id=intake_id, field="intake.diagnosis_agreed", value=True, by=team.lead)

    assert intake.set_step(intake_id=intake_id, step=IntakeStep.SOLUTIONS, by=team.lead) == IntakeState.STAGE_2
    offer = offer_id(loaded_services, "prepa-apprentissage-cma")
    solution_id = intake.add_solution(intake_id=intake_id, offer_id=offer, by=team.lead)
    intake.update_solution(
        solution_id=solution_id, youth_answer=YouthAnswer.ACCEPTED, planned_start=date(2026, 4, 1), by=team.lead
    )
    free_id = intake.add_solution(
        intake_id=intake_id,
        free_text="Stage découverte en boulangerie",
        category=OfferCategory.JOB_SEARCH,
        by=team.lead,
    )
    intake.update_solution(solution_id=free_id, youth_answer=YouthAnswer.THINKING, by=team.lead)
    referent = team.referents[0]
    info = intake.designate_referent(intake_id=intake_id, staff_id=referent.staff_id, by=team.lead)
    assert info.caseload_label == "1 / 50"
    intake.save_field(
        intake_id=intake_id, field="intake.next_appointment_at", value=datetime(2026, 3, 20, 10, 30), by=team.lead
    )
    intake.save_field(intake_id=intake_id, field="intake.next_appointment_place", value="ML Tarbes", by=team.lead)

    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.missing == ()
    assert detail.next_appointment_staff_id == referent.staff_id  # pre-filled with the referent
    outcome = None
    for member in team.members:
        outcome = intake.validate(intake_id=intake_id, staff_id=member.staff_id, by=member)
        if member is not team.members[-1]:
            assert not outcome.locked and outcome.waiting_for
    assert outcome.locked and len(outcome.validated_by) == 4

    with store.session_factory() as s:
        row = s.get(JointIntake, intake_id)
        assert row.state == IntakeState.VALIDATED and row.validated_at is not None
        assert row.held_on == date(2026, 3, 12) and row.current_step == "validation"
        assert row.shared_diagnosis == "Projet apprentissage." and row.diagnosis_agreed
        assert row.next_appointment_at == datetime(2026, 3, 20, 10, 30, tzinfo=PARIS)
        assert row.next_appointment_place == "ML Tarbes" and row.next_appointment_staff_id == referent.staff_id
        # The last validation locks the intake, made by the counsellor who validated last (issue 13).
        assert row.created_by == team.lead.staff_id and row.updated_by == team.members[-1].staff_id
        youth = s.get(Youth, youth_id)
        assert youth.status == YouthStatus.FOLLOWED and youth.phone == "06 00 00 00 01"
        assert (youth.left_school_on, youth.has_qualification, youth.followed_by_structure) == (
            date(2026, 1, 9),
            False,
            False,
        )
        referral = s.get(Referral, row.referral_id)
        assert (referral.source, referral.referred_on, referral.referrer_structure) == (
            ReferralSource.SCHOOL,
            date(2026, 3, 2),
            "Lycée fictif",
        )
        consents = {c.kind: c for c in s.scalars(select(IntakeConsent).where(IntakeConsent.intake_id == intake_id))}
        assert consents[ConsentKind.YOUTH].collected_by == ml.staff_id and consents[ConsentKind.YOUTH].given
        assert consents[ConsentKind.GUARDIAN].guardian_name == "M. Tuteur-Fictif"
        assert consents[ConsentKind.GUARDIAN].given_on == date(2026, 3, 11)
        people = s.scalars(select(IntakeParticipant).where(IntakeParticipant.intake_id == intake_id)).all()
        assert {p.staff_id for p in people if p.kind == ParticipantKind.COUNSELLOR} == {
            m.staff_id for m in team.members
        }
        assert s.get(IntakeParticipant, family_id).full_name == "Mme Mère-Fictive"
        stored_notes = s.scalars(select(AnalysisNote).where(AnalysisNote.intake_id == intake_id)).all()
        assert len(stored_notes) == 4  # one row per note, however many autosaves
        for note in stored_notes:
            author, section = notes[note.id]
            assert (note.author_staff_id, note.section) == (author.staff_id, section)
        live_barriers = s.scalars(
            select(IntakeBarrier.barrier).where(
                IntakeBarrier.intake_id == intake_id, IntakeBarrier.deleted_at.is_(None)
            )
        ).all()
        assert sorted(live_barriers) == sorted([Barrier.MOBILITY, Barrier.SELF_CONFIDENCE])
        solutions = {
            p.id: p for p in s.scalars(select(ProposedSolution).where(ProposedSolution.intake_id == intake_id))
        }
        assert solutions[solution_id].offer_id == offer and solutions[solution_id].youth_answer == YouthAnswer.ACCEPTED
        assert solutions[solution_id].planned_start == date(2026, 4, 1)
        assert solutions[free_id].free_text == "Stage découverte en boulangerie"
        assignment = s.scalar(select(ReferentAssignment).where(ReferentAssignment.intake_id == intake_id))
        assert assignment.staff_id == referent.staff_id and assignment.designated_by == team.lead.staff_id
        assert assignment.started_on == date(2026, 3, 12) and assignment.cap_override_reason is None
        validations = s.scalars(select(IntakeValidation.staff_id).where(IntakeValidation.intake_id == intake_id)).all()
        assert set(validations) == {m.staff_id for m in team.members}
        outcomes = {o.milestone: o.due_on for o in s.scalars(select(Outcome).where(Outcome.youth_id == youth_id))}
        assert outcomes == {
            OutcomeMilestone.MONTH_3: date(2026, 6, 12),
            OutcomeMilestone.MONTH_6: date(2026, 9, 12),
            OutcomeMilestone.MONTH_12: date(2027, 3, 12),
        }

        # Every row the intake wrote has its outbox entries: creates, and the updates of each autosave.
        entries = s.scalars(select(OutboxEntry).where(OutboxEntry.case_id == youth_id)).all()
        created = {(e.entity, e.row_id) for e in entries if e.op == "create"}
        for model in (
            JointIntake,
            IntakeParticipant,
            AnalysisNote,
            IntakeConsent,
            ProposedSolution,
            ReferentAssignment,
            IntakeValidation,
            Outcome,
            IntakeBarrier,
        ):
            column = model.intake_id if hasattr(model, "intake_id") and model is not JointIntake else model.id
            ids = s.scalars(select(model.id).where(column == intake_id)).all()
            assert ids, model
            assert {(model.__sync_entity__, i) for i in ids} <= created, model
        assert ("referral", referral.id) in created and ("youth", youth_id) in created
        note_updates = [e for e in entries if e.entity == "analysis_note" and e.op == "update"]
        assert len(note_updates) == 8  # two edits after the create, for each of the four notes
        assert all(e.case_id == youth_id for e in entries)
        barrier_ops = [e.op for e in entries if e.entity == "intake_barrier"]
        assert barrier_ops.count("delete") == 1 and barrier_ops.count("create") == 3
        last_diag = [json.loads(e.fields) for e in entries if e.entity == "joint_intake" and e.op == "update"]
        assert {"shared_diagnosis": "Projet apprentissage."} in last_diag


def test_a_locked_intake_refuses_edits_and_takes_amendments(loaded_services, team, store):
    intake = loaded_services.intake
    intake_id = intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    fill_until_validation(loaded_services, team, intake_id)
    for member in team.members:
        intake.validate(intake_id=intake_id, staff_id=member.staff_id, by=member)
    with pytest.raises(IntakeLocked, match="ajoutez un avenant"):
        intake.save_field(intake_id=intake_id, field="intake.shared_diagnosis", value="Autre chose", by=team.lead)
    with pytest.raises(IntakeLocked):
        intake.set_barrier(intake_id=intake_id, barrier=Barrier.HEALTH, checked=True, by=team.lead)
    with pytest.raises(DomainError, match="raison"):
        intake.amend(intake_id=intake_id, field="intake.shared_diagnosis", new_value="x", reason="", by=team.lead)
    amendment_id = intake.amend(
        intake_id=intake_id,
        field="intake.shared_diagnosis",
        new_value="Projet à construire, piste apprentissage.",
        reason="Précision demandée par la jeune le lendemain.",
        by=team.admin,
    )
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.shared_diagnosis == "Projet à construire, piste apprentissage."
    (amendment,) = detail.amendments
    assert amendment.id == amendment_id and amendment.field_label == "Diagnostic partagé"
    assert amendment.old_value == "Projet à construire." and amendment.amended_by_name == "Alix Admintest"
    intake.amend(
        intake_id=intake_id,
        field="youth.birth_date",
        new_value="21/11/2008",
        reason="Erreur de saisie du jour",
        by=team.lead,
    )
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.amendments[-1].old_value == "20/11/2008" and detail.amendments[-1].new_value == "21/11/2008"
    assert detail.state == IntakeState.VALIDATED
    # Browsing a locked intake does not fail (set_step is a no-op).
    assert intake.set_step(intake_id=intake_id, step="analysis", by=team.lead) == IntakeState.VALIDATED


def test_resume_lists_open_intakes_at_their_step(loaded_services, team):
    intake = loaded_services.intake
    first = intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    second = intake.start(
        youth_id=new_youth(loaded_services, team, first="Noé", last="Essaifictif", birth=date(2007, 5, 4)),
        planned_at=datetime(2026, 3, 13, 9, 0),
        by=team.lead,
    )
    intake.set_step(intake_id=first, step="analysis", by=team.lead)
    lines = {line.intake_id: line for line in intake.open_intakes(by=team.lead)}
    assert lines[first].current_step == IntakeStep.ANALYSIS and lines[first].state == IntakeState.STAGE_1
    assert lines[second].state == IntakeState.PLANNED and lines[second].youth_short_name == "Noé E."
    assert lines[second].age == 18
    assert intake.begin(intake_id=second, by=team.lead) == IntakeState.STAGE_1
    intake.cancel(intake_id=second, reason="Le jeune a déménagé.", by=team.lead)
    assert second not in {line.intake_id for line in intake.open_intakes(by=team.lead)}
    assert [
        s.intake_id for s in intake.intakes_for_youth(youth_id=intake.intake_detail(intake_id=second, by=team.lead).youth.id)
    ] == [second]


def test_save_field_refuses_unknown_fields_and_bad_values_in_french(loaded_services, team):
    intake = loaded_services.intake
    intake_id = intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    with pytest.raises(DomainError, match="ne peut pas être enregistré"):
        intake.save_field(intake_id=intake_id, field="youth.status", value="exited", by=team.lead)
    with pytest.raises(DomainError, match="ne peut pas rester vide"):
        intake.save_field(intake_id=intake_id, field="youth.first_name", value="  ", by=team.lead)
    with pytest.raises(DomainError, match="n'est pas une date reconnue"):
        intake.save_field(intake_id=intake_id, field="youth.left_school_on", value="hier", by=team.lead)
    with pytest.raises(DomainError, match="dans le futur"):
        intake.save_field(intake_id=intake_id, field="youth.birth_date", value="01/01/2030", by=team.lead)
    with pytest.raises(DomainError, match="qui a orienté"):
        intake.save_field(intake_id=intake_id, field="referral.referrer_name", value="Mme X", by=team.lead)
    # Clearing an optional field stores NULL, not an empty string.
    intake.save_field(intake_id=intake_id, field="youth.phone", value="06 00 00 00 02", by=team.lead)
    intake.save_field(intake_id=intake_id, field="youth.phone", value="", by=team.lead)
    assert intake.intake_detail(intake_id=intake_id, by=team.lead).youth.phone is None
