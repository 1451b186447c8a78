"""Each staff member's signing key (issue 12, docs/sync-authorship.md §2): changes signed by their author.

The private key is never stored anywhere: it is *derived* from the staff member's password, each time they type
it (signing in, unlocking, validating an intake), and kept in memory for the signed-in session only. The
derivation is scrypt with the cost of their password hash and a salt of its own (``pac-desktop/signing/v1/`` +
their staff id), so guessing the password from a stolen store costs exactly what guessing it from the password
hash already there costs, and the key is not the hash. The seed is an Ed25519 private key; the server keeps the
public halves (``staff_key``), registered when an administrator sets the password (``pac-server admin
create-staff`` / ``reset-password``), and verifies every change's signature.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .passwords import scrypt_cost

SALT_PREFIX = b"pac-desktop/signing/v1/"
_MAXMEM = 256 * 1024 * 1024


def derive_signing_key(password: str, *, staff_id: str, password_hash: str) -> Ed25519PrivateKey:
    """The staff member's private key, from their password (the cost is that of their stored password hash)."""
    n, r, p = scrypt_cost(password_hash)
    seed = hashlib.scrypt(password.encode(), salt=SALT_PREFIX + staff_id.encode(), n=n, r=r, p=p,
                          maxmem=_MAXMEM, dklen=32)
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public: bytes) -> str:
    """A short, stable name of a public key (what a signature says it was made with)."""
    return hashlib.sha256(public).hexdigest()[:32]


def verify(public: bytes, payload: bytes, signature: str) -> bool:
    """True when ``signature`` (base64) is the signature of ``payload`` by the key ``public``."""
    try:
        _public_key(public).verify(base64.b64decode(signature, validate=True), payload)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


@functools.lru_cache(maxsize=1024)
def _public_key(public: bytes) -> Ed25519PublicKey:
    """A public key loaded once (the server checks every change of a push with its author's few keys)."""
    return Ed25519PublicKey.from_public_bytes(public)


class SigningKeys:
    """The private keys of the staff members signed in on this computer, in memory only.

    Held at sign-in and unlock, dropped at sign-out and lock. Several people may be signed in one after the
    other (or, for an intake's validation, for the time of one unit of work): each change is signed with the key
    of its own author, or travels unsigned when that author's key is not held (the server then refuses it).
    """

    def __init__(self) -> None:
        self._keys: dict[str, Ed25519PrivateKey] = {}
        self._lock = threading.Lock()

    def hold(self, staff_id: str, key: Ed25519PrivateKey) -> None:
        with self._lock:
            self._keys[staff_id] = key

    def drop(self, staff_id: str) -> None:
        with self._lock:
            self._keys.pop(staff_id, None)

    def holds(self, staff_id: str) -> bool:
        with self._lock:
            return staff_id in self._keys

    @contextmanager
    def holding(self, staff_id: str, key: Ed25519PrivateKey) -> Iterator[None]:
        """Hold a key for the duration of a block (a validation typed with its author's password), then forget
        it — unless it was already held (its owner is the one signed in)."""
        with self._lock:
            already = staff_id in self._keys
            self._keys.setdefault(staff_id, key)
        try:
            yield
        finally:
            if not already:
                self.drop(staff_id)

    def sign(self, staff_id: str, payload: bytes) -> tuple[str, str] | None:
        """(key id, base64 signature) of ``payload`` by ``staff_id``'s key; None when it is not held."""
        with self._lock:
            key = self._keys.get(staff_id)
        if key is None:
            return None
        return key_id(public_bytes(key)), base64.b64encode(key.sign(payload)).decode("ascii")
