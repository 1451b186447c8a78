"""What every document shares: access checks, writing the file beside its final place, the audit of each copy."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.reports import (
    Cancelled,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    AuditEvent,
)
from pac_desktop.storage.outbox import LocalSession

from ..access import AccessGuard
from ..context import Actor, ServiceContext
from ..staff import actor_for
from .rows import _get_territory

#: ``progress(done, total)``; called from the worker thread that builds the document.
Progress = Callable[[int, int], None]


class DocumentKind:
    """The ``document=`` value of audit entries (stable identifiers, not labels)."""

    SESSION_SUMMARY = "session_summary"
    PASSPORT = "passport"
    COMMITTEE_PACK = "committee_pack"
    INDICATORS = "indicators"
    INDICATORS_CSV = "indicators_csv"
    INDICATORS_JSON = "indicators_json"
    CONVOCATIONS = "convocations"
    CANCELLATIONS = "cancellation_letters"
    SESSION_LIST = "intake_session_list"


@dataclass(frozen=True)
class PrintedDocument:
    """A PDF that was written, and the audit entry that records it."""

    path: Path
    kind: str
    title: str
    pages: int
    audit_event_id: str
    entity: str
    entity_id: str | None
    youth_id: str | None
    territory_id: str | None


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    kind: str
    rows: int
    audit_event_id: str


class DocumentsServiceBase:
    """Access checks, the audit of each copy and the writing of a PDF beside its final place."""
    def __init__(
        self, ctx: ServiceContext, *, guard: AccessGuard | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        self._ctx = ctx
        self._guard = guard
        self._clock = clock or (lambda: datetime.now(UTC))

    def _require(self, actor: Actor | str | None, actions: tuple[Action, ...], *, youth_id: str | None = None,
                 territory_id: str | None = None, entity: str | None = None, entity_id: str | None = None) -> None:
        """Any one of ``actions`` suffices. Nobody prints without being signed in: the command line asks for
        a login too (``--login``), so every print and export names who made it."""
        if self._guard is None:
            return
        if isinstance(actor, str):  # a staff id: their roles as the store knows them
            with self._ctx.read() as session:
                try:
                    actor = actor_for(session, actor)
                except NotFound:
                    actor = None
        if not isinstance(actor, Actor):
            self._guard.require(None, actions[0], youth_id=youth_id, territory_id=territory_id, entity=entity,
                                entity_id=entity_id)
        if any(self._guard.allows(actor, a, youth_id=youth_id, territory_id=territory_id) for a in actions):
            return
        self._guard.require(actor, actions[0], youth_id=youth_id, territory_id=territory_id, entity=entity,
                            entity_id=entity_id)

    def record_copy(self, *, document: PrintedDocument, output: str, actor: Actor | str | None) -> str:
        """Record that a document already produced was sent to a printer or saved elsewhere.

        ``output`` is ``"printer"`` or ``"file"``; returns the audit entry's id.
        """
        if output not in ("printer", "file"):
            raise ValueError(f"unknown output {output!r}")
        action = AuditAction.PRINT if output == "printer" else AuditAction.EXPORT
        with self._ctx.write(actor) as session:
            event = _audit(
                session,
                actor,
                action=action,
                entity=document.entity,
                entity_id=document.entity_id,
                youth_id=document.youth_id,
                territory_id=document.territory_id,
                detail={"document": document.kind, "output": output, "source": document.audit_event_id},
            )
            return event.id

    # ---------------------------------------------------------------------------------- plumbing

    def _territory_id(self, territory_code: str | None) -> str | None:
        if territory_code is None:
            return None
        with self._ctx.read() as session:
            return _get_territory(session, territory_code).id

    def _print(
        self,
        path: Path,
        actor: Actor | str | None,
        render: Callable[[Path], int],
        *,
        kind: str,
        title: str,
        entity: str,
        entity_id: str | None,
        youth_id: str | None,
        territory_id: str | None,
        detail: dict[str, Any] | None = None,
        per_youth: Iterable[tuple[str, str]] = (),
        per_youth_entity: str = "joint_intake",
    ) -> PrintedDocument:
        """Lay the document out into a temporary file beside ``path`` (no lock held), then, in one write unit
        of work, add the audit entries and move the file into place. ``per_youth``: (row id, youth id) of each
        youth's row the document prints (``per_youth_entity``), each audited in the youth's file too."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_beside(path)
        try:
            pages = render(tmp)
            with self._ctx.write(actor) as session:
                event = _audit(
                    session,
                    actor,
                    action=AuditAction.PREPARE,
                    entity=entity,
                    entity_id=entity_id,
                    youth_id=youth_id,
                    territory_id=territory_id,
                    detail={"document": kind, "pages": pages, **(detail or {})},
                )
                for row_id, case_youth_id in per_youth:
                    _audit(
                        session,
                        actor,
                        action=AuditAction.PREPARE,
                        entity=per_youth_entity,
                        entity_id=row_id,
                        youth_id=case_youth_id,
                        territory_id=territory_id,
                        detail={"document": kind, "pack": event.id},
                    )
                session.flush()
                os.replace(tmp, path)
            return PrintedDocument(
                path=path,
                kind=kind,
                title=title,
                pages=pages,
                audit_event_id=event.id,
                entity=entity,
                entity_id=entity_id,
                youth_id=youth_id,
                territory_id=territory_id,
            )
        finally:
            tmp.unlink(missing_ok=True)


