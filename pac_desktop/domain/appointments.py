"""A youth's appointment and the words of its reminders (issue 18): e-mail, SMS, calendar file. Pure.

An appointment is a slot of a joint-intake session the youth is invited to, or the next appointment set at the
end of a joint intake. Reminders speak to the youth in plain French, dates in words (« mardi 17 mars 2026 à
14 h 00 », Paris time), and say whom to call when they cannot come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .enums import LabelledEnum
from .french import format_date, format_phone, format_time, to_paris

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class AppointmentKind(LabelledEnum):
    SESSION_SLOT = ("session_slot", "Accueil commun")
    NEXT_APPOINTMENT = ("next_appointment", "Rendez-vous de suivi")


@dataclass(frozen=True)
class Appointment:
    kind: AppointmentKind
    #: The row it comes from: the invitation (a session's slot) or the intake (its next appointment).
    id: str
    youth_id: str
    youth_first_name: str
    starts_at: datetime
    ends_at: datetime
    place: str
    #: The hosting organisation (its SMTP and SMS settings send the reminders), its address and phone.
    organisation_id: str | None
    organisation_name: str
    address: str
    phone: str | None
    email: str | None
    with_names: tuple[str, ...]
    #: The intake or the session's start, for the youth's file (the contact attempt names it).
    title: str

    @property
    def when(self) -> str:
        """« mardi 17 mars 2026 à 14 h 00 »."""
        local = to_paris(self.starts_at)
        return f"{WEEKDAYS[local.weekday()]} {format_date(local.date())} à {format_time(local)}"

    @property
    def short_when(self) -> str:
        """« mardi 17 mars à 14 h 00 » (SMS)."""
        local = to_paris(self.starts_at)
        day = "1er" if local.day == 1 else str(local.day)
        month = format_date(local.date()).split(" ")[1]
        return f"{WEEKDAYS[local.weekday()]} {day} {month} à {format_time(local)}"


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " et " + names[-1]


def reminder_subject(a: Appointment) -> str:
    what = "accueil commun" if a.kind is AppointmentKind.SESSION_SLOT else "rendez-vous"
    return f"Rappel : votre {what} du {a.when}"


def reminder_email_text(a: Appointment) -> str:
    what = "rendez-vous d'accueil commun" if a.kind is AppointmentKind.SESSION_SLOT else "prochain rendez-vous"
    lines = [f"Bonjour {a.youth_first_name},", "", f"Nous vous rappelons votre {what} :", f"le {a.when}",
             f"Lieu : {a.place}"]
    if a.address and a.address != a.place:
        lines.append(f"Adresse : {a.address}")
    if a.with_names:
        lines += ["", f"Vous serez reçu(e) par {_names(a.with_names)}."]
    if a.kind is AppointmentKind.SESSION_SLOT:
        lines += ["", "Pensez à apporter une pièce d'identité, vos derniers bulletins scolaires ou diplômes, et "
                      "votre CV si vous en avez un."]
    reach = [f"au {format_phone(a.phone)}" if a.phone else "", f"à {a.email}" if a.email else ""]
    reach_text = " ou ".join(r for r in reach if r)
    lines += ["", f"Si vous ne pouvez pas venir, prévenez-nous{' ' + reach_text if reach_text else ''} : nous "
                  "fixerons ensemble un autre rendez-vous.",
              "Le rendez-vous est joint à ce message (fichier .ics) pour l'ajouter à votre agenda.",
              "", "À bientôt,", f"{a.organisation_name} — Passeport Accueil Commun", "",
              "Vous ne souhaitez plus recevoir de messages de notre part ? Dites-le-nous en répondant à ce courriel."]
    return "\n".join(lines) + "\n"


def reminder_sms_text(a: Appointment) -> str:
    what = "accueil commun" if a.kind is AppointmentKind.SESSION_SLOT else "rendez-vous"
    text = f"Rappel : votre {what} le {a.short_when}, {a.place}."
    if a.phone:
        text += f" Empêché(e) ? Appelez le {format_phone(a.phone)}."
    return text + f" {a.organisation_name}"


def ics_description(a: Appointment) -> str:
    parts = [reminder_subject(a) + "."]
    if a.with_names:
        parts.append(f"Avec {_names(a.with_names)}.")
    if a.phone:
        parts.append(f"Empêché(e) ? Appelez le {format_phone(a.phone)}.")
    return "\n".join(parts)


class NoticeKind(LabelledEnum):
    """A message that tells the youth their appointment changed (issue 18): not a reminder."""

    CANCELLED = ("cancelled", "Annulation")
    CHANGED = ("changed", "Changement")


def notice_subject(a: Appointment, kind: NoticeKind) -> str:
    what = "accueil commun" if a.kind is AppointmentKind.SESSION_SLOT else "rendez-vous"
    if kind is NoticeKind.CANCELLED:
        return f"Annulation de votre {what} du {a.when}"
    return f"Changement de votre {what} : {a.when}"


def notice_email_text(a: Appointment, kind: NoticeKind, *, reason: str = "") -> str:
    what = "rendez-vous d'accueil commun" if a.kind is AppointmentKind.SESSION_SLOT else "rendez-vous"
    reach = [f"au {format_phone(a.phone)}" if a.phone else "", f"à {a.email}" if a.email else ""]
    reach_text = " ou ".join(r for r in reach if r)
    lines = [f"Bonjour {a.youth_first_name},", ""]
    if kind is NoticeKind.CANCELLED:
        lines.append(f"Votre {what} du {a.when} ({a.place}) est annulé. Nous vous prions de nous en excuser.")
        if reason.strip():
            lines.append(f"Motif : {reason.strip()}")
        lines += ["", "Nous vous proposerons très vite une nouvelle date."
                      + (f" Vous pouvez aussi nous joindre {reach_text}." if reach_text else "")]
    else:
        lines += [f"Votre {what} a changé. Voici la nouvelle date et le lieu :", f"le {a.when}",
                  f"Lieu : {a.place}"]
        if a.address and a.address != a.place:
            lines.append(f"Adresse : {a.address}")
        if a.with_names:
            lines += ["", f"Vous serez reçu(e) par {_names(a.with_names)}."]
        lines += ["", f"Si vous ne pouvez pas venir, prévenez-nous{' ' + reach_text if reach_text else ''} : nous "
                      "fixerons ensemble un autre rendez-vous."]
    lines += ["", "À bientôt,", f"{a.organisation_name} — Passeport Accueil Commun", "",
              "Vous ne souhaitez plus recevoir de messages de notre part ? Dites-le-nous en répondant à ce courriel."]
    return "\n".join(lines) + "\n"


def notice_sms_text(a: Appointment, kind: NoticeKind) -> str:
    what = "accueil commun" if a.kind is AppointmentKind.SESSION_SLOT else "rendez-vous"
    if kind is NoticeKind.CANCELLED:
        text = f"Votre {what} du {a.short_when} est annulé. Nous vous proposerons une autre date."
    else:
        text = f"Changement : votre {what} aura lieu le {a.short_when}, {a.place}."
    if a.phone:
        text += f" Questions ? Appelez le {format_phone(a.phone)}."
    return text + f" {a.organisation_name}"
