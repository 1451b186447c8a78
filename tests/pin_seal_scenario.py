"""The scenario of a validation with a PIN on an enrolled computer (issue 13 §2 after issue 12), shared by the
in-process test (tests/sync/test_sync_pin_signature.py, in-memory keyring) and the same scenario run under a
real Secret Service (GNOME Keyring in a private D-Bus session: tests/tools/with-keyring.sh), where it runs as a
child process: ``python tests/pin_seal_scenario.py`` with the inputs in the environment, printing ``key=value``.

Alice is signed in on the referent's computer; Bruno, present at the intake, chose his PIN at his own sign-in
here earlier. Alice validates for herself; she cannot validate for Bruno (his PIN unknown to her, her own
password or PIN refused, a PIN planted in the store refused); Bruno validates with his PIN: the row, the
outbox entry's signature and the audit name Bruno; Chloé validates with her password; the sync sends all.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pac_desktop.domain.enums import IntakeRole, StaffRole
from pac_desktop.domain.reference import stable_id
from pac_desktop.security.passwords import hash_password
from pac_desktop.security.pin_seal import PIN_SEAL_SERVICE
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import LoginRefused, actor_for
from pac_desktop.storage.models import AuditEvent, DeadLetter, IntakeValidation, OutboxEntry, StaffPin

ARIEGE = stable_id("territory", "ariege")
ORGANISATIONS = {IntakeRole.CIO_PSYCHOLOGIST: "cio-ariege", IntakeRole.MGI_COUNSELLOR: "mgi-ariege",
                 IntakeRole.ML_COUNSELLOR: "ml-ariege"}
NAMES = {IntakeRole.CIO_PSYCHOLOGIST: ("Alice", "Pinfictive"), IntakeRole.MGI_COUNSELLOR: ("Bruno", "Pinfictif"),
         IntakeRole.ML_COUNSELLOR: ("Chloé", "Pinessai")}
BRUNO_PIN = "4826"
ALICE_PIN = "7391"


@dataclass(frozen=True)
class Member:
    staff_id: str
    login: str
    password: str


def make_server_team(engine, suffix: str) -> dict[str, object]:
    """The team, made by the server's administrator with real passwords (their public keys registered there)."""
    from pac_desktop.server import admin

    team: dict[str, object] = {}
    for role, org in ORGANISATIONS.items():
        first, last = NAMES[role]
        login, password = f"{first.lower()}.{suffix}", f"mot-de-passe-{first.lower()}-{suffix}"
        staff_id = admin.create_staff(engine, first_name=first, last_name=last + suffix, organisation_code=org,
                                      roles=[StaffRole.COUNSELLOR, StaffRole.REFERENT], login=login, password=password)
        team[role.value] = {"staff_id": staff_id, "login": login, "password": password}
    team["referent"] = admin.create_staff(engine, first_name="Hugo", last_name="Referent" + suffix,
                                          organisation_code="ml-ariege", roles=[StaffRole.REFERENT])
    return team


def members(team: dict) -> tuple[Member, Member, Member]:
    return tuple(Member(**team[role.value]) for role in ORGANISATIONS)  # type: ignore[return-value]


def team_for_builders(services: Services, team: dict):
    """The intake_builders Team of these server-made staff (for fill_until_validation)."""
    from intake_builders import Team

    with services.ctx.read() as s:
        counsellors = {role: actor_for(s, team[role.value]["staff_id"]) for role in ORGANISATIONS}
        referent = actor_for(s, team["referent"])
    return Team("ariege", ARIEGE, counsellors, (referent,), counsellors[IntakeRole.CIO_PSYCHOLOGIST])


def keyring_entry(staff_id: str) -> str | None:
    import keyring

    return keyring.get_password(PIN_SEAL_SERVICE, staff_id)


