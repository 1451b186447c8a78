"""Sending a PDF to a printer as a printer expects: the PDF itself, never page images.

The Qt print dialog chooses the printer, the copies and the pages (``job_from_printer`` reads them on the UI
thread); ``send_pdf`` then runs on a worker:

- Linux and macOS: CUPS takes PDF directly, through ``lp`` (the job keeps its text and vectors; a 2-page
  summary is a few dozen kilobytes, not megabytes of images).
- Windows: pdfium renders each page on the printer's device context (GDI, vector, as PDF readers do).
  Never run on Windows: the tests run this branch on Linux with ``platform()`` answering "win32", a recording
  stand-in for gdi32 and pdfium drawing each page into a bitmap instead of a printer's device context (Linux
  builds of pdfium have no ``FPDF_RenderPage``). README, "Printing", lists what that leaves untested.
- "Imprimer dans un fichier" in Qt's dialog: the PDF (or the chosen pages) is written to that file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter

from pac_desktop.domain.errors import DomainError

#: lp answers "request id is <queue>-<n> (1 file(s))".
_LP_REQUEST = re.compile(r"request id is (\S+)")
LP_TIMEOUT_S = 60


@dataclass(frozen=True)
class PrintJob:
    """What the print dialog chose, in plain values a worker thread may read."""

    printer_name: str
    title: str
    copies: int = 1
    first_page: int | None = None  # 1-based, inclusive; None: every page
    last_page: int | None = None
    collate: bool = True
    duplex: str | None = None  # CUPS "sides" value, None: the printer's default
    output_file: str | None = None  # Qt's "print to file"


@dataclass(frozen=True)
class PrintResult:
    pages: int  # pages of the document sent (one copy)
    job_id: str = ""  # the print system's job, when it gives one


_SIDES = {
    QPrinter.DuplexMode.DuplexNone: "one-sided",
    QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
}


def job_from_printer(printer: QPrinter, title: str) -> PrintJob:
    """The dialog's choices (UI thread): printer, copies, page range, recto verso, file."""
    first = last = None
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or None
    output = printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else ""
    return PrintJob(
        printer_name=printer.printerName(),
        title=title,
        copies=max(1, printer.copyCount()),
        first_page=first,
        last_page=last,
        collate=printer.collateCopies(),
        duplex=_SIDES.get(printer.duplex()),
        output_file=output or None,
    )


def page_span(job: PrintJob, page_count: int) -> tuple[int, int]:
    first = min(max(job.first_page or 1, 1), page_count)
    last = min(job.last_page or page_count, page_count)
    return first, max(first, last)


def platform() -> str:
    """The operating system the print goes through (``sys.platform``; the tests choose Windows' branch here)."""
    return sys.platform


def send_pdf(path: Path, job: PrintJob, page_count: int) -> PrintResult:
    """Send the PDF at ``path`` to the printer of ``job`` (worker thread); French DomainError on failure."""
    first, last = page_span(job, page_count)
    if job.output_file:
        return _write_file(path, job, first, last, page_count)
    if platform() == "win32":
        return _print_windows(path, job, first, last)
    return _print_cups(path, job, first, last, page_count)


# --- print to file ------------------------------------------------------------------------------------------


def _write_file(path: Path, job: PrintJob, first: int, last: int, page_count: int) -> PrintResult:
    target = Path(job.output_file or "")
    if (first, last) == (1, page_count):
        shutil.copyfile(path, target)
    else:
        from pypdf import PdfReader, PdfWriter  # only for a page range to a file

        writer = PdfWriter()
        for page in PdfReader(str(path)).pages[first - 1 : last]:
            writer.add_page(page)
        with open(target, "wb") as out:
            writer.write(out)
    return PrintResult(pages=last - first + 1)


# --- CUPS (Linux, macOS) -----------------------------------------------------------------------------------


def cups_available() -> bool:
    return shutil.which("lp") is not None


def cups_command(path: Path, job: PrintJob, first: int, last: int, page_count: int) -> list[str]:
    command = ["lp"]
    if job.printer_name:
        command += ["-d", job.printer_name]
    command += ["-t", job.title, "-n", str(job.copies)]
    if (first, last) != (1, page_count):
        command += ["-P", f"{first}-{last}"]
    if job.copies > 1:
        command += ["-o", f"collate={'true' if job.collate else 'false'}"]
    if job.duplex:
        command += ["-o", f"sides={job.duplex}"]
    command += ["--", str(path)]
    return command


