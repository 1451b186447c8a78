"""The sync in the main window: when it runs, and its status always visible in the header.

``SyncController`` runs the sync in the background (lane ``sync``, never the UI thread): shortly after
start-up, every five minutes, about ten seconds after a local edit (it notices the pending count grow), and
on demand. After a failure it waits 1 s, 2 s, 4 s… up to 5 min, with full jitter. It stops trying when the
device was withdrawn or the application is too old (the header then says so, the sync area what to do).

``SyncStatusWidget`` sits in the main window's header (UX.md): one short line that says the last successful
sync (« Synchronisé il y a 3 min · 2 en attente »), a sync in progress (with a progress bar during a large
pull) or a failure (« Échec de la synchronisation »), with an icon for each, so never by colour alone. It
follows the controller live and re-reads its own clock every ``TICK_MS`` so that « il y a 3 min » stays true.
Clicking it opens the « Synchronisation » area, where the whole sentence and the error's cause are said.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from pac_desktop.domain.french import format_datetime, plural
from pac_desktop.services.sync import SyncProgress, SyncReport, SyncStatus, should_retry

from . import icons, theme
from .tasks import Lane, TaskFailure, TaskRunner

SYNC_ICON = "mdi6.cloud-sync-outline"
PERIOD_MS = 5 * 60 * 1000
AFTER_EDIT_MS = 10 * 1000
POLL_MS = 20 * 1000
STARTUP_MS = 1500
BACKOFF_CAP_S = 300.0
TICK_MS = 30 * 1000  # the header's « il y a 3 min » is said again this often


def ago(when: datetime | None, now: datetime | None = None) -> str:
    """"à l'instant", "il y a 3 min", "il y a 2 h", else the date."""
    if when is None:
        return "jamais"
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()
    if seconds < 60:
        return "à l'instant"
    if seconds < 3600:
        return f"il y a {int(seconds // 60)} min"
    if seconds < 12 * 3600:
        return f"il y a {int(seconds // 3600)} h"
    return f"le {format_datetime(when)}"


def last_success(when: datetime | None, now: datetime | None = None) -> str:
    """« Synchronisé il y a 3 min », or « Jamais synchronisé » for a computer just enrolled."""
    return f"Synchronisé {ago(when, now)}" if when is not None else "Jamais synchronisé"


def describe(status: SyncStatus, *, running: bool = False, now: datetime | None = None) -> str:
    """The whole state in one sentence. A failed attempt is not in it: where it is shown (the sync page, the
    header's tooltip) its cause is said once, on its own line (« Dernière tentative échouée : … »)."""
    if not status.enrolled:
        return "Synchronisation non configurée : cet ordinateur n'est pas inscrit auprès du serveur."
    if status.blocked_message:
        return status.blocked_message
    parts = ["Synchronisation en cours…" if running else last_success(status.last_ok_at, now)]
    parts.append(f"{status.pending} en attente")
    if status.open_conflicts:
        parts.append(plural(status.open_conflicts, "conflit à résoudre", "conflits à résoudre"))
    if status.rejected:
        parts.append(plural(status.rejected, "modification refusée", "modifications refusées"))
    if status.quarantined:
        parts.append(plural(status.quarantined, "donnée reçue mise de côté", "données reçues mises de côté"))
    return " · ".join(parts)


def headline(
    status: SyncStatus, *, running: bool = False, failed: bool | None = None, now: datetime | None = None
) -> tuple[str, str]:
    """The header's short line and its state: "off", "blocked", "running", "failed" or "ok". ``failed``: whether
    the last attempt failed (by default, whether the status holds an error)."""
    if not status.enrolled:
        return "Sans serveur de synchronisation", "off"
    if status.blocked_message:
        return "Synchronisation arrêtée", "blocked"
    if running:
        return "Synchronisation en cours…", "running"
    failed = bool(status.last_error) if failed is None else failed
    parts = []
    if failed:
        parts.append("Échec de la synchronisation")
    else:
        parts.append(last_success(status.last_ok_at, now))
    parts.append(f"{status.pending} en attente")
    if status.open_conflicts:
        parts.append(plural(status.open_conflicts, "conflit", "conflits"))
    if status.rejected:
        parts.append(plural(status.rejected, "refus", "refus"))
    return " · ".join(parts), "failed" if failed else "ok"


class SyncController(QObject):
    """Decides when to sync and runs it off the UI thread. One cycle at a time."""

    status_changed = Signal(object)  # SyncStatus
    sync_started = Signal()
    sync_progressed = Signal(object)  # SyncProgress
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(str)  # the French message

    def __init__(
        self,
        *,
        sync_now: Callable[..., SyncReport],
        load_status: Callable[[], SyncStatus],
        tasks: TaskRunner,
        period_ms: int = PERIOD_MS,
        after_edit_ms: int = AFTER_EDIT_MS,
        poll_ms: int = POLL_MS,
        startup_ms: int = STARTUP_MS,
        rng: Callable[[], float] = random.random,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sync_now = sync_now
        self._load_status = load_status
        self._tasks = tasks
        self._after_edit_ms = after_edit_ms
        self._startup_ms = startup_ms
        self._rng = rng
        self._handle: Any = None
        self._failures = 0
        self._pending_seen: int | None = None
        self._stopped = False
        self.status: SyncStatus | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_now)
        self._period = QTimer(self)
        self._period.setInterval(period_ms)
        self._period.timeout.connect(self.sync_now)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.refresh_status)

    @property
    def running(self) -> bool:
        return self._handle is not None

    def start(self) -> None:
        self._stopped = False
        self._period.start()
        self._poll.start()
        self.refresh_status(schedule_startup=True)

    def stop(self) -> None:
        self._stopped = True
        self._soon.stop()
        self._period.stop()
        self._poll.stop()
        if self._handle is not None:
            self._handle.cancel()

    def _can_sync(self) -> bool:
        status = self.status
        return status is not None and status.enrolled and not status.blocked_message

    @Slot()
    def refresh_status(self, schedule_startup: bool = False) -> None:
        self._tasks.run_task(
            self._load_status,
            on_success=partial(self._on_status, schedule_startup=schedule_startup),
            on_failure=self._on_status_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_status_failed(self, _failure: TaskFailure) -> None:
        pass  # the status line keeps its last text; unexpected errors are logged by the task runner

    def _on_status(self, status: SyncStatus, *, schedule_startup: bool) -> None:
        previous = self._pending_seen
        self.status = status
        self._pending_seen = status.pending
        self.status_changed.emit(status)
        if not self._can_sync() or self.running or self._stopped:
            return
        if schedule_startup:
            self._soon.start(self._startup_ms)
        elif previous is not None and status.pending > previous and not self._soon.isActive():
            self._soon.start(self._after_edit_ms)  # someone edited: send it shortly

    @Slot()
    def sync_now(self) -> None:
        """Start a cycle now (the button), unless one is running."""
        if self.running:
            return
        self._soon.stop()
        self.sync_started.emit()
        self._handle = self._tasks.run_task(
            self._sync_now,
            on_success=self._on_finished,
            on_failure=self._on_failed,
            on_progress=self.sync_progressed.emit,
            lane=Lane.SYNC,
            owner=self,
        )

    def _on_finished(self, report: SyncReport) -> None:
        self._handle = None
        self._failures = 0
        self.sync_finished.emit(report)
        self.refresh_status()

    def _on_failed(self, failure: TaskFailure) -> None:
        self._handle = None
        self._failures += 1
        self.sync_failed.emit(failure.message)
        self.refresh_status()
        # Backoff with full jitter; a blocked device (withdrawn, too old) is not retried: refresh_status shows why.
        delay = self._rng() * min(BACKOFF_CAP_S, 2 ** (self._failures - 1))
        if should_retry(failure.error) and not self._stopped:
            self._soon.start(int(delay * 1000))

    def next_retry_ms(self) -> int | None:
        return self._soon.remainingTime() if self._soon.isActive() else None


_STATE_ICONS = {
    "off": (SYNC_ICON, theme.MUTED),
    "ok": (icons.OK, theme.ACCENT),
    "running": (icons.IN_PROGRESS, theme.ACCENT),
    "failed": (icons.ERROR, theme.ERROR),
    "blocked": (icons.ERROR, theme.ERROR),
}


class SyncStatusWidget(QWidget):
    """The sync status in the main window's header. Clicking its text opens the sync area."""

    details_requested = Signal()

    def __init__(
        self,
        controller: SyncController,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status_widget")
        self._controller = controller
        self.clock = now  # what « il y a 3 min » counts from (a test moves it)
        self._status: SyncStatus | None = None
        self._progress: str | None = None  # the progress message of the cycle under way
        self._running = False  # between sync_started and sync_finished / sync_failed
        self._failure: str | None = None  # why the last attempt of this session failed, until one succeeds
        self.state = "off"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("sync_status_icon")
        # The text is a flat button: one click (or Tab then Space) opens the sync area with the details.
        self.text_label = QToolButton(self)
        self.text_label.setObjectName("sync_status_label")
        self.text_label.setAutoRaise(True)
        self.text_label.setText("Synchronisation…")
        self.text_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("sync_progress_bar")
        self.progress_bar.setMaximumWidth(120)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("sync_now_button")
        self.sync_button.setIcon(icons.icon(icons.REFRESH, theme.ACCENT))
        self.sync_button.setAutoRaise(True)
        self.sync_button.setToolTip("Synchroniser maintenant : envoyer les modifications et recevoir celles des "
                                    "partenaires")
        self.sync_button.setAccessibleName("Synchroniser maintenant")
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.sync_button)
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.text_label.clicked.connect(self.details_requested)
        controller.status_changed.connect(self._on_controller_status_changed)
        controller.sync_started.connect(self._on_controller_sync_started)
        controller.sync_progressed.connect(self._on_controller_sync_progressed)
        controller.sync_finished.connect(self._on_controller_sync_finished)
        controller.sync_failed.connect(self._on_controller_sync_failed)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(tick_ms)
        self.tick_timer.timeout.connect(self._show)
        self.tick_timer.start()
        self._show()

    def text(self) -> str:
        return self.text_label.text()

    @Slot()
    def _show(self) -> None:
        """Say the state again from what is known (no database read: the clock moved, or the controller spoke)."""
        status, running = self._status, self._running or self._controller.running
        # The failure of the last attempt: said at once, before the status read again records it too.
        failure = None if running else (self._failure or (status.last_error if status is not None else None))
        if status is None:
            text, state = ("Synchronisation en cours…", "running") if running else ("Synchronisation…", "off")
            if failure:
                text, state = "Échec de la synchronisation", "failed"
        else:
            text, state = headline(status, running=running, failed=bool(failure), now=self.clock())
        if running and self._progress:
            text = self._progress
        tips = []
        if failure and (status is None or not status.blocked_message):
            tips.append(f"Dernière tentative échouée : {failure}")
        if status is not None:
            tips.append(describe(status, running=running, now=self.clock()))
        tips.append("Cliquez pour voir le détail de la synchronisation.")
        self.state = state
        self.text_label.setText(text)
        self.text_label.setToolTip("\n".join(tips))
        self.text_label.setAccessibleName(f"État de la synchronisation : {text}")
        name, colour = _STATE_ICONS[state]
        self.icon_label.setPixmap(icons.pixmap(name, 18, colour))
        self.icon_label.setToolTip(self.text_label.toolTip())
        self.sync_button.setEnabled(
            status is not None and status.enrolled and not status.blocked_message and not running
        )

    @Slot()
    def _on_sync_button_clicked(self) -> None:
        self._controller.sync_now()

    @Slot(object)
    def _on_controller_status_changed(self, status: SyncStatus) -> None:
        self._status = status
        self._show()

    @Slot()
    def _on_controller_sync_started(self) -> None:
        self._running = True
        self._failure = None
        self._progress = None
        self._show()

    @Slot(object)
    def _on_controller_sync_progressed(self, progress: SyncProgress) -> None:
        self._progress = progress.message
        self.text_label.setText(progress.message)
        if progress.phase == "pull" and progress.fraction is not None and progress.done >= 200:
            self.progress_bar.show()  # a large first pull: show how far it is
            self.progress_bar.setValue(int(progress.fraction * 100))

    @Slot(object)
    def _on_controller_sync_finished(self, _report: SyncReport) -> None:
        self._running = False
        self._failure = None
        self._progress = None
        self.progress_bar.hide()
        self._show()

    @Slot(str)
    def _on_controller_sync_failed(self, message: str) -> None:
        self._running = False
        self._failure = message
        self._progress = None
        self.progress_bar.hide()
        self._show()
