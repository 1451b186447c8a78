"""The server checks the role of every pushed change's author (issue 7 §3), with the desktop's own policy.

A change the desktop's services would have refused (an older or faulty client, a role withdrawn meanwhile)
reaches the server from a real device here by writing the rows directly as that staff member; the server
rejects it with the French message of pac_desktop.security.roles.denial_message, applies nothing, keeps it in
its ledger and records a "denied" audit event. The device parks it in its dead letters, visible.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    TEST_KEYS,
    add_youth,
    backends,
    edit_youth,
    enrol_device,
    register_test_keys,
    running_server,
    sync,
    youth,
)

from pac_desktop.domain.enums import FollowUpKind, StaffRole, YouthStatus
from pac_desktop.domain.errors import DomainError
from pac_desktop.security.roles import CASE_ENTITIES, SYNC_ACTIONS, Action, actions_for_change
from pac_desktop.server import admin
from pac_desktop.server.models import AppliedMutation, Record
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.programme_settings import LOCK_AFTER_MINUTES
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
from pac_desktop.services.sync import REASON_LABELS, SyncService
from pac_desktop.storage.models import (
    MODELS_BY_ENTITY,
    DeadLetter,
    FollowUpEvent,
    JointIntake,
    ProgrammeSetting,
    ReferentAssignment,
    Staff,
)
from pac_desktop.storage.store import set_actor
from pac_desktop.sync.wire import SCOPES, Scope

TODAY = date.today()


# -- the policy table -------------------------------------------------------------------------------


def test_every_synced_entity_has_its_actions():
    missing = sorted(set(MODELS_BY_ENTITY) - set(SYNC_ACTIONS))
    assert not missing, f"say which actions change {missing} in pac_desktop.security.roles.SYNC_ACTIONS"
    assert not set(SYNC_ACTIONS) - set(MODELS_BY_ENTITY)
    assert set(SCOPES) == set(SYNC_ACTIONS)
    assert CASE_ENTITIES == {entity for entity, scope in SCOPES.items() if scope is Scope.CASE}


def test_the_table_follows_the_services():
    assert actions_for_change("follow_up_event", "create") == (Action.CASE_EDIT, Action.INTAKE_EDIT)
    assert actions_for_change("joint_intake", "update", ["state"]) == (Action.INTAKE_EDIT, Action.CASE_EDIT)
    assert actions_for_change("evaluation_assignment", "create") == (Action.EVALUATION_DRAW,)
    assert actions_for_change("staff", "create") == (Action.STAFF_MANAGE,)
    assert actions_for_change("territory", "update", ["name"]) == (Action.REFERENCE_MANAGE,)
    assert actions_for_change("programme_setting", "update", ["value"]) == (Action.SETTINGS_MANAGE,)
    assert actions_for_change("audit_event", "create") == ()  # anyone the server knows, or the device
    assert actions_for_change("audit_event", "delete") == (Action.PURGE,)
    assert Action.PURGE in actions_for_change("youth", "delete")  # the retention purge
    assert Action.REFERENT_CHANGE in actions_for_change("youth", "update", ["status"])
    assert Action.REFERENT_CHANGE not in actions_for_change("youth", "update", ["status", "phone"])
    assert actions_for_change("no_such_entity", "create") is None


# -- through a real server --------------------------------------------------------------------------

STAFF = {
    "referent_a": (StaffRole.REFERENT, "cio-ariege"),
    "referent_b": (StaffRole.REFERENT, "cio-ariege"),
    "committee": (StaffRole.COMMITTEE, "cio-ariege"),
    "evaluator": (StaffRole.EVALUATOR, "cio-ariege"),
    "administrator": (StaffRole.ADMINISTRATOR, "cio-ariege"),
}


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        running.staff = {
            key: admin.create_staff(running.engine, first_name="Test", last_name=key.replace("_", " ").title(),
                                    organisation_code=org, roles=[role])
            for key, (role, org) in STAFF.items()
        }
        register_test_keys(running.engine, *running.staff.values())
        yield running


@pytest.fixture
def foix(server, tmp_path):
    device = enrol_device(server, tmp_path / "foix", organisation="cio-ariege")  # works as COUNSELLOR_ARIEGE
    yield device
    device.close()


def _intake(device, referent: str) -> str:
    """What a counsellor's joint intake writes: the youth, the intake, the referent designated."""
    youth_id = add_youth(device, territory=ARIEGE, status=YouthStatus.FOLLOWED)
    with device.store.session_factory.begin() as s:
        intake = JointIntake(case_id=youth_id, youth_id=youth_id, territory_id=ARIEGE, held_on=TODAY,
                             created_by=COUNSELLOR_ARIEGE)
        s.add(intake)
        s.flush()
        s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, staff_id=referent, intake_id=intake.id,
                                 started_on=TODAY - timedelta(days=7), designated_by=COUNSELLOR_ARIEGE))
    return youth_id


