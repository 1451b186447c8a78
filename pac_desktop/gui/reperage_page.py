"""The « Repérage » area (issue 18 §2): the territory's youths not yet met, who contacts each, their tries, the next
action and the outcome; a dialog to note a contact attempt (now, or earlier for a try noted after the fact), a
button to take charge of contacting a youth, and one to note that the youth wants no more messages; and, for the
territory's counsellors (who may import, as the service requires), « Importer une liste… » (issue 18 §1,
reperage_import_dialog.py).

The list comes from ``services.worklist`` on lane db_read, page by page as it is scrolled (gui/reperage_model.py),
searched as you type and sorted by its headers like the Jeunes list; every save runs on lane db_write and reloads
the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import PARIS, format_date_short, format_number, plural, to_paris
from pac_desktop.domain.reperage import ContactChannel, ContactOutcome, messages_refused_detail
from pac_desktop.security.roles import Action
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.reperage import OutcomeFilter, WorklistFilters, WorklistPage, WorklistRow, WorklistSort

from . import icons, theme
from .column_fit import fit_columns, refit_columns
from .forms.ui_contact_attempt_dialog import Ui_ContactAttemptDialog
from .forms.ui_worklist_page import Ui_WorklistPage
from .reperage_import_dialog import ListImportDialog
from .reperage_model import WorklistModel
from .roles import IdRole
from .table_model import Column
from .tasks import Lane, TaskFailure, TaskRunner
from .youths.dialogs import SaveFn, SavingDialog, read_date

AREA_KEY = "reperage"
AREA_TITLE = "Repérage"
AREA_ICON = "mdi6.account-search-outline"
SEARCH_DELAY_MS = 250
MESSAGES_REFUSED_ICON = "mdi6.message-off-outline"
#: What the app's date-time fields show (French: 12/03/2026 14:05).
DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"


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
        Column("Jeune", lambda r: r.display_name,
               icon=lambda r: icons.icon(MESSAGES_REFUSED_ICON, theme.WARNING) if r.messages_refused else None,
               tooltip=lambda r: messages_refused_detail(r.display_name, r.messages_refused_since,
                                                         r.messages_refused_by)
               if r.messages_refused else r.display_name),
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


#: The service's sort for each column, in the columns' order.
COLUMN_SORTS = (WorklistSort.NAME, WorklistSort.BIRTH_DATE, WorklistSort.TOWN, WorklistSort.CONTACT_STAFF,
                WorklistSort.ATTEMPTS, WorklistSort.LAST_ATTEMPT, WorklistSort.NEXT_DUE, WorklistSort.OUTCOME)
NEXT_DUE_COLUMN = COLUMN_SORTS.index(WorklistSort.NEXT_DUE)

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
    #: None: now, when saved (the time was left as the dialog proposed it).
    attempted_at: datetime | None
    channel: ContactChannel
    reached: bool | None
    answer: str
    next_action: str | None
    next_action_due: date | None
    outcome: ContactOutcome | None


class ContactAttemptDialog(SavingDialog):
    """Note one try to reach a youth: channel, reached or not, answer, and either the next action or the outcome."""

    def __init__(self, *, tasks: TaskRunner, save: SaveFn, row: WorklistRow, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self._row = row
        self.ui = Ui_ContactAttemptDialog()
        self.ui.setupUi(self)
        self.ui.youth_label.setText(row.display_name)
        # When: now by default; earlier for a try noted after the fact; never in the future. In Paris time.
        local = to_paris(now)
        self._proposed = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        self.ui.when_edit.setDisplayFormat(DATE_TIME_FORMAT)
        self.ui.when_edit.setMaximumDateTime(self._proposed)
        born = row.birth_date
        self.ui.when_edit.setMinimumDateTime(QDateTime(QDate(born.year, born.month, born.day), QTime(0, 0)))
        self.ui.when_edit.setDateTime(self._proposed)
        if row.messages_refused:
            self.ui.refused_label.setText(f"{row.display_name} ne souhaite plus recevoir de messages : pas de SMS "
                                          "ni de courriel. Appelez, écrivez un courrier ou passez par un partenaire.")
        else:
            self.ui.refused_label.hide()
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

    def attempted_at(self) -> datetime | None:
        """The time typed, in Paris (None: left as proposed, i.e. now)."""
        chosen = self.ui.when_edit.dateTime()
        if chosen == self._proposed:
            return None
        if chosen > self._proposed:
            raise DomainError("La prise de contact ne peut pas être datée dans le futur : notez-la une fois faite.")
        day, at = chosen.date(), chosen.time()
        return datetime(day.year(), day.month(), day.day(), at.hour(), at.minute(), tzinfo=PARIS)

    def values(self) -> AttemptValues:
        outcome = self.ui.outcome_combo.currentData()
        open_ = outcome is None
        return AttemptValues(
            youth_id=self._row.id,
            attempted_at=self.attempted_at(),
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
    import_dialog_opened = Signal(object)  # the ListImportDialog
    refusal_box_opened = Signal(object)  # the QMessageBox asking to confirm a refusal of messages (tests answer it)

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._tasks = services, actor, tasks
        self.page: WorklistPage | None = None
        self._kept: str | None = None
        self.ui = Ui_WorklistPage()
        self.ui.setupUi(self)
        self.model = WorklistModel(worklist_columns(services.ctx.today()), column_sorts=COLUMN_SORTS,
                                   search=partial(services.worklist.search, by=actor), tasks=tasks, parent=self)
        self.model.page_loaded.connect(self._on_loaded)
        self.model.page_appended.connect(self._show_count)
        self.model.search_failed.connect(self.ui.status_label.setText)
        self.ui.lines_view.setModel(self.model)
        header = self.ui.lines_view.horizontalHeader()
        header.setSortIndicator(NEXT_DUE_COLUMN, Qt.SortOrder.AscendingOrder)
        # Each column as wide as its cells and its title; the youth's name takes what is left (column_fit.py).
        fit_columns(self.ui.lines_view, stretch=0)
        self.ui.lines_view.setProperty("elide_columns", [0])  # short of room, a long name is cut (its tooltip says it)
        self.model.page_appended.connect(lambda *_args: refit_columns(self.ui.lines_view))
        self.ui.lines_view.setSortingEnabled(True)  # sorted in SQL by the model, page by page
        for label, _state, _outcome in STATE_CHOICES:
            self.ui.state_combo.addItem(label)
        self.ui.record_button.setIcon(icons.icon("mdi6.phone-outline", theme.ACCENT))
        self.ui.import_button.setIcon(icons.icon("mdi6.file-upload-outline", theme.ACCENT))
        # Importing a list is a counsellor's work in their territory (the service requires the same right).
        self.ui.import_button.setVisible(
            services.guard.allows(actor, Action.INTAKE_EDIT, territory_id=actor.territory_id))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.ui.search_edit.textChanged.connect(self._search_timer.start)
        self.ui.mine_check.toggled.connect(self.refresh)
        self.ui.overdue_check.toggled.connect(self.refresh)
        self.ui.state_combo.currentIndexChanged.connect(self.refresh)
        self.ui.record_button.clicked.connect(self._on_record_button_clicked)
        self.ui.take_charge_button.clicked.connect(self._on_take_charge_button_clicked)
        self.ui.import_button.clicked.connect(self._on_import_button_clicked)
        self.ui.refuse_button.clicked.connect(self._on_refuse_button_clicked)
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
        self.model.set_search(self.ui.search_edit.text(), self.filters())

    def _on_loaded(self, page: WorklistPage) -> None:
        self.page = page
        refit_columns(self.ui.lines_view)
        if self._kept is not None:  # the line selected before the reload, selected again
            for row, line in enumerate(self.model.lines()):
                if line.id == self._kept:
                    self.ui.lines_view.selectRow(row)
        self._show_count()
        self._update_buttons()
        self.page_loaded.emit(page)

    @Slot()
    def _show_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if not total:
            self.ui.status_label.setText("Aucun jeune sur cette liste.")
            return
        more = (f" — {format_number(shown)} affichés : la suite vient en faisant défiler la liste"
                if shown < total else "")
        self.ui.status_label.setText(f"{plural(total, 'jeune')} à contacter{more}.")

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.status_label.setText(failure.message)

    def selected_row(self) -> WorklistRow | None:
        rows = self.ui.lines_view.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._kept = row.id
        self.ui.record_button.setEnabled(row is not None)
        self.ui.take_charge_button.setEnabled(row is not None and row.contact_staff_id != self._actor.staff_id)
        self.ui.refuse_button.setEnabled(row is not None)
        refused = row is not None and row.messages_refused
        self.ui.refuse_button.setText("&Accepte à nouveau les messages" if refused
                                      else "Ne souhaite &plus être contacté·e")
        self.ui.refuse_button.setToolTip(
            "Le jeune accepte de nouveau les SMS, les courriels et les rappels." if refused else
            "Le jeune ne veut plus de messages : plus aucun SMS ni courriel ne lui sera envoyé, rappels compris.")

    @Slot(QModelIndex)
    def _on_lines_view_activated(self, index: QModelIndex) -> None:
        if index.data(IdRole):
            self._on_record_button_clicked()

    @Slot()
    def _on_record_button_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = ContactAttemptDialog(tasks=self._tasks, save=self._save_attempt, row=row,
                                      now=self._services.contacts.now(), parent=self)
        dialog.saved.connect(self.refresh)
        self.attempt_dialog_opened.emit(dialog)
        dialog.open()

    def _save_attempt(self, values: AttemptValues) -> str:
        return self._services.contacts.record_attempt(
            youth_id=values.youth_id, channel=values.channel, attempted_at=values.attempted_at,
            reached=values.reached, answer=values.answer,
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

    @Slot()
    def _on_refuse_button_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.messages_refused:
            self._set_refused(row, False)
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Ne souhaite plus être contacté·e",
                          f"{row.display_name} ne souhaite plus recevoir de messages ?\n\nPlus aucun SMS ni "
                          "courriel ne lui sera envoyé, rappels de rendez-vous compris. Un appel, un courrier ou "
                          "une visite restent possibles ; le refus est noté dans son dossier et partagé avec les "
                          "autres postes du territoire.", parent=self)
        confirm = box.addButton("Noter le refus", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(confirm)
        box.finished.connect(lambda _r: self._set_refused(row, True) if box.clickedButton() is confirm else None)
        self.refusal_box_opened.emit(box)
        box.open()

    def _set_refused(self, row: WorklistRow, refused: bool) -> None:
        job = partial(self._services.contacts.set_messages_refused, youth_id=row.id, refused=refused,
                      by=self._actor)
        self._tasks.run_task(job, on_success=lambda _n: self.refresh(), on_failure=self._on_failed,
                             lane=Lane.DB_WRITE, owner=self)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        dialog = ListImportDialog(services=self._services, actor=self._actor, tasks=self._tasks, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self.refresh)  # the new youths join the list at once
        room = self.window().size()  # as large as the main window allows (1366×768: 1280×720 at most)
        dialog.resize(min(1280, room.width() - 60), min(720, room.height() - 30))
        self.import_dialog_opened.emit(dialog)
        dialog.open()


def add_reperage_area(window, services: Services, actor: Actor, *, tasks: TaskRunner) -> ReperagePage:  # noqa: ANN001
    page = ReperagePage(services=services, actor=actor, tasks=tasks)
    window.add_area(AREA_KEY, AREA_TITLE, AREA_ICON, page)
    return page
