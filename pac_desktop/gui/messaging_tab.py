"""Administration › Messagerie (issue 18): each organisation's SMTP server and SMS gateway, a test message.

The password and the key are typed here and go to the OS keyring (never shown again: the field says whether one
is set); the rest is kept on this computer. Everything runs off the UI thread; sending a test is network work.
Beneath, the automatic reminders that failed on this computer and are still to send (ReminderService.failures):
when, by which channel, for whom (initials and file number, never a name), and why.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.domain.french import format_datetime, plural
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.messaging.sms import SmsGatewaySettings
from pac_desktop.services.context import Actor
from pac_desktop.services.messaging_settings import MAX_DAYS_BEFORE, ReminderSchedule
from pac_desktop.services.registry import Services
from pac_desktop.services.reminders import ReminderFailureView

from . import theme
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskRunner

SECURITY_LABELS = (("starttls", "STARTTLS (port 587)"), ("ssl", "SSL/TLS (port 465)"),
                   ("none", "Aucune (relais du réseau local)"))
KEEP = "(inchangé)"


NO_FAILURES = "Aucun rappel automatique en échec sur cet ordinateur."


class ReminderFailuresModel(TableModel[ReminderFailureView]):
    """The automatic reminders that failed here: no name, no address (the youth's initials and file number)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__((
            Column("Dernier essai", lambda f: format_datetime(f.failed_at),
                   tooltip=lambda f: f"Premier échec le {format_datetime(f.first_failed_at)} ; "
                   f"{plural(f.tries, 'essai', 'essais')}"),
            Column("Canal", lambda f: f.channel.label[:1].upper() + f.channel.label[1:]),
            Column("Jeune", lambda f: f.youth_reference,
                   tooltip=lambda f: "Initiales et début du numéro du dossier"),
            Column("Essais", lambda f: str(f.tries)),
            Column("Erreur", lambda f: f.message),
        ), id_of=lambda f: f"{f.appointment_id}:{f.channel.value}", parent=parent)  # fmt: skip


