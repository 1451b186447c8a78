"""Small readers every service needs: a live youth and their intake, staff and organisation names, initials.

One place for them, so that the intake, the case file, the reviews and the documents agree (issue 11).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.errors import NotFound
from pac_desktop.domain.intake_state import counts_as_the_youths_intake, intake_day, youths_intake_order

from .models import JointIntake, Organisation, Staff, TerritoryRequiredRole, Youth
from .outbox import LocalSession


def live_youth(session: LocalSession, youth_id: str) -> Youth:
    """The youth's row, or NotFound in French when it is not (or no longer) on this computer."""
    youth = session.get(Youth, youth_id)
    if youth is None or youth.deleted_at is not None:
        raise NotFound("Ce dossier n'existe pas (ou plus) sur cet ordinateur. Synchronisez, puis réessayez.")
    return youth


def _labels(session: LocalSession, ids: Iterable[str | None], id_column: Any, *columns: Any,
            label: Callable[..., str]) -> dict[str, str]:
    """id → label(columns…) for the ids given (unknown ids are left out); one query, none when no id."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {row[0]: label(*row[1:]) for row in session.execute(select(id_column, *columns).where(id_column.in_(wanted)))}


def _full_name(first: str, last: str) -> str:
    return f"{first} {last}"


def staff_names(session: LocalSession, ids: Iterable[str | None]) -> dict[str, str]:
    """staff id → full name, for the ids given (unknown ids are left out)."""
    return _labels(session, ids, Staff.id, Staff.first_name, Staff.last_name, label=_full_name)


def youth_names(session: LocalSession, ids: Iterable[str | None]) -> dict[str, str]:
    """youth id → « first name last name », for the ids given (unknown ids are left out)."""
    return _labels(session, ids, Youth.id, Youth.first_name, Youth.last_name, label=_full_name)


def organisation_names(session: LocalSession, ids: Iterable[str | None]) -> dict[str, str]:
    """organisation id → short name (else its name), for the ids given."""
    return _labels(session, ids, Organisation.id, Organisation.short_name, Organisation.name,
                   label=lambda short, name: short or name)


def initials(first_name: str, last_name: str) -> str:
    """« Jeanne Testa » → « JT »: the two letters shown beside a counsellor's name."""
    return (first_name[:1] + last_name[:1]).upper()


def dotted_initials(first_name: str, last_name: str) -> str:
    """« Jean-Marc Le Goff » → « J.-M. L. »: a youth named by initials (pseudonymised documents, the purge list)."""

    def initial(name: str) -> str:
        # "Jean-Marc" → "J.-M.", "Le Goff" → "L."
        parts = [p for p in re.split(r"([-\s])", name.strip()) if p]
        out = ""
        for part in parts:
            if part == "-":
                out += "-"
            elif part.strip():
                if out and not out.endswith("-"):
                    break
                out += part[0].upper() + "."
        return out

    return f"{initial(first_name)} {initial(last_name)}".strip()


def staff_labels(session: LocalSession, ids: Iterable[str | None]) -> dict[str, tuple[str, str, str]]:
    """staff id → (full name, initials, organisation name)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(
        select(Staff, Organisation.short_name, Organisation.name)
        .join(Organisation, Organisation.id == Staff.organisation_id)
        .where(Staff.id.in_(wanted))
    ).all()
    return {s.id: (f"{s.first_name} {s.last_name}", initials(s.first_name, s.last_name), short or name) for s, short, name in rows}


def youths_intake(session: LocalSession, youth_id: str) -> JointIntake | None:
    """The youth's intake, as the case file and every document mean it: never a cancelled one nor one the youth
    did not come to; the validated one first, else the latest by its date (domain.intake_state)."""
    intakes = [
        i
        for i in session.scalars(
            select(JointIntake).where(JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None))
        )
        if counts_as_the_youths_intake(i.state)
    ]
    if not intakes:
        return None
    return max(
        intakes,
        key=lambda i: youths_intake_order(
            state=i.state, day=intake_day(held_on=i.held_on, planned_at=i.planned_at), updated_at=i.updated_at
        ),
    )


def job_titles(session: LocalSession, territory_id: str | None) -> dict[IntakeRole, str]:
    """The intake roles' names in a territory, as the reference data names them (resources/reference/
    job_titles.json, synced like the rest of it; issue 18 §7). A role the territory's data does not name keeps
    the programme's default name."""
    titles = {role: role.label for role in IntakeRole}
    if territory_id is not None:
        for role, title in session.execute(
            select(TerritoryRequiredRole.role, TerritoryRequiredRole.title).where(
                TerritoryRequiredRole.territory_id == territory_id, TerritoryRequiredRole.deleted_at.is_(None),
                TerritoryRequiredRole.title.is_not(None))
        ):
            titles[role] = title
    return titles
