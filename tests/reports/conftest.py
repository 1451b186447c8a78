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
    from pac_desktop.services.demo_data import DemoDataService

    DemoDataService(services.ctx).generate(youths=80, seed=11)
    return services
