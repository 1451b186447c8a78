"""French display helpers: dates, Paris time, parsing typed dates, phones, plurals, relative days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import (
    DateParseError,
    format_age,
    format_date,
    format_date_short,
    format_datetime,
    format_number,
    format_phone,
    format_time,
    parse_date_fr,
    plural,
    relative_days,
)


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2026, 3, 12), "12 mars 2026"),
        (date(2026, 4, 1), "1er avril 2026"),
        (date(2026, 2, 2), "2 février 2026"),
        (date(2026, 8, 15), "15 août 2026"),
        (date(2025, 12, 31), "31 décembre 2025"),
        (date(2026, 1, 1), "1er janvier 2026"),
    ],
)
def test_format_date(d: date, text: str) -> None:
    assert format_date(d) == text


@pytest.mark.parametrize(
    ("d", "text"),
    [(date(2026, 3, 12), "12/03/2026"), (date(2026, 1, 1), "01/01/2026"), (date(999, 9, 9), "09/09/0999")],
)
def test_format_date_short(d: date, text: str) -> None:
    assert format_date_short(d) == text


@pytest.mark.parametrize(
    ("dt", "text"),
    [
        (datetime(2026, 3, 12, 13, 5, tzinfo=UTC), "12 mars 2026 à 14 h 05"),  # winter: UTC+1
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "1er juillet 2026 à 14 h 00"),  # summer: UTC+2
        (datetime(2026, 3, 12, 13, 5), "12 mars 2026 à 14 h 05"),  # naive = UTC
        (datetime(2026, 3, 31, 22, 30, tzinfo=UTC), "1er avril 2026 à 0 h 30"),  # crosses midnight in Paris
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "29 mars 2026 à 1 h 59"),  # just before the spring change
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 mars 2026 à 3 h 00"),  # just after
        (datetime(2026, 3, 12, 10, 5, tzinfo=timezone(timedelta(hours=-4))), "12 mars 2026 à 15 h 05"),
    ],
)
def test_format_datetime_in_paris_time(dt: datetime, text: str) -> None:
    assert format_datetime(dt) == text


def test_format_time() -> None:
    assert format_time(datetime(2026, 3, 12, 8, 0, tzinfo=UTC)) == "9 h 00"


@pytest.mark.parametrize(
    "text", ["12/03/2026", "12-03-2026", "12.03.2026", "2026-03-12", "12032026", " 12/03/2026 ", "12/3/2026"]
)
def test_parse_date_fr_accepts_the_usual_forms(text: str) -> None:
    assert parse_date_fr(text) == date(2026, 3, 12)


def test_parse_date_fr_first_of_month() -> None:
    assert parse_date_fr("1/4/2026") == date(2026, 4, 1)
    assert parse_date_fr("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["abc", "12/03/26", "12/03-2026", "2026/03/12", "1203202", "12 mars 2026", "٢٠٢٦-٠٣-١٢"]
)
def test_parse_date_fr_rejects_unknown_forms_in_french(text: str) -> None:
    with pytest.raises(DateParseError, match="n'est pas une date reconnue : écrivez-la sous la forme JJ/MM/AAAA"):
        parse_date_fr(text)


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2025", "00/01/2026", "12/13/2026", "0000-01-01"])
def test_parse_date_fr_rejects_impossible_dates(text: str) -> None:
    with pytest.raises(DateParseError, match="n'existe pas dans le calendrier"):
        parse_date_fr(text)


def test_parse_date_fr_empty() -> None:
    with pytest.raises(DateParseError, match="La date est vide"):
        parse_date_fr("   ")


def test_date_parse_error_is_both_value_error_and_domain_error() -> None:
    assert issubclass(DateParseError, ValueError)
    assert issubclass(DateParseError, DomainError)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_fr_round_trips(d: date) -> None:
    assert parse_date_fr(format_date_short(d)) == d
    assert parse_date_fr(d.isoformat()) == d


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        ("0612345678", "06 12 34 56 78"),
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("06-12-34-56-78", "06 12 34 56 78"),
        ("+33612345678", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033 5 61 00 00 00", "05 61 00 00 00"),
        (" 05 61 00 00 00 ", "05 61 00 00 00"),
    ],
)
def test_format_phone_french_numbers(raw: str, formatted: str) -> None:
    assert format_phone(raw) == formatted


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "+44 20 7946 0000", "0012345678", "061234567", "06123456789", "06 12 34 56 7x", "pas de numéro"],
)
def test_format_phone_leaves_other_text_unchanged(raw: str) -> None:
    assert format_phone(raw) == raw


@pytest.mark.parametrize(
    ("n", "singular", "plural_form", "text"),
    [
        (0, "jeune", None, "0 jeune"),
        (1, "jeune", None, "1 jeune"),
        (2, "jeune", None, "2 jeunes"),
        (3, "jeune", None, "3 jeunes"),
        (2, "travail", "travaux", "2 travaux"),
        (1, "travail", "travaux", "1 travail"),
        (-1, "jour", None, "-1 jour"),
        (1245, "jeune", None, "1\u00a0245 jeunes"),
    ],
)
def test_plural(n: int, singular: str, plural_form: str | None, text: str) -> None:
    assert plural(n, singular, plural_form) == text


def test_format_number() -> None:
    assert format_number(245) == "245"
    assert format_number(1_000_000) == "1\u00a0000\u00a0000"


@pytest.mark.parametrize(("years", "text"), [(17, "17 ans"), (16, "16 ans"), (1, "1 an"), (0, "0 an")])
def test_format_age(years: int, text: str) -> None:
    assert format_age(years) == text


TODAY = date(2026, 3, 12)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "aujourd'hui"),
        (1, "demain"),
        (-1, "hier"),
        (2, "dans 2 jours"),
        (3, "dans 3 jours"),
        (-2, "il y a 2 jours"),
        (-5, "il y a 5 jours"),
        (365, "dans 365 jours"),
    ],
)
def test_relative_days(days: int, text: str) -> None:
    assert relative_days(TODAY + timedelta(days=days), TODAY) == text
