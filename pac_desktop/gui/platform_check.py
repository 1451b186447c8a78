"""Can Qt's platform plugin of the real start load on this computer? (issue 14: a stock Linux desktop lacked
``libxcb-icccm.so.4`` and ``libxcb-keysyms.so.1``, and Qt's own message blamed ``xcb-cursor0``.)

``pac-desktop --self-test`` runs offscreen, so it used to pass where the real start aborts. This check loads
the plugin the real start would use (``xcb`` when ``DISPLAY`` is set, ``wayland`` on a Wayland session without
it, or ``QT_QPA_PLATFORM`` when set) with the system's dynamic loader, as Qt does, without starting it; a
missing system library is named in French with the Debian/Ubuntu package that brings it.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

LABEL_PLATFORM = "bibliothèques du système pour l'affichage"

#: A shared library's name without its version → the Debian/Ubuntu package that has it.
DEBIAN_PACKAGES = {
    "libxcb-icccm": "libxcb-icccm4",
    "libxcb-keysyms": "libxcb-keysyms1",
    "libxcb-cursor": "libxcb-cursor0",
    "libxcb-image": "libxcb-image0",
    "libxcb-render-util": "libxcb-render-util0",
    "libxcb-shape": "libxcb-shape0",
    "libxcb-randr": "libxcb-randr0",
    "libxcb-xinerama": "libxcb-xinerama0",
    "libxcb-xkb": "libxcb-xkb1",
    "libxcb-xfixes": "libxcb-xfixes0",
    "libxcb-sync": "libxcb-sync1",
    "libxcb-shm": "libxcb-shm0",
    "libxcb-render": "libxcb-render0",
    "libxcb-util": "libxcb-util1",
    "libxcb-glx": "libxcb-glx0",
    "libxcb-xinput": "libxcb-xinput0",
    "libxcb": "libxcb1",
    "libX11-xcb": "libx11-xcb1",
    "libX11": "libx11-6",
    "libxkbcommon-x11": "libxkbcommon-x11-0",
    "libxkbcommon": "libxkbcommon0",
    "libEGL": "libegl1",
    "libGL": "libgl1",
    "libOpenGL": "libopengl0",
    "libfontconfig": "libfontconfig1",
    "libfreetype": "libfreetype6",
    "libdbus-1": "libdbus-1-3",
    "libglib-2.0": "libglib2.0-0",
    "libwayland-client": "libwayland-client0",
    "libwayland-cursor": "libwayland-cursor0",
    "libwayland-egl": "libwayland-egl1",
    "libgssapi_krb5": "libgssapi-krb5-2",
}

_MISSING = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)")


def target_platform(environ: dict[str, str] | None = None) -> str | None:
    """The platform plugin the real start will load, or None where no screen is known (nothing to check)."""
    env = os.environ if environ is None else environ
    # The self-test runs offscreen (selftest.prepare_environment) and keeps the real start's choice aside.
    real = env["PAC_REAL_QT_QPA_PLATFORM"] if "PAC_REAL_QT_QPA_PLATFORM" in env else env.get("QT_QPA_PLATFORM", "")
    chosen = real.split(":")[0].strip()
    if chosen:
        return chosen
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS: their platform plugin uses the system's own libraries
    if env.get("DISPLAY"):
        return "xcb"
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return None


def plugin_file(platform: str) -> Path | None:
    """Where Qt finds the plugin: QT_PLUGIN_PATH first, then the installation's plugins folder."""
    folders = [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    for folder in folders:
        for candidate in sorted((folder / "platforms").glob(f"*q{platform}.*")):
            if candidate.suffix in (".so", ".dll", ".dylib"):
                return candidate
    return None


def package_for(soname: str) -> str | None:
    stem = soname.split(".so")[0]
    return DEBIAN_PACKAGES.get(stem)


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries the plugin needs that the dynamic loader cannot find ([] when it loads)."""
    try:
        ctypes.CDLL(str(plugin))
        return []
    except OSError as error:
        first = _MISSING.findall(str(error))
    missing: list[str] = []
    ldd = shutil.which("ldd")
    if ldd:  # every missing one at once, not only the first the loader stopped at
        try:
            out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if name not in missing:
                    missing.append(name)
    for name in first:
        if name not in missing and name != plugin.name:
            missing.append(name)
    return missing or [plugin.name]


def missing_message(platform: str, missing: list[str]) -> str:
    packages = sorted({p for p in (package_for(name) for name in missing) if p})
    text = (f"l'affichage « {platform} » ne peut pas démarrer : bibliothèque(s) du système manquante(s) : "
            + ", ".join(missing) + ".")
    if packages:
        text += (" Demandez à votre service informatique d'installer : sudo apt-get install " + " ".join(packages)
                 + " (Debian, Ubuntu ; paquets du même nom ailleurs).")
    return text


def check_platform_plugin(_services: object = None, _actor: object = None) -> str | None:
    """The self-test's check: raises a DomainError (French) naming what is missing; returns the plugin used."""
    from pac_desktop.domain.errors import DomainError

    platform = target_platform()
    if platform is None or platform in ("offscreen", "minimal"):
        return "pas d'écran à vérifier (hors écran)"
    plugin = plugin_file(platform)
    if plugin is None:
        raise DomainError(f"le module d'affichage « {platform} » de Qt est absent de l'installation")
    missing = missing_libraries(plugin)
    if missing:
        raise DomainError(missing_message(platform, missing))
    return f"module « {platform} » chargé"
