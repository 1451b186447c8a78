"""Staff roles on the server (issue 7 §3): every pushed change is checked with the desktop's own policy.

A device is authenticated by its token, which only scopes it to its territories (SYNC.md §3 step 2). Each
mutation also names its author (``made_by``, the staff member logged in on the device); the server looks the
author up in the staff it published (``staff``, ``staff_role``, ``organisation`` records), derives the context
of the row concerned (the youth's territory and current referent, or the row's territory) and asks
:func:`pac_desktop.security.roles.can` for one of the actions :func:`~pac_desktop.security.roles.actions_for_change`
names. A refusal is a ``rejected`` result whose reason is the French message of
:func:`~pac_desktop.security.roles.denial_message` (the device parks it in its dead letters, the ledger keeps
it) and a ``denied`` audit event the territory's devices receive like any other.

Every function takes the caller's open connection and never commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.roles import (
    CASE_ENTITIES,
    AccessContext,
    Action,
    actions_for_change,
    can,
    denial_message,
)
from pac_desktop.sync.wire import CASE_ROOT, Mutation, Op

from .authorship import KeyDirectory, Presigned, signature_problem
from .models import Record, utcnow
from .records import batch_of, case_records, get_record

R = Record.__table__

NO_AUTHOR = (
    "Cette modification ne dit pas qui l'a faite : le serveur ne l'a pas enregistrée. Connectez-vous avec votre "
    "compte sur cet ordinateur, puis refaites-la."
)
UNKNOWN_AUTHOR = (
    "L'auteur de cette modification ne fait pas partie du personnel connu du serveur : elle n'a pas été "
    "enregistrée. Demandez à l'administrateur de vérifier son compte."
)
INACTIVE_AUTHOR = (
    "Le compte de l'auteur de cette modification est désactivé : le serveur ne l'a pas enregistrée. Adressez-vous "
    "à l'administrateur de votre structure."
)
FOREIGN_AUTHOR = (
    "L'auteur de cette modification ne travaille pas dans un territoire de cet ordinateur : le serveur ne l'a "
    "pas enregistrée. Chacun travaille sur les ordinateurs de son propre territoire."
)
NOT_REGIONAL_AUTHOR = (
    "Cet ordinateur est celui du comité de pilotage régional : seuls ses membres et les administrateurs y "
    "travaillent. Le serveur n'a pas enregistré cette modification."
)
FORGED_AUDIT = (
    "Cette entrée du journal est attribuée à une autre personne que son auteur : le serveur ne l'a pas "
    "enregistrée."
)
REFUSED_SUFFIX = " Le serveur ne l'a pas enregistrée."
#: Entities whose changes alter what the directory knows about the staff.
STAFF_ENTITIES = frozenset({"staff", "staff_role", "organisation"})


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    roles: frozenset[StaffRole]
    territory_id: str | None
    active: bool


class StaffDirectory:
    """The staff the server published, looked up on demand and remembered for one push batch."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._known: dict[str, StaffMember | None] = {}
        #: Their signing keys' public halves (issue 12).
        self.keys = KeyDirectory(conn)

    def forget(self) -> None:
        self._known.clear()
        self.keys.forget()

    def get(self, staff_id: str) -> StaffMember | None:
        if staff_id not in self._known:
            self._known[staff_id] = self._load(staff_id)
        return self._known[staff_id]

    def _load(self, staff_id: str) -> StaffMember | None:
        staff = _data(self._conn, "staff", staff_id)
        if staff is None:
            return None
        batch = batch_of(self._conn)
        rows = batch.roles_of(staff_id) if batch is not None else None  # prefetched with the push's records
        if rows is None:
            rows = list(self._conn.execute(
                select(R.c.data).where(R.c.entity == "staff_role", R.c.deleted.is_(False),
                                       R.c.data["staff_id"].as_string() == staff_id)
            ).scalars())
        roles = set()
        for data in rows:
            try:
                roles.add(StaffRole(data.get("role")))
            except ValueError:
                continue  # a role this version does not know grants nothing
        organisation = _data(self._conn, "organisation", staff.get("organisation_id"))
        territory = organisation.get("territory_id") if organisation else None
        return StaffMember(staff_id, frozenset(roles), territory, bool(staff.get("active", True)))


def _data(conn: Connection, entity: str, record_id: Any) -> dict[str, Any] | None:
    """The live data of a record, None when it does not exist or is a tombstone."""
    if not isinstance(record_id, str):
        return None
    row = get_record(conn, entity, record_id)
    return None if row is None or row.deleted else dict(row.data)


@dataclass(frozen=True)
class Denial:
    """A refused change: the French reason sent back, and what the audit event records."""

    reason: str
    action: Action | None
    territory_id: str | None
    #: What the audit event says was refused when no action of the policy is concerned.
    subject: str = "auteur inconnu"


