"""ReportLab documents, in French: session summary, youth passport, committee pack, indicators.

Renderers take the read models of :mod:`pac_desktop.reports.model` only (never the store) and write a PDF to
a path or a binary file; each returns the number of pages it wrote.

ReportLab is imported by the first document printed, not at start-up: with Pillow behind it, ~100 modules that
most sessions never use (issue 16: the GUI's memory). So this package imports none of it, the read models in
``model`` import none of it. The services hold this package (``from pac_desktop import reports``) and call
``reports.render_passport(…)`` where they print: the renderer's module is imported then (``_LAZY``), on the thread
that writes the document (0.2–0.3 s, once). A new renderer is listed in ``_LAZY`` and takes ``collector_paused``
(tests/reports/test_reports_committee.py checks both).
"""

from __future__ import annotations

import functools
import gc
import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, ParamSpec, TypeVar

from pac_desktop.domain.errors import DomainError

__all__ = [
    "Cancelled",
    "collector_paused",
    "register_fonts",
    "render_cancellations",
    "render_committee_pack",
    "render_convocations",
    "render_indicators",
    "render_obligation_list",
    "render_passport",
    "render_plain_pages",
    "render_regional",
    "render_session_list",
    "render_session_summary",
    "render_subject_access",
]


class Cancelled(DomainError):
    """The user cancelled the preparation of a document; nothing was written."""


_P = ParamSpec("_P")
_R = TypeVar("_R")
_collector_lock = threading.Lock()
_collector_pauses = 0
_collector_was_enabled = False


def collector_paused(render: Callable[_P, _R]) -> Callable[_P, _R]:
    """A renderer that runs with Python's cycle collector paused (issue 16).

    A document's story and layout make hundreds of thousands of objects that live until it is written, and each
    full collection on the way walks them all again, and every other object of the process: 0.3 s of the
    committee pack's 1 s in a process holding 200,000 objects. Reference counting still frees what it can; the
    cycles left wait for the next collection after the document. Several documents at once (threads) pause it
    once; the last to finish restores it as it was."""

    @functools.wraps(render)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        _pause_collector(+1)
        try:
            return render(*args, **kwargs)
        finally:
            _pause_collector(-1)

    return paused


def _pause_collector(step: int) -> None:
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if step > 0 and _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += step
        if _collector_pauses == 0 and _collector_was_enabled:
            gc.enable()


#: Names of this package that live in a module importing ReportLab: imported when first asked for.
_LAZY = {
    "register_fonts": "base",
    "render_cancellations": "convocation",
    "render_committee_pack": "committee",
    "render_convocations": "convocation",
    "render_indicators": "indicators",
    "render_obligation_list": "obligation",
    "render_passport": "passport",
    "render_regional": "regional",
    "render_session_list": "convocation",
    "render_session_summary": "session_summary",
    "render_subject_access": "subject_access",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


@collector_paused
def render_plain_pages(count: int, out: str | Path | IO[bytes]) -> int:
    """``count`` pages of plain text in the same frame (the bench's yardstick for ReportLab's own speed)."""
    from datetime import UTC, datetime

    from reportlab.platypus import PageBreak, Paragraph

    from .base import PacDocument, styles
    from .model import PROGRAMME_NAME, Letterhead

    s = styles()
    story = []
    text = (
        "Page de référence pour la mesure : un paragraphe ordinaire, en français, avec des accents "
        "(é, è, ç, œ, « guillemets »), composé dans la même police que les documents du dispositif. "
    ) * 6
    for i in range(count):
        if i:
            story.append(PageBreak())
        story.append(Paragraph(f"Page ordinaire n° {i + 1}", s.h1))
        story.append(Paragraph(text, s.body))
    doc = PacDocument(out, title="Pages ordinaires", letterhead=Letterhead(PROGRAMME_NAME, ("Mesure",)),
                      generated_at=datetime.now(UTC))
    return doc.build_story(story)
