"""Convocation letters to a joint-intake session, one page per youth (a mail merge), the letters that tell them
the session is cancelled, and the session's list for the counsellors (issue 18).

The letter speaks to the youth in plain words: when, where, with whom, what to bring, whom to call if they
cannot come. It holds nothing of the file but the youth's name and postal address. A cancellation letter is the
same letter (same head, same appointment box, same signature) saying the appointment will not take place.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import IO, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Table

from pac_desktop.domain.french import format_date, format_phone, format_time

from . import collector_paused
from .base import (
    ACCENT,
    CONTENT_WIDTH,
    FILL,
    FONT,
    FONT_BOLD,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MUTED,
    NBSP,
    PAGE_HEIGHT,
    PacCanvas,
    PacDocument,
    esc,
    long_date,
    spacer,
    styles,
    table,
    table_style,
    upper_first,
)
from .model import (
    CANCELLATION_TITLE,
    LETTER_TITLE,
    LIST_TITLE,
    Cancellations,
    ConvocationLetter,
    Convocations,
    Letterhead,
    SessionList,
    SessionListLine,
)


class _LetterCanvas(PacCanvas):
    """No « Page N sur M » on letters: each page is a letter of its own, mailed to one youth."""

    def save(self) -> None:
        for number in self.page_labels:
            self.beginForm(f"pac_page_{number}", lowerx=-200, lowery=-5, upperx=5, uppery=15)
            self.setFont(FONT, 7.5)  # an empty form would otherwise name Helvetica, which is not embedded
            self.endForm()
        Canvas.save(self)


class _LetterStyles:
    def __init__(self) -> None:
        styles()  # registers the fonts
        self.body = ParagraphStyle("c_body", fontName=FONT, fontSize=11, leading=15.5, textColor=INK, spaceAfter=6,
                                   bulletFontName=FONT)
        self.small = ParagraphStyle("c_small", parent=self.body, fontSize=9.5, leading=12.5, textColor=MUTED,
                                    spaceAfter=0)
        self.sender = ParagraphStyle("c_sender", parent=self.body, fontSize=9.5, leading=12.5, spaceAfter=0)
        self.recipient = ParagraphStyle("c_recipient", parent=self.body, fontSize=11, leading=14.5, spaceAfter=0)
        self.subject = ParagraphStyle("c_subject", parent=self.body, fontName=FONT_BOLD, spaceBefore=4)
        self.when = ParagraphStyle("c_when", parent=self.body, fontName=FONT_BOLD, fontSize=13.5, leading=18,
                                   textColor=ACCENT, spaceAfter=2)
        self.box = ParagraphStyle("c_box", parent=self.body, spaceAfter=2)
        self.item = ParagraphStyle("c_item", parent=self.body, leftIndent=14, bulletIndent=2, spaceAfter=2)


@collector_paused
def render_convocations(convocations: Convocations, out: str | Path | IO[bytes]) -> int:
    """Write the letters, one page each; returns the page count (the number of letters)."""
    return _render_letters(out, LETTER_TITLE, convocations.letterhead, convocations.generated_at,
                           [letter_story(letter) for letter in convocations.letters])


@collector_paused
def render_cancellations(cancellations: Cancellations, out: str | Path | IO[bytes]) -> int:
    """Write the cancellation letters, one page each; returns the page count (the number of letters)."""
    return _render_letters(out, CANCELLATION_TITLE, cancellations.letterhead, cancellations.generated_at,
                           [cancellation_story(letter, cancellations.reason) for letter in cancellations.letters])


def _render_letters(out: str | Path | IO[bytes], title: str, letterhead: Letterhead, generated_at: datetime,
                    letters: list[list[Flowable]]) -> int:
    doc = PacDocument(out, title=title, letterhead=letterhead, generated_at=generated_at,
                      subject="Passeport Accueil Commun")
    height = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    story: list[Flowable] = []
    for number, letter in enumerate(letters):
        if number:
            story.append(PageBreak())
        # A letter never spills onto a second sheet.
        story.append(KeepInFrame(CONTENT_WIDTH, height - 2, letter, mode="shrink"))
    doc.build(story, canvasmaker=_LetterCanvas)
    return doc.page


def _letter_head(letter: ConvocationLetter, st: _LetterStyles, subject: str) -> list[Flowable]:
    """The sender, the youth's name and address in the envelope's window, the town and day, the subject, « Bonjour »."""
    sender: list[Flowable] = []
    if letter.host is not None:
        sender.append(Paragraph(f"<b>{esc(letter.host.name)}</b>", st.sender))
        for line in (letter.host.street_line, letter.host.town_line):
            if line:
                sender.append(Paragraph(esc(line), st.sender))
        if letter.host.phone:
            sender.append(Paragraph(f"Tél. {esc(format_phone(letter.host.phone))}", st.sender))
        if letter.host.email:
            sender.append(Paragraph(esc(letter.host.email), st.sender))
    recipient = [Paragraph(f"<b>{esc(letter.first_name)} {esc(letter.last_name)}</b>", st.recipient)]
    recipient += [Paragraph(esc(line), st.recipient) for line in letter.address_lines]
    # The recipient sits where the window of a DL envelope shows it (right half, about 45 mm from the top).
    head = Table([[sender, recipient]], colWidths=[CONTENT_WIDTH * 0.52, CONTENT_WIDTH * 0.48])
    head.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (1, 0), (1, 0), 12 * mm)]))
    dated = f"À {letter.written_in}, le" if letter.written_in else "Le"
    return [
        head,
        spacer(10),
        Paragraph(f"{esc(dated)} {format_date(letter.written_on)}", st.body),
        Paragraph(f"Objet : {esc(subject)}", st.subject),
        spacer(2),
        Paragraph(f"Bonjour {esc(letter.first_name)},", st.body),
    ]


def _appointment_box(letter: ConvocationLetter, st: _LetterStyles, *, cancelled: bool = False) -> Table:
    """The day and time in words, the place, the address (and the length, for an appointment that holds)."""
    when_text = esc(upper_first(long_date(letter.at)))
    if cancelled:
        when_text = f"<strike>{when_text}</strike> — annulé"
    when: list[Flowable] = [Paragraph(when_text, st.when)]
    when.append(Paragraph(f"<b>Lieu :</b> {esc(letter.place)}", st.box))
    if letter.host is not None and (letter.host.street_line or letter.host.town_line):
        address = ", ".join(p for p in (letter.host.name, letter.host.street_line, letter.host.town_line) if p)
        when.append(Paragraph(f"<b>Adresse :</b> {esc(address)}", st.box))
    if not cancelled:
        when.append(Paragraph(f"<b>Durée :</b> environ {_duration(letter.duration_minutes)}", st.box))
    box = Table([[when]], colWidths=[CONTENT_WIDTH])
    box.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), FILL), ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                              ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                              ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
    return box


def _how_to_reach_us(letter: ConvocationLetter) -> str:
    """« au 05 62 00 00 00 ou à accueil@… » (escaped), empty when the host left neither."""
    contact = []
    if letter.host is not None and letter.host.phone:
        contact.append(f"au {esc(format_phone(letter.host.phone))}")
    if letter.host is not None and letter.host.email:
        contact.append(f"à {esc(letter.host.email)}")
    return (" " + " ou ".join(contact)) if contact else ""


def _signature(letter: ConvocationLetter, st: _LetterStyles, closing: str) -> list[Flowable]:
    signature = letter.organiser_name or "L'équipe"
    return [spacer(4), Paragraph(esc(closing), st.body),
            Paragraph(f"<b>{esc(signature)}</b>, pour l'équipe du Passeport Accueil Commun — "
                      f"{esc(letter.territory_name)}", st.body)]


def letter_story(letter: ConvocationLetter) -> list[Flowable]:
    st = _LetterStyles()
    story = _letter_head(letter, st, "convocation à un accueil commun")
    story += [
        Paragraph(
            "Nous vous invitons à un <b>accueil commun</b> : un rendez-vous où plusieurs conseillers vous reçoivent "
            "ensemble pour faire le point avec vous et chercher des solutions qui vous conviennent (formation, "
            "apprentissage, retour en études, emploi…).",
            st.body,
        ),
    ]
    story += [_appointment_box(letter, st), spacer(3)]
    if letter.counsellors:
        story.append(Paragraph("Vous serez reçu(e) par :", st.body))
        for c in letter.counsellors:
            story.append(Paragraph(f"<b>{esc(c.name)}</b>, {esc(c.role_label[:1].lower() + c.role_label[1:])} — "
                                   f"{esc(c.organisation_name)}",
                                   st.item, bulletText="•"))
        story.append(spacer(1.5))
    story.append(Paragraph(
        "Pensez à apporter une pièce d'identité, vos derniers bulletins scolaires ou diplômes, et votre CV si vous "
        "en avez un.", st.body))
    if letter.minor:
        story.append(Paragraph("Vous êtes mineur(e) : l'un de vos parents ou votre représentant légal peut vous "
                               "accompagner.", st.body))
    story.append(Paragraph(f"Si vous ne pouvez pas venir, prévenez-nous{_how_to_reach_us(letter)} : nous fixerons "
                           "ensemble un autre rendez-vous.", st.body))
    return story + _signature(letter, st, "À bientôt,")


def cancellation_story(letter: ConvocationLetter, reason: str = "") -> list[Flowable]:
    """The letter telling the youth their joint intake will not take place: the same head, box and signature."""
    st = _LetterStyles()
    day = upper_first(long_date(letter.at))
    story = _letter_head(letter, st, f"annulation de votre accueil commun du {long_date(letter.at)}")
    story.append(Paragraph(
        "Nous vous avions invité(e) à un <b>accueil commun</b>. Nous sommes désolés : ce rendez-vous est "
        "<b>annulé</b>, vous n'avez pas à vous déplacer.", st.body))
    story += [_appointment_box(letter, st, cancelled=True), spacer(3)]
    if reason.strip():
        story.append(Paragraph(f"<b>Motif :</b> {esc(reason.strip().rstrip('.'))}.", st.body))
    story.append(Paragraph(
        f"Votre convocation du {esc(day[:1].lower() + day[1:])} n'est plus valable. Nous vous proposerons très "
        "vite un autre rendez-vous ; vous pouvez aussi nous joindre" + (_how_to_reach_us(letter) or "") +
        " pour en convenir ensemble.", st.body))
    if letter.minor:
        story.append(Paragraph("Vous êtes mineur(e) : merci d'en informer l'un de vos parents ou votre représentant "
                               "légal.", st.body))
    return story + _signature(letter, st, "Avec toutes nos excuses, à bientôt,")


@collector_paused
def render_session_list(data: SessionList, out: str | Path | IO[bytes]) -> int:
    """The session's list for the counsellors: the team, then one line per slot."""
    s = styles()
    doc = PacDocument(out, title=LIST_TITLE, letterhead=data.letterhead, generated_at=data.generated_at,
                      subject="Passeport Accueil Commun")
    story: list[Flowable] = [
        Paragraph(esc(f"Séance d'accueil commun — {upper_first(long_date(data.at))}"), s.title),
        Paragraph(esc(f"{data.place} · jusqu'à {format_time(data.ends_at)} · {data.territory_name}"), s.subtitle),
    ]
    if data.cancellation:
        story.append(Paragraph(f"<font color='#a02c2c'><b>{esc(data.cancellation)}</b></font>", s.body))
    team = [f"<b>{esc(c.name)}</b> — {esc(c.role_label)} ({esc(c.organisation_name)})" for c in data.counsellors]
    team += [f"<font color='#a02c2c'><b>À désigner</b></font> — {esc(role)}" for role in data.missing_roles]
    story.append(Paragraph("L'équipe", s.h1))
    story += [Paragraph(line, s.bullet, bulletText="•") for line in team]
    story.append(Paragraph("Les créneaux", s.h1))
    story.append(_lines_table(data.lines, s))
    if data.released:
        story.append(Paragraph("Invitations déclinées ou annulées", s.h1))
        story.append(_lines_table(data.released, s))
    if data.notes.strip():
        story += [Paragraph("Notes", s.h1), Paragraph(esc(data.notes), s.body)]
    story += [spacer(3), Paragraph("« Venu(e) » : à cocher le jour de la séance. Les accueils s'ouvrent depuis "
                                   "l'onglet « Séances » de PAC Desktop.", s.small)]
    return doc.build_story(story)


