"""The server's records as a push sees them: read by primary key, by case, and written as one batch (issue 16).

Outside a push every function reads and writes the database at once. Inside :func:`push_batch` (one push, in
its write transaction, the clock lock held) the batch is a unit of work:

- the records, case accesses and ledger entries the batch's mutations name are read in a few statements at the
  start, and every later read of them is answered from memory (``get_record``, ``case_territories``);
- ``seq`` numbers are counted in memory from the clock's value, and the clock row is written once at the end
  (commit order is still seq order: the clock row is locked from the transaction's first statement to its commit,
  SYNC.md §0);
- the rows written (records, their versions, feed rows, case accesses, ledger entries) are kept and written at
  the end with one ``executemany`` per table; the last write of a key wins, as it would have one by one;
- any other statement run on the connection meanwhile (a conflict, the staff directory, a check of
  another module) first writes what is pending, so nothing ever reads a stale table.

Every function takes the caller's open connection and never commits.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Connection,
    DateTime,
    Integer,
    String,
    TypeDecorator,
    bindparam,
    delete,
    event,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .models import SINGLETON_ID, AppliedMutation, CaseAccess, Feed, Record, RecordVersion, SyncClock

R = Record.__table__
F = Feed.__table__
A = CaseAccess.__table__
V = RecordVersion.__table__
LEDGER = AppliedMutation.__table__
_CLOCK = SyncClock.__table__
_BATCH_KEY = "pac_push_batch"
#: Keys per ``IN (…)`` of the batch's first reads (well under SQLite's and PostgreSQL's parameter limits).
_CHUNK = 400


@dataclass
class Current:
    entity: str
    id: str
    case_id: str | None
    territory_id: str | None
    version: int
    seq: int
    deleted: bool
    data: dict[str, Any]
    updated_at: datetime | None = None
    updated_by: str | None = None
    origin_device: str | None = None


# Statements built once and reused: building a Core statement per row costs more than running it.
_GET_RECORD = select(R).where(R.c.entity == bindparam("entity"), R.c.id == bindparam("id"))
_CASE_TERRITORIES = select(A.c.territory_id).where(A.c.case_id == bindparam("case_id"))
_NEXT_SEQ = (
    update(_CLOCK).where(_CLOCK.c.id == SINGLETON_ID).values(seq=_CLOCK.c.seq + 1).returning(_CLOCK.c.seq)
)
_UPSERTS: dict[tuple[str, str], Any] = {}


def upsert_statement(conn: Connection, table: Any, keys: list[str]) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE of every other column, with a bind parameter per column."""
    cache_key = (conn.dialect.name, table.name)
    stmt = _UPSERTS.get(cache_key)
    if stmt is None:
        ins = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
        columns = [c.name for c in table.columns]
        ins = ins.values({c: bindparam(c, type_=table.c[c].type) for c in columns})
        stmt = _UPSERTS[cache_key] = ins.on_conflict_do_update(
            index_elements=keys, set_={c: ins.excluded[c] for c in columns if c not in keys})
    return stmt


def write_rows(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str] | None = None) -> None:
    """Insert ``rows`` (each holding every column; with ``keys``: update the row already there).

    On PostgreSQL one statement whatever their number: each column's values as one array, zipped by ``unnest``
    (an ``executemany`` sends and binds the statement once per row, with the CPU of it, under the clock lock).
    On SQLite an ``executemany`` (its statements cost no round trip)."""
    if conn.dialect.name != "postgresql":
        conn.execute(upsert_statement(conn, table, keys) if keys else insert(table), rows)
        return
    sql, columns = _unnest_statement(table, tuple(keys or ()))
    params = {}
    for column, json_column in columns:
        values = [row[column] for row in rows]
        params[column] = [json.dumps(v) for v in values] if json_column else values  # as SQLAlchemy writes JSON
    conn.exec_driver_sql(sql, params)


#: Checked in this order (a BigInteger is an Integer).
_PG_ARRAY_TYPES = {BigInteger: "int8", Integer: "int4", Boolean: "bool", String: "text", DateTime: "timestamptz"}


@functools.cache
def _unnest_statement(table: Any, keys: tuple[str, ...]) -> tuple[str, list[tuple[str, bool]]]:
    """``INSERT … SELECT * FROM unnest(%(c)s::type[], …)`` for every column of ``table`` (an upsert on ``keys``),
    and each column's name with whether its values are JSON (sent as text, cast by PostgreSQL)."""
    columns, arrays = [], []
    for column in table.columns:
        kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        json_column = isinstance(kind, JSON)
        name = "jsonb" if json_column else next(t for cls, t in _PG_ARRAY_TYPES.items() if isinstance(kind, cls))
        columns.append((column.name, json_column))
        arrays.append(f"%({column.name})s::{name}[]")
    names = ", ".join(f'"{c}"' for c, _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) SELECT * FROM unnest({", ".join(arrays)})'
    if keys:
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c, _ in columns if c not in keys)
        sql += f' ON CONFLICT ({", ".join(keys)}) DO UPDATE SET {updates}'
    return sql, columns


