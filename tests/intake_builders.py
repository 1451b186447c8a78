"""Builders for the joint-intake tests (services, GUI, durability): an intake team per territory, made through
services.staff.add, and obviously fictitious youths made through the intake service itself.

Importable from any test module (tests/ is on sys.path through tests/conftest.py, pytest's default
"prepend" import mode).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from pac_desktop.domain.enums import (
    AnalysisSection,
    Barrier,
    ConsentKind,
    IntakeRole,
    ReferralSource,
    StaffRole,
    YouthAnswer,
)
from pac_desktop.domain.french import PARIS
from pac_desktop.services.context import Actor
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.models import ServiceOffer, Territory

# The organisations each role is taken from, per territory (resources/reference/organisations.json).
TEAM_ORGANISATIONS: dict[str, dict[IntakeRole, str]] = {
    "tarbes": {
        IntakeRole.CIO_PSYCHOLOGIST: "cio-tarbes",
        IntakeRole.MGI_COUNSELLOR: "mgi-tarbes",
        IntakeRole.ML_COUNSELLOR: "ml-tarbes",
        IntakeRole.APPRENTICESHIP_CORRESPONDENT: "cci-tarbes",
    },
    "toulouse-nord": {
        IntakeRole.CIO_PSYCHOLOGIST: "cio-toulouse-nord",
        IntakeRole.MGI_COUNSELLOR: "mgi-toulouse-nord",
        IntakeRole.ML_COUNSELLOR: "ml-toulouse-nord",
    },
    "ariege": {
        IntakeRole.CIO_PSYCHOLOGIST: "cio-ariege",
        IntakeRole.MGI_COUNSELLOR: "mgi-ariege",
        IntakeRole.ML_COUNSELLOR: "ml-ariege",
    },
}

# Fictitious counsellors: (first name, last name) per role.
_NAMES: dict[IntakeRole, tuple[str, str]] = {
    IntakeRole.CIO_PSYCHOLOGIST: ("Maud", "Dufictif"),
    IntakeRole.MGI_COUNSELLOR: ("Paul", "Lessai"),
    IntakeRole.ML_COUNSELLOR: ("Sarah", "Rexemple"),
    IntakeRole.APPRENTICESHIP_CORRESPONDENT: ("Claire", "Apprentest"),
}


@dataclass(frozen=True)
class Team:
    territory_code: str
    territory_id: str
    counsellors: dict[IntakeRole, Actor]
    #: Referents of the territory who are not counsellors at the table.
    referents: tuple[Actor, ...]
    admin: Actor

    @property
    def lead(self) -> Actor:
        """The counsellor logged in on the laptop (the CIO's)."""
        return self.counsellors[IntakeRole.CIO_PSYCHOLOGIST]

    @property
    def members(self) -> list[Actor]:
        return list(self.counsellors.values())


def actor(services, staff_id: str) -> Actor:
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


def territory_id(services, code: str) -> str:
    with services.ctx.read() as session:
        return session.scalar(select(Territory.id).where(Territory.code == code))


def offer_id(services, code: str) -> str:
    with services.ctx.read() as session:
        return session.scalar(select(ServiceOffer.id).where(ServiceOffer.code == code))


#: Every counsellor of a test team signs in (and validates an intake, issue 13) with their own password.
TEAM_PASSWORD = "motdepasse-equipe-2026"


def member_password(member: Actor | str) -> str:
    """A team counsellor's own password (each one different): from their first name."""
    first = member if isinstance(member, str) else member.first_name
    return f"{TEAM_PASSWORD}-{first.lower()}"


def team_login(role: IntakeRole, suffix: str = "", territory: str = "tarbes") -> str:
    return f"{territory}-{role.value}{suffix}".lower()


def make_team(services, territory: str = "tarbes", *, suffix: str = "") -> Team:
    """The territory's required team (each counsellor also a referent, with a login: TEAM_PASSWORD), two more
    referents and an admin."""
    counsellors = {}
    for role, org in TEAM_ORGANISATIONS[territory].items():
        first, last = _NAMES[role]
        staff_id = services.staff.add(
            first_name=first,
            last_name=last + suffix,
            organisation_code=org,
            roles=[StaffRole.COUNSELLOR, StaffRole.REFERENT],
            login=team_login(role, suffix, territory),
            password=member_password(first),
        )
        counsellors[role] = actor(services, staff_id)
    orgs = TEAM_ORGANISATIONS[territory]
    referents = tuple(
        actor(
            services,
            services.staff.add(
                first_name=first, last_name=last + suffix, organisation_code=org, roles=[StaffRole.REFERENT]
            ),
        )
        for first, last, org in (
            ("Hugo", "Referentest", orgs[IntakeRole.ML_COUNSELLOR]),
            ("Inès", "Suivifictif", orgs[IntakeRole.MGI_COUNSELLOR]),
        )
    )
    admin = actor(
        services,
        services.staff.add(
            first_name="Alix",
            last_name="Admintest" + suffix,
            organisation_code=orgs[IntakeRole.CIO_PSYCHOLOGIST],
            roles=[StaffRole.ADMINISTRATOR, StaffRole.COUNSELLOR],
        ),
    )
    return Team(territory, territory_id(services, territory), counsellors, referents, admin)


def new_youth(
    services,
    team: Team,
    *,
    first: str = "Léa",
    last: str = "Testfictive",
    birth: date = date(2008, 11, 20),
    create_anyway: bool = True,
) -> str:
    created = services.intake.create_youth(
        first_name=first,
        last_name=last,
        birth_date=birth,
        territory_id=team.territory_id,
        create_anyway=create_anyway,
        by=team.lead,
    )
    assert created.youth_id is not None
    return created.youth_id


def fill_until_validation(services, team: Team, intake_id: str, *, minor: bool = True) -> None:
    """Everything the validation needs, through the service (the same calls the wizard makes)."""
    intake = services.intake
    by = team.lead
    for field, value in (
        ("referral.source", ReferralSource.CIO),
        ("referral.referrer_name", "Mme Prescriptrice-Fictive"),
        ("youth.left_school_on", date(2025, 12, 19)),
        ("youth.has_qualification", False),
        ("youth.followed_by_structure", False),
    ):
        intake.save_field(intake_id=intake_id, field=field, value=value, by=by)
    intake.record_consent(intake_id=intake_id, kind=ConsentKind.YOUTH, given=True, collected_by=by.staff_id, by=by)
    if minor:
        intake.record_consent(
            intake_id=intake_id,
            kind=ConsentKind.GUARDIAN,
            given=True,
            collected_by=by.staff_id,
            guardian_name="Mme Parent-Fictif",
            by=by,
        )
    detail = intake.intake_detail(intake_id=intake_id, by=by)
    for p in detail.counsellors:
        if p.staff_id is None:
            intake.update_participant(participant_id=p.id, staff_id=team.counsellors[p.role].staff_id, by=by)
    intake.set_step(intake_id=intake_id, step="analysis", by=by)
    intake.save_note(
        intake_id=intake_id,
        note_id=f"{intake_id[:8]}-0000-4000-8000-000000000001",
        section=AnalysisSection.SCHOOLING,
        author_staff_id=by.staff_id,
        text="Sortie de seconde en décembre.",
        by=by,
    )
    intake.set_barrier(intake_id=intake_id, barrier=Barrier.MOBILITY, checked=True, by=by)
    intake.save_field(intake_id=intake_id, field="intake.shared_diagnosis", value="Projet à construire.", by=by)
    intake.save_field(intake_id=intake_id, field="intake.diagnosis_agreed", value=True, by=by)
    intake.set_step(intake_id=intake_id, step="solutions", by=by)
    intake.add_solution(
        intake_id=intake_id,
        free_text="Découverte des métiers du bâtiment",
        category="guidance",
        youth_answer=YouthAnswer.ACCEPTED,
        by=by,
    )
    intake.designate_referent(intake_id=intake_id, staff_id=team.referents[0].staff_id, by=by)
    intake.set_next_appointment(
        intake_id=intake_id,
        at=datetime(2026, 3, 19, 14, 0, tzinfo=PARIS),
        place="Mission Locale",
        staff_id=team.referents[0].staff_id,
        by=by,
    )
