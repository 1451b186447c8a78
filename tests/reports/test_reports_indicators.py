"""Indicators: the figures match counts made here by plain SQL, and the report prints them with charts."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from report_fixtures import assert_embedded_fonts_only, assert_numbered, read_pdf, sql

from pac_desktop.domain.enums import OfferCategory, OutcomeMilestone, OutcomeSituation, ReferralSource

PERIOD = (date(2024, 1, 1), date(2026, 3, 12))

# The cohort: each youth once, with their first validated intake held in the period.
COHORT = """
WITH held AS (
    SELECT j.id, j.youth_id, j.territory_id, j.held_on, j.referral_id,
           ROW_NUMBER() OVER (PARTITION BY j.youth_id ORDER BY j.held_on, j.id) AS n
    FROM joint_intake j
    WHERE j.state = 'validated' AND j.deleted_at IS NULL AND j.held_on BETWEEN :from AND :to
      AND (:territory IS NULL OR j.territory_id = (SELECT id FROM territory WHERE code = :territory))
)
SELECT h.id AS intake_id, h.youth_id, h.territory_id, h.held_on, h.referral_id, y.birth_date,
       y.lives_in_priority_area, t.code AS territory, t.kind
FROM held h JOIN youth y ON y.id = h.youth_id JOIN territory t ON t.id = h.territory_id
WHERE h.n = 1
"""


def _cohort_sql(services, territory=None):
    from sqlalchemy import text

    params = {"from": PERIOD[0].isoformat(), "to": PERIOD[1].isoformat(), "territory": territory}
    with services.ctx.store.engine.connect() as con:
        return [dict(row._mapping) for row in con.execute(text(COHORT), params)]


@pytest.mark.parametrize("territory", [None, "tarbes"])
def test_indicators_match_independent_sql_counts(demo_services, territory):
    figures = demo_services.documents.indicators(date_from=PERIOD[0], date_to=PERIOD[1], territory_code=territory)
    cohort = _cohort_sql(demo_services, territory)
    assert figures.cohort_size == len(cohort) > 0

    # Adults at the intake: 18th birthday on or before the intake (SQLite moves 29 February to 1 March too).
    adults = sum(1 for row in cohort
                 if sql(demo_services, "SELECT date(?, '+18 years') <= ?", row["birth_date"], row["held_on"])[0][0])
    assert figures.adults == adults
    assert figures.minors == len(cohort) - adults

    by_territory = {t.code: (t.youths, t.adults) for t in figures.by_territory}
    for code in {row["territory"] for row in cohort}:
        assert by_territory[code][0] == sum(1 for row in cohort if row["territory"] == code)
    assert {line.key: line.count for line in figures.by_kind} == {
        kind: sum(1 for row in cohort if row["kind"] == kind) for kind in ("rural", "urban")
    }
    in_priority = sum(1 for row in cohort if row["lives_in_priority_area"])
    assert {line.key: line.count for line in figures.by_priority_area} == {"yes": in_priority,
                                                                             "no": len(cohort) - in_priority}

    # Referral sources: the intake's referral, else the youth's first.
    expected_sources: dict[str, int] = {}
    for row in cohort:
        source = None
        if row["referral_id"]:
            found = sql(demo_services, "SELECT source FROM referral WHERE id = ?", row["referral_id"])
            source = found[0][0] if found else None
        if source is None:
            found = sql(demo_services, "SELECT source FROM referral WHERE youth_id = ? AND deleted_at IS NULL "
                                       "ORDER BY referred_on LIMIT 1", row["youth_id"])
            source = found[0][0] if found else ""
        expected_sources[source] = expected_sources.get(source, 0) + 1
    assert {line.key: line.count for line in figures.referral_sources} == expected_sources
    assert set(expected_sources) <= {s.value for s in ReferralSource} | {""}

    # Solutions proposed at those intakes, and accepted, by category.
    ids = [row["intake_id"] for row in cohort]
    marks = ",".join("?" * len(ids))
    rows = sql(demo_services, f"SELECT category, count(*), sum(youth_answer = 'accepted') FROM proposed_solution "
                              f"WHERE deleted_at IS NULL AND intake_id IN ({marks}) GROUP BY category", *ids)
    assert {(line.category.value, line.proposed, line.accepted) for line in figures.solutions} == set(rows)
    assert all(isinstance(line.category, OfferCategory) for line in figures.solutions)

    # Outcomes recorded at 3, 6, 12 months, by situation.
    youth_ids = [row["youth_id"] for row in cohort]
    marks = ",".join("?" * len(youth_ids))
    recorded = sql(demo_services, f"SELECT milestone, situation, count(*) FROM outcome WHERE deleted_at IS NULL "
                                  f"AND situation IS NOT NULL AND milestone IN ('m3', 'm6', 'm12') "
                                  f"AND youth_id IN ({marks}) GROUP BY milestone, situation", *youth_ids)
    got = {(col.milestone.value, s.value, n) for col in figures.outcomes for s, n in col.by_situation if n}
    assert got == set(recorded)
    for col in figures.outcomes:
        assert col.recorded + col.awaited + col.not_due == len(cohort)
        assert isinstance(col.milestone, OutcomeMilestone)
        assert all(isinstance(s, OutcomeSituation) for s, _ in col.by_situation)

    # Caseloads: open assignments per referent, against each one's cap.
    loads = dict(sql(demo_services, "SELECT s.first_name || ' ' || s.last_name, count(*) FROM referent_assignment r "
                                    "JOIN staff s ON s.id = r.staff_id WHERE r.ended_on IS NULL AND "
                                    "r.deleted_at IS NULL GROUP BY r.staff_id"))
    for line in figures.caseloads:
        assert line.caseload == loads.get(line.name, 0)
        assert line.cap == sql(demo_services, "SELECT caseload_cap FROM staff WHERE first_name || ' ' || last_name = ?",
                               line.name)[0][0]
    if territory is None:
        assert {line.name for line in figures.caseloads} >= set(loads)


def test_indicators_report_prints_the_figures_with_charts(demo_admin, demo_services, tmp_path):
    figures = demo_services.documents.indicators(date_from=PERIOD[0], date_to=PERIOD[1])
    steps = []
    printed = demo_services.documents.print_indicators(
        path=tmp_path / "indicateurs.pdf", actor=demo_admin, date_from=PERIOD[0], date_to=PERIOD[1],
        progress=lambda done, total: steps.append(done),
    )
    pdf = read_pdf(printed.path)
    text = pdf.text
    assert_numbered(pdf)
    assert_embedded_fonts_only(pdf)
    assert "Indicateurs du dispositif" in text
    assert "du 1er janvier 2024 au 12 mars 2026" in text
    assert f"{figures.cohort_size} jeunes accueillis" in text
    assert f"{round(100 * figures.adults / figures.cohort_size)} % majeurs à l'accueil" in text
    for title in ("Jeunes accueillis par territoire", "Origine du repérage", "Solutions proposées et acceptées",
                  "Situation des jeunes à 3, 6 et 12 mois", "Suivis des référents uniques"):
        assert title in text
    for line in figures.solutions:
        assert line.category.label in text
    for line in figures.caseloads[:3]:
        assert f"{line.caseload} / {line.cap}" in text
    # The charts are vector drawings: their labels are text too (the territories under the columns).
    assert text.count("Toulouse Mirail") >= 2
    assert steps[-1] == 1000


def test_indicators_csv_export(demo_admin, demo_services, tmp_path):
    exported = demo_services.documents.export_indicators_csv(
        path=tmp_path / "indicateurs.csv", actor=demo_admin, date_from=PERIOD[0], date_to=PERIOD[1], territory_code="ariege"
    )
    figures = demo_services.documents.indicators(date_from=PERIOD[0], date_to=PERIOD[1], territory_code="ariege")
    raw = exported.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel in French reads UTF-8 with a BOM
    with open(exported.path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Rubrique", "Libellé", "Valeur", "Valeur 2"]
    assert ["Cohorte", "Jeunes accueillis", str(figures.cohort_size), ""] in rows
    assert ["Territoire", "Territoire", "Ariège", ""] in rows
    assert len(rows) == exported.rows + 1


def test_reversed_period_is_refused_in_french(loaded_services):
    from pac_desktop.domain.errors import DomainError

    with pytest.raises(DomainError, match="La période est à l'envers"):
        loaded_services.documents.indicators(date_from=date(2026, 3, 1), date_to=date(2026, 1, 1))
