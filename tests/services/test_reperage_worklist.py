"""The Repérage worklist (issue 18 §2): a territory's youths not yet met, with who contacts them, their tries, the
next action and the outcome; searched like the Jeunes list, filtered, sorted, paged; another territory sees nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import delete, event, select

from pac_desktop.domain.enums import StaffRole, YouthStatus
from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.domain.reperage import ContactChannel, ContactOutcome
from pac_desktop.services.reperage import OutcomeFilter, WorklistFilters, WorklistSort
from pac_desktop.storage.models import ContactAttempt, ContactSummary
from pac_desktop.storage.outbox import tombstone

TODAY = date(2026, 3, 12)  # conftest's day


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def territory(loaded_services):
    s = loaded_services
    counsellor = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    referent = make_staff(s, "Rémi", "Testreferent")
    elsewhere = make_staff(s, "Paul", "Testariege", org="cio-ariege", roles=(StaffRole.COUNSELLOR,))
    towns = ("Tarbes", "Lourdes", "Bagnères-de-Bigorre")
    youths = [
        make_youth(s, first=f"Prénom{i:02d}", last=f"Testrepere{i:02d}", town=towns[i % 3],
                   birth=date(2007 + i % 3, 1 + i % 12, 1 + i % 28))
        for i in range(36)
    ]
    # Already met: not on the worklist, whatever their tries.
    followed = make_youth(s, first="Léo", last="Testsuivi", referent=referent, intake_on=date(2026, 2, 2))
    in_intake = make_youth(s, first="Lou", last="Testaccueil", status=YouthStatus.IN_INTAKE)
    make_youth(s, first="Max", last="Testariege", territory="ariege")  # another territory's
    return s, counsellor, referent, elsewhere, youths, (followed, in_intake)


def _try(s, youth, by, day, **kw):
    return s.contacts.record_attempt(youth_id=youth, channel=kw.pop("channel", ContactChannel.CALL),
                                     attempted_at=_at(day), by=by, **kw)


def test_the_worklist_holds_the_territorys_youths_not_yet_met_with_their_tries(territory):
    s, counsellor, referent, _elsewhere, youths, met = territory
    a, b, c = youths[:3]
    s.contacts.assign(youth_ids=[a, b], staff_id=counsellor.staff_id, by=referent)
    _try(s, a, counsellor, 2, reached=False, next_action="Rappeler", next_action_due=date(2026, 3, 5))
    _try(s, a, referent, 6, channel=ContactChannel.LETTER, next_action="Visite", next_action_due=date(2026, 3, 20))
    _try(s, b, counsellor, 3, reached=True, outcome=ContactOutcome.DECLINED, answer="Ne souhaite pas.")
    _try(s, c, counsellor, 4, reached=False, next_action="Rappeler", next_action_due=date(2026, 3, 9))

    page = s.worklist.search(by=counsellor, filters=WorklistFilters(state=OutcomeFilter.ALL), limit=1000)
    assert page.total == 36 and len(page.rows) == 36  # the 36 « repéré », not the youths met, not Ariège's
    ids = {r.id for r in page.rows}
    assert not ids & set(met)
    row = {r.id: r for r in page.rows}
    assert (row[a].attempts, row[a].last_attempt_at, row[a].last_channel) == (2, _at(6), ContactChannel.LETTER)
    assert (row[a].next_action, row[a].next_action_due, row[a].outcome) == ("Visite", date(2026, 3, 20), None)
    assert row[a].contact_staff_name == "Inès Testconseil" and not row[a].overdue(TODAY)
    assert (row[b].attempts, row[b].outcome, row[b].last_reached) == (1, ContactOutcome.DECLINED, True)
    assert row[c].overdue(TODAY) and row[c].contact_staff_id is None
    assert row[youths[5]].attempts == 0 and row[youths[5]].last_attempt_at is None

    # By default the open repérages only: the declined youth is gone.
    open_ids = {r.id for r in s.worklist.search(by=counsellor, limit=1000).rows}
    assert b not in open_ids and len(open_ids) == 35
    # Filters: « à moi », overdue next action, one outcome.
    mine = s.worklist.search(by=counsellor, filters=WorklistFilters(mine=True))
    assert [r.id for r in mine.rows] == [a]
    assert [r.id for r in s.worklist.search(by=referent, filters=WorklistFilters(mine=True)).rows] == []
    assert [r.id for r in s.worklist.search(by=referent, filters=WorklistFilters(overdue=True)).rows] == [c]
    declined = s.worklist.search(by=referent, filters=WorklistFilters(outcome=ContactOutcome.DECLINED))
    assert [r.id for r in declined.rows] == [b]


def test_search_sort_and_pages(territory):
    s, counsellor, _referent, _elsewhere, youths, _met = territory
    _try(s, youths[7], counsellor, 2, next_action="Rappeler", next_action_due=date(2026, 3, 8))
    _try(s, youths[4], counsellor, 3, next_action="Rappeler", next_action_due=date(2026, 3, 4))
    _try(s, youths[9], counsellor, 5)
    _try(s, youths[9], counsellor, 6)
    # The Jeunes list's search: a name's start, a town's word, a birth year.
    assert [r.last_name for r in s.worklist.search(by=counsellor, query="testrepere07").rows] == ["Testrepere07"]
    bigorre = s.worklist.search(by=counsellor, query="bigorre", limit=1000)
    assert bigorre.total == 12 and {r.town for r in bigorre.rows} == {"Bagnères-de-Bigorre"}
    assert s.worklist.search(by=counsellor, query="bagneres 2009").total == 12
    assert s.worklist.search(by=counsellor, query="lourdes 2009").total == 0
    # Sorted by next action due: the earliest first, the youths without one after.
    by_due = s.worklist.search(by=counsellor, sort=WorklistSort.NEXT_DUE, limit=3)
    assert [r.id for r in by_due.rows[:2]] == [youths[4], youths[7]] and by_due.rows[2].next_action_due is None
    most_tries = s.worklist.search(by=counsellor, sort=WorklistSort.ATTEMPTS, descending=True, limit=1)
    assert most_tries.rows[0].id == youths[9] and most_tries.rows[0].attempts == 2
    # Pages in name order, none overlapping, all there.
    seen: list[str] = []
    offset = 0
    while True:
        page = s.worklist.search(by=counsellor, sort=WorklistSort.NAME, offset=offset, limit=10)
        seen += [r.last_name for r in page.rows]
        if not page.has_more:
            break
        offset += 10
    assert seen == sorted(f"Testrepere{i:02d}" for i in range(36))


def test_another_territory_sees_nothing(territory):
    s, counsellor, _referent, elsewhere, youths, _met = territory
    _try(s, youths[0], counsellor, 2)
    own = s.worklist.search(by=elsewhere)  # their own territory: only Ariège's youth
    assert [r.last_name for r in own.rows] == ["Testariege"]
    with pytest.raises(PermissionDenied):
        s.worklist.search(by=elsewhere, filters=WorklistFilters(territory_id=counsellor.territory_id))


def _summary_rows(s) -> dict[str, tuple]:
    with s.ctx.read() as session:
        return {r.youth_id: (r.attempts, r.attempt_id, r.outcome)
                for r in session.scalars(select(ContactSummary))}


def _recomputed(s) -> dict[str, tuple]:
    """What the summary must hold, computed from the attempts themselves."""
    with s.ctx.read() as session:
        attempts = session.scalars(select(ContactAttempt).where(ContactAttempt.deleted_at.is_(None))).all()
    by_youth: dict[str, list[ContactAttempt]] = {}
    for a in attempts:
        by_youth.setdefault(a.youth_id, []).append(a)
    return {y: (len(rows), max(rows, key=lambda a: (a.attempted_at, a.id)).id,
                max(rows, key=lambda a: (a.attempted_at, a.id)).outcome) for y, rows in by_youth.items()}


def test_each_youths_newest_try_follows_every_write_of_their_attempts(territory):
    """contact_summary is kept by triggers: an attempt added, redated, moved to another youth, tombstoned or
    deleted outright changes the worklist line at once."""
    s, counsellor, _referent, _elsewhere, youths, _met = territory
    a, b = youths[:2]
    first = _try(s, a, counsellor, 2, next_action="Rappeler", next_action_due=date(2026, 3, 5))
    second = _try(s, a, counsellor, 6, outcome=ContactOutcome.UNREACHABLE)
    assert _summary_rows(s) == _recomputed(s) == {a: (2, second, ContactOutcome.UNREACHABLE)}

    def line(youth):
        page = s.worklist.search(by=counsellor, filters=WorklistFilters(state=OutcomeFilter.ALL), limit=1000)
        return next(r for r in page.rows if r.id == youth)

    with s.ctx.write(counsellor) as session:  # the closing try was noted on the wrong day: before the first
        session.get(ContactAttempt, second).attempted_at = _at(1)
    assert (line(a).attempts, line(a).next_action, line(a).outcome) == (2, "Rappeler", None)
    with s.ctx.write(counsellor) as session:  # …and on the wrong youth
        session.get(ContactAttempt, second).youth_id = b
    assert _summary_rows(s) == _recomputed(s)
    assert (line(a).attempts, line(b).attempts, line(b).outcome) == (1, 1, ContactOutcome.UNREACHABLE)
    with s.ctx.write(counsellor) as session:
        tombstone(session.get(ContactAttempt, first))
    assert (line(a).attempts, line(a).last_attempt_at, line(a).next_action) == (0, None, None)
    assert a not in _summary_rows(s)
    with s.ctx.write(counsellor) as session:  # deleted outright (a file purged)
        session.execute(delete(ContactAttempt).where(ContactAttempt.id == second))
    assert _summary_rows(s) == _recomputed(s) == {}
    assert line(b).attempts == 0


def test_the_worklist_reads_indexes_only(territory):
    """EXPLAIN QUERY PLAN: the territory's youths come from ix_youth_worklist (or the search's indexes), their
    newest try from contact_summary's primary key; no table is scanned, whatever the filter and the sort."""
    s, counsellor, *_ = territory
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        if statement.lstrip().upper().startswith("SELECT") and "contact_summary" in statement:
            statements.append((statement, parameters))

    engine = s.ctx.store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        for sort in WorklistSort:
            s.worklist.search(by=counsellor, sort=sort)
        s.worklist.search(by=counsellor, filters=WorklistFilters(mine=True, overdue=True))
        s.worklist.search(by=counsellor, filters=WorklistFilters(outcome=ContactOutcome.DECLINED))
        s.worklist.search(by=counsellor, query="lourdes 2008")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements
    with engine.connect() as conn:
        for statement, parameters in statements:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            assert not any(p.startswith("SCAN") for p in plan), plan
            assert plan[0].startswith(("SEARCH youth USING", "MULTI-INDEX OR")), plan
            assert not any("contact_summary" in p and "PRIMARY KEY" not in p for p in plan), plan
