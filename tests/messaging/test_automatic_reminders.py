"""Automatic reminders (issue 18): by the organisation's schedule (the day before by default), the reminders due
go out by themselves — once, through a real local SMTP server (aiosmtpd) and a local SMS gateway — not again on
the next run, never to a youth who refused messages, never for a cancelled session nor a declined invitation."""

from __future__ import annotations

from datetime import date

import pytest
from messaging_servers import free_port, sms_gateway, smtp_server
from session_builders import make_session

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.intake_sessions import InvitationStatus, session_start
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.messaging.sms import SmsGatewaySettings
from pac_desktop.services.messaging_settings import ReminderSchedule
from pac_desktop.services.registry import Services
from pac_desktop.services.reminders import ReminderChannel, ReminderOutcome

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _configure(s, made, box, gw) -> None:
    admin = made.team.admin
    s.messaging_settings.set_smtp(
        organisation_id=admin.organisation_id, password="mdp-smtp-2026", by=admin,
        settings=SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                              sender_address="accueil@cio-exemple.fr", sender_name="CIO de Tarbes"))
    if gw is not None:
        s.messaging_settings.set_sms(organisation_id=admin.organisation_id, key="cle-sms-2026", by=admin,
                                     settings=SmsGatewaySettings(url=gw.url, sender="CIOTarbes"))


def _on(store, day: date) -> Services:
    """The same store, the services as they run on ``day``."""
    services = Services.build(store, today=lambda: day)
    return services


def test_due_reminders_go_once_not_to_who_refused_nor_for_a_cancelled_session(loaded_services, store):
    s = loaded_services
    made = make_session(s)  # Tuesday 17 March 2026, 14 h 00: Léa, Noé, Zoé
    lead = made.team.lead
    s.contacts.set_messages_refused(youth_id=made.youths["Zoé"], refused=True, by=lead)
    other = s.intake_sessions.plan_session(
        starts_at=session_start(date(2026, 3, 17), 9, 0), place="Mission Locale de Tarbes", slot_count=2,
        slot_minutes=60, counsellors={r: a.staff_id for r, a in made.team.counsellors.items()}, by=lead)
    s.intake_sessions.move_invitation(invitation_id=made.invitations["Noé"], to_session_id=other, by=lead)
    s.intake_sessions.cancel_session(session_id=other, reason="Salle indisponible", by=lead)

    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway() as gw:
        _configure(s, made, box, gw)
        # 12 March: nothing is due yet (the day before by default: the 16th).
        assert s.messaging_settings.schedule(made.team.admin.organisation_id) == ReminderSchedule()
        assert s.reminders.due_reminders(by=lead) == []
        eve = _on(store, date(2026, 3, 16))
        assert set(eve.reminders.due_reminders(by=lead)) == {
            (made.invitations["Léa"], ReminderChannel.EMAIL), (made.invitations["Léa"], ReminderChannel.SMS)}
        first = eve.reminders.send_due_reminders(by=lead)
        second = eve.reminders.send_due_reminders(by=lead)  # the next tick
        on_the_day = _on(store, date(2026, 3, 17)).reminders.send_due_reminders(by=lead)

    assert [(r.youth_name, r.channel, r.outcome) for r in first.results] == [
        ("Léa Testfictive", ReminderChannel.EMAIL, ReminderOutcome.SENT),
        ("Léa Testfictive", ReminderChannel.SMS, ReminderOutcome.SENT)]
    assert second.results == () and on_the_day.results == ()
    [mail] = box.messages
    assert mail["To"] == "lea.testfictive@exemple.fr"
    assert mail["Subject"] == "Rappel : votre accueil commun du mardi 17 mars 2026 à 14 h 00"
    assert [r.json()["to"] for r in gw.requests] == ["+33612345678"]
    attempts = s.contacts.attempts(youth_id=made.youths["Léa"], by=lead)
    assert {(a.channel, a.automatic) for a in attempts} == {(ContactChannel.EMAIL, True), (ContactChannel.SMS, True)}
    # Zoé refused messages; Noé's session is cancelled: nothing sent, nothing recorded but the cancellation.
    assert not s.contacts.attempts(youth_id=made.youths["Zoé"], by=lead)
    assert [a.channel for a in s.contacts.attempts(youth_id=made.youths["Noé"], by=lead)] == [ContactChannel.LETTER]


