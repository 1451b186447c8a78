"""Staff passwords, kept only as salted scrypt hashes (a memory-hard KDF from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MiB and ~0.3 s a check here; logins are rare and the
# hashes travel to every device of the territory, so offline guessing is the threat to slow down.
_N, _R, _P = 2**17, 8, 1
_MAXMEM = 256 * 1024 * 1024
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str, *, n: int = _N) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=_R, p=_P, maxmem=_MAXMEM, dklen=32)
    return "$".join(["scrypt", str(n), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), maxmem=_MAXMEM, dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def scrypt_cost(stored: str) -> tuple[int, int, int]:
    """(n, r, p) of a stored password hash: the signing key derived from the same password costs as much
    (pac_desktop.security.signing). A hash this module cannot read gives the default cost."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        if scheme == "scrypt":
            return int(n), int(r), int(p)
    except ValueError:
        pass
    return _N, _R, _P


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))
