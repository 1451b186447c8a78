"""Composition root of the desktop application: ``pac-desktop [--data-dir DIR] [--demo]``.

It wires every dependency once and passes it through constructors (no globals): the QApplication and its look,
the settings, the task runner, the local store and the services, then the login dialog and the main window.
Start-up work that touches the disk (opening and migrating the store, making the demo cohort) runs off the UI
thread like everything else, behind a small splash window.
"""

from __future__ import annotations

import argparse
import gc
import logging
import logging.handlers
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, Qt, QTimer, QTranslator, Slot
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pac_desktop import __version__
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.gui.login_dialog import LoginDialog
from pac_desktop.gui.module_sources import spare_module_sources
from pac_desktop.gui.settings import LAST_LOGIN, Preferences
from pac_desktop.gui.single_instance import ALREADY_OPEN_MESSAGE, SingleInstance
from pac_desktop.gui.store_passphrase import StorePassphraseDialog, wrong_passphrase_message
from pac_desktop.gui.tasks import UNEXPECTED_ERROR_MESSAGE, Lane, TaskFailure, TaskRunner, log_unexpected
from pac_desktop.gui.theme import Theme
from pac_desktop.paths import database_path, default_data_dir, resource_path, store_file_kind
from pac_desktop.security.roles import Action
from pac_desktop.security.store_key_info import read_keyinfo

# The store, its key and the services are imported where they are used, off the UI thread: on the way to the
# login dialog, the UI thread imports PySide6 and the few modules of that dialog only (issue 16).
if TYPE_CHECKING:
    from pac_desktop.gui.first_start_dialog import FirstStartDialog, NoKeyringChoiceDialog
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.startup_splash import StartupSplash
    from pac_desktop.services.context import Actor
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import OpenedStore

log = logging.getLogger("pac_desktop")

APPLICATION_NAME = "PAC Desktop"
ORGANISATION_NAME = "Passeport Accueil Commun"
ORGANISATION_DOMAIN = "passeport-accueil-commun.fr"

OPENING_MESSAGE = "Ouverture des données…"
#: A login dialog shown before the store opened, when the store could not be opened (its own message follows).
STORE_NOT_OPENED_MESSAGE = "Les données de cet ordinateur n'ont pas pu être ouvertes."
DEMO_MESSAGE = "Préparation des données de démonstration…"
HOME_AREA = "home"
REGIONAL_AREA = "regional"  # pac_desktop.gui.regional_page.AREA_KEY
#: Wrong passphrases typed in a row at start-up before the application gives up (and says so).
MAX_PASSPHRASE_ATTEMPTS = 5
TOO_MANY_ATTEMPTS_MESSAGE = (
    "La phrase secrète saisie ne correspond pas à la base locale, {attempts} fois de suite : par sécurité, PAC "
    "Desktop se ferme. Rien n'a été modifié. Relancez l'application pour réessayer. Si la phrase secrète est "
    "perdue, prévenez votre administrateur : l'ordinateur peut être réinscrit auprès du serveur, et les dossiers "
    "déjà synchronisés y seront rechargés."
)


# --- the main window, as every screen plugs into it ----------------------------------------------------------


