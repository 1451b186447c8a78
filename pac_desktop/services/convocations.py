"""The convocation letters of a joint-intake session (one page per invited youth), the letters telling them it is
cancelled, and the session's list for the counsellors (issue 18), each print audited (in each youth's file for
the letters)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.eligibility import is_adult_on
from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import to_paris
from pac_desktop.domain.intake_sessions import EXPECTED, InvitationStatus, slot_start
from pac_desktop.reports.model import (
    CANCELLATION_TITLE,
    LETTER_TITLE,
    LIST_TITLE,
    Cancellations,
    ConvocationLetter,
    Convocations,
    CounsellorLine,
    Letterhead,
    SessionList,
    SessionListLine,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import job_titles
from pac_desktop.storage.models import Organisation, Youth

from .access import AccessGuard
from .context import Actor, ServiceContext
from .documents.base import DocumentKind, DocumentsServiceBase, PrintedDocument
from .documents.rows import _Lookup
from .intake_sessions import IntakeSessionService, SessionDetail, SlotView
from .reminders import reachable_by_message, reminders_sent_in


class ConvocationService(DocumentsServiceBase):
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None, sessions: IntakeSessionService) -> None:
        super().__init__(ctx, guard=guard)
        self._sessions = sessions

    def convocations(self, *, session_id: str, invitation_ids: Sequence[str] | None = None) -> Convocations:
        """The letters of the youths expected at the session (or of the invitations given), by slot."""
        detail = self._sessions.session(session_id=session_id)
        wanted = [v for v in detail.slots if v.invitation_id and v.status in EXPECTED]
        if invitation_ids is not None:
            wanted = [v for v in detail.slots if v.invitation_id in set(invitation_ids)]
        if not wanted:
            raise DomainError("Aucun jeune n'attend de convocation pour cette séance : invitez d'abord des jeunes.")
        letterhead, letters = self._letters(detail, wanted)
        return Convocations(letterhead=letterhead, generated_at=self._clock(), letters=letters)

    def _letters(self, detail: SessionDetail, wanted: Sequence[SlotView]) -> tuple[Letterhead,
                                                                                   tuple[ConvocationLetter, ...]]:
        """One letter's worth (name, address, slot, place, team, who signs) for each of ``wanted``'s youths."""
        today = self._ctx.today()
        with self._ctx.read() as session:
            lookup = _Lookup(session)
            host = lookup.orgs.get(detail.host_organisation_id or "")
            youths = {y.id: y for y in session.scalars(select(Youth).where(Youth.id.in_([v.youth_id for v in wanted])))}
            titles = job_titles(session, detail.territory_id)
            letters = []
            for v in wanted:
                y = youths[v.youth_id or ""]
                town_line = " ".join(p for p in (y.postcode, y.town) if p)
                letters.append(ConvocationLetter(
                    invitation_id=v.invitation_id or "", youth_id=y.id, first_name=y.first_name,
                    last_name=y.last_name, address_lines=tuple(p for p in (y.address, town_line) if p),
                    minor=not is_adult_on(y.birth_date, detail.day), at=v.starts_at,
                    duration_minutes=detail.slot_minutes, place=detail.place,
                    host=lookup.address(host) if host else None, counsellors=_counsellor_lines(detail, titles),
                    written_in=host.town if host else None, written_on=today,
                    organiser_name=detail.organiser_name,
                    territory_name=detail.territory_name,
                ))
            letterhead = lookup.letterhead(detail.territory_id)
        return letterhead, tuple(letters)

    def cancellations(self, *, session_id: str, invitation_ids: Sequence[str] | None = None,
                      unreachable_only: bool = False) -> Cancellations:
        """The letters telling the youths the session is cancelled: those whose invitation was cancelled with it
        (SessionDetail.cancelled_with_session, stored on each invitation; or the cancelled invitations given),
        only those no message reaches with ``unreachable_only`` (no e-mail address nor mobile number, or who
        refused messages). The reason printed is the one stored with the session."""
        detail = self._sessions.session(session_id=session_id)
        if not detail.cancelled:
            raise DomainError("Cette séance n'est pas annulée : ce sont des convocations qu'il faut envoyer.")
        if invitation_ids is not None:
            wanted = [v for v in detail.released if v.invitation_id in set(invitation_ids)
                      and v.status is InvitationStatus.CANCELLED]
        else:  # cancelled with the session (stored on each invitation), not withdrawn before it
            wanted = list(detail.cancelled_with_session)
        if unreachable_only:
            wanted = [v for v in wanted if not reachable_by_message(v.email, v.phone, v.messages_refused)]
        if not wanted:
            raise DomainError("Aucun jeune n'attend de lettre d'annulation pour cette séance." + (
                " Tous peuvent être prévenus par courriel ou SMS." if unreachable_only else ""))
        letterhead, letters = self._letters(detail, wanted)
        return Cancellations(letterhead=letterhead, generated_at=self._clock(), letters=letters,
                             reason=detail.cancellation_reason)

    def print_cancellations(self, *, session_id: str, path: Path, actor: Actor | str | None,
                            invitation_ids: Sequence[str] | None = None,
                            unreachable_only: bool = False) -> PrintedDocument:
        """One PDF, one cancellation letter per page (see cancellations); audited in each youth's file."""
        detail = self._sessions.session(session_id=session_id)
        self._require(actor, (Action.INTAKE_EDIT,), territory_id=detail.territory_id, entity="intake_session",
                      entity_id=session_id)
        data = self.cancellations(session_id=session_id, invitation_ids=invitation_ids,
                                  unreachable_only=unreachable_only)
        return self._print_letters(path, actor, detail, data.letters, lambda out: reports.render_cancellations(data, out),
                                   kind=DocumentKind.CANCELLATIONS, title=CANCELLATION_TITLE)

    def _print_letters(self, path: Path, actor: Actor | str | None, detail: SessionDetail,
                       letters: Sequence[ConvocationLetter], render: Callable[[Any], int], *, kind: str,
                       title: str) -> PrintedDocument:
        """Write a pack of letters (one page each), audited for the session and in each youth's file."""
        return self._print(
            path, actor, render, kind=kind, title=title, entity="intake_session", entity_id=detail.id,
            youth_id=letters[0].youth_id if len(letters) == 1 else None,
            territory_id=detail.territory_id, detail={"letters": len(letters)},
            per_youth=[(letter.invitation_id, letter.youth_id) for letter in letters],
            per_youth_entity="intake_invitation",
        )

    def print_convocations(self, *, session_id: str, path: Path, actor: Actor | str | None,
                           invitation_ids: Sequence[str] | None = None) -> PrintedDocument:
        """One PDF, one letter per page (a single invitation id: that youth's letter only)."""
        data = self.convocations(session_id=session_id, invitation_ids=invitation_ids)
        detail = self._sessions.session(session_id=session_id)
        self._require(actor, (Action.INTAKE_EDIT,), territory_id=detail.territory_id, entity="intake_session",
                      entity_id=session_id)
        return self._print_letters(path, actor, detail, data.letters, lambda out: reports.render_convocations(data, out),
                                   kind=DocumentKind.CONVOCATIONS, title=LETTER_TITLE)

    def session_list(self, *, session_id: str) -> SessionList:
        detail = self._sessions.session(session_id=session_id)
        with self._ctx.read() as session:
            reminders = reminders_sent_in(
                session, [v.invitation_id for v in detail.slots + detail.released if v.invitation_id])

        def line(v) -> SessionListLine:  # noqa: ANN001
            return SessionListLine(time=v.starts_at, youth_name=v.youth_name, age=v.age, phone=v.phone,
                                   email=v.email, status_label=v.status.label if v.status else "",
                                   reminders=reminders.get(v.invitation_id or "", ""))

        with self._ctx.read() as session:
            letterhead = _Lookup(session).letterhead(detail.territory_id)
            host = session.get(Organisation, detail.host_organisation_id) if detail.host_organisation_id else None
            titles = job_titles(session, detail.territory_id)
        return SessionList(
            letterhead=letterhead, generated_at=self._clock(), at=detail.starts_at,
            ends_at=slot_start(detail.starts_at, detail.slot_minutes, detail.slot_count), place=detail.place,
            host_name=host.name if host else None, territory_name=detail.territory_name,
            counsellors=_counsellor_lines(detail, titles), missing_roles=tuple(titles[r] for r in detail.missing_roles),
            lines=tuple(line(v) for v in detail.slots), released=tuple(line(v) for v in detail.released),
            notes=detail.notes, cancellation=detail.cancellation_line,
        )

    def print_session_list(self, *, session_id: str, path: Path, actor: Actor | str | None) -> PrintedDocument:
        data = self.session_list(session_id=session_id)
        detail = self._sessions.session(session_id=session_id)
        self._require(actor, (Action.INTAKE_EDIT,), territory_id=detail.territory_id, entity="intake_session",
                      entity_id=session_id)
        youths = [(v.invitation_id, v.youth_id) for v in detail.slots + detail.released
                  if v.invitation_id and v.youth_id]
        return self._print(
            path, actor, lambda out: reports.render_session_list(data, out), kind=DocumentKind.SESSION_LIST,
            title=LIST_TITLE, entity="intake_session", entity_id=session_id, youth_id=None,
            territory_id=detail.territory_id, detail={"day": to_paris(detail.starts_at).date().isoformat()},
            per_youth=youths, per_youth_entity="intake_invitation",
        )


def _counsellor_lines(detail: SessionDetail, titles: Mapping[IntakeRole, str]) -> tuple[CounsellorLine, ...]:
    """The session's counsellors with their roles as the territory's reference data names them (issue 18 §7)."""
    return tuple(CounsellorLine(c.name, titles.get(c.role, c.role.label), c.organisation_name)
                 for c in detail.counsellors)
