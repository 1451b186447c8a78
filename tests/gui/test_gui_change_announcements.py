"""Open windows learn of changes made elsewhere (issue 11, DESIGN §6 « changes are announced »): a case file
open on one computer shows what another computer changed as soon as the sync pulls it, without F5, and keeps
what its user is typing; the audit trail shows new events without « Rechercher ». Real widgets offscreen, real
local stores, a real pac-server on 127.0.0.1."""

from __future__ import annotations

import gc
import threading
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    add_youth,
    edit_youth,
    enrol_device,
    memory_keyring,
    register_test_keys,
    running_server,
    sign_in_services,
    sync,
    youth,
)

from pac_desktop.domain.enums import StaffRole, YouthStatus
from pac_desktop.gui.tasks import Lane
from pac_desktop.gui.youths.case_file_window import CaseFileWindow
from pac_desktop.server import admin
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.models import JointIntake, ReferentAssignment

REFERENT = "c0c0c0c0-0000-4000-8000-00000000a0f1"

WAIT = 15_000


@pytest.fixture(autouse=True)
def _keyring():
    with memory_keyring():
        yield
    gc.collect()  # on the main thread: Qt wrappers of this test must never be collected in a worker thread


@pytest.fixture
def server(tmp_path):
    with running_server("sqlite", tmp_path) as running:
        # The youths' referent (only they may change a file): on every device once it has synced.
        admin.create_staff(running.engine, first_name="Rémi", last_name="Testreferent", organisation_code="cio-ariege",
                           roles=[StaffRole.REFERENT], staff_id=REFERENT)
        register_test_keys(running.engine, REFERENT)
        yield running


def _followed_youth(device, **fields) -> str:
    """A youth whose joint intake designated REFERENT, written on ``device``."""
    youth_id = add_youth(device, status=YouthStatus.FOLLOWED, **fields)
    today = date.today()
    with device.store.session_factory.begin() as s:
        intake = JointIntake(case_id=youth_id, youth_id=youth_id, territory_id=ARIEGE, held_on=today,
                             created_by=COUNSELLOR_ARIEGE)
        s.add(intake)
        s.flush()
        s.add(ReferentAssignment(case_id=youth_id, youth_id=youth_id, staff_id=REFERENT, intake_id=intake.id,
                                 started_on=today - timedelta(days=7), designated_by=COUNSELLOR_ARIEGE))
    return youth_id


