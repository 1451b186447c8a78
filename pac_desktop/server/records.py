"""The server's records as a push sees them: read by primary key, by case, and written as one batch (issue 16).

Outside a push every function reads and writes the database at once. Inside :func:`push_batch` (one push, in
its write transaction, the clock lock held) the batch is a unit of work:

- the records, case accesses and ledger entries the batch's mutations name are read at the start (on PostgreSQL
  in one statement, with what the staff directory needs of their authors and their signing keys), and every
  later read of them is answered from memory (``get_record``, ``case_territories``);
- ``seq`` numbers are counted in memory from the clock's value, and the clock row is written once at the end
  (commit order is still seq order: the clock row is locked from the transaction's first statement to its commit,
  SYNC.md §0);
- the rows written (records, their versions, feed rows, case accesses, ledger entries) are kept and written at
  the end: on PostgreSQL one statement for them all and the clock, on SQLite one ``executemany`` per table; the
  last write of a key wins, as it would have one by one;
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
from datetime import UTC, datetime
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
_LOCK_CLOCK = select(_CLOCK.c.seq).where(_CLOCK.c.id == SINGLETON_ID).with_for_update()
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
    """Insert ``rows`` (each holding every column; with ``keys``: update the row already there) with an
    ``executemany`` (SQLite, whose statements cost no round trip; PostgreSQL writes a batch with one statement,
    :meth:`Batch._flush_pg`)."""
    conn.execute(upsert_statement(conn, table, keys) if keys else insert(table), rows)


#: Checked in this order (a BigInteger is an Integer).
_PG_TYPES = {BigInteger: "int8", Integer: "int4", Boolean: "bool", String: "text", DateTime: "timestamptz"}


#: One encoder for every statement (json.dumps builds a new one each call). Timestamps are written out before
#: (:func:`_with_iso_times`): a ``default`` hook called back by the C encoder costs more than the whole row.
_json_rows = json.JSONEncoder(separators=(",", ":")).encode


def _with_iso_times(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """``rows`` with their timestamp ``columns`` in ISO 8601 (as PostgreSQL reads them back into timestamptz)."""
    if not columns:
        return rows
    return [{**row, **{c: row[c].isoformat() for c in columns if row[c] is not None}} for row in rows]


@functools.cache
def _recordset_insert(table: Any, keys: tuple[str, ...], param: str, *,
                      ignore_existing: bool = False) -> tuple[str, tuple[str, ...]]:
    """``INSERT INTO table … SELECT … FROM jsonb_to_recordset(%(param)s)`` (an upsert on ``keys``; with
    ``ignore_existing``, rows already there are kept), and the table's timestamp columns. A JSON column's None
    is written as JSON null, as SQLAlchemy writes it."""
    columns, definitions, selected, times = [], [], [], []
    for column in table.columns:
        kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        json_column = isinstance(kind, JSON)
        name = "jsonb" if json_column else next(t for cls, t in _PG_TYPES.items() if isinstance(kind, cls))
        columns.append(f'"{column.name}"')
        definitions.append(f'"{column.name}" {name}')
        if name == "timestamptz":
            times.append(column.name)
        selected.append(f"COALESCE(x.\"{column.name}\", 'null'::jsonb)" if json_column else f'x."{column.name}"')
    sql = (f'INSERT INTO "{table.name}" ({", ".join(columns)}) SELECT {", ".join(selected)} FROM '
           f'jsonb_to_recordset(%({param})s::jsonb) AS x({", ".join(definitions)})')
    if keys:
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c.strip('"') not in keys)
        sql += f' ON CONFLICT ({", ".join(keys)}) DO UPDATE SET {updates}'
    elif ignore_existing:
        sql += " ON CONFLICT DO NOTHING"
    return sql, tuple(times)


_RECORD_COLUMNS = ("entity, id, case_id, territory_id, version, seq, deleted, data, updated_at, updated_by, "
                   "origin_device")
#: A batch's first reads on PostgreSQL, as one statement (:meth:`Batch.prefetch`): each row says what it is — a
#: record asked for by key or an organisation of an author ("r"), a record of a case ("c"), an author's role
#: ("s", its data in the 8th column), a case access ("a": case, territory), a ledger entry ("l": id, result in
#: the 8th column) or an active signing key ("k": id, staff, public key).
_PREFETCH_PG = f"""
WITH k AS (SELECT e, i FROM jsonb_to_recordset(%(keys)s::jsonb) AS x(e text, i text)),
     c AS (SELECT jsonb_array_elements_text(%(cases)s::jsonb) AS case_id),
     a AS (SELECT jsonb_array_elements_text(%(authors)s::jsonb) AS staff_id)
