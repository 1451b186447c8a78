"""The home page: the logged-in counsellor's day at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, union

from pac_desktop.domain.enums import IntakeState, OutcomeMilestone
from pac_desktop.storage.models import (
    IntakeParticipant,
    JointIntake,
    Organisation,
    Outcome,
    ReferentAssignment,
    Youth,
)

from .context import Actor, ServiceContext

#: Outcomes due within this many days appear on the home page (overdue ones always do).
OUTCOME_HORIZON_DAYS = 14
MAX_LINES = 50


@dataclass(frozen=True)
class IntakeLine:
    intake_id: str
    youth_id: str
    youth_name: str
    state: IntakeState
    planned_at: datetime | None
    place: str | None
    current_step: str


@dataclass(frozen=True)
class OutcomeDueLine:
    outcome_id: str
    youth_id: str
    youth_name: str
    milestone: OutcomeMilestone
    due_on: date


@dataclass(frozen=True)
class HomeSummary:
    today: date
    planned: tuple[IntakeLine, ...]
    in_progress: tuple[IntakeLine, ...]
    followed: int
    caseload_cap: int
    outcomes_due: tuple[OutcomeDueLine, ...]
    outcomes_overdue: int


class HomeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def summary(self, *, actor: Actor) -> HomeSummary:
        today = self._ctx.today()
        with self._ctx.read() as session:
            planned = _intake_lines(session, actor, [IntakeState.PLANNED], order_by_date=True)
            in_progress = _intake_lines(session, actor, [IntakeState.STAGE_1, IntakeState.STAGE_2])
            followed = _followed_youths(session, actor)
            outcomes = _open_outcomes_of(session, followed)
        horizon = today + timedelta(days=OUTCOME_HORIZON_DAYS)
        due = [line for line in outcomes if line.due_on <= horizon]
        return HomeSummary(
            today=today,
            planned=planned,
            in_progress=in_progress,
            followed=len(followed),  # as staff.current_caseloads counts a caseload: one open assignment a youth
            caseload_cap=actor.caseload_cap,
            outcomes_due=tuple(due[:MAX_LINES]),
            outcomes_overdue=sum(1 for line in outcomes if line.due_on < today),
        )


def _followed_youths(session, actor: Actor) -> list[str]:
    """The youths the counsellor follows now (their open referent assignments)."""
    return list(session.scalars(
        select(ReferentAssignment.youth_id).where(
            ReferentAssignment.staff_id == actor.staff_id,
            ReferentAssignment.ended_on.is_(None),
            ReferentAssignment.deleted_at.is_(None),
        )
    ))


def _open_outcomes_of(session, youth_ids: list[str]) -> list[OutcomeDueLine]:
    """The outcomes not yet recorded of these youths, earliest due first.

    Read through the youths (a caseload is at most a few dozen youths, each with at most four outcomes), the
    recorded ones left out here: a filter on ``recorded_on`` or the dates in SQL let SQLite walk every open outcome
    of the territory by date instead (``ix_outcome_due``: 0.5 s at 100,000 youths, issue 16)."""
    if not youth_ids:
        return []
    rows = session.execute(
        select(Outcome.id, Outcome.youth_id, Youth.first_name, Youth.last_name, Outcome.milestone, Outcome.due_on,
               Outcome.recorded_on)
        .join(Youth, Youth.id == Outcome.youth_id)
        .where(Outcome.youth_id.in_(youth_ids), Outcome.deleted_at.is_(None))
    ).all()
    return sorted(
        (OutcomeDueLine(oid, yid, f"{first} {last}", milestone, due_on)
         for oid, yid, first, last, milestone, due_on, recorded_on in rows if recorded_on is None),
        key=lambda line: line.due_on,
    )


def _intakes_of(actor: Actor, states: list[IntakeState]):
    """Intakes in ``states`` the counsellor takes part in, created, or that are held in their territory."""
    # The ids first, each part by its own index (the territory's by ix_joint_intake_open, without reading a row),
    # then only those rows by their key: an OR of the three let SQLite read every intake in the states, of every
    # territory (8,000 rows and ~350 ms on a cold start at 100,000 youths, issue 16).
    current = (JointIntake.state.in_(states), JointIntake.deleted_at.is_(None))
    parts = [
        select(JointIntake.id)
        .join(IntakeParticipant, IntakeParticipant.intake_id == JointIntake.id)
        .where(IntakeParticipant.staff_id == actor.staff_id, IntakeParticipant.deleted_at.is_(None), *current),
        select(JointIntake.id).where(JointIntake.created_by == actor.staff_id, *current),
    ]
    if actor.territory_id:
        parts.append(select(JointIntake.id).where(JointIntake.territory_id == actor.territory_id, *current))
    return JointIntake.id.in_(union(*parts))


def _intake_lines(session, actor: Actor, states: list[IntakeState], *, order_by_date: bool = False
                  ) -> tuple[IntakeLine, ...]:
    stmt = (
        select(
            JointIntake.id,
            JointIntake.youth_id,
            Youth.first_name,
            Youth.last_name,
            JointIntake.state,
            JointIntake.planned_at,
            Organisation.short_name,
            Organisation.name,
            JointIntake.current_step,
        )
        .join(Youth, Youth.id == JointIntake.youth_id)
        .outerjoin(Organisation, Organisation.id == JointIntake.host_organisation_id)
        .where(_intakes_of(actor, states))
        .order_by(JointIntake.planned_at if order_by_date else JointIntake.updated_at.desc())
        .limit(MAX_LINES)
    )
    return tuple(
        IntakeLine(iid, yid, f"{first} {last}", state, planned_at, short or name, step)
        for iid, yid, first, last, state, planned_at, short, name, step in session.execute(stmt)
    )
