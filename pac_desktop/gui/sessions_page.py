"""The « Séances » area (issue 18): plan joint-intake sessions, invite youths into their slots, print the
convocations and the session's list, send the reminders, open the slots as intakes on the day.

Everything that touches the store, a PDF or the network runs off the UI thread (gui/tasks.py); the page holds
only the values the services return.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QHeaderView, QLabel, QWidget

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import (
    format_date,
    format_date_short,
    format_phone,
    format_time,
    plural,
    to_paris,
)
from pac_desktop.domain.intake_sessions import EXPECTED, InvitationStatus, session_start
from pac_desktop.services.choices import StaffChoice
from pac_desktop.services.context import Actor
from pac_desktop.services.intake_sessions import SessionDetail, SessionSummary, SlotView
from pac_desktop.services.registry import Services
from pac_desktop.services.youths import YouthFilters, YouthPage

from .column_fit import fit_columns, refit_columns
from .forms.ui_intake_session_cancel_dialog import Ui_IntakeSessionCancelDialog
from .forms.ui_intake_session_invite_dialog import Ui_IntakeSessionInviteDialog
from .forms.ui_intake_session_move_dialog import Ui_IntakeSessionMoveDialog
from .forms.ui_intake_session_plan_dialog import Ui_IntakeSessionPlanDialog
from .forms.ui_intake_sessions_page import Ui_IntakeSessionsPage
from .roles import IdRole
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskRunner
from .youths.dialogs import SavingDialog, read_date
from .youths.tables import CheckListModel

SESSIONS_AREA = "sessions"
SESSIONS_TITLE = "Séances"
SESSIONS_ICON = "mdi6.calendar-account-outline"
CONVOCATIONS_BUTTON = "Convocation&s (PDF)"
CANCELLATIONS_BUTTON = "Lettre&s d'annulation (PDF)"


@dataclass(frozen=True)
class SessionPlanValues:
    day: date
    hour: int
    minute: int
    slot_count: int
    slot_minutes: int
    place: str
    counsellors: dict[IntakeRole, str | None]
    notes: str
    #: Editing: tell the youths expected when the date, the times or the place change.
    notify: bool = False


class SessionPlanDialog(SavingDialog):
    """Date, time, slots, place, and who of the territory's team holds each role."""

    def __init__(self, *, tasks: TaskRunner, save: Callable, choices: dict[IntakeRole, tuple[StaffChoice, ...]],
                 actor: Actor, today: date, default_place: str, titles: dict[IntakeRole, str] | None = None,
                 editing: SessionDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_IntakeSessionPlanDialog()
        self.ui.setupUi(self)
        self.editing = editing
        self.ui.date_edit.setText(format_date_short(today))
        self.ui.place_edit.setText(default_place)
        self.ui.notify_check.hide()
        holding: dict[IntakeRole, str] = {}
        if editing is not None:
            local = to_paris(editing.starts_at)
            self.setWindowTitle("Modifier la séance d'accueil commun")
            self.ui.date_edit.setText(format_date_short(local.date()))
            self.ui.time_edit.setTime(QTime(local.hour, local.minute))
            self.ui.slots_spin.setValue(editing.slot_count)
            self.ui.minutes_spin.setValue(editing.slot_minutes)
            self.ui.place_edit.setText(editing.place)
            self.ui.notes_edit.setPlainText(editing.notes)
            holding = {c.role: c.staff_id for c in editing.counsellors}
            expected = sum(1 for v in editing.slots if v.status in EXPECTED)
            self.ui.notify_check.setVisible(expected > 0)
            who = "le jeune invité" if expected == 1 else f"les {expected} jeunes invités"
            self.ui.notify_check.setText(f"&Prévenir {who} d'un changement (courriel, SMS)")
            self.ui.notify_check.setToolTip("Si la date, l'heure ou le lieu change, un message le leur dit, avec le "
                                            "nouveau rendez-vous pour leur agenda.")
        self.role_combos: dict[IntakeRole, QComboBox] = {}
        for role, people in choices.items():
            combo = QComboBox(self)
            combo.setObjectName(f"{role.value}_combo")
            combo.addItem("— à désigner —", None)
            for person in people:
                combo.addItem(f"{person.name} ({person.organisation_name})", person.staff_id)
            if editing is not None:
                held = combo.findData(holding.get(role))
                if held < 0 and holding.get(role):  # no longer among the choices (left, inactive): kept as is
                    who = next((c for c in editing.counsellors if c.role == role), None)
                    combo.addItem(f"{who.name} ({who.organisation_name})" if who else "—", holding[role])
                    held = combo.count() - 1
                combo.setCurrentIndex(max(held, 0))
            else:
                mine = combo.findData(actor.staff_id)
                combo.setCurrentIndex(mine if mine >= 0 else (1 if len(people) == 1 else 0))
            label = QLabel((titles or {}).get(role, role.label), self)  # the reference data's name
            label.setWordWrap(True)  # a long job title wraps rather than being cut
            label.setToolTip(label.text())
            label.setBuddy(combo)
            self.ui.team_layout.addRow(label, combo)
            self.role_combos[role] = combo
        self._wire()

    def values(self) -> SessionPlanValues:
        time = self.ui.time_edit.time()
        return SessionPlanValues(
            day=read_date(self.ui.date_edit, "Date de la séance"), hour=time.hour(), minute=time.minute(),
            slot_count=self.ui.slots_spin.value(), slot_minutes=self.ui.minutes_spin.value(),
            place=self.ui.place_edit.text(),
            counsellors={role: combo.currentData() for role, combo in self.role_combos.items()
                         if combo.currentData() or self.editing is not None},
            notes=self.ui.notes_edit.toPlainText(),
            notify=self.ui.notify_check.isVisible() and self.ui.notify_check.isChecked(),
        )


class InviteDialog(SavingDialog):
    """A youth of the territory (searched as in « Jeunes ») and a free slot."""

    def __init__(self, *, tasks: TaskRunner, save: Callable, search: Callable[[str], YouthPage],
                 detail: SessionDetail, parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_IntakeSessionInviteDialog()
        self.ui.setupUi(self)
        self._search = search
        self.youths_model = CheckListModel(self)
        self.ui.youths_view.setModel(self.youths_model)
        self.ui.slot_combo.addItem("Le premier créneau libre", None)
        for slot in detail.slots:
            if slot.invitation_id is None:
                self.ui.slot_combo.addItem(slot.time_label, slot.index)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._run_search)
        self.ui.search_edit.textChanged.connect(self._debounce.start)
        self._request = 0
        self._wire()
        self.ui.button_box.button(self.ui.button_box.StandardButton.Ok).setText("Inviter")
        self._run_search()

    @Slot()
    def _run_search(self) -> None:
        self._request += 1
        request = self._request
        self._tasks.run_task(partial(self._search, self.ui.search_edit.text()),
                             on_success=partial(self._on_found, request), lane=Lane.DB_READ, owner=self)

    def _on_found(self, request: int, page: YouthPage) -> None:
        if request == self._request:
            self.youths_model.set_items([
                (r.id, f"{r.display_name} — {format_date_short(r.birth_date)}" + (f", {r.town}" if r.town else ""))
                for r in page.rows])

    def values(self) -> tuple[list[str], int | None]:
        ids = self.youths_model.checked_ids()
        if not ids:
            raise DomainError("Cochez le jeune à inviter.")
        if len(ids) > 1 and self.ui.slot_combo.currentData() is not None:
            raise DomainError("Un créneau reçoit un seul jeune : cochez-en un, ou choisissez « le premier créneau "
                              "libre » pour en inviter plusieurs.")
        return ids, self.ui.slot_combo.currentData()


class CancelSessionDialog(SavingDialog):
    """The reason of the cancellation (said to the youths), whether to tell them by e-mail and SMS, and whether to
    prepare the cancellation letters (for the youths no message reaches; for all when no message is sent)."""

    def __init__(self, *, tasks: TaskRunner, save: Callable, detail: SessionDetail, can_notify: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_IntakeSessionCancelDialog()
        self.ui.setupUi(self)
        expected = sum(1 for v in detail.slots if v.status in EXPECTED)
        self.ui.intro_label.setText(
            f"{detail.label}, {detail.place}. " + (
                f"{plural(expected, 'jeune y est attendu', 'jeunes y sont attendus')} : leur invitation sera annulée "
                "et ils apparaîtront « À reconvoquer » dans Repérage." if expected else "Aucun jeune n'y est attendu."))
        self.ui.notify_check.setVisible(expected > 0 and can_notify)
        from pac_desktop.services.reminders import reachable_by_message

        # Those no e-mail nor SMS reaches (no address nor mobile, or messages refused) are told by letter.
        unreachable = sum(1 for v in detail.slots if v.status in EXPECTED
                          and not reachable_by_message(v.email, v.phone, v.messages_refused))
        self.ui.letters_check.setVisible(expected > 0)
        self.ui.letters_check.setChecked(unreachable > 0 or not can_notify)
        self.ui.letters_check.setToolTip(
            "Une lettre par jeune, à poster : pour ceux qu'aucun message n'atteint "
            f"({plural(unreachable, 'jeune sans courriel ni portable ou qui refuse les messages', 'jeunes sans courriel ni portable ou qui refusent les messages')}), "
            "pour tous s'ils ne sont pas prévenus par courriel et SMS.")
        self._wire()
        ok = self.ui.button_box.button(self.ui.button_box.StandardButton.Ok)
        ok.setText("Annuler la séance")
        self.ui.button_box.button(self.ui.button_box.StandardButton.Cancel).setText("Garder la séance")

    def show_error(self, message: str) -> None:
        super().show_error(message)
        self.adjustSize()  # the error line takes room: the wrapped lines above keep theirs

    def values(self) -> tuple[str, bool, bool]:
        """The reason, whether to send the notices, whether to prepare the letters."""
        reason = " ".join(self.ui.reason_edit.text().split())
        if not reason:
            raise DomainError("Indiquez le motif de l'annulation : il est gardé avec la séance et dit aux jeunes.")
        return (reason, self.ui.notify_check.isVisible() and self.ui.notify_check.isChecked(),
                self.ui.letters_check.isVisible() and self.ui.letters_check.isChecked())


class MoveDialog(SavingDialog):
    """Another slot of this session, or another session to come (its first free slot)."""

    def __init__(self, *, tasks: TaskRunner, save: Callable, detail: SessionDetail, slot: SlotView,
                 sessions: list[SessionSummary], parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_IntakeSessionMoveDialog()
        self.ui.setupUi(self)
        self._detail = detail
        self.ui.intro_label.setText(f"{slot.youth_name}, invité(e) à {slot.time_label} ({detail.label.lower()}).")
        self.ui.session_combo.addItem(f"Cette séance ({format_date_short(detail.day)} à "
                                      f"{format_time(detail.starts_at)})", detail.id)
        for s in sessions:
            if s.id != detail.id and not s.cancelled and s.invited_count < s.slot_count:
                self.ui.session_combo.addItem(
                    f"{format_date_short(s.day)} à {format_time(s.starts_at)} — {s.place} "
                    f"({plural(s.slot_count - s.invited_count, 'créneau libre', 'créneaux libres')})", s.id)
        self.ui.session_combo.currentIndexChanged.connect(self._fill_slots)
        self._fill_slots()
        self._wire()
        self.ui.button_box.button(self.ui.button_box.StandardButton.Ok).setText("Déplacer")

    @Slot()
    def _fill_slots(self, *_args: object) -> None:
        self.ui.slot_combo.clear()
        if self.ui.session_combo.currentData() == self._detail.id:
            for v in self._detail.slots:
                if v.invitation_id is None:
                    self.ui.slot_combo.addItem(v.time_label, v.index)
        else:
            self.ui.slot_combo.addItem("Le premier créneau libre (nouvelle convocation à envoyer)", None)

    def values(self) -> tuple[str, int | None]:
        session_id = self.ui.session_combo.currentData()
        if session_id == self._detail.id and self.ui.slot_combo.count() == 0:
            raise DomainError("Cette séance n'a plus de créneau libre : choisissez une autre séance.")
        return session_id, self.ui.slot_combo.currentData()


def slot_contact(v: SlotView) -> str:
    parts = [format_phone(v.phone) if v.phone else "", v.email or ""]
    return "\n".join(p for p in parts if p) or "—"


class IntakeSessionsPage(QWidget):
    """The « Séances » area."""

    sessions_loaded = Signal(object)  # list[SessionSummary]
    session_loaded = Signal(object)  # the SessionDetail shown on the right
    session_changed = Signal(str)
    document_ready = Signal(object)  # a PrintedDocument (convocations, list)
    reminders_sent = Signal(object)  # a ReminderReport
    intake_opened = Signal(str)  # the intake a slot opened as

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner,
                 show_document: Callable[[object], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self._show_document = show_document
        self._detail: SessionDetail | None = None
        self._reminded: dict[str, str] = {}
        #: invitation id → why its reminder or notice did not go (the last run, automatic or by hand).
        self._not_sent: dict[str, str] = {}
        self.scheduler: ReminderScheduler | None = None
        self._output_dir = Path(tempfile.mkdtemp(prefix="pac-seance-"))
        self.destroyed.connect(lambda *_: shutil.rmtree(self._output_dir, ignore_errors=True))
        self.ui = Ui_IntakeSessionsPage()
        self.ui.setupUi(self)
        self.sessions_model = TableModel(
            (
                # The place under the date: the list is narrow at 1366 px (the detail's buttons take the rest).
                Column("Séance", lambda s: f"{format_date(s.day)}\n{format_time(s.starts_at)}\n"
                       + s.place + (" (annulée)" if s.cancelled else "")),
                Column("Jeunes", lambda s: f"{s.invited_count} / {s.slot_count}"),
            ),
            id_of=lambda s: s.id, parent=self,
        )
        self.slots_model = TableModel(
            (
                Column("Heure", lambda v: v.time_label),
                Column("Jeune", lambda v: (f"{v.youth_name}, {v.age} ans" if v.age is not None else v.youth_name)
                       if v.youth_name else "libre"),
                Column("Contact", slot_contact),
                Column("Invitation", lambda v: v.status.label if v.status else ""),
                Column("Rappels", self._reminders_cell),
            ),
            id_of=lambda v: v.invitation_id or f"slot-{v.index}", youth_of=lambda v: v.youth_id, parent=self,
        )
        for view, model in ((self.ui.sessions_view, self.sessions_model), (self.ui.slots_view, self.slots_model)):
            view.setModel(model)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # « Jeunes » as wide as its cells and its title (it was cut to « Jeur »), the session takes what is left
        # and wraps (column_fit.py).
        fit_columns(self.ui.sessions_view, stretch=0)
        self.ui.sessions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cells wrap
        self.ui.slots_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ui.sessions_view.selectionModel().selectionChanged.connect(self._on_sessions_view_selection_changed)
        self.ui.slots_view.selectionModel().selectionChanged.connect(self._on_slots_view_selection_changed)
        self.ui.plan_button.clicked.connect(self._on_plan_button_clicked)
        self.ui.past_check.toggled.connect(lambda _checked: self.refresh())
        self.ui.invite_button.clicked.connect(self._on_invite_button_clicked)
        self.ui.confirm_button.clicked.connect(partial(self._set_status, InvitationStatus.CONFIRMED))
        self.ui.decline_button.clicked.connect(partial(self._set_status, InvitationStatus.DECLINED))
        self.ui.open_intake_button.clicked.connect(self._on_open_intake_button_clicked)
        self.ui.ics_button.clicked.connect(self._on_ics_button_clicked)
        self.ui.convocations_button.clicked.connect(self._on_convocations_button_clicked)
        self.ui.list_button.clicked.connect(self._on_list_button_clicked)
        self.ui.remind_button.clicked.connect(self._on_remind_button_clicked)
        self.ui.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.ui.cancel_session_button.clicked.connect(self._on_cancel_session_button_clicked)
        self.ui.move_button.clicked.connect(self._on_move_button_clicked)
        self.ui.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.current_dialog: SavingDialog | None = None
        self._show_detail(None)

    def area_shown(self) -> None:
        self.refresh()

    # --- the list of sessions -----------------------------------------------------------------------------

    @Slot()
    def refresh(self, select_id: str | None = None) -> None:
        keep = select_id or (self._detail.id if self._detail else None)
        self._tasks.run_task(
            partial(self._services.intake_sessions.sessions, territory_id=self._actor.territory_id,
                    include_past=self.ui.past_check.isChecked()),
            on_success=partial(self._on_sessions_loaded, keep), on_failure=self._on_failed, lane=Lane.DB_READ,
            owner=self,
        )

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.status_label.setText(failure.message)
        self.ui.status_label.setProperty("role", "error")
        self.ui.status_label.style().polish(self.ui.status_label)

    def _say(self, text: str) -> None:
        self.ui.status_label.setText(text)
        self.ui.status_label.setProperty("role", "")
        self.ui.status_label.style().polish(self.ui.status_label)

    def _on_sessions_loaded(self, keep: str | None, sessions: list[SessionSummary]) -> None:
        self.sessions_model.set_lines(sessions)
        refit_columns(self.ui.sessions_view)
        self.ui.sessions_empty_label.setVisible(not sessions)
        self.ui.sessions_view.setVisible(bool(sessions))
        self.ui.detail_frame.setVisible(bool(sessions))  # no empty panel beside « Aucune séance à venir »
        rows = [i for i, s in enumerate(sessions) if s.id == keep]
        if rows or sessions:
            self.ui.sessions_view.selectRow(rows[0] if rows else 0)
        else:
            self._show_detail(None)
        self.sessions_loaded.emit(sessions)

    @Slot()
    def _on_sessions_view_selection_changed(self, *_args: object) -> None:
        index = self.ui.sessions_view.currentIndex()
        session_id = index.data(IdRole) if index.isValid() else None
        if session_id:
            self._load_detail(session_id)

    def _load_detail(self, session_id: str) -> None:
        services = self._services

        def load() -> tuple[SessionDetail, dict[str, str]]:
            detail = services.intake_sessions.session(session_id=session_id)
            ids = [v.invitation_id for v in detail.slots + detail.released if v.invitation_id]
            reminders = getattr(services, "reminders", None)
            return detail, (reminders.reminders_sent(appointment_ids=ids) if reminders else {})

        self._tasks.run_task(load, on_success=lambda pair: self._show_detail(*pair), on_failure=self._on_failed,
                             lane=Lane.DB_READ, owner=self)

    def _show_detail(self, detail: SessionDetail | None, reminded: dict[str, str] | None = None) -> None:
        previous = self.selected_slot()
        self._detail = detail
        self._reminded = reminded or {}
        shown = detail is not None
        for widget in (self.ui.detail_title_label, self.ui.detail_info_label, self.ui.team_label, self.ui.slots_view,
                       self.ui.invite_button, self.ui.confirm_button, self.ui.decline_button, self.ui.ics_button,
                       self.ui.open_intake_button, self.ui.convocations_button, self.ui.list_button,
                       self.ui.remind_button, self.ui.status_label, self.ui.edit_button,
                       self.ui.cancel_session_button, self.ui.move_button, self.ui.remove_button):
            widget.setVisible(shown)
        self.ui.detail_empty_label.setVisible(not shown and self.sessions_model.rowCount() > 0)
        if detail is None:
            self.slots_model.set_lines([])
            return
        self.ui.detail_title_label.setText(detail.label + (" — annulée" if detail.cancelled else ""))
        expected = sum(1 for v in detail.slots if v.status in EXPECTED)
        info = [detail.place, f"jusqu'à {format_time(detail.ends_at)}",
                plural(expected, "jeune attendu", "jeunes attendus"),
                plural(detail.slot_count - sum(1 for v in detail.slots if v.invitation_id), "créneau libre",
                       "créneaux libres")]
        if detail.cancelled:
            info.append(detail.cancellation_line)
        elif self.scheduler is not None and self.scheduler.last_line:
            info.append(self.scheduler.last_line)
        self.ui.detail_info_label.setText(" · ".join(info))
        team = ", ".join(f"{c.name} ({c.organisation_name})" for c in detail.counsellors) or "personne"
        missing = ("; à désigner : " + ", ".join(detail.role_title(r) for r in detail.missing_roles)
                   if detail.missing_roles else "")
        self.ui.team_label.setText(f"Équipe : {team}{missing}")
        # The declined and cancelled invitations follow the slots: who said no stays in sight.
        lines = detail.slots + detail.released
        self.slots_model.set_lines(lines)
        rows = [i for i, v in enumerate(lines) if previous and v.index == previous.index]
        self.ui.slots_view.selectRow(rows[0] if rows else 0)
        self._on_slots_view_selection_changed()
        self.session_loaded.emit(detail)

    def selected_slot(self) -> SlotView | None:
        index = self.ui.slots_view.currentIndex()
        if not index.isValid() or index.row() >= self.slots_model.rowCount():
            return None
        return self.slots_model.line(index.row())

    @Slot()
    def _on_slots_view_selection_changed(self, *_args: object) -> None:
        slot = self.selected_slot()
        detail = self._detail
        active = detail is not None and not detail.cancelled
        invited = slot is not None and slot.invitation_id is not None
        expected = invited and slot.status in EXPECTED
        today = self._services.ctx.today()
        self.ui.invite_button.setEnabled(active and any(v.invitation_id is None for v in detail.slots)
                                         and detail.day >= today)
        self.ui.confirm_button.setEnabled(active and invited and slot.status is InvitationStatus.INVITED)
        self.ui.decline_button.setEnabled(active and expected)
        self.ui.ics_button.setEnabled(bool(expected) and hasattr(self._services, "reminders"))
        on_the_day = detail is not None and detail.day <= today
        self.ui.open_intake_button.setEnabled(bool(active and on_the_day and invited and (
            expected or slot.status is InvitationStatus.OPENED)))
        self.ui.open_intake_button.setToolTip(
            "" if on_the_day or detail is None else f"Les accueils s'ouvrent le jour de la séance, le "
                                                    f"{format_date(detail.day)}.")
        any_expected = detail is not None and any(v.status in EXPECTED for v in detail.slots)
        cancelled_with = detail is not None and bool(detail.cancelled_with_session)  # cancellations()'s rule
        self.ui.convocations_button.setText(CANCELLATIONS_BUTTON if detail is not None and detail.cancelled
                                            else CONVOCATIONS_BUTTON)
        self.ui.convocations_button.setEnabled(bool(active and any_expected or cancelled_with))
        self.ui.remind_button.setEnabled(active and any_expected and detail.day >= today
                                         and hasattr(self._services, "reminders"))
        self.ui.list_button.setEnabled(detail is not None)
        to_come = detail is not None and detail.day >= today
        self.ui.edit_button.setEnabled(bool(active and to_come))
        self.ui.cancel_session_button.setEnabled(bool(active and to_come and not any(
            v.status is InvitationStatus.OPENED for v in detail.slots)))
        self.ui.move_button.setEnabled(bool(active and expected and to_come))
        self.ui.remove_button.setEnabled(bool(active and expected))

    def _changed(self, session_id: str, message: str = "") -> None:
        if message:
            self._say(message)
        self.session_changed.emit(session_id)
        self.refresh(select_id=session_id)

    # --- planning and inviting ------------------------------------------------------------------------------

    @Slot()
    def _on_plan_button_clicked(self) -> None:
        services, actor = self._services, self._actor
        if actor.territory_id is None:
            self._on_failed(TaskFailure("Votre compte n'est rattaché à aucun territoire : impossible de planifier "
                                        "une séance.", DomainError(""), True))
            return
        territory_id = actor.territory_id

        def load() -> tuple[dict, dict]:
            return (services.intake_sessions.counsellor_choices(territory_id=territory_id),
                    services.reference.job_titles(territory_id=territory_id))

        self._tasks.run_task(load, on_success=lambda loaded: self._open_plan_dialog(*loaded),
                             on_failure=self._on_failed, lane=Lane.DB_READ, owner=self)

    def _open_plan_dialog(self, choices: dict[IntakeRole, tuple[StaffChoice, ...]],
                          titles: dict[IntakeRole, str] | None = None) -> None:
        services, actor = self._services, self._actor

        def save(v: SessionPlanValues) -> str:
            return services.intake_sessions.plan_session(
                starts_at=session_start(v.day, v.hour, v.minute), place=v.place, slot_count=v.slot_count,
                slot_minutes=v.slot_minutes, counsellors=v.counsellors, notes=v.notes, by=actor)

        dialog = SessionPlanDialog(tasks=self._tasks, save=save, choices=choices, actor=actor,
                                   today=services.ctx.today(), default_place=actor.organisation_name, titles=titles,
                                   parent=self)
        dialog.saved.connect(lambda session_id: self._changed(session_id, "Séance planifiée : invitez les jeunes."))
        self.current_dialog = dialog
        dialog.open()

    @Slot()
    def _on_invite_button_clicked(self) -> None:
        detail = self._detail
        if detail is None:
            return
        services, actor = self._services, self._actor

        def search(query: str) -> YouthPage:
            filters = YouthFilters(mine=False, territory_id=actor.territory_id)
            return services.youths.search(by=actor, query=query, filters=filters, limit=200)

        def save(values: tuple[list[str], int | None]) -> str:
            ids, slot = values
            for youth_id in ids:
                services.intake_sessions.invite(session_id=detail.id, youth_id=youth_id, slot_index=slot, by=actor)
            return detail.id

        dialog = InviteDialog(tasks=self._tasks, save=save, search=search, detail=detail, parent=self)
        dialog.saved.connect(lambda session_id: self._changed(session_id, "Invitation enregistrée. Préparez la "
                                                                          "convocation, puis le rappel."))
        self.current_dialog = dialog
        dialog.open()

    def _set_status(self, status: InvitationStatus) -> None:
        slot, detail = self.selected_slot(), self._detail
        if slot is None or slot.invitation_id is None or detail is None:
            return
        self._tasks.run_task(
            partial(self._services.intake_sessions.set_invitation_status, invitation_id=slot.invitation_id,
                    status=status, by=self._actor),
            on_success=lambda _r: self._changed(detail.id, f"{slot.youth_name} : {status.label.lower()}."),
            on_failure=self._on_failed, lane=Lane.DB_WRITE, owner=self,
        )

    @Slot()
    def _on_open_intake_button_clicked(self) -> None:
        slot, detail = self.selected_slot(), self._detail
        if slot is None or slot.invitation_id is None or detail is None:
            return
        self._tasks.run_task(
            partial(self._services.intake_sessions.open_slot, invitation_id=slot.invitation_id, by=self._actor),
            on_success=lambda opened: self._on_intake_opened(detail.id, opened), on_failure=self._on_failed,
            lane=Lane.DB_WRITE, owner=self,
        )

    def _on_intake_opened(self, session_id: str, opened: object) -> None:
        self._changed(session_id)
        self.intake_opened.emit(opened.intake_id)

    # --- changing a planned session ---------------------------------------------------------------------

    def _reminders_cell(self, v: SlotView) -> str:
        sent = self._reminded.get(v.invitation_id or "", "")
        problem = self._not_sent.get(v.invitation_id or "", "")
        return "\n".join(p for p in (sent, problem) if p)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        detail = self._detail
        if detail is None:
            return
        services = self._services

        def load() -> tuple[dict, dict]:
            return (services.intake_sessions.counsellor_choices(territory_id=detail.territory_id),
                    services.reference.job_titles(territory_id=detail.territory_id))

        self._tasks.run_task(load, on_success=lambda loaded: self._open_edit_dialog(detail, *loaded),
                             on_failure=self._on_failed, lane=Lane.DB_READ, owner=self)

    def _open_edit_dialog(self, detail: SessionDetail, choices: dict[IntakeRole, tuple[StaffChoice, ...]],
                          titles: dict[IntakeRole, str] | None = None) -> None:
        services, actor = self._services, self._actor

        def save(v: SessionPlanValues) -> tuple[object, bool]:
            change = services.intake_sessions.update_session(
                session_id=detail.id, starts_at=session_start(v.day, v.hour, v.minute), place=v.place,
                slot_count=v.slot_count, slot_minutes=v.slot_minutes, counsellors=v.counsellors, notes=v.notes,
                by=actor)
            return change, v.notify

        dialog = SessionPlanDialog(tasks=self._tasks, save=save, choices=choices, actor=actor,
                                   today=services.ctx.today(), default_place=detail.place, titles=titles,
                                   editing=detail, parent=self)
        dialog.saved.connect(lambda result: self._on_session_updated(detail.id, *result))
        self.current_dialog = dialog
        dialog.open()

    def _on_session_updated(self, session_id: str, change: object, notify: bool) -> None:
        from pac_desktop.domain.appointments import NoticeKind

        if change.moved and change.to_tell and notify and hasattr(self._services, "reminders"):
            self._changed(session_id, "Séance modifiée. Envoi du changement aux jeunes invités…")
            self._send_notices(session_id, change.to_tell, NoticeKind.CHANGED, "", "Séance modifiée.")
        elif change.moved and change.to_tell:
            self._changed(session_id, "Séance modifiée. Les jeunes invités n'ont pas été prévenus : appelez-les, "
                                      "ou réimprimez leurs convocations.")
        else:
            self._changed(session_id, "Séance modifiée.")

    @Slot()
    def _on_cancel_session_button_clicked(self) -> None:
        detail = self._detail
        if detail is None:
            return
        services, actor = self._services, self._actor

        def save(values: tuple[str, bool, bool]) -> tuple[tuple[str, ...], str, bool, bool]:
            reason, notify, letters = values
            return services.intake_sessions.cancel_session(session_id=detail.id, reason=reason, by=actor), reason, \
                notify, letters

        dialog = CancelSessionDialog(tasks=self._tasks, save=save, detail=detail,
                                     can_notify=hasattr(services, "reminders"), parent=self)
        dialog.saved.connect(lambda result: self._on_session_cancelled(detail.id, *result))
        self.current_dialog = dialog
        dialog.open()

    def _on_session_cancelled(self, session_id: str, cancelled: tuple[str, ...], reason: str, notify: bool,
                              letters: bool = False) -> None:
        from pac_desktop.domain.appointments import NoticeKind

        done = "Séance annulée." + (f" {plural(len(cancelled), 'jeune est', 'jeunes sont')} « À reconvoquer » dans "
                                    "Repérage." if cancelled else "")
        if cancelled and notify:
            self._changed(session_id, done + " Envoi de l'annulation aux jeunes…")
            self._send_notices(session_id, cancelled, NoticeKind.CANCELLED, reason, done)
        else:
            self._changed(session_id, done)
        if cancelled and letters:  # by post: those no message reaches, or all when no message goes
            self._print_cancellations(session_id, invitation_ids=cancelled, unreachable_only=notify)

    def _print_cancellations(self, session_id: str, *, invitation_ids: tuple[str, ...] | None = None,
                             unreachable_only: bool = False) -> None:
        path = self._output_dir / f"annulations-{session_id[:8]}.pdf"
        self._make_document(partial(self._services.convocations.print_cancellations, session_id=session_id,
                                    path=path, actor=self._actor, invitation_ids=invitation_ids,
                                    unreachable_only=unreachable_only))

    def _send_notices(self, session_id: str, ids: tuple[str, ...], kind: object, reason: str, done: str) -> None:
        self._tasks.run_task(
            partial(self._services.reminders.send_notices, appointment_ids=ids, kind=kind, reason=reason,
                    by=self._actor),
            on_success=lambda report: self._on_reminders_sent(session_id, report, title=done + " Messages"),
            on_failure=lambda failure: (self._on_failed(failure), self.refresh(select_id=session_id)),
            lane=Lane.SYNC, owner=self,
        )

    @Slot()
    def _on_move_button_clicked(self) -> None:
        slot, detail = self.selected_slot(), self._detail
        if slot is None or slot.invitation_id is None or detail is None:
            return
        services = self._services
        self._tasks.run_task(
            partial(services.intake_sessions.sessions, territory_id=detail.territory_id),
            on_success=lambda sessions: self._open_move_dialog(detail, slot, sessions), on_failure=self._on_failed,
            lane=Lane.DB_READ, owner=self)

    def _open_move_dialog(self, detail: SessionDetail, slot: SlotView, sessions: list[SessionSummary]) -> None:
        services, actor = self._services, self._actor

        def save(values: tuple[str, int | None]) -> str:
            session_id, index = values
            services.intake_sessions.move_invitation(invitation_id=slot.invitation_id, to_session_id=session_id,
                                                     slot_index=index, by=actor)
            return session_id

        dialog = MoveDialog(tasks=self._tasks, save=save, detail=detail, slot=slot, sessions=sessions, parent=self)

        def moved(session_id: str) -> None:
            if session_id == detail.id:
                self._changed(detail.id, f"{slot.youth_name} : créneau changé. Prévenez-le (la) de la nouvelle heure.")
            else:
                self._changed(detail.id, f"{slot.youth_name} est invité(e) à une autre séance : envoyez-lui sa "
                                         "convocation depuis cette séance.")

        dialog.saved.connect(moved)
        self.current_dialog = dialog
        dialog.open()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        slot, detail = self.selected_slot(), self._detail
        if slot is None or slot.invitation_id is None or detail is None:
            return
        self._tasks.run_task(
            partial(self._services.intake_sessions.set_invitation_status, invitation_id=slot.invitation_id,
                    status=InvitationStatus.CANCELLED, by=self._actor),
            on_success=lambda _r: self._changed(detail.id, f"{slot.youth_name} est retiré(e) de la séance : le "
                                                           "créneau est libre."),
            on_failure=self._on_failed, lane=Lane.DB_WRITE, owner=self,
        )

    # --- automatic reminders ----------------------------------------------------------------------------

    def set_scheduler(self, scheduler: ReminderScheduler) -> None:
        self.scheduler = scheduler
        scheduler.ran.connect(self._on_automatic_reminders)

    def _on_automatic_reminders(self, report: object) -> None:
        self._note_problems(report)
        if self._detail is not None:
            self.refresh(select_id=self._detail.id)

    def _note_problems(self, report: object) -> None:
        from pac_desktop.services.reminders import ReminderOutcome

        for r in report.results:
            if not r.appointment_id:
                continue
            if r.outcome is ReminderOutcome.FAILED:  # its first sentence: the whole one is in the status line
                first = r.message.split(". ")[0].rstrip(".")
                self._not_sent[r.appointment_id] = f"{r.channel.label} non envoyé : {first[:1].lower()}{first[1:]}."
            elif r.outcome is ReminderOutcome.SENT:
                self._not_sent.pop(r.appointment_id, None)

    # --- documents -----------------------------------------------------------------------------------------

    @Slot()
    def _on_convocations_button_clicked(self) -> None:
        if self._detail is None:
            return
        if self._detail.cancelled:  # the same button, on a cancelled session: the cancellation letters
            self._print_cancellations(self._detail.id)
            return
        path = self._output_dir / f"convocations-{self._detail.id[:8]}.pdf"
        self._make_document(partial(self._services.convocations.print_convocations, session_id=self._detail.id,
                                    path=path, actor=self._actor))

    @Slot()
    def _on_list_button_clicked(self) -> None:
        if self._detail is None:
            return
        path = self._output_dir / f"liste-{self._detail.id[:8]}.pdf"
        self._make_document(partial(self._services.convocations.print_session_list, session_id=self._detail.id,
                                    path=path, actor=self._actor))

    def _make_document(self, fn: Callable[[], object]) -> None:
        self._say("Préparation du document…")
        self._tasks.run_task(fn, on_success=self._on_document_ready, on_failure=self._on_failed, lane=Lane.PDF,
                             owner=self)

    def _on_document_ready(self, document: object) -> None:
        self._say("")
        self.document_ready.emit(document)
        if self._show_document is not None:
            self._show_document(document)

    @Slot()
    def _on_ics_button_clicked(self) -> None:
        slot = self.selected_slot()
        reminders = getattr(self._services, "reminders", None)
        if slot is None or slot.invitation_id is None or reminders is None:
            return
        name = f"rendez-vous-{format_date_short(slot.starts_at.date()).replace('/', '-')}.ics"
        target, _ = QFileDialog.getSaveFileName(self, "Enregistrer le rendez-vous (agenda)", name,
                                                "Rendez-vous d'agenda (*.ics)")
        if target:
            self.save_ics(slot.invitation_id, Path(target if target.lower().endswith(".ics") else target + ".ics"))

    def save_ics(self, invitation_id: str, target: Path) -> None:
        self._tasks.run_task(
            partial(self._services.reminders.save_ics, appointment_id=invitation_id, path=target, by=self._actor),
            on_success=lambda path: self._say(f"Rendez-vous enregistré pour l'agenda : {path}"),
            on_failure=self._on_failed, lane=Lane.DB_WRITE, owner=self,
        )

    # --- reminders -----------------------------------------------------------------------------------------

    @Slot()
    def _on_remind_button_clicked(self) -> None:
        detail = self._detail
        if detail is None:
            return
        self._say("Envoi des rappels en cours…")
        self.ui.remind_button.setEnabled(False)
        self._tasks.run_task(
            partial(self._services.reminders.send_session_reminders, session_id=detail.id, by=self._actor),
            on_success=lambda report: self._on_reminders_sent(detail.id, report),
            on_failure=lambda failure: (self._on_failed(failure), self.refresh(select_id=detail.id)),
            lane=Lane.SYNC, owner=self,
        )

    def _on_reminders_sent(self, session_id: str, report: object, *, title: str = "Rappels") -> None:
        from pac_desktop.services.reminders import ReminderOutcome

        self._note_problems(report)
        lines = [f"{title} : {plural(report.count(ReminderOutcome.SENT), 'envoyé', 'envoyés')}"]
        if report.count(ReminderOutcome.ALREADY_SENT):
            lines[0] += f", {plural(report.count(ReminderOutcome.ALREADY_SENT), 'déjà envoyé', 'déjà envoyés')}"
        # One line per reason: a channel not set up is said once, not for every youth.
        reasons: dict[tuple[str, str], list[str]] = {}
        for r in report.results:
            if r.outcome in (ReminderOutcome.SKIPPED, ReminderOutcome.FAILED):
                reasons.setdefault((r.channel.label, r.message), []).append(r.youth_name)
        for (channel, message), names in reasons.items():
            if len(names) == 1 and message.startswith(names[0]):
                lines.append(f"• {message} ({channel})")
            else:
                lines.append(f"• {', '.join(names)} ({channel}) : {message}")
        if title != "Rappels" and (report.left_to_send or reasons):
            lines.append("Prévenez par téléphone ou par courrier les jeunes que le message n'a pas atteints.")
        elif report.left_to_send:
            lines.append("Les rappels non envoyés restent à envoyer : cliquez de nouveau sur « Envoyer les rappels » "
                         "quand le problème est réglé.")
        self.reminders_sent.emit(report)
        self._changed(session_id)
        self._say("\n".join(lines))


class ReminderScheduler(QObject):
    """Sends the reminders due by themselves while the application runs (issue 18): a timer ticks, the sending
    runs off the UI thread on the network lane, each reminder once (ReminderService.send_due_reminders)."""

    ran = Signal(object)  # a ReminderReport

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, interval_ms: int = 15 * 60_000,
                 first_ms: int = 60_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._tasks = services, actor, tasks
        self._running = False
        self.last_line = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        QTimer.singleShot(first_ms, self, self.tick)
        self.timer.start()

    @Slot()
    def tick(self) -> None:
        if self._running or not hasattr(self._services, "reminders"):
            return
        self._running = True
        self._tasks.run_task(partial(self._services.reminders.send_due_reminders, by=self._actor),
                             on_success=self._on_done, on_failure=self._on_failed, lane=Lane.SYNC, owner=self)

    def _on_done(self, report: object) -> None:
        from pac_desktop.services.reminders import ReminderOutcome

        self._running = False
        sent, failed = report.count(ReminderOutcome.SENT), report.count(ReminderOutcome.FAILED)
        if sent or failed:
            at = format_time(to_paris(datetime.now(UTC)))
            self.last_line = (f"rappels automatiques de {at} : {plural(sent, 'envoyé', 'envoyés')}"
                              + (f", {plural(failed, 'en échec', 'en échec')}" if failed else ""))
        self.ran.emit(report)

    def _on_failed(self, failure: TaskFailure) -> None:
        self._running = False
        self.last_line = f"rappels automatiques non envoyés : {failure.message}"


def add_sessions_area(window, services: Services, actor: Actor, *, tasks: TaskRunner,  # noqa: ANN001
                      open_intake: Callable[[str], None]) -> IntakeSessionsPage:
    """The « Séances » area, after « Accueils »: a slot opened on the day shows in the intake wizard."""
    from .document_preview import open_document_preview

    def show_document(document: object) -> None:
        open_document_preview(document, services=services, actor=actor, tasks=tasks, parent=window)

    page = IntakeSessionsPage(services=services, actor=actor, tasks=tasks, show_document=show_document)
    if actor.territory_id is not None:
        page.set_scheduler(ReminderScheduler(services=services, actor=actor, tasks=tasks, parent=page))
    window.add_area(SESSIONS_AREA, SESSIONS_TITLE, SESSIONS_ICON, page)
    page.intake_opened.connect(open_intake)
    return page
