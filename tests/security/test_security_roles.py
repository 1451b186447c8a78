"""The one policy of the roles: who may do what, and the French message when not."""

from __future__ import annotations

import pytest

from pac_desktop.domain.enums import StaffRole as R
from pac_desktop.security.roles import AccessContext, Action, can, denial_message

ME, OTHER = "staff-me", "staff-other"
HOME, AWAY = "territory-home", "territory-away"


def ctx(*, territory: str | None = HOME, referent: str | None = OTHER) -> AccessContext:
    return AccessContext(actor_id=ME, actor_territory_id=HOME, territory_id=territory, referent_id=referent)


@pytest.mark.parametrize(
    ("roles", "action", "context", "allowed"),
    [
        # referent: their youths read-write, others of the territory read-only, nothing elsewhere
        ({R.REFERENT}, Action.CASE_EDIT, ctx(referent=ME), True),
        ({R.REFERENT}, Action.CASE_EDIT, ctx(), False),
        ({R.REFERENT}, Action.CASE_VIEW, ctx(), True),
        ({R.REFERENT}, Action.CASE_VIEW, ctx(territory=AWAY), False),
        ({R.REFERENT}, Action.CASE_VIEW, ctx(territory=AWAY, referent=ME), True),
        ({R.REFERENT}, Action.SUBJECT_EXPORT, ctx(referent=ME), True),
        ({R.REFERENT}, Action.SUBJECT_EXPORT, ctx(), False),
        # counsellor: intakes and files of the territory
        ({R.COUNSELLOR}, Action.INTAKE_EDIT, ctx(), True),
        ({R.COUNSELLOR}, Action.INTAKE_EDIT, ctx(territory=AWAY), False),
        ({R.COUNSELLOR}, Action.EVALUATION_DRAW, ctx(), True),
        ({R.COUNSELLOR}, Action.CASE_EDIT, ctx(), False),
        # committee: summaries and indicators of its territory, no file
        ({R.COMMITTEE}, Action.COMMITTEE_VIEW, ctx(), True),
        ({R.COMMITTEE}, Action.COMMITTEE_VIEW, ctx(territory=AWAY), False),
        ({R.COMMITTEE}, Action.CASE_VIEW, ctx(), False),
        # administrator: reference, staff, settings, audit, purge — no case file
        ({R.ADMINISTRATOR}, Action.PURGE, ctx(), True),
        ({R.ADMINISTRATOR}, Action.AUDIT_VIEW, ctx(), True),
        ({R.ADMINISTRATOR}, Action.STAFF_MANAGE, ctx(), True),
        ({R.ADMINISTRATOR}, Action.CASE_VIEW, ctx(), False),
        # evaluator: pseudonymised exports only
        ({R.EVALUATOR}, Action.EVALUATION_EXPORT, ctx(), True),
        *[({R.EVALUATOR}, action, ctx(referent=ME), False) for action in Action if action is not Action.EVALUATION_EXPORT],
        # several roles: any one suffices; no role: nothing
        ({R.COUNSELLOR, R.REFERENT}, Action.CASE_EDIT, ctx(referent=ME), True),
        (set(), Action.CASE_VIEW, ctx(), False),
    ],
)
def test_policy(roles, action, context, allowed) -> None:
    assert can(roles, action, context) is allowed


def test_only_administrators_do_administration() -> None:
    admin_actions = {Action.PURGE, Action.AUDIT_VIEW, Action.STAFF_MANAGE, Action.REFERENCE_MANAGE,
                     Action.SETTINGS_MANAGE, Action.DEVICE_MANAGE}
    for action in admin_actions:
        for role in R:
            assert can({role}, action, ctx(referent=ME)) is (role is R.ADMINISTRATOR)


def test_denial_messages_say_what_and_why_in_french() -> None:
    message = denial_message({R.REFERENT}, Action.CASE_EDIT, ctx())
    assert message.startswith("Votre rôle (référent unique) ne permet pas de modifier ce dossier.")
    assert "Seul le référent unique du jeune" in message
    assert "autre territoire" in denial_message({R.COUNSELLOR}, Action.CASE_VIEW, ctx(territory=AWAY))
    assert "évaluateurs" in denial_message({R.REFERENT}, Action.EVALUATION_EXPORT, ctx())
    assert "administrateur" in denial_message({R.REFERENT}, Action.PURGE, ctx())
