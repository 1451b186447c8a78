"""The sync in the GUI: the status line, the conflicts page, the enrolment dialog — real widgets offscreen,
real local stores, a real pac-server on 127.0.0.1."""

from __future__ import annotations

import gc
import uuid

import pytest
from gui_helpers import save_shot
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QLabel
from sqlalchemy import select
from sync_helpers import (
    ARIEGE,
    COUNSELLOR_ARIEGE,
    add_youth,
    edit_youth,
    enrol_device,
    memory_keyring,
    new_store,
    running_server,
    sign_in_services,
    sync,
    youth,
)

from pac_desktop.domain.enums import StaffRole
from pac_desktop.gui.conflicts_page import ConflictTableModel, QuarantinedTableModel, RejectedTableModel
from pac_desktop.gui.enrol_dialog import EnrolDialog
from pac_desktop.gui.main_window import MainWindow
from pac_desktop.gui.sync_areas import SYNC_AREA, add_sync_areas
from pac_desktop.server import admin, core
from pac_desktop.server.db import write_transaction
from pac_desktop.server.models import Record
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.sync import SyncProgress
from pac_desktop.sync.wire import Mutation


@pytest.fixture(autouse=True)
def _keyring():
    with memory_keyring():
        yield
    gc.collect()  # on the main thread: Qt wrappers of this test must never be collected in a worker thread


@pytest.fixture
def server(tmp_path):
    with running_server("sqlite", tmp_path) as running:
        yield running


ACTOR = Actor(staff_id=COUNSELLOR_ARIEGE, first_name="Camille", last_name="Essai",
              organisation_id="org", organisation_name="CIO de l'Ariège", territory_id=None,
              territory_name="Ariège", roles=frozenset({StaffRole.COUNSELLOR}), caseload_cap=50)


def _window(qtbot, services, tasks, **kwargs):
    window = MainWindow(actor=ACTOR, tasks=tasks)
    qtbot.addWidget(window)
    controller = add_sync_areas(window, services, ACTOR, tasks=tasks, **kwargs)
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def _labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_status_line_and_resolving_a_conflict_from_the_page(qtbot, tasks, server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="A")
    b = enrol_device(server, tmp_path / "b", name="B")
    yid = add_youth(a, first_name="Lina", last_name="Fictive", phone="06 00 00 00 01")
    sync(a, b)
    edit_youth(a, yid, phone="06 AAAA")
    edit_youth(b, yid, phone="06 BBBB")
    sync(a, b, a)
    services = Services.build(a.store)
    sign_in_services(services, ACTOR.staff_id)  # the resolution is signed by the one signed in (issue 12)
    window, controller = _window(qtbot, services, tasks, start=False)
    status = window.sync_status_widget
    controller.refresh_status()
    qtbot.waitUntil(lambda: "1 conflit" in status.text_label.text(), timeout=10_000)
    assert "0 en attente" in status.text_label.text()
    assert "1 conflit à résoudre" in status.text_label.toolTip()

    window.show_area(SYNC_AREA)
    page = window.area_widget(SYNC_AREA)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    index = page.conflicts_model.index(0, 0)
    assert page.conflicts_model.data(index) == "Lina Fictive"
    texts = _labels(page.detail_box)
    assert "Téléphone" in texts and "06 00 00 00 01" in texts and "06 BBBB" in texts and "06 AAAA" in texts
    assert page.keep_mine_button.text() == "Garder la valeur proposée"

    qtbot.mouseClick(page.keep_mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 0 or bool(page.error_label.text()), timeout=10_000)
    assert page.error_label.text() == ""
    assert youth(a, yid).phone == "06 BBBB"
    with qtbot.waitSignal(controller.sync_finished, timeout=20_000):
        qtbot.mouseClick(status.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Synchronisé à l'instant" in status.text_label.text(), timeout=10_000)
    sync(b)
    assert youth(b, yid).phone == "06 BBBB"
    a.close()
    b.close()


def test_merged_value_and_the_progress_of_a_large_pull(qtbot, tasks, server, tmp_path):
    a = enrol_device(server, tmp_path / "a", name="A")
    b = enrol_device(server, tmp_path / "b", name="B")
    yid = add_youth(a, phone="06 00 00 00 01")
    sync(a, b)
    edit_youth(a, yid, phone="06 AAAA")
    edit_youth(b, yid, phone="06 BBBB")
    sync(a, b)
    window, controller = _window(qtbot, Services.build(b.store), tasks, start=False)
    window.show_area(SYNC_AREA)
    page = window.area_widget(SYNC_AREA)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert "Écrivez la valeur retenue" in page.error_label.text()
    merged = page.merged_edit("phone")
    qtbot.keyClicks(merged, "06 12 34 56 78")
    page.error_label.clear()
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 0 or bool(page.error_label.text()), timeout=10_000)
    assert page.error_label.text() == ""
    assert youth(b, yid).phone == "06 12 34 56 78"
    status = window.sync_status_widget
    controller.sync_progressed.emit(SyncProgress("pull", 800, 0.4, "Réception des données : 800 reçues"))
    assert status.progress_bar.isVisibleTo(window) and status.progress_bar.value() == 40
    assert status.text_label.text() == "Réception des données : 800 reçues"
    controller.sync_finished.emit(None)
    assert not status.progress_bar.isVisibleTo(window)
    a.close()
    b.close()


