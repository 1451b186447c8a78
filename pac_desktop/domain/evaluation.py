"""The randomised evaluation's allocation: stratified, permuted blocks, reproducible from a secret seed.

How it fits together (issue 7, DESIGN §8):

- A **stratum** is a territory and an age group at the draw (minor / adult): ``"tarbes/minor"``.
- Within a stratum, allocations come in **permuted blocks** whose size is drawn at random among
  :data:`BLOCK_SIZES` (4, 6 or 8, issue 13): each block holds as many "programme" as "control" slots, in a
  random order. At any point of a stratum's sequence the two arms differ by at most half the largest block.
  Blocks of 2 or 4 let an observer of past results deduce the next one about a third of the time; with
  hidden sizes 4, 6, 8 no observed sequence tells the next result except near the end of a long block
  (:class:`Deducer` measures how often, ``bench/section_evaluation.py`` over 100,000 draws).
- Every random number comes from HMAC-SHA256 keyed with the **seed**, over the stratum, the block number
  and a counter (:class:`HmacStream`): block *n* of a stratum is a pure function of (seed, stratum, n).
  Whoever holds the seed regenerates every allocation ever made, for audit (:func:`verify_draws`).
- The seed stays on the **server**. Laptops work offline, so the server hands each device a few
  **reserved blocks** per stratum ahead of time (:class:`AllocationLedger` numbers them so that no block
  is ever handed out twice). A device keeps its blocks **sealed** (:func:`seal_arm`: no arm in clear in its
  store, the key in the OS keyring) and opens one slot per draw, the next of its stratum; a draw is final
  (one assignment per youth, never re-drawn).
- The server checks that each device used its slots in order (:func:`slot_anomalies`: skipped, repeated,
  out-of-order slots, blocks left unfinished for a later one).

Standard library only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .enums import EvaluationArm

#: Block sizes drawn at random for each block (even, so that each block is balanced). Larger and more varied
#: than (2, 4): the end of a hidden block is rarely certain, so past results rarely tell the next one.
BLOCK_SIZES: tuple[int, ...] = (4, 6, 8)
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


# -- how often the next result can be deduced (issue 13) ------------------------------------------------------


class Deducer:
    """What an observer who sees every result of a device's stratum, in order, knows of the next one.

    The observer knows the method (balanced blocks whose size is one of ``block_sizes``) and where the sequence
    began, not the block sizes the seed chose. After each result it keeps every way the results seen so far
    could be cut into blocks: the state of the block in progress — (size, slots filled, programme slots) —
    or ``None`` at a block boundary. The next result is *deducible* when every such way allows one arm only.
    """

    def __init__(self, block_sizes: Sequence[int] = BLOCK_SIZES) -> None:
        self._sizes = tuple(block_sizes)
        self._states: set[tuple[int, int, int] | None] = {None}

    def next_arms(self) -> set[EvaluationArm]:
        """The arms the next draw may give, given everything seen."""
        arms: set[EvaluationArm] = set()
        for state in self._states:
            if state is None:
                return set(EvaluationArm)
            size, filled, programme = state
            if programme < size // 2:
                arms.add(EvaluationArm.PROGRAMME)
            if filled - programme < size // 2:
                arms.add(EvaluationArm.CONTROL)
        return arms

    def deducible(self) -> EvaluationArm | None:
        """The next result if it is certain, else None."""
        arms = self.next_arms()
        return next(iter(arms)) if len(arms) == 1 else None

    def observe(self, arm: EvaluationArm) -> None:
        is_programme = arm is EvaluationArm.PROGRAMME
        states: set[tuple[int, int, int] | None] = set()
        for state in self._states:
            candidates = [(size, 0, 0) for size in self._sizes] if state is None else [state]
            for size, filled, programme in candidates:
                programme += is_programme
                filled += 1
                if programme <= size // 2 and filled - programme <= size // 2:
                    states.add(None if filled == size else (size, filled, programme))
        if not states:
            raise ValueError("this sequence cannot come from balanced blocks of these sizes")
        self._states = states


def deducible_fraction(arms: Iterable[EvaluationArm], block_sizes: Sequence[int] = BLOCK_SIZES) -> tuple[int, int]:
    """(draws whose result was deducible from the results before it, draws) over one stratum's sequence."""
    deducer = Deducer(block_sizes)
    deduced = total = 0
    for arm in arms:
        total += 1
        if deducer.deducible() is not None:
            deduced += 1
        deducer.observe(arm)
    return deduced, total


