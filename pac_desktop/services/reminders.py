"""Appointment reminders (issue 18): by e-mail (with the .ics attached) through the hosting organisation's SMTP
server, by SMS through its HTTP gateway, and the .ics file of any appointment.

Every reminder sent is a contact attempt in the youth's file (automatic, « envoyé »), written right after the
server accepted it; a youth who refused messages gets none. Sending is network work: the GUI calls these off the
UI thread. A failure is a French :class:`~pac_desktop.messaging.SendFailed`; nothing is recorded in the youth's
file for it, so the reminder stays to be sent (a batch goes on with the next youth and says who is left). The
automatic passes keep their failures on this computer (``reminder_failure``) for the administrator
(:meth:`ReminderService.failures`, Administration › Messagerie) until the reminder goes or is no longer due.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import delete, or_, select

from pac_desktop.domain.appointments import (
    Appointment,
    AppointmentKind,
    NoticeKind,
    ics_description,
    notice_email_text,
    notice_sms_text,
    notice_subject,
    reminder_email_text,
    reminder_sms_text,
    reminder_subject,
)
from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS, format_date_short, to_paris
from pac_desktop.domain.intake_sessions import EXPECTED, slot_start
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.messaging import SendFailed
from pac_desktop.messaging.ics import appointment_ics
from pac_desktop.messaging.mail import new_message, send_mail
from pac_desktop.messaging.sms import international_number, send_sms
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import dotted_initials, live_youth
from pac_desktop.storage.models import (
    ContactAttempt,
    IntakeInvitation,
    IntakeSession,
    IntakeSessionCounsellor,
    JointIntake,
    Organisation,
    ReminderFailure,
    Staff,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from .access import AccessGuard
from .audit import record_in
from .context import Actor, ServiceContext
from .intake_sessions import RECONVOKE
from .messaging_settings import MAX_DAYS_BEFORE, MessagingSettingsService
from .reperage import MessagesRefused, add_attempt_in, messages_refused_in


class ReminderChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"

    @property
    def contact_channel(self) -> ContactChannel:
        return ContactChannel.EMAIL if self is ReminderChannel.EMAIL else ContactChannel.SMS

    @property
    def label(self) -> str:
        return "courriel" if self is ReminderChannel.EMAIL else "SMS"


class ReminderOutcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class ReminderResult:
    youth_id: str
    youth_name: str
    channel: ReminderChannel
    outcome: ReminderOutcome
    #: Why it was skipped or failed, in French (empty when sent).
    message: str = ""
    #: The appointment (a session's invitation, an intake) it was for.
    appointment_id: str = ""


@dataclass(frozen=True)
class ReminderReport:
    results: tuple[ReminderResult, ...]

    def count(self, outcome: ReminderOutcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def left_to_send(self) -> tuple[ReminderResult, ...]:
        return tuple(r for r in self.results if r.outcome is ReminderOutcome.FAILED)


@dataclass(frozen=True)
class ReminderFailureView:
    """An automatic reminder that failed on this computer, as the administrator sees it: no name, no address."""

    failed_at: datetime
    first_failed_at: datetime
    tries: int
    channel: ReminderChannel
    #: The youth's initials and the start of their file's number (« L. T. · 3f2a9c1b »).
    youth_reference: str
    #: Why, in French (:class:`~pac_desktop.messaging.SendFailed`: names the server, never the youth).
    message: str
    appointment_id: str


def youth_reference(youth_id: str, first_name: str, last_name: str) -> str:
    """A youth said without their name: initials and the start of the file's number (as `pac rgpd` lists them)."""
    return f"{dotted_initials(first_name, last_name)} · {youth_id[:8]}"


