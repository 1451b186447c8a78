"""Bench section "autosave": the intake wizard's autosave and step changes, with 100,000 youths in the store.

In one run, on one store of ``youths`` fictitious youths made by the demo generator:

- ``bare_commit``: one UPDATE and COMMIT on a raw sqlite3 connection, WAL and synchronous=FULL like the store,
  in a file beside it — the floor any durable save pays (an fsync);
- ``save_field``: ``IntakeService.save_field`` of the shared diagnosis growing as it is typed (one unit of work:
  read the intake, write it and its outbox entry, commit);
- ``save_note``: ``IntakeService.save_note`` — a new note, then its edits;
- ``autosave_roundtrip``: the wizard's Autosaver, from ``submit`` on the UI thread to the ``saved`` signal back
  on it (the db_write lane and the cross-thread delivery included);
- ``step_change_ui``: the time the UI thread spends in ``IntakeWizard.go_to`` (page switch, flush, queueing),
  wall clock and (``step_change_ui_cpu``) the thread's own CPU time, which leaves out waits for the GIL;
- ``step_change_ready``: from ``go_to`` to the step's write done and the detail read again and shown
  (``detail_refreshed``), i.e. until every mark and list on the page is up to date;
- ``find_youth``: the duplicate search before creating a file (indexed prefilter + rapidfuzz).

``python -m bench --only autosave`` runs it in the bench table, on a copy of the (encrypted) bench store;
``python -m bench.section_autosave [--youths N] [--saves N]`` runs it alone on a fresh plain store, prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
import warnings
from datetime import date
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
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(pick(0.95) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "n": len(ordered),
    }


def _bare_commits(folder: Path, n: int) -> list[float]:
    path = folder / "bare.sqlite3"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    con.execute("INSERT OR REPLACE INTO t VALUES (1, '')")
    samples = []
    for i in range(n):
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE t SET v = ? WHERE id = 1", (f"diagnostic {i}",))
        con.execute("COMMIT")
        samples.append(time.perf_counter() - t)
    con.close()
    return samples


def _wait(signal: Any, timeout_ms: int = 30_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def measure(services: Any, folder: Path, *, saves: int = 300, seed: int = 2026) -> dict[str, Any]:
    """The section's figures on ``services`` (a store this section may write to), as the demo counsellor."""
    from functools import partial

    from PySide6.QtWidgets import QApplication

    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD
    from pac_desktop.domain.enums import AnalysisSection
    from pac_desktop.gui.intake.wizard import IntakeWizard
    from pac_desktop.gui.tasks import TaskRunner
    from pac_desktop.services.intake import IntakeStep

    app = QApplication.instance() or QApplication([])
    rng = random.Random(seed)
    actor = services.staff.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
    intake = services.intake
    youths = sum(t.youths for t in services.stats.by_territory())
    open_lines = intake.open_intakes(by=actor, limit=youths)
    stage_1 = [line.intake_id for line in open_lines if line.state.value == "stage_1"]
    intake_id = stage_1[0] if stage_1 else open_lines[0].intake_id
    if not stage_1:
        intake.begin(intake_id=intake_id, by=actor)
    detail = intake.intake_detail(intake_id=intake_id, by=actor)
    author = detail.present_counsellors[0].staff_id
    results: dict[str, Any] = {"youths": youths, "saves": saves}

    # ---- the floor and the service, interleaved so both see the same disk and load
    bare: list[float] = []
    fields: list[float] = []
    notes: list[float] = []
    note_id = str(uuid.uuid4())
    text = ""
    words = "le jeune explique qu'il a quitté le lycée en décembre après des absences".split()
    for i in range(saves):
        bare += _bare_commits(folder, 1)
        text += rng.choice(words) + " "
        t = time.perf_counter()
        intake.save_field(intake_id=intake_id, field="intake.shared_diagnosis", value=text, by=actor)
        fields.append(time.perf_counter() - t)
        if i % 20 == 0:
            note_id = str(uuid.uuid4())  # a new note now and then: the insert path too
        t = time.perf_counter()
        intake.save_note(
            intake_id=intake_id,
            note_id=note_id,
            section=AnalysisSection.SCHOOLING,
            author_staff_id=author,
            text=text,
            by=actor,
        )
        notes.append(time.perf_counter() - t)
    results["bare_commit"] = _percentiles(bare)
    results["save_field"] = _percentiles(fields)
    results["save_note"] = _percentiles(notes)

    # ---- through the GUI machinery: Autosaver round trip, step changes
    tasks = TaskRunner()
    wizard = IntakeWizard(service=intake, actor=actor, tasks=tasks)
    wizard.resize(1366, 768)
    wizard.show()
    wizard.open_intake(intake_id)
    _wait(wizard.intake_loaded)
    roundtrip: list[float] = []
    for i in range(min(saves, 200)):
        fn = partial(
            intake.save_field,
            intake_id=intake_id,
            field="intake.next_appointment_place",
            value=f"Mission Locale, bureau {i}",
            by=actor,
        )
        t = time.perf_counter()
        wizard.autosaver.submit("bench", fn)
        _wait(wizard.autosaver.saved)
        roundtrip.append(time.perf_counter() - t)
    results["autosave_roundtrip"] = _percentiles(roundtrip)

    steps = [s for s in IntakeStep if s != IntakeStep.VALIDATION]
    ui_time: list[float] = []
    ui_cpu: list[float] = []
    ready: list[float] = []
    for i in range(60):
        step = steps[(i + 1) % len(steps)]
        t, c = time.perf_counter(), time.thread_time()
        wizard.go_to(step)
        ui_time.append(time.perf_counter() - t)
        ui_cpu.append(time.thread_time() - c)  # the UI thread's own work, without waits for the GIL
        _wait(wizard.detail_refreshed)
        ready.append(time.perf_counter() - t)
        tasks.wait_for_all(30_000)  # the page's own lists loaded too, before the next step
        app.processEvents()
    results["step_change_ui"] = _percentiles(ui_time)
    results["step_change_ui_cpu"] = _percentiles(ui_cpu)
    results["step_change_ready"] = _percentiles(ready)
    wizard.close()
    tasks.wait_for_all(30_000)
    app.processEvents()

    # ---- the duplicate search on the same store
    from sqlalchemy import func, select

    from pac_desktop.storage.models import Youth

    with services.ctx.read() as session:
        sample = session.execute(
            select(Youth.first_name, Youth.last_name, Youth.birth_date).order_by(func.random()).limit(100)
        ).all()
    found: list[float] = []
    for first, last, birth in sample:
        t = time.perf_counter()
        intake.find_youth(name=f"{last} {first}", birth_date=birth, by=actor)
        found.append(time.perf_counter() - t)
    results["find_youth"] = _percentiles(found)
    return results


