"""The "Jeunes" list model over more youths than its count cap: QAbstractItemModelTester, lazy pages, stale results dropped."""

from __future__ import annotations

import pytest
from casefile_builders import bulk_youths, make_staff
from PySide6.QtCore import Qt

from pac_desktop.gui.roles import IdRole
from pac_desktop.gui.youths.list_model import YouthColumn, YouthListModel
from pac_desktop.services.youths import ALL_YOUTHS, COUNT_CAP, YouthFilters

# More than COUNT_CAP (2,000) so the count is capped; 100,000 live in bench/ (section search).
N = 5_000


@pytest.fixture
def big_store(loaded_services):
    me = make_staff(loaded_services, "Rémi", "Testreferent")
    bulk_youths(loaded_services, N, referent=me)
    return loaded_services, me


def _model(services, me, tasks) -> YouthListModel:
    def search(**kwargs):
        return services.youths.search(by=me, **kwargs)

    return YouthListModel(search=search, tasks=tasks, today=services.ctx.today)


def test_model_tester_with_more_rows_than_the_count_cap(qtbot, qtmodeltester, big_store, tasks):
    services, me = big_store
    model = _model(services, me, tasks)
    qtmodeltester.check(model, force_py=False)  # Qt's QAbstractItemModelTester watches every change from now on
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.set_search("", ALL_YOUTHS)
    # 5,000 matches: counted up to the cap ("plus de 2 000"), loaded 100 at a time.
    assert (model.total, model.total_capped, model.rowCount(), model.columnCount()) == (
        COUNT_CAP,
        True,
        100,
        len(YouthColumn),
    )
    for _ in range(4):  # lazy loading: the view asks for more as it scrolls (the tester asks too)
        loaded = model.rowCount()
        if model.canFetchMore():
            model.fetchMore()
        qtbot.waitUntil(lambda n=loaded: model.rowCount() > n, timeout=10_000)
    qtbot.waitUntil(lambda: model.canFetchMore(), timeout=10_000)
    assert model.rowCount() >= 500 and model.rowCount() % 100 == 0
    names = [model.index(r, YouthColumn.NAME).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=lambda n: n.split()[0].lower())
    assert len({model.index(r, 0).data(IdRole) for r in range(model.rowCount())}) == model.rowCount()

    # Sorting happens in SQL, from the first page again.
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.sort(YouthColumn.BIRTH_DATE, Qt.SortOrder.DescendingOrder)
    births = [model.row_at(r).birth_date for r in range(model.rowCount())]
    assert births == sorted(births, reverse=True) and model.rowCount() == 100

    # A search narrows the list; "mes jeunes" is the default.
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.set_search("prototype00012", ALL_YOUTHS)
    assert 1 <= model.total <= 110 and all(
        "PROTOTYPE00012" in model.row_at(r).display_name for r in range(model.rowCount())
    )
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.set_search("", YouthFilters())
    assert model.total == 40


def test_stale_results_are_dropped(qtbot, loaded_services, tasks):
    services = loaded_services
    me = make_staff(services, "Rémi", "Testreferent")
    bulk_youths(services, 3000, referent=me)
    model = _model(services, me, tasks)
    shown = []
    model.search_finished.connect(lambda page: shown.append(page.query))
    for query in ("t", "te", "tes", "test", "testa"):  # typed fast: five requests in flight
        model.set_search(query, ALL_YOUTHS)
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    tasks.wait_for_all(10_000)
    qtbot.wait(50)
    assert shown == ["testa"]  # only the newest request reached the screen
    assert all(
        model.row_at(r).first_name.lower().startswith("testa") or "testa" in model.row_at(r).last_name.lower()
        for r in range(model.rowCount())
    )


def test_scrolling_goes_on_beyond_the_capped_count(qtbot, loaded_services, tasks, monkeypatch):
    from pac_desktop.services import youths as module

    monkeypatch.setattr(module, "COUNT_CAP", 150)
    services = loaded_services
    me = make_staff(services, "Rémi", "Testreferent")
    bulk_youths(services, 400)
    model = _model(services, me, tasks)
    with qtbot.waitSignal(model.search_finished, timeout=10_000):
        model.set_search("", ALL_YOUTHS)
    assert (model.total, model.total_capped) == (150, True)
    while model.canFetchMore():
        loaded = model.rowCount()
        model.fetchMore()
        qtbot.waitUntil(lambda n=loaded: model.rowCount() > n or not model.canFetchMore(), timeout=10_000)
        qtbot.waitUntil(lambda: model._fetching is None, timeout=10_000)
    assert model.rowCount() == 400  # every youth reachable by scrolling, though counted only to 150


def test_a_broad_search_shows_its_rows_at_once_and_its_count_once_the_typing_pauses(qtbot, loaded_services, tasks,
                                                                                  monkeypatch):
    """Issue 16: as it is typed, a search by name stops counting at QUICK_MATCHES (« Plus de 30 jeunes »); the
    exact count is asked for once the typing pauses, and a keystroke before then asks for none."""
    from pac_desktop.gui.youths.list_page import YouthListPage
    from pac_desktop.services import youths as module

    monkeypatch.setattr(module, "QUICK_MATCHES", 30)
    services = loaded_services
    me = make_staff(services, "Rémi", "Testreferent")
    bulk_youths(services, 400)
    full = services.youths.search(by=me, query="t", filters=ALL_YOUTHS)
    asked: list[str] = []
    count = services.youths.count

    def counting(**kwargs):
        asked.append(kwargs["query"])
        return count(**kwargs)

    monkeypatch.setattr(services.youths, "count", counting)
    page = YouthListPage(services=services, actor=me, tasks=tasks)
    qtbot.addWidget(page)
    page.ui.scope_combo.setCurrentIndex(page.ui.scope_combo.findData("all"))
    with qtbot.waitSignal(page.results_shown, timeout=10_000):
        page.ui.search_edit.setText("t")
    assert [page.model.row_at(r).id for r in range(page.model.rowCount())] == [r.id for r in full.rows]
    assert page.ui.count_label.text().startswith("Plus de 30 jeunes") and page.model.count_pending
    with qtbot.waitSignal(page.results_shown, timeout=10_000):
        page.ui.search_edit.setText("te")  # before the pause: the count of "t" is never asked for
    with qtbot.waitSignal(page.model.count_settled, timeout=10_000):
        pass
    expected = services.youths.search(by=me, query="te", filters=ALL_YOUTHS)
    assert asked == ["te"] and not page.model.count_pending
    assert page.ui.count_label.text().startswith(
        ("Plus de " if expected.total_capped else "") + f"{expected.total} jeunes")
