"""Background work for the GUI: the UI thread never touches the database, the network, the keyring or ReportLab.

One ``TaskRunner`` per running application (made by app.py, passed to every screen through its constructor)
owns one ``QThreadPool`` per lane; ``run_task`` runs a function there and delivers its result, failure and
progress back on the main thread through queued signals (the pattern of Picard's ``run_task`` and Anki's
``QueryOp``)::

    self._tasks.run_task(
        partial(self._services.home.summary, actor=self._actor),
        on_success=self._show_summary,
        owner=self,
    )

- ``fn`` receives ``cancel=`` (a ``threading.Event``) if it has a ``cancel`` parameter, and ``progress=`` (a
  callable taking one value, forwarded to ``on_progress`` on the main thread) if it has a ``progress`` one.
- Workers get ids or immutable values, never widgets; they return plain values (frozen dataclasses).
- ``on_failure`` receives a ``TaskFailure`` whose ``message`` is ready to show: a DomainError's own French text,
  or a kind generic message for anything unexpected (logged without its text, which may hold personal data).
  Without ``on_failure`` the message is shown in a dialog.
- With ``owner`` (usually the widget asking), results are dropped once that widget is deleted, and its deletion
  cancels the task. A cancelled task delivers nothing.
"""

from __future__ import annotations

import inspect
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pac_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)

UNEXPECTED_ERROR_MESSAGE = (
    "Une erreur inattendue est survenue et l'opération n'a pas pu aboutir. Vos données déjà enregistrées ne "
    "sont pas perdues. Réessayez ; si l'erreur revient, notez l'heure et prévenez l'administrateur de votre "
    "structure (le détail technique est dans le journal de l'application)."
)


class Lane(StrEnum):
    """Where a task runs. SQLite has one writer: writes queue on a single thread, as in Anki and Picard."""

    DB_WRITE = "db_write"
    DB_READ = "db_read"
    SYNC = "sync"
    PDF = "pdf"


LANE_THREADS: dict[Lane, int] = {Lane.DB_WRITE: 1, Lane.DB_READ: 2, Lane.SYNC: 1, Lane.PDF: 1}


@dataclass(frozen=True)
class TaskFailure:
    """Why a task failed. ``message`` is French and can be shown to the user as is."""

    message: str
    error: BaseException
    expected: bool  # True for a DomainError (a rule refused the action), False for a bug or an I/O failure


def failure_for(error: BaseException) -> TaskFailure:
    if isinstance(error, DomainError):
        return TaskFailure(str(error) or UNEXPECTED_ERROR_MESSAGE, error, True)
    return TaskFailure(UNEXPECTED_ERROR_MESSAGE, error, False)


