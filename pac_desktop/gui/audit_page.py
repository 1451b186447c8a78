"""Admin area "Journal d'audit" (issue 7 §4): the trail with filters by person, action and period.

Pages of light rows come from AuditService.search off the UI thread (lane db_read); ``data()`` never runs
SQL. "Afficher plus" (or scrolling to the end: canFetchMore/fetchMore) appends the next page.

A row about a youth opens that youth's file (« Ouvrir le dossier », Enter or a double-click, issue 15): the
access rule is asked first, off the UI thread (``check_open``, the guard of the services: a refusal is recorded
in the trail like any other); if the user may not open the file, the page says why in French and opens nothing,
else ``youth_activated`` asks the main window's case file opener for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from enum import IntEnum
from functools import partial

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QWidget

from pac_desktop.domain.french import format_datetime
from pac_desktop.services.audit import AuditFilter, AuditLine
from pac_desktop.services.audit import AuditPage as AuditResult
from pac_desktop.services.context import ChangeFeed, StoreChanges

from .changes import watch_changes
from .forms.ui_audit_page import Ui_AuditPage
from .roles import IdRole, SortRole, YouthIdRole
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskRunner

_Index = QModelIndex | QPersistentModelIndex

AREA_KEY = "audit"
AREA_TITLE = "Journal d'audit"
PAGE_SIZE = 200
REFILTER_MS = 400
DEFAULT_DAYS = 30

#: search(filters=, limit=, offset=) -> AuditPage, bound to the administrator by the caller.
SearchFn = Callable[..., AuditResult]
#: check_open(youth_id) -> anything; raises a DomainError (French message) when the file may not be opened.
CheckOpenFn = Callable[[str], object]

OPEN_HINT = "Entrée ou double-clic : ouvrir le dossier du jeune."
NO_FILE_MESSAGE = "Cette ligne ne concerne le dossier d'aucun jeune : il n'y a pas de dossier à ouvrir."


class AuditColumn(IntEnum):
    AT = 0
    STAFF = 1
    ACTION = 2
    TARGET = 3
    DETAIL = 4


HEADERS = {
    AuditColumn.AT: "Date",
    AuditColumn.STAFF: "Personne",
    AuditColumn.ACTION: "Action",
    AuditColumn.TARGET: "Objet",
    AuditColumn.DETAIL: "Détail",
}

_ENTITY_LABELS = {
    "youth": "Dossier d'un jeune",
    "joint_intake": "Accueil commun",
    "guardian": "Représentant légal",
    "session": "Session",
    "staff": "Compte du personnel",
    "territory": "Territoire",
    "indicators": "Indicateurs",
    "evaluation_assignment": "Tirage de l'évaluation",
    "evaluation": "Évaluation",
    "data_rights_request": "Demande sur les données",
    "programme_setting": "Réglage",
    "audit_event": "Journal",
}

# The detail is stored as "key=value; key=value" (ids only, never a name): said in French here.
_DOCUMENTS = {
    "session_summary": "fiche de synthèse",
    "passport": "passeport",
    "committee_pack": "dossier du comité",
    "indicators": "rapport d'indicateurs",
    "indicators_csv": "indicateurs (CSV)",
    "indicators_json": "indicateurs (JSON)",
    "subject_export": "export des données du jeune",
}
_OUTPUTS = {"printer": "envoyé à l'imprimante", "file": "enregistré dans un fichier"}
_HIDDEN_KEYS = {"source", "pack", "period"}  # ids of other entries: in the tooltip, not in the column


def _detail_part(key: str, value: str) -> str | None:
    if key == "document":
        return _DOCUMENTS.get(value, value)
    if key == "output":
        return _OUTPUTS.get(value, value)
    if key == "pages":
        return f"{value} page{'s' if value not in ('0', '1') else ''}"
    if key == "sessions":
        return f"{value} accueil{'s' if value not in ('0', '1') else ''}"
    if key == "pseudonymised":
        return "pseudonymisé" if value == "1" else None
    if key == "from":
        return f"du {value}"
    if key == "to":
        return f"au {value}"
    if key in _HIDDEN_KEYS:
        return None
    return f"{key} : {value}"


def detail_text(detail: str) -> str:
    """« document=session_summary; output=file » → « fiche de synthèse · enregistré dans un fichier »."""
    if "=" not in detail:
        return detail
    parts = []
    for item in detail.split("; "):
        key, sep, value = item.partition("=")
        if not sep:
            parts.append(item)
            continue
        said = _detail_part(key.strip(), value.strip())
        if said:
            parts.append(said)
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def target_text(line: AuditLine) -> str:
    """What the entry is about, in French; the id's first characters tell two of a kind apart."""
    label = _ENTITY_LABELS.get(line.entity or "", line.entity or "")
    if line.entity_id and line.entity not in ("indicators", "programme_setting", "session"):
        return f"{label} n° {line.entity_id[:8]}"
    return label