class ReminderService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None, settings: MessagingSettingsService,
                 *, clock: Callable[[], datetime] | None = None) -> None:
        self._ctx = ctx
        self._guard = guard
        self._settings = settings
        self._clock = clock or (lambda: datetime.now(UTC))

    # ---- appointments ------------------------------------------------------------------------------

    def appointment(self, *, appointment_id: str) -> Appointment:
        """The appointment of a session's invitation or of an intake's next appointment (by their id)."""
        with self._ctx.read() as session:
            if session.get(IntakeInvitation, appointment_id) is not None:
                return _slot_appointment(session, appointment_id)
            return _next_appointment(session, appointment_id)

    def ics(self, *, appointment_id: str) -> bytes:
        a = self.appointment(appointment_id=appointment_id)
        return _ics(a, now=self._clock())

    def save_ics(self, *, appointment_id: str, path: Path, by: Actor) -> Path:
        """Write the appointment's .ics file (to hand over or attach elsewhere); audited as an export."""
        a = self.appointment(appointment_id=appointment_id)
        self._require(by, a.youth_id)
        data = _ics(a, now=self._clock())
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        with self._ctx.write(by) as session:
            record_in(session, action=AuditAction.EXPORT, by=by, entity="appointment", entity_id=a.id,
                      youth_id=a.youth_id, detail="document=ics")
        return path

    # ---- sending -----------------------------------------------------------------------------------

    def send_reminder(self, *, appointment_id: str, channel: ReminderChannel | str, by: Actor,
                      again: bool = False) -> ReminderResult:
        """Send one reminder now. Raises SendFailed (French) when the server refuses or cannot be reached,
        MessagesRefused when the youth refused messages, DomainError when the youth has no address or number."""
        channel = ReminderChannel(channel)
        a = self.appointment(appointment_id=appointment_id)
        self._require(by, a.youth_id)
        with self._ctx.read() as session:
            youth = live_youth(session, a.youth_id)
            name = f"{youth.first_name} {youth.last_name}"
            if messages_refused_in(session, a.youth_id):
                raise MessagesRefused(f"{name} a refusé de recevoir des messages : aucun rappel ne lui est envoyé.")
            # A reminder of this appointment at its present date and time (a session moved since is reminded again).
            if not again and _already_sent(session, a.id, channel,
                                           mentioning=a.when if channel is ReminderChannel.EMAIL else a.short_when):
                return ReminderResult(a.youth_id, name, channel, ReminderOutcome.ALREADY_SENT,
                                      f"Rappel par {channel.label} déjà envoyé.", appointment_id=a.id)
            email, phone = youth.email, youth.phone
        sent_text = self._deliver(a, channel, by=by, name=name, email=email, phone=phone,
                                  subject=reminder_subject(a), text=reminder_email_text(a),
                                  sms_text=reminder_sms_text(a), label="Rappel")
        # Sent: into the youth's file at once (its own unit of work, so a batch keeps what was sent); a failure
        # an earlier pass kept for it is over.
        with self._ctx.write(by) as session:
            add_attempt_in(session, youth_id=a.youth_id, channel=channel.contact_channel, by=by, now=self._now(),
                           answer=sent_text, appointment_id=a.id, automatic=True)
            session.execute(delete(ReminderFailure).where(ReminderFailure.appointment_id == a.id,
                                                          ReminderFailure.channel == channel.value))
        return ReminderResult(a.youth_id, name, channel, ReminderOutcome.SENT, appointment_id=a.id)

    def _deliver(self, a: Appointment, channel: ReminderChannel, *, by: Actor, name: str, email: str | None,
                 phone: str | None, subject: str, text: str, sms_text: str, label: str,
                 attach_ics: bool = True) -> str:
        """Send one message by ``channel``; what it said, for the youth's file. Raises as send_reminder."""
        organisation_id = a.organisation_id or by.organisation_id
        if channel is ReminderChannel.EMAIL:
            if not email:
                raise DomainError(f"{name} n'a pas d'adresse de courriel dans son dossier.")
            smtp = self._settings.smtp(organisation_id)
            if smtp is None:
                raise DomainError(_NOT_SET.format(what="le serveur de courriel", org=a.organisation_name))
            message = new_message(smtp, to=email, subject=subject, text=text)
            if attach_ics:
                message.add_attachment(_ics(a, now=self._clock()), maintype="text", subtype="calendar",
                                       filename="rendez-vous.ics", params={"method": "PUBLISH", "charset": "utf-8"})
            send_mail(smtp, message, password=self._settings.secret("smtp", organisation_id))
            return f"{label} par courriel : {subject}"
        if not phone:
            raise DomainError(f"{name} n'a pas de numéro de téléphone dans son dossier.")
        international_number(phone)  # a landline: no SMS, said before anything is sent
        gateway = self._settings.sms(organisation_id)
        if gateway is None:
            raise DomainError(_NOT_SET.format(what="la passerelle SMS", org=a.organisation_name))
        send_sms(gateway, key=self._settings.secret("sms", organisation_id), to=phone, text=sms_text)
        return f"{label} par SMS : {sms_text}"

    # ---- notices: the appointment changed or is cancelled ----------------------------------------------

    def send_notice(self, *, appointment_id: str, channel: ReminderChannel | str, kind: NoticeKind | str,
                    by: Actor, reason: str = "") -> ReminderResult:
        """Tell the youth their appointment moved (the new date, the .ics attached) or is cancelled; recorded in
        their file like a reminder (a cancellation leaves « À reconvoquer » as the next action)."""
        channel, kind = ReminderChannel(channel), NoticeKind(kind)
        a = self.appointment(appointment_id=appointment_id)
        self._require(by, a.youth_id)
        with self._ctx.read() as session:
            youth = live_youth(session, a.youth_id)
            name = f"{youth.first_name} {youth.last_name}"
            if messages_refused_in(session, a.youth_id):
                raise MessagesRefused(f"{name} a refusé de recevoir des messages : prévenez-le (la) par téléphone "
                                      "ou par courrier.")
            email, phone = youth.email, youth.phone
        sent_text = self._deliver(a, channel, by=by, name=name, email=email, phone=phone,
                                  subject=notice_subject(a, kind), text=notice_email_text(a, kind, reason=reason),
                                  sms_text=notice_sms_text(a, kind), label=kind.label,
                                  attach_ics=kind is NoticeKind.CHANGED)
        now = self._now()
        with self._ctx.write(by) as session:
            add_attempt_in(session, youth_id=a.youth_id, channel=channel.contact_channel, by=by, now=now,
                           answer=sent_text, appointment_id=a.id, automatic=True,
                           next_action=RECONVOKE if kind is NoticeKind.CANCELLED else None,
                           next_action_due=to_paris(now).date() if kind is NoticeKind.CANCELLED else None)
        return ReminderResult(a.youth_id, name, channel, ReminderOutcome.SENT, appointment_id=a.id)

    def send_notices(self, *, appointment_ids: Sequence[str], kind: NoticeKind | str, by: Actor, reason: str = "",
                     channels: Sequence[ReminderChannel | str] = (ReminderChannel.EMAIL, ReminderChannel.SMS),
                     cancel: threading.Event | None = None) -> ReminderReport:
        """A notice to each youth, by each channel they can be reached on; a failure does not stop the batch."""
        return self._batch(_each_channel(appointment_ids, channels), cancel, lambda appointment_id, channel:
                           self.send_notice(appointment_id=appointment_id, channel=channel, kind=kind, by=by,
                                            reason=reason))

    # ---- automatic reminders ---------------------------------------------------------------------------

    def due_reminders(self, *, by: Actor) -> list[tuple[str, ReminderChannel]]:
        """The reminders due now by each organisation's schedule (``MessagingSettingsService.schedule``), not sent
        yet: the appointments (a session's slot still expected, an intake's next appointment) of the actor's
        territory still to come, whose reminder day has come, by the channels set up on this computer. A
        cancelled session, a declined invitation, a youth who refused messages: nothing is due."""
        return self._due(by, everywhere=False)

    def _due(self, by: Actor, *, everywhere: bool) -> list[tuple[str, ReminderChannel]]:
        """due_reminders; ``everywhere``: in every territory this computer holds, whoever may see the youths —
        only to know which kept failures are still due (nothing is sent from it)."""
        today, now = self._ctx.today(), self._now()
        horizon = datetime.combine(today + timedelta(days=MAX_DAYS_BEFORE + 1), time(0), tzinfo=UTC)
        start = now - timedelta(days=1)
        with self._ctx.read() as session:
            slots = select(IntakeInvitation.id, IntakeInvitation.youth_id).join(
                IntakeSession, IntakeSession.id == IntakeInvitation.session_id).where(
                IntakeInvitation.deleted_at.is_(None), IntakeInvitation.status.in_(list(EXPECTED)),
                IntakeSession.deleted_at.is_(None), IntakeSession.cancelled.is_(False),
                IntakeSession.starts_at >= start, IntakeSession.starts_at < horizon)
            intakes = select(JointIntake.id, JointIntake.youth_id).where(
                JointIntake.deleted_at.is_(None), JointIntake.next_appointment_at.is_not(None),
                JointIntake.next_appointment_at > now, JointIntake.next_appointment_at < horizon)
            if by.territory_id and not everywhere:
                slots = slots.where(IntakeSession.territory_id == by.territory_id)
                intakes = intakes.where(JointIntake.territory_id == by.territory_id)
            candidates = list(session.execute(slots).all()) + list(session.execute(intakes).all())
            youths = {y.id: y for y in session.scalars(select(Youth).where(
                Youth.id.in_({y for _, y in candidates})))}
            refused = {y.id for y in youths.values() if y.contact_opt_out}
            # Reachable by: an address, a mobile number (a youth with neither is left to a call or a letter).
            reach = {y.id: (bool(y.email), is_mobile(y.phone)) for y in youths.values()}
        due: list[tuple[str, ReminderChannel]] = []
        schedules: dict[str, tuple[object, bool, bool]] = {}
        for appointment_id, youth_id in candidates:
            if youth_id in refused or not (everywhere or self._may(by, youth_id)):
                continue
            try:
                a = self.appointment(appointment_id=appointment_id)
            except DomainError:
                continue
            if a.starts_at <= now:
                continue
            org = a.organisation_id or by.organisation_id
            if org not in schedules:
                schedules[org] = (self._settings.schedule(org), self._settings.smtp(org) is not None,
                                  self._settings.sms(org) is not None)
            schedule, smtp_set, sms_set = schedules[org]
            day = to_paris(a.starts_at).date()
            due_day = day - timedelta(days=schedule.days_before)
            if not schedule.enabled or today < due_day:
                continue
            since = datetime.combine(due_day, time(0), tzinfo=PARIS).astimezone(UTC)
            has_email, has_mobile = reach.get(youth_id, (False, False))
            for channel, on in ((ReminderChannel.EMAIL, schedule.email and smtp_set and has_email),
                                (ReminderChannel.SMS, schedule.sms and sms_set and has_mobile)):
                if on:
                    with self._ctx.read() as session:
                        if not _already_sent(session, a.id, channel, since=since):
                            due.append((a.id, channel))
        return due

    def send_due_reminders(self, *, by: Actor, cancel: threading.Event | None = None) -> ReminderReport:
        """Send the reminders due now (see due_reminders): each one once, a failure kept for the administrator
        (:meth:`failures`) and left to the next run."""
        due = self.due_reminders(by=by)
        # « again »: a reminder sent before this appointment's reminder day (or for its former date) does not
        # stand for this one; one sent since is not sent twice (due_reminders left it out).
        report = self._batch(due, cancel, lambda appointment_id, channel: self.send_reminder(
            appointment_id=appointment_id, channel=channel, by=by, again=True))
        self._keep_failures(report, due, by=by)
        return report

    def _keep_failures(self, report: ReminderReport, due: Sequence[tuple[str, ReminderChannel]], *,
                       by: Actor) -> None:
        """Keep this pass's failures (one row per appointment and channel, its tries counted); forget those no
        longer due, in every territory this computer holds (not only the actor's: the failures of the others would
        otherwise wait for a pass of theirs): sent (here, by hand, or from another computer, once synced), the
        appointment passed or cancelled, the youth refused messages."""
        now = self._now()
        failed = [r for r in report.results if r.outcome is ReminderOutcome.FAILED]
        here = {(a, c.value) for a, c in due}
        with self._ctx.read() as session:
            elsewhere = by.territory_id is not None and session.scalar(select(ReminderFailure.id).where(
                or_(ReminderFailure.territory_id.is_(None), ReminderFailure.territory_id != by.territory_id)
            ).limit(1)) is not None
        # Due anywhere on this computer (the actor's own failures keep the actor's rule: due for them).
        anywhere = {(a, c.value) for a, c in self._due(by, everywhere=True)} if elsewhere else here
        with self._ctx.write(by) as session:
            for row in session.scalars(select(ReminderFailure)).all():  # a few rows: the failures still waiting
                ours = by.territory_id is None or row.territory_id == by.territory_id
                if (row.appointment_id, row.channel) not in (here if ours else anywhere):
                    session.delete(row)
            session.flush()
            territories = dict(session.execute(select(Youth.id, Youth.territory_id).where(
                Youth.id.in_({r.youth_id for r in failed}))).all()) if failed else {}
            for r in failed:
                row = session.scalar(select(ReminderFailure).where(
                    ReminderFailure.appointment_id == r.appointment_id, ReminderFailure.channel == r.channel.value))
                if row is None:
                    session.add(ReminderFailure(
                        appointment_id=r.appointment_id, channel=r.channel.value, youth_id=r.youth_id,
                        territory_id=territories.get(r.youth_id), first_failed_at=now, failed_at=now, tries=1,
                        message=r.message))
                else:
                    row.failed_at, row.tries, row.message = now, row.tries + 1, r.message

    def failures(self, *, by: Actor) -> list[ReminderFailureView]:
        """The automatic reminders that failed on this computer and are still to send, newest first: for the
        administrator (no name, no address: the youth's initials and file number)."""
        if self._guard is not None:
            self._guard.require(by, Action.SETTINGS_MANAGE, entity="messaging")
        with self._ctx.read() as session:
            rows = session.execute(
                select(ReminderFailure, Youth.first_name, Youth.last_name)
                .join(Youth, Youth.id == ReminderFailure.youth_id)
                .where(Youth.deleted_at.is_(None))
                .order_by(ReminderFailure.failed_at.desc(), ReminderFailure.id)
            ).all()
            return [
                ReminderFailureView(
                    failed_at=f.failed_at, first_failed_at=f.first_failed_at, tries=f.tries,
                    channel=ReminderChannel(f.channel), youth_reference=youth_reference(f.youth_id, first, last),
                    message=f.message, appointment_id=f.appointment_id)
                for f, first, last in rows
            ]

    def _may(self, by: Actor, youth_id: str) -> bool:
        return self._guard is None or self._guard.allows(by, Action.INTAKE_EDIT, youth_id=youth_id) \
            or self._guard.allows(by, Action.CASE_EDIT, youth_id=youth_id)

    def _batch(self, pairs: Iterable[tuple[str, ReminderChannel]], cancel: threading.Event | None,
               send: Callable[[str, ReminderChannel], ReminderResult]) -> ReminderReport:
        """Send each (appointment, channel) in turn: a refusal or a missing address skips one, a failure does not
        stop the batch, and a channel whose server is down is not tried again for the next youths."""
        results: list[ReminderResult] = []
        unreachable: dict[ReminderChannel, str] = {}
        for appointment_id, channel in pairs:
            if cancel is not None and cancel.is_set():
                break
            if channel in unreachable:
                results.append(self._result(appointment_id, channel, ReminderOutcome.FAILED, unreachable[channel]))
                continue
            try:
                results.append(send(appointment_id, channel))
            except MessagesRefused as refused:
                results.append(self._result(appointment_id, channel, ReminderOutcome.SKIPPED, str(refused)))
            except SendFailed as failed:
                if failed.unreachable:
                    unreachable[channel] = str(failed)
                results.append(self._result(appointment_id, channel, ReminderOutcome.FAILED, str(failed)))
            except DomainError as skipped:  # no address, no mobile number, no settings
                results.append(self._result(appointment_id, channel, ReminderOutcome.SKIPPED, str(skipped)))
        return ReminderReport(tuple(results))

    def send_session_reminders(
        self, *, session_id: str, channels: Sequence[ReminderChannel | str] = (ReminderChannel.EMAIL,
                                                                                ReminderChannel.SMS),
        by: Actor, cancel: threading.Event | None = None,
    ) -> ReminderReport:
        """A reminder to every youth expected at the session, by each channel they can be reached on; those
        already reminded are not reminded twice, a failure leaves the reminder to send and the batch goes on."""
        with self._ctx.read() as session:
            invitations = session.scalars(select(IntakeInvitation).where(
                IntakeInvitation.session_id == session_id, IntakeInvitation.deleted_at.is_(None))).all()
            row = session.get(IntakeSession, session_id)
            if row is None or row.deleted_at is not None:
                raise NotFound("Cette séance n'existe plus sur cet ordinateur.")
            if row.cancelled:
                raise DomainError("Cette séance est annulée : pas de rappel.")
            expected = sorted((i for i in invitations if i.status in EXPECTED), key=lambda i: i.slot_index)
            ids = [i.id for i in expected]
        return self._batch(_each_channel(ids, channels), cancel, lambda invitation_id, channel: self.send_reminder(
            appointment_id=invitation_id, channel=channel, by=by))

    def reminders_sent(self, *, appointment_ids: Sequence[str]) -> dict[str, str]:
        """appointment id → the reminders sent for it (« courriel 16/03, SMS 16/03 »), for the session's list."""
        with self._ctx.read() as session:
            return reminders_sent_in(session, appointment_ids)

    # ---- plumbing ----------------------------------------------------------------------------------

    def _result(self, invitation_id: str, channel: ReminderChannel, outcome: ReminderOutcome,
                message: str) -> ReminderResult:
        with self._ctx.read() as session:
            invitation = session.get(IntakeInvitation, invitation_id)
            row = invitation if invitation is not None else session.get(JointIntake, invitation_id)
            youth = live_youth(session, row.youth_id)
            return ReminderResult(youth.id, f"{youth.first_name} {youth.last_name}", channel, outcome, message,
                                  appointment_id=invitation_id)

    def _require(self, by: Actor, youth_id: str) -> None:
        if self._guard is not None and not self._guard.allows(by, Action.INTAKE_EDIT, youth_id=youth_id):
            self._guard.require(by, Action.CASE_EDIT, youth_id=youth_id, entity="appointment")

    def _now(self) -> datetime:
        """Now; when the services run on a fixed day (tests, demo), noon of that day — never after it."""
        now = self._clock()
        today = self._ctx.today()
        if to_paris(now).date() <= today:
            return now
        return datetime(today.year, today.month, today.day, 12, tzinfo=UTC)


