"""Consent decides what leaves the computer, and a validation is its counsellor's (issue 13), with a real
pac-server and two computers of the same territory: the referent's, where the intake is typed, and a partner's.

A youth whose consent is refused, then one never asked, then one who withdraws it: after the syncs, the server's
records and the partner's store hold none of their intake content (read back), while the repérage minimum is
shared; a crafted push of such content is refused by the server; a validation in someone else's name too.
"""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    add_youth,
    backends,
    edit_youth,
    enrol_device,
    register_test_keys,
    running_server,
    sign_in_services,
    signed,
    sync,
    work_as,
)

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import AnalysisSection, ConsentKind, OfferCategory, StaffRole
from pac_desktop.server import admin
from pac_desktop.server.models import Conflict, Record, RecordVersion
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.models import (
    AnalysisNote,
    AuditEvent,
    DeadLetter,
    IntakeConsent,
    IntakeValidation,
    JointIntake,
    OutboxEntry,
    ProposedSolution,
    ReferentAssignment,
    SyncConflict,
    Youth,
)
from pac_desktop.storage.outbox import SIGNER
from pac_desktop.storage.store import set_actor
from pac_desktop.sync.consent_hold import unshared_cases

SECRET = "Suivi psychiatrique confidentiel"  # the health note that must never leave without consent
DIAGNOSIS = "Diagnostic partagé confidentiel"


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    with running_server(request.param, tmp_path_factory.mktemp("server")) as running:
        running.other = admin.create_staff(running.engine, first_name="Autre", last_name="Conseiller",
                                           organisation_code="mgi-ariege", roles=[StaffRole.COUNSELLOR])
        yield running


@pytest.fixture
def devices(server, tmp_path):
    referent = enrol_device(server, tmp_path / "referent", name="poste du référent", organisation="cio-ariege")
    partner = enrol_device(server, tmp_path / "partner", name="poste partenaire", organisation="ml-ariege")
    yield referent, partner
    referent.close()
    partner.close()


def _consent(device, youth_id: str, state: ConsentState, *, on: date = date(2026, 3, 2)) -> None:
    with device.store.session_factory.begin() as s:
        for kind in ConsentKind:
            s.add(IntakeConsent(case_id=youth_id, youth_id=youth_id, kind=kind, state=state, given_on=on,
                                recorded_by=COUNSELLOR_ARIEGE, reason="Ne souhaite pas" if state != "given" else None))


def _intake_with_content(device, youth_id: str) -> str:
    """The intake's frame first, then its content typed (as the wizard saves it)."""
    with device.store.session_factory.begin() as s:
        intake = JointIntake(case_id=youth_id, youth_id=youth_id, territory_id=ARIEGE, held_on=date(2026, 3, 2),
                             created_by=COUNSELLOR_ARIEGE)
        s.add(intake)
        s.flush()
        intake_id = intake.id
    with device.store.session_factory.begin() as s:
        s.get(JointIntake, intake_id).shared_diagnosis = DIAGNOSIS
        s.add(AnalysisNote(case_id=youth_id, intake_id=intake_id, section=AnalysisSection.HEALTH, text=SECRET,
                           author_staff_id=COUNSELLOR_ARIEGE))
        s.add(ProposedSolution(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, category=OfferCategory.GUIDANCE,
                               free_text="Stage de découverte"))
    return intake_id


def _server_records(server, youth_id: str) -> dict[str, list[dict]]:
    with server.engine.connect() as conn:
        rows = conn.execute(select(Record.entity, Record.data, Record.deleted).where(Record.case_id == youth_id)).all()
        history = conn.execute(select(RecordVersion.data, RecordVersion.changes)
                               .where(RecordVersion.id.in_(select(Record.id).where(Record.case_id == youth_id)))).all()
    out: dict[str, list[dict]] = {}
    for entity, data, deleted in rows:
        out.setdefault(entity, []).append({**data, "_deleted": deleted})
    out["_history"] = [{"data": d, "changes": c} for d, c in history]
    return out


