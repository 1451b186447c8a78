"""``python -m bench [--youths 100000] [--only NAME ...] [--keep DIR]``: run the bench sections, print one table.

Progress goes to stderr; the table alone goes to stdout, and everything to ``bench/out/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from .core import BENCH_SEED, Row, cleanup, prepare
from .sections import SECTIONS, load_section_modules

OUT_DIR = Path(__file__).resolve().parent / "out"
HEADERS = ("measure", "value", "unit", "compared with", "ratio/notes")


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _value(value: float | int | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.3f}" if abs(value) < 1 else f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"


def _ratio_notes(row: Row) -> str:
    parts = []
    if row.ratio is not None:
        parts.append(f"×{row.ratio:g}")
    if row.notes:
        parts.append(row.notes)
    return "; ".join(parts)


def format_table(rows: list[Row]) -> str:
    lines = [HEADERS] + [(r.measure, _value(r.value), r.unit, r.compared_with, _ratio_notes(r)) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS))]
    out = []
    for n, line in enumerate(lines):
        cells = [cell.rjust(w) if i == 1 and n else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))]
        out.append(" | ".join(cells).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def _machine() -> dict[str, object]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
    }


def main(argv: list[str] | None = None) -> int:
    load_section_modules()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--youths", type=int, default=100_000, help="youths in the bench store (default 100,000)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help=f"run only these sections (repeatable, or comma-separated): {', '.join(SECTIONS)}")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the bench folder (store and its key) in DIR, and reuse it on the next run")
    parser.add_argument("--seed", type=int, default=BENCH_SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = [n for item in (args.only or []) for n in item.split(",") if n] or list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}")

    machine = _machine()
    started = time.perf_counter()
    ctx = prepare(youths=args.youths, keep=args.keep, seed=args.seed, log=_log)
    rows: list[Row] = []
    results: dict[str, object] = {}
    failed = False
    try:
        for name in names:
            _log(f"bench: section {name} …")
            t0 = time.perf_counter()
            try:
                section_rows = SECTIONS[name](ctx)
            except Exception as error:  # one broken section must not hide the others' figures
                failed = True
                traceback.print_exc()
                section_rows = [Row(f"{name}: FAILED", None, notes=f"{type(error).__name__}: {error}"[:200])]
            seconds = time.perf_counter() - t0
            rows.extend(section_rows)
            results[name] = {"seconds": round(seconds, 2), "rows": [r.as_dict() for r in section_rows]}
            _log(f"bench: section {name} done in {seconds:.1f} s")
    finally:
        cleanup(ctx, keep=args.keep is not None)

    table = format_table(rows)
    print(table)
    OUT_DIR.mkdir(exist_ok=True)
    report = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "youths": args.youths,
        "store_reused": ctx.reused,
        "seconds": round(time.perf_counter() - started, 1),
        "machine": machine,
        "sections": results,
        "table": table.splitlines(),
    }
    (OUT_DIR / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    _log(f"bench: results in {OUT_DIR / 'results.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
