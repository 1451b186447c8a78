"""A pulled row is checked and decoded in one pass (issue 16): ``EntityCodec.read`` gives exactly the answer of
the field table's check (``values.row_problem``, issue 12) followed by the codec's ``decode`` — the same values,
and the same reason for a row set aside — whatever the values, good or bad."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pac_desktop.sync.codec import Unreadable, codec_for
from pac_desktop.sync.field_rules import FIELDS
from pac_desktop.sync.values import row_problem

ENTITIES = sorted(e for e in FIELDS if codec_for(e) is not None)


def reference(entity: str, data: dict) -> tuple[dict, str | None]:
    """What the pull did before issue 16: the check of every value, then the decoding."""
    problem = row_problem(entity, data)
    if problem is not None:
        return {}, problem
    try:
        return codec_for(entity).decode(data), None
    except Unreadable as error:
        return {}, str(error)


def same(a: tuple[dict, str | None], b: tuple[dict, str | None]) -> bool:
    if a[1] != b[1] or a[0].keys() != b[0].keys():
        return False
    return all(x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y)) for x, y in
               ((a[0][k], b[0][k]) for k in a[0]))


TRICKY_TEXT = st.sampled_from([
    "", " ", "Léa", "Ève-Marie", "a\x00b", "\ud800", "x" * 37, "x" * 161, "2026-03-02", "2026-02-30",
    "2026-3-2", "2026-03-02\n", "٢٠٢٦-٠٣-٠٢", "2026-03-02T10:00:00", "2026-03-02T10:00:00+00:00",
    "2026-03-02 10:00", "pas une date", "followed", "interview", "youth", "given", "guardian", "oui", "1",
])
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True), TRICKY_TEXT, st.text(max_size=50),
)


@st.composite
def rows(draw: st.DrawFn) -> tuple[str, dict]:
    entity = draw(st.sampled_from(ENTITIES))
    names = sorted(FIELDS[entity]) + ["a_field_of_a_newer_version"]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    return entity, {name: draw(VALUES) for name in chosen}


@settings(max_examples=600, deadline=None)
@given(rows())
def test_read_answers_as_the_check_then_the_decoding(row: tuple[str, dict]) -> None:
    entity, data = row
    assert same(codec_for(entity).read(data), reference(entity, data))


def test_usual_rows_are_read_and_bad_ones_refused_with_the_reason_of_the_check() -> None:
    codec = codec_for("youth")
    values, problem = codec.read({"first_name": "Léa", "last_name": "Fictif", "birth_date": "2009-05-17",
                                  "town": "Foix", "status": "followed", "lives_in_priority_area": False})
    assert problem is None
    assert str(values["birth_date"]) == "2009-05-17" and values["town_key"] == "foix"
    assert codec.read({"birth_date": "2009-02-30"}) == ({}, "champ « birth_date », la valeur n'est pas une date "
                                                             "(AAAA-MM-JJ)")
    assert codec.read({"first_name": "a\x00b"})[1] == "champ « first_name », le texte contient des caractères invalides"