def cell_text(line: AuditLine, column: AuditColumn) -> str:
    if column is AuditColumn.AT:
        return format_datetime(line.at)
    if column is AuditColumn.STAFF:
        return line.staff_name
    if column is AuditColumn.ACTION:
        return line.action_label
    if column is AuditColumn.TARGET:
        return target_text(line)
    return detail_text(line.detail)


def cell_tooltip(line: AuditLine, column: AuditColumn) -> str:
    """The cell's text, with the raw entry for those who need it (ids of the entity and of the entries it refers
    to), and how to open the youth's file when the row is about one."""
    raw = {AuditColumn.TARGET: f"{line.entity or ''} {line.entity_id or ''}".strip(),
           AuditColumn.DETAIL: line.detail}.get(column)  # fmt: skip
    text = f"{cell_text(line, column)}\n{raw}" if raw else cell_text(line, column)
    return f"{text}\n{OPEN_HINT}" if line.youth_id else text


class AuditTableModel(TableModel[AuditLine]):
    """Rows of the trail, newest first; holds plain AuditLine values."""

    search_finished = Signal(int)  # the total number of events matching the filters
    search_failed = Signal(str)  # the French message

    def __init__(self, search: SearchFn, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(
                    HEADERS[column],
                    lambda line, column=column: cell_text(line, column),
                    tooltip=lambda line, column=column: cell_tooltip(line, column),
                    roles={SortRole: lambda line: line.at.isoformat()} if column is AuditColumn.AT else {},
                )
                for column in AuditColumn
            ],
            id_of=lambda line: line.id,
            youth_of=lambda line: line.youth_id,
            parent=parent,
        )
        self._search = search
        self._tasks = tasks
        self._total = 0
        self._filters = AuditFilter()
        self._request = 0
        self._loading = False

    # -- loading ------------------------------------------------------------------------------------

    def set_filters(self, filters: AuditFilter) -> None:
        self._filters = filters
        self._request += 1
        self._loading = True
        self._tasks.run_task(
            partial(self._search, filters=filters, limit=PAGE_SIZE, offset=0),
            on_success=partial(self._on_page, self._request, True),
            on_failure=partial(self._on_failure, self._request),
            lane=Lane.DB_READ,
            owner=self,
        )

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self._tasks.run_task(
            partial(self._search, filters=self._filters, limit=PAGE_SIZE, offset=len(self._rows)),
            on_success=partial(self._on_page, self._request, False),
            on_failure=partial(self._on_failure, self._request),
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_page(self, request: int, replace: bool, page: AuditResult) -> None:
        if request != self._request:
            return  # an answer to older filters
        self._total = page.total
        # Still "loading" until the rows are in: a fetchMore asked for while they go in (a view, Qt's model
        # tester) would otherwise fetch the same page again and show its rows twice.
        if replace:
            self.set_rows(page.lines)
        else:
            self.append_rows(page.lines)
        self._loading = False
        self.search_finished.emit(self._total)

    def _on_failure(self, request: int, failure: TaskFailure) -> None:
        if request == self._request:
            self._loading = False
            self.search_failed.emit(failure.message)

    @property
    def total(self) -> int:
        return self._total


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AuditPage(QWidget):
    """The administrators' view of the audit trail."""

    youth_activated = Signal(str)  # id of a youth whose file the user asked for and may open
    open_refused = Signal(str)  # the French reason why the file asked for was not opened

    def __init__(
        self,
        *,
        search: SearchFn,
        load_choices: Callable[[], tuple[list[tuple[str, str]], list[tuple[str, str]]]],
        tasks: TaskRunner,
        check_open: CheckOpenFn | None = None,
        changes: ChangeFeed | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check_open = check_open
        self.ui = Ui_AuditPage()
        self.ui.setupUi(self)
        self._tasks = tasks
        self.model = AuditTableModel(search, tasks, self)
        self.ui.table_view.setModel(self.model)
        header = self.ui.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._today = today
        self._until_was_today = True
        now = today()
        self.ui.since_edit.setDate(_qdate(now - timedelta(days=DEFAULT_DAYS)))
        self.ui.until_edit.setDate(_qdate(now))
        self.ui.staff_combo.addItem("Tout le monde", None)
        self.ui.action_combo.addItem("Toutes les actions", None)
        self.ui.error_label.hide()
        self.ui.more_button.setEnabled(False)
        self.ui.search_button.clicked.connect(self._on_search_button_clicked)
        # The trail is read again whenever the page shows and whenever a filter changes (no stale rows until
        # « Rechercher »): a short pause lets a date be typed whole.
        self._refilter = QTimer(self)
        self._refilter.setSingleShot(True)
        self._refilter.setInterval(REFILTER_MS)
        self._refilter.timeout.connect(self.search)
        self.ui.staff_combo.activated.connect(self._refilter.start)
        self.ui.action_combo.activated.connect(self._refilter.start)
        self.ui.since_edit.dateChanged.connect(self._refilter.start)
        self.ui.until_edit.dateChanged.connect(self._refilter.start)
        self.ui.more_button.clicked.connect(self._on_more_button_clicked)
        self.ui.open_file_button.setVisible(check_open is not None)
        self.ui.bottom_layout.setStretchFactor(self.ui.error_label, 1)  # a refusal reads on two lines, not six
        self.ui.open_file_button.clicked.connect(self._on_open_file_button_clicked)
        self.ui.table_view.activated.connect(self._on_table_view_activated)  # Enter, and a double-click
        self.ui.table_view.selectionModel().currentRowChanged.connect(self._on_table_view_current_changed)
        self.model.modelReset.connect(self._update_open_button)
        self._opening: str | None = None
        self.model.search_finished.connect(self._on_model_search_finished)
        self.model.search_failed.connect(self._on_model_search_failed)
        # New events show as they are recorded (here, by the sync, by a purge), without « Rechercher »: read
        # again, quietly (the message shown stays, the selected row too), when the period reaches today.
        self._keep_row: str | None = None
        self._on_changes = QTimer(self)
        self._on_changes.setSingleShot(True)
        self._on_changes.setInterval(REFILTER_MS)
        self._on_changes.timeout.connect(self._refresh_quietly)
        if changes is not None:
            watch_changes(self, changes, self._on_store_changed)
        self._tasks.run_task(load_choices, on_success=self._on_choices_loaded, lane=Lane.DB_READ, owner=self)
        self.search()

    def filters(self) -> AuditFilter:
        return AuditFilter(
            staff_id=self.ui.staff_combo.currentData(),
            action=self.ui.action_combo.currentData(),
            since=_pydate(self.ui.since_edit.date()),
            until=_pydate(self.ui.until_edit.date()),
        )

    def area_shown(self) -> None:
        """The main window shows the page: today's events are there (the period ends today, not at start-up)."""
        today = self._today()
        if self._until_was_today and _pydate(self.ui.until_edit.date()) < today:
            self.ui.until_edit.blockSignals(True)
            self.ui.until_edit.setDate(_qdate(today))
            self.ui.until_edit.blockSignals(False)
        self.search()

    @Slot()
    def search(self) -> None:
        self._refilter.stop()
        self._until_was_today = _pydate(self.ui.until_edit.date()) >= self._today()
        self.ui.error_label.hide()
        self.ui.count_label.setText("Recherche…")
        self.model.set_filters(self.filters())

    @Slot(object)
    def _on_store_changed(self, changes: StoreChanges) -> None:
        if changes.touches("audit_event") and self._until_was_today and not self._refilter.isActive():
            self._on_changes.start()

    @Slot()
    def _refresh_quietly(self) -> None:
        if not self.isVisible():
            return  # area_shown reads the trail when the page shows again
        current = self.ui.table_view.currentIndex()
        self._keep_row = current.data(IdRole) if current.isValid() else None
        self.model.set_filters(self.filters())

    def _on_choices_loaded(self, choices: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        staff, actions = choices
        for staff_id, name in staff:
            self.ui.staff_combo.addItem(name, staff_id)
        for code, label in actions:
            self.ui.action_combo.addItem(label, code)

    @Slot()
    def _on_search_button_clicked(self) -> None:
        self.search()

    @Slot()
    def _on_more_button_clicked(self) -> None:
        self.model.fetchMore(QModelIndex())

    # -- opening the file a row is about --------------------------------------------------------------------

    def _current_youth(self) -> str | None:
        index = self.ui.table_view.currentIndex()
        return index.data(YouthIdRole) if index.isValid() else None

    @Slot()
    def _update_open_button(self) -> None:
        self.ui.open_file_button.setEnabled(bool(self._current_youth()) and self._opening is None)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_view_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.ui.error_label.hide()
        self._update_open_button()

    @Slot()
    def _on_open_file_button_clicked(self) -> None:
        self.open_file(self._current_youth())

    @Slot(QModelIndex)
    def _on_table_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_file(index.data(YouthIdRole))

    def open_file(self, youth_id: str | None) -> None:
        """Open the file of the youth a row is about, if the user may; else say why, in the page."""
        if self._check_open is None or self._opening is not None:
            return  # a double-click also sends « activated »: one check is on its way already
        self.ui.error_label.hide()
        if not youth_id:
            self._refuse(NO_FILE_MESSAGE)
            return
        self._opening = youth_id
        self._update_open_button()
        self._tasks.run_task(
            partial(self._check_open, youth_id),
            on_success=partial(self._on_open_allowed, youth_id),
            on_failure=self._on_open_refused,
            lane=Lane.DB_WRITE,  # a refusal is recorded in the trail
            owner=self,
        )

    def _on_open_allowed(self, youth_id: str, _result: object) -> None:
        self._opening = None
        self._update_open_button()
        self.youth_activated.emit(youth_id)

    def _on_open_refused(self, failure: TaskFailure) -> None:
        self._opening = None
        self._update_open_button()
        self._refuse(failure.message)

    def _refuse(self, message: str) -> None:
        self.ui.error_label.setText(message)
        self.ui.error_label.show()
        self.open_refused.emit(message)

    @Slot(int)
    def _on_model_search_finished(self, total: int) -> None:
        shown = self.model.rowCount()
        if total == 0:
            text = "Aucun événement pour ces critères."
        elif shown < total:
            text = f"{total} événements — les {shown} plus récents sont affichés."
        else:
            text = f"{total} événement{'s' if total > 1 else ''}."
        self.ui.count_label.setText(text)
        self.ui.more_button.setEnabled(shown < total)
        keep, self._keep_row = self._keep_row, None
        if keep is not None:
            for row in range(shown):
                index = self.model.index(row, 0)
                if index.data(IdRole) == keep:
                    self.ui.table_view.setCurrentIndex(index)
                    break

    @Slot(str)
    def _on_model_search_failed(self, message: str) -> None:
        self.ui.count_label.setText("")
        self.ui.error_label.setText(message)
        self.ui.error_label.show()
