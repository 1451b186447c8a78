"""Each organisation's messaging settings (issue 18): the SMTP password and the SMS key go to the OS keyring, never
to the store or its outbox; an administrator sets them and sends a test through a real local server."""

from __future__ import annotations

import pytest
from intake_builders import make_team
from messaging_servers import sms_gateway, smtp_server
from sqlalchemy import select

from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.messaging.sms import SmsGatewaySettings
from pac_desktop.security.keyring_store import InsecureKeyring, MessagingSecrets
from pac_desktop.services.messaging_settings import MessagingSettingsService
from pac_desktop.storage.models import AuditEvent, LocalSetting, OutboxEntry

PASSWORD = "mot-de-passe-smtp-2026"
KEY = "cle-passerelle-sms-2026"


def _dump(services) -> str:
    """Everything the store holds in the tables a secret could leak to."""
    with services.ctx.read() as s:
        rows = [*s.scalars(select(LocalSetting.value)), *s.scalars(select(OutboxEntry.fields)),
                *s.scalars(select(AuditEvent.detail))]
    return "\n".join(rows)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_secrets_live_in_the_keyring_and_a_test_message_goes_out(loaded_services):
    s = loaded_services
    team = make_team(s)
    org = team.admin.organisation_id
    with smtp_server(login=("cio-tarbes", PASSWORD)) as box, sms_gateway() as gw:
        s.messaging_settings.set_smtp(
            organisation_id=org, by=team.admin, password=PASSWORD,
            settings=SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                                  sender_address="accueil@cio-exemple.fr", sender_name="CIO de Tarbes"))
        s.messaging_settings.set_sms(organisation_id=org, by=team.admin, key=KEY,
                                     settings=SmsGatewaySettings(url=gw.url, sender="CIOTarbes"))
        s.messaging_settings.send_test_email(organisation_id=org, to="admin@cio-exemple.fr", by=team.admin)
        s.messaging_settings.send_test_sms(organisation_id=org, to="06 11 22 33 44", by=team.admin)
    assert box.messages[0]["Subject"] == "PAC Desktop : essai de la messagerie"
    assert gw.requests[0].headers["Authorization"] == f"Bearer {KEY}"
    assert MessagingSecrets().get("smtp", org) == PASSWORD and MessagingSecrets().get("sms", org) == KEY
    stored = _dump(s)
    assert PASSWORD not in stored and KEY not in stored
    assert "accueil@cio-exemple.fr" in stored  # the settings themselves are kept (on this computer only)
    with s.ctx.read() as db:
        assert not db.scalars(select(OutboxEntry).where(OutboxEntry.fields.like("%smtp%"))).all()
    shown = s.messaging_settings.organisation(org)
    assert shown.smtp_password_set and shown.sms_key_set and shown.smtp.username == "cio-tarbes"

    # None keeps the secret, "" removes it.
    s.messaging_settings.set_smtp(organisation_id=org, by=team.admin, password=None, settings=shown.smtp)
    assert MessagingSecrets().get("smtp", org) == PASSWORD
    s.messaging_settings.set_smtp(organisation_id=org, by=team.admin, password="", settings=shown.smtp)
    assert MessagingSecrets().get("smtp", org) is None


def test_only_administrators_and_sound_settings(loaded_services):
    s = loaded_services
    team = make_team(s)
    good = SmtpSettings(host="smtp.exemple.fr", sender_address="accueil@cio-exemple.fr")
    with pytest.raises(PermissionDenied):
        s.messaging_settings.set_smtp(organisation_id=team.lead.organisation_id, settings=good, password="x",
                                      by=team.lead)
    with pytest.raises(DomainError, match="expéditeur"):
        s.messaging_settings.set_smtp(organisation_id=team.admin.organisation_id, password=None, by=team.admin,
                                      settings=SmtpSettings(host="smtp.exemple.fr"))
    with pytest.raises(DomainError, match="https://"):
        s.messaging_settings.set_sms(organisation_id=team.admin.organisation_id, key=None, by=team.admin,
                                     settings=SmsGatewaySettings(url="passerelle"))


def test_an_insecure_keyring_is_refused_and_nothing_is_saved(loaded_services):
    from keyring.backends.fail import Keyring as FailKeyring

    s = loaded_services
    team = make_team(s)
    insecure = MessagingSettingsService(s.ctx, s.guard, MessagingSecrets(backend=FailKeyring()))
    with pytest.raises(InsecureKeyring, match="simple fichier"):
        insecure.set_smtp(organisation_id=team.admin.organisation_id, password=PASSWORD, by=team.admin,
                          settings=SmtpSettings(host="smtp.exemple.fr", sender_address="a@exemple.fr"))
    assert insecure.smtp(team.admin.organisation_id) is None
