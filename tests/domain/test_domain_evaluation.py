"""The evaluation's allocation: balanced permuted blocks per stratum, reproducible from the seed, auditable."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from pac_desktop.domain.enums import EvaluationArm
from pac_desktop.domain.evaluation import (
    ABANDONED,
    BLOCK_SIZES,
    OUT_OF_ORDER,
    REPEATED,
    SKIPPED,
    AllocationLedger,
    Deducer,
    HandedBlock,
    HmacStream,
    PlacedDraw,
    RecordedDraw,
    SealBroken,
    allocation_block,
    arm_counts,
    deducible_fraction,
    max_running_imbalance,
    open_seal,
    seal_arm,
    simulated_sequence,
    slot_anomalies,
    split_stratum,
    stratum_key,
    verify_draws,
)

SEED = bytes(range(32))
OTHER_SEED = bytes(range(1, 33))
STRATA = [stratum_key(code, adult=adult) for code in ("tarbes", "foix", "toulouse-nord") for adult in (False, True)]


def test_stratum_key_round_trips() -> None:
    assert stratum_key("tarbes", adult=False) == "tarbes/minor"
    assert split_stratum("tarbes/adult") == ("tarbes", True)
    with pytest.raises(ValueError):
        split_stratum("tarbes")


def test_each_block_is_balanced_and_of_an_allowed_size() -> None:
    sizes = Counter()
    for n in range(2000):
        block = allocation_block(SEED, "tarbes/minor", n)
        assert len(block) in BLOCK_SIZES
        counts = arm_counts(block)
        assert counts[EvaluationArm.PROGRAMME] == counts[EvaluationArm.CONTROL]
        sizes[len(block)] += 1
    # Sizes are drawn at random among 4, 6 and 8: each about a third of the time (2000 draws: ±5 sigma ≈ ±105).
    assert set(sizes) == {4, 6, 8}
    assert all(abs(sizes[size] - 2000 / 3) < 105 for size in (4, 6, 8))


def test_balance_within_each_stratum_over_10000_draws() -> None:
    """Draws arrive in random order across strata; each stratum stays balanced at every point."""
    ledger = AllocationLedger()
    pending: dict[str, list[EvaluationArm]] = {s: [] for s in STRATA}
    sequences: dict[str, list[EvaluationArm]] = {s: [] for s in STRATA}
    order = random.Random(7)
    for _ in range(10_000):
        stratum = order.choice(STRATA)
        if not pending[stratum]:
            (block,) = ledger.reserve(SEED, stratum, 1)
            pending[stratum] = list(block.arms)
        sequences[stratum].append(pending[stratum].pop(0))
    largest = max(BLOCK_SIZES)
    assert sum(len(seq) for seq in sequences.values()) == 10_000
    for seq in sequences.values():
        assert max_running_imbalance(seq) <= largest // 2
        counts = arm_counts(seq)
        assert abs(counts[EvaluationArm.PROGRAMME] - counts[EvaluationArm.CONTROL]) <= largest // 2
    # And the order within blocks is not predictable: the first slot is programme about half of the time.
    firsts = Counter(allocation_block(SEED, "foix/adult", n)[0] for n in range(2000))
    assert abs(firsts[EvaluationArm.PROGRAMME] - 1000) < 120


def test_the_seed_reproduces_every_allocation_and_only_the_seed_does() -> None:
    first = AllocationLedger().reserve(SEED, "tarbes/minor", 50)
    again = AllocationLedger().reserve(SEED, "tarbes/minor", 50)
    assert first == again
    other = AllocationLedger().reserve(OTHER_SEED, "tarbes/minor", 50)
    assert [b.arms for b in first] != [b.arms for b in other]
    # Strata are independent sequences from the same seed.
    assert [b.arms for b in first] != [b.arms for b in AllocationLedger().reserve(SEED, "tarbes/adult", 50)]


def test_the_ledger_never_hands_out_a_block_twice() -> None:
    ledger = AllocationLedger()
    a = ledger.reserve(SEED, "foix/minor", 3)
    b = ledger.reserve(SEED, "foix/minor", 2)
    assert [x.block_number for x in a + b] == [0, 1, 2, 3, 4]
    assert ledger.reserve(SEED, "foix/adult", 1)[0].block_number == 0


def test_verify_draws_finds_a_tampered_or_doubled_slot() -> None:
    block = allocation_block(SEED, "tarbes/minor", 3)
    honest = [RecordedDraw(f"y{i}", "tarbes/minor", 3, i, arm) for i, arm in enumerate(block)]
    assert verify_draws(SEED, honest) == []
    flipped = EvaluationArm.CONTROL if block[0] is EvaluationArm.PROGRAMME else EvaluationArm.PROGRAMME
    tampered = [RecordedDraw("y0", "tarbes/minor", 3, 0, flipped)]
    assert [m.reason for m in verify_draws(SEED, tampered)] == ["arm differs from the seed's"]
    doubled = [honest[0], RecordedDraw("other", "tarbes/minor", 3, 0, block[0])]
    assert [m.reason for m in verify_draws(SEED, doubled)] == ["slot used twice"]
    assert [m.reason for m in verify_draws(SEED, [RecordedDraw("y", "tarbes/minor", 3, 9, block[0])])] == [
        "no such slot"
    ]


def test_the_stream_refuses_a_short_seed_and_is_uniform() -> None:
    with pytest.raises(ValueError):
        HmacStream(b"short", "x")
    stream = HmacStream(SEED, "uniformity")
    counts = Counter(stream.randbelow(3) for _ in range(30_000))
    assert all(abs(counts[k] - 10_000) < 400 for k in range(3))


# -- issue 13: the next result cannot be guessed, the reserve is sealed, the order of the draws is checked ----


def test_the_deducer_knows_what_blocks_force() -> None:
    p, c = EvaluationArm.PROGRAMME, EvaluationArm.CONTROL
    small = Deducer((2, 4))
    small.observe(p)
    small.observe(p)
    assert small.deducible() is c  # PP can only be the start of a block of 4: two controls follow
    large = Deducer()
    for arm in (p, p):
        large.observe(arm)
    assert large.deducible() is None  # PP may open a block of 4, 6 or 8
    for arm in (p, p):
        large.observe(arm)
    assert large.deducible() is c  # PPPP: a block of 8, whose four last slots are controls
    broken = Deducer((2,))
    broken.observe(p)
    with pytest.raises(ValueError):  # PP cannot come from blocks of 2
        broken.observe(p)


def test_larger_hidden_blocks_make_the_next_result_rarely_deducible() -> None:
    """The issue's figure, on 20,000 draws (bench/section_evaluation.py measures it over 100,000): blocks of
    2 or 4 let an observer deduce about one result in nine; blocks of 4, 6 or 8 about one in forty-five."""
    old_deduced, total = deducible_fraction(simulated_sequence(SEED, 20_000, block_sizes=(2, 4)), (2, 4))
    new_deduced, _ = deducible_fraction(simulated_sequence(SEED, 20_000))
    assert total == 20_000
    assert 0.09 < old_deduced / total < 0.14
    assert new_deduced / total < 0.035
    assert new_deduced * 3 < old_deduced


def test_a_sealed_slot_opens_only_with_its_key_and_its_place() -> None:
    key, other = b"\x01" * 32, b"\x02" * 32
    seals = {arm: seal_arm(key, stratum="tarbes/minor", block_number=3, position=1, arm=arm) for arm in EvaluationArm}
    for arm, seal in seals.items():
        assert arm.value not in seal
        assert open_seal(key, stratum="tarbes/minor", block_number=3, position=1, seal=seal) is arm
        with pytest.raises(SealBroken):
            open_seal(other, stratum="tarbes/minor", block_number=3, position=1, seal=seal)
        with pytest.raises(SealBroken):  # moved to another slot, it opens to nothing
            open_seal(key, stratum="tarbes/minor", block_number=3, position=2, seal=seal)
    # The same arm sealed twice looks different: equal seals tell nothing.
    again = seal_arm(key, stratum="tarbes/minor", block_number=3, position=1, arm=EvaluationArm.CONTROL)
    assert again != seals[EvaluationArm.CONTROL]
    with pytest.raises(SealBroken):
        open_seal(key, stratum="tarbes/minor", block_number=3, position=1, seal="zz")


def _placed(youth: str, block: int, position: int, minute: int) -> PlacedDraw:
    return PlacedDraw(RecordedDraw(youth, "tarbes/minor", block, position, EvaluationArm.PROGRAMME),
                      datetime(2026, 3, 1, 9, minute, tzinfo=UTC))


def test_slot_anomalies_name_skipped_repeated_out_of_order_and_abandoned_slots() -> None:
    blocks = [HandedBlock("tarbes/minor", n, "poste-a", 4) for n in (0, 1, 3)] + [
        HandedBlock("tarbes/minor", 2, "poste-b", 4)]
    honest = [_placed(f"y{i}", 0, i, i) for i in range(4)] + [_placed("y4", 1, 0, 10), _placed("b0", 2, 0, 5)]
    assert slot_anomalies(blocks, honest) == []
    skipped = slot_anomalies(blocks, [_placed("y0", 0, 0, 0), _placed("y2", 0, 2, 2)])
    assert [(a.kind, a.block_number, a.position, a.device_id) for a in skipped] == [(SKIPPED, 0, 1, "poste-a")]
    repeated = slot_anomalies(blocks, [_placed("y0", 0, 0, 0), _placed("y1", 0, 0, 1)])
    assert [(a.kind, a.youth_id) for a in repeated] == [(REPEATED, "y1")]
    out_of_order = slot_anomalies(blocks, [_placed("y1", 0, 1, 0), _placed("y0", 0, 0, 1)])
    assert [(a.kind, a.youth_id) for a in out_of_order] == [(OUT_OF_ORDER, "y0")]
    abandoned = slot_anomalies(blocks, [_placed("y0", 0, 0, 0), _placed("y1", 3, 0, 1)])
    assert sorted((a.kind, a.block_number, a.position) for a in abandoned) == [(ABANDONED, 0, 1), (ABANDONED, 1, 0)]
    assert {a.label for a in skipped + repeated + out_of_order + abandoned} == {
        "place sautée", "place utilisée deux fois", "place utilisée hors de son ordre",
        "bloc laissé inachevé pour un bloc suivant"}
