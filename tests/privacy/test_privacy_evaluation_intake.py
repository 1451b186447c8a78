"""The evaluation's draw inside the joint intake (issue 7 §7): made when eligibility is confirmed, never before,
once; the programme arm goes on to the validation, the control group ends the intake and bars a new one."""

from __future__ import annotations

from datetime import date

import pytest
from intake_builders import fill_until_validation, make_team, new_youth
from sqlalchemy import select

from pac_desktop.domain.enums import EvaluationArm, IntakeState, StaffRole, YouthStatus
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.domain.evaluation import AllocationLedger
from pac_desktop.services.evaluation import EvaluationAlreadyDrawn, SeededAllocationSource
from pac_desktop.services.intake import CONTROL_GROUP_REASON, ValidationBlocked
from pac_desktop.storage.models import AuditEvent, ReferentAssignment, Youth

SEED = b"\x17" * 32


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


@pytest.fixture
def evaluation_on(loaded_services, team):
    loaded_services.evaluation.set_enabled(territory_id=team.territory_id, enabled=True, actor=team.admin)
    loaded_services.evaluation.replenish(SeededAllocationSource(seed=SEED, ledger=AllocationLedger()))


def _ready_intake(services, team, n: int) -> tuple[str, str]:
    youth_id = new_youth(services, team, first=f"Jeune{n}", last="Tiragefictif", birth=date(2009, 5, n + 1))
    intake_id = services.intake.start(youth_id=youth_id, by=team.lead)
    fill_until_validation(services, team, intake_id)
    return youth_id, intake_id


def _validate_all(services, team, intake_id: str) -> None:
    for member in team.members:
        services.intake.validate(intake_id=intake_id, staff_id=member.staff_id, by=member)


def test_the_draw_waits_for_eligibility_then_decides_the_intakes_fate(loaded_services, team, evaluation_on) -> None:
    intake = loaded_services.intake
    # Before eligibility is established there is nothing to draw.
    early_youth = new_youth(loaded_services, team, first="Avant", last="Tiragefictif", birth=date(2009, 1, 2))
    early = intake.start(youth_id=early_youth, by=team.lead)
    with pytest.raises(DomainError, match="tirage au sort se fait une fois"):
        intake.confirm_eligibility(intake_id=early, by=team.lead)
    assert loaded_services.evaluation.assignment(youth_id=early_youth, actor=team.lead) is None

    outcomes = {}
    n = 0
    while len(outcomes) < 2:  # balanced blocks of 2 to 4: both arms come within a few youths
        n += 1
        assert n <= 8
        youth_id, intake_id = _ready_intake(loaded_services, team, n)
        detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
        assert detail.evaluation.pending
        # Validation waits for the draw, and says so on the eligibility step.
        assert [m.message for m in detail.missing] == [
            "Ce territoire participe à l'évaluation : confirmez l'éligibilité pour faire le tirage au sort."
        ]
        with pytest.raises(ValidationBlocked):
            intake.validate(intake_id=intake_id, staff_id=team.lead.staff_id, by=team.lead)
        outcome = intake.confirm_eligibility(intake_id=intake_id, by=team.lead)
        outcomes.setdefault(outcome.draw.arm, (youth_id, intake_id, outcome))

    youth_id, intake_id, outcome = outcomes[EvaluationArm.PROGRAMME]
    assert not outcome.intake_cancelled and "dispositif" in outcome.message
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.evaluation.draw.arm == EvaluationArm.PROGRAMME and detail.missing == ()
    with pytest.raises(EvaluationAlreadyDrawn, match="définitif"):
        intake.confirm_eligibility(intake_id=intake_id, by=team.lead)
    _validate_all(loaded_services, team, intake_id)
    assert intake.intake_detail(intake_id=intake_id, by=team.lead).state == IntakeState.VALIDATED

    youth_id, intake_id, outcome = outcomes[EvaluationArm.CONTROL]
    assert outcome.intake_cancelled and "groupe témoin" in outcome.message
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.state == IntakeState.CANCELLED and detail.cancel_reason == CONTROL_GROUP_REASON
    assert detail.evaluation.control
    with loaded_services.ctx.read() as session:
        assert session.get(Youth, youth_id).status == YouthStatus.REFERRED
        # The referent designated during the intake is freed: the youth is not followed in the programme.
        assert session.scalars(
            select(ReferentAssignment).where(
                ReferentAssignment.intake_id == intake_id, ReferentAssignment.deleted_at.is_(None)
            )
        ).all() == []
        drawn = session.scalars(
            select(AuditEvent.youth_id).where(AuditEvent.action == "evaluation_draw")
        ).all()
    assert youth_id in drawn
    # A control youth gets no joint intake while the evaluation runs…
    with pytest.raises(DomainError, match="groupe témoin"):
        intake.start(youth_id=youth_id, by=team.lead)
    # …and may have one once it is switched off.
    loaded_services.evaluation.set_enabled(territory_id=team.territory_id, enabled=False, actor=team.admin)
    assert intake.start(youth_id=youth_id, by=team.lead)


def test_without_the_evaluation_the_intake_has_no_draw(loaded_services, team) -> None:
    youth_id, intake_id = _ready_intake(loaded_services, team, 1)
    detail = loaded_services.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.evaluation is None and detail.missing == ()
    with pytest.raises(DomainError, match="pas active"):
        loaded_services.intake.confirm_eligibility(intake_id=intake_id, by=team.lead)
    _validate_all(loaded_services, team, intake_id)


def test_only_a_counsellor_of_the_territory_draws(loaded_services, team, evaluation_on) -> None:
    _youth_id, intake_id = _ready_intake(loaded_services, team, 1)
    referent_only = team.referents[0]
    assert StaffRole.COUNSELLOR not in referent_only.roles
    with pytest.raises(PermissionDenied, match="tirage au sort"):
        loaded_services.intake.confirm_eligibility(intake_id=intake_id, by=referent_only)
    with loaded_services.ctx.read() as session:
        denied = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "denied", AuditEvent.staff_id == referent_only.staff_id)
        ).all()
    assert "evaluation.draw" in denied
    assert loaded_services.intake.intake_detail(intake_id=intake_id, by=team.lead).evaluation.pending