def _follow_up(device, youth_id: str, *, by: str, note: str) -> str:
    """A follow-up entry written as ``by`` without the services' check (an older or faulty client)."""
    with device.store.session_factory.begin() as s:
        set_actor(s, by)
        event = FollowUpEvent(case_id=youth_id, youth_id=youth_id, kind=FollowUpKind.CALL, occurred_on=TODAY,
                              note=note)
        s.add(event)
        s.flush()
        return event.id


def _rejected(device) -> dict[str, str]:
    """{row id: French reason} of the device's dead letters; the rejected changes' page shows the same text."""
    with device.store.read_session_factory() as s:
        parked = dict(s.execute(select(DeadLetter.row_id, DeadLetter.reason)).all())
    shown = {r.reason_label for r in SyncService(ServiceContext(store=device.store)).rejected()}
    assert shown == {REASON_LABELS.get(reason, reason) for reason in parked.values()}
    return parked


def _on_server(server, entity: str, record_id: str) -> dict | None:
    with server.engine.connect() as conn:
        return conn.execute(select(Record.data).where(Record.entity == entity, Record.id == record_id)).scalar()


def _denials(server, record_id: str) -> list[dict]:
    with server.engine.connect() as conn:
        rows = conn.execute(select(Record.data).where(Record.entity == "audit_event")).scalars()
        return [d for d in rows if d.get("action") == "denied" and d.get("entity_id") == record_id]


def _services(device) -> Services:
    services = Services.build(device.store, today=lambda: TODAY)
    services.ctx.keys = TEST_KEYS  # every staff member acting below has signed in on this computer (issue 12)
    return services


def _actor(services: Services, staff_id: str):
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


def test_a_counsellors_intake_is_accepted(server, foix):
    youth_id = _intake(foix, server.staff["referent_a"])
    sync(foix)
    assert _rejected(foix) == {}
    assert _on_server(server, "youth", youth_id)["territory_id"] == ARIEGE
    with foix.store.read_session_factory() as s:
        intake_id = s.scalar(select(JointIntake.id).where(JointIntake.youth_id == youth_id))
    assert _on_server(server, "joint_intake", intake_id) is not None


def test_a_referent_edits_their_own_youth_and_not_another_referents(server, foix):
    mine = _intake(foix, server.staff["referent_a"])
    theirs = _intake(foix, server.staff["referent_b"])
    sync(foix)
    services = _services(foix)
    referent_a = _actor(services, server.staff["referent_a"])
    accepted = services.casefile.add_follow_up(youth_id=mine, kind=FollowUpKind.CALL, occurred_on=TODAY,
                                               note="Appel du référent", by=referent_a)
    refused = _follow_up(foix, theirs, by=server.staff["referent_a"], note="Pas mon jeune")
    sync(foix)
    assert _on_server(server, "follow_up_event", accepted)["note"] == "Appel du référent"
    assert _on_server(server, "follow_up_event", refused) is None
    reason = _rejected(foix)[refused]
    assert reason.startswith("Votre rôle (référent unique) ne permet pas de modifier ce dossier.")
    assert "Seul le référent unique du jeune modifie son dossier" in reason
    (denial,) = _denials(server, refused)
    assert denial["staff_id"] == server.staff["referent_a"] and denial["youth_id"] == theirs
    assert denial["detail"].startswith("case.edit")
    # The ledger keeps the refusal: the same mutation sent again gets the same answer, still applied nowhere.
    with server.engine.connect() as conn:
        (result,) = conn.execute(select(AppliedMutation.result).where(AppliedMutation.record_id == refused)).scalars()
    assert result["status"] == "rejected" and result["reason"] == reason


def test_a_hand_over_then_only_the_new_referent_edits(server, foix):
    youth_id = _intake(foix, server.staff["referent_a"])
    sync(foix)
    services = _services(foix)
    # Recorded today, effective two days ago: the old referent's edits of the last two days are refused.
    services.casefile.change_referent(youth_id=youth_id, staff_id=server.staff["referent_b"],
                                      reason="Changement de secteur", on=TODAY - timedelta(days=2),
                                      by=_actor(services, server.staff["referent_a"]))
    sync(foix)
    assert _rejected(foix) == {}  # the hand-over itself: the old assignment ended, the new one
    new = _follow_up(foix, youth_id, by=server.staff["referent_b"], note="Premier appel")
    old = _follow_up(foix, youth_id, by=server.staff["referent_a"], note="Après le changement")
    sync(foix)
    assert _on_server(server, "follow_up_event", new) is not None
    assert _on_server(server, "follow_up_event", old) is None and old in _rejected(foix)