_NOT_SET = ("Aucun réglage n'indique {what} de {org} sur cet ordinateur : un administrateur doit le renseigner "
            "dans Administration › Messagerie. Rien n'a été envoyé.")


def reminders_sent_in(session: LocalSession, appointment_ids: Sequence[str]) -> dict[str, str]:
    rows = session.execute(
        select(ContactAttempt.appointment_id, ContactAttempt.channel, ContactAttempt.attempted_at,
               ContactAttempt.answer)
        .where(ContactAttempt.appointment_id.in_(list(appointment_ids)), ContactAttempt.automatic.is_(True),
               ContactAttempt.channel.in_([ContactChannel.EMAIL, ContactChannel.SMS]),
               ContactAttempt.deleted_at.is_(None))
        .order_by(ContactAttempt.attempted_at)
    ).all()
    out: dict[str, list[str]] = {}
    for appointment_id, channel, at, answer in rows:
        label = "courriel" if channel is ContactChannel.EMAIL else "SMS"
        # A notice (the appointment changed or is cancelled) is said as such; a reminder by its channel alone.
        notice = next((k.label.lower() + " " for k in NoticeKind if (answer or "").startswith(k.label + " par")), "")
        out.setdefault(appointment_id, []).append(f"{notice}{label} {format_date_short(to_paris(at).date())[:5]}")
    return {k: ", ".join(v) for k, v in out.items()}


