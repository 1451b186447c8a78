"""Bench section "pdf": printed documents, against ReportLab's own speed on plain pages, in one run.

One store made by the demo generator with a Tarbes cohort large enough for 245 validated intakes (the first
cohort's size), then, each measured ``runs`` times (median, wall clock):

- ``session_summary``: one fiche de synthèse, end to end (read model from the store, layout, PDF written,
  audit entry), and its layout alone;
- ``committee_pack``: the committee pack of those 245 sessions (cover, table of the sessions with their
  pages, one summary each), split into reading the store (the read models) and laying out the PDF;
- ``plain_245``: ReportLab laying out 245 plain pages (a heading and a paragraph each) in the same page frame
  (header, footer, "Page N sur M"), and ``plain_same_pages``: as many plain pages as the pack has — the
  yardstick for what the pack's tables and flowables cost per page. Each run lays the pack out and then its
  yardstick, so both meet the same load on a shared machine; their CPU time is given too (the load barely
  moves it, while it can move wall-clock ratios by ±30 %).

``python -m bench.pdf_documents [--runs N] [--sessions N]`` runs this section alone and prints JSON.

4 December 2026: in the whole bench (a process holding the store's services and what earlier sections left), the
pack's layout came to ×3.77 plain pages (2.6 against 0.7 ms a page); alone, ×2.76. The difference was Python's
cycle collector: two full collections during the pack (0.29 s of 1.10 s, a process of 210,000 objects), none
during the plain pages, which make few objects. The renderers now run with it paused
(``pac_desktop.reports.collector_paused``): ×2.17 alone (1.52 against 0.70 ms a page).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 3, 12)


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 4)


def _make_store(work: Path, sessions: int):  # noqa: ANN202 - Services
    from pac_desktop.demo import DemoDataService
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    services = Services.build(open_store(work / "store"), today=lambda: TODAY)
    youths = int(sessions / 0.6) + 40  # about 68 % of the demo stories reach a validated intake
    DemoDataService(services.ctx).generate(youths=youths, seed=245, territory_code="tarbes")
    return services


def _period_for(services, sessions: int) -> tuple[date, date, int]:  # noqa: ANN001
    """The period that holds the first ``sessions`` validated intakes of Tarbes (ties on the last day included)."""
    with services.ctx.store.engine.connect() as con:
        days = [row[0] for row in con.exec_driver_sql(
            "SELECT j.held_on FROM joint_intake j JOIN territory t ON t.id = j.territory_id "
            "WHERE t.code = 'tarbes' AND j.state = 'validated' AND j.deleted_at IS NULL ORDER BY j.held_on"
        )]
    if not days:
        raise RuntimeError("the demo generator made no validated intake")
    last = days[min(sessions, len(days)) - 1]
    first, last = date.fromisoformat(str(days[0])), date.fromisoformat(str(last))
    count = sum(1 for d in days if date.fromisoformat(str(d)) <= last)
    return first, last, count


def run(*, runs: int = 3, sessions: int = 245, work_dir: Path | None = None) -> dict[str, Any]:
    from pac_desktop.reports import render_committee_pack, render_plain_pages, render_session_summary
    from pac_desktop.storage.base import id_from_store

    with tempfile.TemporaryDirectory(prefix="pac-bench-pdf-", dir=work_dir) as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        services = _make_store(work, sessions)
        setup = time.perf_counter() - started
        docs = services.documents
        # Documents are printed by someone signed in (issue 7): the demo's administrator, who may print Tarbes'.
        from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

        printer = services.sessions.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
        date_from, date_to, count = _period_for(services, sessions)
        with services.ctx.store.engine.connect() as con:
            intake_id = id_from_store(con.exec_driver_sql(
                "SELECT id FROM joint_intake WHERE state = 'validated' ORDER BY held_on DESC LIMIT 1"
            ).scalar_one())  # raw SQL: the id as stored (storage.base.CompactId)

        summary_total, summary_layout, summary_pages = [], [], 0
        for i in range(runs):
            t = time.perf_counter()
            printed = docs.print_session_summary(intake_id=intake_id, path=work / f"s{i}.pdf", actor=printer)
            summary_total.append(time.perf_counter() - t)
            summary_pages = printed.pages
            model = docs.session_summary(intake_id=intake_id)
            t = time.perf_counter()
            render_session_summary(model, work / f"s{i}-layout.pdf")
            summary_layout.append(time.perf_counter() - t)

        pack_total, pack_read, pack_layout, pack_pages, pack_bytes = [], [], [], 0, 0
        pack_cpu, plain_245, plain_same, plain_cpu = [], [], [], []
        for i in range(runs):
            t = time.perf_counter()
            printed = docs.print_committee_pack(territory_code="tarbes", date_from=date_from, date_to=date_to,
                                                path=work / f"c{i}.pdf", actor=printer)
            pack_total.append(time.perf_counter() - t)
            pack_pages, pack_bytes = printed.pages, printed.path.stat().st_size
            t = time.perf_counter()
            pack = docs.committee_pack(territory_code="tarbes", date_from=date_from, date_to=date_to)
            pack_read.append(time.perf_counter() - t)
            # The pack's layout and its yardstick one right after the other, so that both meet the same load
            # on a shared machine; CPU time too, which the load barely moves.
            t, c = time.perf_counter(), time.process_time()
            render_committee_pack(pack, work / f"c{i}-layout.pdf")
            pack_layout.append(time.perf_counter() - t)
            pack_cpu.append(time.process_time() - c)
            t, c = time.perf_counter(), time.process_time()
            render_plain_pages(pack_pages, work / f"q{i}.pdf")
            plain_same.append(time.perf_counter() - t)
            plain_cpu.append(time.process_time() - c)
            t = time.perf_counter()
            render_plain_pages(sessions, work / f"p{i}.pdf")
            plain_245.append(time.perf_counter() - t)

    pack_layout_s = _median(pack_layout)
    plain_same_s = _median(plain_same)
    pack_cpu_s, plain_cpu_s = _median(pack_cpu), _median(plain_cpu)
    return {
        "runs": runs,
        "setup_s": round(setup, 2),
        "session_summary": {"pages": summary_pages, "total_s": _median(summary_total),
                            "layout_s": _median(summary_layout)},
        "committee_pack": {
            "sessions": count,
            "pages": pack_pages,
            "bytes": pack_bytes,
            "total_s": _median(pack_total),
            "read_models_s": _median(pack_read),
            "layout_s": pack_layout_s,
            "layout_ms_per_page": round(1000 * pack_layout_s / max(pack_pages, 1), 2),
        },
        "plain_245": {"pages": sessions, "layout_s": _median(plain_245)},
        "plain_same_pages": {"pages": pack_pages, "layout_s": plain_same_s,
                             "layout_ms_per_page": round(1000 * plain_same_s / max(pack_pages, 1), 2)},
        "pack_vs_plain_same_pages": round(pack_layout_s / plain_same_s, 2) if plain_same_s else None,
        "cpu": {"pack_layout_s": pack_cpu_s, "plain_same_pages_s": plain_cpu_s,
                "pack_vs_plain_same_pages": round(pack_cpu_s / plain_cpu_s, 2) if plain_cpu_s else None},
    }


def rows(results: dict[str, Any]) -> list[Any]:
    """The section as bench table rows (bench.core.Row)."""
    from bench.core import Row

    summary, pack = results["session_summary"], results["committee_pack"]
    plain, same = results["plain_245"], results["plain_same_pages"]
    return [
        Row("one session summary, end to end (store → PDF → audit)", round(1000 * summary["total_s"]), "ms",
            f"its layout alone: {round(1000 * summary['layout_s'])} ms", None, f"{summary['pages']} pages"),
        Row(f"committee pack of {pack['sessions']} sessions, end to end", pack["total_s"], "s",
            f"ReportLab, {plain['pages']} plain pages: {plain['layout_s']} s",
            round(pack["total_s"] / plain["layout_s"], 1) if plain["layout_s"] else None,
            f"{pack['pages']} pages, {pack['bytes'] // 1024} KiB; read models {pack['read_models_s']} s, "
            f"layout {pack['layout_s']} s"),
        Row("committee pack layout, per page", pack["layout_ms_per_page"], "ms",
            f"plain pages: {same['layout_ms_per_page']} ms", results["pack_vs_plain_same_pages"],
            f"{same['pages']} pages each, measured in turn; CPU time: ×{results['cpu']['pack_vs_plain_same_pages']}"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pdf_documents", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=245)
    args = parser.parse_args(argv)
    print(json.dumps(run(runs=args.runs, sessions=args.sessions), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
