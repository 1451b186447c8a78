"""The documents service the GUI and the command line call: one class gathering every document."""

from __future__ import annotations

from .committee import CommitteePacks
from .indicators import IndicatorReports
from .passport import Passports
from .summary import SessionSummaries


class DocumentsService(SessionSummaries, Passports, CommitteePacks, IndicatorReports):
    """Printed documents and exports (see the package's docstring)."""
