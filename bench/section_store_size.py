"""Bench section "store_size": the encrypted store's size on disk, per youth, and where the bytes go (issue 16 §6).

SQLCipher's build has no ``dbstat`` table, so the section reads the store's exact layout from a plain copy made
page by page: each page decrypted with the store's raw key (SQLCipher 4: AES-256-CBC, the page's IV in its
reserved tail), same page numbers, same fill, same free pages. The stdlib sqlite3's ``dbstat`` then tells, per
table and per index: pages, payload, unused bytes. When the page-by-page copy cannot be made (a passphrase key,
another SQLCipher format), a ``sqlcipher_export`` copy is used instead: its layout is a freshly vacuumed one, said
so in the notes.

Also measured on the same copy: the bytes of the values themselves, by kind — UUID keys stored as 16-byte blobs
(migration 0022) or as 36-character text (before it), the sync columns every synced row carries, the outbox's JSON — and the rows per youth.
``python -m bench.section_store_size DIR`` prints the breakdown of the bench folder ``DIR`` (``--keep DIR``).

Measured (``--youths 10000 --only generator --only store_size``, 2026-12-03, the machine shared, load 3 to 11):

| store of 10,000 demo youths                        | MB   | kB a youth | tables | indexes | unused in pages |
|----------------------------------------------------|------|------------|--------|---------|-----------------|
| 0023 (integer timestamps)                          | 70.4 | 7.0        | 4.33   | 2.71    | 0.49            |
| 0024, the 0023 store upgraded (3 to 5 s)           | 58.9 | 5.9        | 4.00   | 1.88    | 0.18            |
| 0024, generated anew (vacuumed after the bulk work) | 58.6 | 5.9        | 3.97   | 1.88    | 0.19            |

0024: no ``case_id`` index (−0.5 kB: storage.case_rows finds a case's rows through the other indexes),
``origin_device`` on the consent only (−0.35 kB), indexes packed by a VACUUM after the upgrade, a first sync or
demo data (−0.3 kB: random ids leave index pages a quarter empty).
"""

from __future__ import annotations

import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.core import BenchContext, Row
from bench.sections import section

#: The issue's target.
TARGET_BYTES_PER_YOUTH = 6_000
#: SQLCipher 4's defaults: a 16-byte IV and a 64-byte HMAC-SHA512 at the end of every page; the salt in the first
#: 16 bytes of page 1.
_IV_BYTES = 16
_SALT_BYTES = 16
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SYNC_COLUMNS = ("id", "version", "seq", "updated_at", "updated_by", "origin_device", "deleted_at")


