"""A planned session changes (issue 18): moved to another day or place, its team changed, cancelled with a reason,
a youth moved to another slot or session — through the real services on a real store, the notices received by a
real local SMTP server (aiosmtpd) and a local SMS gateway, each one a contact attempt of the youth's file; the
cancelled session's youths show « À reconvoquer » in the Repérage worklist."""

from __future__ import annotations

import json
from datetime import date

import pytest
from intake_builders import new_youth
from messaging_servers import sms_gateway, smtp_server
from session_builders import SESSION_DAY, make_session
from sqlalchemy import select
from sync_helpers import sign_in_services

from pac_desktop.domain.appointments import NoticeKind
from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.intake_sessions import InvitationStatus, session_start
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.messaging.sms import SmsGatewaySettings
from pac_desktop.services.intake_sessions import RECONVOKE
from pac_desktop.services.reminders import ReminderChannel, ReminderOutcome
from pac_desktop.storage.models import OutboxEntry

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _configure(s, made, box, gw) -> None:
    admin = made.team.admin
    s.messaging_settings.set_smtp(
        organisation_id=admin.organisation_id, password="mdp-smtp-2026", by=admin,
        settings=SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                              sender_address="accueil@cio-exemple.fr", sender_name="CIO de Tarbes"))
    s.messaging_settings.set_sms(organisation_id=admin.organisation_id, key="cle-sms-2026", by=admin,
                                 settings=SmsGatewaySettings(url=gw.url, sender="CIOTarbes"))


def _team(made) -> dict[IntakeRole, str | None]:
    return {role: a.staff_id for role, a in made.team.counsellors.items()}


def test_a_moved_session_tells_its_youths_the_new_date(loaded_services, store):
    s = loaded_services
    made = make_session(s)
    lead = made.team.lead
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Noé"],
                                            status=InvitationStatus.DECLINED, by=lead)
    team = _team(made) | {IntakeRole.ML_COUNSELLOR: None}
    sign_in_services(s, lead.staff_id)
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway() as gw:
        _configure(s, made, box, gw)
        before = s.reminders.send_session_reminders(session_id=made.session_id, channels=["email"], by=lead)
    assert before.count(ReminderOutcome.SENT) == 2  # Léa and Zoé, for the 17th
    change = s.intake_sessions.update_session(
        session_id=made.session_id, starts_at=session_start(date(2026, 3, 19), 9, 30), place="CIO de Tarbes, salle 4",
        slot_count=4, slot_minutes=90, counsellors=team, notes="Salle 4 au premier étage.", by=lead)
    assert change.moved and change.to_tell == (made.invitations["Léa"], made.invitations["Zoé"])  # not Noé

    detail = s.intake_sessions.session(session_id=made.session_id)
    assert detail.label == "Séance du 19 mars 2026 à 9 h 30" and detail.place == "CIO de Tarbes, salle 4"
    assert IntakeRole.ML_COUNSELLOR in detail.missing_roles
    assert IntakeRole.ML_COUNSELLOR not in {c.role for c in detail.counsellors}
    # Reminded of the 17th: not of the 19th, so « Envoyer les rappels » sends again (the notice said it, below).
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway() as gw:
        _configure(s, made, box, gw)
        again = s.reminders.send_session_reminders(session_id=made.session_id, channels=["email"], by=lead)
        twice = s.reminders.send_session_reminders(session_id=made.session_id, channels=["email"], by=lead)
    assert again.count(ReminderOutcome.SENT) == 2 and twice.count(ReminderOutcome.ALREADY_SENT) == 2
    assert "jeudi 19 mars 2026 à 9 h 30" in box.messages[0].get_body(("plain",)).get_content()
    # The notes and the team alone: the youths have nothing new to learn.
    same = s.intake_sessions.update_session(
        session_id=made.session_id, starts_at=detail.starts_at, place=detail.place, slot_count=4, slot_minutes=90,
        counsellors=_team(made), notes="", by=lead)
    assert not same.moved and same.to_tell == ()

    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway() as gw:
        _configure(s, made, box, gw)
        report = s.reminders.send_notices(appointment_ids=change.to_tell, kind=NoticeKind.CHANGED, by=lead)
    assert report.count(ReminderOutcome.SENT) == 3  # Léa: e-mail and SMS; Zoé: e-mail (no phone)
    [mail_lea, mail_zoe] = sorted(box.messages, key=lambda m: m["To"])
    assert " ".join(mail_lea["Subject"].split()) == "Changement de votre accueil commun : jeudi 19 mars 2026 à 9 h 30"
    assert "Lieu : CIO de Tarbes, salle 4" in mail_lea.get_body(("plain",)).get_content()
    assert [p for p in mail_lea.iter_attachments() if p.get_content_type() == "text/calendar"]
    [sms] = [r.json() for r in gw.requests]
    assert sms["message"].startswith("Changement : votre accueil commun aura lieu le jeudi 19 mars à 9 h 30")
    attempts = [a for a in s.contacts.attempts(youth_id=made.youths["Léa"], by=lead)
                if a.answer.startswith("Changement par ")]
    assert {(a.channel, a.automatic, a.appointment_id) for a in attempts} == {
        (ContactChannel.EMAIL, True, made.invitations["Léa"]), (ContactChannel.SMS, True, made.invitations["Léa"])}
    with s.ctx.read() as db:  # on its way to the other computers, signed by who changed it (issue 12)
        [update] = db.scalars(select(OutboxEntry).where(OutboxEntry.entity == "intake_session",
                                                       OutboxEntry.row_id == made.session_id,
                                                       OutboxEntry.op == "update")).all()[:1]
        assert update.made_by == lead.staff_id and update.signature
        assert json.loads(update.fields)["place"] == "CIO de Tarbes, salle 4"