def _lines_table(lines: tuple[SessionListLine, ...], s: Any) -> Table:
    head = ["Heure", "Jeune", "Âge", "Téléphone", "Courriel", "Invitation", "Rappels", "Venu(e)"]
    rows: list[list[Any]] = [[Paragraph(h, s.cell_head) for h in head]]
    for line in lines:
        if line.youth_name is None:
            rows.append([Paragraph(_nb(format_time(line.time)), s.cell_bold), Paragraph("<i>libre</i>", s.cell), "", "",
                         "", "", "", ""])
            continue
        rows.append([
            Paragraph(_nb(format_time(line.time)), s.cell_bold),
            Paragraph(esc(line.youth_name), s.cell_bold),
            Paragraph(_nb(f"{line.age} ans") if line.age is not None else "", s.cell),
            Paragraph(_nb(esc(format_phone(line.phone))) if line.phone else "—", s.cell),
            Paragraph(esc(line.email or "—"), s.cell),
            Paragraph(esc(line.status_label), s.cell),
            Paragraph(esc(line.reminders or "—"), s.cell),
            Paragraph("☐", s.cell),
        ])
    w = CONTENT_WIDTH
    widths = [w * 0.09, w * 0.19, w * 0.075, w * 0.155, w * 0.18, w * 0.115, w * 0.11, w * 0.085]
    return table(rows, widths, extra=[("TEXTCOLOR", (0, 0), (-1, 0), ACCENT), ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                                      ("TEXTCOLOR", (1, 1), (1, -1), INK), ("TEXTCOLOR", (-1, 1), (-1, -1), MUTED)])


def _nb(text: str) -> str:
    """Never broken across lines (« 14 h 00 », « 17 ans », a phone number)."""
    return text.replace(" ", NBSP)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    return f"{hours} h {rest:02d}" if rest else f"{hours} heure" + ("s" if hours > 1 else "")
