"""Which outbox entries may leave this computer (issue 13): a youth's intake content waits for their consent.

The rules are pac_desktop.domain.consent's: a change holding intake content (``is_content``) of a youth whose
consent to share is not *given* stays in the outbox — kept on this computer, never pushed — until the consent
is given; the repérage minimum and everything else syncs as usual. A withdrawn or refused consent holds the
content back for good (the retention purge removes it after the period the programme keeps it).

When a consent is withdrawn, the server evicts the youth's content from every computer of the territory; the
computer where the withdrawal was recorded keeps its own copy (:func:`kept_here`), as the law lets the referent:
from the withdrawal on (:func:`kept_since`), the server's tombstones of the content and its emptied diagnosis do
not take this computer's copy away (pac_desktop.sync.local).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import func, select

from pac_desktop.domain.consent import (
    CONTENT_ENTITIES,
    JOINT_INTAKE_BLANK,
    JOINT_INTAKE_CONTENT_FIELDS,
    ConsentRecord,
    ConsentState,
    is_content,
    record_from_data,
    sharing_allowed,
)
from pac_desktop.storage.base import to_wire
from pac_desktop.storage.case_rows import of_case, of_cases
from pac_desktop.storage.id_lists import among, id_list
from pac_desktop.storage.models import IntakeConsent, JointIntake, OutboxEntry, SyncDevice, Youth
from pac_desktop.storage.outbox import DEVICE, LocalSession, resend

from .codec import codec_for

_CANDIDATES = CONTENT_ENTITIES | {"joint_intake"}
#: The consents that stop a sharing already under way: the computer where one was recorded keeps its copy of the
#: content the server then removes (a refusal after a consent given at the same intake, as a withdrawal).
_STOPPING = (ConsentState.WITHDRAWN, ConsentState.REFUSED)


def unshared_cases(s: LocalSession, case_ids: Iterable[str]) -> set[str]:
    """The cases among ``case_ids`` whose consent to share is not given (not asked, refused, withdrawn)."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return set()
    listed = {"ids": id_list(wanted)}
    births = dict(s.execute(select(Youth.id, Youth.birth_date).where(among(Youth.id)), listed).all())
    records: dict[str, list[ConsentRecord]] = {case: [] for case in wanted}
    rows = s.execute(
        select(IntakeConsent.case_id, IntakeConsent.kind, IntakeConsent.state, IntakeConsent.given,
               IntakeConsent.given_on, IntakeConsent.recorded_at)
        .where(of_cases(IntakeConsent), IntakeConsent.deleted_at.is_(None)), listed
    ).all()
    for case_id, kind, state, given, given_on, recorded_at in rows:
        record = record_from_data({"kind": kind, "state": state, "given": given,
                                   "given_on": given_on.isoformat() if given_on else None,
                                   "recorded_at": recorded_at.isoformat() if recorded_at else None})
        if record is not None:
            records[case_id].append(record)
    return {case for case in wanted if not sharing_allowed(records[case], birth_date=births.get(case))}


def shareable_entries(s: LocalSession, *, limit: int) -> list[OutboxEntry]:
    """The oldest outbox entries that may be pushed now (at most ``limit``), in outbox order — except that content
    waiting for a consent goes right after that consent's record (it is older than it, and the server must know
    the consent before it accepts the content)."""
    candidates = s.scalars(
        select(OutboxEntry.case_id)
        .where(OutboxEntry.entity.in_(_CANDIDATES), OutboxEntry.case_id.is_not(None))
        .distinct()
    ).all()
    held = unshared_cases(s, candidates) if candidates else set()
    # A youth's file deleted here (the retention purge tombstones the consents too): its deletions go, all of them.
    closed = set(s.scalars(select(Youth.id).where(Youth.id.in_(sorted(held)), Youth.deleted_at.is_not(None)))
                 ) if held else set()
    consent_at = dict(s.execute(
        select(OutboxEntry.case_id, func.max(OutboxEntry.ord)).where(OutboxEntry.entity == "consent")
        .group_by(OutboxEntry.case_id)
    ).all())
    if not held and not consent_at:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.ord).limit(limit)))
    out: list[OutboxEntry] = []
    deferred: dict[str, list[OutboxEntry]] = {}
    after = 0
    while len(out) < limit:
        page = list(s.scalars(select(OutboxEntry).where(OutboxEntry.ord > after).order_by(OutboxEntry.ord)
                              .limit(limit)))
        if not page:
            break
        after = page[-1].ord
        for e in page:
            if _held(e, held) and not (e.op == "delete" and e.case_id in closed):
                continue
            waits_for = consent_at.get(e.case_id)
            if waits_for is not None and e.ord < waits_for and e.entity in _CANDIDATES:
                deferred.setdefault(e.case_id, []).append(e)
                continue
            out.append(e)
            if e.entity == "consent" and e.ord == waits_for:
                out += deferred.pop(e.case_id, [])
            if len(out) >= limit:
                break
    return out[:limit]


