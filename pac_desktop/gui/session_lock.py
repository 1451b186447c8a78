"""Locking the session (issue 7 §2): after inactivity (the administrators' setting, 10 minutes by default) and
on demand (Ctrl+L, or "Verrouiller" in the account menu); unlocking needs the password again.

:class:`SessionLockController` watches the user's activity with an event filter on the QApplication and a
single-shot QTimer restarted by each key, click or mouse move; the decision itself is
pac_desktop.security.session_lock.InactivityLock (tested without a window). When the session locks, every
visible window of the application is covered by an opaque :class:`LockOverlay` — nothing of a case file
stays on screen — and the one on the active window asks for the password (checked off the UI thread by
SessionService.unlock, which limits the attempts and writes the audit trail).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from pac_desktop.security.session_lock import InactivityLock
from pac_desktop.services.context import Actor

from . import icons, theme
from .forms.ui_lock_overlay import Ui_LockOverlay
from .tasks import Lane, TaskFailure, TaskRunner

LOCK_SHORTCUT = "Ctrl+L"
CHECKING = "Vérification…"

_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)

#: unlock(password=...) raises a DomainError (French) when the password is wrong or attempts are blocked.
UnlockFn = Callable[..., None]


class LockOverlay(QWidget):
    """An opaque cover over one window while the session is locked; the active one holds the password field."""

    unlock_requested = Signal(str)  # the password typed
    logout_requested = Signal()

    def __init__(self, host: QWidget, *, actor: Actor, with_form: bool) -> None:
        super().__init__(host)
        self.ui = Ui_LockOverlay()
        self.ui.setupUi(self)
        self.setObjectName("lock_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"#lock_overlay {{ background: {theme.WINDOW}; }} #card_frame {{ background: {theme.SURFACE}; }}"
        )
        self.ui.icon_label.setPixmap(icons.pixmap(icons.LOCK, 48, theme.ACCENT))
        self.ui.message_label.setText(
            f"La session de {actor.display_name} est verrouillée. Saisissez votre mot de passe pour reprendre ; "
            "rien de ce qui était en cours n'est perdu."
        )
        self.ui.error_label.hide()
        self.ui.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.ui.password_edit.returnPressed.connect(self._on_unlock_button_clicked)
        self.ui.logout_button.clicked.connect(self.logout_requested)
        for widget in (self.ui.password_edit, self.ui.unlock_button, self.ui.logout_button):
            widget.setVisible(with_form)
        if not with_form:
            self.ui.message_label.setText("Session verrouillée.")
        label = self.ui.message_label  # a wrapped label in a fixed-width card: give it the height it needs
        label.setMinimumHeight(label.heightForWidth(self.ui.card_frame.minimumWidth() - 48))
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.raise_()
        self.show()
        if with_form:
            self.ui.password_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def set_checking(self, checking: bool) -> None:
        self.ui.password_edit.setReadOnly(checking)
        self.ui.unlock_button.setEnabled(not checking)
        self.ui.unlock_button.setText(CHECKING if checking else "&Déverrouiller")

    def show_error(self, message: str) -> None:
        self.set_checking(False)
        self.ui.password_edit.clear()
        self.ui.error_label.setText(message)
        self.ui.error_label.show()
        self.ui.password_edit.setFocus()

    @Slot()
    def _on_unlock_button_clicked(self) -> None:
        password = self.ui.password_edit.text()
        if not password:
            self.show_error("Saisissez votre mot de passe.")
            return
        self.set_checking(True)
        self.unlock_requested.emit(password)


class SessionLockController(QObject):
    """Locks the application's windows after inactivity or on demand; unlocks with the password."""

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        actor: Actor,
        tasks: TaskRunner,
        unlock: UnlockFn,
        on_lock: Callable[[bool], None] | None = None,
        timeout_seconds: float = 600,
        state: InactivityLock | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._actor = actor
        self._tasks = tasks
        self._unlock = unlock
        self._on_lock = on_lock
        self.state = state or InactivityLock(timeout_seconds)
        self.overlays: list[LockOverlay] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.lock_action = QAction(icons.icon(icons.LOCK), "Verrouiller la session", window)
        self.lock_action.setObjectName("lock_action")
        self.lock_action.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self._on_lock_action_triggered)
        window.addAction(self.lock_action)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._on_window_destroyed)
        self._restart_timer()

    # -- activity ---------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY_EVENTS and not self.state.locked:
            self.state.activity()
            if not self._timer.isActive() or event.type() != QEvent.Type.MouseMove:
                self._restart_timer()
        return False

    def _restart_timer(self) -> None:
        remaining = self.state.remaining()
        self._timer.start(max(250, int(remaining * 1000)))

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self.state.check():
            self._cover(on_demand=False)
        elif not self.state.locked:
            self._restart_timer()  # activity happened meanwhile: wait for the rest

    def set_timeout(self, seconds: float) -> None:
        """The administrators' setting, read once the window is up."""
        self.state.timeout_seconds = seconds
        if not self.state.locked:
            self._restart_timer()

    # -- locking ----------------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.state.locked

    def lock(self) -> None:
        if not self.state.locked:
            self.state.lock()
            self._cover(on_demand=True)

    @Slot()
    def _on_lock_action_triggered(self) -> None:
        self.lock()

    def _cover(self, *, on_demand: bool) -> None:
        self._timer.stop()
        app = QApplication.instance()
        active = (app.activeModalWidget() or app.activeWindow()) if app is not None else None
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not isinstance(w, LockOverlay)]
        if self._window not in windows:
            windows.append(self._window)
        host_with_form = active if active in windows else self._window
        for host in windows:
            overlay = LockOverlay(host, actor=self._actor, with_form=host is host_with_form)
            overlay.unlock_requested.connect(partial(self._on_overlay_unlock_requested, overlay))
            overlay.logout_requested.connect(self.logout_requested)
            self.overlays.append(overlay)
        if self._on_lock is not None:
            self._on_lock(on_demand)
        self.locked.emit()

    def _on_overlay_unlock_requested(self, overlay: LockOverlay, password: str) -> None:
        self._tasks.run_task(
            partial(self._unlock, password=password),
            on_success=lambda _result: self._uncover(),
            on_failure=partial(self._on_unlock_failed, overlay),
            lane=Lane.DB_WRITE,
            owner=self,
        )

    def _on_unlock_failed(self, overlay: LockOverlay, failure: TaskFailure) -> None:
        overlay.show_error(failure.message)

    def _uncover(self) -> None:
        for overlay in self.overlays:
            overlay.hide()
            overlay.deleteLater()
        self.overlays.clear()
        self.state.unlocked()
        self._restart_timer()
        self.unlocked.emit()

    @Slot()
    def _on_window_destroyed(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