@pytest.mark.parametrize(("who", "label"), [("committee", "comité technique local"), ("evaluator", "évaluateur")])
def test_a_committee_member_or_an_evaluator_cannot_edit_a_file(server, foix, who, label):
    youth_id = _intake(foix, server.staff["referent_a"])
    youth_id_phone = "06 00 00 00 01"
    edit_youth(foix, youth_id, phone=youth_id_phone, by=COUNSELLOR_ARIEGE)
    sync(foix)
    edit_youth(foix, youth_id, phone="06 99 99 99 99", by=server.staff[who])
    event = _follow_up(foix, youth_id, by=server.staff[who], note="Note interdite")
    sync(foix)
    rejected = _rejected(foix)
    assert rejected[youth_id] == rejected[event]
    assert rejected[event].startswith(f"Votre rôle ({label}) ne permet pas de modifier ce dossier.")
    assert rejected[event].endswith("Le serveur ne l'a pas enregistrée.")
    assert _on_server(server, "youth", youth_id)["phone"] == youth_id_phone
    assert _on_server(server, "follow_up_event", event) is None
    assert youth(foix, youth_id).phone == youth_id_phone  # the device is back to what the server holds
    assert len(_denials(server, youth_id)) == 1


def test_an_unknown_author_is_rejected(server, foix):
    youth_id = _intake(foix, server.staff["referent_a"])
    sync(foix)
    stranger = str(uuid.uuid4())
    edit_youth(foix, youth_id, phone="06 12 12 12 12", by=stranger)
    created = add_youth(foix, by=stranger, consent=False)
    sync(foix)
    rejected = _rejected(foix)
    assert "ne fait pas partie du personnel connu du serveur" in rejected[youth_id]
    assert "ne fait pas partie du personnel connu du serveur" in rejected[created]
    assert _on_server(server, "youth", youth_id)["phone"] is None
    assert _on_server(server, "youth", created) is None
    (denial,) = _denials(server, created)
    assert denial["staff_id"] == stranger and denial["youth_id"] is None and denial["territory_id"] == ARIEGE


def test_reference_data_and_staff_are_for_administrators(server, foix):
    with foix.store.session_factory.begin() as s:  # as the device's counsellor
        staff = Staff(organisation_id=_on_server_org(foix), first_name="Faux", last_name="Collègue")
        s.add(staff)
        s.flush()
        staff_id = staff.id
    sync(foix)
    reason = _rejected(foix)[staff_id]
    assert reason.startswith("Votre rôle (conseiller (accueils communs)) ne permet pas de gérer le personnel")
    assert "administrateur" in reason
    assert _on_server(server, "staff", staff_id) is None
    # Even an administrator's programme setting is refused from a device (issue 12: a device cannot prove who
    # its author is); the server's administrator changes settings with pac-server admin. The service says so...
    services = _services(foix)
    with pytest.raises(DomainError, match="pac-server admin set-setting"):
        services.programme_settings.set(LOCK_AFTER_MINUTES, 15, actor=_actor(services, server.staff["administrator"]))
    # ...and a row written anyway (an older version of the application) is refused by the server.
    with foix.store.session_factory.begin() as s:
        set_actor(s, server.staff["administrator"])
        s.add(ProgrammeSetting(key=LOCK_AFTER_MINUTES.key, scope="", value="15"))
    sync(foix)
    rejected = _rejected(foix)
    assert len(rejected) == 2 and staff_id in rejected
    (setting_reason,) = (reason for row_id, reason in rejected.items() if row_id != staff_id)
    assert setting_reason == "reference_read_only"
    with server.engine.connect() as conn:
        values = conn.execute(select(Record.data).where(Record.entity == "programme_setting")).scalars().all()
    assert {"key": LOCK_AFTER_MINUTES.key, "scope": "", "value": "15"} not in values


def _on_server_org(device) -> str:
    with device.store.read_session_factory() as s:
        return s.scalar(select(Staff.organisation_id).where(Staff.id == COUNSELLOR_ARIEGE))


def test_a_change_identical_to_the_servers_needs_no_role(server, foix):
    """A row sent again as the server holds it (seeded alike on two devices, an edit already made elsewhere)
    changes nothing: it is acknowledged whoever sends it, even with no author."""
    youth_id = _intake(foix, server.staff["referent_a"])
    sync(foix)
    token = foix.engine.tokens.access_token()
    same = {"mutation_id": str(uuid.uuid4()), "entity": "youth", "id": youth_id, "case_id": youth_id, "op": "update",
            "fields": {"first_name": "Testa"}, "base": {"first_name": "Testa"}, "base_version": 1}
    other = {**same, "mutation_id": str(uuid.uuid4()), "fields": {"first_name": "Autre"}}
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as client:
        answer = client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": [same, other]})
    first, second = answer.json()["results"]
    assert first["status"] == "applied"
    assert second["status"] == "rejected" and second["reason"].startswith("Cette modification ne dit pas qui")
    assert _on_server(server, "youth", youth_id)["first_name"] == "Testa"
