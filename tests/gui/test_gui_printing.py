"""Printing as a printer expects (issue 15): the PDF itself goes to a real CUPS queue (cups-pdf) and its text
reads back; the dialog's page range is kept; a cancelled print dialog records nothing in the audit trail; the
save dialog is French, opens in Documents and proposes a French name without personal data."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from cups_helpers import ensure_queue, wait_for_output
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from pac_desktop.domain.enums import StaffRole
from pac_desktop.storage.base import id_from_store, id_to_store


@pytest.fixture
def demo(services):
    from pac_desktop.demo import DemoDataService

    DemoDataService(services.ctx).generate(youths=30, seed=7)
    return services


@pytest.fixture
def committee_member(demo):
    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD
    from pac_desktop.services.staff import actor_for

    admin = demo.sessions.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
    staff_id = demo.staff.add(first_name="Odile", last_name="Comité-Fictif", organisation_code="cio-toulouse-nord",
                              roles=[StaffRole.COMMITTEE], by=admin)
    with demo.ctx.read() as session:
        return actor_for(session, staff_id)


def _sql(services, query, *params):
    with services.ctx.store.engine.connect() as con:
        # Ids bound and read as the store keeps them (storage.base.CompactId: 16 bytes), shown as text.
        return [tuple(id_from_store(v) for v in row)
                for row in con.exec_driver_sql(query, tuple(id_to_store(p) for p in params)).fetchall()]


def _words(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


@pytest.fixture
def preview(qtbot, demo, committee_member, tasks, tmp_path):
    from pac_desktop.gui.document_preview import open_document_preview

    intake_id = _sql(demo, "SELECT j.id FROM joint_intake j JOIN territory t ON t.id = j.territory_id "
                           "WHERE j.state = 'validated' AND t.code = 'toulouse-nord' LIMIT 1")[0][0]
    document = demo.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "fiche.pdf",
                                                    actor=committee_member)
    dialog = open_document_preview(document, services=demo, actor=committee_member, tasks=tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count == document.pages, timeout=10_000)
    return dialog, document


def _audit(demo, actor):
    return [a for (a,) in _sql(demo, "SELECT action FROM audit_event WHERE staff_id = ? ORDER BY at", actor.staff_id)]


def test_the_pdf_itself_goes_to_a_cups_queue_and_reads_back(qtbot, preview, demo, committee_member):
    from PySide6.QtPrintSupport import QPrinter

    queue = ensure_queue()
    dialog, document = preview
    before = _audit(demo, committee_member)
    printer = dialog.make_printer()
    printer.setPrinterName(queue)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    started = time.time()
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        dialog.print_to(printer)
    assert printed.args == [document.pages]
    assert dialog.last_print is not None and dialog.last_print.job_id.startswith(queue)
    out = wait_for_output(started, dialog.last_print.job_id)
    # Text, not page images: the words of the summary read back from what the queue printed, and the job is
    # small. (cups-pdf goes through PostScript and Ghostscript, which drops the Unicode map of accented letters:
    # the words compared are the plain ASCII ones; a printer given the PDF has no such step.)
    assert len(PdfReader(str(out)).pages) == document.pages
    source_words = {w for w in _words(document.path).split() if w.isascii() and w.isalpha() and len(w) > 3}
    printed_words = set(_words(out).split())
    assert {"Fiche", "Accueil", "commun"} <= source_words
    assert len(source_words & printed_words) >= 0.9 * len(source_words), source_words - printed_words
    assert out.stat().st_size < 400_000, out.stat().st_size
    assert _audit(demo, committee_member) == [*before, "print"]
    assert "envoyé à l'imprimante" in dialog.ui.status_label.text()


def test_the_page_range_chosen_in_the_dialog_is_kept(qtbot, preview):
    queue = ensure_queue()
    dialog, document = preview
    if document.pages < 2:
        pytest.skip("a one-page summary")
    from PySide6.QtPrintSupport import QPrinter

    printer = dialog.make_printer()
    printer.setPrinterName(queue)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    started = time.time()
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        dialog.print_to(printer)
    assert printed.args == [1]
    out = wait_for_output(started, dialog.last_print.job_id)
    assert len(PdfReader(str(out)).pages) == 1


def test_a_cancelled_print_dialog_records_nothing(qtbot, preview, demo, committee_member):
    dialog, _document = preview
    before = _audit(demo, committee_member)
    closed = []

    def cancel_the_dialog() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(50, cancel_the_dialog)
            return
        closed.append(modal.windowTitle())
        modal.reject()

    QTimer.singleShot(50, cancel_the_dialog)
    dialog.ui.print_button.click()
    assert closed == ["Imprimer"]
    qtbot.wait(200)
    assert _audit(demo, committee_member) == before


def test_lp_command_carries_the_dialog_choices():
    from pac_desktop.gui.printing import PrintJob, cups_command, page_span

    job = PrintJob(printer_name="Bureau", title="Fiche de synthèse", copies=2, first_page=2, last_page=9,
                   duplex="two-sided-long-edge")
    first, last = page_span(job, 3)
    assert (first, last) == (2, 3)
    command = cups_command(Path("/tmp/x.pdf"), job, first, last, 3)
    assert command[:3] == ["lp", "-d", "Bureau"]
    assert ["-n", "2"] == command[command.index("-n") : command.index("-n") + 2]
    assert "2-3" in command and "sides=two-sided-long-edge" in command and "collate=true" in command
    assert command[-2:] == ["--", "/tmp/x.pdf"]


def test_the_save_dialog_is_french_in_documents_with_a_plain_name(qtbot, preview, tmp_path, monkeypatch):
    from pac_desktop.gui import pdf_preview

    dialog, document = preview
    monkeypatch.setattr(pdf_preview, "documents_folder", lambda: tmp_path)
    assert pdf_preview.suggested_file_name(document.kind, date(2026, 12, 2)) == "fiche-synthese-2026-12-02.pdf"
    save = pdf_preview.save_pdf_dialog(dialog, dialog._suggested_name)
    save.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(save)
    assert Path(save.directory().absolutePath()) == tmp_path
    assert dialog._suggested_name == pdf_preview.suggested_file_name(document.kind, date.today())
    texts = [save.labelText(label) for label in (QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName,
                                                  QFileDialog.DialogLabel.FileType, QFileDialog.DialogLabel.Accept,
                                                  QFileDialog.DialogLabel.Reject)]
    assert texts == ["Dossier :", "Nom du fichier :", "Type :", "Enregistrer", "Annuler"]
    save.show()
    qtbot.waitExposed(save)
    from PySide6.QtWidgets import QLabel, QPushButton

    shown = [w.text() for w in save.findChildren(QLabel) + save.findChildren(QPushButton) if w.isVisible()]
    english = {"Look in:", "Files of type:", "File name:", "&Save", "Cancel", "Save"}
    assert not english & set(shown), shown
    save.reject()


def test_the_preview_opens_no_taller_than_the_screen(preview):
    dialog, _document = preview
    available = dialog.screen().availableGeometry()
    assert dialog.height() <= available.height() - 40 and dialog.width() <= available.width()


# --- Windows' branch, run here: gdi32 and pdfium's device-context call stood in for -------------------------


class RecordingGdi:
    """Stands in for gdi32 (the Windows library cannot load here): records each call in order and answers as a
    printer would (an A4 sheet at 600 dpi, its printable area 100 × 120 pixels in)."""

    CAPS = {110: 4960, 111: 7016, 112: 100, 113: 120}  # PHYSICALWIDTH/HEIGHT, PHYSICALOFFSETX/Y

    def __init__(self, *, hdc: int = 0x5EED, start_doc: int = 1) -> None:
        self.calls: list[tuple] = []
        self.hdc, self.start_doc = hdc, start_doc

    def CreateDCW(self, driver, printer, output, devmode):  # noqa: N802 - the Windows names
        self.calls.append(("CreateDCW", driver, printer))
        return self.hdc

    def StartDocW(self, hdc, info):  # noqa: N802
        self.calls.append(("StartDocW", hdc, info._obj.lpszDocName))
        return self.start_doc

    def GetDeviceCaps(self, hdc, index):  # noqa: N802
        return self.CAPS[index]

    def __getattr__(self, name):  # StartPage, EndPage, EndDoc, AbortDoc, DeleteDC
        if name not in ("StartPage", "EndPage", "EndDoc", "AbortDoc", "DeleteDC"):
            raise AttributeError(name)
        return lambda hdc: self.calls.append((name, hdc)) or 1

    def names(self) -> list[str]:
        return [call[0] for call in self.calls]


@pytest.fixture
def windows(monkeypatch):
    """send_pdf takes Windows' branch; pdfium draws each page into a bitmap instead of the printer's device
    context (Linux builds of pdfium have no FPDF_RenderPage) and the words of each page drawn are kept."""
    from pac_desktop.gui import printing

    gdi = RecordingGdi()

    def render(hdc, page, x, y, width, height):
        bitmap = page.render(scale=0.2)  # the real page object, drawn by the real pdfium
        assert bitmap.width > 0
        text = " ".join(page.get_textpage().get_text_range().split())
        gdi.calls.append(("render", hdc, text, x, y, width, height))

    monkeypatch.setattr(printing, "platform", lambda: "win32")
    monkeypatch.setattr(printing, "load_gdi32", lambda: gdi)
    monkeypatch.setattr(printing, "render_to_dc", render)
    return gdi


def test_windows_branch_draws_each_chosen_page_on_the_printer(qtbot, preview, demo, committee_member, windows):
    from PySide6.QtPrintSupport import QPrinter

    dialog, document = preview
    assert document.pages >= 2
    printer = dialog.make_printer()
    printer.setPrinterName(ensure_queue())  # a printer Qt knows here; on Windows the dialog's choice
    printer.setCopyCount(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, document.pages)
    before = _sql(demo, "SELECT count(*) FROM audit_event WHERE action = 'print'")[0][0]
    with qtbot.waitSignal(dialog.printed, timeout=20_000) as printed:
        dialog.print_to(printer)
    sent = document.pages - 1
    assert printed.args == [sent]
    hdc = windows.hdc
    assert windows.calls[0] == ("CreateDCW", "WINSPOOL", printer.printerName())
    assert windows.calls[1] == ("StartDocW", hdc, document.title)  # the job is named after the document
    per_copy = ["StartPage", "render", "EndPage"] * sent
    assert windows.names() == ["CreateDCW", "StartDocW", *per_copy, *per_copy, "EndDoc", "DeleteDC"]
    renders = [call for call in windows.calls if call[0] == "render"]
    # The whole sheet, shifted by the printable area's offset; the pages chosen, in order, for each copy.
    assert {call[3:] for call in renders} == {(-100, -120, 4960, 7016)}
    expected = [" ".join(p.extract_text().split()) for p in PdfReader(str(document.path)).pages][1:]
    drawn = [call[2] for call in renders]
    assert len(drawn) == 2 * sent
    for got, want in zip(drawn, expected * 2, strict=True):
        assert got.split()[:6] == want.split()[:6]
    assert _sql(demo, "SELECT count(*) FROM audit_event WHERE action = 'print'")[0][0] == before + 1


def test_windows_branch_says_what_went_wrong_and_leaves_no_job_behind(tmp_path, windows, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    from pac_desktop.domain.errors import DomainError
    from pac_desktop.gui import printing

    path = tmp_path / "trois-pages.pdf"
    canvas = Canvas(str(path))
    for word in ("un", "deux", "trois"):
        canvas.drawString(72, 720, f"Page {word}")
        canvas.showPage()
    canvas.save()
    job = printing.PrintJob(printer_name="Imprimante de l'accueil", title="Passeport")

    windows.hdc = 0  # the printer cannot be opened
    with pytest.raises(DomainError, match="L'imprimante n'a pas pu être ouverte"):
        printing.send_pdf(path, job, 3)
    assert windows.names() == ["CreateDCW"]

    windows.calls.clear()
    windows.hdc, windows.start_doc = 0x5EED, 0  # the spooler refuses the document
    with pytest.raises(DomainError, match="L'impression n'a pas pu commencer"):
        printing.send_pdf(path, job, 3)
    assert windows.names() == ["CreateDCW", "StartDocW", "DeleteDC"]

    windows.calls.clear()
    windows.start_doc = 1

    def broken(hdc, page, *args):
        windows.calls.append(("render", hdc))
        raise OSError("pilote")

    monkeypatch.setattr(printing, "render_to_dc", broken)
    with pytest.raises(OSError):
        printing.send_pdf(path, job, 3)
    assert windows.names() == ["CreateDCW", "StartDocW", "StartPage", "render", "AbortDoc", "DeleteDC"]

    windows.calls.clear()
    monkeypatch.undo()  # Linux again: the same call goes to CUPS, not to gdi32
    assert printing.platform() == "linux"
