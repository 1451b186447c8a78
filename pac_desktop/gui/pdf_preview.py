"""The preview of a printed document inside the application, printing through the system's printers, and
"Enregistrer en PDF…".

PySide6-Essentials has no QtPdf, so pages are rasterised with pdfium (the ``pypdfium2`` wheel, self-contained
on Windows, macOS and Linux) for the screen only: the pages that scroll into view, at screen resolution. The
printer gets the PDF itself (``printing.send_pdf``: CUPS on Linux and macOS, pdfium on the printer's device
context on Windows); Qt's print dialog only chooses the printer, the copies and the pages. pdfium is not
thread-safe: every call goes through one lock.

The dialog never sees the store: it gets the PDF's path and two callables that record, in the audit trail,
a copy sent to a printer or saved as a file — only once the copy went out (a cancelled dialog records nothing).
"""

from __future__ import annotations

import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSize, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QSizePolicy, QWidget

from . import icons
from .forms.ui_pdf_preview_dialog import Ui_PdfPreviewDialog
from .printing import PrintResult, job_from_printer, send_pdf
from .tasks import Lane, TaskFailure, TaskRunner

PDFIUM_LOCK = threading.Lock()
SCREEN_DPI = 96
CACHE_PAGES = 24
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)

ZOOM_IN_ICON = "mdi6.magnify-plus-outline"
ZOOM_OUT_ICON = "mdi6.magnify-minus-outline"
PRINT_ICON = "mdi6.printer-outline"
SAVE_ICON = "mdi6.content-save-outline"


# --- pdfium, off the UI thread -------------------------------------------------------------------------------


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Each page's size in points (1/72 inch)."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            return [document.get_page_size(i) for i in range(len(document))]
        finally:
            document.close()


def render_page(path: Path, index: int, dpi: float) -> QImage:
    """One page as an RGB image at ``dpi`` (a QImage may be made and used outside the GUI thread)."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            page = document[index]
            bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
            # BGRx in memory is Format_RGB32 on every little-endian machine we run on.
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB32).copy()
            bitmap.close()
            page.close()
            return image
        finally:
            document.close()


# --- the dialog ------------------------------------------------------------------------------------------


class _PageLabel(QLabel):
    """One page: a white sheet of the right size until its image arrives."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(palette)
        self.setAccessibleName(f"Page {index + 1}")


