"""Dossier du comité technique local: a cover page, the table of the sessions, then one summary per session."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Table

from pac_desktop.domain.french import format_date, format_date_short, plural

from . import collector_paused
from .base import (
    ACCENT,
    ALERT,
    CONTENT_WIDTH,
    FILL,
    Anchor,
    PacDocument,
    PageRef,
    ProgressFn,
    ProgressMarker,
    TextCell,
    esc,
    spacer,
    styles,
    table,
    table_style,
    text_cell,
)
from .model import CommitteePack, SessionSummary
from .session_summary import summary_story

TITLE = "Dossier du comité technique local"


def period_text(date_from, date_to) -> str:  # noqa: ANN001 - dates
    return f"du {format_date(date_from)} au {format_date(date_to)}"


@collector_paused
def render_committee_pack(
    pack: CommitteePack,
    out: str | Path | IO[bytes],
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Write the committee pack; ``progress(done, total)`` as each summary is laid out. Returns the page count."""
    doc = PacDocument(out, title=TITLE, letterhead=pack.letterhead, generated_at=pack.generated_at,
                      subject=f"{pack.territory_name}, {period_text(pack.date_from, pack.date_to)}", cover=True)
    s = styles()
    total = len(pack.sessions)
    story: list[Flowable] = [ProgressMarker(0, max(total, 1), progress, cancel)]
    story += _cover(pack)
    story += [NextPageTemplate("page"), PageBreak()]

    story.append(Anchor("sommaire", "Sommaire"))
    story.append(Paragraph("Sommaire : les accueils communs de la période", s.title))
    story.append(Paragraph(esc(f"{pack.territory_name} — {period_text(pack.date_from, pack.date_to)}"), s.subtitle))
    if pack.sessions:
        story.append(_contents_table(pack))
    else:
        story.append(Paragraph("Aucun accueil commun n'a été validé sur ce territoire pendant la période.", s.body))

    for index, summary in enumerate(pack.sessions, start=1):
        story.append(PageBreak())
        story.append(Anchor(_key(index), f"{index}. {summary.youth.display_name} — {_date(summary)}", level=0))
        story.append(TextCell(f"Accueil n° {index} sur {total}", s.small))
        story += summary_story(summary)
        story.append(ProgressMarker(index, total, progress, cancel))
    return doc.build_story(story)


def _key(index: int) -> str:
    return f"accueil_{index}"


def _date(summary: SessionSummary) -> str:
    return format_date_short(summary.held_on) if summary.held_on else "—"


def _cover(pack: CommitteePack) -> list[Flowable]:
    s = styles()
    sessions = len(pack.sessions)
    adults = sum(1 for x in pack.sessions if x.youth.adult)
    accepted = sum(1 for x in pack.sessions for sol in x.solutions if sol.answer.value == "accepted")
    story: list[Flowable] = [
        spacer(38),
        Paragraph("Comité technique local", s.subtitle),
        Paragraph(esc(TITLE), _big(s)),
        spacer(3),
        Paragraph(f"<b>Territoire :</b> {esc(pack.territory_name)}", s.body),
        Paragraph(f"<b>Période :</b> accueils communs validés {esc(period_text(pack.date_from, pack.date_to))}", s.body),
        Paragraph(f"<b>Contenu :</b> {esc(plural(sessions, 'accueil commun', 'accueils communs'))}, "
                  f"dont {esc(plural(adults, 'jeune majeur', 'jeunes majeurs'))} au jour de l'accueil ; "
                  f"{esc(plural(accepted, 'solution acceptée', 'solutions acceptées'))}.", s.body),
        spacer(10),
    ]
    notice = [
        Paragraph('<font color="#a02c2c"><b>Document confidentiel</b></font>', s.h2),
        Paragraph(
            "Ce dossier contient des données personnelles de jeunes, parfois mineurs. Il est réservé aux membres "
            "du comité technique local, pour la durée de la réunion. Ne le copiez pas, ne le laissez pas sans "
            "surveillance et détruisez-le (broyeur) après le comité.",
            s.body,
        ),
    ]
    if pack.pseudonymised:
        notice.append(spacer(2))
        notice.append(
            Paragraph(
                "<b>Version pseudonymisée.</b> Chaque jeune y est désigné par ses initiales ; le dossier ne contient "
                "ni nom complet, ni adresse, ni numéro de téléphone, ni adresse électronique de jeune.",
                s.body,
            )
        )
    box = Table([[notice]], colWidths=[CONTENT_WIDTH])
    box.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), FILL),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ALERT),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    story.append(box)
    return story


def _big(s):  # noqa: ANN001, ANN202 - a style derived from the title
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("cover_title", parent=s.title, fontSize=26, leading=31, textColor=ACCENT, spaceAfter=6)


def _contents_table(pack: CommitteePack) -> Table:
    s = styles()
    head = ["N°", "Date", "Jeune", "Âge à l'accueil", "Référent unique", "Solutions acceptées", "Page"]
    rows: list[list] = [[text_cell(h, s.cell_head) for h in head[:-1]] + [text_cell(head[-1], s.cell_head_right)]]
    widths = [9 * mm, 22 * mm, 38 * mm, 27 * mm, 42 * mm, 24 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    for index, x in enumerate(pack.sessions, start=1):
        age = "—"
        if x.youth.age_at_intake is not None:
            age = f"{x.youth.age_at_intake} ans, {'majeur' if x.youth.adult else 'mineur'}"
        accepted = sum(1 for sol in x.solutions if sol.answer.value == "accepted")
        # Short, known-width texts stay plain cell strings: a Paragraph costs a parse and several wraps, and a
        # pack of 245 sessions has as many rows here.
        rows.append([
            str(index),
            _date(x),
            text_cell(x.youth.display_name, s.cell_bold),
            age,
            text_cell(x.referent.name if x.referent else "à désigner", s.cell),
            f"{accepted} sur {len(x.solutions)}",
            PageRef(_key(index), width=widths[-1] - 8),
        ])
    return table(rows, widths)


__all__ = ["TITLE", "render_committee_pack", "period_text"]
