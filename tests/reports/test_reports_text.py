"""Text the fonts cannot print (issue 15): a character DejaVu Sans lacks prints as a visible « � », never as an
empty box; the passport's appointment time never breaks across two lines."""

from __future__ import annotations

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from pac_desktop.reports.base import REPLACEMENT, esc, fit_text, long_date, printable, styles


def test_missing_glyphs_become_one_visible_replacement():
    assert printable("Zoé Bérézé-Fictive « Ça » œ 14 h") == "Zoé Bérézé-Fictive « Ça » œ 14 h"
    assert printable("Léa 🦄") == f"Léa {REPLACEMENT}"
    # An emoji built of several code points (family, skin tone, variation selector) is one mark, not five.
    assert printable("Max 👨‍👩‍👧 et 👍🏽 fin") == f"Max {REPLACEMENT} et {REPLACEMENT} fin"
    assert printable("中文") == REPLACEMENT  # a script the font has not: one mark for the run
    assert esc("Léa 🦄 <b>") == f"Léa {REPLACEMENT} &lt;b&gt;"
    assert fit_text("Noé 🦄", "DejaVuSans", 9, 200) == f"Noé {REPLACEMENT}"


def test_a_name_with_an_emoji_prints_the_replacement(tmp_path):
    path = tmp_path / "emoji.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(esc("Prénom : Léa 🦄 Fictive"), styles().body)])
    text = PdfReader(str(path)).pages[0].extract_text()
    assert f"Léa {REPLACEMENT} Fictive" in text


def test_the_passport_time_is_held_together(handmade, tmp_path):
    from datetime import UTC, datetime

    assert long_date(datetime(2026, 3, 19, 13, 0, tzinfo=UTC)).endswith("à 14\u00a0h\u00a000")
    printed = handmade.services.documents.print_passport(intake_id=handmade.minor.intake_id,
                                                         path=tmp_path / "passeport.pdf", actor=handmade.team.ml)
    raw = PdfReader(str(printed.path)).pages[0].extract_text()
    line = next(line for line in raw.splitlines() if "19 mars 2026" in line)
    assert "14\u00a0h\u00a000" in line or "14 h 00" in line, line
