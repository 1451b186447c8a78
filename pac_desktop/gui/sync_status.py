"""The sync in the main window: when it runs, and the status line always visible at the bottom.

``SyncController`` runs the sync in the background (lane ``sync``, never the UI thread): shortly after
start-up, every five minutes, about ten seconds after a local edit (it notices the pending count grow), and
on demand. After a failure it waits 1 s, 2 s, 4 s… up to 5 min, with full jitter. It stops trying when the
device was withdrawn or the application is too old (the status line then says what to do).

``SyncStatusWidget`` shows: last successful sync, pending changes, open conflicts, rejected changes, a
"Synchroniser" button, and a progress bar during a large pull.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from pac_desktop.domain.french import format_datetime, plural
from pac_desktop.services.sync import SyncProgress, SyncReport, SyncStatus, should_retry

from . import icons
from .tasks import Lane, TaskFailure, TaskRunner

SYNC_ICON = "mdi6.cloud-sync-outline"
PERIOD_MS = 5 * 60 * 1000
AFTER_EDIT_MS = 10 * 1000
POLL_MS = 20 * 1000
STARTUP_MS = 1500
BACKOFF_CAP_S = 300.0


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


def describe(status: SyncStatus, *, running: bool = False) -> str:
    if not status.enrolled:
        return "Synchronisation non configurée : cet ordinateur n'est pas inscrit auprès du serveur."
    if status.blocked_message:
        return status.blocked_message
    parts = ["Synchronisation en cours…" if running else f"Synchronisé {ago(status.last_ok_at)}"]
    parts.append(f"{status.pending} en attente")
    if status.open_conflicts:
        parts.append(plural(status.open_conflicts, "conflit à résoudre", "conflits à résoudre"))
    if status.rejected:
        parts.append(plural(status.rejected, "modification refusée", "modifications refusées"))
    if status.quarantined:
        parts.append(plural(status.quarantined, "donnée reçue mise de côté", "données reçues mises de côté"))
    if status.last_error and not running:
        parts.append("dernière tentative échouée")
    return " · ".join(parts)


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


class SyncStatusWidget(QWidget):
    """The status line at the bottom of the main window. Clicking "Détails" opens the sync area."""

    details_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status_widget")
        self._controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.icon_label = QLabel(self)
        self.icon_label.setPixmap(icons.icon(SYNC_ICON).pixmap(18, 18))
        self.text_label = QLabel("Synchronisation…", self)
        self.text_label.setObjectName("sync_status_label")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("sync_progress_bar")
        self.progress_bar.setMaximumWidth(200)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.sync_button = QPushButton(icons.icon(icons.REFRESH), "Synchroniser", self)
        self.sync_button.setObjectName("sync_now_button")
        self.sync_button.setToolTip("Envoyer les modifications et recevoir celles des partenaires maintenant")
        self.details_button = QPushButton("Détails", self)
        self.details_button.setObjectName("sync_details_button")
        self.details_button.setFlat(True)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.details_button)
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.details_button.clicked.connect(self.details_requested)
        controller.status_changed.connect(self._on_controller_status_changed)
        controller.sync_started.connect(self._on_controller_sync_started)
        controller.sync_progressed.connect(self._on_controller_sync_progressed)
        controller.sync_finished.connect(self._on_controller_sync_finished)
        controller.sync_failed.connect(self._on_controller_sync_failed)

    @Slot()
    def _on_sync_button_clicked(self) -> None:
        self._controller.sync_now()

    @Slot(object)
    def _on_controller_status_changed(self, status: SyncStatus) -> None:
        self.text_label.setText(describe(status, running=self._controller.running))
        self.text_label.setToolTip(status.last_error or "")
        self.sync_button.setEnabled(status.enrolled and not status.blocked_message and not self._controller.running)

    @Slot()
    def _on_controller_sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.text_label.setText("Synchronisation en cours…")

    @Slot(object)
    def _on_controller_sync_progressed(self, progress: SyncProgress) -> None:
        self.text_label.setText(progress.message)
        if progress.phase == "pull" and progress.fraction is not None and progress.done >= 200:
            self.progress_bar.show()  # a large first pull: show how far it is
            self.progress_bar.setValue(int(progress.fraction * 100))

    @Slot(object)
    def _on_controller_sync_finished(self, _report: SyncReport) -> None:
        self.progress_bar.hide()
        self.sync_button.setEnabled(True)

    @Slot(str)
    def _on_controller_sync_failed(self, message: str) -> None:
        self.progress_bar.hide()
        self.sync_button.setEnabled(True)
        self.text_label.setText(message)
