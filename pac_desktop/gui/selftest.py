"""The GUI side of ``pac-desktop --self-test`` (pac_desktop.selftest has the rest and prints the lines).

Checks run on the offscreen platform (pac_desktop.selftest.prepare_environment forces it before the
QApplication exists):

- the Qt binding itself: PySide6-Essentials 6.12.0 took a reference from ``None`` at every call of a method that
  returns nothing, and on Python 3.11 the application then aborted after enough use (pyproject.toml keeps it
  out; this catches a bundle built with such a release anyway);
- Qt's resources in this installation: Qt's French translation, QtAwesome's icon font (every icon the
  application names), the application icon;
- the main window, built by the composition root's own function for the self-test's staff member, shown,
  painted, left until its background tasks (home page figures, badges) are done, then closed. An unexpected
  error in one of those tasks fails the check.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QLibraryInfo, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from pac_desktop.domain.errors import DomainError
from pac_desktop.paths import resource_path

from . import icons
from .platform_check import LABEL_PLATFORM, check_platform_plugin
from .tasks import TaskFailure, TaskRunner

LABEL_QT_BINDING = "liaison Python de Qt (PySide6)"
LABEL_QT_RESOURCES = "icônes et traduction française de Qt"
LABEL_MAIN_WINDOW = "fenêtre principale (hors écran)"

WINDOW_TIMEOUT_S = 20.0

BuildWindow = Callable[..., QWidget]  # build_window(services, actor, *, tasks=TaskRunner) -> the main window
Configure = Callable[[QApplication], Any]


def checks(*, build_window: BuildWindow, configure: Configure | None = None) -> list[tuple[str, bool, Callable]]:
    """The GUI checks in the form pac_desktop.selftest.run_self_test takes: (label, needs services, fn)."""
    return [
        (LABEL_PLATFORM, False, check_platform_plugin),  # the screen of the real start (issue 14)
        (LABEL_QT_BINDING, False, check_qt_binding),
        (LABEL_QT_RESOURCES, False, partial(check_qt_resources, configure=configure)),
        (LABEL_MAIN_WINDOW, True, partial(check_main_window, build_window=build_window, configure=configure)),
    ]


_state: dict[str, Any] = {}  # the self-test's QApplication, kept alive between the two checks


def application(configure: Configure | None = None) -> QApplication:
    """The running QApplication, or one made (and configured like the real one) for the self-test."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(["pac-desktop", "-platform", "offscreen"])
        _state["app"] = app
        if configure is not None:
            _state["configured"] = configure(app)
    assert isinstance(app, QApplication)
    return app


#: Calls of a method returning nothing in the binding check, and how far ``None``'s count may fall meanwhile.
BINDING_CALLS = 5_000
BINDING_SLACK = 1_000


def check_qt_binding(_services: object, _actor: object) -> str:
    """The binding's version; fails when calls of a Qt method returning nothing spend ``None``'s references."""
    import PySide6

    application()
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(BINDING_CALLS):
        label.setText("autotest")
        label.setVisible(False)
    lost = before - sys.getrefcount(None)
    if lost > BINDING_SLACK:
        raise DomainError(
            f"PySide6 {PySide6.__version__} perd une référence interne à chaque appel ({lost} sur "
            f"{2 * BINDING_CALLS}) : l'application s'arrêterait brutalement après un temps d'utilisation. Refaites "
            "le paquet avec une autre version de PySide6-Essentials (voir pyproject.toml).")
    return f"PySide6 {PySide6.__version__}"


def check_qt_resources(_services: object, _actor: object, *, configure: Configure | None = None) -> str | None:
    application(configure)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load("qtbase_fr", folder):
        raise DomainError(f"la traduction française de Qt (qtbase_fr.qm) est absente de {folder}")
    QCoreApplication.installTranslator(translator)
    try:
        if QCoreApplication.translate("QPlatformTheme", "Cancel") != "Annuler":
            raise DomainError("la traduction française de Qt ne traduit pas « Cancel » en « Annuler »")
    finally:
        QCoreApplication.removeTranslator(translator)
    try:
        missing = [name for name in icons.ALL_NAMES if not icons.exists(name) or icons.pixmap(name, 32).isNull()]
    except icons.IconFontMissing as error:
        raise DomainError(str(error)) from error
    if missing:
        raise DomainError(f"icônes introuvables dans la police de QtAwesome : {', '.join(missing)}")
    app_icon = resource_path("icons", "pac-desktop.png")
    if QIcon(str(app_icon)).isNull():
        raise DomainError(f"l'icône de l'application est absente ou illisible ({app_icon})")
    return f"{len(icons.ALL_NAMES)} icônes"


class _ErrorCollector(logging.Handler):
    """Errors logged while the window lives (the task runner logs a task's unexpected failure this way)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the Qt event loop until ``condition()`` holds or the time is up (the self-test's only waiting)."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def check_main_window(
    services: object, actor: object, *, build_window: BuildWindow, configure: Configure | None = None
) -> str | None:
    application(configure)
    failures: list[TaskFailure] = []
    collector = _ErrorCollector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    tasks = TaskRunner(show_failure=failures.append)
    started = time.perf_counter()
    window: QWidget | None = None
    try:
        window = build_window(services, actor, tasks=tasks)
        window.show()
        if not wait_until(
            lambda: window.isVisible() and window.windowHandle() is not None and window.windowHandle().isExposed(),
            WINDOW_TIMEOUT_S,
        ):
            raise DomainError("la fenêtre principale ne s'est pas affichée")
        if window.grab().isNull():
            raise DomainError("la fenêtre principale n'a pas pu être dessinée")
        if not wait_until(lambda: tasks.pending_count() == 0, WINDOW_TIMEOUT_S):
            raise DomainError("les tâches de la fenêtre principale ne se sont pas terminées à temps")
        shown_after = time.perf_counter() - started
        window.close()
    finally:
        if window is not None:
            window.deleteLater()
        tasks.cancel_all()
        tasks.wait_for_all(5000)
        wait_until(lambda: False, 0.05)  # deliver the deleteLater and the last queued signals
        tasks.deleteLater()
        root_logger.removeHandler(collector)
    if failures:
        raise DomainError(f"une tâche de la fenêtre principale a échoué : {failures[0].message}")
    if collector.records:
        record = collector.records[0]
        message = " ".join(record.getMessage().split())[:300]
        raise DomainError(f"erreur signalée pendant l'affichage de la fenêtre principale : {message}")
    return f"prête en {shown_after:.1f} s".replace(".", ",")
