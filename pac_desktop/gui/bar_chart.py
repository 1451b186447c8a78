"""A small horizontal bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Grouped bars (one bar per series in each category) or stacked bars (one bar per category, cut into series,
optionally scaled to 100 %). Every bar carries its figure in text and the legend names every colour: colour
is never the only way to read it (UX.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
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

    def _bar_height(self, metrics: QFontMetrics) -> int:
        # A row is never lower than a line of text: the accents of capitals (« É », « À ») stay inside it.
        return max(self.BAR, metrics.height() + 2)

    def _label_width(self, metrics: QFontMetrics, width: int) -> int:
        widest = max((metrics.horizontalAdvance(c) for c in self._categories), default=0) + 10
        return min(widest, int(width * 0.42))

    def _label_rect(self, metrics: QFontMetrics, text: str, label_width: int) -> QRect:
        return metrics.boundingRect(QRect(0, 0, max(20, label_width - 8), 10_000),
                                    int(Qt.AlignmentFlag.AlignRight | Qt.TextFlag.TextWordWrap), text)

    def _bands(self, metrics: QFontMetrics, width: int) -> list[int]:
        """Each category's height: its bars, or its label wrapped onto more lines when it is longer."""
        bars = self._rows_per_category() * self._bar_height(metrics)
        label_width = self._label_width(metrics, width)
        return [max(bars, self._label_rect(metrics, c, label_width).height()) for c in self._categories]

    def _legend_items(self, metrics: QFontMetrics, width: int) -> list[tuple[int, int]]:
        """(x, line) of each legend entry, whole names flowing onto as many lines as they need."""
        if len(self._series) < 2:
            return []
        items, x, line = [], 0, 0
        for s in self._series:
            needed = 14 + metrics.horizontalAdvance(s.name) + 16
            if x and x + needed > width:
                x, line = 0, line + 1
            items.append((x, line))
            x += needed
        return items

    def _height_for(self, width: int) -> int:
        metrics = QFontMetrics(self.font())
        legend = self._legend_items(metrics, width)
        lines = (legend[-1][1] + 1) if legend else 0
        return 4 + sum(b + self.GAP for b in self._bands(metrics, width)) + lines * (metrics.height() + 4) + 8

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._height_for(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = max(self.width(), 420)
        return QSize(420, self._height_for(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, self._height_for(max(self.width(), 260)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.height() != self._height_for(self.width()):
            self.setMinimumHeight(self._height_for(self.width()))
            self.updateGeometry()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        bar = self._bar_height(metrics)
        text_colour = self.palette().windowText().color()
        label_width = self._label_width(metrics, self.width())
        bands = self._bands(metrics, self.width())
        value_room = metrics.horizontalAdvance("0000") + 8
        plot_width = max(10, self.width() - label_width - value_room)
        if self._stacked:
            totals = [sum(s.values[i] for s in self._series) for i in range(len(self._categories))]
            top = max(totals, default=0) or 1
        else:
            top = max((max(s.values, default=0) for s in self._series), default=0) or 1
        y = 4
        for ci, category in enumerate(self._categories):
            band = bands[ci]
            painter.setPen(text_colour)
            # The whole label, wrapped when long (« CIO (et établissements de l'Éducation nationale) »).
            painter.drawText(QRectF(0, y, label_width - 8, band), int(Qt.AlignmentFlag.AlignRight |
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap), category)
            y_label = y
            y += (band - self._rows_per_category() * bar) / 2  # the bars centred on their label
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
            y = y_label + band + self.GAP
        # Legend: whole names, flowing onto as many lines as they need.
        line = metrics.height() + 4
        for (lx, number), s in zip(self._legend_items(metrics, self.width()), self._series, strict=False):
            ly = y + number * line
            painter.fillRect(QRectF(lx, ly + 3, 10, 10), QColor(s.colour))
            painter.setPen(QColor("#a8b4c0"))
            painter.drawRect(QRectF(lx, ly + 3, 10, 10))
            painter.setPen(text_colour)
            painter.drawText(QRectF(lx + 14, ly, metrics.horizontalAdvance(s.name) + 4, line),
                             Qt.AlignmentFlag.AlignVCenter, s.name)
        painter.end()
