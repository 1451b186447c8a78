"""Mineurs sans solution — the training obligation's list for the Mission Locale's follow-up (issue 18 §5).

A4 landscape would hold more columns; portrait keeps the programme's one page format and reads well: the figures,
then one line per youth, longest without solution first. Nominative: the confidentiality footer says so.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from pac_desktop.domain.french import format_date_short, format_phone, plural
from pac_desktop.domain.training_obligation import ObligationList, ObligationSituation

from . import collector_paused
from .base import CONTENT_WIDTH, PacDocument, esc, key_values, spacer, styles, table, text_cell
from .model import Letterhead

TITLE = "Mineurs sans solution — obligation de formation"


@collector_paused
def render_obligation_list(listing: ObligationList, out: str | Path | IO[bytes], *, letterhead: Letterhead,
                           generated_at: datetime) -> int:
    """Write the list; returns its page count."""
    doc = PacDocument(out, title=TITLE, letterhead=letterhead, generated_at=generated_at,
                      subject="Obligation de formation des 16-18 ans")
    return doc.build_story(obligation_story(listing))


def obligation_story(listing: ObligationList) -> list[Flowable]:
    s = styles()
    f = listing.figures
    story: list[Flowable] = [
        Paragraph("Mineurs sans solution", s.title),
        Paragraph(esc(f"Obligation de formation des 16-18 ans · {listing.territory_name} · situation au "
                      f"{format_date_short(listing.on)}"), s.subtitle),
    ]
    pairs: list[tuple[str, str]] = [("Mineurs de 16 à 17 ans", str(f.minors))]
    for situation in ObligationSituation:
        pairs.append((situation.label, str(f.recorded.get(situation, 0))))
    pairs.append(("Situation non encore notée", str(f.not_recorded)))
    pairs.append(("dont sans solution d'après le dossier (à confirmer)", str(f.suggested_without_solution)))
    pairs.append(("Sur cette liste", str(f.without_solution)))
    story += [key_values(pairs, label_width=95 * mm), spacer(4)]
    if not listing.lines:
        story.append(Paragraph("Aucun mineur sans solution sur ce territoire à cette date.", s.body))
        return story
    story.append(Paragraph(esc(plural(len(listing.lines), "jeune") + " : d'abord les situations confirmées par un "
                               "conseiller, puis celles « À confirmer » (aucune situation notée, le dossier indique "
                               "une absence de solution) ; dans chaque groupe, le plus ancien sans solution en "
                               "premier."), s.small))
    story.append(spacer(2))
    header = ["Nom, prénom", "Né(e) le", "Commune, téléphone", "Sans solution depuis", "Fin de l'obligation",
              "Situation, référent"]
    rows: list[list] = [[text_cell(h, s.cell_head) for h in header]]
    for line in listing.lines:
        contact = ", ".join(part for part in (line.town, format_phone(line.phone) if line.phone else None) if part)
        status = "Confirmée" if line.confirmed else "À confirmer"
        who = f"Référent : {line.referent_name}" if line.referent_name else "Pas de référent"
        rows.append([
            text_cell(f"{line.last_name.upper()} {line.first_name}", s.cell_bold),
            text_cell(f"{format_date_short(line.birth_date)} ({line.age} ans)", s.cell),
            text_cell(contact or "—", s.cell),
            text_cell(f"{format_date_short(line.since)} ({plural(line.days, 'jour')})", s.cell),
            text_cell(format_date_short(line.ends_on), s.cell),
            text_cell(f"{status} · {who}", s.cell),
        ])
    widths = [36 * mm, 24 * mm, 34 * mm, 28 * mm, 20 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    story.append(table(rows, widths))
    return story