def test_enrol_dialog_refuses_plain_http_then_enrols(qtbot, tasks, server, tmp_path):
    from pac_desktop.server import admin

    services = Services.build(new_store(tmp_path / "d"))
    dialog = EnrolDialog(enrol=services.sync.enrol, tasks=tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    qtbot.keyClicks(dialog.ui.server_edit, "http://pac.exemple.fr")
    qtbot.keyClicks(dialog.ui.code_edit, code)
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "https://" in dialog.ui.error_label.text(), timeout=10_000)
    assert not services.sync.is_enrolled()
    dialog.ui.server_edit.setText(server.url)
    with qtbot.waitSignal(dialog.enrolled, timeout=20_000):
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert services.sync.is_enrolled() and dialog.info.server_url == server.url
    services.ctx.store.engine.dispose()


def test_background_sync_follows_edits_and_backs_off_when_the_server_is_gone(qtbot, tasks, tmp_path):
    with running_server("sqlite", tmp_path) as server:
        device = enrol_device(server, tmp_path / "d")
    services = Services.build(device.store)  # the server has stopped: every attempt fails
    window, controller = _window(qtbot, services, tasks, start=False)
    controller._after_edit_ms = 50
    controller.refresh_status()
    qtbot.waitUntil(lambda: controller.status is not None, timeout=5_000)
    add_youth(device)  # an edit: the pending count grows, a sync follows shortly
    with qtbot.waitSignal(controller.sync_failed, timeout=20_000) as failed:
        controller.refresh_status()
    assert "refuse les connexions" in failed.args[0]  # a stopped server, named (issue 14)
    qtbot.waitUntil(lambda: controller.next_retry_ms() is not None, timeout=5_000)  # a retry, with backoff
    header = window.sync_status_widget
    assert header.text_label.text().startswith("Échec de la synchronisation") and header.state == "failed"
    assert "refuse les connexions" in header.text_label.toolTip()
    # The sync area says the cause whole.
    qtbot.mouseClick(header.text_label, Qt.MouseButton.LeftButton)
    page = window.area_widget(SYNC_AREA)
    assert window.current_area() == SYNC_AREA
    qtbot.waitUntil(lambda: "refuse les connexions" in page.last_error_label.text(), timeout=5_000)
    assert page.last_error_label.isVisible()
    # Said once, plainly: the status line above it does not repeat that the attempt failed.
    shown = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible()).lower()
    assert shown.count("échou") == 1 and shown.count("refuse les connexions") == 1, shown
    tip = header.text_label.toolTip().lower()
    assert tip.count("échou") == 1 and tip.count("refuse les connexions") == 1, tip
    save_shot(window, "sync-failed.png")
    controller.stop()
    assert controller.next_retry_ms() is None
    device.close()


