"""The session lock (inactivity and on demand, unlocked with the password) and the audit trail's admin view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.session_lock import InactivityLock
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.models import AuditEvent

PASSWORD = "motdepasse-verrou"


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def admin(loaded_services):
    staff_id = loaded_services.staff.add(first_name="Alix", last_name="Testverrou", organisation_code="ml-tarbes",
                                         roles=[StaffRole.ADMINISTRATOR], login="alix", password=PASSWORD)
    with loaded_services.ctx.read() as session:
        return actor_for(session, staff_id)


def _actions(services) -> list[str]:
    with services.ctx.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.at)))


def _window(qtbot, services, actor, tasks):
    from pac_desktop.app import build_main_window

    window = build_main_window(services, actor, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_inactivity_locks_every_window_and_only_the_password_unlocks(qtbot, loaded_services, admin, tasks) -> None:
    from pac_desktop.gui.session_lock import SessionLockController

    window = _window(qtbot, loaded_services, admin, tasks)
    other = QWidget()
    qtbot.addWidget(other)
    other.setWindowTitle("Dossier ouvert")
    other.show()
    clock = Clock()
    controller = SessionLockController(
        window, actor=admin, tasks=tasks, unlock=lambda password: loaded_services.sessions.unlock(
            actor=admin, password=password),
        state=InactivityLock(600, clock=clock),
    )
    # Activity keeps the session open.
    clock.now += 500
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    clock.now += 500
    controller.set_timeout(600)
    assert not controller.state.check() and not controller.is_locked
    # Ten minutes without activity: locked, every visible window covered.
    clock.now += 101
    with qtbot.waitSignal(controller.locked, timeout=3000):
        controller.set_timeout(600)
    covered = {o.parentWidget() for o in controller.overlays}
    assert window in covered and other in covered
    assert all(o.isVisible() and o.geometry() == o.parentWidget().rect() for o in controller.overlays)
    form = next(o for o in controller.overlays if o.ui.password_edit.isVisible())
    # Key presses while locked do not unlock.
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert controller.is_locked
    qtbot.keyClicks(form.ui.password_edit, "pas-le-bon")
    qtbot.mouseClick(form.ui.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.ui.error_label.isVisible(), timeout=5000)
    assert "Mot de passe incorrect" in form.ui.error_label.text()
    assert controller.is_locked
    with qtbot.waitSignal(controller.unlocked, timeout=5000):
        qtbot.keyClicks(form.ui.password_edit, PASSWORD)
        qtbot.keyClick(form.ui.password_edit, Qt.Key.Key_Return)
    assert not controller.is_locked and controller.overlays == []
    assert _actions(loaded_services)[-2:] == ["unlock_failed", "unlock"]


def test_lock_on_demand_from_the_account_menu(qtbot, loaded_services, admin, tasks) -> None:
    window = _window(qtbot, loaded_services, admin, tasks)
    controller = window.session_lock
    assert controller.lock_action in window.ui.user_button.menu().actions()
    assert controller.lock_action.shortcut().toString() == "Ctrl+L"
    with qtbot.waitSignal(controller.locked, timeout=3000):
        controller.lock_action.trigger()
    qtbot.waitUntil(lambda: "lock" in _actions(loaded_services), timeout=5000)
    assert all(o.isVisible() for o in controller.overlays)
    # The administrators' delay is applied (10 minutes by default).
    assert controller.state.timeout_seconds == 600


def test_audit_page_filters_and_model(qtbot, loaded_services, admin, tasks) -> None:
    from pac_desktop.gui import audit_page

    s = loaded_services
    for _ in range(3):
        s.audit.record(action="view", by=admin, entity="youth", entity_id="0" * 36)
    s.audit.record(action="print", by=admin, entity="youth", entity_id="1" * 36)
    window = _window(qtbot, s, admin, tasks)
    assert audit_page.AREA_KEY in window.area_keys()
    page = window.area_widget(audit_page.AREA_KEY)
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 4, timeout=5000)
    # The filters' choices load on their own read, which may come after the rows on a busy machine.
    qtbot.waitUntil(lambda: page.ui.staff_combo.count() > 1 and page.ui.action_combo.count() > 5, timeout=5000)
    page.ui.action_combo.setCurrentIndex(page.ui.action_combo.findData("print"))
    with qtbot.waitSignal(page.model.search_finished, timeout=5000):
        qtbot.mouseClick(page.ui.search_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    index = page.model.index(0, audit_page.AuditColumn.ACTION)
    assert page.model.data(index) == "Impression"
    assert page.model.data(page.model.index(0, audit_page.AuditColumn.STAFF)) == "Alix Testverrou"
    assert page.ui.count_label.text() == "1 événement."
    page.ui.since_edit.setDate(page.ui.until_edit.date().addDays(1))
    with qtbot.waitSignal(page.model.search_finished, timeout=5000):
        page.search()
    assert page.model.rowCount() == 0 and "Aucun" in page.ui.count_label.text()
    assert not page.model.canFetchMore(QModelIndex())


def test_no_audit_area_for_other_roles(qtbot, loaded_services, tasks) -> None:
    from pac_desktop.gui import audit_page

    staff_id = loaded_services.staff.add(first_name="Rémi", last_name="Testref", organisation_code="ml-tarbes",
                                         roles=[StaffRole.REFERENT])
    with loaded_services.ctx.read() as session:
        referent = actor_for(session, staff_id)
    window = _window(qtbot, loaded_services, referent, tasks)
    assert audit_page.AREA_KEY not in window.area_keys()
    assert window.session_lock is not None
    QApplication.processEvents()
    assert date.today()  # the window builds with the referent's areas only
