"""Custom item-data roles shared by every Qt item model of the application (STYLE.md §5)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)


class Role(IntEnum):
    #: The row's own id (intake id, outcome id, area key...): what views hand to the next screen.
    Id = _BASE + 1
    #: The youth a row is about (its case id), when the row is not the youth itself.
    YouthId = _BASE + 2
    #: A value to sort on when the displayed text does not sort well (dates written in words).
    Sort = _BASE + 3
    #: A count to show as a badge (navigation areas).
    Badge = _BASE + 4


IdRole = Role.Id
YouthIdRole = Role.YouthId
SortRole = Role.Sort
BadgeRole = Role.Badge