def simulated_sequence(seed: bytes, draws: int, *, block_sizes: Sequence[int] = BLOCK_SIZES,
                       stratum: str = "simulation/minor") -> list[EvaluationArm]:
    """The first ``draws`` results of a stratum, block after block, as a device would draw them."""
    arms: list[EvaluationArm] = []
    block = 0
    while len(arms) < draws:
        arms.extend(allocation_block(seed, stratum, block, block_sizes=block_sizes))
        block += 1
    return arms[:draws]


# -- the sealed reserve (issue 13) ----------------------------------------------------------------------------

#: Length of a slot's random nonce, in bytes.
SEAL_NONCE_BYTES = 16
_SEAL_LABEL = b"pac-evaluation-seal/v1"


class SealBroken(ValueError):
    """A sealed slot does not open with this key: the key is another one, or the slot was altered."""


def _slot_key(key: bytes, stratum: str, block_number: int, position: int) -> bytes:
    # Each slot has its own key, derived from the reserve key: opening one slot reveals nothing of the others.
    label = f"{stratum}\x1f{block_number}\x1f{position}".encode()
    return hmac.new(key, _SEAL_LABEL + b"\x1fslot\x1f" + label, hashlib.sha256).digest()


def _seal_tag(slot_key: bytes, nonce: bytes, arm: EvaluationArm) -> bytes:
    return hmac.new(slot_key, nonce + b"\x1f" + arm.value.encode(), hashlib.sha256).digest()


def seal_arm(key: bytes, *, stratum: str, block_number: int, position: int, arm: EvaluationArm,
             nonce: bytes | None = None) -> str:
    """The slot's seal: a random nonce and HMAC(slot key, nonce ‖ arm), hex. Without the key both arms are
    equally consistent with it; with it, :func:`open_seal` tells which (and detects any alteration)."""
    if len(key) < SEED_BYTES:
        raise ValueError(f"the reserve key must hold at least {SEED_BYTES} bytes")
    nonce = nonce if nonce is not None else secrets.token_bytes(SEAL_NONCE_BYTES)
    return (nonce + _seal_tag(_slot_key(key, stratum, block_number, position), nonce, arm)).hex()


def open_seal(key: bytes, *, stratum: str, block_number: int, position: int, seal: str) -> EvaluationArm:
    """The arm sealed in a slot; raises :class:`SealBroken` when the seal does not open with ``key``."""
    try:
        raw = bytes.fromhex(seal)
    except ValueError as exc:
        raise SealBroken("not a seal") from exc
    nonce, tag = raw[:SEAL_NONCE_BYTES], raw[SEAL_NONCE_BYTES:]
    slot_key = _slot_key(key, stratum, block_number, position)
    for arm in EvaluationArm:
        if hmac.compare_digest(_seal_tag(slot_key, nonce, arm), tag):
            return arm
    raise SealBroken("the seal does not open with this key")


# -- the server's check of the order of the draws (issue 13) --------------------------------------------------


SKIPPED = "skipped"
REPEATED = "repeated"
OUT_OF_ORDER = "out_of_order"
ABANDONED = "abandoned"

ANOMALY_LABELS = {
    SKIPPED: "place sautée",
    REPEATED: "place utilisée deux fois",
    OUT_OF_ORDER: "place utilisée hors de son ordre",
    ABANDONED: "bloc laissé inachevé pour un bloc suivant",
}


