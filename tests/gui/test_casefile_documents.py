"""The case file's Documents tab (issue 15): the session summary and the passport printed again at any time
after the intake (a validated intake has left the Accueils list), and the export of the youth's data — through
the preview, each print audited."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.gui.youths.case_file_window import CaseFileWindow
from pac_desktop.storage.models import AuditEvent

WAIT = 15_000


@pytest.fixture
def people(loaded_services):
    s = loaded_services
    referent = make_staff(s, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    youth_id = make_youth(s, first="Léa", last="Testdocuments", birth=date(2008, 3, 12), referent=referent,
                          intake_on=date(2025, 11, 30))  # fmt: skip
    return referent, youth_id


def _open(qtbot, services, tasks, actor, youth_id) -> CaseFileWindow:
    window = CaseFileWindow(services=services, actor=actor, tasks=tasks, youth_id=youth_id,
                            ask_export=lambda *_: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    return window


def _words(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def test_the_summary_and_the_passport_print_again_from_the_case_file(qtbot, loaded_services, tasks, people):
    referent, youth_id = people
    window = _open(qtbot, loaded_services, tasks, referent, youth_id)
    # No follow-up yet: the joint intake is the last contact (« Aucun » was untrue on the day of the intake).
    assert window.ui.last_contact_label.text().startswith("Dernier contact : l'accueil commun"), \
        window.ui.last_contact_label.text()
    tabs = window.ui.tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())][-1] == "Documents"
    tabs.setCurrentWidget(window.documents_tab)
    tab = window.documents_tab
    assert tab.summary_button.isVisible() and tab.summary_button.isEnabled()
    assert tab.passport_button.isEnabled() and tab.export_button.isEnabled()
    for button, title, words in ((tab.summary_button, "Fiche de synthèse", "Testdocuments"),
                                 (tab.passport_button, "Passeport du jeune", "Mon passeport")):
        with qtbot.waitSignal(tab.document_ready, timeout=WAIT) as ready:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        document = ready.args[0]
        assert title in document.title
        assert words in _words(document.path)
        preview = tab.preview
        qtbot.addWidget(preview)
        assert preview.isVisible() and title in preview.windowTitle()
        qtbot.waitUntil(lambda p=preview, d=document: p.page_count == d.pages, timeout=WAIT)
        preview.close()
    with loaded_services.ctx.read() as session:
        kinds = [e.detail for e in session.scalars(select(AuditEvent).where(AuditEvent.youth_id == youth_id,
                                                                            AuditEvent.action == "prepare"))]
    assert any("session_summary" in str(k) for k in kinds) and any("passport" in str(k) for k in kinds)


def test_a_youth_without_intake_has_nothing_to_print(qtbot, loaded_services, tasks):
    referent = make_staff(loaded_services, "Rémi", "Testsansaccueil", roles=(StaffRole.REFERENT,))
    youth_id = make_youth(loaded_services, first="Noé", last="Testsansaccueil", birth=date(2007, 5, 1),
                          referent=referent, intake_on=None)
    window = _open(qtbot, loaded_services, tasks, referent, youth_id)
    window.ui.tabs.setCurrentWidget(window.documents_tab)
    tab = window.documents_tab
    assert not tab.summary_button.isEnabled() and not tab.passport_button.isEnabled()
    assert "pas encore eu d'accueil commun" in tab.status_label.text()


def test_a_colleague_reading_the_file_is_not_invited_to_add_a_follow_up(qtbot, loaded_services, tasks, people):
    _referent, youth_id = people
    colleague = make_staff(loaded_services, "Nadia", "Testcollegue", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    window = _open(qtbot, loaded_services, tasks, colleague, youth_id)
    assert not window.ui.add_follow_up_button.isEnabled()
    assert window.ui.timeline_empty_label.text() == "Aucun suivi noté pour l'instant."
