"""Indicateurs du dispositif: the figures the regional committees read, with charts and tables."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from pac_desktop.domain.enums import OutcomeSituation
from pac_desktop.domain.french import format_date, format_number, plural

from . import collector_paused
from .base import (
    ACCENT,
    CONTENT_WIDTH,
    FILL,
    PacDocument,
    ProgressFn,
    ProgressMarker,
    esc,
    heading_with,
    spacer,
    styles,
    table,
    table_style,
)
from .charts import CaseloadBar, horizontal_bars, pie, stacked_columns_100, vertical_stacked_bars
from .model import Indicators

TITLE = "Indicateurs du dispositif"

# Situations grouped as the committees read them: solutions first, then the youths still looking, then gone.
SITUATION_COLOURS: dict[OutcomeSituation, colors.Color] = {
    OutcomeSituation.SCHOOL: colors.HexColor("#1f3a5f"),
    OutcomeSituation.APPRENTICESHIP: colors.HexColor("#3d5f8a"),
    OutcomeSituation.TRAINING: colors.HexColor("#6d8fb3"),
    OutcomeSituation.JOB: colors.HexColor("#4f6d4f"),
    OutcomeSituation.CIVIC_SERVICE: colors.HexColor("#7a9e7e"),
    OutcomeSituation.ML_FOLLOW_UP: colors.HexColor("#c9a227"),
    OutcomeSituation.NO_SOLUTION: colors.HexColor("#b5651d"),
    OutcomeSituation.LOST_CONTACT: colors.HexColor("#a02c2c"),
    OutcomeSituation.MOVED: colors.HexColor("#8e7cc3"),
}
AWAITED_COLOUR = colors.HexColor("#c5ccd4")
NOT_DUE_COLOUR = colors.HexColor("#eceff2")


def percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)}\u00a0%" if total else "—"


@collector_paused
def render_indicators(
    figures: Indicators,
    out: str | Path | IO[bytes],
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Write the indicators report; returns its page count."""
    scope = figures.territory_name or "tous les territoires"
    doc = PacDocument(out, title=TITLE, letterhead=figures.letterhead, generated_at=figures.generated_at,
                      subject=f"Indicateurs — {scope}")
    parts = indicators_story(figures)
    story: list[Flowable] = []
    for i, part in enumerate(parts, start=1):
        story += part
        story.append(ProgressMarker(i, len(parts), progress, cancel))
    return doc.build_story(story)


