"""The purge: a dry run without names, a confirmed purge that tombstones whole files, old audit events removed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from privacy_helpers import make_youth
from sqlalchemy import delete, func, select, update

from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.services.programme_settings import CASE_RETENTION_MONTHS
from pac_desktop.services.retention import CASE_MODELS
from pac_desktop.storage.models import AuditEvent, OutboxEntry, SyncState, Youth

OLD = datetime(2023, 1, 5, 9, 0, tzinfo=UTC)  # the fixtures' today is 12 March 2026


def _live_rows(services, youth_id: str) -> int:
    with services.ctx.read() as session:
        return sum(
            session.scalar(
                select(func.count()).select_from(m).where(m.case_id == youth_id, m.deleted_at.is_(None))
            )
            for m in CASE_MODELS
        )


def _enrol(services) -> None:
    """Pretend this store synced once (the sync client writes sync_state)."""
    with services.ctx.write() as session:
        session.add(SyncState(id=1, cursor=10, epoch="e" * 36))


def _pushed(services) -> None:
    """Pretend the server acknowledged every row (the sync client empties the outbox and writes seq)."""
    with services.ctx.write() as session:
        session.info["applying_remote"] = True
        session.execute(delete(OutboxEntry))
        for model in CASE_MODELS:
            session.execute(update(model).values(seq=1))


@pytest.fixture
def three_youths(loaded_services, people):
    s = loaded_services
    stale = make_youth(s, first="Ancien", last="Dossierun", created_at=OLD, intake_on=date(2023, 2, 1),
                       contact_on=date(2024, 1, 10), referent=people.referent, full_file=True)
    recent_contact = make_youth(s, first="Recent", last="Contactdeux", created_at=OLD, intake_on=date(2023, 2, 1),
                                contact_on=date(2025, 6, 1))
    new = make_youth(s, first="Nouveau", last="Dossiertrois")
    return stale, recent_contact, new


def test_dry_run_lists_only_files_past_retention_without_names(loaded_services, people, three_youths) -> None:
    stale, recent, _ = three_youths
    plan = loaded_services.retention.plan(actor=people.admin)
    assert plan.cutoff == date(2024, 3, 12)
    assert [c.youth_id for c in plan.candidates] == [stale]
    candidate = plan.candidates[0]
    assert candidate.last_contact == date(2024, 1, 10)
    assert candidate.initials == "A. D."
    assert "Ancien" not in repr(plan)
    # Nothing changed by the dry run.
    assert _live_rows(loaded_services, stale) > 5

    # A shorter retention period brings the other old file in.
    loaded_services.programme_settings.set(CASE_RETENTION_MONTHS, 6, actor=people.admin)
    assert {c.youth_id for c in loaded_services.retention.plan(actor=people.admin).candidates} == {stale, recent}


def test_purge_tombstones_the_whole_file_so_that_it_syncs(loaded_services, people, three_youths) -> None:
    stale, recent, new = three_youths
    _enrol(loaded_services)
    _pushed(loaded_services)
    before = _live_rows(loaded_services, stale)
    plan = loaded_services.retention.plan(actor=people.admin)
    report = loaded_services.retention.purge(actor=people.admin, youth_ids=[c.youth_id for c in plan.candidates])
    assert report.youths == 1 and report.rows == before and not report.deleted_outright
    assert _live_rows(loaded_services, stale) == 0
    assert _live_rows(loaded_services, recent) > 0 and _live_rows(loaded_services, new) > 0
    with loaded_services.ctx.read() as session:
        deletes = session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.case_id == stale, OutboxEntry.op == "delete")
        )
        purge_events = session.scalars(select(AuditEvent).where(AuditEvent.action == "purge")).all()
    assert deletes == before  # every tombstone travels to the server
    assert [(e.entity, e.entity_id, e.staff_id) for e in purge_events] == [("youth", stale, people.admin.staff_id)]
    assert "Ancien" not in purge_events[0].detail
    # Nothing left to purge.
    assert loaded_services.retention.plan(actor=people.admin).count == 0


def test_purge_on_a_never_enrolled_store_deletes_rows_and_their_outbox(loaded_services, people, three_youths) -> None:
    stale, recent, _ = three_youths
    report = loaded_services.retention.purge(actor=people.admin, youth_ids=[stale])
    assert report.deleted_outright
    with loaded_services.ctx.read() as session:
        assert session.get(Youth, stale) is None
        assert session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.case_id == stale)) == 0
        assert session.get(Youth, recent) is not None


def test_purge_refuses_a_file_that_is_not_due_and_non_administrators(loaded_services, people, three_youths) -> None:
    stale, recent, _ = three_youths
    with pytest.raises(DomainError, match="Rien n'a été supprimé"):
        loaded_services.retention.purge(actor=people.admin, youth_ids=[stale, recent])
    assert _live_rows(loaded_services, stale) > 0
    for actor in (people.referent, people.counsellor, people.evaluator):
        with pytest.raises(PermissionDenied, match="durée de conservation"):
            loaded_services.retention.plan(actor=actor)


def test_old_audit_events_are_removed_only_once_the_server_holds_them(loaded_services, people) -> None:
    s = loaded_services
    _enrol(s)
    for _ in range(3):
        s.audit.record(action="view", by=people.referent, entity="youth", entity_id="x")
    with s.ctx.write() as session:
        ids = session.scalars(select(AuditEvent.id)).all()
        session.execute(update(AuditEvent).where(AuditEvent.id.in_(ids)).values(at=datetime(2024, 1, 1, tzinfo=UTC)))
        # Two of them were pushed (the server set their seq).
        session.execute(update(AuditEvent).where(AuditEvent.id.in_(ids[:2])).values(seq=5))
    plan = s.retention.plan(actor=people.admin)
    assert plan.old_audit_events == 2
    report = s.retention.purge(actor=people.admin, youth_ids=[])
    assert report.audit_events_removed == 2
    with s.ctx.read() as session:
        left = set(session.scalars(select(AuditEvent.id)))
    assert ids[2] in left and ids[0] not in left and ids[1] not in left


def test_a_purge_is_announced_to_the_open_windows(loaded_services, people, three_youths) -> None:
    """Issue 11: an open case file of a purged youth learns it (storage.changes), whether the rows are tombstoned
    or, never enrolled, deleted by bulk statements."""
    stale, recent, _ = three_youths
    heard = []
    loaded_services.ctx.changes.subscribe(heard.append)
    loaded_services.retention.purge(actor=people.admin, youth_ids=[stale])
    assert heard and all(c.source == "local" for c in heard)
    assert any(c.touches_case(stale) and stale in c.ids_of("youth") for c in heard)
    assert any(c.touches("audit_event") for c in heard)  # the purge's own audit entry


def test_a_purged_file_takes_this_computers_failed_reminders_with_it(loaded_services, people, three_youths) -> None:
    from pac_desktop.storage.models import ReminderFailure

    stale, recent, _ = three_youths
    with loaded_services.ctx.write() as session:  # as an automatic pass leaves them (services.reminders)
        for youth_id in (stale, recent):
            session.add(ReminderFailure(appointment_id=youth_id, channel="email", youth_id=youth_id, tries=1,
                                        failed_at=OLD, first_failed_at=OLD, message="Le serveur ne répond pas."))
    loaded_services.retention.purge(actor=people.admin, youth_ids=[stale])
    with loaded_services.ctx.read() as session:
        assert list(session.scalars(select(ReminderFailure.youth_id))) == [recent]
