"""The programme's rules at the intake: eligibility and its justified override, the referent cap and the
administrator's override, what blocks the validation, and the catalogue a youth is offered."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from casefile_builders import make_youth
from intake_builders import fill_until_validation, make_team, new_youth, offer_id
from sqlalchemy import select

from pac_desktop.domain.caseload import CaseloadCapReached
from pac_desktop.domain.eligibility import EligibilityRefused
from pac_desktop.domain.enums import (
    AnalysisSection,
    ConsentKind,
    IntakeRole,
    IntakeState,
    OfferCategory,
)
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.services.intake import IntakeStep, ValidationBlocked
from pac_desktop.storage.models import ReferentAssignment


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


@pytest.fixture
def intake_id(loaded_services, team):
    return loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)


# ---- eligibility ---------------------------------------------------------------------------------


def test_eligibility_failure_is_explained_and_needs_a_written_justification(loaded_services, team, intake_id):
    intake = loaded_services.intake
    by = team.lead
    intake.save_field(intake_id=intake_id, field="youth.left_school_on", value=date(2024, 6, 30), by=by)
    intake.save_field(intake_id=intake_id, field="youth.has_qualification", value=False, by=by)
    view = intake.save_field(intake_id=intake_id, field="youth.followed_by_structure", value=False, by=by).eligibility
    assert not view.eligible and not view.accepted
    (failed,) = [c for c in view.criteria if c.met is False]
    assert failed.label == "Sorti du système scolaire depuis moins de 12 mois"
    assert (
        failed.explanation
        == "Sortie du système scolaire le 30 juin 2024 : plus de 12 mois avant l'accueil (12 mars 2026)."
    )
    assert "écrivez la raison de cette dérogation" in view.message

    with pytest.raises(EligibilityRefused, match="trop courte"):
        intake.override_eligibility(intake_id=intake_id, justification="Cas limite", by=by)
    blocked = intake.intake_detail(intake_id=intake_id, by=team.lead).missing_for(IntakeStep.REFERRAL)
    assert [m.message for m in blocked] == [
        "Indiquez qui a orienté le jeune vers le dispositif, et quand.",
        "Critère non rempli : Sorti du système scolaire depuis moins de 12 mois. "
        "Sortie du système scolaire le 30 juin 2024 : plus de 12 mois avant l'accueil (12 mars 2026).",
        "Pour accueillir le jeune malgré tout, écrivez la raison de la dérogation (au moins 20 caractères).",
    ]

    justification = "Déscolarisé pour maladie longue, réorienté par le médecin scolaire."
    view = intake.override_eligibility(intake_id=intake_id, justification=justification, by=by)
    assert view.overridden and view.accepted and view.justification == justification
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert not any(m.message.startswith("Critère") for m in detail.missing)
    # Autosaving the justification as it is typed works the same way: the domain decides on each save.
    view = intake.save_field(intake_id=intake_id, field="intake.eligibility_justification", value="Trop court", by=by)
    assert not view.eligibility.overridden
    view = intake.save_field(intake_id=intake_id, field="intake.eligibility_justification", value=justification, by=by)
    assert view.eligibility.overridden
    # The facts change and the youth becomes eligible: nothing left to override.
    view = intake.save_field(intake_id=intake_id, field="youth.left_school_on", value=date(2025, 9, 1), by=by)
    assert view.eligibility.eligible and not view.eligibility.overridden


def test_unknown_facts_block_validation_as_things_to_check(loaded_services, team, intake_id):
    missing = loaded_services.intake.intake_detail(intake_id=intake_id, by=team.lead).missing_for(IntakeStep.REFERRAL)
    texts = [m.message for m in missing]
    assert "Indiquez qui a orienté le jeune vers le dispositif, et quand." in texts
    assert sum(t.startswith("Critère à vérifier") for t in texts) == 3  # leaving date, qualification, follow-up


# ---- the referent's cap --------------------------------------------------------------------------


def test_a_full_referent_is_refused_unless_an_administrator_overrides_with_a_reason(
    loaded_services, team, intake_id, store
):
    intake = loaded_services.intake
    full = team.referents[1]
    for i in range(50):
        make_youth(
            loaded_services, first="Suivi", last=f"Fictif{i:02d}", referent=full, followed_since=date(2026, 1, 5)
        )
    choices = {c.staff_id: c for c in intake.referent_choices(intake_id=intake_id)}
    assert choices[full.staff_id].caseload_label == "50 / 50" and not choices[full.staff_id].selectable
    assert choices[full.staff_id].reason.startswith(
        "Inès Suivifictif suit déjà 50 jeunes sur 50 : le plafond est atteint."
    )
    assert (
        choices[team.referents[0].staff_id].selectable
        and choices[team.referents[0].staff_id].caseload_label == "0 / 50"
    )

    with pytest.raises(CaseloadCapReached, match="demandez à un administrateur"):
        intake.designate_referent(intake_id=intake_id, staff_id=full.staff_id, by=team.lead)
    with pytest.raises(CaseloadCapReached, match="demandez à un administrateur"):  # a reason is not enough
        intake.designate_referent(
            intake_id=intake_id,
            staff_id=full.staff_id,
            cap_override_reason="Elle connaît déjà la famille.",
            by=team.lead,
        )
    with pytest.raises(CaseloadCapReached, match="indiquez la raison"):
        intake.designate_referent(intake_id=intake_id, staff_id=full.staff_id, by=team.admin)
    info = intake.designate_referent(
        intake_id=intake_id,
        staff_id=full.staff_id,
        cap_override_reason="Elle suit déjà le frère aîné.",
        by=team.admin,
    )
    assert info.caseload_label == "51 / 50" and info.cap_override_reason == "Elle suit déjà le frère aîné."
    assert info.designated_by_name == "Alix Admintest"
    # Changing one's mind before validation: the first designation is withdrawn (tombstoned), not ended.
    other = intake.designate_referent(intake_id=intake_id, staff_id=team.referents[0].staff_id, by=team.lead)
    assert other.caseload_label == "1 / 50"
    with store.session_factory() as s:
        rows = s.scalars(select(ReferentAssignment).where(ReferentAssignment.intake_id == intake_id)).all()
    assert sorted((r.staff_id == full.staff_id, r.deleted_at is not None) for r in rows) == [
        (False, False),
        (True, True),
    ]
    assert intake.intake_detail(intake_id=intake_id, by=team.lead).referent.staff_id == team.referents[0].staff_id


def test_only_referents_of_the_territory_can_be_designated(loaded_services, team, intake_id):
    other = make_team(loaded_services, "toulouse-nord", suffix="-tn")
    names = [c.name for c in loaded_services.intake.referent_choices(intake_id=intake_id)]
    assert "Hugo Referentest-tn" not in names and "Hugo Referentest" in names
    assert "Alix Admintest" not in names  # no referent role
    with pytest.raises(DomainError, match="Référent unique"):
        loaded_services.intake.designate_referent(
            intake_id=intake_id, staff_id=other.referents[0].staff_id, by=team.lead
        )


# ---- validation ----------------------------------------------------------------------------------


def test_validation_is_blocked_with_each_missing_item_and_its_step(loaded_services, team, intake_id):
    intake = loaded_services.intake
    with pytest.raises(ValidationBlocked) as blocked:
        intake.validate(intake_id=intake_id, staff_id=team.lead.staff_id, by=team.lead)
    by_step = {}
    for item in blocked.value.missing:
        by_step.setdefault(item.step, []).append(item.message)
    assert set(by_step) == {
        IntakeStep.REFERRAL,
        IntakeStep.CONSENT,
        IntakeStep.PARTICIPANTS,
        IntakeStep.ANALYSIS,
        IntakeStep.SOLUTIONS,
        IntakeStep.REFERENT,
    }
    assert by_step[IntakeStep.CONSENT] == [
        "Recueillez l'accord du jeune pour le partage du dossier entre les partenaires.",
        "Recueillez l'accord du représentant légal (le jeune est mineur) pour le partage du dossier entre les partenaires.",
    ]
    assert by_step[IntakeStep.PARTICIPANTS] == [
        "Rôle « Coordonnateur MLDS (ex-MGI) » : personne n'a encore été choisi.",  # job_titles.json
        "Rôle « Conseiller Mission Locale » : personne n'a encore été choisi.",
        "Rôle « Correspondante apprentissage (chambres consulaires) » : personne n'a encore été choisi.",
    ]
    assert by_step[IntakeStep.ANALYSIS] == ["Rédigez le diagnostic partagé qui conclut l'analyse."]
    assert by_step[IntakeStep.SOLUTIONS] == ["Proposez au moins une solution au jeune."]
    assert by_step[IntakeStep.REFERENT] == [
        "Désignez le référent unique du jeune.",
        "Prochain rendez-vous : indiquez la date, le lieu et avec qui.",
    ]
    assert "(étape « Consentement »)" in str(blocked.value)

    fill_until_validation(loaded_services, team, intake_id)
    # (A refusal of the consent ends the intake: tests/services/test_intake_consent.py, issue 13.)
    # A counsellor absent without a reason blocks; with a reason, the others validate without them.
    chamber = next(
        p
        for p in intake.intake_detail(intake_id=intake_id, by=team.lead).counsellors
        if p.role == IntakeRole.APPRENTICESHIP_CORRESPONDENT
    )
    intake.update_participant(participant_id=chamber.id, present=False, by=team.lead)
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert [m.message for m in detail.missing] == [
        "Rôle « Correspondante apprentissage (chambres consulaires) » : la personne choisie est absente ; "
        "indiquez la raison de son absence."
    ]
    assert not detail.step_complete(IntakeStep.PARTICIPANTS) and detail.step_complete(IntakeStep.CONSENT)
    intake.update_participant(participant_id=chamber.id, absence_reason="En formation ce jour-là.", by=team.lead)
    assert intake.intake_detail(intake_id=intake_id, by=team.lead).missing == ()
    with pytest.raises(PermissionDenied, match="conseillers présents"):
        intake.validate(
            intake_id=intake_id,
            staff_id=team.counsellors[IntakeRole.APPRENTICESHIP_CORRESPONDENT].staff_id,
            by=team.counsellors[IntakeRole.APPRENTICESHIP_CORRESPONDENT],
        )
    present = [m for r, m in team.counsellors.items() if r != IntakeRole.APPRENTICESHIP_CORRESPONDENT]
    for member in present:
        outcome = intake.validate(intake_id=intake_id, staff_id=member.staff_id, by=member)
    assert outcome.locked
    assert intake.intake_detail(intake_id=intake_id, by=team.lead).state == IntakeState.VALIDATED


def test_an_adult_needs_no_guardian_consent(loaded_services):
    team = make_team(loaded_services, "toulouse-nord")
    youth_id = new_youth(loaded_services, team, first="Yanis", last="Adultefictif", birth=date(2006, 1, 15))
    intake_id = loaded_services.intake.start(youth_id=youth_id, by=team.lead)
    fill_until_validation(loaded_services, team, intake_id, minor=False)
    detail = loaded_services.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert not detail.youth.minor and detail.required_consents == (ConsentKind.YOUTH,)
    assert detail.missing == () and len(detail.counsellors) == 3


# ---- notes and their authors ------------------------------------------------------------------


def test_a_note_keeps_its_author_and_only_counsellors_of_the_intake_write(loaded_services, team, intake_id):
    intake = loaded_services.intake
    note_id = str(uuid.uuid4())
    with pytest.raises(DomainError, match="conseillers de l'accueil"):
        intake.save_note(
            intake_id=intake_id,
            note_id=note_id,
            section=AnalysisSection.HEALTH,
            author_staff_id=team.referents[0].staff_id,
            text="x",
            by=team.lead,
        )
    intake.save_note(
        intake_id=intake_id,
        note_id=note_id,
        section=AnalysisSection.HEALTH,
        author_staff_id=team.lead.staff_id,
        text="Suivi par la maison des adolescents.",
        by=team.lead,
    )
    with pytest.raises(DomainError, match="garde son auteur"):
        intake.save_note(
            intake_id=intake_id,
            note_id=note_id,
            section=AnalysisSection.HEALTH,
            author_staff_id=team.admin.staff_id,
            text="x",
            by=team.lead,
        )
    intake.edit_note(note_id=note_id, text="Suivie par la maison des adolescents.", by=team.lead)
    (note,) = intake.intake_detail(intake_id=intake_id, by=team.lead).notes
    assert note.author_name == "Maud Dufictif" and note.author_initials == "MD" and note.author_position == 0
    assert note.sensitive and note.text == "Suivie par la maison des adolescents."


# ---- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_is_filtered_by_territory_category_search_age_and_arrival(loaded_services, team, intake_id):
    intake = loaded_services.intake
    codes = {o.code for o in intake.catalogue(intake_id=intake_id)}
    assert "prepa-apprentissage-cma" in codes and "retour-formation-initiale" in codes
    assert "retour-cap-minimes" not in codes  # Toulouse Nord only
    assert "titre-professionnel" not in codes and "hebergement-urgence" not in codes  # 18 and over; she is 17
    assert "dali-naf-accueil" not in codes  # newly arrived youths only
    apprenticeship = intake.catalogue(intake_id=intake_id, category=OfferCategory.APPRENTICESHIP)
    assert {o.category for o in apprenticeship} == {OfferCategory.APPRENTICESHIP}
    assert [o.code for o in intake.catalogue(intake_id=intake_id, search="PERMIS de conduire")] == ["aide-permis"]
    assert intake.catalogue(intake_id=intake_id, search="permis", category=OfferCategory.HOUSING) == ()
    intake.save_field(intake_id=intake_id, field="youth.newly_arrived", value=True, by=team.lead)
    assert "dali-naf-accueil" in {o.code for o in intake.catalogue(intake_id=intake_id)}
    with pytest.raises(DomainError, match="déjà dans les solutions"):
        offer = offer_id(loaded_services, "service-civique")
        intake.add_solution(intake_id=intake_id, offer_id=offer, by=team.lead)
        intake.add_solution(intake_id=intake_id, offer_id=offer, by=team.lead)
    with pytest.raises(DomainError, match="catégorie"):
        intake.add_solution(intake_id=intake_id, free_text="Chantier jeunes", by=team.lead)
