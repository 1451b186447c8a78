"""The draw on a device: from reserved blocks, concealed until drawn, locked once drawn, audited, role-checked."""

from __future__ import annotations

from datetime import date

import pytest
from privacy_helpers import make_youth, territory_id
from sqlalchemy import func, select

from pac_desktop.domain.enums import EvaluationArm
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.domain.evaluation import BLOCK_SIZES, AllocationLedger, RecordedDraw, verify_draws
from pac_desktop.services.evaluation import (
    EvaluationAlreadyDrawn,
    NoAllocationAvailable,
    SeededAllocationSource,
)
from pac_desktop.storage.models import AuditEvent, EvaluationAssignment, EvaluationSlot, OutboxEntry

SEED = b"\x42" * 32


@pytest.fixture
def server_source() -> SeededAllocationSource:
    return SeededAllocationSource(seed=SEED, ledger=AllocationLedger())


@pytest.fixture
def tarbes_on(loaded_services, people) -> str:
    tid = territory_id(loaded_services, "tarbes")
    loaded_services.evaluation.set_enabled(territory_id=tid, enabled=True, actor=people.admin)
    return tid


def test_only_an_administrator_switches_the_evaluation_on(loaded_services, people) -> None:
    tid = territory_id(loaded_services, "tarbes")
    with pytest.raises(PermissionDenied, match="réglages du programme"):
        loaded_services.evaluation.set_enabled(territory_id=tid, enabled=True, actor=people.counsellor)
    assert not loaded_services.evaluation.is_enabled(territory_id=tid)
    loaded_services.evaluation.set_enabled(territory_id=tid, enabled=True, actor=people.admin)
    assert loaded_services.evaluation.is_enabled(territory_id=tid)
    assert loaded_services.evaluation.enabled_territories() == [(tid, "tarbes")]


def test_draws_follow_the_servers_blocks_are_locked_and_audited(loaded_services, people, tarbes_on, server_source):
    ev = loaded_services.evaluation
    assert ev.replenish(server_source) > 0
    levels = ev.reserve_levels()
    assert set(levels) == {"tarbes/minor", "tarbes/adult"}
    youths = [make_youth(loaded_services, first=f"Jeune{i}", birth=date(2009, 1, 1)) for i in range(12)]
    results = [ev.draw(youth_id=y, by=people.counsellor) for y in youths]
    assert {r.stratum for r in results} == {"tarbes/minor"}

    with loaded_services.ctx.read() as session:
        rows = session.scalars(select(EvaluationAssignment).order_by(EvaluationAssignment.drawn_at)).all()
        draws = [RecordedDraw(r.youth_id, r.stratum, r.block_number, r.block_position, r.arm) for r in rows]
        audits = session.scalars(select(AuditEvent).where(AuditEvent.action == "evaluation_draw")).all()
        outbox = session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.entity == "evaluation_assignment")
        )
    # The server regenerates every draw from its seed, and the arms alternate in balanced blocks.
    assert verify_draws(SEED, draws) == []
    arms = [r.arm for r in results]
    assert abs(arms.count(EvaluationArm.PROGRAMME) - arms.count(EvaluationArm.CONTROL)) <= max(BLOCK_SIZES) // 2
    # Every draw is audited (who, which youth — not the arm) and travels to the server.
    assert sorted(a.youth_id for a in audits) == sorted(youths)
    assert all(a.staff_id == people.counsellor.staff_id and "programme" not in a.detail for a in audits)
    assert outbox == 12

    with pytest.raises(EvaluationAlreadyDrawn, match="définitif"):
        ev.draw(youth_id=youths[0], by=people.counsellor)
    assert ev.assignment(youth_id=youths[0], actor=people.counsellor).arm is results[0].arm


def test_an_adult_is_drawn_in_the_adult_stratum(loaded_services, people, tarbes_on, server_source) -> None:
    loaded_services.evaluation.replenish(server_source)
    youth = make_youth(loaded_services, birth=date(2006, 2, 1))
    assert loaded_services.evaluation.draw(youth_id=youth, by=people.counsellor).stratum == "tarbes/adult"


def test_no_draw_when_off_or_out_of_reserve_or_not_allowed(loaded_services, people, server_source) -> None:
    ev = loaded_services.evaluation
    youth = make_youth(loaded_services)
    with pytest.raises(DomainError, match="n'est pas active"):
        ev.draw(youth_id=youth, by=people.counsellor)
    ev.set_enabled(territory_id=territory_id(loaded_services, "tarbes"), enabled=True, actor=people.admin)
    with pytest.raises(NoAllocationAvailable, match="synchronisez"):
        ev.draw(youth_id=youth, by=people.counsellor)
    ev.replenish(server_source)
    for actor in (people.evaluator, people.committee, people.admin, people.ariege_referent):
        with pytest.raises(PermissionDenied):
            ev.draw(youth_id=youth, by=actor)
    with loaded_services.ctx.read() as session:
        denied = session.scalars(select(AuditEvent).where(AuditEvent.action == "denied")).all()
        assert session.scalar(select(func.count()).select_from(EvaluationAssignment)) == 0
    assert len(denied) == 4 and {d.detail for d in denied} == {"evaluation.draw"}


def test_replenish_keeps_a_reserve_and_never_stores_a_block_twice(loaded_services, tarbes_on, server_source) -> None:
    ev = loaded_services.evaluation
    first = ev.replenish(server_source)
    assert ev.replenish(server_source) == 0  # above the low-water mark: nothing asked
    blocks = server_source.ledger.reserve(SEED, "tarbes/minor", 1)
    assert ev.store_blocks(blocks + blocks) == len(blocks[0].arms)
    with loaded_services.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(EvaluationSlot)) == first + len(blocks[0].arms)
