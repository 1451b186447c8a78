"""What a 1366×768 screen hides: texts cut or elided, horizontal scroll bars nobody meant, mnemonics that clash.

``clipping(root)`` lists, for every visible widget under ``root``:
- a label (not word-wrapped), a button or a check box narrower than its text;
- a combo box narrower than its current text;
- an item view cell whose text is wider than its column (views may name, in their ``elide_columns`` property,
  the columns where eliding a long note is meant);
- a table whose row header shows with nothing in it (an empty first column);
- a scroll area whose horizontal scroll bar shows (unless its ``horizontal_scroll_ok`` property is set).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtGui import Qt as GuiQt  # QtGui's Qt namespace has mightBeRichText (QtCore's does not)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

from pac_desktop.gui.column_fit import FIT_ROWS_TIMER

SLACK = 2  # pixels of rounding


def _name(widget: QWidget) -> str:
    parts = []
    w: QWidget | None = widget
    while w is not None and len(parts) < 3:
        parts.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(parts))


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.visibleRegion().boundingRect().width() > 0


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipping(root: QWidget, *, rows: int = 30) -> list[str]:
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget):
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and widget.pixmap().isNull():
            if widget.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(widget.text()):
                needed = widget.sizeHint().width()
            else:
                needed = widget.sizeHint().width()
            if needed > widget.width() + SLACK and not widget.property("elide_ok"):
                problems.append(f"label {_name(widget)} « {widget.text()[:60]} » needs {needed}, has {widget.width()}")
        elif isinstance(widget, QPushButton | QCheckBox | QRadioButton | QToolButton) and widget.text():
            needed = widget.sizeHint().width()
            if needed > widget.width() + SLACK:
                problems.append(f"button {_name(widget)} « {_plain(widget.text())} » needs {needed}, has {widget.width()}")
        elif isinstance(widget, QComboBox) and widget.currentText():
            metrics = QFontMetrics(widget.font())
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            field = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                  QStyle.SubControl.SC_ComboBoxEditField, widget)
            needed = metrics.horizontalAdvance(widget.currentText())
            if needed + 4 > field.width() and not widget.property("elide_ok"):
                problems.append(f"combo {_name(widget)} « {widget.currentText()} » needs {needed}, has {field.width()}")
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            problems += _view_clipping(widget, rows)
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QHeaderView):
            bar = widget.horizontalScrollBar()
            if bar.isVisible() and bar.maximum() > 0 and not widget.property("horizontal_scroll_ok"):
                problems.append(f"horizontal scroll bar in {_name(widget)} ({bar.maximum()} px hidden)")
    return problems


def _view_clipping(view: QAbstractItemView, rows: int) -> list[str]:
    """A column narrower than what its delegate asks for its widest visible cell (Qt elides that cell)."""
    model = view.model()
    if model is None or not isinstance(view, QTableView | QTreeView):
        return []
    empty = model.rowCount(QModelIndex()) == 0  # the titles still show: they are checked, the cells are not
    fitted_rows = isinstance(view, QTableView) and view.property(FIT_ROWS_TIMER) is not None  # column_fit.fit_rows
    if isinstance(view, QTableView) and view.wordWrap() and (
            fitted_rows or view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents):
        wraps = True  # cells wrap onto more lines instead of eliding; only single words could be cut
    else:
        wraps = False
    short_rows = [row for row in range(min(rows, model.rowCount(QModelIndex())))
                  if fitted_rows and view.rowHeight(row) < view.sizeHintForRow(row)]
    allowed = set(view.property("elide_columns") or [])
    if isinstance(view, QTableView) and view.verticalHeader().isVisible() and not empty \
            and not model.headerData(0, Qt.Orientation.Vertical):
        problems_head = [f"empty first column in {_name(view)}: its row header shows, with nothing in it"]
    else:
        problems_head = []
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    problems = problems_head + [f"row {_name(view)}[{row}] lower than its wrapped cells" for row in short_rows[:1]]
    if fitted_rows and not empty:  # cells wrap, but a word narrower than its column is cut (« Garon » for Garonne)
        metrics = view.fontMetrics()
        for column in range(model.columnCount(QModelIndex())):
            if view.horizontalHeader().isSectionHidden(column):
                continue
            words = [w for r in range(min(rows, model.rowCount(QModelIndex())))
                     for w in str(model.index(r, column).data() or "").split()]
            word = max(words, key=metrics.horizontalAdvance, default="")
            if metrics.horizontalAdvance(word) > view.horizontalHeader().sectionSize(column):
                problems.append(f"column {_name(view)}[{column}] cuts the word « {word} »")
    if header.isVisible():  # a column title squeezed (« Prochaine action » shown as « ine »)
        font = QFont(header.font())
        font.setWeight(QFont.Weight.DemiBold)  # the titles' look (theme.py: font-weight 600)
        metrics = QFontMetrics(font)
        for column in range(model.columnCount(QModelIndex())):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            if header.isSectionHidden(column) or not isinstance(title, str) or not title:
                continue
            needed = max(metrics.horizontalAdvance(line) for line in title.splitlines())
            width = header.sectionSize(column)
            seen = _title_seen(view, header, column, needed)
            if needed > width + SLACK or seen < needed - SLACK:
                problems.append(f"column title {_name(view)}[{column}] « {title} » needs {needed}, has "
                                f"{min(width, seen)}")
    for column in range(model.columnCount(QModelIndex())):
        if column in allowed or header.isSectionHidden(column) or wraps or empty:
            continue
        needed = view.sizeHintForColumn(column)
        width = _seen_width(view, header, column)
        if needed > width:
            texts = [model.index(r, column).data() for r in range(min(rows, model.rowCount(QModelIndex())))]
            longest = max((t for t in texts if isinstance(t, str)), key=len, default="")
            problems.append(f"column {_name(view)}[{column}] « {longest[:40]} » needs {needed}, has {width}")
    return problems


def _seen_width(view: QAbstractItemView, header: QHeaderView, column: int) -> int:
    """The width of a column one can see: its section, less what runs past the view's right edge when no
    horizontal scroll bar brings it back (« Jeunes » shown as « Jeur » beside a stretched column)."""
    width = header.sectionSize(column)
    bar = view.horizontalScrollBar()
    if bar.isVisible() and bar.maximum() > 0:
        return width
    left = header.sectionViewportPosition(column)
    return max(0, min(left + width, view.viewport().width()) - max(left, 0))


def _title_seen(view: QAbstractItemView, header: QHeaderView, column: int, needed: int) -> int:
    """How much of a title one can see: drawn as the header aligns it in its section, less what runs past the
    view's edges when no horizontal scroll bar brings it back."""
    bar = view.horizontalScrollBar()
    if bar.isVisible() and bar.maximum() > 0:
        return needed
    left, width = header.sectionViewportPosition(column), header.sectionSize(column)
    if header.defaultAlignment() & Qt.AlignmentFlag.AlignHCenter:
        start = left + (width - needed) // 2
    elif header.defaultAlignment() & Qt.AlignmentFlag.AlignRight:
        start = left + width - needed
    else:
        start = left
    return max(0, min(start + needed, view.viewport().width()) - max(start, 0))


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Letters used by two visible mnemonics of ``window`` (labels with a buddy, buttons, check boxes, tabs)."""
    from PySide6.QtWidgets import QGroupBox, QTabBar

    seen: dict[str, list[str]] = {}

    def add(text: str, where: str) -> None:
        i = text.replace("&&", "").find("&")
        if i >= 0 and i + 1 < len(text.replace("&&", "")):
            letter = text.replace("&&", "")[i + 1].lower()
            seen.setdefault(letter, []).append(f"{where} « {_plain(text)} »")

    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), _name(widget))
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.buddy().isVisible() \
                and widget.textFormat() != Qt.TextFormat.RichText and not GuiQt.mightBeRichText(widget.text()):
            add(widget.text(), _name(widget))
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title(), _name(widget))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i) and widget.isTabEnabled(i):
                    add(widget.tabText(i), f"{_name(widget)}#{i}")
    return [f"Alt+{letter.upper()}: " + ", ".join(items) for letter, items in sorted(seen.items()) if len(items) > 1]


def tab_widgets(root: QWidget) -> list:
    """The visible tab widgets at or under ``root`` that are not inside another visible tab widget's page (the
    walk reaches nested ones through their parent's tabs)."""
    from PySide6.QtWidgets import QTabWidget

    found = [t for t in [root, *root.findChildren(QTabWidget)] if isinstance(t, QTabWidget) and t.isVisible()]
    return [t for t in found if not any(o is not t and o.isAncestorOf(t) for o in found)]


def walk_tabs(root: QWidget, visit, path: str = "") -> None:
    """Show every tab of every visible tab widget under ``root``, nested ones included, and call
    ``visit(path)`` on each (« Administration › Réglages »); each tab widget is left on its first tab."""
    for tabs in tab_widgets(root):
        start = tabs.currentIndex()
        for i in range(tabs.count()):
            if not tabs.isTabVisible(i) or not tabs.isTabEnabled(i):
                continue
            tabs.setCurrentIndex(i)
            where = f"{path} › {_plain(tabs.tabText(i))}" if path else _plain(tabs.tabText(i))
            visit(where)
            page = tabs.widget(i)
            for inner in tab_widgets(page):
                if inner is not tabs:
                    walk_tabs(inner, visit, where)
        tabs.setCurrentIndex(start)
