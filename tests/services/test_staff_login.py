"""Staff members and logging in: passwords are hashed with a real KDF and checked in constant form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.services.staff import LoginRefused
from pac_desktop.storage.models import Credential


def test_login_good_and_bad_password(loaded_services, store):
    staff_id = loaded_services.staff.add(
        first_name="Alix", last_name="Essai", organisation_code="cio-tarbes",
        roles=[StaffRole.COUNSELLOR, StaffRole.REFERENT], login="alix", password="mot-de-passe-1",
    )
    actor = loaded_services.staff.login(login="alix", password="mot-de-passe-1")
    assert actor.staff_id == staff_id and actor.territory_name == "Tarbes"
    assert actor.roles == {StaffRole.COUNSELLOR, StaffRole.REFERENT} and actor.initials == "AE"
    with pytest.raises(LoginRefused, match="Identifiant ou mot de passe incorrect"):
        loaded_services.staff.login(login="alix", password="mauvais")
    with pytest.raises(LoginRefused, match="Identifiant ou mot de passe incorrect"):
        loaded_services.staff.login(login="personne", password="mot-de-passe-1")
    with store.session_factory() as s:
        stored = s.scalar(select(Credential.password_hash))
    assert stored.startswith("scrypt$") and "mot-de-passe-1" not in stored


def test_staff_rules_in_french(loaded_services):
    with pytest.raises(DomainError, match="au moins 8 caractères"):
        loaded_services.staff.add(first_name="A", last_name="B", organisation_code="cio-tarbes",
                                  roles=[StaffRole.COUNSELLOR], login="ab", password="court")
    with pytest.raises(DomainError, match="au moins un rôle"):
        loaded_services.staff.add(first_name="A", last_name="B", organisation_code="cio-tarbes", roles=[])
    loaded_services.staff.add(first_name="A", last_name="B", organisation_code="cio-tarbes",
                              roles=[StaffRole.COUNSELLOR], login="pris", password="assez-long")
    with pytest.raises(DomainError, match="déjà pris"):
        loaded_services.staff.add(first_name="C", last_name="D", organisation_code="cio-tarbes",
                                  roles=[StaffRole.COUNSELLOR], login="pris", password="assez-long")
