"""The case file's *Documents* tab: the youth's documents printed again at any time after the intake — the
session summary, the passport, and the export of everything held about them (right of access).

Documents are laid out on the "pdf" lane into a private folder removed with the window (they hold personal
data), then open in the preview, from which they are printed or saved; the services check the roles and
write the audit trail.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from .. import icons, theme
from ..tasks import Lane, TaskFailure, TaskRunner

SUMMARY_ICON = "mdi6.file-document-outline"
PASSPORT_ICON = "mdi6.card-account-details-outline"
EXPORT_ICON = "mdi6.database-export-outline"


class DocumentsTab(QWidget):
    """``set_case(intake_id, can_print=…, can_export=…)`` once the file is read; ``document_ready`` carries the
    PrintedDocument shown in the preview (``preview`` is the dialog, for tests)."""

    document_ready = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        tasks: TaskRunner,
        youth_id: str,
        export: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documents_tab")
        self._services, self._actor, self._tasks, self._youth_id = services, actor, tasks, youth_id
        self._intake_id: str | None = None
        self._output_dir: Path | None = None
        self.preview: QWidget | None = None

        layout = QVBoxLayout(self)
        intro = QLabel("Imprimez à nouveau les documents de ce jeune, à tout moment après l'accueil commun. "
                       "Chaque impression est notée dans le journal.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.summary_button = self._row(grid, 0, "summary_button", "Fiche de synthèse…", SUMMARY_ICON,
                                        "Tout l'accueil commun : participants, analyse partagée, propositions, "
                                        "référent. Pour le dossier et les partenaires.")
        self.passport_button = self._row(grid, 1, "passport_button", "Passeport du jeune…", PASSPORT_ICON,
                                         "Une page pour le jeune : son référent, son prochain rendez-vous, ce qu'il "
                                         "a choisi de faire. Rien du diagnostic.")
        self.export_button = self._row(grid, 2, "documents_export_button", "Toutes ses données…", EXPORT_ICON,
                                       "Tout ce que la base contient sur ce jeune (PDF et JSON), pour répondre à "
                                       "une demande d'accès à ses données.")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("documents_status_label")
        self.status_label.setWordWrap(True)
        theme.set_role(self.status_label, "muted")
        layout.addWidget(self.status_label)
        layout.addStretch(1)

        self.summary_button.clicked.connect(partial(self.print_document, "summary"))
        self.passport_button.clicked.connect(partial(self.print_document, "passport"))
        self.export_button.clicked.connect(export)
        self.set_case(None, can_print=False, can_export=False)

    def _row(self, grid: QGridLayout, row: int, name: str, text: str, icon: str, description: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setIcon(icons.icon(icon, theme.ACCENT))
        label = QLabel(description, self)
        label.setWordWrap(True)
        theme.set_role(label, "muted")
        label.setBuddy(button)
        grid.addWidget(button, row, 0)
        grid.addWidget(label, row, 1)
        return button

    def set_case(self, intake_id: str | None, *, can_print: bool, can_export: bool) -> None:
        self._intake_id = intake_id
        for button in (self.summary_button, self.passport_button):
            button.setEnabled(bool(intake_id) and can_print)
        self.export_button.setEnabled(can_export)
        if not intake_id:
            self.status_label.setText("Ce jeune n'a pas encore eu d'accueil commun : il n'y a rien à imprimer.")
        elif not can_print:
            self.status_label.setText("Seuls son référent unique et les conseillers de son territoire impriment "
                                      "ses documents.")
        else:
            self.status_label.setText("")

    def _folder(self) -> Path:
        if self._output_dir is None:
            self._output_dir = Path(tempfile.mkdtemp(prefix="pac-dossier-"))
            folder = self._output_dir
            self.destroyed.connect(lambda *_: shutil.rmtree(folder, ignore_errors=True))
        return self._output_dir

    @Slot()
    def print_document(self, kind: str) -> None:
        """Lay the document out in the background, then open its preview."""
        if not self._intake_id:
            return
        documents, actor, intake_id = self._services.documents, self._actor, self._intake_id
        path = self._folder() / f"{kind}.pdf"
        if kind == "summary":
            job = partial(documents.print_session_summary, intake_id=intake_id, path=path, actor=actor)
        else:
            job = partial(documents.print_passport, youth_id=self._youth_id, path=path, actor=actor)
        self.status_label.setText("Préparation du document…")
        self.summary_button.setEnabled(False)
        self.passport_button.setEnabled(False)
        self._tasks.run_task(job, on_success=self._on_ready, on_failure=self._on_failed, lane=Lane.PDF, owner=self)

    def _on_ready(self, document: object) -> None:
        from ..document_preview import open_document_preview

        self.summary_button.setEnabled(True)
        self.passport_button.setEnabled(True)
        self.status_label.setText("")
        self.preview = open_document_preview(document, services=self._services, actor=self._actor,
                                             tasks=self._tasks, parent=self.window())
        self.document_ready.emit(document)

    def _on_failed(self, failure: TaskFailure) -> None:
        self.summary_button.setEnabled(True)
        self.passport_button.setEnabled(True)
        self.status_label.setText(failure.message)
        self.failed.emit(failure.message)