def held_count(s: LocalSession) -> int:
    """How many outbox entries wait for a consent (shown apart from the changes waiting for the network)."""
    entries = list(s.scalars(select(OutboxEntry).where(OutboxEntry.entity.in_(_CANDIDATES),
                                                       OutboxEntry.case_id.is_not(None))))
    held = unshared_cases(s, {e.case_id for e in entries if e.case_id})
    return sum(1 for e in entries if _held(e, held))


def _held(e: OutboxEntry, held: set[str]) -> bool:
    if e.case_id not in held or e.entity not in _CANDIDATES:
        return False
    if e.op == "delete":
        # Deleting content that never left (or that the server already withdrew) tells the server nothing.
        return e.entity in CONTENT_ENTITIES
    return is_content(e.entity, json.loads(e.fields))


def kept_here(s: LocalSession, case_ids: Iterable[str]) -> set[str]:
    """The cases whose consent was withdrawn (or refused after being given) on this computer: it keeps their content
    when the server evicts it."""
    wanted = sorted({c for c in case_ids if c})
    # This installation's id, and the id the server knows it by (the server's echo stamps the latter).
    devices = {d for d in (s.info.get(DEVICE), s.scalar(select(SyncDevice.device_id).limit(1))) if d}
    if not wanted or not devices:
        return set()
    return set(s.scalars(
        select(IntakeConsent.case_id).where(of_cases(IntakeConsent), IntakeConsent.state.in_(_STOPPING),
                                            IntakeConsent.origin_device.in_(sorted(devices))),
        {"ids": id_list(wanted)}))


def kept_since(s: LocalSession, case_ids: Iterable[str]) -> dict[str, int]:
    """The cases whose content this computer keeps although the server removed it: their consent in force is
    not given and its withdrawal was recorded here. Each maps to the server ``seq`` of that withdrawal (the first
    recorded here after the last consent given): the server removes the content in the same transaction, so its
    changes to the case's content with a greater seq are the withdrawal's, while a partner's deletion made before
    it (a smaller seq) still applies. A withdrawal the server has not acknowledged yet keeps nothing: the server
    has removed nothing."""
    candidates = kept_here(s, case_ids)
    if not candidates:
        return {}
    candidates &= unshared_cases(s, candidates)
    devices = {d for d in (s.info.get(DEVICE), s.scalar(select(SyncDevice.device_id).limit(1))) if d}
    rows = s.execute(
        select(IntakeConsent.case_id, IntakeConsent.state, IntakeConsent.seq, IntakeConsent.origin_device)
        .where(of_cases(IntakeConsent), IntakeConsent.deleted_at.is_(None), IntakeConsent.seq.is_not(None)),
        {"ids": id_list(sorted(candidates))}
    ).all()
    last_given: dict[str, int] = {}
    for case_id, state, seq, _origin in rows:
        if state == ConsentState.GIVEN:
            last_given[case_id] = max(last_given.get(case_id, 0), abs(seq))  # negative while resyncing
    since: dict[str, int] = {}
    for case_id, state, seq, origin in rows:
        if state in _STOPPING and origin in devices and abs(seq) > last_given.get(case_id, 0):
            since[case_id] = min(since.get(case_id, abs(seq)), abs(seq))
    return since


def reshare_content(s: LocalSession, case_id: str) -> int:
    """The youth's consent is given again after a withdrawal recorded on this computer: the content the server
    removed then (and this computer kept) is sent again, as it is here — each live content row as a create (the
    server revives its withdrawn tombstone: pac_desktop.server.core), the intake's content fields as an update of
    the blanks the server holds. Rows whose creation still waits in the outbox go with it. Returns how many
    entries were queued. Called in the unit of work that records the consent, so its actor signs them."""
    waiting = set(s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.case_id == case_id,
                                                              OutboxEntry.op == "create")))
    queued = 0
    for entity in sorted(CONTENT_ENTITIES):
        codec = codec_for(entity)
        if codec is None:
            continue
        model = codec.model
        for row in s.scalars(select(model).where(of_case(model, case_id),
                                                 model.deleted_at.is_(None))):
            if row.id not in waiting:
                resend(s, row)
                queued += 1
    for intake in s.scalars(select(JointIntake).where(of_case(JointIntake, case_id),
                                                      JointIntake.deleted_at.is_(None))):
        fields = {f: to_wire(getattr(intake, f)) for f in sorted(JOINT_INTAKE_CONTENT_FIELDS)}
        filled = {f: v for f, v in fields.items() if v != JOINT_INTAKE_BLANK.get(f)}
        if filled and intake.id not in waiting:
            resend(s, intake, op="update", fields=filled, base={f: JOINT_INTAKE_BLANK.get(f) for f in filled})
            queued += 1
    return queued
