"""`pac-desktop --self-test` loads the platform plugin the real start will use (issue 14): on a Linux desktop
(DISPLAY set) a missing system library of the xcb plugin is an ÉCHEC line naming the library and the package.

The library is hidden without touching the machine: a copy of Qt's xcb plugin whose needed
``libxcb-cursor.so.0`` is renamed ``libxcb-cursor.so.9`` (a name no system has), found by Qt's own
QT_PLUGIN_PATH, the Qt libraries beside it through LD_LIBRARY_PATH as the frozen bundle's loader sets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from pac_desktop.gui.platform_check import missing_message, package_for, target_platform

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")

QT_PLUGINS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
QT_LIBS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))


def _self_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pac_desktop.app", "--self-test"], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=False)


def _desktop_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PAC_DATA_DIR")}
    env.update(DISPLAY=":99", HOME=str(tmp_path / "home"))
    return env


def test_a_hidden_xcb_library_is_named_with_its_package(tmp_path: Path):
    plugin = (QT_PLUGINS / "platforms" / "libqxcb.so").read_bytes()
    assert b"libxcb-cursor.so.0" in plugin
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_bytes(plugin.replace(b"libxcb-cursor.so.0", b"libxcb-cursor.so.9"))
    env = _desktop_env(tmp_path)
    env.update(QT_PLUGIN_PATH=str(tmp_path / "plugins"),
               LD_LIBRARY_PATH=os.pathsep.join(p for p in (str(QT_LIBS), env.get("LD_LIBRARY_PATH", "")) if p))
    result = _self_test(env)
    line = next(x for x in result.stdout.splitlines() if "pour l'affichage" in x)
    assert line.startswith("ÉCHEC"), line
    assert "« xcb »" in line and "libxcb-cursor.so.9" in line and "apt-get install" in line and "libxcb-cursor0" in line
    assert result.returncode == 1


def test_offscreen_and_no_screen_have_nothing_to_load(tmp_path: Path):
    env = _desktop_env(tmp_path)
    env.pop("DISPLAY")
    result = _self_test(env)
    line = next(x for x in result.stdout.splitlines() if "pour l'affichage" in x)
    assert line.startswith("OK") and "hors écran" in line


def test_the_platform_of_the_real_start_and_the_packages():
    assert target_platform({"DISPLAY": ":0"}) == "xcb"
    assert target_platform({"WAYLAND_DISPLAY": "wayland-0"}) == "wayland"
    assert target_platform({"PAC_REAL_QT_QPA_PLATFORM": "", "QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}) == "xcb"
    assert target_platform({}) is None
    assert package_for("libxcb-icccm.so.4") == "libxcb-icccm4" and package_for("libxcb-keysyms.so.1") == (
        "libxcb-keysyms1")
    message = missing_message("xcb", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message
