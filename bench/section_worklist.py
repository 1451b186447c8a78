"""Bench section "worklist": the Repérage worklist (issue 18 §2) over a territory of 20,000 youths to contact.

On a fresh plain store: ``youths`` youths « repéré » in one territory (numbered fictitious names, eight towns),
two tries on average each (0 to 4; the newest with a next action and its date, one in ten closed by an outcome),
a third of them given to one counsellor. For each query, in the same run:

- ``sql``: the service's statements (the page's ids, the count, the page's lines) compiled beforehand and run
  on the raw DB-API connection (the floor);
- ``service``: ``WorklistService.search`` (the same SQL, plus the access check and the rows built in Python).

``python -m bench --only worklist`` runs it in the bench table; ``python -m bench.section_worklist [--youths N]``
alone, printing JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

QUERIES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("open, by next action due", "", {}),
    ("« à moi »", "", {"mine": True}),
    ("overdue next action", "", {"overdue": True}),
    ("every state, sorted by tries", "", {"state": "all", "sort": "attempts"}),
    ("search « lour »", "lour", {}),
    ("search a name", "prototype0012", {}),
    ("search a birth year", "2008", {}),
)


def _fill(services: Any, youths: int, seed: int) -> Any:
    from sqlalchemy import insert, select

    from pac_desktop.domain.enums import StaffRole, YouthStatus
    from pac_desktop.domain.reperage import ContactChannel, ContactOutcome
    from pac_desktop.domain.text import normalise
    from pac_desktop.storage.models import ContactAttempt, Territory, Youth

    services.reference.load()
    staff_id = services.staff.add(first_name="Inès", last_name="Testconseil", organisation_code="cio-tarbes",
                                  roles=(StaffRole.COUNSELLOR,), caseload_cap=50, login="bench.worklist",
                                  password="mot-de-passe-de-bench")
    with services.ctx.read() as session:
        tid = session.scalar(select(Territory.id).where(Territory.code == "tarbes"))
    rng = random.Random(seed)
    towns = ("Tarbes", "Lourdes", "Foix", "Pamiers", "Saint-Girons", "Toulouse", "Colomiers", "Blagnac")
    lasts = ("Testeur", "Fictif", "Exemplaire", "Démonstration", "Maquette", "Prototype")
    now = datetime(2026, 3, 12, 12, tzinfo=UTC)
    youth_rows, attempt_rows = [], []
    for i in range(youths):
        yid = str(uuid.uuid4())
        first, last, town = f"Prénom{i % 97}", f"{rng.choice(lasts)}{i:06d}", rng.choice(towns)
        youth_rows.append(dict(
            id=yid, case_id=yid, territory_id=tid, first_name=first, last_name=last, first_name_key=normalise(first),
            last_name_key=normalise(last), birth_date=date(2005, 1, 1) + timedelta(days=rng.randrange(6 * 365)),
            town=town, town_key=normalise(town), status=YouthStatus.REFERRED,
            contact_staff_id=staff_id if i % 3 == 0 else None,
        ))
        tries = rng.randrange(5)
        for n in range(tries):
            last_try = n == tries - 1
            closed = last_try and rng.random() < 0.1
            attempt_rows.append(dict(
                id=str(uuid.uuid4()), case_id=yid, youth_id=yid, attempted_at=now - timedelta(days=3 * (tries - n)),
                channel=rng.choice(list(ContactChannel)), staff_id=staff_id, reached=rng.random() < 0.3, answer="",
                next_action="Rappeler" if last_try and not closed else None,
                next_action_due=(now + timedelta(days=rng.randrange(-10, 10))).date() if last_try and not closed
                else None,
                outcome=rng.choice(list(ContactOutcome)) if closed else None, automatic=False,
            ))
    with services.ctx.store.engine.begin() as connection:
        connection.execute(insert(Youth.__table__), youth_rows)
        connection.execute(insert(ContactAttempt.__table__), attempt_rows)
    return services.staff.login(login="bench.worklist", password="mot-de-passe-de-bench"), len(attempt_rows)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "max_ms": round(ordered[-1] * 1000, 1)}


def measure(services: Any, actor: Any, *, repeat: int = 7) -> dict[str, Any]:
    from sqlalchemy import event
    from sqlalchemy.dialects import sqlite

    from pac_desktop.services.reperage import OutcomeFilter, WorklistFilters, WorklistSort

    statements: list[str] = []

    def on_execute(conn, clauseelement, multiparams, params, execution_options):  # noqa: ANN001, ARG001
        """Records the statements the service runs, compiled with their literals, to replay them bare."""
        if hasattr(clauseelement, "compile"):
            statements.append(str(clauseelement.compile(dialect=sqlite.dialect(),
                                                        compile_kwargs={"literal_binds": True})))

    engine = services.ctx.store.engine
    results: dict[str, Any] = {}
    raw = engine.raw_connection()
    try:
        for label, text, options in QUERIES:
            filters = WorklistFilters(mine=options.get("mine", False), overdue=options.get("overdue", False),
                                      state=OutcomeFilter(options.get("state", "open")))
            sort = WorklistSort(options.get("sort", "next_due"))
            statements.clear()
            event.listen(engine, "before_execute", on_execute)
            page = services.worklist.search(by=actor, query=text, filters=filters, sort=sort)
            event.remove(engine, "before_execute", on_execute)
            captured = [s for s in statements if "contact_summary" in s or "FROM youth" in s]
            timings: dict[str, list[float]] = {"sql": [], "service": []}
            for _ in range(repeat):
                t = time.perf_counter()
                cursor = raw.cursor()
                for statement in captured:
                    cursor.execute(statement).fetchall()
                cursor.close()
                timings["sql"].append(time.perf_counter() - t)
                t = time.perf_counter()
                services.worklist.search(by=actor, query=text, filters=filters, sort=sort)
                timings["service"].append(time.perf_counter() - t)
            results[label] = {"matches": page.total, **{k: _percentiles(v) for k, v in timings.items()}}
    finally:
        raw.close()
    return results


def run(*, youths: int = 20_000, seed: int = 4, work_dir: Path | None = None) -> dict[str, Any]:
    warnings.simplefilter("ignore")  # SQLAlchemy's note about the expression indexes it cannot reflect
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        store = open_store(Path(tmp))
        try:
            services = Services.build(store, today=lambda: date(2026, 3, 12))
            started = time.perf_counter()
            actor, attempts = _fill(services, youths, seed)
            results: dict[str, Any] = {"youths": youths, "attempts": attempts,
                                       "filled_s": round(time.perf_counter() - started, 1)}
            results["queries"] = measure(services, actor)
        finally:
            store.engine.dispose()
    return results


@section("worklist", order=55)
def worklist_section(ctx: BenchContext) -> list[Row]:
    """The Repérage worklist over 20,000 youths to contact (its own store: the demo has few « repéré »)."""
    results = run(youths=20_000, seed=ctx.seed, work_dir=ctx.scratch("worklist"))
    out = []
    for label, figures in results["queries"].items():
        sql, service = figures["sql"]["p50_ms"], figures["service"]["p50_ms"]
        out.append(Row(f"worklist (20,000 to contact): {label}, p50", service, "ms", f"bare SQL p50 {sql} ms",
                       round(service / sql, 2) if sql else None,
                       f"{figures['matches']} matches, max {figures['service']['max_ms']} ms"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=20_000)
    args = parser.parse_args(argv)
    print(json.dumps(run(youths=args.youths), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
