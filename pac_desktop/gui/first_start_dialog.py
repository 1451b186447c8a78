"""The first start of a real store (issue 14), before any login: nobody can sign in yet.

Two ways, chosen on the first page: *Inscrire cet ordinateur* (the server's address and a one-time code; the
first sync brings the reference data and the territory's staff with their credentials) or *Démarrer sans
serveur* (the first administrator, made here). Both run off the UI thread (services.first_start); the dialog
is accepted once someone can sign in, and ``login_hint`` is then the identifiant to put in the login dialog.

Also here: the choice a computer without a secure keyring needs before a new store is made (refuse to start,
or a passphrase asked at each start), in the words of ``pac security no-keyring``.

Hand-written rather than Designer forms: three short pages whose widgets the tests drive by name.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.security.passwords import MIN_PASSWORD_LENGTH

from . import icons, theme
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

TITLE = "PAC — Première mise en route"
WELCOME = (
    "Bienvenue dans PAC Desktop. Sur cet ordinateur, la base locale est prête mais personne ne peut encore s'y "
    "connecter. Comment cet ordinateur va-t-il travailler ?"
)
ENROL_CHOICE = "Inscrire cet ordinateur"
ENROL_CHOICE_TEXT = (
    "Votre structure utilise le serveur partagé du programme. Saisissez son adresse et le code d'inscription à "
    "usage unique donné par son administrateur : les comptes du personnel de votre territoire arrivent ensuite."
)
ALONE_CHOICE = "Démarrer sans serveur"
ALONE_CHOICE_TEXT = (
    "Cet ordinateur travaille seul, sans serveur partagé. Créez le premier compte, celui de l'administrateur : "
    "il pourra ensuite ajouter le personnel."
)
ENROL_TEXT = (
    "L'adresse du serveur et le code d'inscription vous ont été donnés par l'administrateur du serveur (le code "
    "ne sert qu'une fois et expire au bout de 24 heures). Un code « régional » inscrit l'ordinateur du comité de "
    "pilotage régional : il ne reçoit aucun dossier et demande au serveur les chiffres des territoires."
)
ALREADY_ENROLLED_TEXT = (
    "Cet ordinateur est déjà inscrit auprès du serveur {server}, mais les comptes du personnel ne sont pas encore "
    "arrivés. Vérifiez la connexion, puis lancez la synchronisation."
)
ADMIN_TEXT = (
    "Ce compte administre PAC Desktop sur cet ordinateur : il gère le personnel, les réglages et les purges. Il "
    f"peut aussi mener des accueils et suivre des jeunes. Mot de passe : au moins {MIN_PASSWORD_LENGTH} caractères."
)
ENROLLING = "Inscription auprès du serveur…"
CREATING = "Création du compte…"
LOADING = "Chargement des structures…"
MISSING_SERVER = "Indiquez l'adresse du serveur et le code d'inscription."
MISSING_FIELDS = "Remplissez le prénom, le nom, la structure, l'identifiant et le mot de passe (deux fois)."

NO_KEYRING_TITLE = "PAC — Pas de trousseau sécurisé"
NO_KEYRING_TEXT = (
    "Cet ordinateur n'a pas de trousseau sécurisé où garder la clé de chiffrement de la base locale, et PAC "
    "Desktop ne l'écrira jamais dans un simple fichier. Le mieux est d'installer un trousseau (sous Linux : GNOME "
    "Keyring ou KWallet, ouvert dans votre session ; sous Windows et macOS, celui du système) puis de relancer "
    "l'application. Sinon, la base peut être protégée par une phrase secrète demandée à chaque démarrage. "
    "Trousseau trouvé : « {backend} »."
)
REFUSE_CHOICE = "Refuser de démarrer"
REFUSE_CHOICE_TEXT = "PAC Desktop se ferme ; installez un trousseau, puis relancez-le."
PASSPHRASE_CHOICE = "Phrase secrète"
PASSPHRASE_CHOICE_TEXT = (
    "Une phrase secrète, choisie maintenant, sera demandée à chaque démarrage (commande équivalente : pac security "
    "no-keyring passphrase)."
)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error_label")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", "error")
    label.hide()
    return label


def _wrapped(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FirstStartDialog(QDialog):
    """``load_organisations()``, ``create_administrator(**fields)`` and ``enrol(server_url=, code=, device_name=,
    progress=, cancel=)`` are the FirstStartService's methods; they run on the task lanes."""

    def __init__(
        self,
        *,
        load_organisations: Callable[[], list[Any]],
        create_administrator: Callable[..., str],
        enrol: Callable[..., Any],
        tasks: TaskRunner,
        enrolled_with: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_organisations = load_organisations
        self._create_administrator = create_administrator
        self._enrol = enrol
        self._tasks = tasks
        self._busy: TaskHandle | None = None
        self._organisations_loaded = False
        self.login_hint = ""
        self.setWindowTitle(TITLE)
        self.setObjectName("first_start_dialog")
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        header = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(icons.pixmap(icons.HOME, 40, theme.ACCENT))
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel("Première mise en route")
        title.setProperty("role", "title")
        header.addWidget(title, 1)
        layout.addLayout(header)

        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.choice_page = self._make_choice_page()
        self.enrol_page = self._make_enrol_page(enrolled_with)
        self.admin_page = self._make_admin_page()
        for page in (self.choice_page, self.enrol_page, self.admin_page):
            self.pages.addWidget(page)
        if enrolled_with:
            self.pages.setCurrentWidget(self.enrol_page)
        self.adjustSize()

    # ------------------------------------------------------------------ pages

    def _make_choice_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("choice_page")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(_wrapped(WELCOME, "welcome_label"))
        self.enrol_choice = QCommandLinkButton(ENROL_CHOICE, ENROL_CHOICE_TEXT)
        self.enrol_choice.setObjectName("enrol_choice")
        self.enrol_choice.setIcon(icons.icon(icons.REFRESH, theme.ACCENT))
        self.alone_choice = QCommandLinkButton(ALONE_CHOICE, ALONE_CHOICE_TEXT)
        self.alone_choice.setObjectName("alone_choice")
        self.alone_choice.setIcon(icons.icon(icons.ACCOUNT, theme.ACCENT))
        for choice in (self.enrol_choice, self.alone_choice):
            choice.setAutoDefault(False)  # two equal choices: neither is pressed by Enter
            box.addWidget(choice)
        box.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        quit_button = QPushButton("&Quitter")
        quit_button.setObjectName("quit_button")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        buttons.addWidget(quit_button)
        box.addLayout(buttons)
        self.enrol_choice.clicked.connect(self.show_enrol)
        self.alone_choice.clicked.connect(self.show_admin)
        return page

    def _make_enrol_page(self, enrolled_with: str | None) -> QWidget:
        page = QWidget()
        page.setObjectName("enrol_page")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        text = ALREADY_ENROLLED_TEXT.format(server=enrolled_with) if enrolled_with else ENROL_TEXT
        box.addWidget(_wrapped(text, "enrol_intro_label"))
        form = QFormLayout()
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("server_edit")
        self.server_edit.setPlaceholderText("https://pac.exemple.fr")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("code_edit")
        self.device_name_edit = QLineEdit(socket.gethostname()[:120])
        self.device_name_edit.setObjectName("device_name_edit")
        if not enrolled_with:
            form.addRow("&Adresse du serveur :", self.server_edit)
            form.addRow("&Code d'inscription :", self.code_edit)
            form.addRow("&Nom de cet ordinateur :", self.device_name_edit)
        box.addLayout(form)
        self.enrol_status = _wrapped("", "enrol_status_label")
        box.addWidget(self.enrol_status)
        self.enrol_error = _error_label()
        box.addWidget(self.enrol_error)
        box.addStretch(1)
        buttons = QHBoxLayout()
        self.enrol_back = QPushButton("&Retour")
        self.enrol_back.setObjectName("enrol_back_button")
        self.enrol_back.setAutoDefault(False)
        self.enrol_back.setVisible(not enrolled_with)
        self.enrol_back.clicked.connect(self.show_choice)
        buttons.addWidget(self.enrol_back)
        buttons.addStretch(1)
        self.enrol_button = QPushButton("Synchroniser" if enrolled_with else "&Inscrire")
        self.enrol_button.setObjectName("enrol_button")
        self.enrol_button.clicked.connect(self.submit_enrolment)
        buttons.addWidget(self.enrol_button)
        box.addLayout(buttons)
        return page

    def _make_admin_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("admin_page")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(_wrapped(ADMIN_TEXT, "admin_intro_label"))
        form = QFormLayout()
        self.first_name_edit = QLineEdit()
        self.first_name_edit.setObjectName("first_name_edit")
        self.last_name_edit = QLineEdit()
        self.last_name_edit.setObjectName("last_name_edit")
        self.organisation_combo = QComboBox()
        self.organisation_combo.setObjectName("organisation_combo")
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login_edit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again_edit = QLineEdit()
        self.password_again_edit.setObjectName("password_again_edit")
        self.password_again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Prénom :", self.first_name_edit)
        form.addRow("N&om :", self.last_name_edit)
        form.addRow("&Structure :", self.organisation_combo)
        form.addRow("&Identifiant :", self.login_edit)
        form.addRow("&Mot de passe :", self.password_edit)
        form.addRow("Re&tapez-le :", self.password_again_edit)
        box.addLayout(form)
        self.admin_status = _wrapped("", "admin_status_label")
        box.addWidget(self.admin_status)
        self.admin_error = _error_label()
        box.addWidget(self.admin_error)
        box.addStretch(1)
        buttons = QHBoxLayout()
        back = QPushButton("&Retour")
        back.setObjectName("admin_back_button")
        back.setAutoDefault(False)
        back.clicked.connect(self.show_choice)
        buttons.addWidget(back)
        buttons.addStretch(1)
        self.create_button = QPushButton("&Créer le compte")
        self.create_button.setObjectName("create_button")
        self.create_button.clicked.connect(self.submit_administrator)
        buttons.addWidget(self.create_button)
        box.addLayout(buttons)
        return page

    # ------------------------------------------------------------------ navigation

    @Slot()
    def show_choice(self) -> None:
        if self._busy is None:
            self.pages.setCurrentWidget(self.choice_page)

    @Slot()
    def show_enrol(self) -> None:
        self.pages.setCurrentWidget(self.enrol_page)
        self.enrol_button.setDefault(True)
        self.server_edit.setFocus()
        theme.grow_to_fit(self)

    @Slot()
    def show_admin(self) -> None:
        self.pages.setCurrentWidget(self.admin_page)
        self.create_button.setDefault(True)
        self.first_name_edit.setFocus()
        if not self._organisations_loaded:
            self._set_busy(True, self.admin_status, LOADING)
            self._busy = self._tasks.run_task(
                self._load_organisations, on_success=self._on_organisations_loaded,
                on_failure=partial(self._on_failed, self.admin_error), lane=Lane.DB_WRITE, owner=self)
        theme.grow_to_fit(self)

    def _on_organisations_loaded(self, organisations: list[Any]) -> None:
        self._busy = None
        self._set_busy(False, self.admin_status, "")
        self.organisation_combo.clear()
        self.organisation_combo.addItem("— choisissez votre structure —", None)
        for organisation in organisations:
            self.organisation_combo.addItem(organisation.label, organisation.code)
        self._organisations_loaded = True

    # ------------------------------------------------------------------ the two ways

    @Slot()
    def submit_enrolment(self) -> None:
        if self._busy is not None:
            return
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if self.enrol_back.isVisible() and (not server or not code):
            self._show_error(self.enrol_error, MISSING_SERVER)
            return
        self._set_busy(True, self.enrol_status, ENROLLING)
        self._busy = self._tasks.run_task(
            partial(self._enrol, server_url=server, code=code, device_name=self.device_name_edit.text().strip() or None),
            on_success=self._on_enrolled,
            on_failure=partial(self._on_failed, self.enrol_error),
            on_progress=self._on_enrol_progress,
            lane=Lane.SYNC,
            owner=self,
        )

    def _on_enrol_progress(self, progress: Any) -> None:
        message = getattr(progress, "message", "") or ""
        if message:
            self.enrol_status.setText(f"Première synchronisation : {message}")

    def _on_enrolled(self, _result: Any) -> None:
        self._busy = None
        self._set_busy(False, self.enrol_status, "")
        self.login_hint = ""
        self.accept()

    @Slot()
    def submit_administrator(self) -> None:
        if self._busy is not None:
            return
        fields = dict(
            first_name=self.first_name_edit.text().strip(),
            last_name=self.last_name_edit.text().strip(),
            organisation_code=self.organisation_combo.currentData() or "",
            login=self.login_edit.text().strip(),
            password=self.password_edit.text(),
            password_again=self.password_again_edit.text(),
        )
        if not all(fields.values()):
            self._show_error(self.admin_error, MISSING_FIELDS)
            return
        self._set_busy(True, self.admin_status, CREATING)
        self._busy = self._tasks.run_task(
            partial(self._create_administrator, **fields),
            on_success=partial(self._on_administrator_created, fields["login"]),
            on_failure=partial(self._on_failed, self.admin_error),
            lane=Lane.DB_WRITE,
            owner=self,
        )

    def _on_administrator_created(self, login: str, _staff_id: str) -> None:
        self._busy = None
        self._set_busy(False, self.admin_status, "")
        self.password_edit.clear()
        self.password_again_edit.clear()
        self.login_hint = login
        self.accept()

    # ------------------------------------------------------------------ common

    def _on_failed(self, label: QLabel, failure: TaskFailure) -> None:
        self._busy = None
        self._set_busy(False, self.enrol_status, "")
        self._set_busy(False, self.admin_status, "")
        self._show_error(label, failure.message)
        if label is self.admin_error:
            self.password_edit.clear()
            self.password_again_edit.clear()

    def _set_busy(self, busy: bool, status: QLabel, text: str) -> None:
        status.setText(text)
        for widget in (self.enrol_button, self.create_button, self.enrol_back, self.server_edit, self.code_edit,
                       self.device_name_edit, self.first_name_edit, self.last_name_edit, self.organisation_combo,
                       self.login_edit, self.password_edit, self.password_again_edit):
            widget.setEnabled(not busy)
        if busy:
            self.enrol_error.hide()
            self.admin_error.hide()

    def _show_error(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.show()
        theme.grow_to_fit(self)

    def error_text(self) -> str:
        """The error shown on the current page ("" when none)."""
        for label in (self.enrol_error, self.admin_error):
            if label.isVisible() or (not label.isHidden() and label.parentWidget() is self.pages.currentWidget()):
                return label.text()
        return ""

    @property
    def busy(self) -> bool:
        return self._busy is not None

    def done(self, result: int) -> None:
        if self._busy is not None and result != QDialog.DialogCode.Accepted:
            self._busy.cancel()
            self._busy = None
        super().done(result)


class NoKeyringChoiceDialog(QDialog):
    """On a computer without a secure keyring, before a new real store is made: refuse (the default), or a
    passphrase asked at each start. ``chose_passphrase`` tells which once accepted; rejected means refuse."""

    def __init__(self, *, backend: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(NO_KEYRING_TITLE)
        self.setObjectName("no_keyring_dialog")
        self.setMinimumWidth(560)
        self.chose_passphrase = False
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(NO_KEYRING_TEXT.format(backend=backend), "no_keyring_label"))
        self.refuse_choice = QCommandLinkButton(REFUSE_CHOICE, REFUSE_CHOICE_TEXT)
        self.refuse_choice.setObjectName("refuse_choice")
        self.passphrase_choice = QCommandLinkButton(PASSPHRASE_CHOICE, PASSPHRASE_CHOICE_TEXT)
        self.passphrase_choice.setObjectName("passphrase_choice")
        layout.addWidget(self.refuse_choice)
        layout.addWidget(self.passphrase_choice)
        self.passphrase_choice.setAutoDefault(False)
        self.refuse_choice.clicked.connect(self.reject)
        self.passphrase_choice.clicked.connect(self._on_passphrase_choice_clicked)
        self.adjustSize()

    @Slot()
    def _on_passphrase_choice_clicked(self) -> None:
        self.chose_passphrase = True
        self.accept()