def test_table_models_pass_the_model_tester(qtbot, tasks, server, tmp_path):
    a = enrol_device(server, tmp_path / "a")
    b = enrol_device(server, tmp_path / "b")
    yid = add_youth(a)
    sync(a, b)
    edit_youth(a, yid, phone="1")
    edit_youth(b, yid, phone="2")
    sync(a, b)
    services = Services.build(b.store)
    conflicts = ConflictTableModel()
    QAbstractItemModelTester(conflicts, QAbstractItemModelTester.FailureReportingMode.Fatal)
    conflicts.set_rows(services.sync.conflicts())
    assert conflicts.rowCount() == 1 and conflicts.columnCount() == 5
    rejected = RejectedTableModel()
    QAbstractItemModelTester(rejected, QAbstractItemModelTester.FailureReportingMode.Fatal)
    rejected.set_rows(services.sync.rejected())
    assert rejected.rowCount() == 0
    quarantined = QuarantinedTableModel()
    QAbstractItemModelTester(quarantined, QAbstractItemModelTester.FailureReportingMode.Fatal)
    quarantined.set_rows(services.sync.quarantined())
    assert quarantined.rowCount() == 0 and quarantined.columnCount() == 4
    a.close()
    b.close()


def test_rows_set_aside_are_listed_and_refused_changes_are_sent_again(qtbot, tasks, server, tmp_path):
    """Issue 12: the page lists the rows received and set aside (in French, never their values), and « Renvoyer
    en mon nom » puts refused changes back in the queue, signed by the one who sends them again."""
    poison = str(uuid.uuid4())  # a youth an older server stored without a first name
    with write_transaction(server.engine) as conn:
        m = Mutation(mutation_id=str(uuid.uuid4()), entity="youth", id=poison, case_id=poison, op="create")
        m.fields.update({"territory_id": ARIEGE, "first_name": None, "last_name": "Fictif",
                         "birth_date": "2009-05-17", "status": "referred"})
        core.push(conn, [m], core.ADMIN)
    stranger = admin.create_staff(server.engine, first_name="Sans", last_name="Clé", organisation_code="cio-ariege",
                                  roles=[StaffRole.COUNSELLOR])  # no password set: no signing key on the server
    a = enrol_device(server, tmp_path / "a")
    yid = add_youth(a, first_name="Lina", last_name="Fictive", consent=False)
    sync(a)
    edit_youth(a, yid, by=stranger, phone="06 12 34 56 78")
    sync(a)
    services = Services.build(a.store)
    sign_in_services(services, ACTOR.staff_id)
    assert [r.youth_name for r in services.sync.rejected()] == ["Lina Fictive"]
    window, controller = _window(qtbot, services, tasks, start=False)
    window.show_area(SYNC_AREA)
    page = window.area_widget(SYNC_AREA)
    qtbot.waitUntil(lambda: page.quarantined_model.rowCount() == 1 and page.rejected_model.rowCount() == 1,
                    timeout=10_000)
    assert page.quarantined_model.data(page.quarantined_model.index(0, 1)) == "Jeune"
    assert "« first_name »" in page.quarantined_model.data(page.quarantined_model.index(0, 2))
    assert page.quarantined_label.text().endswith("(1)") and page.no_quarantine_label.isHidden()
    window.resize(1366, 768)
    page.grab().save(str(tmp_path / "sync-page.png"))

    with qtbot.waitSignal(controller.sync_finished, timeout=30_000):
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)  # nothing chosen: every refused change
    assert "1 modification remise en attente d'envoi" in page.retry_label.text()
    qtbot.waitUntil(lambda: page.rejected_model.rowCount() == 0, timeout=10_000)
    assert services.sync.rejected() == []
    with server.engine.connect() as conn:
        stored = conn.execute(select(Record.data, Record.updated_by).where(Record.id == yid)).one()
    assert stored.data["phone"] == "06 12 34 56 78" and stored.updated_by == ACTOR.staff_id
    a.close()


