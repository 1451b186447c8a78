"""ReportLab documents, in French: session summary, youth passport, committee pack, indicators.

Renderers take the read models of :mod:`pac_desktop.reports.model` only (never the store) and write a PDF to
a path or a binary file; each returns the number of pages it wrote.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from reportlab.platypus import PageBreak, Paragraph

from .base import Cancelled, PacDocument, register_fonts, styles
from .committee import render_committee_pack
from .indicators import render_indicators
from .model import PROGRAMME_NAME, Letterhead
from .passport import render_passport
from .session_summary import render_session_summary

__all__ = [
    "Cancelled",
    "register_fonts",
    "render_committee_pack",
    "render_indicators",
    "render_passport",
    "render_plain_pages",
    "render_session_summary",
]


def render_plain_pages(count: int, out: str | Path | IO[bytes]) -> int:
    """``count`` pages of plain text in the same frame (the bench's yardstick for ReportLab's own speed)."""
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