def test_a_session_cannot_shrink_under_an_invited_youth_nor_move_to_the_past(loaded_services):
    s = loaded_services
    made = make_session(s)
    lead = made.team.lead
    with pytest.raises(DomainError, match="gardez au moins 3 créneaux"):
        s.intake_sessions.update_session(
            session_id=made.session_id, starts_at=session_start(SESSION_DAY, 14, 0), place="CIO", slot_count=2,
            slot_minutes=90, counsellors=_team(made), by=lead)
    with pytest.raises(DomainError, match="déjà passé"):
        s.intake_sessions.update_session(
            session_id=made.session_id, starts_at=session_start(date(2026, 3, 2), 14, 0), place="CIO",
            slot_count=4, slot_minutes=90, counsellors=_team(made), by=lead)


def test_a_cancelled_session_tells_its_youths_and_they_are_to_reconvoke(loaded_services, store):
    s = loaded_services
    made = make_session(s)
    lead = made.team.lead
    s.contacts.set_messages_refused(youth_id=made.youths["Zoé"], refused=True, by=lead)
    cancelled = s.intake_sessions.cancel_session(session_id=made.session_id, reason="Grève des transports",
                                                 by=lead)
    assert set(cancelled) == set(made.invitations.values())
    detail = s.intake_sessions.session(session_id=made.session_id)
    assert detail.cancelled and detail.cancellation_reason == "Grève des transports"
    assert not detail.notes.startswith("Annulée")  # the reason is the session's own field, not a line of notes
    assert detail.cancelled_at is not None and detail.cancelled_by_name
    assert {v.invitation_id for v in detail.cancelled_with_session} == set(cancelled)
    assert {v.status for v in detail.released} == {InvitationStatus.CANCELLED}
    assert s.intake_sessions.cancel_session(session_id=made.session_id, reason="encore", by=lead) == ()

    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway() as gw:
        _configure(s, made, box, gw)
        report = s.reminders.send_notices(appointment_ids=cancelled, kind=NoticeKind.CANCELLED,
                                          reason="Grève des transports", by=lead)
    outcomes = {(r.youth_name.split()[0], r.channel): r.outcome for r in report.results}
    assert outcomes[("Léa", ReminderChannel.EMAIL)] is ReminderOutcome.SENT
    assert outcomes[("Zoé", ReminderChannel.EMAIL)] is ReminderOutcome.SKIPPED  # she refused messages
    assert {m["To"] for m in box.messages} == {"lea.testfictive@exemple.fr"}
    [mail] = box.messages
    assert " ".join(mail["Subject"].split()) == "Annulation de votre accueil commun du mardi 17 mars 2026 à 14 h 00"
    body = mail.get_body(("plain",)).get_content()
    assert "est annulé" in body and "Motif : Grève des transports" in body

    # Every youth the session had invited is « À reconvoquer » in the worklist, Zoé too (no message for her).
    page = s.worklist.search(by=lead)
    rows = {r.id: r for r in page.rows}
    for first in ("Léa", "Noé", "Zoé"):
        assert rows[made.youths[first]].next_action == RECONVOKE, first
        assert rows[made.youths[first]].next_action_due == date(2026, 3, 12)
    zoe = s.contacts.attempts(youth_id=made.youths["Zoé"], by=lead)
    assert [(a.channel, a.automatic) for a in zoe] == [(ContactChannel.LETTER, True)]
    assert "Séance du 17 mars 2026 à 14 h 00 annulée (Grève des transports)" in zoe[0].answer
    # A cancelled session takes no invitation, no change and sends no reminder.
    with pytest.raises(DomainError, match="annulée"):
        s.intake_sessions.update_session(
            session_id=made.session_id, starts_at=session_start(SESSION_DAY, 14, 0), place="CIO", slot_count=4,
            slot_minutes=90, counsellors=_team(made), by=lead)
    with pytest.raises(DomainError, match="annulée"):
        s.reminders.send_session_reminders(session_id=made.session_id, by=lead)


