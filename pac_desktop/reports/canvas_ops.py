"""Text and colour written straight into a page's operators, as ReportLab's canvas writes them: the same PDF
operators and glyph codes, without a Python text object and a glyph encoding for every string.

A committee pack draws some 60 000 short texts, most of them many times over (headings, labels, column heads,
dates): each text is encoded (TrueType subset codes) once per document and its operators are reused.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas


def draw_lines(canv: Canvas, font_name: str, size: float, colour: colors.Color,
               placed: list[tuple[float, float, str] | tuple[float, float, str, float]]) -> None:
    """Draw each (x, y, text) in one font, size and colour, as ``canv.drawString`` would, in one PDF text
    object each (text extraction reads lines as it did). A fourth item is a word spacing for that line
    (a Paragraph's squeeze of a line slightly too wide)."""
    canv.setFont(font_name, size)
    set_fill(canv, colour)
    draw_strings(canv, placed)


def draw_strings(canv: Canvas, placed: list[tuple[float, float, str]] | list[tuple[float, float, str, float]]
                 ) -> None:
    """``canv.drawString(x, y, text)`` for each (x, y, text), in the canvas's current font, size and leading;
    with a word spacing (x, y, text, spacing) when it is not 0."""
    if not placed:
        return
    if not canv.bottomup:  # not a canvas of ours: ReportLab's own way
        for x, y, text, *spacing in placed:
            canv.drawString(x, y, text, wordSpace=spacing[0] if spacing else None)
        return
    cache: dict[tuple[str, float, float, str], str] | None = canv.__dict__.get("_pac_text_ops")
    if cache is None:
        cache = canv.__dict__["_pac_text_ops"] = {}
    font_name, size, leading = canv._fontname, canv._fontsize, canv._leading
    code = canv._code
    for x, y, text, *spacing in placed:
        key = (font_name, size, leading, text)
        ops = cache.get(key)
        if ops is None:
            ops = cache[key] = _text_ops(canv, font_name, size, leading, text)
        if spacing and spacing[0]:  # word spacing is graphics state: set back to 0 before the text ends
            code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {fp_str(spacing[0])} Tw {ops} 0 Tw T* ET")
        else:
            code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {ops} T* ET")


_RG: dict[tuple[float, float, float], str] = {}


def set_fill(canv: Canvas, colour: colors.Color | str) -> None:
    """canv.setFillColor(colour) for an opaque RGB colour (the operator made once); anything else through it."""
    if (type(colour) is not colors.Color or getattr(colour, "alpha", 1) != 1
            or getattr(canv, "_enforceColorSpace", None) is not None):
        canv.setFillColor(colour)
        return
    rgb = (colour.red, colour.green, colour.blue)
    op = _RG.get(rgb)
    if op is None:
        op = _RG[rgb] = f"{fp_str(rgb)} rg"
    canv._fillColorObj = colour
    canv._code.append(op)


def _text_ops(canv: Canvas, font_name: str, size: float, leading: float, text: str) -> str:
    """The operators PDFTextObject.textLine writes for ``text`` in a TrueType font (subset, size, string)."""
    font = pdfmetrics.getFont(font_name)
    if not font._dynamicFont:
        raise TypeError(f"{font_name} is not an embedded TrueType font")
    size_ops = f"{fp_str(size)} Tf {fp_str(leading)} TL"
    return " ".join(
        f"{font.getSubsetInternalName(subset, canv._doc)} {size_ops} ({canv._escape(encoded)}) Tj"
        for subset, encoded in font.splitString(text, canv._doc)
    )
