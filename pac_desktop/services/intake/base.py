"""The intake service's common base: context, access guard, the edit check."""

from __future__ import annotations

from sqlalchemy import select

from pac_desktop.security.roles import Action
from pac_desktop.security.session_lock import AttemptLimiter
from pac_desktop.storage.models import (
    JointIntake,
)

from ..access import AccessGuard
from ..context import Actor, ServiceContext


class IntakeServiceBase:
    """What every part of the intake service shares: the context, the access guard and the edit check."""
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard  # issue 7: roles (counsellors of the territory) checked when a file or an intake opens
        self._attempts = AttemptLimiter()  # issue 13: wrong validation passwords, per staff member

    def _require_edit(self, by: Actor, intake_id: str | None = None, *, row: tuple[type, str] | None = None) -> None:
        """Counsellors of the intake's territory only (issue 7 §3); checked before the write unit of work, so a
        refusal's audit entry stays. ``row``: (model, id) of a row of the intake, when the caller has no intake id.
        An unknown intake or row goes through: the unit of work then says, in French, that it no longer exists."""
        if self._guard is None:
            return
        with self._ctx.read() as session:
            if intake_id is None and row is not None:
                model, row_id = row
                intake_id = session.scalar(select(model.intake_id).where(model.id == row_id))
            territory_id = session.scalar(select(JointIntake.territory_id).where(JointIntake.id == intake_id))
        if territory_id is not None:
            self._guard.require(
                by, Action.INTAKE_EDIT, territory_id=territory_id, entity="joint_intake", entity_id=intake_id
            )
