"""Who may do what: the one policy of the application's roles (issue 7 §3). Pure functions, no I/O.

Services enforce it (pac_desktop.services.access.AccessGuard: a refusal raises PermissionDenied with the
French message below and writes an audit entry); the server applies the same function to its endpoints;
the GUI only uses it to hide what would be refused anyway.

The roles (pac_desktop.domain.enums.StaffRole):
- counsellor: joint intakes of their territory, and the case files of their territory (to prepare intakes);
- referent: their own youths (read and write), the other youths of their territory read-only;
- committee: summaries and indicators of their territory, no case file;
- administrator: reference data, staff, devices, settings, the audit trail, purges, the rights requests;
- evaluator: the pseudonymised evaluation exports, nothing else;
- regional (steering committee): the indicators of every territory side by side, pseudonymised; nothing else —
  no case file, no list of youths, no document that names anyone.
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
    REFERENT_CHANGE = ("referent.change", "désigner ou changer le référent unique de ce jeune")
    CONTACT_RECORD = ("contact.record", "noter une prise de contact avec ce jeune")
    REGIONAL_VIEW = ("regional.view", "consulter les indicateurs de tous les territoires côte à côte")


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
    if action is Action.REGIONAL_VIEW:
        return role in (R.REGIONAL, R.ADMINISTRATOR)
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
    if action is Action.CONTACT_RECORD:
        # Reaching a youth not yet met (repérage, issue 18) is the work of the whole territory's staff: a youth on
        # a dropout list has no referent yet, and whoever calls them notes the call. The referent of a youth
        # followed elsewhere notes theirs too.
        return (role in (R.COUNSELLOR, R.REFERENT) and ctx.same_territory) or (role is R.REFERENT and ctx.is_referent)
    if action is Action.REFERENT_CHANGE:
        # The counsellor designates at the intake, the current referent hands over, an administrator reassigns;
        # a youth left without referent can be given one by anyone of the territory who may see the file.
        return (role is R.ADMINISTRATOR or (role is R.COUNSELLOR and ctx.same_territory)
                or (role is R.REFERENT and (ctx.is_referent or (ctx.referent_id is None and ctx.same_territory))))
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
    de = "d'" if action.text[:1] in "aeiouéèêh" else "de "  # « d'imprimer », « de consulter »
    message = f"Votre rôle ({held}) ne permet pas {de}{action.text}."
    if roles == [R.REGIONAL]:
        message += (" Le comité de pilotage régional consulte les indicateurs des territoires, jamais un dossier ni "
                    "un nom.")
    elif action is Action.CASE_EDIT and R.REFERENT in roles and ctx.same_territory:
        message += " Seul le référent unique du jeune modifie son dossier ; vous pouvez le consulter."
    elif action in (Action.CASE_VIEW, Action.CASE_PRINT, Action.INTAKE_EDIT, Action.EVALUATION_DRAW,
                    Action.COMMITTEE_VIEW) and not ctx.same_territory and roles:
        message += " Ce dossier relève d'un autre territoire que le vôtre."
    elif action is Action.EVALUATION_EXPORT:
        message += " Ces exports sont réservés aux évaluateurs du programme."

    elif action in _ADMIN_ONLY or action is Action.SUBJECT_EXPORT:
        message += " Adressez-vous à l'administrateur de votre structure."
    return message


# --------------------------------------------------------------------------------------------------
# Synced changes: which action each entity's change needs (the server checks every pushed change with it)
# --------------------------------------------------------------------------------------------------

#: Rows of a youth's file (their ``case_id`` is the youth's id): the context is the youth's territory and
#: current referent.
INTAKE_ENTITIES: frozenset[str] = frozenset({
    "youth", "guardian", "referral", "joint_intake", "intake_participant", "analysis_note", "intake_barrier",
    "proposed_solution", "consent", "intake_validation", "intake_amendment",
})
FOLLOW_UP_ENTITIES: frozenset[str] = frozenset({
    "follow_up_event", "outcome", "identity_change", "training_obligation",
})
CASE_ENTITIES: frozenset[str] = INTAKE_ENTITIES | FOLLOW_UP_ENTITIES | {
    "referent_assignment", "case_review_youth", "evaluation_assignment", "data_rights_request",
    "intake_invitation", "contact_attempt",
}
#: The youth's fields of the repérage (issue 18): whoever may note a contact attempt may change them alone.
CONTACT_FIELDS: frozenset[str] = frozenset({
    "contact_staff_id", "contact_opt_out", "contact_opt_out_at", "contact_opt_out_by",
})

#: No role needed: any member of the staff the server knows (or the device itself, for the audit trail).
ANY_STAFF: tuple[Action, ...] = ()

#: THE table of synced changes: for each entity, the actions of which any one allows changing its rows, in the
#: context of the row (a case row: the youth's territory and current referent; another row: its territory).
#: It follows what the services require: a counsellor of the territory conducts the intakes and prepares the
#: files, the youth's referent keeps their file, case reviews need only to see the files discussed, the
#: reference data, staff and settings belong to the administrators. A test checks every synced model is listed.
SYNC_ACTIONS: dict[str, tuple[Action, ...]] = {
    # reference data
    "territory": (Action.REFERENCE_MANAGE,),
    "territory_required_role": (Action.REFERENCE_MANAGE,),
    "organisation": (Action.REFERENCE_MANAGE,),
    "service_offer": (Action.REFERENCE_MANAGE,),
    "staff": (Action.STAFF_MANAGE,),
    "staff_role": (Action.STAFF_MANAGE,),
    "credential": (Action.STAFF_MANAGE,),
    "programme_setting": (Action.SETTINGS_MANAGE,),
    # a youth's file: the intake, then the follow-up
    **{entity: (Action.INTAKE_EDIT, Action.CASE_EDIT) for entity in INTAKE_ENTITIES},
    **{entity: (Action.CASE_EDIT, Action.INTAKE_EDIT) for entity in FOLLOW_UP_ENTITIES},
    "referent_assignment": (Action.REFERENT_CHANGE,),
    "evaluation_assignment": (Action.EVALUATION_DRAW,),
    "data_rights_request": (Action.RIGHTS_REQUEST,),
    # the repérage: trying to reach a youth not yet met (issue 18)
    "contact_attempt": (Action.CONTACT_RECORD,),
    # case reviews ("réunions de synthèse") and committee meetings of a territory
    "case_review": (Action.CASE_VIEW,),
    "case_review_participant": (Action.CASE_VIEW,),
    "case_review_youth": (Action.CASE_VIEW,),
    "committee_meeting": (Action.COMMITTEE_VIEW, Action.CASE_VIEW),
    # joint-intake sessions (issue 18): the territory's counsellors plan them and invite youths into their slots
    "intake_session": (Action.INTAKE_EDIT,),
    "intake_session_counsellor": (Action.INTAKE_EDIT,),
    "intake_invitation": (Action.INTAKE_EDIT,),
    # the audit trail: written for everyone, denials included (append-only: only a purge removes entries)
    "audit_event": ANY_STAFF,
}


def actions_for_change(entity: str, op: str, fields: Iterable[str] = ()) -> tuple[Action, ...] | None:
    """The actions of which any one allows this synced change (``op``: create, update, delete or resolve);
    :data:`ANY_STAFF` when none is needed; None for an entity the policy does not know (refuse it)."""
    actions = SYNC_ACTIONS.get(entity)
    if actions is None:
        return None
    if entity == "audit_event":
        return ANY_STAFF if op == "create" else (Action.PURGE,)
    if op == "delete" and entity in CASE_ENTITIES:
        return (*actions, Action.PURGE)  # the retention purge removes whole files
    changed = set(fields)
    if entity == "youth" and op in ("update", "resolve") and changed and changed <= {"status"}:
        return (*actions, Action.REFERENT_CHANGE)  # a change of referent marks the youth as followed
    if entity == "youth" and op in ("update", "resolve") and changed and changed <= CONTACT_FIELDS:
        return (*actions, Action.CONTACT_RECORD)  # who contacts the youth, and whether they accept messages
    return actions
