"""The wizard's step list marks each step that still misses something (issue 15), by the validation page's own
list of what is missing (one rule), and the marks follow the fields as they are filled."""

from __future__ import annotations

from collections import Counter

import pytest
from intake_builders import make_team, new_youth
from intake_gui_helpers import choose, make_page, settle
from PySide6.QtCore import Qt

from pac_desktop.gui.intake.models import MISSING_MARK, StepMissingRole
from pac_desktop.services.intake import IntakeStep

TIMEOUT = 10_000


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _marks(wizard) -> dict[IntakeStep, int]:
    model = wizard.steps
    return {model.step(r): model.index(r, 0).data(StepMissingRole) for r in range(model.rowCount())}


def _validation_list(wizard) -> Counter:
    """What the validation page lists as missing, counted by the step its link opens."""
    page = wizard.page(IntakeStep.VALIDATION)
    links = [w.text() for w in page._rows if hasattr(w, "linkActivated") and w.text().startswith("• ")]
    return Counter(IntakeStep(text.split('href="', 1)[1].split('"', 1)[0]) for text in links)


def test_the_step_list_marks_what_the_validation_still_misses(qtbot, loaded_services, team, tasks):
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    wizard = page.wizard
    with qtbot.waitSignal(wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.REFERRAL)
    settle(qtbot, page)

    marks = _marks(wizard)
    listed = _validation_list(wizard)
    assert listed, "a new intake misses things"
    assert {step: n for step, n in marks.items() if n} == dict(listed)  # one rule: the same points, step by step
    referral = marks[IntakeStep.REFERRAL]
    assert referral >= 2
    model = wizard.steps
    row = model.row_of(IntakeStep.REFERRAL)
    # Said in words and with a mark, never by colour alone; the current step too.
    assert model.index(row, 0).data().endswith(f"● {MISSING_MARK} {referral}")
    assert f"{referral} points manquants" in model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    youth_row = model.row_of(IntakeStep.YOUTH)
    if not marks[IntakeStep.YOUTH]:
        assert MISSING_MARK not in model.index(youth_row, 0).data()
    consent_row = model.row_of(IntakeStep.CONSENT)
    assert model.index(consent_row, 0).data().endswith(f"{MISSING_MARK} {marks[IntakeStep.CONSENT]}")

    # A field filled (the qualification, one of the criteria still to check): one point fewer, at once.
    ui = wizard.page(IntakeStep.REFERRAL).ui
    choose(qtbot, ui.qualification_combo, "Non")
    qtbot.waitUntil(lambda: _marks(wizard)[IntakeStep.REFERRAL] == referral - 1, timeout=TIMEOUT)
    assert model.index(row, 0).data().endswith(f"● {MISSING_MARK} {referral - 1}")
    settle(qtbot, page)
    assert {step: n for step, n in _marks(wizard).items() if n} == dict(_validation_list(wizard))

    # Another criterion answered, then another step shown: the mark stays on the step left, one point fewer.
    choose(qtbot, ui.followed_combo, "Non")
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.YOUTH)
    settle(qtbot, page)
    left = referral - 2
    assert _marks(wizard)[IntakeStep.REFERRAL] == left
    assert model.index(row, 0).data().endswith(f"{MISSING_MARK} {left}" if left else "✓")
