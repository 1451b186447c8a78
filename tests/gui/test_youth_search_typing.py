"""Search as you type on the "Jeunes" list (issue 16): a keystroke searches at once while searches are fast,
waits for a pause in the typing once they are slow, and the rows shown are always those of the last text."""

from __future__ import annotations

from casefile_builders import make_staff, make_youth

from pac_desktop.domain.enums import StaffRole
from pac_desktop.gui.youths.list_page import SEARCH_DEBOUNCE_MS, SLOW_SEARCH_MS, YouthListPage

WAIT = 10_000


def _page(qtbot, services, tasks) -> YouthListPage:
    me = make_staff(services, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    for first, last in (("Léa", "Testmartin"), ("Léo", "Testmarchand"), ("Tom", "Testdurand")):
        make_youth(services, first=first, last=last, referent=me)
    page = YouthListPage(services=services, actor=me, tasks=tasks)
    qtbot.addWidget(page)
    page.show()
    page.area_shown()
    qtbot.waitUntil(lambda: page.model.loaded_once and not page.model.loading, timeout=WAIT)
    return page


def test_typing_searches_at_once_and_shows_the_last_texts_rows(qtbot, loaded_services, tasks) -> None:
    page = _page(qtbot, loaded_services, tasks)
    before = page.model.request_id
    qtbot.keyClick(page.ui.search_edit, "t")
    assert page.model.request_id == before + 1 and page.model.loading  # no wait before the search
    assert not page._debounce.isActive()
    with qtbot.waitSignal(page.results_shown, timeout=WAIT) as shown:
        qtbot.keyClicks(page.ui.search_edit, "estmar")  # each key starts a search; the older ones are dropped
    assert shown.args == [page.model.request_id]
    assert sorted(page.model.row_at(r).display_name for r in range(page.model.rowCount())) == [
        "TESTMARCHAND Léo", "TESTMARTIN Léa"]
    assert page._last_search_ms > 0


def test_while_a_slow_search_runs_keystrokes_wait(qtbot, loaded_services, tasks) -> None:
    page = _page(qtbot, loaded_services, tasks)
    page._last_search_ms = SLOW_SEARCH_MS * 10  # as if searches were slow
    before = page.model.request_id
    with qtbot.waitSignal(page.results_shown, timeout=WAIT):
        qtbot.keyClick(page.ui.search_edit, "t")  # nothing runs: the first key searches at once
        assert page.model.request_id == before + 1
        qtbot.keyClicks(page.ui.search_edit, "estd")  # a slow search runs: these wait
        assert page.model.request_id == before + 1
        assert page._debounce.isActive() and page._debounce.interval() == SEARCH_DEBOUNCE_MS
    # when the first search ended, the whole text was searched at once (no rows of "t" on the way)
    assert page.model.request_id == before + 2
    assert [page.model.row_at(r).display_name for r in range(page.model.rowCount())] == ["TESTDURAND Tom"]
