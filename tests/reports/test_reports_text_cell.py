"""TextCell (issue 16): plain texts drawn without a Paragraph — wrapped at the same width, split across pages
between lines, and read back from the PDF as written."""

from __future__ import annotations

from datetime import UTC, datetime

from pypdf import PdfReader
from reportlab.platypus import Paragraph
from reportlab.platypus.tables import Table

from pac_desktop.reports.base import FONT_BOLD, PacDocument, TextCell, esc, styles
from pac_desktop.reports.model import Letterhead

LONG = " ".join(f"mot{n}" for n in range(60))


def test_lines_break_where_a_paragraph_breaks_them() -> None:
    s = styles()
    # A time held together by no-break spaces (long_date) breaks as in a Paragraph: not inside « 14 h 00 ».
    held = "Vendredi 1er novembre 2024 à 14\u00a0h\u00a000, CIO Fictif, 10 rue des Essais, Fictiville, avec Agnès Fictive."
    for text in (LONG, held):
        for width in (60, 140, 300, 345):
            cell, para = TextCell(text, s.cell), Paragraph(esc(text), s.cell)
            assert cell.wrap(width, 1000) == para.wrap(width, 1000)
            assert cell._lines == [" ".join(words) for _space, words in para.blPara.lines]
    # A bullet takes room on the first line as a Paragraph's bulletText does.
    for width in (80, 200, 400):
        cell, para = TextCell(LONG, s.bullet, bullet="•"), Paragraph(esc(LONG), s.bullet, bulletText="•")
        assert cell.wrap(width, 1000) == para.wrap(width, 1000)
        assert cell._lines == [" ".join(words) for _space, words in para.blPara.lines]


def test_a_line_a_little_too_wide_is_squeezed_as_a_paragraph_squeezes_it(tmp_path) -> None:
    """Lines may overrun their room by a fraction of a space per space; a Paragraph then tightens the word
    spacing of that line (Tw): a TextCell writes the same spacing, and a missing glyph as « \ufffd »."""
    import re

    from pac_desktop.reports.base import REPLACEMENT

    s = styles()
    subtitle = "Accueil commun du 10 juin 2025 · Mission Locale de Tarbes — antenne de Lourdes · Territoire : Tarbes"
    letterhead = Letterhead(programme="Passeport Accueil Commun", partners=("CIO Fictif",))
    spacing = []
    for way in ("paragraph", "cell"):
        path = tmp_path / f"{way}.pdf"
        story = ([Paragraph(esc(subtitle), s.subtitle), Paragraph(esc(LONG), s.bullet, bulletText="•")]
                 if way == "paragraph" else [TextCell(subtitle, s.subtitle), TextCell(LONG, s.bullet, bullet="•")])
        story.append(TextCell("Prénom : Léa 🦄 Fictive", s.body))
        PacDocument(path, title="Essai", letterhead=letterhead, generated_at=datetime(2026, 3, 12, tzinfo=UTC),
                    ).build_story(story)
        page = PdfReader(path).pages[0]
        spacing.append([float(v) for v in re.findall(rb"(-?[0-9.]+) Tw", page.get_contents().get_data()) if float(v)])
        assert f"Léa {REPLACEMENT} Fictive" in page.extract_text()
    assert spacing[0] and spacing[1] == spacing[0]  # the subtitle's first line, squeezed in both


