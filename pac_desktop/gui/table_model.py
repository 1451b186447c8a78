"""The one base of the app's table models: frozen rows from a service, shown through declared columns.

A ``Column`` says how one column reads a row: its text, and if it needs them its icon, tooltip, accessible text
and any other role (a sort key, a colour, a font, an alignment…). Roles that do not depend on the column (the
row's id, the youth it is about) are given once to the model. ``data()`` only formats values already in memory:
it never runs SQL. Models that load their rows themselves (page by page, off the UI thread) subclass it and keep
their loading; the cells are still declared here.

By default a cell's tooltip is its text (the whole of a cut cell) and its accessible text is « En-tête : texte »,
so a screen reader says which column it is reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from .roles import IdRole, YouthIdRole

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
T = TypeVar("T")

#: A function of the row giving the value of one role.
RoleFn = Callable[[Any], Any]


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    icon: Callable[[T], QIcon | None] | None = None
    #: Default: the cell's text (None when empty).
    tooltip: Callable[[T], str | None] | None = None
    #: Default: « header : text » (« vide » when empty, or ``empty`` below).
    accessible: Callable[[T], str | None] | None = None
    #: Any other role of this column's cells: {role: function of the row}. It wins over the defaults above.
    roles: Mapping[int, Callable[[T], Any]] = field(default_factory=dict)
    #: The header's tooltip (e.g. « Trier par nom »).
    header_tooltip: str | None = None
    #: What the accessible text says of an empty cell.
    empty: str = "vide"


class TableModel(QAbstractTableModel, Generic[T]):
    """Rows shown through ``columns``; ``id_of``/``youth_of`` feed IdRole and YouthIdRole, ``roles`` any other
    role the whole row shares (checked after the column's own roles)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        id_of: Callable[[T], str | None] | None = None,
        youth_of: Callable[[T], str | None] | None = None,
        roles: Mapping[int, Callable[[T], Any]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[T] = []
        self._row_roles: dict[int, Callable[[T], Any]] = {}
        if id_of is not None:
            self._row_roles[IdRole] = id_of
        if youth_of is not None:
            self._row_roles[YouthIdRole] = youth_of
        self._row_roles.update(roles or {})
        # A view asks each visible cell for ~7 roles (font, colours, check state…) of which most are never answered
        # here: those return before anything else (a list of 100 youths repainted at each keystroke: 1,300 calls).
        self._answered_roles = frozenset(
            {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
             int(Qt.ItemDataRole.AccessibleTextRole), int(Qt.ItemDataRole.DecorationRole), *self._row_roles}
            | {int(role) for column in self._columns for role in column.roles}
        )

    # -- the rows -------------------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        """Replace every row (a reset: selections and scroll go back to the top)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_lines(self, lines: Iterable[T]) -> None:
        self.set_rows(lines)

    def append_rows(self, rows: Sequence[T]) -> None:
        """Add rows at the end (the next page of a list loaded lazily)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def refresh_cells(self) -> None:
        """Every cell may read differently (something the columns read outside the rows changed)."""
        if self._rows and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def line(self, row: int) -> T:
        return self._rows[row]

    def lines(self) -> tuple[T, ...]:
        return tuple(self._rows)

    def column(self, section: int) -> Column[T]:
        return self._columns[section]

    # -- Qt's model -----------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].header_tooltip
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in self._answered_roles:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in column.roles:
            return column.roles[role](row)
        if role in self._row_roles:
            return self._row_roles[role](row)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else (column.text(row) or None)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column.accessible is not None:
                return column.accessible(row)
            return f"{column.header} : {column.text(row) or column.empty}"
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            return column.icon(row)
        return None
