"""The automatic reminders that failed (issue 18's leftovers): kept in the store, not only in memory, so that the
administrator sees them (date, channel, the youth's initials and file number, the reason in French) after a
restart or a `pac rappels envoyer` run; retried at the next pass, and forgotten once sent or no longer due.
Through a real local SMTP server (aiosmtpd) and a local SMS gateway."""

from __future__ import annotations

from datetime import date

import pytest
from messaging_servers import free_port, sms_gateway, smtp_server
from session_builders import make_session
from sqlalchemy import select

from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.domain.intake_sessions import InvitationStatus
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.messaging.sms import SmsGatewaySettings
from pac_desktop.services.registry import Services
from pac_desktop.services.reminders import ReminderChannel, ReminderOutcome
from pac_desktop.storage.models import OutboxEntry, ReminderFailure

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _on(store, day: date) -> Services:
    """The same store, the services as they run on ``day`` (a new Services: nothing kept in memory)."""
    return Services.build(store, today=lambda: day)


def _smtp(host: str, port: int) -> SmtpSettings:
    return SmtpSettings(host=host, port=port, security="none", username="cio-tarbes",
                        sender_address="accueil@cio-exemple.fr")


def test_failed_reminders_are_kept_shown_to_the_administrator_retried_and_cleared(loaded_services, store):
    s = loaded_services
    made = make_session(s)  # Tuesday 17 March 2026: Léa (mail, mobile), Noé (mobile), Zoé (mail)
    lead, admin = made.team.lead, made.team.admin
    org = admin.organisation_id
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box, sms_gateway(status=401) as gw:
        s.messaging_settings.set_smtp(organisation_id=org, settings=_smtp("127.0.0.1", free_port()),
                                      password="mdp-smtp-2026", by=admin)  # nobody listens there
        s.messaging_settings.set_sms(organisation_id=org, key="cle-perimee", by=admin,
                                     settings=SmsGatewaySettings(url=gw.url, sender="CIOTarbes"))
        first = _on(store, date(2026, 3, 16)).reminders.send_due_reminders(by=lead)
        assert first.count(ReminderOutcome.FAILED) == 4  # Léa ×2, Noé by SMS, Zoé by e-mail

        # Another run (the application restarted): the administrator sees them, without a name or an address.
        later = _on(store, date(2026, 3, 16))
        failures = later.reminders.failures(by=admin)
        by_key = {(f.appointment_id, f.channel): f for f in failures}
        assert set(by_key) == {
            (made.invitations["Léa"], ReminderChannel.EMAIL), (made.invitations["Léa"], ReminderChannel.SMS),
            (made.invitations["Noé"], ReminderChannel.SMS), (made.invitations["Zoé"], ReminderChannel.EMAIL)}
        lea_mail = by_key[(made.invitations["Léa"], ReminderChannel.EMAIL)]
        assert lea_mail.youth_reference == f"L. T. · {made.youths['Léa'][:8]}"
        assert "ne répond pas" in lea_mail.message and lea_mail.tries == 1
        assert "a refusé la clé (code 401)" in by_key[(made.invitations["Noé"], ReminderChannel.SMS)].message
        for f in failures:
            for personal in ("Léa", "Testfictive", "Noé", "Zoé", "exemple.fr", "06 12", "+336"):
                assert personal not in f.youth_reference + f.message
        with pytest.raises(PermissionDenied):
            later.reminders.failures(by=lead)  # a counsellor: not theirs to see (the settings are the admin's)
        with s.ctx.read() as session:  # this computer's: never synced
            assert session.scalar(select(OutboxEntry.ord).where(OutboxEntry.entity == "reminder_failure")) is None

        # The next pass tries again: still failing, counted, first date kept.
        later.reminders.send_due_reminders(by=lead)
        again = {(f.appointment_id, f.channel): f for f in later.reminders.failures(by=admin)}
        assert again[(made.invitations["Léa"], ReminderChannel.EMAIL)].tries == 2
        assert again[(made.invitations["Léa"], ReminderChannel.EMAIL)].first_failed_at == lea_mail.first_failed_at

        # The SMTP server is set right: the e-mails go, their failures are forgotten; the SMS still fail.
        s.messaging_settings.set_smtp(organisation_id=org, settings=_smtp(box.host, box.port), password=None,
                                      by=admin)
        sent = later.reminders.send_due_reminders(by=lead)
        assert sent.count(ReminderOutcome.SENT) == 2 and len(box.messages) == 2
        assert {(f.appointment_id, f.channel) for f in later.reminders.failures(by=admin)} == {
            (made.invitations["Léa"], ReminderChannel.SMS), (made.invitations["Noé"], ReminderChannel.SMS)}

        # Noé refuses messages: his reminder is no longer due, nor its failure. The gateway's key is renewed:
        # Léa's SMS goes, and nothing is left.
        s.contacts.set_messages_refused(youth_id=made.youths["Noé"], refused=True, by=lead)
        gw.status[0] = 200
        last = later.reminders.send_due_reminders(by=lead)
    assert [(r.youth_name, r.channel, r.outcome) for r in last.results] == [
        ("Léa Testfictive", ReminderChannel.SMS, ReminderOutcome.SENT)]
    assert later.reminders.failures(by=admin) == []
    with s.ctx.read() as session:
        assert session.scalar(select(ReminderFailure.id)) is None


