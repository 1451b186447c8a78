"""Joint-intake sessions (issue 18): a half-day when the territory's team receives several youths in a row.

A **session** (« séance d'accueil commun ») has a date and a start time, a place, the counsellors of the
territory's team who will be there (one per role of the required team, pac_desktop.domain.enums.IntakeRole),
and a number of **slots** of the same length. A youth is **invited** into a slot: the invitation is a row of
the youth's file (it syncs with the repérage minimum, before any consent: partners must know the youth is
already invited). On the day, each slot opens as a joint intake (planned at the slot's time, the session's
counsellors already in the team) and the invitation keeps the intake's id.

Standard library only: the services, the documents and the GUI share these rules and words.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .enums import LabelledEnum
from .errors import DomainError
from .french import PARIS, format_date, to_paris

#: A joint intake takes about an hour and a half (both stages, the referent's designation).
DEFAULT_SLOT_MINUTES = 90
DEFAULT_SLOT_COUNT = 4
MAX_SLOT_COUNT = 12
MIN_SLOT_MINUTES = 15
MAX_SLOT_MINUTES = 240


class InvitationStatus(LabelledEnum):
    INVITED = ("invited", "Invité(e)")
    CONFIRMED = ("confirmed", "A confirmé sa venue")
    DECLINED = ("declined", "Ne viendra pas")
    CANCELLED = ("cancelled", "Invitation annulée")
    #: The slot was opened as a joint intake on the day (the intake then says how it went).
    OPENED = ("opened", "Accueil ouvert")


#: The invitations that hold their slot (a declined or cancelled one frees it).
HOLDING: frozenset[InvitationStatus] = frozenset(
    {InvitationStatus.INVITED, InvitationStatus.CONFIRMED, InvitationStatus.OPENED}
)
#: The invitations a reminder is for: the youth is expected.
EXPECTED: frozenset[InvitationStatus] = frozenset({InvitationStatus.INVITED, InvitationStatus.CONFIRMED})


def check_session_frame(*, starts_at: datetime, slot_count: int, slot_minutes: int, place: str) -> None:
    """A French DomainError when the session cannot be planned as typed."""
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be timezone-aware")
    if not place.strip():
        raise DomainError("Indiquez le lieu de la séance (l'adresse où les jeunes sont attendus).")
    if not 1 <= slot_count <= MAX_SLOT_COUNT:
        raise DomainError(f"Une séance compte de 1 à {MAX_SLOT_COUNT} créneaux.")
    if not MIN_SLOT_MINUTES <= slot_minutes <= MAX_SLOT_MINUTES:
        raise DomainError(
            f"Un créneau dure de {MIN_SLOT_MINUTES} minutes à {MAX_SLOT_MINUTES // 60} heures : "
            "vérifiez la durée."
        )
    end = slot_start(starts_at, slot_minutes, slot_count)
    if to_paris(end).date() != to_paris(starts_at).date():
        raise DomainError("La séance finirait après minuit : réduisez le nombre de créneaux ou leur durée.")


def slot_start(starts_at: datetime, slot_minutes: int, index: int) -> datetime:
    """The start of slot ``index`` (0-based)."""
    return starts_at + timedelta(minutes=slot_minutes * index)


def session_start(day: date, hour: int, minute: int) -> datetime:
    """The session's start as an aware datetime, from a day and a time of day in Paris."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def check_slot(index: int, slot_count: int) -> None:
    if not 0 <= index < slot_count:
        raise DomainError(f"Cette séance n'a pas de créneau n° {index + 1}.")


def check_not_past(starts_at: datetime, today: date, *, what: str = "planifier une séance") -> None:
    if to_paris(starts_at).date() < today:
        raise DomainError(
            f"Le {format_date(to_paris(starts_at).date())} est déjà passé : impossible de {what} à cette date."
        )
