"""What is still missing before a step is complete or the intake can be validated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from pac_desktop.domain.eligibility import (
    MIN_JUSTIFICATION_CHARS,
)
from pac_desktop.domain.enums import (
    ConsentKind,
    IntakeRole,
    ParticipantKind,
)
from pac_desktop.domain.team import TeamMember, team_gaps

from .views import (
    ConsentInfo,
    EligibilityView,
    EvaluationInfo,
    IntakeStep,
    MissingItem,
    ParticipantInfo,
    ReferentInfo,
    ReferralInfo,
    SolutionInfo,
)


def _missing_items(
    *,
    referral: ReferralInfo | None,
    eligibility: EligibilityView,
    required_consents: Sequence[ConsentKind],
    consents: Sequence[ConsentInfo],
    required_roles: Sequence[IntakeRole],
    participants: Sequence[ParticipantInfo],
    shared_diagnosis: str,
    diagnosis_agreed: bool,
    solutions: Sequence[SolutionInfo],
    referent: ReferentInfo | None,
    next_at: datetime | None,
    next_place: str | None,
    next_staff: str | None,
    evaluation: EvaluationInfo | None = None,
    titles: Mapping[IntakeRole, str] | None = None,
) -> tuple[MissingItem, ...]:
    S = IntakeStep
    items: list[MissingItem] = []
    if referral is None:
        items.append(MissingItem(S.REFERRAL, "Indiquez qui a orienté le jeune vers le dispositif, et quand."))
    if not eligibility.accepted:
        failed = [c for c in eligibility.criteria if c.met is False]
        unknown = [c for c in eligibility.criteria if c.met is None]
        for c in failed:
            items.append(MissingItem(S.REFERRAL, f"Critère non rempli : {c.label}. {c.explanation}"))
        for c in unknown:
            items.append(MissingItem(S.REFERRAL, f"Critère à vérifier : {c.label}. {c.explanation}"))
        if failed:
            items.append(
                MissingItem(
                    S.REFERRAL,
                    "Pour accueillir le jeune malgré tout, écrivez la raison de la dérogation "
                    f"(au moins {MIN_JUSTIFICATION_CHARS} caractères).",
                )
            )
    if evaluation is not None and evaluation.pending:
        items.append(
            MissingItem(
                S.REFERRAL,
                "Ce territoire participe à l'évaluation : confirmez l'éligibilité pour faire le tirage au sort.",
            )
        )
    by_kind = {c.kind: c for c in consents}
    for kind in required_consents:
        consent = by_kind.get(kind)
        who = "du jeune" if kind == ConsentKind.YOUTH else "du représentant légal (le jeune est mineur)"
        if consent is None:
            items.append(
                MissingItem(S.CONSENT, f"Recueillez l'accord {who} pour le partage du dossier entre les partenaires.")
            )
        elif not consent.given:
            items.append(
                MissingItem(
                    S.CONSENT,
                    f"L'accord {who} pour le partage du dossier est refusé : l'accueil ne peut pas être validé "
                    "sans cet accord.",
                )
            )
        else:
            if consent.collected_by is None:
                items.append(MissingItem(S.CONSENT, f"Indiquez qui a recueilli l'accord {who}."))
            if kind == ConsentKind.GUARDIAN and not consent.guardian_name:
                items.append(MissingItem(S.CONSENT, "Indiquez le nom du représentant légal qui a donné son accord."))
    members = [
        TeamMember(role=p.role, staff_id=p.staff_id, present=p.present, absence_reason=p.absence_reason)
        for p in participants
        if p.kind == ParticipantKind.COUNSELLOR and p.role is not None
    ]
    gaps = team_gaps(required_roles=frozenset(required_roles), members=members, titles=titles)
    items.extend(MissingItem(S.PARTICIPANTS, gap) for gap in gaps)
    for p in participants:
        # Any absent counsellor needs a reason, also one beyond the required team (the domain checks roles).
        if p.kind != ParticipantKind.COUNSELLOR or not p.staff_id or p.present or (p.absence_reason or "").strip():
            continue
        if p.role is not None and any(f"« {(titles or {}).get(p.role, p.role.label)} »" in gap for gap in gaps):
            continue
        items.append(MissingItem(S.PARTICIPANTS, f"{p.staff_name} est absent(e) : indiquez la raison de son absence."))
    if not any(p.kind == ParticipantKind.COUNSELLOR and p.present and p.staff_id for p in participants):
        items.append(MissingItem(S.PARTICIPANTS, "Au moins un conseiller présent doit être indiqué."))
    if not shared_diagnosis.strip():
        items.append(MissingItem(S.ANALYSIS, "Rédigez le diagnostic partagé qui conclut l'analyse."))
    elif not diagnosis_agreed:
        items.append(
            MissingItem(S.ANALYSIS, "Cochez « Tous sont d'accord » une fois le diagnostic partagé approuvé par tous.")
        )
    if not solutions:
        items.append(MissingItem(S.SOLUTIONS, "Proposez au moins une solution au jeune."))
    if referent is None:
        items.append(MissingItem(S.REFERENT, "Désignez le référent unique du jeune."))
    what = [
        label
        for label, value in (("la date", next_at), ("le lieu", (next_place or "").strip()), ("avec qui", next_staff))
        if not value
    ]
    if what:
        joined = ", ".join(what[:-1]) + (" et " if len(what) > 1 else "") + what[-1]
        items.append(MissingItem(S.REFERENT, f"Prochain rendez-vous : indiquez {joined}."))
    return tuple(items)
