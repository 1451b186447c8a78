"""Driving the intake wizard through its widgets, as a counsellor does: keys typed, clicks, the keyboard in lists."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from pac_desktop.gui.intake import IntakesPage
from pac_desktop.gui.roles import IdRole

TIMEOUT = 10_000


def make_page(qtbot, services, actor, tasks, **kwargs) -> IntakesPage:
    page = IntakesPage(
        service=services.intake,
        actor=actor,
        tasks=tasks,
        today=services.ctx.today,
        **kwargs,
    )
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def settle(qtbot, page: IntakesPage) -> None:
    """Every save sent and committed, and the detail read again after the last one."""
    wizard = page.wizard
    wizard.flush()
    qtbot.waitUntil(lambda: not wizard.autosaver.busy, timeout=TIMEOUT)
    with qtbot.waitSignal(wizard.detail_refreshed, timeout=TIMEOUT):
        wizard.reload()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key. QTest.keyClicks only knows ASCII; French needs "é", "à", "œ"…"""
    for ch in text:
        code = ord(ch.upper())
        key = Qt.Key(code) if code < 0x100 else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, ch, Qt.KeyboardModifier.NoModifier)


def type_into(qtbot, edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    type_text(edit, text)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an item with the keyboard (Down/Up on the closed list), as a user does; fails if it is not there."""
    qtbot.waitUntil(lambda: combo.findText(text) >= 0, timeout=TIMEOUT)
    target = combo.findText(text)
    combo.setFocus()
    for _ in range(combo.count() + 1):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)
    assert combo.currentText() == text


def choose_containing(qtbot, combo: QComboBox, part: str) -> None:
    qtbot.waitUntil(lambda: any(part in combo.itemText(i) for i in range(combo.count())), timeout=TIMEOUT)
    text = next(combo.itemText(i) for i in range(combo.count()) if part in combo.itemText(i))
    choose(qtbot, combo, text)


def click(qtbot, widget: QWidget) -> None:
    assert widget.isEnabled(), f"{widget.objectName()} is disabled"
    if isinstance(widget, QCheckBox):
        # A check box reacts on its box and its text only, not on the blank space a layout gives it.
        before = widget.isChecked()
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
        assert widget.isChecked() != before
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == row


def row_with_id(view: QAbstractItemView, wanted: str) -> int:
    model = view.model()
    for row in range(model.rowCount(QModelIndex())):
        if model.index(row, 0).data(IdRole) == wanted:
            return row
    raise AssertionError(f"{wanted} not in {view.objectName()}")


def next_step(qtbot, page: IntakesPage) -> None:
    wizard = page.wizard
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        click(qtbot, wizard.ui.next_button)


def validate_as(qtbot, page: IntakesPage, staff_id: str, password: str) -> None:
    """One counsellor validates at the validation step: their button, their own password in the dialog (issue
    13), the lock's confirmation ticked when it is the last one; waits until the detail shows it."""
    wizard = page.wizard
    validation = wizard.page(wizard.current_step)
    qtbot.waitUntil(lambda: staff_id in validation.validate_buttons, timeout=TIMEOUT)
    click(qtbot, validation.validate_buttons[staff_id])
    qtbot.waitUntil(lambda: validation.validate_dialog is not None and validation.validate_dialog.isVisible(),
                    timeout=TIMEOUT)
    dialog = validation.validate_dialog
    type_into(qtbot, dialog.ui.password_edit, password)
    if dialog.ui.lock_frame.isVisible():
        click(qtbot, dialog.ui.lock_check)
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    try:
        qtbot.waitUntil(lambda: validation.validate_dialog is None, timeout=TIMEOUT)  # closes once stored
    except Exception:
        raise AssertionError(f"validation refused: {dialog.ui.error_label.text()}") from None
    qtbot.waitUntil(lambda: any(v.staff_id == staff_id for v in wizard.detail.validations)
                    or wizard.detail.locked, timeout=TIMEOUT)
