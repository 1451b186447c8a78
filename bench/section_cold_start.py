"""Bench section "cold_start": from process start to a usable main window, next to a bare PySide6 window.

Both are real processes started the same way (``python -c …``, offscreen), alternated, in the same run:

- ``bare``: a QApplication and an empty QMainWindow, shown; ready at its first turn of the event loop;
- ``pac``: the real start-up, ``pac_desktop.app.run`` with ``--data-dir`` on the bench's store (bench.core:
  ``youths`` demo youths, encrypted as the app keeps it): splash, store opened, login dialog; the login is
  filled in by a start-up hook (``StartupHooks``: no test hook lives in main()) and submitted; ready when the
  main window is shown **and** the home page shows the counsellor's figures (loaded off the UI thread).

Times come from the children's own ``time.perf_counter()`` (a system-wide monotonic clock) against the moment
the parent started them, so pipe latency does not count. Reported: medians of ``runs`` runs after one warm-up
of each; ``login_shown`` (a usable login dialog), ``password_check`` (scrypt, ~0.3 s by design), ``ready``
(home page loaded) and ``ratio`` = pac ready / bare ready — the figure of issue 2.

``python -m bench --only cold_start`` runs it in the bench table; ``python -m bench.section_cold_start
[--youths N] [--runs N] [--keep DIR]`` runs it alone and prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.core import BenchContext
from bench.sections import section
from pac_desktop.storage.store import ENCRYPTED_CACHE_KIB

#: A child's own peak resident set, and what it holds now. ``ru_maxrss`` is no good here: Linux carries it over a
#: fork and an exec, so a child started by the bench (which holds the store's generation in memory) reported the
#: bench's peak (837 MB for both the bare window and the application). ``VmHWM`` is the peak of the child's own
#: memory, ``VmRSS`` its resident set now.
PEAK_KB = r"""
def status_kb(field):
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def peak_kb():
    return status_kb("VmHWM:")
"""

#: SQLite's default page cache (2,000 KiB a connection): the memory row's reference run.
SMALL_CACHE_KIB = 2000

#: How long the bench's user takes to type their password (in a second run of the application).
TYPING_MS = 1500

BARE_CHILD = r"""
import resource, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 760)
window.show()

def ready():
    print(f"ready {time.perf_counter()!r}", flush=True)
    print(f"peak_kb {peak_kb()}", flush=True)
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""

#: The libraries the application has loaded when its youth list shows (third-party, at their depth), for the memory
#: row's second reference: what the stack costs before any code of ours runs.
STACK_IMPORTS = (
    "PySide6.QtNetwork", "PySide6.QtPrintSupport", "sqlalchemy.orm", "sqlalchemy.dialects.sqlite", "sqlcipher3.dbapi2",
    "cryptography.hazmat.primitives.ciphers", "cryptography.hazmat.primitives.serialization", "keyring", "pydantic",
    "platformdirs", "rapidfuzz.process", "pypdfium2",
)  # fmt: skip

#: The bare window with those libraries imported (none of the application's code).
STACK_CHILD = BARE_CHILD.replace("app = QApplication([])", "import importlib\nfor name in " + repr(STACK_IMPORTS) + ":\n"
                                 "    importlib.import_module(name)\napp = QApplication([])").replace(
    'print(f"peak_kb {peak_kb()}", flush=True)',
    'print(f"peak_kb {peak_kb()}", flush=True)\n    print(f"resident_kb {status_kb(\'VmRSS:\')}", flush=True)')

PAC_CHILD = r"""
import os, resource, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox
from pac_desktop.app import StartupHooks, run

# The demo login comes from the parent: importing pac_desktop.demo (its generator, SQLAlchemy…) here would add
# ~0.5 s that the application itself does not spend before its login dialog.
DEMO_LOGIN, DEMO_PASSWORD = os.environ["PAC_BENCH_LOGIN"], os.environ["PAC_BENCH_PASSWORD"]

QMessageBox.critical = staticmethod(lambda parent, title, text, *a: print("error " + text, flush=True) or 0)
if os.environ.get("PAC_BENCH_CACHE_KIB"):  # the memory row's reference: the same run with SQLite's default cache
    import pac_desktop.storage.store
    pac_desktop.storage.store.ENCRYPTED_CACHE_KIB = int(os.environ["PAC_BENCH_CACHE_KIB"])

def login_shown(dialog):
    print(f"login_shown {time.perf_counter()!r}", flush=True)
    dialog.ui.login_edit.setText(DEMO_LOGIN)
    dialog.ui.password_edit.setText(DEMO_PASSWORD)

    def submit():
        print(f"submitted {time.perf_counter()!r}", flush=True)
        dialog.submit()

    QTimer.singleShot(int(os.environ.get("PAC_BENCH_TYPING_MS", "0")), submit)  # the time the password is typed

def ready(window):
    print(f"ready {time.perf_counter()!r}", flush=True)
    # The youth list (every youth of the territory) is the GUI's biggest page: open it, let it load, then
    # read the peak resident set.
    window.show_area("youths")

    def peak():
        print(f"peak_kb {peak_kb()}", flush=True)
        print(f"resident_kb {status_kb('VmRSS:')}", flush=True)
        window.close()

    QTimer.singleShot(2000, peak)

settings = QSettings(str(Path(sys.argv[1]) / "settings.ini"), QSettings.Format.IniFormat)
def signed_in():
    print(f"logged_in {time.perf_counter()!r}", flush=True)

sys.exit(run(sys.argv[2:], hooks=StartupHooks(login_shown=login_shown, signed_in=signed_in, main_window_ready=ready),
             settings=settings))
"""


