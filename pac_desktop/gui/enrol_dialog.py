"""Enrol this computer with the shared server, from the GUI (the same service as `pac enrol`)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from pac_desktop.services.sync import EnrolmentInfo

from .forms.ui_enrol_dialog import Ui_EnrolDialog
from .tasks import Lane, TaskFailure, TaskRunner


class EnrolDialog(QDialog):
    """``enrol(server_url=…, code=…, device_name=…)`` runs on the sync lane (network, keyring)."""

    enrolled = Signal(object)  # EnrolmentInfo

    def __init__(self, *, enrol: Callable[..., EnrolmentInfo], tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enrol = enrol
        self._tasks = tasks
        self.ui = Ui_EnrolDialog()
        self.ui.setupUi(self)
        self.ui.name_edit.setText(socket.gethostname()[:120])
        self.enrol_button = QPushButton("Inscrire", self)
        self.enrol_button.setObjectName("enrol_confirm_button")
        self.enrol_button.setDefault(True)
        self.ui.button_box.addButton(self.enrol_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ui.button_box.accepted.connect(self._on_button_box_accepted)
        self.ui.button_box.rejected.connect(self.reject)
        self.info: EnrolmentInfo | None = None

    @Slot()
    def _on_button_box_accepted(self) -> None:
        server, code = self.ui.server_edit.text().strip(), self.ui.code_edit.text().strip()
        if not server or not code:
            self.ui.error_label.setText("Indiquez l'adresse du serveur et le code d'inscription.")
            return
        self.ui.error_label.setText("Inscription en cours…")
        self.enrol_button.setEnabled(False)
        name = self.ui.name_edit.text().strip() or None
        self._tasks.run_task(
            partial(self._enrol, server_url=server, code=code, device_name=name),
            on_success=self._on_enrolled,
            on_failure=self._on_failed,
            lane=Lane.SYNC,
            owner=self,
        )

    def _on_enrolled(self, info: EnrolmentInfo) -> None:
        self.info = info
        self.enrolled.emit(info)
        self.accept()

    def _on_failed(self, failure: TaskFailure) -> None:
        self.enrol_button.setEnabled(True)
        self.ui.error_label.setText(failure.message)
