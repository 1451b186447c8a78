"""A staff member's signing key sealed under their validation PIN, in the OS keyring (issue 13 §2 after issue 12).

On a computer enrolled with the server, an intake's validation must be signed by its validator's own key
(pac_desktop.security.signing), which only their password opens. So that a counsellor present but not signed in
can still validate with their short PIN, choosing the PIN (which takes their password, so their key is opened
then) also keeps a copy of their signing seed **sealed by a key derived from the PIN**:

- the sealing key is ``scrypt(PIN, salt = "pac-desktop/pin-seal/v1/" + 16 random bytes)`` with the cost of their
  password hash (as the signing key itself), and the seal is AES-256-GCM over the 32-byte Ed25519 seed, with a
  random 96-bit nonce;
- the associated data binds the seal to its staff member and to a fingerprint of the password hash it was made
  under (:func:`hash_fingerprint`): moved to another staff member, or once their password has changed (a reset
  revokes the key on the server), it no longer opens — the stale copy is dropped;
- the sealed copy lives in the OS keyring only (service ``pac-desktop-validation-pin``, one entry per staff
  member), like the store's key and the sync token: never in a file, never in the store. Only secure backends
  (pac_desktop.security.keyring_store.is_secure).

A wrong PIN opens nothing (the AEAD tag fails); the number of wrong PINs is limited where they are typed
(services.validation_pin: five, then locked). What this adds to an attacker who holds *both* the computer's
keyring entries and its store (docs/sync-authorship.md §5): the PIN's few combinations can be tried offline
against the seal, and the key it opens signs as its owner — within their territories and roles, and until their
password is reset.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from .keyring_store import is_secure
from .passwords import scrypt_cost
from .signing import key_id, public_bytes

PIN_SEAL_SERVICE = "pac-desktop-validation-pin"
_VERSION = 1
_SALT_PREFIX = b"pac-desktop/pin-seal/v1/"
_MAXMEM = 256 * 1024 * 1024


class SealBroken(ValueError):
    """The seal does not open: a wrong PIN, or an entry altered or made for someone else."""


class SealStale(ValueError):
    """The seal was made under a password that is no longer the staff member's (their key has changed)."""


class SealUnavailable(RuntimeError):
    """No secure keyring here, or it refused the operation."""


def hash_fingerprint(password_hash: str) -> str:
    """A short name of the password hash a seal was made under (not the hash itself: nothing to guess from)."""
    return hashlib.sha256(b"pac-desktop/pin-seal/hash/" + password_hash.encode()).hexdigest()[:32]


def _sealing_key(pin: str, salt: bytes, password_hash: str) -> bytes:
    n, r, p = scrypt_cost(password_hash)
    return hashlib.scrypt(pin.encode(), salt=_SALT_PREFIX + salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def _aad(staff_id: str, fingerprint: str, kid: str) -> bytes:
    return json.dumps({"v": _VERSION, "staff_id": staff_id, "hash": fingerprint, "key_id": kid},
                      sort_keys=True, separators=(",", ":")).encode("ascii")


def seal(key: Ed25519PrivateKey, *, pin: str, staff_id: str, password_hash: str) -> str:
    """The keyring entry's text: ``key``'s seed sealed under ``pin`` for ``staff_id`` (JSON, no secret in clear)."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    fingerprint, kid = hash_fingerprint(password_hash), key_id(public_bytes(key))
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(_sealing_key(pin, salt, password_hash)).encrypt(nonce, seed, _aad(staff_id, fingerprint, kid))
    return json.dumps({"v": _VERSION, "hash": fingerprint, "key_id": kid, "salt": _b64(salt), "nonce": _b64(nonce),
                       "sealed": _b64(sealed)}, sort_keys=True)


def sealed_fingerprint(entry: str) -> str | None:
    """The password-hash fingerprint an entry was sealed under (None when the entry is not one of ours)."""
    try:
        value = json.loads(entry).get("hash")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def open_seal(entry: str, *, pin: str, staff_id: str, password_hash: str) -> Ed25519PrivateKey:
    """The signing key sealed in ``entry``. Raises SealStale when it was sealed under another password hash (the
    key has changed since), SealBroken when ``pin`` does not open it or the entry was altered."""
    try:
        data = json.loads(entry)
        if data.get("v") != _VERSION:
            raise SealBroken("unknown seal version")
        fingerprint, kid = str(data["hash"]), str(data["key_id"])
        salt, nonce, sealed = _unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["sealed"])
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise SealBroken("not a seal") from exc
    if fingerprint != hash_fingerprint(password_hash):
        raise SealStale("sealed under another password")
    try:
        seed = AESGCM(_sealing_key(pin, salt, password_hash)).decrypt(nonce, sealed, _aad(staff_id, fingerprint, kid))
    except (InvalidTag, ValueError) as exc:
        raise SealBroken("the seal does not open with this PIN") from exc
    key = Ed25519PrivateKey.from_private_bytes(seed)
    if key_id(public_bytes(key)) != kid:  # cannot happen with an intact tag; checked all the same
        raise SealBroken("the sealed key is not the one named")
    return key


class PinSeals:
    """The sealed copies in the OS keyring (``backend`` for tests and tools)."""

    def __init__(self, *, service: str = PIN_SEAL_SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not is_secure(backend):
            raise SealUnavailable("no secure keyring")
        return backend

    def available(self) -> bool:
        return is_secure(self._backend or keyring.get_keyring())

    def put(self, staff_id: str, entry: str) -> None:
        try:
            self._keyring().set_password(self._service, staff_id, entry)
        except KeyringError as error:
            raise SealUnavailable(type(error).__name__) from error

    def get(self, staff_id: str) -> str | None:
        try:
            return self._keyring().get_password(self._service, staff_id)
        except KeyringError as error:
            raise SealUnavailable(type(error).__name__) from error

    def drop(self, staff_id: str) -> bool:
        """Forget ``staff_id``'s sealed copy; True when there was one. Never raises (nothing to drop there)."""
        try:
            self._keyring().delete_password(self._service, staff_id)
        except (PasswordDeleteError, SealUnavailable, KeyringError):
            return False
        return True


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not text")
    return base64.b64decode(text.encode("ascii"), validate=True)
