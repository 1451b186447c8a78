"""Bench section "encryption": the SQLCipher store against the plain SQLite one, same data, same run (issue 7).

One store of ``youths`` fictitious youths made by the demo generator (plain), then an encrypted copy made by
the application's own conversion (``open_store(key=…)`` on a plain store: sqlcipher_export, checked row by
row). Then, alternating plain and encrypted so that neither gets the warmer caches:

- ``open``: ``open_store`` from nothing to a usable store (engine, key check, schema check, device id) and
  a first query — what a start-up pays;
- ``search``: ``YouthService.search`` for name prefixes over every youth (the "Jeunes" list);
- ``case_file``: ``CaseFileService.case_file`` of random youths (every table of a file);
- ``lookup``: 1,000 primary-key reads of a youth on a raw connection of the engine;
- ``scan``: a full count over the follow-up diary (every page of a large table decrypted);
- ``write``: single-row transactions (one follow-up event each, synchronous=FULL like the application);
- the conversion's own time and both files' sizes.

The raw key skips SQLCipher's passphrase KDF, as the application does with the key from the keyring.
``python -m bench --only encryption`` runs it on copies of the bench store (the plain one decrypted from it
with sqlcipher_export); ``python -m bench.section_encryption [--youths N]`` runs it alone on fresh stores
(the encrypted one made by the application's conversion, timed) and prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 3, 12)


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


def _timed(samples: list[float], fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = fn()
    samples.append(time.perf_counter() - started)
    return result


def run(*, youths: int = 100_000, rounds: int = 5, seed: int = 7, work_dir: Path | None = None) -> dict[str, Any]:
    warnings.simplefilter("ignore")  # SQLAlchemy's note about the expression indexes it cannot reflect
    from pac_desktop.demo import DemoDataService
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import PLAIN_BY_CHOICE_KEY, StoreKey, database_path, open_store

    key = StoreKey(raw=secrets.token_bytes(32))
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        plain_dir, enc_dir = Path(tmp) / "plain", Path(tmp) / "encrypted"
        store = open_store(plain_dir)
        services = Services.build(store, today=lambda: TODAY)
        started = time.perf_counter()
        report = DemoDataService(services.ctx).generate(youths=youths, seed=seed)
        generated_s = time.perf_counter() - started
        with store.engine.begin() as conn:  # as a store from before encryption: the application converts it
            conn.exec_driver_sql("DELETE FROM local_setting WHERE key = ?", (PLAIN_BY_CHOICE_KEY,))
        store.engine.dispose()  # the last connection closed: the WAL is checkpointed into the file
        enc_dir.mkdir()
        shutil.copyfile(database_path(plain_dir), database_path(enc_dir))
        started = time.perf_counter()
        open_store(enc_dir, key=key).engine.dispose()
        conversion_s = time.perf_counter() - started

        results = measure(plain_dir, enc_dir, key, rounds=rounds, seed=seed)
        results.update(youths=youths, store_rows=report.rows, generated_s=round(generated_s, 1),
                       conversion_s=round(conversion_s, 2))
    return results


def measure(plain_dir: Path, enc_dir: Path, key: Any, *, rounds: int, seed: int) -> dict[str, Any]:
    """Open, search, case file, lookup, scan and write on both stores, alternated; percentiles and ratios."""
    warnings.simplefilter("ignore")
    from sqlalchemy import select

    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD
    from pac_desktop.domain.enums import FollowUpKind
    from pac_desktop.services.registry import Services
    from pac_desktop.services.youths import ALL_YOUTHS
    from pac_desktop.storage.models import FollowUpEvent, Youth
    from pac_desktop.storage.store import StoreKey, database_path, open_store

    rng = random.Random(seed)
    dirs: dict[str, tuple[Path, StoreKey | None]] = {"plain": (plain_dir, None), "encrypted": (enc_dir, key)}
    timings: dict[str, dict[str, list[float]]] = {
        name: {"open": [], "search": [], "case_file": [], "lookup": [], "scan": [], "write": []} for name in dirs
    }
    probe = open_store(plain_dir)
    probe_services = Services.build(probe, today=lambda: TODAY)
    actor = probe_services.staff.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
    with probe.read_session_factory() as session:
        ids = list(session.scalars(select(Youth.id)))
        names = list(session.scalars(select(Youth.last_name).limit(2000)))
        mine = list(session.scalars(select(Youth.id).where(Youth.territory_id == actor.territory_id).limit(2000)))
    probe.engine.dispose()
    prefixes = [n[:k] for n in rng.sample(names, min(40, len(names))) for k in (2, 3, 5)]
    # Case files the demo counsellor may open (their territory): the service checks the role, as in the app.
    sample_ids = rng.sample(mine, min(60, len(mine)))
    lookups = [rng.choice(ids) for _ in range(1000)]
    from pac_desktop.storage.base import id_to_store

    stored_lookups = [id_to_store(i) for i in lookups]  # as the store keeps them (CompactId: 16 bytes)

    for round_number in range(rounds):
        order = list(dirs) if round_number % 2 == 0 else list(reversed(dirs))
        for name in order:
            folder, store_key = dirs[name]
            t = timings[name]
            opened = _timed(t["open"], lambda f=folder, k=store_key: _open_and_query(open_store, f, k))
            services = Services.build(opened, today=lambda: TODAY)
            for prefix in prefixes:
                _timed(t["search"], lambda p=prefix, sv=services: sv.youths.search(by=actor, query=p,
                                                                                   filters=ALL_YOUTHS))
            for youth_id in sample_ids:
                _timed(t["case_file"], lambda y=youth_id, sv=services: sv.casefile.case_file(youth_id=y, by=actor))
            raw = opened.engine.raw_connection()
            try:
                cursor = raw.cursor()
                started = time.perf_counter()
                for youth_id in stored_lookups:
                    cursor.execute("SELECT * FROM youth WHERE id = ?", (youth_id,)).fetchone()
                t["lookup"].append((time.perf_counter() - started) / len(lookups))
                _timed(t["scan"], lambda c=cursor: c.execute(
                    "SELECT count(*), max(occurred_on) FROM follow_up_event WHERE note <> ''").fetchone())
            finally:
                raw.close()
            for youth_id in sample_ids[:20]:
                def write(y: str = youth_id, sv: Services = services) -> None:
                    with sv.ctx.write() as session:
                        session.add(FollowUpEvent(case_id=y, youth_id=y, kind=FollowUpKind.CALL,
                                                  occurred_on=TODAY, note="Appel de suivi (banc d'essai)"))
                _timed(t["write"], write)
            opened.engine.dispose()

    results: dict[str, Any] = {
        "size_mb": {name: round(database_path(f).stat().st_size / 1e6, 1) for name, (f, _k) in dirs.items()},
        "rounds": rounds,
    }
    for name in dirs:
        results[name] = {layer: _percentiles(samples) for layer, samples in timings[name].items()}
    results["ratio_p50"] = {
        layer: round(results["encrypted"][layer]["p50_ms"] / max(results["plain"][layer]["p50_ms"], 1e-6), 2)
        for layer in timings["plain"]
    }
    return results


LAYERS = {
    "open": "open the store and a first query",
    "search": "search over every youth (YouthService.search)",
    "case_file": "a case file (CaseFileService.case_file)",
    "lookup": "a youth read by primary key",
    "scan": "full scan of the follow-up diary",
    "write": "one follow-up event, one transaction",
}


@section("encryption", order=60)
def encryption(ctx: BenchContext) -> list[Row]:
    """Encrypted bench store against a plain copy decrypted from it: same data, same run, alternated."""
    import sqlcipher3

    from pac_desktop.security.store_key import StoreKeyring, read_keyinfo
    from pac_desktop.storage.store import PLAIN_BY_CHOICE_KEY, database_path

    enc_dir = ctx.copy_store("encryption-encrypted")
    plain_dir = ctx.scratch("encryption-plain") / "data"
    plain_dir.mkdir()
    info = read_keyinfo(database_path(enc_dir))
    key = StoreKeyring().get(info.store_id)
    conn = sqlcipher3.connect(str(database_path(enc_dir)), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        target = str(database_path(plain_dir)).replace("'", "''")
        conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        conn.execute("BEGIN")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute(f"INSERT OR REPLACE INTO plain.local_setting (key, value) VALUES ('{PLAIN_BY_CHOICE_KEY}', '1')")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    results = measure(plain_dir, enc_dir, key, rounds=3, seed=ctx.seed)
    rows = []
    for layer, label in LAYERS.items():
        enc, plain = results["encrypted"][layer], results["plain"][layer]
        rows.append(Row(f"encryption: {label}, p50", enc["p50_ms"], "ms", f"plain SQLite: {plain['p50_ms']} ms",
                        results["ratio_p50"][layer], f"p95 {enc['p95_ms']} ms (plain {plain['p95_ms']} ms), "
                        f"n={enc['n']}"))
    rows.append(Row("encryption: store size", results["size_mb"]["encrypted"], "MB",
                    f"plain SQLite: {results['size_mb']['plain']} MB",
                    round(results["size_mb"]["encrypted"] / results["size_mb"]["plain"], 2)))
    return rows


def _open_and_query(open_store: Callable[..., Any], folder: Path, key: Any) -> Any:
    opened = open_store(folder, key=key)
    with opened.engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM territory").scalar()
    return opened


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.section_encryption", description=__doc__.split("\n")[0])
    parser.add_argument("--youths", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work-dir", type=Path, default=None, help="where the temporary stores go")
    args = parser.parse_args(argv)
    print(json.dumps(run(youths=args.youths, rounds=args.rounds, work_dir=args.work_dir), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
