"""Screenshots of the real application for the README, rendered offscreen at 1366×768.

    python docs/make_screenshots.py                 # every screen, into docs/
    python docs/make_screenshots.py --only home     # one screen

Each screen is a function that receives the ``Shot`` context (a store with the demo cohort, the services, the
signed-in demo counsellor, the task runner) and returns the widget to grab once it is ready. Add yours to
SCREENS; wait for your data with ``shot.wait_for(signal)`` or ``shot.wait_until(predicate)``, never sleep.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from pac_desktop.app import build_main_window, configure_application, demo_hint  # noqa: E402
from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD, DemoDataService  # noqa: E402
from pac_desktop.gui.login_dialog import LoginDialog  # noqa: E402
from pac_desktop.gui.settings import Preferences  # noqa: E402
from pac_desktop.gui.tasks import TaskRunner  # noqa: E402
from pac_desktop.gui.theme import Theme  # noqa: E402
from pac_desktop.services.context import Actor  # noqa: E402
from pac_desktop.services.registry import Services  # noqa: E402
from pac_desktop.storage.store import open_store  # noqa: E402

DOCS = Path(__file__).resolve().parent


class _ThrowawayKeyring(KeyringBackend):
    """The keyring of this run only (in memory): the demo store and its secrets are thrown away at the end, and
    the screens that need a keyring (the evaluation's draw) work on a machine without one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)
SCREEN_SIZE = (1366, 768)


@dataclass
class Shot:
    app: QApplication
    services: Services
    actor: Actor
    tasks: TaskRunner
    preferences: Preferences
    theme: Theme

    def wait_until(self, predicate: Callable[[], bool], timeout_ms: int = 30_000) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: loop.quit() if predicate() else None)
        poll.start(20)
        QTimer.singleShot(timeout_ms, loop.quit)
        if not predicate():
            loop.exec()
        poll.stop()
        if not predicate():
            raise TimeoutError("the screen did not get ready in time")

    def wait_for(self, signal, timeout_ms: int = 30_000) -> None:
        fired: list[bool] = []
        signal.connect(lambda *_: fired.append(True))
        self.wait_until(lambda: bool(fired), timeout_ms)


def login_screen(shot: Shot) -> QWidget:
    dialog = LoginDialog(
        authenticate=shot.services.staff.login,
        tasks=shot.tasks,
        preferences=shot.preferences,
        theme_=shot.theme,
        demo_hint=demo_hint(),
    )
    dialog.ui.login_edit.setText(DEMO_LOGIN)
    dialog.ui.password_edit.setText("x" * len(DEMO_PASSWORD))
    dialog.show()
    return dialog


def home_screen(shot: Shot) -> QWidget:
    window = build_main_window(
        shot.services, shot.actor, tasks=shot.tasks, preferences=shot.preferences, theme=shot.theme, demo=True
    )
    window.resize(*SCREEN_SIZE)
    home = window.area_widget("home")
    window.show()
    shot.wait_for(home.summary_loaded)
    return window


