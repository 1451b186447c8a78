"""The "Jeunes" list search: accents, partial names, second words, birth dates, towns, filters, sorting, paging."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth, territory_id
from sqlalchemy import text

from pac_desktop.domain.enums import FollowUpKind, StaffRole, YouthStatus
from pac_desktop.services.youths import (
    ALL_YOUTHS,
    BirthDateTerm,
    YouthFilters,
    YouthService,
    YouthSort,
    parse_query,
)


@pytest.fixture
def world(loaded_services):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    other = make_staff(s, "Rosa", "Testautre")
    ids = {
        "lea": make_youth(s, first="Léa", last="Martin", birth=date(2008, 3, 12), town="Tarbes", referent=me),
        "jeanluc": make_youth(
            s, first="Jean-Luc", last="Le Gall", birth=date(2007, 11, 30), town="Lourdes", referent=me
        ),
        "ines": make_youth(
            s, first="Inès", last="N'Diaye", birth=date(2009, 3, 12), town="Saint-Girons", referent=other
        ),
        "oceane": make_youth(
            s, first="Océane", last="Dupré", birth=date(2008, 7, 1), town="Foix", territory="ariege", referent=other
        ),
        "lea2": make_youth(s, first="Lea", last="MARTINEZ", birth=date(2006, 1, 5), town="Pamiers", territory="ariege"),
    }
    return s, me, other, ids


def _names(page) -> list[str]:
    return [f"{r.first_name} {r.last_name}" for r in page.rows]


def _search(s, me, query="", filters=ALL_YOUTHS, **kw):
    # The search itself, across both territories of the world; who may see which youths is tested in
    # tests/privacy/test_privacy_role_denials.py (the registry's service keeps to the actor's territory).
    return YouthService(s.ctx).search(by=me, query=query, filters=filters, **kw)


def test_parse_query_tells_words_from_dates():
    terms = parse_query("  Léa-Marie 12/03/2008 d'ARC 2008 12/03 5/ ")
    assert terms.words == ("lea marie", "d arc")
    assert terms.dates == (
        BirthDateTerm(day=12, month=3, year_prefix="2008"),
        BirthDateTerm(year_prefix="2008"),
        BirthDateTerm(day=12, month=3),
        BirthDateTerm(day=5),
    )
    assert parse_query("12032008").dates == (BirthDateTerm(day=12, month=3, year_prefix="2008"),)
    assert parse_query("2008-03-12").dates == (BirthDateTerm(day=12, month=3, year_prefix="2008"),)
    assert parse_query("12/0").dates == (BirthDateTerm(day=12),)  # a month being typed
    assert parse_query("").is_empty() and parse_query("   ").is_empty()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lea", {"Léa Martin", "Lea MARTINEZ"}),  # accents ignored both ways
        ("LÉA", {"Léa Martin", "Lea MARTINEZ"}),
        ("mart", {"Léa Martin", "Lea MARTINEZ"}),  # partial last name
        ("martin", {"Léa Martin", "Lea MARTINEZ"}),
        ("martine", {"Lea MARTINEZ"}),
        ("luc", {"Jean-Luc Le Gall"}),  # second word of a compound first name
        ("jean-luc", {"Jean-Luc Le Gall"}),
        ("jean luc", {"Jean-Luc Le Gall"}),
        ("gall", {"Jean-Luc Le Gall"}),
        ("ndiaye", {"Inès N'Diaye"}),  # the apostrophe neither splits nor is required
        ("diaye", {"Inès N'Diaye"}),
        ("n'diaye", {"Inès N'Diaye"}),
        ("ines", {"Inès N'Diaye"}),
        ("oceane dupre", {"Océane Dupré"}),
        ("dupre oce", {"Océane Dupré"}),  # any order
        ("lea tarbes", {"Léa Martin"}),  # name and town
        ("girons", {"Inès N'Diaye"}),  # second word of a town
        ("saint-gi", {"Inès N'Diaye"}),
        ("foix", {"Océane Dupré"}),
        ("12/03/2008", {"Léa Martin"}),
        ("12", {"Léa Martin", "Jean-Luc Le Gall", "Inès N'Diaye", "Océane Dupré", "Lea MARTINEZ"}),  # not yet a date
        ("lea 12/", {"Léa Martin", "Lea MARTINEZ"}),
        ("12-03-2008", {"Léa Martin"}),
        ("12032008", {"Léa Martin"}),
        ("12/03", {"Léa Martin", "Inès N'Diaye"}),  # partial: day and month
        ("12/03/", {"Léa Martin", "Inès N'Diaye"}),
        ("12/03/20", {"Léa Martin", "Inès N'Diaye"}),
        ("12/03/200", {"Léa Martin", "Inès N'Diaye"}),
        ("12/03/2009", {"Inès N'Diaye"}),
        ("30/11/2007", {"Jean-Luc Le Gall"}),
        ("31/02/2008", set()),  # not a date: nothing, no error
        ("2008", {"Léa Martin", "Océane Dupré"}),  # a year
        ("lea 2006", {"Lea MARTINEZ"}),
        ("martin 12/03", {"Léa Martin"}),
        ("zzz", set()),
    ],
)
def test_search_by_name_birth_date_and_town(world, query, expected):
    s, me, _, _ = world
    page = _search(s, me, query)
    assert set(_names(page)) == expected
    assert page.total == len(expected)


def test_mine_by_default(world):
    s, me, other, ids = world
    page = s.youths.search(by=me)
    assert set(_names(page)) == {"Léa Martin", "Jean-Luc Le Gall"}
    assert all(r.referent_name == "Rémi Testreferent" for r in page.rows)
    assert set(_names(s.youths.search(by=me, query="ines"))) == set()  # not mine
    # Beyond their own youths, a referent sees their territory's (Inès), not Ariège's (Océane).
    assert set(_names(s.youths.search(by=me, query="ines", filters=ALL_YOUTHS))) == {"Inès N'Diaye"}
    assert set(_names(s.youths.search(by=me, query="oceane", filters=ALL_YOUTHS))) == set()


def test_filters(world, today):
    s, me, other, ids = world
    assert set(_names(_search(s, me, filters=YouthFilters(referent_id=other.staff_id)))) == {
        "Inès N'Diaye",
        "Océane Dupré",
    }
    ariege = territory_id(s, "ariege")
    assert set(_names(_search(s, me, filters=YouthFilters(mine=False, territory_id=ariege)))) == {
        "Océane Dupré",
        "Lea MARTINEZ",
    }
    referred = YouthFilters(mine=False, statuses=frozenset({YouthStatus.REFERRED}))
    assert _names(_search(s, me, filters=referred)) == ["Lea MARTINEZ"]

    # No contact for more than 30 days: a call yesterday takes Léa out of the list.
    quiet = YouthFilters(mine=True, no_contact_days=30)
    assert set(_names(_search(s, me, filters=quiet))) == {"Léa Martin", "Jean-Luc Le Gall"}
    s.casefile.add_follow_up(youth_id=ids["lea"], kind=FollowUpKind.CALL, occurred_on=date(2026, 3, 11), by=me)
    assert _names(_search(s, me, filters=quiet)) == ["Jean-Luc Le Gall"]
    # An absence is not a contact.
    s.casefile.add_follow_up(youth_id=ids["jeanluc"], kind=FollowUpKind.ABSENCE, occurred_on=date(2026, 3, 11), by=me)
    assert _names(_search(s, me, filters=quiet)) == ["Jean-Luc Le Gall"]


def test_outcome_due_filter(loaded_services):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    # Today is 12 March 2026. Intake on 26 December 2025: 3 months on 26 March, within 14 days.
    make_youth(s, first="Duea", last="Bientot", referent=me, intake_on=date(2025, 12, 26))
    # Intake on 27 December: due on 27 March, 15 days away: not yet.
    make_youth(s, first="Pasa", last="Encore", referent=me, intake_on=date(2025, 12, 27))
    # Intake on 30 November 2025: due on 28 February 2026 (no 30 February): overdue.
    make_youth(s, first="Retarda", last="Fevrier", referent=me, intake_on=date(2025, 11, 30))
    due = _search(s, me, filters=YouthFilters(outcome_due=True))
    assert set(_names(due)) == {"Duea Bientot", "Retarda Fevrier"}
    rows = {r.first_name: r for r in due.rows}
    assert rows["Retarda"].next_outcome_due_on == date(2026, 2, 28)
    assert rows["Duea"].next_outcome_due_on == date(2026, 3, 26)


def test_sorting_and_rows(world, today):
    s, me, _, ids = world
    by_name = _search(s, me)
    assert _names(by_name) == ["Océane Dupré", "Jean-Luc Le Gall", "Léa Martin", "Lea MARTINEZ", "Inès N'Diaye"]
    by_birth = _search(s, me, sort=YouthSort.BIRTH_DATE, descending=True)
    assert [r.birth_date for r in by_birth.rows] == sorted((r.birth_date for r in by_name.rows), reverse=True)
    youngest_first = _search(s, me, sort=YouthSort.AGE)
    assert [r.age for r in youngest_first.rows] == sorted(r.age for r in by_name.rows)
    by_town = _search(s, me, sort=YouthSort.TOWN)
    assert [r.town for r in by_town.rows] == ["Foix", "Lourdes", "Pamiers", "Saint-Girons", "Tarbes"]
    by_referent = _search(s, me, sort=YouthSort.REFERENT)
    assert [r.referent_name for r in by_referent.rows] == [
        None,  # no referent first
        "Rosa Testautre",
        "Rosa Testautre",
        "Rémi Testreferent",
        "Rémi Testreferent",
    ]
    s.casefile.add_follow_up(youth_id=ids["jeanluc"], kind=FollowUpKind.INTERVIEW, occurred_on=date(2026, 3, 1), by=me)
    by_contact = _search(s, me, sort=YouthSort.LAST_CONTACT, descending=True)
    assert by_contact.rows[0].first_name == "Jean-Luc" and by_contact.rows[0].last_contact_on == date(2026, 3, 1)
    for sort in YouthSort:  # every column sorts, both ways
        for descending in (False, True):
            assert _search(s, me, sort=sort, descending=descending).total == 5
    lea = next(r for r in by_name.rows if r.id == ids["lea"])
    assert (lea.age, lea.town, lea.territory_name, lea.status) == (18, "Tarbes", "Tarbes", YouthStatus.FOLLOWED)
    assert lea.display_name == "MARTIN Léa"


def test_paging(world):
    s, me, _, _ = world
    first = _search(s, me, limit=2)
    second = _search(s, me, limit=2, offset=2)
    third = _search(s, me, limit=2, offset=4)
    assert first.total == second.total == third.total == 5
    assert first.has_more and second.has_more and not third.has_more
    assert len({r.id for r in first.rows + second.rows + third.rows}) == 5


def test_referent_choices(world):
    s, me, other, _ = world
    assert [c.name for c in s.youths.referents()] == ["Rosa Testautre", "Rémi Testreferent"]
    make_staff(s, "Nadia", "Sansjeune", roles=(StaffRole.REFERENT,))
    assert len(s.youths.referents()) == 2  # only those who follow someone


def test_word_search_uses_the_indexes(world):
    """Every word condition is answered from an index (MULTI-INDEX OR), never by scanning the youth table."""
    from sqlalchemy import select

    from pac_desktop.services.youths import word_condition
    from pac_desktop.storage.models import Youth

    s, *_ = world
    stmt = select(Youth.id).where(word_condition("luc"))
    sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
    with s.ctx.store.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "MULTI-INDEX OR" in plan, plan
    assert "SCAN youth" not in plan, plan
    from pac_desktop.storage.youth_search import SEARCH_INDEXES

    for index in (
        "ix_youth_first_name_key",
        "ix_youth_first_name_word2",
        "ix_youth_search",
        "ix_youth_last_name_word2",
        "ix_youth_town_key",
        "ix_youth_town_word2",
        *SEARCH_INDEXES,
    ):
        assert index in plan, plan


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("12/03", "ix_youth_birthday"),
        ("12/03/2008", "ix_youth_birth_date"),
        ("2008", "ix_youth_birth_date"),
    ],
)
def test_birth_date_search_uses_an_index(world, query, index):
    from sqlalchemy import select

    from pac_desktop.services.youths import _date_condition, parse_query
    from pac_desktop.storage.models import Youth

    s, *_ = world
    (term,) = parse_query(query).dates
    sql = str(select(Youth.id).where(_date_condition(term)).compile(compile_kwargs={"literal_binds": True}))
    with s.ctx.store.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert index in plan and "SCAN youth" not in plan, plan


def test_many_matches_walk_the_list_in_order(loaded_services, monkeypatch):
    """A one-letter search over thousands of youths: counted up to the cap, the page read in name order."""
    from casefile_builders import bulk_youths

    from pac_desktop.services import youths as module

    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    bulk_youths(s, 6000)
    page = s.youths.search(by=me, query="t", filters=ALL_YOUTHS)
    assert (page.total, page.total_capped) == (module.COUNT_CAP, True) and page.has_more
    names = [r.last_name for r in page.rows]
    assert names == sorted(names, key=str.casefold) and len(names) == 100
    assert all("t" in (r.first_name + r.last_name + (r.town or "")).lower() for r in page.rows)
    second = s.youths.search(by=me, query="t", filters=ALL_YOUTHS, offset=100)
    assert not {r.id for r in page.rows} & {r.id for r in second.rows}
    assert names[-1].casefold() <= second.rows[0].last_name.casefold()
    # Fewer matches than FEW_MATCHES: the same rows in the same order, sorted from the index lookups.
    monkeypatch.setattr(module, "FEW_MATCHES", 10**9)
    monkeypatch.setattr(module, "COUNT_CAP", 10**6)
    indexed = s.youths.search(by=me, query="t", filters=ALL_YOUTHS)
    assert [r.id for r in indexed.rows] == [r.id for r in page.rows]
    assert indexed.total > 2000 and not indexed.total_capped


@pytest.mark.parametrize("descending", [False, True])
def test_many_matches_page_walks_the_name_index(world, descending):
    """The page of a broad search reads ix_youth_search in order (either way) instead of sorting every match."""
    from sqlalchemy import select

    from pac_desktop.services.youths import YouthSort, _order_by, _where
    from pac_desktop.storage.models import Youth

    s, me, *_ = world
    where = _where(parse_query("m"), ALL_YOUTHS, actor=me, today=s.ctx.today(), indexed=False)
    stmt = select(Youth.id).where(*where).order_by(*_order_by(YouthSort.NAME, descending)).limit(100)
    sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
    with s.ctx.store.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "SCAN youth USING INDEX ix_youth_search" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan.replace("RIGHT PART OF ORDER BY", ""), plan


def test_of_several_words_the_longest_goes_through_the_indexes(world):
    """« l union »: SQLite cannot tell that "l" matches half the youths and "union" a few; the search sends it
    through the indexes of the longest word and tests the others on the rows found (pac_key_match)."""
    from sqlalchemy import select

    from pac_desktop.services.youths import search_conditions
    from pac_desktop.storage.models import Youth

    s, me, *_ = world
    stmt = select(Youth.id).where(*search_conditions(parse_query("l pami")))
    sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
    assert "pac_key_match('l'," in sql and "'pami'" in sql and "pac_key_match('pami'" not in sql, sql
    with s.ctx.store.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "MULTI-INDEX OR" in plan and "SCAN youth" not in plan, plan
    # A whole birth date is narrower than any word.
    sql = str(select(Youth.id).where(*search_conditions(parse_query("martinez 05/01/2006"))).compile(
        compile_kwargs={"literal_binds": True}))
    assert "pac_key_match('martinez'," in sql, sql
    assert _names(_search(s, me, "l pami")) == ["Lea MARTINEZ"]
    assert _names(_search(s, me, "pami l")) == ["Lea MARTINEZ"]


@pytest.mark.parametrize("descending", [False, True])
def test_many_matches_in_a_territory_walk_its_own_youths_by_name(world, descending):
    """In a territory, a broad search reads ix_youth_territory_name in order, and nothing else: neither the other
    territories' youths nor a youth row (the index holds the keys the search tests)."""
    from sqlalchemy import select

    from pac_desktop.services.youths import YouthSort, _order_by, _where
    from pac_desktop.storage.models import Youth

    s, me, *_ = world
    filters = YouthFilters(mine=False, territory_id=territory_id(s, "ariege"))
    where = _where(parse_query("m"), filters, actor=me, today=s.ctx.today(), indexed=False, walk_territory=True)
    stmt = select(Youth.id).where(*where).order_by(*_order_by(YouthSort.NAME, descending)).limit(100)
    sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
    with s.ctx.store.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert plan == "SEARCH youth USING COVERING INDEX ix_youth_territory_name (territory_id=?)", plan
    page = _search(s, me, "m", filters=filters, descending=descending)
    assert _names(page) == ["Lea MARTINEZ"]


