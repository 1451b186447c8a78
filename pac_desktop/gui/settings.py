"""The GUI's settings: every key declared once with its type and default, read with that type.

Preferences (what the user chose) live under ``preferences/``, window state under ``window/``. Secrets never go
here (they belong to security/ and the keyring). The ``QSettings`` object is made by app.py (tests pass one on
a file in tmp_path, so they never touch the user's real settings).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", int, str, bool, QByteArray)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T


MIN_FONT_POINT_SIZE = 10
DEFAULT_FONT_POINT_SIZE = 11
MAX_FONT_POINT_SIZE = 24

# Preferences
FONT_POINT_SIZE: Setting[int] = Setting("preferences/font_point_size", int, DEFAULT_FONT_POINT_SIZE)
LAST_LOGIN: Setting[str] = Setting("preferences/last_login", str, "")

# Window state
MAIN_WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/main_window_geometry", QByteArray, QByteArray())


class Preferences:
    """Typed access to the application's ``QSettings``."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def get(self, setting: Setting[T]) -> T:
        if not self._settings.contains(setting.key):
            return setting.default
        raw = self._settings.value(setting.key)
        try:
            if setting.type is bool:
                value = raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes"}
            elif setting.type is QByteArray:
                value = raw if isinstance(raw, QByteArray) else QByteArray(raw)
            else:
                value = setting.type(raw)
        except (TypeError, ValueError):
            return setting.default
        return value  # type: ignore[return-value]

    def set(self, setting: Setting[T], value: T) -> None:
        self._settings.setValue(setting.key, value)

    def sync(self) -> None:
        self._settings.sync()
