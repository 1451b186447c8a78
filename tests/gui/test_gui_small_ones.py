"""Small things said plainly (issue 15): a « Mes jeunes » search that finds nobody offers to search all the youths
of the territory, in one click."""

from __future__ import annotations

from datetime import date

from casefile_builders import make_staff, make_youth
from PySide6.QtCore import Qt

from pac_desktop.domain.enums import StaffRole

WAIT = 10_000


def test_mine_without_a_hit_offers_all_the_youths(qtbot, loaded_services, tasks):
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.youths.areas import add_case_file_areas

    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    other = make_staff(s, "Rosa", "Testautre")
    make_youth(s, first="Léa", last="Testmienne", birth=date(2008, 3, 12), referent=me)
    make_youth(s, first="Una", last="Testdejasuivie", referent=other)
    window = MainWindow(actor=me, tasks=tasks)
    add_case_file_areas(window, s, me, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    key = window.area_keys()[0]
    window.show_area(key)
    page = window.area_widget(key)
    qtbot.waitUntil(lambda: page.model.loaded_once and not page.model.loading, timeout=WAIT)
    assert page.ui.scope_combo.currentText() == "Mes jeunes"
    with qtbot.waitSignal(page.results_shown, timeout=WAIT):
        qtbot.keyClicks(page.ui.search_edit, "Testdejasuivie")
    assert page.model.rowCount() == 0
    assert page.ui.empty_label.isVisible() and page.all_youths_button.isVisible()
    with qtbot.waitSignal(page.results_shown, timeout=WAIT):
        qtbot.mouseClick(page.all_youths_button, Qt.MouseButton.LeftButton)
    assert page.ui.scope_combo.currentText() == "Tous les jeunes"
    assert page.model.rowCount() == 1 and not page.all_youths_button.isVisible()
