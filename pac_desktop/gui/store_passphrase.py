"""Asking for the local store's passphrase at start-up, where an administrator chose a passphrase because the
computer has no secure keyring (issue 7; pac_desktop.security.store_key).

:class:`StorePassphraseDialog` only collects the passphrase (typed twice for a new store); it never opens the
store. app.DesktopApp opens it off the UI thread after ``accepted`` and, on a wrong passphrase, shows the
dialog again with :meth:`StorePassphraseDialog.show_error` (a limited number of times). ``rejected`` means the
user gave up: the application quits.

Hand-written rather than a Designer form: a handful of widgets, half of them shown only for a new store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.security.store_key_info import MIN_PASSPHRASE_LENGTH

from . import theme

TITLE = "PAC — Base locale protégée"
EXISTING_TEXT = (
    "La base locale de cet ordinateur est protégée par une phrase secrète, choisie lors de la première "
    "ouverture. Saisissez-la pour ouvrir PAC Desktop."
)
NEW_TEXT = (
    "Cet ordinateur n'a pas de trousseau sécurisé : la base locale sera protégée par une phrase secrète, "
    f"demandée à chaque démarrage (au moins {MIN_PASSPHRASE_LENGTH} caractères ; plusieurs mots, par exemple). "
    "Sans elle, les données ne pourront pas être relues : retenez-la bien."
)
EMPTY_MESSAGE = "Saisissez la phrase secrète."
SHORT_MESSAGE = (
    f"La phrase secrète doit compter au moins {MIN_PASSPHRASE_LENGTH} caractères (plusieurs mots, par exemple)."
)
MISMATCH_MESSAGE = "Les deux saisies diffèrent. Retapez la phrase secrète deux fois à l'identique."


def wrong_passphrase_message(attempts_left: int) -> str:
    """What the dialog says after a wrong passphrase, with the number of tries left."""
    left = "c'est le dernier essai" if attempts_left == 1 else f"encore {attempts_left} essais"
    return (
        "Phrase secrète incorrecte : la base locale ne s'ouvre pas avec celle-ci. Vérifiez les majuscules et la "
        f"langue du clavier, puis réessayez ({left})."
    )


class StorePassphraseDialog(QDialog):
    """The passphrase of the local store; for a ``new`` store, typed twice and at least 12 characters long.

    ``accept()`` refuses (with a message under the fields) an empty, too short or mismatched entry, so that
    ``accepted`` always comes with a usable :meth:`passphrase`.
    """

    def __init__(self, *, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(TITLE)
        self.setObjectName("store_passphrase_dialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        self.intro_label = QLabel(NEW_TEXT if new else EXISTING_TEXT)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)

        form = QFormLayout()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("passphrase_edit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Phrase secrète")
        form.addRow("Nouvelle phrase secrète :" if new else "Phrase secrète :", self.passphrase_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("confirm_edit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Phrase secrète, une seconde fois")
        if new:
            form.addRow("Retapez-la :", self.confirm_edit)
        else:
            self.confirm_edit.hide()
        layout.addLayout(form)

        self.error_label = QLabel()
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText("Créer la base" if new else "Ouvrir")
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText("Quitter")
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

        self.passphrase_edit.textEdited.connect(self._on_text_edited)
        self.confirm_edit.textEdited.connect(self._on_text_edited)
        self.passphrase_edit.setFocus()
        self.setMinimumWidth(480)
        self.adjustSize()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def error_text(self) -> str:
        """The message shown under the fields ("" when none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def clear(self) -> None:
        """Forget what was typed (once it has been read)."""
        self.passphrase_edit.clear()
        self.confirm_edit.clear()

    def show_error(self, message: str) -> None:
        """Say what went wrong under the fields, empty them and put the cursor back in the first one."""
        self.error_label.setText(message)
        self.error_label.show()
        if self.isVisible():
            theme.grow_to_fit(self)
        else:
            self.adjustSize()
        self.clear()
        self.passphrase_edit.setFocus()

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        if not self.error_label.isHidden() and self.error_label.text() in (
            EMPTY_MESSAGE,
            MISMATCH_MESSAGE,
            SHORT_MESSAGE,
        ):
            self.error_label.hide()

    def accept(self) -> None:
        text = self.passphrase()
        if not text:
            self._refuse(EMPTY_MESSAGE)
            return
        if self.new and len(text) < MIN_PASSPHRASE_LENGTH:
            self._refuse(SHORT_MESSAGE)
            return
        if self.new and self.confirm_edit.text() != text:
            self._refuse(MISMATCH_MESSAGE)
            return
        self.error_label.hide()
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        theme.grow_to_fit(self)
        if message == MISMATCH_MESSAGE:
            self.clear()  # which of the two was mistyped cannot be told: both again
        self.passphrase_edit.setFocus()
