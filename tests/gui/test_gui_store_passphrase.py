"""The store's passphrase at start-up, where the administrator chose one (no secure keyring; issue 7 §1).

The dialog itself is driven offscreen; the start-up flow runs the real application in a subprocess (as
test_gui_app_startup.py does), with keyring's "fail" backend standing for a computer without a secure keyring:
a wrong passphrase is asked again with a French message, the right one opens the store, giving up quits
cleanly, and five wrong ones in a row end the start-up with an explanation.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pac_desktop.app import MAX_PASSPHRASE_ATTEMPTS
from pac_desktop.gui.store_passphrase import (
    EMPTY_MESSAGE,
    MISMATCH_MESSAGE,
    SHORT_MESSAGE,
    StorePassphraseDialog,
    wrong_passphrase_message,
)
from pac_desktop.security.store_key import NoKeyringPolicy, read_keyinfo, write_policy
from pac_desktop.storage.store import database_path, store_file_kind

PHRASE = "une phrase secrete fictive"  # ASCII: QTest types ASCII keys only
WRONG = "une autre phrase, fausse"


def _ok(dialog: StorePassphraseDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_new_passphrase_is_typed_twice_and_checked(qtbot) -> None:
    dialog = StorePassphraseDialog(new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.confirm_edit.isVisible() and "pas de trousseau sécurisé" in dialog.intro_label.text()
    with qtbot.assertNotEmitted(dialog.accepted):
        _ok(dialog)
    assert dialog.error_text() == EMPTY_MESSAGE and dialog.isVisible()

    qtbot.keyClicks(dialog.passphrase_edit, "court")
    assert dialog.error_text() == ""  # typing clears the remark
    qtbot.keyClicks(dialog.confirm_edit, "court")
    _ok(dialog)
    assert dialog.error_text() == SHORT_MESSAGE and dialog.isVisible()

    dialog.clear()
    qtbot.keyClicks(dialog.passphrase_edit, PHRASE)
    qtbot.keyClicks(dialog.confirm_edit, PHRASE + "x")
    _ok(dialog)
    assert dialog.error_text() == MISMATCH_MESSAGE and dialog.isVisible()
    assert dialog.passphrase() == "" and dialog.confirm_edit.text() == ""  # both typed again

    qtbot.keyClicks(dialog.passphrase_edit, PHRASE)
    qtbot.keyClicks(dialog.confirm_edit, PHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(dialog.confirm_edit, Qt.Key.Key_Return)
    assert dialog.passphrase() == PHRASE and not dialog.isVisible()


def test_an_existing_store_asks_once_and_shows_why_it_asks_again(qtbot) -> None:
    dialog = StorePassphraseDialog(new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.confirm_edit.isVisible()
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    qtbot.keyClicks(dialog.passphrase_edit, "court")  # no length rule on an existing store: the store decides
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        _ok(dialog)

    dialog.show_error(wrong_passphrase_message(4))
    dialog.open()
    assert dialog.error_text().startswith("Phrase secrète incorrecte") and "encore 4 essais" in dialog.error_text()
    assert dialog.passphrase() == "" and dialog.focusWidget() is dialog.passphrase_edit
    qtbot.keyClicks(dialog.passphrase_edit, "a")
    assert dialog.error_text().startswith("Phrase secrète incorrecte")  # stays until the next try
    assert "dernier essai" in wrong_passphrase_message(1)
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()


# --- the start-up, for real ----------------------------------------------------------------------------------

CHILD = r"""
import json
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pac_desktop.app import StartupHooks, run

answers = json.loads(sys.argv[2])  # the passphrases to type, in order; then "Quitter"
QMessageBox.critical = staticmethod(lambda parent, title, text, *a: print("critical=" + text, flush=True) or 0)

def passphrase_asked(dialog):
    print(f"asked new={dialog.new} error={dialog.error_text()}", flush=True)
    def answer():
        if not answers:
            dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        text = answers.pop(0)
        dialog.passphrase_edit.setText(text)
        dialog.confirm_edit.setText(text)
        dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    QTimer.singleShot(0, answer)

def login_shown(dialog):
    print("login_shown", flush=True)
    QTimer.singleShot(0, dialog.reject)  # then the application quits (exit 0)

settings = QSettings(str(Path(sys.argv[1]) / "settings.ini"), QSettings.Format.IniFormat)
# A new store nobody can sign in to shows the first-start dialog where the login was (issue 14): same answer.
code = run(sys.argv[3:], hooks=StartupHooks(login_shown=login_shown, passphrase_asked=passphrase_asked,
                                            first_start_shown=login_shown),
           settings=settings)
print(f"exit={code}")
sys.exit(code)
"""


def _start(tmp_path: Path, data_dir: Path, answers: list[str]) -> tuple[int, list[str]]:
    import json

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # no secure keyring on this computer
    )
    env.pop("PAC_DATA_DIR", None)
    env.pop("PAC_STORE_PASSPHRASE", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), json.dumps(answers), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=100,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines and lines[-1] == f"exit={result.returncode}", result.stdout + result.stderr
    return result.returncode, lines


def test_startup_asks_again_after_a_wrong_passphrase_then_opens_the_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    write_policy(data_dir, NoKeyringPolicy.PASSPHRASE)  # the administrator's choice

    code, lines = _start(tmp_path, data_dir, [PHRASE])  # first start: a new store, passphrase typed twice
    assert code == 0, lines
    assert lines[0] == "asked new=True error=" and "login_shown" in lines
    path = database_path(data_dir)
    assert store_file_kind(path) == "encrypted" and read_keyinfo(path).mode == "passphrase"

    code, lines = _start(tmp_path, data_dir, [WRONG, PHRASE])
    assert code == 0, lines
    asked = [line for line in lines if line.startswith("asked")]
    assert asked == [
        "asked new=False error=",
        f"asked new=False error={wrong_passphrase_message(MAX_PASSPHRASE_ATTEMPTS - 1)}",
    ]
    assert "login_shown" in lines and not any(line.startswith("critical=") for line in lines)

    code, lines = _start(tmp_path, data_dir, [WRONG])  # a wrong one, then "Quitter": a clean stop
    assert code == 0, lines
    assert len([line for line in lines if line.startswith("asked")]) == 2
    assert "login_shown" not in lines and not any(line.startswith("critical=") for line in lines)


def test_five_wrong_passphrases_end_the_startup_with_an_explanation(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    write_policy(data_dir, NoKeyringPolicy.PASSPHRASE)
    assert _start(tmp_path, data_dir, [PHRASE])[0] == 0

    code, lines = _start(tmp_path, data_dir, [WRONG] * (MAX_PASSPHRASE_ATTEMPTS + 1))
    assert code == 1, lines
    asked = [line for line in lines if line.startswith("asked")]
    assert len(asked) == MAX_PASSPHRASE_ATTEMPTS
    assert "c'est le dernier essai" in asked[-1]
    critical = next(line for line in lines if line.startswith("critical="))
    assert f"{MAX_PASSPHRASE_ATTEMPTS} fois de suite" in critical and "Relancez" in critical
    assert "login_shown" not in lines