def _store_text(device, youth_id: str) -> str:
    """Everything the store holds about the youth's intake, as text."""
    with device.store.read_session_factory() as s:
        notes = s.scalars(select(AnalysisNote.text).where(AnalysisNote.case_id == youth_id)).all()
        diagnoses = s.scalars(select(JointIntake.shared_diagnosis).where(JointIntake.case_id == youth_id)).all()
        solutions = s.scalars(select(ProposedSolution.free_text).where(ProposedSolution.case_id == youth_id)).all()
    return " | ".join(str(x) for x in [*notes, *diagnoses, *solutions])


def test_content_stays_until_consent_is_given_and_goes_when_it_is_withdrawn(server, devices) -> None:
    referent, partner = devices
    refused = add_youth(referent, consent=False, first_name="Refus")
    _consent(referent, refused, ConsentState.REFUSED)
    never_asked = add_youth(referent, consent=False, first_name="Jamais")
    given_then_withdrawn = add_youth(referent, consent=False, first_name="Retrait")
    _consent(referent, given_then_withdrawn, ConsentState.GIVEN)
    for youth_id in (refused, never_asked, given_then_withdrawn):
        _intake_with_content(referent, youth_id)
    sync(referent, partner)

    for youth_id in (refused, never_asked):
        on_server = _server_records(server, youth_id)
        # The repérage minimum is shared: the youth and the intake's frame; nothing of its content.
        assert on_server["youth"][0]["first_name"] in ("Refus", "Jamais")
        assert on_server["joint_intake"][0]["shared_diagnosis"] == ""
        assert "analysis_note" not in on_server and "proposed_solution" not in on_server
        assert SECRET not in str(on_server) and DIAGNOSIS not in str(on_server)
        assert _store_text(partner, youth_id) == ""  # the partner has the youth, not the content
        with partner.store.read_session_factory() as s:
            assert s.get(Youth, youth_id) is not None
        assert SECRET in _store_text(referent, youth_id)  # kept where it was typed, waiting in the outbox
    with referent.store.read_session_factory() as s:
        waiting = s.scalars(select(OutboxEntry.entity).where(OutboxEntry.case_id.in_([refused, never_asked]))).all()
        assert sorted(set(waiting)) == ["analysis_note", "joint_intake", "proposed_solution"]
        assert not s.scalars(select(DeadLetter)).all()  # held back, not refused

    # Given: the content is shared with the partner.
    assert SECRET in str(_server_records(server, given_then_withdrawn))
    assert SECRET in _store_text(partner, given_then_withdrawn)
    # Withdrawn: the server and the partner hold none of it any more; the referent's computer keeps its copy.
    _consent(referent, given_then_withdrawn, ConsentState.WITHDRAWN, on=date(2026, 3, 9))
    sync(referent, partner)
    on_server = _server_records(server, given_then_withdrawn)
    assert SECRET not in str(on_server) and DIAGNOSIS not in str(on_server)
    assert all(r["_deleted"] for r in on_server["analysis_note"] + on_server["proposed_solution"])
    assert [c["state"] for c in on_server["consent"]].count("withdrawn") == 2
    assert _store_text(partner, given_then_withdrawn) == ""
    assert SECRET in _store_text(referent, given_then_withdrawn)

    # A consent given later lets the waiting content go.
    _consent(referent, never_asked, ConsentState.GIVEN, on=date(2026, 3, 10))
    sync(referent, partner)
    assert SECRET in _store_text(partner, never_asked)
    assert DIAGNOSIS in str(_server_records(server, never_asked)["joint_intake"])


