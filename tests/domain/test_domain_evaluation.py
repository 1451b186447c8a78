"""The evaluation's allocation: balanced permuted blocks per stratum, reproducible from the seed, auditable."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pac_desktop.domain.enums import EvaluationArm
from pac_desktop.domain.evaluation import (
    BLOCK_SIZES,
    AllocationLedger,
    HmacStream,
    RecordedDraw,
    allocation_block,
    arm_counts,
    max_running_imbalance,
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
    # Sizes are drawn at random: both appear about as often (binomial, 2000 draws: ±5 sigma ≈ ±112).
    assert abs(sizes[2] - sizes[4]) < 250


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
