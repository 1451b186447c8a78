"""Staff passwords, kept only as salted scrypt hashes (a memory-hard KDF from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MiB and ~0.3 s a check here; logins are rare and the
# hashes travel to every device of the territory, so offline guessing is the threat to slow down.
OWASP_N = 2**17
_R, _P = 8, 1
# The cost of new hashes, read at each call: the test suite lowers it for its fictitious staff
# (tests/conftest.py); tests/security/test_password_cost.py checks the application keeps OWASP_N.
cost_n = OWASP_N
_MAXMEM = 256 * 1024 * 1024
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str, *, n: int | None = None) -> str:
    n = n or cost_n
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
    return cost_n, _R, _P


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


# --- validation PINs (issue 13) ------------------------------------------------------------------------------
# A short code each staff member may choose on a computer to validate intakes on its shared screen instead of
# typing their password. Hashed like a password (hash_password / verify_password); 10^4 to 10^6 codes are few, so
# what protects a PIN is the limit of wrong attempts where it is typed (PIN_MAX_ATTEMPTS, then locked), and that
# its hash never leaves that computer.
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 6
PIN_MAX_ATTEMPTS = 5
_ASCII_DIGITS = frozenset("0123456789")


def looks_like_pin(secret: str) -> bool:
    """True when ``secret`` has the shape of a PIN (4 to 6 digits); a password is at least 8 characters long."""
    return PIN_MIN_DIGITS <= len(secret) <= PIN_MAX_DIGITS and set(secret) <= _ASCII_DIGITS


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be chosen as a PIN, in French; None when it can."""
    if not looks_like_pin(pin):
        return f"Le code PIN se compose de {PIN_MIN_DIGITS} à {PIN_MAX_DIGITS} chiffres, sans lettre ni espace."
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({0}, {1}, {-1}):
        return ("Ce code est trop facile à deviner (chiffres identiques ou qui se suivent, comme 1234) : "
                "choisissez-en un autre.")
    return None


def dummy_hash() -> str:
    """A hash of the current cost whose password is unguessable and unused: verifying against it spends the
    same time on an unknown login as on a known one (no hint that the login exists)."""
    return "$".join(["scrypt", str(cost_n), str(_R), str(_P), _b64(bytes(16)), _b64(bytes(32))])