def _time_child(code: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run one child; the moments it printed, in seconds since it was started."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PEAK_KB + code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=600,
        check=False,
    )
    marks: dict[str, float] = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name == "error":
            raise RuntimeError(f"the application refused to start: {value}")
        if name in ("peak_kb", "resident_kb"):
            marks[name] = float(value)
            continue
        try:
            marks[name] = float(value) - started
        except ValueError:
            continue
    if result.returncode != 0 or "ready" not in marks:
        raise RuntimeError(f"child failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr[-2000:]}")
    return marks


def measure(ctx: BenchContext, *, runs: int = 5) -> dict[str, Any]:
    """The figures on the bench store of ``ctx`` (a bench.core.BenchContext, which has the demo logins)."""
    home = ctx.scratch("cold_start")
    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

    env = ctx.child_env(XDG_CONFIG_HOME=str(home / "config"), PAC_BENCH_LOGIN=DEMO_LOGIN,
                        PAC_BENCH_PASSWORD=DEMO_PASSWORD)
    pac_args = [str(home), "--data-dir", str(ctx.data_dir)]
    _time_child(BARE_CHILD, [], env)  # warm-up: file cache, .pyc, fontconfig cache
    _time_child(PAC_CHILD, pac_args, env)
    bare: list[float] = []
    bare_peak: list[float] = []
    pac: list[dict[str, float]] = []
    for _ in range(runs):  # alternated, so that both see the same machine load
        marks = _time_child(BARE_CHILD, [], env)
        bare.append(marks["ready"])
        bare_peak.append(marks["peak_kb"])
        pac.append(_time_child(PAC_CHILD, pac_args, env))

    # Someone types their password: the main window's modules are imported behind the dialog meanwhile.
    typed = [_time_child(PAC_CHILD, pac_args, {**env, "PAC_BENCH_TYPING_MS": str(TYPING_MS)}) for _ in range(runs)]

    stack = [_time_child(STACK_CHILD, [], env)["resident_kb"] for _ in range(runs)]

    # The same start with SQLite's default page cache (2 MB a connection): what the larger cache of an encrypted
    # store (storage.store.ENCRYPTED_CACHE_KIB) holds at the peak is the difference.
    small_cache = [_time_child(PAC_CHILD, pac_args, {**env, "PAC_BENCH_CACHE_KIB": str(SMALL_CACHE_KIB)})
                   for _ in range(runs)]

    def median_ms(values: list[float]) -> int:
        return round(statistics.median(values) * 1000)

    bare_ms = median_ms(bare)
    check_ms = median_ms([m["logged_in"] - m["submitted"] for m in pac])
    login_ms = median_ms([m["login_shown"] for m in pac])
    ready_ms = median_ms([m["ready"] for m in pac])
    return {
        "youths": ctx.youths,
        "runs": runs,
        "store_mb": round(ctx.store_bytes() / 1e6, 1),
        "bare_window_ms": bare_ms,
        "pac_login_shown_ms": login_ms,
        "pac_password_check_ms": check_ms,
        "pac_ready_ms": ready_ms,
        "pac_ready_without_password_check_ms": median_ms([m["ready"] - (m["logged_in"] - m["submitted"]) for m in pac]),
        "pac_login_to_ready_ms": median_ms([m["ready"] - m["logged_in"] for m in pac]),
        "pac_login_to_ready_typed_ms": median_ms([m["ready"] - m["logged_in"] for m in typed]),
        "ratio": round(ready_ms / bare_ms, 1) if bare_ms else None,
        "login_ratio": round(login_ms / bare_ms, 1) if bare_ms else None,
        "bare_peak_mb": round(statistics.median(m for m in bare_peak) / 1024, 1),
        "pac_peak_mb": round(statistics.median(m["peak_kb"] for m in pac) / 1024, 1),
        "pac_resident_mb": round(statistics.median(m["resident_kb"] for m in pac) / 1024, 1),
        "pac_resident_small_cache_mb": round(statistics.median(m["resident_kb"] for m in small_cache) / 1024, 1),
        "stack_resident_mb": round(statistics.median(stack) / 1024, 1),
        "load_average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
    }