# ==================================================================================================
# Helpers
# ==================================================================================================


def _temp_beside(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".pac-", suffix=".part", dir=path.parent)
    os.close(fd)
    return Path(name)


def write_in_place(path: Path, write: Callable[[Path], int], then: Callable[[int], None]) -> int:
    """Write a file into a temporary file beside ``path`` (``write`` returns a count: rows, pages), run ``then``
    with that count (the audit entry, committed), then move the file into place; nothing half-written remains."""
    path = Path(path)
    tmp = _temp_beside(path)
    try:
        count = write(tmp)
        then(count)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _half(progress: Progress | None, index: int) -> Progress | None:
    """Map a step's progress onto one half of an overall 0…1000 scale."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        share = done / total if total else 1.0
        progress(int(500 * index + 500 * share), 1000)

    return report


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("La préparation du document a été annulée : aucun fichier n'a été écrit.")


def _check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise DomainError(
            f"La période est à l'envers : le {format_date(date_to)} est avant le {format_date(date_from)}. "
            "Vérifiez les deux dates."
        )


def _actor_id(actor: Actor | str | None) -> str | None:
    return actor.staff_id if isinstance(actor, Actor) else actor



def _audit_indicators_export(session, actor, figures, territory_id, kind, **extra):  # noqa: ANN001, ANN202
    """The audit entry of an indicators export (CSV or JSON): the period and the territory, never a name."""
    detail = {"document": kind, "from": figures.date_from.isoformat(), "to": figures.date_to.isoformat(), **extra}
    return _audit(
        session,
        actor,
        action=AuditAction.EXPORT,
        entity="indicators",
        entity_id=territory_id,
        youth_id=None,
        territory_id=territory_id,
        detail=detail,
    )

def _audit(
    session: LocalSession,
    actor: Actor | str | None,
    *,
    action: AuditAction,
    entity: str,
    entity_id: str | None,
    youth_id: str | None,
    territory_id: str | None,
    detail: dict[str, Any],
) -> AuditEvent:
    """One append-only audit entry; ``detail`` holds ids, kinds, dates and counts, never a name."""
    event = AuditEvent(
        staff_id=_actor_id(actor),
        action=str(action),
        entity=entity,
        entity_id=entity_id,
        youth_id=youth_id,
        territory_id=territory_id,
        detail="; ".join(f"{key}={value}" for key, value in detail.items())[:500],
    )
    session.add(event)
    session.flush()
    return event
