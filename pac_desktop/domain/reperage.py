"""Repérage (issue 18): reaching the youths on the dropout lists before anyone has met them.

A youth found on a list (or referred) is contacted — called, texted, written to, visited, reached through a
partner — until they come to a joint intake or the repérage ends another way. Every try is a **contact
attempt** (the synced ``contact_attempt`` row): its channel, whether the youth was reached, what they answered,
the next action and its due date, and, for the try that closes the repérage, its **outcome**.

Reminders sent by the application (e-mail, SMS) are contact attempts too (``automatic``); a youth who refused
messages (``Youth.contact_opt_out``) gets none.

Standard library only: the services, the server and the GUI share these words.
"""

from __future__ import annotations

import re
from datetime import date

from .enums import LabelledEnum
from .french import format_date_short


class ContactChannel(LabelledEnum):
    CALL = ("call", "Appel téléphonique")
    SMS = ("sms", "SMS")
    LETTER = ("letter", "Courrier")
    EMAIL = ("email", "Courriel")
    HOME_VISIT = ("home_visit", "Visite à domicile")
    PARTNER = ("partner", "Par un partenaire")


#: Channels that send the youth a message: never used for a youth who refused messages.
MESSAGE_CHANNELS: frozenset[ContactChannel] = frozenset({ContactChannel.SMS, ContactChannel.EMAIL})


class ContactOutcome(LabelledEnum):
    """How the repérage of a youth ended (the outcome of the attempt that closes it)."""

    CAME_TO_INTAKE = ("came_to_intake", "Venu(e) à un accueil commun")
    DECLINED = ("declined", "A décliné")
    UNREACHABLE = ("unreachable", "Injoignable")
    FOLLOWED_ELSEWHERE = ("followed_elsewhere", "Déjà suivi(e) ailleurs")
    MOVED_AWAY = ("moved_away", "A déménagé")


def messages_refused_text(since: date | None) -> str:
    """The case file header's words for a youth who refused messages: « … depuis le JJ/MM/AAAA » when known (a
    refusal noted before the date was kept, migration 0021, has none)."""
    return "Ne souhaite plus être contacté·e" + (f" depuis le {format_date_short(since)}" if since else "")


def messages_refused_detail(name: str, since: date | None, by_name: str | None) -> str:
    """What the refusal means, said on the worklist's line and beside the case file header."""
    noted = ""
    if since is not None:
        noted = f" Refus noté le {format_date_short(since)}" + (f" par {by_name}." if by_name else ".")
    return f"{name} ne souhaite plus être contacté·e par message : ni SMS ni courriel, rappels compris.{noted}"


#: After this many tries without reaching the youth, the worklist suggests closing as « Injoignable ».
UNREACHABLE_AFTER = 3

# The national student number (INE, « identifiant national élève »): 11 characters, digits and capital letters
# (10 digits and a letter for the education ministry's, 9 digits and 2 letters for the agricultural schools').
_INE = re.compile(r"[0-9]{9}[0-9A-Z][A-Z]", re.ASCII)
INE_LENGTH = 11


def clean_ine(value: str | None) -> str | None:
    """The INE as stored (capitals, no spaces), None when empty; ValueError with a French message if malformed."""
    if value is None:
        return None
    text = "".join(str(value).split()).upper()
    if not text:
        return None
    if not _INE.fullmatch(text):
        raise ValueError(
            f"INE : « {text} » n'est pas un identifiant national élève (11 caractères : 10 chiffres et une lettre, "
            "par exemple 1234567890A)."
        )
    return text
