"""Keyboard first (issue 15): an area's shortcuts work from anywhere in it — Ctrl+N right after a click on
« Accueils » (the focus still in the navigation list), Alt+→ in the wizard whatever has the focus — and never
from another area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pac_desktop.services.intake import IntakeStep
from pac_desktop.storage.base import id_from_store, id_to_store


def _sql(services, query, *params):
    with services.ctx.store.engine.connect() as con:
        # Ids bound and read as the store keeps them (storage.base.CompactId: 16 bytes), shown as text.
        return [tuple(id_from_store(v) for v in row)
                for row in con.exec_driver_sql(query, tuple(id_to_store(p) for p in params)).fetchall()]


def test_area_shortcuts_work_from_the_navigation_list(qtbot, services, tasks, preferences):
    from pac_desktop.app import build_main_window
    from pac_desktop.demo import DemoDataService
    from pac_desktop.services.staff import actor_for

    DemoDataService(services.ctx).generate(youths=20, seed=3)
    intake_id, staff_id = _sql(services, "SELECT id, created_by FROM joint_intake WHERE state IN ('stage_1', "
                                         "'stage_2') ORDER BY id LIMIT 1")[0]
    with services.ctx.read() as session:
        actor = actor_for(session, staff_id)
    window = build_main_window(services, actor, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.area_widget("intakes")

    # Ctrl+N in another area does nothing to the intakes.
    window.show_area("youths")
    nav = window.ui.nav_view
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "youths"

    # A click on « Accueils » leaves the focus in the navigation list: Ctrl+N still starts a new intake.
    rect = nav.visualRect(window.navigation.index(window.navigation.row_of("intakes"), 0))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area() == "intakes" and nav.hasFocus()
    qtbot.keyClick(nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.stack.currentWidget() is page.new_page

    # In the wizard, Alt+→ goes on from wherever the focus is (here, the navigation list again).
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=10_000):
        page.open_intake(intake_id)
    page.wizard.go_to(IntakeStep.YOUTH)
    nav.setFocus()
    with qtbot.waitSignal(page.wizard.step_changed, timeout=10_000):
        qtbot.keyClick(nav, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.wizard.current_step == IntakeStep.REFERRAL
