"""The withdrawal of the consent to share, from the case file (issue 13): the action is offered to the youth's
referent only, usable only while the consent is given; confirmed, it records the withdrawal under the referent's
name in the audit trail and the file reads « retiré »; cancelled, nothing changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from casefile_builders import make_staff, make_youth
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import ConsentKind, StaffRole
from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.gui.youths.case_file_window import CaseFileWindow
from pac_desktop.storage.models import AuditEvent, IntakeConsent, JointIntake

WAIT = 15_000


@pytest.fixture
def people(loaded_services):
    s = loaded_services
    referent = make_staff(s, "Rémi", "Testretrait", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    colleague = make_staff(s, "Lise", "Testcollegue", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    admin = make_staff(s, "Alix", "Testadminretrait", roles=(StaffRole.ADMINISTRATOR,))
    youth_id = make_youth(s, first="Léa", last="Testpartage", birth=date(2007, 3, 12), referent=referent,
                          intake_on=date(2025, 11, 30))
    return referent, colleague, admin, youth_id


def _give_consent(services, youth_id: str, by) -> None:  # noqa: ANN001 - Actor
    """The youth's consent as the intake records it (given the day of the intake, by the referent)."""
    with services.ctx.write(by) as session:
        intake_id = session.scalar(select(JointIntake.id).where(JointIntake.youth_id == youth_id))
        session.add(IntakeConsent(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, kind=ConsentKind.YOUTH,
                                  state=ConsentState.GIVEN, given_on=date(2025, 11, 30), collected_by=by.staff_id,
                                  recorded_by=by.staff_id, recorded_at=datetime(2025, 11, 30, 15, tzinfo=UTC)))


def _open(qtbot, services, tasks, actor, youth_id) -> CaseFileWindow:
    window = CaseFileWindow(services=services, actor=actor, tasks=tasks, youth_id=youth_id,
                            ask_export=lambda *_: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    return window


def _audit(store) -> list[AuditEvent]:
    with store.session_factory() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "consent_withdrawn")))


def test_the_action_is_offered_only_while_consent_is_given_and_only_to_the_referent(
        qtbot, loaded_services, tasks, people):
    referent, colleague, admin, youth_id = people
    window = _open(qtbot, loaded_services, tasks, referent, youth_id)
    button = window.withdraw_consent_button
    assert button.text().replace("&", "") == "Retrait du consentement…"
    # Never asked: shown to the referent, but greyed, saying why.
    assert button.isVisible() and not button.isEnabled()
    assert "n'a pas été recueilli" in button.toolTip()

    _give_consent(loaded_services, youth_id, referent)
    with qtbot.waitSignal(window.case_file_loaded, timeout=WAIT):
        window.reload()
    assert button.isVisible() and button.isEnabled()
    assert "donné le" in window.ui.guardians_label.text()

    # A colleague who may read the file may not withdraw (the service's CASE_EDIT check): no action offered.
    other_window = _open(qtbot, loaded_services, tasks, colleague, youth_id)
    assert not other_window.withdraw_consent_button.isVisible()
    other_window.close_without_asking()
    # Nor an administrator (who does not open case files at all): the service refuses both.
    for other in (colleague, admin):
        assert not loaded_services.casefile.can_edit(youth_id=youth_id, by=other)
        with pytest.raises(PermissionDenied):
            loaded_services.intake.withdraw_consent(youth_id=youth_id, by=other)


def test_confirming_withdraws_and_cancelling_changes_nothing(qtbot, loaded_services, tasks, people, store):
    referent, _colleague, _admin, youth_id = people
    _give_consent(loaded_services, youth_id, referent)
    window = _open(qtbot, loaded_services, tasks, referent, youth_id)
    button = window.withdraw_consent_button
    assert button.isEnabled()

    # Cancelled: no record, no audit entry, the consent still given.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    text = dialog.ui.explanation_label.text()
    for words in ("retiré du serveur commun et des ordinateurs des partenaires", "ce que la loi permet",
                  "journal d'audit à votre nom", referent.display_name):
        assert words in text, words
    dialog.ui.reason_edit.setText("Pas celle-ci")
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert _audit(store) == []
    assert window.case.consent_state is ConsentState.GIVEN and button.isEnabled()

    # Confirmed, with a reason: recorded off the UI thread, the file read again.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    dialog.ui.reason_edit.setText("À la demande du jeune")
    with qtbot.waitSignal(window.case_file_loaded, timeout=WAIT):
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.case.consent_state is ConsentState.WITHDRAWN, timeout=WAIT)
    assert "Accord du jeune : retiré le" in window.ui.guardians_label.text(), window.ui.guardians_label.text()
    assert not button.isEnabled() and "déjà été retiré" in button.toolTip()
    (event,) = _audit(store)
    assert event.staff_id == referent.staff_id and event.youth_id == youth_id
    with store.session_factory() as session:
        withdrawn = session.scalar(select(IntakeConsent).where(IntakeConsent.state == ConsentState.WITHDRAWN))
        assert withdrawn.reason == "À la demande du jeune" and withdrawn.recorded_by == referent.staff_id


def test_a_refused_withdrawal_is_said_in_the_dialog(qtbot, loaded_services, tasks, people, store):
    """Withdrawn meanwhile (another window): the service's French message stays in the dialog."""
    referent, _colleague, _admin, youth_id = people
    _give_consent(loaded_services, youth_id, referent)
    window = _open(qtbot, loaded_services, tasks, referent, youth_id)
    loaded_services.intake.withdraw_consent(youth_id=youth_id, by=referent)
    qtbot.mouseClick(window.withdraw_consent_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=WAIT)
    assert "pas d'accord de partage en cours" in dialog.ui.error_label.text()
    assert len(_audit(store)) == 1