def run(services: Services, team: dict) -> dict[str, object]:
    """The scenario on an enrolled computer's services; what happened, for the caller to check."""
    from intake_builders import fill_until_validation

    alice, bruno, chloe = members(team)
    out: dict[str, object] = {}
    # Bruno's first sign-in here, earlier: he chooses his PIN (his key sealed under it), then signs out.
    b = services.sessions.login(login=bruno.login, password=bruno.password)
    services.pins.set_pin(staff_id=bruno.staff_id, password=bruno.password, pin=BRUNO_PIN, pin_again=BRUNO_PIN, by=b)
    services.sessions.logout(actor=b)
    entry = keyring_entry(bruno.staff_id)
    out["sealed"] = entry is not None and BRUNO_PIN not in entry
    # Alice has a PIN too (to show it cannot validate for Bruno).
    a = services.sessions.login(login=alice.login, password=alice.password)
    services.pins.set_pin(staff_id=alice.staff_id, password=alice.password, pin=ALICE_PIN, pin_again=ALICE_PIN, by=a)
    out["bruno_key_held_after_logout"] = services.ctx.keys.holds(bruno.staff_id)

    builders_team = team_for_builders(services, team)
    created = services.intake.create_youth(first_name="Léa", last_name="Pinfictive", birth_date=date(2008, 11, 20),
                                           territory_id=ARIEGE, create_anyway=True, by=a)
    intake_id = services.intake.start(youth_id=created.youth_id, by=a)
    fill_until_validation(services, builders_team, intake_id)
    out["intake_id"], out["youth_id"] = intake_id, created.youth_id
    services.intake.validate_with_password(intake_id=intake_id, staff_id=alice.staff_id, password=alice.password)

    # Alice tries to validate for Bruno: with her password, her PIN, a guessed PIN — refused, nothing written.
    refusals = []
    for secret in (alice.password, ALICE_PIN, "1357"):
        try:
            services.intake.validate_with_password(intake_id=intake_id, staff_id=bruno.staff_id, password=secret)
            refusals.append("accepted")
        except LoginRefused as refused:
            refusals.append(str(refused))
    out["refusals"] = refusals
    # Someone with the store file plants a PIN of their choosing in Bruno's row: it passes the hash, but opens no key.
    with services.ctx.store.session_factory.begin() as s:
        row = s.get(StaffPin, bruno.staff_id)
        genuine_hash, row.pin_hash = row.pin_hash, hash_password("9731")
    try:
        services.intake.validate_with_password(intake_id=intake_id, staff_id=bruno.staff_id, password="9731")
        out["planted_pin"] = "accepted"
    except LoginRefused as refused:
        out["planted_pin"] = str(refused)
    with services.ctx.store.session_factory.begin() as s:
        row = s.get(StaffPin, bruno.staff_id)
        row.pin_hash, row.failed_attempts = genuine_hash, 0
    with services.ctx.read() as s:
        out["validations_before"] = sorted(s.scalars(select(IntakeValidation.staff_id)
                                                     .where(IntakeValidation.intake_id == intake_id)))
    out["bruno_key_held_after_refusals"] = services.ctx.keys.holds(bruno.staff_id)

    # Bruno, present, types his own PIN on the shared screen: his validation, signed by his key.
    outcome = services.intake.validate_with_password(intake_id=intake_id, staff_id=bruno.staff_id, password=BRUNO_PIN)
    out["bruno_validated"] = any(name.startswith("Bruno") for name in outcome.validated_by)
    out["bruno_key_held_after"] = services.ctx.keys.holds(bruno.staff_id)  # for that validation only
    services.intake.validate_with_password(intake_id=intake_id, staff_id=chloe.staff_id, password=chloe.password)
    with services.ctx.read() as s:
        (row,) = s.scalars(select(IntakeValidation).where(IntakeValidation.intake_id == intake_id,
                                                          IntakeValidation.staff_id == bruno.staff_id)).all()
        out["row_id"], out["row_updated_by"] = row.id, row.updated_by
        entry_row = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == row.id)).first()
        out["outbox_made_by"] = entry_row.made_by if entry_row else None
        out["outbox_key_id"] = entry_row.key_id if entry_row else None
        out["audit"] = [e.staff_id for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == "intake_validation", AuditEvent.entity_id == row.id))]
    services.sessions.logout(actor=a)
    report = services.sync.sync_now()
    out["rejected"] = report.rejected
    with services.ctx.read() as s:
        out["dead_letters"] = [d.reason for d in s.scalars(select(DeadLetter))]
    return out


def main() -> int:
    """The child process under a real Secret Service: enrol, run, print the outcome as JSON on one line."""
    import keyring

    from pac_desktop.storage.store import open_store

    data_dir = Path(os.environ["PAC_SCENARIO_DATA"])
    team = json.loads(os.environ["PAC_SCENARIO_TEAM"])
    store = open_store(data_dir)
    services = Services.build(store)
    services.sync.enrol(server_url=os.environ["PAC_SCENARIO_URL"], code=os.environ["PAC_SCENARIO_CODE"],
                        device_name="poste du référent")
    services.sync.sync_now()  # the staff, their logins, the reference data
    out = run(services, team)
    out["backend"] = type(keyring.get_keyring()).__module__
    out["entry_in_store_file"] = (keyring_entry(members(team)[1].staff_id) or "-") in (
        data_dir / "pac.sqlite3").read_bytes().decode("latin-1")
    store.engine.dispose()
    print("scenario=" + json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