def reachable_by_message(email: str | None, phone: str | None, refused: bool) -> bool:
    """Whether an e-mail or an SMS can tell the youth anything: they did not refuse messages, and have an address
    or a mobile number. Those who cannot are told by letter (a cancellation letter, issue 18)."""
    return not refused and bool(email or is_mobile(phone))


def is_mobile(phone: str | None) -> bool:
    """A number an SMS can go to (a French mobile, or a foreign number); False for none or a landline."""
    if not phone:
        return False
    try:
        international_number(phone)
    except DomainError:
        return False
    return True


def _already_sent(session: LocalSession, appointment_id: str, channel: ReminderChannel, *,
                  since: datetime | None = None, mentioning: str | None = None) -> bool:
    stmt = select(ContactAttempt.id).where(
        ContactAttempt.appointment_id == appointment_id, ContactAttempt.channel == channel.contact_channel,
        ContactAttempt.automatic.is_(True), ContactAttempt.deleted_at.is_(None))
    if since is not None:
        stmt = stmt.where(ContactAttempt.attempted_at >= since)
    if mentioning is not None:  # what was sent names the appointment's date and time
        stmt = stmt.where(ContactAttempt.answer.contains(mentioning, autoescape=True))
    return session.scalar(stmt.limit(1)) is not None


