"""A dropout list's import matches its lines with the duplicate finder's own rule (issue 18): the same youths
come out as strong candidates, line by line, as when a counsellor types the name before an intake.

The import applies the rule to 20,000 lines over youths loaded once (services.reperage.importing._Known); the
finder asks SQLite (services.intake.youth._find_candidates). Both narrow with near_birth_dates and the list
search's word test (storage.youth_search.key_condition in SQL, key_matches in memory) and score with
score_match: these tests hold them to the same answers.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

import pytest
from casefile_builders import make_staff, territory_id
from sqlalchemy import insert, select

from pac_desktop.demo import names
from pac_desktop.domain.enums import StaffRole, YouthStatus
from pac_desktop.domain.text import normalise
from pac_desktop.services.reperage.importing import _Known
from pac_desktop.storage.models import Youth
from pac_desktop.storage.youth_search import NAME_KEYS, key_condition, key_entries, key_matches

TRICKY = ("O'Connor-Dupont", "N'Diaye", "Nguyễn Thị Minh Khai Anh", "De La Fontaine", "Lê", "Saint-Jean d'Angély",
          "Marie-Ève", "Jean Pierre Paul Jacques Louis", "Ba", "Dupont", "El Amrani", "Test Test")


def _insert(s, people: list[tuple[str, str, date]], territory: str) -> None:
    rows = []
    for first, last, born in people:
        yid = str(uuid.uuid4())
        rows.append(dict(id=yid, case_id=yid, territory_id=territory, first_name=first, last_name=last,
                         first_name_key=normalise(first), last_name_key=normalise(last), birth_date=born,
                         town="Tarbes", town_key="tarbes", status=YouthStatus.REFERRED))
    with s.ctx.store.engine.begin() as connection:
        connection.execute(insert(Youth.__table__), rows)


def test_the_word_test_in_memory_is_the_sql_one(loaded_services):
    s = loaded_services
    tarbes = territory_id(s, "tarbes")
    _insert(s, [(first, last, date(2008, 1, 1)) for first in TRICKY for last in TRICKY[::-1]], tarbes)
    with s.ctx.read() as session:
        keys = {r.id: (r.first_name_key, r.last_name_key)
                for r in session.execute(select(Youth.id, Youth.first_name_key, Youth.last_name_key))}
    words = sorted({w[:n] for name in TRICKY for w in normalise(name).split() for n in (1, 2, 3, 5, 9)}
                   | {"oconnor", "ndiaye", "minhkhai", "connor dupont", "delafon", "zz", "khai anh", "anh"})
    for word in words:
        with s.ctx.read() as session:
            in_sql = set(session.scalars(select(Youth.id).where(key_condition(word, keys=NAME_KEYS))))
            # The same test without an index: SQLite calls key_matches (pac_key_match) on the rows.
            walked = set(session.scalars(select(Youth.id).where(key_condition(word, keys=NAME_KEYS, indexed=False))))
        in_memory = {i for i, (first, last) in keys.items() if key_matches(word, first) or key_matches(word, last)}
        assert in_memory == in_sql == walked, word
        if " " not in word:  # the import's index: a text of the key starts with the word
            by_entries = {i for i, (first, last) in keys.items()
                          if any(t.startswith(word) for t in key_entries(first) | key_entries(last))}
            assert by_entries == in_sql, word


@pytest.fixture
def population(loaded_services):
    """3,000 youths born within a year: many share a birthday, a first name, a last name."""
    s = loaded_services
    counsellor = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    rng = random.Random(18)
    firsts = [*names.FEMALE_FIRST_NAMES[:40], *names.MALE_FIRST_NAMES[:40], "Marie-Ève", "Jean Pierre"]
    lasts = [*names.LAST_NAMES[:120], "O'Connor-Dupont", "N'Diaye", "De La Fontaine"]
    people = [(rng.choice(firsts), rng.choice(lasts), date(2008, 1, 1) + timedelta(days=rng.randrange(365)))
              for _ in range(3000)]
    _insert(s, people, territory_id(s, "tarbes"))
    return s, counsellor, people, rng


def _slip(rng: random.Random, first: str, last: str, born: date) -> tuple[str, date]:
    """The name and birth date as a list may give them: another spelling, a slip, a near date, the order swapped."""
    kind = rng.randrange(6)
    if kind == 0:
        last = last.upper()
    elif kind == 1 and len(last) > 3:
        cut = rng.randrange(len(last))
        last = last[:cut] + last[cut + 1:]
    elif kind == 2:
        first = first.split("-")[0].split(" ")[0]
    elif kind == 3:
        first, last = last, first
    elif kind == 4:
        first = rng.choice(names.FEMALE_FIRST_NAMES)  # a homonym's twin: another first name
    day = rng.choice(((born,) * 4) + (born + timedelta(days=2), date(born.year, born.day, born.month)
                                      if born.day <= 12 else born - timedelta(days=1)))
    return f"{first} {last}", day


def test_the_import_finds_the_strong_candidates_the_finder_finds(population):
    s, counsellor, people, rng = population
    with s.ctx.read() as session:
        known = _Known(session)
    compared = strong = 0
    for first, last, born in rng.sample(people, 300):
        name, day = _slip(rng, first, last, born)
        finder = {c.youth_id: c.score
                  for c in s.intake.find_youth(name=name, birth_date=day, by=counsellor, limit=1000) if c.strong}
        imported = {youth_id: match.score for youth_id, match in known.strong_candidates(name, day)}
        assert imported == finder, (name, day)
        compared += 1
        strong += bool(finder)
    assert compared == 300 and 150 < strong < 300  # both kinds of line were tried
