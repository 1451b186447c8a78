"""Outcomes at 3, 6 and 12 months and at exit; the due list around month boundaries."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import select

from pac_desktop.domain.enums import OutcomeMilestone, OutcomeSituation, YouthStatus
from pac_desktop.domain.errors import DomainError
from pac_desktop.services.outcomes import OutcomeState, milestone_due_dates, outcome_state
from pac_desktop.services.todo import describe_due
from pac_desktop.storage.models import OutboxEntry, Outcome, ReferentAssignment

M3, M6, M12, EXIT = OutcomeMilestone.MONTH_3, OutcomeMilestone.MONTH_6, OutcomeMilestone.MONTH_12, OutcomeMilestone.EXIT


@pytest.mark.parametrize(
    ("intake_on", "m3", "m6", "m12"),
    [
        (date(2025, 11, 30), date(2026, 2, 28), date(2026, 5, 30), date(2026, 11, 30)),  # no 30 February
        (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30), date(2026, 12, 31)),  # no 31 June
        (date(2023, 11, 29), date(2024, 2, 29), date(2024, 5, 29), date(2024, 11, 29)),  # leap year
        (date(2024, 2, 29), date(2024, 5, 29), date(2024, 8, 29), date(2025, 2, 28)),  # 29 Feb + 12 months
        (date(2025, 8, 31), date(2025, 11, 30), date(2026, 2, 28), date(2026, 8, 31)),
        (date(2025, 10, 31), date(2026, 1, 31), date(2026, 4, 30), date(2026, 10, 31)),  # across the year
    ],
)
def test_milestones_clamp_to_the_end_of_the_month(intake_on, m3, m6, m12):
    assert milestone_due_dates(intake_on) == {M3: m3, M6: m6, M12: m12}


@pytest.mark.parametrize(
    ("due_on", "state"),
    [
        (date(2026, 3, 11), OutcomeState.OVERDUE),  # yesterday
        (date(2026, 3, 12), OutcomeState.DUE),  # today
        (date(2026, 3, 26), OutcomeState.DUE),  # 14 days: still in the horizon
        (date(2026, 3, 27), OutcomeState.UPCOMING),  # 15 days
    ],
)
def test_outcome_state_around_the_horizon(due_on, state, today):
    assert outcome_state(due_on=due_on, recorded_on=None, today=today, exited=False) is state
    assert outcome_state(due_on=due_on, recorded_on=today, today=today, exited=False) is OutcomeState.RECORDED
    assert outcome_state(due_on=due_on, recorded_on=None, today=today, exited=True) is OutcomeState.NOT_DUE


def test_due_list_around_month_boundaries(loaded_services, today):
    """Today is 12 March 2026; the horizon runs to 26 March."""
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    cases = {
        # intake date: milestone expected in the list (None: not in it)
        date(2025, 11, 30): (M3, date(2026, 2, 28)),  # 30 Nov + 3 months = 28 Feb: overdue
        date(2025, 12, 26): (M3, date(2026, 3, 26)),  # last day of the horizon
        date(2025, 12, 27): None,  # 27 March: one day too far
        date(2025, 12, 31): None,  # 31 March
        date(2025, 9, 30): None,  # 6 months: 30 March, 18 days away
        date(2025, 9, 12): (M6, date(2026, 3, 12)),  # due today
        date(2025, 3, 12): (M12, date(2026, 3, 12)),
        date(2025, 3, 31): None,  # 12 months: 31 March 2026
    }
    names = {}
    for i, intake_on in enumerate(cases):
        names[intake_on] = f"Testa{i} Fictif"
        make_youth(s, first=f"Testa{i}", last="Fictif", referent=me, intake_on=intake_on, followed_since=intake_on)
    todo = s.todo.to_do(by=me)
    listed = {(o.youth_name, o.milestone, o.due_on) for o in todo.outcomes}
    expected = set()
    for intake_on, hit in cases.items():
        if hit is not None:
            expected.add((names[intake_on], *hit))
    # Earlier milestones of the old intakes are overdue too (never recorded).
    for intake_on in cases:
        for milestone, due_on in milestone_due_dates(intake_on).items():
            if due_on <= date(2026, 3, 26):
                expected.add((names[intake_on], milestone, due_on))
    assert listed == expected
    overdue = {(o.youth_name, o.milestone) for o in todo.outcomes if o.overdue}
    assert (names[date(2025, 11, 30)], M3) in overdue
    assert (names[date(2025, 9, 12)], M6) not in overdue  # due today is not late
    assert [o.due_on for o in todo.outcomes] == sorted(o.due_on for o in todo.outcomes)


def test_record_outcome_and_exit(loaded_services, today):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    youth = make_youth(s, first="Sortia", last="Fictive", referent=me, intake_on=date(2025, 11, 30))
    assert [o.milestone for o in s.todo.to_do(by=me).outcomes] == [M3]

    s.casefile.record_outcome(
        youth_id=youth, milestone=M3, situation=OutcomeSituation.TRAINING, note="Entrée en formation.", by=me
    )
    case = s.casefile.case_file(youth_id=youth, by=me)
    m3 = case.outcomes[0]
    assert (m3.milestone, m3.state, m3.situation, m3.recorded_on, m3.recorded_by_name) == (
        M3,
        OutcomeState.RECORDED,
        OutcomeSituation.TRAINING,
        today,
        "Rémi Testreferent",
    )
    assert s.todo.to_do(by=me).outcomes == ()
    assert [o.state for o in case.outcomes] == [
        OutcomeState.RECORDED,
        OutcomeState.UPCOMING,
        OutcomeState.UPCOMING,
        OutcomeState.UPCOMING,
    ]
    with pytest.raises(DomainError, match="Sortie du dispositif"):
        s.casefile.record_outcome(youth_id=youth, milestone=EXIT, situation=OutcomeSituation.JOB, by=me)
    with pytest.raises(DomainError, match="futur"):
        s.casefile.record_outcome(
            youth_id=youth, milestone=M6, situation=OutcomeSituation.JOB, recorded_on=date(2026, 4, 1), by=me
        )

    s.casefile.exit_youth(youth_id=youth, situation=OutcomeSituation.JOB, note="CDI trouvé.", by=me)
    case = s.casefile.case_file(youth_id=youth, by=me)
    assert case.header.status is YouthStatus.EXITED and case.header.referent_id is None
    exit_view = case.outcomes[-1]
    assert (exit_view.milestone, exit_view.situation, exit_view.recorded_on) == (EXIT, OutcomeSituation.JOB, today)
    assert [o.state for o in case.outcomes[1:3]] == [OutcomeState.NOT_DUE, OutcomeState.NOT_DUE]
    with s.ctx.read() as session:
        assignment = session.scalars(select(ReferentAssignment).where(ReferentAssignment.youth_id == youth)).one()
        assert assignment.ended_on == today  # the youth no longer counts in the caseload
        entities = {e.entity for e in session.scalars(select(OutboxEntry).where(OutboxEntry.case_id == youth))}
    assert {"outcome", "youth", "referent_assignment"} <= entities
    with pytest.raises(DomainError, match="déjà sorti"):
        s.casefile.exit_youth(youth_id=youth, situation=OutcomeSituation.JOB, by=me)


def test_recording_a_milestone_without_a_row_schedules_them(loaded_services, today):
    """A youth whose intake did not schedule the outcomes: recording one creates the three rows."""
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    youth = make_youth(s, referent=me, intake_on=date(2025, 12, 10), schedule=False)
    with s.ctx.read() as session:
        assert session.scalars(select(Outcome).where(Outcome.youth_id == youth)).all() == []
    assert [o.due_on for o in s.casefile.case_file(youth_id=youth, by=me).outcomes[:3]] == [
        date(2026, 3, 10),
        date(2026, 6, 10),
        date(2026, 12, 10),
    ]  # shown from the intake's date even without rows
    s.casefile.record_outcome(youth_id=youth, milestone=M3, situation=OutcomeSituation.NO_SOLUTION, by=me)
    with s.ctx.read() as session:
        rows = {o.milestone: o.due_on for o in session.scalars(select(Outcome).where(Outcome.youth_id == youth))}
    assert rows == {M3: date(2026, 3, 10), M6: date(2026, 6, 10), M12: date(2026, 12, 10)}


def test_describe_due(today):
    from pac_desktop.services.todo import DueOutcome

    line = DueOutcome("o", "y", "Testa Fictive", M3, date(2026, 3, 8), True)
    assert describe_due(line, today) == "Situation à 3 mois : en retard de 4 jours (le 8 mars 2026)"
    assert "due aujourd'hui" in describe_due(DueOutcome("o", "y", "T", M6, today, False), today)
    assert "due dans 1 jour " in describe_due(DueOutcome("o", "y", "T", M6, date(2026, 3, 13), False), today)
