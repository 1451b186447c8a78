"""Finding the youth before creating a file: fuzzy names (rapidfuzz) and close birth dates, indexed prefilter."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import bulk_youths
from intake_builders import make_team, new_youth
from sqlalchemy import event

from pac_desktop.services.youth_matching import STRONG_SCORE, near_birth_dates

BIRTH = date(2008, 2, 3)


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


@pytest.fixture
def lea(loaded_services, team):
    return new_youth(loaded_services, team, first="Léa", last="MARTIN", birth=BIRTH)


SAME_PERSON_TYPED_DIFFERENTLY = [
    ("Lea Martin", BIRTH, "aux accents, majuscules ou tirets près"),
    ("LÉA martin", BIRTH, "aux accents, majuscules ou tirets près"),
    ("Martin Lea", BIRTH, "mais inversés"),
    ("Martin-Léa", BIRTH, "mais inversés"),
    ("Lea Martine", BIRTH, "Nom très proche"),
    ("Lea Martin", date(2008, 3, 2), "jour et mois inversés"),
    ("Lea Martin", date(2008, 2, 13), "un chiffre diffère"),
    ("Lea Martin", date(2008, 1, 31), "quelques jours d'écart"),
]


def test_the_same_person_typed_differently_is_a_strong_candidate(loaded_services, team, lea):
    # One store for every case: setting one up costs more than the searches.
    for typed, birth, reason in SAME_PERSON_TYPED_DIFFERENTLY:
        (candidate, *_) = loaded_services.intake.find_youth(by=team.lead, name=typed, birth_date=birth)
        assert candidate.youth_id == lea and candidate.strong and candidate.score >= STRONG_SCORE, typed
        assert reason in candidate.why, (typed, birth)
        assert candidate.display_name == "Léa MARTIN" and candidate.territory_name == "Tarbes"


def test_a_compound_first_name_given_in_part_still_matches(loaded_services, team):
    youth_id = new_youth(loaded_services, team, first="Marie-Léa", last="Dufictif", birth=BIRTH)
    (candidate,) = loaded_services.intake.find_youth(by=team.lead, name="Léa Dufictif", birth_date=BIRTH)
    assert candidate.youth_id == youth_id and candidate.strong


def test_twins_and_homonyms_are_shown_but_not_strong(loaded_services, team, lea):
    twin = new_youth(loaded_services, team, first="Lucas", last="Martin", birth=BIRTH)
    homonym = new_youth(loaded_services, team, first="Léa", last="Martin", birth=date(1999, 7, 1))
    found = {c.youth_id: c for c in loaded_services.intake.find_youth(by=team.lead, name="Léa Martin", birth_date=BIRTH)}
    assert found[lea].strong and found[lea].score == 100
    assert not found[twin].strong
    assert not found[homonym].strong and "homonyme" in found[homonym].why


def test_create_youth_stops_on_strong_candidates_until_told_to_create_anyway(loaded_services, team, lea):
    intake = loaded_services.intake
    attempt = intake.create_youth(
        first_name="Lea", last_name="Martin", birth_date=BIRTH, territory_id=team.territory_id, by=team.lead
    )
    assert not attempt.created and attempt.candidates[0].youth_id == lea and attempt.candidates[0].strong
    again = intake.create_youth(
        first_name="Lea",
        last_name="Martin",
        birth_date=BIRTH,
        territory_id=team.territory_id,
        create_anyway=True,
        by=team.lead,
    )
    assert again.created and again.youth_id != lea
    # Nobody like her: created at once, no candidates.
    fresh = intake.create_youth(
        first_name="Noé",
        last_name="Inconnufictif",
        birth_date=date(2007, 1, 1),
        territory_id=team.territory_id,
        by=team.lead,
    )
    assert fresh.created and fresh.candidates == ()


def test_an_open_intake_is_offered_to_resume(loaded_services, team, lea):
    intake_id = loaded_services.intake.start(youth_id=lea, by=team.lead)
    (candidate, *_) = loaded_services.intake.find_youth(by=team.lead, name="Lea Martin", birth_date=BIRTH)
    assert candidate.open_intake_id == intake_id


def test_the_prefilter_reads_indexes_only(loaded_services, store, team, lea):
    """Every query of the duplicate search is answered from an index, never by reading the whole table."""
    bulk_youths(loaded_services, 3000, territory="tarbes")
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        if "FROM youth" in statement:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        found = loaded_services.intake.find_youth(by=team.lead, name="Lea Martin", birth_date=BIRTH)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    assert found[0].youth_id == lea
    assert len(statements) == 3  # born that day; close dates and a name word; the name words alone
    with store.engine.connect() as conn:
        for statement, parameters in statements:
            plan = " | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            assert "SCAN youth" not in plan or "USING" in plan.split("SCAN youth", 1)[1].split("|")[0], plan
            assert "INDEX" in plan, plan


def test_a_strong_candidate_is_never_cut_off_by_many_homonyms(loaded_services, team):
    """With hundreds of youths sharing a name word, the one born that day still comes first."""
    bulk_youths(loaded_services, 1500, territory="tarbes")
    twin = new_youth(loaded_services, team, first="Testa", last="Dufictif", birth=date(2006, 6, 6))
    (best, *_) = loaded_services.intake.find_youth(by=team.lead, name="Testa Dufictif", birth_date=date(2006, 6, 6))
    assert best.youth_id == twin and best.strong


def test_near_birth_dates_cover_typing_slips():
    dates = set(near_birth_dates(BIRTH))
    assert {BIRTH, date(2008, 3, 2), date(2008, 2, 13), date(2009, 2, 3), date(2008, 2, 6)} <= dates
    assert date(2008, 2, 10) not in dates and len(dates) < 80


def test_a_score_asked_at_least_strong_is_the_full_score_or_none():
    """score_match(at_least=…) (a list's import) stops early on youths who cannot reach the score, and gives the
    very same score to those who do: over many pairs of fictitious names, typed with slips, at near dates."""
    import random
    from datetime import timedelta

    from pac_desktop.demo import names
    from pac_desktop.services.youth_matching import score_match

    rng = random.Random(18)
    firsts = names.FEMALE_FIRST_NAMES + names.MALE_FIRST_NAMES
    strong = 0
    for _ in range(4000):
        first, last = rng.choice(firsts), "Test" + rng.choice(names.LAST_NAMES).lower()
        typed_first, typed_last = (first, last) if rng.random() < 0.5 else (rng.choice(firsts), last)
        if rng.random() < 0.4:  # a slip: one letter dropped
            cut = rng.randrange(len(typed_last))
            typed_last = typed_last[:cut] + typed_last[cut + 1:]
        typed = f"{typed_last} {typed_first}" if rng.random() < 0.2 else f"{typed_first} {typed_last}"
        born = date(2008, 1, 1) + timedelta(days=rng.randrange(600))
        typed_born = rng.choice(near_birth_dates(born) + (born + timedelta(days=400),))
        full = score_match(typed_name=typed, typed_birth_date=typed_born, first_name=first, last_name=last,
                           birth_date=born)
        for at_least in (STRONG_SCORE, 90):
            quick = score_match(typed_name=typed, typed_birth_date=typed_born, first_name=first, last_name=last,
                                birth_date=born, at_least=at_least)
            assert quick == (full if full.score >= at_least else None), (typed, first, last)
        strong += full.strong
    assert 500 < strong < 3500  # both kinds were tried
