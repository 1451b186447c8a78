"""Grid (issue 16): the documents' tables drawn without ReportLab's Table — the same pages, split between rows
with the header repeated, no row lost; read back from the PDF."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from pypdf import PdfReader
from report_fixtures import assert_embedded_fonts_only, read_pdf
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus.tables import Table

import pac_desktop.reports.base as base
from pac_desktop.reports.base import CONTENT_WIDTH, FONT_BOLD, PacDocument, TextCell, esc, styles
from pac_desktop.reports.grid import Grid
from pac_desktop.reports.model import Letterhead

LETTERHEAD = Letterhead(programme="Passeport Accueil Commun", partners=("CIO Fictif", "Mission Locale Fictive"))
AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def _build(path, story) -> list[bytes]:
    PacDocument(path, title="Essai", letterhead=LETTERHEAD, generated_at=AT).build_story(story)
    return [p.get_contents().get_data() for p in PdfReader(str(path)).pages]


# The reference: what key_values() and callout() were as ReportLab Tables (table()'s is base.reportlab_table).
def _reportlab_key_values(pairs, label_width=45 * mm):
    s = styles()
    rows = [[label if len(label) < 30 else TextCell(label, s.cell_head),
             value if not isinstance(value, str) else TextCell(value, s.cell)] for label, value in pairs]
    t = Table(rows, colWidths=[label_width, CONTENT_WIDTH - label_width])
    t.setStyle(base.table_style([
        ("FONTNAME", (0, 0), (0, -1), FONT_BOLD), ("FONTSIZE", (0, 0), (0, -1), base.LABEL_SIZE),
        ("TEXTCOLOR", (0, 0), (0, -1), base.ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEBELOW", (0, 0), (-1, -1), 0.3, base.RULE),
    ]))
    return t


def _reportlab_callout(content, rule=base.ACCENT):
    box = Table([[content]], colWidths=[CONTENT_WIDTH])
    box.setStyle(base.table_style([
        ("BACKGROUND", (0, 0), (-1, -1), base.FILL), ("LINEBEFORE", (0, 0), (0, -1), 2.5, rule),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
    ]))
    box.spaceBefore, box.spaceAfter = 3, 5
    return box


def _story(way: str) -> list:
    s = styles()
    table = base.table if way == "grid" else base.reportlab_table
    key_values = base.key_values if way == "grid" else _reportlab_key_values
    callout = base.callout if way == "grid" else _reportlab_callout
    head = [TextCell("Nom", s.cell_head), TextCell("Rôle", s.cell_head), TextCell("Présence", s.cell_head)]
    long_rows = [head] + [
        [TextCell(f"Personne fictive n° {n}", s.cell_bold),
         Paragraph(f"<b>Rôle {n}</b><br/>{esc('Structure fictive « Les Aubépines » ' * (n % 3 + 1))}", s.cell),
         f"le {n % 28 + 1}/03/2026" + ("\nà confirmer" if n % 7 == 0 else "")]
        for n in range(140)
    ]
    pairs = [(f"Étiquette {n}" if n % 5 else "Une étiquette bien trop longue pour sa colonne", f"Valeur fictive {n} " * 4)
             for n in range(70)]
    story: list = []
    for n in range(5):
        story += base.heading_with(f"Partie {n}", [table([list(head), ["a", "b", "c"], ["d", "e", "f"]],
                                                         [60 * mm, 60 * mm, 40 * mm])])
        story.append(callout(Paragraph(f"<b>Encadré {n}.</b> {esc('Un texte de diagnostic partagé. ' * 12)}",
                                       s.body), rule=base.WARN if n % 2 else base.ACCENT))
    story += base.heading_with("Liste longue", [table(long_rows, [50 * mm, 90 * mm, CONTENT_WIDTH - 140 * mm])])
    story += base.heading_with("Sans en-tête", [table([[f"ligne {n}", TextCell("texte " * n, s.cell)]
                                                       for n in range(90)], [30 * mm, 100 * mm], header=False)])
    story += base.heading_with("Clés et valeurs", [key_values(pairs)])
    return story


def test_a_grid_draws_the_pages_reportlab_s_table_draws(tmp_path) -> None:
    """Tables, a header-less table and label/value lines split over pages, callouts, a narrower table
    (centred): every page's content stream is the one ReportLab's Table gives for the same rows and style."""
    grid = _build(tmp_path / "grid.pdf", _story("grid"))
    reportlab = _build(tmp_path / "reportlab.pdf", _story("reportlab"))
    assert len(grid) >= 8  # the long tables run over several pages
    assert grid == reportlab


def test_a_long_table_splits_with_its_header_on_each_page_and_loses_no_row(tmp_path) -> None:
    s = styles()
    rows = [[TextCell("Nom du jeune", s.cell_head), TextCell("Commune", s.cell_head), TextCell("Le", s.cell_head)]]
    rows += [[TextCell(f"Jeune Fictif {n:03d}", s.cell_bold), TextCell(f"Commune fictive {n}", s.cell),
              f"{n % 28 + 1:02d}/03/2026"] for n in range(230)]
    table = base.table(rows, [70 * mm, 60 * mm, 44 * mm])
    assert isinstance(table, Grid)
    path = tmp_path / "liste.pdf"
    pages = PacDocument(path, title="Essai", letterhead=LETTERHEAD, generated_at=AT).build_story(
        [TextCell("Jeunes fictifs", s.h1), table])
    assert pages >= 4
    pdf = read_pdf(path)
    seen: list[int] = []
    for text in pdf.pages:
        first_row = text.index("Jeune Fictif")
        assert text.count("Nom du jeune Commune Le") == 1  # the header, once on every page...
        assert text.index("Nom du jeune Commune Le") < first_row  # ...above the page's first row
        rows_here = re.findall(r"Jeune Fictif (\d{3}) Commune fictive (\d+) (\d\d)/03/2026", text[first_row:])
        assert all(int(a) == int(b) for a, b, _ in rows_here)  # each row whole on one page
        seen += [int(a) for a, _, _ in rows_here]
    assert seen == list(range(230))  # every row once, in order
    assert_embedded_fonts_only(pdf)
