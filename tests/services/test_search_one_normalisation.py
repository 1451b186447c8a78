"""One normalisation for names and towns (issue 11): apostrophes, hyphens, spaces and punctuation neither split
nor required, every word of a compound name searchable — through the list search and the duplicate finder."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth

from pac_desktop.domain.enums import StaffRole
from pac_desktop.services.youths import ALL_YOUTHS, YouthService

YOUTHS = {
    "ndiaye": ("Inès", "N'Diaye", None),
    "oconnor": ("Sean", "O'Connor-Dupont", None),
    "nguyen": ("Thảo", "Nguyễn Thị Minh Khai", None),
    "tables": ("Bobby", "Drop;Tables", None),
    "re": ("Léo", "Testile", "Saint-Martin-de-Ré"),
}
CASES = [
    ("ndiaye", "ndiaye"), ("n'diaye", "ndiaye"), ("n diaye", "ndiaye"), ("N’Diaye", "ndiaye"), ("n-diaye", "ndiaye"),
    ("oconnor", "oconnor"), ("o'connor", "oconnor"), ("connor", "oconnor"), ("dupont", "oconnor"),
    ("oconnor-dupont", "oconnor"),
    ("khai", "nguyen"), ("minh", "nguyen"), ("nguyen thi", "nguyen"), ("nguyenthiminhkhai", "nguyen"),
    ("drop table", "tables"), ("drop;table", "tables"), ("tables", "tables"),
]
TOWN_CASES = [("martin de re", "re"), ("saintmartin", "re"), ("saint-martin-de-re", "re"), ("re", "re")]


@pytest.fixture
def world(loaded_services):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    ids = {
        key: make_youth(s, first=first, last=last, town=town or "Tarbes", birth=date(2008, 1, 1 + i), referent=me)
        for i, (key, (first, last, town)) in enumerate(YOUTHS.items())
    }
    return s, me, ids


@pytest.mark.parametrize(("query", "key"), CASES + TOWN_CASES)
def test_the_list_search_finds_the_youth(world, query, key):
    s, me, ids = world
    found = [r.id for r in YouthService(s.ctx).search(by=me, query=query, filters=ALL_YOUTHS).rows]
    assert found == [ids[key]], query


@pytest.mark.parametrize(("query", "key"), CASES)
def test_the_duplicate_finder_finds_the_youth(world, query, key):
    """The counsellor types the first name and the name as they heard it."""
    s, me, ids = world
    first = {"ndiaye": "Ines", "oconnor": "Sean", "nguyen": "Thao", "tables": "Bobby"}[key]
    candidates = s.intake.find_youth(by=me, name=f"{first} {query}")
    assert ids[key] in [c.youth_id for c in candidates], [(c.first_name, c.last_name, c.score) for c in candidates]
    assert candidates[0].youth_id == ids[key]
