"""The "Comités" area: the committee pack of a territory and a period, prepared in the background.

The pack is laid out on the "pdf" lane with a progress bar and a Cancel button, written to the session's
private documents folder, recorded in the audit trail by the service, then opened in the preview, from which
it can be printed or saved elsewhere (each copy recorded too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QWidget

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.french import format_date, plural
from pac_desktop.services.context import Actor
from pac_desktop.services.documents import PrintedDocument
from pac_desktop.services.reference import TerritoryInfo
from pac_desktop.services.registry import Services

from . import icons
from .document_preview import open_document_preview
from .forms.ui_committees_page import Ui_CommitteesPage
from .pdf_preview import PdfPreviewDialog
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

AREA_KEY = "committees"
AREA_TITLE = "Comités"
AREA_ICON = "mdi6.file-document-multiple-outline"


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def default_period(today: date) -> tuple[date, date]:
    """The last three whole months and the current one: the usual rhythm of a local committee."""
    month = today.month - 3
    year = today.year + (month <= 0) * -1
    month = month + 12 if month <= 0 else month
    return date(year, month, 1), today


class CommitteesPage(QWidget):
    pack_ready = Signal(object)  # PrintedDocument
    preview_opened = Signal(object)  # PdfPreviewDialog

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        tasks: TaskRunner,
        output_dir: Path,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CommitteesPage()
        self.ui.setupUi(self)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self._output_dir = Path(output_dir)
        self._handle: TaskHandle | None = None
        self._document: PrintedDocument | None = None
        self.preview: PdfPreviewDialog | None = None
        self._territories_loaded = False

        font = self.ui.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.ui.title_label.setFont(font)
        start, end = default_period(today())
        self.ui.date_from_edit.setDate(to_qdate(start))
        self.ui.date_to_edit.setDate(to_qdate(end))
        self.ui.generate_button.setIcon(icons.icon("mdi6.file-pdf-box"))
        self.ui.preview_button.setIcon(icons.icon("mdi6.file-eye-outline"))
        self.ui.progress_bar.setRange(0, 1000)
        for field in (self.ui.territory_combo, self.ui.date_from_edit, self.ui.date_to_edit):
            field.setMaximumWidth(360)
        self._set_running(False)
        self.ui.preview_button.setVisible(False)

        self.ui.generate_button.clicked.connect(self._on_generate_button_clicked)
        self.ui.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.ui.preview_button.clicked.connect(self._on_preview_button_clicked)

    def area_shown(self) -> None:
        if not self._territories_loaded:
            self._tasks.run_task(self._services.reference.territories, on_success=self._on_territories_loaded,
                                 lane=Lane.DB_READ, owner=self)

    def _on_territories_loaded(self, territories: list[TerritoryInfo]) -> None:
        self._territories_loaded = True
        self.ui.territory_combo.clear()
        # Administrators prepare any territory's pack; a committee member, their own territory's.
        everywhere = StaffRole.ADMINISTRATOR in self._actor.roles
        for t in territories:
            if everywhere or t.id == self._actor.territory_id:
                self.ui.territory_combo.addItem(t.name, t.code)
        index = self.ui.territory_combo.findData(next(
            (t.code for t in territories if t.id == self._actor.territory_id), None))
        if index >= 0:
            self.ui.territory_combo.setCurrentIndex(index)

    def _set_running(self, running: bool) -> None:
        self.ui.generate_button.setEnabled(not running)
        self.ui.cancel_button.setVisible(running)
        self.ui.progress_bar.setVisible(running)
        for widget in (self.ui.territory_combo, self.ui.date_from_edit, self.ui.date_to_edit,
                       self.ui.pseudonymised_check):
            widget.setEnabled(not running)

    # --- generation ---------------------------------------------------------------------------------------

    @Slot()
    def _on_generate_button_clicked(self) -> None:
        code = self.ui.territory_combo.currentData()
        if not code:
            self.ui.status_label.setText("Choisissez d'abord un territoire.")
            return
        date_from, date_to = to_date(self.ui.date_from_edit.date()), to_date(self.ui.date_to_edit.date())
        pseudonymised = self.ui.pseudonymised_check.isChecked()
        suffix = "-pseudonymise" if pseudonymised else ""
        path = self._output_dir / f"comite-{code}-{date_from.isoformat()}-{date_to.isoformat()}{suffix}.pdf"
        job = partial(with_progress, self._services.documents.print_committee_pack, territory_code=code,
                      date_from=date_from, date_to=date_to, pseudonymised=pseudonymised, path=path, actor=self._actor)
        self._document = None
        self.ui.preview_button.setVisible(False)
        self.ui.progress_bar.setValue(0)
        self.ui.status_label.setText(f"Préparation du dossier de {self.ui.territory_combo.currentText()}, "
                                     f"du {format_date(date_from)} au {format_date(date_to)}…")
        self._set_running(True)
        self._handle = self._tasks.run_task(job, on_success=self._on_pack_ready, on_failure=self._on_pack_failed,
                                            on_progress=self._on_progress, lane=Lane.PDF, owner=self)

    def _on_progress(self, value: object) -> None:
        self.ui.progress_bar.setValue(int(value))  # type: ignore[call-overload]

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._set_running(False)
        self.ui.status_label.setText("Préparation annulée : aucun dossier n'a été écrit.")

    def _on_pack_ready(self, document: PrintedDocument) -> None:
        self._handle = None
        self._document = document
        self._set_running(False)
        self.ui.status_label.setText(f"Dossier prêt : {plural(document.pages, 'page')}. "
                                     "Il s'ouvre dans l'aperçu, d'où vous pouvez l'imprimer ou l'enregistrer.")
        self.ui.preview_button.setVisible(True)
        self.pack_ready.emit(document)
        self.open_preview()

    def _on_pack_failed(self, failure: TaskFailure) -> None:
        self._handle = None
        self._set_running(False)
        self.ui.status_label.setText(failure.message)

    # --- preview ------------------------------------------------------------------------------------------

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.open_preview()

    def open_preview(self) -> PdfPreviewDialog | None:
        if self._document is None:
            return None
        self.preview = open_document_preview(self._document, services=self._services, actor=self._actor,
                                             tasks=self._tasks, parent=self)
        self.preview_opened.emit(self.preview)
        return self.preview


def with_progress(print_document: Callable[..., PrintedDocument], *, progress: Callable[[int], None],
                  cancel: object, **kwargs: object) -> PrintedDocument:
    """Worker side of a document task: the service reports (done, total), the task runner forwards one value
    (0…1000) to the progress bar; ``cancel`` is the task's threading.Event."""
    return print_document(progress=lambda done, total: progress(done * 1000 // max(total, 1)), cancel=cancel,
                          **kwargs)