def _referent_window(qtbot, tasks, device, youth_id: str) -> CaseFileWindow:
    """The file open on ``device`` by its referent, who may change it."""
    services = Services.build(device.store)
    sign_in_services(services, REFERENT)
    with services.ctx.read() as session:
        referent = actor_for(session, REFERENT)
    window = CaseFileWindow(services=services, actor=referent, tasks=tasks, youth_id=youth_id,
                            ask_export=lambda *_: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    assert not window.ui.notice_frame.isVisible() and window.ui.save_identity_button.isEnabled()
    return window


def _pull_in_background(device) -> threading.Thread:
    """The sync lane: the page is pulled and committed on a worker thread, as in the app."""
    worker = threading.Thread(target=device.engine.run_cycle, name="sync")
    worker.start()
    return worker


def test_an_open_case_file_shows_a_pulled_change(qtbot, tasks, server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="A")
    b = enrol_device(server, tmp_path / "b", name="B")
    youth_id = add_youth(a, first_name="Lina", last_name="Testpull", town="Foix", phone="0600000001")
    sync(a, b)

    services = Services.build(b.store)
    with services.ctx.read() as session:
        counsellor = actor_for(session, COUNSELLOR_ARIEGE)
    window = CaseFileWindow(services=services, actor=counsellor, tasks=tasks, youth_id=youth_id,
                            ask_export=lambda *_: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    ui = window.ui
    assert ui.town_edit.text() == "Foix"

    # Computer A changes the town; B pulls it while its window is open: the window shows it, no F5.
    edit_youth(a, youth_id, town="Pamiers", postcode="09100")
    sync(a)
    _pull_in_background(b).join(timeout=WAIT / 1000)
    qtbot.waitUntil(lambda: ui.town_edit.text() == "Pamiers", timeout=WAIT)
    assert ui.postcode_edit.text() == "09100"
    for device in (a, b):
        device.close()


@pytest.mark.timeout(90, method="thread")  # a freeze ends the run with every thread's stack, never hangs it
def test_a_pull_while_the_referent_saves_leaves_the_window_agreeing_with_the_store(qtbot, tasks, server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="A")
    b = enrol_device(server, tmp_path / "b", name="B")
    youth_id = _followed_youth(a, first_name="Lina", last_name="Testpull", town="Foix", phone="0600000001")
    sync(a, b)
    window = _referent_window(qtbot, tasks, b, youth_id)
    ui = window.ui

    # A changes the phone fifteen times; B pulls them one page each (fifteen commits, fifteen announcements) on
    # the sync lane while its referent saves a new town on the db_write lane.
    for i in range(15):
        edit_youth(a, youth_id, phone=f"06000000{i + 10:02d}")
    sync(a)
    b.engine.page_size = 1
    pulled = threading.Event()
    tasks.run_task(b.engine.run_cycle, on_success=lambda _r: pulled.set(), lane=Lane.SYNC)
    ui.town_edit.setText("Lavelanet")
    ui.save_identity_button.click()
    qtbot.waitUntil(pulled.is_set, timeout=WAIT)
    qtbot.waitUntil(lambda: window.case.identity.phone == "0600000024" and window.case.identity.town == "Lavelanet"
                    and tasks.pending_count() == 0, timeout=WAIT)  # fmt: skip
    stored = youth(b, youth_id)
    assert (stored.town, stored.phone) == ("Lavelanet", "0600000024")
    assert ui.town_edit.text() == "Lavelanet" and ui.phone_edit.text().replace(" ", "") == "0600000024"
    assert window.identity_changes() == {}  # nothing left « not saved »: closing asks nothing
    window.close()
    assert not window.isVisible()
    for device in (a, b):
        device.close()


@pytest.mark.timeout(60, method="thread")  # the question used to block closeEvent in a nested loop: a freeze
def test_closing_with_unsaved_edits_after_a_pull_asks_without_freezing(qtbot, tasks, server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="A")
    b = enrol_device(server, tmp_path / "b", name="B")
    youth_id = _followed_youth(a, first_name="Lina", last_name="Testpull", town="Foix", phone="0600000001")
    sync(a, b)
    window = _referent_window(qtbot, tasks, b, youth_id)
    ui = window.ui

    ui.town_edit.setText("Lavelanet")  # typed, not saved
    edit_youth(a, youth_id, town="Pamiers", phone="0600000002")
    sync(a)
    _pull_in_background(b).join(timeout=WAIT / 1000)
    qtbot.waitUntil(lambda: ui.phone_edit.text().replace(" ", "") == "0600000002", timeout=WAIT)
    assert ui.town_edit.text() == "Lavelanet"  # what the referent types is kept
    assert window.identity_changes() == {"town": "Lavelanet"}

    window.close()  # returns at once: the question is window-modal, without a nested event loop
    question = window.close_question
    assert window.isVisible() and question is not None and question.isVisible()
    edit_youth(a, youth_id, phone="0600000003")  # the sync goes on while the question waits
    sync(a)
    _pull_in_background(b).join(timeout=WAIT / 1000)
    qtbot.waitUntil(lambda: ui.phone_edit.text().replace(" ", "") == "0600000003", timeout=WAIT)

    question.button(QMessageBox.StandardButton.Cancel).click()  # « Annuler »: the file stays open, edits kept
    assert window.isVisible() and ui.town_edit.text() == "Lavelanet" and window.close_question is None
    window.close()
    window.close_question.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
    for device in (a, b):
        device.close()


@pytest.mark.timeout(60, method="thread")
def test_an_older_read_never_overwrites_a_newer_one(qtbot, tasks, server, tmp_path, monkeypatch):
    """Two reads of the file run at once on the db_read lane (a save's, a change announced): the answer of the
    older one, if it comes back last, is dropped."""
    a = enrol_device(server, tmp_path / "a", name="A")
    youth_id = _followed_youth(a, first_name="Lina", last_name="Testpull", town="Foix")
    window = _referent_window(qtbot, tasks, a, youth_id)
    casefile = window._services.casefile
    read, hold, held = casefile.case_file, threading.Event(), threading.Event()

    def held_back_once(**kwargs):  # the real read; only its answer is held back, the first time
        answer = read(**kwargs)
        if not held.is_set():
            held.set()
            hold.wait(WAIT / 1000)
        return answer

    monkeypatch.setattr(casefile, "case_file", held_back_once)
    window.reload()  # reads « Foix », then waits
    qtbot.waitUntil(held.is_set, timeout=WAIT)
    edit_youth(a, youth_id, by=REFERENT, town="Pamiers")  # committed elsewhere: announced, read again
    qtbot.waitUntil(lambda: window.ui.town_edit.text() == "Pamiers", timeout=WAIT)
    hold.set()
    qtbot.waitUntil(lambda: tasks.pending_count() == 0, timeout=WAIT)
    assert window.ui.town_edit.text() == "Pamiers" and window.case.identity.town == "Pamiers"
    window.close()
    a.close()


def test_the_audit_trail_shows_new_events_without_rechercher(qtbot, loaded_services, tasks):
    from pac_desktop.app import build_main_window
    from pac_desktop.gui import audit_page

    s = loaded_services
    staff_id = s.staff.add(first_name="Alix", last_name="Testannonce", organisation_code="ml-tarbes",
                           roles=[StaffRole.ADMINISTRATOR], login="alixa", password="mot-de-passe-fictif")
    with s.ctx.read() as session:
        admin = actor_for(session, staff_id)
    window = build_main_window(s, admin, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.area_widget(audit_page.AREA_KEY)
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT):
        window.show_area(audit_page.AREA_KEY)
    before = page.model.rowCount()
    page.ui.table_view.setCurrentIndex(page.model.index(0, 0))
    selected = page.model.index(0, 0).data(audit_page.IdRole)

    # An event recorded by a worker thread (a print, say) while the page is on screen: it shows by itself.
    intake_id = "4" * 8 + "-0000-4000-8000-" + "0" * 12
    worker = threading.Thread(target=lambda: s.audit.record(
        action="print", by=admin, entity="joint_intake", entity_id=intake_id,
        detail="document=session_summary; output=printer; source=abc"))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=WAIT)
    assert page.model.index(0, audit_page.AuditColumn.TARGET).data() == "Accueil commun n° 44444444"
    assert page.ui.table_view.currentIndex().data(audit_page.IdRole) == selected  # the row chosen stays chosen
    assert not page.ui.search_button.underMouse()
