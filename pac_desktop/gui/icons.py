"""Icons from QtAwesome (Material Design Icons 6), never hand-drawn; names checked against QtAwesome 1.4."""

from __future__ import annotations

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


def icon(name: str, color: str = theme.MUTED) -> QIcon:
    """A QtAwesome icon (``name`` such as ``"mdi6.home-outline"``), in the palette's colours."""
    return qta.icon(name, color=QColor(color), color_active=QColor(theme.ACCENT), color_selected=QColor(theme.ACCENT))


def pixmap(name: str, size: int, color: str = theme.MUTED) -> QPixmap:
    return icon(name, color).pixmap(QSize(size, size))
