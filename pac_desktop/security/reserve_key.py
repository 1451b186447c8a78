"""The key that opens this device's sealed reserve of evaluation draws (issue 13): in the OS keyring only.

The slots of the reserve are stored sealed (pac_desktop.domain.evaluation.seal_arm); the key that opens them is
a random 256-bit key kept in the operating system's keyring (service ``pac-desktop-evaluation``, one entry per
reserve), never in the store file nor any other file. Same secure backends as the store's key and the sync's
token (pac_desktop.security.keyring_store); a computer without one keeps no reserve and makes no draw.

That includes a computer whose store is protected by a passphrase (the administrator's choice where no secure
keyring exists, pac_desktop.security.store_key): the reserve's key could be derived from the passphrase, but
the reserve itself comes from the server, and such a computer cannot sync — its sync token is kept only in a
keyring, never in a file (SYNC.md §7). The draw says so in French (:data:`NO_DRAW_WITHOUT_KEYRING`) instead of
reporting an empty reserve and asking to sync, which could never help.
"""

from __future__ import annotations

import base64
import secrets

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from pac_desktop.domain.errors import DomainError

from .keyring_store import backend_name, is_secure

RESERVE_KEY_SERVICE = "pac-desktop-evaluation"
RESERVE_KEY_BYTES = 32

INSECURE_MESSAGE = (
    "Cet ordinateur n'a pas de trousseau sécurisé où garder la clé de sa réserve de tirages au sort : les "
    "tirages de l'évaluation ne peuvent pas s'y faire. Installez un trousseau (sous Linux, GNOME Keyring ou "
    "KWallet) ou faites le tirage sur un autre poste. Le détail : le trousseau trouvé est « {backend} »."
)
UNAVAILABLE_MESSAGE = (
    "Le trousseau sécurisé de cet ordinateur n'a pas pu être ouvert ({detail}) : la réserve de tirages au sort "
    "ne peut pas être lue. Déverrouillez-le (il s'ouvre d'ordinaire avec votre session), puis recommencez."
)


NO_DRAW_WITHOUT_KEYRING = (
    "Le tirage au sort de l'évaluation ne peut pas se faire sur cet ordinateur : il n'a pas de trousseau "
    "sécurisé (c'est le cas d'un ordinateur dont la base est protégée par une phrase secrète ; trousseau trouvé : "
    "« {backend} »). Les tirages sont fournis par le serveur, avec lequel un ordinateur sans trousseau ne peut "
    "pas se synchroniser, et ils sont scellés par une clé qui ne se garde que dans un trousseau. Faites le tirage "
    "sur un poste inscrit auprès du serveur et doté d'un trousseau, ou installez-en un ici (sous Linux, GNOME "
    "Keyring ou KWallet) : l'administrateur pourra alors inscrire cet ordinateur. L'accueil peut continuer en "
    "attendant."
)


class ReserveKeyError(DomainError):
    """No secure keyring, or it refused the operation; the French message says what to do."""


class ReserveKeyring:
    """Reads and makes the reserve's key in the OS keyring (``backend`` for tests and tools)."""

    def __init__(self, *, service: str = RESERVE_KEY_SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not is_secure(backend):
            raise ReserveKeyError(INSECURE_MESSAGE.format(backend=backend_name(backend)))
        return backend

    def unavailable_reason(self) -> str | None:
        """Why no draw can be made on this computer (no secure keyring, passphrase mode), in French; else None."""
        backend = self._backend or keyring.get_keyring()
        return None if is_secure(backend) else NO_DRAW_WITHOUT_KEYRING.format(backend=backend_name(backend))

    def get(self, reserve_id: str) -> bytes | None:
        """The key of a reserve, None when the keyring has none (another computer, a wiped keyring)."""
        try:
            value = self._keyring().get_password(self._service, reserve_id)
        except KeyringError as error:
            raise ReserveKeyError(UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error
        if not value:
            return None
        try:
            key = base64.b64decode(value, validate=True)
        except ValueError:
            return None
        return key if len(key) == RESERVE_KEY_BYTES else None

    def create(self, reserve_id: str) -> bytes:
        """A new random key for a new reserve, written to the keyring before anything is sealed with it."""
        key = secrets.token_bytes(RESERVE_KEY_BYTES)
        try:
            self._keyring().set_password(self._service, reserve_id, base64.b64encode(key).decode("ascii"))
        except KeyringError as error:
            raise ReserveKeyError(UNAVAILABLE_MESSAGE.format(detail=type(error).__name__)) from error
        return key
