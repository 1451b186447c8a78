"""The case file service's common base: context, access guard and the checks every change makes."""

from __future__ import annotations

from sqlalchemy import select

from pac_desktop.domain.enums import (
    StaffRole,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    Guardian,
    ProposedSolution,
)

from ..access import AccessGuard
from ..context import Actor, ServiceContext
from .views import MIN_REASON_CHARS


def _require_reason(text: str | None, what: str) -> str:
    reason = (text or "").strip()
    if sum(1 for ch in reason if not ch.isspace()) < MIN_REASON_CHARS:
        raise DomainError(f"Indiquez {what} (au moins {MIN_REASON_CHARS} caractères).")
    return reason


class CaseFileServiceBase:
    """Roles are enforced through the AccessGuard (issue 7): reading a file needs CASE_VIEW (and is audited),
    changing it CASE_EDIT — the youth's current referent."""

    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def _require(self, by: Actor | None, action: Action, *, youth_id: str) -> None:
        if self._guard is not None:
            self._guard.require(by, action, youth_id=youth_id, entity="youth", entity_id=youth_id)

    def _youth_of(self, model: type[Guardian] | type[ProposedSolution], row_id: str) -> str:
        with self._ctx.read() as session:
            youth_id = session.scalar(select(model.youth_id).where(model.id == row_id, model.deleted_at.is_(None)))
        if youth_id is None:
            raise NotFound("Cet élément n'existe plus dans le dossier.")
        return youth_id

    def _refuse_if_exited(self, youth_id: str, *, consequence: str = "") -> None:
        with self._ctx.read() as session:
            youth = live_youth(session, youth_id)
            if youth.status is YouthStatus.EXITED:
                raise DomainError(f"{youth.first_name} {youth.last_name} est déjà sorti du dispositif{consequence}.")

    def _require_referent_change(self, by: Actor, youth_id: str) -> None:
        """The current referent hands over; an administrator may reassign; a youth without referent can be
        given one by anyone who may see the file."""
        if self._guard is None or by.has(StaffRole.ADMINISTRATOR):
            return
        if self._guard.allows(by, Action.CASE_EDIT, youth_id=youth_id):
            return
        if self._guard.context(by, youth_id=youth_id).referent_id is None:
            self._require(by, Action.CASE_VIEW, youth_id=youth_id)
            return
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)

    def can_edit(self, *, youth_id: str, by: Actor | None) -> bool:
        """Whether ``by`` may change this file (the GUI greys the editing out otherwise)."""
        return self._guard is None or self._guard.allows(by, Action.CASE_EDIT, youth_id=youth_id)