def test_a_long_note_splits_across_pages_and_reads_back(tmp_path) -> None:
    s = styles()
    note = " ".join(f"Entretien fictif numéro {n} avec le jeune." for n in range(400))
    path = tmp_path / "note.pdf"
    letterhead = Letterhead(programme="Passeport Accueil Commun", partners=("CIO Fictif",))
    doc = PacDocument(path, title="Essai", letterhead=letterhead, generated_at=datetime(2026, 3, 12, tzinfo=UTC))
    cell = Table([[TextCell("Nom", s.cell_head), TextCell("Une valeur assez longue pour passer à la ligne " * 3,
                                                          s.cell)]], colWidths=[80, 120])
    pages = doc.build_story([TextCell("Analyse partagée", s.h1), cell,
                             TextCell(note, s.note, lead="Conseillère Fictive", lead_font=FONT_BOLD)])
    assert pages >= 3  # the note alone is taller than a page: it was split between lines
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    assert "Analyse partagée" in text and "Une valeur assez longue pour passer à la ligne" in text
    assert "Conseillère Fictive Entretien fictif numéro 0 avec le jeune." in text
    assert "Entretien fictif numéro 399 avec le jeune." in text


def test_drawn_lines_are_what_draw_string_writes(tmp_path) -> None:
    """draw_lines (a TextCell's drawing, its encodings reused within a document) writes the very operators
    ReportLab's drawString writes: same glyph codes, subsets, positions, colour — and reads back the same."""
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from pac_desktop.reports.base import FONT, draw_lines, register_fonts

    register_fonts()
    # Accents, French quotes, no-break spaces, and enough distinct letters to need a second font subset.
    texts = ["Accueil commun du 12 mars 2026", "« Référent unique » : Mme Élodie Œuvray",
             "".join(chr(c) for c in range(0x100, 0x17f)), "Accueil commun du 12 mars 2026", "14\u00a0h\u00a000"]
    streams = []
    for way in ("reportlab", "ours"):
        path = tmp_path / f"{way}.pdf"
        canv = Canvas(str(path), pageCompression=0, initialFontName=FONT)
        for _page in range(2):  # the second page reuses the first one's encodings
            if way == "reportlab":
                canv.setFont(FONT, 9.5)
                canv.setFillColor(colors.HexColor("#1f3a5f"))
                for n, text in enumerate(texts):
                    canv.drawString(20, 700 - 14 * n, text)
            else:
                draw_lines(canv, FONT, 9.5, colors.HexColor("#1f3a5f"),
                           [(20, 700 - 14 * n, text) for n, text in enumerate(texts)])
            canv.showPage()
        canv.save()
        reader = PdfReader(str(path))
        streams.append(([p.get_contents().get_data() for p in reader.pages], [p.extract_text() for p in reader.pages]))
    assert streams[0] == streams[1]
    assert "« Référent unique » : Mme Élodie Œuvray" in streams[1][1][1]


def test_a_table_measured_once_lays_out_as_reportlab_s(tmp_path) -> None:
    """PacTable reuses its measure only when ReportLab would make the same one: a heading kept with a short
    table, then a long table split over pages, give the very pages a plain ReportLab Table gives."""
    import pac_desktop.reports.base as base

    s = styles()
    letterhead = Letterhead(programme="Passeport Accueil Commun", partners=("CIO Fictif",))
    at = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)

    def story() -> list:
        rows = [[TextCell("Nom", s.cell_head), TextCell("Rôle", s.cell_head)]]
        long_rows = rows + [[TextCell(f"Personne fictive {n}", s.cell), f"rôle {n}"] for n in range(150)]
        out = []
        for n in range(6):
            out += base.heading_with(f"Partie {n}", [base.reportlab_table(rows + rows[:1], [200, 200])])
        out += base.heading_with("Liste longue", [base.reportlab_table(long_rows, [200, 200])])
        return out

    pages = []
    for way in ("reportlab", "ours"):
        path = tmp_path / f"{way}.pdf"
        kind = base.PacTable
        try:
            if way == "reportlab":
                base.PacTable = Table  # table() builds plain ReportLab tables
            PacDocument(path, title="Essai", letterhead=letterhead, generated_at=at).build_story(story())
        finally:
            base.PacTable = kind
        reader = PdfReader(str(path))
        pages.append([p.get_contents().get_data() for p in reader.pages])
    assert len(pages[1]) >= 4  # the long table is split over pages
    assert pages[0] == pages[1]
