"""Each staff member's validation PIN on this computer (issue 13): a short code chosen at the first sign-in here
(or later from their account) and typed on the shared screen to validate an intake instead of their password.

The PIN is hashed like a password (pac_desktop.security.passwords) in a local table (``staff_pin``) that never
syncs: its few combinations would be guessed offline from a copied hash, so it stays where its wrong attempts are
counted. After :data:`PIN_MAX_ATTEMPTS` wrong PINs it is locked: only the password validates until its owner
chooses a new one (which takes their password). Choosing needs the password too: on a shared screen, whoever
sits at a signed-in session must not be able to give its owner a PIN and validate in their name.

Signing (issue 12): on a computer enrolled with the server a validation must be signed by its validator's key,
which only their password opens. Choosing a PIN therefore also seals a copy of that key under the PIN, in the OS
keyring (pac_desktop.security.pin_seal); a validation with the PIN opens it for that validation only. Choosing a
new PIN seals it again; a password changed since (a reset revokes the key on the server) drops the sealed copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.security.passwords import PIN_MAX_ATTEMPTS, hash_password, looks_like_pin, pin_problem, verify_password
from pac_desktop.security.pin_seal import (
    SealBroken,
    SealStale,
    SealUnavailable,
    hash_fingerprint,
    open_seal,
    seal,
    sealed_fingerprint,
)
from pac_desktop.security.signing import Ed25519PrivateKey, derive_signing_key
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.changes import StoreChanges
from pac_desktop.storage.models import Credential, Staff, StaffPin, SyncDevice
from pac_desktop.storage.outbox import LocalSession

from .audit import record_in
from .context import Actor, ServiceContext
from .staff import LoginRefused, actor_for, confirm_identity_in

NOT_YOUR_PIN = "Chacun choisit son propre code PIN, après avoir saisi son propre mot de passe."
PINS_DIFFER = "Les deux codes PIN saisis ne sont pas identiques : saisissez-les à nouveau."
SEAL_NOT_KEPT = (
    "Le trousseau sécurisé de cet ordinateur n'a pas pu garder votre code PIN ({detail}) : sur un ordinateur relié "
    "au serveur, le code doit pouvoir signer vos validations. Rien n'a été changé. Déverrouillez le trousseau (il "
    "s'ouvre d'ordinaire avec votre session), puis recommencez ; en attendant, validez avec votre mot de passe."
)

log = logging.getLogger(__name__)


class PinState(StrEnum):
    NONE = "none"  # never offered here
    DECLINED = "declined"  # offered at the first sign-in here, « Plus tard »
    SET = "set"
    LOCKED = "locked"


@dataclass(frozen=True)
class PinStatus:
    state: PinState
    #: Wrong PINs typed since the last right one (the PIN locks at PIN_MAX_ATTEMPTS).
    failed_attempts: int = 0

    @property
    def usable(self) -> bool:
        return self.state is PinState.SET


class ValidationPinService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        ctx.changes.subscribe(self._drop_stale_seals)

    def status(self, *, staff_id: str) -> PinStatus:
        with self._ctx.read() as session:
            return _status(session.get(StaffPin, staff_id))

    def should_offer(self, *, by: Actor) -> bool:
        """At the first sign-in on this computer, a counsellor (who validates intakes) is offered to choose a PIN."""
        return by.has(StaffRole.COUNSELLOR) and self.status(staff_id=by.staff_id).state is PinState.NONE

    def decline(self, *, by: Actor) -> None:
        """« Plus tard »: not offered again at sign-in; still possible from the account menu."""
        with self._ctx.write(by) as session:
            if session.get(StaffPin, by.staff_id) is None:
                session.add(StaffPin(staff_id=by.staff_id, pin_hash=None, failed_attempts=0))

    def set_pin(self, *, staff_id: str, password: str, pin: str, pin_again: str, by: Actor) -> None:
        """``by`` chooses their own PIN on this computer, confirming who they are with their password. A new PIN
        replaces the old one and unlocks a locked one."""
        if by.staff_id != staff_id:
            raise PermissionDenied(NOT_YOUR_PIN)
        problem = pin_problem(pin)
        if problem is not None:
            raise DomainError(problem)
        if pin != pin_again:
            raise DomainError(PINS_DIFFER)
        with self._ctx.read() as session:
            confirm_identity_in(session, staff_id=staff_id, password=password)  # LoginRefused names them
            password_hash = _password_hash(session, staff_id)
            enrolled = session.get(SyncDevice, 1) is not None
        self._seal(staff_id=staff_id, password=password, pin=pin, password_hash=password_hash, enrolled=enrolled)
        pin_hash = hash_password(pin)
        with self._ctx.write(by) as session:
            row = session.get(StaffPin, staff_id) or StaffPin(staff_id=staff_id)
            row.pin_hash, row.failed_attempts, row.locked_at, row.set_at = pin_hash, 0, None, utcnow()
            session.add(row)
            record_in(session, action=AuditAction.VALIDATION_PIN_SET, by=by, entity="staff_pin", entity_id=staff_id)

    def _seal(self, *, staff_id: str, password: str, pin: str, password_hash: str | None, enrolled: bool) -> None:
        """Seal the staff member's signing key (opened by the password just checked) under their new PIN, in the
        OS keyring; the previous sealed copy is replaced. On a computer enrolled with the server a PIN that could
        not sign would be of no use: a keyring that refuses stops the choice there. Elsewhere (nothing is sent,
        nothing needs signing yet) the PIN is kept all the same, and sealed if a secure keyring is there, so that
        it can sign once the computer is enrolled."""
        seals = self._ctx.pin_seals
        if password_hash is None:
            return
        if not enrolled and not seals.available():
            return
        key = derive_signing_key(password, staff_id=staff_id, password_hash=password_hash)
        try:
            seals.put(staff_id, seal(key, pin=pin, staff_id=staff_id, password_hash=password_hash))
        except SealUnavailable as error:
            if enrolled:
                raise DomainError(SEAL_NOT_KEPT.format(detail=error)) from None
            log.warning("the validation PIN could not be sealed in the keyring (%s)", error)

    def sealed_staff(self) -> list[str]:
        """The staff members who chose a PIN here (whose signing key may be sealed in the keyring)."""
        with self._ctx.read() as session:
            return list(session.scalars(select(StaffPin.staff_id).where(StaffPin.pin_hash.is_not(None))))

    def _drop_stale_seals(self, changes: StoreChanges) -> None:
        """A password changed (here, or pulled from the server after a reset that revoked the key it opened): the
        copy of the key sealed under the PIN is dropped — it would sign with a key the server no longer accepts."""
        if not changes.touches("credential"):
            return
        with self._ctx.read() as session:
            rows = session.execute(
                select(StaffPin.staff_id, Credential.password_hash, Credential.deleted_at)
                .join(Credential, Credential.staff_id == StaffPin.staff_id)
                .where(StaffPin.pin_hash.is_not(None), Credential.id.in_(changes.ids_of("credential")))
            ).all()
        for staff_id, password_hash, deleted_at in rows:
            try:
                entry = self._ctx.pin_seals.get(staff_id)
            except SealUnavailable:
                return
            if entry is not None and (deleted_at is not None
                                      or sealed_fingerprint(entry) != hash_fingerprint(password_hash)):
                self._ctx.pin_seals.drop(staff_id)


@dataclass(frozen=True)
class PinConfirmed:
    """Who confirmed with their PIN, and their signing key when it was asked for (opened from its sealed copy)."""

    actor: Actor
    signing_key: Ed25519PrivateKey | None = None


def confirm_with_pin(ctx: ServiceContext, *, staff_id: str, pin: str, entity_id: str | None = None,
                     unseal: bool = False) -> PinConfirmed | None:
    """The staff member ``staff_id`` confirms who they are with their PIN on this computer; None when ``pin`` is no
    PIN or they have none here (their password is then checked instead). With ``unseal``, the PIN also opens their
    signing key sealed in the keyring (the validation must be signed: an enrolled computer where they are not the
    one signed in); a PIN that cannot open it refuses, and nothing is signed.

    A wrong PIN — or a right-looking one that does not open the sealed key: the store's or the keyring's entry was
    altered — counts, is audited and, at the last allowed attempt, locks the PIN; raises LoginRefused saying so."""
    if not looks_like_pin(pin):
        return None
    # The keyring is read before the write transaction: it may wait for its owner to unlock it.
    sealed: str | None | SealUnavailable = None
    if unseal:
        try:
            sealed = ctx.pin_seals.get(staff_id)
        except SealUnavailable as error:
            sealed = error
    stale = False
    with ctx.write(staff_id) as session:
        row = session.get(StaffPin, staff_id)
        if row is None or row.pin_hash is None:
            return None
        name = _name(session, staff_id)
        if row.locked_at is not None:
            refusal = locked_message(name)
        elif verify_password(pin, row.pin_hash):
            staff = session.get(Staff, staff_id)
            if staff is None or not staff.active or staff.deleted_at is not None:
                refusal = "Ce compte est désactivé. Adressez-vous à l'administrateur de votre structure."
            elif not unseal:
                row.failed_attempts = 0
                return PinConfirmed(actor_for(session, staff_id))
            else:
                key, refusal = _unseal(session, row, sealed, name=name, pin=pin, entity_id=entity_id)
                if key is not None:
                    row.failed_attempts = 0
                    return PinConfirmed(actor_for(session, staff_id), key)
                stale = refusal == PIN_SEAL_STALE.format(name=name)
        else:
            refusal = _wrong_pin(session, row, name=name, entity_id=entity_id, detail="code PIN de validation incorrect")
    if stale:
        ctx.pin_seals.drop(staff_id)  # sealed under a former password: its key is no longer the one the server knows
    raise LoginRefused(refusal)


def _unseal(session: LocalSession, row: StaffPin, sealed: str | None | SealUnavailable, *, name: str, pin: str,
            entity_id: str | None) -> tuple[Ed25519PrivateKey | None, str]:
    """(the signing key sealed under ``pin``, "") or (None, why not, in French)."""
    staff_id = row.staff_id
    password_hash = _password_hash(session, staff_id)
    if isinstance(sealed, SealUnavailable):
        return None, KEYRING_CLOSED.format(name=name)
    if password_hash is None:
        return None, NO_LOGIN_HERE.format(name=name)
    if sealed is None:
        return None, PIN_CANNOT_SIGN_YET.format(name=name)
    try:
        return open_seal(sealed, pin=pin, staff_id=staff_id, password_hash=password_hash), ""
    except SealStale:
        return None, PIN_SEAL_STALE.format(name=name)
    except SealBroken:
        return None, _wrong_pin(session, row, name=name, entity_id=entity_id,
                                detail="code PIN de validation : la clé de signature ne s'ouvre pas")


def _wrong_pin(session: LocalSession, row: StaffPin, *, name: str, entity_id: str | None, detail: str) -> str:
    """Count, audit and perhaps lock a wrong PIN; the refusal to show."""
    staff_id = row.staff_id
    row.failed_attempts += 1
    record_in(session, action=AuditAction.LOGIN_FAILED, by=staff_id, entity="intake_validation",
              entity_id=entity_id, detail=detail)
    left = PIN_MAX_ATTEMPTS - row.failed_attempts
    if left <= 0:
        row.locked_at = utcnow()
        record_in(session, action=AuditAction.VALIDATION_PIN_LOCKED, by=staff_id, entity="staff_pin",
                  entity_id=staff_id, detail=f"{PIN_MAX_ATTEMPTS} codes PIN incorrects")
        return locked_message(name)
    tries = "encore 1 essai" if left == 1 else f"encore {left} essais"
    return (f"Code PIN incorrect pour {name} ({tries} ; ensuite, seul son mot de passe sera "
            "accepté). Chaque conseiller saisit son propre code.")


#: The PIN was chosen before PINs could sign (or the keyring lost its sealed key): the password still validates.
PIN_CANNOT_SIGN_YET = (
    "Le code PIN de {name} ne peut pas encore signer sa validation sur cet ordinateur, relié au serveur partagé : "
    "saisissez son mot de passe. Pour valider ensuite avec le code, {name} le choisit à nouveau depuis son compte "
    "(menu à son nom, « Code PIN de validation… »)."
)
PIN_SEAL_STALE = (
    "Le mot de passe de {name} a changé depuis le choix de son code PIN : ce code ne peut plus signer sa "
    "validation. Saisissez son mot de passe, puis choisissez à nouveau un code PIN depuis son compte (menu à son "
    "nom, « Code PIN de validation… »)."
)
KEYRING_CLOSED = (
    "Le trousseau sécurisé de cet ordinateur n'a pas pu être ouvert : le code PIN de {name} ne peut pas signer sa "
    "validation. Saisissez son mot de passe, ou déverrouillez le trousseau puis recommencez."
)
NO_LOGIN_HERE = (
    "{name} n'a pas de compte de connexion sur cet ordinateur : sa validation ne peut pas être signée. Notez-le "
    "absent à l'étape « Participants », ou demandez à l'administrateur de lui créer un compte."
)


def locked_message(name: str) -> str:
    return (f"Le code PIN de {name} est bloqué après {PIN_MAX_ATTEMPTS} essais incorrects : saisissez son mot de "
            "passe. Un nouveau code se choisit depuis son compte (menu à son nom, « Code PIN de validation… »).")


def _status(row: StaffPin | None) -> PinStatus:
    if row is None:
        return PinStatus(PinState.NONE)
    if row.pin_hash is None:
        return PinStatus(PinState.DECLINED)
    if row.locked_at is not None:
        return PinStatus(PinState.LOCKED, row.failed_attempts)
    return PinStatus(PinState.SET, row.failed_attempts)


def _password_hash(session: LocalSession, staff_id: str) -> str | None:
    return session.scalar(select(Credential.password_hash).where(Credential.staff_id == staff_id,
                                                                 Credential.deleted_at.is_(None)))


def _name(session: LocalSession, staff_id: str) -> str:
    staff = session.get(Staff, staff_id)
    return f"{staff.first_name} {staff.last_name}" if staff else "ce membre du personnel"
