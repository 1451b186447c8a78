"""Normalisation for search and duplicate detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pac_desktop.domain.text import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Léa-Marie  D'ARC", "lea marie d arc"),
        ("  Éloïse   Ñuñez ", "eloise nunez"),
        ("D’Artagnan", "d artagnan"),  # typographic apostrophe
        ("Jean–Luc", "jean luc"),  # en dash
        ("Jean\u2011Luc", "jean luc"),  # non-breaking hyphen
        ("Cœur Lætitia", "coeur laetitia"),
        ("STRAßE", "strasse"),
        ("N'Diaye--Fictif", "n diaye fictif"),
        ("Çağla\tÖzdemir\n", "cagla ozdemir"),
        ("", ""),
        ("  - ' ", ""),
        ("Anaïs Exemple", "anais exemple"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_composed_and_decomposed_accents_match() -> None:
    assert normalise("e\u0301lodie") == normalise("\u00e9lodie") == "elodie"


@given(st.text())
def test_normalise_is_idempotent_and_tidy(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
    assert "  " not in once
