"""Joint-intake sessions travel (issue 18): a session planned on one computer of a territory, its team and a youth
invited into a slot reach the territory's other computer through the real server — the invitation before any
consent (it is the repérage minimum) — and no computer of another territory."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sync_helpers import COUNSELLOR_ARIEGE, add_youth, backends, enrol_device, running_server, sign_in_services, sync

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.intake_sessions import session_start
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.models import DeadLetter, IntakeInvitation, IntakeSession, IntakeSessionCounsellor


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        yield running


def _rows(device, model) -> list:
    with device.store.read_session_factory() as s:
        return list(s.scalars(select(model)))


def test_a_session_and_its_invitations_reach_the_territorys_other_computer(server, tmp_path):
    foix = enrol_device(server, tmp_path / "foix", name="CIO Foix")
    pamiers = enrol_device(server, tmp_path / "pamiers", name="ML Pamiers")
    tarbes = enrol_device(server, tmp_path / "tarbes", name="CIO Tarbes", organisation="cio-tarbes")
    try:
        services = Services.build(foix.store, today=lambda: date(2026, 3, 12))
        sign_in_services(services, COUNSELLOR_ARIEGE)  # their changes are signed, as after their sign-in
        with services.ctx.read() as s:
            counsellor = actor_for(s, COUNSELLOR_ARIEGE)
        youth_id = add_youth(foix, consent=False)  # not asked yet: the invitation is the repérage minimum
        session_id = services.intake_sessions.plan_session(
            starts_at=session_start(date(2026, 3, 17), 9, 30), place="CIO de l'Ariège, Foix",
            counsellors={IntakeRole.CIO_PSYCHOLOGIST: COUNSELLOR_ARIEGE}, by=counsellor)
        invitation_id = services.intake_sessions.invite(session_id=session_id, youth_id=youth_id, by=counsellor)
        sync(foix, pamiers, tarbes)

        assert _rows(foix, DeadLetter) == []  # the server accepted every change
        assert [r.id for r in _rows(pamiers, IntakeSession)] == [session_id]
        assert [(r.role, r.staff_id) for r in _rows(pamiers, IntakeSessionCounsellor)] == [
            (IntakeRole.CIO_PSYCHOLOGIST, COUNSELLOR_ARIEGE)]
        assert [(r.id, r.youth_id) for r in _rows(pamiers, IntakeInvitation)] == [(invitation_id, youth_id)]
        seen = Services.build(pamiers.store, today=lambda: date(2026, 3, 12)).intake_sessions.session(
            session_id=session_id)
        assert seen.slots[0].youth_name == "Testa Fictif" and seen.place == "CIO de l'Ariège, Foix"
        for model in (IntakeSession, IntakeSessionCounsellor, IntakeInvitation):
            assert _rows(tarbes, model) == []  # another territory's computer holds none of it
    finally:
        for device in (foix, pamiers, tarbes):
            device.close()


def test_a_session_moved_then_cancelled_reaches_the_other_computer(server, tmp_path):
    """Changed on one computer (date, place, a counsellor taken off: tombstoned), then cancelled with a reason: the
    territory's other computer sees each change, the youth's invitation cancelled and « À reconvoquer »."""
    from pac_desktop.domain.intake_sessions import InvitationStatus
    from pac_desktop.services.intake_sessions import RECONVOKE
    from pac_desktop.storage.models import ContactAttempt

    foix = enrol_device(server, tmp_path / "foix", name="CIO Foix")
    pamiers = enrol_device(server, tmp_path / "pamiers", name="ML Pamiers")
    try:
        services = Services.build(foix.store, today=lambda: date(2026, 3, 12))
        sign_in_services(services, COUNSELLOR_ARIEGE)
        with services.ctx.read() as s:
            counsellor = actor_for(s, COUNSELLOR_ARIEGE)
        youth_id = add_youth(foix, consent=False)
        session_id = services.intake_sessions.plan_session(
            starts_at=session_start(date(2026, 3, 17), 9, 30), place="CIO de l'Ariège, Foix",
            counsellors={IntakeRole.CIO_PSYCHOLOGIST: COUNSELLOR_ARIEGE}, by=counsellor)
        invitation_id = services.intake_sessions.invite(session_id=session_id, youth_id=youth_id, by=counsellor)
        sync(foix, pamiers)
        change = services.intake_sessions.update_session(
            session_id=session_id, starts_at=session_start(date(2026, 3, 19), 14, 0), place="CIO de Foix, salle 2",
            slot_count=4, slot_minutes=90, counsellors={IntakeRole.CIO_PSYCHOLOGIST: None}, by=counsellor)
        assert change.moved and change.to_tell == (invitation_id,)
        sync(foix, pamiers)
        elsewhere = Services.build(pamiers.store, today=lambda: date(2026, 3, 12)).intake_sessions
        seen = elsewhere.session(session_id=session_id)
        assert seen.label == "Séance du 19 mars 2026 à 14 h 00" and seen.place == "CIO de Foix, salle 2"
        assert seen.counsellors == () and IntakeRole.CIO_PSYCHOLOGIST in seen.missing_roles

        services.intake_sessions.cancel_session(session_id=session_id, reason="Salle indisponible", by=counsellor)
        sync(foix, pamiers)
        assert _rows(foix, DeadLetter) == []
        seen = elsewhere.session(session_id=session_id)
        # The cancellation travels as the session's own fields: who, when, why (the notes stay the notes).
        assert seen.cancelled and seen.cancellation_reason == "Salle indisponible" and "Annulée" not in seen.notes
        assert seen.cancelled_by_name and seen.cancelled_at == services.intake_sessions.session(
            session_id=session_id).cancelled_at
        assert [v.invitation_id for v in seen.cancelled_with_session] == [invitation_id]
        assert [v.status for v in seen.released] == [InvitationStatus.CANCELLED]
        assert [(a.youth_id, a.next_action) for a in _rows(pamiers, ContactAttempt)] == [(youth_id, RECONVOKE)]
    finally:
        for device in (foix, pamiers):
            device.close()
