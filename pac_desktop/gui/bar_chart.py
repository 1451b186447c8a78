"""A small horizontal bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Grouped bars (one bar per series in each category) or stacked bars (one bar per category, cut into series,
optionally scaled to 100 %). Every bar carries its figure in text and the legend names every colour: colour
is never the only way to read it (UX.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

# The same restrained series colours as the printed charts.
SERIES_COLOURS = ("#1f3a5f", "#c9a227", "#6d8fb3", "#7a9e7e", "#b5651d", "#8e7cc3", "#a8b4c0", "#4f6d4f",
                  "#d08c8c", "#5b6470", "#3d5f8a", "#a02c2c")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str


class BarChart(QWidget):
    """``set_data(categories, series, stacked=…, percent=…)``; nothing is computed here, only drawn."""

    BAR = 14
    GAP = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._categories: tuple[str, ...] = ()
        self._series: tuple[Series, ...] = ()
        self._stacked = False
        self._percent = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, categories: Sequence[str], series: Sequence[Series], *, stacked: bool = False,
                 percent: bool = False) -> None:
        self._categories = tuple(categories)
        self._series = tuple(series)
        self._stacked, self._percent = stacked, percent
        self.setAccessibleDescription(self.text_summary())
        self.updateGeometry()
        self.update()

    def text_summary(self) -> str:
        """The chart's figures as text (accessibility, tooltips, tests)."""
        parts = []
        for i, category in enumerate(self._categories):
            values = ", ".join(f"{s.name} : {s.values[i]}" for s in self._series if s.values[i])
            parts.append(f"{category} — {values or 'aucun'}")
        return " ; ".join(parts)

    def _rows_per_category(self) -> int:
        return 1 if self._stacked else max(1, len(self._series))

    def _legend_lines(self) -> int:
        return 0 if len(self._series) < 2 else (len(self._series) + 2) // 3

    def _bar_height(self, metrics: QFontMetrics) -> int:
        # A row is never lower than a line of text: the accents of capitals (« É », « À ») stay inside it.
        return max(self.BAR, metrics.height() + 2)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        rows = len(self._categories) * (self._rows_per_category() * self._bar_height(metrics) + self.GAP)
        return QSize(420, rows + self._legend_lines() * (line + 4) + 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        bar = self._bar_height(metrics)
        text_colour = self.palette().windowText().color()
        label_width = min(max((metrics.horizontalAdvance(c) for c in self._categories), default=0) + 10,
                          int(self.width() * 0.42))
        value_room = metrics.horizontalAdvance("0000") + 8
        plot_width = max(10, self.width() - label_width - value_room)
        if self._stacked:
            totals = [sum(s.values[i] for s in self._series) for i in range(len(self._categories))]
            top = max(totals, default=0) or 1
        else:
            top = max((max(s.values, default=0) for s in self._series), default=0) or 1
        y = 4
        for ci, category in enumerate(self._categories):
            rows = self._rows_per_category()
            band = rows * bar
            painter.setPen(text_colour)
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(0, y, label_width - 8, band), Qt.AlignmentFlag.AlignRight |
                             Qt.AlignmentFlag.AlignVCenter, label)
            if self._stacked:
                total = sum(s.values[ci] for s in self._series)
                scale = plot_width / (total if self._percent and total else top)
                x = float(label_width)
                for s in self._series:
                    width = s.values[ci] * scale
                    if width <= 0:
                        continue
                    colour = QColor(s.colour)
                    painter.fillRect(QRectF(x, y, width, bar), colour)
                    if colour.lightness() > 220:  # a very pale segment keeps an outline
                        painter.setPen(QColor("#a8b4c0"))
                        painter.drawRect(QRectF(x, y, width, bar).adjusted(0.5, 0.5, -0.5, -0.5))
                    text = str(s.values[ci])
                    if metrics.horizontalAdvance(text) + 4 < width:
                        painter.setPen(QColor("white") if colour.lightness() < 140 else QColor("#1b1f24"))
                        painter.drawText(QRectF(x, y, width, bar), Qt.AlignmentFlag.AlignCenter, text)
                    x += width
                if not self._percent:
                    painter.setPen(text_colour)
                    painter.drawText(QRectF(x + 4, y, value_room, bar), Qt.AlignmentFlag.AlignVCenter,
                                     str(total))
            else:
                for si, s in enumerate(self._series):
                    by = y + si * bar
                    width = s.values[ci] * plot_width / top
                    painter.fillRect(QRectF(label_width, by + 1, width, bar - 2), QColor(s.colour))
                    painter.setPen(text_colour)
                    painter.drawText(QRectF(label_width + width + 4, by, value_room, bar),
                                     Qt.AlignmentFlag.AlignVCenter, str(s.values[ci]))
            y += band + self.GAP
        # Legend, three to a line.
        if len(self._series) >= 2:
            column = self.width() / 3
            line = metrics.height() + 4
            for i, s in enumerate(self._series):
                lx, ly = (i % 3) * column, y + (i // 3) * line
                painter.fillRect(QRectF(lx, ly + 3, 10, 10), QColor(s.colour))
                painter.setPen(QColor("#a8b4c0"))
                painter.drawRect(QRectF(lx, ly + 3, 10, 10))
                painter.setPen(text_colour)
                painter.drawText(QRectF(lx + 14, ly, column - 16, line), Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(s.name, Qt.TextElideMode.ElideRight, int(column) - 16))
        painter.end()
