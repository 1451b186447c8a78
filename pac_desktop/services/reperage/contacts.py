"""Contact attempts (issue 18): every try to reach a youth not yet met, and the youth's refusal of messages.

The staff of the youth's territory — counsellors and referents alike — note their tries
(:data:`~pac_desktop.security.roles.Action.CONTACT_RECORD`): a youth from a dropout list has no referent yet.
Reminders the application sends are noted the same way (``automatic=True``), in the sender's own unit of work
if need be (:func:`add_attempt_in`); a youth who refused messages gets no SMS and no e-mail
(:func:`messages_refused_in`, :class:`MessagesRefused`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS, format_date, to_paris
from pac_desktop.domain.reperage import MESSAGE_CHANNELS, ContactChannel, ContactOutcome
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.lookups import live_youth, organisation_names, staff_names
from pac_desktop.storage.models import ContactAttempt, Organisation, Staff, Youth
from pac_desktop.storage.outbox import LocalSession

from ..access import AccessGuard
from ..context import Actor, ServiceContext

#: A clock a little ahead on the computer that noted the try is not an attempt "in the future".
_CLOCK_SLACK = timedelta(minutes=10)
NEXT_ACTION_MAX = 200


class MessagesRefused(DomainError):
    """The youth refused messages: no SMS, no e-mail (a reminder is not sent either)."""


@dataclass(frozen=True)
class ContactAttemptView:
    id: str
    youth_id: str
    attempted_at: datetime
    channel: ContactChannel
    staff_id: str | None
    staff_name: str
    partner_organisation_id: str | None
    partner_name: str
    reached: bool | None
    answer: str
    next_action: str | None
    next_action_due: date | None
    outcome: ContactOutcome | None
    appointment_id: str | None
    automatic: bool

    @property
    def reached_label(self) -> str:
        return {True: "Joint(e)", False: "Non joint(e)", None: "Envoyé"}[self.reached]


def messages_refused_in(session: LocalSession, youth_id: str) -> bool:
    """Whether the youth refused messages (SMS, e-mail, reminders), read in the caller's unit of work."""
    return bool(session.scalar(select(Youth.contact_opt_out).where(Youth.id == youth_id)))


def add_attempt_in(
    session: LocalSession,
    *,
    youth_id: str,
    channel: ContactChannel,
    by: Actor | None,
    now: datetime,
    attempted_at: datetime | None = None,
    reached: bool | None = None,
    answer: str = "",
    next_action: str | None = None,
    next_action_due: date | None = None,
    outcome: ContactOutcome | None = None,
    partner_organisation_id: str | None = None,
    appointment_id: str | None = None,
    automatic: bool = False,
) -> str:
    """Check and add one contact attempt in the caller's unit of work (no role check: the caller made it);
    its id. DomainError in French when something does not hold, MessagesRefused for a message to a youth who
    refused them."""
    channel = ContactChannel(channel)
    outcome = ContactOutcome(outcome) if outcome is not None else None
    youth = live_youth(session, youth_id)
    when = attempted_at or now
    if when.tzinfo is None:
        raise DomainError("L'heure de la prise de contact doit être donnée avec son fuseau horaire.")
    if when > now + _CLOCK_SLACK:
        raise DomainError(
            f"La prise de contact est datée du {format_date(to_paris(when).date())}, dans le futur : "
            "notez-la une fois faite, et mettez ce qui reste à faire dans « Prochaine action »."
        )
    day = to_paris(when).date()
    if day < youth.birth_date:
        raise DomainError("La date de la prise de contact précède la date de naissance du jeune : vérifiez-la.")
    if channel in MESSAGE_CHANNELS and youth.contact_opt_out:
        raise MessagesRefused(
            f"{youth.first_name} {youth.last_name} a refusé de recevoir des messages : pas de "
            f"{channel.label.lower() if channel is ContactChannel.EMAIL else channel.label}. Appelez, écrivez "
            "un courrier ou passez par un partenaire."
        )
    if partner_organisation_id and session.get(Organisation, partner_organisation_id) is None:
        raise NotFound("Ce partenaire n'existe pas dans les données de référence.")
    next_action = (next_action or "").strip() or None
    if next_action is not None and len(next_action) > NEXT_ACTION_MAX:
        raise DomainError(f"« Prochaine action » est trop longue : {NEXT_ACTION_MAX} caractères au plus.")
    if outcome is not None and (next_action or next_action_due):
        raise DomainError(
            "Cette prise de contact clôt le repérage : elle n'a pas de prochaine action. Retirez l'une ou l'autre."
        )
    if next_action_due is not None and next_action_due < day:
        raise DomainError(
            f"La prochaine action est prévue le {format_date(next_action_due)}, avant la prise de contact : "
            "vérifiez la date."
        )
    staff_id = by.staff_id if by is not None else None
    if staff_id is not None and session.get(Staff, staff_id) is None:
        staff_id = None
    attempt = ContactAttempt(
        case_id=youth.id,
        youth_id=youth.id,
        attempted_at=when,
        channel=channel,
        staff_id=staff_id,
        partner_organisation_id=partner_organisation_id or None,
        reached=reached,
        answer=(answer or "").strip(),
        next_action=next_action,
        next_action_due=next_action_due if next_action or next_action_due else None,
        outcome=outcome,
        appointment_id=appointment_id,
        automatic=automatic,
    )
    session.add(attempt)
    session.flush()
    return attempt.id


