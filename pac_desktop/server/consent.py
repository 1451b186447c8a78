"""A withdrawn consent stops the sharing (issue 13): the server removes the youth's intake content it holds.

After a push that changed a consent, :func:`withdraw_unshared` looks at each youth concerned: when their consent
to share is no longer *given* (withdrawn, or refused after all), every content record of their file on the
server (pac_desktop.domain.consent) becomes a tombstone that keeps no content (its history too is emptied),
and the content fields of their intakes are emptied. The partners' computers receive the tombstones and remove
their copies outright (pac_desktop.sync.local: a delete of content whose consent is not given); the computer
where the withdrawal was recorded keeps its own copy (pac_desktop.sync.consent_hold.kept_since). The consent record says
who recorded the withdrawal and when; the records the server changed name that staff member as their author, and
the server's own audit event (« Contenu partagé retiré… », fed to the territory's computers like any audit event)
says how many records left the server and who recorded the withdrawal.

Runs in the push's transaction; never commits.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select, update

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.consent import (
    CONTENT_ENTITIES,
    JOINT_INTAKE_BLANK,
    JOINT_INTAKE_CONTENT_FIELDS,
    ConsentState,
    is_content,
)
from pac_desktop.domain.french import plural
from pac_desktop.sync.wire import CONFLICT_ENTITY, ChangeOp

from .core import Current, WriteInfo, Writer, feed_put, utcnow, write_record
from .models import Conflict, Record, RecordVersion
from .records import next_seq
from .trust import case_sharing_state

R = Record.__table__
V = RecordVersion.__table__
C = Conflict.__table__
#: The fields a withdrawn record keeps: the links to its file, nothing of its content.
_LINKS = frozenset({"youth_id", "intake_id", "case_id"})
#: What an emptied content field of an intake holds (None for the others).
_BLANK = JOINT_INTAKE_BLANK


def withdraw_unshared(conn: Connection, mutations: list[Any], writer: Writer) -> int:
    """Tombstone the shared content of each youth whose consent a mutation of this batch changed, when that
    consent is no longer given. Returns the number of records changed."""
    # Per youth, the consent record that stopped the sharing (a withdrawal rather than another record of the batch).
    stopping: dict[str, Any] = {}
    for m in mutations:
        if m.entity == "consent" and m.case_id and (
                m.case_id not in stopping or m.fields.get("state") == ConsentState.WITHDRAWN.value):
            stopping[m.case_id] = m
    changed = 0
    for case_id in sorted(stopping):
        if case_sharing_state(conn, case_id) is ConsentState.GIVEN:
            continue
        by = stopping[case_id].made_by
        removed = withdraw_case(conn, case_id, writer=writer, by=by)
        if removed:
            _audit_removal(conn, stopping[case_id], removed, by=by, writer=writer)
        changed += removed
    return changed


def withdraw_case(conn: Connection, case_id: str, *, writer: Writer, by: str | None = None) -> int:
    """Remove the shared content of one youth's file; ``by`` is who recorded the withdrawal (the records' author)."""
    # Content deleted before the withdrawal already left the partners' computers; its tombstone keeps no content
    # either (not counted: it was no longer shared).
    for entity, record_id, data in conn.execute(
            select(R.c.entity, R.c.id, R.c.data).where(R.c.case_id == case_id, R.c.deleted.is_(True),
                                                       R.c.entity.in_(sorted(CONTENT_ENTITIES)))).all():
        kept = {k: v for k, v in (data or {}).items() if k in _LINKS}
        if kept != data:
            conn.execute(update(R).where(R.c.entity == entity, R.c.id == record_id).values(data=kept))
            conn.execute(update(V).where(V.c.entity == entity, V.c.id == record_id).values(data=kept, changes={}))
    rows = conn.execute(select(R).where(R.c.case_id == case_id, R.c.deleted.is_(False))).all()
    changed = 0
    for row in rows:
        cur = Current(**row._mapping)
        info = WriteInfo(op="withdrawn", device_id=writer.device_id, staff_id=by)
        if cur.entity in CONTENT_ENTITIES:
            kept = {k: v for k, v in cur.data.items() if k in _LINKS}  # which file it belonged to, no content
            write_record(conn, entity=cur.entity, record_id=cur.id, case_id=cur.case_id,
                         territory_id=cur.territory_id, version=cur.version + 1, deleted=True, data=kept,
                         info=info)
            conn.execute(update(V).where(V.c.entity == cur.entity, V.c.id == cur.id).values(data=kept, changes={}))
            changed += 1
        elif cur.entity == "joint_intake":
            emptied = {f: _BLANK.get(f) for f in JOINT_INTAKE_CONTENT_FIELDS if cur.data.get(f) not in (None, "", False)}
            if not emptied:
                continue
            data = {**cur.data, **emptied}
            for version in conn.execute(select(V.c.version, V.c.data, V.c.changes)
                                        .where(V.c.entity == cur.entity, V.c.id == cur.id)).all():
                conn.execute(update(V).where(V.c.entity == cur.entity, V.c.id == cur.id, V.c.version == version.version)
                             .values(data={**(version.data or {}), **{f: v for f, v in emptied.items()
                                                                        if f in (version.data or {})}},
                                     changes={f: c for f, c in (version.changes or {}).items() if f not in emptied}))
            write_record(conn, entity=cur.entity, record_id=cur.id, case_id=cur.case_id,
                         territory_id=cur.territory_id, version=cur.version + 1, deleted=False, data=data,
                         info=WriteInfo(op="withdrawn", device_id=writer.device_id, staff_id=by,
                                        changes={f: [None, v] for f, v in emptied.items()}))
            changed += 1
    _blank_conflicts(conn, case_id)
    return changed


def _blank_conflicts(conn: Connection, case_id: str) -> None:
    """The youth's conflicts over intake content keep none of it either: their values are emptied (and a conflict
    left with nothing to decide is closed), fed to the territory's computers, which overwrite their copies."""
    for c in conn.execute(select(C).where(C.c.case_id == case_id)).all():
        fields = [dict(f) for f in (c.fields or [])]
        touched = False
        for f in fields:
            if is_content(c.entity, {f.get("field"): True}) and any(f.get(k) is not None for k in ("base", "mine",
                                                                                                  "theirs")):
                f.update(base=None, mine=None, theirs=None)
                touched = True
        if not touched:
            continue
        closed = all(is_content(c.entity, {f.get("field"): True}) for f in fields)
        seq = next_seq(conn)
        values: dict[str, Any] = {"fields": fields, "seq": seq, "version": c.version + 1}
        if closed and c.status == "open":
            values.update(status="resolved", resolved_at=utcnow())
        conn.execute(update(C).where(C.c.conflict_id == c.conflict_id).values(**values))
        feed_put(conn, c.scopes, CONFLICT_ENTITY, c.conflict_id, seq, ChangeOp.PUT)


def _audit_removal(conn: Connection, consent: Any, removed: int, *, by: str | None, writer: Writer) -> None:
    """The server's audit event of a removal: who recorded the withdrawal, how many records left the server."""
    data = {
        "at": utcnow().isoformat(),
        "staff_id": by,
        "action": AuditAction.SHARED_CONTENT_REMOVED.value,
        "entity": "consent",
        "entity_id": consent.id,
        "youth_id": consent.case_id,
        "territory_id": None,
        "detail": f"{plural(removed, 'fiche retirée', 'fiches retirées')} du serveur et des ordinateurs des "
                  "partenaires : l'accord de partage n'est plus donné",
    }
    write_record(conn, entity="audit_event", record_id=str(uuid.uuid4()), case_id=consent.case_id,
                 territory_id=None, version=1, deleted=False, data=data,
                 info=WriteInfo(op="create", changes={f: [None, v] for f, v in data.items()},
                                device_id=writer.device_id, staff_id=by))