@dataclass
class Breakdown:
    """What dbstat and a scan of the values say about one store."""

    file_bytes: int
    page_size: int
    reserved: int
    pages: int
    free_pages: int
    exact: bool  # True: the layout on disk; False: a vacuumed copy
    #: name -> (kind "table"/"index", table, pages bytes, payload, unused)
    objects: dict[str, tuple[str, str, int, int, int]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    #: index name -> its columns (empty for an expression index)
    index_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Bytes of the values (not counting SQLite's headers), by kind: UUIDs as 36-character text (stores before
    #: migration 0022) and as 16-byte blobs (storage.base.CompactId).
    uuid_text: int = 0
    uuid_blob: int = 0
    #: Timestamps (DATETIME columns): as text "YYYY-MM-DD HH:MM:SS.ffffff" (before 0022), as integers.
    time_text: int = 0
    time_integer: int = 0
    sync_columns: int = 0
    json_text: int = 0

    def total(self, kind: str | None = None, *, of: int = 2) -> int:
        return sum(o[of] for o in self.objects.values() if kind is None or o[0] == kind)


def decrypt_pages(source: Path, target: Path, raw_key: bytes, *, page_size: int, reserved: int) -> None:
    """A plain SQLite file with the same pages as the SQLCipher 4 store ``source`` (raw key, default cipher)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    with open(source, "rb") as src, open(target, "wb") as dst:
        number = 0
        while page := src.read(page_size):
            if len(page) < page_size:
                break
            start = _SALT_BYTES if number == 0 else 0
            iv = page[page_size - reserved : page_size - reserved + _IV_BYTES]
            decryptor = Cipher(algorithms.AES(raw_key), modes.CBC(iv)).decryptor()
            plain = decryptor.update(page[start : page_size - reserved]) + decryptor.finalize()
            if number == 0:
                plain = b"SQLite format 3\0" + plain
            dst.write(plain + bytes(reserved))
            number += 1


def export_plain(source: Path, target: Path, key: Any) -> None:
    """A plain, vacuumed copy through sqlcipher_export (any key, any cipher settings)."""
    import sqlcipher3

    target.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(source), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        escaped = str(target).replace("'", "''")
        conn.execute(f"ATTACH DATABASE '{escaped}' AS plain KEY ''")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()


def plain_layout(db: Path, key: Any, work: Path) -> tuple[Path, bool]:
    """(a plain copy of the encrypted store ``db``, whether it has the store's exact layout)."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()
    target = work / "layout.sqlite3"
    if key.raw is not None:
        try:
            decrypt_pages(db, target, key.raw, page_size=page_size, reserved=_reserved_bytes(db, key))
            check = sqlite3.connect(target)
            try:
                if check.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                    return target, True
            finally:
                check.close()
        except (sqlite3.Error, ValueError, OSError):
            pass
    export_plain(db, target, key)
    return target, False


def _reserved_bytes(db: Path, key: Any) -> int:
    import sqlcipher3

    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # SQLCipher reserves IV + HMAC at the end of each page: 16 + 64 bytes with its defaults.
        hmac = conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()
    finally:
        conn.close()
    return _IV_BYTES + {"HMAC_SHA1": 20, "HMAC_SHA256": 32}.get(hmac[0] if hmac else "", 64)


def analyse(plain: Path, *, exact: bool, file_bytes: int, reserved: int) -> Breakdown:
    conn = sqlite3.connect(plain)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        b = Breakdown(file_bytes=file_bytes, page_size=page_size, reserved=reserved,
                      pages=conn.execute("PRAGMA page_count").fetchone()[0],
                      free_pages=conn.execute("PRAGMA freelist_count").fetchone()[0], exact=exact)
        kinds = {name: (kind, table) for kind, name, table in conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")}
        for name, (kind, _table) in kinds.items():
            if kind == "index":
                b.index_columns[name] = tuple(r[2] or "" for r in conn.execute(f'PRAGMA index_info("{name}")'))
        for name, size, payload, unused in conn.execute(
                "SELECT name, sum(pgsize), sum(payload), sum(unused) FROM dbstat GROUP BY name"):
            kind, table = kinds.get(name, ("table", name))
            b.objects[name] = (kind, table, size, payload, unused)
        for name, (kind, _table) in kinds.items():
            if kind != "table" or name.startswith("sqlite_"):
                continue
            info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            columns, declared_types = [r[1] for r in info], [r[2] or "" for r in info]
            b.rows[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            if not b.rows[name]:
                continue
            sample = conn.execute(f'SELECT * FROM "{name}" LIMIT 50').fetchall()
            uuid_columns = [c for i, c in enumerate(columns) if any(
                (isinstance(r[i], str) and _UUID.match(r[i])) or (isinstance(r[i], bytes) and len(r[i]) == 16)
                for r in sample)]
            lengths = ", ".join(f"coalesce(sum({_stored_bytes(c)}), 0)" for c in columns)
            sums = dict(zip(columns, conn.execute(f'SELECT {lengths} FROM "{name}"').fetchone(), strict=True))
            if uuid_columns:
                blobs = ", ".join(f"""coalesce(sum(CASE typeof("{c}") WHEN 'blob' THEN length("{c}") END), 0)"""
                                  for c in uuid_columns)
                as_blob = sum(conn.execute(f'SELECT {blobs} FROM "{name}"').fetchone())
                b.uuid_blob += as_blob
                b.uuid_text += sum(sums[c] for c in uuid_columns) - as_blob
            synced = "version" in columns and "updated_at" in columns  # origin_device: consent only (0024)
            b.sync_columns += sum(sums.get(c, 0) for c in _SYNC_COLUMNS) if synced else 0
            for c, declared in zip(columns, declared_types, strict=True):
                if declared.upper() == "DATETIME" and sums[c]:
                    as_integer = conn.execute(f"""SELECT coalesce(sum({_stored_bytes(c)}), 0) FROM "{name}"
                                                  WHERE typeof("{c}") = 'integer'""").fetchone()[0]
                    b.time_integer += as_integer
                    b.time_text += sums[c] - as_integer
            if name == "outbox":
                b.json_text += sums.get("fields", 0) + sums.get("base", 0)
        return b
    finally:
        conn.close()


def _stored_bytes(column: str) -> str:
    """SQL: the bytes of a value in a record (SQLite's record format: integers in 1 to 8 bytes)."""
    c = f'"{column}"'
    return (f"CASE typeof({c}) WHEN 'null' THEN 0 WHEN 'real' THEN 8 WHEN 'integer' THEN CASE "
            f"WHEN abs({c}) < 128 THEN 1 WHEN abs({c}) < 32768 THEN 2 WHEN abs({c}) < 8388608 THEN 3 "
            f"WHEN abs({c}) < 2147483648 THEN 4 WHEN abs({c}) < 140737488355328 THEN 6 ELSE 8 END "
            f"ELSE length(CAST({c} AS BLOB)) END")


def breakdown_of(data_dir: Path, key: Any, work: Path) -> Breakdown:
    from pac_desktop.paths import database_path

    db = database_path(data_dir)
    file_bytes = sum(p.stat().st_size for p in data_dir.glob(db.name + "*") if p.name in
                     (db.name, db.name + "-wal", db.name + "-shm"))
    plain, exact = plain_layout(db, key, work)
    try:
        return analyse(plain, exact=exact, file_bytes=file_bytes, reserved=_reserved_bytes(db, key))
    finally:
        plain.unlink(missing_ok=True)


def rows_for(b: Breakdown, youths: int) -> list[Row]:
    per = max(youths, 1)

    def kb(v: float) -> float:
        return round(v / per / 1e3, 2)

    tables, indexes = b.total("table"), b.total("index")
    unused = b.total(of=4)
    free = b.free_pages * b.page_size
    layout = "the layout on disk (pages decrypted one by one)" if b.exact else "a vacuumed copy (sqlcipher_export)"
    out = [
        Row(f"store size: {youths:,} youths (encrypted)", round(b.file_bytes / 1e6, 1), "MB",
            notes=f"{b.pages:,} pages of {b.page_size:,} bytes, {sum(b.rows.values()) / per:.1f} rows per youth"),
        Row("store size per youth", round(b.file_bytes / per / 1e3, 1), "kB",
            f"target ≤ {TARGET_BYTES_PER_YOUTH / 1e3:.0f} kB", round(b.file_bytes / per / TARGET_BYTES_PER_YOUTH, 2)),
        Row("store size per youth: tables / indexes", f"{kb(tables)} / {kb(indexes)}", "kB",
            notes=f"dbstat on {layout}"),
        Row("store size per youth: unused in pages / free pages / cipher reserve", f"{kb(unused)} / {kb(free)} / "
            f"{kb(b.pages * b.reserved)}", "kB",
            notes=f"{b.reserved} bytes of IV and HMAC reserved in each page"),
        Row("store size per youth: UUID keys as 16 bytes / as text / sync columns",
            f"{kb(b.uuid_blob)} / {kb(b.uuid_text)} / {kb(b.sync_columns)}", "kB",
            notes="values only, in tables (indexes repeat them); text: 36 characters (stores before migration "
                  "0022); sync: id, version, seq, updated_*, origin_device, deleted_at"),
        Row("store size per youth: timestamps as integers / as text", f"{kb(b.time_integer)} / {kb(b.time_text)}",
            "kB", notes="values only, in tables; integers: µs since 1970 (migration 0023), text: 26 characters"),
        Row("store size: outbox / acked archive / audit rows", f"{b.rows.get('outbox', 0):,} / "
            f"{b.rows.get('acked_archive', 0):,} / {b.rows.get('audit_event', 0):,}", "rows",
            notes=f"outbox JSON {kb(b.json_text)} kB per youth"),
    ]
    by_kind = {"primary keys (id)": 0, "case_id": 0, "other": 0}
    for name, (kind, _table, size, _payload, _unused) in b.objects.items():
        if kind == "index":
            columns = b.index_columns.get(name, ())
            by_kind["primary keys (id)" if columns == ("id",) else "case_id" if columns == ("case_id",)
                    else "other"] += size
    out.append(Row("store size per youth: indexes on " + " / ".join(by_kind), " / ".join(
        str(kb(v)) for v in by_kind.values()), "kB", notes=f"{len(b.index_columns)} indexes"))
    biggest = sorted(b.objects.items(), key=lambda item: item[1][2], reverse=True)[:12]
    for name, (kind, table, size, payload, unused_bytes) in biggest:
        label = name if kind == "table" else f"{name} (index of {table})"
        out.append(Row(f"store size per youth: {label}", kb(size), "kB",
                       notes=f"payload {kb(payload)} kB, unused {100 * unused_bytes / max(size, 1):.0f} %"
                             + (f", {b.rows.get(name, 0) / per:.1f} rows per youth" if kind == "table" else "")))
    return out


@section("store_size", order=20)
def store_size(ctx: BenchContext) -> list[Row]:
    """The bench store's size on disk (database, WAL and shared memory files), in total and per youth, and where
    the bytes go (dbstat on the store's layout: tables, indexes, free space inside pages, free pages)."""
    from pac_desktop.storage.store import engine_key

    with ctx.services() as services:  # a clean open and close folds the WAL back into the database file
        youths = services.stats.by_territory()
        key = engine_key(services.ctx.store.engine)
    n = sum(t.youths for t in youths) or ctx.youths
    if key is None:
        total = ctx.store_bytes()
        return [Row(f"store size: {n:,} youths (plain)", round(total / 1e6, 1), "MB"),
                Row("store size per youth", round(total / n / 1e3, 1), "kB")]
    return rows_for(breakdown_of(ctx.data_dir, key, ctx.scratch("store_size")), n)


def main(argv: list[str]) -> None:
    """``python -m bench.section_store_size DIR``: the breakdown of a bench folder kept with ``--keep DIR``."""
    import tempfile

    from bench.core import install_bench_keyring
    from pac_desktop.security.store_key import open_encrypted_store
    from pac_desktop.storage.store import engine_key

    root = Path(argv[0]).resolve()
    install_bench_keyring(root)
    store = open_encrypted_store(root / "data")
    try:
        key = engine_key(store.engine)
        with store.engine.connect() as conn:
            youths = conn.exec_driver_sql("SELECT count(*) FROM youth").scalar() or 0
    finally:
        store.engine.dispose()
    with tempfile.TemporaryDirectory() as work:
        for row in rows_for(breakdown_of(root / "data", key, Path(work)), youths):
            print(f"{row.measure:<80} {row.value!s:>16} {row.unit:<5} {row.notes}")


if __name__ == "__main__":
    main(sys.argv[1:])
