"""Signing in, locking and unlocking a session (issue 7 §2), with failed attempts limited and everything audited.

The GUI signs in through :meth:`SessionService.login` (not StaffService.login directly), so that every
login and every failed login lands in the audit trail and repeated failures are slowed down; it locks the
session after :meth:`lock_after_seconds` of inactivity (the administrators' setting) or on demand, and
unlocks it only with the password again (:meth:`unlock`).
"""

from __future__ import annotations

import time

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.security.session_lock import AttemptLimiter, Clock, wait_message
from pac_desktop.storage.models import Credential

from .audit import record_in
from .context import Actor, ServiceContext
from .programme_settings import LOCK_AFTER_MINUTES, ProgrammeSettingsService
from .staff import LoginRefused, StaffService, signing_key_in

WRONG_UNLOCK_PASSWORD = "Mot de passe incorrect. Saisissez le mot de passe de votre compte pour reprendre."


class SessionService:
    def __init__(
        self, ctx: ServiceContext, staff: StaffService, settings: ProgrammeSettingsService, *,
        clock: Clock = time.monotonic,
    ) -> None:
        self._ctx = ctx
        self._staff = staff
        self._settings = settings
        self._limiter = AttemptLimiter(clock=clock)

    def lock_after_seconds(self) -> int:
        return int(self._settings.get(LOCK_AFTER_MINUTES)) * 60

    def login(self, *, login: str, password: str) -> Actor:
        """Check the login and password; audit the login or the failure; slow down repeated failures."""
        key = "login:" + login.strip().casefold()
        wait = self._limiter.wait_seconds(key)
        if wait:
            raise LoginRefused(wait_message(wait))
        try:
            actor = self._staff.login(login=login, password=password)
        except LoginRefused:
            wait = self._limiter.failed(key)
            self._record(AuditAction.LOGIN_FAILED, by=self._staff_of(login))
            if wait:
                raise LoginRefused(wait_message(wait)) from None
            raise
        self._limiter.succeeded(key)
        self.open_signing_key(staff_id=actor.staff_id, password=password)
        self._record(AuditAction.LOGIN, by=actor)
        return actor

    def open_signing_key(self, *, staff_id: str, password: str) -> bool:
        """Hold the staff member's signing key for their session (issue 12): derived from the password they just
        typed, kept in memory only. Only on a computer enrolled with a server (elsewhere nothing is sent, so
        nothing is signed). True when the key is held."""
        with self._ctx.read() as session:
            key = signing_key_in(session, staff_id=staff_id, password=password)
        if key is None:
            return False
        self._ctx.keys.hold(staff_id, key)
        return True

    def lock(self, *, actor: Actor, on_demand: bool = False) -> None:
        self._record(AuditAction.LOCK, by=actor, detail="à la demande" if on_demand else "inactivité")
        self._ctx.keys.drop(actor.staff_id)  # the unlock password opens it again

    def unlock(self, *, actor: Actor, password: str) -> None:
        """The session resumes only with the password of the staff member who opened it."""
        key = "unlock:" + actor.staff_id
        wait = self._limiter.wait_seconds(key)
        if wait:
            raise LoginRefused(wait_message(wait))
        login = self._login_of(actor.staff_id)
        try:
            if login is None:
                raise LoginRefused(WRONG_UNLOCK_PASSWORD)
            self._staff.login(login=login, password=password)
        except LoginRefused:
            wait = self._limiter.failed(key)
            self._record(AuditAction.UNLOCK_FAILED, by=actor)
            raise LoginRefused(wait_message(wait) if wait else WRONG_UNLOCK_PASSWORD) from None
        self._limiter.succeeded(key)
        self.open_signing_key(staff_id=actor.staff_id, password=password)
        self._record(AuditAction.UNLOCK, by=actor)

    def logout(self, *, actor: Actor) -> None:
        self._record(AuditAction.LOGOUT, by=actor)
        self._ctx.keys.drop(actor.staff_id)

    def _login_of(self, staff_id: str) -> str | None:
        with self._ctx.read() as session:
            return session.scalar(
                select(Credential.login).where(Credential.staff_id == staff_id, Credential.deleted_at.is_(None))
            )

    def _staff_of(self, login: str) -> str | None:
        """The account a failed login aimed at, if it exists (the typed text itself is never recorded)."""
        with self._ctx.read() as session:
            return session.scalar(
                select(Credential.staff_id).where(Credential.login == login.strip(), Credential.deleted_at.is_(None))
            )

    def _record(self, action: AuditAction, *, by: Actor | str | None, detail: str = "") -> None:
        with self._ctx.write(by) as session:
            record_in(session, action=action, by=by, entity="session", detail=detail)
