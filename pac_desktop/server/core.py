"""The server side of sync protocol v1: push (ledger + field-CAS merge), pull (feed by cursor), scoping.

Every function takes the open connection of the caller's transaction and never commits: the API handler
(or the admin command) owns the transaction (STYLE.md §7). Writes that allocate a ``seq`` must run inside
:func:`pac_desktop.server.db.write_transaction`, which holds the clock lock until COMMIT.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from pac_desktop.domain.consent import CONTENT_ENTITIES
from pac_desktop.sync import wire
from pac_desktop.sync.wire import (
    ADMIN_ONLY,
    CASE_ROOT,
    CONFLICT_ENTITY,
    GLOBAL_SCOPE,
    SCOPES,
    ChangeOp,
    ConflictKind,
    Mutation,
    Op,
    RejectReason,
    ResultStatus,
    Scope,
)

from .access import STAFF_ENTITIES, Denial, StaffDirectory, check_change, denial_audit, is_no_op
from .authorship import Presigned
from .models import (
    SINGLETON_ID,
    CaseAccess,
    Conflict,
    Feed,
    Record,
    RecordVersion,
    ServerMeta,
    SyncClock,
    utcnow,
)
from .records import (
    Current,
    batch_of,
    case_records,
    case_territories,
    get_record,
    next_seq,
    push_batch,
    upsert_statement,
)
from .trust import check_trust
from .validation import check_mutation

R = Record.__table__
F = Feed.__table__
C = Conflict.__table__
A = CaseAccess.__table__


@dataclass(frozen=True)
class Writer:
    """Who writes: an enrolled device (scoped by its territories) or the server's administrator (``device_id``
    None, sees everything)."""

    device_id: str | None
    territory_ids: tuple[str, ...] = ()

    @property
    def is_admin(self) -> bool:
        return self.device_id is None

    @property
    def is_regional(self) -> bool:
        """A regional steering committee's computer (issue 18 §6): enrolled for no territory, it receives the
        reference data only and writes nothing but its own audit trail."""
        return self.device_id is not None and not self.territory_ids

    def may_see(self, scopes: Iterable[str]) -> bool:
        return self.is_admin or any(s == GLOBAL_SCOPE or s in self.territory_ids for s in scopes)


ADMIN = Writer(device_id=None)


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def meta(conn: Connection) -> ServerMeta:
    row = conn.execute(select(ServerMeta.__table__).where(ServerMeta.id == SINGLETON_ID)).one()
    return ServerMeta(**row._mapping)


def server_seq(conn: Connection) -> int:
    return conn.execute(select(SyncClock.seq).where(SyncClock.id == SINGLETON_ID)).scalar_one()


def scopes_of(conn: Connection, entity: str, case_id: str | None, territory_id: str | None) -> list[str]:
    """The feed scopes a record travels to (see the table wire.SCOPES)."""
    scope = SCOPES.get(entity)
    if scope is Scope.GLOBAL:
        return [GLOBAL_SCOPE]
    if scope in (Scope.SETTING, Scope.STAFF):
        return [territory_id] if territory_id else [GLOBAL_SCOPE]
    if case_id is not None:
        return case_territories(conn, case_id)
    return [territory_id] if territory_id else []


def record_state(cur: Current | None, *, feed_seq: int | None = None) -> wire.RecordState | None:
    if cur is None:
        return None
    return wire.RecordState(
        entity=cur.entity,
        id=cur.id,
        case_id=cur.case_id,
        version=cur.version,
        seq=feed_seq if feed_seq is not None else cur.seq,
        deleted=cur.deleted,
        data=None if cur.deleted else dict(cur.data),
        meta=_meta(cur),
    )


def _meta(cur: Current) -> wire.RecordMeta:
    return wire.RecordMeta.model_construct(
        updated_at=cur.updated_at.isoformat() if cur.updated_at else None,
        updated_by=cur.updated_by,
        origin_device=cur.origin_device,
    )


def conflict_state(row: Any) -> wire.ConflictState:
    m = row._mapping if hasattr(row, "_mapping") else row
    return wire.ConflictState(
        conflict_id=m["conflict_id"],
        entity=m["entity"],
        id=m["record_id"],
        case_id=m["case_id"],
        kind=ConflictKind(m["kind"]),
        fields=[wire.ConflictField(**f) for f in m["fields"]],
        status=m["status"],
        mutation_id=m["mutation_id"],
        device_id=m["device_id"],
        mine_by=m["mine_by"],
        mine_at=m["mine_at"],
        theirs_by=m["theirs_by"],
        theirs_at=m["theirs_at"],
        theirs_device=m["theirs_device"],
        previous_conflict_id=m["previous_conflict_id"],
        created_at=m["created_at"].isoformat(),
        resolved_at=m["resolved_at"].isoformat() if m["resolved_at"] else None,
        seq=m["seq"],
    )


def get_conflict(conn: Connection, conflict_id: str) -> Any:
    return conn.execute(select(C).where(C.c.conflict_id == conflict_id)).first()


# --------------------------------------------------------------------------------------------------
# Writing: every row change gets its own seq, taken under the clock lock
# --------------------------------------------------------------------------------------------------


def _upsert(conn: Connection, table: Any, values: dict[str, Any], keys: list[str]) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE of every other column; ``values`` holds every column."""
    conn.execute(upsert_statement(conn, table, keys), values)