def _ics(a: Appointment, *, now: datetime) -> bytes:
    return appointment_ics(
        uid=f"{a.kind.value}-{a.id}@pac-desktop", starts_at=a.starts_at, ends_at=a.ends_at,
        summary=f"{a.kind.label} — {a.organisation_name}", location=", ".join(
            p for p in (a.place, a.address if a.address != a.place else "") if p),
        description=ics_description(a), organiser_name=a.organisation_name, organiser_email=a.email, now=now,
    ).encode("utf-8")


def _org_address(org: Organisation | None) -> str:
    if org is None:
        return ""
    town = " ".join(p for p in (org.postcode, org.town) if p)
    return ", ".join(p for p in (org.name, org.address, town) if p)


def _slot_appointment(session: LocalSession, invitation_id: str) -> Appointment:
    invitation = session.get(IntakeInvitation, invitation_id)
    if invitation is None or invitation.deleted_at is not None:
        raise NotFound("Cette invitation n'existe plus sur cet ordinateur.")
    row = session.get(IntakeSession, invitation.session_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Cette séance n'existe plus sur cet ordinateur.")
    youth = live_youth(session, invitation.youth_id)
    host = session.get(Organisation, row.host_organisation_id) if row.host_organisation_id else None
    names = [f"{s.first_name} {s.last_name}" for s in session.scalars(
        select(Staff).join(IntakeSessionCounsellor, IntakeSessionCounsellor.staff_id == Staff.id).where(
            IntakeSessionCounsellor.session_id == row.id, IntakeSessionCounsellor.deleted_at.is_(None)))]
    start = slot_start(row.starts_at, row.slot_minutes, invitation.slot_index)
    return Appointment(
        kind=AppointmentKind.SESSION_SLOT, id=invitation.id, youth_id=youth.id, youth_first_name=youth.first_name,
        starts_at=start, ends_at=start + timedelta(minutes=row.slot_minutes), place=row.place,
        organisation_id=host.id if host else None, organisation_name=(host.name if host else "Passeport Accueil "
                                                                                                "Commun"),
        address=_org_address(host), phone=host.phone if host else None, email=host.email if host else None,
        with_names=tuple(sorted(names)), title="Accueil commun",
    )


def _next_appointment(session: LocalSession, intake_id: str) -> Appointment:
    intake = session.get(JointIntake, intake_id)
    if intake is None or intake.deleted_at is not None or intake.next_appointment_at is None:
        raise NotFound("Ce rendez-vous n'existe pas (ou plus) sur cet ordinateur.")
    youth = live_youth(session, intake.youth_id)
    staff = session.get(Staff, intake.next_appointment_staff_id) if intake.next_appointment_staff_id else None
    org_id = staff.organisation_id if staff else intake.host_organisation_id
    org = session.get(Organisation, org_id) if org_id else None
    return Appointment(
        kind=AppointmentKind.NEXT_APPOINTMENT, id=intake.id, youth_id=youth.id, youth_first_name=youth.first_name,
        starts_at=intake.next_appointment_at, ends_at=intake.next_appointment_at + timedelta(hours=1),
        place=intake.next_appointment_place or (org.name if org else ""), organisation_id=org.id if org else None,
        organisation_name=org.name if org else "Passeport Accueil Commun", address=_org_address(org),
        phone=org.phone if org else None, email=org.email if org else None,
        with_names=(f"{staff.first_name} {staff.last_name}",) if staff else (), title="Rendez-vous de suivi",
    )


def _each_channel(ids: Sequence[str], channels: Sequence[ReminderChannel | str]) -> list[tuple[str, ReminderChannel]]:
    """Every appointment by every channel, youth after youth."""
    return [(appointment_id, ReminderChannel(channel)) for appointment_id in ids for channel in channels]
