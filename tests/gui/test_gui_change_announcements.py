"""Open windows learn of changes made elsewhere (issue 11, DESIGN §6 « changes are announced »): a case file
open on one computer shows what another computer changed as soon as the sync pulls it, without F5, and keeps
what its user is typing; the audit trail shows new events without « Rechercher ». Real widgets offscreen, real
local stores, a real pac-server on 127.0.0.1."""

from __future__ import annotations

import gc
import threading

import pytest
from sync_helpers import COUNSELLOR_ARIEGE, add_youth, edit_youth, enrol_device, memory_keyring, running_server, sync

from pac_desktop.domain.enums import StaffRole
from pac_desktop.gui.youths.case_file_window import CaseFileWindow
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for

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
        yield running


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
