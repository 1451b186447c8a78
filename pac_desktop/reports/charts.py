"""Charts for the indicators report (reportlab.graphics), in the documents' font and sober colours.

Every chart prints its figures next to the bars: a chart is never the only place a number is (and colour is
never the only way to tell series apart: the legend and the tables say the same).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .base import ACCENT, FONT, FONT_BOLD, INK, MUTED, RULE, SERIES, fit_text


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose text starts in the embedded font (ReportLab's default, Helvetica, is not embedded)."""
    d = Drawing(width, height)
    d.initialFontName = FONT
    return d


def _nice_max(value: int) -> int:
    """A round axis maximum a little above ``value``."""
    if value <= 5:
        return 5
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 8:
            return ((value // step) + 1) * step
    return value + 1


def _value_step(maximum: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if maximum / step <= 6:
            return step
    return max(1, maximum // 5)


def _legend(x: float, y: float, items: Sequence[tuple[colors.Color, str]], *, columns: int = 1,
            column_width: float = 120) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.fontName = FONT
    legend.fontSize = 7.5
    legend.fillColor = INK
    legend.dx = legend.dy = 7
    legend.deltay = 10
    legend.deltax = column_width
    legend.columnMaximum = max(1, -(-len(items) // columns))
    legend.boxAnchor = "nw"
    legend.strokeWidth = 0
    legend.colorNamePairs = list(items)
    return legend


def vertical_stacked_bars(
    width: float,
    height: float,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> Drawing:
    """Stacked columns (e.g. youths by territory, minors and adults), the total above each column."""
    d = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 34
    chart.width, chart.height = width - 34 - 130, height - 34 - 14
    chart.data = [list(values) for _, values in series]
    chart.categoryAxis.categoryNames = [fit_text(c, FONT, 7.5, chart.width / max(len(categories), 1) - 4)
                                        for c in categories]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = RULE
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    top = _nice_max(max(totals or [0]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = _value_step(top)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e6e9ed")
    chart.barWidth = 18
    chart.groupSpacing = 14
    for i in range(len(series)):
        chart.bars[i].fillColor = SERIES[i % len(SERIES)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    # Totals above the columns.
    step = chart.width / max(len(categories), 1)
    for i, total in enumerate(totals):
        x = chart.x + step * (i + 0.5)
        y = chart.y + chart.height * (total / top) + 3
        d.add(String(x, y, str(total), fontName=FONT_BOLD, fontSize=8, fillColor=INK, textAnchor="middle"))
    d.add(_legend(width - 122, height - 8, [(SERIES[i % len(SERIES)], name) for i, (name, _) in enumerate(series)]))
    return d


def horizontal_bars(
    width: float,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    bar_height: float = 7,
    label_width: float = 150,
    legend: bool = True,
) -> Drawing:
    """Horizontal bars, one group per category (one or two series), each bar with its figure at its end."""
    n, k = len(categories), len(series)
    group = bar_height * k + 5
    legend_height = 16 if legend and k > 1 else 0
    height = n * group + 26 + legend_height
    d = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 16
    chart.width, chart.height = width - label_width - 30, n * group
    # HorizontalBarChart draws the first category, and the first series of a group, at the bottom:
    # reverse both so that the chart reads top-down like the table beneath it.
    chart.data = [list(reversed(values)) for _, values in reversed(series)]
    chart.categoryAxis.categoryNames = [fit_text(c, FONT, 7.5, label_width - 8) for c in reversed(categories)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    top = _nice_max(max((max(values) for _, values in series if values), default=0))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = _value_step(top)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e6e9ed")
    chart.barWidth = bar_height
    chart.groupSpacing = 5
    chart.barSpacing = 0
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    for i in range(k):
        chart.bars[i].fillColor = SERIES[((k - 1 - i) * 2) % len(SERIES)] if k > 1 else ACCENT
        chart.bars[i].strokeColor = None
    d.add(chart)
    if legend and k > 1:
        # Drawn left to right at the top.
        x = label_width
        for i, (name, _) in enumerate(series):
            d.add(Rect(x, height - 9, 7, 7, fillColor=SERIES[(i * 2) % len(SERIES)], strokeColor=None))
            d.add(String(x + 10, height - 8, name, fontName=FONT, fontSize=7.5, fillColor=INK))
            x += 20 + stringWidth(name, FONT, 7.5)
    return d


def pie(width: float, height: float, items: Sequence[tuple[str, int]], *, title: str = "") -> Drawing:
    """A pie with its legend giving each count and share."""
    d = _drawing(width, height)
    total = sum(count for _, count in items)
    size = min(height - 26, width * 0.36)
    p = Pie()
    p.x, p.y = 8, (height - size) / 2 - 4
    p.width = p.height = size
    p.data = [count for _, count in items] if total else [1]
    p.labels = None
    p.startAngle = 90
    p.direction = "clockwise"
    p.slices.strokeColor = colors.white
    p.slices.strokeWidth = 1
    for i in range(len(p.data)):
        p.slices[i].fillColor = SERIES[(i * 2) % len(SERIES)] if total else RULE
    d.add(p)
    if title:
        d.add(String(0, height - 9, title, fontName=FONT_BOLD, fontSize=8.5, fillColor=INK))
    pairs = [
        (SERIES[(i * 2) % len(SERIES)], f"{label} : {count} ({_share(count, total)})") for i, (label, count) in
        enumerate(items)
    ]
    d.add(_legend(size + 22, p.y + size - 4, pairs))
    return d


def stacked_columns_100(
    width: float,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int], colors.Color]],
    *,
    row_height: float = 16,
    label_width: float = 60,
) -> Drawing:
    """One horizontal 100 % bar per category split into series (e.g. situations at 3, 6 and 12 months);
    each segment wide enough shows its count."""
    legend_rows = -(-len(series) // 3)
    height = len(categories) * (row_height + 8) + legend_rows * 11 + 12
    d = _drawing(width, height)
    bar_width = width - label_width - 6
    y = height - row_height - 2
    for ci, category in enumerate(categories):
        total = sum(values[ci] for _, values, _ in series)
        d.add(String(0, y + row_height / 2 - 3, category, fontName=FONT, fontSize=8, fillColor=INK))
        x = label_width
        if total == 0:
            d.add(Rect(x, y, bar_width, row_height, fillColor=colors.HexColor("#f3f4f6"), strokeColor=RULE,
                       strokeWidth=0.4))
            d.add(String(x + 4, y + row_height / 2 - 3, "aucun jeune", fontName=FONT, fontSize=7, fillColor=MUTED))
        for _, values, colour in series:
            count = values[ci]
            if not count or not total:
                continue
            w = bar_width * count / total
            d.add(Rect(x, y, w, row_height, fillColor=colour, strokeColor=colors.white, strokeWidth=0.6))
            label = str(count)
            if stringWidth(label, FONT, 7) + 4 < w:
                text_colour = colors.white if _dark(colour) else INK
                d.add(String(x + w / 2, y + row_height / 2 - 2.5, label, fontName=FONT, fontSize=7,
                             fillColor=text_colour, textAnchor="middle"))
            x += w
        y -= row_height + 8
    # Legend in three columns.
    column_width = width / 3
    ly = y + row_height - 4
    for i, (name, _, colour) in enumerate(series):
        col, row = i % 3, i // 3
        lx, yy = col * column_width, ly - row * 11
        d.add(Rect(lx, yy, 7, 7, fillColor=colour, strokeColor=None))
        d.add(String(lx + 10, yy + 1, fit_text(name, FONT, 7.5, column_width - 14), fontName=FONT, fontSize=7.5,
                     fillColor=INK))
    return d


def _dark(colour: colors.Color) -> bool:
    r, g, b = colour.red, colour.green, colour.blue
    return 0.299 * r + 0.587 * g + 0.114 * b < 0.55


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)} %" if total else "0 %"


class CaseloadBar(Flowable):
    """A small gauge "32 / 50" for a table cell: filled to the caseload, a mark at the cap."""

    def __init__(self, caseload: int, cap: int, width: float, height: float = 8) -> None:
        super().__init__()
        self.caseload, self.cap = caseload, cap
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab API
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        scale_max = max(self.cap, self.caseload) * 1.1 or 1
        c.setStrokeColor(RULE)
        c.setFillColor(colors.HexColor("#f3f4f6"))
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        colour = colors.HexColor("#a02c2c") if self.caseload > self.cap else (
            colors.HexColor("#8a5a00") if self.caseload == self.cap else ACCENT)
        c.setFillColor(colour)
        c.rect(0, 0, self.width * self.caseload / scale_max, self.height, stroke=0, fill=1)
        x = self.width * self.cap / scale_max
        c.setStrokeColor(INK)
        c.setLineWidth(1)
        c.line(x, -1.5, x, self.height + 1.5)
