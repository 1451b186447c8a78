"""Retention (issue 7 §5): files are kept 2 years after the last contact (setting), the audit trail 1 year.

The purge runs in two steps — :meth:`RetentionService.plan` (the dry run: how many files, which ones,
without names or content) then :meth:`RetentionService.purge` (after the administrator's confirmation).

- **Case files**: the youth and every row of their file (every CaseScoped table, whatever its name) are
  tombstoned, so the deletion travels to the server and to every other device like any deletion; an
  AuditEvent "purge" per youth records it. On a store that was never enrolled with a server there is no one
  to tell: the rows, and their pending outbox entries (which carry their values), are deleted outright.
- **Audit trail**: events older than the audit retention are deleted locally — the one exception to the
  trail being append-only, done here by a bulk SQL DELETE that bypasses the outbox on purpose. Only events
  the server already holds (``seq`` set: the server keeps its own trail with its own retention) are removed,
  or every old event on a never-enrolled store.

- **Content of an intake whose consent to share was refused** (issue 13): it never left the computer; after
  ``consent.refused_keep_days`` days (30 by default) counted from the refusal, the purge removes it — the rows of
  intake content are tombstoned, the intake's content fields emptied, and the outbox entries that held them
  (never pushed) deleted. The youth's record, the referral and the intake's frame stay, as for a control-group
  youth.

The last contact of a youth is the latest of: a follow-up that is a contact (interview, call, message,
home visit — not an absence), a held intake, a recorded outcome, the referral, the creation of the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.consent import (
    CONTENT_ENTITIES,
    JOINT_INTAKE_CONTENT_FIELDS,
    ConsentState,
    is_content,
    record_from_data,
    sharing_state,
)
from pac_desktop.domain.eligibility import add_months
from pac_desktop.domain.enums import CONTACT_KINDS, YouthStatus
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import PARIS, to_paris
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import CaseScoped
from pac_desktop.storage.case_rows import of_case
from pac_desktop.storage.changes import note_changes
from pac_desktop.storage.lookups import dotted_initials
from pac_desktop.storage.models import (
    MODELS_BY_ENTITY,
    SYNCED_MODELS,
    AuditEvent,
    Base,
    FollowUpEvent,
    IntakeConsent,
    JointIntake,
    OutboxEntry,
    Outcome,
    Referral,
    ReminderFailure,
    SyncState,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession, tombstone
from pac_desktop.storage.scrub import scrub_tombstones
from pac_desktop.storage.store import release_free_pages

from .audit import record_in
from .context import Actor, ServiceContext
from .programme_settings import (
    AUDIT_RETENTION_DAYS,
    CASE_RETENTION_MONTHS,
    CONSENT_REFUSED_KEEP_DAYS,
    read_setting_in,
)

#: Every table of a case file, found generically: a table added later is purged too.
CASE_MODELS: tuple[type[CaseScoped], ...] = tuple(m for m in SYNCED_MODELS if issubclass(m, CaseScoped))


@dataclass(frozen=True)
class PurgeCandidate:
    """A file past its retention, as the dry run shows it: no name, no content."""

    youth_id: str
    initials: str
    territory_name: str
    status_label: str
    last_contact: date


@dataclass(frozen=True)
class PurgePlan:
    as_of: date
    retention_months: int
    cutoff: date  # files whose last contact is before this date are purged
    candidates: tuple[PurgeCandidate, ...]
    audit_cutoff: datetime
    old_audit_events: int  # events the purge would remove now
    #: Youths whose intake content is kept past the period after a refusal to share (issue 13).
    refused_content: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.candidates)


@dataclass(frozen=True)
class PurgeReport:
    youths: int
    rows: int  # rows of case files tombstoned (or deleted on a never-enrolled store)
    audit_events_removed: int
    deleted_outright: bool
    refused_content_rows: int = 0  # rows of intake content removed after a refusal to share (issue 13)


def last_contacts(session: LocalSession, youth_ids: Iterable[str] | None = None) -> dict[str, date]:
    """The date of the last contact of each (live) youth."""
    youth_filter = [Youth.deleted_at.is_(None)]
    ids = list(youth_ids) if youth_ids is not None else None
    if ids is not None:
        youth_filter.append(Youth.id.in_(ids))
    latest: dict[str, date] = {
        yid: to_paris(created).date() for yid, created in session.execute(select(Youth.id, Youth.created_at).where(*youth_filter))
    }

    def merge(stmt) -> None:  # noqa: ANN001
        for yid, day in session.execute(stmt):
            if day is not None and yid in latest and day > latest[yid]:
                latest[yid] = day

    def scoped(column, youth_column, *conditions):  # noqa: ANN001, ANN202
        stmt = select(youth_column, func.max(column)).where(*conditions).group_by(youth_column)
        return stmt.where(youth_column.in_(ids)) if ids is not None else stmt

    merge(scoped(FollowUpEvent.occurred_on, FollowUpEvent.youth_id,
                 FollowUpEvent.deleted_at.is_(None), FollowUpEvent.kind.in_(sorted(CONTACT_KINDS))))
    merge(scoped(JointIntake.held_on, JointIntake.youth_id, JointIntake.deleted_at.is_(None)))
    merge(scoped(Outcome.recorded_on, Outcome.youth_id, Outcome.deleted_at.is_(None)))
    merge(scoped(Referral.referred_on, Referral.youth_id, Referral.deleted_at.is_(None)))
    return latest


def never_enrolled(session: LocalSession) -> bool:
    """True when this store never synced with a server (nothing it holds is known anywhere else)."""
    synced_state = session.scalar(
        select(func.count()).select_from(SyncState).where(
            (SyncState.cursor > 0) | SyncState.epoch.is_not(None) | SyncState.last_ok_at.is_not(None)
        )
    )
    pushed = session.scalar(select(func.count()).select_from(Youth).where(Youth.seq.is_not(None)))
    return not synced_state and not pushed


class RetentionService:
    def __init__(self, ctx: ServiceContext, guard) -> None:  # noqa: ANN001 - AccessGuard
        self._ctx = ctx
        self._guard = guard

    def plan(self, *, actor: Actor) -> PurgePlan:
        """The dry run: what a purge would remove today (administrators)."""
        self._guard.require(actor, Action.PURGE)
        with self._ctx.read() as session:
            return self._plan(session)

    def _plan(self, session: LocalSession) -> PurgePlan:
        today = self._ctx.today()
        months = read_setting_in(session, CASE_RETENTION_MONTHS)
        cutoff = add_months(today, -months)
        contacts = last_contacts(session)
        due = {yid: day for yid, day in contacts.items() if day < cutoff}
        candidates: list[PurgeCandidate] = []
        if due:
            rows = session.execute(
                select(Youth.id, Youth.first_name, Youth.last_name, Youth.status, Territory.name)
                .join(Territory, Territory.id == Youth.territory_id)
                .where(Youth.id.in_(list(due)))
            ).all()
            for yid, first, last, status, territory in rows:
                candidates.append(
                    PurgeCandidate(yid, dotted_initials(first, last), territory, YouthStatus(status).label, due[yid])
                )
        candidates.sort(key=lambda c: (c.last_contact, c.youth_id))
        audit_cutoff = self._audit_cutoff(session, today)
        return PurgePlan(
            as_of=today,
            retention_months=months,
            cutoff=cutoff,
            candidates=tuple(candidates),
            audit_cutoff=audit_cutoff,
            old_audit_events=session.scalar(
                select(func.count()).select_from(AuditEvent).where(*self._removable_audit(session, audit_cutoff))
            )
            or 0,
            refused_content=tuple(refused_content_due(session, today)),
        )

    def purge(self, *, actor: Actor, youth_ids: Sequence[str]) -> PurgeReport:
        """Purge the files listed by the dry run (each one checked again) and the old audit events."""
        self._guard.require(actor, Action.PURGE)
        with self._ctx.write(actor) as session:
            plan = self._plan(session)
            due = {c.youth_id for c in plan.candidates}
            not_due = [y for y in youth_ids if y not in due]
            if not_due:
                raise DomainError(
                    f"{len(not_due)} des dossiers à supprimer ne sont plus arrivés au terme de leur durée de "
                    "conservation (un contact a été enregistré entre-temps, ou le dossier a déjà été supprimé). "
                    "Rien n'a été supprimé : relancez la simulation, puis confirmez la nouvelle liste."
                )
            outright = never_enrolled(session)
            territories = dict(
                session.execute(select(Youth.id, Youth.territory_id).where(Youth.id.in_(list(youth_ids)))).all()
            )
            rows = 0
            for youth_id in youth_ids:
                removed_rows = _remove_case(session, youth_id, outright=outright)
                rows += removed_rows
                record_in(
                    session, action=AuditAction.PURGE, by=actor, entity="youth", entity_id=youth_id,
                    youth_id=youth_id, territory_id=territories.get(youth_id),
                    detail=f"dossier supprimé ({removed_rows} lignes) : durée de conservation dépassée",
                )
            refused_rows = 0
            for youth_id in plan.refused_content:
                if youth_id in youth_ids:
                    continue  # the whole file goes anyway
                count = purge_refused_content(session, youth_id)
                refused_rows += count
                record_in(
                    session, action=AuditAction.PURGE, by=actor, entity="youth", entity_id=youth_id,
                    youth_id=youth_id, detail=f"contenu de l'accueil supprimé ({count} lignes) : partage refusé, "
                    "durée de conservation dépassée",
                )
            removed = self._remove_old_audit(session, plan.audit_cutoff, outright=outright)
            if removed:
                record_in(session, action=AuditAction.PURGE, by=actor, entity="audit_event",
                          detail=f"{removed} événements du journal d'audit antérieurs au {plan.audit_cutoff.date()}")
        release_free_pages(self._ctx.store.engine)  # the deleted files' pages go back to the disk
        return PurgeReport(youths=len(youth_ids), rows=rows, audit_events_removed=removed, deleted_outright=outright,
                           refused_content_rows=refused_rows)

    # -- the audit trail's own retention ---------------------------------------------------------------

    def _audit_cutoff(self, session: LocalSession, today: date) -> datetime:
        days = read_setting_in(session, AUDIT_RETENTION_DAYS)
        return datetime.combine(date.fromordinal(today.toordinal() - days), time.min, tzinfo=PARIS)

    @staticmethod
    def _removable_audit(session: LocalSession, cutoff: datetime) -> list:
        conditions = [AuditEvent.at < cutoff]
        if not never_enrolled(session):
            conditions.append(AuditEvent.seq.is_not(None))  # the server holds it: the local copy may go
        return conditions

    def _remove_old_audit(self, session: LocalSession, cutoff: datetime, *, outright: bool) -> int:
        # The retention exception to "append-only": a bulk DELETE, on purpose outside the outbox listener.
        conditions = self._removable_audit(session, cutoff)
        if outright:
            old_ids = select(AuditEvent.id).where(*conditions)
            session.execute(
                delete(OutboxEntry).where(OutboxEntry.entity == "audit_event", OutboxEntry.row_id.in_(old_ids)),
                execution_options={"synchronize_session": False},
            )
        result = session.execute(delete(AuditEvent).where(*conditions), execution_options={"synchronize_session": False})
        return result.rowcount or 0


_CONTENT_MODELS = tuple(MODELS_BY_ENTITY[e] for e in sorted(CONTENT_ENTITIES))
_BLANK = {"shared_diagnosis": "", "diagnosis_agreed": False}


def refused_content_due(session: LocalSession, today: date) -> list[str]:
    """Youths whose consent to share is refused since more than the kept period, and whose intake content is
    still on this computer."""
    days = read_setting_in(session, CONSENT_REFUSED_KEEP_DAYS)
    cutoff = today - timedelta(days=days)
    refused = set(session.scalars(
        select(IntakeConsent.case_id).where(IntakeConsent.state == ConsentState.REFUSED,
                                            IntakeConsent.given_on <= cutoff, IntakeConsent.deleted_at.is_(None))
    ))
    due = []
    for youth_id in sorted(refused):
        records = [
            r for r in (
                record_from_data({"kind": c.kind, "state": c.state, "given": c.given, "given_on": c.given_on.isoformat(),
                                  "recorded_at": c.recorded_at.isoformat() if c.recorded_at else None})
                for c in session.scalars(select(IntakeConsent).where(of_case(IntakeConsent, youth_id),
                                                                     IntakeConsent.deleted_at.is_(None)))
            ) if r is not None
        ]
        birth = session.scalar(select(Youth.birth_date).where(Youth.id == youth_id))
        if sharing_state(records, birth_date=birth) is not ConsentState.REFUSED:
            continue  # a later intake's consent was given: the file is shared, not purged this way
        if _has_content(session, youth_id):
            due.append(youth_id)
    return due


def _has_content(session: LocalSession, youth_id: str) -> bool:
    for model in _CONTENT_MODELS:
        if session.scalar(select(model.id).where(of_case(model, youth_id), model.deleted_at.is_(None)).limit(1)):
            return True
    for intake in session.scalars(select(JointIntake).where(of_case(JointIntake, youth_id))):
        if is_content("joint_intake", {f: getattr(intake, f) for f in JOINT_INTAKE_CONTENT_FIELDS}):
            return True
    return False


def purge_refused_content(session: LocalSession, youth_id: str) -> int:
    """Remove the intake content of a youth who refused the sharing; returns the rows changed."""
    count = 0
    removed: dict[str, list[str]] = {}
    for model in _CONTENT_MODELS:
        for row in session.scalars(select(model).where(of_case(model, youth_id), model.deleted_at.is_(None))).all():
            tombstone(row)
            removed.setdefault(model.__sync_entity__, []).append(row.id)
            count += 1
    for intake in session.scalars(select(JointIntake).where(of_case(JointIntake, youth_id))).all():
        for field in JOINT_INTAKE_CONTENT_FIELDS:
            blank = _BLANK.get(field)
            if getattr(intake, field) != blank:
                setattr(intake, field, blank)
                count += 1
    session.flush()
    # That content never left this computer: the outbox entries that carried it are dropped, not pushed.
    for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.case_id == youth_id)).all():
        if entry.entity in CONTENT_ENTITIES or (entry.entity == "joint_intake" and entry.op != "delete"
                                                and is_content(entry.entity, _fields(entry))):
            session.delete(entry)
    session.flush()
    # Nothing will send those deletions: their tombstones keep no text from now on (storage.scrub).
    for entity, ids in removed.items():
        scrub_tombstones(session.connection(), entity, ids)
    session.expire_all()
    return count


def _fields(entry: OutboxEntry) -> dict:
    return json.loads(entry.fields)


def _remove_case(session: LocalSession, youth_id: str, *, outright: bool) -> int:
    """Tombstone (or, never enrolled, delete) the youth and every row of their file; returns the row count."""
    note_changes(session, "youth", [youth_id], case_ids=[youth_id])  # an open case file of the youth learns it
    # This computer's own trace of their reminders that failed goes too (local, never synced).
    session.execute(delete(ReminderFailure).where(ReminderFailure.youth_id == youth_id),
                    execution_options={"synchronize_session": False})
    if outright:
        count = 0
        # Children before parents, so that the foreign keys hold at every statement.
        for table in reversed(Base.metadata.sorted_tables):
            model = next((m for m in CASE_MODELS if m.__table__ is table), None)
            if model is None:
                continue
            result = session.execute(
                delete(model).where(of_case(model, youth_id)), execution_options={"synchronize_session": False}
            )
            count += result.rowcount or 0
        session.execute(
            delete(OutboxEntry).where(OutboxEntry.case_id == youth_id), execution_options={"synchronize_session": False}
        )
        session.expunge_all()
        return count
    count = 0
    for model in CASE_MODELS:
        for row in session.scalars(select(model).where(of_case(model, youth_id), model.deleted_at.is_(None))).all():
            tombstone(row)
            count += 1
    session.flush()
    # Content the server never received (its creation still waits, held for a consent): its changes tell the server
    # nothing — their deletion would be refused as unknown —; they are dropped, and its tombstones blanked now.
    unsent = session.execute(
        select(OutboxEntry.entity, OutboxEntry.row_id).where(OutboxEntry.case_id == youth_id, OutboxEntry.op == "create",
                                                             OutboxEntry.entity.in_(sorted(CONTENT_ENTITIES)))
    ).all()
    for entity, row_id in unsent:
        session.execute(delete(OutboxEntry).where(OutboxEntry.entity == entity, OutboxEntry.row_id == row_id),
                        execution_options={"synchronize_session": False})
    by_entity: dict[str, list[str]] = {}
    for entity, row_id in unsent:
        by_entity.setdefault(entity, []).append(row_id)
    for entity, ids in by_entity.items():
        scrub_tombstones(session.connection(), entity, ids)
    session.expire_all()
    return count


