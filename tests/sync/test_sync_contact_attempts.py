"""Contact attempts travel between the computers of a territory through a real pac-server (issue 18).

A youth from a dropout list has no referent and has not yet agreed to share a file: the tries to reach them are
the repérage minimum (so that nobody contacts the youth twice), they sync at once, and the server accepts them
from the territory's counsellors and referents alike — not from a committee member.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from signing_helpers import TEST_KEYS
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    add_youth,
    backends,
    enrol_device,
    register_test_keys,
    running_server,
    sign_in_services,
    sync,
)

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.reperage import ContactChannel
from pac_desktop.server import admin
from pac_desktop.server.models import Record
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.models import ContactAttempt, DeadLetter, OutboxEntry, Youth
from pac_desktop.storage.outbox import SIGNER
from pac_desktop.storage.store import set_actor

TODAY = date.today()


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        running.referent = admin.create_staff(running.engine, first_name="Test", last_name="Referente",
                                              organisation_code="cio-ariege", roles=[StaffRole.REFERENT])
        running.committee = admin.create_staff(running.engine, first_name="Test", last_name="Comite",
                                               organisation_code="cio-ariege", roles=[StaffRole.COMMITTEE])
        register_test_keys(running.engine, running.referent, running.committee)  # as setting their password does
        yield running


@pytest.fixture
def devices(server, tmp_path):
    foix = enrol_device(server, tmp_path / "foix", name="foix", organisation="cio-ariege")
    pamiers = enrol_device(server, tmp_path / "pamiers", name="pamiers", organisation="cio-ariege")
    yield foix, pamiers
    foix.close()
    pamiers.close()


def _services(device, *signed_in: str) -> Services:
    services = Services.build(device.store, today=lambda: TODAY)
    for staff_id in signed_in:  # their changes are signed with their key, as after their sign-in (issue 12)
        sign_in_services(services, staff_id)
    return services


def _actor(services: Services, staff_id: str):
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


def _parked(device) -> list[str]:
    with device.store.read_session_factory() as s:
        return list(s.scalars(select(DeadLetter.reason)))


def test_contact_attempts_sync_between_two_computers_of_a_territory(server, devices):
    foix, pamiers = devices
    youth_id = add_youth(foix, territory=ARIEGE, consent=False, first_name="Testa", last_name="Reperee")
    on_foix = _services(foix, COUNSELLOR_ARIEGE)
    counsellor = _actor(on_foix, COUNSELLOR_ARIEGE)
    called = on_foix.contacts.record_attempt(
        youth_id=youth_id, channel=ContactChannel.CALL, reached=False, answer="Messagerie pleine.",
        next_action="Envoyer un SMS", next_action_due=TODAY + timedelta(days=2), by=counsellor)
    sync(foix, pamiers)

    on_pamiers = _services(pamiers, server.referent)
    referent = _actor(on_pamiers, server.referent)  # a referent of the territory, not this youth's
    (seen,) = on_pamiers.contacts.attempts(youth_id=youth_id, by=referent)
    assert (seen.id, seen.staff_name, seen.reached, seen.next_action) == (
        called, "Conseillère Test Ariège", False, "Envoyer un SMS")
    texted = on_pamiers.contacts.record_attempt(youth_id=youth_id, channel=ContactChannel.SMS,
                                                answer="Invitation à l'accueil du jeudi.", by=referent)
    on_pamiers.contacts.assign(youth_ids=[youth_id], staff_id=server.referent, by=referent)
    on_pamiers.contacts.set_messages_refused(youth_id=youth_id, refused=True, by=referent)
    sync(pamiers, foix)

    assert _parked(foix) == [] and _parked(pamiers) == []
    assert [a.id for a in on_foix.contacts.attempts(youth_id=youth_id, by=counsellor)] == [texted, called]
    with foix.store.read_session_factory() as s:
        youth = s.get(Youth, youth_id)
        assert (youth.contact_staff_id, youth.contact_opt_out, youth.contact_opt_out_by) == (
            server.referent, True, server.referent)
        assert youth.contact_opt_out_at is not None
        assert s.scalar(select(OutboxEntry.ord)) is None  # nothing held back: no consent needed for the repérage
    # The worklist on Foix shows the try noted at Pamiers as the newest, and the refusal of messages.
    (line,) = [r for r in on_foix.worklist.search(by=counsellor, limit=1000).rows if r.id == youth_id]
    assert (line.attempts, line.last_channel, line.contact_staff_id, line.messages_refused) == (
        2, ContactChannel.SMS, server.referent, True)
    with server.engine.connect() as conn:
        on_server = dict(conn.execute(select(Record.id, Record.data).where(Record.entity == "contact_attempt")).all())
    assert on_server[texted]["channel"] == "sms" and on_server[called]["reached"] is False


def test_the_server_refuses_a_try_noted_by_a_committee_member(server, devices):
    foix, pamiers = devices
    youth_id = add_youth(foix, territory=ARIEGE, consent=False)
    with foix.store.session_factory.begin() as s:  # written without the services' check (a faulty client)
        set_actor(s, server.committee)
        s.info[SIGNER] = TEST_KEYS.sign  # signed by its author: the server refuses it for the role, not the key
        attempt = ContactAttempt(case_id=youth_id, youth_id=youth_id, channel=ContactChannel.CALL,
                                 attempted_at=datetime.now(UTC), answer="")
        s.add(attempt)
        s.flush()
        attempt_id = attempt.id
    sync(foix, pamiers)
    (reason,) = _parked(foix)
    assert reason.startswith("Votre rôle (comité technique local) ne permet pas de noter une prise de contact")
    with pamiers.store.read_session_factory() as s:
        assert s.get(Youth, youth_id) is not None and s.get(ContactAttempt, attempt_id) is None
