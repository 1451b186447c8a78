"""The "Jeunes" list model: pages of light rows fetched from the youth service, never SQL in ``data()``.

- ``set_search(query, filters)`` starts a new request: the first page is fetched off the UI thread (lane
  db_read) and replaces the rows when it arrives. Every request has an id; a page that arrives for an older
  request (the user kept typing) is dropped, so the list never shows stale results.
- ``canFetchMore``/``fetchMore``: the view asks for the next page when it is scrolled to the end (lazy loading).
- ``sort(column, order)`` sorts in SQL: it restarts the request with the new order.
- With a ``count`` function, a broad search by name comes back with "more than 500" (``count_pending``): the rows
  are on screen at once, and the exact count is asked for once the typing pauses (``COUNT_PAUSE_MS``), then
  ``count_settled`` is emitted. Counting up to 2,001 matches of one or two letters took 20–50 ms a keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QIcon

from pac_desktop.domain.enums import OutcomeMilestone
from pac_desktop.domain.french import format_date, format_date_short, relative_days
from pac_desktop.services.youths import DEFAULT_PAGE_SIZE, YouthFilters, YouthPage, YouthRow, YouthSort

from .. import icons, theme
from ..roles import SortRole
from ..table_model import Column, TableModel
from ..tasks import Lane, TaskFailure, TaskHandle, TaskRunner

_Index = QModelIndex | QPersistentModelIndex

#: search(query=, filters=, sort=, descending=, offset=, limit=[, count=]) -> YouthPage, bound to the actor by the
#: caller.
SearchFn = Callable[..., YouthPage]
#: count(query=, filters=) -> (matches up to the cap, more than that), bound to the actor by the caller.
CountFn = Callable[..., tuple[int, bool]]
#: The pause in the typing after which a pending count is asked for (a search per keystroke is not held back).
COUNT_PAUSE_MS = 150


class YouthColumn(IntEnum):
    NAME = 0
    BIRTH_DATE = 1
    AGE = 2
    TOWN = 3
    TERRITORY = 4
    REFERENT = 5
    STATUS = 6
    LAST_CONTACT = 7
    NEXT_OUTCOME = 8


HEADERS = {
    YouthColumn.NAME: "Nom",
    YouthColumn.BIRTH_DATE: "Né(e) le",
    YouthColumn.AGE: "Âge",
    YouthColumn.TOWN: "Commune",
    YouthColumn.TERRITORY: "Territoire",
    YouthColumn.REFERENT: "Référent",
    YouthColumn.STATUS: "Statut",
    YouthColumn.LAST_CONTACT: "Dernier contact",
    YouthColumn.NEXT_OUTCOME: "Prochaine situation",
}

COLUMN_SORT = {
    YouthColumn.NAME: YouthSort.NAME,
    YouthColumn.BIRTH_DATE: YouthSort.BIRTH_DATE,
    YouthColumn.AGE: YouthSort.AGE,
    YouthColumn.TOWN: YouthSort.TOWN,
    YouthColumn.TERRITORY: YouthSort.TERRITORY,
    YouthColumn.REFERENT: YouthSort.REFERENT,
    YouthColumn.STATUS: YouthSort.STATUS,
    YouthColumn.LAST_CONTACT: YouthSort.LAST_CONTACT,
    YouthColumn.NEXT_OUTCOME: YouthSort.NEXT_OUTCOME,
}


MILESTONE_SHORT = {
    OutcomeMilestone.MONTH_3: "3 mois",
    OutcomeMilestone.MONTH_6: "6 mois",
    OutcomeMilestone.MONTH_12: "12 mois",
    OutcomeMilestone.EXIT: "Sortie",
}


def cell_text(row: YouthRow, column: YouthColumn, today: date) -> str:
    if column is YouthColumn.NAME:
        return row.display_name
    if column is YouthColumn.BIRTH_DATE:
        return format_date_short(row.birth_date)
    if column is YouthColumn.AGE:
        return "" if row.age is None else f"{row.age} ans"
    if column is YouthColumn.TOWN:
        return row.town or ""
    if column is YouthColumn.TERRITORY:
        return row.territory_name
    if column is YouthColumn.REFERENT:
        return row.referent_name or "—"
    if column is YouthColumn.STATUS:
        return row.status.label
    if column is YouthColumn.LAST_CONTACT:
        return relative_days(row.last_contact_on, today).capitalize() if row.last_contact_on else "Aucun"
    if row.next_outcome_due_on is None:
        return ""
    milestone = MILESTONE_SHORT.get(row.next_outcome_milestone, "") if row.next_outcome_milestone else ""
    text = f"{milestone} · {format_date_short(row.next_outcome_due_on)}" if milestone else ""
    return text + (" · en retard" if row.next_outcome_due_on < today else "")


def cell_tooltip(row: YouthRow, column: YouthColumn, today: date) -> str | None:
    if column is YouthColumn.LAST_CONTACT and row.last_contact_on:
        return f"Dernier contact le {format_date(row.last_contact_on)}"
    if column is YouthColumn.NEXT_OUTCOME and row.next_outcome_due_on and row.next_outcome_milestone:
        late = " — en retard" if row.next_outcome_due_on < today else ""
        return f"Situation {row.next_outcome_milestone.label.lower()} à renseigner le {format_date(row.next_outcome_due_on)}{late}"
    return cell_text(row, column, today) or None


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class YouthListModel(TableModel[YouthRow]):
    """Youths matching the current search, loaded page by page. Rows are the service's frozen ``YouthRow``s."""

    search_finished = Signal(object)  # the YouthPage that (re)started the list
    page_appended = Signal(int)  # rows now loaded, after a fetchMore
    search_failed = Signal(str)  # French message
    count_settled = Signal(int)  # the exact count (up to the cap) of the current request, once it came apart

    def __init__(
        self,
        *,
        search: SearchFn,
        tasks: TaskRunner,
        count: CountFn | None = None,
        today: Callable[[], date] = date.today,
        page_size: int = DEFAULT_PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__([self._column(column) for column in YouthColumn], id_of=lambda row: row.id,
                         youth_of=lambda row: row.id, parent=parent)  # fmt: skip
        self._search = search
        self._count = count
        self._tasks = tasks
        self._today = today
        #: The day the cells are written for, read once per page delivered: a repaint asks ~190 cells for it, and
        #: the store's clock cost ~7 µs a call.
        self._day = today()
        self._page_size = page_size
        self._total = 0
        self._total_capped = False
        self._last_page_full = False
        self._query = ""
        self._filters: YouthFilters | None = None
        self._sort = YouthSort.NAME
        self._descending = False
        self._request = 0  # id of the current request; pages of older ones are dropped
        self._loading: TaskHandle | None = None
        self._fetching: TaskHandle | None = None
        self._counting: TaskHandle | None = None
        self._count_pause = QTimer(self)
        self._count_pause.setSingleShot(True)
        self._count_pause.setInterval(COUNT_PAUSE_MS)
        self._count_pause.timeout.connect(self._ask_count)
        self._loaded_once = False
        self._started = False
        self._resetting = False

    # --- requests -----------------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def total_capped(self) -> bool:
        """True when there are more than ``total`` matches (the service stops counting at its cap)."""
        return self._total_capped

    @property
    def loading(self) -> bool:
        return self._loading is not None

    @property
    def request_id(self) -> int:
        return self._request

    @property
    def loaded_once(self) -> bool:
        return self._loaded_once

    @property
    def count_pending(self) -> bool:
        """The total is "more than" a first estimate; the exact count is on its way (``count_settled``)."""
        return self._count_pause.isActive() or self._counting is not None

    def set_search(self, query: str, filters: YouthFilters | None) -> int:
        """Start a new search; returns its request id."""
        self._query = query
        self._filters = filters
        self._started = True
        return self.reload()

    def reload(self) -> int:
        """Run the current search again from the first page (after a change or a sync)."""
        self._request += 1
        for handle in (self._loading, self._fetching, self._counting):
            if handle is not None:
                handle.cancel()
        self._fetching = self._counting = None
        self._count_pause.stop()
        request = self._request
        self._loading = self._tasks.run_task(
            partial(
                self._search,
                query=self._query,
                filters=self._filters,
                sort=self._sort,
                descending=self._descending,
                offset=0,
                limit=self._page_size,
                **self._count_argument(),
            ),
            on_success=partial(self._on_first_page, request),
            on_failure=partial(self._on_failed, request),
            lane=Lane.DB_READ,
            owner=self,
        )
        return request

    def _on_first_page(self, request: int, page: YouthPage) -> None:
        if request != self._request:
            return  # a newer search was started meanwhile
        self._loading = None
        self._loaded_once = True
        self._resetting = True  # no fetchMore while the rows are being replaced
        self._day = self._today()
        self.beginResetModel()
        self._rows = list(page.rows)  # the base's rows, replaced with the counts in one reset
        self._total = page.total
        self._total_capped = page.total_capped
        self._last_page_full = len(page.rows) >= self._page_size
        self._resetting = False
        self.endResetModel()
        if page.count_pending:
            self._count_pause.start()  # restarted by each keystroke: asked for once the typing pauses
        self.search_finished.emit(page)

    def _count_argument(self) -> dict[str, bool]:
        return {"count": False} if self._count is not None else {}

    def _ask_count(self) -> None:
        assert self._count is not None
        request = self._request
        self._counting = self._tasks.run_task(
            partial(self._count, query=self._query, filters=self._filters),
            on_success=partial(self._on_counted, request),
            on_failure=partial(self._on_failed, request),
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_counted(self, request: int, counted: tuple[int, bool]) -> None:
        if request != self._request:
            return
        self._counting = None
        self._total, self._total_capped = counted
        self.count_settled.emit(self._total)

    def _on_failed(self, request: int, failure: TaskFailure) -> None:
        if request != self._request:
            return
        self._loading = None
        self._fetching = None
        self._counting = None
        self.search_failed.emit(failure.message)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return False
        if self._resetting or self._loading is not None or self._fetching is not None:
            return False
        # Beyond a capped count ("plus de 2 000"), keep going as long as pages come back full.
        return len(self._rows) < self._total or (self._total_capped and self._last_page_full)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        request = self._request
        offset = len(self._rows)
        self._fetching = self._tasks.run_task(
            partial(
                self._search,
                query=self._query,
                filters=self._filters,
                sort=self._sort,
                descending=self._descending,
                offset=offset,
                limit=self._page_size,
                **self._count_argument(),
            ),
            on_success=partial(self._on_next_page, request, offset),
            on_failure=partial(self._on_failed, request),
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_next_page(self, request: int, offset: int, page: YouthPage) -> None:
        if request != self._request:
            return
        if offset != len(self._rows):
            self._fetching = None
            return  # asked for before the rows changed: the next fetchMore asks again
        if not page.count_pending:  # else the first estimate stands until the exact count comes
            self._total = page.total
            self._total_capped = page.total_capped
        self._last_page_full = len(page.rows) >= self._page_size
        known = {row.id for row in self._rows}
        fresh = [row for row in page.rows if row.id not in known]  # a row may have moved between pages
        if fresh:
            # _fetching stays set until the rows are in: a view asking for more meanwhile waits for this page.
            self.append_rows(fresh)
        elif len(page.rows) == 0:
            self._total = len(self._rows)  # the list shrank meanwhile: nothing more to fetch
        self._fetching = None
        self.page_appended.emit(len(self._rows))

    # --- sorting (in SQL) ---------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(YouthColumn):
            return
        sort = COLUMN_SORT[YouthColumn(column)]
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = sort, descending
        if self._started:
            self.reload()

    # --- Qt model -----------------------------------------------------------------------------------------

    def row_at(self, row: int) -> YouthRow:
        return self._rows[row]

    def _column(self, column: YouthColumn) -> Column[YouthRow]:
        header = HEADERS[column]
        sort_key: Callable[[YouthRow], str]
        if column in (YouthColumn.BIRTH_DATE, YouthColumn.AGE):
            sort_key = lambda row: row.birth_date.isoformat()  # noqa: E731
        else:
            sort_key = lambda row: cell_text(row, column, self._day)  # noqa: E731
        roles: dict[int, Callable[[YouthRow], Any]] = {SortRole: sort_key}
        if column is YouthColumn.AGE:
            roles[Qt.ItemDataRole.TextAlignmentRole] = lambda _row: _RIGHT
        return Column(
            header,
            lambda row: cell_text(row, column, self._day),
            icon=self._late_icon if column is YouthColumn.NEXT_OUTCOME else None,
            tooltip=lambda row: cell_tooltip(row, column, self._day),
            roles=roles,
            header_tooltip=f"Trier par {header.lower()}",
            empty="non renseigné",
        )

    def _late_icon(self, row: YouthRow) -> QIcon | None:
        if row.next_outcome_due_on is not None and row.next_outcome_due_on < self._day:
            return icons.icon(icons.WARNING, theme.WARNING)
        return None
