"""Joint-intake sessions (issue 18): plan a session, invite youths into its slots, open the slots on the day.

See pac_desktop.domain.intake_sessions for the words. The territory's counsellors plan sessions
(Action.INTAKE_EDIT in the territory); inviting a youth needs the same right on the youth's file. The letters
and the session's list are made by :mod:`pac_desktop.services.convocations`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import select

from pac_desktop.domain.eligibility import age_on
from pac_desktop.domain.enums import ROLE_ORG_KINDS, IntakeRole, IntakeState, YouthStatus
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS, format_date, format_date_short, format_time, to_paris
from pac_desktop.domain.intake_sessions import (
    EXPECTED,
    HOLDING,
    InvitationStatus,
    check_not_past,
    check_session_frame,
    check_slot,
    slot_start,
)
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import initials, job_titles, live_youth, staff_names
from pac_desktop.storage.models import (
    IntakeInvitation,
    IntakeParticipant,
    IntakeSession,
    IntakeSessionCounsellor,
    JointIntake,
    Organisation,
    Staff,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession, tombstone

from .access import AccessGuard
from .choices import StaffChoice
from .context import Actor, ServiceContext
from .intake import IntakeService
from .intake.rows import _required_roles
from .intake.views import IntakeAlreadyOpen
from .reperage.contacts import add_attempt_in


@dataclass(frozen=True)
class SessionCounsellor:
    role: IntakeRole
    staff_id: str
    name: str
    organisation_name: str
    initials: str


@dataclass(frozen=True)
class SlotView:
    """One slot of a session, with the youth invited into it (None: free)."""

    index: int
    starts_at: datetime
    invitation_id: str | None = None
    youth_id: str | None = None
    youth_name: str | None = None
    age: int | None = None
    phone: str | None = None
    email: str | None = None
    status: InvitationStatus | None = None
    intake_id: str | None = None
    intake_state: IntakeState | None = None
    #: The youth refused messages (no e-mail, no SMS: a notice goes by letter).
    messages_refused: bool = False
    #: Cancelled with its session, not withdrawn before it.
    cancelled_with_session: bool = False

    @property
    def time_label(self) -> str:
        return format_time(self.starts_at)


@dataclass(frozen=True)
class SessionSummary:
    id: str
    starts_at: datetime
    place: str
    territory_name: str
    slot_count: int
    invited_count: int
    cancelled: bool

    @property
    def day(self) -> date:
        return to_paris(self.starts_at).date()


@dataclass(frozen=True)
class SessionDetail:
    id: str
    territory_id: str
    territory_name: str
    starts_at: datetime
    slot_count: int
    slot_minutes: int
    place: str
    host_organisation_id: str | None
    host_organisation_name: str | None
    notes: str
    cancelled: bool
    organiser_name: str | None
    counsellors: tuple[SessionCounsellor, ...]
    #: Roles of the territory's required team nobody holds yet at this session.
    missing_roles: tuple[IntakeRole, ...]
    slots: tuple[SlotView, ...]
    #: Invitations declined or cancelled (they freed their slot).
    released: tuple[SlotView, ...]
    #: The intake roles' names in the territory (reference data, issue 18 §7).
    role_titles: dict[IntakeRole, str] = field(default_factory=dict)
    #: When and by whom the session was cancelled (None: not cancelled, or cancelled before the app kept it).
    cancelled_at: datetime | None = None
    cancelled_by_name: str | None = None
    #: Why the session was cancelled, as it was said to the youths; empty when not said.
    cancellation_reason: str = ""

    @property
    def day(self) -> date:
        return to_paris(self.starts_at).date()

    @property
    def ends_at(self) -> datetime:
        return slot_start(self.starts_at, self.slot_minutes, self.slot_count)

    @property
    def label(self) -> str:
        return f"Séance du {format_date(self.day)} à {format_time(self.starts_at)}"

    def role_title(self, role: IntakeRole) -> str:
        return self.role_titles.get(role, role.label)

    @property
    def cancelled_with_session(self) -> tuple[SlotView, ...]:
        """The invitations cancelled with the session (the youths its cancellation letters are for): cancelled at
        its cancellation (stored on each invitation), not withdrawn before it."""
        if not self.cancelled:
            return ()
        return tuple(v for v in self.released if v.invitation_id and v.status is InvitationStatus.CANCELLED
                     and v.cancelled_with_session)

    @property
    def cancellation_line(self) -> str:
        """« Annulée le 12/03/2026 par Maud Dufictif : motif » — what is known of it (who and when may be unknown
        on a session cancelled before the app kept them, migration 0025)."""
        if not self.cancelled:
            return ""
        line = "Annulée"
        if self.cancelled_at is not None:
            line += f" le {format_date_short(to_paris(self.cancelled_at).date())}"
        if self.cancelled_by_name:
            line += f" par {self.cancelled_by_name}"
        return line + (f" : {self.cancellation_reason}" if self.cancellation_reason else "")


@dataclass(frozen=True)
class SessionUpdate:
    #: The date, a slot's time or the place changed: the youths expected must be told.
    moved: bool
    #: The invitations of the youths to tell (empty when nothing they were told changed).
    to_tell: tuple[str, ...] = ()


#: The next action a cancelled session leaves on each youth it had invited (the Repérage worklist shows it).
RECONVOKE = "À reconvoquer"


@dataclass(frozen=True)
class OpenedSlot:
    intake_id: str
    youth_id: str
    #: False when the intake existed already (opened earlier, here or on another computer).
    created: bool


class IntakeSessionService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None, intake: IntakeService) -> None:
        self._ctx = ctx
        self._guard = guard
        self._intake = intake

    # ---- planning -------------------------------------------------------------------------------

    def counsellor_choices(self, *, territory_id: str) -> dict[IntakeRole, tuple[StaffChoice, ...]]:
        """For each role of the territory's required team: the active staff of the territory who can hold it."""
        with self._ctx.read() as session:
            roles = _required_roles(session, territory_id)
            rows = session.execute(
                select(Staff, Organisation)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(Organisation.territory_id == territory_id, Organisation.deleted_at.is_(None),
                       Staff.active.is_(True), Staff.deleted_at.is_(None))
                .order_by(Staff.last_name, Staff.first_name)
            ).all()
        return {
            role: tuple(
                StaffChoice(s.id, f"{s.first_name} {s.last_name}", o.short_name or o.name,
                            initials(s.first_name, s.last_name))
                for s, o in rows if o.kind in ROLE_ORG_KINDS[role]
            )
            for role in roles
        }

    def plan_session(
        self,
        *,
        starts_at: datetime,
        place: str,
        counsellors: Mapping[IntakeRole, str],
        slot_count: int = 4,
        slot_minutes: int = 90,
        territory_id: str | None = None,
        host_organisation_id: str | None = None,
        notes: str = "",
        by: Actor,
    ) -> str:
        """Plan a session of the territory; ``counsellors``: the staff member holding each role of the team."""
        territory_id = territory_id or by.territory_id
        if territory_id is None:
            raise DomainError("Choisissez le territoire de la séance.")
        check_session_frame(starts_at=starts_at, slot_count=slot_count, slot_minutes=slot_minutes, place=place)
        check_not_past(starts_at, self._ctx.today())
        if not any(counsellors.values()):
            raise DomainError("Choisissez au moins un conseiller de l'équipe pour cette séance.")
        self._require_territory(by, territory_id)
        with self._ctx.write(by) as session:
            territory = session.get(Territory, territory_id)
            if territory is None or territory.deleted_at is not None:
                raise NotFound("Ce territoire n'existe pas dans cette base : choisissez-en un autre.")
            if host_organisation_id is None:
                actor_org = session.get(Organisation, by.organisation_id)
                if actor_org is not None and actor_org.territory_id == territory_id:
                    host_organisation_id = actor_org.id
            row = IntakeSession(
                territory_id=territory_id, starts_at=starts_at, slot_count=slot_count, slot_minutes=slot_minutes,
                place=place.strip(), host_organisation_id=host_organisation_id, notes=notes.strip(),
                organiser_id=by.staff_id, cancelled=False,
            )
            session.add(row)
            session.flush()
            for role, staff_id in counsellors.items():
                if staff_id:
                    _check_counsellor(session, territory_id, IntakeRole(role), staff_id)
                    session.add(IntakeSessionCounsellor(session_id=row.id, territory_id=territory_id,
                                                        staff_id=staff_id, role=IntakeRole(role)))
            return row.id

    def set_counsellor(self, *, session_id: str, role: IntakeRole, staff_id: str | None, by: Actor) -> None:
        """Change who holds ``role`` at the session (None: nobody yet)."""
        role = IntakeRole(role)
        territory_id = self._territory_of(session_id)
        self._require_territory(by, territory_id)
        with self._ctx.write(by) as session:
            _live_session(session, session_id)
            current = session.scalars(
                select(IntakeSessionCounsellor).where(IntakeSessionCounsellor.session_id == session_id,
                                                      IntakeSessionCounsellor.role == role,
                                                      IntakeSessionCounsellor.deleted_at.is_(None))
            ).all()
            if staff_id is not None:
                _check_counsellor(session, territory_id, role, staff_id)
            for row in current:
                if row.staff_id == staff_id:
                    return
                tombstone(row)
            if staff_id is not None:
                session.add(IntakeSessionCounsellor(session_id=session_id, territory_id=territory_id,
                                                    staff_id=staff_id, role=role))

    def update_session(
        self,
        *,
        session_id: str,
        starts_at: datetime,
        place: str,
        slot_count: int,
        slot_minutes: int,
        counsellors: Mapping[IntakeRole, str | None],
        notes: str = "",
        by: Actor,
    ) -> SessionUpdate:
        """Change a planned session: its date and time, its slots, its place, its notes and who holds each role
        (``counsellors``: every role of the team, None for « à désigner »). Says whether the youths expected must
        be told (the date, a slot's time or the place changed) and which invitations those are."""
        check_session_frame(starts_at=starts_at, slot_count=slot_count, slot_minutes=slot_minutes, place=place)
        check_not_past(starts_at, self._ctx.today(), what="déplacer une séance")
        territory_id = self._territory_of(session_id)
        self._require_territory(by, territory_id)
        with self._ctx.write(by) as session:
            row = _live_session(session, session_id)
            if row.cancelled:
                raise DomainError("Cette séance est annulée : elle ne peut plus être modifiée. Planifiez-en une "
                                  "nouvelle.")
            invitations = _invitations(session, session_id)
            held = [i for i in invitations if i.status in HOLDING]
            moved = (row.starts_at != starts_at or row.slot_minutes != slot_minutes
                     or row.place.strip() != place.strip())
            if moved and any(i.status is InvitationStatus.OPENED for i in invitations):
                raise DomainError("Des accueils de cette séance sont déjà ouverts : sa date, ses horaires et son "
                                  "lieu ne peuvent plus changer.")
            beyond = sorted(i.slot_index for i in held if i.slot_index >= slot_count)
            if beyond:
                raise DomainError(
                    f"Le créneau de {format_time(slot_start(row.starts_at, row.slot_minutes, beyond[0]))} a un "
                    f"jeune invité : gardez au moins {beyond[-1] + 1} créneaux, ou déplacez d'abord ce jeune.")
            for role, staff_id in counsellors.items():
                if staff_id:
                    _check_counsellor(session, territory_id, IntakeRole(role), staff_id)
            if row.starts_at != starts_at:
                row.starts_at = starts_at
            if row.slot_count != slot_count:
                row.slot_count = slot_count
            if row.slot_minutes != slot_minutes:
                row.slot_minutes = slot_minutes
            if row.place != place.strip():
                row.place = place.strip()
            if row.notes != notes.strip():
                row.notes = notes.strip()
            current = {c.role: c for c in _counsellors(session, session_id)}
            for role, staff_id in counsellors.items():
                role = IntakeRole(role)
                existing = current.get(role)
                if existing is not None and existing.staff_id == staff_id:
                    continue
                if existing is not None:
                    tombstone(existing)
                if staff_id:
                    session.add(IntakeSessionCounsellor(session_id=session_id, territory_id=territory_id,
                                                        staff_id=staff_id, role=role))
            told = tuple(i.id for i in sorted(invitations, key=lambda i: i.slot_index) if i.status in EXPECTED)
        return SessionUpdate(moved=moved, to_tell=told if moved else ())

    def cancel_session(self, *, session_id: str, by: Actor, reason: str = "") -> tuple[str, ...]:
        """Cancel the session: the invitations still expected are cancelled with it, and each of those youths is
        marked « À reconvoquer » in the Repérage worklist (a contact attempt: the convocation is withdrawn). The
        session keeps who cancelled it, when and why; each invitation cancelled with it says so.
        Returns the invitations cancelled (the youths to tell)."""
        reason = " ".join(reason.split())
        if len(reason) > 300:
            raise DomainError("Le motif de l'annulation est trop long : 300 caractères au plus.")
        self._require_territory(by, self._territory_of(session_id))
        now = _now(self._ctx.today())
        with self._ctx.write(by) as session:
            row = _live_session(session, session_id)
            if row.cancelled:
                return ()
            if any(i.status is InvitationStatus.OPENED for i in _invitations(session, session_id)):
                raise DomainError("Des accueils de cette séance sont déjà ouverts : elle ne peut plus être annulée.")
            row.cancelled = True
            row.cancelled_at, row.cancelled_by, row.cancellation_reason = now, by.staff_id, reason or None
            label = f"Séance du {format_date(to_paris(row.starts_at).date())} à {format_time(row.starts_at)}"
            cancelled = []
            for invitation in sorted(_invitations(session, session_id), key=lambda i: i.slot_index):
                if invitation.status in EXPECTED:
                    invitation.status = InvitationStatus.CANCELLED
                    invitation.cancelled_with_session = True
                    cancelled.append(invitation.id)
                    add_attempt_in(
                        session, youth_id=invitation.youth_id, channel=ContactChannel.LETTER, by=by, now=now,
                        answer=f"{label} annulée" + (f" ({reason})" if reason else "") + " : convocation retirée.",
                        next_action=RECONVOKE, next_action_due=to_paris(now).date(),
                        appointment_id=invitation.id, automatic=True)
            return tuple(cancelled)

    # ---- invitations -----------------------------------------------------------------------------

    def invite(self, *, session_id: str, youth_id: str, slot_index: int | None = None, by: Actor) -> str:
        """Invite a youth into a slot (the first free one when ``slot_index`` is None)."""
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, youth_id=youth_id, entity="intake_invitation")
        today = self._ctx.today()
        with self._ctx.write(by) as session:
            row = _live_session(session, session_id)
            if row.cancelled:
                raise DomainError("Cette séance est annulée : invitez le jeune à une autre séance.")
            check_not_past(row.starts_at, today, what="inviter un jeune à une séance")
            youth = live_youth(session, youth_id)
            name = f"{youth.first_name} {youth.last_name}"
            if youth.status is YouthStatus.EXITED:
                raise DomainError(f"{name} est sorti(e) du dispositif : pas d'invitation.")
            held = [i for i in _invitations(session, session_id) if i.status in HOLDING]
            if any(i.youth_id == youth_id for i in held):
                raise DomainError(f"{name} est déjà invité(e) à cette séance.")
            slot_index = _slot_to_give(row, held, slot_index,
                                       full="Tous les créneaux de cette séance sont pris : ajoutez une autre séance.")
            invitation = IntakeInvitation(case_id=youth_id, session_id=session_id, youth_id=youth_id,
                                          slot_index=slot_index, status=InvitationStatus.INVITED,
                                          invited_by=by.staff_id)
            session.add(invitation)
            session.flush()
            return invitation.id

    def set_invitation_status(self, *, invitation_id: str, status: InvitationStatus, by: Actor) -> None:
        """The youth confirmed, declined, or the invitation is cancelled (the slot is then free again)."""
        status = InvitationStatus(status)
        if status is InvitationStatus.OPENED:
            raise ValueError("a slot is opened with open_slot()")
        youth_id = self._youth_of(invitation_id)
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, youth_id=youth_id, entity="intake_invitation",
                                entity_id=invitation_id)
        with self._ctx.write(by) as session:
            invitation = _live_invitation(session, invitation_id)
            if invitation.status is InvitationStatus.OPENED:
                raise DomainError("L'accueil de ce créneau est déjà ouvert : suivez-le depuis « Accueils ».")
            if status in HOLDING and invitation.status not in HOLDING:
                taken = {i.slot_index for i in _invitations(session, invitation.session_id)
                         if i.status in HOLDING and i.id != invitation.id}
                if invitation.slot_index in taken:
                    raise DomainError("Ce créneau a été donné à un autre jeune : invitez-le de nouveau sur un "
                                      "créneau libre.")
            if invitation.status is not status:
                invitation.status = status
                if invitation.cancelled_with_session:
                    invitation.cancelled_with_session = False

    def move_invitation(self, *, invitation_id: str, to_session_id: str, slot_index: int | None = None,
                        by: Actor) -> str:
        """Move a youth to another slot of the same session (the invitation keeps its answer) or to another
        session (the invitation here is cancelled, a new one made there: a new convocation to send). Returns the
        invitation that now holds the youth's slot."""
        youth_id = self._youth_of(invitation_id)
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, youth_id=youth_id, entity="intake_invitation",
                                entity_id=invitation_id)
        today = self._ctx.today()
        with self._ctx.write(by) as session:
            invitation = _live_invitation(session, invitation_id)
            if invitation.status is InvitationStatus.OPENED:
                raise DomainError("L'accueil de ce créneau est déjà ouvert : suivez-le depuis « Accueils ».")
            if invitation.status not in EXPECTED:
                raise DomainError("Cette invitation n'est plus en cours : invitez de nouveau le jeune.")
            target = _live_session(session, to_session_id)
            if target.cancelled:
                raise DomainError("Cette séance est annulée : choisissez-en une autre.")
            check_not_past(target.starts_at, today, what="inviter un jeune à une séance")
            held = [i for i in _invitations(session, to_session_id) if i.status in HOLDING and i.id != invitation.id]
            if to_session_id != invitation.session_id and any(i.youth_id == youth_id for i in held):
                raise DomainError("Ce jeune est déjà invité à cette séance.")
            slot_index = _slot_to_give(target, held, slot_index,
                                       full="Tous les créneaux de cette séance sont pris : choisissez-en une autre.")
            if to_session_id == invitation.session_id:
                if invitation.slot_index != slot_index:
                    invitation.slot_index = slot_index
                return invitation.id
            invitation.status = InvitationStatus.CANCELLED
            moved = IntakeInvitation(case_id=youth_id, session_id=to_session_id, youth_id=youth_id,
                                     slot_index=slot_index, status=InvitationStatus.INVITED, invited_by=by.staff_id)
            session.add(moved)
            session.flush()
            return moved.id

    def open_slot(self, *, invitation_id: str, by: Actor) -> OpenedSlot:
        """On the day: the slot becomes a joint intake (planned at the slot's time, held at the session's host),
        with the session's counsellors already in the team. Opening it again gives the same intake."""
        youth_id = self._youth_of(invitation_id)
        with self._ctx.read() as session:
            invitation = _live_invitation(session, invitation_id)
            row = _live_session(session, invitation.session_id)
            day = to_paris(row.starts_at).date()
            planned_at = slot_start(row.starts_at, row.slot_minutes, invitation.slot_index)
            host, territory_id = row.host_organisation_id, row.territory_id
            linked = invitation.intake_id
            status = invitation.status
        if linked is not None:
            return OpenedSlot(linked, youth_id, created=False)
        if row.cancelled or status not in EXPECTED:
            raise DomainError("Cette invitation n'est plus en cours (annulée ou déclinée) : invitez de nouveau "
                              "le jeune avant d'ouvrir son accueil.")
        if day > self._ctx.today():
            raise DomainError(f"La séance a lieu le {format_date(day)} : les accueils s'ouvrent ce jour-là.")
        created = True
        try:
            intake_id = self._intake.start(youth_id=youth_id, territory_id=territory_id,
                                           host_organisation_id=host, planned_at=planned_at, by=by)
        except IntakeAlreadyOpen as already:  # opened from the youth's file, or a first try cut short
            intake_id, created = already.intake_id, False
        with self._ctx.write(by) as session:
            invitation = _live_invitation(session, invitation_id)
            team = {c.role: c.staff_id for c in _counsellors(session, invitation.session_id)}
            for participant in session.scalars(
                select(IntakeParticipant).where(IntakeParticipant.intake_id == intake_id,
                                                IntakeParticipant.deleted_at.is_(None))
            ):
                staff_id = team.get(participant.role) if participant.role is not None else None
                if staff_id and participant.staff_id is None:
                    participant.staff_id = staff_id
            invitation.intake_id = intake_id
            invitation.status = InvitationStatus.OPENED
        return OpenedSlot(intake_id, youth_id, created)

    # ---- reading -----------------------------------------------------------------------------------

    def sessions(self, *, territory_id: str | None = None, include_past: bool = False) -> list[SessionSummary]:
        """Sessions, the coming ones first (then, with ``include_past``, the past ones, newest first)."""
        today = self._ctx.today()
        with self._ctx.read() as session:
            stmt = (select(IntakeSession, Territory.name)
                    .join(Territory, Territory.id == IntakeSession.territory_id)
                    .where(IntakeSession.deleted_at.is_(None)))
            if territory_id:
                stmt = stmt.where(IntakeSession.territory_id == territory_id)
            rows = session.execute(stmt).all()
            counts: dict[str, int] = {}
            for session_id, status in session.execute(
                select(IntakeInvitation.session_id, IntakeInvitation.status).where(
                    IntakeInvitation.session_id.in_([r.id for r, _ in rows]), IntakeInvitation.deleted_at.is_(None))
            ):
                if status in HOLDING:
                    counts[session_id] = counts.get(session_id, 0) + 1
        summaries = [SessionSummary(r.id, r.starts_at, r.place, name, r.slot_count, counts.get(r.id, 0), r.cancelled)
                     for r, name in rows]
        coming = sorted((s for s in summaries if s.day >= today), key=lambda s: s.starts_at)
        past = sorted((s for s in summaries if s.day < today), key=lambda s: s.starts_at, reverse=True)
        return coming + (past if include_past else [])

    def session(self, *, session_id: str) -> SessionDetail:
        today = self._ctx.today()
        with self._ctx.read() as session:
            return _detail(session, _live_session(session, session_id), today)

    def session_of_invitation(self, *, invitation_id: str) -> str:
        with self._ctx.read() as session:
            return _live_invitation(session, invitation_id).session_id

    # ---- plumbing ----------------------------------------------------------------------------------

    def _require_territory(self, by: Actor, territory_id: str) -> None:
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=territory_id, entity="intake_session")

    def _territory_of(self, session_id: str) -> str:
        with self._ctx.read() as session:
            return _live_session(session, session_id).territory_id

    def _youth_of(self, invitation_id: str) -> str:
        with self._ctx.read() as session:
            return _live_invitation(session, invitation_id).youth_id


