"""The « Repérage » area through the real widgets (issue 18 §2): a counsellor sees the territory's youths not yet
met, notes a contact attempt on a « repéré » youth and sees the row update, then takes charge of contacting them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from casefile_builders import make_staff, make_youth
from gui_helpers import save_shot
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
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


def test_record_an_attempt_and_take_charge(qtbot, desk):
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
    save_shot(window, "reperage.png")


def _many_youths(s, n: int) -> None:
    """``n`` fictitious youths « repéré » in Tarbes, written in one statement (the worklist reads them back)."""
    import uuid

    from sqlalchemy import insert, select

    from pac_desktop.domain.enums import YouthStatus
    from pac_desktop.domain.text import normalise
    from pac_desktop.storage.models import Territory, Youth

    with s.ctx.read() as session:
        tarbes = session.scalar(select(Territory.id).where(Territory.code == "tarbes"))
    rows = []
    for i in range(n):
        yid = str(uuid.uuid4())
        first, last = f"Prénom{i % 7}", f"Testliste{i:04d}"
        rows.append(dict(id=yid, case_id=yid, territory_id=tarbes, first_name=first, last_name=last,
                         first_name_key=normalise(first), last_name_key=normalise(last), birth_date=date(2008, 1, 1),
                         town="Tarbes", town_key="tarbes", status=YouthStatus.REFERRED))
    with s.ctx.store.engine.begin() as connection:
        connection.execute(insert(Youth.__table__), rows)


def test_a_long_worklist_reads_on_as_it_is_scrolled_and_sorts_by_its_headers(qtbot, desk):
    s, _me, _lea, window, page = desk
    _many_youths(s, 450)
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.refresh()
    assert page.model.total == 452 and page.model.rowCount() == 200
    assert page.ui.status_label.text() == (
        "452 jeunes à contacter — 200 affichés : la suite vient en faisant défiler la liste.")
    save_shot(window, "reperage-long.png")
    # Scrolled to the end: the next pages come, until every line is there.
    for loaded in (400, 452):
        with qtbot.waitSignal(page.model.page_appended, timeout=WAIT):
            page.ui.lines_view.scrollToBottom()
            if page.model.canFetchMore():
                page.model.fetchMore()
        assert page.model.rowCount() == loaded
    assert len({line.id for line in page.model.lines()}) == 452
    assert page.ui.status_label.text() == "452 jeunes à contacter."
    assert not page.model.canFetchMore()
    # A click on « Jeune » sorts by name in SQL (from the first page again), a second click the other way.
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.ui.lines_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.model.rowCount() == 200 and page.model.line(0).last_name == "Testfictif"
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.ui.lines_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [line.last_name for line in page.model.lines()[:2]] == ["Testrepere", "Testliste0449"]
    # The search narrows the list; the count follows.
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.ui.search_edit.setText("testliste01")
    assert page.model.total == 100 and page.ui.status_label.text() == "100 jeunes à contacter."


def test_a_try_noted_after_the_fact_keeps_its_day_and_time(qtbot, desk):
    s, me, lea, _window, page = desk
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.refresh()
    page.ui.lines_view.selectRow([line.id for line in page.model.lines()].index(lea))
    with qtbot.waitSignal(page.attempt_dialog_opened, timeout=WAIT) as opened:
        page.ui.record_button.click()
    dialog = opened.args[0]
    when = dialog.ui.when_edit
    # Now by default (the tests' day, noon in Paris), in French; never later than now.
    assert when.text() == "12/03/2026 12:00" and not dialog.ui.refused_label.isVisible()
    when.setDateTime(QDateTime(QDate(2026, 3, 13), QTime(9, 0)))
    assert when.text() == "12/03/2026 12:00"  # the future cannot be typed
    when.setDateTime(QDateTime(QDate(2026, 3, 10), QTime(17, 45)))  # noted two days later
    dialog.ui.channel_combo.setCurrentIndex(list(ContactChannel).index(ContactChannel.HOME_VISIT))
    dialog.ui.reached_combo.setCurrentIndex(1)
    dialog.ui.next_action_edit.setText("Rappeler")
    dialog.ui.next_due_edit.setText("09/03/2026")  # before the try itself: refused, in French
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=WAIT)
    assert "avant la prise de contact" in dialog.ui.error_label.text()
    dialog.ui.next_due_edit.setText("17/03/2026")
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: _line(page, lea).attempts == 1, timeout=WAIT)
    (attempt,) = s.contacts.attempts(youth_id=lea, by=me)
    assert attempt.attempted_at == datetime(2026, 3, 10, 16, 45, tzinfo=UTC)  # 17:45 in Paris
    row = [line.id for line in page.model.lines()].index(lea)
    assert page.model.index(row, 5).data() == "10/03/2026 — Visite à domicile, joint(e)"


def test_a_youth_who_wants_no_more_messages(qtbot, desk):
    s, me, lea, window, page = desk
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT):
        page.refresh()
    page.ui.lines_view.selectRow([line.id for line in page.model.lines()].index(lea))
    assert page.ui.refuse_button.isEnabled() and page.ui.refuse_button.text() == "Ne souhaite &plus être contacté·e"
    with qtbot.waitSignal(page.refusal_box_opened, timeout=WAIT) as opened:
        page.ui.refuse_button.click()
    box = opened.args[0]
    assert "Plus aucun SMS ni courriel" in box.text()
    next(b for b in box.buttons() if b.text() == "Noter le refus").click()
    qtbot.waitUntil(lambda: _line(page, lea).messages_refused, timeout=WAIT)
    assert s.contacts.messages_refused(youth_id=lea)
    # Shown on the line (an icon and its tooltip) and in the attempt dialog; an SMS is refused by the service.
    row = [line.id for line in page.model.lines()].index(lea)
    name = page.model.index(row, 0)
    assert name.data(Qt.ItemDataRole.DecorationRole) is not None
    tooltip = name.data(Qt.ItemDataRole.ToolTipRole)
    assert "ne souhaite plus être contacté·e par message" in tooltip
    # When and by whom (issue 18's leftovers): the day it was noted here, and the counsellor who noted it.
    assert tooltip.endswith("Refus noté le 12/03/2026 par Inès Testconseil."), tooltip
    other = page.model.index(1 - row, 0)
    assert other.data(Qt.ItemDataRole.DecorationRole) is None
    assert page.selected_row() is not None and page.selected_row().id == lea  # still selected after the reload
    assert page.ui.refuse_button.text() == "&Accepte à nouveau les messages"
    save_shot(window, "reperage-refused.png")
    with qtbot.waitSignal(page.attempt_dialog_opened, timeout=WAIT) as opened:
        page.ui.record_button.click()
    dialog = opened.args[0]
    assert dialog.ui.refused_label.isVisible() and "ne souhaite plus recevoir de messages" in dialog.ui.refused_label.text()
    save_shot(dialog, "reperage-attempt.png")
    dialog.ui.channel_combo.setCurrentIndex(list(ContactChannel).index(ContactChannel.SMS))
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=WAIT)
    assert "a refusé de recevoir des messages" in dialog.ui.error_label.text()
    dialog.reject()
    # Accepting messages again takes one click.
    page.ui.refuse_button.click()
    qtbot.waitUntil(lambda: not _line(page, lea).messages_refused, timeout=WAIT)
    assert not s.contacts.messages_refused(youth_id=lea)
