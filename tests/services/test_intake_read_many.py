"""The batch form of the intake's read model (``read_intakes``, used by the committee pack) gives, for each
intake, exactly what its single form (``read_intake``) gives: one rule, read in a few queries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pac_desktop.demo import DemoDataService
from pac_desktop.services.intake.read_model import read_intake, read_intakes
from pac_desktop.storage.models import JointIntake

TODAY = date(2026, 3, 12)


def test_the_batch_and_the_single_read_give_the_same_details(loaded_services):
    s = loaded_services
    DemoDataService(s.ctx).generate(youths=40, seed=16, territory_code="tarbes")
    with s.ctx.read() as session:
        intakes = session.scalars(
            select(JointIntake).where(JointIntake.deleted_at.is_(None)).order_by(JointIntake.id)
        ).all()
        assert len(intakes) >= 20
        states = {i.state for i in intakes}
        assert len(states) >= 3, states  # validated, in progress, cancelled…: every branch of the rule
        batch = read_intakes(session, intakes, TODAY)
        single = [read_intake(session, intake, TODAY) for intake in intakes]
    assert [d.id for d in batch] == [i.id for i in intakes]
    assert batch == single
    # The details are not empty shells: teams, notes, solutions and referents are read for many of them.
    assert sum(1 for d in batch if d.participants) >= 10
    assert sum(1 for d in batch if d.solutions) >= 5
    assert sum(1 for d in batch if d.referent is not None) >= 5
    assert sum(1 for d in batch if d.notes) >= 5


def test_the_batch_read_of_no_intake_is_empty(loaded_services):
    with loaded_services.ctx.read() as session:
        assert read_intakes(session, [], TODAY) == []
