"""The outcome schedule (3, 6 and 12 months after the intake), shared by the intake and the case file."""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from sqlalchemy import select

from pac_desktop.domain.eligibility import add_months
from pac_desktop.domain.enums import (
    MILESTONE_MONTHS,
    OutcomeMilestone,
)
from pac_desktop.domain.intake_state import intake_day
from pac_desktop.storage.models import (
    JointIntake,
    Outcome,
)
from pac_desktop.storage.outbox import LocalSession

from .youths import OUTCOME_HORIZON_DAYS


class OutcomeState(Enum):
    RECORDED = "recorded"
    OVERDUE = "overdue"
    DUE = "due"  # within the horizon
    UPCOMING = "upcoming"
    NOT_DUE = "not_due"  # after the youth's exit: no longer expected


OUTCOME_STATE_LABELS = {
    OutcomeState.RECORDED: "Renseignée",
    OutcomeState.OVERDUE: "En retard",
    OutcomeState.DUE: "À renseigner",
    OutcomeState.UPCOMING: "À venir",
    OutcomeState.NOT_DUE: "Non attendue (sorti)",
}


# --------------------------------------------------------------------------------------------------
# Outcome schedule
# --------------------------------------------------------------------------------------------------


def milestone_due_dates(intake_on: date) -> dict[OutcomeMilestone, date]:
    """When each outcome is due: 3, 6 and 12 months after the intake, clamped to the month's end
    (an intake on 30 November is due on 28 or 29 February)."""
    return {milestone: add_months(intake_on, months) for milestone, months in MILESTONE_MONTHS.items()}


def outcome_state(*, due_on: date | None, recorded_on: date | None, today: date, exited: bool) -> OutcomeState:
    """Where one outcome stands today: recorded, overdue, due within the horizon, or upcoming."""
    if recorded_on is not None:
        return OutcomeState.RECORDED
    if exited:
        return OutcomeState.NOT_DUE
    if due_on is None:
        return OutcomeState.UPCOMING
    if due_on < today:
        return OutcomeState.OVERDUE
    if due_on <= today + timedelta(days=OUTCOME_HORIZON_DAYS):
        return OutcomeState.DUE
    return OutcomeState.UPCOMING


def intake_date(intake: JointIntake) -> date | None:
    """The date outcomes count from: the intake date (domain.intake_state.intake_day)."""
    return intake_day(held_on=intake.held_on, planned_at=intake.planned_at)


def schedule_outcomes(session: LocalSession, *, youth_id: str, intake_id: str | None, intake_on: date) -> list[Outcome]:
    """Create the 3-, 6- and 12-month outcome rows a youth does not have yet (idempotent).

    For the intake's validation, and used here when a milestone is recorded before its row exists.
    """
    existing = {
        o.milestone
        for o in session.scalars(select(Outcome).where(Outcome.youth_id == youth_id, Outcome.deleted_at.is_(None)))
    }
    created: list[Outcome] = []
    for milestone, due_on in milestone_due_dates(intake_on).items():
        if milestone in existing:
            continue
        row = Outcome(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, milestone=milestone, due_on=due_on)
        session.add(row)
        created.append(row)
    return created
