"""The Repérage worklist's table model: pages of lines fetched from ``services.worklist``, never SQL in ``data()``.

Like the Jeunes list (gui/youths/list_model.py): ``set_search`` starts a request whose first page replaces the
lines (a page for an older request is dropped); ``canFetchMore``/``fetchMore`` append the next page when the view
is scrolled to the end, so a worklist of 20,000 youths opens at once and reads on; ``sort`` sorts in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from pac_desktop.services.reperage import WorklistFilters, WorklistPage, WorklistRow, WorklistSort

from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

_Index = QModelIndex | QPersistentModelIndex

#: search(query=, filters=, sort=, descending=, offset=, limit=) -> WorklistPage, bound to the actor by the caller.
SearchFn = Callable[..., WorklistPage]
#: Lines fetched at once; the next ones come as the list is scrolled.
PAGE_SIZE = 200


class WorklistModel(TableModel[WorklistRow]):
    page_loaded = Signal(object)  # the WorklistPage that (re)started the list
    page_appended = Signal(int)  # lines now loaded, after a fetchMore
    search_failed = Signal(str)  # French message

    def __init__(self, columns: Sequence[Column[WorklistRow]], *, column_sorts: Sequence[WorklistSort],
                 search: SearchFn, tasks: TaskRunner, page_size: int = PAGE_SIZE, parent: Any = None) -> None:
        super().__init__(columns, id_of=lambda r: r.id, youth_of=lambda r: r.id, parent=parent)
        self._column_sorts = tuple(column_sorts)
        self._search = search
        self._tasks = tasks
        self._page_size = page_size
        self._total = 0
        self._query = ""
        self._filters = WorklistFilters()
        self.sort_key = WorklistSort.NEXT_DUE
        self.descending = False
        self._request = 0
        self._loading: TaskHandle | None = None
        self._fetching: TaskHandle | None = None
        self._resetting = False

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading is not None or self._fetching is not None

    def set_search(self, query: str, filters: WorklistFilters) -> int:
        self._query, self._filters = query, filters
        return self.reload()

    def _run(self, offset: int, on_success: Callable[[WorklistPage], None]) -> TaskHandle:
        return self._tasks.run_task(
            partial(self._search, query=self._query, filters=self._filters, sort=self.sort_key,
                    descending=self.descending, offset=offset, limit=self._page_size),
            on_success=on_success, on_failure=partial(self._on_failed, self._request), lane=Lane.DB_READ,
            owner=self)

    def reload(self) -> int:
        """The current search again from its first page (after a change, a sort, a new filter)."""
        self._request += 1
        for handle in (self._loading, self._fetching):
            if handle is not None:
                handle.cancel()
        self._fetching = None
        self._loading = self._run(0, partial(self._on_first_page, self._request))
        return self._request

    def _on_first_page(self, request: int, page: WorklistPage) -> None:
        if request != self._request:
            return
        self._loading = None
        self._resetting = True  # no fetchMore while the lines are replaced
        self._total = page.total
        self.set_lines(page.rows)
        self._resetting = False
        self.page_loaded.emit(page)

    def _on_failed(self, request: int, failure: TaskFailure) -> None:
        if request != self._request:
            return
        self._loading = self._fetching = None
        self.search_failed.emit(failure.message)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        if parent.isValid() or self._resetting or self._loading is not None or self._fetching is not None:
            return False
        return self.rowCount() < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        offset = self.rowCount()
        self._fetching = self._run(offset, partial(self._on_next_page, self._request, offset))

    def _on_next_page(self, request: int, offset: int, page: WorklistPage) -> None:
        if request != self._request:
            return
        self._fetching = None
        if offset != self.rowCount():
            return  # the lines changed meanwhile: the view asks again
        self._total = page.total
        known = {line.id for line in self.lines()}
        fresh = [row for row in page.rows if row.id not in known]  # a line may have moved between pages
        if fresh:
            self.append_rows(fresh)
        elif not page.rows:
            self._total = self.rowCount()  # the list shrank meanwhile: nothing more to fetch
        self.page_appended.emit(self.rowCount())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._column_sorts):
            return
        key, descending = self._column_sorts[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.reload()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and 0 <= section < self.columnCount()):
            return f"Trier par « {super().headerData(section, orientation).lower()} »"
        return super().headerData(section, orientation, role)
