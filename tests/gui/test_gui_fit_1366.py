"""A 1366×768 laptop (issue 15): the real main window, every area, every step of the intake wizard and every tab
of a case file — no text cut or elided, no horizontal scroll bar where none is meant, no two visible mnemonics
of one window on the same letter. PAC_SCREENSHOTS=<folder> saves what was walked, for a look."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fit_helpers import clipping, mnemonic_clashes, walk_tabs
from PySide6.QtWidgets import QApplication, QLabel

from pac_desktop.services.intake import IntakeStep
from pac_desktop.storage.base import id_from_store, id_to_store

WIDTH, HEIGHT = 1366, 768
SHOTS = os.environ.get("PAC_SCREENSHOTS")


def _shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _settle(qtbot, tasks, ms: int = 150) -> None:
    for _ in range(3):
        tasks.wait_for_all(10_000)
        QApplication.processEvents()
        qtbot.wait(ms)


@pytest.fixture(autouse=True)
def _themed(themed):
    """The look of the real application (tests/gui/conftest.py)."""
    yield


@pytest.fixture
def demo(services):
    from pac_desktop.demo import DemoDataService

    DemoDataService(services.ctx).generate(youths=40, seed=11)
    return services


def _plan_a_session(services, actor) -> None:
    """A session in a week with youths invited: the « Séances » area shows its two tables (the sessions, the
    slots), not only « Aucune séance à venir »."""
    from datetime import timedelta

    from pac_desktop.domain.errors import DomainError
    from pac_desktop.domain.intake_sessions import session_start

    sessions = services.intake_sessions
    choices = sessions.counsellor_choices(territory_id=actor.territory_id)
    team = {role: next((c.staff_id for c in staff if c.staff_id == actor.staff_id), staff[0].staff_id)
            for role, staff in choices.items() if staff}
    day = services.ctx.today() + timedelta(days=7)
    session_id = sessions.plan_session(starts_at=session_start(day, 14, 0), place="CIO Nord, salle 2",
                                       counsellors=team, slot_count=4, slot_minutes=60, by=actor)
    youth_ids = [row[0] for row in _sql(services, "SELECT id FROM youth WHERE territory_id = ? ORDER BY id",
                                        actor.territory_id)]
    invited = 0
    for youth_id in youth_ids:
        try:
            sessions.invite(session_id=session_id, youth_id=youth_id, by=actor)
        except DomainError:
            continue
        invited += 1
        if invited == 3:
            break
    assert invited, "no youth of the territory could be invited"


@pytest.fixture
def demo_admin(demo):
    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

    return demo.sessions.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)


@pytest.fixture
def window(qtbot, demo, demo_admin, tasks, preferences):
    from pac_desktop.app import build_main_window

    _plan_a_session(demo, demo_admin)
    win = build_main_window(demo, demo_admin, tasks=tasks, preferences=preferences)
    qtbot.addWidget(win)
    win.resize(WIDTH, HEIGHT)
    win.show()
    qtbot.waitExposed(win)
    _settle(qtbot, tasks)
    return win


def _sql(services, query, *params):
    with services.ctx.store.engine.connect() as con:
        # Ids bound and read as the store keeps them (storage.base.CompactId: 16 bytes), shown as text.
        return [tuple(id_from_store(v) for v in row)
                for row in con.exec_driver_sql(query, tuple(id_to_store(p) for p in params)).fetchall()]


def test_every_area_fits_1366_by_768(qtbot, window, tasks):
    """Every area, and every tab of an area that has tabs (nested ones too: the administration's)."""
    problems: list[str] = []
    walked: list[str] = []
    assert window.width() <= WIDTH and window.height() <= HEIGHT

    def check(key: str, where: str = "") -> None:
        _settle(qtbot, tasks)
        label = f"{key} › {where}" if where else key
        walked.append(label)
        _shot(window, "area-" + "-".join(_slug(part) for part in label.split(" › ")))
        problems.extend(f"[{label}] {p}" for p in clipping(window))
        problems.extend(f"[{label}] {p}" for p in mnemonic_clashes(window))

    for key in window.area_keys():
        window.show_area(key)
        check(key)
        walk_tabs(window.area_widget(key), lambda where, key=key: check(key, where))
    admin_tabs = [w for w in walked if w.startswith("admin › ")]
    assert len(admin_tabs) >= 5, walked  # Personnel, Réglages, Purge, Évaluation, Cet ordinateur
    assert not problems, "\n".join(problems)


def _slug(text: str) -> str:
    from pac_desktop.domain.text import normalise

    return "_".join(normalise(text).split())[:30] or "tab"


def _actor(services, staff_id):
    from pac_desktop.services.staff import actor_for

    with services.ctx.read() as session:
        return actor_for(session, staff_id)


def test_every_step_of_the_wizard_fits_1366_by_768(qtbot, demo, tasks, preferences):
    from pac_desktop.app import build_main_window

    intake_id, staff_id = _sql(demo, "SELECT id, created_by FROM joint_intake WHERE state IN ('stage_1', 'stage_2') "
                                     "ORDER BY id LIMIT 1")[0]
    from pac_desktop.domain.enums import OfferCategory

    actor = _actor(demo, staff_id)
    # A solution written freely, with the longest category: its row must not widen the pane (it scrolled sideways).
    longest = max(OfferCategory, key=lambda c: len(c.label))
    demo.intake.add_solution(intake_id=intake_id, free_text="Stage de découverte chez un artisan ébéniste du "
                             "quartier, deux semaines en mai", category=longest, by=actor)
    window = build_main_window(demo, actor, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    window.show_area("intakes")
    page = window.area_widget("intakes")
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=10_000):
        page.open_intake(intake_id)
    problems: list[str] = []
    for step in IntakeStep:
        with qtbot.waitSignal(page.wizard.step_changed, timeout=10_000):
            page.wizard.go_to(step)
        _settle(qtbot, tasks)
        _shot(window, f"wizard-{step.value}")
        problems += [f"[{step.value}] {p}" for p in clipping(window)]
        problems += [f"[{step.value}] {p}" for p in mnemonic_clashes(window)]
        if step == IntakeStep.SOLUTIONS:
            assert any(longest.label in lbl.text() for lbl in page.wizard.page(step).findChildren(QLabel)
                       if lbl.isVisible()), "the free solution is not shown"
        if step == IntakeStep.ANALYSIS:
            problems += _long_note_grows(qtbot, page.wizard.page(step))
        if step == IntakeStep.YOUTH:
            problems += _typical_values_show_whole(page.wizard.page(step))
            problems += [f"[date message] {p}" for p in _with_a_date_message(qtbot, tasks, page.wizard)]
    assert not problems, "\n".join(problems)


#: Typical long values of the youth step: each must show whole in its field at 1366×768.
TYPICAL_YOUTH_VALUES = {
    "first_name_edit": "Marie-Clémentine",
    "last_name_edit": "Fontaine-Dupré",
    "birth_date_edit": "28/12/2008",
    "last_class_edit": "seconde professionnelle",
    "phone_edit": "06 12 34 56 78",
    "email_edit": "prenom.nom-compose@exemple.fr",
    "address_edit": "12 rue de la République, bâtiment B",
    "postcode_edit": "31000",
    "town_edit": "Castelnau-d'Estrétefonds",
}


def _with_a_date_message(qtbot, tasks, wizard) -> list[str]:
    """A birth date that is not one: its message shows under the field, and the contact column keeps its width
    (the wrapped message widened the identity column, the e-mail and the address were cut)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    edit = wizard.page(IntakeStep.YOUTH).ui.birth_date_edit
    before = edit.text()
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "3e")
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: wizard.ui.saved_label.text().startswith("Non enregistré"), timeout=10_000)
    _settle(qtbot, tasks)
    _shot(wizard.window(), "wizard-youth-date-message")
    problems = _typical_values_show_whole(wizard.page(IntakeStep.YOUTH))
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, before)
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not wizard.ui.saved_label.text().startswith("Non enregistré"), timeout=10_000)
    _settle(qtbot, tasks)
    return problems


def _typical_values_show_whole(youth_page) -> list[str]:
    """The youth step's fields show a whole typical value (the e-mail, the address were cut)."""
    from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

    problems = []
    for name, value in TYPICAL_YOUTH_VALUES.items():
        edit = youth_page.findChild(QLineEdit, name)
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        margins = edit.textMargins()
        room_width = room.width() - margins.left() - margins.right() - 4  # the cursor's and the frame's pixels
        needed = edit.fontMetrics().horizontalAdvance(value)
        if needed > room_width:
            problems.append(f"field {name} « {value} » needs {needed}, shows {room_width}")
    return problems


def _long_note_grows(qtbot, analysis) -> list[str]:
    """A stage-1 note box grows with its text (no inner scroll bar for a few lines)."""
    from pac_desktop.domain.enums import AnalysisSection

    editor = analysis.cards[AnalysisSection.FAMILY].editor
    before = editor.height()
    editor.setPlainText(" ".join(["Vit avec sa mère, ses deux frères et sa grand-mère."] * 8))
    QApplication.processEvents()
    problems = []
    if editor.height() <= before:
        problems.append(f"note box stays {editor.height()} px high for a long note")
    if editor.verticalScrollBar().maximum() > 0:
        problems.append(f"a 5-line note is cut in its box ({editor.verticalScrollBar().maximum()} lines hidden)")
    editor.setPlainText("")
    return problems


def test_every_tab_of_a_case_file_fits_1366_by_768(qtbot, demo, tasks):
    from pac_desktop.gui.youths.case_file_window import CaseFileWindow

    youth_id, staff_id = _sql(demo, "SELECT youth_id, staff_id FROM referent_assignment WHERE ended_on IS NULL "
                                    "ORDER BY started_on LIMIT 1")[0]
    win = CaseFileWindow(services=demo, actor=_actor(demo, staff_id), tasks=tasks, youth_id=youth_id)
    qtbot.addWidget(win)
    win.resize(WIDTH, HEIGHT - 60)
    win.show()
    qtbot.waitUntil(lambda: win.case is not None, timeout=10_000)
    problems: list[str] = []
    # The header says who and where on one line: name, then details (age, territory, referent), then actions.
    line = win.ui.details_label.fontMetrics().lineSpacing()
    assert win.ui.details_label.height() < 2 * line, win.ui.details_label.height()
    tabs = win.ui.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        _settle(qtbot, tasks)
        _shot(win, f"casefile-{i}")
        problems += [f"[{tabs.tabText(i)}] {p}" for p in clipping(win)]
        problems += [f"[{tabs.tabText(i)}] {p}" for p in mnemonic_clashes(win)]
    assert not problems, "\n".join(problems)


def test_a_tab_that_is_not_current_keeps_the_accent_of_its_capital(qtbot):
    """Fusion draws the other tabs lower and clipped: « Évaluation » read « Evaluation » in the administration."""
    from PySide6.QtWidgets import QTabWidget, QWidget

    def other_tab(text: str):
        tabs = QTabWidget()
        qtbot.addWidget(tabs)
        tabs.addTab(QWidget(), "Réglages")
        tabs.addTab(QWidget(), text)
        tabs.resize(400, 120)
        tabs.show()
        qtbot.waitExposed(tabs)
        bar = tabs.tabBar()
        return bar.grab(bar.tabRect(1)).toImage()

    assert other_tab("Évaluation") != other_tab("Evaluation")


def test_the_list_import_dialog_fits_1366_by_768(qtbot, demo, tasks, preferences, tmp_path):
    """« Importer une liste… » (issue 18 §1), opened by a counsellor of the demo from the Repérage area: the preview
    of a generated list (lines in error among them) and the report of its import."""
    from pac_desktop.app import build_main_window
    from pac_desktop.demo.dropout_list import fictitious_people, list_rows, with_bad_dates, write_csv

    (staff_id,) = _sql(demo, "SELECT s.id FROM staff s JOIN staff_role r ON r.staff_id = s.id JOIN organisation o "
                             "ON o.id = s.organisation_id WHERE r.role = 'counsellor' AND o.territory_id IS NOT NULL "
                             "ORDER BY s.id LIMIT 1")[0]
    window = build_main_window(demo, _actor(demo, staff_id), tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    window.show_area("reperage")
    page = window.area_widget("reperage")
    rows = list_rows(fictitious_people(60, seed=15), seed=15)
    with_bad_dates(rows, 5, seed=15)
    path = write_csv(tmp_path / "liste-decrocheurs-novembre.csv", rows)
    with qtbot.waitSignal(page.import_dialog_opened, timeout=10_000) as opened:
        page.ui.import_button.click()
    dialog = opened.args[0]
    qtbot.waitExposed(dialog)
    assert dialog.width() <= WIDTH and dialog.height() <= HEIGHT - 40
    with qtbot.waitSignal(dialog.preview_shown, timeout=10_000):
        dialog.load(path)
    problems: list[str] = []
    for name in ("import-preview", "import-report"):
        _settle(qtbot, tasks)
        _shot(dialog, name)
        problems += [f"[{name}] {p}" for p in clipping(dialog)]
        problems += [f"[{name}] {p}" for p in mnemonic_clashes(dialog)]
        if name == "import-preview":
            dialog.ui.skip_errors_check.setChecked(True)
            with qtbot.waitSignal(dialog.imported, timeout=10_000):
                dialog.ui.import_button.click()
    assert not problems, "\n".join(problems)
    dialog.close()
