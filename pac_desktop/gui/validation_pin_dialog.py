"""« Code PIN de validation » (issue 13): a staff member chooses the short code they will type on the shared
screen to validate an intake instead of their password. Offered at their first sign-in on this computer (« Plus
tard » is remembered) and from the account menu; the password is asked too (services.validation_pin says why).
The PIN is checked, hashed and stored off the UI thread (db_write lane); the fields are cleared after each try.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.passwords import PIN_MAX_ATTEMPTS, pin_problem
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.validation_pin import PinState

from .forms.ui_validation_pin_dialog import Ui_ValidationPinDialog
from .main_window import MainWindow
from .tasks import Lane, TaskFailure, TaskRunner

#: set_pin(password, pin, pin_again), run on the db_write lane.
SetPinFn = Callable[[str, str, str], object]
#: Records « Plus tard » at the first sign-in, run on the db_write lane.
DeclineFn = Callable[[], object]


class ValidationPinDialog(QDialog):
    pin_set = Signal()  # the PIN is stored (hashed) on this computer

    def __init__(self, *, tasks: TaskRunner, staff_name: str, set_pin: SetPinFn, decline: DeclineFn | None = None,
                 replacing: bool = False, parent: QWidget | None = None) -> None:
        """``decline``: the dialog is the first sign-in's offer, and « Plus tard » records it. ``replacing``: the
        staff member already has a PIN here (or a locked one) that the new one replaces."""
        super().__init__(parent)
        self._tasks = tasks
        self._set_pin = set_pin
        self._decline = decline
        self._busy = False
        #: The window (and its field) someone was typing in when the first sign-in's offer showed.
        self._typing_in: tuple[QWidget, QWidget | None] | None = None
        self.ui = Ui_ValidationPinDialog()
        self.ui.setupUi(self)
        ui = self.ui
        first = "Bienvenue sur cet ordinateur. " if decline is not None else ""
        replace = " Il remplace votre code actuel sur cet ordinateur." if replacing else ""
        ui.intro_label.setText(
            f"{first}<b>{escape(staff_name)}</b>, choisissez un code PIN de 4 à 6 chiffres : à l'étape de "
            "validation d'un accueil, sur l'écran partagé, vous pourrez le saisir à la place de votre mot de "
            f"passe.{replace}<br>Il ne sert que sur cet ordinateur et n'est jamais enregistré en clair. Après "
            f"{PIN_MAX_ATTEMPTS} codes incorrects, il est bloqué : seul votre mot de passe valide alors."
        )
        ok = ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Enregistrer le code")
        ok.setDefault(True)
        cancel = ui.button_box.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Plus tard" if decline is not None else "Annuler")
        if decline is not None:
            cancel.setToolTip("Vous pourrez choisir un code plus tard depuis votre compte (menu à votre nom).")
        ui.error_label.hide()
        ui.button_box.accepted.connect(self._on_button_box_accepted)
        self.rejected.connect(self._on_rejected)
        ui.password_edit.setFocus()

    def give_keyboard_back_to(self, window: QWidget, focus: QWidget | None) -> None:
        """Shown while someone types in ``window``: if the platform activates the offer anyway as it shows it (some
        window managers, the offscreen one), the keyboard goes back to ``window``, to ``focus``; the offer stays
        shown above it. Only that first activation: a click on the offer, or a second later, activates it."""
        self._typing_in = (window, focus)
        QTimer.singleShot(1000, self, self._forget_typing_in)

    def _forget_typing_in(self) -> None:
        self._typing_in = None

    def event(self, event: QEvent) -> bool:
        typing_in = self._typing_in
        if typing_in is not None:
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
                self._typing_in = None
            elif event.type() == QEvent.Type.WindowActivate:
                self._typing_in = None
                window, focus = typing_in
                window.activateWindow()
                if focus is not None:
                    focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        return super().event(event)

    def show_error(self, message: str) -> None:
        self.ui.error_label.setText(message)
        self.ui.error_label.show()

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self._busy:
            return
        ui = self.ui
        password, pin, again = ui.password_edit.text(), ui.pin_edit.text(), ui.pin_again_edit.text()
        if not password:
            self.show_error("Saisissez votre mot de passe : lui seul permet de choisir votre code PIN.")
            ui.password_edit.setFocus()
            return
        problem = pin_problem(pin)
        if problem is None and pin != again:
            problem = "Les deux codes PIN saisis ne sont pas identiques : saisissez-les à nouveau."
        if problem is not None:
            self.show_error(problem)
            ui.pin_edit.clear()
            ui.pin_again_edit.clear()
            ui.pin_edit.setFocus()
            return
        self._busy = True
        ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        ui.error_label.hide()
        set_pin = self._set_pin
        self._tasks.run_task(lambda: set_pin(password, pin, again), on_success=self._on_saved,
                             on_failure=self._on_save_failed, lane=Lane.DB_WRITE, owner=self)

    def _on_saved(self, _result: object) -> None:
        self._busy = False
        self._clear()
        self._decline = None  # chosen: nothing to record as « Plus tard »
        self.pin_set.emit()
        self.accept()

    def _on_save_failed(self, failure: TaskFailure) -> None:
        self._busy = False
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self._clear()
        self.ui.password_edit.setFocus()
        self.show_error(failure.message)

    @Slot()
    def _on_rejected(self) -> None:
        self._clear()
        if self._decline is not None:
            self._tasks.run_task(self._decline, on_success=lambda _r: None, lane=Lane.DB_WRITE)

    def _clear(self) -> None:
        for edit in (self.ui.password_edit, self.ui.pin_edit, self.ui.pin_again_edit):
            edit.clear()


# --- in the main window ---------------------------------------------------------------------------------------

PIN_ACTION_TEXT = "Code PIN de validation…"


def open_pin_dialog(window: QWidget, services: Services, actor: Actor, *, tasks: TaskRunner,
                    first_sign_in: bool = False, replacing: bool = False) -> ValidationPinDialog:
    """Show the dialog for ``actor`` (the first sign-in's offer is not modal: the window stays usable)."""
    pins = services.pins
    dialog = ValidationPinDialog(
        tasks=tasks, staff_name=actor.display_name, replacing=replacing, parent=window,
        set_pin=lambda password, pin, again: pins.set_pin(staff_id=actor.staff_id, password=password, pin=pin,
                                                          pin_again=again, by=actor),
        decline=(lambda: pins.decline(by=actor)) if first_sign_in else None,
    )
    if first_sign_in:
        # The offer comes a moment after the window opens, while the counsellor may already be typing in it: it
        # shows beside the window without taking the keyboard (issue 13); a click on it makes it the active one.
        dialog.setModal(False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.validation_pin_dialog = dialog  # type: ignore[attr-defined]  # the tests reach it there
    if first_sign_in and QApplication.activeWindow() is window.window():
        dialog.give_keyboard_back_to(window.window(), QApplication.focusWidget())
    dialog.show()
    return dialog


def add_validation_pin_action(window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner) -> None:
    """« Code PIN de validation… » in the account menu of a counsellor (who validates intakes)."""
    window.validation_pin_dialog = None  # type: ignore[attr-defined]
    if not actor.has(StaffRole.COUNSELLOR):
        return
    action = QAction(PIN_ACTION_TEXT, window)
    action.setObjectName("validation_pin_action")

    def _open() -> None:
        tasks.run_task(partial(services.pins.status, staff_id=actor.staff_id), lane=Lane.DB_READ, owner=window,
                       on_success=lambda status: open_pin_dialog(
                           window, services, actor, tasks=tasks, replacing=status.state in (PinState.SET,
                                                                                            PinState.LOCKED)))

    action.triggered.connect(_open)
    window.validation_pin_action = action  # type: ignore[attr-defined]
    menu = window.ui.user_button.menu()
    if menu is not None:
        menu.insertAction(window.about_action, action)


def offer_validation_pin(window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner) -> None:
    """At a counsellor's first sign-in on this computer, offer to choose a PIN (once: « Plus tard » is kept)."""
    tasks.run_task(partial(services.pins.should_offer, by=actor), lane=Lane.DB_READ, owner=window,
                   on_success=lambda offer: open_pin_dialog(window, services, actor, tasks=tasks, first_sign_in=True)
                   if offer else None)
