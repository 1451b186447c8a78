"""The "Jeunes" area: search as you type over the youths, filters, sortable columns, lazy loading."""

from __future__ import annotations

import time
from datetime import date
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QStyle, QWidget

from pac_desktop.domain.enums import YouthStatus
from pac_desktop.domain.french import plural
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.youths import YouthFilters, YouthPage

from ..column_fit import title_metrics
from ..forms.ui_youth_list_page import Ui_YouthListPage
from ..roles import IdRole
from ..tasks import Lane, TaskRunner
from .list_model import HEADERS, YouthColumn, YouthListModel

#: The longest wait before a search runs. A keystroke runs its search at once when no search is running, or
#: while searches are faster than typing (the older one's rows are dropped); while a search slower than
#: ``SLOW_SEARCH_MS`` runs, keystrokes wait for a pause as long as that search took (at most this) or for it
#: to end, so that slow searches do not pile up.
SEARCH_DEBOUNCE_MS = 150
SLOW_SEARCH_MS = 60

SCOPE_MINE = "mine"
SCOPE_ALL = "all"


class YouthListPage(QWidget):
    """Shows "mes jeunes" by default. Emits ``youth_activated`` with the id of the youth to open."""

    youth_activated = Signal(str)  # id of the youth whose case file the user asked for
    results_shown = Signal(int)  # the request id whose first page is now on screen (tests, bench)

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        tasks: TaskRunner,
        debounce_ms: int = SEARCH_DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self.ui = Ui_YouthListPage()
        self.ui.setupUi(self)
        self._one_territory = False  # until the territories this actor may list are known

        self.model = YouthListModel(search=partial(services.youths.search, by=actor),
                                    count=partial(services.youths.count, by=actor), tasks=tasks,
                                    today=services.ctx.today, parent=self)
        view = self.ui.table_view
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(YouthColumn.NAME, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        char = view.fontMetrics().averageCharWidth()
        titles = title_metrics(header)
        arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + 12  # the sort arrow and margins
        for column, chars in ((YouthColumn.NAME, 24), (YouthColumn.BIRTH_DATE, 12), (YouthColumn.AGE, 8),
                              (YouthColumn.TOWN, 15), (YouthColumn.TERRITORY, 15), (YouthColumn.REFERENT, 19),
                              (YouthColumn.STATUS, 21), (YouthColumn.LAST_CONTACT, 15),
                              (YouthColumn.NEXT_OUTCOME, 20)):  # fmt: skip
            # As wide as its usual cells, and never narrower than its title (« Prochaine situation » was cut).
            view.setColumnWidth(column, max(chars * char, titles.horizontalAdvance(HEADERS[column]) + arrow))
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 14)
        view.installEventFilter(self)
        view.doubleClicked.connect(self._on_table_view_double_clicked)
        self.ui.open_button.clicked.connect(self._on_open_button_clicked)
        self.ui.empty_label.hide()
        # « Mes jeunes » found nobody: one click searches the same words among all the youths of the territory.
        self.all_youths_button = QPushButton("Chercher dans tous les jeunes", self)
        self.all_youths_button.setObjectName("all_youths_button")
        self.all_youths_button.hide()
        self.all_youths_button.clicked.connect(self._on_all_youths_button_clicked)
        self.ui.page_layout.insertWidget(self.ui.page_layout.indexOf(self.ui.empty_label) + 1, self.all_youths_button,
                                         0, Qt.AlignmentFlag.AlignHCenter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.run_search)
        self._max_debounce_ms = debounce_ms
        self._last_search_ms = 0.0  # how long the last search took, keystroke to rows on screen
        self._search_started: tuple[int, float] | None = None
        self.ui.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.ui.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)

        self.ui.scope_combo.addItem("Mes jeunes", SCOPE_MINE)
        self.ui.scope_combo.addItem("Tous les jeunes", SCOPE_ALL)
        self.ui.territory_combo.addItem("Tous les territoires", None)
        self.ui.status_combo.addItem("Tous les statuts", None)
        for status in YouthStatus:
            self.ui.status_combo.addItem(status.label, status.value)
        for combo in (self.ui.scope_combo, self.ui.territory_combo, self.ui.status_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.ui.outcome_due_check.toggled.connect(self._on_filter_changed)
        self.ui.no_contact_check.toggled.connect(self._on_filter_changed)
        self.ui.no_contact_spin.valueChanged.connect(self._on_no_contact_spin_value_changed)

        self.model.search_finished.connect(self._on_model_search_finished)
        self.model.page_appended.connect(self._update_count)
        self.model.count_settled.connect(self._update_count)
        self.model.search_failed.connect(self._on_model_search_failed)
        self.ui.count_label.setText("Chargement…")
        self._choices_loaded = False
        self.setFocusProxy(self.ui.search_edit)

    # --- the area -----------------------------------------------------------------------------------------

    def area_shown(self) -> None:
        """Each time the area comes to the front: fresh results (the files may have changed)."""
        if not self._choices_loaded:
            self._load_choices()
        self.run_search()
        self.ui.search_edit.setFocus()

    def _load_choices(self) -> None:
        self._choices_loaded = True
        services = self._services

        def load() -> tuple[list, list]:
            return services.youths.territories(by=self._actor), services.youths.referents()

        self._tasks.run_task(load, on_success=self._on_choices_loaded, lane=Lane.DB_READ, owner=self)

    def _on_choices_loaded(self, choices: tuple[list, list]) -> None:
        territories, referents = choices
        for combo in (self.ui.territory_combo, self.ui.scope_combo):
            combo.blockSignals(True)
        for territory_id, name in territories:
            self.ui.territory_combo.addItem(name, territory_id)
        # Someone who lists one territory's youths (a counsellor, a referent) has nothing to choose there, and the
        # column would repeat its name on every line.
        self._one_territory = len(territories) <= 1
        self.ui.territory_label.setVisible(not self._one_territory)
        self.ui.territory_combo.setVisible(not self._one_territory)
        self._hide_repeated_columns(self.filters())
        for referent in referents:
            if referent.staff_id != self._actor.staff_id:
                self.ui.scope_combo.addItem(f"Suivis par {referent.name}", referent.staff_id)
        for combo in (self.ui.territory_combo, self.ui.scope_combo):
            combo.blockSignals(False)

    # --- searching ----------------------------------------------------------------------------------------

    def filters(self) -> YouthFilters:
        scope = self.ui.scope_combo.currentData()
        status = self.ui.status_combo.currentData()
        return YouthFilters(
            mine=scope == SCOPE_MINE,
            referent_id=scope if scope not in (SCOPE_MINE, SCOPE_ALL) else None,
            territory_id=self.ui.territory_combo.currentData(),
            statuses=frozenset({YouthStatus(status)}) if status else frozenset(),
            outcome_due=self.ui.outcome_due_check.isChecked(),
            no_contact_days=self.ui.no_contact_spin.value() if self.ui.no_contact_check.isChecked() else None,
        )

    @Slot()
    def run_search(self) -> int:
        self._debounce.stop()
        filters = self.filters()
        self._hide_repeated_columns(filters)
        request = self.model.set_search(self.ui.search_edit.text(), filters)  # an older one's rows are dropped
        self._search_started = (request, time.perf_counter())
        return request

    def _hide_repeated_columns(self, filters: YouthFilters) -> None:
        """Columns that would repeat one value on every line are left out: the referent when the list shows one
        referent's youths, the territory when it shows one territory or "mes jeunes"."""
        one_referent = filters.mine or filters.referent_id is not None
        one_territory = filters.mine or filters.territory_id is not None or self._one_territory
        self.ui.table_view.setColumnHidden(YouthColumn.REFERENT, one_referent)
        self.ui.table_view.setColumnHidden(YouthColumn.TERRITORY, one_territory)

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        if not self.model.loading or self._last_search_ms < SLOW_SEARCH_MS:
            self.run_search()  # nothing running, or searches faster than typing: no wait at all
            return
        # A slow search is running: wait for a pause in the typing, or for that search to end.
        self._debounce.setInterval(round(min(self._last_search_ms, self._max_debounce_ms)))
        self._debounce.start()

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        if self._debounce.isActive():
            self.run_search()
        elif self.model.rowCount() == 1:
            self.youth_activated.emit(self.model.row_at(0).id)
        elif self.model.rowCount():
            self.ui.table_view.setFocus()
            self.ui.table_view.selectRow(0)

    @Slot()
    def _on_filter_changed(self) -> None:
        self.run_search()

    @Slot(int)
    def _on_no_contact_spin_value_changed(self, _value: int) -> None:
        if self.ui.no_contact_check.isChecked():
            self._debounce.start()

    @Slot(object)
    def _on_model_search_finished(self, page: YouthPage) -> None:
        if self._search_started is not None and self._search_started[0] == self.model.request_id:
            self._last_search_ms = (time.perf_counter() - self._search_started[1]) * 1000
            self._search_started = None
        if self._debounce.isActive():
            self.run_search()  # the text changed while this search ran: the latest text, now
            return
        self._update_count()
        empty = page.total == 0
        self.ui.empty_label.setVisible(empty)
        self.all_youths_button.setVisible(empty and page.filters.mine)
        if empty:
            if page.query.strip():
                self.ui.empty_label.setText(
                    f"Aucun jeune ne correspond à « {page.query.strip()} » avec ces filtres. Vérifiez l'orthographe, "
                    "ou cherchez par commune ou par date de naissance (JJ/MM/AAAA)."
                )
            elif page.filters.mine and page.filters == YouthFilters():
                self.ui.empty_label.setText("Vous ne suivez aucun jeune pour le moment.")
            else:
                self.ui.empty_label.setText("Aucun jeune ne correspond à ces filtres.")
        elif self.ui.table_view.currentIndex().row() < 0:
            self.ui.table_view.selectRow(0)
        self.results_shown.emit(self.model.request_id)

    @Slot()
    def _on_all_youths_button_clicked(self) -> None:
        self.all_youths_button.hide()
        self.ui.scope_combo.setCurrentIndex(self.ui.scope_combo.findData(SCOPE_ALL))  # searches again

    @Slot(str)
    def _on_model_search_failed(self, message: str) -> None:
        self._search_started = None
        if self._debounce.isActive():
            self.run_search()
            return
        self.ui.count_label.setText("")
        self.ui.empty_label.setText(f"La recherche n'a pas abouti. {message}")
        self.ui.empty_label.show()

    def _update_count(self, *_args: object) -> None:
        total, shown = self.model.total, self.model.rowCount()
        text = f"Plus de {plural(total, 'jeune')}" if self.model.total_capped else plural(total, "jeune")
        if shown < total:
            text += f" · {shown} affichés (faites défiler pour voir la suite)"
        self.ui.count_label.setText(text)

    # --- opening ------------------------------------------------------------------------------------------

    def current_youth_id(self) -> str | None:
        index = self.ui.table_view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    @Slot(QModelIndex)
    def _on_table_view_double_clicked(self, index: QModelIndex) -> None:
        youth_id = index.data(IdRole)
        if youth_id:
            self.youth_activated.emit(youth_id)

    @Slot()
    def _on_open_button_clicked(self) -> None:
        youth_id = self.current_youth_id()
        if youth_id:
            self.youth_activated.emit(youth_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.table_view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_open_button_clicked()
                return True
        return super().eventFilter(watched, event)

    def today(self) -> date:
        return self._services.ctx.today()
