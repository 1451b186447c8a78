"""Fixtures of the printed-document tests: handmade intakes with known words, and a generated demo cohort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from report_fixtures import MadeIntake, Team, make_intake, make_team

from pac_desktop.domain.enums import OutcomeMilestone, OutcomeSituation, ReferralSource, YouthAnswer


@dataclass
class Handmade:
    services: object
    team: Team
    minor: MadeIntake  # Zoé, 16, with her mother, amendments, referent over the cap
    adult: MadeIntake  # Noël, 20, eligibility override
    tarbes: MadeIntake  # another territory (Tarbes)


@pytest.fixture
def handmade(loaded_services) -> Handmade:
    services = loaded_services
    team = make_team(services)
    minor = make_intake(
        services, team, amendments=True,
        cap_override="Accord de la direction : la fratrie est déjà suivie par elle.",
        outcomes={OutcomeMilestone.MONTH_3: OutcomeSituation.TRAINING},
    )
    adult = make_intake(
        services, team, first_name="Noël", last_name="Dûpré-Fictif", birth_date=date(2005, 6, 30),
        held_on=date(2026, 2, 20), phone="07 98 76 54 32", email="noel.fictif@exemple.fr", family_member=None,
        override="Suivi par l'ASE, mais sans aucune solution d'insertion depuis des mois.",
        source=ReferralSource.MISSION_LOCALE, answers=(YouthAnswer.ACCEPTED, YouthAnswer.ACCEPTED),
        priority_area=False,
    )
    tarbes_team = make_team(services, territory="tarbes", suffix="-Tarbes")
    tarbes = make_intake(
        services, tarbes_team, first_name="Maël", last_name="Çelik-Fictif", territory="tarbes",
        phone="06 55 44 33 22", email="mael.fictif@exemple.fr",
    )
    return Handmade(services=services, team=team, minor=minor, adult=adult, tarbes=tarbes)


@pytest.fixture
def demo_services(services):
    """A generated cohort (the project's own demo generator): every intake state, notes, solutions, outcomes."""
    from pac_desktop.demo import DemoDataService

    DemoDataService(services.ctx).generate(youths=80, seed=11)
    return services


def _actor(services, staff_id: str):  # noqa: ANN202
    from pac_desktop.services.staff import actor_for

    with services.ctx.read() as session:
        return actor_for(session, staff_id)


@pytest.fixture
def admin(loaded_services):
    """Who prints in the handmade tests: an administrator, who may print every territory's documents."""
    return _actor(loaded_services, loaded_services.staff.add(
        first_name="Alix", last_name="Testimprime", organisation_code="ml-tarbes", roles=["administrator"]
    ))


@pytest.fixture
def demo_admin(demo_services):
    """Who prints the demo cohort's documents: the demo's own administrator (login "demo")."""
    from sqlalchemy import select

    from pac_desktop.demo import DEMO_LOGIN
    from pac_desktop.storage.models import Credential

    with demo_services.ctx.read() as session:
        staff_id = session.scalar(select(Credential.staff_id).where(Credential.login == DEMO_LOGIN))
    return _actor(demo_services, staff_id)


@pytest.fixture
def cli_login(loaded_services, monkeypatch):
    """`pac` signs in as a counsellor of Toulouse Nord who also sits on its committee and administers the
    programme (indicators of every territory)."""
    staff_id = loaded_services.staff.add(
        first_name="Clio", last_name="Testligne", organisation_code="cio-toulouse-nord",
        roles=["counsellor", "committee", "administrator"], login="clio-cli", password="mot-de-passe-de-test",
    )
    monkeypatch.setenv("PAC_LOGIN", "clio-cli")
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    return staff_id
