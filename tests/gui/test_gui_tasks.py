"""gui/tasks.py: work runs on the lanes' pools, callbacks come back on the main thread."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from pac_desktop.domain.errors import DomainError
from pac_desktop.gui.tasks import LANE_THREADS, UNEXPECTED_ERROR_MESSAGE, Lane, TaskFailure, TaskRunner

PERSONAL_DETAIL = "Prénom Fictif, né le 01/02/2008"


def _main_thread(qapp) -> QThread:
    return qapp.thread()


def test_result_arrives_on_the_main_thread(qtbot, qapp, tasks):
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker_is_main"] = QThread.currentThread() is _main_thread(qapp)
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_is_main"] = QThread.currentThread() is _main_thread(qapp)

    tasks.run_task(work, on_success=done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"worker_is_main": False, "value": 42, "callback_is_main": True}
    qtbot.waitUntil(lambda: tasks.pending_count() == 0)


def test_domain_error_message_is_delivered_as_is(qtbot, tasks):
    failures: list[TaskFailure] = []

    def refuse() -> None:
        raise DomainError("Ce jeune a déjà un référent.")

    tasks.run_task(refuse, on_success=lambda _: pytest.fail("no success expected"), on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures[0].message == "Ce jeune a déjà un référent."
    assert failures[0].expected


def test_unexpected_error_gets_a_kind_message_and_is_logged_without_its_text(qtbot, tasks, caplog):
    failures: list[TaskFailure] = []

    def crash() -> None:
        raise ValueError(PERSONAL_DETAIL)  # the exception's text must not reach the log

    with caplog.at_level(logging.ERROR, logger="pac_desktop.gui.tasks"):
        tasks.run_task(crash, on_success=lambda _: None, on_failure=failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures[0].message == UNEXPECTED_ERROR_MESSAGE
    assert not failures[0].expected
    assert isinstance(failures[0].error, ValueError)
    assert "ValueError" in caplog.text and "crash" in caplog.text
    assert "Fictif" not in caplog.text


def test_failure_without_handler_goes_to_the_runner(qtbot, qapp):
    shown: list[TaskFailure] = []
    runner = TaskRunner(show_failure=shown.append)

    def refuse() -> None:
        raise DomainError("Impossible pour l'instant.")

    runner.run_task(refuse, on_success=lambda _: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0].message == "Impossible pour l'instant."
    assert runner.wait_for_all(5000)


def test_cancel_stops_the_work_and_delivers_nothing(qtbot, tasks):
    started = threading.Event()
    stopped = threading.Event()
    delivered: list[object] = []

    def long_work(*, cancel: threading.Event) -> str:
        started.set()
        while not cancel.wait(0.01):
            pass
        stopped.set()
        return "fini"

    handle = tasks.run_task(long_work, on_success=delivered.append, on_failure=delivered.append)
    assert started.wait(5)
    handle.cancel()
    assert stopped.wait(5)
    assert tasks.wait_for_all(5000)
    qtbot.waitUntil(lambda: tasks.pending_count() == 0, timeout=5000)
    assert handle.cancelled and handle.done
    assert delivered == []


def test_progress_is_delivered_on_the_main_thread_before_the_result(qtbot, qapp, tasks):
    events: list[tuple[str, object, bool]] = []

    def work(*, progress) -> str:
        for step in (1, 2, 3):
            progress(step)
        return "ok"

    def on_progress(value: object) -> None:
        events.append(("progress", value, QThread.currentThread() is _main_thread(qapp)))

    def on_success(value: object) -> None:
        events.append(("done", value, QThread.currentThread() is _main_thread(qapp)))

    tasks.run_task(work, on_success=on_success, on_progress=on_progress, lane=Lane.PDF)
    qtbot.waitUntil(lambda: len(events) == 4, timeout=5000)
    assert events == [("progress", 1, True), ("progress", 2, True), ("progress", 3, True), ("done", "ok", True)]


def test_write_lane_runs_one_task_at_a_time(qtbot, tasks):
    assert LANE_THREADS[Lane.DB_WRITE] == 1
    running = 0
    most = 0
    lock = threading.Lock()
    results: list[int] = []

    def write(i: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        threading.Event().wait(0.02)
        with lock:
            running -= 1
        return i

    for i in range(5):
        tasks.run_task(lambda i=i: write(i), on_success=results.append, lane="db_write")
    qtbot.waitUntil(lambda: len(results) == 5, timeout=5000)
    assert most == 1
    assert results == [0, 1, 2, 3, 4]  # one thread: in order


def test_results_for_a_deleted_owner_are_dropped(qtbot, tasks):
    release = threading.Event()
    delivered: list[object] = []
    owner = QWidget()

    def work(*, cancel: threading.Event) -> str:
        release.wait(5)
        return "trop tard" if not cancel.is_set() else "annulé"

    handle = tasks.run_task(work, on_success=delivered.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: handle.cancelled, timeout=5000)  # deleting the owner cancels the task
    release.set()
    assert tasks.wait_for_all(5000)
    qtbot.waitUntil(lambda: tasks.pending_count() == 0, timeout=5000)
    assert delivered == []


def test_default_failure_dialog_shows_the_french_message(qtbot, qapp, tasks):
    from PySide6.QtWidgets import QMessageBox

    def refuse() -> None:
        raise DomainError("Ce jeune est déjà suivi par un autre référent.")

    tasks.run_task(refuse, on_success=lambda _: None)

    def box() -> QMessageBox | None:
        boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: box() is not None, timeout=5000)
    shown = box()
    assert shown.text() == "Ce jeune est déjà suivi par un autre référent."
    assert shown.windowTitle() == "PAC — Opération impossible"
    shown.close()
