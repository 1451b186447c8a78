"""Devices: one-time enrolment codes, rotating refresh tokens (hashed at rest), short-lived access tokens.

SYNC.md §7. A refresh token is rotated on every use; presenting an old one again means it was copied, so the
device is revoked — except the one token whose answer may have been lost on the network: the previous token
stays valid as long as its successor has never been presented.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from pac_desktop.domain.errors import DomainError

from .models import Device, EnrolmentCode, utcnow

D = Device.__table__
E = EnrolmentCode.__table__

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed


class AuthError(DomainError):
    """A device cannot be authenticated; ``code`` is the wire error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


REVOKED_MESSAGE = (
    "Cet appareil a été retiré de la synchronisation par un administrateur. Ses données et les modifications "
    "en attente restent sur l'appareil ; contactez l'administrateur de votre structure pour l'inscrire à nouveau."
)
#: Devices not seen during the tombstone retention period are disabled with this reason (pac_desktop.server.retention).
_INACTIVE_PREFIX = "Ordinateur inactif depuis plus de "


def inactivity_reason(days: int) -> str:
    return f"{_INACTIVE_PREFIX}{days} jours : réinscrivez-le auprès de l'administrateur."


def revoked_message(reason: str | None) -> str:
    """What a withdrawn device is told: why, when it was disabled for inactivity; else the general message."""
    if reason and reason.startswith(_INACTIVE_PREFIX):
        return f"{reason} Ses données et les modifications en attente restent sur l'appareil."
    return REVOKED_MESSAGE


UNAUTHORISED_MESSAGE = (
    "Cet appareil n'est pas reconnu par le serveur. Inscrivez-le avec un code d'inscription fourni par "
    "l'administrateur (pac enrol)."
)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrolment_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def create_enrolment_code(
    conn: Connection,
    *,
    organisation_id: str | None,
    organisation_code: str | None,
    territory_ids: list[str],
    hours: int = 24,
) -> tuple[str, datetime]:
    code = new_enrolment_code()
    now = utcnow()
    expires = now + timedelta(hours=hours)
    conn.execute(
        insert(E).values(code_hash=sha256(normalise_code(code)), organisation_id=organisation_id,
                         organisation_code=organisation_code, territory_ids=territory_ids, created_at=now,
                         expires_at=expires)
    )
    return code, expires


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    refresh_token: str
    organisation_id: str | None
    territory_ids: list[str]


def enrol(conn: Connection, *, code: str, device_name: str, app_version: str,
          request_id: str | None = None) -> Enrolled:
    now = utcnow()
    row = conn.execute(select(E).where(E.c.code_hash == sha256(normalise_code(code)))).first()
    if (row is not None and row.used_at is not None and request_id and row.used_request_id == request_id
            and row.expires_at >= now and row.used_by_device):
        # The same enrolment again: its answer was lost. Same device, a fresh token (the first one never arrived).
        device = conn.execute(select(D).where(D.c.device_id == row.used_by_device)).first()
        if device is not None and device.status == "active" and not device.current_token_used:
            token = secrets.token_urlsafe(32)
            conn.execute(update(D).where(D.c.device_id == device.device_id).values(
                refresh_token_hash=sha256(token), previous_token_hash=None, last_seen=now))
            return Enrolled(device.device_id, token, device.organisation_id, list(device.territory_ids))
    if row is None or row.used_at is not None or row.expires_at < now:
        raise AuthError(
            "enrolment_refused",
            "Ce code d'inscription n'est pas valable : il est inconnu, déjà utilisé ou expiré (un code sert une "
            "seule fois, pendant 24 heures). Demandez un nouveau code à l'administrateur du serveur.",
        )
    device_id = str(uuid.uuid4())
    token = secrets.token_urlsafe(32)
    conn.execute(
        insert(D).values(device_id=device_id, name=device_name, organisation_id=row.organisation_id,
                         territory_ids=list(row.territory_ids), refresh_token_hash=sha256(token),
                         current_token_used=False, status="active", app_version=app_version, enrolled_at=now,
                         last_seen=now)
    )
    conn.execute(update(E).where(E.c.code_hash == row.code_hash).values(used_at=now, used_by_device=device_id,
                                                                         used_request_id=request_id))
    return Enrolled(device_id, token, row.organisation_id, list(row.territory_ids))


