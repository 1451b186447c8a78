"""Bench section "search": search as you type over 100,000 youths, from a keystroke to an updated list.

On the bench store (``youths`` fictitious youths made by the demo generator: French names with accents,
hyphens and apostrophes, towns, birth dates), typing sequences built from the youths themselves: last-name
prefixes, "first name + last name", towns and birth dates (JJ/MM/AAAA), one character at a time. For every
keystroke, in the same run:

- ``sql``: the statements the service runs for that text — the capped count, then the page of ids read as
  the service reads it — compiled beforehand and run on the store's raw DB-API connection (the floor);
- ``service``: ``YouthService.search`` (SQL + the page's light details + Python), as the list's worker runs it:
  with ``count=False``, so a broad search by name stops counting at 500 (since stop 27);
- ``count``: ``YouthService.count``, the exact count the list asks for once the typing pauses (not on the
  keystroke's path; shown for what it costs);
- ``model``: the real ``YouthListModel`` through ``run_task`` (lane db_read), from ``set_search`` to the
  rows on the model (cross-thread delivery included);
- ``keystroke``: the real "Jeunes" page offscreen, from the key press in the search field to the updated list
  (a keystroke searches at once while searches are fast: no fixed debounce since issue 16).

Scopes: ``all`` (every youth of the store, the worst case) and ``mine`` (the default "mes jeunes").
``python -m bench --only search`` runs it in the bench table; ``python -m bench.section_search [--youths N]``
runs it alone on a fresh plain store and prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.core import BenchContext
from bench.sections import section

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(pick(0.95) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


def _typing_sequences(services: Any, rng: random.Random, count: int, territory_id: str) -> list[str]:
    """Texts a counsellor would type, drawn from the youths of their territory."""
    from sqlalchemy import select

    from pac_desktop.storage.models import Youth

    with services.ctx.read() as session:  # drawn by the seeded rng (SQL's random() gave other texts each run)
        youths = session.execute(
            select(Youth.first_name, Youth.last_name, Youth.town, Youth.birth_date)
            .where(Youth.territory_id == territory_id)
            .order_by(Youth.id)
        ).all()
    rows = rng.sample(youths, min(count, len(youths)))
    from pac_desktop.domain.text import normalise

    texts: list[str] = []
    for i, (first, last, town, birth) in enumerate(rows):
        # Typed without accents, as most people do (and QTest types ASCII only); the search ignores them anyway.
        first, last, town = normalise(first), normalise(last), normalise(town or last)
        kind = i % 4
        if kind == 0:
            texts.append(last[:7])
        elif kind == 1:
            texts.append(f"{first} {last[:3]}")
        elif kind == 2:
            texts.append(town[:8])
        else:
            texts.append(birth.strftime("%d/%m/%Y"))
    return [t for t in texts if t.isascii()]


def _bare_sql(services: Any, by: Any, filters: Any) -> tuple[Callable[[str], Any], Callable[[Any], None]]:
    """The service's statements for a text, compiled ahead (not timed), run on the raw DB-API connection (timed),
    as the service runs them when sorting by name: the matches with their names up to the cap (a capped count
    when nothing is typed); when they are many, the page of ids read by walking the territory's youths by name."""
    from sqlalchemy import func, select
    from sqlalchemy.dialects import sqlite

    from pac_desktop.services import youths as module
    from pac_desktop.services.youths import YouthSort, _order_by, _where, parse_query
    from pac_desktop.storage.models import Youth

    connection = services.ctx.store.engine.raw_connection()  # the DB-API connection (SQLCipher's, keyed)
    today = services.ctx.today()
    dialect = sqlite.dialect()

    def sql(statement: Any) -> str:
        return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))

    def prepare(text: str) -> tuple[str, str, bool]:
        terms = parse_query(text)
        where = _where(terms, filters, actor=by, today=today)
        if terms.is_empty():
            matches = select(func.count()).select_from(
                select(Youth.id).where(*where).limit(module.COUNT_CAP + 1).subquery())
        else:
            matches = select(Youth.id, Youth.last_name_key, Youth.first_name_key).where(*where).limit(
                module.COUNT_CAP + 1)
        walking = _where(terms, filters, actor=by, today=today, indexed=False, walk_territory=True)
        page = select(Youth.id).where(*walking).order_by(*_order_by(YouthSort.NAME, False)).limit(100)
        return sql(matches), sql(page), terms.is_empty()

    def execute(prepared: tuple[str, str, bool]) -> None:
        matches_sql, page, empty = prepared
        cursor = connection.cursor()
        found = cursor.execute(matches_sql).fetchall()
        matches = found[0][0] if empty else len(found)
        if empty or matches > module.FEW_MATCHES:
            cursor.execute(page).fetchall()
        cursor.close()

    return prepare, execute


