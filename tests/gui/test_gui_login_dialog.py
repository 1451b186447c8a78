"""The login dialog: good and bad passwords, Enter submits, the check runs off the UI thread."""

from __future__ import annotations

from gui_helpers import COUNSELLOR_LOGIN, COUNSELLOR_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pac_desktop.gui.login_dialog import EMPTY_PASSWORD, LoginDialog
from pac_desktop.gui.settings import LAST_LOGIN


def _dialog(qtbot, services, tasks, preferences=None, **kwargs) -> LoginDialog:
    dialog = LoginDialog(authenticate=services.staff.login, tasks=tasks, preferences=preferences, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_good_password_signs_in(qtbot, loaded_services, counsellor_day, tasks, preferences):
    dialog = _dialog(qtbot, loaded_services, tasks, preferences)
    qtbot.keyClicks(dialog.ui.login_edit, COUNSELLOR_LOGIN)
    qtbot.keyClicks(dialog.ui.password_edit, COUNSELLOR_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
        assert dialog.checking
        assert not dialog.ui.login_button.isEnabled()  # disabled while the hash is checked
    actor = blocker.args[0]
    assert actor.staff_id == counsellor_day.staff_id
    assert actor.initials == "MD"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert preferences.get(LAST_LOGIN) == COUNSELLOR_LOGIN


def test_bad_password_shows_the_french_error_and_stays_open(qtbot, loaded_services, counsellor_day, tasks):
    dialog = _dialog(qtbot, loaded_services, tasks)
    qtbot.keyClicks(dialog.ui.login_edit, COUNSELLOR_LOGIN)
    qtbot.keyClicks(dialog.ui.password_edit, "pas-le-bon")
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
    assert dialog.error_text() == "Identifiant ou mot de passe incorrect. Vérifiez la saisie (majuscules comprises)."
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.ui.login_edit.text() == COUNSELLOR_LOGIN  # the login is kept
    assert dialog.ui.password_edit.text() == ""
    assert dialog.ui.login_button.isEnabled()
    # typing again hides the error; the right password then works
    qtbot.keyClicks(dialog.ui.password_edit, COUNSELLOR_PASSWORD)
    assert dialog.error_text() == ""
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000):
        qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)


def test_enter_on_the_login_moves_to_the_password(qtbot, loaded_services, tasks):
    dialog = _dialog(qtbot, loaded_services, tasks)
    dialog.activateWindow()
    dialog.ui.login_edit.setFocus()
    qtbot.waitUntil(dialog.ui.login_edit.hasFocus)
    qtbot.keyClicks(dialog.ui.login_edit, COUNSELLOR_LOGIN)
    qtbot.keyClick(dialog.ui.login_edit, Qt.Key.Key_Return)
    assert dialog.ui.password_edit.hasFocus()
    assert dialog.error_text() == "" and not dialog.checking
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text() == EMPTY_PASSWORD


def test_last_login_is_remembered_and_demo_hint_shown(qtbot, loaded_services, tasks, preferences):
    preferences.set(LAST_LOGIN, "mdupont")
    dialog = _dialog(qtbot, loaded_services, tasks, preferences, demo_hint="Démonstration : identifiant « demo ».")
    assert dialog.ui.login_edit.text() == "mdupont"
    assert dialog.ui.demo_frame.isVisible()
    assert "demo" in dialog.ui.demo_label.text()


def test_quit_rejects(qtbot, loaded_services, tasks):
    dialog = _dialog(qtbot, loaded_services, tasks)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.ui.quit_button, Qt.MouseButton.LeftButton)
    assert not dialog.ui.demo_frame.isVisible()
