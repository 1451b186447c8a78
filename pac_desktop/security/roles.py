"""Who may do what: the one policy of the application's roles (issue 7 §3). Pure functions, no I/O.

Services enforce it (pac_desktop.services.access.AccessGuard: a refusal raises PermissionDenied with the
French message below and writes an audit entry); the server applies the same function to its endpoints;
the GUI only uses it to hide what would be refused anyway.

The roles (pac_desktop.domain.enums.StaffRole):
- counsellor: joint intakes of their territory, and the case files of their territory (to prepare intakes);
- referent: their own youths (read and write), the other youths of their territory read-only;
- committee: summaries and indicators of their territory, no case file;
- administrator: reference data, staff, devices, settings, the audit trail, purges, the rights requests;
- evaluator: the pseudonymised evaluation exports, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pac_desktop.domain.enums import StaffRole


class Action(StrEnum):
    """Protected actions. The French text completes "Votre rôle ne permet pas de …"."""

    def __new__(cls, value: str, text: str):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.text = text
        return obj

    CASE_VIEW = ("case.view", "consulter ce dossier")
    CASE_EDIT = ("case.edit", "modifier ce dossier")
    CASE_PRINT = ("case.print", "imprimer les documents de ce dossier")
    INTAKE_EDIT = ("intake.edit", "conduire ou modifier un accueil commun")
    EVALUATION_DRAW = ("evaluation.draw", "effectuer le tirage au sort de l'évaluation")
    EVALUATION_EXPORT = ("evaluation.export", "exporter les données pseudonymisées de l'évaluation")
    SUBJECT_EXPORT = ("subject.export", "exporter l'ensemble des données d'un jeune")
    RIGHTS_REQUEST = ("rights.request", "enregistrer une demande d'accès, de rectification ou d'opposition")
    COMMITTEE_VIEW = ("committee.view", "consulter les synthèses et les indicateurs du territoire")
    PURGE = ("data.purge", "supprimer les dossiers arrivés au terme de leur durée de conservation")
    AUDIT_VIEW = ("audit.view", "consulter le journal d'audit")
    STAFF_MANAGE = ("staff.manage", "gérer le personnel et les comptes")
    REFERENCE_MANAGE = ("reference.manage", "modifier les données de référence")
    SETTINGS_MANAGE = ("settings.manage", "modifier les réglages du programme")
    DEVICE_MANAGE = ("device.manage", "gérer les ordinateurs inscrits")


@dataclass(frozen=True)
class AccessContext:
    """What the policy needs to know about the actor and the record concerned (all optional)."""

    actor_id: str | None = None
    actor_territory_id: str | None = None
    #: The territory of the record concerned (the youth's, the committee's…).
    territory_id: str | None = None
    #: The youth's current referent, for actions on a case file.
    referent_id: str | None = None

    @property
    def same_territory(self) -> bool:
        return self.territory_id is not None and self.territory_id == self.actor_territory_id

    @property
    def is_referent(self) -> bool:
        return self.actor_id is not None and self.referent_id == self.actor_id


R = StaffRole
_ADMIN_ONLY = {Action.PURGE, Action.AUDIT_VIEW, Action.STAFF_MANAGE, Action.REFERENCE_MANAGE,
               Action.SETTINGS_MANAGE, Action.DEVICE_MANAGE}


def _allowed_for_role(role: StaffRole, action: Action, ctx: AccessContext) -> bool:
    if action in _ADMIN_ONLY:
        return role is R.ADMINISTRATOR
    if action is Action.EVALUATION_EXPORT:
        return role in (R.EVALUATOR, R.ADMINISTRATOR)
    if action is Action.SUBJECT_EXPORT:
        return role is R.ADMINISTRATOR or (role is R.REFERENT and ctx.is_referent)
    if action is Action.RIGHTS_REQUEST:
        return role is R.ADMINISTRATOR or (role is R.REFERENT and ctx.is_referent) or (
            role is R.COUNSELLOR and ctx.same_territory
        )
    if action is Action.COMMITTEE_VIEW:
        return role is R.ADMINISTRATOR or (role is R.COMMITTEE and ctx.same_territory)
    if action in (Action.CASE_VIEW, Action.CASE_PRINT):
        return (role in (R.COUNSELLOR, R.REFERENT) and ctx.same_territory) or (role is R.REFERENT and ctx.is_referent)
    if action is Action.CASE_EDIT:
        return role is R.REFERENT and ctx.is_referent
    if action in (Action.INTAKE_EDIT, Action.EVALUATION_DRAW):
        return role is R.COUNSELLOR and ctx.same_territory
    return False


def can(actor_roles: Iterable[StaffRole], action: Action, context: AccessContext | None = None) -> bool:
    """Whether someone holding ``actor_roles`` may perform ``action`` in ``context`` (any one role suffices)."""
    ctx = context or AccessContext()
    return any(_allowed_for_role(role, action, ctx) for role in actor_roles)


def denial_message(actor_roles: Iterable[StaffRole], action: Action, context: AccessContext | None = None) -> str:
    """The French message shown when :func:`can` says no: what was refused, why, and whom to ask."""
    ctx = context or AccessContext()
    roles = sorted(actor_roles)
    held = ", ".join(role.label.lower() for role in roles) or "aucun rôle"
    message = f"Votre rôle ({held}) ne permet pas de {action.text}."
    if action is Action.CASE_EDIT and R.REFERENT in roles and ctx.same_territory:
        message += " Seul le référent unique du jeune modifie son dossier ; vous pouvez le consulter."
    elif action in (Action.CASE_VIEW, Action.CASE_PRINT, Action.INTAKE_EDIT, Action.EVALUATION_DRAW,
                    Action.COMMITTEE_VIEW) and not ctx.same_territory and roles:
        message += " Ce dossier relève d'un autre territoire que le vôtre."
    elif action is Action.EVALUATION_EXPORT:
        message += " Ces exports sont réservés aux évaluateurs du programme."
    elif action in _ADMIN_ONLY or action is Action.SUBJECT_EXPORT:
        message += " Adressez-vous à l'administrateur de votre structure."
    return message