def test_a_reminder_sent_by_hand_clears_its_failure(loaded_services, store):
    s = loaded_services
    made = make_session(s)
    lead, admin = made.team.lead, made.team.admin
    org = admin.organisation_id
    eve = _on(store, date(2026, 3, 16))
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box:
        s.messaging_settings.set_smtp(organisation_id=org, settings=_smtp("127.0.0.1", free_port()),
                                      password="mdp-smtp-2026", by=admin)
        eve.reminders.send_due_reminders(by=lead)
        assert len(eve.reminders.failures(by=admin)) == 2  # Léa, Zoé by e-mail
        s.messaging_settings.set_smtp(organisation_id=org, settings=_smtp(box.host, box.port), password=None,
                                      by=admin)
        # « Envoyer les rappels » on the session's page: Léa's and Zoé's go, and so do their failures.
        report = eve.reminders.send_session_reminders(session_id=made.session_id, channels=("email",), by=lead)
    assert report.count(ReminderOutcome.SENT) == 2
    assert eve.reminders.failures(by=admin) == []


def test_a_pass_forgets_the_failures_no_longer_due_in_every_territory_of_the_computer(loaded_services, store):
    """A computer holding two territories: Ariège's failures are forgotten by Tarbes's pass once no longer due
    (they used to wait for a pass of Ariège's); those still due stay, for Ariège's next pass to retry."""
    s = loaded_services
    tarbes = make_session(s)
    ariege = make_session(s, territory="ariege")
    eve = _on(store, date(2026, 3, 16))
    for made in (tarbes, ariege):  # nobody listens there: every e-mail reminder fails
        s.messaging_settings.set_smtp(organisation_id=made.team.admin.organisation_id, password="mdp-2026",
                                      settings=_smtp("127.0.0.1", free_port()), by=made.team.admin)
    eve.reminders.send_due_reminders(by=ariege.team.lead)
    eve.reminders.send_due_reminders(by=tarbes.team.lead)

    def kept() -> set[str]:
        with s.ctx.read() as session:
            return set(session.scalars(select(ReminderFailure.appointment_id)))

    assert kept() == {tarbes.invitations["Léa"], tarbes.invitations["Zoé"], ariege.invitations["Léa"],
                      ariege.invitations["Zoé"]}
    # Ariège: Zoé declines. Tarbes's next pass forgets her failure, and keeps Léa's, still due.
    s.intake_sessions.set_invitation_status(invitation_id=ariege.invitations["Zoé"],
                                            status=InvitationStatus.DECLINED, by=ariege.team.lead)
    eve.reminders.send_due_reminders(by=tarbes.team.lead)
    assert kept() == {tarbes.invitations["Léa"], tarbes.invitations["Zoé"], ariege.invitations["Léa"]}
    # Ariège's Léa refuses messages: hers goes at Tarbes's next pass.
    s.contacts.set_messages_refused(youth_id=ariege.youths["Léa"], refused=True, by=ariege.team.lead)
    eve.reminders.send_due_reminders(by=tarbes.team.lead)
    assert kept() == {tarbes.invitations["Léa"], tarbes.invitations["Zoé"]}
    # The other way round: Tarbes's session is cancelled, Ariège's pass forgets its failures.
    s.intake_sessions.cancel_session(session_id=tarbes.session_id, reason="Salle indisponible", by=tarbes.team.lead)
    eve.reminders.send_due_reminders(by=ariege.team.lead)
    assert kept() == set()
