"""Bench section "bundle": size of the one-folder build and start time, frozen against unfrozen, in one run.

Measured (wall clock, median of ``runs`` alternated frozen / unfrozen runs, so both see the same machine load):

- ``version``: ``pac-desktop --version``: interpreter start, imports of the application (Qt, SQLAlchemy,
  services…) and argument parsing: the part of a start-up that freezing changes;
- ``self_test``: ``pac-desktop --self-test``: the whole installation check, which opens a temporary store,
  hashes a password twice (scrypt, ~0.3 s each), renders a PDF and shows the main window offscreen.

The bundle is installer/dist/pac-desktop (or $PAC_DIST_DIR/pac-desktop), built by installer/build.sh; without
it the section is skipped with a note. ``python -m bench --only bundle`` runs it in the bench table;
``python -m bench.section_bundle [--runs N]`` runs it alone and prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

ROOT = Path(__file__).resolve().parents[1]


def bundle_dir() -> Path:
    dist = Path(os.environ.get("PAC_DIST_DIR") or ROOT / "installer" / "dist")
    return dist / "pac-desktop"


def folder_size(folder: Path) -> tuple[int, int]:
    """Total bytes and number of files under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _clean_env(tmp_home: Path) -> dict[str, str]:
    # Not the bench's own keyring (a module the frozen app cannot import): the system's, for both.
    env = {k: v for k, v in os.environ.items() if k not in ("PAC_DATA_DIR", "PYTHON_KEYRING_BACKEND")}
    env["HOME"] = str(tmp_home)  # nothing lands in the real user folders
    env["XDG_CONFIG_HOME"] = str(tmp_home / "config")
    env["XDG_DATA_HOME"] = str(tmp_home / "share")
    return env


def _time_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env, timeout=300, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stdout[-500:]!r}")
    return elapsed


def run(*, runs: int = 5, work_dir: Path | None = None) -> dict[str, Any]:
    """The section's figures (or ``{"skipped": reason}``)."""
    bundle = bundle_dir()
    executable = bundle / ("pac-desktop.exe" if sys.platform == "win32" else "pac-desktop")
    if not executable.is_file():
        return {"skipped": f"bundle not built ({bundle}): run installer/build.sh first"}
    size, count = folder_size(bundle)
    tarballs = sorted(bundle.parent.glob("pac-desktop-*.tar.gz"))
    with tempfile.TemporaryDirectory(prefix="pac-bench-bundle-", dir=work_dir) as home:
        env = _clean_env(Path(home))
        frozen = [str(executable)]
        unfrozen = [sys.executable, "-m", "pac_desktop.app"]
        figures: dict[str, Any] = {
            "bundle_mb": round(size / 1e6, 1),
            "bundle_files": count,
            "tarball_mb": round(tarballs[-1].stat().st_size / 1e6, 1) if tarballs else None,
            "runs": runs,
        }
        for name, args in (("version", ["--version"]), ("self_test", ["--self-test"])):
            times: dict[str, list[float]] = {"frozen": [], "unfrozen": []}
            _time_run(frozen + args, env)  # warm the file cache for both before timing
            _time_run(unfrozen + args, env)
            for _ in range(runs):
                times["frozen"].append(_time_run(frozen + args, env))
                times["unfrozen"].append(_time_run(unfrozen + args, env))
            figures[f"{name}_frozen_s"] = round(statistics.median(times["frozen"]), 3)
            figures[f"{name}_unfrozen_s"] = round(statistics.median(times["unfrozen"]), 3)
    return figures


@section("bundle", order=90)
def bundle(ctx: BenchContext) -> list[Row]:
    """The one-folder build's size, and start times frozen against unfrozen (skipped if it is not built)."""
    figures = run(runs=5, work_dir=ctx.scratch("bundle"))
    if "skipped" in figures:
        return [Row("bundle (frozen build)", None, notes=f"skipped: {figures['skipped']}")]
    rows = [
        Row(
            "bundle size (one folder)",
            figures["bundle_mb"],
            "MB",
            notes=f"{figures['bundle_files']} files; tarball {figures['tarball_mb']} MB",
        )
    ]
    for name, what in (("version", "start to --version (imports)"), ("self_test", "--self-test (whole check)")):
        frozen, unfrozen = figures[f"{name}_frozen_s"], figures[f"{name}_unfrozen_s"]
        rows.append(
            Row(
                f"{what}, frozen",
                frozen,
                "s",
                compared_with=f"unfrozen: {unfrozen:.2f} s",
                ratio=round(frozen / unfrozen, 2) if unfrozen else None,
                notes=f"median of {figures['runs']}, alternated",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.section_bundle", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(run(runs=args.runs), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
