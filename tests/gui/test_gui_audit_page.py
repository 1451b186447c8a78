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
    from pac_desktop.gui import audit_page

    s = loaded_services
    window, page = _audit_window(qtbot, s, admin, tasks)
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


def _audit_window(qtbot, services, actor, tasks):
    from pac_desktop.app import build_main_window
    from pac_desktop.gui import audit_page

    window = build_main_window(services, actor, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.area_widget(audit_page.AREA_KEY)
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT):
        window.show_area(audit_page.AREA_KEY)
    return window, page


def _row_about(page, youth_id: str | None) -> int:
    from pac_desktop.gui.roles import YouthIdRole

    return next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data(YouthIdRole) == youth_id)


def _select(qtbot, page, row: int) -> None:
    view = page.ui.table_view
    view.setFocus()
    view.setCurrentIndex(page.model.index(row, 0))
    qtbot.waitUntil(lambda: view.currentIndex().row() == row, timeout=WAIT)


def test_a_row_about_a_youth_opens_the_file_when_the_rules_allow_it(qtbot, loaded_services, tasks):
    """Enter, a double-click or « Ouvrir le dossier » open the youth's file; outside the administrator's reach the
    page says why in French, opens nothing and the refusal is in the trail; a row about no youth has no file."""
    from casefile_builders import make_youth

    from pac_desktop.gui import audit_page
    from pac_desktop.services.audit import AuditFilter

    s = loaded_services
    staff_id = s.staff.add(first_name="Alix", last_name="Testjournal", organisation_code="ml-tarbes",
                           roles=[StaffRole.ADMINISTRATOR, StaffRole.COUNSELLOR], login="alixj",
                           password="mot-de-passe-fictif")
    with s.ctx.read() as session:
        admin = actor_for(session, staff_id)
    here = make_youth(s, first="Zoé", last="Testjournal", territory="tarbes")
    elsewhere = make_youth(s, first="Noé", last="Testailleurs", territory="ariege", town="Foix")
    for youth_id in (here, elsewhere):
        s.audit.record(action="print", by=admin, entity="youth", entity_id=youth_id, youth_id=youth_id,
                       detail="document=passport; output=printer")
    s.audit.record(action="login", by=admin, entity="session")
    window, page = _audit_window(qtbot, s, admin, tasks)
    opener = window.audit_opener
    button = page.ui.open_file_button
    assert button.isVisible() and button.text() == "&Ouvrir le dossier"

    # A row about no youth: nothing to open, and Enter says so.
    _select(qtbot, page, _row_about(page, None))
    assert not button.isEnabled()
    qtbot.keyClick(page.ui.table_view, Qt.Key.Key_Return)
    assert page.ui.error_label.isVisible() and "aucun jeune" in page.ui.error_label.text()
    assert opener.windows() == []

    # The youth of the administrator's own territory: Enter opens the file.
    _select(qtbot, page, _row_about(page, here))
    assert button.isEnabled() and not page.ui.error_label.isVisible()
    with qtbot.waitSignal(opener.window_opened, timeout=WAIT) as opened:
        qtbot.keyClick(page.ui.table_view, Qt.Key.Key_Return)
    case_window = opened.args[0]  # closed by the opener at the end (it deletes itself on close)
    qtbot.waitUntil(lambda: case_window.case is not None, timeout=WAIT)
    assert case_window.youth_id == here and "testjournal" in case_window.windowTitle().lower()

    # Another territory's youth: the button asks the rule, which refuses; the page says why.
    _select(qtbot, page, _row_about(page, elsewhere))
    with qtbot.waitSignal(page.open_refused, timeout=WAIT) as refused:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "ne permet pas de consulter ce dossier" in refused.args[0]
    assert "autre territoire" in refused.args[0]
    assert page.ui.error_label.isVisible() and page.ui.error_label.text() == refused.args[0]
    assert [w.youth_id for w in opener.windows()] == [here]
    denied = s.audit.search(actor=admin, filters=AuditFilter(action="denied", youth_id=elsewhere)).lines
    assert len(denied) == 1 and denied[0].detail == "case.view"

    # A double-click on the first row does what Enter does.
    opener.close_all()
    row = _row_about(page, here)
    view = page.ui.table_view
    rect = view.visualRect(page.model.index(row, audit_page.AuditColumn.TARGET))
    with qtbot.waitSignal(opener.window_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0].youth_id == here
    opener.close_all()


def test_an_administrator_who_may_see_no_file_is_told_why(qtbot, loaded_services, tasks):
    from casefile_builders import make_youth

    s = loaded_services
    staff_id = s.staff.add(first_name="Sacha", last_name="Testadmin", organisation_code="ml-tarbes",
                           roles=[StaffRole.ADMINISTRATOR], login="sachat", password="mot-de-passe-fictif")
    with s.ctx.read() as session:
        admin = actor_for(session, staff_id)
    youth_id = make_youth(s, first="Léo", last="Testjournal", territory="tarbes")
    s.audit.record(action="view", by=admin, entity="youth", entity_id=youth_id, youth_id=youth_id)
    window, page = _audit_window(qtbot, s, admin, tasks)
    assert "youths" not in window.area_keys()  # no « Jeunes » area: the audit trail has its own opener
    _select(qtbot, page, _row_about(page, youth_id))
    with qtbot.waitSignal(page.open_refused, timeout=WAIT) as refused:
        qtbot.keyClick(page.ui.table_view, Qt.Key.Key_Enter)
    assert refused.args[0].startswith("Votre rôle (administrateur) ne permet pas de consulter ce dossier.")
    assert window.audit_opener.windows() == []