def _print_cups(path: Path, job: PrintJob, first: int, last: int, page_count: int) -> PrintResult:
    if not cups_available():
        raise DomainError("Aucun service d'impression (CUPS) n'est installé sur cet ordinateur : enregistrez le "
                          "document en PDF et imprimez-le depuis un autre poste.")
    try:
        done = subprocess.run(cups_command(path, job, first, last, page_count), capture_output=True, text=True,
                              timeout=LP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DomainError("Le service d'impression ne répond pas. Vérifiez l'imprimante, puis recommencez.") from error
    if done.returncode != 0:
        # lp's own message names the printer, never the document's content.
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise DomainError("L'imprimante a refusé le document"
                          + (f" ({reason[-1].removeprefix('lp: ')})" if reason else "")
                          + ". Vérifiez qu'elle est allumée et disponible, puis recommencez.")
    match = _LP_REQUEST.search(done.stdout)
    return PrintResult(pages=last - first + 1, job_id=match.group(1) if match else "")


# --- Windows: pdfium on the printer's device context -------------------------------------------------------


#: GetDeviceCaps indexes: the printable page in device pixels, and where it starts on the physical sheet.
PHYSICALWIDTH, PHYSICALHEIGHT, PHYSICALOFFSETX, PHYSICALOFFSETY = 110, 111, 112, 113


def load_gdi32() -> Any:  # pragma: no cover - Windows only
    """The Windows GDI library, typed for the calls below."""
    import ctypes
    from ctypes import wintypes

    gdi32 = ctypes.WinDLL("gdi32")  # type: ignore[attr-defined]
    gdi32.CreateDCW.restype = wintypes.HDC
    gdi32.CreateDCW.argtypes = [wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.LPCWSTR, ctypes.c_void_p]
    for name in ("StartPage", "EndPage", "EndDoc", "AbortDoc", "DeleteDC"):
        getattr(gdi32, name).argtypes = [wintypes.HDC]
    gdi32.GetDeviceCaps.argtypes = [wintypes.HDC, ctypes.c_int]
    gdi32.StartDocW.argtypes = [wintypes.HDC, ctypes.c_void_p]
    return gdi32


def render_to_dc(hdc: Any, page: Any, x: int, y: int, width: int, height: int) -> None:  # pragma: no cover
    """pdfium draws ``page`` on the device context (vector; only Windows builds of pdfium have this call)."""
    import pypdfium2.raw as pdfium_c

    pdfium_c.FPDF_RenderPage(hdc, page.raw, x, y, width, height, 0, pdfium_c.FPDF_PRINTING | pdfium_c.FPDF_ANNOT)


def _print_windows(path: Path, job: PrintJob, first: int, last: int) -> PrintResult:
    """Each copy, each chosen page: StartPage, pdfium draws it over the whole physical sheet, EndPage.

    The dialog's printer, copies and page range are kept; recto verso is left to the printer's default (the
    job's DEVMODE is not set), and copies are always collated."""
    import ctypes
    from ctypes import wintypes

    import pypdfium2 as pdfium

    from .pdf_preview import PDFIUM_LOCK

    class DOCINFOW(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_int), ("lpszDocName", wintypes.LPCWSTR), ("lpszOutput", wintypes.LPCWSTR),
                    ("lpszDatatype", wintypes.LPCWSTR), ("fwType", wintypes.DWORD)]

    gdi32 = load_gdi32()
    hdc = gdi32.CreateDCW("WINSPOOL", job.printer_name, None, None)
    if not hdc:
        raise DomainError("L'imprimante n'a pas pu être ouverte. Vérifiez qu'elle est allumée et disponible, "
                          "puis recommencez.")
    info = DOCINFOW(ctypes.sizeof(DOCINFOW), job.title, None, None, 0)
    try:
        if gdi32.StartDocW(hdc, ctypes.byref(info)) <= 0:
            raise DomainError("L'impression n'a pas pu commencer. Vérifiez l'imprimante, puis recommencez.")
        width = gdi32.GetDeviceCaps(hdc, PHYSICALWIDTH)
        height = gdi32.GetDeviceCaps(hdc, PHYSICALHEIGHT)
        left, top = gdi32.GetDeviceCaps(hdc, PHYSICALOFFSETX), gdi32.GetDeviceCaps(hdc, PHYSICALOFFSETY)
        try:
            with PDFIUM_LOCK:
                document = pdfium.PdfDocument(str(path))
                try:
                    for _copy in range(job.copies):
                        for index in range(first - 1, last):
                            page = document[index]
                            gdi32.StartPage(hdc)
                            render_to_dc(hdc, page, -left, -top, width, height)
                            gdi32.EndPage(hdc)
                            page.close()
                finally:
                    document.close()
        except BaseException:
            gdi32.AbortDoc(hdc)  # the spooler drops the half-sent job instead of printing part of it
            raise
        gdi32.EndDoc(hdc)
    finally:
        gdi32.DeleteDC(hdc)
    return PrintResult(pages=last - first + 1)