def _line(name: str, placeholder: str = "", *, secret: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class MessagingTab(QWidget):
    def __init__(self, services: Services, actor: Actor, tasks: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("messaging_tab")
        self._services, self._actor, self._tasks = services, actor, tasks
        # In a scroll area: the three boxes are taller than the administration leaves them at 1366×768.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("messaging_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        top = QFormLayout()
        self.organisation_combo = QComboBox()
        self.organisation_combo.setObjectName("organisation_combo")
        self.organisation_combo.currentIndexChanged.connect(self._on_organisation_changed)
        organisation_row = QHBoxLayout()
        organisation_row.addWidget(self.organisation_combo, 1)
        organisation_label = QLabel("&Structure :")
        organisation_label.setBuddy(self.organisation_combo)
        top.addRow(organisation_label, organisation_row)
        layout.addLayout(top)
        intro = QLabel("Les rappels partent avec les réglages de la structure qui accueille le rendez-vous ; mot de "
                       "passe et clé : dans le trousseau de cet ordinateur.")
        intro.setToolTip("Le mot de passe et la clé sont gardés dans le trousseau de cet ordinateur, jamais dans un "
                         "fichier : chaque ordinateur de la structure se règle une fois.")
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)

        # Issue 18: the automatic reminders that failed on this computer (every structure's), retried at each pass;
        # first on the tab (the settings beneath are what usually puts them right).
        self.failures_box = QGroupBox("Rappels automatiques en échec")
        self.failures_box.setObjectName("failures_box")
        failures_layout = QVBoxLayout(self.failures_box)
        self.failures_label = QLabel(NO_FAILURES)
        theme.set_role(self.failures_label, "warning")
        self.failures_label.setObjectName("failures_label")
        self.failures_label.setWordWrap(True)
        self.failures_model = ReminderFailuresModel(self)
        self.failures_view = QTableView()
        self.failures_view.setObjectName("failures_view")
        self.failures_view.setModel(self.failures_model)
        self.failures_view.verticalHeader().hide()
        self.failures_view.setWordWrap(True)
        self.failures_view.setMinimumHeight(110)
        header = self.failures_view.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.failures_box.hide()  # shown when some failed: at the top, what the administrator must see first
        failures_layout.addWidget(self.failures_label)
        failures_layout.addWidget(self.failures_view)
        layout.addWidget(self.failures_box)

        smtp_box = QGroupBox("Courriel (serveur SMTP)")
        smtp_box.setObjectName("smtp_box")
        form = QFormLayout(smtp_box)
        self.host_edit = _line("smtp_host_edit", "smtp.exemple.fr")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("smtp_port_spin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(587)
        self.security_combo = QComboBox()
        self.security_combo.setObjectName("smtp_security_combo")
        for value, label in SECURITY_LABELS:
            self.security_combo.addItem(label, value)
        self.username_edit = _line("smtp_username_edit", "vide si le serveur n'en demande pas")
        self.password_edit = _line("smtp_password_edit", secret=True)
        self.sender_edit = _line("smtp_sender_edit", "accueil@cio-exemple.fr")
        self.sender_name_edit = _line("smtp_sender_name_edit", "CIO de …")
        for label, widget in (("&Hôte du serveur :", self.host_edit), ("P&ort :", self.port_spin),
                              ("Séc&urité :", self.security_combo), ("&Identifiant :", self.username_edit),
                              ("Mot de pass&e :", self.password_edit), ("Adresse d'e&xpéditeur :", self.sender_edit),
                              ("&Nom d'expéditeur :", self.sender_name_edit)):
            form.addRow(label, widget)
        smtp_row = QHBoxLayout()
        self.test_email_edit = _line("test_email_edit", "votre adresse, pour l'essai")
        self.save_smtp_button = QPushButton("Enregistrer le courrie&l")
        self.save_smtp_button.setObjectName("save_smtp_button")
        self.test_email_button = QPushButton("Envo&yer un essai")
        self.test_email_button.setObjectName("test_email_button")
        smtp_row.addWidget(self.save_smtp_button)
        smtp_row.addWidget(self.test_email_edit, 1)
        smtp_row.addWidget(self.test_email_button)
        form.addRow(smtp_row)
        layout.addWidget(smtp_box)

        sms_box = QGroupBox("SMS (passerelle HTTP du fournisseur)")
        form = QFormLayout(sms_box)
        self.url_edit = _line("sms_url_edit", "https://api.fournisseur-sms.fr/v1/sms")
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("sms_format_combo")
        self.format_combo.addItem("JSON", "json")
        self.format_combo.addItem("Formulaire", "form")
        self.fields_edit = _line("sms_fields_edit", "destinataire, texte, expéditeur")
        self.fields_edit.setText("to, message, sender")
        self.sms_sender_edit = _line("sms_sender_edit", "11 lettres au plus")
        self.key_header_edit = _line("sms_key_header_edit")
        self.key_header_edit.setText("Authorization: Bearer")
        self.key_edit = _line("sms_key_edit", secret=True)
        for label, widget in (("&Adresse (URL) :", self.url_edit), ("&Format :", self.format_combo),
                              ("Champs atten&dus :", self.fields_edit), ("Expéditeur :", self.sms_sender_edit),
                              ("En-tête de la clé :", self.key_header_edit),
                              ("&Jeton ou clé :", self.key_edit)):
            form.addRow(label, widget)
        sms_row = QHBoxLayout()
        self.test_sms_edit = _line("test_sms_edit", "votre portable, pour l'essai")
        self.save_sms_button = QPushButton("Enregistrer les SMS")
        self.save_sms_button.setObjectName("save_sms_button")
        self.test_sms_button = QPushButton("Envoyer un essai par SMS")
        self.test_sms_button.setObjectName("test_sms_button")
        sms_row.addWidget(self.save_sms_button)
        sms_row.addWidget(self.test_sms_edit, 1)
        sms_row.addWidget(self.test_sms_button)
        form.addRow(sms_row)
        layout.addWidget(sms_box)

        row = organisation_row  # on the structure's line: the tab fits a 1366×768 screen
        row.addSpacing(12)
        row.addWidget(QLabel("Rappels :"))
        self.auto_check = QCheckBox("automa&tiques")
        self.auto_check.setObjectName("auto_check")
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("days_spin")
        self.days_spin.setRange(0, MAX_DAYS_BEFORE)
        self.days_spin.setSpecialValueText("le jour même")
        self.days_spin.setSuffix(" j avant")
        self.days_spin.setToolTip("Combien de jours avant le rendez-vous part le rappel (1 : la veille).")
        self.auto_email_check = QCheckBox("par courriel")
        self.auto_email_check.setObjectName("auto_email_check")
        self.auto_sms_check = QCheckBox("par SMS")
        self.auto_sms_check.setObjectName("auto_sms_check")
        self.save_schedule_button = QPushButton("Enregistrer")
        self.save_schedule_button.setObjectName("save_schedule_button")
        self.save_schedule_button.setToolTip("Enregistrer les rappels automatiques de cette structure")
        self.auto_check.toggled.connect(self._on_auto_check_toggled)
        for widget in (self.auto_check, self.days_spin, self.auto_email_check, self.auto_sms_check):
            row.addWidget(widget)
        row.addWidget(self.save_schedule_button)
        self.auto_check.setToolTip("Tant que l'application est ouverte, les rappels dus partent d'eux-mêmes, une fois "
                                   "chacun ; sur un serveur, la commande « pac rappels envoyer » les envoie (tâche "
                                   "planifiée).")

        self.status_label = QLabel()
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        layout.addStretch(1)
        self.save_smtp_button.clicked.connect(self._on_save_smtp_button_clicked)
        self.save_sms_button.clicked.connect(self._on_save_sms_button_clicked)
        self.test_email_button.clicked.connect(self._on_test_email_button_clicked)
        self.test_sms_button.clicked.connect(self._on_test_sms_button_clicked)
        self.save_schedule_button.clicked.connect(self._on_save_schedule_button_clicked)

    def refresh(self) -> None:
        self.refresh_failures()
        if self.organisation_combo.count():
            return
        self._tasks.run_task(self._services.messaging_settings.organisations, on_success=self._show_organisations,
                             on_failure=self._failed, lane=Lane.DB_READ, owner=self)

    def refresh_failures(self) -> None:
        """Read again the reminders that failed here (each pass of the automatic reminders may change them)."""
        self._tasks.run_task(partial(self._services.reminders.failures, by=self._actor),
                             on_success=self._show_failures, on_failure=self._failed, lane=Lane.DB_READ, owner=self)

    def _show_failures(self, failures: list[ReminderFailureView]) -> None:
        self.failures_model.set_rows(failures)
        self.failures_box.setVisible(bool(failures))
        self.failures_view.resizeRowsToContents()
        if failures:
            self.failures_label.setText(
                f"{plural(len(failures), 'rappel', 'rappels')} n'{'a' if len(failures) == 1 else 'ont'} pas pu "
                "partir : chacun est retenté au prochain passage (tous les quarts d'heure tant que l'application "
                "est ouverte) et disparaît de la liste une fois envoyé.")
        else:
            self.failures_label.setText(NO_FAILURES)

    def _show_organisations(self, organisations: list[Any]) -> None:
        self.organisation_combo.blockSignals(True)
        for org in organisations:
            label = f"{org.name} — {org.kind_label}" if org.kind_label else org.name
            self.organisation_combo.addItem(label, org.organisation_id)
        mine = self.organisation_combo.findData(self._actor.organisation_id)
        self.organisation_combo.setCurrentIndex(max(mine, 0))
        self.organisation_combo.blockSignals(False)
        self._on_organisation_changed()

    def organisation_id(self) -> str | None:
        return self.organisation_combo.currentData()

    @Slot()
    def _on_organisation_changed(self, *_args: object) -> None:
        org_id = self.organisation_id()
        if org_id:
            self._tasks.run_task(partial(self._services.messaging_settings.organisation, org_id),
                                 on_success=self._show_settings, on_failure=self._failed, lane=Lane.DB_READ,
                                 owner=self)

    def _show_settings(self, shown: Any) -> None:
        smtp = shown.smtp or SmtpSettings(host="")
        self.host_edit.setText(smtp.host)
        self.port_spin.setValue(smtp.port)
        self.security_combo.setCurrentIndex(max(self.security_combo.findData(smtp.security), 0))
        self.username_edit.setText(smtp.username)
        self.sender_edit.setText(smtp.sender_address)
        self.sender_name_edit.setText(smtp.sender_name or (shown.organisation_name if shown.smtp is None else ""))
        self.password_edit.clear()
        self.password_edit.setPlaceholderText(f"enregistré {KEEP}" if shown.smtp_password_set else "aucun")
        sms = shown.sms or SmsGatewaySettings(url="")
        self.url_edit.setText(sms.url)
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(sms.body_format), 0))
        self.fields_edit.setText(", ".join((sms.to_field, sms.text_field, sms.sender_field)))
        self.sms_sender_edit.setText(sms.sender)
        self.key_header_edit.setText(f"{sms.key_header}: {sms.key_prefix.strip()}".rstrip(": ").rstrip())
        self.key_edit.clear()
        self.key_edit.setPlaceholderText(f"enregistrée {KEEP}" if shown.sms_key_set else "aucune")
        schedule = shown.schedule
        self.auto_check.setChecked(schedule.enabled)
        self.days_spin.setValue(schedule.days_before)
        self.auto_email_check.setChecked(schedule.email)
        self.auto_sms_check.setChecked(schedule.sms)
        self._on_auto_check_toggled(schedule.enabled)

    @Slot(bool)
    def _on_auto_check_toggled(self, on: bool) -> None:
        for widget in (self.days_spin, self.auto_email_check, self.auto_sms_check):
            widget.setEnabled(on)

    def schedule(self) -> ReminderSchedule:
        return ReminderSchedule(enabled=self.auto_check.isChecked(), days_before=self.days_spin.value(),
                                email=self.auto_email_check.isChecked(), sms=self.auto_sms_check.isChecked())

    def smtp_settings(self) -> SmtpSettings:
        return SmtpSettings(host=self.host_edit.text().strip(), port=self.port_spin.value(),
                            security=self.security_combo.currentData(), username=self.username_edit.text().strip(),
                            sender_address=self.sender_edit.text().strip(),
                            sender_name=self.sender_name_edit.text().strip())

    def sms_settings(self) -> SmsGatewaySettings:
        names = [n.strip() for n in self.fields_edit.text().split(",")] + ["", "", ""]
        header, _, prefix = self.key_header_edit.text().partition(":")
        prefix = prefix.strip()
        return SmsGatewaySettings(url=self.url_edit.text().strip(), body_format=self.format_combo.currentData(),
                                  to_field=names[0], text_field=names[1], sender_field=names[2],
                                  sender=self.sms_sender_edit.text().strip(), key_header=header.strip(),
                                  key_prefix=f"{prefix} " if prefix else "")

    def _run(self, fn: Any, done: str, *, lane: Lane = Lane.DB_WRITE) -> None:
        self.status_label.setProperty("role", "")
        self.status_label.setText("…")
        self._tasks.run_task(fn, on_success=lambda _r: self._done(done), on_failure=self._failed, lane=lane,
                             owner=self)

    def _done(self, text: str) -> None:
        self.status_label.setProperty("role", "")
        self.status_label.style().polish(self.status_label)
        self.status_label.setText(text)
        self._on_organisation_changed()
        self.refresh_failures()

    def _failed(self, failure: TaskFailure) -> None:
        self.status_label.setProperty("role", "error")
        self.status_label.style().polish(self.status_label)
        self.status_label.setText(failure.message)

    @Slot()
    def _on_save_smtp_button_clicked(self) -> None:
        password = self.password_edit.text() or None
        self._run(partial(self._services.messaging_settings.set_smtp, organisation_id=self.organisation_id(),
                          settings=self.smtp_settings(), password=password, by=self._actor),
                  "Réglages du courriel enregistrés ✓")

    @Slot()
    def _on_save_sms_button_clicked(self) -> None:
        key = self.key_edit.text() or None
        self._run(partial(self._services.messaging_settings.set_sms, organisation_id=self.organisation_id(),
                          settings=self.sms_settings(), key=key, by=self._actor), "Réglages des SMS enregistrés ✓")

    @Slot()
    def _on_test_email_button_clicked(self) -> None:
        to = self.test_email_edit.text().strip()
        self._run(partial(self._services.messaging_settings.send_test_email, organisation_id=self.organisation_id(),
                          to=to, by=self._actor), f"Courriel d'essai envoyé à {to} ✓", lane=Lane.SYNC)

    @Slot()
    def _on_test_sms_button_clicked(self) -> None:
        to = self.test_sms_edit.text().strip()
        self._run(partial(self._services.messaging_settings.send_test_sms, organisation_id=self.organisation_id(),
                          to=to, by=self._actor), f"SMS d'essai envoyé au {to} ✓", lane=Lane.SYNC)

    @Slot()
    def _on_save_schedule_button_clicked(self) -> None:
        self._run(partial(self._services.messaging_settings.set_schedule, organisation_id=self.organisation_id(),
                          schedule=self.schedule(), by=self._actor), "Rappels automatiques enregistrés ✓")
