"""Where the shipped files are (one helper for the source tree, an installed package and the frozen build), and
where the user's data folder and its local store are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

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


# --------------------------------------------------------------------------------------------------
# The data folder and its local store (storage.store opens it; the command line and the app only locate it)
# --------------------------------------------------------------------------------------------------

APP_NAME = "pac-desktop"
DB_FILENAME = "pac.sqlite3"
DATA_DIR_ENV = "PAC_DATA_DIR"
PLAIN_HEADER = b"SQLite format 3\x00"


def default_data_dir() -> Path:
    """The user's data directory, unless ``--data-dir`` or ``PAC_DATA_DIR`` says otherwise."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def store_file_kind(path: Path) -> str:
    """"missing" (absent or empty), "plain" (SQLite header) or "encrypted" (anything else: SQLCipher's salt)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    if not head:
        return "missing"
    return "plain" if head == PLAIN_HEADER else "encrypted"