def run(*, youths: int = 100_000, saves: int = 300, seed: int = 2026, work_dir: Path | None = None) -> dict[str, Any]:
    """Standalone: a fresh plain store of ``youths`` demo youths, then :func:`measure`."""
    warnings.simplefilter("ignore")  # SQLAlchemy's note about the expression indexes it cannot reflect
    from pac_desktop.demo import DemoDataService
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        folder = Path(tmp)
        store = open_store(folder / "data")
        try:
            services = Services.build(store, today=lambda: date(2026, 3, 12))
            started = time.perf_counter()
            DemoDataService(services.ctx).generate(youths=youths, seed=seed)
            generated_s = time.perf_counter() - started
            results = measure(services, folder, saves=saves, seed=seed)
            results["generated_s"] = round(generated_s, 1)
            return results
        finally:
            store.engine.dispose()


@section("autosave", order=60)
def autosave(ctx: BenchContext) -> list[Any]:
    """The intake wizard's autosave and step changes, on a copy of the bench store (this section writes)."""
    data_dir = ctx.copy_store("autosave")
    with ctx.services(data_dir=data_dir, today=lambda: ctx.made_on or date.today()) as services:
        return rows(measure(services, data_dir.parent))


def rows(results: dict[str, Any]) -> list[Any]:
    """The section as bench table rows (bench.core.Row)."""
    from bench.core import Row

    bare = results["bare_commit"]
    out = []
    for key, label in (
        ("save_field", "autosave of a field (service, one commit)"),
        ("save_note", "autosave of a note (service, one commit)"),
        ("autosave_roundtrip", "autosave round trip through the db_write lane"),
    ):
        r = results[key]
        for q in ("p50_ms", "p95_ms"):
            out.append(
                Row(
                    f"{label}, {q[:3]}",
                    r[q],
                    "ms",
                    f"bare WAL commit {q[:3]}: {bare[q]} ms",
                    round(r[q] / bare[q], 1) if bare[q] else None,
                    f"{results['youths']:,} youths in the store",
                )
            )
    for key, label, reference in (
        ("step_change_ui", "wizard step change, UI thread (wall)", "one frame: 16 ms"),
        ("step_change_ui_cpu", "wizard step change, UI thread (CPU)", "one frame: 16 ms"),
        ("step_change_ready", "wizard step change until the page is up to date", "off the UI thread"),
        ("find_youth", "duplicate search before creating a file", "off the UI thread"),
    ):
        r = results[key]
        out.append(
            Row(
                f"{label}, p50 / p95",
                f"{r['p50_ms']} / {r['p95_ms']}",
                "ms",
                reference,
                None,
                f"{results['youths']:,} youths in the store",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args(argv)
    print(json.dumps(run(youths=args.youths, saves=args.saves), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