def feed_put(conn: Connection, scopes: Iterable[str], entity: str, record_id: str, seq: int, op: str) -> None:
    batch = batch_of(conn)
    for scope in scopes:
        values = {"scope": scope, "entity": entity, "id": record_id, "seq": seq, "op": op}
        if batch is not None:
            batch.put_feed(values)
        else:
            _upsert(conn, F, values, ["scope", "entity", "id"])


@dataclass
class WriteInfo:
    op: str
    changes: dict[str, Any] = field(default_factory=dict)
    mutation_id: str | None = None
    device_id: str | None = None
    staff_id: str | None = None
    made_at: str | None = None


def write_record(
    conn: Connection,
    *,
    entity: str,
    record_id: str,
    case_id: str | None,
    territory_id: str | None,
    version: int,
    deleted: bool,
    data: dict[str, Any],
    info: WriteInfo,
    old_scopes: list[str] | None = None,
) -> Current:
    """Store a new version of a record: records row, its version row, and its feed rows, with a fresh seq."""
    now = utcnow()
    seq = next_seq(conn)
    values = {
        "entity": entity,
        "id": record_id,
        "case_id": case_id,
        "territory_id": territory_id,
        "version": version,
        "seq": seq,
        "deleted": deleted,
        "data": data,
        "updated_at": now,
        "updated_by": info.staff_id,
        "origin_device": info.device_id,
    }
    version_row = {"entity": entity, "id": record_id, "version": version, "seq": seq, "op": info.op,
                   "deleted": deleted, "data": data, "changes": info.changes, "mutation_id": info.mutation_id,
                   "device_id": info.device_id, "staff_id": info.staff_id, "made_at": info.made_at,
                   "created_at": now}
    batch = batch_of(conn)
    if batch is not None:  # written with the rest of the push (records.push_batch)
        current = batch.put_record(values)
        batch.add_version(version_row)
    else:
        _upsert(conn, R, values, ["entity", "id"])
        conn.execute(insert(RecordVersion.__table__), version_row)
        current = Current(**values)
    if entity == CASE_ROOT and not deleted and data.get("territory_id"):
        _set_case_territory(conn, record_id, data["territory_id"])
    scopes = scopes_of(conn, entity, case_id, territory_id)
    feed_put(conn, scopes, entity, record_id, seq, ChangeOp.DELETE if deleted else ChangeOp.PUT)
    for gone in set(old_scopes or ()) - set(scopes):
        feed_put(conn, [gone], entity, record_id, next_seq(conn), ChangeOp.EVICT)
    return current


def _set_case_territory(conn: Connection, case_id: str, territory_id: str) -> None:
    """A youth's territory decides who sees its file: on a change, the file moves (SYNC.md §4 access changes)."""
    old = set(case_territories(conn, case_id))
    if old == {territory_id}:
        return
    batch = batch_of(conn)
    if batch is not None:
        batch.set_access(case_id, [territory_id])
    else:
        conn.execute(delete(A).where(A.c.case_id == case_id))
        conn.execute(insert(A).values(case_id=case_id, territory_id=territory_id))
    if not old:
        return  # a new case: its rows are fed as they are written
    removed, added = old - {territory_id}, {territory_id} - old
    rows = sorted((r.entity, r.id, r.deleted) for r in case_records(conn, case_id) if r.entity != CASE_ROOT)
    conflicts = conn.execute(select(C.c.conflict_id).where(C.c.case_id == case_id)).scalars().all()
    for scope in sorted(removed):
        for entity, rid, _deleted in rows:
            feed_put(conn, [scope], entity, rid, next_seq(conn), ChangeOp.EVICT)
        for cid in conflicts:
            feed_put(conn, [scope], CONFLICT_ENTITY, cid, next_seq(conn), ChangeOp.EVICT)
    for scope in sorted(added):
        for entity, rid, deleted in rows:
            feed_put(conn, [scope], entity, rid, next_seq(conn), ChangeOp.DELETE if deleted else ChangeOp.PUT)
        for cid in conflicts:
            feed_put(conn, [scope], CONFLICT_ENTITY, cid, next_seq(conn), ChangeOp.PUT)
    if conflicts:
        conn.execute(update(C).where(C.c.case_id == case_id).values(scopes=[territory_id]))


