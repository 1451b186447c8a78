"""French display helpers: dates, times, phone numbers, plurals. Standard library only, no locale.

We never rely on ``locale.setlocale``: it is process-wide, not thread-safe, and French locales are often
missing on Windows and in frozen builds, so month names and formats are spelled out here.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pac_desktop.domain.errors import DomainError

PARIS = ZoneInfo("Europe/Paris")

MONTHS: tuple[str, ...] = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# French thousands separator: a no-break space keeps "1 245" on one line.
_THOUSANDS_SEPARATOR = "\u00a0"


class DateParseError(DomainError, ValueError):
    """The text typed is not a date. A ValueError for parsers, a DomainError so the GUI shows the message."""


def format_date(d: date) -> str:
    """A date in words, "12 mars 2026"; the first day of the month is written "1er" ("1er avril 2026")."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def format_date_short(d: date) -> str:
    """A date in figures, "12/03/2026"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def to_paris(dt: datetime) -> datetime:
    """The same instant in Paris time. Naive datetimes are taken as UTC, as the database stores them."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(PARIS)


def format_time(dt: datetime) -> str:
    """A time of day, "14 h 05" or "9 h 00" (Paris time; French practice: no leading zero on the hour)."""
    local = to_paris(dt)
    return f"{local.hour} h {local.minute:02d}"


def format_datetime(dt: datetime) -> str:
    """A moment, "12 mars 2026 à 14 h 05", in Paris time."""
    local = to_paris(dt)
    return f"{format_date(local.date())} à {format_time(local)}"


# re.ASCII: \d would otherwise also match Arabic-Indic and other digits, which int() accepts silently.
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)


def parse_date_fr(text: str) -> date:
    """Read a date typed by a counsellor: "12/03/2026", "12-03-2026", "12.03.2026", "2026-03-12" or "12032026".

    Two-digit years are refused on purpose: for a birth date "09" could be 1909 or 2009.
    """
    cleaned = text.strip()
    if match := _DAY_FIRST.fullmatch(cleaned):
        day, month, year = match.group(1), match.group(3), match.group(4)
    elif match := _ISO.fullmatch(cleaned):
        year, month, day = match.groups()
    elif match := _COMPACT.fullmatch(cleaned):
        day, month, year = match.groups()
    else:
        if not cleaned:
            raise DateParseError("La date est vide : écrivez-la sous la forme JJ/MM/AAAA, par exemple 12/03/2026.")
        raise DateParseError(
            f"« {cleaned} » n'est pas une date reconnue : écrivez-la sous la forme JJ/MM/AAAA, par exemple 12/03/2026."
        )
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise DateParseError(f"« {cleaned} » n'existe pas dans le calendrier : vérifiez le jour et le mois.") from None


_PHONE_NOISE = re.compile(r"[\s.\-/()]")


def format_phone(raw: str) -> str:
    """A French phone number in pairs, "06 12 34 56 78", from "0612345678", "+33 6 12 34 56 78", "06.12.34.56.78" or "0033612345678".

    Anything that is not a ten-digit French number is returned unchanged: we never lose what was typed.
    """
    compact = raw.strip().replace("(0)", "")  # "+33 (0)6 ..." is a common way to write it
    compact = _PHONE_NOISE.sub("", compact)
    if compact.startswith("+33"):
        compact = "0" + compact[3:]
    elif compact.startswith("0033"):
        compact = "0" + compact[4:]
    if len(compact) != 10 or not compact.isascii() or not compact.isdigit() or compact[0] != "0" or compact[1] == "0":
        return raw
    return " ".join(compact[i : i + 2] for i in range(0, 10, 2))


def format_number(n: int) -> str:
    """A count such as "1 245", with a no-break space between thousands, as written in French."""
    return f"{n:,}".replace(",", _THOUSANDS_SEPARATOR)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun, "0 jeune", "1 jeune", "3 jeunes": in French 0 and 1 take the singular."""
    word = singular if abs(n) < 2 else (plural_form if plural_form is not None else singular + "s")
    return f"{format_number(n)} {word}"


def format_age(years: int) -> str:
    """An age, "17 ans" or "1 an"."""
    return plural(years, "an")


def relative_days(d: date, today: date) -> str:
    """A day relative to today, "aujourd'hui", "demain", "hier", "dans 3 jours", "il y a 5 jours"."""
    delta = (d - today).days
    if delta == 0:
        return "aujourd'hui"
    if delta == 1:
        return "demain"
    if delta == -1:
        return "hier"
    if delta > 0:
        return f"dans {plural(delta, 'jour')}"
    return f"il y a {plural(-delta, 'jour')}"
