"""Icons from QtAwesome (Material Design Icons 6), never hand-drawn; names checked against QtAwesome 1.4."""

from __future__ import annotations

import functools
from typing import Any

import qtawesome as qta
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPixmap

from . import theme

# The names the application uses, in one place (tests check that each one exists).
HOME = "mdi6.home-outline"
LOGIN = "mdi6.login"
LOGOUT = "mdi6.logout"
ACCOUNT = "mdi6.account-circle-outline"
LOCK = "mdi6.lock-outline"
ERROR = "mdi6.alert-circle-outline"
WARNING = "mdi6.alert-outline"
OK = "mdi6.check-circle-outline"
CALENDAR = "mdi6.calendar-clock"
IN_PROGRESS = "mdi6.progress-clock"
CASELOAD = "mdi6.account-group-outline"
OUTCOMES = "mdi6.flag-checkered"
ZOOM_IN = "mdi6.magnify-plus-outline"
ZOOM_OUT = "mdi6.magnify-minus-outline"
ZOOM_RESET = "mdi6.magnify"
DEMO = "mdi6.school-outline"
REFRESH = "mdi6.refresh"

ALL_NAMES = (
    HOME, LOGIN, LOGOUT, ACCOUNT, LOCK, ERROR, WARNING, OK, CALENDAR, IN_PROGRESS, CASELOAD, OUTCOMES,
    ZOOM_IN, ZOOM_OUT, ZOOM_RESET, DEMO, REFRESH,
)  # fmt: skip


#: The one font of QtAwesome the application draws from.
FONT_PREFIX = "mdi6"


@functools.cache
def icon_font() -> Any:
    """Material Design Icons 6 alone. ``qta.icon`` loads QtAwesome's twelve fonts and their charmaps at its first
    icon: 14 MB of the GUI's memory (issue 16), where this one takes 5. QtAwesome itself when a release names its
    fonts otherwise (the same icons, all fonts loaded)."""
    from qtawesome.iconic_font import IconicFont

    ours = [font for font in getattr(qta, "_BUNDLED_FONTS", ()) if font[0] == FONT_PREFIX]
    return IconicFont(*ours) if len(ours) == 1 else qta


def icon(name: str, color: str = theme.MUTED) -> QIcon:
    """A QtAwesome icon (``name`` such as ``"mdi6.home-outline"``), in the palette's colours."""
    return icon_font().icon(name, color=QColor(color), color_active=QColor(theme.ACCENT),
                            color_selected=QColor(theme.ACCENT))


def pixmap(name: str, size: int, color: str = theme.MUTED) -> QPixmap:
    return icon(name, color).pixmap(QSize(size, size))