SELECT 'r', {_RECORD_COLUMNS} FROM records JOIN k ON entity = k.e AND id = k.i
UNION ALL
SELECT 'c', {_RECORD_COLUMNS} FROM records
 WHERE case_id IN (SELECT case_id FROM c) AND entity IN (SELECT jsonb_array_elements_text(%(entities)s::jsonb))
UNION ALL
SELECT 'r', {_RECORD_COLUMNS} FROM records WHERE entity = 'organisation' AND id IN
 (SELECT s.data ->> 'organisation_id' FROM records AS s WHERE s.entity = 'staff' AND s.id IN (SELECT staff_id FROM a))
UNION ALL
SELECT 's', {_RECORD_COLUMNS} FROM records
 WHERE entity = 'staff_role' AND deleted IS false AND data ->> 'staff_id' IN (SELECT staff_id FROM a)
UNION ALL
SELECT 'a', case_id, territory_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM case_access
 WHERE case_id IN (SELECT case_id FROM c)
UNION ALL
SELECT 'l', mutation_id, NULL, NULL, NULL, NULL, NULL, NULL, result, NULL, NULL, NULL FROM applied_mutations
 WHERE mutation_id IN (SELECT jsonb_array_elements_text(%(mutations)s::jsonb))
UNION ALL
SELECT 'k', key_id, staff_id, public_key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM staff_key
 WHERE key_id IN (SELECT jsonb_array_elements_text(%(kids)s::jsonb)) AND revoked_at IS NULL