@dataclass(frozen=True)
class HandedBlock:
    """A block of the server's ledger: the device it went to, and its size (regenerated from the seed)."""

    stratum: str
    block_number: int
    device_id: str | None
    size: int
    #: Closed when its device renewed its reserve (server.evaluation.close_renewed_reserve): left unfinished on
    #: purpose, not abandoned.
    closed: bool = False


@dataclass(frozen=True)
class PlacedDraw:
    """A draw the server holds, with when it was made (the device's clock)."""

    draw: RecordedDraw
    drawn_at: datetime


@dataclass(frozen=True)
class SlotAnomaly:
    """A slot not used as the draw prescribes: each draw takes the next slot of its device's reserve."""

    kind: str
    stratum: str
    block_number: int
    position: int
    device_id: str | None
    youth_id: str | None = None

    @property
    def label(self) -> str:
        return ANOMALY_LABELS[self.kind]


def slot_anomalies(blocks: Iterable[HandedBlock], draws: Iterable[PlacedDraw]) -> list[SlotAnomaly]:
    """Every slot used out of turn: for each device and stratum, the draws must use its blocks in their order
    and each block's slots one after the other, each once.

    - *repeated*: a slot used by two youths;
    - *skipped*: an unused slot before a used one of the same block;
    - *abandoned*: a block left unfinished while a later block of the same device and stratum was used (the
      re-draw a peek at the next result would tempt; also what a lost reserve key leaves) — unless the block was
      closed when its device renewed its reserve, once (its upgrade to the sealed reserve);
    - *out of order*: a draw made after another that used a later slot.
    Draws from blocks the ledger never handed out are :func:`verify_draws`'s and the server's concern.
    """
    ledger = {(b.stratum, b.block_number): b for b in blocks}
    anomalies: list[SlotAnomaly] = []
    by_slot: dict[tuple[str, int, int], PlacedDraw] = {}
    per_device: dict[tuple[str | None, str], list[PlacedDraw]] = {}
    for placed in sorted(draws, key=lambda p: (p.drawn_at, p.draw.block_number, p.draw.block_position)):
        d = placed.draw
        block = ledger.get((d.stratum, d.block_number))
        if block is None or not 0 <= d.block_position < block.size:
            continue
        slot = (d.stratum, d.block_number, d.block_position)
        first = by_slot.get(slot)
        if first is not None:
            if first.draw.youth_id != d.youth_id:
                anomalies.append(SlotAnomaly(REPEATED, *slot, block.device_id, d.youth_id))
            continue
        by_slot[slot] = placed
        per_device.setdefault((block.device_id, d.stratum), []).append(placed)
    for (device, stratum), placed_draws in sorted(per_device.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        used = {(p.draw.block_number, p.draw.block_position) for p in placed_draws}
        numbers = sorted(b.block_number for b in ledger.values() if b.stratum == stratum and b.device_id == device)
        last_used_block = max(n for n, _ in used)
        for number in numbers:
            size = ledger[(stratum, number)].size
            positions = [p for n, p in used if n == number]
            end = max(positions) if positions else -1
            for position in range(end):
                if (number, position) not in used:
                    anomalies.append(SlotAnomaly(SKIPPED, stratum, number, position, device))
            if number < last_used_block and end < size - 1 and not ledger[(stratum, number)].closed:
                anomalies.append(SlotAnomaly(ABANDONED, stratum, number, end + 1, device))
        furthest = (-1, -1)
        for placed in placed_draws:
            rank = (placed.draw.block_number, placed.draw.block_position)
            if rank < furthest:
                anomalies.append(SlotAnomaly(OUT_OF_ORDER, stratum, rank[0], rank[1], device, placed.draw.youth_id))
            furthest = max(furthest, rank)
    return anomalies
