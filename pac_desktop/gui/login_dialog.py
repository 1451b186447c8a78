"""Signing in: login and password, checked off the UI thread (the password hash takes about 0.3 s)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from . import theme
from .forms.ui_login_dialog import Ui_LoginDialog
from .settings import LAST_LOGIN, Preferences
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

if TYPE_CHECKING:
    from pac_desktop.services.context import Actor

EMPTY_LOGIN = "Saisissez votre identifiant."
EMPTY_PASSWORD = "Saisissez votre mot de passe."
CHECKING = "Vérification…"

#: ``authenticate(login=..., password=...)`` returns the Actor or raises a DomainError with a French message.
Authenticate = Callable[..., "Actor"]


class LoginDialog(QDialog):
    """Accepted once a staff member has signed in; ``actor`` is then who they are."""

    logged_in = Signal(object)  # the Actor who just signed in

    def __init__(
        self,
        *,
        authenticate: Authenticate,
        tasks: TaskRunner,
        preferences: Preferences | None = None,
        theme_: theme.Theme | None = None,
        demo_hint: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._tasks = tasks
        self._preferences = preferences
        self._checking: TaskHandle | None = None
        self._notice = ""
        self._actor: Actor | None = None
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)

        # The icons come a moment after the dialog: their font costs ~10 ms to load, and the dialog is the first
        # thing a counsellor sees at start-up (issue 16). Their room is kept meanwhile: nothing moves.
        self.ui.app_icon_label.setFixedSize(40, 40)
        room = QPixmap(self.ui.login_button.iconSize())
        room.fill(Qt.GlobalColor.transparent)
        self.ui.login_button.setIcon(QIcon(room))
        QTimer.singleShot(0, self._draw_icons)
        self.ui.error_frame.hide()
        self.ui.busy_label.setText("")
        if demo_hint:
            self.ui.demo_label.setText(demo_hint)
        else:
            self.ui.demo_frame.hide()
        if theme_ is not None:
            theme_.make_zoom_actions(self)

        self.ui.login_button.clicked.connect(self.submit)
        self.ui.quit_button.clicked.connect(self.reject)
        # Enter anywhere presses the default button, login_button (QDialog's own behaviour).
        self.ui.login_edit.textEdited.connect(self._on_text_edited)
        self.ui.password_edit.textEdited.connect(self._on_text_edited)

        last = preferences.get(LAST_LOGIN) if preferences is not None else ""
        if last:
            self.ui.login_edit.setText(last)
            self.ui.password_edit.setFocus()
        else:
            self.ui.login_edit.setFocus()
        self.setMinimumWidth(520)
        self.adjustSize()

    @Slot()
    def _draw_icons(self) -> None:
        from . import icons

        self.ui.app_icon_label.setPixmap(icons.pixmap(icons.LOCK, 40, theme.ACCENT))
        self.ui.error_icon_label.setPixmap(icons.pixmap(icons.ERROR, 20, theme.ERROR))
        self.ui.demo_icon_label.setPixmap(icons.pixmap(icons.DEMO, 20, theme.ACCENT))
        self.ui.login_button.setIcon(icons.icon(icons.LOGIN, theme.ACCENT_TEXT))

    @property
    def actor(self) -> Actor | None:
        return self._actor

    @property
    def checking(self) -> bool:
        return self._checking is not None

    def error_text(self) -> str:
        """The error shown under the fields ("" when none)."""
        return self.ui.error_label.text() if not self.ui.error_frame.isHidden() else ""

    @Slot()
    def submit(self) -> None:
        if self._checking is not None:
            return
        login = self.ui.login_edit.text().strip()
        password = self.ui.password_edit.text()
        if not login:
            self._show_error(EMPTY_LOGIN)
            self.ui.login_edit.setFocus()
            return
        if not password:
            if self.ui.login_edit.hasFocus():  # Enter after typing the login: go on to the password
                self.ui.password_edit.setFocus()
                return
            self._show_error(EMPTY_PASSWORD)
            self.ui.password_edit.setFocus()
            return
        self._set_checking(True)
        self._checking = self._tasks.run_task(
            partial(self._authenticate, login=login, password=password),
            on_success=self._on_login_succeeded,
            on_failure=self._on_login_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_login_succeeded(self, actor: Actor) -> None:
        self._checking = None
        self._set_checking(False)
        self._actor = actor
        if self._preferences is not None:
            self._preferences.set(LAST_LOGIN, self.ui.login_edit.text().strip())
        self.ui.password_edit.clear()
        self.logged_in.emit(actor)
        self.accept()

    def _on_login_failed(self, failure: TaskFailure) -> None:
        self._checking = None
        self._set_checking(False)
        self._show_error(failure.message)
        self.ui.password_edit.clear()
        self.ui.password_edit.setFocus()

    def _set_checking(self, checking: bool) -> None:
        self.ui.login_button.setEnabled(not checking)
        self.ui.login_button.setText(CHECKING if checking else "&Se connecter")
        self.ui.login_edit.setReadOnly(checking)
        self.ui.password_edit.setReadOnly(checking)
        self.ui.busy_label.setText("Vérification de votre mot de passe…" if checking else self._notice)

    def set_notice(self, text: str) -> None:
        """What start-up is doing behind the dialog, when it takes long (an upgrade of the data); "" when done."""
        self._notice = text
        if self._checking is None:
            self.ui.busy_label.setText(text)

    def _show_error(self, message: str) -> None:
        self.ui.error_label.setText(message)
        self.ui.error_frame.show()
        self.ui.error_frame.layout().activate()
        theme.grow_to_fit(self)

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self.ui.error_frame.hide()

    def done(self, result: int) -> None:
        if self._checking is not None and result != QDialog.DialogCode.Accepted:
            self._checking.cancel()
            self._checking = None
            self._set_checking(False)
        super().done(result)
