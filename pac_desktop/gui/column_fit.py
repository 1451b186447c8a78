"""Column widths for a table whose titles are longer than its cells (the Repérage worklist at 1366×768).

Qt sizes every column title with room for the sort arrow, sorted column or not: eight titles lose about 240 px,
and the column left to stretch was squeezed to nothing (« Prochaine action » shown as « ine »). Here each column
is as wide as its cells and its title, the arrow's room kept for the sorted column only, and one column takes what
is left. In a table whose rows grow to fit their cells (:func:`fit_rows`), the columns also give room, down to their
longest word, when the one that stretches would be narrower than its own (the home page's cards at 1366×768).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

#: The property of a view whose rows :func:`fit_rows` measures: its timer.
FIT_ROWS_TIMER = "fit_rows_timer"
#: Rows read for a column's longest word (the lists that wrap are short: the home page's hold 50 lines).
WORD_ROWS = 200


def fit_columns(view: QTableView, *, stretch: int) -> None:
    """Set once: the columns sized by :func:`refit_columns` (call it when the rows or the sort change)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    view.setProperty("fit_stretch_column", stretch)
    header.sortIndicatorChanged.connect(lambda *_args: refit_columns(view))
    refit_columns(view)


def title_metrics(header: QHeaderView) -> QFontMetrics:
    """The metrics of the column titles' font: bold (theme.py), the widest of the two. Qt's own measure of a title
    (``sectionSizeHint``) keeps the sort arrow's room for every column, sorted or not."""
    bold = QFont(header.font())
    bold.setBold(True)
    return QFontMetrics(bold)


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
    metrics = title_metrics(header)
    widths: dict[int, int] = {}
    slack: dict[int, int] = {}  # what a title's margins can give when the room is short
    titles: dict[int, int] = {}  # the room a title needs at the least
    for column in range(header.count()):
        if column == stretch or header.isSectionHidden(column):
            continue
        title = header.sectionSizeHint(column) if column == sorted_column else plain[column]
        cells = view.sizeHintForColumn(column)
        widths[column] = max(cells, title)
        text = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else ""
        tight = metrics.horizontalAdvance(str(text or "")) + 12 + (title - plain[column])
        slack[column] = max(0, widths[column] - max(cells, tight))
        titles[column] = tight
    wanted = view.sizeHintForColumn(stretch) if stretch is not None else 0
    short = sum(widths.values()) + wanted - view.viewport().width()
    for column in sorted(slack, key=slack.get, reverse=True):
        if short <= 0:
            break
        give = min(slack[column], short)
        widths[column] -= give
        short -= give
    if short > 0 and stretch is not None and view.property(FIT_ROWS_TIMER) is not None:
        # Rows as tall as their cells (fit_rows): the widest columns give room too and wrap, down to their longest
        # word; the column left to stretch gets its own longest word at the least (the home page's « Lieu » at
        # 1366 px was 50 px wide, « Garonne » cut inside the word).
        short += _longest_word(view, stretch) - wanted
        for column in sorted(widths, key=widths.get, reverse=True):
            if short <= 0:
                break
            give = min(widths[column] - max(_longest_word(view, column), titles[column]), short)
            if give > 0:
                widths[column] -= give
                short -= give
    for column, width in widths.items():
        header.resizeSection(column, width)


def _longest_word(view: QTableView, column: int) -> int:
    """The room of a column's longest word (and the icon before it, if any): narrower, a word would be cut."""
    model = view.model()
    metrics = view.fontMetrics()
    widest, icon = 0, False
    for row in range(min(model.rowCount(), WORD_ROWS)):
        index = model.index(row, column)
        for word in str(index.data() or "").split():
            widest = max(widest, metrics.horizontalAdvance(word))
        icon = icon or index.data(Qt.ItemDataRole.DecorationRole) is not None
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    return widest + margin + (view.iconSize().width() + margin if icon else 0)


def fit_rows(view: QTableView, *, wrapped: int) -> None:
    """Set once: each row as tall as its cells, the ``wrapped`` column's text on as many lines as its width needs.

    Not the vertical header's ResizeToContents: with word wrap it measured every cell again at each layout pass
    (16,000 ``data()`` calls and ~300 ms for the home page's 150 rows, issue 16). Here the rows are measured once
    the view has its width, and again only when the wrapped column's width changes (the window resized); the
    columns too with :func:`fit_columns`. Call :func:`refit_rows` when the rows change.
    """
    view.setWordWrap(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: _fit_now(view, timer))
    view.setProperty(FIT_ROWS_TIMER, timer)  # refit_rows starts it; the tests' layout checks look for it

    def on_section_resized(column: int, _old: int, _new: int) -> None:
        if column == wrapped:
            timer.start()

    view.horizontalHeader().sectionResized.connect(on_section_resized)


def _fit_now(view: QTableView, timer: QTimer) -> None:
    if view.property("fit_stretch_column") is not None:  # fit_columns too: the room depends on the view's width
        refit_columns(view)
    view.resizeRowsToContents()
    timer.stop()  # the stretched column's change this fit just made asks for no second one


def refit_rows(view: QTableView) -> None:
    """Measure the rows (and the columns, with :func:`fit_columns`) again at the next turn of the event loop, once
    the view is laid out (coalesced)."""
    timer = view.property(FIT_ROWS_TIMER)
    if isinstance(timer, QTimer):
        timer.start()
