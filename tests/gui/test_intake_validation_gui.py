"""Every validation is its counsellor's (issue 13), on the shared screen: counsellor A, signed in, tries to validate
for B — refused without B's own password, accepted with it; the validation row, its author and the audit trail
name B. The last validation asks to confirm that the lock cannot be undone."""

from __future__ import annotations

import json

import pytest
from intake_builders import fill_until_validation, make_team, member_password, new_youth
from intake_gui_helpers import TIMEOUT, click, make_page, settle, type_into
from PySide6.QtCore import Qt
from sqlalchemy import select

from pac_desktop.domain.enums import IntakeRole, IntakeState
from pac_desktop.services.intake import IntakeStep
from pac_desktop.storage.models import AuditEvent, IntakeValidation, OutboxEntry


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _shown_as_validated(wizard, validation, staff_id: str):
    """The dialog closed and the page shows the staff member's validation (a refresh already in flight, from an
    autosave or a change announcement, may come first: waiting for any refresh is not enough)."""
    return lambda: validation.validate_dialog is None and staff_id in {v.staff_id for v in wizard.detail.validations}


def _dialog_for(qtbot, validation, staff_id: str):
    click(qtbot, validation.validate_buttons[staff_id])
    qtbot.waitUntil(lambda: validation.validate_dialog is not None and validation.validate_dialog.isVisible(),
                    timeout=TIMEOUT)
    return validation.validate_dialog


def _submit(qtbot, dialog, password: str) -> None:
    dialog.ui.password_edit.clear()
    type_into(qtbot, dialog.ui.password_edit, password)
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)


def test_a_counsellor_cannot_validate_for_another_without_their_password(qtbot, loaded_services, team, tasks, store):
    intake = loaded_services.intake
    intake_id = intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    fill_until_validation(loaded_services, team, intake_id)
    a = team.lead  # signed in on the shared screen
    b = team.counsellors[IntakeRole.MGI_COUNSELLOR]
    page = make_page(qtbot, loaded_services, a, tasks)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    wizard = page.wizard
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.VALIDATION)
    settle(qtbot, page)
    validation = wizard.page(IntakeStep.VALIDATION)

    dialog = _dialog_for(qtbot, validation, b.staff_id)
    # The dialog names B and shows what they validate; it is not the last validation: no lock warning.
    assert b.display_name in dialog.ui.who_label.text() and "Projet à construire" in dialog.ui.summary_label.text()
    assert not dialog.ui.lock_frame.isVisible()
    _submit(qtbot, dialog, member_password(a))  # A types their own password for B
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=TIMEOUT)
    assert f"Mot de passe incorrect pour {b.display_name}" in dialog.ui.error_label.text()
    assert dialog.isVisible() and dialog.ui.password_edit.text() == ""
    with store.session_factory() as s:
        assert s.scalars(select(IntakeValidation)).all() == []

    _submit(qtbot, dialog, member_password(b))
    qtbot.waitUntil(_shown_as_validated(wizard, validation, b.staff_id), timeout=TIMEOUT)  # closed (and deleted)
    with store.session_factory() as s:
        (row,) = s.scalars(select(IntakeValidation)).all()
        assert row.staff_id == b.staff_id and row.updated_by == b.staff_id
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "intake_validation")).one()
        assert entry.made_by == b.staff_id and json.loads(entry.fields)["staff_id"] == b.staff_id
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "intake_validation")).all()
        assert [(e.staff_id, e.entity_id) for e in audit] == [(b.staff_id, row.id)]
        failed = s.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")).all()
        assert [(e.staff_id, e.entity) for e in failed] == [(b.staff_id, "intake_validation")]
    assert b.staff_id not in validation.validate_buttons

    # The others validate; the last one must confirm the lock.
    others = [m for m in team.members if m.staff_id != b.staff_id]
    for member in others[:-1]:
        dialog = _dialog_for(qtbot, validation, member.staff_id)
        _submit(qtbot, dialog, member_password(member))
        qtbot.waitUntil(_shown_as_validated(wizard, validation, member.staff_id), timeout=TIMEOUT)
    last = others[-1]
    dialog = _dialog_for(qtbot, validation, last.staff_id)
    # The colleague's validation just before may still be on its way to the page: the dialog follows it.
    qtbot.waitUntil(dialog.ui.lock_frame.isVisible, timeout=TIMEOUT)
    assert "ne peut pas être annulé" in dialog.ui.lock_label.text()
    assert "avenant" in dialog.ui.lock_label.text()
    _submit(qtbot, dialog, member_password(last))
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=TIMEOUT)
    assert "Cochez" in dialog.ui.error_label.text()
    assert wizard.detail.state != IntakeState.VALIDATED
    click(qtbot, dialog.ui.lock_check)
    _submit(qtbot, dialog, member_password(last))
    qtbot.waitUntil(lambda: wizard.detail.state == IntakeState.VALIDATED, timeout=TIMEOUT)
    with store.session_factory() as s:
        rows = s.scalars(select(IntakeValidation)).all()
        assert {r.staff_id for r in rows} == {m.staff_id for m in team.members}
        assert all(r.updated_by == r.staff_id for r in rows)