def check_change(
    conn: Connection,
    m: Mutation,
    *,
    current: dict[str, Any] | None,
    territory_id: str | None,
    staff: StaffDirectory,
    device_territories: tuple[str, ...] | None = None,
    presigned: Presigned | None = None,
) -> Denial | None:
    """None when the author of ``m`` may make it; else why not. ``current`` is the record's present data (None
    when it does not exist yet), ``territory_id`` the territory of a row outside a youth's file; ``presigned``
    its signature checked before the write transaction (authorship.presign).

    Authorship (issue 12; docs/sync-authorship.md): ``made_by`` must be an active staff member of one of the
    pushing device's territories (``device_territories``, from its token; None for the server's administrator),
    and the change must be signed by a key of theirs (pac_desktop.server.authorship): a device cannot name as
    author anyone who did not sign in on it, in its territory or another. An audit event is always attributed
    to its author (``staff_id`` = ``made_by``)."""
    actions = actions_for_change(m.entity, m.op.value, m.fields)
    if actions is None:  # an entity the policy does not know: nobody may change it
        return Denial("Ce type de donnée n'a pas de règle d'accès sur le serveur : la modification est refusée.",
                      None, territory_id)
    if m.entity == "audit_event" and m.op is not Op.DELETE:
        attributed = m.fields["staff_id"] if "staff_id" in m.fields else (current or {}).get("staff_id")
        if attributed is not None and attributed != m.made_by:
            return Denial(FORGED_AUDIT, None, territory_id, "journal attribué à un autre")
    if m.made_by is None:
        # Only the device itself writes without a logged-in author: its audit entries (a failed login…).
        return None if not actions else Denial(NO_AUTHOR, None, territory_id)
    author = staff.get(m.made_by)
    if author is None:
        return Denial(UNKNOWN_AUTHOR, None, territory_id)
    if not author.active:
        return Denial(INACTIVE_AUTHOR, None, territory_id)
    if device_territories == ():  # a regional computer (issue 18 §6): its regional users and administrators
        if not can(author.roles, Action.REGIONAL_VIEW, AccessContext(actor_id=author.staff_id,
                                                                      actor_territory_id=author.territory_id)):
            return Denial(NOT_REGIONAL_AUTHOR, None, territory_id, "auteur non régional")
    elif device_territories is not None and author.territory_id not in device_territories:
        return Denial(FOREIGN_AUTHOR, None, territory_id, "auteur d'un autre territoire")
    if device_territories is not None:  # a device's push: signed by its author (issue 12); the server's admin: no
        problem = signature_problem(m, staff.keys, presigned)
        if problem is not None:
            return Denial(problem, None, territory_id, "signature refusée")
    if not actions:  # ANY_STAFF
        return None
    if m.entity in CASE_ENTITIES and m.case_id is not None:
        territory_id, referent_id = _case_context(conn, m, current)
    else:
        referent_id = None
    context = AccessContext(actor_id=author.staff_id, actor_territory_id=author.territory_id,
                            territory_id=territory_id, referent_id=referent_id)
    if any(can(author.roles, action, context) for action in actions):
        return None
    action = _explained_action(actions, author.roles)
    return Denial(denial_message(author.roles, action, context) + REFUSED_SUFFIX, action, territory_id)


def _explained_action(actions: tuple[Action, ...], roles: frozenset[StaffRole]) -> Action:
    """The action the refusal message speaks of: the follow-up of a file, unless a counsellor is refused."""
    if Action.CASE_EDIT in actions and StaffRole.COUNSELLOR not in roles:
        return Action.CASE_EDIT
    return actions[0]


def _case_context(conn: Connection, m: Mutation, current: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """The youth's territory and current referent, for a row of their file.

    The youth's territory is the one the server holds (before this change: moving a youth needs rights where
    they are); a youth being created carries it. The referent is the author when one of their assignments to
    this youth is open, or ended on or after the day the change was made (a referent's edits made before a
    hand-over still count, and so does the hand-over itself); otherwise whoever holds the open assignment.
    """
    case_id = m.case_id
    youth = current if m.entity == CASE_ROOT else _data(conn, CASE_ROOT, case_id)
    territory = (youth or {}).get("territory_id")
    if territory is None and m.entity == CASE_ROOT:
        territory = m.fields.get("territory_id")
    made_on = _made_on(m.made_at)
    referent: str | None = None
    assignments = [r.data for r in case_records(conn, case_id, "referent_assignment") if not r.deleted]
    for data in assignments:
        ended = data.get("ended_on")
        if data.get("staff_id") == m.made_by and (ended is None or str(ended) >= made_on.isoformat()):
            return (territory if isinstance(territory, str) else None), m.made_by
        if ended is None:
            referent = data.get("staff_id")
    return (territory if isinstance(territory, str) else None), referent


def _made_on(made_at: str | None) -> date:
    if made_at:
        try:
            stamp = datetime.fromisoformat(made_at)
        except ValueError:
            pass
        else:
            return (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC).date()
    return datetime.now(UTC).date()


def is_no_op(m: Mutation, current_data: dict[str, Any] | None, deleted: bool) -> bool:
    """A change that would change nothing (a row seeded alike on two devices, an edit already made, a delete
    already done): nothing to authorise, the push only acknowledges it."""
    if current_data is None:
        return False
    if m.op is Op.DELETE:
        return deleted
    if m.op in (Op.CREATE, Op.UPDATE) and not deleted:
        return all(current_data.get(f) == v for f, v in m.fields.items())
    return False


def denial_audit(m: Mutation, denial: Denial, *, known_case: bool, device_territories: tuple[str, ...]
                 ) -> tuple[str, str | None, str | None, dict[str, Any]]:
    """(id, case id, territory id, data) of the ``denied`` audit event recording a refused change."""
    territory = denial.territory_id or (device_territories[0] if device_territories else None)
    youth_id = m.case_id if known_case and m.entity in CASE_ENTITIES else None
    what = denial.action.value if denial.action else denial.subject
    data = {
        "at": utcnow().isoformat(),
        "staff_id": m.made_by,
        "action": AuditAction.DENIED.value,
        "entity": m.entity,
        "entity_id": m.id,
        "youth_id": youth_id,
        "territory_id": territory,
        "detail": f"{what} : modification refusée par le serveur ({m.op.value})",
    }
    return str(uuid.uuid4()), youth_id, None if youth_id else territory, data