def test_the_server_refuses_crafted_content_without_consent(server, devices) -> None:
    referent, _partner = devices
    youth_id = add_youth(referent, consent=False, first_name="Forge")
    with referent.store.session_factory.begin() as s:
        intake = JointIntake(case_id=youth_id, youth_id=youth_id, territory_id=ARIEGE, held_on=date(2026, 3, 2))
        s.add(intake)
        s.flush()
        intake_id = intake.id
    sync(referent)
    token = referent.engine.tokens.access_token()
    note = signed({"mutation_id": str(uuid.uuid4()), "entity": "analysis_note", "id": str(uuid.uuid4()),
                   "case_id": youth_id, "op": "create", "base_version": 0, "made_by": COUNSELLOR_ARIEGE,
                   "fields": {"intake_id": intake_id, "section": "health", "text": SECRET, "author_staff_id": None,
                              "written_at": "2026-03-02T10:00:00+00:00"}})
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as client:
        answer = client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": [note]}).json()
    (result,) = answer["results"]
    assert result["status"] == "rejected" and "n'a pas donné son accord" in result["reason"]
    assert SECRET not in str(_server_records(server, youth_id))


def test_the_server_refuses_a_validation_in_someone_elses_name(server, devices) -> None:
    referent, _partner = devices
    youth_id = add_youth(referent, first_name="Valide")
    intake_id = _intake_with_content(referent, youth_id)
    sync(referent)
    with referent.store.session_factory.begin() as s:
        set_actor(s, COUNSELLOR_ARIEGE)  # A, signed in, clicks for B
        forged = IntakeValidation(case_id=youth_id, intake_id=intake_id, staff_id=server.other)
        s.add(forged)
        s.flush()
        forged_id = forged.id
    with referent.store.session_factory.begin() as s:
        set_actor(s, COUNSELLOR_ARIEGE)  # A validates for themself
        own = IntakeValidation(case_id=youth_id, intake_id=intake_id, staff_id=COUNSELLOR_ARIEGE)
        s.add(own)
        s.flush()
        own_id = own.id
    sync(referent)
    with referent.store.read_session_factory() as s:
        parked = dict(s.execute(select(DeadLetter.row_id, DeadLetter.reason)).all())
    assert "au nom d'un autre membre du personnel" in parked[forged_id]
    validations = _server_records(server, youth_id)["intake_validation"]
    assert [v["staff_id"] for v in validations] == [COUNSELLOR_ARIEGE] and own_id not in parked