def build_main_window(
    services: Services,
    actor: Actor,
    *,
    tasks: TaskRunner,
    preferences: Preferences | None = None,
    theme: Theme | None = None,
    demo: bool = False,
) -> MainWindow:
    """The main window of a signed-in staff member with every area that works. main() and the tests use it.

    New screens are added here, in navigation order (Ctrl+1, Ctrl+2… follow it), only once they work.
    The areas' modules are imported here, not before the login (issue 16; ``warm_up`` imports them earlier,
    behind the login dialog).
    """
    from pac_desktop.gui import icons
    from pac_desktop.gui.about_dialog import show_about
    from pac_desktop.gui.admin_area import add_admin_area
    from pac_desktop.gui.document_areas import add_document_areas
    from pac_desktop.gui.home_page import HomePage
    from pac_desktop.gui.intake.areas import add_intake_areas
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.protection_areas import add_protection_areas
    from pac_desktop.gui.regional_page import add_regional_area
    from pac_desktop.gui.reperage_page import add_reperage_area
    from pac_desktop.gui.sessions_page import add_sessions_area
    from pac_desktop.gui.sync_areas import add_sync_areas
    from pac_desktop.gui.youths.areas import add_case_file_areas

    window = MainWindow(actor=actor, tasks=tasks, preferences=preferences, theme_=theme, demo=demo)
    home = HomePage(actor=actor, load_summary=partial(services.home.summary, actor=actor), tasks=tasks)
    window.add_area(HOME_AREA, "Accueil", icons.HOME, home)
    # Only the areas the actor's roles open (the services refuse the rest anyway, issue 7): a committee member or
    # an evaluator has no intake and no case file to see.
    own_territory = actor.territory_id
    if services.guard.allows(actor, Action.INTAKE_EDIT, territory_id=own_territory):
        open_intake = add_intake_areas(window, services, actor, tasks=tasks, home=home)  # Accueils (issue 3)
        # Séances: joint-intake sessions, convocations, reminders (issue 18)
        add_sessions_area(window, services, actor, tasks=tasks, open_intake=open_intake)
    if services.guard.allows(actor, Action.CONTACT_RECORD, territory_id=own_territory):
        add_reperage_area(window, services, actor, tasks=tasks)  # Repérage: the youths to contact (issue 18)
    opener = None
    if services.guard.allows(actor, Action.CASE_VIEW, territory_id=own_territory):
        # Jeunes, À faire, Synthèses (issue 4)
        opener = add_case_file_areas(window, services, actor, tasks=tasks, home=home).opener
    add_document_areas(window, services, actor, tasks=tasks)  # Comités, Indicateurs (issue 6)
    regional = add_regional_area(window, services, actor, tasks=tasks)  # every territory side by side (18 §6)
    add_protection_areas(window, services, actor, tasks=tasks, opener=opener)  # lock, audit trail (issue 7)
    add_sync_areas(window, services, actor, tasks=tasks)  # status line, conflicts, enrolment (issue 5)
    add_admin_area(window, services, actor, tasks=tasks)  # staff, settings, purge, evaluation, this computer (14)
    window.about_requested.connect(partial(show_about, window, services.ctx.store.path.parent))
    if regional is not None and actor.has(StaffRole.REGIONAL):
        window.show_area(REGIONAL_AREA)  # the regional committee's one area: it opens there
    else:
        # The badges are first counted once the day's figures are on screen: counted beside them, on the same
        # two reading threads, they delayed the home page of a large territory.
        home.summary_settled.connect(window.refresh_badges, Qt.ConnectionType.SingleShotConnection)
    return window


#: The modules of the main window and its areas: imported behind the login dialog (``warm_up``).
MAIN_WINDOW_MODULES = (
    "pac_desktop.gui.main_window", "pac_desktop.gui.home_page", "pac_desktop.gui.about_dialog",
    "pac_desktop.gui.intake.areas", "pac_desktop.gui.youths.areas", "pac_desktop.gui.document_areas",
    "pac_desktop.gui.protection_areas", "pac_desktop.gui.sync_areas", "pac_desktop.gui.admin_area",
    "pac_desktop.gui.sessions_page", "pac_desktop.gui.regional_page", "pac_desktop.gui.validation_pin_dialog",
    "pac_desktop.gui.reperage_page",
)


def import_main_window_modules() -> None:
    """The main window's modules (no store needed): off the UI thread from the moment the login dialog shows."""
    import importlib

    for name in MAIN_WINDOW_MODULES:
        importlib.import_module(name)


def warm_up(services: Services) -> None:
    """What the main window needs and the login dialog does not: its modules, and the services built on first
    use. Runs off the UI thread while the password is typed (issue 16)."""
    import_main_window_modules()
    services.warm_up()


