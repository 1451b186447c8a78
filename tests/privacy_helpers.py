"""Helpers of the data-protection tests: obviously fictitious youths with case files of any depth."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pac_desktop.domain.enums import (
    AnalysisSection,
    ConsentKind,
    FollowUpKind,
    IntakeState,
    OutcomeMilestone,
    OutcomeSituation,
    ReferralSource,
)
from pac_desktop.services.context import Actor
from pac_desktop.storage.base import new_id
from pac_desktop.storage.models import (
    AnalysisNote,
    FollowUpEvent,
    Guardian,
    IntakeConsent,
    JointIntake,
    Outcome,
    ReferentAssignment,
    Referral,
    Territory,
    Youth,
)


def territory_id(services, code: str) -> str:
    with services.ctx.read() as session:
        return session.query(Territory.id).filter(Territory.code == code).scalar()


def make_youth(
    services,
    *,
    first: str = "Zoé",
    last: str = "Fictivenom",
    territory: str = "tarbes",
    birth: date = date(2009, 5, 4),
    referent: Actor | None = None,
    phone: str = "06 00 00 00 01",
    email: str = "zoe.fictivenom@example.invalid",
    intake_on: date | None = None,
    contact_on: date | None = None,
    outcomes: dict[OutcomeMilestone, OutcomeSituation] | None = None,
    created_at: datetime | None = None,
    full_file: bool = False,
    by: Actor | None = None,
) -> str:
    """A youth of the given territory, with (optionally) an intake, a referent, a follow-up, outcomes; written by
    ``by`` when given (the author a sync server checks)."""
    tid = territory_id(services, territory)
    with services.ctx.write(by) as session:
        yid = new_id()
        youth = Youth(
            id=yid,
            case_id=yid,
            territory_id=tid,
            first_name=first,
            last_name=last,
            birth_date=birth,
            phone=phone,
            email=email,
            address="1 rue Imaginaire",
            postcode="65000",
            town="Villefictive",
            created_at=created_at or datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        )
        session.add(youth)
        session.flush()
        intake_id = None
        if intake_on is not None or full_file:
            held = intake_on or date(2026, 1, 10)
            intake = JointIntake(
                case_id=yid, youth_id=yid, territory_id=tid, held_on=held, state=IntakeState.VALIDATED,
                shared_diagnosis=f"Diagnostic partagé de {first} {last}",
            )
            session.add(intake)
            session.flush()
            intake_id = intake.id
        if referent is not None:
            session.add(
                ReferentAssignment(case_id=yid, youth_id=yid, staff_id=referent.staff_id, started_on=date(2026, 1, 10))
            )
        if contact_on is not None:
            session.add(
                FollowUpEvent(case_id=yid, youth_id=yid, kind=FollowUpKind.CALL, occurred_on=contact_on, note="Appel")
            )
        for milestone, situation in (outcomes or {}).items():
            session.add(
                Outcome(
                    case_id=yid, youth_id=yid, intake_id=intake_id, milestone=milestone,
                    due_on=(intake_on or date(2026, 1, 10)) + timedelta(days=30 * int(milestone.value[1:])),
                    recorded_on=(intake_on or date(2026, 1, 10)) + timedelta(days=30 * int(milestone.value[1:])),
                    situation=situation,
                )
            )
        if full_file:
            session.add(Guardian(case_id=yid, youth_id=yid, full_name=f"Parent {last}", phone="05 00 00 00 02"))
            session.add(
                Referral(case_id=yid, youth_id=yid, source=ReferralSource.SCHOOL, referred_on=(intake_on or date(2026, 1, 10)) - timedelta(days=8),
                         referrer_name="Prof Imaginaire")
            )
            session.add(
                IntakeConsent(case_id=yid, youth_id=yid, intake_id=intake_id, kind=ConsentKind.YOUTH, given=True,
                              given_on=date(2026, 1, 10))
            )
            session.add(
                AnalysisNote(case_id=yid, intake_id=intake_id, section=AnalysisSection.HEALTH,
                             text=f"Note de santé sur {first}")
            )
    return yid
