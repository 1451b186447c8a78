"""The check list of the case reviews and sessions (a list, not a table: the table models are
``gui.table_model.TableModel``), and the case file's style helper."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ..roles import IdRole

_Index = QModelIndex | QPersistentModelIndex


# A one-column list of check boxes (editable check state), not a table: Qt's list base fits it better than TableModel.
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
