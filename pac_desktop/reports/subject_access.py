"""The readable copy of everything held about a youth (right of access, RGPD art. 15), in French.

Built from a :class:`SubjectExport` (made by pac_desktop.services.data_rights): every table of the file is
printed, known ones under a French title with French field names, any other under its own name — a table
added later is never silently left out. Technical bookkeeping (versions, device ids) stays in the JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from pac_desktop.domain.french import format_date, format_datetime

from . import collector_paused
from .base import CONTENT_WIDTH, PacDocument, esc, heading_with, key_values, spacer, styles, table
from .model import Letterhead, SubjectExport

PROGRAMME = "Passeport Accueil Commun"

#: French titles, in reading order; tables not listed follow, under their own name.
TITLES: dict[str, str] = {
    "youth": "Identité et coordonnées",
    "guardian": "Représentants légaux",
    "referral": "Repérage",
    "contact_attempt": "Prises de contact (repérage, rappels envoyés)",
    "consent": "Accords pour le partage des informations",
    "joint_intake": "Accueil commun",
    "intake_participant": "Participants à l'accueil commun",
    "analysis_note": "Analyse partagée (notes)",
    "intake_barrier": "Freins relevés",
    "proposed_solution": "Solutions proposées",
    "intake_validation": "Validation de l'accueil",
    "intake_amendment": "Corrections après validation",
    "referent_assignment": "Référent unique",
    "follow_up_event": "Suivi",
    "outcome": "Situation à 3, 6 et 12 mois",
    "case_review_youth": "Décisions des études de cas",
    "evaluation_assignment": "Évaluation du programme (tirage au sort)",
    "identity_change": "Historique des modifications d'identité",
    "data_rights_request": "Demandes sur les données personnelles",
}

FIELDS: dict[str, str] = {
    "first_name": "Prénom", "last_name": "Nom", "birth_date": "Date de naissance", "sex": "Sexe",
    "phone": "Téléphone", "email": "Courriel", "address": "Adresse", "postcode": "Code postal", "town": "Commune",
    "lives_in_priority_area": "Habite un quartier prioritaire", "newly_arrived": "Arrivé récemment en France",
    "left_school_on": "Sortie du système scolaire", "last_class": "Dernière classe suivie",
    "has_qualification": "Diplôme obtenu", "followed_by_structure": "Déjà suivi par une structure",
    "status": "Situation dans le dispositif", "territory_id": "Territoire", "created_at": "Dossier créé le",
    "full_name": "Nom", "relationship": "Lien", "source": "Origine", "referred_on": "Date du repérage",
    "referrer_name": "Personne qui a orienté", "referrer_structure": "Structure qui a orienté",
    "organisation_id": "Structure", "notes": "Notes", "note": "Note", "kind": "Nature", "given": "Accord donné",
    "given_on": "Date", "collected_by": "Recueilli par", "guardian_name": "Représentant légal",
    "host_organisation_id": "Lieu d'accueil", "planned_at": "Prévu le", "held_on": "Tenu le", "state": "État",
    "eligibility_overridden": "Éligibilité accordée par dérogation", "eligibility_justification": "Justification",
    "youth_present": "Jeune présent", "shared_diagnosis": "Diagnostic partagé", "diagnosis_agreed": "Diagnostic validé",
    "next_appointment_at": "Prochain rendez-vous", "next_appointment_place": "Lieu du prochain rendez-vous",
    "next_appointment_staff_id": "Rendez-vous avec", "validated_at": "Validé le", "cancel_reason": "Motif d'annulation",
    "created_by": "Créé par", "role": "Rôle", "staff_id": "Professionnel", "present": "Présent",
    "absence_reason": "Motif d'absence", "section": "Rubrique", "author_staff_id": "Auteur", "text": "Texte",
    "written_at": "Écrit le", "barrier": "Frein", "offer_id": "Offre", "free_text": "Solution",
    "category": "Catégorie", "youth_answer": "Réponse du jeune", "planned_start": "Début prévu",
    "started_on": "Commencée le", "ended_on": "Terminée le", "field": "Rubrique", "old_value": "Ancienne valeur",
    "new_value": "Nouvelle valeur", "reason": "Motif", "amended_by": "Corrigé par", "amended_at": "Corrigé le",
    "cap_override_reason": "Motif du dépassement du plafond", "designated_by": "Désigné par",
    "occurred_on": "Date", "partner_organisation_id": "Partenaire mobilisé", "milestone": "Échéance",
    "due_on": "Prévue le", "recorded_on": "Renseignée le", "situation": "Situation", "recorded_by": "Renseignée par",
    "decision": "Décision", "arm": "Groupe", "stratum": "Strate", "drawn_at": "Tiré au sort le",
    "drawn_by": "Tirage fait par", "changed_by": "Modifié par", "changed_at": "Modifié le",
    "received_on": "Reçue le", "response": "Suite donnée", "handled_by": "Traitée par", "handled_on": "Traitée le",
    "deleted_at": "Supprimé le", "updated_at": "Dernière modification",
    # the repérage (issue 18): the youth's contact preferences and the tries to reach them
    "ine": "Identifiant national élève (INE)", "contact_staff_id": "Chargé(e) de vous contacter",
    "contact_opt_out": "Ne souhaite plus être contacté·e par message (SMS, courriel)",
    "contact_opt_out_at": "Choix sur les messages noté le", "contact_opt_out_by": "Choix sur les messages noté par",
    "attempted_at": "Date", "channel": "Moyen", "reached": "Joint(e)", "answer": "Réponse ou message envoyé",
    "next_action": "Prochaine action", "next_action_due": "Prochaine action prévue le", "outcome": "Issue",
    "automatic": "Envoi automatique",
}

#: Columns that only make sense to the software (kept in the JSON, not printed).
HIDDEN = {"id", "case_id", "youth_id", "version", "seq", "updated_by", "origin_device", "intake_id", "review_id",
          "row_id", "entity", "first_name_key", "last_name_key", "town_key", "current_step", "position",
          "block_number", "block_position", "referral_id", "entity_id", "appointment_id"}

_BOOL = {True: "oui", False: "non"}


def _label(key: str) -> str:
    return FIELDS.get(key) or key.replace("_", " ").capitalize()


def _value(export: SubjectExport, entity: str, key: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _BOOL[value]
    enum_labels = export.labels.get(entity, {}).get(key)
    if enum_labels and isinstance(value, str):
        return enum_labels.get(value, value)
    if isinstance(value, str) and value in export.names:
        return export.names[value]
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return format_date(date.fromisoformat(value))
            return format_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _row_block(export: SubjectExport, entity: str, row: dict[str, Any]) -> Flowable:
    pairs = [
        (_label(key), _value(export, entity, key, value))
        for key, value in row.items()
        if key not in HIDDEN and value not in (None, "") and not (key == "updated_at")
    ]
    return key_values(pairs or [("", "(aucune donnée)")], label_width=52 * mm)


@collector_paused
def render_subject_access(export: SubjectExport, out: Path) -> int:
    """Write the PDF; returns its page count."""
    s = styles()
    story: list[Flowable] = [
        Paragraph(esc(f"Données personnelles — {export.display_name}"), s.title),
        Paragraph(
            esc(
                "Ce document rassemble toutes les informations que le Passeport Accueil Commun détient sur "
                f"{export.display_name} dans cette base, à la date du {format_date(export.generated_at.date())}. "
                "Il répond à une demande d'accès (article 15 du RGPD). Pour faire corriger une information "
                "inexacte ou vous opposer au traitement de vos données, adressez-vous à votre référent ou "
                "à la structure qui vous accueille : votre demande sera enregistrée et suivie."
            ),
            s.body,
        ),
        spacer(3),
    ]
    for intake in export.intakes:  # the intake in brief, as the case file and the summary say it
        when = date.fromisoformat(intake["date"]) if intake["date"] else None
        facts = [
            ("Date", format_date(when) if when else "non fixée"),
            ("Âge à l'accueil", f"{intake['age_at_intake']} ans" if intake["age_at_intake"] is not None else "—"),
            ("Territoire", intake["territory"]),
            ("État", intake["state"]),
            ("Participants", " ; ".join(intake["team"]) or "—"),
            ("Solutions proposées", " ; ".join(intake["solutions"]) or "—"),
        ]
        story += heading_with("Accueil commun" + (f" du {format_date(when)}" if when else ""),
                              [key_values(facts), spacer(2)])
    order = [e for e in TITLES if e in export.records] + sorted(e for e in export.records if e not in TITLES)
    for entity in order:
        rows = export.records[entity]
        blocks: list[Flowable] = []
        for row in rows:
            blocks += [_row_block(export, entity, row), spacer(2)]
        story += heading_with(TITLES.get(entity, entity), blocks)
    if export.case_reviews:
        lines = [["Date", "Réunion", "Lieu", "Professionnels"]]
        for review in export.case_reviews:
            people = ", ".join(
                export.names.get(p["staff_id"] or "", "") or export.names.get(p["organisation_id"] or "", "")
                for p in review["participants"]
            )
            lines.append([
                Paragraph(esc(_value(export, "", "planned_on", review["planned_on"])), s.cell),
                Paragraph(esc(review["title"] or "Étude de cas"), s.cell),
                Paragraph(esc(review["place"] or ""), s.cell),
                Paragraph(esc(people), s.cell),
            ])
        story += heading_with("Études de cas où le dossier a été évoqué", [table(lines, _widths(25, 45, 40, 60))])
    log = [["Date", "Action", "Par"]]
    for event in export.access_log:
        log.append([
            Paragraph(esc(_value(export, "", "at", event["at"])), s.cell),
            Paragraph(esc(event["action_label"]), s.cell),
            Paragraph(esc(export.names.get(event["staff_id"] or "", "—")), s.cell),
        ])
    story += heading_with(
        "Qui a consulté ou modifié le dossier (journal d'audit)",
        [table(log, _widths(45, 70, 55)) if len(log) > 1 else Paragraph("Aucun accès enregistré.", s.body)],
    )
    doc = PacDocument(
        out,
        title="Données personnelles",
        letterhead=Letterhead(programme=PROGRAMME, partners=("Document remis à la personne concernée",)),
        generated_at=export.generated_at,
        subject="Droit d'accès",
    )
    return doc.build_story(story)


def _widths(*parts_mm: float) -> list[float]:
    total = sum(parts_mm)
    return [CONTENT_WIDTH * p / total for p in parts_mm]
