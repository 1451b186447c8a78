"""Fixtures of the data-protection tests: staff in each role, and obviously fictitious youths with case files."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pac_desktop.domain.enums import (
    StaffRole,
)
from pac_desktop.services.context import Actor
from pac_desktop.services.staff import actor_for


@dataclass(frozen=True)
class People:
    admin: Actor
    counsellor: Actor  # Tarbes
    referent: Actor  # Tarbes
    other_referent: Actor  # Tarbes too
    ariege_referent: Actor
    committee: Actor  # Tarbes
    evaluator: Actor


def _actor(services, first: str, last: str, org: str, *roles: StaffRole) -> Actor:
    staff_id = services.staff.add(first_name=first, last_name=last, organisation_code=org, roles=roles)
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


@pytest.fixture
def people(loaded_services) -> People:
    s = loaded_services
    return People(
        admin=_actor(s, "Adèle", "Testadmin", "ml-tarbes", StaffRole.ADMINISTRATOR),
        counsellor=_actor(s, "Camille", "Testconseil", "cio-tarbes", StaffRole.COUNSELLOR),
        referent=_actor(s, "Rémi", "Testreferent", "ml-tarbes", StaffRole.REFERENT),
        other_referent=_actor(s, "Rosa", "Testautre", "ml-tarbes", StaffRole.REFERENT),
        ariege_referent=_actor(s, "Arno", "Testariege", "ml-ariege", StaffRole.REFERENT),
        committee=_actor(s, "Côme", "Testcomite", "ml-tarbes", StaffRole.COMMITTEE),
        evaluator=_actor(s, "Eva", "Testevaluatrice", "ml-tarbes", StaffRole.EVALUATOR),
    )
