"""Autosave for the intake wizard: every field saved as it is typed, debounced, off the UI thread.

Each field has a key ("youth.first_name", "note:schooling:<staff id>"…). ``schedule`` keeps only the latest
save of a key and runs it once typing pauses (``DEBOUNCE_MS``, under the one second the design allows);
typing that never pauses still saves every ``MAX_WAIT_MS`` (a crash loses at most two seconds of words);
``submit`` runs a save at once (a click, a choice in a list); ``flush`` runs every waiting save at once (step
change, closing the intake, quitting). Saves run on the task runner's ``db_write`` lane: one thread, so they
reach SQLite in the order they were made.

Saves are never tied to a widget's life (no ``owner``): a save submitted while a window closes still runs.
At application exit the autosaver flushes and waits for the write lane (``QCoreApplication.aboutToQuit``),
so nothing typed is dropped by the runner's shutdown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from ..tasks import Lane, TaskFailure, TaskRunner

#: Typing pauses this long before the field is saved.
DEBOUNCE_MS = 600
#: …but a field typed into without a pause is saved at least this often.
MAX_WAIT_MS = 2000


class Autosaver(QObject):
    save_started = Signal()  # a save was sent to the write lane
    saved = Signal(object)  # the save's result (a SaveResult, an id…): its key is in ``last_key``
    save_failed = Signal(str, str)  # key, French message
    idle = Signal()  # nothing waiting and nothing in flight any more

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._debounce_ms = debounce_ms
        self._max_wait_ms = max(max_wait_ms, debounce_ms)
        self._timers: dict[str, QTimer] = {}
        self._deadlines: dict[str, QTimer] = {}  # started by a key's first waiting save, never restarted by typing
        self._waiting: dict[str, tuple[Callable[[], Any], Callable[[Any], None] | None]] = {}
        self._in_flight = 0
        self.last_key = ""
        self.last_saved_at: datetime | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    # --- API ----------------------------------------------------------------------------------------------

    def schedule(self, key: str, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None) -> None:
        """Save ``fn`` once typing pauses; a later save of the same key replaces this one."""
        self._waiting[key] = (fn, on_success)
        timer = self._timers.get(key)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(self._debounce_ms)
            timer.timeout.connect(partial(self._on_timer_timeout, key))
            self._timers[key] = timer
            deadline = QTimer(self)
            deadline.setSingleShot(True)
            deadline.setInterval(self._max_wait_ms)
            deadline.timeout.connect(partial(self._on_timer_timeout, key))
            self._deadlines[key] = deadline
        timer.start()
        if not self._deadlines[key].isActive():
            self._deadlines[key].start()

    def submit(self, key: str, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None) -> None:
        """Save now (anything of the same key still waiting is replaced by this save)."""
        self._waiting.pop(key, None)
        self._stop_timers(key)
        self._run(key, fn, on_success)

    def flush(self) -> None:
        """Send every waiting save to the write lane now."""
        for key in list(self._waiting):
            fn, on_success = self._waiting.pop(key)
            self._stop_timers(key)
            self._run(key, fn, on_success)

    def drop(self, key: str) -> None:
        """Forget the save of ``key`` still waiting, if any (its field no longer holds a value to save)."""
        if self._waiting.pop(key, None) is not None:
            self._stop_timers(key)

    def discard(self) -> None:
        """Forget the saves still waiting (the intake they belong to is no longer open)."""
        for key in self._timers:
            self._stop_timers(key)
        self._waiting.clear()

    @property
    def busy(self) -> bool:
        return bool(self._waiting) or self._in_flight > 0

    def waiting_keys(self) -> list[str]:
        return list(self._waiting)

    # --- internals ----------------------------------------------------------------------------------------

    def _stop_timers(self, key: str) -> None:
        for timers in (self._timers, self._deadlines):
            timer = timers.get(key)
            if timer is not None:
                timer.stop()

    @Slot()
    def _on_timer_timeout(self, key: str) -> None:
        self._stop_timers(key)  # the pause or the deadline, whichever came first: the other one is moot
        waiting = self._waiting.pop(key, None)
        if waiting is not None:
            self._run(key, *waiting)

    def _run(self, key: str, fn: Callable[[], Any], on_success: Callable[[Any], None] | None) -> None:
        self._in_flight += 1
        self.save_started.emit()
        self._tasks.run_task(
            fn,
            on_success=partial(self._on_saved, key, on_success),
            on_failure=partial(self._on_failed, key),
            lane=Lane.DB_WRITE,
        )

    def _on_saved(self, key: str, on_success: Callable[[Any], None] | None, result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self._in_flight -= 1
        self.last_key = key
        saved_at = getattr(result, "saved_at", None)
        self.last_saved_at = saved_at if isinstance(saved_at, datetime) else datetime.now().astimezone()
        if on_success is not None:
            on_success(result)
        self.saved.emit(result)
        self._maybe_idle()

    def _on_failed(self, key: str, failure: TaskFailure) -> None:
        if not shiboken6.isValid(self):
            return
        self._in_flight -= 1
        self.save_failed.emit(key, failure.message)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self.busy:
            self.idle.emit()

    @Slot()
    def _on_app_about_to_quit(self) -> None:
        # The runner cancels queued tasks at shutdown: send what waits and let the write lane drain first.
        self.flush()
        self._tasks.wait_for_all(30_000)
