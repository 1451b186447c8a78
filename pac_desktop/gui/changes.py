"""The store's announced changes, delivered on the UI thread to the windows that show what changed.

After each commit (a save here, a page pulled by the sync, a purge), the store tells its ``ChangeFeed`` what
changed (``storage/changes.py``, reached through ``services.ctx.changes``), on the thread that committed. A
window calls :func:`watch_changes` once; its slot then runs on the UI thread with the ``StoreChanges`` and
decides whether what it shows is concerned (Anki's ``on_operation_did_execute``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from pac_desktop.services.context import ChangeFeed, StoreChanges


class ChangeWatcher(QObject):
    """Listens to a feed from any thread; ``changed`` is emitted to the UI thread (queued)."""

    changed = Signal(object)  # StoreChanges: tables, ids and youths of one committed unit of work

    def __init__(self, feed: ChangeFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._alive = threading.Event()
        self._alive.set()
        alive = self._alive
        unsubscribe = feed.subscribe(self._on_feed_announced)

        def stop() -> None:
            alive.clear()
            unsubscribe()

        self._stop = stop
        self.destroyed.connect(lambda *_: stop())  # no reference to self: it is being destroyed

    def _on_feed_announced(self, changes: StoreChanges) -> None:
        # Any thread: a queued emission reaches the slots on the UI thread after the commit.
        if self._alive.is_set() and shiboken6.isValid(self):
            try:
                self.changed.emit(changes)
            except RuntimeError:  # deleted between the check and the emission: nobody to tell
                pass

    def stop(self) -> None:
        self._stop()


def watch_changes(owner: QObject, feed: ChangeFeed, slot: Callable[[StoreChanges], None]) -> ChangeWatcher:
    """Call ``slot`` on the UI thread after each commit, for as long as ``owner`` lives."""
    watcher = ChangeWatcher(feed, owner)
    watcher.changed.connect(slot)
    return watcher
