"""The validation PIN through real widgets (issue 13): offered at a counsellor's first sign-in on this computer
(« Plus tard » remembered), chosen again from the account menu, and typed on the shared screen in the validation
dialog instead of the password — refused when it is someone else's, accepted when it is the counsellor's own; the
row names them. PAC_SCREENSHOTS=<folder> saves the dialogs for a look."""

from __future__ import annotations

import os

import pytest
from intake_builders import fill_until_validation, make_team, member_password, new_youth
from intake_gui_helpers import TIMEOUT, click, make_page, settle, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from pac_desktop.services.intake import IntakeStep
from pac_desktop.services.validation_pin import PinState
from pac_desktop.storage.models import IntakeValidation, StaffPin

SHOTS = os.environ.get("PAC_SCREENSHOTS")


def _shown_as_validated(wizard, validation, staff_id: str):
    """The dialog closed and the page shows the staff member's validation (a refresh already in flight, from an
    autosave or a change announcement, may come first: waiting for any refresh is not enough)."""
    return lambda: validation.validate_dialog is None and staff_id in {v.staff_id for v in wizard.detail.validations}


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def _fill(qtbot, dialog, password: str, pin: str, again: str) -> None:
    for edit, text in ((dialog.ui.password_edit, password), (dialog.ui.pin_edit, pin),
                       (dialog.ui.pin_again_edit, again)):
        edit.clear()
        type_into(qtbot, edit, text)


@pytest.mark.timeout(90)
def test_a_pin_is_offered_at_first_sign_in_and_chosen_again_from_the_account(qtbot, loaded_services, team, tasks,
                                                                             store):
    from pac_desktop.app import build_main_window
    from pac_desktop.gui.validation_pin_dialog import offer_validation_pin

    b = team.members[1]
    window = build_main_window(loaded_services, b, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    offer_validation_pin(window, loaded_services, b, tasks=tasks)  # what the app does after the sign-in
    qtbot.waitUntil(lambda: window.validation_pin_dialog is not None and window.validation_pin_dialog.isVisible(),
                    timeout=TIMEOUT)
    dialog = window.validation_pin_dialog
    assert not dialog.isModal()  # the window stays usable behind the offer
    later = dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel)
    assert later.text() == "Plus tard" and "Bienvenue" in dialog.ui.intro_label.text()
    assert b.display_name in dialog.ui.intro_label.text()
    _fill(qtbot, dialog, member_password(b), "4826", "4862")
    click(qtbot, dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.ui.error_label.isVisible() and "pas identiques" in dialog.ui.error_label.text()
    assert dialog.ui.pin_edit.text() == "" and dialog.ui.pin_again_edit.text() == ""
    _fill(qtbot, dialog, member_password(b), "1234", "1234")
    click(qtbot, dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok))
    assert "trop facile" in dialog.ui.error_label.text()
    _fill(qtbot, dialog, member_password(team.lead), "4826", "4826")  # someone else's password
    click(qtbot, dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: "Mot de passe incorrect" in dialog.ui.error_label.text(), timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.ui.password_edit.text() == ""
    _shot(dialog, "validation-pin-first-sign-in.png")
    _fill(qtbot, dialog, member_password(b), "4826", "4826")
    with qtbot.waitSignal(dialog.pin_set, timeout=TIMEOUT):
        click(qtbot, dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok))
    assert loaded_services.pins.status(staff_id=b.staff_id).state is PinState.SET
    with store.session_factory() as s:
        assert s.get(StaffPin, b.staff_id).pin_hash.startswith("scrypt$")

    # Later, from the account menu: a new code replaces it (the dialog says so, « Annuler » does not decline).
    window.validation_pin_action.trigger()
    qtbot.waitUntil(lambda: window.validation_pin_dialog is not dialog and window.validation_pin_dialog is not None
                    and window.validation_pin_dialog.isVisible(), timeout=TIMEOUT)
    again = window.validation_pin_dialog
    assert again.isModal() and "remplace votre code actuel" in again.ui.intro_label.text()
    assert again.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    _shot(again, "validation-pin-account.png")
    again.reject()
    assert loaded_services.pins.status(staff_id=b.staff_id).state is PinState.SET