def create_conflict(
    conn: Connection,
    *,
    cur: Current | None,
    entity: str,
    record_id: str,
    case_id: str | None,
    scopes: list[str],
    m: Mutation,
    writer: Writer,
    kind: ConflictKind,
    fields: list[dict[str, Any]],
    previous_conflict_id: str | None = None,
) -> str:
    conflict_id = str(uuid.uuid4())
    seq = next_seq(conn)
    conn.execute(
        insert(C).values(
            conflict_id=conflict_id,
            entity=entity,
            record_id=record_id,
            case_id=case_id,
            scopes=scopes,
            mutation_id=m.mutation_id,
            device_id=writer.device_id,
            kind=kind.value,
            fields=fields,
            status="open",
            previous_conflict_id=previous_conflict_id,
            mine_by=m.made_by,
            mine_at=m.made_at,
            theirs_by=cur.updated_by if cur else None,
            theirs_at=cur.updated_at.isoformat() if cur and cur.updated_at else None,
            theirs_device=cur.origin_device if cur else None,
            created_at=utcnow(),
            seq=seq,
            version=1,
        )
    )
    feed_put(conn, scopes, CONFLICT_ENTITY, conflict_id, seq, ChangeOp.PUT)
    return conflict_id


def resolve_conflict(conn: Connection, conflict_id: str, mutation_id: str) -> None:
    row = get_conflict(conn, conflict_id)
    if row is None or row.status == "resolved":
        return
    seq = next_seq(conn)
    conn.execute(
        update(C)
        .where(C.c.conflict_id == conflict_id)
        .values(status="resolved", resolution_mutation_id=mutation_id, resolved_at=utcnow(), seq=seq,
                version=row.version + 1)
    )
    feed_put(conn, row.scopes, CONFLICT_ENTITY, conflict_id, seq, ChangeOp.PUT)


# --------------------------------------------------------------------------------------------------
# Push
# --------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    status: ResultStatus
    conflict_id: str | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status.value, "conflict_id": self.conflict_id, "reason": self.reason}


def _rejected(reason: RejectReason) -> Outcome:
    return Outcome(ResultStatus.REJECTED, reason=reason.value)


@dataclass
class Placement:
    """Where a mutation's record lives: its case, its territory (for rows scoped by territory)."""

    case_id: str | None
    territory_id: str | None


def _place(conn: Connection, m: Mutation, cur: Current | None, writer: Writer) -> Placement | RejectReason:
    """Authorise a mutation from the device's token only (SYNC.md §3 step 2), and say where its record lives."""
    scope = SCOPES.get(m.entity)
    if scope is None:
        return RejectReason.UNKNOWN_ENTITY
    mine = set(writer.territory_ids)
    values = dict(cur.data) if cur else {}
    values.update(m.fields)

    def allowed(territory: str | None) -> bool:
        return writer.is_admin or (territory is not None and territory in mine)

    def case_allowed(case_id: str) -> bool | None:
        access = case_territories(conn, case_id)
        if not access:
            return None
        return writer.is_admin or bool(mine & set(access))

    if scope is Scope.GLOBAL:
        return Placement(None, None)
    if scope is Scope.STAFF:  # administrator-only: a device's push goes no further than the check of ADMIN_ONLY
        return Placement(None, cur.territory_id if cur else None)
    if scope is Scope.SETTING:
        territory = cur.territory_id if cur else (m.fields.get("scope") or None)
        new_territory = values.get("scope") or None
        if not (territory is None or allowed(territory)) or not (new_territory is None or allowed(new_territory)):
            return RejectReason.FORBIDDEN
        return Placement(None, new_territory if isinstance(new_territory, str) else None)
    if scope is Scope.CASE:
        if m.case_id is None or (m.entity == CASE_ROOT and m.case_id != m.id):
            return RejectReason.INVALID
        if cur is not None and cur.case_id != m.case_id:
            return RejectReason.INVALID
        ok = case_allowed(m.case_id)
        if ok is None:  # a case the server does not know yet: only its youth's creation may open it
            territory = m.fields.get("territory_id")
            if m.entity == CASE_ROOT and m.op is Op.CREATE and isinstance(territory, str) and allowed(territory):
                return Placement(m.case_id, None)
            return RejectReason.FORBIDDEN
        if not ok:
            return RejectReason.FORBIDDEN
        return Placement(m.case_id, None)
    if scope is Scope.AUDIT:
        youth_id = values.get("youth_id")
        if isinstance(youth_id, str) and youth_id:
            ok = case_allowed(youth_id)
            return Placement(youth_id, None) if ok else RejectReason.FORBIDDEN
        territory = values.get("territory_id") or (writer.territory_ids[0] if writer.territory_ids else None)
        if writer.is_regional and territory is None:
            return Placement(None, None)  # a regional computer's own trail: kept on the server, sent nowhere
        if not isinstance(territory, str) or not allowed(territory):
            return RejectReason.FORBIDDEN
        return Placement(None, territory)
    if scope is Scope.REVIEW:
        review_id = values.get("review_id")
        review = get_record(conn, "case_review", review_id) if isinstance(review_id, str) else None
        territory = review.territory_id if review else None
        if cur is not None and not allowed(cur.territory_id):
            return RejectReason.FORBIDDEN
        return Placement(None, territory) if allowed(territory) else RejectReason.FORBIDDEN
    # Scope.TERRITORY
    territory = values.get("territory_id")
    if cur is not None and not allowed(cur.territory_id):
        return RejectReason.FORBIDDEN
    if not isinstance(territory, str) or not allowed(territory):
        return RejectReason.FORBIDDEN
    return Placement(None, territory)


