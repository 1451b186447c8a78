"""The « Repérage » area (issue 18 §2): the territory's youths not yet met, who contacts each, their tries, the next
action and the outcome; a dialog to note a contact attempt and a button to take charge of contacting a youth.

The list comes from ``services.worklist`` on lane db_read (searched as you type, like the Jeunes list); every save
runs on lane db_write and reloads the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QWidget

from pac_desktop.domain.french import format_date_short, plural, to_paris
from pac_desktop.domain.reperage import ContactChannel, ContactOutcome
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.reperage import OutcomeFilter, WorklistFilters, WorklistPage, WorklistRow

from . import icons, theme
from .forms.ui_contact_attempt_dialog import Ui_ContactAttemptDialog
from .forms.ui_worklist_page import Ui_WorklistPage
from .roles import IdRole
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskRunner
from .youths.dialogs import SaveFn, SavingDialog, read_date

AREA_KEY = "reperage"
AREA_TITLE = "Repérage"
AREA_ICON = "mdi6.account-search-outline"
#: Lines loaded at once (the count says how many match; the search narrows the rest).
PAGE_SIZE = 500
SEARCH_DELAY_MS = 250


def _next_text(row: WorklistRow, today: date) -> str:
    if row.outcome is not None or not (row.next_action or row.next_action_due):
        return "—"
    due = f" — {format_date_short(row.next_action_due)}" if row.next_action_due else ""
    late = " (en retard)" if row.overdue(today) else ""
    return f"{row.next_action or 'À faire'}{due}{late}"


def _last_text(row: WorklistRow) -> str:
    if row.last_attempt_at is None or row.last_channel is None:
        return "Aucune"
    reached = {True: ", joint(e)", False: ", non joint(e)", None: ""}[row.last_reached]
    return f"{format_date_short(to_paris(row.last_attempt_at).date())} — {row.last_channel.label}{reached}"


def worklist_columns(today: date) -> tuple[Column[WorklistRow], ...]:
    return (
        Column("Jeune", lambda r: r.display_name),
        Column("Naissance", lambda r: format_date_short(r.birth_date)),
        Column("Commune", lambda r: r.town or ""),
        Column("Chargé(e) du contact", lambda r: r.contact_staff_name or "Personne"),
        Column("Tentatives", lambda r: str(r.attempts),
               tooltip=lambda r: "Plusieurs tentatives sans joindre le jeune : « Injoignable » ?"
               if r.suggest_unreachable else None),
        Column("Dernière tentative", _last_text),
        Column("Prochaine action", lambda r: _next_text(r, today),
               icon=lambda r: icons.icon(icons.WARNING, theme.WARNING) if r.overdue(today) else None),
        Column("Issue", lambda r: r.outcome.label if r.outcome else "En cours"),
    )


#: The state combo: (label, state, outcome).
STATE_CHOICES: tuple[tuple[str, OutcomeFilter, ContactOutcome | None], ...] = (
    ("Repérages en cours", OutcomeFilter.OPEN, None),
    ("Repérages clos", OutcomeFilter.CLOSED, None),
    ("Tous", OutcomeFilter.ALL, None),
    *((f"Issue : {o.label}", OutcomeFilter.ALL, o) for o in ContactOutcome),
)


@dataclass(frozen=True)
class AttemptValues:
    youth_id: str
    channel: ContactChannel
    reached: bool | None
    answer: str
    next_action: str | None
    next_action_due: date | None
    outcome: ContactOutcome | None


class ContactAttemptDialog(SavingDialog):
    """Note one try to reach a youth: channel, reached or not, answer, and either the next action or the outcome."""

    def __init__(self, *, tasks: TaskRunner, save: SaveFn, row: WorklistRow, parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self._row = row
        self.ui = Ui_ContactAttemptDialog()
        self.ui.setupUi(self)
        self.ui.youth_label.setText(row.display_name)
        for channel in ContactChannel:
            self.ui.channel_combo.addItem(channel.label, channel.value)
        for label, value in (("Non joint(e)", False), ("Joint(e)", True), ("Envoyé, sans réponse attendue", None)):
            self.ui.reached_combo.addItem(label, value)
        self.ui.outcome_combo.addItem("Repérage en cours (prochaine action ci-dessous)", None)
        for outcome in ContactOutcome:
            self.ui.outcome_combo.addItem(outcome.label, outcome.value)
        self.ui.outcome_combo.currentIndexChanged.connect(self._on_outcome_combo_current_index_changed)
        self._wire()

    @Slot()
    def _on_outcome_combo_current_index_changed(self) -> None:
        open_ = self.ui.outcome_combo.currentData() is None
        for widget in (self.ui.next_action_label, self.ui.next_action_edit, self.ui.next_due_label,
                       self.ui.next_due_edit):
            widget.setEnabled(open_)

    def values(self) -> AttemptValues:
        outcome = self.ui.outcome_combo.currentData()
        open_ = outcome is None
        return AttemptValues(
            youth_id=self._row.id,
            channel=ContactChannel(self.ui.channel_combo.currentData()),
            reached=self.ui.reached_combo.currentData(),
            answer=self.ui.answer_edit.toPlainText(),
            next_action=self.ui.next_action_edit.text() if open_ else None,
            next_action_due=read_date(self.ui.next_due_edit, "Prochaine action prévue le", required=False)
            if open_ else None,
            outcome=ContactOutcome(outcome) if outcome else None,
        )


class ReperagePage(QWidget):
    page_loaded = Signal(object)  # the WorklistPage shown
    attempt_dialog_opened = Signal(object)  # the ContactAttemptDialog (tests fill it in)

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._tasks = services, actor, tasks
        self.page: WorklistPage | None = None
        self.ui = Ui_WorklistPage()
        self.ui.setupUi(self)
        self.model = TableModel(worklist_columns(services.ctx.today()), id_of=lambda r: r.id,
                                youth_of=lambda r: r.id, parent=self)
        self.ui.lines_view.setModel(self.model)
        header = self.ui.lines_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)  # the next action: the longest text
        for label, _state, _outcome in STATE_CHOICES:
            self.ui.state_combo.addItem(label)
        self.ui.record_button.setIcon(icons.icon("mdi6.phone-outline", theme.ACCENT))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.ui.search_edit.textChanged.connect(self._search_timer.start)
        self.ui.mine_check.toggled.connect(self.refresh)
        self.ui.overdue_check.toggled.connect(self.refresh)
        self.ui.state_combo.currentIndexChanged.connect(self.refresh)
        self.ui.record_button.clicked.connect(self._on_record_button_clicked)
        self.ui.take_charge_button.clicked.connect(self._on_take_charge_button_clicked)
        self.ui.lines_view.activated.connect(self._on_lines_view_activated)
        self.ui.lines_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def area_shown(self) -> None:
        self.refresh()

    def filters(self) -> WorklistFilters:
        _label, state, outcome = STATE_CHOICES[max(0, self.ui.state_combo.currentIndex())]
        return WorklistFilters(mine=self.ui.mine_check.isChecked(), overdue=self.ui.overdue_check.isChecked(),
                               state=state, outcome=outcome)

    @Slot()
    def refresh(self) -> None:
        search = partial(self._services.worklist.search, by=self._actor, query=self.ui.search_edit.text(),
                         filters=self.filters(), limit=PAGE_SIZE)
        self._tasks.run_task(search, on_success=self._on_loaded, on_failure=self._on_failed, lane=Lane.DB_READ,
                             owner=self)

    def _on_loaded(self, page: WorklistPage) -> None:
        selected = self.selected_row()
        self.page = page
        self.model.set_lines(page.rows)
        if selected is not None:
            for row, line in enumerate(page.rows):
                if line.id == selected.id:
                    self.ui.lines_view.selectRow(row)
        shown = f" (les {len(page.rows)} premiers : précisez la recherche)" if page.has_more else ""
        self.ui.status_label.setText(
            f"{plural(page.total, 'jeune')} à contacter{shown}." if page.total else "Aucun jeune sur cette liste.")
        self._update_buttons()
        self.page_loaded.emit(page)

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.status_label.setText(failure.message)

    def selected_row(self) -> WorklistRow | None:
        rows = self.ui.lines_view.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.ui.record_button.setEnabled(row is not None)
        self.ui.take_charge_button.setEnabled(row is not None and row.contact_staff_id != self._actor.staff_id)

    @Slot(QModelIndex)
    def _on_lines_view_activated(self, index: QModelIndex) -> None:
        if index.data(IdRole):
            self._on_record_button_clicked()

    @Slot()
    def _on_record_button_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = ContactAttemptDialog(tasks=self._tasks, save=self._save_attempt, row=row, parent=self)
        dialog.saved.connect(self.refresh)
        self.attempt_dialog_opened.emit(dialog)
        dialog.open()

    def _save_attempt(self, values: AttemptValues) -> str:
        return self._services.contacts.record_attempt(
            youth_id=values.youth_id, channel=values.channel, reached=values.reached, answer=values.answer,
            next_action=values.next_action, next_action_due=values.next_action_due, outcome=values.outcome,
            by=self._actor)

    @Slot()
    def _on_take_charge_button_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        job = partial(self._services.contacts.assign, youth_ids=[row.id], staff_id=self._actor.staff_id,
                      by=self._actor)
        self._tasks.run_task(job, on_success=lambda _n: self.refresh(), on_failure=self._on_failed,
                             lane=Lane.DB_WRITE, owner=self)


def add_reperage_area(window, services: Services, actor: Actor, *, tasks: TaskRunner) -> ReperagePage:  # noqa: ANN001
    page = ReperagePage(services=services, actor=actor, tasks=tasks)
    window.add_area(AREA_KEY, AREA_TITLE, AREA_ICON, page)
    return page
