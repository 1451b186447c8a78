"""The senders themselves (issue 18), against real local servers: an e-mail through aiosmtpd with a login, an
SMS through an HTTP server that records the request, the .ics file parsed back by an independent parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from messaging_servers import free_port, sms_gateway, smtp_server

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import PARIS
from pac_desktop.messaging import SendFailed
from pac_desktop.messaging.ics import appointment_ics, fold
from pac_desktop.messaging.mail import SmtpSettings, new_message, send_mail
from pac_desktop.messaging.sms import SmsGatewaySettings, international_number, send_sms


def _smtp(box, **kw) -> SmtpSettings:
    return SmtpSettings(host=box.host, port=box.port, security="none", sender_address="accueil@cio-exemple.fr",
                        sender_name="CIO de Tarbes", **kw)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_an_email_reaches_the_smtp_server_with_the_login():
    with smtp_server(login=("cio-tarbes", "s3cret-2026")) as box:
        settings = _smtp(box, username="cio-tarbes")
        message = new_message(settings, to="lea.testfictive@exemple.fr", subject="Rendez-vous mardi 17 mars",
                              text="Bonjour Léa, à mardi 17 mars 2026 à 14 h 00.")
        send_mail(settings, message, password="s3cret-2026")
        with pytest.raises(SendFailed, match="identifiant ou le mot de passe") as refused:
            send_mail(settings, message, password="faux")
        with pytest.raises(DomainError, match="accentué"):
            send_mail(settings, message, password="s3cret-é")
    assert not refused.value.unreachable
    [received] = box.messages
    assert received["To"] == "lea.testfictive@exemple.fr"
    assert received["From"] == "CIO de Tarbes <accueil@cio-exemple.fr>"
    assert "à mardi 17 mars 2026 à 14 h 00" in received.get_content()


def test_an_unreachable_smtp_server_says_so_in_french():
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="none", sender_address="a@exemple.fr")
    with pytest.raises(SendFailed, match="ne répond pas") as failed:
        send_mail(settings, new_message(settings, to="x@exemple.fr", subject="s", text="t"), password=None,
                  timeout=3)
    assert failed.value.unreachable


def test_an_sms_goes_to_the_gateway_as_configured():
    with sms_gateway() as gw:
        settings = SmsGatewaySettings(url=gw.url, to_field="recipient", text_field="text", sender_field="from",
                                      sender="CIOTarbes", key_header="X-Api-Key", key_prefix="")
        send_sms(settings, key="cle-de-test", to="06 12 34 56 78", text="Rappel : mardi 17 mars à 14 h 00.")
        gw.status[0] = 401
        with pytest.raises(SendFailed, match="refusé la clé"):
            send_sms(settings, key="mauvaise", to="0612345678", text="x")
        form = SmsGatewaySettings(url=gw.url, body_format="form")
        gw.status[0] = 200
        send_sms(form, key="k", to="+33 7 98 76 54 32", text="Été")
    first, _, third = gw.requests
    assert first.path == "/v1/sms" and first.headers["X-Api-Key"] == "cle-de-test"
    assert first.json() == {"recipient": "+33612345678", "text": "Rappel : mardi 17 mars à 14 h 00.",
                            "from": "CIOTarbes"}
    assert third.headers["Authorization"] == "Bearer k"
    assert third.body == b"to=%2B33798765432&message=%C3%89t%C3%A9"


def test_an_unreachable_gateway_and_a_landline():
    settings = SmsGatewaySettings(url=f"http://127.0.0.1:{free_port()}/sms")
    with pytest.raises(SendFailed, match="ne répond pas") as failed:
        send_sms(settings, key="k", to="0612345678", text="x", timeout=3)
    assert failed.value.unreachable
    with pytest.raises(DomainError, match="portable"):
        international_number("05 62 00 00 00")


def test_the_ics_file_is_parsed_back():
    start = datetime(2026, 3, 17, 14, 0, tzinfo=PARIS)
    description = ("Accueil commun ; apportez une pièce d'identité, vos bulletins\net votre CV. "
                   "Avec Maud Dufictif, Paul Lessai, Sarah Rexemple et Claire Apprentest — « équipe » \\ fin.")
    text = appointment_ics(uid="3f2b1c9e-0000-4000-8000-000000000001@pac-desktop", starts_at=start,
                           ends_at=start + timedelta(minutes=90), summary="Accueil commun, CIO de Tarbes",
                           location="CIO de Tarbes, salle Garonne; 10 rue André-Fourcade, 65000 Tarbes",
                           description=description, organiser_name="CIO de Tarbes",
                           organiser_email="accueil@cio-exemple.fr", now=datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "a line longer than 75 octets"
    assert b"\n" not in raw.replace(b"\r\n", b"")  # only CRLF line ends
    calendar = icalendar.Calendar.from_ical(raw)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == start.astimezone(UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Accueil commun, CIO de Tarbes"
    assert str(event["LOCATION"]) == "CIO de Tarbes, salle Garonne; 10 rue André-Fourcade, 65000 Tarbes"
    assert str(event["DESCRIPTION"]) == description
    assert str(event["UID"]).startswith("3f2b1c9e")
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=2)


def test_folding_never_cuts_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line).encode("utf-8")
    parts = folded.split(b"\r\n ")
    assert all(len(p) <= 74 for p in parts[1:]) and len(parts[0]) <= 75
    assert b"".join(parts).decode("utf-8") == line
