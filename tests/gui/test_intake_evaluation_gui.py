"""The evaluation's draw on the eligibility step of the wizard (issue 7 §7): shown only where the territory
draws, possible once eligibility is established and the youth informed, then the arm shown; the control group
ends the intake."""

from __future__ import annotations

from datetime import date

import pytest
from intake_builders import fill_until_validation, make_team, new_youth
from intake_gui_helpers import click, make_page

from pac_desktop.domain.enums import EvaluationArm, IntakeState
from pac_desktop.domain.evaluation import AllocationLedger
from pac_desktop.services.evaluation import SeededAllocationSource
from pac_desktop.services.intake import IntakeStep

TIMEOUT = 10_000


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _open_at_referral(qtbot, page, intake_id: str):
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    if page.wizard.current_step != IntakeStep.REFERRAL:
        with qtbot.waitSignal(page.wizard.step_changed, timeout=TIMEOUT):
            page.wizard.go_to(IntakeStep.REFERRAL)
    return page.wizard.page(IntakeStep.REFERRAL).ui


def test_no_draw_where_the_territory_does_not_take_part(qtbot, loaded_services, team, tasks):
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    ui = _open_at_referral(qtbot, page, intake_id)
    assert not ui.evaluation_frame.isVisible()


def test_the_draw_from_the_eligibility_step(qtbot, loaded_services, team, tasks, tmp_path):
    services = loaded_services
    services.evaluation.set_enabled(territory_id=team.territory_id, enabled=True, actor=team.admin)
    services.evaluation.replenish(SeededAllocationSource(seed=b"\x05" * 32, ledger=AllocationLedger()))
    page = make_page(qtbot, services, team.lead, tasks)
    page.resize(1366, 768)
    page.show()

    # Eligibility not established yet: the draw is explained, and cannot be made.
    waiting = services.intake.start(
        youth_id=new_youth(services, team, first="Attente", last="Tiragefictif"), by=team.lead
    )
    ui = _open_at_referral(qtbot, page, waiting)
    assert ui.evaluation_frame.isVisible() and "groupe témoin" in ui.evaluation_text_label.text()
    click(qtbot, ui.evaluation_informed_check)
    assert not ui.evaluation_draw_button.isEnabled()
    assert "critères" in ui.evaluation_draw_button.toolTip()

    def referral_ui():  # noqa: ANN202
        return page.wizard.page(IntakeStep.REFERRAL).ui

    arms = {}
    for n in range(1, 9):  # balanced blocks of 2 to 4: both arms come within a few youths
        youth_id = new_youth(services, team, first=f"Jeune{n}", last="Tiragefictif", birth=date(2009, 4, n))
        intake_id = services.intake.start(youth_id=youth_id, by=team.lead)
        fill_until_validation(services, team, intake_id)
        ui = _open_at_referral(qtbot, page, intake_id)
        wizard = page.wizard
        assert not ui.evaluation_draw_button.isEnabled()  # the youth must be told first
        click(qtbot, ui.evaluation_informed_check)
        assert ui.evaluation_draw_button.isEnabled()
        click(qtbot, ui.evaluation_draw_button)
        qtbot.waitUntil(lambda: page.wizard.detail.evaluation.draw is not None, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: not referral_ui().evaluation_draw_button.isVisible(), timeout=TIMEOUT)
        arm = wizard.detail.evaluation.draw.arm
        if n == 1:
            page.grab().save(str(tmp_path / "draw.png"))
        if arm == EvaluationArm.CONTROL:
            qtbot.waitUntil(lambda: page.wizard.detail.state == IntakeState.CANCELLED, timeout=TIMEOUT)
            assert "groupe témoin" in ui.evaluation_text_label.text()
            assert wizard.ui.state_label.isVisible() and "Annulé" in wizard.ui.state_label.text()
            assert ui.source_combo.isEnabled() is False  # a cancelled intake is read-only
        else:
            assert "dispositif" in ui.evaluation_text_label.text()
            assert wizard.detail.state != IntakeState.CANCELLED and wizard.detail.missing == ()
        arms.setdefault(arm, intake_id)
        if len(arms) == 2:
            break
    assert set(arms) == {EvaluationArm.PROGRAMME, EvaluationArm.CONTROL}
