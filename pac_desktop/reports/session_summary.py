"""Fiche de synthèse de l'accueil commun: one joint intake, as the local committee and the file keep it."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from pac_desktop.domain.enums import YouthAnswer
from pac_desktop.domain.french import format_age, format_date, format_datetime, format_phone

from . import collector_paused
from .base import (
    CONTENT_WIDTH,
    FONT_BOLD,
    WARN,
    PacDocument,
    TextCell,
    callout,
    esc,
    heading_with,
    key_values,
    long_date,
    spacer,
    styles,
    table,
    text_block,
    text_cell,
    tinted,
    upper_first,
)
from .model import SessionSummary

TITLE = "Fiche de synthèse de l'accueil commun"


@collector_paused
def render_session_summary(summary: SessionSummary, out: str | Path | IO[bytes]) -> int:
    """Write the session summary as a PDF; returns its page count."""
    doc = PacDocument(out, title=TITLE, letterhead=summary.letterhead, generated_at=summary.generated_at,
                      subject=f"Accueil commun — {summary.youth.territory_name}")
    return doc.build_story(summary_story(summary))


def _adult_word(summary: SessionSummary) -> str:
    youth = summary.youth
    if youth.adult is None:
        return ""
    return "majeur" if youth.adult else "mineur"


def intake_date_text(summary: SessionSummary) -> str:
    if summary.held_on:
        return format_date(summary.held_on)
    if summary.planned_at:
        return f"prévu le {format_datetime(summary.planned_at)}"
    return "date non renseignée"


AUTHOR_COLOUR = colors.HexColor("#1f3a5f")


def summary_story(summary: SessionSummary) -> list[Flowable]:
    """The flowables of one summary (also used, one after the other, by the committee pack)."""
    s = styles()
    youth = summary.youth
    story: list[Flowable] = []

    story.append(TextCell(TITLE, s.title))
    where = " · ".join(part for part in (summary.place, f"Territoire : {youth.territory_name}") if part)
    story.append(TextCell(f"Accueil commun du {intake_date_text(summary)} · {where}", s.subtitle))
    if summary.pseudonymised:
        story.append(
            Paragraph(
                "Version pseudonymisée : le jeune est désigné par ses initiales ; ni adresse, ni téléphone, "
                "ni courriel.",
                s.small,
            )
        )

    # Le jeune
    age = "non renseigné"
    if youth.age_at_intake is not None:
        age = f"{format_age(youth.age_at_intake)} ({_adult_word(summary)} au jour de l'accueil)"
    pairs: list[tuple[str, object]] = [("Jeune", youth.display_name), ("Âge à l'accueil", age)]
    if youth.town:
        pairs.append(("Commune", youth.town))
    pairs.append(("Territoire", youth.territory_name))
    situation = []
    if youth.lives_in_priority_area:
        situation.append("habite un quartier prioritaire")
    if youth.newly_arrived:
        situation.append("nouvellement arrivé en France")
    if situation:
        pairs.append(("À savoir", upper_first("; ".join(situation))))
    if summary.referral_source:
        pairs.append(("Repéré par", summary.referral_source))
    story += heading_with("Le jeune", [key_values(pairs)])

    # Participants
    if summary.participants:
        rows = [[text_cell("Nom", s.cell_head), text_cell("Rôle", s.cell_head), text_cell("Structure", s.cell_head),
                 text_cell("Présence", s.cell_head)]]
        for p in summary.participants:
            presence = "Présent" if p.present else text_block(
                "Absent" + (f" : {p.absence_reason}" if p.absence_reason else ""), s.cell)
            rows.append([
                text_cell(p.name or "—", s.cell_bold),
                text_cell(p.role_label, s.cell),
                text_cell(p.organisation or "", s.cell),
                presence,
            ])
        story += heading_with("Participants", [table(rows, _cols(0.24, 0.30, 0.28, 0.18))])

    # Éligibilité
    rows = [[text_cell("Critère", s.cell_head), text_cell("Résultat", s.cell_head),
             text_cell("Explication", s.cell_head)]]
    for c in summary.eligibility:
        if c.met is True:
            verdict, colour = "✓ Rempli", "#2e6b3a"
        elif c.met is False:
            verdict, colour = "✗ Non rempli", "#a02c2c"
        else:
            verdict, colour = "? À vérifier", "#8a5a00"
        rows.append([
            text_cell(c.label, s.cell),
            text_cell(verdict, tinted(s.cell_bold, colour)),
            text_cell(c.explanation, s.cell),
        ])
    eligibility: list[Flowable] = [table(rows, _cols(0.30, 0.15, 0.55))]
    if summary.eligibility_overridden:
        eligibility.append(
            callout(
                f"<b>Dérogation justifiée.</b> {esc(summary.eligibility_justification or '(justification absente)')}",
                rule=WARN,
            )
        )
    story += heading_with("Éligibilité", eligibility)

    # Analyse partagée
    analysis: list[Flowable] = []
    for sec in summary.sections:
        title = esc(sec.title) + (' <font size="7.5" color="#5b6470">(rubrique sensible)</font>' if sec.sensitive else "")
        notes: list[Flowable] = [
            TextCell(f"— {n.text}", s.note, lead=n.author, lead_font=FONT_BOLD, lead_colour=AUTHOR_COLOUR)
            for n in sec.notes
        ]
        heading = Paragraph(title, s.h2) if sec.sensitive else TextCell(sec.title, s.h2)
        analysis.append(KeepTogether([heading, *notes[:1]]))
        analysis += notes[1:]
    if not analysis:
        analysis.append(TextCell("Aucune note n'a été prise pendant l'analyse partagée.", s.small))
    story += heading_with("Analyse partagée de la situation", analysis)

    if summary.barriers:
        story += heading_with(
            "Freins repérés",
            [text_block(b, s.bullet, bullet="•") for b in summary.barriers],
        )

    diagnosis = summary.shared_diagnosis.strip()
    agreed = (
        "Diagnostic partagé approuvé par l'équipe et le jeune."
        if summary.diagnosis_agreed
        else "Le diagnostic n'a pas encore été approuvé par tous."
    )
    story += heading_with(
        "Diagnostic partagé",
        [callout(text_block(diagnosis, s.body) if diagnosis else "<i>Pas encore rédigé.</i>"), TextCell(agreed, s.small)],
    )

    # Solutions
    if summary.solutions:
        rows = [[text_cell("Solution proposée", s.cell_head), text_cell("Catégorie", s.cell_head),
                 text_cell("Réponse du jeune", s.cell_head), text_cell("Début prévu", s.cell_head)]]
        for sol in summary.solutions:
            colour = {YouthAnswer.ACCEPTED: "#2e6b3a", YouthAnswer.REFUSED: "#a02c2c"}.get(sol.answer, "#8a5a00")
            rows.append([
                _solution_title(sol.title, sol.provider),
                text_cell(sol.category.label, s.cell),
                text_cell(sol.answer.label, tinted(s.cell, colour)),
                format_date(sol.planned_start) if sol.planned_start else "—",
            ])
        solutions: list[Flowable] = [table(rows, _cols(0.44, 0.24, 0.14, 0.18))]
    else:
        solutions = [TextCell("Aucune solution n'a été proposée.", s.small)]
    story += heading_with("Solutions proposées", solutions)

    # Référent unique et prochain rendez-vous
    ref = summary.referent
    if ref is not None:
        phone = format_phone(ref.phone) if ref.phone else None
        contact = " · ".join(part for part in (phone, ref.email) if part)
        pairs = [("Référent unique", ref.name), ("Structure", ref.organisation)]
        if contact:
            pairs.append(("Contact", contact))
        if ref.started_on:
            pairs.append(("Désigné le", format_date(ref.started_on)))
        referent: list[Flowable] = [key_values(pairs)]
        if ref.cap_override_reason:
            referent.append(
                callout(
                    f"<b>Désigné au-delà du plafond de jeunes suivis.</b> Raison : {esc(ref.cap_override_reason)}",
                    rule=WARN,
                )
            )
    else:
        referent = [TextCell("Aucun référent unique n'a encore été désigné.", s.small)]
    appointment = summary.next_appointment
    if appointment is not None:
        text = upper_first(long_date(appointment.at))
        if appointment.place:
            text += f", {appointment.place}"
        if appointment.with_name:
            text += f", avec {appointment.with_name}"
        referent += [spacer(1.5), key_values([("Prochain rendez-vous", text + ".")])]
    story += heading_with("Référent unique et suite", referent)

    # The consent to share the file (issue 13)
    # Each line reads « Accord du jeune : donné le …, recueilli par … »: printed as the other key/value blocks,
    # not as a grey footnote — it is what allows the partners to share the file.
    consent_rows = [(label, upper_first(state)) for label, _, state in (line.partition(" : ") for line in summary.consents)]
    story += heading_with("Accord de partage du dossier", [key_values(consent_rows)] if consent_rows
                          else [TextCell("Aucun accord de partage enregistré.", s.small)])

    # Validation
    if summary.validations:
        rows = [[text_cell("Validé par", s.cell_head), text_cell("Rôle à l'accueil", s.cell_head),
                 text_cell("Le", s.cell_head)]]
        for v in summary.validations:
            rows.append([
                text_cell(v.name, s.cell_bold),
                text_cell((v.role_title or v.role.label) if v.role else "", s.cell),
                format_datetime(v.at),
            ])
        validation: list[Flowable] = [table(rows, _cols(0.30, 0.42, 0.28))]
    else:
        validation = [TextCell(f"Accueil non encore validé (état : {summary.state_label.lower()}).", s.small)]
    story += heading_with("Validation", validation)

    if summary.amendments:
        rows = [[text_cell("Le", s.cell_head), text_cell("Par", s.cell_head), text_cell("Modification", s.cell_head),
                 text_cell("Raison", s.cell_head)]]
        for a in summary.amendments:
            change = f"<b>{esc(a.field)}</b> : {esc(a.old_value or '(vide)')} → {esc(a.new_value or '(vide)')}"
            rows.append([
                text_cell(format_date(a.at.date()), s.cell),
                text_cell(a.by or "", s.cell),
                Paragraph(change, s.cell),
                text_cell(a.reason, s.cell),
            ])
        story += heading_with("Modifications après validation", [table(rows, _cols(0.14, 0.18, 0.40, 0.28))])
    return story


def _solution_title(title: str, provider: str | None) -> Flowable | list[Flowable]:
    """The solution in bold, its provider below in grey: two plain texts stacked (the lines a Paragraph with a
    line break between them makes), or that Paragraph when a text is empty or has line breaks of its own."""
    s = styles()
    texts = [title, provider] if provider else [title]
    if all(t.strip() and "\n" not in t and "\r" not in t for t in texts):
        cells = [TextCell(title, s.cell_bold)]
        if provider:
            cells.append(TextCell(provider, tinted(s.cell, "#5b6470")))
        return cells
    return Paragraph(f"<b>{esc(title)}</b>" + (f'<br/><font color="#5b6470">{esc(provider)}</font>'
                                               if provider else ""), s.cell)


def _cols(*shares: float) -> list[float]:
    return [CONTENT_WIDTH * share for share in shares]

