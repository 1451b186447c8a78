"""The audit trail (issue 7 §4): who viewed, printed, exported, logged in, was refused, purged — and when.

Events are append-only synced rows (storage.models.AuditEvent): they travel to the server, which scopes
them like the case they concern. An event holds ids and action codes, never a name, a note or any content
of the file; ``detail`` is for short technical facts ("pdf", "12 dossiers") only.

Other services write events with :func:`record_in` inside their own unit of work (so the event commits or
rolls back with the action), or with :meth:`AuditService.record` when there is no unit of work to join.
Administrators read the trail through :meth:`AuditService.search`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from pac_desktop.domain.audit import AuditAction, action_label
from pac_desktop.domain.french import PARIS
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import AuditEvent, Staff, Youth
from pac_desktop.storage.outbox import LocalSession

from .context import Actor, ServiceContext

MAX_PAGE = 500


def _staff_id(by: Actor | str | None) -> str | None:
    return by.staff_id if isinstance(by, Actor) else by


def record_in(
    session: LocalSession,
    *,
    action: AuditAction | str,
    by: Actor | str | None,
    entity: str | None = None,
    entity_id: str | None = None,
    youth_id: str | None = None,
    territory_id: str | None = None,
    detail: str = "",
) -> None:
    """Append an audit event to the caller's unit of work (committed with it)."""
    if youth_id and territory_id is None:
        territory_id = session.scalar(select(Youth.territory_id).where(Youth.id == youth_id))
    if territory_id is None and isinstance(by, Actor):
        territory_id = by.territory_id
    session.add(
        AuditEvent(
            staff_id=_staff_id(by),
            action=str(action),
            entity=entity,
            entity_id=entity_id,
            youth_id=youth_id,
            territory_id=territory_id,
            detail=detail[:500],
        )
    )


@dataclass(frozen=True)
class AuditLine:
    id: str
    at: datetime
    staff_id: str | None
    staff_name: str
    action: str
    action_label: str
    entity: str | None
    entity_id: str | None
    youth_id: str | None
    detail: str


@dataclass(frozen=True)
class AuditPage:
    total: int
    lines: tuple[AuditLine, ...]


@dataclass(frozen=True)
class AuditFilter:
    staff_id: str | None = None
    action: str | None = None
    since: date | None = None  # inclusive, French calendar days
    until: date | None = None  # inclusive
    youth_id: str | None = None


def _day_start_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=PARIS)


class AuditService:
    def __init__(self, ctx: ServiceContext, guard=None) -> None:  # noqa: ANN001 - AccessGuard, set by the registry
        self._ctx = ctx
        self._guard = guard

    def record(
        self,
        *,
        action: AuditAction | str,
        by: Actor | str | None,
        entity: str | None = None,
        entity_id: str | None = None,
        youth_id: str | None = None,
        detail: str = "",
    ) -> None:
        """Record one event in its own unit of work (views, prints, logins: nothing else to commit with)."""
        with self._ctx.write(by) as session:
            record_in(
                session, action=action, by=by, entity=entity, entity_id=entity_id, youth_id=youth_id, detail=detail
            )

    def search(self, *, actor: Actor, filters: AuditFilter = AuditFilter(), limit: int = 200, offset: int = 0) -> AuditPage:
        """The trail, newest first, filtered by staff member, action, period or youth (administrators only)."""
        if self._guard is not None:
            self._guard.require(actor, Action.AUDIT_VIEW)
        limit = max(1, min(limit, MAX_PAGE))
        conditions = []
        if filters.staff_id:
            conditions.append(AuditEvent.staff_id == filters.staff_id)
        if filters.action:
            conditions.append(AuditEvent.action == filters.action)
        if filters.youth_id:
            conditions.append(AuditEvent.youth_id == filters.youth_id)
        if filters.since:
            conditions.append(AuditEvent.at >= _day_start_utc(filters.since))
        if filters.until:
            conditions.append(AuditEvent.at < _day_start_utc(filters.until + timedelta(days=1)))
        with self._ctx.read() as session:
            total = session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
            rows = session.execute(
                select(AuditEvent, Staff.first_name, Staff.last_name)
                .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
                .where(*conditions)
                .order_by(AuditEvent.at.desc(), AuditEvent.id)
                .limit(limit)
                .offset(offset)
            ).all()
            lines = tuple(
                AuditLine(
                    id=event.id,
                    at=event.at,
                    staff_id=event.staff_id,
                    staff_name=f"{first} {last}" if first else ("—" if event.staff_id is None else "inconnu"),
                    action=event.action,
                    action_label=action_label(event.action),
                    entity=event.entity,
                    entity_id=event.entity_id,
                    youth_id=event.youth_id,
                    detail=event.detail,
                )
                for event, first, last in rows
            )
        return AuditPage(total=total, lines=lines)

    @staticmethod
    def actions() -> list[tuple[str, str]]:
        """Every action code with its French label, for the filter of the administrators' view."""
        return [(a.value, a.label) for a in AuditAction]