def test_after_a_withdrawal_the_referents_computer_keeps_its_copy_and_the_partners_loses_it(server, devices) -> None:
    """The referent records the withdrawal on their computer (the service, as the case file does): the server and
    the partner's computer lose the shared content; the referent's computer keeps its notes, solutions and
    diagnosis as typed, live — but not a note a partner deleted before the withdrawal; the audit trail, on the
    server and on the partner's computer, names the referent as who recorded the withdrawal."""
    referent_pc, partner_pc = devices
    referent_id = admin.create_staff(server.engine, first_name="Rémi", last_name="Référent-Fictif",
                                     organisation_code="cio-ariege", roles=[StaffRole.REFERENT, StaffRole.COUNSELLOR])
    register_test_keys(server.engine, referent_id)  # as setting their password does (issue 12)
    sync(referent_pc, partner_pc)
    youth_id = add_youth(referent_pc, consent=False, first_name="Kept")
    _consent(referent_pc, youth_id, ConsentState.GIVEN)
    intake_id = _intake_with_content(referent_pc, youth_id)
    deleted_note = str(uuid.uuid4())
    with referent_pc.store.session_factory.begin() as s:
        s.add(AnalysisNote(id=deleted_note, case_id=youth_id, intake_id=intake_id, section=AnalysisSection.FAMILY,
                           text="Note supprimée par le partenaire", author_staff_id=COUNSELLOR_ARIEGE))
        s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, staff_id=referent_id,
                                 started_on=date(2026, 3, 2), designated_by=COUNSELLOR_ARIEGE))
    sync(referent_pc, partner_pc)
    assert SECRET in _store_text(partner_pc, youth_id) and DIAGNOSIS in _store_text(partner_pc, youth_id)
    # Before the withdrawal, the partner deletes one note; the referent's computer has not pulled it yet.
    work_as(partner_pc, COUNSELLOR_ARIEGE)
    with partner_pc.store.session_factory.begin() as s:
        s.get(AnalysisNote, deleted_note).deleted_at = utcnow()
    sync(partner_pc)

    work_as(referent_pc, referent_id)
    services = Services.build(referent_pc.store)
    sign_in_services(services, referent_id)  # their changes are signed, as after their sign-in (issue 12)
    with referent_pc.store.read_session_factory() as s:
        referent = actor_for(s, referent_id)
    services.intake.withdraw_consent(youth_id=youth_id, reason="Le jeune le demande", by=referent)
    sync(referent_pc, partner_pc, rounds=2)

    on_server = _server_records(server, youth_id)
    assert SECRET not in str(on_server) and DIAGNOSIS not in str(on_server)
    # The partner's computer holds nothing of the content, not even tombstones.
    with partner_pc.store.read_session_factory() as s:
        for model in (AnalysisNote, ProposedSolution, ReferentAssignment):
            assert s.scalars(select(model.id).where(model.case_id == youth_id)).all() == []
        assert s.scalar(select(JointIntake.shared_diagnosis).where(JointIntake.id == intake_id)) == ""
    # The referent's computer keeps its copy, live: what the referent sees in the intake.
    with referent_pc.store.read_session_factory() as s:
        live = {n.text: n.deleted_at for n in s.scalars(select(AnalysisNote).where(AnalysisNote.case_id == youth_id))}
        assert live[SECRET] is None
        gone = s.get(AnalysisNote, deleted_note)  # deleted before the withdrawal: it goes, and its text with it
        assert gone.deleted_at is not None and gone.text == "" and "Note supprimée par le partenaire" not in live
        assert s.scalar(select(ProposedSolution.deleted_at).where(ProposedSolution.case_id == youth_id)) is None
        assert s.scalar(select(ReferentAssignment.deleted_at).where(ReferentAssignment.case_id == youth_id)) is None
        assert s.scalar(select(JointIntake.shared_diagnosis).where(JointIntake.id == intake_id)) == DIAGNOSIS
    detail = services.intake.intake_detail(intake_id=intake_id, by=referent)
    assert detail.shared_diagnosis == DIAGNOSIS
    assert SECRET in str(detail)

    # Who recorded the withdrawal: the consent, the records the server emptied, and the audit trail.
    assert {c["recorded_by"] for c in on_server["consent"] if c["state"] == "withdrawn"} == {referent_id}
    with server.engine.connect() as conn:
        authors = dict(conn.execute(select(Record.id, Record.updated_by).where(Record.case_id == youth_id,
                                                                               Record.entity == "analysis_note")).all())
    assert authors.pop(deleted_note) == COUNSELLOR_ARIEGE  # the partner's deletion stays theirs
    assert set(authors.values()) == {referent_id}
    events = {e["action"]: e for e in on_server["audit_event"]}
    assert events["consent_withdrawn"]["staff_id"] == referent_id
    removed = events["shared_content_removed"]
    assert removed["staff_id"] == referent_id and removed["detail"].startswith("4 fiches retirées du serveur")
    with partner_pc.store.read_session_factory() as s:
        trail = {(e.action, e.staff_id) for e in s.scalars(select(AuditEvent).where(AuditEvent.youth_id == youth_id))}
    assert {("consent_withdrawn", referent_id), ("shared_content_removed", referent_id)} <= trail

    # Later syncs change nothing, and what the referent types now stays on their computer.
    with referent_pc.store.session_factory.begin() as s:
        s.scalar(select(AnalysisNote).where(AnalysisNote.case_id == youth_id,
                                            AnalysisNote.text == SECRET)).text = SECRET + " (suite)"
    sync(referent_pc, partner_pc)
    assert SECRET + " (suite)" in _store_text(referent_pc, youth_id)
    assert _store_text(partner_pc, youth_id) == "" and "(suite)" not in str(_server_records(server, youth_id))