class Batch:
    """What one push has read and not yet written (see the module's docstring)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.seq: int = conn.execute(select(_CLOCK.c.seq).where(_CLOCK.c.id == SINGLETON_ID)).scalar_one()
        self._written_seq = self.seq
        self.records: dict[tuple[str, str], Current | None] = {}
        self.access: dict[str, list[str]] = {}
        self.ledger: dict[str, dict[str, Any]] = {}
        #: Records written by the batch, by case: they overlay what a read of the case finds in the table.
        self._by_case: dict[str, dict[tuple[str, str], Current]] = {}
        self._case_rows: dict[tuple[str, str | None], dict[tuple[str, str], Current]] = {}
        self._records_out: dict[tuple[str, str], dict[str, Any]] = {}
        self._versions_out: list[dict[str, Any]] = []
        self._feed_out: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._ledger_out: list[dict[str, Any]] = []
        self._access_out: set[str] = set()
        #: True while the batch runs its own statements: they need no flush first (see ``_own``).
        self._busy = False

    @contextmanager
    def _own(self) -> Iterator[Connection]:
        """The batch's own statements. Its reads need no flush first: what the batch wrote is in memory and
        overlays what they read, and what it did not write is as the table holds it."""
        busy, self._busy = self._busy, True
        try:
            yield self.conn
        finally:
            self._busy = busy

    # -- first reads -----------------------------------------------------------------------------------

    def prefetch(self, keys: Iterable[tuple[str, str]], case_ids: Iterable[str], mutation_ids: Iterable[str],
                 case_entities: Iterable[str] = ()) -> None:
        """Read the batch's records, case accesses and ledger entries in a few statements, and the records of
        ``case_entities`` in each case (those the checks read for each change of a file)."""
        with self._own():
            self._prefetch(keys, case_ids, mutation_ids)
            cases = sorted(set(case_ids))
            entities = sorted(set(case_entities))
            for chunk in _chunks(cases, _CHUNK):
                for case_id in chunk:
                    for entity in entities:
                        self._case_rows.setdefault((case_id, entity), {})
                for row in self.conn.execute(select(R).where(R.c.case_id.in_(chunk), R.c.entity.in_(entities))):
                    found = self._case_rows.get((row.case_id, row.entity))
                    if found is not None:
                        found[(row.entity, row.id)] = Current(**row._mapping)

    def _prefetch(self, keys: Iterable[tuple[str, str]], case_ids: Iterable[str], mutation_ids: Iterable[str]) -> None:
        wanted = sorted({k for k in keys if k not in self.records})
        for chunk in _chunks(wanted, _CHUNK):
            for key in chunk:
                self.records[key] = None
            for row in self.conn.execute(select(R).where(tuple_(R.c.entity, R.c.id).in_(chunk))):
                self.records[(row.entity, row.id)] = Current(**row._mapping)
        cases = sorted({c for c in case_ids if c not in self.access})
        for chunk in _chunks(cases, _CHUNK):
            for case_id in chunk:
                self.access[case_id] = []
            for case_id, territory_id in self.conn.execute(select(A.c.case_id, A.c.territory_id)
                                                           .where(A.c.case_id.in_(chunk))):
                self.access[case_id].append(territory_id)
        for chunk in _chunks(sorted(set(mutation_ids)), _CHUNK):
            for mutation_id, result in self.conn.execute(select(LEDGER.c.mutation_id, LEDGER.c.result)
                                                         .where(LEDGER.c.mutation_id.in_(chunk))):
                self.ledger[mutation_id] = result

    # -- reads -----------------------------------------------------------------------------------------

    def get(self, entity: str, record_id: str) -> Current | None:
        key = (entity, record_id)
        if key not in self.records:
            with self._own() as conn:
                row = conn.execute(_GET_RECORD, {"entity": entity, "id": record_id}).first()
            self.records[key] = None if row is None else Current(**row._mapping)
        return self.records[key]

    def territories(self, case_id: str) -> list[str]:
        if case_id not in self.access:
            with self._own() as conn:
                self.access[case_id] = list(conn.execute(_CASE_TERRITORIES, {"case_id": case_id}).scalars())
        return self.access[case_id]

    def case_records(self, case_id: str, entity: str | None) -> list[Current]:
        """The records of a case (of one entity, or all), tombstones included, as the batch has left them."""
        found = self._case_rows.get((case_id, entity))
        if found is None:
            stmt = select(R).where(R.c.case_id == case_id)
            if entity is not None:
                stmt = stmt.where(R.c.entity == entity)
            with self._own() as conn:
                found = {(row.entity, row.id): Current(**row._mapping) for row in conn.execute(stmt)}
            self._case_rows[(case_id, entity)] = found
        merged = dict(found)
        for key, cur in self._by_case.get(case_id, {}).items():
            if entity is None or key[0] == entity:
                merged[key] = cur
        return list(merged.values())

    # -- writes ----------------------------------------------------------------------------------------

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def put_record(self, values: dict[str, Any]) -> Current:
        cur = Current(**values)
        key = (cur.entity, cur.id)
        self.records[key] = cur
        if cur.case_id is not None:
            self._by_case.setdefault(cur.case_id, {})[key] = cur
        self._records_out[key] = values
        return cur

    def add_version(self, values: dict[str, Any]) -> None:
        self._versions_out.append(values)

    def put_feed(self, values: dict[str, Any]) -> None:
        self._feed_out[(values["scope"], values["entity"], values["id"])] = values

    def set_access(self, case_id: str, territory_ids: list[str]) -> None:
        self.access[case_id] = list(territory_ids)
        self._access_out.add(case_id)

    def add_ledger(self, values: dict[str, Any]) -> None:
        self.ledger[values["mutation_id"]] = values["result"]
        self._ledger_out.append(values)

    @property
    def pending(self) -> bool:
        return bool(self._records_out or self._versions_out or self._feed_out or self._ledger_out
                    or self._access_out or self.seq != self._written_seq)

    def flush(self) -> None:
        """Write what is pending: one statement per table, and the clock."""
        if self._busy or not self.pending:
            return
        with self._own() as conn:
            if self._records_out:
                write_rows(conn, R, list(self._records_out.values()), ["entity", "id"])
                self._records_out = {}
            if self._versions_out:
                write_rows(conn, V, self._versions_out)
                self._versions_out = []
            if self._access_out:
                cases = sorted(self._access_out)
                for chunk in _chunks(cases, _CHUNK):
                    conn.execute(delete(A).where(A.c.case_id.in_(chunk)))
                rows = [{"case_id": c, "territory_id": t} for c in cases for t in self.access[c]]
                if rows:
                    write_rows(conn, A, rows)
                self._access_out = set()
            if self._feed_out:
                write_rows(conn, F, list(self._feed_out.values()), ["scope", "entity", "id"])
                self._feed_out = {}
            if self._ledger_out:
                write_rows(conn, LEDGER, self._ledger_out)
                self._ledger_out = []
            if self.seq != self._written_seq:
                conn.execute(update(_CLOCK).where(_CLOCK.c.id == SINGLETON_ID).values(seq=self.seq))
                self._written_seq = self.seq

    def _before_execute(self, *_args: Any, **_kwargs: Any) -> None:
        if not self._busy:
            self.flush()  # another module's statement: it sees the tables as the batch has left them


def batch_of(conn: Connection) -> Batch | None:
    return conn.info.get(_BATCH_KEY)


@contextmanager
def push_batch(conn: Connection) -> Iterator[Batch]:
    """One push's unit of work on ``conn`` (in a write transaction): everything is written when it ends."""
    if batch_of(conn) is not None:
        raise RuntimeError("a push batch is already open on this connection")
    batch = Batch(conn)
    conn.info[_BATCH_KEY] = batch
    event.listen(conn, "before_execute", batch._before_execute)
    try:
        yield batch
        batch.flush()
    finally:
        event.remove(conn, "before_execute", batch._before_execute)
        conn.info.pop(_BATCH_KEY, None)