# --- the QApplication -------------------------------------------------------------------------------------


def configure_application(app: QApplication) -> list[QTranslator]:
    """Identity (for QSettings), French locale and Qt's own French translations ("Annuler", "Oui")."""
    app.setApplicationName(APPLICATION_NAME)
    app.setOrganizationName(ORGANISATION_NAME)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # the login → main window → logout dance decides when to quit
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    window_icon = resource_path("icons", "pac-desktop.png")
    if window_icon.is_file():
        app.setWindowIcon(QIcon(str(window_icon)))
    translators = []
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase_fr",):
        translator = QTranslator(app)
        if translator.load(catalogue, translations):
            app.installTranslator(translator)
            translators.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", catalogue, translations)
    return translators


def configure_logging(data_dir: Path | None) -> None:
    """Warnings on stderr; with a data folder, also a rotating log file in <data>/logs (never personal data)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if data_dir is None:
        return
    try:
        logs = data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            logs / "pac-desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return  # the store's own error message will say what is wrong with the folder
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def _install_excepthook() -> None:
    """An exception escaping a slot: logged (without its text) and a kind message instead of a silent failure."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if isinstance(error, DomainError):
            message = str(error)
        else:
            error.__traceback__ = tb
            log_unexpected(error, where="interface")
            message = UNEXPECTED_ERROR_MESSAGE
        if QApplication.instance() is not None:
            QMessageBox.warning(QApplication.activeWindow(), "PAC", message)

    sys.excepthook = hook


# --- start-up ---------------------------------------------------------------------------------------------


@dataclass
class StartupHooks:
    """Ways for the bench and the end-to-end test to drive a real start-up (main() uses none)."""

    login_shown: Callable[[LoginDialog], None] | None = None
    first_start_shown: Callable[[FirstStartDialog], None] | None = None  # a real store nobody can sign in to
    keyring_choice_shown: Callable[[NoKeyringChoiceDialog], None] | None = None  # no secure keyring, new store
    brought_forward: Callable[[QWidget], None] | None = None  # a second start on the same data folder asked
    passphrase_asked: Callable[[StorePassphraseDialog], None] | None = None  # each time it is shown
    #: The password checked, before the main window is built (a slot connected to the login dialog's own signal
    #: would come after the application's, which builds the window).
    signed_in: Callable[[], None] | None = None
    main_window_ready: Callable[[MainWindow], None] | None = None  # shown and the home page has its figures


@dataclass(frozen=True)
class _Opened:
    store: OpenedStore
    services: Services
    demo_created: bool
    #: Nobody can sign in yet: the first-start dialog comes before the login (issue 14).
    first_start: bool = False
    #: The server this store is already enrolled with, when a first start's first sync did not finish.
    enrolled_with: str | None = None


def open_services(
    data_dir: Path, *, demo: bool, progress: Callable[[str], None] | None = None, passphrase: str | None = None
) -> _Opened:
    """Open (and migrate) the store, build the services and, with ``demo``, make the demo cohort. Off the UI thread.

    The store is encrypted, its key in the OS keyring (or ``passphrase``, where an administrator chose one).
    """
    from pac_desktop.security.store_key import open_encrypted_store
    from pac_desktop.services.first_start import first_start_needed
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    if demo and demo_store_may_stay_plain(data_dir):
        # Fictitious data only: on a computer without a secure keyring the demo opens on a plain store instead of
        # refusing to start. A real store is always encrypted (issue 7), and a demo store never syncs.
        store = open_store(data_dir, progress=progress)
    else:
        store = open_encrypted_store(data_dir, ask_passphrase=(lambda new: passphrase) if passphrase else None,
                                     progress=progress)
    try:
        services = Services.build(store)
        created = False
        if demo:
            if progress is not None:
                progress(DEMO_MESSAGE)
            from pac_desktop.demo import DemoDataService  # only with --demo: no generator in a real start-up

            created = DemoDataService(services.ctx).ensure_demo()
        first_start = not demo and first_start_needed(services.ctx)
        enrolled_with = services.sync.status().server_url if first_start else None
    except BaseException:
        store.engine.dispose()
        raise
    return _Opened(store, services, bool(created), first_start, enrolled_with)