def test_a_search_as_it_is_typed_leaves_a_broad_count_for_later(loaded_services, monkeypatch):
    """``count=False`` (the list as it is typed): beyond QUICK_MATCHES the page is the same, its count says "more
    than" and is pending, and count() gives what the full search counts; few matches are counted at once."""
    from casefile_builders import bulk_youths

    from pac_desktop.services import youths as module

    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    bulk_youths(s, 400)
    make_youth(s, first="Léa", last="Martin", birth=date(2008, 3, 12), town="Tarbes", referent=me)
    monkeypatch.setattr(module, "QUICK_MATCHES", 30)
    for query, descending, offset in (("t", False, 0), ("t", True, 0), ("t", False, 100), ("1", False, 0)):
        full = s.youths.search(by=me, query=query, filters=ALL_YOUTHS, descending=descending, offset=offset)
        quick = s.youths.search(by=me, query=query, filters=ALL_YOUTHS, descending=descending, offset=offset,
                                count=False)
        assert full.total > 30 and not full.count_pending
        assert [r.id for r in quick.rows] == [r.id for r in full.rows]
        assert (quick.total, quick.total_capped, quick.count_pending) == (30, True, True)
        assert s.youths.count(by=me, query=query, filters=ALL_YOUTHS) == (full.total, full.total_capped)
    few = s.youths.search(by=me, query="Léa", filters=ALL_YOUTHS, count=False)
    assert (few.total, few.total_capped, few.count_pending) == (1, False, False)
    assert [r.last_name for r in few.rows] == ["Martin"]
