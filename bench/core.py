"""What every bench section gets (:class:`BenchContext`) and returns (:class:`Row`)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KEYRING_BACKEND = "bench.keyring_file.BenchKeyring"
BENCH_SEED = 2026


@dataclass(frozen=True)
class Row:
    """One line of the bench table."""

    measure: str
    value: float | int | str | None
    unit: str = ""
    #: What the value is compared with ("bare PySide6 window: 180 ms", "target: 60 s"...).
    compared_with: str = ""
    #: value / compared value, when that means something.
    ratio: float | None = None
    notes: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "value": self.value,
            "unit": self.unit,
            "compared_with": self.compared_with,
            "ratio": self.ratio,
            "notes": self.notes,
        }


@dataclass
class BenchContext:
    """A prepared bench folder: one encrypted store holding ``youths`` demo youths, opened as the app opens it.

    The store is made once per run (or reused with ``--keep DIR``) and shared by every section: sections
    that change it must work on a copy (:meth:`copy_store`). Child processes started with :meth:`child_env`
    open the same store (same keyring, same key).
    """

    youths: int
    root: Path
    data_dir: Path
    seed: int = BENCH_SEED
    #: The generator's report when this run made the store (None when it was reused).
    generation: Any = None
    #: CPU seconds the generation took in this process (None when reused).
    generation_cpu: float | None = None
    reused: bool = False
    made_on: date | None = None
    python: str = sys.executable
    _scratch: list[Path] = field(default_factory=list)

    @contextmanager
    def services(self, *, data_dir: Path | None = None, today: Callable[[], date] | None = None) -> Iterator[Any]:
        """The application's services on the bench store (or on ``data_dir``), closed afterwards."""
        from pac_desktop.security.store_key import open_encrypted_store
        from pac_desktop.services.registry import Services

        store = open_encrypted_store(data_dir or self.data_dir)
        try:
            yield Services.build(store, today=today or date.today)
        finally:
            store.engine.dispose()

    def scratch(self, name: str) -> Path:
        """A fresh, empty folder for one section (removed with the bench folder unless --keep)."""
        path = self.root / "scratch" / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        self._scratch.append(path)
        return path

    def copy_store(self, name: str) -> Path:
        """A copy of the bench store's folder, for a section that writes (the key stays in the bench keyring)."""
        target = self.scratch(name) / "data"
        shutil.copytree(self.data_dir, target)
        return target

    def child_env(self, **extra: str) -> dict[str, str]:
        """Environment for child processes: offscreen Qt, the bench keyring, this checkout on the path, and its
        bytecode kept (in the bench folder) as an installed application has it: with PYTHONDONTWRITEBYTECODE set
        (some machines set it), every child compiled the application's ~300 modules from source again (0.4 s of
        its start-up on the project machine)."""
        env = dict(os.environ)
        env.pop("PAC_DATA_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(
            PYTHONPYCACHEPREFIX=str(self.root / "pycache"),
            QT_QPA_PLATFORM="offscreen",
            PYTHON_KEYRING_BACKEND=KEYRING_BACKEND,
            PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
        )
        env.update(extra)
        return env

    def store_bytes(self, data_dir: Path | None = None) -> int:
        folder = data_dir or self.data_dir
        return sum(p.stat().st_size for p in folder.glob("pac.sqlite3*"))


def install_bench_keyring(root: Path) -> None:
    """This process and its children keep the bench store's key in ``root/keyring.json`` (bench.keyring_file)."""
    import keyring

    from bench.keyring_file import KEYRING_FILE_ENV, BenchKeyring

    os.environ[KEYRING_FILE_ENV] = str(root / "keyring.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = KEYRING_BACKEND
    keyring.set_keyring(BenchKeyring())


def prepare(*, youths: int, keep: Path | None, seed: int = BENCH_SEED, log: Callable[[str], None]) -> BenchContext:
    """Make (or reuse, with ``keep``) the bench folder and its store of ``youths`` demo youths."""
    warnings.simplefilter("ignore")  # SQLAlchemy's note about expression indexes it cannot reflect
    root = keep.resolve() if keep else Path(tempfile.mkdtemp(prefix="pac-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    install_bench_keyring(root)
    data_dir = root / "data"
    marker = root / "bench.json"
    wanted = {"youths": youths, "seed": seed}
    if marker.exists() and (data_dir / "pac.sqlite3").exists():
        made = json.loads(marker.read_text(encoding="utf-8"))
        if {k: made.get(k) for k in wanted} == wanted:
            log(f"bench: reusing the store of {youths:,} youths in {data_dir} (made on {made.get('made_on')})")
            return BenchContext(youths=youths, root=root, data_dir=data_dir, seed=seed, reused=True,
                                made_on=date.fromisoformat(made["made_on"]))
    shutil.rmtree(data_dir, ignore_errors=True)
    marker.unlink(missing_ok=True)
    ctx = BenchContext(youths=youths, root=root, data_dir=data_dir, seed=seed, made_on=date.today())
    log(f"bench: generating {youths:,} demo youths in {data_dir} …")
    cpu = time.process_time()
    from pac_desktop.demo import DemoDataService

    with ctx.services() as services:
        ctx.generation = DemoDataService(services.ctx).generate(youths=youths, seed=seed, progress=_progress(log))
    ctx.generation_cpu = time.process_time() - cpu
    marker.write_text(json.dumps({**wanted, "made_on": ctx.made_on.isoformat()}), encoding="utf-8")
    return ctx


def _progress(log: Callable[[str], None]) -> Callable[[int, int], None]:
    shown = [-1]

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            log(f"bench:   {done:,} / {total:,} youths")

    return progress


def cleanup(ctx: BenchContext, *, keep: bool) -> None:
    if keep:
        for path in ctx._scratch:
            shutil.rmtree(path, ignore_errors=True)
    else:
        shutil.rmtree(ctx.root, ignore_errors=True)
