"""Indicateurs régionaux — every territory side by side, for the regional steering committees (issue 18 §6).

Counts only, grouped by section, one column per territory and the total; « < 5 » where a count from 1 to 4 is
suppressed. No name anywhere: the document is built from ``domain.regional.RegionalView`` alone.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from pac_desktop.domain.french import format_date_short
from pac_desktop.domain.regional import SECONDARY_NOTE, SMALL_COUNT, RegionalView, shown

from . import collector_paused
from .base import CONTENT_WIDTH, STATISTICAL, PacDocument, esc, spacer, styles, table, text_cell
from .model import Letterhead

TITLE = "Indicateurs des territoires — comité de pilotage régional"


@collector_paused
def render_regional(view: RegionalView, out: str | Path | IO[bytes], *, letterhead: Letterhead) -> int:
    """Write the side-by-side view; returns its page count."""
    doc = PacDocument(out, title=TITLE, letterhead=letterhead, generated_at=view.generated_at,
                      subject="Indicateurs pseudonymisés de tous les territoires", footer=STATISTICAL)
    return doc.build_story(regional_story(view))


def regional_story(view: RegionalView) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        Paragraph("Indicateurs des territoires", s.title),
        Paragraph(esc(f"Comité de pilotage régional · jeunes dont l'accueil commun validé a eu lieu du "
                      f"{format_date_short(view.date_from)} au {format_date_short(view.date_to)}"), s.subtitle),
        Paragraph(esc(f"Chiffres pseudonymisés : aucun nom, aucun dossier. Un effectif de 1 à {SMALL_COUNT - 1} "
                      f"est noté « < {SMALL_COUNT} »."), s.small),
    ]
    if view.fetched_text:
        story.append(Paragraph(esc(f"{view.fetched_text}, calculés par le serveur à partir de ses propres "
                                   "données."), s.small))
    if view.has_secondary:
        story.append(Paragraph(esc(SECONDARY_NOTE), s.small))
    if view.missing:
        story.append(Paragraph(esc(view.missing_text), s.small))
    story.append(spacer(3))
    columns = len(view.territories) + 1
    value_width = min(24 * mm, (CONTENT_WIDTH - 62 * mm) / columns)
    widths = [CONTENT_WIDTH - value_width * columns] + [value_width] * columns
    for section, rows in groupby(view.rows, key=lambda r: r.section):
        head = [text_cell(section, s.cell_head)] + [text_cell(t, s.cell_head_right) for t in view.territories]
        head.append(text_cell("Tous", s.cell_head_right))
        body = [[text_cell(r.label, s.cell)] + [text_cell(shown(v), s.cell_right) for v in r.values]
                + [text_cell(shown(r.total), s.cell_right)] for r in rows]
        story += [KeepTogether([table([head, *body], widths)]), spacer(3)]
    return story
