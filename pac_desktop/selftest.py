"""`pac-desktop --self-test`: does this installation work, from a fresh store to the main window?

installer/build.sh runs it on the frozen bundle before packaging it, the test suite runs it unfrozen, and an
agency's IT can run it after installing. It never touches the user's data: the store is made in a temporary
folder (inside ``--data-dir`` when one is given, which also proves that folder is writable) and removed after;
the keyring entry is a throwaway one, deleted at once.

One line per check, in French::

    OK  base locale et migrations
    ATTENTION  trousseau du système : …   (works without it, but this machine lacks something; exit 0)
    ÉCHEC  document PDF (ReportLab, police DejaVu) : …

then a summary line. Exit status 0 when no check failed, 1 otherwise. Technical details of a failure (the
traceback) go to stderr; the self-test's records are fictitious, so its messages hold no personal data.

A missing secure keyring is a warning, not a failure: build machines and CI have none, and the bundle can do
nothing about it (the store check uses a throwaway key, not the keyring). The data-protection and sync
features refuse insecure backends themselves (security.keyring_store.is_secure, the same rule as here), with
their own French message, when they need the keyring. A secure keyring that refuses the throwaway entry
(locked, prompt dismissed) is a failure.

This module has no Qt: the GUI checks (main window, icons, Qt's translations) come from
``pac_desktop.gui.selftest`` and are handed in by app.py, the composition root.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pac_desktop import __version__
from pac_desktop.domain.errors import DomainError

OK = "OK"
WARNING = "ATTENTION"
FAILED = "ÉCHEC"

KEYRING_SERVICE = "pac-desktop-autotest"  # never the service name of a real secret

LABEL_STORE = "base locale et migrations"
LABEL_RECORDS = "écriture et lecture par les services"
LABEL_PDF = "document PDF (ReportLab, police DejaVu)"
LABEL_KEYRING = "trousseau du système"
LABEL_SQLCIPHER = "bibliothèque de chiffrement SQLCipher"


class SelfTestWarning(Exception):
    """Raised by a check that works only partly; its message (French) is shown after ATTENTION."""


@dataclass(frozen=True)
class CheckResult:
    label: str
    status: str  # OK, WARNING or FAILED
    detail: str = ""
    seconds: float = 0.0

    @property
    def line(self) -> str:
        return f"{self.status}  {self.label}" + (f" : {self.detail}" if self.detail else "")


# A check the GUI side hands in: its label, whether it needs the services and the logged-in actor, and the
# function itself, called as fn(services, actor) (both None when not needed). It returns an optional detail
# for the OK line, raises SelfTestWarning for a warning and any other exception for a failure.
ExtraCheck = tuple[str, bool, Callable[[Any, Any], "str | None"]]


@dataclass
class _State:
    scratch: Path
    data_dir: Path | None
    store: Any = None
    services: Any = None
    actor: Any = None
    cleanups: list[Callable[[], None]] = field(default_factory=list)


def run_self_test(
    *,
    data_dir: Path | None = None,
    extra_checks: Sequence[ExtraCheck] = (),
    out: TextIO | None = None,
    report_path: Path | None = None,
) -> int:
    """Run every check, print one line each on ``out`` (stdout) and in ``report_path`` if given; 0 or 1."""
    out = out if out is not None else sys.stdout
    lines: list[str] = []

    def emit(line: str) -> None:
        lines.append(line)
        if out is not None:  # a windowed Windows build has no stdout: the report file is then the output
            try:
                print(line, file=out, flush=True)
            except UnicodeEncodeError:
                print(line.encode("ascii", "replace").decode("ascii"), file=out, flush=True)

    started = time.perf_counter()
    results: list[CheckResult] = []
    with _scratch_dir() as scratch:
        state = _State(scratch=scratch, data_dir=data_dir)
        try:
            # (label, what it needs first: "" / "store" / "services", function)
            checks: list[tuple[str, str, Callable[[], str | None]]] = [
                (LABEL_STORE, "", lambda: _check_store(state)),
                (LABEL_RECORDS, "store", lambda: _check_records(state)),
                (LABEL_PDF, "", lambda: _check_pdf(state)),
                (LABEL_KEYRING, "", _check_keyring),
                (LABEL_SQLCIPHER, "", lambda: _check_sqlcipher(state)),
            ]
            for label, needs_services, fn in extra_checks:
                checks.append((label, "services" if needs_services else "", _bind(fn, state, needs_services)))
            for label, needs, fn in checks:
                if needs and state.store is None:
                    result = CheckResult(label, FAILED, "non vérifié, car la base locale n'a pas pu être ouverte")
                elif needs == "services" and state.actor is None:
                    result = CheckResult(label, FAILED, "non vérifié, car l'écriture par les services a échoué")
                else:
                    result = _run_one(label, fn)
                results.append(result)
                emit(result.line)
        finally:
            for cleanup in reversed(state.cleanups):
                try:
                    cleanup()
                except Exception:  # noqa: BLE001 - cleaning up must not hide the results
                    traceback.print_exc(file=sys.stderr or sys.__stderr__)
    failed = sum(r.status == FAILED for r in results)
    warned = sum(r.status == WARNING for r in results)
    elapsed = time.perf_counter() - started
    seconds = f"{elapsed:.1f}".replace(".", ",")
    summary = (
        f"Autotest de PAC Desktop {__version__} : {len(results)} vérifications, "
        f"{failed} échec{'s' if failed > 1 else ''}, {warned} avertissement{'s' if warned > 1 else ''} "
        f"({seconds} s)"
    )
    emit(summary)
    if report_path is not None:
        report_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


def _bind(fn: Callable[[Any, Any], str | None], state: _State, needs_services: bool) -> Callable[[], str | None]:
    return lambda: fn(state.services, state.actor) if needs_services else fn(None, None)


def _run_one(label: str, fn: Callable[[], str | None]) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = fn() or ""
    except SelfTestWarning as warning:
        return CheckResult(label, WARNING, str(warning), time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - every failure becomes an ÉCHEC line
        traceback.print_exc(file=sys.stderr or sys.__stderr__)
        return CheckResult(label, FAILED, describe_error(error), time.perf_counter() - started)
    return CheckResult(label, OK, detail, time.perf_counter() - started)


def describe_error(error: BaseException) -> str:
    """A short reason for an ÉCHEC line: our own French messages as they are, others with their type."""
    if isinstance(error, DomainError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"erreur du système de fichiers : {error.strerror}{where}"
    if isinstance(error, ModuleNotFoundError):
        return f"module Python absent de l'installation : {error.name}"
    return f"{type(error).__name__} : {error}"


@contextmanager
def _scratch_dir() -> Iterator[Path]:
    # ignore_cleanup_errors: on Windows an antivirus may still hold a file for a moment; never fail for that.
    with tempfile.TemporaryDirectory(prefix="pac-autotest-", ignore_cleanup_errors=True) as name:
        yield Path(name)


# --- The checks ---------------------------------------------------------------------------------------------


def _check_store(state: _State) -> str | None:
    from pac_desktop.storage.migrate import current_revision, head_revision
    from pac_desktop.storage.store import RAW_KEY_BYTES, StoreKey, open_store, store_file_kind

    if state.data_dir is not None:
        try:
            state.data_dir.mkdir(parents=True, exist_ok=True)
            holder = tempfile.TemporaryDirectory(prefix="autotest-", dir=state.data_dir, ignore_cleanup_errors=True)
        except OSError as error:
            raise DomainError(
                f"le dossier des données « {state.data_dir} » n'est pas accessible en écriture "
                f"({error.strerror or error}). Vérifiez ses droits, ou choisissez-en un autre avec --data-dir."
            ) from error
        state.cleanups.append(holder.cleanup)
        store_dir = Path(holder.name)
    else:
        store_dir = state.scratch / "donnees"
    # Encrypted like the application's store, with a throwaway key (never in the keyring: the keyring has its
    # own check, and a machine without one must still be able to check the rest).
    key = StoreKey(raw=secrets.token_bytes(RAW_KEY_BYTES)) if _have_sqlcipher() else None
    store = open_store(store_dir, key=key)
    state.cleanups.append(store.engine.dispose)  # before the folder goes: Windows keeps open files locked
    state.store = store
    head = head_revision()
    current = current_revision(store.engine)
    if current != head:
        raise DomainError(f"la base est à la version de schéma {current!r} au lieu de {head!r}")
    if key is None:
        return "base non chiffrée : sqlcipher3 absent de cet environnement de développement"
    if store_file_kind(store.path) != "encrypted":
        raise DomainError("la base locale n'a pas été chiffrée")
    return "base chiffrée"


def _have_sqlcipher() -> bool:
    if getattr(sys, "frozen", False):
        return True  # the installed application must have it: opening the store says so if it does not
    try:
        import sqlcipher3  # noqa: F401
    except ModuleNotFoundError:
        return False
    return True


def _check_records(state: _State) -> str | None:
    from pac_desktop.domain.enums import OrgKind, StaffRole
    from pac_desktop.domain.reference import load_reference_data
    from pac_desktop.services.registry import Services

    services = Services.build(state.store)
    loaded = services.reference.load()
    if not loaded.created:
        raise DomainError("les données de référence n'ont pas été chargées")
    if not services.reference.territories():
        raise DomainError("aucun territoire relu après le chargement des données de référence")
    organisation = next(
        o for o in load_reference_data().organisations if o.kind is OrgKind.CIO and o.territory is not None
    )
    password = secrets.token_urlsafe(12)
    staff_id = services.staff.add(
        first_name="Camille",
        last_name="Autotest",
        organisation_code=organisation.code,
        roles={StaffRole.COUNSELLOR, StaffRole.REFERENT},
        login="autotest",
        password=password,
    )
    if staff_id not in {s.id for s in services.staff.list()}:
        raise DomainError("le membre du personnel enregistré n'a pas été relu")
    actor = services.staff.login(login="autotest", password=password)
    if actor.staff_id != staff_id:
        raise DomainError("la connexion a ouvert la session d'un autre membre du personnel")
    state.services, state.actor = services, actor
    return None


def _check_pdf(state: _State) -> str | None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from pac_desktop.paths import resource_path

    font_file = resource_path("fonts", "DejaVuSans.ttf")
    if not font_file.is_file():
        raise DomainError(f"la police DejaVu Sans est absente de l'installation ({font_file})")
    font_name = "PacAutotestDejaVuSans"
    if font_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font_name, str(font_file)))
    path = state.scratch / "autotest.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle("Autotest PAC Desktop")
    canvas.setFont(font_name, 14)
    canvas.drawString(72, 770, "Passeport Accueil Commun — autotest de l'installation")
    canvas.drawString(72, 750, "Accents et signes français : é è à ç œ « guillemets » 12 mars 2026")
    canvas.showPage()
    canvas.save()
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        raise DomainError("le fichier produit n'est pas un PDF complet")
    if b"DejaVuSans" not in data or b"/FontFile2" not in data:
        raise DomainError("la police DejaVu n'est pas incorporée au PDF")
    return f"{len(data) // 1024} Ko"


def _check_keyring() -> str | None:
    import keyring
    from keyring.errors import KeyringError

    from pac_desktop.security.keyring_store import backend_name, is_secure

    backend = keyring.get_keyring()
    inner = getattr(backend, "backends", None)  # keyring's chainer holds several
    name = ", ".join(backend_name(b) for b in inner) if inner else backend_name(backend)
    if not is_secure(backend):  # the same rule as the sync and the store's key: fail, null, plaintext refused
        raise SelfTestWarning(
            "aucun trousseau sécurisé n'est disponible sur cet ordinateur "
            f"(moteur trouvé : {name}). PAC Desktop y garde la clé de chiffrement de la base locale et celle "
            "de la synchronisation : un poste de conseiller doit en avoir un (sous Windows, le Gestionnaire "
            "d'identification ; sous Linux, GNOME Trousseau ou KWallet ouvert dans la session). Sur une "
            "machine de construction, cet avertissement est normal."
        )
    user = f"autotest-{secrets.token_hex(4)}"
    value = secrets.token_urlsafe(16)
    try:
        keyring.set_password(KEYRING_SERVICE, user, value)
        try:
            read = keyring.get_password(KEYRING_SERVICE, user)
        finally:
            keyring.delete_password(KEYRING_SERVICE, user)
    except KeyringError as error:
        raise DomainError(
            f"le trousseau du système ({name}) a refusé l'écriture d'une entrée d'essai : {error}. "
            "Ouvrez (déverrouillez) le trousseau de la session puis relancez l'autotest."
        ) from error
    if read != value:
        raise DomainError("le trousseau du système n'a pas rendu la valeur qui venait d'y être écrite")
    if keyring.get_password(KEYRING_SERVICE, user) is not None:
        raise DomainError("l'entrée d'essai n'a pas pu être supprimée du trousseau du système")
    return name


def _check_sqlcipher(state: _State) -> str | None:
    try:
        import sqlcipher3
    except ModuleNotFoundError as error:
        if getattr(sys, "frozen", False):  # the installed application must have it
            raise
        raise SelfTestWarning(
            "le module sqlcipher3 n'est pas installé dans cet environnement Python de développement "
            "(pip install -e '.[build]') ; l'application installée l'embarque"
        ) from error

    path = state.scratch / "chiffre.sqlite3"
    key = secrets.token_hex(32)  # a raw 256-bit key, as issue 7 will use

    def connect() -> Any:
        conn = sqlcipher3.connect(str(path))
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        return conn

    conn = connect()
    try:
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise DomainError("la bibliothèque SQLite chargée n'est pas SQLCipher (pas de chiffrement)")
        conn.execute("CREATE TABLE essai (texte TEXT)")
        conn.execute("INSERT INTO essai VALUES ('autotest')")
        conn.commit()
    finally:
        conn.close()
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise DomainError("le fichier de test n'est pas chiffré")
    conn = connect()
    try:
        row = conn.execute("SELECT texte FROM essai").fetchone()
    finally:
        conn.close()
    if row != ("autotest",):
        raise DomainError("la base chiffrée de test n'a pas été relue")
    return f"SQLCipher {version[0]}"


# --- Entry point ------------------------------------------------------------------------------------------


def prepare_environment() -> None:
    """Before any Qt import: the self-test never opens a window on the user's screen. The platform the real
    start would use is kept aside, for the check that loads its plugin (gui.platform_check)."""
    os.environ.setdefault("PAC_REAL_QT_QPA_PLATFORM", os.environ.get("QT_QPA_PLATFORM", ""))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(
    *,
    data_dir: Path | None = None,
    report_path: Path | None = None,
    extra_checks: Sequence[ExtraCheck] = (),
) -> int:
    """What ``pac-desktop --self-test`` runs (app.py adds the GUI checks)."""
    prepare_environment()
    return run_self_test(data_dir=data_dir, extra_checks=extra_checks, report_path=report_path)
