"""Where the shipped files are: one helper for the source tree, an installed package and the frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _root_for(kind: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller one-folder build: installer/pac_desktop.spec copies both folders there
        return Path(frozen_root) / kind
    installed = _PACKAGE_DIR / kind  # wheel install: pyproject maps ui/ and resources/ into the package
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / kind  # source checkout and editable install


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/ (reference data, fonts, icons, translations)."""
    return _root_for("resources").joinpath(*parts)


def ui_path(*parts: str) -> Path:
    """Path of a Qt Designer file under ui/."""
    return _root_for("ui").joinpath(*parts)
