"""Eligibility rules: ages, the 12-month window, unknown facts, overrides. All people here are fictitious."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pac_desktop.domain.eligibility import (
    AGE,
    LEFT_SCHOOL_RECENTLY,
    NO_FOLLOW_UP,
    NO_QUALIFICATION,
    EligibilityFacts,
    EligibilityRefused,
    add_months,
    age_on,
    assess_eligibility,
    birthday_of_age,
    decide,
    is_adult_on,
)
from pac_desktop.domain.errors import DomainError

INTAKE = date(2026, 3, 12)


def facts(**overrides: object) -> EligibilityFacts:
    values: dict[str, object] = {
        "birth_date": date(2009, 1, 15),
        "intake_date": INTAKE,
        "left_school_on": date(2025, 10, 1),
        "has_qualification": False,
        "followed_by_structure": False,
    }
    values.update(overrides)
    return EligibilityFacts(**values)  # type: ignore[arg-type]


# --- age_on, is_adult_on, birthday_of_age -------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (date(2010, 3, 12), date(2026, 3, 12), 16),  # birthday today
        (date(2010, 3, 13), date(2026, 3, 12), 15),  # birthday tomorrow
        (date(2010, 3, 11), date(2026, 3, 12), 16),
        (date(2010, 12, 31), date(2026, 1, 1), 15),
        (date(2026, 3, 12), date(2026, 3, 12), 0),
        # 29 February: one year older on 1 March in non-leap years (French civil practice).
        (date(2008, 2, 29), date(2025, 2, 28), 16),
        (date(2008, 2, 29), date(2025, 3, 1), 17),
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
    ],
)
def test_age_on(birth: date, on: date, expected: int) -> None:
    assert age_on(birth, on) == expected


def test_age_on_before_birth_is_refused_in_french() -> None:
    with pytest.raises(ValueError, match="antérieure à la date de naissance"):
        age_on(date(2010, 5, 1), date(2010, 4, 30))


@pytest.mark.parametrize(
    ("birth", "on", "adult"),
    [
        (date(2008, 3, 12), date(2026, 3, 12), True),
        (date(2008, 3, 13), date(2026, 3, 12), False),
        (date(2008, 2, 29), date(2026, 2, 28), False),
        (date(2008, 2, 29), date(2026, 3, 1), True),
    ],
)
def test_is_adult_on(birth: date, on: date, adult: bool) -> None:
    assert is_adult_on(birth, on) is adult


@pytest.mark.parametrize(
    ("birth", "years", "expected"),
    [
        (date(2010, 5, 3), 16, date(2026, 5, 3)),
        (date(2008, 2, 29), 17, date(2025, 3, 1)),
        (date(2008, 2, 29), 16, date(2024, 2, 29)),
    ],
)
def test_birthday_of_age(birth: date, years: int, expected: date) -> None:
    assert birthday_of_age(birth_date=birth, years=years) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=0, max_value=60))
def test_birthday_of_age_is_the_first_day_of_that_age(birth: date, years: int) -> None:
    day = birthday_of_age(birth_date=birth, years=years)
    assert age_on(birth, day) == years
    if day > birth:
        assert age_on(birth, day - timedelta(days=1)) == years - 1


# --- add_months ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2025, 3, 12), 12, date(2026, 3, 12)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2025, 12, 31), 6, date(2026, 6, 30)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=-240, max_value=240))
def test_add_months_properties(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    if result.day < start.day:  # clamped: it must be the month's last day
        assert (result + timedelta(days=1)).day == 1


# --- assess_eligibility -------------------------------------------------------------------------------


def test_all_criteria_met() -> None:
    result = assess_eligibility(facts())
    assert result.eligible
    assert result.failed == () and result.unknown == ()
    assert [c.code for c in result.criteria] == [AGE, LEFT_SCHOOL_RECENTLY, NO_QUALIFICATION, NO_FOLLOW_UP]
    assert all(c.label and c.explanation for c in result.criteria)


@pytest.mark.parametrize(
    ("birth", "met"),
    [
        (date(2010, 3, 12), True),  # 16th birthday on the intake date
        (date(2010, 3, 13), False),
        (date(2010, 3, 11), True),
        (date(1990, 1, 1), True),
    ],
)
def test_age_criterion(birth: date, met: bool) -> None:
    assert assess_eligibility(facts(birth_date=birth)).criterion(AGE).met is met


def test_too_young_explains_when_the_youth_turns_16() -> None:
    criterion = assess_eligibility(facts(birth_date=date(2010, 5, 3))).criterion(AGE)
    assert criterion.met is False
    assert criterion.explanation == "Le jeune aura 16 ans le 3 mai 2026, après la date de l'accueil (12 mars 2026)."


def test_age_criterion_for_a_29_february_birth() -> None:
    # 16 years after a leap year is a leap year, so the 16th birthday itself is a 29 February.
    on_birthday = facts(birth_date=date(2008, 2, 29), intake_date=date(2024, 2, 29), left_school_on=date(2024, 1, 10))
    assert assess_eligibility(on_birthday).criterion(AGE).met is True
    day_before = facts(birth_date=date(2008, 2, 29), intake_date=date(2024, 2, 28), left_school_on=date(2024, 1, 10))
    criterion = assess_eligibility(day_before).criterion(AGE)
    assert criterion.met is False
    assert criterion.explanation == (
        "Le jeune aura 16 ans le 29 février 2024, après la date de l'accueil (28 février 2024)."
    )


def test_age_explanation_for_a_29_february_birth_in_a_non_leap_year() -> None:
    # Born 29 Feb 2008, intake 28 Feb 2025 (not leap): 16 years old, and 17 only from 1 March.
    result = assess_eligibility(
        facts(birth_date=date(2008, 2, 29), intake_date=date(2025, 2, 28), left_school_on=date(2025, 1, 10))
    )
    assert result.criterion(AGE).explanation == "Le jeune a 16 ans à la date de l'accueil (28 février 2025)."


def test_age_criterion_uses_1_march_when_the_16th_birthday_year_is_not_leap() -> None:
    # 2100 is not a leap year: a youth born on 29 February 2084 turns 16 on 1 March 2100.
    born = date(2084, 2, 29)
    too_early = facts(birth_date=born, intake_date=date(2100, 2, 28), left_school_on=date(2100, 1, 10))
    criterion = assess_eligibility(too_early).criterion(AGE)
    assert criterion.met is False
    assert criterion.explanation == (
        "Le jeune aura 16 ans le 1er mars 2100, après la date de l'accueil (28 février 2100)."
    )
    on_time = facts(birth_date=born, intake_date=date(2100, 3, 1), left_school_on=date(2100, 1, 10))
    assert assess_eligibility(on_time).criterion(AGE).met is True


def test_birth_after_intake_is_explained() -> None:
    criterion = assess_eligibility(facts(birth_date=date(2026, 4, 1))).criterion(AGE)
    assert criterion.met is False
    assert "postérieure à la date de l'accueil" in criterion.explanation
    assert "1er avril 2026" in criterion.explanation


@pytest.mark.parametrize(
    ("left", "met"),
    [
        (date(2025, 3, 12), False),  # exactly 12 months: not "less than 12 months"
        (date(2025, 3, 13), True),  # one day less than 12 months
        (date(2025, 3, 11), False),
        (date(2026, 3, 12), True),  # left on the intake day
        (date(2024, 1, 1), False),
    ],
)
def test_left_school_window(left: date, met: bool) -> None:
    assert assess_eligibility(facts(left_school_on=left)).criterion(LEFT_SCHOOL_RECENTLY).met is met


def test_left_school_exactly_12_months_says_so() -> None:
    criterion = assess_eligibility(facts(left_school_on=date(2025, 3, 12))).criterion(LEFT_SCHOOL_RECENTLY)
    assert criterion.explanation == (
        "Sortie du système scolaire le 12 mars 2025 : exactement 12 mois avant l'accueil (12 mars 2026)."
    )


def test_left_school_more_than_12_months_says_so() -> None:
    criterion = assess_eligibility(facts(left_school_on=date(2025, 2, 2))).criterion(LEFT_SCHOOL_RECENTLY)
    assert criterion.explanation.startswith("Sortie du système scolaire le 2 février 2025 : plus de 12 mois")


@pytest.mark.parametrize(
    ("left", "intake", "met"),
    [
        (date(2024, 2, 29), date(2025, 2, 27), True),
        (date(2024, 2, 29), date(2025, 2, 28), False),  # 12 months end on 28 Feb in a non-leap year
        (date(2025, 2, 28), date(2026, 2, 27), True),
        (date(2025, 2, 28), date(2026, 2, 28), False),
    ],
)
def test_left_school_window_across_29_february(left: date, intake: date, met: bool) -> None:
    result = assess_eligibility(facts(left_school_on=left, intake_date=intake, birth_date=date(2000, 6, 1)))
    assert result.criterion(LEFT_SCHOOL_RECENTLY).met is met


def test_leaving_after_the_intake_is_an_error_state() -> None:
    criterion = assess_eligibility(facts(left_school_on=date(2026, 6, 30))).criterion(LEFT_SCHOOL_RECENTLY)
    assert criterion.met is False
    assert "30 juin 2026" in criterion.explanation
    assert "postérieure à la date de l'accueil" in criterion.explanation
    assert "vérifiez" in criterion.explanation


@pytest.mark.parametrize(
    ("overrides", "code", "met", "words"),
    [
        ({"left_school_on": None}, LEFT_SCHOOL_RECENTLY, None, "pas encore renseignée"),
        ({"has_qualification": None}, NO_QUALIFICATION, None, "qualification"),
        ({"has_qualification": True}, NO_QUALIFICATION, False, "sans qualification"),
        ({"followed_by_structure": None}, NO_FOLLOW_UP, None, "suivi par une structure"),
        ({"followed_by_structure": True}, NO_FOLLOW_UP, False, "déjà suivi"),
    ],
)
def test_other_criteria(overrides: dict[str, object], code: str, met: bool | None, words: str) -> None:
    result = assess_eligibility(facts(**overrides))
    criterion = result.criterion(code)
    assert criterion.met is met
    assert words in criterion.explanation
    assert not result.eligible
    assert (criterion in result.unknown) is (met is None)
    assert (criterion in result.failed) is (met is False)


def test_unknown_is_not_eligible_but_not_failed() -> None:
    result = assess_eligibility(facts(has_qualification=None, followed_by_structure=None))
    assert not result.eligible
    assert result.failed == ()
    assert [c.code for c in result.unknown] == [NO_QUALIFICATION, NO_FOLLOW_UP]


def test_criterion_lookup_unknown_code() -> None:
    with pytest.raises(KeyError):
        assess_eligibility(facts()).criterion("nope")


def test_results_are_frozen() -> None:
    result = assess_eligibility(facts())
    with pytest.raises(AttributeError):
        result.criteria[0].met = False  # type: ignore[misc]


# --- decide -------------------------------------------------------------------------------------------


def test_decide_eligible_is_not_overridden() -> None:
    decision = decide(assess_eligibility(facts()))
    assert decision.overridden is False and decision.justification is None


def test_decide_eligible_ignores_a_justification() -> None:
    decision = decide(assess_eligibility(facts()), override_justification="Une raison bien assez longue ici.")
    assert decision.overridden is False and decision.justification is None


def test_decide_refuses_and_lists_each_failed_and_unknown_criterion() -> None:
    eligibility = assess_eligibility(
        facts(birth_date=date(2010, 5, 3), has_qualification=True, followed_by_structure=None)
    )
    with pytest.raises(EligibilityRefused) as caught:
        decide(eligibility)
    message = str(caught.value)
    assert isinstance(caught.value, DomainError)
    assert "ne remplit pas tous les critères" in message
    assert "16 ans ou plus à la date de l'accueil : non rempli." in message
    assert "Le jeune aura 16 ans le 3 mai 2026" in message
    assert "Sorti sans qualification : non rempli." in message
    assert "Suivi par aucune structure : à vérifier." in message
    assert "Sorti du système scolaire" not in message  # that criterion is met
    assert "20 caractères" in message
    assert [c.code for c in caught.value.criteria] == [AGE, NO_QUALIFICATION, NO_FOLLOW_UP]


def test_decide_with_only_unknown_criteria_says_not_yet_established() -> None:
    with pytest.raises(EligibilityRefused, match="n'est pas encore établie"):
        decide(assess_eligibility(facts(left_school_on=None)))


@pytest.mark.parametrize("justification", [None, "", "   \n\t "])
def test_decide_without_justification_refuses(justification: str | None) -> None:
    with pytest.raises(EligibilityRefused, match="écrivez la raison"):
        decide(assess_eligibility(facts(has_qualification=True)), override_justification=justification)


@pytest.mark.parametrize(
    ("justification", "accepted"),
    [
        ("a" * 19, False),
        ("a" * 20, True),
        ("a b c d e f g h i j k l m n o p q r s", False),  # 19 letters, spaces do not count
        ("a b c d e f g h i j k l m n o p q r s t", True),
        ("   " + "x" * 19 + "   ", False),
    ],
)
def test_override_needs_20_non_blank_characters(justification: str, accepted: bool) -> None:
    eligibility = assess_eligibility(facts(has_qualification=True))
    if accepted:
        decision = decide(eligibility, override_justification=justification)
        assert decision.overridden is True
        assert decision.justification == justification.strip()
    else:
        with pytest.raises(EligibilityRefused, match="trop courte") as caught:
            decide(eligibility, override_justification=justification)
        assert "Sorti sans qualification" in str(caught.value)


def test_override_keeps_the_trimmed_justification() -> None:
    eligibility = assess_eligibility(facts(followed_by_structure=True))
    decision = decide(eligibility, override_justification="  Suivi PJJ terminé la semaine passée, relais demandé.  ")
    assert decision.overridden
    assert decision.justification == "Suivi PJJ terminé la semaine passée, relais demandé."
    assert decision.eligibility is eligibility
