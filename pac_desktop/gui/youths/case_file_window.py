"""The case file window: header (name, age, territory, referent, status) and the tabs Identité, Accueil commun,
Solutions, Suivi, Synthèses, Situations, Documents (reprint the summary, the passport, the export: documents_tab.py).

Everything is read in one task (lane db_read) and every change is saved in another (lane db_write), after which
the file is read again. A file the user may only consult opens read-only, and says why.

"Exporter toutes ses données…" (right of access, issue 7 §6) shows only for those the services let export the
file (its referent, an administrator; the service checks again and audits the export): everything held about
the youth is gathered on lane db_write, then written as a readable PDF and as JSON on lane pdf.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.domain.enums import (
    FollowUpKind,
    OutcomeMilestone,
    Sex,
    SolutionStatus,
    StaffRole,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import (
    format_date,
    format_date_short,
    format_datetime,
    format_phone,
    relative_days,
    to_paris,
)
from pac_desktop.domain.reperage import ContactChannel, messages_refused_detail, messages_refused_text
from pac_desktop.security.roles import Action
from pac_desktop.services.casefile import (
    CaseFile,
    DecisionView,
    FollowUpView,
    IdentityChangeView,
    IntakeView,
    OutcomeView,
    ReferentPeriod,
    SolutionView,
)
from pac_desktop.services.context import Actor, StoreChanges
from pac_desktop.services.data_rights import SubjectExport, write_subject_export_files
from pac_desktop.services.outcomes import OutcomeState
from pac_desktop.services.registry import Services
from pac_desktop.services.reperage import ContactAttemptView

from .. import icons, theme
from ..changes import watch_changes
from ..forms.ui_case_file_window import Ui_CaseFileWindow
from ..table_model import Column, TableModel
from ..tasks import Lane, TaskFailure, TaskRunner
from .consent_withdrawal import ACTION_TEXT, ConsentWithdrawalDialog, unavailable_reason
from .dialogs import (
    FollowUpDialog,
    FollowUpValues,
    GuardianDialog,
    GuardianValues,
    OutcomeDialog,
    OutcomeValues,
    ReferentDialog,
    ReferentValues,
    SolutionDialog,
    SolutionStepDialog,
    SolutionStepValues,
    SolutionValues,
    read_date,
)
from .documents_tab import DocumentsTab
from .obligation import ObligationBox
from .tables import repolish_roles

FOLLOW_UP_ICONS: dict[FollowUpKind, str] = {
    FollowUpKind.INTERVIEW: "mdi6.account-voice",
    FollowUpKind.CALL: "mdi6.phone-outline",
    FollowUpKind.MESSAGE: "mdi6.message-text-outline",
    FollowUpKind.HOME_VISIT: "mdi6.home-account",
    FollowUpKind.ABSENCE: "mdi6.account-cancel-outline",
    FollowUpKind.PARTNER_MOBILISATION: "mdi6.handshake-outline",
}
STATUS_ICONS: dict[YouthStatus, str] = {
    YouthStatus.REFERRED: "mdi6.account-search-outline",
    YouthStatus.IN_INTAKE: "mdi6.account-clock-outline",
    YouthStatus.FOLLOWED: "mdi6.account-check-outline",
    YouthStatus.EXITED: "mdi6.account-arrow-right-outline",
}
#: A change of the file made elsewhere is read again once commits pause this long (a sync pulls in pages).
CHANGES_DEBOUNCE_MS = 200
EXPORT_ICON = "mdi6.database-export-outline"
OUTCOME_ICONS: dict[OutcomeState, tuple[str, str]] = {
    OutcomeState.RECORDED: (icons.OK, theme.ACCENT),
    OutcomeState.OVERDUE: (icons.WARNING, theme.WARNING),
    OutcomeState.DUE: ("mdi6.clock-alert-outline", theme.ACCENT),
}


def _solution_progress(s: SolutionView) -> str:
    if s.status is SolutionStatus.STARTED and s.started_on:
        return f"Commencée le {format_date_short(s.started_on)}"
    if s.status in (SolutionStatus.COMPLETED, SolutionStatus.ABANDONED) and s.ended_on:
        return f"{s.status.label} le {format_date_short(s.ended_on)}"
    if s.planned_start:
        return f"{s.status.label} — début prévu le {format_date_short(s.planned_start)}"
    return s.status.label


CHANNEL_ICONS: dict[ContactChannel, str] = {
    ContactChannel.CALL: "mdi6.phone-outline",
    ContactChannel.SMS: "mdi6.message-text-outline",
    ContactChannel.LETTER: "mdi6.email-outline",
    ContactChannel.EMAIL: "mdi6.at",
    ContactChannel.HOME_VISIT: "mdi6.home-account",
    ContactChannel.PARTNER: "mdi6.handshake-outline",
}
MESSAGES_REFUSED_ICON = "mdi6.message-off-outline"
#: A line of the Suivi tab's diary: a follow-up event, or a try to reach the youth (issue 18, repérage).
DiaryLine = FollowUpView | ContactAttemptView


def _attempt_day(a: ContactAttemptView) -> date:
    return to_paris(a.attempted_at).date()


def diary_lines(case: CaseFile) -> list[DiaryLine]:
    """The follow-up events and the contact attempts in one list, newest first (an attempt before an event of
    the same day: the events have no time)."""
    lines: list[tuple[date, int, DiaryLine]] = [(e.occurred_on, 0, e) for e in case.timeline]
    lines += [(_attempt_day(a), 1, a) for a in case.contact_attempts]
    lines.sort(key=lambda t: (t[0], t[1]), reverse=True)  # stable: each list keeps its own order within a day
    return [line for _day, _rank, line in lines]


def _diary_date(line: DiaryLine) -> str:
    if isinstance(line, ContactAttemptView):
        return format_date(_attempt_day(line))
    return format_date(line.occurred_on)


def _diary_type(line: DiaryLine) -> str:
    if isinstance(line, ContactAttemptView):
        return f"Prise de contact — {line.channel.label}"
    return line.kind.label


def _diary_icon(line: DiaryLine):
    if isinstance(line, ContactAttemptView):
        return icons.icon(CHANNEL_ICONS[line.channel], theme.ACCENT)
    return icons.icon(FOLLOW_UP_ICONS[line.kind], theme.ACCENT)


def _attempt_detail(a: ContactAttemptView) -> str:
    parts = [a.reached_label]
    if a.partner_name:
        parts.append(a.partner_name)
    if a.answer:
        parts.append(a.answer)
    if a.outcome is not None:
        parts.append(f"Issue : {a.outcome.label}")
    elif a.next_action:
        due = f" (le {format_date_short(a.next_action_due)})" if a.next_action_due else ""
        parts.append(f"Prochaine action : {a.next_action}{due}")
    return " — ".join(parts)


def _follow_up_detail(e: DiaryLine) -> str:
    if isinstance(e, ContactAttemptView):
        return _attempt_detail(e)
    if e.kind is FollowUpKind.PARTNER_MOBILISATION and e.partner_name:
        return f"{e.partner_name} — {e.note}" if e.note else e.partner_name
    return e.note


def _outcome_icon(o: OutcomeView):
    spec = OUTCOME_ICONS.get(o.state)
    return icons.icon(spec[0], spec[1]) if spec else None


SOLUTION_COLUMNS: tuple[Column[SolutionView], ...] = (
    Column(
        "Solution", lambda s: s.title, tooltip=lambda s: s.title + (f"\n{s.provider_name}" if s.provider_name else "")
    ),
    Column("Catégorie", lambda s: s.category.label),
    Column("Réponse du jeune", lambda s: s.youth_answer.label),
    Column("Avancement", _solution_progress),
    Column("Notes", lambda s: s.notes),
)
TIMELINE_COLUMNS: tuple[Column[DiaryLine], ...] = (
    Column("Date", _diary_date),
    Column("Type", _diary_type, icon=_diary_icon),
    Column("Détail", _follow_up_detail),
    Column("Par", lambda e: e.staff_name or ""),
)
OUTCOME_COLUMNS: tuple[Column[OutcomeView], ...] = (
    Column("Échéance", lambda o: o.milestone.label),
    Column("Date prévue", lambda o: format_date(o.due_on) if o.due_on else "—"),
    Column("État", lambda o: o.state_label, icon=_outcome_icon),
    Column("Situation", lambda o: o.situation.label if o.situation else ""),
    Column("Note", lambda o: o.note),
    Column(
        "Renseignée",
        lambda o: (
            (f"le {format_date_short(o.recorded_on)}" if o.recorded_on else "")
            + (f" par {o.recorded_by_name}" if o.recorded_by_name else "")
        ),
    ),
)
HISTORY_COLUMNS: tuple[Column[IdentityChangeView], ...] = (
    Column("Quand", lambda c: format_datetime(c.changed_at)),
    Column("Champ", lambda c: c.field_label),
    Column("Avant → après", lambda c: f"{c.old_text} → {c.new_text}"),
    Column("Par", lambda c: c.changed_by_name or ""),
)
REFERENT_COLUMNS: tuple[Column[ReferentPeriod], ...] = (
    Column("Référent", lambda r: r.staff_name),
    Column(
        "Période",
        lambda r: (
            f"du {format_date_short(r.started_on)} "
            + (f"au {format_date_short(r.ended_on)}" if r.ended_on else "à aujourd'hui")
        ),
    ),
    Column(
        "Raison",
        lambda r: (r.reason or "") + (f" (plafond dépassé : {r.cap_override_reason})" if r.cap_override_reason else ""),
    ),
)
DECISION_COLUMNS: tuple[Column[DecisionView], ...] = (
    Column("Date", lambda d: format_date(d.planned_on)),
    Column("Réunion", lambda d: d.title + (f" — {d.place}" if d.place else "")),
    Column("Présents", lambda d: ", ".join(d.participants)),
    Column("Décision", lambda d: d.decision or ("(à venir)" if not d.held else "(aucune décision notée)")),
)


# --- the export of everything held about the youth (right of access) -----------------------------------------

#: ``ask(parent, suggested)`` → the path chosen for the PDF (the JSON goes beside it), or None if cancelled.
AskExportPath = Callable[[QWidget, Path], Path | None]


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    """Qt's "save as" dialog (it asks before replacing a file)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Exporter toutes les données du jeune", str(suggested), "Documents PDF (*.pdf)"
    )
    return Path(chosen) if chosen else None


