"""Sending one e-mail through the organisation's SMTP server (smtplib): STARTTLS, implicit TLS or none (a relay
on the organisation's own network), with a login when the server asks for one."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from pac_desktop.domain.errors import DomainError

from . import SendFailed

SECURITY_CHOICES = ("starttls", "ssl", "none")
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True)
class SmtpSettings:
    """An organisation's SMTP server. The password is not here: it lives in the OS keyring."""

    host: str
    port: int = 587
    #: "starttls" (port 587), "ssl" (implicit TLS, port 465) or "none" (a relay of the local network).
    security: str = "starttls"
    #: Empty: the server takes messages without a login (a relay that knows the computer).
    username: str = ""
    sender_address: str = ""
    sender_name: str = ""

    def check(self) -> None:
        if not self.host.strip():
            raise DomainError("Indiquez l'adresse du serveur de courriel (par exemple smtp.exemple.fr).")
        if not 1 <= self.port <= 65535:
            raise DomainError("Le port du serveur de courriel est un nombre entre 1 et 65535 (souvent 587 ou 465).")
        if self.security not in SECURITY_CHOICES:
            raise DomainError("Choisissez la sécurité de la connexion : STARTTLS, SSL/TLS ou aucune.")
        if "@" not in self.sender_address or self.sender_address.strip() != self.sender_address:
            raise DomainError("Indiquez l'adresse d'expéditeur des rappels (par exemple accueil@cio-exemple.fr).")


def check_login_text(username: str, password: str) -> None:
    """SMTP logins travel as ASCII (smtplib): an accented login or password cannot be sent."""
    if not (username.isascii() and password.isascii()):
        raise DomainError("L'identifiant ou le mot de passe du serveur de courriel contient un caractère accentué "
                          "ou spécial que le protocole de courriel ne sait pas transmettre : choisissez-en un sans "
                          "accent auprès du fournisseur de messagerie.")


def system_ssl_context() -> ssl.SSLContext:
    """The operating system's certificate store (as the sync: agency proxies and private authorities)."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def new_message(settings: SmtpSettings, *, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((settings.sender_name, settings.sender_address)) if settings.sender_name \
        else settings.sender_address
    message["To"] = to
    message["Subject"] = subject
    domain = settings.sender_address.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text)
    return message


def send_mail(settings: SmtpSettings, message: EmailMessage, *, password: str | None,
              timeout: float = DEFAULT_TIMEOUT, context: ssl.SSLContext | None = None) -> None:
    """Send ``message``; :class:`SendFailed` in French when the server cannot be reached or refuses."""
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout,
                                                    context=context or system_ssl_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with client:
            client.ehlo()
            if settings.security == "starttls":
                client.starttls(context=context or system_ssl_context())
                client.ehlo()
            if settings.username:
                check_login_text(settings.username, password or "")
                client.login(settings.username, password or "")
            client.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise SendFailed(
            f"Le serveur de courriel ({where}) a refusé l'identifiant ou le mot de passe. Un administrateur doit "
            "les vérifier dans Administration › Messagerie. Le rappel n'a pas été envoyé.", unreachable=False,
        ) from None
    except smtplib.SMTPRecipientsRefused:
        raise SendFailed(
            "Le serveur de courriel a refusé l'adresse du jeune : vérifiez-la dans son dossier. Le rappel n'a pas "
            "été envoyé.", unreachable=False,
        ) from None
    except smtplib.SMTPSenderRefused:
        raise SendFailed(
            f"Le serveur de courriel ({where}) refuse d'envoyer au nom de l'adresse d'expéditeur choisie. Un "
            "administrateur doit la corriger dans Administration › Messagerie. Le rappel n'a pas été envoyé.",
            unreachable=False,
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise SendFailed(
            f"Le serveur de courriel ({where}) ne propose pas ce que les réglages demandent (connexion chiffrée "
            "STARTTLS ou identification). Un administrateur doit vérifier la sécurité choisie dans Administration "
            "› Messagerie. Le rappel n'a pas été envoyé.", unreachable=False,
        ) from None
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, TimeoutError, ConnectionError, socket.gaierror):
        raise SendFailed(
            f"Le serveur de courriel ({where}) ne répond pas. Vérifiez la connexion à Internet, puis réessayez : "
            "le rappel n'a pas été envoyé et reste à envoyer.", unreachable=True,
        ) from None
    except ssl.SSLError:
        raise SendFailed(
            f"La connexion chiffrée au serveur de courriel ({where}) a échoué (certificat non reconnu ou mauvais "
            "port pour la sécurité choisie). Un administrateur doit vérifier les réglages de messagerie. Le rappel "
            "n'a pas été envoyé.", unreachable=False,
        ) from None
    except smtplib.SMTPResponseException as error:
        raise SendFailed(
            f"Le serveur de courriel ({where}) a refusé le message (code {error.smtp_code}). Réessayez plus tard ; "
            "si cela continue, un administrateur doit vérifier les réglages de messagerie. Le rappel n'a pas été "
            "envoyé.", unreachable=False,
        ) from None
    except OSError:
        raise SendFailed(
            f"Le serveur de courriel ({where}) ne répond pas. Vérifiez la connexion à Internet, puis réessayez : "
            "le rappel n'a pas été envoyé et reste à envoyer.", unreachable=True,
        ) from None
