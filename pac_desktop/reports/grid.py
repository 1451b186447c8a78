"""Grid: the documents' tables (house style only) measured and drawn by a light flowable of our own.

ReportLab's Table is general (spans, styles by cell range, splits inside rows, rounded corners); a table of
ours is always one look (padding, a rule under each row, a tinted header repeated on each page, light zebra,
or a tinted box with a rule on its left). Building a Table costs a style object per cell and the range
commands applied to each; laying it out measures every cell again each time it is offered a height, and
again to draw it. That was 45 % of a committee pack's layout.

A Grid measures each row once and draws what ReportLab's Table draws for the same rows and style — the same
operators in the same order (backgrounds, cells, then rules), the same splits between rows with the header
repeated, and the same rule ReportLab adds above the first row carried to the next page — so a page is
identical, byte for byte in its content stream, to the one the Table made (tests/reports/test_reports_grid.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from .canvas_ops import draw_strings, set_fill

#: Row heights are measured with this height offered (ReportLab's Table measures its cells the same way).
_MEASURE_HEIGHT = 72000


@dataclass(frozen=True)
class CellText:
    """How a plain string cell is written (ReportLab's CellStyle: FONTSIZE leaves the leading at 12)."""

    font: str
    size: float
    colour: Any = "black"
    leading: float = 12


@dataclass(frozen=True)
class GridLook:
    """What a kind of table looks like. Rules are (width, colour)."""

    text: CellText
    top: float
    bottom: float
    left: float
    right: float
    valign: str = "TOP"  # TOP, MIDDLE or BOTTOM (ReportLab's default)
    first_column: CellText | None = None  # string cells of the first column (labels), when they differ
    rule: tuple[float, Any] | None = None  # under every row
    header_fill: Any = None
    header_rule: tuple[float, Any] | None = None
    zebra: Any = None  # every other body row
    fill: Any = None  # the whole table
    left_rule: tuple[float, Any] | None = None  # before the first column


class Grid(Flowable):
    """A table of ``rows`` (cells: plain strings, a flowable or a list of flowables) in columns of ``widths``.

    ``header``: the first row is the header, tinted and repeated at the top of each page the table runs onto.
    Split between rows only, as the Table it replaces (a row taller than a page cannot be laid out)."""

    def __init__(self, rows: Sequence[Sequence[Any]], widths: Sequence[float], look: GridLook, *,
                 header: bool = False, zebra: bool = False) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as a Table: a narrower table is centred in its frame
        self._look = look
        self._header = 1 if header else 0
        self._zebra = zebra and look.zebra is not None
        self._widths = list(widths)
        self._cols = [0.0]
        width = 0.0
        for w in self._widths:  # summed as the Table sums them (the frame centres on the difference)
            width = width + w
            self._cols.append(width)
        self.width = width
        self._rows = [[_cell(v) for v in row] for row in rows]
        self._index = list(range(len(self._rows)))  # each row's number in the whole table (zebra)
        self._continued = False  # a part after a split: ReportLab's split adds a rule above its first body row
        self._heights: list[float] | None = None
        self._sizes: list[list[Any]] = []  # per cell: the (width, height) of each flowable, and their total
        self._positions: list[float] | None = None

    # -------------------------------------------------------------------------------------------- measure

    def _measure(self) -> list[float]:
        if self._heights is not None:
            return self._heights
        look = self._look
        tp, bp = look.top, look.bottom
        heights, sizes = [], []
        canv = getattr(self, "canv", None)
        for row in self._rows:
            h = 0
            row_sizes = []
            for j, (v, w) in enumerate(zip(row, self._widths, strict=False)):
                if isinstance(v, str):
                    text = look.first_column if j == 0 and look.first_column is not None else look.text
                    t = text.leading * (v.count("\n") + 1)
                    row_sizes.append(None)
                else:
                    dims, t = _flowables_size(v, w - look.left - look.right, _MEASURE_HEIGHT - tp - bp, canv)
                    row_sizes.append((dims, t))
                t += bp + tp
                if t > h:
                    h = t
            heights.append(h)
            sizes.append(row_sizes)
        self._heights, self._sizes = heights, sizes
        return heights

    def _row_positions(self) -> list[float]:
        """The rows' top edges from the bottom, as ReportLab's Table sums them (compensated, bottom up)."""
        if self._positions is None:
            heights = self._measure()
            positions = []
            height = c = 0
            for i in range(len(heights) - 1, -1, -1):
                positions.append(height)
                y = heights[i] - c
                t = height + y
                c = (t - height) - y
                height = t
            positions.append(height)
            positions.reverse()
            self._positions = positions
        return self._positions

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab API
        self.height = self._row_positions()[0]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        heights = self._measure()
        n, used = 0, 0
        for rh in heights:  # the last row that fits (ReportLab's first possible split position)
            if used + rh > availHeight:
                break
            used += rh
            n += 1
        if n <= self._header:
            return []
        if n == len(heights):
            return [self]
        first = self._part(list(range(n)), continued=self._continued)
        rest = self._part(list(range(self._header)) + list(range(n, len(heights))), continued=True)
        if hasattr(self, "spaceBefore"):
            first.spaceBefore = self.spaceBefore
        if hasattr(self, "spaceAfter"):
            rest.spaceAfter = self.spaceAfter
        return [first, rest]

    def _part(self, rows: list[int], *, continued: bool) -> Grid:
        part = Grid.__new__(Grid)
        Flowable.__init__(part)
        part._look, part._header, part._zebra = self._look, self._header, self._zebra
        part._widths, part._cols, part.width = self._widths, self._cols, self.width
        part._rows = [self._rows[i] for i in rows]
        part._index = [self._index[i] for i in rows]
        part._heights = [self._heights[i] for i in rows]
        part._sizes = [self._sizes[i] for i in rows]
        part._continued = continued
        part._positions = None
        part.hAlign = self.hAlign
        return part

    # -------------------------------------------------------------------------------------------- draw

    def draw(self) -> None:
        canv, look = self.canv, self._look
        rp, cp, heights = self._row_positions(), self._cols, self._heights
        nrows, x0, x1 = len(heights), cp[0], cp[-1]
        canv.saveState()
        # Backgrounds: the whole table, the header, then the zebra rows.
        if look.fill is not None:
            set_fill(canv, look.fill)
            canv.rect(x0, rp[0], x1 - x0, rp[nrows] - rp[0], stroke=0, fill=1)
        if self._header and look.header_fill is not None:
            set_fill(canv, look.header_fill)
            canv.rect(x0, rp[0], x1 - x0, rp[1] - rp[0], stroke=0, fill=1)
        if self._zebra:
            start = self._header + 1
            for r, i in enumerate(self._index):
                if i >= start and (i - start) % 2 == 0:
                    set_fill(canv, look.zebra)
                    canv.rect(x0, rp[r], x1 - x0, rp[r + 1] - rp[r], stroke=0, fill=1)
        self._draw_cells(canv, rp, cp, heights)
        # Rules, in the order of the Table's line commands.
        canv.saveState()
        current: list[Any] = [None, None]
        if look.rule or look.header_rule or look.left_rule:
            canv.setLineCap(1)
            canv.setLineJoin(1)
        if look.rule:
            _pen(canv, current, *look.rule)
            ys = rp[1:]
            if self._continued:
                ys = [rp[self._header], *ys]
            for y in ys:
                canv.line(x0, y, x1, y)
        if self._header and look.header_rule:
            _pen(canv, current, *look.header_rule)
            canv.line(x0, rp[1], x1, rp[1])
        if look.left_rule:
            _pen(canv, current, *look.left_rule)
            canv.line(x0, rp[nrows], x0, rp[0])
        canv.restoreState()
        canv.restoreState()

    def _draw_cells(self, canv: Any, rp: list[float], cp: list[float], heights: list[float]) -> None:
        look = self._look
        tp, bp, lp, valign = look.top, look.bottom, look.left, look.valign
        current: CellText | None = None
        for row, row_sizes, rowpos, rowheight in zip(self._rows, self._sizes, rp[1:], heights, strict=True):
            for j, (v, size, colpos) in enumerate(zip(row, row_sizes, cp, strict=False)):
                text = look.first_column if j == 0 and look.first_column is not None else look.text
                if text is not current:  # the Table sets what changed from the previous cell's style
                    if current is None or text.colour != current.colour:
                        canv.setFillColor(text.colour)
                    if (current is None or text.leading != current.leading or text.font != current.font
                            or text.size != current.size):
                        canv.setFont(text.font, text.size, text.leading)
                    current = text
                x = colpos + lp
                if size is None:
                    lines = v.split("\n")
                    if valign == "TOP":
                        y = rowpos + rowheight - tp - text.size
                    elif valign == "BOTTOM":
                        y = rowpos + bp + len(lines) * text.leading - text.size
                    else:
                        y = rowpos + (bp + rowheight - tp + len(lines) * text.leading) / 2.0 - text.size
                    placed = []
                    for line in lines:
                        placed.append((x, y, line))
                        y -= text.leading
                    draw_strings(canv, placed)
                    continue
                dims, h = size
                if valign == "TOP":
                    y = rowpos + rowheight - tp
                elif valign == "BOTTOM":
                    y = rowpos + bp + h
                else:
                    y = rowpos + (rowheight + bp - tp + h) / 2.0
                if v:
                    y += v[0].getSpaceBefore()
                for f, (_w, fh) in zip(v, dims, strict=True):
                    y -= f.getSpaceBefore()
                    y -= fh
                    f.drawOn(canv, x, y)
                    y -= f.getSpaceAfter()


def _cell(value: Any) -> Any:
    """A cell as the Table holds it: flowables as a tuple, anything else as its text."""
    if type(value) is str:
        return value
    if isinstance(value, Flowable):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return "" if value is None else str(value)


def _flowables_size(cell: tuple[Flowable, ...], width: float, height: float,
                    canv: Any) -> tuple[list[tuple[float, float]], float]:
    """Each flowable's size and their height stacked with their spaces (ReportLab's _listCellGeom)."""
    if not cell:
        return [], 0
    dims = []
    t = 0
    first_space = None
    after = 0
    for f in cell:
        fw, fh = f.wrapOn(canv, width, height)
        before, after = f.getSpaceBefore(), f.getSpaceAfter()
        dims.append((fw, fh))
        t += fh + after + before
        if first_space is None:
            first_space = before
    return dims, t - first_space - after


def _pen(canv: Any, current: list[Any], weight: float, colour: Any) -> None:
    """The stroke colour and width, set when they change (the Table's _prepLine)."""
    if colour and colour != current[0]:
        canv.setStrokeColor(colour)
        current[0] = colour
    if weight and weight != current[1]:
        canv.setLineWidth(weight)
        current[1] = weight