class PdfPreviewDialog(QDialog):
    """Aperçu avant impression.

    ``record_printed()`` and ``record_saved()`` are called on a worker thread (lane db_write) after a copy
    went to a printer or to a file, to write the audit entry; they get no argument.
    """

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # path of the copy

    def __init__(
        self,
        *,
        path: Path,
        title: str,
        tasks: TaskRunner,
        record_printed: Callable[[], object] | None = None,
        record_saved: Callable[[], object] | None = None,
        suggested_name: str = "document.pdf",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PdfPreviewDialog()
        self.ui.setupUi(self)
        self._path = Path(path)
        self._tasks = tasks
        self._record_printed = record_printed
        self._record_saved = record_saved
        self._suggested_name = suggested_name
        self._title = title
        self.last_print: PrintResult | None = None
        self._sizes: list[tuple[float, float]] = []
        self._labels: list[_PageLabel] = []
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self._requested: set[int] = set()
        self._zoom_index = ZOOMS.index(1.0)
        self._print_handle = None
        self.setWindowTitle(f"Aperçu — {title}")
        self.ui.title_label.setText(f"<b>{title}</b>")
        self.ui.zoom_in_button.setIcon(icons.icon(ZOOM_IN_ICON))
        self.ui.zoom_out_button.setIcon(icons.icon(ZOOM_OUT_ICON))
        self.ui.print_button.setIcon(icons.icon(PRINT_ICON))
        self.ui.save_button.setIcon(icons.icon(SAVE_ICON))
        self.ui.print_progress.setVisible(False)
        self.ui.print_progress.setRange(0, 100)
        self.ui.pages_widget.setBackgroundRole(QPalette.ColorRole.Mid)
        self.ui.pages_widget.setAutoFillBackground(True)
        self.ui.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.ui.zoom_in_button.clicked.connect(self._on_zoom_in_button_clicked)
        self.ui.zoom_out_button.clicked.connect(self._on_zoom_out_button_clicked)
        self.ui.print_button.clicked.connect(self._on_print_button_clicked)
        self.ui.save_button.clicked.connect(self._on_save_button_clicked)
        self.ui.close_button.clicked.connect(self.reject)
        self.ui.pages_area.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self._on_zoom_in_button_clicked)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self._on_zoom_out_button_clicked)
        QShortcut(QKeySequence.StandardKey.Print, self, self._on_print_button_clicked)
        self._fit_to_screen()
        self.ui.status_label.setText("Ouverture du document…")
        self._tasks.run_task(partial(page_sizes, self._path), on_success=self._on_sizes_read,
                             on_failure=self._on_failed, lane=Lane.PDF, owner=self)

    def _fit_to_screen(self) -> None:
        """A4 at 100 % wants 920 × 900: never more than the screen it opens on (a 1366 × 768 laptop)."""
        screen = (self.parentWidget().screen() if self.parentWidget() is not None else None) \
            or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 920, 900
        if available is not None:
            width, height = min(width, available.width() - 40), min(height, available.height() - 60)
        self.resize(width, height)

    # --- pages --------------------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def rendered_pages(self) -> list[int]:
        """Indexes of the pages whose image is on screen (for tests)."""
        return sorted(i for i, label in enumerate(self._labels) if not label.pixmap().isNull())

    def _on_sizes_read(self, sizes: list[tuple[float, float]]) -> None:
        self._sizes = sizes
        for index in range(len(sizes)):
            label = _PageLabel(index, self.ui.pages_widget)
            self.ui.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._labels.append(label)
        self._apply_zoom()
        self.ui.status_label.setText(f"{len(sizes)} page{'s' if len(sizes) > 1 else ''}.")
        QTimer.singleShot(0, self._request_visible)

    def _page_pixels(self, index: int) -> QSize:
        width, height = self._sizes[index]
        scale = ZOOMS[self._zoom_index] * SCREEN_DPI / 72
        return QSize(round(width * scale), round(height * scale))

    def _apply_zoom(self) -> None:
        self._cache.clear()
        self._requested.clear()
        for index, label in enumerate(self._labels):
            label.clear()
            label.setFixedSize(self._page_pixels(index))
        self._request_visible()

    def _visible_indexes(self) -> list[int]:
        area = self.ui.pages_area
        top = area.verticalScrollBar().value()
        bottom = top + area.viewport().height()
        visible = [i for i, label in enumerate(self._labels)
                   if label.y() + label.height() >= top - 200 and label.y() <= bottom + 200]
        return visible or list(range(min(2, len(self._labels))))

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        self._request_visible()

    def _request_visible(self) -> None:
        if not self._labels:
            return
        visible = self._visible_indexes()
        if visible:
            self.ui.page_label.setText(f"Page {visible[0] + 1} sur {len(self._labels)}")
        dpi = ZOOMS[self._zoom_index] * SCREEN_DPI * self.devicePixelRatioF()
        for index in visible:
            if index in self._cache or index in self._requested:
                continue
            self._requested.add(index)
            zoom = self._zoom_index
            self._tasks.run_task(
                partial(render_page, self._path, index, dpi),
                on_success=lambda image, i=index, z=zoom: self._on_page_rendered(i, z, image),
                on_failure=self._on_failed,
                lane=Lane.PDF,
                owner=self,
            )

    def _on_page_rendered(self, index: int, zoom: int, image: QImage) -> None:
        self._requested.discard(index)
        if zoom != self._zoom_index:
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._labels[index].setPixmap(pixmap)
        self._cache[index] = image
        while len(self._cache) > CACHE_PAGES:
            old, _ = self._cache.popitem(last=False)
            if old not in self._visible_indexes():
                self._labels[old].clear()

    @Slot()
    def _on_zoom_in_button_clicked(self) -> None:
        if self._zoom_index < len(ZOOMS) - 1:
            self._zoom_index += 1
            self._apply_zoom()

    @Slot()
    def _on_zoom_out_button_clicked(self) -> None:
        if self._zoom_index > 0:
            self._zoom_index -= 1
            self._apply_zoom()

    # --- printing and saving ------------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFullPage(True)  # the PDF has its own margins
        return printer

    @Slot()
    def _on_print_button_clicked(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimer")
        dialog.setMinMax(1, max(1, self.page_count))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Send the PDF in the background to ``printer`` (set up by the dialog), then record the copy."""
        job = job_from_printer(printer, self._title)
        self.ui.print_button.setEnabled(False)
        self.ui.print_progress.setValue(0)
        self.ui.print_progress.setVisible(True)
        self.ui.status_label.setText("Envoi à l'imprimante…")
        self._print_handle = self._tasks.run_task(
            partial(send_pdf, self._path, job, max(1, self.page_count)),
            on_success=self._on_printed,
            on_failure=self._on_print_failed,
            lane=Lane.PDF,
            owner=self,
        )

    def _on_printed(self, result: PrintResult) -> None:
        pages = result.pages
        self.ui.print_progress.setValue(100)
        self.ui.print_button.setEnabled(True)
        self.ui.print_progress.setVisible(False)
        self.ui.status_label.setText(f"Document envoyé à l'imprimante ({pages} page{'s' if pages > 1 else ''}).")
        self.last_print = result
        if self._record_printed is not None:
            self._tasks.run_task(self._record_printed, on_success=lambda _r: self.printed.emit(pages),
                                 lane=Lane.DB_WRITE, owner=self)
        else:
            self.printed.emit(pages)

    def _on_print_failed(self, failure: TaskFailure) -> None:
        self.ui.print_button.setEnabled(True)
        self.ui.print_progress.setVisible(False)
        self.ui.status_label.setText(failure.message)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        dialog = save_pdf_dialog(self, self._suggested_name)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selectedFiles():
            target = dialog.selectedFiles()[0]
            self.save_to(Path(target if target.lower().endswith(".pdf") else target + ".pdf"))

    def save_to(self, target: Path) -> None:
        """Copy the document to ``target`` in the background, then record the copy in the audit trail."""
        source, record = self._path, self._record_saved

        def copy() -> str:
            shutil.copyfile(source, target)
            if record is not None:
                record()
            return str(target)

        self.ui.status_label.setText("Enregistrement…")
        self._tasks.run_task(copy, on_success=self._on_saved, on_failure=self._on_failed, lane=Lane.DB_WRITE,
                             owner=self)

    def _on_saved(self, target: str) -> None:
        self.ui.status_label.setText(f"Document enregistré : {target}")
        self.saved.emit(target)

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.status_label.setText(failure.message)



def documents_folder() -> Path:
    """The user's Documents folder (their home when the system names none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def save_pdf_dialog(parent: QWidget | None, suggested_name: str) -> QFileDialog:
    """« Enregistrer en PDF » in French, in the user's Documents folder, with a name that says what it is.

    The system's own dialog where there is one (it speaks the system's language); Qt's dialog elsewhere, its
    labels set here so that none stays in English whatever Qt's translation holds.
    """
    dialog = QFileDialog(parent, "Enregistrer en PDF", str(documents_folder()), "Documents PDF (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(suggested_name)
    for label, text in (
        (QFileDialog.DialogLabel.LookIn, "Dossier :"),
        (QFileDialog.DialogLabel.FileName, "Nom du fichier :"),
        (QFileDialog.DialogLabel.FileType, "Type :"),
        (QFileDialog.DialogLabel.Accept, "Enregistrer"),
        (QFileDialog.DialogLabel.Reject, "Annuler"),
    ):
        dialog.setLabelText(label, text)
    return dialog


#: French file names by document kind (the audit's ``document=`` value): what it is and when, never who.
FILE_NAMES = {
    "session_summary": "fiche-synthese",
    "passport": "passeport",
    "committee_pack": "dossier-comite",
    "indicators": "indicateurs",
    "subject_export": "export-donnees",
    "convocations": "convocations",
    "cancellation_letters": "lettres-annulation",
    "intake_session_list": "liste-seance",
}


def suggested_file_name(kind: str, on: date) -> str:
    """« fiche-synthese-2026-12-02.pdf »."""
    return f"{FILE_NAMES.get(kind, 'document')}-{on.isoformat()}.pdf"