def attempts_in(session: LocalSession, youth_id: str) -> tuple[ContactAttemptView, ...]:
    """A youth's contact attempts, newest first."""
    rows = session.scalars(
        select(ContactAttempt)
        .where(ContactAttempt.youth_id == youth_id, ContactAttempt.deleted_at.is_(None))
        .order_by(ContactAttempt.attempted_at.desc(), ContactAttempt.id)
    ).all()
    staff = staff_names(session, (r.staff_id for r in rows))
    partners = organisation_names(session, (r.partner_organisation_id for r in rows))
    return tuple(
        ContactAttemptView(
            id=r.id, youth_id=r.youth_id, attempted_at=r.attempted_at, channel=r.channel, staff_id=r.staff_id,
            staff_name=staff.get(r.staff_id or "", "") if not r.automatic else "Envoi automatique",
            partner_organisation_id=r.partner_organisation_id,
            partner_name=partners.get(r.partner_organisation_id or "", ""), reached=r.reached, answer=r.answer,
            next_action=r.next_action, next_action_due=r.next_action_due, outcome=r.outcome,
            appointment_id=r.appointment_id, automatic=r.automatic,
        )
        for r in rows
    )


class ContactService:
    """Note and read the tries to reach a youth; their refusal of messages; who is in charge of reaching them."""

    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def now(self) -> datetime:
        """What « now » is for a contact attempt noted here (the dialog's default time)."""
        return self._now()

    def _now(self) -> datetime:
        """Now; on a context whose day is not today's (tests fix the day), noon of that day in Paris."""
        now = utcnow()
        today = self._ctx.today()
        if to_paris(now).date() == today:
            return now
        return datetime.combine(today, time(12), tzinfo=PARIS).astimezone(UTC)

    def _require(self, by: Actor | None, action: Action, *, youth_id: str, entity: str = "contact_attempt") -> None:
        if self._guard is not None:
            self._guard.require(by, action, youth_id=youth_id, entity=entity)

    def record_attempt(
        self,
        *,
        youth_id: str,
        channel: ContactChannel,
        by: Actor,
        attempted_at: datetime | None = None,
        reached: bool | None = None,
        answer: str = "",
        next_action: str | None = None,
        next_action_due: date | None = None,
        outcome: ContactOutcome | None = None,
        partner_organisation_id: str | None = None,
        appointment_id: str | None = None,
        automatic: bool = False,
    ) -> str:
        """Note one try to reach the youth (``attempted_at``: now when not given); its id."""
        self._require(by, Action.CONTACT_RECORD, youth_id=youth_id)
        with self._ctx.write(by) as session:
            return add_attempt_in(
                session, youth_id=youth_id, channel=channel, by=by, now=self._now(), attempted_at=attempted_at,
                reached=reached, answer=answer, next_action=next_action, next_action_due=next_action_due,
                outcome=outcome, partner_organisation_id=partner_organisation_id, appointment_id=appointment_id,
                automatic=automatic,
            )

    def attempts(self, *, youth_id: str, by: Actor) -> tuple[ContactAttemptView, ...]:
        """The youth's contact attempts, newest first (anyone who may see the file)."""
        self._require(by, Action.CASE_VIEW, youth_id=youth_id, entity="youth")
        with self._ctx.read() as session:
            live_youth(session, youth_id)
            return attempts_in(session, youth_id)

    def messages_refused(self, *, youth_id: str) -> bool:
        """Whether the youth refused messages: no SMS, no e-mail, no reminder."""
        with self._ctx.read() as session:
            live_youth(session, youth_id)
            return messages_refused_in(session, youth_id)

    def set_messages_refused(self, *, youth_id: str, refused: bool, by: Actor) -> None:
        """Record that the youth refuses (or accepts again) messages, when and by whom (synced with it)."""
        self._require(by, Action.CONTACT_RECORD, youth_id=youth_id, entity="youth")
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if youth.contact_opt_out != refused:
                youth.contact_opt_out = refused
                youth.contact_opt_out_at = self._now()
                staff_id = by.staff_id if by is not None else None
                youth.contact_opt_out_by = staff_id if staff_id and session.get(Staff, staff_id) else None

    def assign(self, *, youth_ids: list[str] | tuple[str, ...], staff_id: str | None, by: Actor) -> int:
        """Put ``staff_id`` (None: nobody) in charge of contacting these youths; how many changed."""
        for youth_id in youth_ids:
            self._require(by, Action.CONTACT_RECORD, youth_id=youth_id, entity="youth")
        with self._ctx.write(by) as session:
            if staff_id is not None:
                staff = session.get(Staff, staff_id)
                if staff is None or staff.deleted_at is not None or not staff.active:
                    raise NotFound("Ce membre du personnel n'existe pas ou n'est plus actif.")
            changed = 0
            for youth_id in youth_ids:
                youth = live_youth(session, youth_id)
                if youth.contact_staff_id != staff_id:
                    youth.contact_staff_id = staff_id
                    changed += 1
            return changed
