"""The evaluation's pseudonymised dataset and its aggregates (issue 7 §7). Standard library only.

What leaves: a keyed pseudonym instead of the youth's id (HMAC-SHA256 with a secret the server keeps and
never hands out, so nobody outside the server can link a line back to a case file, not even with the list
of ids), the birth year instead of the birth date, sex, territory, age group, arm, draw date, intake date,
and the situation at 3, 6 and 12 months. Never a name, an address, a phone number, an e-mail, a note.

Aggregates (counts of situations by territory, age group, arm and milestone) follow the statistical
secrecy rule used for health data in France (SNDS): a count from 1 to :data:`SMALL_COUNT_THRESHOLD` − 1
is never shown; where one cell of a line is hidden, the next smallest one is hidden too, so that it cannot
be worked back from the line's total. Zeros are shown.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .enums import EvaluationArm, OutcomeMilestone, OutcomeSituation, Sex

#: Counts below this (and above 0) are suppressed in aggregates.
SMALL_COUNT_THRESHOLD = 10
#: The text written in place of a suppressed count.
SUPPRESSED = "<10"
#: Bytes of a pseudonymisation key.
KEY_BYTES = 32

MILESTONES = (OutcomeMilestone.MONTH_3, OutcomeMilestone.MONTH_6, OutcomeMilestone.MONTH_12)


def pseudonym(key: bytes, youth_id: str) -> str:
    """A stable pseudonym: the same youth always gets the same one, unlinkable without ``key``."""
    if len(key) < KEY_BYTES:
        raise ValueError(f"the pseudonymisation key must hold at least {KEY_BYTES} bytes")
    return hmac.new(key, b"pac-evaluation-id/v1\x1f" + youth_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class EvaluationCase:
    """What the server knows of one youth in the evaluation (input of the export; holds the real id)."""

    youth_id: str
    birth_date: date
    sex: Sex | None
    territory_code: str
    adult: bool
    arm: EvaluationArm
    drawn_on: date
    intake_on: date | None
    outcomes: Mapping[OutcomeMilestone, OutcomeSituation | None]


@dataclass(frozen=True)
class EvaluationRow:
    """One line of the pseudonymised dataset (nothing in it points to a person without the server's key)."""

    pseudonym: str
    birth_year: int
    sex: str
    territory: str
    age_group: str
    arm: str
    drawn_on: str
    intake_on: str
    outcome_m3: str
    outcome_m6: str
    outcome_m12: str


COLUMNS = tuple(EvaluationRow.__dataclass_fields__)


def pseudonymise(key: bytes, cases: Iterable[EvaluationCase]) -> list[EvaluationRow]:
    rows = [
        EvaluationRow(
            pseudonym=pseudonym(key, case.youth_id),
            birth_year=case.birth_date.year,
            sex=case.sex.value if case.sex else "",
            territory=case.territory_code,
            age_group="adult" if case.adult else "minor",
            arm=case.arm.value,
            drawn_on=case.drawn_on.isoformat(),
            intake_on=case.intake_on.isoformat() if case.intake_on else "",
            outcome_m3=_situation(case, OutcomeMilestone.MONTH_3),
            outcome_m6=_situation(case, OutcomeMilestone.MONTH_6),
            outcome_m12=_situation(case, OutcomeMilestone.MONTH_12),
        )
        for case in cases
    ]
    # Sorted by pseudonym: the order of the lines says nothing about the order of the intakes.
    rows.sort(key=lambda r: r.pseudonym)
    return rows


def _situation(case: EvaluationCase, milestone: OutcomeMilestone) -> str:
    situation = case.outcomes.get(milestone)
    return situation.value if situation else ""


def rows_to_csv(rows: Iterable[EvaluationRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([getattr(row, c) for c in COLUMNS])
    return out.getvalue()


#: Column of the aggregates for an outcome not recorded (yet) at a milestone.
NOT_RECORDED = "not_recorded"
SITUATION_COLUMNS = tuple(s.value for s in OutcomeSituation) + (NOT_RECORDED,)
AGGREGATE_COLUMNS = ("territory", "age_group", "arm", "milestone", "total", *SITUATION_COLUMNS)


def aggregate(rows: Iterable[EvaluationRow]) -> list[dict[str, str]]:
    """Counts of situations per (territory, age group, arm, milestone), small counts suppressed."""
    groups: dict[tuple[str, str, str, str], dict[str, int]] = {}
    for row in rows:
        for milestone in MILESTONES:
            situation = getattr(row, f"outcome_{milestone.value}") or NOT_RECORDED
            key = (row.territory, row.age_group, row.arm, milestone.value)
            counts = groups.setdefault(key, dict.fromkeys(SITUATION_COLUMNS, 0))
            counts[situation] += 1
    lines = []
    for (territory, age_group, arm, milestone), counts in sorted(groups.items()):
        total = sum(counts.values())
        shown = suppress_small_counts(counts)
        line = {"territory": territory, "age_group": age_group, "arm": arm, "milestone": milestone}
        line["total"] = str(total) if total >= SMALL_COUNT_THRESHOLD else SUPPRESSED
        line.update(shown)
        lines.append(line)
    return lines


def suppress_small_counts(counts: Mapping[str, int], *, threshold: int = SMALL_COUNT_THRESHOLD) -> dict[str, str]:
    """Hide counts in [1, threshold); if exactly one is hidden, hide the next smallest non-zero count too."""
    hidden = {k for k, n in counts.items() if 0 < n < threshold}
    if len(hidden) == 1:
        others = sorted((n, k) for k, n in counts.items() if n > 0 and k not in hidden)
        if others:
            hidden.add(others[0][1])
    return {k: (SUPPRESSED if k in hidden else str(n)) for k, n in counts.items()}


def aggregates_to_csv(lines: Iterable[Mapping[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AGGREGATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(lines)
    return out.getvalue()