_UNCHECKED = "unchecked"
#: What a regional computer may push: its own audit trail (sign-ins, the regional figures it saved).
REGIONAL_WRITES = frozenset({"audit_event"})
REGIONAL_READ_ONLY = (
    "Cet ordinateur est inscrit pour le comité de pilotage régional : il consulte les chiffres des territoires "
    "et n'envoie au serveur que son propre journal. Cette modification n'a pas été enregistrée."
)


def apply_mutation(conn: Connection, m: Mutation, writer: Writer, *, staff: StaffDirectory | None = None,
                   problem: str | None = _UNCHECKED, presigned: Presigned | None = None) -> Outcome:
    """Apply one mutation (SYNC.md §3 steps 2–4). Deterministic failures are outcomes, never exceptions.

    ``problem``: the mutation's field-table check when it was made before (:func:`prepare_push`); ``presigned``:
    its signature, checked before too (authorship.presign)."""
    cur = get_record(conn, m.entity, m.id)
    if writer.is_regional and m.entity not in REGIONAL_WRITES:
        _record_denial(conn, m, Denial(REGIONAL_READ_ONLY, None, None, "ordinateur régional"), writer)
        return Outcome(ResultStatus.REJECTED, reason=REGIONAL_READ_ONLY)
    placed = _place(conn, m, cur, writer)
    if isinstance(placed, RejectReason):
        if not writer.is_admin:  # every refusal is in the audit trail, a cross-territory one too (issue 12)
            _record_denial(conn, m, Denial(placed.value, None, None, f"refus de portée ({placed.value})"), writer)
        return _rejected(placed)
    if not writer.is_admin:
        if problem is _UNCHECKED or (problem is not None and cur is not None):
            # Checked again with the record (rare: refused before the lock): a value the server already holds is
            # never refused (validation._table_check's grace rule for files typed before a rule existed).
            problem = check_mutation(m, dict(cur.data) if cur else None)
        if problem is not None:
            _record_denial(conn, m, Denial(problem, None, placed.territory_id, "valeur refusée"), writer)
            return Outcome(ResultStatus.REJECTED, reason=problem)
    if not writer.is_admin and not is_no_op(m, cur.data if cur else None, cur.deleted if cur else False):
        denial = check_change(conn, m, current=dict(cur.data) if cur else None, territory_id=placed.territory_id,
                              staff=staff or StaffDirectory(conn), device_territories=writer.territory_ids,
                              presigned=presigned)
        denial = denial or check_trust(conn, m, current=dict(cur.data) if cur else None,
                                       territory_id=placed.territory_id)  # issue 13
        if denial is not None:
            _record_denial(conn, m, denial, writer)
            return Outcome(ResultStatus.REJECTED, reason=denial.reason)
    info = WriteInfo(op=m.op.value, mutation_id=m.mutation_id, device_id=writer.device_id, staff_id=m.made_by,
                     made_at=m.made_at)

    def scopes() -> list[str]:
        return scopes_of(conn, m.entity, placed.case_id, placed.territory_id)

    def conflict(kind: ConflictKind, fields: list[dict[str, Any]], previous: str | None = None) -> Outcome:
        cid = create_conflict(
            conn, cur=cur, entity=m.entity, record_id=m.id, case_id=placed.case_id,
            scopes=scopes_of(conn, m.entity, cur.case_id if cur else placed.case_id,
                             cur.territory_id if cur else placed.territory_id),
            m=m, writer=writer, kind=kind, fields=fields, previous_conflict_id=previous,
        )
        return Outcome(ResultStatus.CONFLICT, conflict_id=cid)

    admin_only = m.entity in ADMIN_ONLY and not writer.is_admin

    if m.op is Op.CREATE:
        if cur is None:
            if admin_only:
                _record_denial(conn, m, Denial(RejectReason.REFERENCE_READ_ONLY.value, None, None,
                                               "réservé à l'administrateur"), writer)
                return _rejected(RejectReason.REFERENCE_READ_ONLY)
            write_record(conn, entity=m.entity, record_id=m.id, case_id=placed.case_id,
                         territory_id=placed.territory_id, version=1, deleted=False, data=dict(m.fields),
                         info=_with_changes(info, {f: [None, v] for f, v in m.fields.items()}))
            return Outcome(ResultStatus.APPLIED)
        if not cur.deleted and all(cur.data.get(f) == v for f, v in m.fields.items()):
            return Outcome(ResultStatus.APPLIED)  # the same row, seeded alike on two devices
        if cur.deleted and _withdrawn_content(conn, cur):
            # Issue 13: the consent is given again (check_trust accepted content for this youth) and the device
            # where the withdrawal was recorded shares again the row the withdrawal removed: it lives again.
            write_record(conn, entity=m.entity, record_id=m.id, case_id=cur.case_id, territory_id=cur.territory_id,
                         version=cur.version + 1, deleted=False, data=dict(m.fields),
                         info=_with_changes(info, {f: [None, v] for f, v in m.fields.items()}))
            return Outcome(ResultStatus.APPLIED)
        if admin_only:
            _record_denial(conn, m, Denial(RejectReason.REFERENCE_READ_ONLY.value, None, None,
                                           "réservé à l'administrateur"), writer)
            return _rejected(RejectReason.REFERENCE_READ_ONLY)
        return conflict(ConflictKind.ID_COLLISION,
                        [{"field": f, "base": None, "mine": v, "theirs": cur.data.get(f)} for f, v in m.fields.items()
                         if cur.data.get(f) != v])

    if cur is None:
        return _rejected(RejectReason.UNKNOWN_RECORD)
    if admin_only:
        same = m.op is not Op.DELETE and all(cur.data.get(f) == v for f, v in m.fields.items())
        if same and not cur.deleted:
            return Outcome(ResultStatus.APPLIED)
        _record_denial(conn, m, Denial(RejectReason.REFERENCE_READ_ONLY.value, None, None, "réservé à l'administrateur"),
                       writer)
        return _rejected(RejectReason.REFERENCE_READ_ONLY)

    if m.op is Op.DELETE:
        if cur.deleted:
            return Outcome(ResultStatus.APPLIED)
        if all(cur.data.get(k) == v for k, v in m.base.items()):  # CAS on everything the deleter saw
            # The version records what the deleter saw: each of those values is overwritten by the delete.
            _tombstone(conn, cur, _with_changes(info, {k: [v, None] for k, v in m.base.items()}))
            return Outcome(ResultStatus.APPLIED)
        return conflict(ConflictKind.DELETE_VS_UPDATE,
                        [{"field": k, "base": v, "mine": None, "theirs": cur.data.get(k)}
                         for k, v in sorted(m.base.items()) if cur.data.get(k) != v])

    # update / resolve
    previous: str | None = None
    if m.op is Op.RESOLVE:
        if m.conflict_id is None:
            return _rejected(RejectReason.INVALID)
        old = get_conflict(conn, m.conflict_id)
        if old is None or old.entity != m.entity or old.record_id != m.id:
            return _rejected(RejectReason.UNKNOWN_CONFLICT)
        previous = m.conflict_id
    if cur.deleted:
        if m.op is Op.RESOLVE and not m.fields:
            resolve_conflict(conn, m.conflict_id, m.mutation_id)  # type: ignore[arg-type]
            return Outcome(ResultStatus.APPLIED)
        outcome = conflict(ConflictKind.UPDATE_VS_DELETE,
                           [{"field": f, "base": m.base.get(f), "mine": v, "theirs": None}
                            for f, v in sorted(m.fields.items())], previous)
        if previous:
            resolve_conflict(conn, previous, m.mutation_id)
        return outcome
    new = dict(cur.data)
    changes: dict[str, Any] = {}
    clashes: list[dict[str, Any]] = []
    for group in wire.merge_groups(m.entity, set(m.fields)):
        touched = [f for f in group if f in m.fields]
        compared = [f for f in group if f in m.base or f in m.fields]
        if all(cur.data.get(f) == m.base.get(f) for f in compared):
            for f in touched:
                if cur.data.get(f) != m.fields[f]:
                    new[f] = m.fields[f]
                    changes[f] = [m.base.get(f), m.fields[f]]
        elif all(cur.data.get(f) == m.fields[f] for f in touched):
            pass  # the same edit was made elsewhere
        else:
            clashes += [{"field": f, "base": m.base.get(f), "mine": m.fields[f], "theirs": cur.data.get(f)}
                        for f in touched]
    new_placement_territory = placed.territory_id
    if changes:
        old_scopes = scopes()
        write_record(conn, entity=m.entity, record_id=m.id, case_id=cur.case_id,
                     territory_id=new_placement_territory, version=cur.version + 1, deleted=False, data=new,
                     info=_with_changes(info, changes), old_scopes=old_scopes)
    if clashes:
        outcome = conflict(ConflictKind.FIELD_CLASH, clashes, previous)
        if previous:
            resolve_conflict(conn, previous, m.mutation_id)  # superseded by the new one, linked to it
        return outcome
    if previous:
        resolve_conflict(conn, previous, m.mutation_id)
    return Outcome(ResultStatus.APPLIED if m.base_version == cur.version else ResultStatus.MERGED)


