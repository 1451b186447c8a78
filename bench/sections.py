"""The registered bench sections: ``SECTIONS[name](ctx) -> list[Row]``, run in this order.

Add a section (see README.md): write ``def my_section(ctx: BenchContext) -> list[Row]`` decorated with
``@section("my_name")``, here or in a module ``bench/section_<name>.py`` (imported automatically).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .core import BenchContext, Row

SECTIONS: dict[str, Callable[[BenchContext], list[Row]]] = {}

#: The issue's target for the demo generator.
GENERATOR_TARGET_S = 60.0


_ORDER: dict[str, int] = {}


def section(
    name: str, *, order: int = 100
) -> Callable[[Callable[[BenchContext], list[Row]]], Callable[[BenchContext], list[Row]]]:
    """Register a section under ``name`` (``python -m bench --only name``); lower ``order`` runs first."""

    def register(fn: Callable[[BenchContext], list[Row]]) -> Callable[[BenchContext], list[Row]]:
        if name in SECTIONS:
            raise ValueError(f"bench section {name!r} is registered twice")
        SECTIONS[name] = fn
        _ORDER[name] = order
        return fn

    return register


@section("generator", order=10)
def generator(ctx: BenchContext) -> list[Row]:
    """The demo generator's speed for N youths: into an encrypted store as the app keeps it (the bench store
    itself when this run made it), and into a plain SQLite store for comparison."""
    from pac_desktop.demo import DemoDataService
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    n = ctx.youths
    if ctx.generation is not None:
        encrypted, cpu = ctx.generation, ctx.generation_cpu
    else:  # the bench store was reused (--keep): measure a fresh one
        cpu_start = time.process_time()
        with ctx.services(data_dir=ctx.scratch("generator-encrypted") / "data") as services:
            encrypted = DemoDataService(services.ctx).generate(youths=n, seed=ctx.seed)
        cpu = time.process_time() - cpu_start
    cpu_start = time.process_time()
    store = open_store(ctx.scratch("generator-plain") / "data")
    try:
        plain = DemoDataService(Services.build(store).ctx).generate(youths=n, seed=ctx.seed)
    finally:
        store.engine.dispose()
    plain_cpu = time.process_time() - cpu_start
    return [
        Row(f"generator: {n:,} youths, encrypted store", round(encrypted.seconds, 1), "s",
            f"target {GENERATOR_TARGET_S:.0f} s", round(encrypted.seconds / GENERATOR_TARGET_S, 2),
            f"CPU {cpu:.1f} s; {encrypted.rows:,} rows, {encrypted.staff_created:,} staff"),
        Row("generator: youths per second (encrypted)", round(n / encrypted.seconds), "youths/s"),
        Row("generator: rows per second (encrypted)", round(encrypted.rows / encrypted.seconds), "rows/s",
            notes=f"{encrypted.rows / n:.1f} rows per youth"),
        Row(f"generator: {n:,} youths, plain SQLite", round(plain.seconds, 1), "s",
            "encrypted store", round(plain.seconds / encrypted.seconds, 2), f"CPU {plain_cpu:.1f} s"),
        Row("generator: rows per second (plain SQLite)", round(plain.rows / plain.seconds), "rows/s"),
    ]


def load_section_modules() -> None:
    """Import ``bench/section_*.py`` so that their ``@section`` functions register (in file name order)."""
    import importlib
    import pkgutil
    from pathlib import Path

    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if info.name.startswith("section_"):
            importlib.import_module(f"bench.{info.name}")
    ordered = sorted(SECTIONS.items(), key=lambda item: _ORDER.get(item[0], 100))  # stable: ties keep their order
    SECTIONS.clear()
    SECTIONS.update(ordered)
