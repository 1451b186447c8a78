"""A withdrawn consent stops the sharing (issue 13): the server removes the youth's intake content it holds.

After a push that changed a consent, :func:`withdraw_unshared` looks at each youth concerned: when their consent
to share is no longer *given* (withdrawn, or refused after all), every content record of their file on the
server (pac_desktop.domain.consent) becomes a tombstone that keeps no content (its history too is emptied),
and the content fields of their intakes are emptied. The partners' computers receive the tombstones and remove
their copies outright (pac_desktop.sync.local: a delete of content whose consent is not given); the computer
where the withdrawal was recorded keeps its own copy (pac_desktop.sync.consent_hold.kept_here). The consent record says
who recorded the withdrawal and when, and the device's audit trail records it.

Runs in the push's transaction; never commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from pac_desktop.domain.consent import CONTENT_ENTITIES, JOINT_INTAKE_CONTENT_FIELDS, ConsentState

from .core import Current, WriteInfo, Writer, write_record
from .models import Record, RecordVersion
from .trust import case_sharing_state

R = Record.__table__
V = RecordVersion.__table__
#: The fields a withdrawn record keeps: the links to its file, nothing of its content.
_LINKS = frozenset({"youth_id", "intake_id", "case_id"})
#: What an emptied content field of an intake holds (None for the others).
_BLANK: dict[str, Any] = {"shared_diagnosis": "", "diagnosis_agreed": False}


def withdraw_unshared(conn: Connection, mutations: list[Any], writer: Writer) -> int:
    """Tombstone the shared content of each youth whose consent a mutation of this batch changed, when that
    consent is no longer given. Returns the number of records changed."""
    cases = {m.case_id for m in mutations if m.entity == "consent" and m.case_id}
    changed = 0
    for case_id in sorted(cases):
        if case_sharing_state(conn, case_id) is ConsentState.GIVEN:
            continue
        changed += withdraw_case(conn, case_id, writer=writer)
    return changed


def withdraw_case(conn: Connection, case_id: str, *, writer: Writer) -> int:
    rows = conn.execute(select(R).where(R.c.case_id == case_id, R.c.deleted.is_(False))).all()
    changed = 0
    for row in rows:
        cur = Current(**row._mapping)
        info = WriteInfo(op="withdrawn", device_id=writer.device_id)
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
                         info=WriteInfo(op="withdrawn", device_id=writer.device_id,
                                        changes={f: [None, v] for f, v in emptied.items()}))
            changed += 1
    return changed
