"""Asking for the local store's passphrase at start-up, where an administrator chose a passphrase because the
computer has no secure keyring (issue 7; pac_desktop.security.store_key). Qt's standard input dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from pac_desktop.security.store_key import MIN_PASSPHRASE_LENGTH

TITLE = "PAC — Base locale protégée"


def ask_store_passphrase(parent: QWidget | None, *, new: bool) -> str | None:
    """The passphrase typed (confirmed twice when ``new``), or None if the user gave up."""
    if not new:
        text, ok = QInputDialog.getText(
            parent, TITLE, "Phrase secrète de la base locale :", QLineEdit.EchoMode.Password
        )
        return text if ok and text else None
    while True:
        first, ok = QInputDialog.getText(
            parent,
            TITLE,
            "Cet ordinateur n'a pas de trousseau sécurisé : la base locale sera protégée par une phrase secrète,\n"
            f"demandée à chaque démarrage (au moins {MIN_PASSPHRASE_LENGTH} caractères). Sans elle, les données "
            "ne pourront pas être relues.\n\nNouvelle phrase secrète :",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        if len(first) < MIN_PASSPHRASE_LENGTH:
            QMessageBox.warning(parent, TITLE, f"La phrase secrète doit compter au moins {MIN_PASSPHRASE_LENGTH} "
                                "caractères (plusieurs mots, par exemple).")
            continue
        second, ok = QInputDialog.getText(parent, TITLE, "Retapez la phrase secrète :", QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if second == first:
            return first
        QMessageBox.warning(parent, TITLE, "Les deux saisies diffèrent. Recommencez.")
