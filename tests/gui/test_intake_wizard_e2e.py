"""The real wizard, end to end, twice: every step filled through its widgets, validated, then the store checked
field by field (attribution included).

1. Léa, 17, in Tarbes: four counsellors (the chambers' apprenticeship correspondent too), her mother present,
   the guardian's consent, notes by each of the four, an offer of the catalogue and a free solution.
2. Yanis, 19, in Toulouse Nord: three counsellors, no guardian, left school 14 months ago so the eligibility
   is overridden with a written justification.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from intake_builders import make_team, member_password, offer_id
from intake_gui_helpers import (
    choose,
    choose_containing,
    click,
    click_row,
    make_page,
    next_step,
    row_with_id,
    settle,
    type_into,
    type_text,
    validate_as,
)
from PySide6.QtCore import Qt
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
    Sex,
    YouthAnswer,
    YouthStatus,
)
from pac_desktop.domain.french import PARIS
from pac_desktop.services.intake import IntakeStep
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

TIMEOUT = 10_000


def _find_or_create(qtbot, page, first: str, last: str, birth: str) -> str:
    page.start_new()
    new = page.new_page
    qtbot.waitUntil(lambda: new.ui.territory_combo.count() > 0, timeout=TIMEOUT)
    type_into(qtbot, new.ui.first_name_edit, first)
    type_into(qtbot, new.ui.last_name_edit, last)
    with qtbot.waitSignal(new.candidates_shown, timeout=TIMEOUT):
        type_into(qtbot, new.ui.birth_date_edit, birth)
    assert new.model.rowCount() == 0 and not new.ui.none_match_check.isVisible()
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT) as loaded:
        click(qtbot, new.ui.create_button)
    assert page.wizard.current_step == IntakeStep.YOUTH
    return loaded.args[0]


def _fill_team(qtbot, page, team) -> None:
    participants = page.wizard.page(IntakeStep.PARTICIPANTS)
    rows = {row.role: row for row in participants.rows}
    assert rows[IntakeRole.CIO_PSYCHOLOGIST].staff_combo.currentData() == team.lead.staff_id  # the logged-in one
    for role, member in team.counsellors.items():
        if role == IntakeRole.CIO_PSYCHOLOGIST:
            continue
        choose_containing(qtbot, rows[role].staff_combo, member.display_name)


def _write_note(qtbot, page, speaker_index: int, section: AnalysisSection, text: str) -> None:
    analysis = page.wizard.page(IntakeStep.ANALYSIS)
    editor = analysis.cards[section].editor
    editor.setFocus()
    # Ctrl+1…4: who speaks now (taken from the main window's navigation while the page has the focus).
    qtbot.keyClick(editor, Qt.Key(Qt.Key.Key_1 + speaker_index), Qt.KeyboardModifier.ControlModifier)
    assert analysis.current_speaker is analysis.speakers[speaker_index]
    type_text(editor, text)


def _wait_for_speakers(qtbot, analysis, team) -> None:
    # The chips follow the participants' saves: until the last one is read back, a chip may still show the
    # staff member the role was pre-filled with (and a note typed under that name would be refused).
    expected = {m.staff_id for m in team.members}
    qtbot.waitUntil(lambda: {s.staff_id for s in analysis.speakers} == expected, timeout=TIMEOUT)


@pytest.fixture
def tarbes(loaded_services):
    return make_team(loaded_services, "tarbes")


def test_a_minor_in_tarbes_with_four_counsellors_and_guardian_consent(qtbot, loaded_services, tarbes, tasks, store):
    team = tarbes
    cio = team.lead
    mgi = team.counsellors[IntakeRole.MGI_COUNSELLOR]
    ml = team.counsellors[IntakeRole.ML_COUNSELLOR]
    chamber = team.counsellors[IntakeRole.APPRENTICESHIP_CORRESPONDENT]
    page = make_page(qtbot, loaded_services, cio, tasks)
    wizard = page.wizard
    intake_id = _find_or_create(qtbot, page, "Léa", "Testfictive", "20/11/2008")
    assert wizard.ui.title_label.text() == "Accueil commun — Léa T., 17 ans · Tarbes"

    # 1. Jeune
    youth = wizard.page(IntakeStep.YOUTH).ui
    choose(qtbot, youth.sex_combo, "Femme")
    type_into(qtbot, youth.phone_edit, "06 00 00 00 01")
    type_into(qtbot, youth.town_edit, "Tarbes")
    type_into(qtbot, youth.last_class_edit, "Seconde professionnelle")
    next_step(qtbot, page)

    # 2. Repérage et éligibilité
    assert wizard.current_step == IntakeStep.REFERRAL
    referral = wizard.page(IntakeStep.REFERRAL).ui
    assert not referral.referred_on_edit.isEnabled()  # who referred comes first
    choose(qtbot, referral.source_combo, ReferralSource.SCHOOL.label)
    qtbot.waitUntil(referral.referred_on_edit.isEnabled, timeout=TIMEOUT)
    referral.referred_on_edit.clear()
    type_into(qtbot, referral.referred_on_edit, "02/03/2026")
    type_into(qtbot, referral.referrer_name_edit, "M. Proviseur-Fictif")
    type_into(qtbot, referral.referrer_structure_edit, "Lycée de l'Adour")
    type_into(qtbot, referral.left_school_edit, "19/12/2025")
    choose(qtbot, referral.qualification_combo, "Non")
    choose(qtbot, referral.followed_combo, "Non")
    qtbot.waitUntil(lambda: "remplit les quatre critères" in referral.eligibility_message_label.text(), timeout=TIMEOUT)
    assert not referral.justification_edit.isVisible()
    next_step(qtbot, page)

    # 3. Consentement: the youth's and, she is a minor, her mother's
    consent = wizard.page(IntakeStep.CONSENT).ui
    assert consent.guardian_group.isVisible() and not consent.adult_label.isVisible()
    choose(qtbot, consent.youth_answer_combo, "Donne son accord")
    assert consent.youth_collected_combo.currentText() == cio.display_name  # who is logged in, by default
    type_into(qtbot, consent.guardian_name_edit, "Mme Mère-Fictive")
    choose(qtbot, consent.guardian_answer_combo, "Donne son accord")
    next_step(qtbot, page)

    # 4. Participants: the four of Tarbes, the youth, her mother
    _fill_team(qtbot, page, team)
    participants = wizard.page(IntakeStep.PARTICIPANTS).ui
    assert participants.youth_present_check.isChecked()
    type_into(qtbot, participants.family_name_edit, "Mme Mère-Fictive")
    type_into(qtbot, participants.family_relationship_edit, "mère")
    click(qtbot, participants.add_family_button)
    qtbot.waitUntil(lambda: len(wizard.page(IntakeStep.PARTICIPANTS)._family_rows) == 1, timeout=TIMEOUT)
    next_step(qtbot, page)

    # 5. Analyse partagée: four speakers, each note attributed; Enter makes a new line, never submits
    analysis = wizard.page(IntakeStep.ANALYSIS)
    _wait_for_speakers(qtbot, analysis, team)
    assert [s.initials for s in analysis.speakers] == ["MD", "PL", "SR", "CA"]
    _write_note(qtbot, page, 0, AnalysisSection.SCHOOLING, "A quitté la seconde pro en décembre.")
    qtbot.keyClick(analysis.cards[AnalysisSection.SCHOOLING].editor, Qt.Key.Key_Return)
    type_text(analysis.cards[AnalysisSection.SCHOOLING].editor, "Absences répétées.")
    _write_note(qtbot, page, 1, AnalysisSection.SCHOOLING, "Bons résultats en atelier.")
    _write_note(qtbot, page, 3, AnalysisSection.PROFESSIONAL_PROJECT, "Attirée par la boulangerie.")
    _write_note(qtbot, page, 2, AnalysisSection.HEALTH, "Rien de particulier.")
    click(qtbot, analysis.cards[AnalysisSection.BARRIERS].barrier_checks[Barrier.MOBILITY])
    # The others' notes show with their initials and names, not colour alone.
    notes_shown = analysis.cards[AnalysisSection.SCHOOLING].notes_label.text()
    assert "MD" in notes_shown and "Maud Dufictif" in notes_shown and "PL" in notes_shown
    type_into(qtbot, analysis.ui.diagnosis_edit, "Projet d'apprentissage en boulangerie, mobilité à travailler.")
    click(qtbot, analysis.ui.agreed_check)
    next_step(qtbot, page)
    assert wizard.detail is not None

    # 6. Propositions: an offer of the catalogue, and a solution written freely
    solutions = wizard.page(IntakeStep.SOLUTIONS)
    qtbot.waitUntil(lambda: solutions.offers.rowCount() > 0, timeout=TIMEOUT)
    choose(qtbot, solutions.ui.category_combo, OfferCategory.APPRENTICESHIP.label)
    type_into(qtbot, solutions.ui.search_edit, "preparation cma")
    assert solutions.proxy.rowCount() == 1
    click_row(qtbot, solutions.ui.offers_view, 0)
    click(qtbot, solutions.ui.add_offer_button)
    qtbot.waitUntil(lambda: len(solutions.rows) == 1, timeout=TIMEOUT)
    (row,) = solutions.rows.values()
    choose(qtbot, row.answer_combo, YouthAnswer.ACCEPTED.label)
    type_into(qtbot, row.start_edit, "01/04/2026")
    type_into(qtbot, solutions.ui.free_text_edit, "Stage découverte en boulangerie")
    choose(qtbot, solutions.ui.free_category_combo, OfferCategory.JOB_SEARCH.label)
    click(qtbot, solutions.ui.add_free_button)
    qtbot.waitUntil(lambda: len(solutions.rows) == 2, timeout=TIMEOUT)
    next_step(qtbot, page)

    # 7. Référent unique et prochain rendez-vous
    referent_page = wizard.page(IntakeStep.REFERENT)
    referent = team.referents[0]
    qtbot.waitUntil(lambda: referent_page.referents.rowCount() == 6, timeout=TIMEOUT)
    click_row(qtbot, referent_page.ui.referents_view, row_with_id(referent_page.ui.referents_view, referent.staff_id))
    click(qtbot, referent_page.ui.designate_button)
    qtbot.waitUntil(lambda: "Hugo Referentest" in referent_page.ui.current_referent_label.text(), timeout=TIMEOUT)
    type_into(qtbot, referent_page.ui.appointment_date_edit, "19/03/2026")
    type_into(qtbot, referent_page.ui.appointment_time_edit, "14:30")
    type_into(qtbot, referent_page.ui.appointment_place_edit, "Mission Locale de Tarbes")
    choose_containing(qtbot, referent_page.ui.appointment_staff_combo, "Hugo Referentest")
    next_step(qtbot, page)

    # 8. Validation: nothing missing, each of the four validates, the last one locks it
    settle(qtbot, page)
    validation = wizard.page(IntakeStep.VALIDATION)
    assert wizard.detail.missing == (), wizard.detail.missing
    assert "Tout est prêt" in validation.ui.status_label.text()
    for member in (cio, mgi, ml, chamber):  # each with their own password (issue 13)
        validate_as(qtbot, page, member.staff_id, member_password(member))
    qtbot.waitUntil(lambda: wizard.detail.state == IntakeState.VALIDATED, timeout=TIMEOUT)
    assert validation.ui.locked_frame.isVisible()
    assert wizard.page(IntakeStep.YOUTH).ui.phone_edit.isReadOnly()  # locked: read-only from now on
    settle(qtbot, page)

    # ---- the store, field by field ---------------------------------------------------------------------
    with store.session_factory() as s:
        intake = s.get(JointIntake, intake_id)
        assert intake.state == IntakeState.VALIDATED and intake.held_on == date(2026, 3, 12)
        assert intake.created_by == cio.staff_id and intake.youth_present
        assert intake.shared_diagnosis == "Projet d'apprentissage en boulangerie, mobilité à travailler."
        assert intake.diagnosis_agreed
        assert intake.next_appointment_at == datetime(2026, 3, 19, 14, 30, tzinfo=PARIS)
        assert intake.next_appointment_place == "Mission Locale de Tarbes"
        assert intake.next_appointment_staff_id == referent.staff_id
        youth = s.get(Youth, intake.youth_id)
        assert (youth.first_name, youth.last_name, youth.birth_date) == ("Léa", "Testfictive", date(2008, 11, 20))
        assert (youth.sex, youth.phone, youth.town, youth.last_class) == (
            Sex.FEMALE,
            "06 00 00 00 01",
            "Tarbes",
            "Seconde professionnelle",
        )
        assert (youth.left_school_on, youth.has_qualification, youth.followed_by_structure) == (
            date(2025, 12, 19),
            False,
            False,
        )
        assert youth.status == YouthStatus.FOLLOWED
        r = s.get(Referral, intake.referral_id)
        assert (r.source, r.referred_on, r.referrer_name, r.referrer_structure) == (
            ReferralSource.SCHOOL,
            date(2026, 3, 2),
            "M. Proviseur-Fictif",
            "Lycée de l'Adour",
        )
        consents = {c.kind: c for c in s.scalars(select(IntakeConsent).where(IntakeConsent.intake_id == intake_id))}
        assert consents[ConsentKind.YOUTH].given and consents[ConsentKind.YOUTH].given_on == date(2026, 3, 12)
        assert consents[ConsentKind.YOUTH].collected_by == cio.staff_id
        assert (
            consents[ConsentKind.GUARDIAN].given and consents[ConsentKind.GUARDIAN].guardian_name == "Mme Mère-Fictive"
        )
        people = s.scalars(
            select(IntakeParticipant).where(
                IntakeParticipant.intake_id == intake_id, IntakeParticipant.deleted_at.is_(None)
            )
        ).all()
        by_role = {p.role: p.staff_id for p in people if p.kind == ParticipantKind.COUNSELLOR}
        assert by_role == {role: m.staff_id for role, m in team.counsellors.items()}
        (mother,) = [p for p in people if p.kind == ParticipantKind.FAMILY]
        assert (mother.full_name, mother.relationship) == ("Mme Mère-Fictive", "mère")
        notes = {
            (n.author_staff_id, n.section): n.text
            for n in s.scalars(select(AnalysisNote).where(AnalysisNote.intake_id == intake_id))
        }
        assert notes == {
            (cio.staff_id, AnalysisSection.SCHOOLING): "A quitté la seconde pro en décembre.\nAbsences répétées.",
            (mgi.staff_id, AnalysisSection.SCHOOLING): "Bons résultats en atelier.",
            (chamber.staff_id, AnalysisSection.PROFESSIONAL_PROJECT): "Attirée par la boulangerie.",
            (ml.staff_id, AnalysisSection.HEALTH): "Rien de particulier.",
        }
        barriers = s.scalars(
            select(IntakeBarrier.barrier).where(
                IntakeBarrier.intake_id == intake_id, IntakeBarrier.deleted_at.is_(None)
            )
        ).all()
        assert barriers == [Barrier.MOBILITY]
        solutions_rows = s.scalars(select(ProposedSolution).where(ProposedSolution.intake_id == intake_id)).all()
        offered = {p.offer_id: p for p in solutions_rows}
        prep = offered[offer_id(loaded_services, "prepa-apprentissage-cma")]
        assert (prep.youth_answer, prep.planned_start, prep.category) == (
            YouthAnswer.ACCEPTED,
            date(2026, 4, 1),
            OfferCategory.APPRENTICESHIP,
        )
        free = offered[None]
        assert (free.free_text, free.category, free.youth_answer) == (
            "Stage découverte en boulangerie",
            OfferCategory.JOB_SEARCH,
            YouthAnswer.THINKING,
        )
        (assignment,) = s.scalars(
            select(ReferentAssignment).where(
                ReferentAssignment.intake_id == intake_id, ReferentAssignment.deleted_at.is_(None)
            )
        ).all()
        assert (assignment.staff_id, assignment.designated_by, assignment.cap_override_reason) == (
            referent.staff_id,
            cio.staff_id,
            None,
        )
        validated_by = set(s.scalars(select(IntakeValidation.staff_id).where(IntakeValidation.intake_id == intake_id)))
        assert validated_by == {cio.staff_id, mgi.staff_id, ml.staff_id, chamber.staff_id}
        due = {o.milestone: o.due_on for o in s.scalars(select(Outcome).where(Outcome.youth_id == youth.id))}
        assert due[OutcomeMilestone.MONTH_3] == date(2026, 6, 12) and due[OutcomeMilestone.MONTH_12] == date(
            2027, 3, 12
        )
        # Every write went through the outbox, attributed to the counsellor logged in.
        entries = s.scalars(select(OutboxEntry).where(OutboxEntry.case_id == youth.id)).all()
        assert {e.entity for e in entries} >= {
            "youth",
            "referral",
            "joint_intake",
            "consent",
            "intake_participant",
            "analysis_note",
            "intake_barrier",
            "proposed_solution",
            "referent_assignment",
            "intake_validation",
            "outcome",
        }
        # The last validation locks the intake and marks the youth followed, in the name of who made it (issue 13).
        assert intake.updated_by == chamber.staff_id and youth.updated_by == chamber.staff_id


def test_an_adult_in_toulouse_nord_with_a_justified_override(qtbot, loaded_services, tasks, store):
    team = make_team(loaded_services, "toulouse-nord")
    cio = team.lead
    page = make_page(qtbot, loaded_services, cio, tasks)
    wizard = page.wizard
    intake_id = _find_or_create(qtbot, page, "Yanis", "Adultefictif", "15/01/2007")
    assert wizard.ui.title_label.text() == "Accueil commun — Yanis A., 19 ans · Toulouse Nord"
    # The step list opens any step directly: the referral first.
    view = wizard.ui.step_view
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(1, 0)).center()
        )
    assert wizard.current_step == IntakeStep.REFERRAL
    referral = wizard.page(IntakeStep.REFERRAL).ui
    choose(qtbot, referral.source_combo, ReferralSource.SELF.label)
    type_into(qtbot, referral.left_school_edit, "10/01/2025")
    choose(qtbot, referral.qualification_combo, "Non")
    choose(qtbot, referral.followed_combo, "Non")
    qtbot.waitUntil(
        lambda: "ne remplit pas tous les critères" in referral.eligibility_message_label.text(), timeout=TIMEOUT
    )
    assert referral.justification_edit.isVisible()
    justification = (
        "Sorti en janvier 2025 puis hospitalisé six mois : la rupture de parcours compte à partir du retour."
    )
    type_into(qtbot, referral.justification_edit, justification)
    settle(qtbot, page)
    assert wizard.detail.eligibility.overridden
    next_step(qtbot, page)

    consent = wizard.page(IntakeStep.CONSENT).ui
    assert not consent.guardian_group.isVisible() and consent.adult_label.isVisible()
    choose(qtbot, consent.youth_answer_combo, "Donne son accord")
    next_step(qtbot, page)
    _fill_team(qtbot, page, team)
    participants = wizard.page(IntakeStep.PARTICIPANTS)
    assert len(participants.rows) == 3
    next_step(qtbot, page)

    analysis = wizard.page(IntakeStep.ANALYSIS)
    _wait_for_speakers(qtbot, analysis, team)
    _write_note(qtbot, page, 2, AnalysisSection.RESOURCES, "Aucune ressource, vit chez un oncle.")
    _write_note(qtbot, page, 0, AnalysisSection.STRENGTHS, "Motivé, permis en cours.")
    type_into(qtbot, analysis.ui.diagnosis_edit, "Recherche d'emploi rapide avec la Garantie jeunes.")
    click(qtbot, analysis.ui.agreed_check)
    next_step(qtbot, page)

    solutions = wizard.page(IntakeStep.SOLUTIONS)
    qtbot.waitUntil(lambda: solutions.offers.rowCount() > 0, timeout=TIMEOUT)
    type_into(qtbot, solutions.ui.search_edit, "accompagnement intensif emploi")
    assert solutions.proxy.rowCount() == 1
    click_row(qtbot, solutions.ui.offers_view, 0)
    qtbot.keyClick(solutions.ui.offers_view, Qt.Key.Key_Return)  # Enter in the list proposes the offer
    qtbot.waitUntil(lambda: len(solutions.rows) == 1, timeout=TIMEOUT)
    next_step(qtbot, page)

    referent_page = wizard.page(IntakeStep.REFERENT)
    ml = team.counsellors[IntakeRole.ML_COUNSELLOR]
    qtbot.waitUntil(lambda: referent_page.referents.rowCount() == 5, timeout=TIMEOUT)
    click_row(qtbot, referent_page.ui.referents_view, row_with_id(referent_page.ui.referents_view, ml.staff_id))
    click(qtbot, referent_page.ui.designate_button)
    qtbot.waitUntil(lambda: "Sarah Rexemple" in referent_page.ui.current_referent_label.text(), timeout=TIMEOUT)
    type_into(qtbot, referent_page.ui.appointment_date_edit, "16/03/2026")
    type_into(qtbot, referent_page.ui.appointment_time_edit, "9h30")
    type_into(qtbot, referent_page.ui.appointment_place_edit, "Antenne ML Toulouse Nord")
    next_step(qtbot, page)

    settle(qtbot, page)
    assert wizard.detail.missing == ()
    for member in team.members:
        validate_as(qtbot, page, member.staff_id, member_password(member))
    qtbot.waitUntil(lambda: wizard.detail.state == IntakeState.VALIDATED, timeout=TIMEOUT)

    with store.session_factory() as s:
        intake = s.get(JointIntake, intake_id)
        assert intake.state == IntakeState.VALIDATED
        assert intake.eligibility_overridden and intake.eligibility_justification == justification
        assert intake.next_appointment_at == datetime(2026, 3, 16, 9, 30, tzinfo=PARIS)
        assert intake.next_appointment_staff_id == ml.staff_id  # the referent, pre-filled
        youth = s.get(Youth, intake.youth_id)
        assert youth.birth_date == date(2007, 1, 15) and youth.left_school_on == date(2025, 1, 10)
        consents = s.scalars(select(IntakeConsent).where(IntakeConsent.intake_id == intake_id)).all()
        assert [(c.kind, c.given, c.collected_by) for c in consents] == [(ConsentKind.YOUTH, True, cio.staff_id)]
        notes = {
            (n.author_staff_id, n.section): n.text
            for n in s.scalars(select(AnalysisNote).where(AnalysisNote.intake_id == intake_id))
        }
        assert notes == {
            (ml.staff_id, AnalysisSection.RESOURCES): "Aucune ressource, vit chez un oncle.",
            (cio.staff_id, AnalysisSection.STRENGTHS): "Motivé, permis en cours.",
        }
        (solution,) = s.scalars(select(ProposedSolution).where(ProposedSolution.intake_id == intake_id)).all()
        assert solution.offer_id == offer_id(loaded_services, "garantie-jeunes")
        assignment = s.scalar(select(ReferentAssignment).where(ReferentAssignment.intake_id == intake_id))
        assert assignment.staff_id == ml.staff_id
        validated_by = set(s.scalars(select(IntakeValidation.staff_id).where(IntakeValidation.intake_id == intake_id)))
        assert validated_by == {m.staff_id for m in team.members}