def rotate_refresh_token(conn: Connection, *, device_id: str, refresh_token: str) -> tuple[str, list[str]]:
    """Exchange a refresh token for a new one; returns (new token, territories). Reuse of a spent token revokes."""
    row = conn.execute(select(D).where(D.c.device_id == device_id)).first()
    if row is None:
        raise AuthError("unauthorised", UNAUTHORISED_MESSAGE)
    if row.status != "active":
        raise AuthError("device_revoked", revoked_message(row.revoked_reason))
    presented = sha256(refresh_token)
    now = utcnow()
    new = secrets.token_urlsafe(32)
    if hmac.compare_digest(presented, row.refresh_token_hash):
        conn.execute(update(D).where(D.c.device_id == device_id).values(
            previous_token_hash=row.refresh_token_hash, refresh_token_hash=sha256(new), current_token_used=False,
            last_seen=now))
        return new, list(row.territory_ids)
    if row.previous_token_hash and hmac.compare_digest(presented, row.previous_token_hash):
        if not row.current_token_used:
            # The answer that carried the current token never arrived: issue another, keep the old one valid.
            conn.execute(update(D).where(D.c.device_id == device_id).values(
                refresh_token_hash=sha256(new), last_seen=now))
            return new, list(row.territory_ids)
        revoke_device(conn, device_id, reason="refresh token reused")
        raise AuthError("device_revoked", REVOKED_MESSAGE)
    raise AuthError("unauthorised", UNAUTHORISED_MESSAGE)


def token_generation(refresh_token_hash: str) -> str:
    """A short tag of the refresh token an access token was issued with (never the token itself)."""
    return refresh_token_hash[:12]


def mark_current_token_used(conn: Connection, device_id: str) -> None:
    """The device has proved it holds its newest refresh token: from now on the previous one is spent."""
    conn.execute(update(D).where(D.c.device_id == device_id, D.c.current_token_used.is_(False)).values(
        current_token_used=True))


def revoke_device(conn: Connection, device_id: str, *, reason: str = "revoked by an administrator",
                  at: datetime | None = None) -> bool:
    result = conn.execute(update(D).where(D.c.device_id == device_id).values(
        status="revoked", revoked_at=at or utcnow(), revoked_reason=reason))
    return bool(result.rowcount)


# Access tokens: "<device id>.<generation>.<expiry>.<hmac>", checked without storing them.


def issue_access_token(secret: str, device_id: str, generation: str, ttl_seconds: int) -> str:
    expiry = int(time.time()) + ttl_seconds
    payload = f"{device_id}.{generation}.{expiry}"
    return f"{payload}.{_sign(secret, payload)}"


def verify_access_token(secret: str | Sequence[str], token: str, *,
                        max_ttl: int | None = None) -> tuple[str, str] | None:
    """(device id, generation) of a valid, unexpired access token signed with one of the keys; None otherwise.

    ``max_ttl``: a token claiming to live longer than that from now is refused (only a stolen key makes one)."""
    try:
        device_id, generation, expiry, signature = token.split(".")
    except ValueError:
        return None
    payload = f"{device_id}.{generation}.{expiry}"
    keys = [secret] if isinstance(secret, str) else secret
    if not any(hmac.compare_digest(signature.encode(), _sign(key, payload).encode()) for key in keys):
        return None
    now = time.time()
    if not expiry.isdigit() or int(expiry) < now:
        return None
    if max_ttl is not None and int(expiry) > now + max_ttl + 60:
        return None
    return device_id, generation


def _sign(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