def log_unexpected(error: BaseException, *, where: str) -> None:
    """Log an unexpected exception with its type and stack but never its text (it may quote personal data)."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = traceback.extract_tb(current.__traceback__)
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}\n" + "".join(stack.format()))
        current = current.__cause__ or current.__context__
    log.error("Unexpected error in %s (exception messages omitted):\n%s", where, "\ncaused by ".join(lines))


def _task_name(fn: Callable[..., Any]) -> str:
    inner = getattr(fn, "func", fn)  # functools.partial
    return getattr(inner, "__qualname__", type(inner).__name__)


def _accepted_keywords(fn: Callable[..., Any]) -> frozenset[str]:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return frozenset()
    return frozenset(name for name in ("cancel", "progress") if name in params)


class TaskHandle:
    """What ``run_task`` returns: lets the caller cancel the task."""

    def __init__(self, name: str, lane: Lane) -> None:
        self.name = name
        self.lane = lane
        self.cancel_event = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop; nothing is delivered afterwards (a running ``fn`` sees ``cancel.is_set()``)."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @property
    def done(self) -> bool:
        """True once the worker has finished (the callback may still be on its way to the main thread)."""
        return self._done.is_set()


class _Relay(QObject):
    """Lives on the main thread; signals emitted by the worker thread are queued to its slots.

    Once the task is over, the relay lets go of its callbacks (often bound methods of a widget) on the main
    thread before it is deleted: a widget must never be freed from a worker thread, nor from the middle of
    the relay's own deletion.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(
        self,
        handle: TaskHandle,
        on_success: Callable[[Any], None],
        on_failure: Callable[[TaskFailure], None] | None,
        on_progress: Callable[[Any], None] | None,
        owner: QObject | None,
        runner: TaskRunner,
    ) -> None:
        super().__init__(runner)  # owned by Qt through the runner; deleted with deleteLater once delivered
        self._handle = handle
        self._on_success: Callable[[Any], None] | None = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        # No reference to the owner is kept (it would keep a closed window alive): its ``destroyed`` is enough.
        self._owner_gone = False
        self._owner_connection: Any = None
        self._runner = runner
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progressed)
        if owner is not None:
            self._owner_connection = owner.destroyed.connect(self._on_owner_destroyed)

    def _deliverable(self) -> bool:
        return not self._handle.cancelled and not self._owner_gone

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        on_success = self._on_success
        deliverable = self._deliverable()
        self._finish()
        if deliverable and on_success is not None:
            on_success(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        on_failure = self._on_failure
        deliverable = self._deliverable() and self._on_success is not None
        self._finish()
        assert isinstance(error, BaseException)
        failure = failure_for(error)
        if not failure.expected:
            log_unexpected(error, where=f"task {self._handle.name} ({self._handle.lane})")
        if not deliverable:
            return
        if on_failure is not None:
            on_failure(failure)
        else:
            self._runner.show_failure(failure)

    @Slot(object)
    def _on_progressed(self, value: object) -> None:
        if self._on_progress is not None and self._deliverable():
            self._on_progress(value)

    @Slot()
    def _on_owner_destroyed(self) -> None:
        self._owner_gone = True
        self._owner_connection = None
        self._handle.cancel()

    def _finish(self) -> None:
        if self._owner_connection is not None:
            QObject.disconnect(self._owner_connection)
            self._owner_connection = None
        self._on_success = self._on_failure = self._on_progress = None
        self._runner._forget(self)
        self.deleteLater()


def _run_in_worker(box: list[Any]) -> None:
    """Body of every task, on a pool thread. The pool wraps it in a QRunnable that Qt deletes itself.

    ``box`` holds (fn, kwargs, handle, relay) and is emptied at once, so that the worker thread drops its
    references to ``fn`` before the result goes back (the last reference to an object must not die here).
    """
    fn, kwargs, handle, relay = box
    box.clear()
    try:
        # A task cancelled while it waited in the queue does not even start.
        result = None if handle.cancelled else fn(**kwargs)
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the main thread
        del fn, kwargs
        handle._done.set()
        relay.failed.emit(error)
    else:
        del fn, kwargs
        handle._done.set()
        relay.succeeded.emit(result)


class TaskRunner(QObject):
    """The application's worker pools, one per lane. Create it on the main thread."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        show_failure: Callable[[TaskFailure], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane, threads in LANE_THREADS.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            pool.setObjectName(f"pac_{lane}_pool")
            self._pools[lane] = pool
        self._pending: set[_Relay] = set()
        self._show_failure = show_failure
        self._open_boxes: set[QMessageBox] = set()

    def run_task(
        self,
        fn: Callable[..., Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[TaskFailure], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        lane: Lane | str = Lane.DB_READ,
        owner: QObject | None = None,
    ) -> TaskHandle:
        """Run ``fn`` on the lane's pool; callbacks run later on the main thread (see the module docstring)."""
        lane = Lane(lane)
        handle = TaskHandle(_task_name(fn), lane)
        relay = _Relay(handle, on_success, on_failure, on_progress, owner, self)
        kwargs: dict[str, Any] = {}
        accepted = _accepted_keywords(fn)
        if "cancel" in accepted:
            kwargs["cancel"] = handle.cancel_event
        if "progress" in accepted:
            kwargs["progress"] = relay.progressed.emit
        self._pending.add(relay)
        self._pools[lane].start(partial(_run_in_worker, [fn, kwargs, handle, relay]))
        return handle

    def pending_count(self) -> int:
        """Tasks whose result has not reached the main thread yet."""
        return len(self._pending)

    def cancel_all(self) -> None:
        for relay in list(self._pending):
            relay._handle.cancel()

    def wait_for_all(self, timeout_ms: int = -1) -> bool:
        """Block until every pool is idle (at shutdown: writes in flight finish). False on timeout."""
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())

    def show_failure(self, failure: TaskFailure) -> None:
        """Default for tasks without ``on_failure``: a dialog with the French message."""
        if self._show_failure is not None:
            self._show_failure(failure)
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, "PAC", failure.message, QMessageBox.StandardButton.Ok)
        if isinstance(parent, QWidget):
            box.setParent(parent, box.windowFlags())
        box.setWindowTitle("PAC — Opération impossible" if failure.expected else "PAC — Erreur inattendue")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open_boxes.add(box)  # a box without a parent would otherwise be freed at once
        box.finished.connect(lambda _result: self._open_boxes.discard(box))
        box.open()  # window-modal, without a nested event loop

    def _forget(self, relay: _Relay) -> None:
        self._pending.discard(relay)