def indicators_story(f: Indicators) -> list[list[Flowable]]:
    """The report in parts (progress is reported after each)."""
    s = styles()
    total = f.cohort_size
    scope = f.territory_name or "Tous les territoires"
    parts: list[list[Flowable]] = []

    intro: list[Flowable] = [
        Paragraph(esc(TITLE), s.title),
        Paragraph(esc(f"{scope} · accueils communs validés du {format_date(f.date_from)} au {format_date(f.date_to)}"),
                  s.subtitle),
        _key_figures(f),
        spacer(2),
        Paragraph(
            "La cohorte compte chaque jeune une fois : celui dont l'accueil commun, validé, a eu lieu pendant la "
            f"période. Les situations à 3, 6 et 12 mois et les suivis des référents sont ceux connus au "
            f"{format_date(f.as_of)}.",
            s.small,
        ),
    ]
    parts.append(intro)

    # Territories
    cats = [t.name for t in f.by_territory]
    chart = vertical_stacked_bars(
        CONTENT_WIDTH, 62 * mm, cats,
        [("Mineurs à l'accueil", [t.youths - t.adults for t in f.by_territory]),
         ("Majeurs à l'accueil", [t.adults for t in f.by_territory])],
    )
    rows = [_head(["Territoire", "Type", "Quartier prioritaire", "Jeunes", "Majeurs", "Part des majeurs"],
                  numeric_from=3)]
    for t in f.by_territory:
        rows.append([Paragraph(esc(t.name), s.cell_bold), Paragraph(t.kind_label.capitalize(), s.cell),
                     Paragraph("oui" if t.priority_area else "non", s.cell), _num(t.youths), _num(t.adults),
                     Paragraph(percent(t.adults, t.youths), s.cell_right)])
    rows.append([Paragraph("<b>Total</b>", s.cell), "", "", _num(total, bold=True), _num(f.adults, bold=True),
                 Paragraph(f"<b>{percent(f.adults, total)}</b>", s.cell_right)])
    parts.append(heading_with("Jeunes accueillis par territoire", [
        chart, spacer(2), table(rows, _cols(0.27, 0.13, 0.2, 0.12, 0.12, 0.16)),
    ]))

    # Rural / urban, priority areas
    pies = Table(
        [[pie(CONTENT_WIDTH / 2 - 4, 40 * mm, [(line.label, line.count) for line in f.by_kind],
              title="Territoires ruraux et urbains"),
          pie(CONTENT_WIDTH / 2 - 4, 40 * mm, [(line.label, line.count) for line in f.by_priority_area],
              title="Quartiers prioritaires de la politique de la ville")]],
        colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2],
    )
    pies.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    parts.append(heading_with("Milieu rural ou urbain, quartiers prioritaires", [pies]))

    # Referral sources
    if f.referral_sources:
        lines = sorted(f.referral_sources, key=lambda line: -line.count)
        chart = horizontal_bars(CONTENT_WIDTH, [line.label for line in lines], [("Jeunes", [x.count for x in lines])],
                                label_width=72 * mm)
        rows = [_head(["Repéré par", "Jeunes", "Part"], numeric_from=1)]
        rows += [[Paragraph(esc(x.label), s.cell), _num(x.count), Paragraph(percent(x.count, total), s.cell_right)]
                 for x in lines]
        parts.append(heading_with("Origine du repérage", [
            chart, spacer(1), table(rows, _cols(0.6, 0.2, 0.2)),
        ]))
    else:
        parts.append(heading_with("Origine du repérage", [Paragraph("Aucun repérage sur la période.", s.small)]))

    # Solutions
    if f.solutions:
        lines = sorted(f.solutions, key=lambda line: -line.proposed)
        chart = horizontal_bars(
            CONTENT_WIDTH, [line.label for line in lines],
            [("Proposées", [x.proposed for x in lines]), ("Acceptées par le jeune", [x.accepted for x in lines])],
            bar_height=6, label_width=72 * mm,
        )
        rows = [_head(["Catégorie", "Proposées", "Acceptées", "Taux d'acceptation"], numeric_from=1)]
        rows += [[Paragraph(esc(x.label), s.cell), _num(x.proposed), _num(x.accepted),
                  Paragraph(percent(x.accepted, x.proposed), s.cell_right)] for x in lines]
        rows.append([Paragraph("<b>Total</b>", s.cell), _num(f.solutions_proposed, bold=True),
                     _num(f.solutions_accepted, bold=True),
                     Paragraph(f"<b>{percent(f.solutions_accepted, f.solutions_proposed)}</b>", s.cell_right)])
        parts.append(heading_with("Solutions proposées et acceptées, par catégorie", [
            chart, spacer(1), table(rows, _cols(0.5, 0.16, 0.16, 0.18)),
        ]))
    else:
        parts.append(heading_with("Solutions proposées et acceptées, par catégorie",
                                  [Paragraph("Aucune solution proposée sur la période.", s.small)]))

    # Outcomes
    situations = list(OutcomeSituation)
    series = [(sit.label, [col.count(sit) for col in f.outcomes], SITUATION_COLOURS[sit]) for sit in situations]
    series = [x for x in series if any(x[1])]
    series.append(("Situation attendue, non renseignée", [col.awaited for col in f.outcomes], AWAITED_COLOUR))
    series.append(("Échéance pas encore atteinte", [col.not_due for col in f.outcomes], NOT_DUE_COLOUR))
    chart = stacked_columns_100(CONTENT_WIDTH, [col.milestone.label for col in f.outcomes], series)
    rows = [_head(["Situation"] + [col.milestone.label for col in f.outcomes], numeric_from=1)]
    for name, values, _ in series:
        rows.append([Paragraph(esc(name), s.cell), *[_num(v) for v in values]])
    rows.append([Paragraph("<b>Situations renseignées, sur les échéances passées</b>", s.cell),
                 *[Paragraph(f"<b>{col.recorded}</b> sur {col.recorded + col.awaited}", s.cell_right)
                   for col in f.outcomes]])
    n = len(f.outcomes)
    parts.append(heading_with("Situation des jeunes à 3, 6 et 12 mois", [
        chart, spacer(1), table(rows, [CONTENT_WIDTH * 0.37] + [CONTENT_WIDTH * 0.63 / n] * n,
                                ),
    ]))

    # Caseloads
    if f.caseloads:
        rows = [[Paragraph(h, s.cell_head) for h in ("Référent unique", "Structure", "Jeunes suivis", "")]]
        gauge_width = CONTENT_WIDTH * 0.25 - 10
        for c in f.caseloads:
            status = ""
            if c.over_cap:
                status = " · au-delà du plafond"
            elif c.at_cap:
                status = " · plafond atteint"
            rows.append([Paragraph(esc(c.name), s.cell_bold), Paragraph(esc(c.organisation), s.cell),
                         Paragraph(f"{c.caseload} / {c.cap}{status}", s.cell),
                         CaseloadBar(c.caseload, c.cap, gauge_width)])
        over = sum(1 for c in f.caseloads if c.over_cap)
        full = sum(1 for c in f.caseloads if c.at_cap and not c.over_cap)
        note = (f"{plural(len(f.caseloads), 'référent')} ; {plural(full, 'au plafond', 'au plafond')}, "
                f"{plural(over, 'au-delà', 'au-delà')}. Le trait noir de chaque jauge marque le plafond.")
        parts.append(heading_with("Suivis des référents uniques, au regard du plafond", [
            Paragraph(esc(note), s.small), spacer(1),
            table(rows, _cols(0.27, 0.26, 0.22, 0.25), extra=[("VALIGN", (3, 1), (3, -1), "MIDDLE")]),
        ]))
    else:
        parts.append(heading_with("Suivis des référents uniques, au regard du plafond",
                                  [Paragraph("Aucun référent n'est enregistré.", s.small)]))
    return parts


