"""The evaluation's draw on a computer without a secure keyring — a store protected by a passphrase (issue 13).

Such a computer cannot hold the draws: they come from the server, and it cannot enrol (its sync token is only
ever kept in a keyring), and their seals open only with a key kept in a keyring. The draw says exactly that in
French, names no empty reserve and no sync to retry, changes nothing, and the intake goes on."""

from __future__ import annotations

from datetime import date

import keyring
import pytest
from intake_builders import make_team, new_youth
from keyring.backends import fail
from sqlalchemy import select

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.evaluation import AllocationLedger
from pac_desktop.security.keyring_store import InsecureKeyring, SecretStore
from pac_desktop.services.evaluation import NoAllocationAvailable, SeededAllocationSource
from pac_desktop.storage.models import EvaluationAssignment, EvaluationSlot

SEED = b"\x29" * 32


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def test_no_draw_without_a_secure_keyring_and_the_message_says_why(loaded_services, team, store) -> None:
    s = loaded_services
    s.evaluation.set_enabled(territory_id=team.territory_id, enabled=True, actor=team.admin)
    s.evaluation.replenish(SeededAllocationSource(seed=SEED, ledger=AllocationLedger()))  # slots held, sealed
    youth_id = new_youth(s, team, first="Phrase", last="Secretefictive", birth=date(2009, 4, 2))
    intake_id = s.intake.start(youth_id=youth_id, by=team.lead)
    s.intake.save_field(intake_id=intake_id, field="youth.left_school_on", value=date(2025, 12, 19), by=team.lead)
    s.intake.save_field(intake_id=intake_id, field="youth.has_qualification", value=False, by=team.lead)
    s.intake.save_field(intake_id=intake_id, field="youth.followed_by_structure", value=False, by=team.lead)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # the same computer, as a passphrase-mode one sees it
    try:
        with pytest.raises(InsecureKeyring):  # the premise: without a keyring, no sync token, no enrolment
            SecretStore().check()
        for draw in (lambda: s.intake.confirm_eligibility(intake_id=intake_id, by=team.lead),
                     lambda: s.evaluation.draw(youth_id=youth_id, by=team.lead)):
            with pytest.raises(NoAllocationAvailable) as refused:
                draw()
            message = str(refused.value)
            assert "pas de trousseau sécurisé" in message and "phrase secrète" in message
            assert "ne peut pas se synchroniser" in message and "L'accueil peut continuer" in message
            assert "épuisée" not in message  # not the empty reserve's advice to sync, which could never help
    finally:
        keyring.set_keyring(previous)
    with store.session_factory() as session:
        assert session.scalars(select(EvaluationAssignment)).all() == []
        assert session.scalar(select(EvaluationSlot).where(EvaluationSlot.used_by_youth_id.is_not(None))) is None
    detail = s.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.state != IntakeState.CANCELLED and detail.evaluation.pending
