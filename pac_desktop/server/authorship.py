"""Signed authorship (issue 12, docs/sync-authorship.md §2): a device can only push changes its author signed.

The server keeps the public half of each staff member's signing key (``staff_key``), registered when an
administrator sets their password. A change naming an author (``made_by``) must carry a signature, by a key of
that author not revoked, of :func:`pac_desktop.domain.authorship.signed_payload`; else it is refused (and the
refusal audited, as every refusal). Only a failed login or unlock goes unsigned (nobody could sign).

Every function takes the caller's open connection and never commits.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, insert, select, update

from pac_desktop.domain.authorship import may_travel_unsigned, signed_payload
from pac_desktop.security.signing import derive_signing_key, key_id, public_bytes, verify
from pac_desktop.sync.wire import Mutation

from .db import autocommit_connection
from .models import StaffKey, utcnow
from .records import batch_of

K = StaffKey.__table__

UNSIGNED = (
    "Cette modification n'est pas signée par son auteur : le serveur ne l'a pas enregistrée. Seul son auteur, "
    "connecté sur cet ordinateur avec son mot de passe, peut l'envoyer (page « Synchronisation », « Renvoyer »)."
)
BAD_SIGNATURE = (
    "La signature de cette modification ne correspond pas à son auteur : le serveur ne l'a pas enregistrée."
)
UNKNOWN_KEY = (
    "La clé de signature de l'auteur n'est pas (ou plus) reconnue par le serveur — son mot de passe a peut-être "
    "été changé depuis : la modification n'a pas été enregistrée. L'auteur peut se connecter avec son mot de "
    "passe actuel puis la renvoyer (page « Synchronisation », « Renvoyer »)."
)


def register_password_key(conn: Connection, *, staff_id: str, password: str, password_hash: str) -> str:
    """The key derived from the password an administrator has just set becomes the staff member's key; the
    previous ones are revoked (a reset password may have been known to someone else). Returns its id."""
    public = public_bytes(derive_signing_key(password, staff_id=staff_id, password_hash=password_hash))
    return register_key(conn, staff_id=staff_id, public=public)


def register_key(conn: Connection, *, staff_id: str, public: bytes) -> str:
    """Register a public key for a staff member, revoking their others. Returns its id."""
    kid = key_id(public)
    now = utcnow()
    conn.execute(update(K).where(K.c.staff_id == staff_id, K.c.key_id != kid, K.c.revoked_at.is_(None))
                 .values(revoked_at=now))
    if conn.execute(select(K.c.key_id).where(K.c.key_id == kid)).first() is None:
        conn.execute(insert(K).values(key_id=kid, staff_id=staff_id, public_key=public.hex(), created_at=now))
    else:
        conn.execute(update(K).where(K.c.key_id == kid).values(staff_id=staff_id, revoked_at=None))
    return kid


class KeyDirectory:
    """The staff's active public keys, looked up on demand and remembered for one push batch."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._known: dict[str, tuple[str, bytes] | None] = {}

    def forget(self) -> None:
        self._known.clear()

    def public_key(self, kid: str) -> tuple[str, bytes] | None:
        """(staff id, public key) of an active key, None when unknown or revoked."""
        if kid not in self._known:
            batch = batch_of(self._conn)
            if batch is not None and kid in batch.staff_keys:  # prefetched with the push's records
                self._known[kid] = batch.staff_keys[kid]
                return self._known[kid]
            row = self._conn.execute(select(K.c.staff_id, K.c.public_key).where(
                K.c.key_id == kid, K.c.revoked_at.is_(None))).first()
            self._known[kid] = None if row is None else (row.staff_id, bytes.fromhex(row.public_key))
        return self._known[kid]


#: A signature checked before the push's write transaction (:func:`presign`): the active key it was checked with
#: (staff id, public key; None: unknown or revoked) and the answer (None: signed by its author).
Presigned = tuple[tuple[str, bytes] | None, str | None]


def active_keys(conn: Connection, key_ids: set[str]) -> dict[str, tuple[str, bytes]]:
    """(staff id, public key) of each active key among ``key_ids``."""
    if not key_ids:
        return {}
    rows = conn.execute(select(K.c.key_id, K.c.staff_id, K.c.public_key).where(
        K.c.key_id.in_(sorted(key_ids)), K.c.revoked_at.is_(None)))
    return {row.key_id: (row.staff_id, bytes.fromhex(row.public_key)) for row in rows}


class KeyCache:
    """The active keys a worker has read, for the signatures checked before a push's write transaction
    (:func:`presign`): no database read for them in the common case. A key revoked since it was read is caught
    under the clock lock, where :func:`signature_problem` reads the key again and checks anew when it differs."""

    def __init__(self, limit: int = 10_000) -> None:
        self._keys: dict[str, tuple[str, bytes]] = {}
        self._limit = limit

    def active(self, engine: Engine, key_ids: set[str]) -> dict[str, tuple[str, bytes]]:
        """(staff id, public key) of each of ``key_ids`` known active (read when not yet seen)."""
        keys = self._keys  # handler threads share the cache: one dict read here, whatever another thread swaps in
        missing = key_ids - keys.keys()
        if missing:
            with autocommit_connection(engine) as conn:
                found = active_keys(conn, missing)
            if len(keys) + len(found) > self._limit:
                keys = self._keys = {}
            keys.update(found)
        return {kid: keys[kid] for kid in key_ids if kid in keys}


def presign(m: Mutation, keys: dict[str, tuple[str, bytes]]) -> Presigned | None:
    """Check ``m``'s signature with the keys read before the write transaction, so that the clock lock is not held
    for the cryptography (issue 16). :func:`signature_problem` uses the answer if the key is still the same."""
    if m.made_by is None or m.signature is None or m.key_id is None:
        return None
    owner = keys.get(m.key_id)
    return owner, _check(m, owner)


def signature_problem(m: Mutation, keys: KeyDirectory, presigned: Presigned | None = None) -> str | None:
    """None when ``m`` is signed by a key of its author (or may travel unsigned); else the French reason."""
    if m.made_by is None:
        return None  # no author: the role check accepts only what needs none
    if m.signature is None or m.key_id is None:
        return None if may_travel_unsigned(m.entity, m.op.value, m.fields) else UNSIGNED
    owner = keys.public_key(m.key_id)
    if presigned is not None and presigned[0] == owner:
        return presigned[1]  # checked before the lock with the key the server still holds for it
    return _check(m, owner)


def _check(m: Mutation, owner: tuple[str, bytes] | None) -> str | None:
    if owner is None or owner[0] != m.made_by:
        return UNKNOWN_KEY if owner is None else BAD_SIGNATURE
    payload = signed_payload(
        mutation_id=m.mutation_id, entity=m.entity, row_id=m.id, case_id=m.case_id, op=m.op.value,
        fields=m.fields, base=m.base, base_version=m.base_version, conflict_id=m.conflict_id, made_by=m.made_by,
        made_at=m.made_at,
    )
    assert m.signature is not None
    return None if verify(owner[1], payload, m.signature) else BAD_SIGNATURE
