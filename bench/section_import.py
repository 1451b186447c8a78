"""Bench section "import": a dropout list of 20,000 lines imported into a store of 100,000 youths (issue 18 §1).

On a fresh plain store: ``youths`` fictitious youths (the demo's first and last names, « Test… », birth dates
over six years: homonyms and shared birthdays as in a real store). The list (``pac_desktop.demo.dropout_list``):
``lines`` lines with accents and empty cells, 10 % of them youths already in the store (their name written in
capitals or without its accents: the file enriches them), 1.5 % the same youth twice in the file, 1 % with an
impossible birth date. Measured in the same run:

- ``preview``: ``ImportService.preview`` (read, check, match every line with the known youths; writes nothing);
- ``import``: ``ImportService.run`` on a copy of the store (the same, plus the youths and referrals written and
  the audit, in one unit of work; the lines in error left out);
- ``bare``: the floor — the same file read with ``csv.reader`` and its rows inserted with one bare
  ``executemany`` into a copy of the youth table, no check, no matching.

``python -m bench --only import`` runs it in the bench table (``--youths`` sets the store's size);
``python -m bench.section_import [--youths N] [--lines N] [--profile]`` alone, printing JSON (``--profile``: the
top of cProfile for the preview, on stderr).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

TODAY = date(2026, 3, 12)
KNOWN_SHARE, REPEATED_SHARE, BAD_SHARE = 0.10, 0.015, 0.01


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _fill(services: Any, youths: int, seed: int) -> tuple[str, Any, list[dict[str, Any]]]:
    """The store's youths (one bare insert), a counsellor; the youths' (name, birth date) for the list."""
    from sqlalchemy import insert, select

    from pac_desktop.demo import names
    from pac_desktop.domain.enums import StaffRole, YouthStatus
    from pac_desktop.domain.text import normalise
    from pac_desktop.storage.models import Territory, Youth

    services.reference.load()
    services.staff.add(first_name="Inès", last_name="Testconseil", organisation_code="cio-tarbes",
                       roles=(StaffRole.COUNSELLOR,), caseload_cap=50, login="bench.import",
                       password="mot-de-passe-de-bench")
    with services.ctx.read() as session:
        tarbes = session.scalar(select(Territory.id).where(Territory.code == "tarbes"))
    rng = random.Random(seed)
    firsts = names.FEMALE_FIRST_NAMES + names.MALE_FIRST_NAMES
    rows = []
    for _ in range(youths):
        yid = str(uuid.uuid4())
        first = rng.choice(firsts)
        last = "Test" + rng.choice(names.LAST_NAMES).lower().replace(" ", "")
        rows.append(dict(id=yid, case_id=yid, territory_id=tarbes, first_name=first, last_name=last,
                         first_name_key=normalise(first), last_name_key=normalise(last),
                         birth_date=date(2004, 1, 1) + timedelta(days=rng.randrange(6 * 365)), town="Tarbes",
                         town_key="tarbes", status=YouthStatus.REFERRED))
    with services.ctx.store.engine.begin() as connection:
        connection.execute(insert(Youth.__table__), rows)
    actor = services.staff.login(login="bench.import", password="mot-de-passe-de-bench")
    return tarbes, actor, rows


def write_list(path: Path, known: list[dict[str, Any]], lines: int, seed: int) -> dict[str, int]:
    """The dropout list: new youths, known ones written another way, repeats, impossible dates."""
    from pac_desktop.demo.dropout_list import fictitious_people, list_rows, with_bad_dates, write_csv

    rng = random.Random(seed)
    n_known, n_repeated, n_bad = int(lines * KNOWN_SHARE), int(lines * REPEATED_SHARE), int(lines * BAD_SHARE)
    people = fictitious_people(lines - n_known - n_repeated, seed=seed, start=1_000_000)
    rows = list_rows(people, seed=seed)
    for youth in rng.sample(known, n_known):
        row = dict(rng.choice(rows))
        last = youth["last_name"].upper() if rng.random() < 0.5 else _strip_accents(youth["last_name"])
        row.update({"INE": "", "Nom": last, "Prénom": _strip_accents(youth["first_name"]),
                    "Date de naissance": youth["birth_date"].strftime("%d/%m/%Y")})
        rows.append(row)
    rows += [dict(row) for row in rng.sample(rows[: len(people)], n_repeated)]
    rng.shuffle(rows)
    with_bad_dates(rows, n_bad, seed=seed)
    write_csv(path, rows)
    return {"lines": len(rows), "known": n_known, "repeated": n_repeated, "bad_dates": n_bad}


def bare_reference(path: Path, store_file: Path, work: Path) -> tuple[float, float]:
    """csv.reader over the file, and its rows inserted with one executemany into a copy of the youth table."""
    copy = work / "bare.sqlite3"
    shutil.copyfile(store_file, copy)
    connection = sqlite3.connect(copy)
    try:
        connection.execute("CREATE TABLE bare_youth AS SELECT * FROM youth WHERE 0")
        connection.commit()
        started, cpu = time.perf_counter(), time.process_time()
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            rows = [(str(uuid.uuid4()), cells[1], cells[2], cells[3], cells[7], cells[8], cells[9]) for cells in reader]
        connection.executemany("INSERT INTO bare_youth (id, last_name, first_name, birth_date, town, phone, email) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.commit()
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        connection.close()


def run(*, youths: int = 100_000, lines: int = 20_000, seed: int = 18, work_dir: Path | None = None,
        profile: bool = False) -> dict[str, Any]:
    warnings.simplefilter("ignore")  # SQLAlchemy's note about the expression indexes it cannot reflect
    from pac_desktop.services.registry import Services
    from pac_desktop.services.reperage.importing import LineStatus
    from pac_desktop.storage.store import open_store

    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        work = Path(tmp)
        (work / "store").mkdir()
        store = open_store(work / "store")
        services = Services.build(store, today=lambda: TODAY)
        started = time.perf_counter()
        tarbes, actor, known = _fill(services, youths, seed)
        results: dict[str, Any] = {"youths": youths, "filled_s": round(time.perf_counter() - started, 1)}
        listing = work / "liste-décrocheurs.csv"
        results["file"] = write_list(listing, known, lines, seed)
        store.engine.dispose()
        store_file = next((work / "store").glob("*.sqlite3"))
        copy_dir = work / "copy"
        shutil.copytree(work / "store", copy_dir)

        bare_s, bare_cpu_s = bare_reference(listing, store_file, work)
        results["bare_s"], results["bare_cpu_s"] = round(bare_s, 2), round(bare_cpu_s, 2)
        store = open_store(work / "store")
        services = Services.build(store, today=lambda: TODAY)
        try:
            if profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.enable()
            started, cpu = time.perf_counter(), time.process_time()
            preview = services.reperage_import.preview(path=listing, territory_id=tarbes, by=actor)
            results["preview_s"] = round(time.perf_counter() - started, 2)
            results["preview_cpu_s"] = round(time.process_time() - cpu, 2)
            if profile:
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
                print(out.getvalue(), file=sys.stderr)
        finally:
            store.engine.dispose()
        results["report"] = {status.value: preview.count(status) for status in LineStatus}
        store = open_store(copy_dir)
        services = Services.build(store, today=lambda: TODAY)
        try:
            started, cpu = time.perf_counter(), time.process_time()
            done = services.reperage_import.run(path=listing, territory_id=tarbes, by=actor, skip_errors=True)
            results["import_s"] = round(time.perf_counter() - started, 2)
            results["import_cpu_s"] = round(time.process_time() - cpu, 2)
            assert {status.value: done.count(status) for status in LineStatus} == results["report"]
        finally:
            store.engine.dispose()
    return results


@section("import", order=56)
def import_section(ctx: BenchContext) -> list[Row]:
    """A list of 20,000 lines against ctx.youths youths (its own plain store: the import writes)."""
    results = run(youths=ctx.youths, lines=20_000, seed=ctx.seed, work_dir=ctx.scratch("import"))
    bare, report = results["bare_s"], results["report"]
    notes = (f"{results['youths']:,} youths; {report['new']} new, {report['enrich']} enriched, "
             f"{report['unchanged']} unchanged, {report['possible_duplicate']} to check, {report['error']} in error")
    lines = results["file"]["lines"]
    return [
        Row(f"import preview, {lines:,} lines", results["preview_s"], "s", f"bare csv + executemany {bare} s",
            round(results["preview_s"] / bare, 1) if bare else None,
            f"CPU {results['preview_cpu_s']} s; {notes}"),
        Row(f"import, {lines:,} lines (one unit of work)", results["import_s"], "s",
            f"bare csv + executemany {bare} s", round(results["import_s"] / bare, 1) if bare else None,
            f"CPU {results['import_cpu_s']} s; {round(lines / results['import_s'])} lines/s"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--profile", action="store_true", help="cProfile of the preview, on stderr")
    args = parser.parse_args(argv)
    print(json.dumps(run(youths=args.youths, lines=args.lines, profile=args.profile), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