def _wait(signal: Any, timeout_ms: int = 30_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def measure(services: Any, *, sequences: int = 24, seed: int = 4) -> dict[str, Any]:
    """Percentiles per layer and scope, on ``services`` (read only), as the demo referent."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD
    from pac_desktop.gui.tasks import TaskRunner
    from pac_desktop.gui.youths.list_model import YouthListModel
    from pac_desktop.gui.youths.list_page import SEARCH_DEBOUNCE_MS, YouthListPage
    from pac_desktop.services.youths import YouthFilters

    app = QApplication.instance() or QApplication([])
    rng = random.Random(seed)
    actor = services.staff.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
    texts = _typing_sequences(services, rng, sequences, actor.territory_id)
    keystrokes = [text[: i + 1] for text in texts for i in range(len(text))]
    tasks = TaskRunner()
    results: dict[str, Any] = {
        "typing_sequences": len(texts),
        "keystrokes": len(keystrokes),
        "debounce_ms": SEARCH_DEBOUNCE_MS,
    }
    # "all": every youth a counsellor may list, i.e. their territory's (issue 7: the service keeps to it).
    territory_filter = YouthFilters(mine=False, territory_id=actor.territory_id)
    from sqlalchemy import func, select

    from pac_desktop.storage.models import Youth

    with services.ctx.read() as session:  # the list caps its own count at 2,000
        results["territory_youths"] = session.scalar(
            select(func.count()).select_from(Youth).where(Youth.territory_id == actor.territory_id)
        )
    for scope, filters in (("all", territory_filter), ("mine", YouthFilters())):
        prepare, execute = _bare_sql(services, actor, filters)
        timings: dict[str, list[float]] = {"sql": [], "service": [], "count": [], "model": [], "keystroke": []}
        for text in keystrokes:
            prepared = prepare(text)
            t = time.perf_counter()
            execute(prepared)
            timings["sql"].append(time.perf_counter() - t)
            t = time.perf_counter()
            services.youths.search(by=actor, query=text, filters=filters, count=False)
            timings["service"].append(time.perf_counter() - t)
            t = time.perf_counter()
            services.youths.count(by=actor, query=text, filters=filters)
            timings["count"].append(time.perf_counter() - t)

        model = YouthListModel(
            search=lambda **kw: services.youths.search(by=actor, **kw), tasks=tasks, today=services.ctx.today,
            count=lambda **kw: services.youths.count(by=actor, **kw),
        )
        for text in keystrokes:
            t = time.perf_counter()
            model.set_search(text, filters)
            _wait(model.search_finished)
            timings["model"].append(time.perf_counter() - t)

        page = YouthListPage(services=services, actor=actor, tasks=tasks)
        page.resize(1366, 768)
        page.show()
        page.ui.scope_combo.blockSignals(True)
        page.ui.scope_combo.setCurrentIndex(0 if scope == "mine" else 1)
        page.ui.scope_combo.blockSignals(False)
        page.run_search()
        _wait(page.results_shown)
        for text in texts:
            if page.ui.search_edit.text():
                page.ui.search_edit.clear()
                _wait(page.results_shown)
            for char in text:
                t = time.perf_counter()
                QTest.keyClick(page.ui.search_edit, char, Qt.KeyboardModifier.NoModifier)
                _wait(page.results_shown)
                timings["keystroke"].append(time.perf_counter() - t)
        page.close()
        page.deleteLater()
        results[scope] = {layer: _percentiles(samples) for layer, samples in timings.items()}
    tasks.wait_for_all(30_000)
    app.processEvents()
    return results


LAYERS = {
    "keystroke": "keystroke → updated list (page)",
    "model": "list model (run_task → rows on the model)",
    "service": "service call (YouthService.search, as typed)",
    "count": "exact count once the typing pauses (YouthService.count)",
    "sql": "bare SQL (capped count + page of ids, raw connection)",
}


def rows(results: dict[str, Any], *, youths: int) -> list[Any]:
    from bench.core import Row

    out = []
    in_territory = results.get("territory_youths", youths)
    for scope, scope_label in (("all", f"the territory's {in_territory:,} youths, of {youths:,}"),
                               ("mine", "mes jeunes")):
        sql = results[scope]["sql"]
        for layer, label in LAYERS.items():
            figures = results[scope][layer]
            floor = sql["p50_ms"]
            floor_text = ""
            out.append(
                Row(
                    f"search ({scope_label}): {label}, p50",
                    figures["p50_ms"],
                    "ms",
                    "" if layer == "sql" else f"{floor_text}bare SQL p50 {sql['p50_ms']} ms",
                    None if layer == "sql" or not floor else round(figures["p50_ms"] / floor, 2),
                    f"p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms, {figures['n']} keystrokes",
                )
            )
    out.append(
        Row("search: longest wait before a search runs", results["debounce_ms"], "ms",
            notes="only while a search slower than typing runs; none otherwise")
    )
    return out


@section("search", order=50)
def search_section(ctx: BenchContext) -> list[Any]:
    """Search as you type over the bench store, as the demo referent."""
    today = (lambda: ctx.made_on) if ctx.made_on else None
    with ctx.services(today=today) as services:
        results = measure(services, seed=ctx.seed)
    return rows(results, youths=ctx.youths)


def run(*, youths: int = 100_000, sequences: int = 24, seed: int = 4, work_dir: Path | None = None) -> dict[str, Any]:
    """Alone, on a fresh plain store of ``youths`` demo youths (``python -m bench.section_search``)."""
    warnings.simplefilter("ignore")  # SQLAlchemy's note about the expression indexes it cannot reflect
    from pac_desktop.demo import DemoDataService
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        store = open_store(Path(tmp))
        try:
            services = Services.build(store)
            started = time.perf_counter()
            report = DemoDataService(services.ctx).generate(youths=youths, seed=seed)
            results = {
                "youths": youths,
                "store_rows": report.rows,
                "generated_s": round(time.perf_counter() - started, 1),
            }
            results.update(measure(services, sequences=sequences, seed=seed))
        finally:
            store.engine.dispose()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--sequences", type=int, default=24)
    args = parser.parse_args(argv)
    print(json.dumps(run(youths=args.youths, sequences=args.sequences), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