def _withdrawn_content(conn: Connection, cur: Current) -> bool:
    """A content record whose tombstone is a consent withdrawal's (server.consent), not someone's deletion."""
    if cur.entity not in CONTENT_ENTITIES:
        return False
    V = RecordVersion.__table__
    op = conn.execute(select(V.c.op).where(V.c.entity == cur.entity, V.c.id == cur.id,
                                           V.c.version == cur.version)).scalar()
    return op == "withdrawn"


def _record_denial(conn: Connection, m: Mutation, denial: Denial, writer: Writer) -> None:
    """The server's own audit event of a refused change (issue 7 §3), fed to the territory's devices."""
    known_case = m.case_id is not None and bool(case_territories(conn, m.case_id))
    record_id, case_id, territory_id, data = denial_audit(m, denial, known_case=known_case,
                                                          device_territories=writer.territory_ids)
    write_record(conn, entity="audit_event", record_id=record_id, case_id=case_id, territory_id=territory_id,
                 version=1, deleted=False, data=data,
                 info=WriteInfo(op="create", changes={f: [None, v] for f, v in data.items()},
                                mutation_id=m.mutation_id, device_id=writer.device_id))


def _with_changes(info: WriteInfo, changes: dict[str, Any]) -> WriteInfo:
    return WriteInfo(op=info.op, changes=changes, mutation_id=info.mutation_id, device_id=info.device_id,
                     staff_id=info.staff_id, made_at=info.made_at)


