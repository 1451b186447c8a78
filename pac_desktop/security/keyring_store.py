"""Secrets in the operating system's keyring, and nowhere else (STYLE.md §6, SYNC.md §7).

Only secure backends are accepted: Windows Credential Locker, macOS Keychain, Secret Service (GNOME Keyring,
KeePassXC…) or KWallet on Linux. The ``fail`` and ``null`` backends and every plaintext one (``keyrings.alt``
and its files) are refused with a French message saying what to install; there is never a fallback to a file.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from pac_desktop.domain.errors import DomainError

SYNC_SERVICE = "pac-desktop-sync"

_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

INSECURE_MESSAGE = (
    "Cet ordinateur n'a pas de trousseau sécurisé où garder la clé de synchronisation de cet appareil, et "
    "PAC Desktop ne l'écrira jamais dans un simple fichier. Installez-en un puis recommencez : sous Linux, le "
    "trousseau GNOME (paquet « gnome-keyring », service Secret Service) ou KWallet, ouvert dans votre session ; "
    "sous Windows et macOS, le trousseau du système (Gestionnaire d'identification, Trousseau d'accès) doit "
    "être disponible pour votre compte. Le détail : le trousseau trouvé est « {backend} »."
)
UNAVAILABLE_MESSAGE = (
    "Le trousseau sécurisé de cet ordinateur n'a pas pu être ouvert ({detail}). Déverrouillez-le (il s'ouvre "
    "d'ordinaire avec votre session), puis relancez la synchronisation."
)


class InsecureKeyring(DomainError):
    """No secure keyring backend: enrolment stops, nothing secret is written anywhere."""


class KeyringUnavailable(DomainError):
    """The keyring exists but refused the operation (locked, dismissed prompt)."""


def backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_secure(backend: KeyringBackend) -> bool:
    """True for a keyring that keeps secrets encrypted by the system; False for fail, null and plaintext ones."""
    inner = getattr(backend, "backends", None)
    if inner is not None:  # the chainer: every backend it may fall back to must be secure
        return bool(inner) and all(is_secure(b) for b in inner)
    module = type(backend).__module__
    if any(module == m or module.startswith(m + ".") for m in _INSECURE_MODULES):
        return False
    return "plaintext" not in type(backend).__name__.lower()


class SecretStore:
    """The sync's refresh token, one entry per enrolled device, in the OS keyring."""

    def __init__(self, *, service: str = SYNC_SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not is_secure(backend):
            raise InsecureKeyring(INSECURE_MESSAGE.format(backend=backend_name(backend)))
        return backend

    def check(self) -> None:
        """Raise InsecureKeyring unless a secure backend is there."""
        self._keyring()

    def set_refresh_token(self, device_id: str, token: str) -> None:
        backend = self._keyring()
        try:
            backend.set_password(self._service, device_id, token)
        except KeyringError as error:
            raise KeyringUnavailable(UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error

    def get_refresh_token(self, device_id: str) -> str | None:
        backend = self._keyring()
        try:
            return backend.get_password(self._service, device_id)
        except KeyringError as error:
            raise KeyringUnavailable(UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error

    def delete_refresh_token(self, device_id: str) -> None:
        backend = self._keyring()
        try:
            backend.delete_password(self._service, device_id)
        except PasswordDeleteError:
            pass
        except KeyringError as error:
            raise KeyringUnavailable(UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error


# --------------------------------------------------------------------------------------------------
# Messaging secrets (issue 18): an organisation's SMTP password and SMS gateway key
# --------------------------------------------------------------------------------------------------

MESSAGING_SERVICE = "pac-desktop-messaging"

MESSAGING_INSECURE_MESSAGE = (
    "Cet ordinateur n'a pas de trousseau sécurisé où garder le mot de passe de messagerie, et PAC Desktop ne "
    "l'écrira jamais dans un simple fichier. Installez-en un (sous Linux : le trousseau GNOME, paquet "
    "« gnome-keyring », ou KWallet), puis recommencez. Le détail : le trousseau trouvé est « {backend} »."
)
MESSAGING_UNAVAILABLE_MESSAGE = (
    "Le trousseau sécurisé de cet ordinateur n'a pas pu être ouvert ({detail}). Déverrouillez-le (il s'ouvre "
    "d'ordinaire avec votre session), puis recommencez."
)


class MessagingSecrets:
    """One secret per organisation and kind ("smtp": the mail server's password, "sms": the gateway's key)."""

    KINDS = ("smtp", "sms")

    def __init__(self, *, service: str = MESSAGING_SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._backend = backend

    @staticmethod
    def entry(kind: str, organisation_id: str) -> str:
        if kind not in MessagingSecrets.KINDS:
            raise ValueError(f"unknown secret kind {kind!r}")
        return f"{kind}:{organisation_id}"

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not is_secure(backend):
            raise InsecureKeyring(MESSAGING_INSECURE_MESSAGE.format(backend=backend_name(backend)))
        return backend

    def set(self, kind: str, organisation_id: str, secret: str) -> None:
        backend = self._keyring()
        try:
            backend.set_password(self._service, self.entry(kind, organisation_id), secret)
        except KeyringError as error:
            raise KeyringUnavailable(MESSAGING_UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error

    def get(self, kind: str, organisation_id: str) -> str | None:
        backend = self._keyring()
        try:
            return backend.get_password(self._service, self.entry(kind, organisation_id))
        except KeyringError as error:
            raise KeyringUnavailable(MESSAGING_UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error

    def delete(self, kind: str, organisation_id: str) -> None:
        backend = self._keyring()
        try:
            backend.delete_password(self._service, self.entry(kind, organisation_id))
        except PasswordDeleteError:
            pass
        except KeyringError as error:
            raise KeyringUnavailable(MESSAGING_UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error
