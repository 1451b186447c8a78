"""The home page: the logged-in counsellor's day at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

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
from .staff import current_caseloads

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
            mine = _intakes_of(actor)
            planned = _intake_lines(session, mine, [IntakeState.PLANNED], order_by_date=True)
            in_progress = _intake_lines(session, mine, [IntakeState.STAGE_1, IntakeState.STAGE_2])
            followed = current_caseloads(session, [actor.staff_id]).get(actor.staff_id, 0)
            due_rows = session.execute(
                select(
                    Outcome.id, Outcome.youth_id, Youth.first_name, Youth.last_name, Outcome.milestone, Outcome.due_on
                )
                .join(Youth, Youth.id == Outcome.youth_id)
                .join(ReferentAssignment, ReferentAssignment.youth_id == Outcome.youth_id)
                .where(
                    ReferentAssignment.staff_id == actor.staff_id,
                    ReferentAssignment.ended_on.is_(None),
                    ReferentAssignment.deleted_at.is_(None),
                    Outcome.recorded_on.is_(None),
                    Outcome.deleted_at.is_(None),
                    Outcome.due_on <= today + timedelta(days=OUTCOME_HORIZON_DAYS),
                )
                .order_by(Outcome.due_on)
                .limit(MAX_LINES)
            ).all()
            overdue = session.scalar(
                select(func.count())
                .select_from(Outcome)
                .join(ReferentAssignment, ReferentAssignment.youth_id == Outcome.youth_id)
                .where(
                    ReferentAssignment.staff_id == actor.staff_id,
                    ReferentAssignment.ended_on.is_(None),
                    ReferentAssignment.deleted_at.is_(None),
                    Outcome.recorded_on.is_(None),
                    Outcome.deleted_at.is_(None),
                    Outcome.due_on < today,
                )
            )
        return HomeSummary(
            today=today,
            planned=planned,
            in_progress=in_progress,
            followed=followed,
            caseload_cap=actor.caseload_cap,
            outcomes_due=tuple(
                OutcomeDueLine(oid, yid, f"{first} {last}", milestone, due)
                for oid, yid, first, last, milestone, due in due_rows
            ),
            outcomes_overdue=overdue or 0,
        )


def _intakes_of(actor: Actor):
    """Intakes the counsellor takes part in, or that are held in their territory."""
    # An uncorrelated IN (one list, built once), not a correlated EXISTS: SQLite ran the EXISTS through the
    # staff_id index for every intake, i.e. intakes x the counsellor's participations (90 s at 100,000 youths).
    takes_part = JointIntake.id.in_(
        select(IntakeParticipant.intake_id).where(
            IntakeParticipant.staff_id == actor.staff_id,
            IntakeParticipant.deleted_at.is_(None),
        )
    )
    clauses = [takes_part, JointIntake.created_by == actor.staff_id]
    if actor.territory_id:
        clauses.append(JointIntake.territory_id == actor.territory_id)
    return or_(*clauses)


def _intake_lines(session, scope, states: list[IntakeState], *, order_by_date: bool = False) -> tuple[IntakeLine, ...]:
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
        .where(JointIntake.state.in_(states), JointIntake.deleted_at.is_(None), scope)
        .order_by(JointIntake.planned_at if order_by_date else JointIntake.updated_at.desc())
        .limit(MAX_LINES)
    )
    return tuple(
        IntakeLine(iid, yid, f"{first} {last}", state, planned_at, short or name, step)
        for iid, yid, first, last, state, planned_at, short, name, step in session.execute(stmt)
    )
