"""One verdict per value of a youth's field, whatever the entry point (issue 11): the intake's autosave, the
case file's identity form and create_youth all answer with domain.youth_fields' words, and a value one of
them accepts is accepted by the others."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_youth
from intake_builders import make_team, new_youth

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.youth_fields import YOUTH_FIELDS, check_youth_field
from pac_desktop.services.casefile.identity import IDENTITY_FIELDS
from pac_desktop.storage.models import Youth

TODAY = date(2026, 3, 12)  # tests/conftest.py's today

# One bad value per field (at least), and one good one: every field of the table is here.
BAD: dict[str, list[object]] = {
    "first_name": ["", "x" * 81],
    "last_name": ["   ", "y" * 81],
    "birth_date": [date(1960, 5, 4), date(2027, 1, 1), "31/02/2008"],
    "sex": ["z"],
    "phone": ["0" * 31],
    "email": ["pas-une-adresse", "a@b"],
    "address": ["r" * 201],
    "postcode": ["1", "6500", "00000", "65 000x"],
    "town": ["t" * 121],
    "lives_in_priority_area": ["peut-être"],
    "newly_arrived": ["peut-être"],
    "left_school_on": [date(2026, 9, 1)],
    "last_class": ["c" * 121],
    "has_qualification": ["bof"],
    "followed_by_structure": ["bof"],
}
GOOD: dict[str, object] = {
    "first_name": "Awa",
    "last_name": "N'Diaye-Testfictive",
    "birth_date": date(2008, 3, 20),
    "sex": "f",
    "phone": "0612345678",
    "email": "awa.testfictive@exemple.fr",
    "address": "1 rue de l'Essai",
    "postcode": "65000",
    "town": "Tarbes",
    "lives_in_priority_area": True,
    "newly_arrived": False,
    "left_school_on": date(2025, 7, 1),
    "last_class": "Seconde",
    "has_qualification": False,
    "followed_by_structure": True,
}
CREATE_FIELDS = ("first_name", "last_name", "birth_date", "sex", "phone", "email", "town", "postcode", "newly_arrived")


def test_every_field_of_the_table_is_tested_and_its_length_is_the_column_s():
    assert set(BAD) == set(GOOD) == set(YOUTH_FIELDS)
    for name, field in YOUTH_FIELDS.items():
        column = Youth.__table__.c[name]
        if field.max_length is not None or name != "sex":  # an enum's column is as long as its longest value
            assert getattr(column.type, "length", None) == field.max_length, name
        assert field.required == (not column.nullable and column.default is None), name


@pytest.fixture
def world(loaded_services):
    team = make_team(loaded_services, "tarbes")
    youth_id = new_youth(loaded_services, team)
    intake_id = loaded_services.intake.start(youth_id=youth_id, by=team.lead)
    followed = make_youth(loaded_services, first="Awa", last="Testsuivie", referent=team.lead)  # the lead's file
    return loaded_services, team, followed, intake_id


def _autosave(world, name, value):
    s, team, _, intake_id = world
    s.intake.save_field(intake_id=intake_id, field=f"youth.{name}", value=value, by=team.lead)


def _identity_form(world, name, value):
    s, team, youth_id, _ = world
    s.casefile.update_identity(youth_id=youth_id, changes={name: value}, by=team.lead)


def _create(world, name, value):
    s, team, _, _ = world
    values = {"first_name": "Essai", "last_name": "Testcreation", "birth_date": date(2008, 1, 1)} | {name: value}
    s.intake.create_youth(territory_id=team.territory_id, create_anyway=True, by=team.lead, **values)


ENTRY_POINTS = {"autosave": (_autosave, set(YOUTH_FIELDS)), "identity_form": (_identity_form, set(IDENTITY_FIELDS)),
                "create_youth": (_create, set(CREATE_FIELDS))}


def _verdict(entry, world, name, value) -> str | None:
    write, _ = ENTRY_POINTS[entry]
    try:
        write(world, name, value)
    except DomainError as error:
        return str(error)
    return None


@pytest.mark.parametrize("name", sorted(YOUTH_FIELDS))
def test_each_field_gets_the_table_s_verdict_through_every_entry_point(world, name):
    entries = [entry for entry, (_, fields) in ENTRY_POINTS.items() if name in fields]
    assert "autosave" in entries
    for value in BAD[name]:
        expected = check_youth_field(name, value, today=TODAY)
        assert expected is not None, f"the table accepts {value!r}, listed as bad"
        for entry in entries:
            assert _verdict(entry, world, name, value) == expected, (entry, value)
    assert check_youth_field(name, GOOD[name], today=TODAY) is None
    for entry in entries:
        assert _verdict(entry, world, name, GOOD[name]) is None, entry


def test_the_issue_s_four_values_get_one_verdict(world):
    """The autosave used to accept what the identity form refused, and the reverse for a long name."""
    for name, value in (("email", "pas-une-adresse"), ("postcode", "1"), ("birth_date", date(1960, 1, 1)),
                        ("last_name", "N" * 200)):
        verdicts = {entry: _verdict(entry, world, name, value) for entry in ENTRY_POINTS}
        assert len(set(verdicts.values())) == 1 and None not in verdicts.values(), (name, verdicts)