def test_the_header_says_the_sync_state_live(qtbot, tasks, tmp_path):
    """UX.md: the sync state sits in the main window's header — last success, in progress, failure — in French,
    following the sync as it runs and the clock as it turns."""
    import re
    from datetime import timedelta

    services = Services.build(new_store(tmp_path / "n"))
    window, controller = _window(qtbot, services, tasks, start=False)
    header = window.sync_status_widget
    assert window.ui.header_bar.isAncestorOf(header) and header.isVisible()
    controller.refresh_status()
    qtbot.waitUntil(lambda: header.text() == "Sans serveur de synchronisation", timeout=5_000)
    assert header.state == "off" and not header.sync_button.isEnabled()
    services.ctx.store.engine.dispose()

    with running_server("sqlite", tmp_path) as server:
        device = enrol_device(server, tmp_path / "d")
        window, controller = _window(qtbot, Services.build(device.store), tasks, start=False)
        header = window.sync_status_widget
        controller.refresh_status()
        qtbot.waitUntil(lambda: header.text() == "Synchronisé à l'instant · 0 en attente", timeout=5_000)
        add_youth(device)
        controller.refresh_status()
        qtbot.waitUntil(lambda: re.search(r"· [1-9][0-9]* en attente$", header.text()) is not None, timeout=5_000)
        said_at_start: list[str] = []
        controller.sync_started.connect(lambda: said_at_start.append(header.text()))
        with qtbot.waitSignal(controller.sync_finished, timeout=20_000):
            qtbot.mouseClick(header.sync_button, Qt.MouseButton.LeftButton)
        assert said_at_start == ["Synchronisation en cours…"]
        qtbot.waitUntil(lambda: header.text() == "Synchronisé à l'instant · 0 en attente", timeout=5_000)
        assert header.state == "ok" and header.sync_button.isEnabled()
        # Three minutes later the header says so by itself (its own clock, no click, no database read).
        start = header.clock()
        header.clock = lambda: start + timedelta(minutes=3, seconds=5)
        header.tick_timer.setInterval(20)
        qtbot.waitUntil(lambda: header.text() == "Synchronisé il y a 3 min · 0 en attente", timeout=5_000)

    # The server is gone: the next attempt fails, and the header says it at once; the cause is in its tooltip.
    add_youth(device)
    with qtbot.waitSignal(controller.sync_failed, timeout=20_000):
        controller.sync_now()
    assert header.text().startswith("Échec de la synchronisation") and header.state == "failed"
    qtbot.waitUntil(lambda: re.search(r"^Échec de la synchronisation · [1-9][0-9]* en attente$", header.text())
                    is not None, timeout=5_000)
    assert "refuse les connexions" in header.text_label.toolTip()
    assert "Synchronisé il y a 3 min" in header.text_label.toolTip()  # the last success, still said
    controller.stop()
    device.close()