def test_a_consent_given_again_after_a_withdrawal_shares_the_content_again(server, devices) -> None:
    """The youth withdraws their consent during the intake, then gives it again (youth and guardian, at the consent
    step): the content the server removed at the withdrawal — kept on the referent's computer — is shared again,
    on the server and on the partner's computer, as typed; and what was typed meanwhile goes too."""
    referent_pc, partner_pc = devices
    counsellor_id = admin.create_staff(server.engine, first_name="Rose", last_name="Redonne-Fictive",
                                       organisation_code="cio-ariege", roles=[StaffRole.REFERENT, StaffRole.COUNSELLOR])
    register_test_keys(server.engine, counsellor_id)
    sync(referent_pc, partner_pc)
    youth_id = add_youth(referent_pc, consent=False, first_name="Encore")
    _consent(referent_pc, youth_id, ConsentState.GIVEN)
    intake_id = _intake_with_content(referent_pc, youth_id)
    with referent_pc.store.session_factory.begin() as s:
        s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, staff_id=counsellor_id,
                                 started_on=date(2026, 3, 2), designated_by=COUNSELLOR_ARIEGE))
    sync(referent_pc, partner_pc)
    assert SECRET in _store_text(partner_pc, youth_id)

    work_as(referent_pc, counsellor_id)
    services = Services.build(referent_pc.store)
    sign_in_services(services, counsellor_id)
    with referent_pc.store.read_session_factory() as s:
        counsellor = actor_for(s, counsellor_id)
    services.intake.withdraw_consent(youth_id=youth_id, reason="Le jeune hésite", by=counsellor)
    sync(referent_pc, partner_pc, rounds=2)
    assert SECRET not in str(_server_records(server, youth_id)) and _store_text(partner_pc, youth_id) == ""
    assert SECRET in _store_text(referent_pc, youth_id)
    # Typed while the consent is withdrawn: stays here until it is given again.
    with referent_pc.store.session_factory.begin() as s:
        set_actor(s, counsellor_id)
        s.info[SIGNER] = services.ctx.keys.sign
        s.add(AnalysisNote(case_id=youth_id, intake_id=intake_id, section=AnalysisSection.FAMILY,
                           text="Note saisie après le retrait", author_staff_id=counsellor_id))
    sync(referent_pc, partner_pc)
    assert "après le retrait" not in str(_server_records(server, youth_id))

    for kind in ConsentKind:
        services.intake.record_consent(intake_id=intake_id, kind=kind, given=True, collected_by=counsellor_id,
                                       guardian_name="Mme Parent-Fictif" if kind == ConsentKind.GUARDIAN else None,
                                       by=counsellor)
    with referent_pc.store.read_session_factory() as s:
        assert unshared_cases(s, [youth_id]) == set()  # the consent in force is given again
    sync(referent_pc, partner_pc, rounds=2)

    on_server = _server_records(server, youth_id)
    live_notes = [n["text"] for n in on_server.get("analysis_note", []) if not n["_deleted"]]
    assert sorted(live_notes) == sorted([SECRET, "Note saisie après le retrait"])
    assert [i["shared_diagnosis"] for i in on_server["joint_intake"]] == [DIAGNOSIS]
    assert [s["free_text"] for s in on_server["proposed_solution"] if not s["_deleted"]] == ["Stage de découverte"]
    assert SECRET in _store_text(partner_pc, youth_id) and DIAGNOSIS in _store_text(partner_pc, youth_id)
    assert "après le retrait" in _store_text(partner_pc, youth_id)
    with referent_pc.store.read_session_factory() as s:
        assert s.scalars(select(DeadLetter)).all() == []


