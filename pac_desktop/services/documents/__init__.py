"""Printed documents: the read models behind each of them, the PDFs, the CSV export, and their audit trail.

Each document is built in two steps. A read unit of work turns the store's rows into a frozen read model
(``pac_desktop.reports.model``) that holds exactly what will be printed; ``pac_desktop.reports`` lays it out.
The ``print_*`` and ``export_*`` methods then write the file and record who produced what, when, in one write
unit of work: the file is put in place inside the transaction that adds the audit entry, so a document that
could not be written leaves no audit entry, and no document leaves without one.

Audit entries carry ids and the kind of document, never a name (DESIGN §8).


Where each document lives: summary.py (session summary), passport.py, committee.py (committee pack), indicators.py
(figures, PDF, CSV, JSON); base.py writes and audits every copy; rows.py reads what they share; facade.py gathers
them in DocumentsService.
"""

from pac_desktop.reports import Cancelled
from pac_desktop.reports.model import CommitteePack, Indicators, Passport, SessionSummary

from .base import DocumentKind, ExportedFile, PrintedDocument, Progress
from .facade import DocumentsService
from .indicators import indicators_json, indicators_rows

__all__ = [
    "Cancelled",
    "CommitteePack",
    "Indicators",
    "Passport",
    "SessionSummary",
    "DocumentKind",
    "DocumentsService",
    "ExportedFile",
    "PrintedDocument",
    "Progress",
    "indicators_json",
    "indicators_rows",
]