@pytest.mark.timeout(60)
def test_later_is_remembered(qtbot, loaded_services, team, tasks):
    from pac_desktop.app import build_main_window
    from pac_desktop.gui.validation_pin_dialog import offer_validation_pin

    c = team.members[2]
    window = build_main_window(loaded_services, c, tasks=tasks)
    qtbot.addWidget(window)
    offer_validation_pin(window, loaded_services, c, tasks=tasks)
    qtbot.waitUntil(lambda: window.validation_pin_dialog is not None and window.validation_pin_dialog.isVisible(),
                    timeout=TIMEOUT)
    click(qtbot, window.validation_pin_dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: loaded_services.pins.status(staff_id=c.staff_id).state is PinState.DECLINED,
                    timeout=TIMEOUT)
    assert not loaded_services.pins.should_offer(by=c)


@pytest.mark.timeout(90)
def test_a_counsellor_validates_with_their_own_pin_on_the_shared_screen(qtbot, loaded_services, team, tasks, store):
    s = loaded_services
    intake_id = s.intake.start(youth_id=new_youth(s, team), by=team.lead)
    fill_until_validation(s, team, intake_id)
    a, b = team.lead, team.members[1]  # A signed in on the shared screen, B validates
    s.pins.set_pin(staff_id=a.staff_id, password=member_password(a), pin="5082", pin_again="5082", by=a)
    s.pins.set_pin(staff_id=b.staff_id, password=member_password(b), pin="4826", pin_again="4826", by=b)
    page = make_page(qtbot, s, a, tasks)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    wizard = page.wizard
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.VALIDATION)
    settle(qtbot, page)
    validation = wizard.page(IntakeStep.VALIDATION)
    click(qtbot, validation.validate_buttons[b.staff_id])
    qtbot.waitUntil(lambda: validation.validate_dialog is not None and validation.validate_dialog.isVisible(),
                    timeout=TIMEOUT)
    dialog = validation.validate_dialog
    assert dialog.ui.password_label.text() == f"&Mot de passe ou code PIN de {b.display_name}"
    assert "code PIN" in dialog.ui.who_label.text()

    type_into(qtbot, dialog.ui.password_edit, "5082")  # A types their own PIN for B: refused
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=TIMEOUT)
    assert f"Code PIN incorrect pour {b.display_name}" in dialog.ui.error_label.text()
    assert "encore 4 essais" in dialog.ui.error_label.text()
    _shot(dialog, "validation-with-pin-refused.png")
    with store.session_factory() as session:
        assert session.scalars(select(IntakeValidation)).all() == []

    type_into(qtbot, dialog.ui.password_edit, "4826")
    _shot(dialog, "validation-with-pin.png")
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(_shown_as_validated(wizard, validation, b.staff_id), timeout=TIMEOUT)
    with store.session_factory() as session:
        (row,) = session.scalars(select(IntakeValidation)).all()
        assert row.staff_id == b.staff_id and row.updated_by == b.staff_id
    assert b.staff_id not in validation.validate_buttons


