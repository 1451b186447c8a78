"""A validation PIN per staff member on this computer (issue 13): chosen with one's own password, hashed like a
password and never in clear, local (never synced); on the shared screen it validates an intake in its owner's
name; wrong PINs are counted and audited, and the fifth locks it — the password still validates, a new PIN
unlocks."""

from __future__ import annotations

import pytest
from intake_builders import fill_until_validation, make_team, member_password, new_youth
from sqlalchemy import select

from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.security.passwords import PIN_MAX_ATTEMPTS, pin_problem, verify_password
from pac_desktop.services.staff import LoginRefused
from pac_desktop.services.validation_pin import PinState
from pac_desktop.storage.models import AuditEvent, IntakeValidation, OutboxEntry, StaffPin


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def test_pin_rules() -> None:
    assert pin_problem("4826") is None and pin_problem("907153") is None
    for bad in ("123", "1234567", "12a4", "48 26", "４８２６"):  # length, letters, spaces, non-ASCII digits
        assert "4 à 6 chiffres" in pin_problem(bad)
    for easy in ("0000", "1234", "98765", "4321"):
        assert "trop facile" in pin_problem(easy)


def test_a_pin_is_chosen_with_ones_own_password_hashed_and_kept_on_this_computer(loaded_services, team, store):
    pins = loaded_services.pins
    a, b = team.lead, team.members[1]
    assert pins.should_offer(by=b)  # a counsellor's first sign-in here
    with pytest.raises(PermissionDenied):  # nobody chooses a PIN for someone else
        pins.set_pin(staff_id=b.staff_id, password=member_password(b), pin="4826", pin_again="4826", by=a)
    with pytest.raises(LoginRefused, match="Mot de passe incorrect"):
        pins.set_pin(staff_id=b.staff_id, password=member_password(a), pin="4826", pin_again="4826", by=b)
    with pytest.raises(DomainError, match="pas identiques"):
        pins.set_pin(staff_id=b.staff_id, password=member_password(b), pin="4826", pin_again="4827", by=b)
    assert pins.status(staff_id=b.staff_id).state is PinState.NONE
    pins.set_pin(staff_id=b.staff_id, password=member_password(b), pin="4826", pin_again="4826", by=b)
    assert pins.status(staff_id=b.staff_id).state is PinState.SET and not pins.should_offer(by=b)
    with store.session_factory() as s:
        row = s.get(StaffPin, b.staff_id)
        assert row.pin_hash.startswith("scrypt$") and "4826" not in row.pin_hash
        assert verify_password("4826", row.pin_hash)
        assert s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "staff_pin")).all() == []  # never synced
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "validation_pin_set")).all()
        assert [e.staff_id for e in audit] == [b.staff_id] and all("4826" not in e.detail for e in audit)
    # « Plus tard » at the first sign-in is remembered.
    pins.decline(by=a)
    assert pins.status(staff_id=a.staff_id).state is PinState.DECLINED and not pins.should_offer(by=a)


def test_the_pin_validates_in_its_owners_name_and_locks_after_wrong_tries(loaded_services, team, store):
    s = loaded_services
    intake_id = s.intake.start(youth_id=new_youth(s, team), by=team.lead)
    fill_until_validation(s, team, intake_id)
    b, c = team.members[1], team.members[2]
    s.pins.set_pin(staff_id=b.staff_id, password=member_password(b), pin="4826", pin_again="4826", by=b)
    s.pins.set_pin(staff_id=c.staff_id, password=member_password(c), pin="7391", pin_again="7391", by=c)

    with pytest.raises(LoginRefused, match=f"Code PIN incorrect pour {b.display_name}.*encore 4 essais"):
        s.intake.validate_with_password(intake_id=intake_id, staff_id=b.staff_id, password="7391")  # C's PIN
    outcome = s.intake.validate_with_password(intake_id=intake_id, staff_id=b.staff_id, password="4826")
    assert b.display_name in outcome.validated_by
    with store.session_factory() as session:
        (row,) = session.scalars(select(IntakeValidation)).all()
        assert row.staff_id == b.staff_id and row.updated_by == b.staff_id
        assert session.get(StaffPin, b.staff_id).failed_attempts == 0  # a right PIN clears the count

    for _ in range(1, PIN_MAX_ATTEMPTS):
        with pytest.raises(LoginRefused, match="Code PIN incorrect"):
            s.intake.validate_with_password(intake_id=intake_id, staff_id=c.staff_id, password="1111")
    assert s.pins.status(staff_id=c.staff_id).failed_attempts == PIN_MAX_ATTEMPTS - 1
    with pytest.raises(LoginRefused, match="bloqué après 5 essais"):
        s.intake.validate_with_password(intake_id=intake_id, staff_id=c.staff_id, password="1111")
    with pytest.raises(LoginRefused, match="bloqué"):  # locked: even the right PIN is refused now
        s.intake.validate_with_password(intake_id=intake_id, staff_id=c.staff_id, password="7391")
    assert s.pins.status(staff_id=c.staff_id).state is PinState.LOCKED
    with store.session_factory() as session:
        failed = session.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed",
                                                          AuditEvent.staff_id == c.staff_id)).all()
        assert len(failed) == PIN_MAX_ATTEMPTS and {e.detail for e in failed} == {"code PIN de validation incorrect"}
        locked = session.scalars(select(AuditEvent).where(AuditEvent.action == "validation_pin_locked")).all()
        assert [e.staff_id for e in locked] == [c.staff_id]
    # The password still validates; a new PIN (chosen with the password) unlocks.
    s.intake.validate_with_password(intake_id=intake_id, staff_id=c.staff_id, password=member_password(c))
    s.pins.set_pin(staff_id=c.staff_id, password=member_password(c), pin="5082", pin_again="5082", by=c)
    assert s.pins.status(staff_id=c.staff_id).state is PinState.SET
    assert s.pins.status(staff_id=c.staff_id).failed_attempts == 0
