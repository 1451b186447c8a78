"""The « Repérage » area through the real widgets (issue 18 §2): a counsellor sees the territory's youths not yet
met, notes a contact attempt on a « repéré » youth and sees the row update, then takes charge of contacting them."""

from __future__ import annotations

import os
from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialogButtonBox

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.reperage import ContactChannel

WAIT = 10_000


@pytest.fixture
def desk(qtbot, loaded_services, tasks):
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.reperage_page import add_reperage_area

    s = loaded_services
    me = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    lea = make_youth(s, first="Léa", last="Testrepere", town="Lourdes", birth=date(2008, 5, 4))
    make_youth(s, first="Tom", last="Testfictif", town="Tarbes", birth=date(2007, 10, 1))
    make_youth(s, first="Max", last="Testariege", territory="ariege")  # another territory's: not listed
    window = MainWindow(actor=me, tasks=tasks)
    page = add_reperage_area(window, s, me, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return s, me, lea, window, page


def _line(page, youth_id):
    return next(line for line in page.model.lines() if line.id == youth_id)


def test_record_an_attempt_and_take_charge(qtbot, desk, tmp_path):
    s, me, lea, window, page = desk
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.refresh()
    assert [line.last_name for line in page.model.lines()] == ["Testfictif", "Testrepere"]
    assert page.ui.status_label.text() == "2 jeunes à contacter."
    row = [line.id for line in page.model.lines()].index(lea)
    assert page.model.index(row, 4).data() == "0" and page.model.index(row, 5).data() == "Aucune"
    assert not page.ui.record_button.isEnabled()
    page.ui.lines_view.selectRow(row)
    assert page.ui.record_button.isEnabled()

    with qtbot.waitSignal(page.attempt_dialog_opened, timeout=WAIT) as opened:
        page.ui.record_button.click()
    dialog = opened.args[0]
    assert dialog.ui.youth_label.text() == "TESTREPERE Léa"
    dialog.ui.channel_combo.setCurrentIndex(list(ContactChannel).index(ContactChannel.CALL))
    dialog.ui.answer_edit.setPlainText("Messagerie, message laissé.")
    dialog.ui.next_action_edit.setText("Rappeler en fin de journée")
    dialog.ui.next_due_edit.setText("40/03/2026")
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.ui.error_label.isVisible() and "Prochaine action prévue le" in dialog.ui.error_label.text()
    dialog.ui.next_due_edit.setText("16/03/2026")
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: _line(page, lea).attempts == 1, timeout=WAIT)
    row = [line.id for line in page.model.lines()].index(lea)
    assert page.model.index(row, 4).data() == "1"
    assert page.model.index(row, 5).data() == "12/03/2026 — Appel téléphonique, non joint(e)"
    assert page.model.index(row, 6).data() == "Rappeler en fin de journée — 16/03/2026"
    assert page.model.index(row, 7).data() == "En cours"
    assert [a.answer for a in s.contacts.attempts(youth_id=lea, by=me)] == ["Messagerie, message laissé."]

    # Take charge: the row says who contacts the youth, and « À moi » shows it alone.
    assert page.selected_row() is not None and page.selected_row().id == lea
    page.ui.take_charge_button.click()
    qtbot.waitUntil(lambda: _line(page, lea).contact_staff_id == me.staff_id, timeout=WAIT)
    row = [line.id for line in page.model.lines()].index(lea)
    assert page.model.index(row, 3).data() == "Inès Testconseil"
    page.ui.mine_check.setChecked(True)
    qtbot.waitUntil(lambda: [line.id for line in page.model.lines()] == [lea], timeout=WAIT)
    shot = os.environ.get("PAC_SCREENSHOT_DIR")
    window.grab().save(str((tmp_path if not shot else __import__("pathlib").Path(shot)) / "reperage.png"))