def youths_screen(shot: Shot) -> QWidget:
    """The "Jeunes" area: the demo referent's own youths."""
    window = build_main_window(
        shot.services, shot.actor, tasks=shot.tasks, preferences=shot.preferences, theme=shot.theme, demo=True
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    page = window.area_widget("youths")
    window.show_area("youths")
    shot.wait_until(lambda: page.model.loaded_once and not page.model.loading)
    return window


def casefile_screen(shot: Shot) -> QWidget:
    """A case file on its follow-up diary: the demo referent's youth with the fullest file."""
    from pac_desktop.gui.youths.case_file_window import CaseFileWindow

    casefile, actor = shot.services.casefile, shot.actor
    mine = shot.services.youths.search(by=actor, limit=200).rows

    def richness(youth_id: str) -> tuple:
        case = casefile.case_file(youth_id=youth_id, by=actor)
        sections = len(case.intake.sections) if case.intake else 0
        return (sections > 3, len(case.timeline) >= 3, len(case.solutions) >= 2, len(case.timeline))

    youth_id = max((row.id for row in mine), key=richness)
    window = CaseFileWindow(services=shot.services, actor=actor, tasks=shot.tasks, youth_id=youth_id)
    window.resize(*SCREEN_SIZE)
    window.show()
    shot.wait_for(window.case_file_loaded)
    window.ui.tabs.setCurrentWidget(window.ui.follow_up_tab)
    return window


def _intake_screen(shot: Shot, state: str, step: str, *, eligible: bool = False) -> QWidget:
    """The "Accueils" area on the demo counsellor's fullest intake of this state, at this wizard step."""
    from pac_desktop.services.intake import IntakeStep

    intake = shot.services.intake
    lines = [line for line in intake.open_intakes(by=shot.actor) if line.state.value == state]

    def richness(intake_id: str) -> tuple:
        detail = intake.intake_detail(intake_id=intake_id, by=shot.actor)
        return (len(detail.present_counsellors), len(detail.notes), len(detail.solutions))

    if eligible:  # only intakes whose eligibility is established (the draw needs it)
        lines = [line for line in lines if intake.intake_detail(intake_id=line.intake_id, by=shot.actor).eligibility.accepted]
    intake_id = max((line.intake_id for line in lines), key=richness)
    window = build_main_window(
        shot.services, shot.actor, tasks=shot.tasks, preferences=shot.preferences, theme=shot.theme, demo=True
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    window.show_area("intakes")
    page = window.area_widget("intakes")
    page.open_intake(intake_id)
    shot.wait_for(page.wizard.intake_loaded)
    page.wizard.go_to(IntakeStep(step))
    shot.wait_for(page.wizard.detail_refreshed)
    if step == IntakeStep.SOLUTIONS.value:
        solutions = page.wizard.page(IntakeStep.SOLUTIONS)
        shot.wait_until(lambda: solutions.offers.rowCount() > 0)
        solutions.ui.offers_view.selectRow(0)
    shot.app.processEvents()
    return window


def stage1_screen(shot: Shot) -> QWidget:
    """Stage 1 of a joint intake: who speaks, each note with its author."""
    return _intake_screen(shot, "stage_1", "analysis")


def stage2_screen(shot: Shot) -> QWidget:
    """Stage 2: the pooled offers on the left, the solutions proposed on the right."""
    return _intake_screen(shot, "stage_2", "solutions")


def evaluation_screen(shot: Shot) -> QWidget:
    """The evaluation's draw on the eligibility step, where the territory takes part (switched on here)."""
    from pac_desktop.domain.evaluation import AllocationLedger
    from pac_desktop.services.evaluation import SeededAllocationSource
    from pac_desktop.services.intake import IntakeStep

    evaluation = shot.services.evaluation
    evaluation.set_enabled(territory_id=shot.actor.territory_id, enabled=True, actor=shot.actor)
    evaluation.replenish(SeededAllocationSource(seed=b"screenshots-only".ljust(32, b"."), ledger=AllocationLedger()))
    window = _intake_screen(shot, "stage_1", "referral", eligible=True)
    referral = window.area_widget("intakes").wizard.page(IntakeStep.REFERRAL)
    referral.ui.evaluation_informed_check.setChecked(True)
    shot.app.processEvents()
    return window


def autosave_invalid_date_screen(shot: Shot) -> QWidget:
    """An intake's first step with a birth date that is not one: said beside the field and in the header."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from pac_desktop.services.intake import IntakeStep

    window = _intake_screen(shot, "stage_1", "youth")
    wizard = window.area_widget("intakes").wizard
    edit = wizard.page(IntakeStep.YOUTH).ui.birth_date_edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "3e")
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    shot.wait_until(lambda: wizard.ui.saved_label.text().startswith("Non enregistré"))
    return window


def sessions_screen(shot: Shot) -> QWidget:
    """The « Séances » area: a joint-intake session planned in a week with the demo team, three youths « repéré »
    of the territory invited (made once per run)."""
    from datetime import timedelta

    from pac_desktop.domain.enums import YouthStatus
    from pac_desktop.domain.errors import DomainError
    from pac_desktop.domain.intake_sessions import session_start
    from pac_desktop.gui.sessions_page import SESSIONS_AREA
    from pac_desktop.services.youths import YouthFilters

    sessions, actor = shot.services.intake_sessions, shot.actor
    if not sessions.sessions(territory_id=actor.territory_id):
        choices = sessions.counsellor_choices(territory_id=actor.territory_id)
        team = {role: next((c.staff_id for c in staff if c.staff_id == actor.staff_id), staff[0].staff_id)
                for role, staff in choices.items() if staff}
        day = shot.services.ctx.today() + timedelta(days=7)
        while day.weekday() != 1:  # a Tuesday afternoon
            day += timedelta(days=1)
        session_id = sessions.plan_session(starts_at=session_start(day, 14, 0), place="CIO Nord, salle 2",
                                           counsellors=team, slot_count=4, slot_minutes=60, by=actor)
        referred = shot.services.youths.search(
            by=actor, filters=YouthFilters(mine=False, territory_id=actor.territory_id,
                                        statuses=frozenset({YouthStatus.REFERRED})), limit=20).rows
        invited = 0
        for row in referred:
            try:
                sessions.invite(session_id=session_id, youth_id=row.id, by=actor)
            except DomainError:
                continue
            invited += 1
            if invited == 3:
                break
    window = build_main_window(
        shot.services, actor, tasks=shot.tasks, preferences=shot.preferences, theme=shot.theme, demo=True
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    page = window.area_widget(SESSIONS_AREA)
    window.show_area(SESSIONS_AREA)
    shot.wait_until(lambda: page.slots_model.rowCount() > 0)
    return window


def _noted_minors(shot: Shot) -> list[str]:
    """Three minors of the demo territory noted « sans solution » (once per run), the first ones of the list."""
    from datetime import timedelta

    from pac_desktop.domain.training_obligation import ObligationSituation

    listing = shot.services.obligation.without_solution(by=shot.actor)
    noted = [line for line in listing.lines if line.confirmed]
    for line in [line for line in listing.lines if not line.confirmed][: max(0, 3 - len(noted))]:
        since = max(line.since, shot.services.ctx.today() - timedelta(days=40))
        shot.services.obligation.record(youth_id=line.youth_id, situation=ObligationSituation.NO_SOLUTION,
                                        since=since, by=shot.actor)
    return [line.youth_id for line in shot.services.obligation.without_solution(by=shot.actor).lines
            if line.confirmed]


def obligation_screen(shot: Shot) -> QWidget:
    """The « Sans solution » area: the territory's minors without solution (training obligation, 16–18)."""
    _noted_minors(shot)
    window = build_main_window(
        shot.services, shot.actor, tasks=shot.tasks, preferences=shot.preferences, theme=shot.theme, demo=True
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    page = window.area_widget("obligation")
    window.show_area("obligation")
    shot.wait_until(lambda: page.listing is not None)
    return window


def obligation_casefile_screen(shot: Shot) -> QWidget:
    """A minor's case file with the training obligation's line under the header."""
    from pac_desktop.gui.youths.case_file_window import CaseFileWindow

    youth_id = _noted_minors(shot)[0]
    window = CaseFileWindow(services=shot.services, actor=shot.actor, tasks=shot.tasks, youth_id=youth_id)
    window.resize(*SCREEN_SIZE)
    window.show()
    shot.wait_until(lambda: window.obligation_box.status is not None and window.case is not None)
    return window


def regional_screen(shot: Shot) -> QWidget:
    """The « Régional » area, as the demo regional steering committee member sees it."""
    from pac_desktop.demo import DEMO_REGIONAL_LOGIN

    regional = shot.services.staff.login(login=DEMO_REGIONAL_LOGIN, password=DEMO_PASSWORD)
    window = build_main_window(
        shot.services, regional, tasks=shot.tasks, preferences=shot.preferences, theme=shot.theme, demo=True
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    page = window.area_widget("regional")
    window.show_area("regional")
    shot.wait_until(lambda: page.view is not None)
    return window


SCREENS: dict[str, Callable[[Shot], QWidget]] = {
    "login": login_screen,
    "home": home_screen,
    "youths": youths_screen,
    "casefile": casefile_screen,
    "stage1": stage1_screen,
    "stage2": stage2_screen,
    "sessions": sessions_screen,
    "evaluation": evaluation_screen,
    "autosave-invalid-date": autosave_invalid_date_screen,
    "obligation": obligation_screen,
    "obligation-casefile": obligation_casefile_screen,
    "regional": regional_screen,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DOCS)
    parser.add_argument("--only", choices=sorted(SCREENS), action="append")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)  # QPixmap.save fails silently on a missing folder
    keyring.set_keyring(_ThrowawayKeyring())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    with tempfile.TemporaryDirectory(prefix="pac-screenshots-") as tmp:
        preferences = Preferences(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        theme = Theme(app, preferences)
        theme.apply()
        store = open_store(Path(tmp) / "data")
        try:
            services = Services.build(store)
            DemoDataService(services.ctx).ensure_demo()
            actor = services.staff.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
            tasks = TaskRunner()
            shot = Shot(app, services, actor, tasks, preferences, theme)
            for name in args.only or SCREENS:
                widget = SCREENS[name](shot)
                shot.wait_until(widget.isVisible)
                for _ in range(5):  # layouts asked for by the last texts set (the header's sync line) chain up
                    app.processEvents()
                target = args.out / f"screenshot-{name}.png"
                if not widget.grab().save(str(target)):
                    raise SystemExit(f"could not write {target}")
                print(f"{target} ({widget.width()}×{widget.height()})")
                widget.close()
            tasks.wait_for_all()
        finally:
            store.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