def _tombstone(conn: Connection, cur: Current, info: WriteInfo) -> None:
    write_record(conn, entity=cur.entity, record_id=cur.id, case_id=cur.case_id, territory_id=cur.territory_id,
                 version=cur.version + 1, deleted=True, data=cur.data, info=info)
    if cur.entity == CASE_ROOT:
        # Deleting a youth deletes their whole file, in the same transaction (SYNC.md §8).
        children = [r for r in case_records(conn, cur.id) if r.entity != CASE_ROOT and not r.deleted]
        for child in sorted(children, key=lambda r: r.seq):
            write_record(conn, entity=child.entity, record_id=child.id, case_id=child.case_id,
                         territory_id=child.territory_id, version=child.version + 1, deleted=True,
                         data=child.data, info=WriteInfo(op="cascade", mutation_id=info.mutation_id,
                                                         device_id=info.device_id, staff_id=info.staff_id,
                                                         made_at=info.made_at))


#: The records of a youth's file the checks of each change read (the referent for the roles, the consent for the
#: sharing: access._case_context, trust.case_sharing_state): read for every case of a batch at once.
CASE_CHECKED = ("consent", "referent_assignment")
#: The field-table check of a mutation (validation.check_mutation), made before the write transaction.
Checked = list[str | None]


def prepare_push(mutations: list[Mutation], writer: Writer) -> Checked:
    """What a push can work out before it takes the clock lock: every value checked against the field table
    (it depends on the mutation alone). None for each mutation of the server's administrator."""
    if writer.is_admin:
        return [None] * len(mutations)
    return [check_mutation(m, None) for m in mutations]