def test_the_schedule_says_when_and_how(loaded_services, store):
    s = loaded_services
    made = make_session(s)
    lead, admin = made.team.lead, made.team.admin
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Zoé"],
                                            status=InvitationStatus.DECLINED, by=lead)
    with pytest.raises(DomainError, match="de 0"):
        s.messaging_settings.set_schedule(organisation_id=admin.organisation_id,
                                          schedule=ReminderSchedule(days_before=30), by=admin)
    s.messaging_settings.set_schedule(organisation_id=admin.organisation_id,
                                      schedule=ReminderSchedule(days_before=5, sms=False), by=admin)
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box:
        _configure(s, made, box, None)
        report = s.reminders.send_due_reminders(by=lead)  # 12 March: 5 days before the 17th
        s.messaging_settings.set_schedule(organisation_id=admin.organisation_id,
                                          schedule=ReminderSchedule(enabled=False), by=admin)
        assert _on(store, date(2026, 3, 16)).reminders.due_reminders(by=lead) == []
    # By e-mail only; Noé has no address (nothing due), Zoé declined.
    assert [(r.youth_name, r.channel, r.outcome) for r in report.results] == [
        ("Léa Testfictive", ReminderChannel.EMAIL, ReminderOutcome.SENT)]
    assert len(box.messages) == 1


def test_a_server_down_is_said_and_the_next_run_sends(loaded_services, store):
    s = loaded_services
    made = make_session(s)
    lead, admin = made.team.lead, made.team.admin
    eve = _on(store, date(2026, 3, 16))
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box:
        _configure(s, made, box, None)
        down = SmtpSettings(host="127.0.0.1", port=free_port(), security="none", username="cio-tarbes",
                            sender_address="accueil@cio-exemple.fr")
        s.messaging_settings.set_smtp(organisation_id=admin.organisation_id, settings=down, password=None, by=admin)
        failed = eve.reminders.send_due_reminders(by=lead)
        assert {r.outcome for r in failed.results} == {ReminderOutcome.FAILED}
        assert "ne répond pas" in failed.results[0].message
        up = SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                          sender_address="accueil@cio-exemple.fr")
        s.messaging_settings.set_smtp(organisation_id=admin.organisation_id, settings=up, password=None, by=admin)
        sent = eve.reminders.send_due_reminders(by=lead)
    assert sent.count(ReminderOutcome.SENT) == 2 and len(box.messages) == 2  # Léa and Zoé; Noé: no address


def test_the_next_appointment_of_an_intake_is_reminded_the_day_before(loaded_services, store):
    from intake_builders import fill_until_validation, make_team, new_youth

    from pac_desktop.services.casefile import CaseFileService

    s = loaded_services
    team = make_team(s)
    youth_id = new_youth(s, team)
    CaseFileService(s.ctx).update_identity(youth_id=youth_id, changes={"email": "lea.testfictive@exemple.fr"},
                                           by=team.lead)
    intake_id = s.intake.start(youth_id=youth_id, by=team.lead)
    fill_until_validation(s, team, intake_id)  # next appointment: Thursday 19 March 2026, 14 h 00
    referent_org = team.referents[0].organisation_id
    with smtp_server(login=("ml-tarbes", "mdp-smtp-2026")) as box:
        s.messaging_settings.set_smtp(
            organisation_id=referent_org, password="mdp-smtp-2026", by=team.admin,
            settings=SmtpSettings(host=box.host, port=box.port, security="none", username="ml-tarbes",
                                  sender_address="accueil@ml-exemple.fr"))
        assert _on(store, date(2026, 3, 17)).reminders.due_reminders(by=team.lead) == []
        eve = _on(store, date(2026, 3, 18))
        assert eve.reminders.due_reminders(by=team.lead) == [(intake_id, ReminderChannel.EMAIL)]
        report = eve.reminders.send_due_reminders(by=team.lead)
        assert eve.reminders.send_due_reminders(by=team.lead).results == ()
    assert [r.outcome for r in report.results] == [ReminderOutcome.SENT]
    [mail] = box.messages
    assert " ".join(mail["Subject"].split()) == "Rappel : votre rendez-vous du jeudi 19 mars 2026 à 14 h 00"