def _key_figures(f: Indicators) -> Table:
    s = styles()
    figures = [
        (format_number(f.cohort_size), "jeunes accueillis" if f.cohort_size > 1 else "jeune accueilli"),
        (percent(f.adults, f.cohort_size), f"majeurs à l'accueil ({f.adults})"),
        (format_number(f.solutions_proposed), "solutions proposées"),
        (percent(f.solutions_accepted, f.solutions_proposed), f"acceptées par le jeune ({f.solutions_accepted})"),
    ]
    from reportlab.lib.styles import ParagraphStyle

    big = ParagraphStyle("kf", parent=s.title, fontSize=19, leading=23, spaceAfter=0)
    cells = [[Paragraph(esc(value), big), Paragraph(esc(label), s.small)] for value, label in figures]
    width = CONTENT_WIDTH / len(cells)
    t = Table([cells], colWidths=[width] * len(cells))
    t.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), FILL),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _num(value: int, *, bold: bool = False) -> Paragraph:
    s = styles()
    return Paragraph(f"<b>{format_number(value)}</b>" if bold else format_number(value), s.cell_right)


def _head(labels: list[str], *, numeric_from: int) -> list[Paragraph]:
    """A header row whose numeric columns (from ``numeric_from`` on) are right-aligned like their figures."""
    s = styles()
    return [Paragraph(esc(h), s.cell_head if i < numeric_from else s.cell_head_right) for i, h in enumerate(labels)]


def _cols(*shares: float) -> list[float]:
    return [CONTENT_WIDTH * share for share in shares]


__all__ = ["TITLE", "indicators_story", "render_indicators"]