def push(
    conn: Connection,
    mutations: list[Mutation],
    writer: Writer,
    *,
    checked: Checked | None = None,
    after_each: Callable[[int], None] | None = None,
) -> list[wire.MutationResult]:
    """One batch, in the caller's write transaction: ledger hit → stored result; else apply and record it.

    ``checked`` is :func:`prepare_push`'s answer, worked out before the transaction (else here). The batch is
    one unit of work (records.push_batch): read in a few statements, written at the end, seqs counted in memory.
    """
    job = PushJob(mutations, writer, checked)
    push_many(conn, [job], after_each=after_each)
    return job.results


@dataclass
class PushJob:
    """One device's push batch among those a write transaction applies together (pac_desktop.server.group_push)."""

    mutations: list[Mutation]
    writer: Writer
    checked: Checked | None = None
    #: Each mutation's signature checked before the transaction (authorship.presign), when it was.
    presigned: list[Presigned | None] | None = None
    results: list[wire.MutationResult] = field(default_factory=list)


def push_many(
    conn: Connection,
    jobs: list[PushJob],
    *,
    after_each: Callable[[int], None] | None = None,
    after_job: Callable[[PushJob], None] | None = None,
) -> int:
    """Several push batches, one after the other, in the caller's write transaction and one unit of work: the
    records, ledger entries and accesses of all of them read in a few statements, their rows written at the end
    (records.push_batch). Each job's ``results`` are what :func:`push` alone would answer at that point: a job
    sees what the jobs before it wrote, as if each had its own transaction, committed in this order.

    ``after_job``: run once a job's mutations are applied, in the same unit of work (the push's other checks:
    evaluation draws, withdrawn consents). Returns the server's seq once they are written (the clock's value)."""
    staff = StaffDirectory(conn)
    every = [m for job in jobs for m in job.mutations]
    with push_batch(conn) as batch:
        batch.prefetch([*((m.entity, m.id) for m in every), *((CASE_ROOT, m.case_id) for m in every if m.case_id)],
                       [m.case_id for m in every if m.case_id], [m.mutation_id for m in every],
                       case_entities=CASE_CHECKED, authors=[m.made_by for m in every if m.made_by],
                       key_ids=[m.key_id for m in every if m.key_id])
        for job in jobs:
            checked = job.checked if job.checked is not None else prepare_push(job.mutations, job.writer)
            job.results = []
            for index, m in enumerate(job.mutations):
                presigned = job.presigned[index] if job.presigned is not None else None
                job.results.append(_push_one(conn, batch, m, job.writer, staff, checked[index], presigned))
                if after_each is not None:
                    after_each(index + 1)
            if after_job is not None:
                after_job(job)
    return batch.seq


def _push_one(conn: Connection, batch: Any, m: Mutation, writer: Writer, staff: StaffDirectory,
              problem: str | None, presigned: Presigned | None) -> wire.MutationResult:
    stored = batch.ledger.get(m.mutation_id)
    replayed = stored is not None
    if replayed:
        outcome = Outcome(ResultStatus(stored["status"]), stored.get("conflict_id"), stored.get("reason"))
    else:
        outcome = apply_mutation(conn, m, writer, staff=staff, problem=problem, presigned=presigned)
        if m.entity in STAFF_ENTITIES and outcome.status is not ResultStatus.REJECTED:
            staff.forget()  # the next changes of the batch are checked against the new staff data
        batch.add_ledger({"mutation_id": m.mutation_id, "device_id": writer.device_id, "entity": m.entity,
                          "record_id": m.id, "received_at": utcnow(), "result": outcome.as_json()})
    cur = get_record(conn, m.entity, m.id)
    visible = cur is not None and outcome.reason != RejectReason.FORBIDDEN and writer.may_see(
        scopes_of(conn, cur.entity, cur.case_id, cur.territory_id))
    conflict_row = get_conflict(conn, outcome.conflict_id) if outcome.conflict_id else None
    if conflict_row is not None and not writer.may_see(conflict_row.scopes):
        conflict_row = None  # a replayed mutation id of another territory's conflict gives nothing away
    return wire.MutationResult.model_construct(  # our own values: no validation per result
        mutation_id=m.mutation_id,
        status=outcome.status,
        record=record_state(cur) if visible else None,
        conflict_id=outcome.conflict_id,
        conflict=conflict_state(conflict_row) if conflict_row is not None else None,
        reason=outcome.reason,
        replayed=replayed,
    )


# --------------------------------------------------------------------------------------------------
# Pull
# --------------------------------------------------------------------------------------------------


