"""The evaluation export's pseudonyms and small-count suppression."""

from __future__ import annotations

from datetime import date

from pac_desktop.domain.enums import EvaluationArm, OutcomeMilestone, OutcomeSituation, Sex
from pac_desktop.domain.evaluation_export import (
    SUPPRESSED,
    EvaluationCase,
    aggregate,
    pseudonym,
    pseudonymise,
    suppress_small_counts,
)

KEY = b"k" * 32


def test_pseudonyms_are_stable_keyed_and_unlinkable_without_the_key() -> None:
    assert pseudonym(KEY, "abc") == pseudonym(KEY, "abc")
    assert pseudonym(KEY, "abc") != pseudonym(KEY, "abd")
    assert pseudonym(b"j" * 32, "abc") != pseudonym(KEY, "abc")
    assert "abc" not in pseudonym(KEY, "abc")


def test_small_counts_are_hidden_with_a_complementary_cell() -> None:
    assert suppress_small_counts({"a": 25, "b": 3, "c": 12, "d": 0}) == {"a": "25", "b": SUPPRESSED, "c": SUPPRESSED,
                                                                         "d": "0"}
    assert suppress_small_counts({"a": 25, "b": 3, "c": 4}) == {"a": "25", "b": SUPPRESSED, "c": SUPPRESSED}
    assert suppress_small_counts({"a": 25, "b": 30}) == {"a": "25", "b": "30"}


def test_rows_hold_birth_year_and_aggregates_hide_small_cells() -> None:
    cases = [
        EvaluationCase(f"id-{i}", date(2008, 3, 14), Sex.FEMALE, "tarbes", False, EvaluationArm.PROGRAMME,
                       date(2026, 1, 5), date(2026, 1, 5),
                       {OutcomeMilestone.MONTH_3: OutcomeSituation.JOB if i < 15 else OutcomeSituation.TRAINING})
        for i in range(20)
    ]
    rows = pseudonymise(KEY, cases)
    assert {r.birth_year for r in rows} == {2008} and all("2008-03-14" not in str(r) for r in rows)
    m3 = next(line for line in aggregate(rows) if line["milestone"] == "m3")
    # 5 in training is hidden; it would be total − job, so the job cell (15) is hidden too. Zeros stay.
    assert (m3["total"], m3["training"], m3["job"], m3["school"]) == ("20", SUPPRESSED, SUPPRESSED, "0")
