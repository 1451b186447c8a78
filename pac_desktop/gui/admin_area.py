"""The administrators' area "Administration" (issue 14), added by app.build_main_window for administrators only.

Five tabs over the existing services (no SQL here, every call on a task lane): *Personnel* (add, edit,
deactivate, new password, roles, caseload cap never above the programme's), *Réglages* (lock delay,
retention, no-contact days, the programme's cap), *Purge* (the retention purge: the list first, a confirmation,
then the purge), *Évaluation* (the draw per territory and this computer's reserve) and *Cet ordinateur* (the
enrolment and the sync). On a computer enrolled with the shared server, the staff are managed on the server:
the tab is read-only and says so (README, "Who owns what").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.passwords import MIN_PASSWORD_LENGTH
from pac_desktop.services.context import Actor
from pac_desktop.services.programme_settings import (
    AUDIT_RETENTION_DAYS,
    CASE_RETENTION_MONTHS,
    CASELOAD_CAP,
    LOCK_AFTER_MINUTES,
)
from pac_desktop.services.registry import Services

from . import icons
from .main_window import MainWindow
from .messaging_tab import MessagingTab
from .tasks import Lane, TaskFailure, TaskRunner

ADMIN_AREA = "admin"
SERVER_OWNS_STAFF = (
    "Cet ordinateur est inscrit auprès du serveur partagé : le personnel, les comptes et les données de "
    "référence (territoires, structures, offres) se gèrent sur le serveur et arrivent ici à chaque "
    "synchronisation. Cette liste est en lecture seule."
)
SERVER_OWNS_SETTINGS = (
    "Cet ordinateur est inscrit auprès du serveur partagé : les réglages du programme se changent sur le serveur "
    "(commande « pac-server admin set-setting ») et arrivent ici à chaque synchronisation. Ils sont en lecture "
    "seule ici ; seul le délai « sans contact » de cet ordinateur reste modifiable."
)
SERVER_OWNS_EVALUATION = (
    "Cet ordinateur est inscrit auprès du serveur partagé : le tirage au sort se met en route ou s'arrête sur le "
    "serveur (commande « pac-server admin set-setting evaluation.enabled oui --territory CODE »). Cette liste est "
    "en lecture seule."
)
LOCAL_OWNS_STAFF = (
    "Cet ordinateur travaille sans serveur : le personnel et les comptes se gèrent ici. Un compte désactivé ne "
    "peut plus se connecter ; ses dossiers restent."
)
PURGE_TEXT = (
    "Les dossiers dont le dernier contact date de plus que la durée de conservation sont supprimés, avec leur "
    "historique. Rechercher d'abord montre la liste, sans rien supprimer."
)


def _error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error_label")
    label.setWordWrap(True)
    label.setProperty("role", "error")
    label.hide()
    return label


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    # Long cells wrap rather than push the table sideways at 1366 pixels (issue 15).
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _item(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


# --- a staff member: add or edit -----------------------------------------------------------------------------


class StaffDialog(QDialog):
    """Add (``detail`` None: with a structure, a login and a password) or edit a staff member."""

    def __init__(self, *, organisations: list[Any], programme_cap: int, detail: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_dialog")
        self.setWindowTitle("PAC — " + ("Modifier un membre du personnel" if detail else "Ajouter un membre du personnel"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.first_name_edit = QLineEdit(detail.first_name if detail else "")
        self.last_name_edit = QLineEdit(detail.last_name if detail else "")
        self.organisation_combo = QComboBox()
        for organisation in organisations:
            self.organisation_combo.addItem(organisation.label, organisation.code)
        if detail:
            self.organisation_combo.setCurrentIndex(self.organisation_combo.findData(detail.organisation_code))
            self.organisation_combo.setEnabled(False)
        self.email_edit = QLineEdit((detail.email or "") if detail else "")
        self.phone_edit = QLineEdit((detail.phone or "") if detail else "")
        self.role_boxes: dict[StaffRole, QCheckBox] = {}
        roles = QVBoxLayout()
        for role in StaffRole:
            box = QCheckBox(role.label)
            box.setObjectName(f"role_{role.value}")
            box.setChecked(bool(detail and role in detail.roles))
            self.role_boxes[role] = box
            roles.addWidget(box)
        self.cap_spin = QSpinBox()
        self.cap_spin.setRange(1, programme_cap)  # never above the programme's cap
        self.cap_spin.setValue(min(detail.caseload_cap if detail else programme_cap, programme_cap))
        self.cap_spin.setSuffix(" jeunes")
        self.login_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again_edit = QLineEdit()
        self.password_again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Prénom :", self.first_name_edit)
        form.addRow("N&om :", self.last_name_edit)
        form.addRow("&Structure :", self.organisation_combo)
        form.addRow("Co&urriel :", self.email_edit)
        form.addRow("&Téléphone :", self.phone_edit)
        form.addRow("Rôles :", roles)
        form.addRow(f"Plafond (programme : {programme_cap}) :", self.cap_spin)
        if not detail:
            form.addRow("&Identifiant :", self.login_edit)
            form.addRow("&Mot de passe :", self.password_edit)
            form.addRow("Re&tapez-le :", self.password_again_edit)
        layout.addLayout(form)
        self.error_label = _error_label()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Enregistrer")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._adding = detail is None

    def fields(self) -> dict[str, Any]:
        values: dict[str, Any] = dict(
            first_name=self.first_name_edit.text().strip(),
            last_name=self.last_name_edit.text().strip(),
            roles=[role for role, box in self.role_boxes.items() if box.isChecked()],
            caseload_cap=self.cap_spin.value(),
            email=self.email_edit.text().strip() or None,
            phone=self.phone_edit.text().strip() or None,
        )
        if self._adding:
            values["organisation_code"] = self.organisation_combo.currentData()
            values["login"] = self.login_edit.text().strip() or None
            values["password"] = self.password_edit.text() or None
        return values

    def accept(self) -> None:
        if self._adding and self.password_edit.text() != self.password_again_edit.text():
            _error(self.error_label, "Les deux mots de passe saisis diffèrent. Retapez-le deux fois à l'identique.")
            return
        super().accept()


class PasswordDialog(QDialog):
    """A new password for a staff member, typed twice (and a login for someone who had none)."""

    def __init__(self, *, name: str, needs_login: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle("PAC — Nouveau mot de passe")
        layout = QVBoxLayout(self)
        intro = QLabel(f"Nouveau mot de passe pour {name} (au moins {MIN_PASSWORD_LENGTH} caractères). "
                       "Donnez-le-lui de vive voix ; il ne s'affiche nulle part.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.login_edit = QLineEdit()
        if needs_login:
            form.addRow("&Identifiant :", self.login_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again_edit = QLineEdit()
        self.password_again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Mot de passe :", self.password_edit)
        form.addRow("Re&tapez-le :", self.password_again_edit)
        layout.addLayout(form)
        self.error_label = _error_label()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.password_edit.text() != self.password_again_edit.text():
            _error(self.error_label, "Les deux mots de passe saisis diffèrent. Retapez-le deux fois à l'identique.")
            return
        super().accept()


# --- the tabs --------------------------------------------------------------------------------------------------


class StaffTab(QWidget):
    changed = Signal()

    def __init__(self, services: Services, actor: Actor, tasks: TaskRunner,
                 open_dialog: Callable[[QDialog], int]) -> None:
        super().__init__()
        self.setObjectName("staff_tab")
        self._services, self._actor, self._tasks, self._open_dialog = services, actor, tasks, open_dialog
        self.managed_here = False
        self.programme_cap = 50
        layout = QVBoxLayout(self)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("notice_label")
        self.notice_label.setWordWrap(True)
        layout.addWidget(self.notice_label)
        self.table = _table(["Nom", "Structure", "Rôles", "Identifiant", "Jeunes suivis", "Actif"])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (1, 2):  # the organisation and the roles share the room and wrap (1366 pixels)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Ajouter…")
        self.edit_button = QPushButton("M&odifier…")
        self.active_button = QPushButton("&Désactiver")
        self.password_button = QPushButton("&Nouveau mot de passe…")
        for button in (self.add_button, self.edit_button, self.active_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error_label = _error_label()
        layout.addWidget(self.error_label)
        self.add_button.clicked.connect(self.add_staff)
        self.edit_button.clicked.connect(self.edit_staff)
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.new_password)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.rows: list[Any] = []

    def refresh(self) -> None:
        staff = self._services.staff

        def load() -> tuple[list[Any], bool, int]:
            return staff.list(), staff.managed_here(), staff.programme_cap()

        self._tasks.run_task(load, on_success=self._show, on_failure=self._failed, lane=Lane.DB_READ, owner=self)

    def _show(self, loaded: tuple[list[Any], bool, int]) -> None:
        self.rows, self.managed_here, self.programme_cap = loaded
        self.notice_label.setText(LOCAL_OWNS_STAFF if self.managed_here else SERVER_OWNS_STAFF)
        self.table.setRowCount(len(self.rows))
        for row, person in enumerate(self.rows):
            roles = ", ".join(role.label for role in sorted(person.roles, key=lambda r: r.value))
            self.table.setItem(row, 0, _item(person.display_name, person.id))
            self.table.setItem(row, 1, _item(person.organisation_name))
            self.table.setItem(row, 2, _item(roles))
            self.table.setItem(row, 3, _item(person.login or "—"))
            self.table.setItem(row, 4, _item(f"{person.caseload} / {person.caseload_cap}"))
            self.table.setItem(row, 5, _item("oui" if person.active else "non"))
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        person = self.selected()
        self.add_button.setEnabled(self.managed_here)
        for button in (self.edit_button, self.active_button, self.password_button):
            button.setEnabled(self.managed_here and person is not None)
        self.active_button.setText("Réac&tiver" if person is not None and not person.active else "&Désactiver")

    def _run(self, fn: Callable[[], Any]) -> None:
        _error(self.error_label, "")
        self._tasks.run_task(fn, on_success=self._done, on_failure=self._failed, lane=Lane.DB_WRITE, owner=self)

    def _done(self, _result: Any) -> None:
        self.refresh()
        self.changed.emit()

    def _failed(self, failure: TaskFailure) -> None:
        _error(self.error_label, failure.message)

    @Slot()
    def add_staff(self) -> None:
        self._tasks.run_task(self._services.first_start.organisations, on_success=self._add_with,
                             on_failure=self._failed, lane=Lane.DB_WRITE, owner=self)

    def _add_with(self, organisations: list[Any]) -> None:
        dialog = StaffDialog(organisations=organisations, programme_cap=self.programme_cap, parent=self)
        if self._open_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._run(partial(self._services.staff.add, **dialog.fields(), by=self._actor))

    @Slot()
    def edit_staff(self) -> None:
        person = self.selected()
        if person is not None:
            self._tasks.run_task(partial(self._services.staff.detail, person.id), on_success=self._edit_with,
                                 on_failure=self._failed, lane=Lane.DB_READ, owner=self)

    def _edit_with(self, detail: Any) -> None:
        dialog = StaffDialog(organisations=[], programme_cap=self.programme_cap, detail=detail, parent=self)
        dialog.organisation_combo.addItem(detail.organisation_code, detail.organisation_code)
        if self._open_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._run(partial(self._services.staff.update, detail.id, **dialog.fields(), by=self._actor))

    @Slot()
    def toggle_active(self) -> None:
        person = self.selected()
        if person is not None:
            self._run(partial(self._services.staff.set_active, person.id, active=not person.active, by=self._actor))

    @Slot()
    def new_password(self) -> None:
        person = self.selected()
        if person is None:
            return
        dialog = PasswordDialog(name=person.display_name, needs_login=person.login is None, parent=self)
        if self._open_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._run(partial(self._services.staff.reset_password, person.id, password=dialog.password_edit.text(),
                              login=dialog.login_edit.text().strip() or None, by=self._actor))


class SettingsTab(QWidget):
    """The programme's settings (synced to every device) and this computer's no-contact days."""

    INT_SETTINGS = (LOCK_AFTER_MINUTES, CASE_RETENTION_MONTHS, AUDIT_RETENTION_DAYS, CASELOAD_CAP)

    def __init__(self, services: Services, actor: Actor, tasks: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("settings_tab")
        self._services, self._actor, self._tasks = services, actor, tasks
        layout = QVBoxLayout(self)
        self.managed_here = True
        self.notice_label = QLabel()
        self.notice_label.setObjectName("settings_notice_label")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for setting in self.INT_SETTINGS:
            spin = QSpinBox()
            spin.setObjectName(setting.key.replace(".", "_"))
            spin.setRange(setting.minimum, setting.maximum)
            spin.setSuffix(f" {setting.unit}")
            self.spins[setting.key] = spin
            form.addRow(setting.label + " :", spin)
        self.no_contact_spin = QSpinBox()
        self.no_contact_spin.setObjectName("no_contact_days")
        self.no_contact_spin.setRange(1, 365)
        self.no_contact_spin.setSuffix(" jours")
        form.addRow("« Sans contact » après (cet ordinateur) :", self.no_contact_spin)
        layout.addLayout(form)
        self.save_button = QPushButton("&Enregistrer les réglages")
        self.save_button.setObjectName("save_settings_button")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.status_label = QLabel()
        self.status_label.setObjectName("status_label")
        layout.addWidget(self.status_label)
        self.error_label = _error_label()
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def refresh(self) -> None:
        settings, todo = self._services.programme_settings, self._services.todo

        def load() -> tuple[dict[str, int], int, bool]:
            return ({s.key: settings.get(s) for s in self.INT_SETTINGS}, todo.no_contact_days(),
                    settings.managed_here())

        self._tasks.run_task(load, on_success=self._show, lane=Lane.DB_READ, owner=self)

    def _show(self, loaded: tuple[dict[str, int], int, bool]) -> None:
        values, no_contact, self.managed_here = loaded
        for key, value in values.items():
            self.spins[key].setValue(value)
            self.spins[key].setReadOnly(not self.managed_here)
            self.spins[key].setEnabled(self.managed_here)
        self.no_contact_spin.setValue(no_contact)
        self.notice_label.setText("" if self.managed_here else SERVER_OWNS_SETTINGS)
        self.notice_label.setVisible(not self.managed_here)

    @Slot()
    def save(self) -> None:
        # On an enrolled computer only its own no-contact days are saved: the server owns the rest.
        values = {key: spin.value() for key, spin in self.spins.items()} if self.managed_here else {}
        no_contact = self.no_contact_spin.value()
        settings, todo, actor = self._services.programme_settings, self._services.todo, self._actor

        def write() -> None:
            for setting in self.INT_SETTINGS:
                if setting.key in values and settings.get(setting) != values[setting.key]:
                    settings.set(setting, values[setting.key], actor=actor)
            todo.set_no_contact_days(days=no_contact)

        _error(self.error_label, "")
        self.status_label.setText("Enregistrement…")
        self._tasks.run_task(write, on_success=lambda _r: self.status_label.setText("Réglages enregistrés ✓"),
                             on_failure=self._failed, lane=Lane.DB_WRITE, owner=self)

    def _failed(self, failure: TaskFailure) -> None:
        self.status_label.setText("")
        _error(self.error_label, failure.message)


class PurgeTab(QWidget):
    """The retention purge: the list (nothing removed), a confirmation, then the purge with a busy bar."""

    def __init__(self, services: Services, actor: Actor, tasks: TaskRunner,
                 confirm: Callable[[str], bool]) -> None:
        super().__init__()
        self.setObjectName("purge_tab")
        self._services, self._actor, self._tasks, self._confirm = services, actor, tasks, confirm
        self.plan: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(PURGE_TEXT)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.search_button = QPushButton("R&echercher les dossiers à purger")
        self.search_button.setObjectName("purge_search_button")
        self.purge_button = QPushButton("P&urger…")
        self.purge_button.setObjectName("purge_button")
        self.purge_button.setEnabled(False)
        row.addWidget(self.search_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = _table(["Jeune", "Territoire", "Statut", "Dernier contact"])
        layout.addWidget(self.table, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the purge runs in one transaction
        self.progress.hide()
        layout.addWidget(self.progress)
        self.error_label = _error_label()
        layout.addWidget(self.error_label)
        self.search_button.clicked.connect(self.search)
        self.purge_button.clicked.connect(self.purge)

    @Slot()
    def search(self) -> None:
        _error(self.error_label, "")
        self._tasks.run_task(partial(self._services.retention.plan, actor=self._actor), on_success=self._show,
                             on_failure=self._failed, lane=Lane.DB_READ, owner=self)

    def _show(self, plan: Any) -> None:
        self.plan = plan
        self.summary_label.setText(
            f"{plan.count} dossier(s) sans contact depuis le {plan.cutoff:%d/%m/%Y} (conservation : "
            f"{plan.retention_months} mois) ; {plan.old_audit_events} événement(s) ancien(s) du journal."
        )
        self.table.setRowCount(plan.count)
        for row, candidate in enumerate(plan.candidates):
            self.table.setItem(row, 0, _item(candidate.initials))
            self.table.setItem(row, 1, _item(candidate.territory_name))
            self.table.setItem(row, 2, _item(candidate.status_label))
            self.table.setItem(row, 3, _item(f"{candidate.last_contact:%d/%m/%Y}"))
        self.purge_button.setEnabled(plan.count > 0 or plan.old_audit_events > 0)

    @Slot()
    def purge(self) -> None:
        plan = self.plan
        if plan is None:
            return
        question = (f"Supprimer définitivement {plan.count} dossier(s) et {plan.old_audit_events} événement(s) "
                    "ancien(s) du journal ? Cette suppression ne peut pas être annulée.")
        if not self._confirm(question):
            return
        self.progress.show()
        self.search_button.setEnabled(False)
        self.purge_button.setEnabled(False)
        ids = [c.youth_id for c in plan.candidates]
        self._tasks.run_task(partial(self._services.retention.purge, actor=self._actor, youth_ids=ids),
                             on_success=self._purged, on_failure=self._failed, lane=Lane.DB_WRITE, owner=self)

    def _purged(self, report: Any) -> None:
        self.progress.hide()
        self.search_button.setEnabled(True)
        self.plan = None
        self.table.setRowCount(0)
        self.summary_label.setText(f"Purge faite : {report.youths} dossier(s) supprimé(s), "
                                   f"{report.audit_events_removed} événement(s) du journal.")

    def _failed(self, failure: TaskFailure) -> None:
        self.progress.hide()
        self.search_button.setEnabled(True)
        _error(self.error_label, failure.message)


class EvaluationTab(QWidget):
    """The draw per territory (a programme setting, synced) and this computer's reserve of draws."""

    def __init__(self, services: Services, actor: Actor, tasks: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("evaluation_tab")
        self._services, self._actor, self._tasks = services, actor, tasks
        layout = QVBoxLayout(self)
        intro = QLabel("L'évaluation par tirage au sort se met en route territoire par territoire. La réserve dit "
                       "combien de tirages cet ordinateur peut faire sans connexion.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.managed_here = True
        self.notice_label = QLabel()
        self.notice_label.setObjectName("evaluation_notice_label")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        self.table = _table(["Territoire", "Tirage au sort", "Réserve de cet ordinateur"])
        layout.addWidget(self.table, 1)
        self.error_label = _error_label()
        layout.addWidget(self.error_label)
        self.boxes: dict[str, QCheckBox] = {}

    def refresh(self) -> None:
        services = self._services

        def load() -> tuple[list[Any], set[str], dict[str, int], bool]:
            territories = services.reference.territories()
            enabled = {tid for tid, _code in services.evaluation.enabled_territories()}
            return (territories, enabled, services.evaluation.reserve_levels(),
                    services.programme_settings.managed_here())

        self._tasks.run_task(load, on_success=self._show, on_failure=self._failed, lane=Lane.DB_READ, owner=self)

    def _show(self, loaded: tuple[list[Any], set[str], dict[str, int], bool]) -> None:
        territories, enabled, reserve, self.managed_here = loaded
        self.notice_label.setText("" if self.managed_here else SERVER_OWNS_EVALUATION)
        self.notice_label.setVisible(not self.managed_here)
        self.table.setRowCount(len(territories))
        self.boxes = {}
        total = sum(reserve.values())
        for row, territory in enumerate(territories):
            self.table.setItem(row, 0, _item(territory.name, territory.id))
            box = QCheckBox("en service")
            box.setObjectName(f"evaluation_{territory.code}")
            box.setChecked(territory.id in enabled)
            box.setEnabled(self.managed_here)
            box.toggled.connect(partial(self._toggle, territory.id))
            self.boxes[territory.code] = box
            self.table.setCellWidget(row, 1, box)
            levels = sum(v for k, v in reserve.items() if k.startswith(territory.code + "/")) if total else 0
            self.table.setItem(row, 2, _item(f"{levels} tirage(s)"))

    def _toggle(self, territory_id: str, enabled: bool) -> None:
        _error(self.error_label, "")
        self._tasks.run_task(
            partial(self._services.evaluation.set_enabled, territory_id=territory_id, enabled=enabled,
                    actor=self._actor),
            on_success=lambda _r: None, on_failure=self._failed, lane=Lane.DB_WRITE, owner=self)

    def _failed(self, failure: TaskFailure) -> None:
        _error(self.error_label, failure.message)


class ComputerTab(QWidget):
    """This computer's enrolment and sync, as the sync service reports them."""

    def __init__(self, services: Services, tasks: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("computer_tab")
        self._services, self._tasks = services, tasks
        layout = QVBoxLayout(self)
        self.details_label = QLabel()
        self.details_label.setObjectName("details_label")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details_label)
        layout.addStretch(1)

    def refresh(self) -> None:
        self._tasks.run_task(self._services.sync.status, on_success=self._show, lane=Lane.DB_READ, owner=self)

    def _show(self, status: Any) -> None:
        if not status.enrolled:
            lines = ["Cet ordinateur n'est inscrit auprès d'aucun serveur : il travaille seul.",
                     "Pour l'inscrire, demandez un code d'inscription à l'administrateur du serveur, puis utilisez "
                     "« Inscrire cet ordinateur » dans la zone Synchronisation."]
        else:
            last = f"{status.last_ok_at:%d/%m/%Y à %H:%M}" if status.last_ok_at else "jamais"
            lines = [f"Inscrit auprès du serveur : {status.server_url}",
                     f"Nom de cet ordinateur : {status.device_name}",
                     f"Dernière synchronisation réussie : {last}",
                     f"Modifications en attente d'envoi : {status.pending}",
                     f"Conflits à résoudre : {status.open_conflicts} ; modifications refusées : {status.rejected}"]
            if status.blocked_message:
                lines.append(status.blocked_message)
            elif status.last_error:
                lines.append(f"Dernière erreur : {status.last_error}")
        self.details_label.setText("\n".join(lines))


class AdminPage(QTabWidget):
    """The area's page; ``open_dialog`` and ``confirm`` are replaceable so the tests answer the dialogs."""

    def __init__(self, services: Services, actor: Actor, tasks: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("admin_page")
        self.open_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.confirm: Callable[[str], bool] = self._confirm
        self.staff_tab = StaffTab(services, actor, tasks, lambda d: self.open_dialog(d))
        self.settings_tab = SettingsTab(services, actor, tasks)
        self.purge_tab = PurgeTab(services, actor, tasks, lambda q: self.confirm(q))
        self.evaluation_tab = EvaluationTab(services, actor, tasks)
        self.computer_tab = ComputerTab(services, tasks)
        self.messaging_tab = MessagingTab(services, actor, tasks)
        self.addTab(self.staff_tab, "&Personnel")
        self.addTab(self.settings_tab, "&Réglages")
        self.addTab(self.purge_tab, "Pur&ge")
        self.addTab(self.evaluation_tab, "É&valuation")
        self.addTab(self.computer_tab, "&Cet ordinateur")
        self.addTab(self.messaging_tab, "&Messagerie")

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "PAC — Confirmer", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def refresh(self) -> None:
        self.staff_tab.refresh()
        self.settings_tab.refresh()
        self.evaluation_tab.refresh()
        self.computer_tab.refresh()
        self.messaging_tab.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()


def add_admin_area(window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner) -> None:
    """The "Administration" area, for administrators only (the services refuse everyone else anyway). Its page is
    built the first time it is shown (issue 16)."""
    if StaffRole.ADMINISTRATOR not in actor.roles:  # as the audit area: no query on the UI thread
        return
    window.add_area(ADMIN_AREA, "Administration", icons.ACCOUNT, partial(AdminPage, services, actor, tasks))
