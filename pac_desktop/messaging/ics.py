"""An appointment as an iCalendar file (RFC 5545), written by hand: one VEVENT, times in UTC, text escaped
(§3.3.11) and lines folded at 75 octets without cutting a UTF-8 character (§3.1), CRLF line ends."""

from __future__ import annotations

from datetime import UTC, datetime

PRODID = "-//PAC Desktop//Passeport Accueil Commun//FR"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma, and line breaks as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line: at most 75 octets per physical line, continuation lines start with a space."""
    out: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space counts
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("appointment times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def appointment_ics(
    *,
    uid: str,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    location: str = "",
    description: str = "",
    organiser_name: str | None = None,
    organiser_email: str | None = None,
    now: datetime | None = None,
    alarm_minutes: int | None = 120,
) -> str:
    """The calendar file of one appointment (a string with CRLF line ends; write it as UTF-8)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_stamp(now or datetime.now(UTC))}",
        f"DTSTART:{_stamp(starts_at)}",
        f"DTEND:{_stamp(ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if organiser_email:
        cn = organiser_name.replace('"', "'") if organiser_name else None
        lines.append(f'ORGANIZER;CN="{cn}":mailto:{organiser_email}' if cn else f"ORGANIZER:mailto:{organiser_email}")
    lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE"]
    if alarm_minutes:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(summary)}",
                  f"TRIGGER:-PT{alarm_minutes}M", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