def startup_need(data_dir: Path, *, demo: bool) -> str | None:
    """What start-up must ask before the store opens: "keyring-choice" (no secure keyring, a new real store),
    "new" / "existing" (a passphrase), or None. Off the UI thread (keyring, files)."""
    from pac_desktop.security.store_key import keyring_choice_needed, passphrase_needed

    if not demo and keyring_choice_needed(data_dir):
        return "keyring-choice"
    return passphrase_needed(data_dir)


def demo_store_may_stay_plain(data_dir: Path) -> bool:
    """A new demo store, or a plain one made earlier, on a computer that has no secure keyring."""
    from pac_desktop.security.store_key import StoreKeyring
    from pac_desktop.storage.store import plain_by_choice

    path = database_path(data_dir)
    if path.exists():
        return store_file_kind(path) == "plain" and plain_by_choice(path)
    return not StoreKeyring().secure()


def demo_hint() -> str:
    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

    return (
        f"Démonstration : identifiant «\u00a0{DEMO_LOGIN}\u00a0», mot de passe «\u00a0{DEMO_PASSWORD}\u00a0». "
        "Toutes les personnes de cette base sont fictives."
    )


class DesktopApp(QObject):
    """Runs the application's life: splash → login → main window → (logout → login …) → quit."""

    def __init__(
        self,
        app: QApplication,
        *,
        data_dir: Path,
        demo: bool,
        settings: QSettings,
        hooks: StartupHooks | None = None,
    ) -> None:
        super().__init__()
        self._app = app
        self._data_dir = data_dir
        self._demo = demo
        self._hooks = hooks or StartupHooks()
        self.preferences = Preferences(settings)
        self.theme = Theme(app, self.preferences, self)
        self.tasks = TaskRunner(self)
        self.opened: _Opened | None = None
        self.splash: StartupSplash | None = None
        self.passphrase_dialog: StorePassphraseDialog | None = None
        self.keyring_choice_dialog: NoKeyringChoiceDialog | None = None
        self.first_start_dialog: FirstStartDialog | None = None
        self._passphrase_attempts = 0
        self.login_dialog: LoginDialog | None = None
        #: Set once the store opened or could not: a login dialog shown before waits for it to check a password.
        self._store_settled = threading.Event()
        self._imported_ahead = False
        self._warmed_up = False
        self.main_window: MainWindow | None = None
        self.exit_code = 0

    def start(self) -> None:
        self.theme.apply()
        if self._sign_in_first():
            # Issue 16: a store someone signed in to before on this computer, its key in the keyring: the login
            # dialog comes at once, the store opens behind it (the password check waits for it).
            self._show_login()
            QTimer.singleShot(0, self._ask_startup_need)
            return
        self._show_splash()
        self._ask_startup_need()

    def _sign_in_first(self) -> bool:
        """An encrypted store with its key in the keyring asks nothing before it opens (:func:`startup_need`
        answers None for it), and a last login says someone signed in to it: read from files, without the keyring."""
        if self._demo or not self.preferences.get(LAST_LOGIN):
            return False
        path = database_path(self._data_dir)
        info = read_keyinfo(path)
        return store_file_kind(path) == "encrypted" and info is not None and info.mode == "keyring"

    def _show_splash(self) -> None:
        from pac_desktop.gui.startup_splash import StartupSplash

        self.splash = StartupSplash()
        self.splash.set_message(OPENING_MESSAGE)
        self.splash.show()

    def _ask_startup_need(self) -> None:
        # Issue 7: a store protected by a passphrase (no secure keyring) asks for it first, in a dialog; the store
        # then opens off the UI thread, and a wrong passphrase brings the dialog back (MAX_PASSPHRASE_ATTEMPTS).
        self.tasks.run_task(
            partial(startup_need, self._data_dir, demo=self._demo),
            on_success=self._on_passphrase_need_known,
            on_failure=self._on_store_failed,
            lane=Lane.DB_READ,
        )

    def _on_passphrase_need_known(self, need: str | None) -> None:
        if need == "keyring-choice":
            self._ask_keyring_choice()
            return
        if need is None:  # the key is in the keyring (or the store is a plain one made on purpose)
            self._open_store(None)
            return
        dialog = StorePassphraseDialog(new=need == "new", parent=self.splash)
        dialog.accepted.connect(self._on_passphrase_dialog_accepted)
        dialog.rejected.connect(self._on_passphrase_dialog_rejected)
        self.passphrase_dialog = dialog
        self._passphrase_attempts = 0
        self._ask_passphrase()

    def _ask_keyring_choice(self) -> None:
        """No secure keyring and a new real store: refuse to start (as before), or a passphrase at each start."""
        from pac_desktop.gui.first_start_dialog import NoKeyringChoiceDialog
        from pac_desktop.security.keyring_store import backend_name
        from pac_desktop.security.store_key import StoreKeyring

        dialog = NoKeyringChoiceDialog(backend=backend_name(StoreKeyring().backend()), parent=self.splash)
        dialog.accepted.connect(self._on_keyring_choice_passphrase)
        dialog.rejected.connect(self._on_keyring_choice_refused)
        self.keyring_choice_dialog = dialog
        dialog.open()
        if self._hooks.keyring_choice_shown is not None:
            self._hooks.keyring_choice_shown(dialog)

    @Slot()
    def _on_keyring_choice_passphrase(self) -> None:
        from pac_desktop.security.store_key import NoKeyringPolicy, write_policy

        self._drop_keyring_choice()
        self.tasks.run_task(
            partial(write_policy, self._data_dir, NoKeyringPolicy.PASSPHRASE),
            on_success=lambda _none: self._on_passphrase_need_known("new"),
            on_failure=self._on_store_failed,
            lane=Lane.DB_WRITE,
        )

    @Slot()
    def _on_keyring_choice_refused(self) -> None:
        from pac_desktop.security.keyring_store import backend_name
        from pac_desktop.security.store_key import NO_KEYRING_MESSAGE, StoreKeyring

        self._drop_keyring_choice()
        self._close_splash()
        QMessageBox.critical(None, "PAC — Démarrage impossible",
                             NO_KEYRING_MESSAGE.format(backend=backend_name(StoreKeyring().backend())))
        self.quit(1)

    def _drop_keyring_choice(self) -> None:
        if self.keyring_choice_dialog is not None:
            self.keyring_choice_dialog.deleteLater()
            self.keyring_choice_dialog = None

    def _ask_passphrase(self) -> None:
        """Show the passphrase dialog (again); it answers through its accepted/rejected signals."""
        dialog = self.passphrase_dialog
        assert dialog is not None
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()
        if self._hooks.passphrase_asked is not None:
            self._hooks.passphrase_asked(dialog)

    @Slot()
    def _on_passphrase_dialog_accepted(self) -> None:
        dialog = self.passphrase_dialog
        if dialog is None:
            return
        passphrase = dialog.passphrase()
        dialog.clear()
        self._passphrase_attempts += 1
        self._open_store(passphrase)

    @Slot()
    def _on_passphrase_dialog_rejected(self) -> None:
        """The user gave up typing the passphrase: nothing was opened, the application quits."""
        self._drop_passphrase_dialog()
        self._close_splash()
        self.quit(0)

    def _drop_passphrase_dialog(self) -> None:
        if self.passphrase_dialog is not None:
            self.passphrase_dialog.deleteLater()
            self.passphrase_dialog = None

    def _open_store(self, passphrase: str | None) -> None:
        """Open the store and build the services off the UI thread (the splash says what is going on)."""
        self.tasks.run_task(
            partial(open_services, self._data_dir, demo=self._demo, passphrase=passphrase),
            on_success=self._on_store_opened,
            on_failure=self._on_store_failed,
            on_progress=self._on_startup_progress,
            lane=Lane.DB_WRITE,
        )

    def _on_startup_progress(self, message: object) -> None:
        if self.splash is not None:
            self.splash.set_message(str(message))
        elif self.login_dialog is not None:  # shown before the store opened: it says why the check waits
            self.login_dialog.set_notice(str(message))

    def _on_store_opened(self, opened: _Opened) -> None:
        self.opened = opened
        self._store_settled.set()
        self._drop_passphrase_dialog()
        if opened.first_start:
            self._drop_login_dialog()
            self._show_first_start()
        elif self.login_dialog is not None:  # shown before the store opened
            self.login_dialog.set_notice("")
            self._warm_up()
        else:
            self._show_login()
        self._close_splash()

    def _on_store_failed(self, failure: TaskFailure) -> None:
        from pac_desktop.security.store_key import PassphraseRequired, WrongStoreKey

        message = failure.message
        if self.passphrase_dialog is not None:
            if isinstance(failure.error, PassphraseRequired):  # refused before any try (too short, empty)
                self.passphrase_dialog.show_error(message)
                self._ask_passphrase()
                return
            if isinstance(failure.error, WrongStoreKey):
                left = MAX_PASSPHRASE_ATTEMPTS - self._passphrase_attempts
                if left > 0:
                    self.passphrase_dialog.show_error(wrong_passphrase_message(left))
                    self._ask_passphrase()
                    return
                message = TOO_MANY_ATTEMPTS_MESSAGE.format(attempts=self._passphrase_attempts)
        self._store_settled.set()  # a password check waiting for the store gives up
        self._drop_passphrase_dialog()
        self._drop_login_dialog()
        self._close_splash()
        QMessageBox.critical(None, "PAC — Démarrage impossible", message)
        self.quit(1)

    def _close_splash(self) -> None:
        if self.splash is not None:
            self.splash.close()
            self.splash.deleteLater()
            self.splash = None

    def _show_first_start(self) -> None:
        """A real store nobody can sign in to: enrol this computer, or make the first administrator (issue 14)."""
        assert self.opened is not None
        from pac_desktop.gui.first_start_dialog import FirstStartDialog

        first_start = self.opened.services.first_start
        dialog = FirstStartDialog(
            load_organisations=first_start.organisations,
            create_administrator=first_start.create_first_administrator,
            enrol=first_start.enrol,
            tasks=self.tasks,
            enrolled_with=self.opened.enrolled_with,
        )
        self.theme.make_zoom_actions(dialog)
        dialog.accepted.connect(self._on_first_start_accepted)
        dialog.rejected.connect(self._on_first_start_rejected)
        self.first_start_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if self._hooks.first_start_shown is not None:
            self._hooks.first_start_shown(dialog)

    @Slot()
    def _on_first_start_accepted(self) -> None:
        dialog = self.first_start_dialog
        if dialog is not None and dialog.login_hint:
            self.preferences.set(LAST_LOGIN, dialog.login_hint)
        self._show_login()
        if dialog is not None:
            dialog.deleteLater()
            self.first_start_dialog = None

    @Slot()
    def _on_first_start_rejected(self) -> None:
        self.quit(0)

    def _show_login(self) -> None:
        dialog = LoginDialog(
            authenticate=self._sign_in,
            tasks=self.tasks,
            preferences=self.preferences,
            theme_=self.theme,
            demo_hint=demo_hint() if self._demo else None,
        )
        dialog.logged_in.connect(self._on_login_dialog_logged_in)
        dialog.rejected.connect(self._on_login_dialog_rejected)
        self.login_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self._import_ahead()
        if self.opened is not None:
            self._warm_up()
        if self._hooks.login_shown is not None:
            self._hooks.login_shown(dialog)

    def _sign_in(self, **credentials: str) -> Actor:
        """The password checked, audited, attempts limited (issue 7). Off the UI thread; a login dialog shown
        before the store opened waits for it here."""
        self._store_settled.wait()
        opened = self.opened
        if opened is None:
            raise DomainError(STORE_NOT_OPENED_MESSAGE)
        return opened.services.sessions.login(**credentials)

    def _import_ahead(self) -> None:
        """The main window's modules, behind the login dialog from the moment it shows (once): on a store opened
        behind the dialog, waiting for it left them to import when the password was already checked."""
        if self._imported_ahead:
            return
        self._imported_ahead = True
        self._behind_login(import_main_window_modules, where="import_main_window_modules")

    def _warm_up(self) -> None:
        """The services built on first use, behind the login dialog once the store opened (once)."""
        if self._warmed_up or self.opened is None:
            return
        self._warmed_up = True
        services = self.opened.services

        def warm_up_and_settle() -> None:
            services.warm_up()
            # What the start-up made (modules, services, SQLAlchemy's structures: ~200,000 objects) lives as long
            # as the process: out of the garbage collector's sight, as in the server, so that its full passes walk
            # only what came after. One such pass, due just after the login, held the UI thread's GIL for ~90 ms
            # of the main window's 300 ms; and later ones fell on keystrokes.
            gc.freeze()

        self._behind_login(warm_up_and_settle, where="warm_up")

    def _behind_login(self, work: Callable[[], None], *, where: str) -> None:
        # The PDF lane: one thread, idle at start-up; the modules come before the services (queued in that order).
        self.tasks.run_task(work, on_success=lambda _none: None,
                            on_failure=lambda failure: log_unexpected(failure.error, where=where), lane=Lane.PDF)

    def _drop_login_dialog(self) -> None:
        if self.login_dialog is not None:
            self.login_dialog.blockSignals(True)  # closing it here is not the user quitting
            self.login_dialog.close()
            self.login_dialog.deleteLater()
            self.login_dialog = None

    @Slot(object)
    def _on_login_dialog_logged_in(self, actor: Actor) -> None:
        assert self.opened is not None
        if self._hooks.signed_in is not None:
            self._hooks.signed_in()
        window = build_main_window(
            self.opened.services,
            actor,
            tasks=self.tasks,
            preferences=self.preferences,
            theme=self.theme,
            demo=self._demo,
        )
        window.logout_requested.connect(self._on_main_window_logout_requested)
        window.closed.connect(self._on_main_window_closed)
        if self._hooks.main_window_ready is not None:
            from pac_desktop.gui.home_page import HomePage

            home = window.area_widget(HOME_AREA)
            assert isinstance(home, HomePage)
            ready = self._hooks.main_window_ready
            if window.current_area() == REGIONAL_AREA:  # a regional user's window opens on its figures
                from pac_desktop.gui.regional_page import RegionalPage

                page = window.area_widget(REGIONAL_AREA)
                assert isinstance(page, RegionalPage)
                page.view_loaded.connect(lambda _view: ready(window))
            else:
                home.summary_loaded.connect(lambda _summary: ready(window))
        self.main_window = window
        show_fitted(window)
        from pac_desktop.gui.validation_pin_dialog import offer_validation_pin

        offer_validation_pin(window, self.opened.services, actor, tasks=self.tasks)  # first sign-in here (issue 13)
        if self.login_dialog is not None:
            self.login_dialog.deleteLater()
            self.login_dialog = None

    @Slot()
    def _on_login_dialog_rejected(self) -> None:
        if self.main_window is None:
            self.quit(0)

    @Slot()
    def _on_main_window_logout_requested(self) -> None:
        self._show_login()
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None

    @Slot()
    def _on_main_window_closed(self) -> None:
        self.quit(0)

    @Slot()
    def bring_forward(self) -> None:
        """A second start on the same data folder: show this instance's current window instead (issue 14)."""
        window: QWidget | None = None
        for candidate in (self.main_window, self.login_dialog, self.first_start_dialog, self.passphrase_dialog,
                          self.keyring_choice_dialog, self.splash):
            if candidate is not None and candidate.isVisible():
                window = candidate
                break
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if self._hooks.brought_forward is not None:
            self._hooks.brought_forward(window)

    def quit(self, code: int) -> None:
        self.exit_code = code
        self._app.exit(code)

    def shutdown(self) -> None:
        """After the event loop: let writes in flight finish, then close the store."""
        self._store_settled.set()  # a password check waiting for the store gives up (the store is not used)
        self.tasks.cancel_all()
        self.tasks.wait_for_all()
        self.preferences.sync()
        if self.opened is not None:
            self.opened.store.engine.dispose()


