"""The audit trail page says things once, plainly (issue 15): it is read again each time it shows and each time
a filter changes (no stale rows until « Rechercher »), and its Objet and Détail columns are French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pac_desktop.domain.enums import StaffRole
from pac_desktop.services.staff import actor_for

WAIT = 10_000


@pytest.fixture
def admin(loaded_services):
    staff_id = loaded_services.staff.add(first_name="Alix", last_name="Testjournal", organisation_code="ml-tarbes",
                                         roles=[StaffRole.ADMINISTRATOR], login="alixj", password="mot-de-passe-fictif")
    with loaded_services.ctx.read() as session:
        return actor_for(session, staff_id)


def test_the_trail_refreshes_on_its_own_and_speaks_french(qtbot, loaded_services, admin, tasks):
    from pac_desktop.app import build_main_window
    from pac_desktop.gui import audit_page

    s = loaded_services
    window = build_main_window(s, admin, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.area_widget(audit_page.AREA_KEY)
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT):
        window.show_area(audit_page.AREA_KEY)
    before = page.model.rowCount()

    # Events written meanwhile (a document printed, then saved): shown as soon as the page shows again.
    intake_id = "3" * 8 + "-0000-4000-8000-" + "0" * 12
    s.audit.record(action="print", by=admin, entity="joint_intake", entity_id=intake_id,
                   detail="document=session_summary; output=printer; source=abc")
    s.audit.record(action="export", by=admin, entity="joint_intake", entity_id=intake_id,
                   detail="document=passport; output=file; source=abc")
    s.audit.record(action="prepare", by=admin, entity="territory", entity_id="t" * 36,
                   detail="document=committee_pack; pages=12; sessions=2; pseudonymised=1; from=2026-01-01; "
                          "to=2026-03-31")
    window.show_area("home")
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT):
        window.show_area(audit_page.AREA_KEY)
    assert page.model.rowCount() == before + 3

    texts = {(page.model.index(r, audit_page.AuditColumn.TARGET).data(),
              page.model.index(r, audit_page.AuditColumn.DETAIL).data()) for r in range(page.model.rowCount())}
    assert ("Accueil commun n° 33333333", "Fiche de synthèse · envoyé à l'imprimante") in texts
    assert ("Accueil commun n° 33333333", "Passeport · enregistré dans un fichier") in texts
    assert ("Territoire n° tttttttt",
            "Dossier du comité · 12 pages · 2 accueils · pseudonymisé · du 2026-01-01 · au 2026-03-31") in texts
    for target, detail in texts:
        assert "=" not in detail and "_" not in target, (target, detail)

    # A filter chosen is applied at once, without « Rechercher ».
    combo = page.ui.action_combo
    qtbot.waitUntil(lambda: combo.findData("export") >= 0, timeout=WAIT)
    combo.setFocus()
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT):
        while combo.currentData() != "export":
            qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert page.model.rowCount() == 1
    assert page.model.index(0, audit_page.AuditColumn.ACTION).data() == "Export"


def test_an_empty_list_of_case_reviews_is_said_once(qtbot, loaded_services, tasks):
    from pac_desktop.app import build_main_window

    staff_id = loaded_services.staff.add(first_name="Rémi", last_name="Testsynthese", organisation_code="ml-tarbes",
                                         roles=[StaffRole.REFERENT, StaffRole.COUNSELLOR])
    with loaded_services.ctx.read() as session:
        referent = actor_for(session, staff_id)
    window = build_main_window(loaded_services, referent, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.area_widget("reviews")
    with qtbot.waitSignal(page.reviews_loaded, timeout=WAIT):
        window.show_area("reviews")
    qtbot.wait(50)
    assert page.ui.reviews_empty_label.isVisible()
    assert not page.ui.detail_empty_label.isVisible()  # « Choisissez une réunion dans la liste » with no list