def test_after_a_withdrawal_the_conflicts_over_the_content_show_no_value(server, devices) -> None:
    """A note edited on both computers clashes; the youth then withdraws their consent: the server's conflict, the
    partner's copy of it and its conflicts page keep none of the note's text."""
    referent_pc, partner_pc = devices
    counsellor_id = admin.create_staff(server.engine, first_name="Yves", last_name="Conflit-Fictif",
                                       organisation_code="cio-ariege", roles=[StaffRole.REFERENT, StaffRole.COUNSELLOR])
    register_test_keys(server.engine, counsellor_id)
    sync(referent_pc, partner_pc)
    youth_id = add_youth(referent_pc, consent=False, first_name="Conflit")
    _consent(referent_pc, youth_id, ConsentState.GIVEN)
    intake_id = _intake_with_content(referent_pc, youth_id)
    with referent_pc.store.session_factory.begin() as s:
        s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, staff_id=counsellor_id,
                                 started_on=date(2026, 3, 2), designated_by=COUNSELLOR_ARIEGE))
    sync(referent_pc, partner_pc)
    work_as(partner_pc, COUNSELLOR_ARIEGE)
    with partner_pc.store.session_factory.begin() as s:
        s.scalars(select(AnalysisNote).where(AnalysisNote.case_id == youth_id)).one().text = "Version du partenaire"
    with referent_pc.store.session_factory.begin() as s:
        s.scalars(select(AnalysisNote).where(AnalysisNote.case_id == youth_id)).one().text = "Version du référent"
    sync(partner_pc, referent_pc, partner_pc)
    partner_services = Services.build(partner_pc.store)
    (clash,) = [c for c in partner_services.sync.conflicts() if c.case_id == youth_id]
    assert "Version du" in str([(f.mine, f.theirs) for f in clash.fields])  # shown while the consent is given

    work_as(referent_pc, counsellor_id)
    services = Services.build(referent_pc.store)
    sign_in_services(services, counsellor_id)
    with referent_pc.store.read_session_factory() as s:
        counsellor = actor_for(s, counsellor_id)
    services.intake.withdraw_consent(youth_id=youth_id, reason="Le jeune le demande", by=counsellor)
    sync(referent_pc, partner_pc, rounds=2)

    with server.engine.connect() as conn:
        on_server = conn.execute(select(Conflict.fields, Conflict.status).where(Conflict.case_id == youth_id)).all()
    assert on_server and all("Version du" not in str(fields) and SECRET not in str(fields) for fields, _ in on_server)
    assert {status for _, status in on_server} == {"resolved"}  # nothing left to decide
    for device in (partner_pc, referent_pc):
        with device.store.read_session_factory() as s:
            kept = s.scalars(select(SyncConflict.fields).where(SyncConflict.case_id == youth_id)).all()
        assert kept and all("Version du" not in f and SECRET not in f for f in kept), device.name
    shown = [c for c in partner_services.sync.conflicts(include_resolved=True) if c.case_id == youth_id]
    assert shown and all(f.withheld and f.mine is None and f.theirs is None for c in shown for f in c.fields)


