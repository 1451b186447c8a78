"""The withdrawal of the consent to share a youth's file (issue 13), from the case file.

The service (IntakeService.withdraw_consent) records it; this dialog says first, in plain words, what it does,
and takes an optional reason. It is a SavingDialog: the withdrawal is saved on the db_write lane.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from pac_desktop.domain.consent import ConsentState

from .. import theme
from ..tasks import TaskRunner
from .dialogs import SaveFn, SavingDialog

ACTION_TEXT = "Retrait du con&sentement…"
EXPLANATION = (
    "<p>{name} (ou son représentant légal) retire son accord au partage de son dossier entre les partenaires.</p>"
    "<ul>"
    "<li>Ce qui avait été partagé est retiré du serveur commun et des ordinateurs des partenaires, à leur "
    "prochaine synchronisation.</li>"
    "<li>Cet ordinateur garde ce que la loi permet de conserver pour le suivi, et ce qui sera noté désormais "
    "ne le quittera plus.</li>"
    "<li>Le retrait est daté d'aujourd'hui et noté dans le journal d'audit à votre nom ({staff}).</li>"
    "</ul>"
    "<p>Confirmez-vous le retrait ?</p>"
)


def unavailable_reason(state: ConsentState | None) -> str:
    """Why there is nothing to withdraw ("" when the consent is given)."""
    if state is ConsentState.GIVEN:
        return ""
    if state is ConsentState.WITHDRAWN:
        return "L'accord de partage a déjà été retiré : le dossier n'est plus partagé."
    if state is ConsentState.REFUSED:
        return "Le partage a été refusé : rien de ce dossier n'est partagé, il n'y a pas d'accord à retirer."
    return "L'accord de partage n'a pas été recueilli : rien de ce dossier n'est partagé, il n'y a rien à retirer."


class _Ui:
    """The few widgets, built in code (the attributes SavingDialog expects: button_box, error_label)."""

    def __init__(self, dialog: QWidget, *, youth_name: str, staff_name: str) -> None:
        layout = QVBoxLayout(dialog)
        self.explanation_label = QLabel(EXPLANATION.format(name=html.escape(youth_name), staff=html.escape(staff_name)), dialog)
        self.explanation_label.setObjectName("explanation_label")
        self.explanation_label.setWordWrap(True)
        layout.addWidget(self.explanation_label)
        self.reason_label = QLabel("&Motif (facultatif) :", dialog)
        layout.addWidget(self.reason_label)
        self.reason_edit = QLineEdit(dialog)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setPlaceholderText("Par exemple : à la demande du jeune, par téléphone")
        self.reason_edit.setMaxLength(500)
        self.reason_label.setBuddy(self.reason_edit)
        layout.addWidget(self.reason_edit)
        self.error_label = QLabel(dialog)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        theme.set_role(self.error_label, "error")
        layout.addWidget(self.error_label)
        layout.addStretch(1)  # any extra height goes above the buttons, not between the reason and its label
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        self.button_box.rejected.connect(dialog.reject)
        layout.addWidget(self.button_box)


class ConsentWithdrawalDialog(SavingDialog):
    """Confirm the withdrawal; ``save`` receives the reason (None when left empty)."""

    def __init__(self, *, tasks: TaskRunner, save: SaveFn, youth_name: str, staff_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.setWindowTitle("Retrait du consentement au partage")
        self.setMinimumWidth(520)
        self.ui = _Ui(self, youth_name=youth_name, staff_name=staff_name)
        self._wire()
        ok = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Retirer l'accord")
        # A withdrawal cannot be taken back from here: Enter in the reason does not confirm it by mistake.
        ok.setDefault(False)
        ok.setAutoDefault(False)
        self.ui.reason_edit.setFocus()

    def values(self) -> str | None:
        return self.ui.reason_edit.text().strip() or None
