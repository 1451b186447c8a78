"""Appointment reminders (issue 18) through the real services: the e-mail received by a real local SMTP server
(aiosmtpd) with the date in French and the .ics attached, the SMS recorded by a local HTTP gateway, each one a
contact attempt of the youth's file; a youth who refused messages gets none; a server down loses nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from messaging_servers import free_port, sms_gateway, smtp_server
from session_builders import make_session

from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.messaging.sms import SmsGatewaySettings
from pac_desktop.services.reminders import ReminderChannel, ReminderOutcome
from pac_desktop.services.reperage import MessagesRefused

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _configure(s, made, box, gw) -> None:
    admin = made.team.admin  # of the CIO de Tarbes, the session's host
    s.messaging_settings.set_smtp(
        organisation_id=admin.organisation_id, password="mdp-smtp-2026", by=admin,
        settings=SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                              sender_address="accueil@cio-exemple.fr", sender_name="CIO de Tarbes"))
    s.messaging_settings.set_sms(organisation_id=admin.organisation_id, key="cle-sms-2026", by=admin,
                                 settings=SmsGatewaySettings(url=gw.url, sender="CIOTarbes"))


def test_session_reminders_by_email_and_sms_each_a_contact_attempt(loaded_services):
    s = loaded_services
    made = make_session(s)
    lead = made.team.lead
    s.contacts.set_messages_refused(youth_id=made.youths["Zoé"], refused=True, by=lead)
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway() as gw:
        _configure(s, made, box, gw)
        report = s.reminders.send_session_reminders(session_id=made.session_id, by=lead)
        again = s.reminders.send_session_reminders(session_id=made.session_id, by=lead)

    outcomes = {(r.youth_name.split()[0], r.channel): r.outcome for r in report.results}
    assert outcomes == {
        ("Léa", ReminderChannel.EMAIL): ReminderOutcome.SENT, ("Léa", ReminderChannel.SMS): ReminderOutcome.SENT,
        ("Noé", ReminderChannel.EMAIL): ReminderOutcome.SKIPPED,  # no address in his file
        ("Noé", ReminderChannel.SMS): ReminderOutcome.SENT,
        ("Zoé", ReminderChannel.EMAIL): ReminderOutcome.SKIPPED,  # she refused messages
        ("Zoé", ReminderChannel.SMS): ReminderOutcome.SKIPPED,
    }
    assert "refusé de recevoir des messages" in next(r.message for r in report.results
                                                      if r.youth_name.startswith("Zoé"))
    assert again.count(ReminderOutcome.SENT) == 0 and again.count(ReminderOutcome.ALREADY_SENT) == 3

    # The e-mail, read back from the SMTP server: the date in French, the .ics attached and parseable.
    [mail] = box.messages
    assert mail["To"] == "lea.testfictive@exemple.fr"
    assert mail["Subject"] == "Rappel : votre accueil commun du mardi 17 mars 2026 à 14 h 00"
    body = mail.get_body(("plain",)).get_content()
    assert "Bonjour Léa," in body and "le mardi 17 mars 2026 à 14 h 00" in body
    assert "Lieu : CIO de Tarbes, salle Garonne" in body and "Maud Dufictif" in body
    [attachment] = [part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"]
    [event] = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 3, 17, 13, 0, tzinfo=UTC)  # 14 h 00 in Paris (CET)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    # The SMS, as the gateway received it (Noé's slot is the second one: 15 h 30).
    texts = {r.json()["to"]: r.json()["message"] for r in gw.requests}
    assert texts["+33798765432"].startswith("Rappel : votre accueil commun le mardi 17 mars à 15 h 30, CIO de Tarbes")
    assert {r.headers["Authorization"] for r in gw.requests} == {"Bearer cle-sms-2026"}

    # Each reminder sent is a contact attempt in the youth's file, automatic, for that appointment.
    attempts = s.contacts.attempts(youth_id=made.youths["Léa"], by=lead)
    assert {(a.channel, a.automatic, a.appointment_id, a.reached) for a in attempts} == {
        (ContactChannel.EMAIL, True, made.invitations["Léa"], None),
        (ContactChannel.SMS, True, made.invitations["Léa"], None)}
    assert not s.contacts.attempts(youth_id=made.youths["Zoé"], by=lead)
    with pytest.raises(MessagesRefused):
        s.reminders.send_reminder(appointment_id=made.invitations["Zoé"], channel="sms", by=lead, again=True)
    # The session's list says which reminders went.
    sent = s.reminders.reminders_sent(appointment_ids=list(made.invitations.values()))
    assert sent[made.invitations["Léa"]].startswith("courriel ") and "SMS" in sent[made.invitations["Léa"]]
    lines = {line.youth_name: line.reminders for line in s.convocations.session_list(
        session_id=made.session_id).lines}
    assert lines["Léa Testfictive"] == sent[made.invitations["Léa"]] and lines["Zoé Çelik-Fictive"] == ""


def test_a_server_down_loses_nothing_and_the_next_try_sends(loaded_services):
    s = loaded_services
    made = make_session(s)
    lead = made.team.lead
    with sms_gateway() as gw, smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box:
        _configure(s, made, box, gw)
        admin = made.team.admin
        down = SmtpSettings(host="127.0.0.1", port=free_port(), security="none", username="cio-tarbes",
                            sender_address="accueil@cio-exemple.fr")
        s.messaging_settings.set_smtp(organisation_id=admin.organisation_id, settings=down, password=None, by=admin)
        report = s.reminders.send_session_reminders(session_id=made.session_id, channels=["email"], by=lead)
        assert [r.outcome for r in report.results if r.youth_name.startswith("Léa")] == [ReminderOutcome.FAILED]
        assert "ne répond pas" in report.left_to_send[0].message
        assert not s.contacts.attempts(youth_id=made.youths["Léa"], by=lead)  # not sent: not recorded
        # The server is back: the reminder left to send goes now.
        up = SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                          sender_address="accueil@cio-exemple.fr")
        s.messaging_settings.set_smtp(organisation_id=admin.organisation_id, settings=up, password=None, by=admin)
        report = s.reminders.send_session_reminders(session_id=made.session_id, channels=["email"], by=lead)
    assert report.count(ReminderOutcome.SENT) == 2 and len(box.messages) == 2  # Léa and Zoé (Noé: no address)
    assert len(s.contacts.attempts(youth_id=made.youths["Léa"], by=lead)) == 1


def test_the_ics_of_a_session_slot(loaded_services, tmp_path):
    s = loaded_services
    made = make_session(s)
    path = s.reminders.save_ics(appointment_id=made.invitations["Noé"], path=tmp_path / "rdv.ics",
                                by=made.team.lead)
    [event] = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 3, 17, 14, 30, tzinfo=UTC)
    assert str(event["LOCATION"]).startswith("CIO de Tarbes, salle Garonne, CIO de Tarbes, 10 rue André-Fourcade")
    assert "Maud Dufictif" in str(event["DESCRIPTION"])