@pytest.mark.parametrize("backend", backends())
def test_a_full_resync_after_a_tombstone_purge_leaves_the_referents_copy(backend, tmp_path) -> None:
    """The referent's computer keeps its copy after a withdrawal recorded on it. A full resync (the cursor below
    the server's tombstone horizon, once the server purged the withdrawal's tombstones, or any 410) tombstones the
    rows the server no longer delivers — but not that kept copy."""
    from datetime import timedelta

    from sqlalchemy import update

    from pac_desktop.server.models import Device as ServerDevice
    from pac_desktop.server.retention import purge_tombstones

    with running_server(backend, tmp_path / "server") as server:
        referent_pc = enrol_device(server, tmp_path / "referent", name="poste du référent", organisation="cio-ariege")
        referent_id = admin.create_staff(server.engine, first_name="Rémi", last_name="Purge-Fictif",
                                         organisation_code="cio-ariege",
                                         roles=[StaffRole.REFERENT, StaffRole.COUNSELLOR])
        register_test_keys(server.engine, referent_id)
        sync(referent_pc)
        youth_id = add_youth(referent_pc, consent=False, first_name="Purge")
        _consent(referent_pc, youth_id, ConsentState.GIVEN)
        intake_id = _intake_with_content(referent_pc, youth_id)
        with referent_pc.store.session_factory.begin() as s:
            s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, staff_id=referent_id,
                                     started_on=date(2026, 3, 2), designated_by=COUNSELLOR_ARIEGE))
        sync(referent_pc)
        work_as(referent_pc, referent_id)
        services = Services.build(referent_pc.store)
        sign_in_services(services, referent_id)
        with referent_pc.store.read_session_factory() as s:
            referent = actor_for(s, referent_id)
        services.intake.withdraw_consent(youth_id=youth_id, reason="Le jeune le demande", by=referent)
        sync(referent_pc, rounds=2)
        other = add_youth(referent_pc, first_name="Autre")  # moves the cursor past the withdrawal's tombstones
        for n in range(2):
            edit_youth(referent_pc, other, phone=f"06 55 55 55 5{n}", by=COUNSELLOR_ARIEGE)
            sync(referent_pc)
        assert SECRET in _store_text(referent_pc, youth_id)

        later = utcnow() + timedelta(days=200)
        with server.engine.begin() as conn:
            conn.execute(update(ServerDevice.__table__).values(last_seen=later - timedelta(days=1)))
        done = purge_tombstones(server.engine, now=later)
        assert done.tombstones_purged >= 3  # the note, the solution, the referent's designation
        assert SECRET not in str(_server_records(server, youth_id))

        referent_pc.replica.begin_full_resync(epoch=None, server_restored=False)
        while True:
            page, _counts = referent_pc.engine.pull_once()
            if not page.has_more:
                break
        with referent_pc.store.read_session_factory() as s:
            live = {n.text: n.deleted_at for n in s.scalars(select(AnalysisNote).where(AnalysisNote.case_id == youth_id))}
            assert live == {SECRET: None}
            assert s.scalar(select(ProposedSolution.deleted_at).where(ProposedSolution.case_id == youth_id)) is None
            assert s.scalar(select(ReferentAssignment.deleted_at).where(ReferentAssignment.case_id == youth_id)) is None
            assert s.scalar(select(JointIntake.shared_diagnosis).where(JointIntake.id == intake_id)) == DIAGNOSIS
        referent_pc.close()


def test_a_refusal_after_a_consent_keeps_the_content_where_it_was_recorded(server, devices) -> None:
    """The youth first agreed (the content was shared), then refuses at the consent step: the server and the
    partner lose the content; the computer where the refusal was recorded keeps it (for the retention period the
    programme sets, then the purge), as after a withdrawal."""
    referent_pc, partner_pc = devices
    counsellor_id = admin.create_staff(server.engine, first_name="Rita", last_name="Refus-Fictive",
                                       organisation_code="cio-ariege", roles=[StaffRole.REFERENT, StaffRole.COUNSELLOR])
    register_test_keys(server.engine, counsellor_id)
    sync(referent_pc, partner_pc)
    youth_id = add_youth(referent_pc, consent=False, first_name="Change")
    _consent(referent_pc, youth_id, ConsentState.GIVEN)
    intake_id = _intake_with_content(referent_pc, youth_id)
    with referent_pc.store.session_factory.begin() as s:
        s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, intake_id=intake_id, staff_id=counsellor_id,
                                 started_on=date(2026, 3, 2), designated_by=COUNSELLOR_ARIEGE))
    sync(referent_pc, partner_pc)
    assert SECRET in _store_text(partner_pc, youth_id)

    work_as(referent_pc, counsellor_id)
    services = Services.build(referent_pc.store)
    sign_in_services(services, counsellor_id)
    with referent_pc.store.read_session_factory() as s:
        counsellor = actor_for(s, counsellor_id)
    services.intake.record_consent(intake_id=intake_id, kind=ConsentKind.YOUTH, given=False,
                                   reason="Ne souhaite plus", by=counsellor)
    sync(referent_pc, partner_pc, rounds=2)
    assert SECRET not in str(_server_records(server, youth_id)) and _store_text(partner_pc, youth_id) == ""
    assert SECRET in _store_text(referent_pc, youth_id) and DIAGNOSIS in _store_text(referent_pc, youth_id)
