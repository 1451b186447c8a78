"""The referent's day, driven through the real widgets (offscreen): find a youth and open the file, add a
follow-up, record an outcome, change the referent (refused at the cap), plan a case review with two youths."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QToolButton

from pac_desktop.domain.enums import FollowUpKind, OutcomeMilestone, OutcomeSituation, StaffRole
from pac_desktop.gui.youths.areas import REVIEWS_AREA, TODO_AREA, YOUTHS_AREA
from pac_desktop.gui.youths.case_file_window import CaseFileOpener, CaseFileWindow
from pac_desktop.gui.youths.list_model import YouthColumn
from pac_desktop.services.context import Actor
from pac_desktop.services.outcomes import OutcomeState

WAIT = 10_000


@pytest.fixture
def desk(qtbot, loaded_services, tasks):
    """A referent in Tarbes with three youths, a full colleague (cap 1) and a free one; the main window with the
    home page and this issue's areas (as app.build_main_window adds them, without the other teams' areas)."""
    from functools import partial

    from pac_desktop.gui.home_page import HomePage
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.youths.areas import add_case_file_areas

    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    full = make_staff(s, "Rosa", "Testpleine", cap=1)
    free = make_staff(s, "Nadia", "Testlibre")
    make_youth(s, first="Una", last="Testdejasuivie", referent=full)
    ids = {
        "lea": make_youth(
            s,
            first="Léa",
            last="Testmartin",
            birth=date(2008, 3, 12),
            town="Tarbes",
            referent=me,
            intake_on=date(2025, 11, 30),
        ),
        "tom": make_youth(
            s,
            first="Tom",
            last="Testdurand",
            birth=date(2009, 6, 1),
            town="Lourdes",
            referent=me,
            intake_on=date(2026, 1, 20),
        ),
        "ines": make_youth(
            s, first="Inès", last="Testndiaye", birth=date(2007, 9, 9), town="Vic-en-Bigorre", referent=me
        ),
    }
    window = MainWindow(actor=me, tasks=tasks)
    home = HomePage(actor=me, load_summary=partial(s.home.summary, actor=me), tasks=tasks)
    window.add_area("home", "Accueil", "mdi6.home-outline", home)
    add_case_file_areas(window, s, me, tasks=tasks, home=home)
    home.summary_settled.connect(window.refresh_badges, Qt.ConnectionType.SingleShotConnection)  # as the app does
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield s, me, full, free, ids, window
    window.findChild(CaseFileOpener).close_all()


def _open_file(qtbot, window, query: str) -> CaseFileWindow:
    window.show_area(YOUTHS_AREA)
    page = window.area_widget(YOUTHS_AREA)
    qtbot.waitUntil(lambda: page.model.loaded_once and not page.model.loading, timeout=WAIT)
    with qtbot.waitSignal(page.results_shown, timeout=WAIT):
        qtbot.keyClicks(page.ui.search_edit, query)
    assert page.model.rowCount() == 1, [page.model.row_at(r).display_name for r in range(page.model.rowCount())]
    opener = window.findChild(CaseFileOpener)
    page.ui.table_view.setFocus()
    page.ui.table_view.selectRow(0)
    with qtbot.waitSignal(opener.window_opened, timeout=WAIT) as opened:
        qtbot.keyClick(page.ui.table_view, Qt.Key.Key_Return)
    file_window: CaseFileWindow = opened.args[0]
    qtbot.waitUntil(lambda: file_window.case is not None, timeout=WAIT)
    return file_window


def _ok(dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def _wait_dialog(qtbot, owner):
    qtbot.waitUntil(lambda: owner.current_dialog is not None and owner.current_dialog.isVisible(), timeout=WAIT)
    return owner.current_dialog


def test_find_and_open_a_file_then_add_a_follow_up(qtbot, desk):
    s, me, _, _, ids, window = desk
    page = window.area_widget(YOUTHS_AREA)
    window.show_area(YOUTHS_AREA)
    qtbot.waitUntil(lambda: page.model.loaded_once and page.model.rowCount() == 3, timeout=WAIT)
    assert page.model.index(0, YouthColumn.NAME).data() == "TESTDURAND Tom"  # "mes jeunes", by name
    file_window = _open_file(qtbot, window, "lea 12/03")
    assert file_window.ui.name_label.text() == "Léa TESTMARTIN"
    assert (
        "18 ans" in file_window.ui.details_label.text()
        and "Référent : Rémi Testreferent" in file_window.ui.details_label.text()
    )
    assert file_window.ui.status_label.text() == "Suivi par un référent"
    assert file_window.ui.add_follow_up_button.isEnabled() and not file_window.ui.notice_frame.isVisible()

    file_window.ui.tabs.setCurrentWidget(file_window.ui.follow_up_tab)
    file_window.ui.add_follow_up_button.click()
    dialog = _wait_dialog(qtbot, file_window)
    dialog.ui.kind_combo.setCurrentIndex(list(FollowUpKind).index(FollowUpKind.PARTNER_MOBILISATION))
    assert dialog.ui.partner_combo.isVisible()
    dialog.ui.date_edit.setText("10/03/2026")
    qtbot.keyClicks(dialog.ui.note_edit, "Orientation vers la PJJ pour un accompagnement.")
    _ok(dialog)  # no partner chosen: refused in French, the dialog stays open
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=WAIT)
    assert "choisissez le partenaire" in dialog.ui.error_label.text()
    dialog.ui.partner_combo.setCurrentIndex(
        next(i for i in range(dialog.ui.partner_combo.count()) if "UEMO Tarbes" in dialog.ui.partner_combo.itemText(i))
    )
    with qtbot.waitSignal(file_window.case_file_loaded, timeout=WAIT):
        _ok(dialog)
    first = file_window.timeline_model.line(0)
    assert (first.kind, first.occurred_on, first.staff_name) == (
        FollowUpKind.PARTNER_MOBILISATION,
        date(2026, 3, 10),
        "Rémi Testreferent",
    )
    assert "Orientation vers la PJJ" in file_window.timeline_model.index(0, 2).data()

    # A call, newer: the diary reads newest first.
    file_window.ui.add_follow_up_button.click()
    qtbot.waitUntil(
        lambda: file_window.current_dialog is not dialog and file_window.current_dialog.isVisible(), timeout=WAIT
    )
    call = file_window.current_dialog
    call.ui.kind_combo.setCurrentIndex(list(FollowUpKind).index(FollowUpKind.CALL))
    _ok(call)
    # Wait for the diary itself: an earlier save's change announcement may reload the file once more before it.
    qtbot.waitUntil(
        lambda: [e.kind for e in file_window.timeline_model.lines()]
        == [FollowUpKind.CALL, FollowUpKind.PARTNER_MOBILISATION],
        timeout=WAIT,
    )
    assert file_window.ui.last_contact_label.text().startswith("Dernier contact : aujourd'hui")


def test_record_an_outcome(qtbot, desk):
    s, me, _, _, ids, window = desk
    file_window = _open_file(qtbot, window, "testmartin")
    outcomes = file_window.outcomes_model
    assert [o.state for o in outcomes.lines()] == [
        OutcomeState.OVERDUE,
        OutcomeState.UPCOMING,
        OutcomeState.UPCOMING,
        OutcomeState.UPCOMING,
    ]  # intake on 30 November: 3 months = 28 February, overdue on 12 March
    assert outcomes.index(0, 1).data() == "28 février 2026"
    file_window.ui.tabs.setCurrentWidget(file_window.ui.outcomes_tab)
    file_window.ui.record_outcome_button.click()
    dialog = _wait_dialog(qtbot, file_window)
    assert dialog.ui.milestone_combo.currentData() == OutcomeMilestone.MONTH_3.value  # the overdue one, chosen
    dialog.ui.situation_combo.setCurrentIndex(list(OutcomeSituation).index(OutcomeSituation.APPRENTICESHIP))
    dialog.ui.note_edit.insertPlainText("Contrat d'apprentissage signé en boulangerie.")  # QTest types ASCII only
    with qtbot.waitSignal(file_window.case_file_loaded, timeout=WAIT):
        _ok(dialog)
    m3 = outcomes.line(0)
    assert (m3.state, m3.situation, m3.recorded_on, m3.recorded_by_name) == (
        OutcomeState.RECORDED,
        OutcomeSituation.APPRENTICESHIP,
        date(2026, 3, 12),
        "Rémi Testreferent",
    )
    # The "À faire" list no longer holds it.
    window.show_area(TODO_AREA)
    todo = window.area_widget(TODO_AREA)
    qtbot.waitUntil(lambda: todo.todo is not None and todo.todo.outcomes == (), timeout=WAIT)


def test_change_the_referent_refused_at_the_cap(qtbot, desk):
    s, me, full, free, ids, window = desk
    file_window = _open_file(qtbot, window, "tom")
    file_window.ui.change_referent_button.click()
    dialog = _wait_dialog(qtbot, file_window)
    assert not dialog.ui.override_edit.isVisible()  # not an administrator
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert "Rosa Testpleine" in names and "Rémi Testreferent (actuel)" in names
    assert dialog.model.index(names.index("Rosa Testpleine"), 2).data() == "1 / 1 — plafond atteint"
    dialog.select_candidate(full.staff_id)
    assert "a atteint son plafond" in dialog.ui.error_label.text()
    qtbot.keyClicks(dialog.ui.reason_edit, "Le jeune a demenage a Lourdes.")
    _ok(dialog)
    qtbot.waitUntil(lambda: "le plafond est atteint" in dialog.ui.error_label.text(), timeout=WAIT)
    assert dialog.isVisible()  # refused: nothing saved, the dialog stays open with the reason

    dialog.select_candidate(free.staff_id)
    with qtbot.waitSignal(file_window.case_file_loaded, timeout=WAIT):
        _ok(dialog)
    assert "Référent : Nadia Testlibre" in file_window.ui.details_label.text()
    assert [(r.staff_name, r.ended_on) for r in file_window.referents_model.lines()] == [
        ("Nadia Testlibre", None),
        ("Rémi Testreferent", date(2026, 3, 12)),
    ]
    # Rémi may still read the file, but no longer change it.
    assert file_window.ui.notice_frame.isVisible() and "Nadia Testlibre" in file_window.ui.notice_label.text()
    assert not file_window.ui.add_follow_up_button.isEnabled() and not file_window.ui.change_referent_button.isEnabled()


def test_plan_a_case_review_with_two_youths(qtbot, desk):
    s, me, _, free, ids, window = desk
    window.show_area(REVIEWS_AREA)
    page = window.area_widget(REVIEWS_AREA)
    qtbot.waitUntil(lambda: page.ui.reviews_empty_label.isVisible(), timeout=WAIT)
    page.ui.plan_button.click()
    dialog = _wait_dialog(qtbot, page)
    assert dialog.youths_model.rowCount() == 3  # "mes jeunes" to start with
    dialog.youths_model.set_checked(ids["lea"], True)
    dialog.youths_model.set_checked(ids["tom"], True)
    dialog.staff_model.set_checked(free.staff_id, True)
    dialog.ui.title_edit.setText("Synthèse de mars")
    dialog.ui.date_edit.setText("19/03/2026")
    dialog.ui.place_edit.setText("Mission Locale de Tarbes")
    dialog.ui.others_edit.setText("Mme Testeducatrice, M. Testtuteur")
    with qtbot.waitSignal(page.review_loaded, timeout=WAIT) as loaded:
        _ok(dialog)
    detail = loaded.args[0]
    assert [y.youth_name for y in detail.youths] == ["Tom Testdurand", "Léa Testmartin"]
    assert {p.name for p in detail.participants} == {
        "Rémi Testreferent",
        "Nadia Testlibre",
        "Mme Testeducatrice",
        "M. Testtuteur",
    }
    assert page.ui.detail_title_label.text() == "Synthèse de mars — 19 mars 2026"

    page.ui.review_youths_view.selectRow(1)  # Léa
    page.ui.decision_edit.insertPlainText("Entrée en formation en avril ; point dans un mois.")
    with qtbot.waitSignal(page.review_loaded, timeout=WAIT):
        page.ui.save_decision_button.click()
    assert page.youths_model.line(1).decision == "Entrée en formation en avril ; point dans un mois."
    assert "Tenue" in page.reviews_model.index(0, 2).data()

    with qtbot.waitSignal(window.findChild(CaseFileOpener).window_opened, timeout=WAIT) as opened:
        page.ui.open_youth_button.click()
    file_window = opened.args[0]
    qtbot.waitUntil(lambda: file_window.case is not None, timeout=WAIT)
    assert [d.decision for d in file_window.decisions_model.lines()] == [
        "Entrée en formation en avril ; point dans un mois."
    ]


def test_sensitive_intake_sections_are_folded(qtbot, desk):
    from sqlalchemy import select

    from pac_desktop.domain.enums import AnalysisSection
    from pac_desktop.storage.models import AnalysisNote, JointIntake

    s, me, _, _, ids, window = desk
    with s.ctx.write(me) as session:
        intake = session.scalars(select(JointIntake).where(JointIntake.youth_id == ids["lea"])).one()
        for section, text in (
            (AnalysisSection.SCHOOLING, "Sortie de seconde en juin."),
            (AnalysisSection.HEALTH, "Information de santé fictive."),
        ):
            session.add(
                AnalysisNote(
                    case_id=ids["lea"], intake_id=intake.id, section=section, text=text, author_staff_id=me.staff_id
                )
            )
    file_window = _open_file(qtbot, window, "testmartin")
    file_window.ui.tabs.setCurrentWidget(file_window.ui.intake_tab)
    toggles = {t.text(): t for t in file_window.ui.intake_contents.findChildren(QToolButton)}
    health = next(t for text, t in toggles.items() if text.startswith("Santé (confidentiel)"))
    schooling = toggles["Scolarité et sortie du système scolaire"]
    assert not health.isChecked() and schooling.isChecked()
    bodies = {
        label.text(): label for label in file_window.ui.intake_contents.findChildren(type(file_window.ui.name_label))
    }
    assert not bodies["Rémi Testreferent : Information de santé fictive."].isVisible()
    assert bodies["Rémi Testreferent : Sortie de seconde en juin."].isVisible()
    health.click()
    assert bodies["Rémi Testreferent : Information de santé fictive."].isVisible()


def test_the_to_do_badge(qtbot, desk):
    s, me, _, _, ids, window = desk
    nav = window.navigation
    row = nav.row_of(TODO_AREA)
    # Léa's 3-month outcome is overdue; none of the three has had a contact in the last 30 days.
    qtbot.waitUntil(lambda: nav.area(row).badge == 4, timeout=WAIT)
    s.casefile.add_follow_up(youth_id=ids["tom"], kind=FollowUpKind.HOME_VISIT, occurred_on=date(2026, 3, 11), by=me)
    window.show_area(TODO_AREA)  # badges are counted again when the area changes
    qtbot.waitUntil(lambda: nav.area(row).badge == 3, timeout=WAIT)
    todo = window.area_widget(TODO_AREA)
    qtbot.waitUntil(lambda: todo.todo is not None and len(todo.todo.no_contact) == 2, timeout=WAIT)
    assert todo.ui.no_contact_title_label.text() == "Suivis sans contact depuis plus de 30 jours"
    # The home page's card says the same.
    card = window.area_widget("home").findChild(QFrame, "todo_summary_frame")
    window.show_area("home")
    qtbot.waitUntil(lambda: card.text_label.text().startswith("2 jeunes sans contact"), timeout=WAIT)
    assert isinstance(me, Actor)


def test_the_list_offers_no_territory_its_reader_may_not_list(qtbot, desk):
    """A referent lists their own territory's youths (issue 7 §3): the list offered every territory, and choosing
    another one only brought a refusal; its « Territoire » column repeated one name on every line."""
    s, me, _, _, _, window = desk
    assert [name for _id, name in s.youths.territories(by=me)] == ["Tarbes"]
    window.show_area(YOUTHS_AREA)
    page = window.area_widget(YOUTHS_AREA)
    qtbot.waitUntil(lambda: page.ui.territory_combo.isHidden(), timeout=WAIT)
    assert page.ui.territory_label.isHidden() and page.ui.territory_combo.count() == 2
    with qtbot.waitSignal(page.results_shown, timeout=WAIT):
        page.ui.scope_combo.setCurrentIndex(page.ui.scope_combo.findText("Tous les jeunes"))
    assert page.model.rowCount() == 4 and page.ui.table_view.isColumnHidden(YouthColumn.TERRITORY)
    assert not page.ui.table_view.isColumnHidden(YouthColumn.REFERENT)  # several referents: the column stays
