"""A real start of pac-desktop on a new real store, driven through its widgets (tests/gui/test_gui_first_start.py).

    python first_start_child.py SCENARIO.json -- PAC-DESKTOP-ARGS…

The scenario says which way the first start goes ("enrol": server and code; "alone": the first administrator),
the keyring choice to make if asked, the passphrase, and the login to sign in with. What happened is printed,
one ``key=value`` per line, for the test to read; every step has a deadline so nothing hangs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pac_desktop.app import StartupHooks, run

scenario = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
app_args = sys.argv[sys.argv.index("--") + 1:]
seen: list[str] = []


def say(line: str) -> None:
    seen.append(line)
    print(line, flush=True)


QMessageBox.critical = staticmethod(lambda parent, title, text, *a: say("critical=" + text) or 0)


def until(condition, then, *, deadline_ms: int = 60_000, step_ms: int = 50) -> None:
    """Call ``then()`` once ``condition()`` is true (polled on the event loop); give up loudly after the deadline."""
    left = [deadline_ms]

    def poll() -> None:
        if condition():
            then()
            return
        left[0] -= step_ms
        if left[0] <= 0:
            say("timeout=" + getattr(then, "__name__", "step"))
            QApplication.instance().exit(3)
            return
        QTimer.singleShot(step_ms, poll)

    QTimer.singleShot(0, poll)


def keyring_choice_shown(dialog) -> None:
    say("keyring_choice=shown")
    if scenario.get("keyring_choice") == "passphrase":
        dialog.passphrase_choice.click()
    else:
        dialog.refuse_choice.click()


def passphrase_asked(dialog) -> None:
    say(f"passphrase_asked=new:{dialog.new}")
    dialog.passphrase_edit.setText(scenario["passphrase"])
    dialog.confirm_edit.setText(scenario["passphrase"])
    dialog.accept()


def first_start_shown(dialog) -> None:
    say("first_start=shown")
    if scenario.get("first_start_screenshot"):
        dialog.grab().save(scenario["first_start_screenshot"])
    if scenario["way"] == "enrol":
        dialog.enrol_choice.click()
        if scenario.get("bad_code"):
            dialog.server_edit.setText(scenario["server_url"])
            dialog.code_edit.setText("PAS-UN-CODE")
            dialog.enrol_button.click()

            def retry() -> None:
                say("enrol_error=" + dialog.enrol_error.text())
                enrol(dialog)

            until(lambda: not dialog.busy and dialog.enrol_error.text(), retry)
            return
        enrol(dialog)
    elif scenario["way"] == "alone":
        dialog.alone_choice.click()
        until(lambda: dialog.organisation_combo.count() > 1, lambda: create_administrator(dialog))
    else:
        dialog.reject()


def enrol(dialog) -> None:
    dialog.server_edit.setText(scenario["server_url"])
    dialog.code_edit.setText(scenario["code"])
    if scenario.get("enrol_screenshot"):
        dialog.grab().save(scenario["enrol_screenshot"])
    dialog.enrol_button.click()


def create_administrator(dialog) -> None:
    admin = scenario["admin"]
    dialog.first_name_edit.setText(admin["first_name"])
    dialog.last_name_edit.setText(admin["last_name"])
    dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findData(admin["organisation"]))
    dialog.login_edit.setText(admin["login"])
    dialog.password_edit.setText(admin["password"])
    dialog.password_again_edit.setText(admin["password"] + "x")  # mistyped first: refused, said in French
    dialog.submit_administrator()

    def again() -> None:
        say("admin_error=" + dialog.admin_error.text())
        dialog.password_edit.setText(admin["password"])
        dialog.password_again_edit.setText(admin["password"])
        if scenario.get("admin_screenshot"):
            dialog.grab().save(scenario["admin_screenshot"])
        dialog.submit_administrator()

    until(lambda: not dialog.busy and dialog.admin_error.text(), again)


def login_shown(dialog) -> None:
    say("login=shown")
    # Issue 16: on a store signed in to before, the dialog comes before the store is opened (nor even imported).
    say(f"store_opened_before_login={'pac_desktop.storage.models' in sys.modules}")
    say("login_prefilled=" + dialog.ui.login_edit.text())
    dialog.ui.login_edit.setText(scenario["login"])
    dialog.ui.password_edit.setText(scenario["password"])
    dialog.submit()


def ready(window) -> None:
    say(f"title={window.windowTitle()}")
    say("areas=" + ",".join(window.area_keys()))
    say(f"current_area={window.current_area()}")
    if window.current_area() == "regional":  # a regional computer: the figures the server counted
        view = window.area_widget("regional").view
        say(f"regional_fetched={view.fetched_text if view else ''}")
        say(f"regional_territories={','.join(view.territories) if view else ''}")
    controller = window.sync_controller

    def report() -> None:
        status = controller.status
        say(f"enrolled={status.enrolled if status else None}")
        if scenario.get("wait_sync") and status is not None and status.enrolled:
            controller.sync_now()  # the sign-in's own audit event is waiting, signed by the one who signed in
            until(synced, sync_report)
            return
        window.close()

    def synced() -> bool:
        status = controller.status
        return not controller.running and status is not None and status.last_ok_at is not None and not status.pending

    def sync_report() -> None:
        say(f"rejected={controller.status.rejected}")
        window.close()

    until(lambda: controller.status is not None, report)


settings = QSettings(str(Path(scenario["settings"])), QSettings.Format.IniFormat)
hooks = StartupHooks(login_shown=login_shown, main_window_ready=ready, first_start_shown=first_start_shown,
                     keyring_choice_shown=keyring_choice_shown, passphrase_asked=passphrase_asked)
import keyring  # noqa: E402

from pac_desktop.security.keyring_store import backend_name  # noqa: E402

say("keyring=" + backend_name(keyring.get_keyring()))
code = run(app_args, hooks=hooks, settings=settings)
say(f"exit={code}")
sys.exit(code)