def pull(
    conn: Connection, writer: Writer, cursor: int, limit: int, *, max_bytes: int = wire.MAX_PAGE_BYTES
) -> tuple[list[wire.Change], int, bool]:
    """One page of the device's feed after ``cursor``: (changes, next_cursor, has_more), written as the API
    writes it (pac_desktop.server.pages, nothing kept) and read back."""
    from .pages import PageBuilder  # built on this module

    page = PageBuilder(cache=False).page(conn, writer, cursor, limit, max_bytes=max_bytes)
    return [wire.Change.model_validate_json(c) for c in page.changes], page.next_cursor, page.has_more


# --------------------------------------------------------------------------------------------------
# Administration helpers (publish reference data, staff)
# --------------------------------------------------------------------------------------------------


def put_as_admin(conn: Connection, entity: str, record_id: str, data: dict[str, Any]) -> str:
    """Create or update a reference record as the server's administrator: 'created', 'updated' or 'unchanged'."""
    cur = get_record(conn, entity, record_id)
    info = WriteInfo(op="publish")
    if cur is None:
        write_record(conn, entity=entity, record_id=record_id, case_id=None,
                     territory_id=_admin_territory(conn, entity, data), version=1, deleted=False, data=data,
                     info=_with_changes(info, {f: [None, v] for f, v in data.items()}))
        return "created"
    changes = {f: [cur.data.get(f), v] for f, v in data.items() if cur.data.get(f) != v}
    if not changes and not cur.deleted:
        return "unchanged"
    new = dict(cur.data)
    new.update(data)
    write_record(conn, entity=entity, record_id=record_id, case_id=None, territory_id=_admin_territory(conn, entity, new),
                 version=cur.version + 1, deleted=False, data=new, info=_with_changes(info, changes),
                 old_scopes=scopes_of(conn, entity, None, cur.territory_id))
    return "updated"


def delete_as_admin(conn: Connection, entity: str, record_id: str) -> bool:
    """Delete a record as the server's administrator (a staff member's role taken away); False if already gone."""
    cur = get_record(conn, entity, record_id)
    if cur is None or cur.deleted:
        return False
    write_record(conn, entity=entity, record_id=record_id, case_id=None, territory_id=cur.territory_id,
                 version=cur.version + 1, deleted=True, data=dict(cur.data), info=WriteInfo(op="publish"),
                 old_scopes=scopes_of(conn, entity, None, cur.territory_id))
    return True


def _admin_territory(conn: Connection, entity: str, data: dict[str, Any]) -> str | None:
    if SCOPES.get(entity) is Scope.SETTING:
        return data.get("scope") or None
    if SCOPES.get(entity) is Scope.STAFF:
        return staff_territory(conn, data.get("staff_id"))
    if SCOPES.get(entity) is Scope.TERRITORY:
        return data.get("territory_id")
    return None


def staff_territory(conn: Connection, staff_id: Any) -> str | None:
    """The territory of a staff member's organisation (None: national staff, or unknown)."""
    staff = get_record(conn, "staff", staff_id) if isinstance(staff_id, str) else None
    org_id = staff.data.get("organisation_id") if staff else None
    organisation = get_record(conn, "organisation", org_id) if isinstance(org_id, str) else None
    territory = organisation.data.get("territory_id") if organisation else None
    return territory if isinstance(territory, str) else None


def rescope_credentials(conn: Connection) -> int:
    """Logins fed to every device before issue 12 go to their staff member's territory only: a put there, an
    eviction everywhere else (a device of that territory reads the eviction as a put). Returns how many moved."""
    moved = 0
    for row in conn.execute(select(R).where(R.c.entity == "credential")).all():
        cur = Current(**row._mapping)
        territory = staff_territory(conn, cur.data.get("staff_id"))
        if territory is None or cur.territory_id == territory:
            continue
        conn.execute(update(R).where(R.c.entity == "credential", R.c.id == cur.id).values(territory_id=territory))
        feed_put(conn, [territory], "credential", cur.id, next_seq(conn),
                 ChangeOp.DELETE if cur.deleted else ChangeOp.PUT)
        feed_put(conn, [GLOBAL_SCOPE], "credential", cur.id, next_seq(conn), ChangeOp.EVICT)
        moved += 1
    return moved


def find_records(conn: Connection, entity: str, **equal: Any) -> list[Current]:
    """Records of an entity whose data fields equal the given values (small reference tables only)."""
    out = []
    for row in conn.execute(select(R).where(R.c.entity == entity)):
        cur = Current(**row._mapping)
        if all(cur.data.get(k) == v for k, v in equal.items()):
            out.append(cur)
    return out


__all__ = [
    "ADMIN",
    "Writer",
    "apply_mutation",
    "delete_as_admin",
    "find_records",
    "meta",
    "pull",
    "push",
    "put_as_admin",
    "server_seq",
]
