"""The consent step (issue 13): a refusal is confirmed in plain words, then ends the intake with its reason; the
state shows who recorded it."""

from __future__ import annotations

import pytest
from intake_builders import make_team, new_youth
from intake_gui_helpers import TIMEOUT, make_page, settle

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import ConsentKind, IntakeState
from pac_desktop.services.intake import IntakeStep
from pac_desktop.services.programme_settings import CONSENT_REFUSED_KEEP_DAYS


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _pick_refuse(combo) -> None:
    """Choose « Refuse » as a click in the open list does (the keyboard would pass over « Donne son accord »)."""
    index = combo.findText("Refuse")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_a_refusal_is_confirmed_then_ends_the_intake(qtbot, loaded_services, team, tasks):
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    wizard = page.wizard
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.CONSENT)
    consent_page = wizard.page(IntakeStep.CONSENT)

    # Cancelled: nothing recorded, the answer goes back.
    _pick_refuse(consent_page.ui.youth_answer_combo)
    qtbot.waitUntil(lambda: consent_page.refusal_box is not None, timeout=TIMEOUT)
    assert "L'accueil commun s'arrête ici" in consent_page.refusal_box.text()
    cancel = next(b for b in consent_page.refusal_box.buttons() if b.text() == "Annuler")
    cancel.click()
    qtbot.waitUntil(lambda: consent_page.refusal_box is None, timeout=TIMEOUT)
    assert consent_page.ui.youth_answer_combo.currentData() is None
    settle(qtbot, page)
    assert wizard.detail.consent(ConsentKind.YOUTH) is None and wizard.detail.state != IntakeState.CANCELLED

    # Confirmed: recorded as refused, by whom, and the intake ends with its reason.
    _pick_refuse(consent_page.ui.youth_answer_combo)
    qtbot.waitUntil(lambda: consent_page.refusal_box is not None, timeout=TIMEOUT)
    confirm = next(b for b in consent_page.refusal_box.buttons() if b.text() == "Confirmer le refus")
    confirm.click()
    qtbot.waitUntil(lambda: wizard.detail is not None and wizard.detail.state == IntakeState.CANCELLED,
                    timeout=TIMEOUT)
    settle(qtbot, page)
    consent = wizard.detail.consent(ConsentKind.YOUTH)
    assert consent.state is ConsentState.REFUSED and consent.recorded_by_name == team.lead.display_name
    assert "Refus du partage" in wizard.detail.cancel_reason
    assert f"enregistré par {team.lead.display_name}" in consent_page.ui.youth_recorded_label.text()


def test_the_refusal_states_the_kept_period_an_administrator_set(qtbot, loaded_services, team, tasks):
    """No server: the setting changed on this computer is the one the confirmation states (not « 30 »)."""
    loaded_services.programme_settings.set(CONSENT_REFUSED_KEEP_DAYS, 45, actor=team.admin)
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    wizard = page.wizard
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.CONSENT)
    consent_page = wizard.page(IntakeStep.CONSENT)
    _pick_refuse(consent_page.ui.youth_answer_combo)
    qtbot.waitUntil(lambda: consent_page.refusal_box is not None, timeout=TIMEOUT)
    text = consent_page.refusal_box.text()
    assert "il en sera supprimé après 45 jours" in text and "30" not in text, text
    next(b for b in consent_page.refusal_box.buttons() if b.text() == "Annuler").click()
    qtbot.waitUntil(lambda: consent_page.refusal_box is None, timeout=TIMEOUT)
    settle(qtbot, page)