def test_a_conflict_over_the_content_of_a_youth_who_withdrew_shows_no_value(qtbot, tasks, server, tmp_path):
    """Issue 13: the conflicts page shows a conflict over a note of a youth whose consent is withdrawn without its
    values (« masqué »), while a conflict of a youth who consents shows them."""
    import json
    import os
    from datetime import UTC, date, datetime

    from pac_desktop.domain.consent import ConsentState
    from pac_desktop.domain.enums import ConsentKind
    from pac_desktop.domain.errors import DomainError
    from pac_desktop.gui.conflicts_page import MASKED_DELETION_NOTE, MASKED_MERGE_NOTE, MASKED_NOTE, WITHHELD
    from pac_desktop.storage.models import IntakeConsent, SyncConflict

    a = enrol_device(server, tmp_path / "a", name="A")
    withdrawn = add_youth(a, first_name="Lina", last_name="Retiree", consent=False)
    with a.store.session_factory.begin() as s:
        for kind in ConsentKind:
            s.add(IntakeConsent(case_id=withdrawn, youth_id=withdrawn, kind=kind, state=ConsentState.WITHDRAWN,
                                given_on=date(2026, 3, 2), recorded_by=COUNSELLOR_ARIEGE, reason="Le jeune le demande"))
        s.add(SyncConflict(conflict_id="c0000000-0000-4000-8000-000000000001", entity="analysis_note",
                           row_id="c0000000-0000-4000-8000-0000000000aa", case_id=withdrawn, kind="field_clash",
                           fields=json.dumps([{"field": "text", "base": "Texte de départ", "mine": "Texte du référent",
                                               "theirs": "Texte du partenaire"}]),
                           status="open", mutation_id="c0000000-0000-4000-8000-0000000000bb",
                           created_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
        s.add(SyncConflict(conflict_id="c0000000-0000-4000-8000-000000000002", entity="joint_intake",
                           row_id="c0000000-0000-4000-8000-0000000000cc", case_id=withdrawn, kind="field_clash",
                           fields=json.dumps([
                               {"field": "shared_diagnosis", "base": "", "mine": "Diagnostic A",
                                "theirs": "Diagnostic B"},
                               {"field": "planned_at", "base": "2026-03-17T09:00:00+00:00",
                                "mine": "2026-03-18T09:00:00+00:00", "theirs": "2026-03-19T09:00:00+00:00"}]),
                           status="open", mutation_id="c0000000-0000-4000-8000-0000000000dd",
                           created_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC)))
        s.add(SyncConflict(conflict_id="c0000000-0000-4000-8000-000000000003", entity="analysis_note",
                           row_id="c0000000-0000-4000-8000-0000000000ee", case_id=withdrawn, kind="delete_vs_update",
                           fields=json.dumps([{"field": "text", "base": "Avant", "mine": None,
                                               "theirs": "Après"}]),
                           status="open", mutation_id="c0000000-0000-4000-8000-0000000000ff",
                           created_at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC)))
    services = Services.build(a.store)
    window, _controller = _window(qtbot, services, tasks, start=False)
    window.show_area(SYNC_AREA)
    page = window.area_widget(SYNC_AREA)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: WITHHELD in _labels(page.detail_box), timeout=10_000)
    texts = _labels(page.detail_box)
    assert not any("Texte du" in t or "Texte de départ" in t for t in texts)
    assert texts.count(WITHHELD) >= 3  # before, mine, theirs (labels of an earlier render may await deletion)
    # Nobody here may see the values: no « Garder la valeur proposée », nothing to merge; said in plain words.
    assert page.keep_mine_button.isHidden() and page.merge_button.isHidden()
    assert page.keep_theirs_button.text() == "Garder la valeur enregistrée"
    assert page.masked_label.isVisible() and page.masked_label.text() == MASKED_NOTE
    with pytest.raises(DomainError, match="masquées"):  # nor through the service
        services.sync.resolve(conflict_id="c0000000-0000-4000-8000-000000000001", choice="mine")
    if os.environ.get("PAC_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["PAC_SCREENSHOTS"], "conflict-withheld.png"))
    page.keep_theirs_button.click()
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 2 and page.masked_label.isVisible()
                    and "Accueil commun" in page.detail_title.text(), timeout=10_000)
    # An intake's conflict, part masked (the diagnosis), part not (the date planned): the date may be merged.
    assert page.keep_mine_button.isHidden() and page.merge_button.isVisible()
    assert page.masked_label.text() == MASKED_NOTE + MASKED_MERGE_NOTE
    assert page.merged_edit("shared_diagnosis") is None and page.merged_edit("planned_at") is not None
    with pytest.raises(DomainError, match="masquées"):
        services.sync.resolve(conflict_id="c0000000-0000-4000-8000-000000000002", choice="merged",
                              merged={"shared_diagnosis": "x", "planned_at": "2026-03-20T09:00:00+00:00"})
    if os.environ.get("PAC_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["PAC_SCREENSHOTS"], "conflict-withheld-partly.png"))
    # A note deleted here, changed elsewhere: both choices stay (neither proposes a value), the note says why
    # nothing is shown.
    page.keep_theirs_button.click()
    qtbot.waitUntil(lambda: "Supprimé ici" in page.detail_title.text()  # the intake's lines gone
                    and "Diagnostic partagé" not in _labels(page.detail_box), timeout=10_000)
    assert page.keep_mine_button.isVisible() and page.keep_mine_button.text() == "Supprimer quand même"
    assert page.masked_label.isVisible() and page.masked_label.text() == MASKED_DELETION_NOTE
    if os.environ.get("PAC_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["PAC_SCREENSHOTS"], "conflict-withheld-deletion.png"))
    a.close()
