"""The randomised evaluation's allocation: stratified, permuted blocks, reproducible from a secret seed.

How it fits together (issue 7, DESIGN §8):

- A **stratum** is a territory and an age group at the draw (minor / adult): ``"tarbes/minor"``.
- Within a stratum, allocations come in **permuted blocks** whose size is drawn at random among
  :data:`BLOCK_SIZES` (2 or 4): each block holds as many "programme" as "control" slots, in a random
  order. At any point of a stratum's sequence the two arms differ by at most half the largest block.
- Every random number comes from HMAC-SHA256 keyed with the **seed**, over the stratum, the block number
  and a counter (:class:`HmacStream`): block *n* of a stratum is a pure function of (seed, stratum, n).
  Whoever holds the seed regenerates every allocation ever made, for audit (:func:`verify_draws`).
- The seed stays on the **server**. Laptops work offline, so the server hands each device a few
  **reserved blocks** per stratum ahead of time (:class:`AllocationLedger` numbers them so that no block
  is ever handed out twice). A device keeps its blocks hidden and consumes one slot per draw; a draw is
  final (one assignment per youth, never re-drawn).

Standard library only.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .enums import EvaluationArm

#: Block sizes drawn at random for each block (even, so that each block is balanced).
BLOCK_SIZES: tuple[int, ...] = (2, 4)
#: Minimum length of a seed, in bytes (256 bits).
SEED_BYTES = 32

MINOR = "minor"
ADULT = "adult"


def stratum_key(territory_code: str, *, adult: bool) -> str:
    """The stratum of a youth: their territory and age group at the draw."""
    code = territory_code.strip()
    if not code or "/" in code:
        raise ValueError(f"invalid territory code for a stratum: {territory_code!r}")
    return f"{code}/{ADULT if adult else MINOR}"


def split_stratum(stratum: str) -> tuple[str, bool]:
    """``"tarbes/adult"`` → ``("tarbes", True)``."""
    code, _, group = stratum.rpartition("/")
    if not code or group not in (MINOR, ADULT):
        raise ValueError(f"not a stratum: {stratum!r}")
    return code, group == ADULT


class HmacStream:
    """A deterministic stream of random integers: HMAC-SHA256(seed, label ‖ counter), counter = 0, 1, …

    Unbiased (rejection sampling), so the allocation is as fair as the seed is secret.
    """

    def __init__(self, seed: bytes, label: str) -> None:
        if len(seed) < SEED_BYTES:
            raise ValueError(f"the evaluation seed must hold at least {SEED_BYTES} bytes")
        self._seed = seed
        self._label = label.encode("utf-8")
        self._counter = 0
        self._pool = b""

    def _refill(self) -> None:
        message = self._label + b"\x1f" + self._counter.to_bytes(8, "big")
        self._counter += 1
        self._pool += hmac.new(self._seed, message, hashlib.sha256).digest()

    def _u64(self) -> int:
        if len(self._pool) < 8:
            self._refill()
        value, self._pool = int.from_bytes(self._pool[:8], "big"), self._pool[8:]
        return value

    def randbelow(self, n: int) -> int:
        """An integer uniformly drawn in [0, n)."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - ((1 << 64) % n)  # reject the top sliver so every residue is equally likely
        while True:
            value = self._u64()
            if value < limit:
                return value % n


def allocation_block(
    seed: bytes, stratum: str, block_number: int, *, block_sizes: Sequence[int] = BLOCK_SIZES
) -> tuple[EvaluationArm, ...]:
    """The arms of block ``block_number`` of ``stratum``, in draw order (a pure function of its arguments)."""
    if block_number < 0:
        raise ValueError("block numbers start at 0")
    if not block_sizes or any(size <= 0 or size % 2 for size in block_sizes):
        raise ValueError("block sizes must be positive and even")
    rng = HmacStream(seed, f"pac-evaluation/v1\x1f{stratum}\x1f{block_number}")
    size = block_sizes[rng.randbelow(len(block_sizes))]
    arms = [EvaluationArm.PROGRAMME] * (size // 2) + [EvaluationArm.CONTROL] * (size // 2)
    for i in range(size - 1, 0, -1):  # Fisher–Yates
        j = rng.randbelow(i + 1)
        arms[i], arms[j] = arms[j], arms[i]
    return tuple(arms)


@dataclass(frozen=True)
class ReservedBlock:
    """One block handed to a device: its place in the stratum's sequence, and its arms in draw order."""

    stratum: str
    block_number: int
    arms: tuple[EvaluationArm, ...]


@dataclass
class AllocationLedger:
    """The server's record of which blocks of each stratum were handed out (kept in its database).

    ``next_block`` maps a stratum to the first block number never handed out; :meth:`reserve` hands the
    next ``count`` blocks and moves the counter, so two devices never receive the same block.
    """

    next_block: dict[str, int] = field(default_factory=dict)

    def reserve(self, seed: bytes, stratum: str, count: int) -> list[ReservedBlock]:
        if count <= 0:
            raise ValueError("reserve at least one block")
        split_stratum(stratum)
        first = self.next_block.get(stratum, 0)
        self.next_block[stratum] = first + count
        return [ReservedBlock(stratum, n, allocation_block(seed, stratum, n)) for n in range(first, first + count)]


@dataclass(frozen=True)
class RecordedDraw:
    """A draw as the evaluation holds it: which slot of which block gave which arm."""

    youth_id: str
    stratum: str
    block_number: int
    block_position: int
    arm: EvaluationArm


@dataclass(frozen=True)
class DrawMismatch:
    draw: RecordedDraw
    expected: EvaluationArm | None  # None: the slot does not exist in that block
    reason: str


def verify_draws(seed: bytes, draws: Iterable[RecordedDraw]) -> list[DrawMismatch]:
    """Regenerate each draw's slot from the seed and report every draw that does not match it.

    Also reports two draws that claim the same slot (a slot is used once).
    """
    mismatches: list[DrawMismatch] = []
    cache: dict[tuple[str, int], tuple[EvaluationArm, ...]] = {}
    used: dict[tuple[str, int, int], str] = {}
    for draw in draws:
        key = (draw.stratum, draw.block_number)
        if key not in cache:
            cache[key] = allocation_block(seed, draw.stratum, draw.block_number)
        block = cache[key]
        slot = (draw.stratum, draw.block_number, draw.block_position)
        if slot in used and used[slot] != draw.youth_id:
            mismatches.append(DrawMismatch(draw, None, "slot used twice"))
            continue
        used[slot] = draw.youth_id
        if not 0 <= draw.block_position < len(block):
            mismatches.append(DrawMismatch(draw, None, "no such slot"))
        elif block[draw.block_position] != draw.arm:
            mismatches.append(DrawMismatch(draw, block[draw.block_position], "arm differs from the seed's"))
    return mismatches


def max_running_imbalance(arms: Iterable[EvaluationArm]) -> int:
    """The largest |programme − control| seen at any point of a sequence of draws."""
    diff = worst = 0
    for arm in arms:
        diff += 1 if arm is EvaluationArm.PROGRAMME else -1
        worst = max(worst, abs(diff))
    return worst


def arm_counts(arms: Iterable[EvaluationArm]) -> Mapping[EvaluationArm, int]:
    counts = dict.fromkeys(EvaluationArm, 0)
    for arm in arms:
        counts[arm] += 1
    return counts