def _now(today: date) -> datetime:
    """Now; on a context whose day is not today's (tests fix the day), noon of that day in Paris."""
    now = datetime.now(UTC)
    if to_paris(now).date() == today:
        return now
    return datetime.combine(today, time(12), tzinfo=PARIS).astimezone(UTC)


def _check_counsellor(session: LocalSession, territory_id: str, role: IntakeRole, staff_id: str) -> None:
    staff = session.get(Staff, staff_id)
    if staff is None or staff.deleted_at is not None or not staff.active:
        raise NotFound("Ce conseiller n'est plus dans le personnel actif : choisissez-en un autre.")
    organisation = session.get(Organisation, staff.organisation_id)
    if organisation is None or organisation.territory_id != territory_id:
        raise DomainError(f"{staff.first_name} {staff.last_name} ne travaille pas dans le territoire de la séance.")
    if organisation.kind not in ROLE_ORG_KINDS[role]:
        raise DomainError(f"{staff.first_name} {staff.last_name} ({organisation.short_name or organisation.name}) "
                          f"ne peut pas tenir le rôle « {role.label} ».")


def _live_session(session: LocalSession, session_id: str) -> IntakeSession:
    row = session.get(IntakeSession, session_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Cette séance n'existe plus sur cet ordinateur. Synchronisez, puis réessayez.")
    return row


def _live_invitation(session: LocalSession, invitation_id: str) -> IntakeInvitation:
    row = session.get(IntakeInvitation, invitation_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Cette invitation n'existe plus sur cet ordinateur. Synchronisez, puis réessayez.")
    return row


def _invitations(session: LocalSession, session_id: str) -> list[IntakeInvitation]:
    return list(session.scalars(select(IntakeInvitation).where(IntakeInvitation.session_id == session_id,
                                                               IntakeInvitation.deleted_at.is_(None))))


def _counsellors(session: LocalSession, session_id: str) -> list[IntakeSessionCounsellor]:
    return list(session.scalars(select(IntakeSessionCounsellor).where(
        IntakeSessionCounsellor.session_id == session_id, IntakeSessionCounsellor.deleted_at.is_(None))))


def _detail(session: LocalSession, row: IntakeSession, today: date) -> SessionDetail:
    territory = session.get(Territory, row.territory_id)
    host = session.get(Organisation, row.host_organisation_id) if row.host_organisation_id else None
    counsellors = []
    for c in sorted(_counsellors(session, row.id), key=lambda c: list(IntakeRole).index(c.role)):
        staff = session.get(Staff, c.staff_id)
        org = session.get(Organisation, staff.organisation_id) if staff else None
        if staff is not None:
            counsellors.append(SessionCounsellor(c.role, staff.id, f"{staff.first_name} {staff.last_name}",
                                                 (org.short_name or org.name) if org else "",
                                                 initials(staff.first_name, staff.last_name)))
    held_roles = {c.role for c in counsellors}
    missing = tuple(r for r in _required_roles(session, row.territory_id) if r not in held_roles)
    invitations = _invitations(session, row.id)
    youths = {y.id: y for y in session.scalars(select(Youth).where(Youth.id.in_({i.youth_id for i in invitations})))}
    states = dict(session.execute(select(JointIntake.id, JointIntake.state).where(
        JointIntake.id.in_({i.intake_id for i in invitations if i.intake_id}))).all())

    def view(i: IntakeInvitation) -> SlotView:
        y = youths.get(i.youth_id)
        return SlotView(
            index=i.slot_index, starts_at=slot_start(row.starts_at, row.slot_minutes, i.slot_index),
            invitation_id=i.id, youth_id=i.youth_id,
            youth_name=f"{y.first_name} {y.last_name}" if y else "", age=age_on(y.birth_date, today) if y else None,
            phone=y.phone if y else None, email=y.email if y else None, status=i.status, intake_id=i.intake_id,
            intake_state=states.get(i.intake_id or ""), messages_refused=bool(y.contact_opt_out) if y else False,
            cancelled_with_session=i.cancelled_with_session,
        )

    holding = {i.slot_index: view(i) for i in invitations if i.status in HOLDING}
    slots = tuple(holding.get(index) or SlotView(index, slot_start(row.starts_at, row.slot_minutes, index))
                  for index in range(row.slot_count))
    released = tuple(sorted((view(i) for i in invitations if i.status not in HOLDING),
                            key=lambda v: (v.index, v.youth_name or "")))
    names = staff_names(session, [row.organiser_id, row.cancelled_by])
    return SessionDetail(
        id=row.id, territory_id=row.territory_id, territory_name=territory.name if territory else "",
        starts_at=row.starts_at, slot_count=row.slot_count, slot_minutes=row.slot_minutes, place=row.place,
        host_organisation_id=row.host_organisation_id, host_organisation_name=(host.name if host else None),
        notes=row.notes, cancelled=row.cancelled, organiser_name=names.get(row.organiser_id or ""),
        counsellors=tuple(counsellors), missing_roles=missing,
        slots=slots, released=released, role_titles=job_titles(session, row.territory_id),
        cancelled_at=row.cancelled_at, cancelled_by_name=names.get(row.cancelled_by or ""),
        cancellation_reason=row.cancellation_reason or "",
    )


def _slot_to_give(row: IntakeSession, held: Sequence[IntakeInvitation], slot_index: int | None, *, full: str) -> int:
    """The slot asked for, or the first free one; refused in French when it is taken or none is left."""
    taken = {i.slot_index for i in held}
    if slot_index is None:
        free = [i for i in range(row.slot_count) if i not in taken]
        if not free:
            raise DomainError(full)
        slot_index = free[0]
    check_slot(slot_index, row.slot_count)
    if slot_index in taken:
        at = format_time(slot_start(row.starts_at, row.slot_minutes, slot_index))
        raise DomainError(f"Le créneau de {at} est déjà pris : choisissez-en un autre.")
    return slot_index
