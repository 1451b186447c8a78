"""Bench section "evaluation" (issue 13): how often the next result of the draw can be deduced.

An observer sees every result a device gives in a stratum, in order, and knows the method (balanced permuted
blocks whose sizes are hidden) — the most a counsellor at the shared screen could learn. Over 100,000 simulated
draws (100 strata of 1,000 draws, from a seed made for the run) it counts:

- **deducible**: draws whose result was certain given the results before it (pac_desktop.domain.evaluation.
  Deducer: every way to cut what was seen into blocks allows one arm only);
- **bet on the arm behind**: how often an observer who bets on the arm that is behind in the stratum so far
  (and flips a coin when they are level) is right — the bias permuted blocks always leave, smaller with
  larger blocks.

Both for the blocks in use (4, 6 or 8) and for the former ones (2 or 4). Needs no store:
``python -m bench --only evaluation`` or ``python -m bench.section_evaluation [--draws N]`` (prints JSON).
"""

from __future__ import annotations

import argparse
import json
import secrets
from collections.abc import Sequence

from bench.core import BenchContext, Row
from bench.sections import section
from pac_desktop.domain.enums import EvaluationArm
from pac_desktop.domain.evaluation import BLOCK_SIZES, deducible_fraction, simulated_sequence

DRAWS = 100_000
PER_STRATUM = 1_000


def measure(block_sizes: Sequence[int], *, draws: int = DRAWS, seed: bytes | None = None) -> dict[str, float]:
    seed = seed or secrets.token_bytes(32)
    deduced = total = 0
    right = 0.0
    for n in range(max(1, draws // PER_STRATUM)):
        arms = simulated_sequence(seed, min(PER_STRATUM, draws), block_sizes=block_sizes, stratum=f"s{n}/minor")
        d, t = deducible_fraction(arms, block_sizes)
        deduced, total = deduced + d, total + t
        lead = 0
        for arm in arms:
            if lead == 0:
                right += 0.5
            else:
                right += (arm is EvaluationArm.CONTROL) == (lead > 0)
            lead += 1 if arm is EvaluationArm.PROGRAMME else -1
    return {"draws": total, "deducible": deduced, "deducible_share": deduced / total, "bet_right_share": right / total}


@section("evaluation", order=90)
def evaluation(ctx: BenchContext) -> list[Row]:
    now, before = measure(BLOCK_SIZES), measure((2, 4))
    sizes = "/".join(map(str, BLOCK_SIZES))
    return [
        Row("draw: next result deducible, blocks " + sizes, round(100 * now["deducible_share"], 2), "%",
            f"blocks 2/4: {100 * before['deducible_share']:.2f} %", None, f"{now['draws']:,} simulated draws"),
        Row("draw: bet on the arm behind is right, blocks " + sizes, round(100 * now["bet_right_share"], 1), "%",
            f"blocks 2/4: {100 * before['bet_right_share']:.1f} %", None, "a coin: 50 %"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=DRAWS)
    args = parser.parse_args()
    seed = secrets.token_bytes(32)
    print(json.dumps({"blocks " + "/".join(map(str, sizes)): measure(sizes, draws=args.draws, seed=seed)
                      for sizes in (BLOCK_SIZES, (2, 4))}, indent=2))


if __name__ == "__main__":
    main()
