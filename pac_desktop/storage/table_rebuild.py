"""Rewriting the values of whole tables in place, for migrations that change how values are stored (0022, 0023).

Each table is copied once, its listed columns passed through SQL functions, into a new table of the same definition
(its rowids kept: the case file lists rows in the order they were written), then its indexes are built again from
their definitions (sorted, so packed) and the store's triggers put back; WITHOUT ROWID tables stay so. Run with
foreign keys off (storage.migrate does): SQLite's own procedure for changing a table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def rebuild_tables(conn: Any, plan: dict[str, dict[str, str]], functions: dict[str, Callable[[Any], Any]]) -> None:
    """Copy each table of ``plan`` ({table: {column: SQL function name}}) with those columns converted; the
    functions are registered on the connection under their names."""
    raw = conn.connection.driver_connection
    for name, function in functions.items():
        raw.create_function(name, 1, function, deterministic=True)
    # On a connection where foreign keys are on (a test's own downgrade), they are checked at the commit.
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    triggers = [sql for (sql,) in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]
    for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").all():
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    existing = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, columns in plan.items():
        if table in existing:
            _rebuild_table(conn, table, columns)
    for sql in triggers:
        conn.exec_driver_sql(sql)


def _rebuild_table(conn: Any, table: str, functions: dict[str, str]) -> None:
    create = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar_one()
    indexes = [sql for (sql,) in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        (table,))]
    info = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
    names = [r[1] for r in info]
    keys = [r for r in info if r[5]]
    # The rowid goes along, unless the table has none or an INTEGER PRIMARY KEY already is it.
    without_rowid = re.search(r"WITHOUT\s+ROWID\s*$", create, re.IGNORECASE) is not None
    integer_key = len(keys) == 1 and keys[0][2].upper() == "INTEGER"
    rowid = [] if without_rowid or integer_key else ["rowid"]
    copy = f"{table}__rebuilt"
    pattern = re.compile(rf'^\s*CREATE\s+TABLE\s+(?:"{re.escape(table)}"|{re.escape(table)})\s*\(', re.IGNORECASE)
    if pattern.match(create) is None:
        raise RuntimeError(f"unexpected definition of table {table}")
    conn.exec_driver_sql(pattern.sub(f'CREATE TABLE "{copy}" (', create, count=1))
    targets = ", ".join([*rowid, *(f'"{n}"' for n in names)])
    values = ", ".join([*rowid, *(f'{functions[n]}("{n}")' if n in functions else f'"{n}"' for n in names)])
    order = "" if without_rowid else " ORDER BY " + ("rowid" if rowid else f'"{keys[0][1]}"')
    conn.exec_driver_sql(f'INSERT INTO "{copy}" ({targets}) SELECT {values} FROM "{table}"{order}')
    conn.exec_driver_sql(f'DROP TABLE "{table}"')
    conn.exec_driver_sql(f'ALTER TABLE "{copy}" RENAME TO "{table}"')
    for sql in indexes:
        conn.exec_driver_sql(sql)
