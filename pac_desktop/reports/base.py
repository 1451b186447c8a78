"""What every printed document shares: the embedded font, the styles, the page frame (header, footer,
"Page 3 sur 12"), forward page references for tables of contents, progress and cancellation.

Page totals and table-of-contents page numbers are drawn as PDF form XObjects that are referenced on the
page as it is laid out and defined once the document is complete. A document is therefore laid out in a
single pass, however long it is (ReportLab's multiBuild would lay a 700-page committee pack out twice).
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.flowables import KeepTogether, Spacer
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.paragraph import _wsc_re_split as _paragraph_split  # its word breaks
from reportlab.platypus.tables import Table, TableStyle

from pac_desktop.domain.french import format_date, format_datetime, format_time, to_paris
from pac_desktop.paths import resource_path

from . import Cancelled  # raised by the progress markers below; defined without ReportLab
from .canvas_ops import draw_lines
from .grid import CellText, Grid, GridLook
from .model import Letterhead

# ---------------------------------------------------------------------------------------------- fonts

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf"}
_font_lock = threading.Lock()


def register_fonts() -> None:
    """Register DejaVu Sans (every French letter, « », œ, the no-break spaces) once per process.

    The TrueType files are embedded (subset) in every PDF, so documents print the same everywhere.
    """
    with _font_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


#: Printed in place of a character DejaVu Sans has no glyph for (most emoji, rare scripts): a visible mark,
#: never an empty box that reads as a blank. README, "Documents imprimés".
REPLACEMENT = "\ufffd"
# Joiners, variation selectors and skin tones only make sense with the emoji they follow.
_EMOJI_PARTS = "\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff"
_covered: frozenset[int] | None = None
_covered_chars: frozenset[str] = frozenset()


def _font_coverage() -> frozenset[int]:
    global _covered, _covered_chars
    if _covered is None:
        register_fonts()
        covered = set(pdfmetrics.getFont(FONT).face.charToGlyph)
        _covered = frozenset(covered & set(pdfmetrics.getFont(FONT_BOLD).face.charToGlyph))
        _covered_chars = frozenset(map(chr, _covered))
    return _covered


def printable(text: str) -> str:
    """``text`` with each run of characters the fonts lack replaced by one visible « \ufffd »."""
    if text.isascii():
        return text
    covered = _font_coverage()
    if _covered_chars.issuperset(text):  # every letter printable: most French texts
        return text
    out: list[str] = []
    missing = False
    for ch in text:
        if ord(ch) in covered and not (missing and re.match(f"[{_EMOJI_PARTS}]", ch)):
            out.append(ch)
            missing = False
        elif not missing:
            out.append(REPLACEMENT)
            missing = True
    return "".join(out)


# ---------------------------------------------------------------------------------------------- look

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5b6470")
ACCENT = colors.HexColor("#1f3a5f")  # a restrained public-service blue
RULE = colors.HexColor("#c5ccd4")
FILL = colors.HexColor("#eef1f5")
FILL_STRONG = colors.HexColor("#dde3ea")
OK = colors.HexColor("#2e6b3a")
WARN = colors.HexColor("#8a5a00")
ALERT = colors.HexColor("#a02c2c")

# Chart series: distinguishable in greyscale too (the text always says the same).
SERIES = [
    colors.HexColor("#1f3a5f"),
    colors.HexColor("#6d8fb3"),
    colors.HexColor("#c9a227"),
    colors.HexColor("#7a9e7e"),
    colors.HexColor("#b5651d"),
    colors.HexColor("#8e7cc3"),
    colors.HexColor("#a8b4c0"),
    colors.HexColor("#4f6d4f"),
    colors.HexColor("#d08c8c"),
    colors.HexColor("#5b6470"),
]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 27 * mm  # the header sits above the frame
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

CONFIDENTIAL = "Confidentiel — données personnelles"
#: The footer of a document of counts only, small cells suppressed (the regional view): nobody can be named from it.
STATISTICAL = "Document statistique — aucune donnée nominative"


class Styles:
    """Paragraph styles of every document; body text 9.5 pt, the passport larger."""

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT,
                              bulletFontName=FONT)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.8)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=FONT_BOLD)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=FONT_BOLD, textColor=ACCENT)
        self.cell_head_right = ParagraphStyle("cell_head_right", parent=self.cell_head, alignment=TA_RIGHT)
        self.title = ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=3
        )
        self.subtitle = ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=8)
        self.h1 = ParagraphStyle(
            "h1", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, textColor=ACCENT, spaceBefore=9,
            spaceAfter=4,
        )
        self.h2 = ParagraphStyle(
            "h2", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, textColor=INK, spaceBefore=5, spaceAfter=2
        )
        self.note = ParagraphStyle("note", parent=base, leftIndent=8, spaceAfter=3)
        self.bullet = ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1)


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


# ---------------------------------------------------------------------------------------------- text helpers

NBSP = "\u00a0"


def esc(text: str | None) -> str:
    """Text for a Paragraph: markup characters escaped, line breaks kept."""
    if not text:
        return ""
    return (
        printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r\n", "\n").replace("\n", "<br/>")
    )


def upper_first(text: str) -> str:
    """The first letter in upper case, the rest untouched (str.capitalize would lower "Lourdes" to "lourdes")."""
    return text[:1].upper() + text[1:]


def quoted(text: str) -> str:
    """French quotation marks with no-break spaces: « texte »."""
    return f"«\u00a0{text}\u00a0»"


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def long_date(dt: datetime) -> str:
    """ "jeudi 19 mars 2026 à 14 h 00", in Paris time; the time never breaks across lines (no-break spaces)."""
    local = to_paris(dt)
    return f"{WEEKDAYS[local.weekday()]} {format_date(local.date())} à {format_time(local).replace(' ', NBSP)}"


def generated_line(at: datetime) -> str:
    return f"Document généré le {format_datetime(at)}"


def table_style(commands: list[tuple]) -> TableStyle:
    """A TableStyle in the embedded font (ReportLab's default cell font, Helvetica, is not embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


class PacTable(Table):
    """A Table measured once per width: a heading kept with its table (KeepTogether) has the table measured
    to see whether both fit, then the frame measures it again to place it — the same sums over every cell.

    The measure is reused only when it is the one ReportLab would make again: the same width, every row
    measured (ReportLab stops measuring a long table's rows once they overflow the height offered), and a
    height offered no smaller than the table's. Otherwise (the table will not fit: it is split), ReportLab
    measures as usual."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab API
        memo = self.__dict__.get("_pac_measured")
        if (memo is not None and memo == availWidth and availHeight >= self._height
                and self._hmax == len(self._cellvalues)):
            self.availWidth = availWidth
            return self._width, self._height
        size = super().wrap(availWidth, availHeight)
        complete = self._hmax == len(self._cellvalues) and None not in self._rowHeights
        self._pac_measured = availWidth if complete else None
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._pac_measured = None  # ReportLab measures again for the height offered
        return super().split(availWidth, availHeight)


#: The look of table(): 8.5 pt cells, thin rules, a tinted header repeated on each page, light zebra.
TABLE_LOOK = GridLook(text=CellText(FONT, 8.5), top=2.5, bottom=3, left=4, right=4, rule=(0.4, RULE),
                      header_fill=FILL_STRONG, header_rule=(0.8, ACCENT), zebra=FILL)


def table(rows: list[list[Any]], widths: list[float], *, header: bool = True, zebra: bool = True,
          extra: list[tuple] | None = None) -> Flowable:
    """A sober table: a tinted header row, thin rules, optional light zebra. ``extra``: more ReportLab
    TableStyle commands (a ReportLab Table is made then, for the few tables that need them)."""
    if not extra:
        return Grid(rows, widths, TABLE_LOOK, header=header, zebra=zebra)
    return reportlab_table(rows, widths, header=header, zebra=zebra, extra=extra)


def reportlab_table(rows: list[list[Any]], widths: list[float], *, header: bool = True, zebra: bool = True,
                    extra: list[tuple] | None = None) -> Table:
    """table() as a ReportLab Table (TableStyle commands in ``extra``); the reference a Grid draws like."""
    t = PacTable(rows, colWidths=widths, repeatRows=1 if header else 0)
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),  # in FONT: table_style sets it
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), FILL_STRONG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    if zebra:
        for i in range(2 if header else 1, len(rows), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), FILL))
    t.setStyle(table_style(style + (extra or [])))
    return t


@functools.lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """pdfmetrics.stringWidth, remembered: a pack measures the same labels, headings and words thousands of times."""
    return pdfmetrics.stringWidth(text, font, size)


@functools.lru_cache(maxsize=8192)
def _collapsed(text: str) -> str:
    """``text`` as a Paragraph prints it: missing glyphs marked, whitespace collapsed but for no-break spaces."""
    text = printable(text)
    return " ".join(_split_words(text) if "\xa0" in text else text.split())


def _split_words(text: str) -> list[str]:
    return [word for word in _paragraph_split(text) if word]


class TextCell(Flowable):
    """Plain text (no markup) in a paragraph style, for table cells, headings and notes: broken into lines at
    spaces and drawn straight onto the canvas, as a Paragraph of the same style would place it. Most texts of a
    pack are a few plain words, and a Paragraph costs an HTML parse, a line-breaking pass over fragments and a
    fragment walk to draw (two thirds of a committee pack's layout). ``lead``: a few words before the text in
    another font and colour (a note's author). ``bullet``: the style's bullet mark before the first line, as a
    Paragraph's ``bulletText``. Splits across pages between lines.
    """

    def __init__(self, text: str, style: ParagraphStyle, *, lead: str = "", lead_font: str | None = None,
                 lead_colour: colors.Color | None = None, bullet: str = "") -> None:
        super().__init__()
        self.text = _collapsed(text)
        self.style = style
        self.lead = _collapsed(lead)
        self.bullet = bullet
        self._lead_font = lead_font or style.fontName
        self._lead_colour = lead_colour or style.textColor
        self._lines: list[str] = []
        self._avail = -1.0
        self._room = True  # the text fits on its first line unsqueezed (known when it is measured)

    def _lead_width(self) -> float:
        if not self.lead:
            return 0.0
        size = self.style.fontSize
        return (text_width(self.lead, self._lead_font, size)
                + text_width(" ", self.style.fontName, size))

    def _bullet_overrun(self) -> float:
        """How far the bullet (and the gap after it) runs past the text's indent: the first line starts
        that much further in, as in a Paragraph."""
        if not self.bullet:
            return 0.0
        style = self.style
        end = (style.bulletIndent + text_width(self.bullet, style.bulletFontName, style.bulletFontSize)
               + 0.6 * style.bulletFontSize)
        return max(0.0, end - (style.leftIndent + style.firstLineIndent))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab API
        style = self.style
        if availWidth != self._avail:
            self._avail = availWidth
            width, indent = availWidth - style.leftIndent - style.rightIndent, self._lead_width() or self._bullet_overrun()
            # Most texts fit on one line: no breaking, no squeeze to work out when it is drawn.
            self._room = indent + text_width(self.text, style.fontName, style.fontSize) <= width
            self._lines = [self.text] if self._room else _break_lines(
                self.text, style.fontName, style.fontSize, width, indent,
                shrink=getattr(style, "spaceShrinkage", 0.05), lead_on_line=bool(self.lead))
        self.width, self.height = availWidth, style.leading * len(self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit < 1 or fit >= len(self._lines):
            return []
        return [self._part(self._lines[:fit], lead=True), self._part(self._lines[fit:], lead=False)]

    def _part(self, lines: list[str], *, lead: bool) -> TextCell:
        part = TextCell("", self.style, lead=self.lead if lead else "", lead_font=self._lead_font,
                        lead_colour=self._lead_colour, bullet=self.bullet if lead else "")
        part.text, part._lines, part._avail, part._room = " ".join(lines), lines, self._avail, False
        return part

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab API
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Flowable.drawOn writing the same operators (q, the translation, the text, Q) without ReportLab's
        Python copy of the graphics state pushed and popped (a pack draws 20 000 texts): what Q restores in
        the PDF — the colour, the font — is put back on the canvas as restoreState would."""
        x = self._hAlignAdjust(x, _sW)
        colour, font = canvas._fillColorObj, (canvas._fontname, canvas._fontsize, canvas._leading)
        canvas._code.append(f"q 1 0 0 1 {fp_str(x, y)} cm")
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv
            canvas._code.append("Q")
            canvas._fillColorObj = colour
            canvas._fontname, canvas._fontsize, canvas._leading = font

    def draw(self) -> None:
        canv, style = self.canv, self.style
        y = self.height - style.fontSize  # the first baseline, where a Paragraph puts it
        x = style.leftIndent
        if self.lead:
            draw_lines(canv, self._lead_font, style.fontSize, self._lead_colour, [(x, y, self.lead)])
        first = x
        if self.bullet:  # where a Paragraph draws its bulletText, and where its first line then starts
            draw_lines(canv, style.bulletFontName, style.bulletFontSize,
                       getattr(style, "bulletColor", style.textColor), [(style.bulletIndent, y, self.bullet)])
            end = (style.bulletIndent + text_width(self.bullet, style.bulletFontName,
                                                               style.bulletFontSize) + style.bulletFontSize * 0.6)
            first = x + max(style.firstLineIndent, end - style.leftIndent)
        placed: list[tuple[float, float, str]] = []
        for n, line in enumerate(self._lines):
            if style.alignment == TA_RIGHT:
                placed.append((self._avail - style.rightIndent
                               - text_width(line, style.fontName, style.fontSize), y, line))
            elif style.alignment == TA_CENTER:
                placed.append(((self._avail + style.leftIndent - style.rightIndent) / 2
                               - text_width(line, style.fontName, style.fontSize) / 2, y, line))
            elif n == 0 and self.lead:
                placed.append((x + self._lead_width(), y, line))
            elif n == 0:
                placed.append((first, y, line, 0.0 if self._room else self._squeeze(line, self._bullet_overrun())))
            else:
                placed.append((x, y, line, self._squeeze(line)))
            y -= style.leading
        draw_lines(canv, style.fontName, style.fontSize, style.textColor, placed)

    def _squeeze(self, line: str, cut: float = 0.0) -> float:
        """The word spacing a Paragraph gives a left-aligned line a little wider than its room (the line
        breaks let a line overrun by a fraction of a space per space): negative, or 0."""
        style = self.style
        font, size = style.fontName, style.fontSize
        space = text_width(" ", font, size)
        width = -space
        words = line.split(" ")
        for word in words:
            width = width + space + text_width(word, font, size)
        extra = (self._avail - style.leftIndent - style.firstLineIndent - style.rightIndent - cut) - width
        spaces = len(words) + line.count("\xa0") - 1
        return extra / spaces if extra < -1e-8 and spaces > 0 else 0.0


def _break_lines(text: str, font: str, size: float, width: float, first_indent: float = 0.0, *,
                 shrink: float = 0.05, lead_on_line: bool = True) -> list[str]:
    """Greedy breaks at spaces, as ReportLab's Paragraph makes them: a line may overrun by ``shrink`` of a space
    per space it holds, a word longer than the line stays whole; the first line starts ``first_indent`` in
    (after a lead, whose words stand on it: the first word may go to the next line; after a bullet, not)."""
    space = text_width(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = first_indent
    started = first_indent > 0 and lead_on_line  # the lead already stands on the first line
    for word in text.split(" "):
        w = text_width(word, font, size)
        if (current or started) and used + (space if current else 0) + w > width + shrink * space * len(current):
            lines.append(" ".join(current))
            current, used, started = [word], w, False
        else:
            used += (space if current else 0) + w
            current.append(word)
    lines.append(" ".join(current))
    return lines


def text_cell(text: str | None, style: ParagraphStyle) -> TextCell:
    """A cell of plain text (escaping is not needed: nothing is parsed)."""
    return TextCell(text or "", style)


def text_block(text: str | None, style: ParagraphStyle, *, bullet: str = "") -> Flowable:
    """Plain text that may hold line breaks (typed notes, reasons): a TextCell unless it has some, which a
    Paragraph keeps (a TextCell joins lines as a Paragraph joins words)."""
    text = text or ""
    if "\n" in text or "\r" in text:
        return Paragraph(esc(text), style, bulletText=bullet or None)
    return TextCell(text, style, bullet=bullet)


_TINTED: dict[tuple[str, str], ParagraphStyle] = {}


def tinted(style: ParagraphStyle, colour: str) -> ParagraphStyle:
    """``style`` in another text colour ("#2e6b3a"), made once."""
    key = (style.name, colour)
    if key not in _TINTED:
        _TINTED[key] = ParagraphStyle(f"{style.name}_{colour}", parent=style, textColor=colors.HexColor(colour))
    return _TINTED[key]


#: Font size of the labels of key_values (the same as s.cell_head, used when a label must wrap).
LABEL_SIZE = 8.5


#: The look of key_values(): labels in muted bold, a thin rule under each line (values in their own cells).
KEY_VALUES_LOOK = GridLook(text=CellText(FONT, 10), first_column=CellText(FONT_BOLD, LABEL_SIZE, ACCENT),
                           top=1.5, bottom=1.5, left=0, right=6, rule=(0.3, RULE))


def key_values(pairs: list[tuple[str, Any]], *, label_width: float = 45 * mm) -> Flowable:
    """Label / value lines (labels in muted bold)."""
    s = styles()
    # Labels are mostly short: plain cell text (no Paragraph to parse and wrap, which is most of a long pack's
    # cost); a label wider than its column ("Éligibilité accordée par dérogation") is wrapped instead of
    # running over its value.
    room = label_width - KEY_VALUES_LOOK.right

    def label_cell(label: str) -> Any:
        if text_width(label, FONT_BOLD, LABEL_SIZE) <= room:
            return label
        return text_block(label, s.cell_head)

    rows = [
        [label_cell(label), value if isinstance(value, Flowable) else text_cell(str(value), s.cell)]
        for label, value in pairs
    ]
    return Grid(rows, [label_width, CONTENT_WIDTH - label_width], KEY_VALUES_LOOK)


def callout(content: Flowable | str | list[Flowable], *, rule: colors.Color = ACCENT) -> Flowable:
    """A tinted box with a coloured rule on its left, the full width of the text."""
    if isinstance(content, str):
        content = Paragraph(content, styles().body)
    box = Grid([[content]], [CONTENT_WIDTH], _callout_look(rule))
    box.spaceBefore, box.spaceAfter = 3, 5
    return box


_CALLOUT_LOOKS: dict[Any, GridLook] = {}


def _callout_look(rule: colors.Color) -> GridLook:
    look = _CALLOUT_LOOKS.get(rule)
    if look is None:
        look = _CALLOUT_LOOKS[rule] = GridLook(text=CellText(FONT, 10), top=5, bottom=6, left=8, right=8,
                                               valign="BOTTOM", fill=FILL, left_rule=(2.5, rule))
    return look


def heading_with(title: str, content: list[Flowable]) -> list[Flowable]:
    """A heading that never ends a page alone: kept with the first flowable of its content.

    A KeepTogether nested in another asks for a page break whatever its size (it wraps to an "infinite"
    height to force a split), so a first flowable that is itself a KeepTogether is unpacked.
    """
    s = styles()
    head = TextCell(title, s.h1)
    if not content:
        return [head]
    first = content[0]
    kept = [head, *first._content] if isinstance(first, KeepTogether) else [head, first]
    return [KeepTogether(kept), *content[1:]]


# ---------------------------------------------------------------------------------------------- cancellation


ProgressFn = Callable[[int, int], None]


class ProgressMarker(Flowable):
    """An invisible flowable that reports progress (and honours cancellation) as the layout reaches it."""

    def __init__(self, done: int, total: int, progress: ProgressFn | None, cancel: threading.Event | None) -> None:
        super().__init__()
        self.done, self.total, self.progress, self.cancel = done, total, progress, cancel
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab API
        return 0, 0

    def draw(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled("La préparation du document a été annulée : aucun fichier n'a été écrit.")
        if self.progress is not None:
            self.progress(self.done, self.total)


# ---------------------------------------------------------------------------------------------- forward refs


class PacCanvas(Canvas):
    """A canvas that defines the deferred forms when the document is saved: "Page N sur M" for every page,
    and the page numbers of anchors that a table of contents referred to before they were laid out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.anchor_pages: dict[str, int] = {}
        self.page_labels: list[int] = []
        self.anchor_refs: set[str] = set()

    def save(self) -> None:
        total = len(self.page_labels)
        for number in self.page_labels:
            self.beginForm(f"pac_page_{number}", lowerx=-200, lowery=-5, upperx=5, uppery=15)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(0, 0, f"Page {number} sur {total}")
            self.endForm()
        for key in self.anchor_refs:
            self.beginForm(f"pac_ref_{key}", lowerx=-100, lowery=-5, upperx=5, uppery=15)
            self.setFont(FONT, 8.5)
            self.setFillColor(INK)
            page = self.anchor_pages.get(key)
            self.drawRightString(0, 0, str(page) if page else "—")
            self.endForm()
        super().save()


class Anchor(Flowable):
    """Marks where an entry of the table of contents starts: a PDF bookmark, an outline entry and the page
    number that :class:`PageRef` prints."""

    def __init__(self, key: str, title: str | None = None, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkPage(self.key)
        if self.title:
            canv.addOutlineEntry(self.title, self.key, level=self.level, closed=True)
        if isinstance(canv, PacCanvas):
            canv.anchor_pages[self.key] = canv.getPageNumber()


class PageRef(Flowable):
    """The page number of an :class:`Anchor`, right-aligned in its cell, linked to the anchor."""

    def __init__(self, key: str, width: float = 14 * mm, height: float = 10) -> None:
        super().__init__()
        self.key = key
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.translate(self.width, 2.8)
        canv.doForm(f"pac_ref_{self.key}")
        canv.restoreState()
        if isinstance(canv, PacCanvas):
            canv.anchor_refs.add(self.key)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


# ---------------------------------------------------------------------------------------------- page frame


class _Frame(Frame):
    """A frame that KeepTogether copies cheaply: ReportLab deep-copies the current frame each time it measures
    a KeepTogether (every heading of a pack) and a frame holds only numbers, names and the generated content
    list, which the copy drops anyway (platypus.flowables._listWrapOn)."""

    def __deepcopy__(self, memo: dict) -> _Frame:
        return copy.copy(self)


class PacDocument(BaseDocTemplate):
    """A4, the programme's header and the confidentiality footer on every page."""

    def __init__(self, out: str | Path | IO[bytes], *, title: str, letterhead: Letterhead, generated_at: datetime,
                 subject: str = "", cover: bool = False, footer: str = CONFIDENTIAL) -> None:
        register_fonts()
        super().__init__(
            str(out) if isinstance(out, Path) else out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=letterhead.programme,
            subject=subject,
            creator="PAC Desktop",
            lang="fr-FR",
            # The canvas would otherwise start in Helvetica, a font that is not embedded.
            initialFontName=FONT,
            initialFontSize=9.5,
        )
        self.doc_title = title
        self.letterhead = letterhead
        self.generated_at = generated_at
        self.footer = footer
        frame = _Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate(id="page", frames=[frame], onPage=self._decorate)]
        if cover:
            templates.insert(0, PageTemplate(id="cover", frames=[frame], onPage=self._decorate))
        self.addPageTemplates(templates)

    def build_story(self, story: list[Flowable]) -> int:
        """Lay the story out and save; returns the number of pages."""
        try:
            self.build(story, canvasmaker=PacCanvas)
        finally:
            # The remembered texts hold youths' names: they live for one document, not for the whole session.
            text_width.cache_clear()
            _collapsed.cache_clear()
        return self.page

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        top = PAGE_HEIGHT - 12 * mm
        # Header: the programme, the document, and the partner organisations.
        canv.setFillColor(ACCENT)
        canv.rect(MARGIN_X, top + 1.2 * mm, 3, 9, stroke=0, fill=1)
        canv.setFont(FONT_BOLD, 10)
        canv.drawString(MARGIN_X + 6, top + 2 * mm, self.letterhead.programme)
        canv.setFont(FONT, 8.5)
        canv.setFillColor(MUTED)
        canv.drawRightString(PAGE_WIDTH - MARGIN_X, top + 2 * mm, self.doc_title)
        partners = " · ".join(self.letterhead.partners)
        canv.setFont(FONT, 7.2)
        canv.drawString(MARGIN_X + 6, top - 2.5 * mm, _fit(partners, FONT, 7.2, CONTENT_WIDTH - 6))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, top - 5 * mm, PAGE_WIDTH - MARGIN_X, top - 5 * mm)
        # Footer: confidentiality, generation date, page number.
        bottom = 11 * mm
        canv.line(MARGIN_X, bottom + 4 * mm, PAGE_WIDTH - MARGIN_X, bottom + 4 * mm)
        canv.setFont(FONT_BOLD, 7.5)
        canv.setFillColor(ALERT)
        canv.drawString(MARGIN_X, bottom, self.footer)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawCentredString(PAGE_WIDTH / 2 + 8 * mm, bottom, generated_line(self.generated_at))
        number = canv.getPageNumber()
        canv.translate(PAGE_WIDTH - MARGIN_X, bottom)
        canv.doForm(f"pac_page_{number}")
        if isinstance(canv, PacCanvas):
            canv.page_labels.append(number)
        canv.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a one-line text with an ellipsis so that it fits the width."""
    text = printable(text)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ·") + "…"


def fit_text(text: str, font: str, size: float, width: float) -> str:
    return _fit(text, font, size, width)


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)