"""


class Batch:
    """What one push has read and not yet written (see the module's docstring)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # FOR UPDATE: the batch's first statement may be its transaction's first (db.write_transaction with
        # lock_clock=False); a second lock of the row by the same transaction costs nothing.
        self.seq: int = conn.execute(_LOCK_CLOCK).scalar_one()
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
        #: Prefetched for the staff directory (PostgreSQL): the roles of the batch's authors (None once a role is
        #: written by the batch) and the active signing keys named by its mutations (None: unknown or revoked).
        self.staff_roles: dict[str, list[dict[str, Any]]] | None = None
        self.staff_keys: dict[str, tuple[str, bytes] | None] = {}

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
                 case_entities: Iterable[str] = (), *, authors: Iterable[str] = (),
                 key_ids: Iterable[str] = ()) -> None:
        """Read the batch's records, case accesses and ledger entries in a few statements, and the records of
        ``case_entities`` in each case (those the checks read for each change of a file). On PostgreSQL, one
        statement that also reads what the staff directory needs of ``authors`` (their staff and organisation
        records, their roles) and the signing keys ``key_ids`` (pac_desktop.server.access, authorship)."""
        with self._own():
            if self.conn.dialect.name == "postgresql":
                self._prefetch_pg(keys, case_ids, mutation_ids, case_entities, authors, key_ids)
                return
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

    def _prefetch_pg(self, keys: Iterable[tuple[str, str]], case_ids: Iterable[str], mutation_ids: Iterable[str],
                     case_entities: Iterable[str], authors: Iterable[str], key_ids: Iterable[str]) -> None:
        authors = sorted(set(authors))
        wanted = sorted({k for k in keys if k not in self.records} | {("staff", a) for a in authors})
        cases = sorted({c for c in case_ids if c not in self.access})
        entities = sorted(set(case_entities))
        mutations = sorted(set(mutation_ids))
        kids = sorted(set(key_ids))
        for key in wanted:
            self.records[key] = None
        for case_id in cases:
            self.access[case_id] = []
            for entity in entities:
                self._case_rows.setdefault((case_id, entity), {})
        roles: dict[str, list[dict[str, Any]]] = {a: [] for a in authors}
        self.staff_keys = dict.fromkeys(kids)
        params = {"keys": _json_rows([{"e": e, "i": i} for e, i in wanted]), "cases": _json_rows(cases),
                  "entities": _json_rows(entities), "mutations": _json_rows(mutations),
                  "authors": _json_rows(authors), "kids": _json_rows(kids)}
        for row in self.conn.exec_driver_sql(_PREFETCH_PG, params):
            kind = row[0]
            if kind == "r" or kind == "c":
                cur = Current(*row[1:])
                if cur.updated_at is not None:
                    cur.updated_at = cur.updated_at.astimezone(UTC)
                key = (cur.entity, cur.id)
                if kind == "r":
                    self.records[key] = cur
                else:
                    found = self._case_rows.get((cur.case_id, cur.entity))
                    if found is not None:
                        found[key] = cur
            elif kind == "s":
                staff_id = (row[8] or {}).get("staff_id")
                if staff_id in roles:
                    roles[staff_id].append(row[8])
            elif kind == "a":
                self.access[row[1]].append(row[2])
            elif kind == "l":
                self.ledger[row[1]] = row[8]
            elif kind == "k":
                self.staff_keys[row[1]] = (row[2], bytes.fromhex(row[3]))
        self.staff_roles = roles

    def roles_of(self, staff_id: str) -> list[dict[str, Any]] | None:
        """The data of a staff member's live roles as prefetched (None: not prefetched, or a role was written
        since: the directory reads them)."""
        return self.staff_roles.get(staff_id) if self.staff_roles is not None else None

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
        if cur.entity == "staff_role":
            self.staff_roles = None
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
        """Write what is pending: on PostgreSQL one statement for every table and the clock; on SQLite one
        statement per table (its statements cost no round trip)."""
        if self._busy or not self.pending:
            return
        with self._own() as conn:
            if conn.dialect.name == "postgresql":
                self._flush_pg(conn)
                return
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

    def _flush_pg(self, conn: Connection) -> None:
        """Everything pending as one statement (issue 16): each table's rows travel as one JSON document, read by
        ``jsonb_to_recordset`` in a data-modifying ``WITH`` of its own, and the clock row is the statement's own
        ``UPDATE``. One round trip and one parameter per table, encoded by the json module in C (per-column
        arrays cost psycopg's array dumper in Python for every value)."""
        parts: list[str] = []
        params: dict[str, str] = {}

        def add(name: str, statement: tuple[str, tuple[str, ...]], rows: list[dict[str, Any]]) -> None:
            sql, times = statement
            parts.append(f"{name} AS ({sql})")
            params[name] = _json_rows(_with_iso_times(rows, times))

        if self._records_out:
            add("w_records", _recordset_insert(R, ("entity", "id"), "w_records"), list(self._records_out.values()))
            self._records_out = {}
        if self._versions_out:
            add("w_versions", _recordset_insert(V, (), "w_versions"), self._versions_out)
            self._versions_out = []
        if self._access_out:
            cases = sorted(self._access_out)
            rows = [{"case_id": c, "territory_id": t} for c in cases for t in self.access[c]]
            # The accesses of the cases written: those no longer held go, the new ones come (kept ones stay).
            add("w_access", _recordset_insert(A, (), "w_access", ignore_existing=True), rows)
            params["w_access_cases"] = _json_rows(cases)
            parts.append(
                "w_access_gone AS (DELETE FROM case_access WHERE case_id IN "
                "(SELECT jsonb_array_elements_text(%(w_access_cases)s::jsonb)) AND (case_id, territory_id) NOT IN "
                "(SELECT case_id, territory_id FROM jsonb_to_recordset(%(w_access)s::jsonb) "
                "AS x(case_id text, territory_id text)))")
            self._access_out = set()
        if self._feed_out:
            add("w_feed", _recordset_insert(F, ("scope", "entity", "id"), "w_feed"), list(self._feed_out.values()))
            self._feed_out = {}
        if self._ledger_out:
            add("w_ledger", _recordset_insert(LEDGER, (), "w_ledger"), self._ledger_out)
            self._ledger_out = []
        params["seq"] = self.seq  # type: ignore[assignment]
        clock = f"UPDATE sync_clock SET seq = %(seq)s WHERE id = {SINGLETON_ID}"
        conn.exec_driver_sql(f"WITH {', '.join(parts)} {clock}" if parts else clock, params)
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
