"""The table of the youth's fields and its one rule per question (pure: the server calls it too)."""

from __future__ import annotations

from datetime import date

import pytest

from pac_desktop.domain.enums import Sex
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.youth_fields import YOUTH_FIELDS, check_youth_field, clean_youth_field

TODAY = date(2026, 3, 12)


@pytest.mark.parametrize(
    ("name", "value", "stored"),
    [
        ("first_name", "  Jean   Luc ", "Jean Luc"),
        ("last_name", "N" * 80, "N" * 80),
        ("birth_date", "20/03/2008", date(2008, 3, 20)),
        ("birth_date", date(1996, 3, 12), date(1996, 3, 12)),  # 30 today: still plausible
        ("sex", "m", Sex.MALE),
        ("sex", "", None),
        ("phone", "+33 6 12 34 56 78", "06 12 34 56 78"),
        ("email", " prenom.nom@exemple.fr ", "prenom.nom@exemple.fr"),
        ("postcode", "20000", "20000"),  # Corsica
        ("postcode", "97400", "97400"),  # La Réunion
        ("postcode", "", None),
        ("newly_arrived", "oui", True),
        ("newly_arrived", None, False),
        ("has_qualification", None, None),  # not known yet
        ("left_school_on", "2025-07-04", date(2025, 7, 4)),
    ],
)
def test_accepted_values_as_stored(name, value, stored):
    assert clean_youth_field(name, value, today=TODAY) == stored
    assert check_youth_field(name, value, today=TODAY) is None


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("first_name", "", "« Prénom » ne peut pas rester vide."),
        ("last_name", "N" * 81, "« Nom » est trop long : 80 caractères au plus."),
        ("birth_date", date(1960, 1, 1), "le jeune aurait 66 ans. Vérifiez l'année."),
        ("birth_date", date(2016, 3, 13), "le jeune aurait 9 ans"),
        ("birth_date", date(2026, 3, 13), "dans le futur"),
        ("birth_date", "32/01/2008", "n'existe pas dans le calendrier"),
        ("email", "pas-une-adresse", "n'est pas une adresse valide"),
        ("postcode", "1", "n'est pas un code postal français"),
        ("postcode", "99000", "n'est pas un code postal français"),
        ("newly_arrived", "peut-être", "attend oui ou non"),
        ("sex", "x", "valeur inconnue"),
    ],
)
def test_refused_values_say_why_in_french(name, value, message):
    assert message in (check_youth_field(name, value, today=TODAY) or "")
    with pytest.raises(DomainError, match=message.replace("(", r"\(").replace(".", r"\.")):
        clean_youth_field(name, value, today=TODAY)


def test_an_unknown_field_is_refused_and_labels_are_french():
    assert check_youth_field("salary", "1") is not None
    assert {f.label for f in YOUTH_FIELDS.values()} >= {"Prénom", "Nom", "Date de naissance", "Code postal"}
