"""The regional view's suppression (issue 18 §6): no count from 1 to 4 is shown, and none can be recomputed from
what is shown — a row's total, or a whole and its parts in a column (secondary suppression)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pac_desktop.domain.enums import OfferCategory, OutcomeMilestone, ReferralSource
from pac_desktop.domain.regional import (
    SECONDARY,
    RegionalView,
    TerritoryCounts,
    counts_as_referent,
    milestone_awaited,
    protect,
    regional_view,
    shown,
)

WHEN = dict(date_from=date(2025, 9, 1), date_to=date(2026, 3, 12), generated_at=datetime(2026, 3, 12, tzinfo=UTC))


def lone_hidden(view: RegionalView) -> list[str]:
    """Every sum a reader could solve for one hidden cell: a row and its total, a whole and its parts."""
    found = []
    for row in view.rows:
        cells = (*row.values, row.total)
        if sum(1 for v in cells if v is None or v == SECONDARY) == 1:
            found.append(f"ligne {row.label}")
    for c in range(len(view.territories) + 1):
        def value(label: str, c: int = c) -> int | None:
            row = view.row(label)
            return row.total if c == len(view.territories) else row.values[c]

        for parts in (("dont majeurs à l'accueil", "dont mineurs à l'accueil"),
                      ("En quartier prioritaire", "Hors quartier prioritaire")):
            cells = [value("Jeunes accueillis"), *(value(p) for p in parts)]
            if sum(1 for v in cells if v is None or v == SECONDARY) == 1:
                found.append(f"colonne {c} {parts}")
    return found


def test_a_small_cell_takes_a_second_one_with_it_so_the_total_does_not_give_it_away():
    counts = [TerritoryCounts(cohort=10, adults=6, in_priority_area=5), TerritoryCounts(cohort=3, adults=3),
              TerritoryCounts(cohort=7, adults=5, in_priority_area=5)]
    view = regional_view(["A", "B", "C"], counts, **WHEN)
    cohort = view.row("Jeunes accueillis")
    # B's 3 is suppressed; with A, C and the total shown, 20 - 10 - 7 would give it back: C's 7 is hidden too.
    assert cohort.values == (10, None, SECONDARY) and cohort.total == 20
    assert [shown(v) for v in cohort.values] == ["10", "< 5", "s"]
    assert not lone_hidden(view), lone_hidden(view)
    cells = [v for r in view.rows for v in (*r.values, r.total)]
    assert not any(v is not None and 0 < v < 5 for v in cells)


def test_a_column_whole_and_its_parts_protect_each_other():
    # 12 youths, 2 adults: the adults' « < 5 » would come back as 12 - 10 without hiding the minors too.
    view = regional_view(["A", "B"], [TerritoryCounts(cohort=12, adults=2, in_priority_area=6),
                                      TerritoryCounts(cohort=30, adults=15, in_priority_area=15)], **WHEN)
    assert view.row("dont majeurs à l'accueil").values[0] is None
    assert view.row("dont mineurs à l'accueil").values[0] == SECONDARY
    assert not lone_hidden(view), lone_hidden(view)


def test_zeros_and_big_counts_stay_shown_and_the_rows_follow_the_counts():
    counts = [TerritoryCounts(cohort=40, adults=20, in_priority_area=10,
                              referral_sources={ReferralSource.CIO: 25, None: 15},
                              proposed={OfferCategory.APPRENTICESHIP: 12}, accepted={OfferCategory.APPRENTICESHIP: 6},
                              awaited={OutcomeMilestone.MONTH_3: 40}, referents=8, referents_over_cap=0)]
    view = regional_view(["A"], counts, **WHEN)
    assert view.row("Non renseigné").values == (15,)
    assert view.row(ReferralSource.CIO.label).values == (25,)
    assert view.row(f"{OfferCategory.APPRENTICESHIP.label} — acceptées").values == (6,)
    assert view.row("au-delà du plafond").values == (0,) and not view.has_secondary
    assert RegionalView.from_json(view.to_json()).rows == view.rows


def test_protect_keeps_going_until_no_sum_has_a_single_hidden_cell():
    grid = [[3, 9, 12], [9, 9, 18]]  # two rows and a column sum over them (row 0 + row 1)
    hidden = protect(grid, [[(0, 0), (0, 1), (0, 2)], [(1, 0), (1, 1), (1, 2)]]
                     + [[(1, c), (0, c)] for c in range(3)])
    assert (0, 0) in hidden and (0, 1) in hidden  # the 3, then its row's smallest other cell
    for cells in ([(0, 0), (0, 1), (0, 2)], [(1, 0), (1, 1), (1, 2)]):
        assert sum(1 for x in cells if x in hidden) != 1


def test_the_counting_rules_shared_with_the_server():
    assert milestone_awaited(date(2025, 11, 30), OutcomeMilestone.MONTH_3, date(2026, 2, 28))  # 30 Nov + 3 = 28 Feb
    assert not milestone_awaited(date(2025, 11, 30), OutcomeMilestone.MONTH_3, date(2026, 2, 27))
    assert counts_as_referent(has_referent_role=False, caseload=3, active=False)
    assert not counts_as_referent(has_referent_role=True, caseload=0, active=False)