def export_file_name(youth_id: str, on: date) -> str:
    """``donnees-jeune-<8 first characters of the id>-<date>.pdf``: no name in clear on the disk."""
    return f"donnees-jeune-{youth_id[:8]}-{on.isoformat()}.pdf"


def export_paths(chosen: Path) -> tuple[Path, Path]:
    """The PDF and the JSON written for the path chosen (with or without its .pdf or .json suffix)."""
    stem = chosen.with_suffix("") if chosen.suffix.lower() in (".pdf", ".json") else chosen
    return stem.with_name(stem.name + ".pdf"), stem.with_name(stem.name + ".json")


def write_export_files(export: SubjectExport, *, pdf_path: Path, json_path: Path) -> tuple[str, str]:
    """Write the readable PDF and the JSON, as ``pac export youth`` does."""
    json_written, pdf_written = write_subject_export_files(export, json_path=json_path, pdf_path=pdf_path)
    return str(pdf_written), str(json_written)


@dataclass(frozen=True)
class _Loaded:
    case: CaseFile
    can_edit: bool
    can_change_referent: bool
    can_export: bool = False
    can_print: bool = False


class CaseFileWindow(QWidget):
    """One youth's file. ``case_file_changed`` tells the lists that something was saved."""

    case_file_loaded = Signal(object)  # the CaseFile now shown
    case_file_changed = Signal(str)  # id of the youth whose file was changed
    load_failed = Signal(str)  # French message
    data_exported = Signal(str, str)  # paths of the PDF and of the JSON just written
    export_failed = Signal(str)  # French message

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        tasks: TaskRunner,
        youth_id: str,
        ask_export: AskExportPath = ask_export_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self.youth_id = youth_id
        self._loaded: _Loaded | None = None
        #: Each reload has a number; only the newest one's answer is shown (two reads run at once on the db_read
        #: lane — a save's and a change announced — and may come back in either order).
        self._load_request = 0
        self._view_recorded = False
        self._force_close = False
        self.close_question: QMessageBox | None = None
        self.current_dialog: QWidget | None = None  # the last dialog opened (tests drive it)
        self.ask_export = ask_export  # where to write the export (tests give a path without a modal dialog)
        self.ui = Ui_CaseFileWindow()
        self.ui.setupUi(self)
        repolish_roles(self)
        self.resize(1180, 720)
        self.setWindowTitle("Dossier — chargement…")

        self.solutions_model = self._table(self.ui.solutions_view, SOLUTION_COLUMNS, stretch=4)
        self.timeline_model = self._table(self.ui.timeline_view, TIMELINE_COLUMNS, stretch=2)
        self.outcomes_model = self._table(self.ui.outcomes_view, OUTCOME_COLUMNS, stretch=4)
        self.history_model = self._table(self.ui.history_view, HISTORY_COLUMNS, stretch=2)
        self.referents_model = self._table(self.ui.referents_view, REFERENT_COLUMNS, stretch=2)
        self.decisions_model = self._table(self.ui.decisions_view, DECISION_COLUMNS, stretch=3)

        self.ui.sex_combo.addItem("Non renseigné", None)
        for sex in Sex:
            self.ui.sex_combo.addItem(sex.label, sex.value)
        self.ui.notice_frame.hide()
        self.ui.notice_icon_label.setPixmap(icons.pixmap(icons.LOCK, 18, theme.ACCENT))
        # Hand-written beside the Designer buttons: shown only to those allowed to export the file.
        self.export_button = QPushButton("E&xporter toutes ses données…", self.ui.header_frame)
        self.export_button.setObjectName("export_button")
        self.export_button.setIcon(icons.icon(EXPORT_ICON, theme.ACCENT))
        self.export_button.setToolTip(
            "Tout ce que cette base contient sur ce jeune, en PDF lisible et en JSON : pour répondre à une "
            "demande d'accès à ses données (RGPD). L'export est noté dans le journal."
        )
        self.export_button.hide()
        # The actions go on a line of their own under the name, so that the youth's details stay on one line
        # (beside three buttons they wrapped onto three or four lines on a 1366-pixel screen).
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (self.ui.change_referent_button, self.ui.exit_button, self.export_button):
            self.ui.header_layout.removeWidget(button)
            actions.addWidget(button)
        actions.addStretch(1)
        # Issue 18 §5: a minor's training obligation, on the name's line (hidden outside 16–18): the header keeps
        # its height, so the window still fits a 1366×768 screen.
        self.obligation_box = ObligationBox(services=services, actor=actor, tasks=tasks, youth_id=youth_id,
                                            parent=self.ui.header_frame)
        name_row = QHBoxLayout()
        name_row.setSpacing(8)
        at = self.ui.header_text_layout.indexOf(self.ui.name_label)
        self.ui.header_text_layout.removeWidget(self.ui.name_label)
        name_row.addWidget(self.ui.name_label)
        # Issue 18: the youth's refusal of messages, on the same line, beside the name (hidden when they accept
        # them); the obligation box (16–18 only) then takes the rest of the line.
        self.messages_refused_icon = QLabel(self.ui.header_frame)
        self.messages_refused_icon.setPixmap(icons.pixmap(MESSAGES_REFUSED_ICON, 18, theme.WARNING))
        self.messages_refused_label = QLabel(messages_refused_text(None), self.ui.header_frame)
        self.messages_refused_label.setObjectName("messages_refused_label")
        theme.set_role(self.messages_refused_label, "warning")
        for widget in (self.messages_refused_icon, self.messages_refused_label):
            name_row.addWidget(widget)
            widget.hide()
        name_row.addSpacing(8)
        name_row.addWidget(self.obligation_box, 1)
        name_row.addStretch(0)  # the line's end when the obligation box is hidden
        self.ui.header_text_layout.insertLayout(at, name_row)
        self.ui.header_text_layout.addSpacing(6)
        self.ui.header_text_layout.addLayout(actions)
        self.obligation_box.recorded.connect(lambda _id: self.case_file_changed.emit(self.youth_id))
        # Issue 13: the withdrawal of the consent to share, under the consent it withdraws (Identité tab).
        self.withdraw_consent_button = QPushButton(ACTION_TEXT, self.ui.identity_tab)
        self.withdraw_consent_button.setObjectName("withdraw_consent_button")
        self.ui.guardian_buttons_layout.insertWidget(1, self.withdraw_consent_button)
        self.withdraw_consent_button.hide()
        self.documents_tab = DocumentsTab(services=services, actor=actor, tasks=tasks, youth_id=youth_id,
                                          export=self._on_export_button_clicked, parent=self.ui.tabs)
        self.ui.tabs.addTab(self.documents_tab, icons.icon("mdi6.printer-outline", theme.ACCENT), "Documents")

        self.ui.save_identity_button.clicked.connect(self._on_save_identity_button_clicked)
        self.ui.revert_identity_button.clicked.connect(self._on_revert_identity_button_clicked)
        self.ui.add_guardian_button.clicked.connect(self._on_add_guardian_button_clicked)
        self.ui.add_follow_up_button.clicked.connect(self._on_add_follow_up_button_clicked)
        self.ui.record_outcome_button.clicked.connect(self._on_record_outcome_button_clicked)
        self.ui.outcomes_view.doubleClicked.connect(self._on_record_outcome_button_clicked)
        self.ui.change_referent_button.clicked.connect(self._on_change_referent_button_clicked)
        self.ui.exit_button.clicked.connect(self._on_exit_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.withdraw_consent_button.clicked.connect(self._on_withdraw_consent_button_clicked)
        self.ui.add_solution_button.clicked.connect(self._on_add_solution_button_clicked)
        self.ui.start_solution_button.clicked.connect(partial(self._on_solution_step, SolutionStatus.STARTED))
        self.ui.complete_solution_button.clicked.connect(partial(self._on_solution_step, SolutionStatus.COMPLETED))
        self.ui.abandon_solution_button.clicked.connect(partial(self._on_solution_step, SolutionStatus.ABANDONED))
        self.ui.solutions_view.selectionModel().currentRowChanged.connect(self._update_solution_buttons)
        QShortcut(QKeySequence("Ctrl+W"), self, activated=self.close)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        # A change of this file made elsewhere (a page pulled by the sync, another window, a purge) is shown
        # without F5; a burst of commits is read once.
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(CHANGES_DEBOUNCE_MS)
        self._changed_timer.timeout.connect(self.reload)
        watch_changes(self, services.ctx.changes, self._on_store_changed)
        self._set_editable(False)
        self.reload()

    @staticmethod
    def _table(view: QTableView, columns: tuple[Column, ...], *, stretch: int) -> TableModel:
        model = TableModel(columns, id_of=lambda line: getattr(line, "id", None), parent=view)
        view.setModel(model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return model

    @property
    def case(self) -> CaseFile | None:
        return self._loaded.case if self._loaded else None

    @property
    def today(self) -> date:
        return self._services.ctx.today()

    # --- loading ------------------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        services, actor, youth_id = self._services, self._actor, self.youth_id
        self._load_request += 1
        request = self._load_request
        first = not self._view_recorded  # the opening is recorded once, whichever read answers first
        self._view_recorded = True

        def load() -> _Loaded:
            case = services.casefile.case_file(youth_id=youth_id, by=actor, record_view=first)
            can_edit = services.casefile.can_edit(youth_id=youth_id, by=actor)
            change = can_edit or actor.has(StaffRole.ADMINISTRATOR) or case.header.referent_id is None
            can_export = services.guard.allows(actor, Action.SUBJECT_EXPORT, youth_id=youth_id)
            can_print = services.guard.allows(actor, Action.CASE_PRINT, youth_id=youth_id)
            return _Loaded(case, can_edit, change and case.header.status is not YouthStatus.EXITED, can_export,
                           can_print)

        self._tasks.run_task(load, on_success=partial(self._on_load_answered, request),
                             on_failure=partial(self._on_load_answer_failed, request), lane=Lane.DB_READ,
                             owner=self)  # fmt: skip
        self.obligation_box.reload()

    def _on_load_answered(self, request: int, loaded: _Loaded) -> None:
        if request == self._load_request:  # an older read (before the last save or pulled page) is dropped
            self._on_loaded(loaded)

    def _on_load_answer_failed(self, request: int, failure: TaskFailure) -> None:
        if request == self._load_request:
            self._on_load_failed(failure)

    @Slot(object)
    def _on_store_changed(self, changes: StoreChanges) -> None:
        if self._loaded is not None and changes.touches_case(self.youth_id):
            self._changed_timer.start()

    def _identity_being_edited(self) -> set[str] | None:
        """The fields of the Identité tab holding changes not saved yet (a reload must not wipe them); None:
        all of them (a date half typed)."""
        if self._loaded is None:
            return set()
        try:
            return set(self.identity_changes())
        except DomainError:
            return None

    def _on_load_failed(self, failure: TaskFailure) -> None:
        self._show_notice(f"Le dossier n'a pas pu être ouvert. {failure.message}", error=True)
        self.load_failed.emit(failure.message)

    def _on_loaded(self, loaded: _Loaded) -> None:
        typing = self._identity_being_edited()
        self._loaded = loaded
        case = loaded.case
        self._show_header(case)
        self.obligation_box.youth_name = case.header.first_name
        self._fill_identity(case, keep=typing)
        self._show_intake(case.intake)
        self.solutions_model.set_lines(case.solutions)
        self.timeline_model.set_lines(diary_lines(case))
        self.outcomes_model.set_lines(case.outcomes)
        self.history_model.set_lines(case.identity_history)
        self.referents_model.set_lines(case.referents)
        self.decisions_model.set_lines(case.decisions)
        self.ui.timeline_empty_label.setVisible(not case.timeline and not case.contact_attempts)
        self.ui.timeline_empty_label.setText(
            "Aucun suivi noté pour l'instant : ajoutez le premier entretien ou appel." if loaded.can_edit
            else "Aucun suivi noté pour l'instant."  # read-only: no invitation to a disabled button
        )
        self.ui.decisions_empty_label.setVisible(not case.decisions)
        self.ui.decisions_empty_label.setText("Ce jeune n'a été étudié dans aucune réunion de synthèse.")
        # A try that reached the youth is a contact too (one that did not, or a reminder sent, is not).
        contact_days = [e.occurred_on for e in case.timeline if e.is_contact]
        contact_days += [_attempt_day(a) for a in case.contact_attempts if a.reached]
        last_day = max(contact_days, default=None)
        intake_day = case.intake.held_on if case.intake is not None else None
        if last_day is not None and (intake_day is None or last_day >= intake_day):
            self.ui.last_contact_label.setText(
                f"Dernier contact : {relative_days(last_day, self.today)} ({format_date(last_day)})"
            )
        elif intake_day is not None:  # the joint intake is a contact too (« Aucun » on its very day was untrue)
            self.ui.last_contact_label.setText(
                f"Dernier contact : l'accueil commun, {relative_days(intake_day, self.today)} ({format_date(intake_day)})"
            )
        else:
            self.ui.last_contact_label.setText("Aucun contact noté")
        self.messages_refused_icon.setVisible(case.messages_refused)
        self.messages_refused_label.setVisible(case.messages_refused)
        if case.messages_refused:
            self.messages_refused_label.setText(messages_refused_text(case.messages_refused_since))
            detail = (messages_refused_detail(case.header.display_name, case.messages_refused_since,
                                              case.messages_refused_by)
                      + " Appelez, écrivez un courrier ou passez par un partenaire.")
            for widget in (self.messages_refused_icon, self.messages_refused_label):
                widget.setToolTip(detail)
        self._set_editable(loaded.can_edit)
        self.ui.change_referent_button.setEnabled(loaded.can_change_referent)
        self.ui.exit_button.setEnabled(loaded.can_edit and case.header.status is not YouthStatus.EXITED)
        self.export_button.setVisible(loaded.can_export)
        self._show_withdrawal(loaded)
        self.documents_tab.set_case(case.intake.id if case.intake else None, can_print=loaded.can_print,
                                    can_export=loaded.can_export)
        if case.header.status is YouthStatus.EXITED:
            self._show_notice("Ce jeune est sorti du dispositif : son dossier se consulte, le suivi est terminé.")
        elif not loaded.can_edit:
            who = case.header.referent_name
            self._show_notice(
                "Vous consultez ce dossier. Seul son référent unique"
                + (f" ({who})" if who else "")
                + " peut le modifier."
            )
        else:
            self.ui.notice_frame.hide()
        self._update_solution_buttons()
        self.case_file_loaded.emit(case)

    def _show_notice(self, text: str, *, error: bool = False, icon: str = icons.LOCK) -> None:
        self.ui.notice_label.setText(text)
        theme.set_role(self.ui.notice_frame, "error_box" if error else "notice")
        self.ui.notice_icon_label.setPixmap(
            icons.pixmap(icons.ERROR, 18, theme.ERROR) if error else icons.pixmap(icon, 18, theme.ACCENT)
        )
        self.ui.notice_frame.show()

    def notice_text(self) -> str:
        """The message of the notice bar ("" when hidden)."""
        return self.ui.notice_label.text() if not self.ui.notice_frame.isHidden() else ""

    def _show_header(self, case: CaseFile) -> None:
        h = case.header
        self.setWindowTitle(f"Dossier — {h.first_name} {h.last_name}")
        self.ui.name_label.setText(f"{h.first_name} {h.last_name.upper()}")
        parts = []
        if h.age is not None:
            born = {Sex.FEMALE: "née", Sex.MALE: "né"}.get(case.identity.sex, "né(e)")
            parts.append(f"{h.age} ans, {born} le {format_date(h.birth_date)}")
        parts.append(h.territory_name)
        parts.append(f"Référent : {h.referent_name}" if h.referent_name else "Pas de référent")
        self.ui.details_label.setText(" · ".join(parts))
        self.ui.status_label.setText(h.status.label)
        self.ui.status_icon_label.setPixmap(icons.pixmap(STATUS_ICONS[h.status], 22, theme.ACCENT))
        self.ui.header_frame.setAccessibleDescription(f"{h.display_name}, {' · '.join(parts)}, {h.status.label}")

    # --- identity -----------------------------------------------------------------------------------------

    def _identity_edits(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "first_name": ui.first_name_edit,
            "last_name": ui.last_name_edit,
            "birth_date": ui.birth_date_edit,
            "phone": ui.phone_edit,
            "email": ui.email_edit,
            "address": ui.address_edit,
            "postcode": ui.postcode_edit,
            "town": ui.town_edit,
        }

    def _fill_identity(self, case: CaseFile, *, keep: Collection[str] | None = ()) -> None:
        """The Identité tab; the fields named in ``keep`` (None: every field) are left as the user is typing
        them, the others show the stored values."""
        identity = case.identity
        fields = keep is not None
        edits = {n: e for n, e in self._identity_edits().items() if keep is not None and n not in keep}
        for name, edit in edits.items():
            value = getattr(identity, name)
            if name == "birth_date":
                edit.setText(format_date_short(value))
            elif name == "phone":
                edit.setText(format_phone(value) if value else "")
            else:
                edit.setText(value or "")
        if fields and "sex" not in keep:
            self.ui.sex_combo.setCurrentIndex(0 if identity.sex is None else list(Sex).index(identity.sex) + 1)
        if fields and "lives_in_priority_area" not in keep:
            self.ui.priority_area_check.setChecked(identity.lives_in_priority_area)
        if fields and "newly_arrived" not in keep:
            self.ui.newly_arrived_check.setChecked(identity.newly_arrived)
        lines = []
        for g in case.guardians:
            details = [x for x in (g.relationship, format_phone(g.phone) if g.phone else None, g.email) if x]
            lines.append(g.full_name + (f" — {', '.join(details)}" if details else ""))
        text = "\n".join(lines) if lines else "Aucun représentant légal enregistré."
        if case.consents:  # issue 13: the consent to share, who recorded it and when
            text += "\n\n" + "\n".join(case.consents)
        self.ui.guardians_label.setText(text)

    def identity_changes(self) -> dict[str, Any]:
        """What the user changed in the Identité tab (DomainError if a date cannot be read)."""
        assert self._loaded is not None
        identity = self._loaded.case.identity
        changes: dict[str, Any] = {}
        for name, edit in self._identity_edits().items():
            if name == "birth_date":
                value: Any = read_date(edit, "Date de naissance")
            else:
                value = edit.text().strip() or None
            current = getattr(identity, name)
            if name == "phone" and current:
                current = format_phone(current)
            if value != current:
                changes[name] = value
        sex = self.ui.sex_combo.currentData()
        if (Sex(sex) if sex else None) != identity.sex:
            changes["sex"] = Sex(sex) if sex else None
        if self.ui.priority_area_check.isChecked() != identity.lives_in_priority_area:
            changes["lives_in_priority_area"] = self.ui.priority_area_check.isChecked()
        if self.ui.newly_arrived_check.isChecked() != identity.newly_arrived:
            changes["newly_arrived"] = self.ui.newly_arrived_check.isChecked()
        return changes

    @Slot()
    def _on_save_identity_button_clicked(self) -> None:
        try:
            changes = self.identity_changes()
        except DomainError as error:
            self._show_notice(str(error), error=True)
            return
        if not changes:
            self._show_notice("Aucune modification à enregistrer.")
            return
        self._write(
            partial(self._services.casefile.update_identity, youth_id=self.youth_id, changes=changes, by=self._actor)
        )

    @Slot()
    def _on_revert_identity_button_clicked(self) -> None:
        if self._loaded is not None:
            self._fill_identity(self._loaded.case)

    @Slot()
    def _on_add_guardian_button_clicked(self) -> None:
        casefile, youth_id, actor = self._services.casefile, self.youth_id, self._actor

        def save(values: GuardianValues) -> str:
            return casefile.add_guardian(
                youth_id=youth_id,
                full_name=values.full_name,
                relationship=values.relationship,
                phone=values.phone,
                email=values.email,
                by=actor,
            )

        self._open_dialog(GuardianDialog(tasks=self._tasks, save=save, parent=self))

    def _show_withdrawal(self, loaded: _Loaded) -> None:
        """Shown to those who may change the file (the service's own check); usable only while consent is given."""
        button = self.withdraw_consent_button
        button.setVisible(loaded.can_edit)
        why_not = unavailable_reason(loaded.case.consent_state)
        button.setEnabled(loaded.can_edit and not why_not)
        tip = why_not or ("Le jeune ou son représentant légal retire son accord : le dossier cesse d'être partagé "
                          "avec les partenaires.")
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)

    @Slot()
    def _on_withdraw_consent_button_clicked(self) -> None:
        if self._loaded is None or not self._loaded.can_edit or unavailable_reason(self._loaded.case.consent_state):
            return
        intake, youth_id, actor = self._services.intake, self.youth_id, self._actor

        def save(reason: str | None) -> str:
            return intake.withdraw_consent(youth_id=youth_id, reason=reason, by=actor)

        self._open_dialog(ConsentWithdrawalDialog(tasks=self._tasks, save=save,
                                                  youth_name=self._loaded.case.header.display_name,
                                                  staff_name=actor.display_name, parent=self))

    # --- writes -------------------------------------------------------------------------------------------

    def _write(self, fn: Callable[[], object]) -> None:
        """Save off the UI thread, then read the file again; a refusal is shown in the notice bar."""
        self._tasks.run_task(fn, on_success=self._on_written, on_failure=self._on_write_failed, lane=Lane.DB_WRITE,
                             owner=self)  # fmt: skip

    def _on_written(self, _result: object) -> None:
        self.ui.notice_frame.hide()
        self.case_file_changed.emit(self.youth_id)
        self.reload()

    def _on_write_failed(self, failure: TaskFailure) -> None:
        self._show_notice(failure.message, error=True)

    def _open_dialog(self, dialog) -> None:  # noqa: ANN001 - one of the SavingDialogs
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.saved.connect(self._on_written)
        self.current_dialog = dialog
        dialog.open()

    def _load_then(self, load: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self._tasks.run_task(load, on_success=then, on_failure=self._on_write_failed, lane=Lane.DB_READ, owner=self)

    def _set_editable(self, editable: bool) -> None:
        for widget in (*self._identity_edits().values(), self.ui.sex_combo, self.ui.priority_area_check,
                       self.ui.newly_arrived_check):  # fmt: skip
            if hasattr(widget, "setReadOnly"):
                widget.setReadOnly(not editable)
            else:
                widget.setEnabled(editable)
        for button in (self.ui.save_identity_button, self.ui.revert_identity_button, self.ui.add_guardian_button,
                       self.ui.add_follow_up_button, self.ui.record_outcome_button, self.ui.add_solution_button):  # fmt: skip
            button.setEnabled(editable)
        if not editable:
            for button in (self.ui.start_solution_button, self.ui.complete_solution_button,
                           self.ui.abandon_solution_button):  # fmt: skip
                button.setEnabled(False)

    # --- follow-up ----------------------------------------------------------------------------------------

    @Slot()
    def _on_add_follow_up_button_clicked(self) -> None:
        if self._loaded is None:
            return
        casefile, youth_id, actor = self._services.casefile, self.youth_id, self._actor
        territory_id = self._loaded.case.header.territory_id

        def save(values: FollowUpValues) -> str:
            return casefile.add_follow_up(
                youth_id=youth_id,
                kind=values.kind,
                occurred_on=values.occurred_on,
                note=values.note,
                partner_organisation_id=values.partner_organisation_id,
                by=actor,
            )

        def show(partners: list) -> None:
            self._open_dialog(
                FollowUpDialog(tasks=self._tasks, save=save, partners=partners, today=self.today, parent=self)
            )

        self._load_then(partial(casefile.partner_organisations, territory_id=territory_id), show)

    # --- outcomes and exit --------------------------------------------------------------------------------

    @Slot()
    def _on_record_outcome_button_clicked(self, *_args: object) -> None:
        if self._loaded is None or not self._loaded.can_edit:
            return
        casefile, youth_id, actor = self._services.casefile, self.youth_id, self._actor
        milestones = [OutcomeMilestone.MONTH_3, OutcomeMilestone.MONTH_6, OutcomeMilestone.MONTH_12]
        index = self.ui.outcomes_view.currentIndex()
        selected = None
        if index.isValid() and self.outcomes_model.line(index.row()).milestone in milestones:
            selected = self.outcomes_model.line(index.row()).milestone
        else:
            pending = [o for o in self._loaded.case.outcomes if o.state in (OutcomeState.OVERDUE, OutcomeState.DUE)]
            selected = pending[0].milestone if pending else None

        def save(values: OutcomeValues) -> str:
            return casefile.record_outcome(
                youth_id=youth_id,
                milestone=values.milestone,
                situation=values.situation,
                note=values.note,
                recorded_on=values.on,
                by=actor,
            )

        self._open_dialog(
            OutcomeDialog(
                tasks=self._tasks,
                save=save,
                milestones=milestones,
                selected=selected,
                today=self.today,
                youth_name=self._loaded.case.header.first_name,
                parent=self,
            )
        )

    @Slot()
    def _on_exit_button_clicked(self) -> None:
        if self._loaded is None:
            return
        casefile, youth_id, actor = self._services.casefile, self.youth_id, self._actor

        def save(values: OutcomeValues) -> str:
            return casefile.exit_youth(
                youth_id=youth_id, situation=values.situation, note=values.note, on=values.on, by=actor
            )

        self._open_dialog(
            OutcomeDialog(
                tasks=self._tasks,
                save=save,
                milestones=[OutcomeMilestone.EXIT],
                selected=OutcomeMilestone.EXIT,
                today=self.today,
                exit_mode=True,
                youth_name=self._loaded.case.header.display_name,
                parent=self,
            )
        )

    # --- referent -----------------------------------------------------------------------------------------

    @Slot()
    def _on_change_referent_button_clicked(self) -> None:
        if self._loaded is None:
            return
        casefile, youth_id, actor = self._services.casefile, self.youth_id, self._actor

        def save(values: ReferentValues):
            return casefile.change_referent(
                youth_id=youth_id,
                staff_id=values.staff_id,
                reason=values.reason,
                cap_override_reason=values.cap_override_reason,
                by=actor,
            )

        def show(candidates: list) -> None:
            self._open_dialog(
                ReferentDialog(
                    tasks=self._tasks,
                    save=save,
                    candidates=candidates,
                    administrator=actor.has(StaffRole.ADMINISTRATOR),
                    youth_name=self._loaded.case.header.display_name if self._loaded else "",
                    parent=self,
                )
            )

        self._load_then(partial(casefile.referent_candidates, youth_id=youth_id), show)

    # --- solutions ----------------------------------------------------------------------------------------

    def _selected_solution(self) -> SolutionView | None:
        index = self.ui.solutions_view.currentIndex()
        return self.solutions_model.line(index.row()) if index.isValid() else None

    @Slot()
    def _update_solution_buttons(self, *_args: object) -> None:
        solution = self._selected_solution()
        editable = self._loaded is not None and self._loaded.can_edit
        status = solution.status if solution else None
        self.ui.start_solution_button.setEnabled(editable and status is SolutionStatus.PROPOSED)
        self.ui.complete_solution_button.setEnabled(editable and status is SolutionStatus.STARTED)
        self.ui.abandon_solution_button.setEnabled(
            editable and status in (SolutionStatus.PROPOSED, SolutionStatus.STARTED)
        )

    @Slot()
    def _on_add_solution_button_clicked(self) -> None:
        if self._loaded is None:
            return
        casefile, youth_id, actor = self._services.casefile, self.youth_id, self._actor

        def save(values: SolutionValues) -> str:
            return casefile.add_solution(
                youth_id=youth_id,
                offer_id=values.offer_id,
                free_text=values.free_text,
                category=values.category,
                youth_answer=values.youth_answer,
                planned_start=values.planned_start,
                notes=values.notes,
                by=actor,
            )

        def show(offers: list) -> None:
            self._open_dialog(SolutionDialog(tasks=self._tasks, save=save, offers=offers, parent=self))

        self._load_then(partial(casefile.offers, territory_id=self._loaded.case.header.territory_id), show)

    def _on_solution_step(self, status: SolutionStatus) -> None:
        solution = self._selected_solution()
        if solution is None:
            return
        casefile, actor = self._services.casefile, self._actor

        def save(values: SolutionStepValues) -> SolutionStatus:
            return casefile.set_solution_status(
                solution_id=solution.id, status=values.status, on=values.on, note=values.note, by=actor
            )

        self._open_dialog(
            SolutionStepDialog(
                tasks=self._tasks, save=save, status=status, title=solution.title, today=self.today, parent=self
            )
        )

    # --- export of everything held about the youth (right of access) ---------------------------------------

    @Slot()
    def _on_export_button_clicked(self) -> None:
        if self._loaded is None or not self._loaded.can_export:
            return
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(documents or Path.home()) / export_file_name(self.youth_id, self.today)
        chosen = self.ask_export(self, suggested)
        if chosen is None:
            return
        if chosen.is_dir():  # a folder chosen: the suggested name inside it
            chosen = chosen / suggested.name
        self.export_to(chosen)

    def export_to(self, target: Path) -> None:
        """Gather everything held about the youth (audited), then write ``<target>.pdf`` and ``<target>.json``."""
        pdf_path, json_path = export_paths(Path(target))
        self.export_button.setEnabled(False)
        self._show_notice("Export des données en cours…", icon=EXPORT_ICON)
        gather = partial(self._services.data_rights.subject_export, youth_id=self.youth_id, actor=self._actor)
        self._tasks.run_task(gather, on_success=partial(self._on_export_gathered, pdf_path, json_path),
                             on_failure=self._on_export_failed, lane=Lane.DB_WRITE, owner=self)  # fmt: skip

    def _on_export_gathered(self, pdf_path: Path, json_path: Path, export: SubjectExport) -> None:
        write = partial(write_export_files, export, pdf_path=pdf_path, json_path=json_path)
        self._tasks.run_task(write, on_success=self._on_exported, on_failure=self._on_export_failed, lane=Lane.PDF,
                             owner=self)  # fmt: skip

    def _on_exported(self, paths: tuple[str, str]) -> None:
        pdf_path, json_path = (Path(p) for p in paths)
        self.export_button.setEnabled(True)
        self._show_notice(
            f"Données exportées dans le dossier {pdf_path.parent} : {pdf_path.name} (à lire ou à imprimer) et "
            f"{json_path.name} (pour un autre logiciel). Ces fichiers contiennent des données personnelles : "
            "remettez-les à la personne par un moyen sûr, puis supprimez-les de cet ordinateur.",
            icon=icons.OK,
        )
        self.data_exported.emit(str(pdf_path), str(json_path))

    def _on_export_failed(self, failure: TaskFailure) -> None:
        self.export_button.setEnabled(True)
        self._show_notice(failure.message, error=True)  # a refusal (PermissionDenied) says why, as it is
        self.export_failed.emit(failure.message)

    # --- the intake, read-only ----------------------------------------------------------------------------

    def _show_intake(self, intake: IntakeView | None) -> None:
        layout = self.ui.intake_layout
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.ui.intake_empty_label.setVisible(intake is None)
        self.ui.intake_scroll.setVisible(intake is not None)
        if intake is None:
            self.ui.intake_empty_label.setText("Ce jeune n'a pas encore eu d'accueil commun.")
            return
        when = intake.intake_date
        title = "Accueil commun" + (f" du {format_date(when)}" if when else "") + f" — {intake.state.label}"
        self._add_label(layout, title, role="heading")
        facts = [f"Territoire : {intake.territory_name}" + (f" — {intake.host_name}" if intake.host_name else "")]
        if intake.age_at_intake is not None:
            facts.append(f"Âge à l'accueil : {intake.age_at_intake} ans")
        if intake.referral_source is not None:
            referral = f"Repérage : {intake.referral_source.label}"
            if intake.referred_on:
                referral += f", le {format_date(intake.referred_on)}"
            if intake.referrer:
                referral += f" ({intake.referrer})"
            facts.append(referral)
        if intake.participants:
            facts.append("Participants : " + " ; ".join(intake.participants))
        if intake.eligibility_overridden:
            facts.append(f"Admis par dérogation : {intake.eligibility_justification or ''}")
        if intake.solutions:
            facts.append("Solutions proposées : " + " ; ".join(intake.solutions))
        if intake.next_appointment_at:
            appointment = f"Prochain rendez-vous : {format_datetime(intake.next_appointment_at)}"
            if intake.next_appointment_place:
                appointment += f", {intake.next_appointment_place}"
            if intake.next_appointment_with:
                appointment += f", avec {intake.next_appointment_with}"
            facts.append(appointment)
        self._add_label(layout, "\n".join(facts))
        for section in intake.sections:
            self._add_section(
                layout,
                section.label,
                "\n\n".join((f"{n.author_name} : " if n.author_name else "") + n.text for n in section.notes),
                sensitive=section.sensitive,
            )
        if intake.barriers:
            self._add_section(layout, "Freins repérés", "\n".join(f"• {b.label}" for b in intake.barriers))
        diagnosis = intake.shared_diagnosis.strip() or "Pas encore rédigé."
        if intake.shared_diagnosis.strip() and not intake.diagnosis_agreed:
            diagnosis += "\n(pas encore approuvé par tous)"
        self._add_section(layout, "Diagnostic partagé", diagnosis)
        if intake.amendments:
            lines = [
                f"{format_datetime(a.amended_at)} — {a.field} : « {a.old_value or ''} » → « {a.new_value or ''} »"
                f" ({a.reason})" + (f", par {a.amended_by_name}" if a.amended_by_name else "")
                for a in intake.amendments
            ]
            self._add_section(layout, "Corrections après validation", "\n".join(lines))
        layout.addStretch(1)

    @staticmethod
    def _add_label(layout: QVBoxLayout, text: str, *, role: str | None = None) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            label.setProperty("role", role)
        layout.addWidget(label)
        return label

    def _add_section(self, layout: QVBoxLayout, title: str, text: str, *, sensitive: bool = False) -> None:
        """A titled block; sensitive ones (health, justice, family) folded until someone opens them."""
        frame = QFrame()
        frame.setProperty("role", "card")
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 8, 12, 8)
        toggle = QToolButton()
        toggle.setObjectName(f"section_toggle_{len(self.ui.intake_contents.findChildren(QToolButton))}")
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setCheckable(True)
        toggle.setAutoRaise(True)
        toggle.setStyleSheet("QToolButton { font-weight: 600; border: none; }")
        body = QLabel(text)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown_title = f"{title} (confidentiel)" if sensitive else title

        def show(opened: bool) -> None:
            body.setVisible(opened)
            toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
            hint = "" if opened or not sensitive else " — masqué, cliquez pour afficher"
            toggle.setText(shown_title + hint)
            toggle.setAccessibleName(shown_title + (" (ouvert)" if opened else " (fermé)"))

        toggle.toggled.connect(show)
        toggle.setChecked(not sensitive)
        show(not sensitive)
        box.addWidget(toggle)
        box.addWidget(body)
        body.setProperty("sensitive", sensitive)
        layout.addWidget(frame)

    # --- window -------------------------------------------------------------------------------------------

    def close_without_asking(self) -> None:
        """Close, dropping unsaved identity edits (logout, lock)."""
        self._force_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._loaded is not None and self._loaded.can_edit and not self._force_close:
            try:
                pending = self.identity_changes()
            except DomainError:
                pending = {"birth_date": None}
            if pending:
                event.ignore()
                self._ask_before_closing()
                return
        super().closeEvent(event)

    def _ask_before_closing(self) -> None:
        """Window-modal and without a nested event loop: the sync's announcements, the reads answering and the
        other windows go on while the question waits (a blocking question inside closeEvent froze everything,
        tests included, until answered)."""
        if self.close_question is not None:
            self.close_question.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Modifications non enregistrées",
            "L'identité a été modifiée sans être enregistrée. Fermer le dossier quand même ?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(partial(self._on_close_question_answered, box))
        self.close_question = box
        box.open()

    def _on_close_question_answered(self, box: QMessageBox, _result: int) -> None:
        self.close_question = None
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Discard:
            self.close_without_asking()


class CaseFileOpener(QObject):
    """Opens one window per youth (raising it again if it is already open) and relays its changes."""

    case_file_changed = Signal(str)
    window_opened = Signal(object)  # the CaseFileWindow

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self._windows: dict[str, CaseFileWindow] = {}

    @Slot(str)
    def open(self, youth_id: str) -> CaseFileWindow:
        window = self._windows.get(youth_id)
        if window is None:
            window = CaseFileWindow(services=self._services, actor=self._actor, tasks=self._tasks, youth_id=youth_id)
            window.case_file_changed.connect(self.case_file_changed)
            window.destroyed.connect(partial(self._windows.pop, youth_id, None))
            self._windows[youth_id] = window
            self.window_opened.emit(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def windows(self) -> list[CaseFileWindow]:
        return list(self._windows.values())

    @Slot()
    def close_all(self) -> None:
        for window in list(self._windows.values()):
            window.close_without_asking()
