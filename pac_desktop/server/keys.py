"""The keys that sign the devices' access tokens, kept outside the database (a dump must not let anyone forge
a token).

Where the key comes from, first found wins:

1. ``$PAC_SERVER_TOKEN_KEY_FILE``: a file readable by the server only (made by ``pac-server admin token-key
   create``), which also carries the keys rotated out less than one token lifetime ago;
2. ``$PAC_SERVER_TOKEN_KEY``: the key itself (64 hexadecimal characters or more; no rotation overlap);
3. a trial on SQLite only: the key the first migration stored in the database (a warning says so at start-up).
   On PostgreSQL, `pac-server serve` refuses to start without 1 or 2.

Rotation (``pac-server admin token-key rotate``) writes a new current key and keeps the old one as
``previous`` with the time it was retired: tokens it signed stay valid until they expire (one token lifetime,
15 minutes), after which the old key is refused even on a token that claims a later expiry. Each server process
reads the file again within RELOAD_SECONDS of its change: no restart. Devices never notice: a refused access
token is exchanged for a new one with their refresh token (SYNC.md §7).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pac_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)

KEY_FILE_ENV = "PAC_SERVER_TOKEN_KEY_FILE"
#: How often a running server looks whether its key file changed (a rotation needs no restart).
RELOAD_SECONDS = 5.0
KEY_ENV = "PAC_SERVER_TOKEN_KEY"
_KEY = re.compile(r"^[0-9a-f]{64,}$")
_HEADER = ("# pac-server : clés de signature des jetons d'accès. Secret : lisible par le serveur seul (chmod 600).\n"
           "# « current » signe ; une clé « previous » vérifie encore les jetons qu'elle a signés jusqu'à leur "
           "expiration.\n")


@dataclass(frozen=True)
class SigningKeys:
    current: str = field(repr=False)
    #: (key, retired at — Unix time) of the keys rotated out.
    previous: tuple[tuple[str, float], ...] = field(default=(), repr=False)
    source: str = "environment"

    def verifying(self, token_seconds: int, now: float | None = None) -> list[str]:
        """The keys a token may be signed with: the current one, and those retired less than a lifetime ago."""
        now = time.time() if now is None else now
        return [self.current] + [key for key, retired in self.previous if now < retired + token_seconds]


def new_key() -> str:
    return secrets.token_hex(32)


def _check(key: str, where: str) -> str:
    if not _KEY.match(key):
        raise DomainError(f"La clé de signature de {where} n'est pas valable : il faut au moins 64 caractères "
                          "hexadécimaux (pac-server admin token-key create en fabrique une).")
    return key


def read_key_file(path: Path) -> SigningKeys:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DomainError(f"Le fichier de clés {path} est illisible ({getattr(error, 'strerror', None) or error}).") \
            from error
    current: str | None = None
    previous: list[tuple[str, float]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if parts[0] == "current" and len(parts) == 2 and current is None:
            current = _check(parts[1], str(path))
        elif parts[0] == "previous" and len(parts) == 3:
            try:
                retired = datetime.fromisoformat(parts[2]).timestamp()
            except ValueError as error:
                raise DomainError(f"{path}, ligne {number} : date de retrait illisible.") from error
            previous.append((_check(parts[1], str(path)), retired))
        else:
            raise DomainError(f"{path}, ligne {number} : ligne inattendue (attendu « current CLÉ » ou "
                              "« previous CLÉ DATE »).")
    if current is None:
        raise DomainError(f"Le fichier de clés {path} n'a pas de ligne « current ».")
    return SigningKeys(current, tuple(previous), source=f"fichier {path}")


def write_key_file(path: Path, keys: SigningKeys) -> None:
    """Atomically, created readable by its owner only; the keys never appear anywhere else."""
    lines = [_HEADER, f"current {keys.current}\n"]
    lines += [f"previous {key} {datetime.fromtimestamp(at, UTC).isoformat(timespec='seconds')}\n"
              for key, at in keys.previous]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".token-key-", dir=path.parent)  # mode 0600
    try:
        if path.exists():  # a rotation run as root keeps the file the server's own
            old = path.stat()
            try:
                os.fchown(fd, old.st_uid, old.st_gid)
            except PermissionError:
                pass
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(lines)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_key_file(path: Path) -> None:
    if path.exists():
        raise DomainError(f"{path} existe déjà : pour changer de clé, utilisez « pac-server admin token-key "
                          "rotate ».")
    write_key_file(path, SigningKeys(new_key()))


def rotate_key_file(path: Path, token_seconds: int, now: float | None = None) -> SigningKeys:
    """A new current key; the old one kept as previous for one token lifetime (older leftovers dropped)."""
    now = time.time() if now is None else now
    old = read_key_file(path)
    kept = tuple((k, at) for k, at in old.previous if now < at + token_seconds)
    keys = SigningKeys(new_key(), ((old.current, now), *kept), source=old.source)
    write_key_file(path, keys)
    return keys


def configured_keys(key_file: str | None, key: str | None) -> SigningKeys | None:
    """The keys from the file or the environment variable; None when neither is set."""
    if key_file:
        return read_key_file(Path(key_file))
    if key:
        return SigningKeys(_check(key.strip(), f"${KEY_ENV}"), source=f"${KEY_ENV}")
    return None


class KeyRing:
    """The keys in use, read again from their file when it changes (checked at most every RELOAD_SECONDS)."""

    def __init__(self, keys: SigningKeys, path: str | None = None) -> None:
        self._keys = keys
        self._path = Path(path) if path else None
        self._stamp = self._stat()
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def _stat(self) -> tuple[float, int, int] | None:
        try:
            info = self._path.stat() if self._path else None
        except OSError:
            return None
        return (info.st_mtime, info.st_size, info.st_ino) if info else None

    def get(self) -> SigningKeys:
        if self._path is None or time.monotonic() - self._checked < RELOAD_SECONDS:
            return self._keys
        with self._lock:
            self._checked = time.monotonic()
            stamp = self._stat()
            if stamp is not None and stamp != self._stamp:
                try:
                    self._keys = read_key_file(self._path)
                    self._stamp = stamp
                    log.warning("Clés de signature relues dans %s.", self._path)
                except DomainError as error:  # half-edited by hand: keep signing with the keys we have
                    log.error("Clés de signature non relues : %s", error)
        return self._keys
