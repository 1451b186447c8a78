"""Each staff member's validation PIN on this computer (issue 13): a short code chosen at the first sign-in here
(or later from their account) and typed on the shared screen to validate an intake instead of their password.

The PIN is hashed like a password (pac_desktop.security.passwords) in a local table (``staff_pin``) that never
syncs: its few combinations would be guessed offline from a copied hash, so it stays where its wrong attempts are
counted. After :data:`PIN_MAX_ATTEMPTS` wrong PINs it is locked: only the password validates until its owner
chooses a new one (which takes their password). Choosing needs the password too: on a shared screen, whoever
sits at a signed-in session must not be able to give its owner a PIN and validate in their name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.security.passwords import PIN_MAX_ATTEMPTS, hash_password, looks_like_pin, pin_problem, verify_password
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.models import Staff, StaffPin
from pac_desktop.storage.outbox import LocalSession

from .audit import record_in
from .context import Actor, ServiceContext
from .staff import LoginRefused, actor_for, confirm_identity_in

NOT_YOUR_PIN = "Chacun choisit son propre code PIN, après avoir saisi son propre mot de passe."
PINS_DIFFER = "Les deux codes PIN saisis ne sont pas identiques : saisissez-les à nouveau."


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
        pin_hash = hash_password(pin)
        with self._ctx.write(by) as session:
            row = session.get(StaffPin, staff_id) or StaffPin(staff_id=staff_id)
            row.pin_hash, row.failed_attempts, row.locked_at, row.set_at = pin_hash, 0, None, utcnow()
            session.add(row)
            record_in(session, action=AuditAction.VALIDATION_PIN_SET, by=by, entity="staff_pin", entity_id=staff_id)


def confirm_with_pin(ctx: ServiceContext, *, staff_id: str, pin: str, entity_id: str | None = None) -> Actor | None:
    """The staff member ``staff_id`` confirms who they are with their PIN on this computer: their Actor; None when
    ``pin`` is no PIN or they have none here (their password is then checked instead). A wrong PIN counts, is
    audited and, at the last allowed attempt, locks the PIN; raises LoginRefused saying so."""
    if not looks_like_pin(pin):
        return None
    with ctx.write(staff_id) as session:
        row = session.get(StaffPin, staff_id)
        if row is None or row.pin_hash is None:
            return None
        name = _name(session, staff_id)
        if row.locked_at is not None:
            refusal = locked_message(name)
        elif verify_password(pin, row.pin_hash):
            row.failed_attempts = 0
            staff = session.get(Staff, staff_id)
            if staff is None or not staff.active or staff.deleted_at is not None:
                refusal = "Ce compte est désactivé. Adressez-vous à l'administrateur de votre structure."
            else:
                return actor_for(session, staff_id)
        else:
            row.failed_attempts += 1
            record_in(session, action=AuditAction.LOGIN_FAILED, by=staff_id, entity="intake_validation",
                      entity_id=entity_id, detail="code PIN de validation incorrect")
            left = PIN_MAX_ATTEMPTS - row.failed_attempts
            if left <= 0:
                row.locked_at = utcnow()
                record_in(session, action=AuditAction.VALIDATION_PIN_LOCKED, by=staff_id, entity="staff_pin",
                          entity_id=staff_id, detail=f"{PIN_MAX_ATTEMPTS} codes PIN incorrects")
                refusal = locked_message(name)
            else:
                tries = "encore 1 essai" if left == 1 else f"encore {left} essais"
                refusal = (f"Code PIN incorrect pour {name} ({tries} ; ensuite, seul son mot de passe sera "
                           "accepté). Chaque conseiller saisit son propre code.")
    raise LoginRefused(refusal)


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


def _name(session: LocalSession, staff_id: str) -> str:
    staff = session.get(Staff, staff_id)
    return f"{staff.first_name} {staff.last_name}" if staff else "ce membre du personnel"
