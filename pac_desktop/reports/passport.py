"""Passeport du jeune: what the youth takes home after the joint intake, on one page, in plain words.

Only contacts and next steps: no diagnosis, no barrier, nothing from the sensitive sections.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Table

from pac_desktop.domain.french import format_date, format_phone

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
    PAGE_HEIGHT,
    RULE,
    PacDocument,
    esc,
    long_date,
    spacer,
    table,
    table_style,
    upper_first,
)
from .model import Address, Passport

TITLE = "Passeport du jeune"


class _PassportStyles:
    def __init__(self) -> None:
        self.body = ParagraphStyle("p_body", fontName=FONT, fontSize=11, leading=15, textColor=INK, bulletFontName=FONT)
        self.lead = ParagraphStyle("p_lead", parent=self.body, fontSize=11.5, leading=16, spaceAfter=4)
        self.title = ParagraphStyle("p_title", parent=self.body, fontName=FONT_BOLD, fontSize=20, leading=24,
                                    textColor=ACCENT)
        self.name = ParagraphStyle("p_name", parent=self.body, fontName=FONT_BOLD, fontSize=15, leading=19,
                                   spaceBefore=2)
        self.meta = ParagraphStyle("p_meta", parent=self.body, fontSize=10.5, leading=14, textColor=MUTED,
                                   spaceAfter=6)
        self.h = ParagraphStyle("p_h", parent=self.body, fontName=FONT_BOLD, fontSize=13, leading=17,
                                textColor=ACCENT, spaceBefore=8, spaceAfter=4)
        self.box_title = ParagraphStyle("p_box_title", parent=self.body, fontName=FONT_BOLD, fontSize=12,
                                        leading=16, textColor=ACCENT, spaceAfter=3)
        self.step = ParagraphStyle("p_step", parent=self.body, leftIndent=16, bulletIndent=0, spaceAfter=4,
                                   bulletFontName=FONT_BOLD)
        self.cell = ParagraphStyle("p_cell", parent=self.body, fontSize=9.5, leading=12.5)
        self.cell_bold = ParagraphStyle("p_cell_bold", parent=self.cell, fontName=FONT_BOLD)
        self.small = ParagraphStyle("p_small", parent=self.body, fontSize=8.5, leading=11, textColor=MUTED)


@collector_paused
def render_passport(passport: Passport, out: str | Path | IO[bytes]) -> int:
    """Write the youth's passport (always one page); returns its page count."""
    doc = PacDocument(out, title=TITLE, letterhead=passport.letterhead, generated_at=passport.generated_at,
                      subject="Passeport Accueil Commun")
    height = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    # Shrink rather than spill: the passport is one sheet the youth keeps.
    return doc.build_story([KeepInFrame(CONTENT_WIDTH, height - 2, passport_story(passport), mode="shrink")])


def passport_story(p: Passport) -> list[Flowable]:
    st = _PassportStyles()
    story: list[Flowable] = [
        Paragraph("Mon passeport", st.title),
        Paragraph(esc(p.full_name), st.name),
    ]
    meta = f"Accueil commun du {format_date(p.intake_date)}" if p.intake_date else "Accueil commun"
    if p.territory_name:
        meta += f" · {p.territory_name}"
    story.append(Paragraph(esc(meta), st.meta))
    story.append(
        Paragraph(
            "Ce passeport résume ce que nous avons décidé ensemble. Gardez-le avec vous : "
            "il dit qui contacter et ce qui va se passer maintenant.",
            st.lead,
        )
    )

    # Two boxes side by side: who to call, and when we meet next.
    referent: list[Flowable] = [Paragraph("Votre référent", st.box_title)]
    if p.referent_name:
        referent.append(Paragraph(f"<b>{esc(p.referent_name)}</b>", st.body))
        if p.referent_organisation:
            referent.append(Paragraph(esc(p.referent_organisation.name), st.body))
        if p.referent_phone:
            referent.append(Paragraph(f"Téléphone : <b>{esc(format_phone(p.referent_phone))}</b>", st.body))
        if p.referent_email:
            referent.append(Paragraph(f"Courriel : {esc(p.referent_email)}", st.body))
        referent.append(spacer(1.5))
        referent.append(Paragraph("C'est la personne à contacter pour toutes vos questions.", st.small))
    else:
        referent.append(Paragraph("Votre référent vous sera indiqué très vite.", st.body))

    meeting: list[Flowable] = [Paragraph("Votre prochain rendez-vous", st.box_title)]
    if p.next_appointment is not None:
        meeting.append(Paragraph(f"<b>{esc(upper_first(long_date(p.next_appointment.at)))}</b>", st.body))
        if p.next_appointment.place:
            meeting.append(Paragraph(f"Où : {esc(p.next_appointment.place)}", st.body))
        if p.next_appointment.with_name:
            meeting.append(Paragraph(f"Avec : {esc(p.next_appointment.with_name)}", st.body))
        meeting.append(spacer(1.5))
        meeting.append(Paragraph("Si vous ne pouvez pas venir, prévenez votre référent.", st.small))
    else:
        meeting.append(Paragraph("Votre référent vous appellera pour le fixer.", st.body))

    half = (CONTENT_WIDTH - 6 * mm) / 2
    boxes = Table([[referent, "", meeting]], colWidths=[half, 6 * mm, half])
    boxes.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), FILL),
                ("BACKGROUND", (2, 0), (2, 0), FILL),
                ("LINEBEFORE", (0, 0), (0, 0), 3, ACCENT),
                ("LINEBEFORE", (2, 0), (2, 0), 3, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story += [spacer(2), boxes]

    # Steps the youth agreed to.
    story.append(Paragraph("Ce que vous avez choisi de faire", st.h))
    if p.steps:
        for number, step in enumerate(p.steps, start=1):
            details = []
            if step.planned_start:
                details.append(f"à partir du {format_date(step.planned_start)}")
            if step.provider:
                details.append(f"avec {step.provider}")
            text = f"<b>{esc(step.title)}</b>"
            if details:
                text += f"<br/>{esc(upper_first(', '.join(details)))}."
            if step.description:
                text += f'<br/><font size="9.5" color="#5b6470">{esc(_first_sentence(step.description))}</font>'
            story.append(Paragraph(text, st.step, bulletText=f"{number}."))
    else:
        story.append(Paragraph("Vous n'avez pas encore choisi de solution : votre référent en reparlera avec vous.",
                               st.body))

    # Useful addresses.
    if p.partners:
        story.append(Paragraph("Adresses utiles", st.h))
        rows = [[Paragraph(f"<b>{esc(a.name)}</b>", st.cell), Paragraph(esc(_address_text(a)), st.cell),
                 Paragraph(esc(format_phone(a.phone)) if a.phone else "", st.cell)] for a in p.partners]
        story.append(table(rows, [CONTENT_WIDTH * 0.40, CONTENT_WIDTH * 0.40, CONTENT_WIDTH * 0.20], header=False,
                           extra=[("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE)]))

    story += [
        spacer(4),
        Paragraph(
            "Vos informations sont partagées entre les structures du Passeport Accueil Commun parce que vous "
            "(et, si vous êtes mineur, votre représentant légal) l'avez accepté. Vous pouvez demander à les voir "
            "ou à les corriger : parlez-en à votre référent.",
            st.small,
        ),
    ]
    return story


def _address_text(a: Address) -> str:
    return ", ".join(part for part in (a.street_line, a.town_line) if part)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
