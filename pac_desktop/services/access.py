"""Enforcing the roles in the services (issue 7 §3): one call before the work, a French refusal, an audit entry.

    self._guard.require(actor, Action.CASE_EDIT, youth_id=youth_id)

looks up what the policy needs (the youth's territory and current referent), asks
:func:`pac_desktop.security.roles.can`, and on a refusal records an AuditEvent "denied" in its own unit of
work (so it stays even though the action does not happen) and raises PermissionDenied with the message of
:func:`pac_desktop.security.roles.denial_message`. Call it before opening the action's write unit of work.
"""

from __future__ import annotations

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.errors import NotFound, PermissionDenied
from pac_desktop.security.roles import AccessContext, Action, can, denial_message
from pac_desktop.storage.models import ReferentAssignment, Territory, Youth

from .audit import record_in
from .context import Actor, ServiceContext

NOT_LOGGED_IN = "Connectez-vous d'abord : cette action demande de savoir qui la fait."


class AccessGuard:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def context(self, actor: Actor, *, youth_id: str | None = None, territory_id: str | None = None) -> AccessContext:
        referent_id = None
        if youth_id is not None:
            with self._ctx.read() as session:
                youth_territory = session.scalar(select(Youth.territory_id).where(Youth.id == youth_id))
                if youth_territory is None:
                    raise NotFound("Ce jeune n'existe pas (ou plus) dans cette base.")
                territory_id = territory_id or youth_territory
                referent_id = session.scalar(
                    select(ReferentAssignment.staff_id).where(
                        ReferentAssignment.youth_id == youth_id,
                        ReferentAssignment.ended_on.is_(None),
                        ReferentAssignment.deleted_at.is_(None),
                    )
                )
        return AccessContext(
            actor_id=actor.staff_id,
            actor_territory_id=actor.territory_id,
            territory_id=territory_id,
            referent_id=referent_id,
        )

    def allows(
        self, actor: Actor | None, action: Action, *, youth_id: str | None = None, territory_id: str | None = None
    ) -> bool:
        """Whether ``actor`` may do ``action`` (for the GUI to hide a button); records nothing."""
        if actor is None:
            return False
        return can(actor.roles, action, self.context(actor, youth_id=youth_id, territory_id=territory_id))

    def require(
        self,
        actor: Actor | None,
        action: Action,
        *,
        youth_id: str | None = None,
        territory_id: str | None = None,
        entity: str | None = None,
        entity_id: str | None = None,
    ) -> AccessContext:
        """Let the action go on, or record the refusal and raise PermissionDenied (French message)."""
        if actor is None:
            self._record_denial(None, action, youth_id=youth_id, entity=entity, entity_id=entity_id)
            raise PermissionDenied(NOT_LOGGED_IN)
        context = self.context(actor, youth_id=youth_id, territory_id=territory_id)
        if can(actor.roles, action, context):
            return context
        self._record_denial(actor, action, youth_id=youth_id, entity=entity, entity_id=entity_id)
        raise PermissionDenied(denial_message(actor.roles, action, context))

    def _record_denial(
        self, actor: Actor | None, action: Action, *, youth_id: str | None, entity: str | None, entity_id: str | None
    ) -> None:
        with self._ctx.write(actor) as session:
            record_in(
                session,
                action=AuditAction.DENIED,
                by=actor,
                entity=entity or ("youth" if youth_id else None),
                entity_id=entity_id or youth_id,
                youth_id=youth_id,
                detail=action.value,
            )


def territory_choices(
    ctx: ServiceContext, guard: AccessGuard | None, actor: Actor | None, action: Action
) -> list[tuple[str, str]]:
    """(id, name) of the territories where ``actor`` may do ``action``, by name: what a territory choice offers
    (offering the others only led to a refusal). Every territory for a service built without a guard (tests)."""
    with ctx.read() as session:
        rows = session.execute(select(Territory.id, Territory.name).where(Territory.deleted_at.is_(None))
                               .order_by(Territory.name)).all()
    return [(tid, name) for tid, name in rows if guard is None or guard.allows(actor, action, territory_id=tid)]
