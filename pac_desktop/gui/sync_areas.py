"""The sync in the main window (issue 5), added by app.build_main_window: the status in the header, the
"Synchronisation" area (conflicts, refused changes) and the enrolment dialog; the background sync starts."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Slot

from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from .conflicts_page import ConflictsPage
from .enrol_dialog import EnrolDialog
from .main_window import MainWindow
from .sync_status import SYNC_ICON, SyncController, SyncStatusWidget
from .tasks import TaskRunner

SYNC_AREA = "sync"


class SyncAreas(QObject):
    """Ties the controller, the status line, the page and the main window together (slots, no lambdas: nothing
    keeps the window alive once it is closed)."""

    def __init__(self, window: MainWindow, services: Services, actor: Actor, tasks: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self.controller = SyncController(sync_now=services.sync.sync_now, load_status=services.sync.status,
                                         tasks=tasks, parent=self)
        self.status = SyncStatusWidget(self.controller, window.sync_status_area)
        window.sync_status_area.layout().addWidget(self.status)
        # The page is built the first time its area is shown (issue 16); it loads what it shows then.
        window.add_area(SYNC_AREA, "Synchronisation", SYNC_ICON, self._build_page,
                        badge_count_fn=services.sync.open_conflict_count)
        self.controller.sync_finished.connect(self._on_controller_sync_finished)
        self.status.details_requested.connect(self._on_status_details_requested)
        self.enrol_dialog: EnrolDialog | None = None

    def _build_page(self) -> ConflictsPage:
        services, actor = self._services, self._actor
        page = ConflictsPage(
            load_conflicts=services.sync.conflicts,
            load_rejected=services.sync.rejected,
            load_status=services.sync.status,
            resolve=partial(services.sync.resolve, by=actor.staff_id),
            tasks=self._tasks,
            load_quarantined=services.sync.quarantined,
            retry_rejected=partial(services.sync.retry_rejected, by=actor.staff_id),
        )
        page.sync_button.clicked.connect(self.controller.sync_now)
        page.resolved.connect(self._on_page_resolved)
        page.enrol_requested.connect(self.open_enrolment)
        page.retried.connect(self._on_page_retried)
        self.controller.status_changed.connect(page.show_status)
        return page

    @property
    def page(self) -> ConflictsPage:
        """The « Synchronisation » page (built now if it was not yet)."""
        page = self._window.area_widget(SYNC_AREA)
        assert isinstance(page, ConflictsPage)
        return page

    def _refresh_page(self) -> None:
        if self._window.area_built(SYNC_AREA):  # a page not built yet loads everything when it is
            self.page.refresh()

    @Slot(str)
    def _on_page_resolved(self, _conflict_id: str) -> None:
        self.controller.refresh_status()
        self._window.refresh_badges()

    @Slot(int)
    def _on_page_retried(self, count: int) -> None:
        if count:
            self.controller.sync_now()

    @Slot(object)
    def _on_controller_sync_finished(self, _report: object) -> None:
        self._refresh_page()
        self._window.refresh_badges()

    @Slot()
    def _on_status_details_requested(self) -> None:
        self._window.show_area(SYNC_AREA)

    @Slot()
    def open_enrolment(self) -> None:
        self.enrol_dialog = EnrolDialog(enrol=self._services.sync.enrol, tasks=self._tasks, parent=self._window)
        self.enrol_dialog.enrolled.connect(self._on_enrolled)
        self.enrol_dialog.open()

    @Slot(object)
    def _on_enrolled(self, _info: object) -> None:
        self.controller.refresh_status(schedule_startup=True)
        self._refresh_page()


def add_sync_areas(window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner,
                   start: bool = True) -> SyncController:
    areas = SyncAreas(window, services, actor, tasks)
    window.sync_areas = areas  # the tests and the end-to-end run reach it there
    window.sync_controller = areas.controller
    window.sync_status_widget = areas.status
    if start:
        areas.controller.start()
    return areas.controller
