"""Sending one SMS through the organisation's HTTP gateway (most French providers offer one): a POST whose
body (JSON or form) names the recipient, the text and the sender in the fields the provider expects, the key
in a header. Any 2xx answer means the gateway accepted the message."""

from __future__ import annotations

import json
import re
import ssl
from dataclasses import dataclass

from pac_desktop.domain.errors import DomainError

from . import SendFailed
from .mail import system_ssl_context

DEFAULT_TIMEOUT = 20.0
BODY_FORMATS = ("json", "form")


@dataclass(frozen=True)
class SmsGatewaySettings:
    """An organisation's SMS gateway. The key is not here: it lives in the OS keyring."""

    url: str
    body_format: str = "json"
    to_field: str = "to"
    text_field: str = "message"
    sender_field: str = "sender"
    #: The sender name shown on the phone (11 letters at most for most providers); empty: the provider's.
    sender: str = ""
    #: The header that carries the key, and what goes before it (« Bearer »).
    key_header: str = "Authorization"
    key_prefix: str = "Bearer "

    def check(self) -> None:
        if not re.fullmatch(r"https?://\S+", self.url.strip()):
            raise DomainError("Indiquez l'adresse (URL) de la passerelle SMS, commençant par https://.")
        if self.body_format not in BODY_FORMATS:
            raise DomainError("Choisissez le format des envois à la passerelle : JSON ou formulaire.")
        for name in (self.to_field, self.text_field):
            if not name.strip():
                raise DomainError("Indiquez le nom des champs « destinataire » et « texte » qu'attend la passerelle.")
        if not self.key_header.strip():
            raise DomainError("Indiquez l'en-tête qui porte la clé de la passerelle (souvent Authorization).")


_NOISE = re.compile(r"[\s.\-/()]")


def international_number(phone: str) -> str:
    """A French mobile number as the gateways want it, +33612345678; DomainError when it is not one."""
    compact = _NOISE.sub("", phone.strip().replace("(0)", ""))
    if compact.startswith("0033"):
        compact = "+33" + compact[4:]
    elif compact.startswith("0") and len(compact) == 10:
        compact = "+33" + compact[1:]
    if re.fullmatch(r"\+33[67]\d{8}", compact, re.ASCII):
        return compact
    if re.fullmatch(r"\+(?!33)\d{8,15}", compact, re.ASCII):
        return compact  # a foreign mobile written with its country code
    raise DomainError("Ce numéro n'est pas un numéro de portable (06 ou 07) : pas de SMS possible.")


def send_sms(settings: SmsGatewaySettings, *, key: str | None, to: str, text: str,
             timeout: float = DEFAULT_TIMEOUT, verify: ssl.SSLContext | bool | None = None) -> None:
    """Send one SMS; :class:`SendFailed` in French when the gateway cannot be reached or refuses."""
    import httpx  # here, not with the module: see sync.transport (its command line comes with it)

    body = {settings.to_field: international_number(to), settings.text_field: text}
    if settings.sender_field and settings.sender:
        body[settings.sender_field] = settings.sender
    headers = {"Accept": "application/json"}
    if key:
        headers[settings.key_header] = f"{settings.key_prefix}{key}"
    try:
        with httpx.Client(timeout=timeout, verify=system_ssl_context() if verify is None else verify) as client:
            if settings.body_format == "form":
                response = client.post(settings.url, data=body, headers=headers)
            else:
                response = client.post(settings.url, content=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                       headers={**headers, "Content-Type": "application/json; charset=utf-8"})
    except (httpx.ConnectError, httpx.TimeoutException, httpx.NetworkError, httpx.ProxyError):
        raise SendFailed(
            "La passerelle SMS ne répond pas. Vérifiez la connexion à Internet, puis réessayez : le SMS n'a pas été "
            "envoyé et reste à envoyer.", unreachable=True,
        ) from None
    except httpx.HTTPError:
        raise SendFailed("La passerelle SMS n'a pas pu être jointe correctement. Réessayez plus tard : le SMS n'a "
                         "pas été envoyé.", unreachable=True) from None
    if response.status_code in (401, 403):
        raise SendFailed(
            f"La passerelle SMS a refusé la clé (code {response.status_code}). Un administrateur doit la vérifier "
            "dans Administration › Messagerie. Le SMS n'a pas été envoyé.", unreachable=False,
        )
    if response.status_code == 429 or response.status_code >= 500:
        raise SendFailed(
            f"La passerelle SMS est momentanément indisponible (code {response.status_code}). Réessayez plus tard : "
            "le SMS n'a pas été envoyé et reste à envoyer.", unreachable=True,
        )
    if not 200 <= response.status_code < 300:
        raise SendFailed(
            f"La passerelle SMS a refusé le message (code {response.status_code}). Un administrateur doit vérifier "
            "les réglages de la passerelle (adresse, noms des champs, expéditeur). Le SMS n'a pas été envoyé.",
            unreachable=False,
        )
