"""The administrators' area (issue 14): staff, settings, the purge, the evaluation and this computer, through the
real widgets on a real store; the area is hidden from other roles and the services refuse them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from privacy_helpers import make_youth
from PySide6.QtWidgets import QDialog
from sync_helpers import running_server

from pac_desktop.app import build_main_window
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.gui.admin_area import SERVER_OWNS_EVALUATION, SERVER_OWNS_SETTINGS, SERVER_OWNS_STAFF, AdminPage
from pac_desktop.server import admin as server_admin
from pac_desktop.services.programme_settings import (
    CASE_RETENTION_MONTHS,
    CASELOAD_CAP,
    EVALUATION_ENABLED,
    LOCK_AFTER_MINUTES,
)
from pac_desktop.services.staff import actor_for

ADMIN_LOGIN, ADMIN_PASSWORD = "a.admin", "admin-essai-2026"


@pytest.fixture
def administrator(loaded_services):
    staff_id = loaded_services.staff.add(first_name="Adèle", last_name="Testadmin", organisation_code="cio-tarbes",
                                         roles=[StaffRole.ADMINISTRATOR], login=ADMIN_LOGIN, password=ADMIN_PASSWORD)
    with loaded_services.ctx.read() as session:
        return actor_for(session, staff_id)


@pytest.fixture
def page(qtbot, loaded_services, administrator, tasks):
    page = AdminPage(loaded_services, administrator, tasks)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.staff_tab.table.rowCount() == 1, timeout=10_000)
    return page


def _answer(page: AdminPage, fill) -> None:  # noqa: ANN001
    """The next dialog the page opens is filled by ``fill`` and accepted (as a click on Enregistrer would)."""

    def open_dialog(dialog: QDialog) -> int:
        fill(dialog)
        dialog.accept()
        return dialog.result()

    page.open_dialog = open_dialog


def _select(page: AdminPage, name: str) -> None:
    table = page.staff_tab.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)
    table.selectRow(row)


def test_only_administrators_see_the_area_and_the_services_refuse_the_others(
        qtbot, loaded_services, counsellor, administrator, tasks, preferences):  # the counsellor first: no admin yet
    admin_window = build_main_window(loaded_services, administrator, tasks=tasks, preferences=preferences)
    qtbot.addWidget(admin_window)
    assert "admin" in admin_window.area_keys()
    window = build_main_window(loaded_services, counsellor, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    assert "admin" not in window.area_keys()
    staff = loaded_services.staff
    with pytest.raises(PermissionDenied):
        staff.set_active(administrator.staff_id, active=False, by=counsellor)
    with pytest.raises(PermissionDenied):
        staff.reset_password(administrator.staff_id, password="n'importe-quoi", by=counsellor)
    with pytest.raises(PermissionDenied):
        staff.update(counsellor.staff_id, first_name="X", last_name="Y", roles=[StaffRole.ADMINISTRATOR],
                     caseload_cap=50, by=counsellor)
    with pytest.raises(PermissionDenied):
        loaded_services.programme_settings.set(LOCK_AFTER_MINUTES, 30, actor=counsellor)
    with pytest.raises(PermissionDenied):
        loaded_services.retention.plan(actor=counsellor)


def test_staff_added_edited_deactivated_and_given_a_new_password(qtbot, page, loaded_services, administrator):
    def fill_new(dialog) -> None:  # noqa: ANN001
        dialog.first_name_edit.setText("Basile")
        dialog.last_name_edit.setText("Testnouveau")
        dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findData("ml-tarbes"))
        dialog.role_boxes[StaffRole.REFERENT].setChecked(True)
        assert dialog.cap_spin.maximum() == 50  # never above the programme's cap
        dialog.cap_spin.setValue(30)
        dialog.login_edit.setText("b.nouveau")
        dialog.password_edit.setText("nouveau-2026")
        dialog.password_again_edit.setText("nouveau-2026")

    _answer(page, fill_new)
    page.staff_tab.add_button.click()
    qtbot.waitUntil(lambda: page.staff_tab.table.rowCount() == 2, timeout=10_000)
    added = next(s for s in loaded_services.staff.list() if s.login == "b.nouveau")
    assert added.roles == {StaffRole.REFERENT} and added.caseload_cap == 30
    assert loaded_services.staff.login(login="b.nouveau", password="nouveau-2026").staff_id == added.id

    _select(page, "Basile Testnouveau")

    def fill_edit(dialog) -> None:  # noqa: ANN001
        dialog.role_boxes[StaffRole.COUNSELLOR].setChecked(True)
        dialog.cap_spin.setValue(45)

    _answer(page, fill_edit)
    page.staff_tab.edit_button.click()
    qtbot.waitUntil(lambda: loaded_services.staff.detail(added.id).caseload_cap == 45, timeout=10_000)
    assert loaded_services.staff.detail(added.id).roles == {StaffRole.REFERENT, StaffRole.COUNSELLOR}

    _select(page, "Basile Testnouveau")
    _answer(page, lambda d: (d.password_edit.setText("autre-mot-2026"), d.password_again_edit.setText("autre-mot-2026")))
    page.staff_tab.password_button.click()
    qtbot.waitUntil(lambda: _signs_in(loaded_services, "b.nouveau", "autre-mot-2026"), timeout=10_000)

    _select(page, "Basile Testnouveau")
    page.staff_tab.active_button.click()
    qtbot.waitUntil(lambda: not loaded_services.staff.detail(added.id).active, timeout=10_000)
    with pytest.raises(DomainError, match="désactivé"):
        loaded_services.staff.login(login="b.nouveau", password="autre-mot-2026")

    # The last administrator cannot be deactivated (nor deactivate themselves): said under the table.
    _select(page, "Adèle Testadmin")
    page.staff_tab.active_button.click()
    qtbot.waitUntil(lambda: page.staff_tab.error_label.isVisible(), timeout=10_000)
    assert "propre compte" in page.staff_tab.error_label.text()
    # A cap above the programme's is refused by the service too, with the setting to change.
    with pytest.raises(DomainError, match="programme"):
        loaded_services.staff.update(added.id, first_name="Basile", last_name="Testnouveau",
                                     roles=[StaffRole.REFERENT], caseload_cap=60, by=administrator)


def _signs_in(services, login: str, password: str) -> bool:  # noqa: ANN001
    try:
        services.staff.login(login=login, password=password)
    except DomainError:
        return False
    return True


def test_settings_are_saved_through_the_tab(qtbot, page, loaded_services):
    tab = page.settings_tab
    qtbot.waitUntil(lambda: tab.spins[LOCK_AFTER_MINUTES.key].value() == 10, timeout=10_000)
    tab.spins[LOCK_AFTER_MINUTES.key].setValue(25)
    tab.spins[CASE_RETENTION_MONTHS.key].setValue(18)
    tab.spins[CASELOAD_CAP.key].setValue(40)
    tab.no_contact_spin.setValue(45)
    tab.save_button.click()
    qtbot.waitUntil(lambda: "enregistrés" in tab.status_label.text(), timeout=10_000)
    settings = loaded_services.programme_settings
    assert (settings.get(LOCK_AFTER_MINUTES), settings.get(CASE_RETENTION_MONTHS), settings.get(CASELOAD_CAP)) == (
        25, 18, 40)
    assert loaded_services.todo.no_contact_days() == 45
    assert loaded_services.staff.programme_cap() == 40


def test_purge_lists_first_then_asks_then_purges(qtbot, page, loaded_services):
    old = make_youth(loaded_services, first="Ancien", last="Dossierun", created_at=datetime(2023, 1, 5, tzinfo=UTC),
                     intake_on=date(2023, 2, 1), contact_on=date(2024, 1, 10))
    make_youth(loaded_services, first="Nouveau", last="Dossierdeux")
    tab = page.purge_tab
    tab.search_button.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
    assert tab.table.item(0, 0).text() == "A. D."  # initials only on screen
    asked: list[str] = []
    page.confirm = lambda question: asked.append(question) or False  # "Non": nothing happens
    tab.purge_button.click()
    assert asked and "définitivement 1 dossier" in asked[0]
    assert [c.youth_id for c in loaded_services.retention.plan(actor=page.staff_tab._actor).candidates] == [old]
    page.confirm = lambda question: True
    tab.purge_button.click()
    qtbot.waitUntil(lambda: "Purge faite" in tab.summary_label.text(), timeout=20_000)
    assert "1 dossier" in tab.summary_label.text()
    assert loaded_services.retention.plan(actor=page.staff_tab._actor).count == 0


def test_evaluation_per_territory_and_this_computer(qtbot, page, loaded_services):
    tab = page.evaluation_tab
    qtbot.waitUntil(lambda: "tarbes" in tab.boxes, timeout=10_000)
    tab.boxes["tarbes"].setChecked(True)
    qtbot.waitUntil(lambda: ("tarbes" in {code for _id, code in loaded_services.evaluation.enabled_territories()}),
                    timeout=10_000)
    qtbot.waitUntil(lambda: "aucun serveur" in page.computer_tab.details_label.text(), timeout=10_000)


def test_an_enrolled_computer_shows_the_staff_read_only(qtbot, tmp_path, loaded_services, administrator, tasks):
    with running_server("sqlite", tmp_path) as server:
        code = server_admin.enrolment_code(server.engine, organisation_code="cio-tarbes").code
        loaded_services.sync.enrol(server_url=server.url, code=code)
        page = AdminPage(loaded_services, administrator, tasks)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.staff_tab.notice_label.text() == SERVER_OWNS_STAFF, timeout=10_000)
        assert not page.staff_tab.add_button.isEnabled()
        page.staff_tab.table.selectRow(0)
        assert not page.staff_tab.edit_button.isEnabled() and not page.staff_tab.password_button.isEnabled()
        with pytest.raises(DomainError, match="serveur"):
            loaded_services.staff.set_active(administrator.staff_id, active=False, by=administrator)
        qtbot.waitUntil(lambda: server.url in page.computer_tab.details_label.text(), timeout=10_000)


def test_an_enrolled_computer_leaves_the_programme_settings_to_the_server(qtbot, tmp_path, loaded_services,
                                                                         administrator, tasks):
    settings = loaded_services.programme_settings
    page = AdminPage(loaded_services, administrator, tasks)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: "tarbes" in page.evaluation_tab.boxes, timeout=10_000)
    assert settings.managed_here() and page.settings_tab.spins[LOCK_AFTER_MINUTES.key].isEnabled()
    assert page.evaluation_tab.boxes["tarbes"].isEnabled() and page.settings_tab.notice_label.isHidden()
    with running_server("sqlite", tmp_path) as server:
        code = server_admin.enrolment_code(server.engine, organisation_code="cio-tarbes").code
        loaded_services.sync.enrol(server_url=server.url, code=code)
        page.refresh()
        tab = page.settings_tab
        qtbot.waitUntil(lambda: tab.notice_label.text() == SERVER_OWNS_SETTINGS, timeout=10_000)
        assert not tab.notice_label.isHidden()
        assert not any(spin.isEnabled() for spin in tab.spins.values())
        assert tab.no_contact_spin.isEnabled() and tab.save_button.isEnabled()
        tab.spins[LOCK_AFTER_MINUTES.key].setValue(30)  # even if a value changed somehow, only this computer's saves
        tab.no_contact_spin.setValue(50)
        tab.save_button.click()
        qtbot.waitUntil(lambda: "enregistrés" in tab.status_label.text(), timeout=10_000)
        assert loaded_services.todo.no_contact_days() == 50 and settings.get(LOCK_AFTER_MINUTES) == 10
        assert tab.error_label.text() == ""

        evaluation = page.evaluation_tab
        qtbot.waitUntil(lambda: evaluation.notice_label.text() == SERVER_OWNS_EVALUATION, timeout=10_000)
        assert evaluation.boxes and not any(box.isEnabled() for box in evaluation.boxes.values())

        territory = loaded_services.reference.territories()[0].id
        for change in (lambda: settings.set(LOCK_AFTER_MINUTES, 30, actor=administrator),
                       lambda: loaded_services.evaluation.set_enabled(territory_id=territory, enabled=True,
                                                                       actor=administrator)):
            with pytest.raises(DomainError, match="pac-server admin set-setting"):
                change()
        assert settings.get(LOCK_AFTER_MINUTES) == 10
        assert settings.get(EVALUATION_ENABLED, territory_id=territory) is False
