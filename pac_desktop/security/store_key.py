"""The local store's encryption key (issue 7 §1): made at first start, kept in the OS keyring, never in a file.

- At first start a random 256-bit key is made and stored in the OS keyring (service ``pac-desktop-store``,
  one entry per store) *before* anything is encrypted with it; the store is then created — or, if a plain
  store is there, converted once (pac_desktop.storage.store.encrypt_plain_store).
- Insecure keyring backends (fail, null, plaintext files such as keyrings.alt) are refused, as for the sync's
  token (pac_desktop.security.keyring_store). Where no secure keyring exists, the administrator's choice
  (file ``securite.json`` of the data folder, :func:`write_policy`) is either to refuse to start (default)
  or to ask for a passphrase at each start (SQLCipher's own key derivation, PBKDF2-HMAC-SHA512).
- Beside the store, ``pac.sqlite3.cle.json`` holds no secret: the store's id (the keyring entry's name), the
  mode, the file's SQLCipher salt and a check value (an HMAC of the salt under the key; in passphrase mode
  under a key derived exactly as costly as SQLCipher's own). It lets the opening tell a **wrong key**
  (the check differs) from a **damaged file** (the key checks, the file does not open) and from a **missing
  key** (no keyring entry), each with its own French message.

Layering: storage never imports this module; the composition roots (app.py, cli) call
:func:`open_encrypted_store`, which hands the key to storage.open_store. A plain store made on purpose by the
storage API without a key (the tests' fixtures, development tools: storage.store.PLAIN_BY_CHOICE_KEY) is left
plain; a plain store from before encryption is converted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from pac_desktop.domain.errors import DomainError
from pac_desktop.storage.store import (
    OpenedStore,
    StoreKey,
    StoreUnreadable,
    database_path,
    ensure_data_dir,
    file_salt,
    open_store,
    plain_by_choice,
    store_file_kind,
)

from .keyring_store import backend_name, is_secure
from .store_key_info import MIN_PASSPHRASE_LENGTH, KeyInfo, keyinfo_path, read_keyinfo

STORE_KEY_SERVICE = "pac-desktop-store"
POLICY_FILE = "securite.json"
#: SQLCipher 4's default KDF cost: the check value costs an attacker exactly as much as the store itself.
PASSPHRASE_KDF_ITERATIONS = 256_000
_CHECK_LABEL = b"pac-store-key-check/v1"


class NoKeyringPolicy(StrEnum):
    """What to do where the computer has no secure keyring (an administrator's choice)."""

    REFUSE = "refuse"
    PASSPHRASE = "passphrase"


class StoreKeyError(DomainError):
    """The store's key cannot be found or does not fit; the French message says what to do."""


class NoSecureKeyring(StoreKeyError):
    pass


class StoreKeyMissing(StoreKeyError):
    pass


class WrongStoreKey(StoreKeyError):
    pass


class DamagedStore(StoreKeyError):
    pass


class PassphraseRequired(StoreKeyError):
    pass


NO_KEYRING_MESSAGE = (
    "Cet ordinateur n'a pas de trousseau sécurisé où garder la clé de chiffrement de la base locale, et PAC "
    "Desktop ne l'écrira jamais dans un simple fichier : l'application ne peut pas démarrer. Installez un "
    "trousseau (sous Linux : GNOME Keyring ou KWallet, ouvert dans votre session ; sous Windows et macOS, celui "
    "du système), ou demandez à votre administrateur de choisir une phrase secrète à chaque démarrage "
    "(commande : pac security no-keyring passphrase). Trousseau trouvé : « {backend} »."
)
KEYRING_UNAVAILABLE_MESSAGE = (
    "Le trousseau sécurisé de cet ordinateur n'a pas pu être ouvert ({detail}). Déverrouillez-le (il s'ouvre "
    "d'ordinaire avec votre session), puis relancez l'application."
)
MISSING_KEY_MESSAGE = (
    "La clé de chiffrement de la base locale est introuvable dans le trousseau de cette session (session "
    "d'un autre utilisateur, trousseau réinitialisé ou ordinateur réinstallé ?). Sans elle, la base ne peut "
    "pas être ouverte, et rien n'a été modifié. Ouvrez la session de l'utilisateur qui a installé PAC Desktop "
    "sur cet ordinateur ; sinon, votre administrateur peut réinscrire l'ordinateur auprès du serveur : les "
    "dossiers déjà synchronisés y seront rechargés."
)
MISSING_INFO_MESSAGE = (
    "Le fichier {info} qui accompagne la base locale chiffrée a disparu : sans lui, PAC Desktop ne sait plus "
    "quelle clé du trousseau ouvre la base. Rien n'a été modifié. Remettez ce fichier (depuis une sauvegarde "
    "du dossier des données) ou prévenez votre administrateur."
)
WRONG_KEY_MESSAGE = (
    "La base locale ({name}) ne s'ouvre pas avec cette clé : ce n'est pas la sienne. Rien n'a été modifié. "
    "{hint}"
)
WRONG_PASSPHRASE_HINT = "Vérifiez la phrase secrète (majuscules comprises) et réessayez."
WRONG_RAW_KEY_HINT = (
    "La clé du trousseau appartient sans doute à une autre installation (base copiée d'un autre ordinateur ?). "
    "Prévenez votre administrateur."
)
DAMAGED_MESSAGE = (
    "La base locale ({name}) est endommagée : la clé est la bonne, mais le fichier ne se lit plus. Rien n'a été "
    "modifié. Restaurez la dernière sauvegarde (fichiers {stem}.*{suffix} du dossier des données) ou, si "
    "l'ordinateur est inscrit au serveur, faites-le réinscrire : les dossiers synchronisés seront rechargés."
)
REPLACED_MESSAGE = (
    "La base locale ({name}) n'est plus le fichier pour lequel la clé a été faite : il a été remplacé ou son "
    "en-tête est endommagé. Rien n'a été modifié. Restaurez la dernière sauvegarde du dossier des données, ou "
    "prévenez votre administrateur."
)
AMBIGUOUS_MESSAGE = (
    "La base locale ({name}) ne s'ouvre pas : soit la clé ne correspond pas, soit le fichier est endommagé. Rien "
    "n'a été modifié. Prévenez votre administrateur."
)
PASSPHRASE_REQUIRED_MESSAGE = (
    "Cette installation protège la base locale par une phrase secrète, demandée à chaque démarrage. Saisissez-la "
    "(ou, pour un script, donnez-la dans la variable PAC_STORE_PASSPHRASE)."
)
SHORT_PASSPHRASE_MESSAGE = (
    f"La phrase secrète doit compter au moins {MIN_PASSPHRASE_LENGTH} caractères. Choisissez une phrase facile à "
    "retenir pour vous, difficile à deviner pour d'autres (plusieurs mots, par exemple)."
)


# --- the administrator's choice where no keyring exists ----------------------------------------------------


def read_policy(data_dir: Path) -> NoKeyringPolicy:
    try:
        data = json.loads((data_dir / POLICY_FILE).read_text(encoding="utf-8"))
        return NoKeyringPolicy(data.get("sans_trousseau", NoKeyringPolicy.REFUSE))
    except (OSError, ValueError):
        return NoKeyringPolicy.REFUSE


def write_policy(data_dir: Path, policy: NoKeyringPolicy) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    _write_atomically(data_dir / POLICY_FILE, json.dumps({"sans_trousseau": policy.value}, indent=2))


# --- the key information file (no secret in it) ------------------------------------------------------------


def write_keyinfo(store_path: Path, info: KeyInfo) -> None:
    _write_atomically(keyinfo_path(store_path), json.dumps(asdict(info), indent=2))


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def key_check(key: StoreKey, salt: bytes) -> str:
    """A value that proves which key a file was made with, without revealing it."""
    if key.raw is not None:
        secret = key.raw
    else:
        assert key.passphrase is not None
        secret = hashlib.pbkdf2_hmac("sha512", key.passphrase.encode("utf-8"), salt, PASSPHRASE_KDF_ITERATIONS, 32)
    return hmac.new(secret, _CHECK_LABEL + salt, hashlib.sha256).hexdigest()


# --- the keyring -------------------------------------------------------------------------------------------------


class StoreKeyring:
    """The store keys in the OS keyring (secure backends only)."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def secure(self) -> bool:
        return is_secure(self.backend())

    def _checked(self) -> KeyringBackend:
        backend = self.backend()
        if not is_secure(backend):
            raise NoSecureKeyring(NO_KEYRING_MESSAGE.format(backend=backend_name(backend)))
        return backend

    def get(self, store_id: str) -> StoreKey | None:
        try:
            value = self._checked().get_password(STORE_KEY_SERVICE, store_id)
        except KeyringError as error:
            raise StoreKeyError(KEYRING_UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error
        if not value:
            return None
        try:
            return StoreKey(raw=bytes.fromhex(value))
        except ValueError:
            return None

    def put(self, store_id: str, key: StoreKey) -> None:
        assert key.raw is not None
        try:
            self._checked().set_password(STORE_KEY_SERVICE, store_id, key.raw.hex())
        except KeyringError as error:
            raise StoreKeyError(KEYRING_UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error


def forget_keyring_entries(entries: list[tuple[str, str]], *, backend: KeyringBackend | None = None) -> int:
    """Delete these (service, name) entries of the keyring, when there; returns how many were deleted. Used when
    the data are removed (uninstall), so that no key outlives its store (issue 14)."""
    ring = backend or keyring.get_keyring()
    if not is_secure(ring):
        return 0  # nothing was ever written to an insecure backend
    removed = 0
    for service, name in entries:
        if not name:
            continue
        try:
            ring.delete_password(service, name)
            removed += 1
        except KeyringError:
            pass  # absent (PasswordDeleteError) or the keyring is locked: nothing more to do here
    return removed


# --- opening -----------------------------------------------------------------------------------------------------

#: ask_passphrase(new=True) must return a confirmed new passphrase; (new=False) the passphrase of the store.
AskPassphrase = Callable[..., str | None]


def passphrase_needed(data_dir: Path, *, backend: KeyringBackend | None = None) -> str | None:
    """"existing" / "new" when opening the store will need a passphrase, else None (for the GUI to ask first)."""
    path = database_path(data_dir)
    info = read_keyinfo(path)
    if store_file_kind(path) == "encrypted":
        return "existing" if info is not None and info.mode == "passphrase" else None
    if plain_by_choice(path) or StoreKeyring(backend).secure() or read_policy(data_dir) is not NoKeyringPolicy.PASSPHRASE:
        return None
    return "new"


def keyring_choice_needed(data_dir: Path, *, backend: KeyringBackend | None = None) -> bool:
    """True before a new real store is made on a computer without a secure keyring where no administrator has
    chosen yet (the GUI's first start then asks: refuse, or a passphrase)."""
    path = database_path(data_dir)
    if store_file_kind(path) == "encrypted" or plain_by_choice(path) or StoreKeyring(backend).secure():
        return False
    return read_policy(data_dir) is NoKeyringPolicy.REFUSE and not (data_dir / POLICY_FILE).exists()


def open_encrypted_store(
    data_dir: Path,
    *,
    backend: KeyringBackend | None = None,
    ask_passphrase: AskPassphrase | None = None,
    run_migrations: Callable | None = None,
    progress: Callable[[str], None] | None = None,
) -> OpenedStore:
    """Open the encrypted store of ``data_dir``: create it (new key) or convert a plain one on first start.
    ``progress``: see :func:`~pac_desktop.storage.store.open_store`."""
    ensure_data_dir(data_dir)
    path = database_path(data_dir)
    ring = StoreKeyring(backend)
    info = read_keyinfo(path)
    if store_file_kind(path) == "encrypted":
        if info is None:
            raise StoreKeyMissing(MISSING_INFO_MESSAGE.format(info=keyinfo_path(path).name))
        key = _existing_key(info, ring, ask_passphrase)
        try:
            opened = open_store(data_dir, key=key, run_migrations=run_migrations, progress=progress)
        except StoreUnreadable:
            raise _diagnose(path, info, key) from None
        if info.salt is None:  # a first start interrupted before the check value was written
            _record_salt(path, info, key)
        return opened
    if plain_by_choice(path):
        # Made explicitly without a key by the storage API (tests, development tools): left as it is.
        return open_store(data_dir, run_migrations=run_migrations, progress=progress)
    # No store yet, or a plain one: a new key, kept (keyring) or known (passphrase) before any encryption.
    if ring.secure():
        key = StoreKey(raw=secrets.token_bytes(32))
        info = KeyInfo(store_id=str(uuid.uuid4()), mode="keyring")
        ring.put(info.store_id, key)
    elif read_policy(data_dir) is NoKeyringPolicy.PASSPHRASE:
        key = StoreKey(passphrase=_ask(ask_passphrase, new=True))
        info = KeyInfo(store_id=str(uuid.uuid4()), mode="passphrase")
    else:
        raise NoSecureKeyring(NO_KEYRING_MESSAGE.format(backend=backend_name(ring.backend())))
    write_keyinfo(path, info)
    opened = open_store(data_dir, key=key, run_migrations=run_migrations, progress=progress)
    _record_salt(path, info, key)
    return opened


def _existing_key(info: KeyInfo, ring: StoreKeyring, ask_passphrase: AskPassphrase | None) -> StoreKey:
    if info.mode == "passphrase":
        return StoreKey(passphrase=_ask(ask_passphrase, new=False))
    key = ring.get(info.store_id)
    if key is None:
        raise StoreKeyMissing(MISSING_KEY_MESSAGE)
    return key


def _ask(ask_passphrase: AskPassphrase | None, *, new: bool) -> str:
    passphrase = ask_passphrase(new=new) if ask_passphrase is not None else None
    if not passphrase:
        raise PassphraseRequired(PASSPHRASE_REQUIRED_MESSAGE)
    if new and len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseRequired(SHORT_PASSPHRASE_MESSAGE)
    return passphrase


def _record_salt(path: Path, info: KeyInfo, key: StoreKey) -> None:
    salt = file_salt(path)
    if salt is not None:
        write_keyinfo(path, KeyInfo(store_id=info.store_id, mode=info.mode, salt=salt.hex(),
                                    check=key_check(key, salt)))


def _diagnose(path: Path, info: KeyInfo, key: StoreKey) -> StoreKeyError:
    """Why the store did not open: the wrong key, a damaged file, or a file that is not this key's."""
    names = {"name": path.name, "stem": path.stem, "suffix": path.suffix}
    salt = file_salt(path)
    if info.salt is None or info.check is None or salt is None:
        return DamagedStore(AMBIGUOUS_MESSAGE.format(**names))
    if salt.hex() != info.salt:
        return DamagedStore(REPLACED_MESSAGE.format(**names))
    if not hmac.compare_digest(key_check(key, salt), info.check):
        hint = WRONG_PASSPHRASE_HINT if key.passphrase is not None else WRONG_RAW_KEY_HINT
        return WrongStoreKey(WRONG_KEY_MESSAGE.format(name=path.name, hint=hint))
    return DamagedStore(DAMAGED_MESSAGE.format(**names))
