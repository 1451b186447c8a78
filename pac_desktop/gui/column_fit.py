"""Column widths for a table whose titles are longer than its cells (the Repérage worklist at 1366×768).

Qt sizes every column title with room for the sort arrow, sorted column or not: eight titles lose about 240 px,
and the column left to stretch was squeezed to nothing (« Prochaine action » shown as « ine »). Here each column
is as wide as its cells and its title, the arrow's room kept for the sorted column only, and one column takes what
is left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView


def fit_columns(view: QTableView, *, stretch: int) -> None:
    """Set once: the columns sized by :func:`refit_columns` (call it when the rows or the sort change)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    view.setProperty("fit_stretch_column", stretch)
    header.sortIndicatorChanged.connect(lambda *_args: refit_columns(view))
    refit_columns(view)


def refit_columns(view: QTableView) -> None:
    header = view.horizontalHeader()
    stretch = view.property("fit_stretch_column")
    model = view.model()
    shown = header.isSortIndicatorShown()
    header.blockSignals(True)
    header.setSortIndicatorShown(False)
    plain = [header.sectionSizeHint(c) for c in range(header.count())]
    header.setSortIndicatorShown(shown)
    header.blockSignals(False)
    sorted_column = header.sortIndicatorSection() if shown else -1
    bold = QFont(header.font())
    bold.setBold(True)  # the titles' look (theme.py); the widest of the two fonts
    metrics = QFontMetrics(bold)
    widths: dict[int, int] = {}
    slack: dict[int, int] = {}  # what a title's margins can give when the room is short
    for column in range(header.count()):
        if column == stretch or header.isSectionHidden(column):
            continue
        title = header.sectionSizeHint(column) if column == sorted_column else plain[column]
        cells = view.sizeHintForColumn(column)
        widths[column] = max(cells, title)
        text = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else ""
        tight = metrics.horizontalAdvance(str(text or "")) + 12 + (title - plain[column])
        slack[column] = max(0, widths[column] - max(cells, tight))
    wanted = view.sizeHintForColumn(stretch) if stretch is not None else 0
    short = sum(widths.values()) + wanted - view.viewport().width()
    for column in sorted(slack, key=slack.get, reverse=True):
        if short <= 0:
            break
        give = min(slack[column], short)
        widths[column] -= give
        short -= give
    for column, width in widths.items():
        header.resizeSection(column, width)


#: The property of a view whose rows :func:`fit_rows` measures: its timer.
FIT_ROWS_TIMER = "fit_rows_timer"


def fit_rows(view: QTableView, *, wrapped: int) -> None:
    """Set once: each row as tall as its cells, the ``wrapped`` column's text on as many lines as its width needs.

    Not the vertical header's ResizeToContents: with word wrap it measured every cell again at each layout pass
    (16,000 ``data()`` calls and ~300 ms for the home page's 150 rows, issue 16). Here the rows are measured once
    the view has its width, and again only when the wrapped column's width changes. Call :func:`refit_rows` when
    the rows change.
    """
    view.setWordWrap(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(view.resizeRowsToContents)
    view.setProperty(FIT_ROWS_TIMER, timer)  # refit_rows starts it; the tests' layout checks look for it

    def on_section_resized(column: int, _old: int, _new: int) -> None:
        if column == wrapped:
            timer.start()

    view.horizontalHeader().sectionResized.connect(on_section_resized)


def refit_rows(view: QTableView) -> None:
    """Measure the rows again at the next turn of the event loop, once the view is laid out (coalesced)."""
    timer = view.property(FIT_ROWS_TIMER)
    if isinstance(timer, QTimer):
        timer.start()
