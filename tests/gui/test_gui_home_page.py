"""The home page shows the counsellor's day as the store has it; its models pass Qt's model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import text

from pac_desktop.app import build_main_window
from pac_desktop.gui.home_models import (
    IntakeColumn,
    IntakeTableModel,
    OutcomeColumn,
    OutcomeTableModel,
    day_in_words,
    intake_progress,
)
from pac_desktop.gui.home_page import EMPTY_IN_PROGRESS, EMPTY_OUTCOMES, EMPTY_PLANNED, HomePage, long_date
from pac_desktop.gui.roles import IdRole, YouthIdRole
from pac_desktop.services.home import OUTCOME_HORIZON_DAYS
from pac_desktop.storage.base import id_to_store


def _sql_counts(services, actor, today: date) -> dict[str, int]:
    """The same figures, counted in plain SQL straight from the store."""
    with services.ctx.store.engine.connect() as conn:

        def count(sql: str, **params) -> int:
            # Ids bound as the store keeps them (storage.base.CompactId: 16 bytes).
            ids = {"staff": id_to_store(actor.staff_id), "territory": id_to_store(actor.territory_id)}
            return conn.execute(text(sql), {**ids, **params}).scalar()

        scope = """(j.territory_id = :territory OR j.created_by = :staff OR EXISTS (SELECT 1 FROM intake_participant p
                     WHERE p.intake_id = j.id AND p.staff_id = :staff AND p.deleted_at IS NULL))"""
        return {
            "planned": count(f"SELECT count(*) FROM joint_intake j WHERE j.state = 'planned' AND j.deleted_at IS NULL AND {scope}"),
            "in_progress": count(
                f"SELECT count(*) FROM joint_intake j WHERE j.state IN ('stage_1', 'stage_2') AND j.deleted_at IS NULL AND {scope}"
            ),
            "followed": count(
                "SELECT count(*) FROM referent_assignment WHERE staff_id = :staff AND ended_on IS NULL AND deleted_at IS NULL"
            ),
            "overdue": count(
                """SELECT count(*) FROM outcome o JOIN referent_assignment r ON r.youth_id = o.youth_id
                   WHERE r.staff_id = :staff AND r.ended_on IS NULL AND r.deleted_at IS NULL AND o.deleted_at IS NULL
                   AND o.recorded_on IS NULL AND o.due_on < :today""",
                today=today.isoformat(),
            ),
            "due": count(
                """SELECT count(*) FROM outcome o JOIN referent_assignment r ON r.youth_id = o.youth_id
                   WHERE r.staff_id = :staff AND r.ended_on IS NULL AND r.deleted_at IS NULL AND o.deleted_at IS NULL
                   AND o.recorded_on IS NULL AND julianday(o.due_on) <= julianday(:today) + :horizon""",
                today=today.isoformat(),
                horizon=OUTCOME_HORIZON_DAYS,
            ),
        }


def _loaded_page(qtbot, services, actor, tasks) -> HomePage:
    page = HomePage(actor=actor, load_summary=lambda: services.home.summary(actor=actor), tasks=tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.summary_loaded, timeout=10_000):
        page.refresh()
    return page


def test_home_page_figures_match_the_store(qtbot, loaded_services, counsellor, counsellor_day, tasks, today):
    page = _loaded_page(qtbot, loaded_services, counsellor, tasks)
    expected = _sql_counts(loaded_services, counsellor, today)
    assert expected["planned"] == counsellor_day.planned  # the fixture's own arithmetic agrees with SQL
    assert expected["in_progress"] == counsellor_day.in_progress
    assert expected["followed"] == counsellor_day.followed

    assert page.planned_model.rowCount() == expected["planned"]
    assert page.in_progress_model.rowCount() == expected["in_progress"]
    assert page.outcomes_model.rowCount() == expected["due"] == 3
    assert page.ui.caseload_label.text() == f"{expected['followed']} / 40"
    assert page.ui.caseload_bar.value() == expected["followed"] and page.ui.caseload_bar.maximum() == 40
    assert page.ui.caseload_note_label.text() == "29 places disponibles sur 40."
    assert page.ui.outcomes_overdue_label.text() == f"{expected['overdue']} en retard" == "2 en retard"
    assert page.ui.planned_count_label.text() == "5 accueils"
    assert page.ui.in_progress_count_label.text() == "2 accueils"
    assert page.ui.greeting_label.text() == "Bonjour Marie"
    assert page.ui.date_label.text() == long_date(today) == "Jeudi 12 mars 2026"
    assert page.ui.status_frame.isHidden()


def test_home_page_lists_read_in_french(qtbot, loaded_services, counsellor, counsellor_day, tasks):
    page = _loaded_page(qtbot, loaded_services, counsellor, tasks)
    planned = page.planned_model
    whens = [planned.index(r, IntakeColumn.WHEN).data() for r in range(planned.rowCount())]
    # By date (SQLite puts the undated one first): the one already past, today, tomorrow, next week.
    assert whens == [
        "Date à fixer",
        "10 mars à 13 h 00 (date passée)",
        "Aujourd'hui à 13 h 00",
        "Demain à 13 h 00",
        "19 mars à 13 h 00",
    ]
    assert planned.index(1, IntakeColumn.PLACE).data() == counsellor.organisation_name
    assert planned.index(1, IntakeColumn.WHEN).data(Qt.ItemDataRole.DecorationRole) is not None  # icon + words
    assert planned.index(2, IntakeColumn.WHEN).data(Qt.ItemDataRole.DecorationRole) is None

    steps = {page.in_progress_model.index(r, IntakeColumn.PROGRESS).data() for r in range(2)}
    assert steps == {"Étape 1 : Analyse partagée", "Étape 2 : Propositions"}

    outcomes = page.outcomes_model
    rows = [[outcomes.index(r, c).data() for c in OutcomeColumn] for r in range(outcomes.rowCount())]
    assert [row[1:] for row in rows] == [
        ["À 3 mois", "2 mars 2026", "En retard de 10 jours"],
        ["À 3 mois", "11 mars 2026", "En retard de 1 jour"],
        ["À 3 mois", "17 mars 2026", "Dans 5 jours"],
    ]
    assert outcomes.index(0, OutcomeColumn.YOUTH).data(YouthIdRole)
    assert outcomes.index(0, OutcomeColumn.YOUTH).data(IdRole)


def test_activating_an_intake_emits_its_id(qtbot, loaded_services, counsellor, counsellor_day, tasks):
    page = _loaded_page(qtbot, loaded_services, counsellor, tasks)
    index = page.planned_model.index(1, IntakeColumn.YOUTH)
    with qtbot.waitSignal(page.intake_activated) as blocker:
        page.ui.planned_view.activated.emit(index)
    assert blocker.args == [index.data(IdRole)]


def test_empty_day_is_said_kindly(qtbot, loaded_services, tasks):
    from pac_desktop.domain.enums import StaffRole

    loaded_services.staff.add(
        first_name="Léa",
        last_name="Martin",
        organisation_code="cio-ariege",
        roles=[StaffRole.REFERENT],
        login="lmartin",
        password="mot-de-passe-fictif",
    )
    actor = loaded_services.staff.login(login="lmartin", password="mot-de-passe-fictif")
    page = _loaded_page(qtbot, loaded_services, actor, tasks)
    page.show()
    for view, label, text_ in (
        (page.ui.planned_view, page.ui.planned_empty_label, EMPTY_PLANNED),
        (page.ui.in_progress_view, page.ui.in_progress_empty_label, EMPTY_IN_PROGRESS),
        (page.ui.outcomes_view, page.ui.outcomes_empty_label, EMPTY_OUTCOMES),
    ):
        assert view.isHidden() and label.isVisible() and label.text() == text_
    assert page.ui.caseload_label.text() == "0 / 50"
    assert page.ui.outcomes_overdue_label.isHidden()


def test_failure_is_shown_on_the_page_with_a_retry(qtbot, loaded_services, counsellor, counsellor_day, tasks):
    from pac_desktop.domain.errors import DomainError

    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise DomainError("La base locale est occupée.")
        return loaded_services.home.summary(actor=counsellor)

    page = HomePage(actor=counsellor, load_summary=flaky, tasks=tasks)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.ui.retry_button.isVisible(), timeout=10_000)
    assert page.ui.status_label.text() == "Votre journée n'a pas pu être affichée. La base locale est occupée."
    with qtbot.waitSignal(page.summary_loaded, timeout=10_000):
        qtbot.mouseClick(page.ui.retry_button, Qt.MouseButton.LeftButton)
    assert page.ui.status_frame.isHidden()


def test_days_in_words():
    today = date(2026, 3, 12)  # a Thursday
    assert day_in_words(date(2026, 3, 12), today) == "Aujourd'hui"
    assert day_in_words(date(2026, 3, 13), today) == "Demain"
    assert day_in_words(date(2026, 3, 16), today) == "Lundi"
    assert day_in_words(date(2026, 3, 18), today) == "Mercredi"
    assert day_in_words(date(2026, 3, 19), today) == "19 mars"
    assert day_in_words(date(2026, 4, 1), today) == "1er avril"
    assert day_in_words(date(2026, 3, 11), today) == "11 mars"
    assert day_in_words(date(2027, 1, 4), today) == "4 janvier 2027"


def test_home_models_pass_the_model_tester(qtbot, loaded_services, counsellor, counsellor_day, today):
    summary = loaded_services.home.summary(actor=counsellor)
    intakes = IntakeTableModel()
    outcomes = OutcomeTableModel()
    mode = QAbstractItemModelTester.FailureReportingMode.Fatal
    testers = [QAbstractItemModelTester(intakes, mode), QAbstractItemModelTester(outcomes, mode)]
    intakes.set_lines(summary.planned + summary.in_progress, today)
    outcomes.set_lines(summary.outcomes_due, today)
    assert intakes.rowCount() == 7 and intakes.columnCount() == len(IntakeColumn)
    assert outcomes.rowCount() == 3 and outcomes.columnCount() == len(OutcomeColumn)
    intakes.set_lines((), today)
    outcomes.set_lines((), today)
    assert intakes.rowCount() == outcomes.rowCount() == 0
    assert len(testers) == 2
    assert intake_progress(summary.in_progress[0]).startswith("Étape")


def test_build_main_window_shows_the_home_area(qtbot, loaded_services, counsellor, counsellor_day, tasks, preferences):
    window = build_main_window(loaded_services, counsellor, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    home = window.area_widget("home")
    with qtbot.waitSignal(home.summary_loaded, timeout=10_000):
        window.show()
    assert window.area_keys()[0] == "home"
    assert window.windowTitle() == f"PAC — {counsellor.organisation_name}"
    assert window.current_area() == "home"


def test_the_badges_are_counted_once_the_home_page_has_its_figures(
    qtbot, loaded_services, counsellor, counsellor_day, tasks, preferences, monkeypatch
):
    """Issue 16: counted beside the day's figures, on the same two reading threads, the badges delayed the home page
    of a large territory; they are counted once it has them."""
    started = []
    run_task = tasks.run_task

    def recording(fn, **kwargs):
        started.append(fn)
        return run_task(fn, **kwargs)

    monkeypatch.setattr(tasks, "run_task", recording)
    window = build_main_window(loaded_services, counsellor, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    home = window.area_widget("home")
    counters = {window.navigation.area(row).badge_count_fn for row in range(window.navigation.rowCount())} - {None}
    assert counters and started[0] == home._load_summary and not counters & set(started)
    started_when_shown = []
    home.summary_loaded.connect(lambda _summary: started_when_shown.extend(started))
    with qtbot.waitSignal(home.summary_loaded, timeout=10_000):
        window.show()
    assert started_when_shown and not counters & set(started_when_shown)  # the day's figures came first
    qtbot.waitUntil(lambda: counters <= set(started), timeout=10_000)  # then every badge
    tasks.wait_for_all(10_000)


def test_main_window_fits_a_1366_by_768_screen(qtbot, loaded_services, counsellor, counsellor_day, tasks, preferences):
    """Every area fits a 1366×768 laptop screen (minus the title bar and the task bar) at the default font."""
    window = build_main_window(loaded_services, counsellor, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    available = (1366, 768 - 70)
    window.resize(*available)
    home = window.area_widget("home")
    with qtbot.waitSignal(home.summary_loaded, timeout=10_000):
        window.show()
    too_wide = {
        key: window.area_widget(key).minimumSizeHint().width()
        for key in window.area_keys()
        if window.area_widget(key).minimumSizeHint().width() > available[0] - window.ui.nav_view.width()
    }
    assert too_wide == {}, f"areas wider than a 1366-pixel screen: {too_wide}"
    hint = window.minimumSizeHint()
    assert hint.width() <= available[0] and hint.height() <= available[1], hint
    assert (window.width(), window.height()) == available
    assert not home.ui.scroll_area.verticalScrollBar().isVisible()  # the whole day shows without scrolling
    assert not home.ui.scroll_area.horizontalScrollBar().isVisible()


def test_the_day_lists_intakes_elsewhere_the_counsellor_takes_part_in_or_created(
        loaded_services, counsellor, counsellor_day, today):
    """The three ways an intake is the counsellor's (their territory, taking part, having created it), each read
    by its own index since issue 16: another territory's intakes show only through the last two."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from pac_desktop.domain.enums import IntakeState, ParticipantKind
    from pac_desktop.storage.models import IntakeParticipant, JointIntake, Organisation, Youth

    noon = datetime(today.year, today.month, today.day, 12, 0, tzinfo=UTC)
    before = loaded_services.home.summary(actor=counsellor)
    added = {}
    with loaded_services.ctx.write(counsellor.staff_id) as session:
        theirs = session.scalar(select(Organisation).where(Organisation.code == "cio-tarbes"))
        for n, (name, state, created_by, participant, deleted) in enumerate((
            ("takes part", IntakeState.PLANNED, None, counsellor.staff_id, False),
            ("created", IntakeState.STAGE_1, counsellor.staff_id, None, False),
            ("deleted", IntakeState.PLANNED, counsellor.staff_id, counsellor.staff_id, True),
            ("left", IntakeState.PLANNED, None, None, False),  # nothing to do with them
        ), start=900):
            youth = Youth(territory_id=theirs.territory_id, first_name=f"Prénom{n}", last_name=f"Fictif{n}",
                          birth_date=date(2008, 5, 5))
            youth.case_id = youth.id = f"00000000-0000-4000-8000-{n:012d}"
            session.add(youth)
            session.flush()
            row = JointIntake(youth_id=youth.id, case_id=youth.id, territory_id=theirs.territory_id,
                              host_organisation_id=theirs.id, planned_at=noon, state=state, created_by=created_by,
                              deleted_at=noon if deleted else None)
            session.add(row)
            session.flush()
            if participant:
                session.add(IntakeParticipant(intake_id=row.id, case_id=youth.id, kind=ParticipantKind.COUNSELLOR,
                                              staff_id=participant))
            added[name] = row.id
    after = loaded_services.home.summary(actor=counsellor)
    expected = _sql_counts(loaded_services, counsellor, today)
    assert len(after.planned) == expected["planned"] == len(before.planned) + 1
    assert len(after.in_progress) == expected["in_progress"] == len(before.in_progress) + 1
    shown = {line.intake_id for line in after.planned + after.in_progress}
    assert {added["takes part"], added["created"]} <= shown
    assert not {added["deleted"], added["left"]} & shown
