"""Plugging the referents' screens into the main window (called once by app.build_main_window)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from ..home_page import HomePage
from ..main_window import MainWindow
from ..tasks import TaskRunner
from .case_file_window import CaseFileOpener
from .list_page import YouthListPage
from .obligation_page import ObligationPage
from .reviews_page import CaseReviewsPage
from .todo_page import ToDoPage, ToDoSummaryCard

YOUTHS_AREA = "youths"
TODO_AREA = "todo"
REVIEWS_AREA = "reviews"
OBLIGATION_AREA = "obligation"
YOUTHS_ICON = "mdi6.account-multiple-outline"
TODO_ICON = "mdi6.clipboard-check-outline"
REVIEWS_ICON = "mdi6.forum-outline"
OBLIGATION_ICON = "mdi6.school-outline"


@dataclass(frozen=True)
class CaseFileAreas:
    opener: CaseFileOpener
    home_card: ToDoSummaryCard | None


def add_case_file_areas(
    window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner, home: HomePage | None = None
) -> CaseFileAreas:
    """The "Jeunes", "À faire" and "Synthèses" areas, the case file windows they open, and the home page's card.

    The areas' pages are built the first time they are shown (issue 16: the window opens at once)."""
    opener = CaseFileOpener(services=services, actor=actor, tasks=tasks, parent=window)

    def opening(page: YouthListPage | ToDoPage | CaseReviewsPage | ObligationPage) -> QWidget:
        page.youth_activated.connect(opener.open)
        return page

    def build_reviews() -> QWidget:
        reviews = CaseReviewsPage(services=services, actor=actor, tasks=tasks)
        reviews.review_changed.connect(lambda _id: window.refresh_badges())
        return opening(reviews)

    def todo_count() -> int:
        return services.todo.to_do(by=actor).count

    window.add_area(YOUTHS_AREA, "Jeunes", YOUTHS_ICON,
                    lambda: opening(YouthListPage(services=services, actor=actor, tasks=tasks)))
    window.add_area(TODO_AREA, "À faire", TODO_ICON,
                    lambda: opening(ToDoPage(services=services, actor=actor, tasks=tasks)), badge_count_fn=todo_count)
    window.add_area(REVIEWS_AREA, "Synthèses", REVIEWS_ICON, build_reviews)
    window.add_area(OBLIGATION_AREA, "Sans solution", OBLIGATION_ICON,
                    lambda: opening(ObligationPage(services=services, actor=actor, tasks=tasks)))

    def on_changed(_youth_id: str) -> None:
        # A saved change may move a youth in the lists and change the badge: refresh what is on screen.
        window.refresh_badges()
        current = window.current_area()
        if current == YOUTHS_AREA:
            youths = window.area_widget(YOUTHS_AREA)
            assert isinstance(youths, YouthListPage)
            youths.model.reload()
        elif current == TODO_AREA:
            todo = window.area_widget(TODO_AREA)
            assert isinstance(todo, ToDoPage)
            todo.refresh()

    opener.case_file_changed.connect(on_changed)
    # No file stays open on a shared screen once the counsellor leaves.
    window.logout_requested.connect(opener.close_all)
    window.closed.connect(opener.close_all)
    card = None
    if home is not None:
        home.youth_activated.connect(opener.open)
        card = ToDoSummaryCard(services=services, actor=actor, tasks=tasks)
        card.show_list_requested.connect(lambda: window.show_area(TODO_AREA))
        home.summary_loaded.connect(card.refresh)
        home.add_section(card)
    return CaseFileAreas(opener, card)
