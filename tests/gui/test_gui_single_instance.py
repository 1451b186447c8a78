"""One running application per data folder (issue 14): a second start on the same folder brings the first
window forward and stops, instead of opening the store twice; another folder starts normally."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from pac_desktop.gui.single_instance import SingleInstance, server_name

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pac_desktop.app import StartupHooks, run
from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

def login_shown(dialog):
    dialog.ui.login_edit.setText(DEMO_LOGIN)
    dialog.ui.password_edit.setText(DEMO_PASSWORD)
    dialog.submit()

def ready(window):
    print("ready", flush=True)

def brought_forward(window):
    print("brought_forward=" + type(window).__name__, flush=True)
    QTimer.singleShot(0, window.close)

QTimer.singleShot(90_000, lambda: QApplication.instance().exit(5))  # never hang the test
settings = QSettings(str(Path(sys.argv[1]) / "settings.ini"), QSettings.Format.IniFormat)
hooks = StartupHooks(login_shown=login_shown, main_window_ready=ready, brought_forward=brought_forward)
code = run(sys.argv[2:], hooks=hooks, settings=settings)
print(f"exit={code}", flush=True)
sys.exit(code)
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("PAC_DATA_DIR", None)
    return env


def _start(tmp_path: Path, data_dir: Path) -> subprocess.Popen[str]:
    # stderr to a file: a pipe nobody reads while the second start runs could fill up and block the first.
    return subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), "--data-dir", str(data_dir), "--demo"],
                            stdout=subprocess.PIPE, stderr=(tmp_path / "first.err").open("w"), text=True,
                            encoding="utf-8", env=_env(tmp_path))


def test_a_second_start_on_the_same_folder_brings_the_first_window_forward(tmp_path: Path):
    data_dir = tmp_path / "data"
    first = _start(tmp_path, data_dir)
    try:
        assert first.stdout is not None
        line = first.stdout.readline().strip()
        assert line == "ready", line + (tmp_path / "first.err").read_text(encoding="utf-8")
        started = time.monotonic()
        second = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path), "--data-dir", str(data_dir), "--demo"],
                                capture_output=True, text=True, encoding="utf-8", env=_env(tmp_path), timeout=60,
                                check=False)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "ready" not in second.stdout  # it never opened the store nor showed a window
        assert time.monotonic() - started < 30
        out, _ = first.communicate(timeout=60)
        err = (tmp_path / "first.err").read_text(encoding="utf-8")
    finally:
        if first.poll() is None:
            first.kill()
    assert "brought_forward=MainWindow" in out, out + err
    assert first.returncode == 0


def test_the_folder_is_free_again_once_the_first_instance_stops(qapp, tmp_path: Path):
    one, two = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "a")
    other = SingleInstance(tmp_path / "b")
    assert one.claim()
    assert not two.claim()  # same folder: taken
    asked: list[bool] = []
    one.activation_requested.connect(lambda: asked.append(True))
    assert other.claim()  # another folder: its own instance
    one.release()
    assert two.claim()
    two.release()
    other.release()
    QCoreApplication.processEvents()
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
