"""The preview of a document just produced (committees, indicators, the intake, the case file's Documents tab):
one function, so that every copy printed or saved goes to the audit trail the same way."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtWidgets import QWidget

from pac_desktop.services.context import Actor
from pac_desktop.services.documents import PrintedDocument
from pac_desktop.services.registry import Services

from .pdf_preview import PdfPreviewDialog, suggested_file_name
from .tasks import TaskRunner


def open_document_preview(document: PrintedDocument, *, services: Services, actor: Actor, tasks: TaskRunner,
                          parent: QWidget | None = None) -> PdfPreviewDialog:
    """The preview of a document just produced, whose copies (printer, file) go to the audit trail."""
    record = services.documents.record_copy
    dialog = PdfPreviewDialog(
        path=document.path,
        title=document.title,
        tasks=tasks,
        record_printed=partial(record, document=document, output="printer", actor=actor),
        record_saved=partial(record, document=document, output="file", actor=actor),
        suggested_name=suggested_file_name(document.kind, date.today()),
        parent=parent,
    )
    dialog.show()
    return dialog
