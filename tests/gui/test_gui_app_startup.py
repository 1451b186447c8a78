"""app.py end to end: a real start-up in a subprocess (store, demo cohort, login, main window, quit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pac_desktop.app import StartupHooks, run
from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

seen = []
# A start-up failure shows a modal box: print it instead, so that the test reads it and nothing hangs.
QMessageBox.critical = staticmethod(lambda parent, title, text, *a: print("critical=" + text, flush=True) or 0)

def login_shown(dialog):
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Yes)
    seen.append("buttons=" + ",".join(b.text().replace("&", "") for b in buttons.buttons()))
    seen.append("demo_hint=" + str(dialog.ui.demo_frame.isVisible()))
    dialog.ui.login_edit.setText(DEMO_LOGIN)
    dialog.ui.password_edit.setText(DEMO_PASSWORD)
    dialog.submit()

def ready(window):
    summary = window.area_widget("home").summary
    seen.append(f"title={window.windowTitle()}")
    seen.append(f"followed={summary.followed}/{summary.caseload_cap}")
    seen.append(f"demo_label={window.ui.demo_label.isVisible()}")
    window.close()

settings = QSettings(str(Path(sys.argv[1]) / "settings.ini"), QSettings.Format.IniFormat)
code = run(sys.argv[2:], hooks=StartupHooks(login_shown=login_shown, main_window_ready=ready), settings=settings)
print("\n".join(seen))
print(f"exit={code}")
sys.exit(code)
"""


def _run_child(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("PAC_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=100,
        check=False,
    )


def test_demo_start_login_and_quit(tmp_path: Path):
    data_dir = tmp_path / "data"
    result = _run_child(tmp_path, "--data-dir", str(data_dir), "--demo")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "buttons=Annuler,Oui" in lines or "buttons=Oui,Annuler" in lines  # Qt's own French translations
    assert "demo_hint=True" in lines
    assert any(line.startswith("title=PAC — ") for line in lines)
    assert any(line.startswith("followed=") for line in lines)
    assert "demo_label=True" in lines
    assert lines[-1] == "exit=0"
    assert (data_dir / "pac.sqlite3").exists()
    assert (tmp_path / "settings.ini").exists()
    log_file = data_dir / "logs" / "pac-desktop.log"
    assert "Camille" not in (log_file.read_text(encoding="utf-8") if log_file.exists() else "")


def test_unusable_data_folder_is_refused_with_exit_1(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    result = _run_child(tmp_path, "--data-dir", str(blocker / "data"))
    assert result.returncode == 1, result.stderr
    critical = next(line for line in result.stdout.splitlines() if line.startswith("critical="))
    assert "Le dossier des données" in critical and "--data-dir" in critical


def test_demo_starts_without_a_secure_keyring_on_a_plain_demo_store(tmp_path: Path, monkeypatch):
    """The README's first command works on a computer with no keyring: the fictitious demo stays plain."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    data_dir = tmp_path / "data"
    for _ in range(2):  # the second start reopens the same demo store
        result = _run_child(tmp_path, "--data-dir", str(data_dir), "--demo")
        assert result.returncode == 0, result.stdout + result.stderr
        assert any(line.startswith("followed=") for line in result.stdout.splitlines())
    assert (data_dir / "pac.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00"


LOGIN_PATH_CHILD = r"""
import sys
from pathlib import Path

HEAVY = ("reportlab", "httpx", "smtplib", "pac_desktop.services.documents", "pac_desktop.services.sync",
         "pac_desktop.gui.main_window", "pac_desktop.gui.admin_area", "pac_desktop.gui.intake.areas")

import pac_desktop.app as app
from pac_desktop.services.first_start import first_start_needed
from pac_desktop.services.registry import Services
from pac_desktop.storage.store import open_store

# What the start-up does before it shows the login dialog (app.open_services): open the store, build the
# services, ask whether someone can sign in.
services = Services.build(open_store(Path(sys.argv[1])))
first_start_needed(services.ctx)
print("before=" + ",".join(m for m in HEAVY if m in sys.modules))
app.warm_up(services)  # behind the login dialog
print("after=" + ",".join(m for m in HEAVY if m in sys.modules))
print("documents=" + type(services.documents).__name__ + " sync=" + type(services.sync).__name__)
print("same=" + str(services.sync is services.sync))
services.ctx.store.engine.dispose()
"""


def test_the_login_path_imports_no_reportlab_no_http_client_and_no_area(tmp_path: Path):
    """Issue 16: the cold start to the login dialog imports neither ReportLab, nor the HTTP client, nor the main
    window's areas; the areas are imported behind the login dialog (app.warm_up), and the services built once. The
    HTTP client waits for the first request: with it came its command line (click, rich, pygments: 13 MB).
    ReportLab waits for the first document, imported by the thread that writes it: most sessions print nothing."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", LOGIN_PATH_CHILD, str(tmp_path / "data")], capture_output=True,
                            text=True, encoding="utf-8", env=env, timeout=100, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "before=" in lines
    assert ("after=smtplib,pac_desktop.services.documents,pac_desktop.services.sync,"
            "pac_desktop.gui.main_window,pac_desktop.gui.admin_area,pac_desktop.gui.intake.areas") in lines
    assert "documents=DocumentsService sync=SyncService" in lines
    assert "same=True" in lines
