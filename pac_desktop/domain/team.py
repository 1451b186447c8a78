"""The joint intake's required team: one counsellor per role of the territory (three, four in Tarbes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pac_desktop.domain.enums import ROLE_ORG_KINDS, IntakeRole, OrgKind
from pac_desktop.domain.errors import DomainError


class RoleNotAllowed(DomainError):
    """A staff member's organisation cannot provide this role at the intake."""


@dataclass(frozen=True, slots=True)
class TeamMember:
    """A role at the intake: who holds it (``staff_id`` None = nobody chosen yet), and whether they came."""

    role: IntakeRole
    staff_id: str | None
    present: bool
    absence_reason: str | None = None


def team_gaps(*, required_roles: frozenset[IntakeRole], members: Sequence[TeamMember],
              titles: Mapping[IntakeRole, str] | None = None) -> list[str]:
    """French messages for each required role with nobody chosen, or whose chosen people are all absent
    without a recorded reason. An empty list means the team is complete (or its absences are explained).
    ``titles``: the roles' names in the territory (reference data); the default names otherwise.
    """
    gaps: list[str] = []
    for role in IntakeRole:  # enum order keeps the messages in a stable, familiar order
        if role not in required_roles:
            continue
        title = (titles or {}).get(role, role.label)
        chosen = [m for m in members if m.role == role and m.staff_id is not None]
        if not chosen:
            gaps.append(f"Rôle « {title} » : personne n'a encore été choisi.")
            continue
        if any(m.present for m in chosen):
            continue
        if any(not (m.absence_reason or "").strip() for m in chosen):
            gaps.append(f"Rôle « {title} » : la personne choisie est absente ; indiquez la raison de son absence.")
    return gaps


def can_hold(role: IntakeRole, org_kind: OrgKind) -> bool:
    """True when staff of this kind of organisation may hold the role at the intake."""
    return org_kind in ROLE_ORG_KINDS.get(role, frozenset())


def check_staff_can_hold(role: IntakeRole, org_kind: OrgKind) -> None:
    """Raise RoleNotAllowed when staff of ``org_kind`` cannot hold ``role`` (a MGI counsellor as the CIO's)."""
    if can_hold(role, org_kind):
        return
    allowed = " ou ".join(f"« {k.label} »" for k in OrgKind if k in ROLE_ORG_KINDS.get(role, frozenset()))
    raise RoleNotAllowed(
        f"Le rôle « {role.label} » revient à une personne de {allowed}. "
        f"Cette personne dépend d'un organisme de type « {org_kind.label} » : choisissez quelqu'un d'autre."
    )