def test_a_youth_moves_to_another_slot_or_session(loaded_services, store):
    s = loaded_services
    made = make_session(s)
    lead = made.team.lead
    lea = made.invitations["Léa"]
    s.intake_sessions.set_invitation_status(invitation_id=lea, status=InvitationStatus.CONFIRMED, by=lead)
    assert s.intake_sessions.move_invitation(invitation_id=lea, to_session_id=made.session_id, slot_index=3,
                                             by=lead) == lea
    detail = s.intake_sessions.session(session_id=made.session_id)
    assert detail.slots[3].invitation_id == lea and detail.slots[3].status is InvitationStatus.CONFIRMED
    assert detail.slots[0].invitation_id is None
    with pytest.raises(DomainError, match="déjà pris"):
        s.intake_sessions.move_invitation(invitation_id=lea, to_session_id=made.session_id, slot_index=1, by=lead)

    other = s.intake_sessions.plan_session(
        starts_at=session_start(date(2026, 3, 24), 9, 0), place="Mission Locale de Tarbes", slot_count=2,
        slot_minutes=60, counsellors=_team(made), by=lead)
    moved = s.intake_sessions.move_invitation(invitation_id=lea, to_session_id=other, by=lead)
    assert moved != lea
    here = s.intake_sessions.session(session_id=made.session_id)
    assert here.slots[3].invitation_id is None
    assert [(v.youth_id, v.status) for v in here.released] == [(made.youths["Léa"], InvitationStatus.CANCELLED)]
    there = s.intake_sessions.session(session_id=other)
    assert (there.slots[0].youth_id, there.slots[0].status) == (made.youths["Léa"], InvitationStatus.INVITED)

    # Removed from a slot: the invitation is cancelled and the slot free again.
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Noé"],
                                            status=InvitationStatus.CANCELLED, by=lead)
    assert s.intake_sessions.session(session_id=made.session_id).slots[1].invitation_id is None
    newcomer = new_youth(s, made.team, first="Tom", last="Essaifictif", birth=date(2006, 4, 2))
    assert s.intake_sessions.invite(session_id=made.session_id, youth_id=newcomer, slot_index=1, by=lead)