def show_fitted(window: QWidget) -> None:
    """Show at the remembered or default size, maximised when that does not fit the screen (1366×768 laptops)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        frame_margin = 40  # title bar and borders the window manager adds
        if window.width() > available.width() or window.height() + frame_margin > available.height():
            window.showMaximized()
            return
    window.show()


# --- entry point ------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pac-desktop",
        description="PAC Desktop — Passeport Accueil Commun.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="dossier de la base locale (par défaut : dossier des données de l'utilisateur, ou PAC_DATA_DIR)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="remplir la base, si elle est vide, avec une cohorte fictive de démonstration",
    )
    parser.add_argument(
        "--self-test",
        nargs="?",
        const="-",
        default=None,
        metavar="RAPPORT",
        help="vérifier l'installation (base temporaire, PDF, trousseau, fenêtre hors écran) puis quitter ; "
        "code de sortie 0 si tout va bien ; avec RAPPORT, écrire aussi le résultat dans ce fichier",
    )
    parser.add_argument("--version", action="version", version=f"PAC Desktop {__version__}")
    return parser.parse_args(argv)


def run(
    argv: Sequence[str] | None = None,
    *,
    hooks: StartupHooks | None = None,
    settings: QSettings | None = None,
) -> int:
    """Start the application and return its exit status (0, or 1 when the store cannot be opened)."""
    started = time.perf_counter()
    spare_module_sources()  # before the main window's modules are imported (~40 MB of module texts kept otherwise)
    args = parse_args(argv)
    if args.self_test is not None:
        return self_test(args)
    # The fictitious demo cohort never shares a store with real work: without --data-dir it has its own folder.
    data_dir: Path = args.data_dir or (default_data_dir() / "demo" if args.demo else default_data_dir())
    configure_logging(data_dir)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pac-desktop"])
    assert isinstance(app, QApplication)
    configure_application(app)
    _install_excepthook()
    instance = SingleInstance(data_dir)
    if not instance.claim():
        # Issue 14: the store is already open in another window of this user; never open it twice.
        if instance.ask_running_instance():
            log.info("PAC Desktop already runs on this data folder: its window was brought forward")
            return 0
        QMessageBox.information(None, "PAC — Déjà ouvert", ALREADY_OPEN_MESSAGE)
        return 0
    desktop = DesktopApp(app, data_dir=data_dir, demo=args.demo, settings=settings or QSettings(), hooks=hooks)
    instance.activation_requested.connect(desktop.bring_forward)
    desktop.start()
    code = app.exec()
    desktop.shutdown()
    instance.release()
    log.info("PAC Desktop stopped after %.1f s (exit %s)", time.perf_counter() - started, code)
    return code


def self_test(args: argparse.Namespace) -> int:
    """``--self-test``: check this installation (pac_desktop.selftest), offscreen; the lines say what fails."""
    from pac_desktop import selftest

    selftest.prepare_environment()  # offscreen, before the QApplication exists
    from pac_desktop.gui import selftest as gui_selftest

    return selftest.main(
        data_dir=args.data_dir,
        report_path=None if args.self_test == "-" else Path(args.self_test),
        extra_checks=gui_selftest.checks(build_window=build_main_window, configure=configure_application),
    )


def main() -> int:
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
