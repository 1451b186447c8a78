"""The main window: areas, navigation by click and Ctrl+N, badges, the user menu, the zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QLabel

from pac_desktop.gui import icons
from pac_desktop.gui.main_window import MainWindow
from pac_desktop.gui.roles import BadgeRole, IdRole
from pac_desktop.gui.settings import FONT_POINT_SIZE
from pac_desktop.gui.theme import Theme


class _Page(QLabel):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.shown = 0

    def area_shown(self) -> None:
        self.shown += 1


def _window(qtbot, counsellor, tasks, preferences, **kwargs) -> MainWindow:
    window = MainWindow(actor=counsellor, tasks=tasks, preferences=preferences, **kwargs)
    qtbot.addWidget(window)
    return window


def test_navigation_by_click_and_shortcut(qtbot, counsellor, tasks, preferences):
    window = _window(qtbot, counsellor, tasks, preferences)
    home, youths, reports = _Page("accueil"), _Page("jeunes"), _Page("rapports")
    window.add_area("home", "Accueil", icons.HOME, home)
    window.add_area("youths", "Jeunes", icons.CASELOAD, youths, badge_count_fn=lambda: 4)
    window.add_area("reports", "Indicateurs", icons.OUTCOMES, reports)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_area() == "home" and home.shown == 1

    # a click on the navigation list
    nav = window.ui.nav_view
    rect = nav.visualRect(window.navigation.index(1, 0))
    with qtbot.waitSignal(window.area_changed) as blocker:
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["youths"]
    assert window.ui.content_stack.currentWidget() is youths and youths.shown == 1

    # Ctrl+3, then Ctrl+1
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.area_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["reports"] and window.current_area() == "reports"
    with qtbot.waitSignal(window.area_changed):
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "home" and home.shown == 2
    assert nav.currentIndex().data(IdRole) == "home"

    # the badge was counted off the UI thread
    qtbot.waitUntil(lambda: window.navigation.index(1, 0).data(BadgeRole) == 4, timeout=5000)
    assert window.navigation.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Jeunes (Ctrl+2) — 4 à traiter"
    assert window.navigation.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Jeunes, 4 à traiter"
    assert window.navigation.index(0, 0).data(BadgeRole) == 0


def test_an_area_given_what_builds_it_is_built_once_when_first_needed(qtbot, counsellor, tasks, preferences):
    """Issue 16: the window opens without building the pages nobody has opened yet; the badge still counts."""
    window = _window(qtbot, counsellor, tasks, preferences)
    built: list[_Page] = []

    def build(text: str) -> _Page:
        built.append(_Page(text))
        return built[-1]

    window.add_area("home", "Accueil", icons.HOME, _Page("accueil"))
    window.add_area("youths", "Jeunes", icons.CASELOAD, lambda: build("jeunes"), badge_count_fn=lambda: 3)
    window.add_area("reports", "Indicateurs", icons.OUTCOMES, lambda: build("rapports"))
    window.show()
    qtbot.waitExposed(window)
    assert built == [] and window.current_area() == "home"
    assert not window.area_built("youths") and window.ui.content_stack.count() == 1
    window.refresh_badges()
    qtbot.waitUntil(lambda: window.navigation.index(1, 0).data(BadgeRole) == 3, timeout=5000)
    assert built == []

    with qtbot.waitSignal(window.area_changed):
        window.show_area("youths")
    (youths,) = built
    assert window.current_area() == "youths" and youths.shown == 1 and youths.isVisible()
    window.show_area("home")
    window.show_area("youths")
    assert built == [youths] and youths.shown == 2  # built once, shown twice

    reports = window.area_widget("reports")  # asked for: built now, without being shown
    assert built == [youths, reports] and window.area_built("reports") and reports.shown == 0
    assert window.current_area() == "youths"


def test_header_and_user_menu(qtbot, counsellor, tasks, preferences):
    window = _window(qtbot, counsellor, tasks, preferences, demo=True)
    window.add_area("home", "Accueil", icons.HOME, _Page("accueil"))
    window.show()
    assert window.windowTitle() == f"PAC — {counsellor.organisation_name}"
    assert window.ui.place_label.text() == f"{counsellor.organisation_name} · {counsellor.territory_name}"
    assert window.ui.user_button.text() == "MD"
    assert window.ui.demo_label.isVisible()
    texts = [a.text() for a in window.ui.user_button.menu().actions() if not a.isSeparator()]
    assert texts == ["À propos de PAC Desktop", "Se déconnecter"]  # working actions only, no placeholders
    assert window.ui.user_button.menu().actions()[0].text() == "Marie Dupont"  # a section title
    with qtbot.waitSignal(window.logout_requested):
        window.logout_action.trigger()


def test_zoom_changes_the_application_font_and_is_remembered(qtbot, qapp, counsellor, tasks, preferences):
    original_font, original_sheet = qapp.font(), qapp.styleSheet()
    try:
        theme = Theme(qapp, preferences)
        window = _window(qtbot, counsellor, tasks, preferences, theme_=theme)
        window.add_area("home", "Accueil", icons.HOME, _Page("accueil"))
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        start = theme.point_size
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert theme.point_size == start + 2 == qapp.font().pointSize()
        assert preferences.get(FONT_POINT_SIZE) == start + 2
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert qapp.font().pointSize() == start + 1
        qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert qapp.font().pointSize() == 11 and preferences.get(FONT_POINT_SIZE) == 11
        assert Theme(qapp, preferences).point_size == 11
    finally:
        qapp.setFont(original_font)
        qapp.setStyleSheet(original_sheet)


def test_the_header_shows_the_sync_status_once_it_is_plugged_in(qtbot, counsellor, tasks, preferences):
    window = _window(qtbot, counsellor, tasks, preferences)
    window.add_area("home", "Accueil", icons.HOME, _Page("accueil"))
    window.show()
    assert not window.sync_status_area.isVisible()
    window.sync_status_area.layout().addWidget(QLabel("Synchronisé il y a 3 min"))
    qtbot.waitUntil(window.sync_status_area.isVisible, timeout=2000)
    assert window.ui.header_bar.isAncestorOf(window.sync_status_area)


def test_navigation_model_passes_the_model_tester(qtbot, counsellor, tasks, preferences):
    window = _window(qtbot, counsellor, tasks, preferences)
    tester = QAbstractItemModelTester(window.navigation, QAbstractItemModelTester.FailureReportingMode.Fatal)
    for n, key in enumerate(("home", "youths", "reports")):
        window.add_area(key, key.title(), icons.HOME, _Page(key), badge_count_fn=lambda n=n: n)
    window.navigation.set_badge("youths", 12)
    assert window.navigation.rowCount() == 3
    assert window.navigation.index(1, 0).data(BadgeRole) == 12
    assert tester is not None


def test_every_icon_name_exists(qapp):
    for name in icons.ALL_NAMES:
        assert icons.exists(name) and not icons.icon(name).isNull(), name
    assert not icons.exists("mdi6.no-such-icon") and not icons.exists("fa5s.home")
    with pytest.raises(KeyError):
        icons.icon("mdi6.no-such-icon")


def test_an_icon_is_its_glyph_in_the_colour_of_its_mode(qapp):
    """The glyph fills the middle of the icon in the colour asked at rest, the accent under the mouse, the palette's
    disabled text when disabled; nothing is drawn outside the glyph."""
    from PySide6.QtGui import QColor, QIcon

    from pac_desktop.gui import theme

    lock = icons.icon(icons.LOCK, theme.ERROR)
    for mode, colour in ((QIcon.Mode.Normal, theme.ERROR), (QIcon.Mode.Active, theme.ACCENT),
                         (QIcon.Mode.Disabled, icons._disabled_colour().name())):
        image = lock.pixmap(40, 40, mode).toImage()
        solid = {image.pixelColor(x, y).name() for x in range(40) for y in range(40)
                 if image.pixelColor(x, y).alpha() == 255}
        assert len(solid) >= 1 and all(_close(QColor(c), QColor(colour)) for c in solid), (mode, solid, colour)
        assert image.pixelColor(0, 0).alpha() == 0  # a transparent corner: the glyph, not a filled square


def test_a_copy_of_an_icon_changed_later_keeps_its_glyph(qapp):
    """Changing a copy (addPixmap) makes Qt clone the icon's engine and own the clone: it must outlive Python's
    garbage collection and go when Qt deletes it (QtAwesome's engine crashed the process here)."""
    import gc

    from PySide6.QtGui import QIcon, QPixmap

    original = icons.icon(icons.HOME)
    changed = QIcon(original)
    extra = QPixmap(8, 8)
    extra.fill()
    changed.addPixmap(extra)
    del original
    gc.collect()
    image = changed.pixmap(32, 32).toImage()
    assert any(image.pixelColor(x, y).alpha() == 255 for x in range(32) for y in range(32))
    del changed
    gc.collect()
    icons._CLONES.clear()  # Qt has deleted its clone: dropping the Python side deletes nothing twice
    gc.collect()


def _close(a, b) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 3


def test_drawing_the_icons_imports_neither_qtawesomes_module_nor_qtpy(tmp_path):
    """Issue 16: QtAwesome's module imports qtpy, whose star imports of QtCore, QtGui and QtWidgets and QtOpenGL
    cost ~15 MB and ~0.1 s; the icons use QtAwesome's font and charmap without it."""
    import os
    import subprocess
    import sys

    child = ("import sys\n"
             "from PySide6.QtWidgets import QApplication\n"
             "app = QApplication([])\n"
             "from pac_desktop.gui import icons\n"
             "assert all(not icons.pixmap(name, 32).isNull() for name in icons.ALL_NAMES)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qtawesome', 'qtpy')))\n")
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_icon_the_application_names_comes_from_the_one_font_loaded(qapp):
    """Issue 16: QtAwesome's twelve fonts took 14 MB; the application draws from Material Design Icons 6 alone."""
    import re
    from pathlib import Path

    import pac_desktop

    package = Path(pac_desktop.__file__).parent
    named = {name for path in package.rglob("*.py")
             for name in re.findall(r"[\"']((?:mdi6|mdi|fa5s?|fa6s?|ph|ri|msc|ei)\.[a-z0-9-]+)[\"']", path.read_text("utf-8"))}
    assert len(named) > 40 and all(name.startswith(icons.FONT_PREFIX + ".") for name in named), sorted(named)
    for name in sorted(named):
        assert icons.exists(name) and not icons.icon(name).isNull(), name