# --------------------------------------------------------------------------------------------------
# The same reads and writes, inside a batch or not
# --------------------------------------------------------------------------------------------------


def get_record(conn: Connection, entity: str, record_id: str) -> Current | None:
    batch = batch_of(conn)
    if batch is not None:
        return batch.get(entity, record_id)
    row = conn.execute(_GET_RECORD, {"entity": entity, "id": record_id}).first()
    return None if row is None else Current(**row._mapping)


def case_territories(conn: Connection, case_id: str) -> list[str]:
    batch = batch_of(conn)
    if batch is not None:
        return list(batch.territories(case_id))
    return list(conn.execute(_CASE_TERRITORIES, {"case_id": case_id}).scalars())


def case_records(conn: Connection, case_id: str, entity: str | None = None) -> list[Current]:
    """The records of a youth's file (one entity's, or all), tombstones included."""
    batch = batch_of(conn)
    if batch is not None:
        return batch.case_records(case_id, entity)
    stmt = select(R).where(R.c.case_id == case_id)
    if entity is not None:
        stmt = stmt.where(R.c.entity == entity)
    return [Current(**row._mapping) for row in conn.execute(stmt)]


def next_seq(conn: Connection) -> int:
    batch = batch_of(conn)
    if batch is not None:
        return batch.next_seq()
    return conn.execute(_NEXT_SEQ).scalar_one()


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
