"""Every icon name the referents' screens use exists in QtAwesome (a typo would fail only when drawn)."""

from __future__ import annotations

from pac_desktop.gui import icons
from pac_desktop.gui.youths import areas, case_file_window


def test_icon_names_exist(qapp):
    names = {
        areas.YOUTHS_ICON,
        areas.TODO_ICON,
        areas.REVIEWS_ICON,
        "mdi6.phone-alert-outline",
        "mdi6.clipboard-check-outline",
        *case_file_window.FOLLOW_UP_ICONS.values(),
        *case_file_window.STATUS_ICONS.values(),
        *(name for name, _ in case_file_window.OUTCOME_ICONS.values()),
    }
    for name in sorted(names):
        assert icons.exists(name) and not icons.icon(name).isNull(), name
