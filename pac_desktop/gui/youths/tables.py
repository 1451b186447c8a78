"""Small read-only table models over the service's frozen lines (the case file's tabs, "À faire", reviews).

A ``Column`` says how one column reads a line; ``data()`` only formats values already in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from ..roles import IdRole, YouthIdRole

_Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    icon: Callable[[T], QIcon | None] | None = None
    tooltip: Callable[[T], str | None] | None = None


class LinesModel(QAbstractTableModel, Generic[T]):
    """Lines shown as rows; ``id_of``/``youth_of`` feed IdRole and YouthIdRole."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        id_of: Callable[[T], str | None] | None = None,
        youth_of: Callable[[T], str | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._lines: tuple[T, ...] = ()
        self._id_of = id_of
        self._youth_of = youth_of

    def set_lines(self, lines: Sequence[T]) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self.endResetModel()

    def line(self, row: int) -> T:
        return self._lines[row]

    def lines(self) -> tuple[T, ...]:
        return self._lines

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        line = self._lines[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(line)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(line) if column.tooltip else (column.text(line) or None)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.header} : {column.text(line) or 'vide'}"
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            return column.icon(line)
        if role == IdRole and self._id_of is not None:
            return self._id_of(line)
        if role == YouthIdRole and self._youth_of is not None:
            return self._youth_of(line)
        return None


class CheckListModel(QAbstractListModel):
    """Choices with a check box each (the youths, staff and partners of a case review)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, str]] = []
        self._checked: set[str] = set()

    def set_items(self, items: Sequence[tuple[str, str]], *, keep_checked: bool = True) -> None:
        """(id, label) pairs; checked ids stay checked (and listed first) when the list is filtered."""
        self.beginResetModel()
        if not keep_checked:
            self._checked.clear()
        seen = {i for i, _ in items}
        kept = [item for item in self._items if item[0] in self._checked and item[0] not in seen]
        self._items = kept + list(items)
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        return [i for i, _ in self._items if i in self._checked]

    def set_checked(self, item_id: str, checked: bool) -> None:
        for row, (i, _) in enumerate(self._items):
            if i == item_id:
                self.setData(self.index(row), Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                             Qt.ItemDataRole.CheckStateRole)  # fmt: skip
                return
        if checked:
            self._checked.add(item_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item_id, label = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item_id in self._checked else Qt.CheckState.Unchecked
        if role == IdRole:
            return item_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        item_id = self._items[index.row()][0]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked:
            self._checked.add(item_id)
        else:
            self._checked.discard(item_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def repolish_roles(root: QWidget) -> None:
    """Apply the style sheet's ``role`` rules again under ``root``.

    uic sets the ``role`` properties in retranslateUi, at the end of setupUi; a QTabWidget has polished its
    pages' labels before that, so their headings would keep the body font without this.
    """
    for widget in root.findChildren(QWidget):
        if widget.property("role"):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