def rows(results: dict[str, Any]) -> list[Any]:
    """The bench table's rows for this section."""
    from bench.core import Row

    bare = f"bare PySide6 window: {results['bare_window_ms']} ms"
    page_cache = round(results["pac_resident_mb"] - results["pac_resident_small_cache_mb"], 1)
    youths = f"{results['youths']:,} youths".replace(",", " ")
    return [
        Row("cold start: login dialog shown", results["pac_login_shown_ms"], "ms", bare, results["login_ratio"],
            f"{youths}, store opened (encrypted, migrations checked)"),
        Row("cold start: main window with its home page", results["pac_ready_ms"], "ms", bare, results["ratio"],
            f"includes the password check ({results['pac_password_check_ms']} ms, scrypt by design); "
            f"median of {results['runs']} runs"),
        Row("login → main window with its home page, after the password check", results["pac_login_to_ready_ms"],
            "ms", bare, round(results["pac_login_to_ready_ms"] / results["bare_window_ms"], 1)
            if results["bare_window_ms"] else None,
            "target ≤ 300 ms (issue 16); the login is submitted the moment the dialog shows (no typing time)"),
        Row(f"login → main window with its home page, after the password check, password typed in {TYPING_MS} ms",
            results["pac_login_to_ready_typed_ms"], "ms", bare,
            round(results["pac_login_to_ready_typed_ms"] / results["bare_window_ms"], 1)
            if results["bare_window_ms"] else None,
            "target ≤ 300 ms (issue 16); the main window's modules are imported behind the dialog (app.warm_up)"),
        Row("GUI memory, main window and the youth list: resident", results["pac_resident_mb"], "MB",
            f"bare PySide6 window: {results['bare_peak_mb']} MB",
            round(results["pac_resident_mb"] / results["bare_peak_mb"], 1) if results["bare_peak_mb"] else None,
            f"{youths}; VmRSS 2 s after the youth list opened; of it, SQLite's page cache: {page_cache} MB; target "
            f"≤ 2 × bare + page cache = {round(2 * results['bare_peak_mb'] + page_cache, 1)} MB"),
        Row("GUI memory, same start with SQLite's default page cache: resident", results["pac_resident_small_cache_mb"],
            "MB", f"bare PySide6 window: {results['bare_peak_mb']} MB",
            round(results["pac_resident_small_cache_mb"] / results["bare_peak_mb"], 1)
            if results["bare_peak_mb"] else None,
            f"{SMALL_CACHE_KIB / 1000:.0f} MB a connection instead of {ENCRYPTED_CACHE_KIB // 1024} MB: the "
            "difference is the page cache"),
        Row("GUI memory: the stack alone (bare window + the libraries the app has loaded at its youth list)",
            results["stack_resident_mb"], "MB", f"bare PySide6 window: {results['bare_peak_mb']} MB",
            round(results["stack_resident_mb"] / results["bare_peak_mb"], 1) if results["bare_peak_mb"] else None,
            "VmRSS; none of the application's code: the floor under the rows above, against the target of 2 × bare "
            f"(the application, default page cache: {round(results['pac_resident_small_cache_mb'] - results['stack_resident_mb'], 1)} MB above it)"),
        Row("GUI memory: peak", results["pac_peak_mb"], "MB", f"bare PySide6 window: {results['bare_peak_mb']} MB",
            round(results["pac_peak_mb"] / results["bare_peak_mb"], 1) if results["bare_peak_mb"] else None,
            "VmHWM; includes the password check, scrypt at N=2^17, r=8: 128 MiB for 0.3 s by design"),
    ]  # fmt: skip


@section("cold_start", order=30)
def cold_start_section(ctx: BenchContext) -> list[Any]:
    """Process start to a usable main window on the bench store, next to a bare PySide6 window."""
    return rows(measure(ctx))


def run(*, youths: int = 100_000, runs: int = 5, keep: Path | None = None) -> dict[str, Any]:
    """This section alone, on a bench store of its own (or the one kept in ``keep``)."""
    from bench.core import cleanup, prepare

    ctx = prepare(youths=youths, keep=keep, log=lambda line: print(line, file=sys.stderr))
    try:
        return measure(ctx, runs=runs)
    finally:
        cleanup(ctx, keep=keep is not None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.section_cold_start", description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="bench folder to make once and reuse")
    args = parser.parse_args(argv)
    print(json.dumps(run(youths=args.youths, runs=args.runs, keep=args.keep), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