@pytest.mark.timeout(60)
def test_the_first_sign_in_offer_does_not_take_the_keyboard(qtbot, loaded_services, team, tasks):
    """The counsellor starts typing in the window as it opens; the PIN offer shows a moment later: what they type
    still goes where they were typing, not into the offer's password field."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from pac_desktop.app import build_main_window
    from pac_desktop.gui.validation_pin_dialog import offer_validation_pin

    b = team.members[1]
    window = build_main_window(loaded_services, b, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    window.show_area("youths")  # the list of youths, whose search field the counsellor types in
    qtbot.wait(50)
    edit = next(e for e in window.findChildren(QLineEdit) if e.isVisible() and e.isEnabled() and not e.isReadOnly())
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=TIMEOUT)
    QTest.keyClicks(QApplication.focusWidget(), "Lu")
    offer_validation_pin(window, loaded_services, b, tasks=tasks)
    qtbot.waitUntil(lambda: window.validation_pin_dialog is not None and window.validation_pin_dialog.isVisible(),
                    timeout=TIMEOUT)
    qtbot.wait(50)
    assert QApplication.activeWindow() is window and QApplication.focusWidget() is edit
    QTest.keyClicks(QApplication.focusWidget(), "cas")
    assert edit.text() == "Lucas" and window.validation_pin_dialog.ui.password_edit.text() == ""


@pytest.mark.timeout(120)
def test_on_an_enrolled_computer_the_pin_signs_the_validation_the_server_accepts(qtbot, tasks, tmp_path):
    """The same shared screen on a computer enrolled with a real pac-server (issue 12's signatures): Alice signed
    in, Bruno types Alice's PIN (refused), then his own: the row names Bruno, signed by his key, and the server
    accepts it in his name."""
    from pin_seal_scenario import ALICE_PIN, BRUNO_PIN, make_server_team, members, team_for_builders
    from sync_helpers import enrol_device, running_server

    from pac_desktop.server.models import Record
    from pac_desktop.services.registry import Services

    with running_server("sqlite", tmp_path / "server") as server:
        team = make_server_team(server.engine, "gui")
        device = enrol_device(server, tmp_path / "referent", name="poste du référent", organisation="cio-ariege")
        s = Services.build(device.store)
        alice, bruno, _chloe = members(team)
        bruno_actor = s.sessions.login(login=bruno.login, password=bruno.password)
        s.pins.set_pin(staff_id=bruno.staff_id, password=bruno.password, pin=BRUNO_PIN, pin_again=BRUNO_PIN,
                       by=bruno_actor)
        s.sessions.logout(actor=bruno_actor)
        a = s.sessions.login(login=alice.login, password=alice.password)
        s.pins.set_pin(staff_id=alice.staff_id, password=alice.password, pin=ALICE_PIN, pin_again=ALICE_PIN, by=a)
        builders_team = team_for_builders(s, team)
        intake_id = s.intake.start(youth_id=new_youth(s, builders_team), by=a)
        fill_until_validation(s, builders_team, intake_id)

        page = make_page(qtbot, s, a, tasks)
        with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
            page.open_intake(intake_id)
        wizard = page.wizard
        with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
            wizard.go_to(IntakeStep.VALIDATION)
        settle(qtbot, page)
        validation = wizard.page(IntakeStep.VALIDATION)
        click(qtbot, validation.validate_buttons[bruno.staff_id])
        qtbot.waitUntil(lambda: validation.validate_dialog is not None and validation.validate_dialog.isVisible(),
                        timeout=TIMEOUT)
        dialog = validation.validate_dialog
        type_into(qtbot, dialog.ui.password_edit, ALICE_PIN)  # Alice's own PIN for Bruno: refused
        qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=TIMEOUT)
        assert "Code PIN incorrect pour Bruno" in dialog.ui.error_label.text()
        with device.store.session_factory() as session:
            assert session.scalars(select(IntakeValidation)).all() == []

        type_into(qtbot, dialog.ui.password_edit, BRUNO_PIN)
        qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(_shown_as_validated(wizard, validation, bruno.staff_id), timeout=TIMEOUT)
        with device.store.session_factory() as session:
            (row,) = session.scalars(select(IntakeValidation)).all()
            assert row.staff_id == bruno.staff_id and row.updated_by == bruno.staff_id
        assert not s.ctx.keys.holds(bruno.staff_id)
        report = s.sync.sync_now()
        assert report.rejected == 0
        with server.engine.connect() as conn:
            on_server = conn.execute(select(Record.data, Record.updated_by).where(
                Record.entity == "intake_validation", Record.id == row.id)).one()
        assert on_server.data["staff_id"] == bruno.staff_id and on_server.updated_by == bruno.staff_id
        s.sessions.logout(actor=a)
        device.close()
