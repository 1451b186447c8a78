"""What a form offers to pick: a member of staff, a partner organisation, a referent with their caseload.

One dataclass each, for the intake, the case file, the reviews and the youths list alike (issue 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from pac_desktop.domain.caseload import caseload_label


@dataclass(frozen=True)
class StaffChoice:
    staff_id: str
    name: str
    organisation_name: str = ""
    initials: str = ""


@dataclass(frozen=True)
class OrganisationChoice:
    organisation_id: str
    name: str
    kind_label: str
    territory_id: str | None = None


@dataclass(frozen=True)
class ReferentChoice:
    """A referent, with their caseload against their cap (a full one is listed, not hidden)."""

    staff_id: str
    name: str
    organisation_name: str
    caseload: int
    cap: int
    #: False when the cap is reached (an administrator may still override it, with a reason).
    selectable: bool = True
    #: Why the referent cannot be chosen, in French (None when selectable).
    reason: str | None = None
    current: bool = False

    @property
    def full(self) -> bool:
        return self.caseload >= self.cap

    @property
    def caseload_label(self) -> str:
        return caseload_label(self.caseload, self.cap)
