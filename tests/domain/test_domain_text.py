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


def _normalise_in_full(text: str) -> str:
    """The full path of normalise() (NFKD, casefold, combining marks, ligatures), which ASCII text skips."""
    import unicodedata

    from pac_desktop.domain import text as module

    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch)).translate(module._LIGATURES)
    return module._SEPARATORS.sub(" ", bare).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_gives_the_full_key(text: str) -> None:
    assert normalise(text) == _normalise_in_full(text)


def test_every_ascii_character_keys_as_in_full() -> None:
    every = "".join(chr(c) for c in range(128))
    assert normalise(every) == _normalise_in_full(every)
    for c in range(128):
        assert normalise(f"a{chr(c)}B") == _normalise_in_full(f"a{chr(c)}B")
