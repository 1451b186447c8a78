"""The regional steering committee's window (issue 18 §6): only the side-by-side area among the data areas, its
table with one column per territory, and the PDF it saves, read back."""

from __future__ import annotations

from casefile_builders import make_staff
from pypdf import PdfReader
from PySide6.QtCore import Qt

from pac_desktop.demo.generator import DemoDataService
from pac_desktop.domain.enums import StaffRole

WAIT = 20_000


def test_the_regional_window(qtbot, loaded_services, tasks, tmp_path):
    from pac_desktop.app import build_main_window
    from pac_desktop.gui.regional_page import AREA_KEY

    s = loaded_services
    regional = make_staff(s, "Sacha", "Testrégion", org="mgi-academie-toulouse", roles=(StaffRole.REGIONAL,))
    DemoDataService(s.ctx).generate(youths=120, seed=9)
    window = build_main_window(s, regional, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    keys = window.navigation.keys()
    assert AREA_KEY in keys
    assert not {"youths", "intakes", "todo", "reviews", "obligation", "committees", "indicators"} & set(keys)
    page = window.area_widget(AREA_KEY)
    with qtbot.waitSignal(page.view_loaded, timeout=WAIT):
        window.show_area(AREA_KEY)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(model.columnCount())]
    assert headers == ["Rubrique", "Indicateur", "Ariège", "Tarbes", "Toulouse Mirail", "Toulouse Nord",
                       "Tous territoires"]
    assert model.index(0, 1).data() == "Jeunes accueillis"
    assert model.index(0, 6).data() == str(page.view.rows[0].total)
    assert "jeunes accueillis dans 4 territoires" in page.ui.figures_label.text()
    # A bad date says so, nothing is lost.
    page.ui.from_edit.setText("31/02/2026")
    page.refresh()
    assert "Du" in page.ui.status_label.text()
    page.ui.from_edit.setText(page.view.date_from.strftime("%d/%m/%Y"))
    page.ask_path = lambda _parent, _title, suggested, _filter: tmp_path / suggested.name
    with qtbot.waitSignal(page.exported, timeout=WAIT) as done:
        page.ui.pdf_button.click()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(done.args[0]).pages).split())
    assert "Indicateurs des territoires" in text and "Toulouse Nord" in text and "Jeunes accueillis" in text


def test_a_regional_computer_shows_the_servers_figures_and_the_last_ones_offline(qtbot, tasks, tmp_path):
    """On a regional committee's computer (enrolled for no territory, no file held) the window opens on the
    Régional area, whose figures come from the server with their date; the server gone, the last ones stay on
    screen with the date they were fetched, and without any, it says so."""
    from regional_helpers import regional_computer, server_with_every_file

    from pac_desktop.app import build_main_window
    from pac_desktop.gui.regional_page import AREA_KEY
    from pac_desktop.services.regional import LAST_FIGURES_KEY, OFFLINE, OFFLINE_NOTHING_YET
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.models import LocalSetting
    from pac_desktop.storage.store import open_store

    every = open_store(tmp_path / "every")
    services = Services.build(every)
    services.reference.load()
    DemoDataService(services.ctx).generate(youths=120, seed=9)
    with server_with_every_file("sqlite", tmp_path / "server", every) as server, \
            regional_computer(server, tmp_path / "regional") as computer:
        window = build_main_window(computer.services, computer.actor, tasks=tasks)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        assert window.current_area() == AREA_KEY  # the regional committee's window opens on its figures
        page = window.area_widget(AREA_KEY)
        qtbot.waitUntil(lambda: page.view is not None, timeout=WAIT)
        assert page.view.fetched_at is not None and not page.view.notice
        assert page.view.territories == ("Ariège", "Tarbes", "Toulouse Mirail", "Toulouse Nord")
        label = page.ui.figures_label.text()
        assert "Chiffres du " in label and "calculés par le serveur" in label and "Non comptés" not in label
        assert page.model.index(0, 1).data() == "Jeunes accueillis"
        window.grab().save(str(tmp_path / "regional-online.png"))
        online = page.view

        server.stop()  # the server no longer answers: the last figures, with their date
        page.view = None
        page.refresh()
        qtbot.waitUntil(lambda: page.view is not None, timeout=WAIT)
        assert page.view.rows == online.rows and page.view.notice == OFFLINE
        assert page.ui.status_label.text() == f"{OFFLINE} {online.fetched_text}."
        assert page.ui.status_label.text().startswith("Le serveur ne répond pas") and "Chiffres du " in \
            page.ui.status_label.text()
        window.grab().save(str(tmp_path / "regional-offline.png"))
        # The PDF saved offline holds the same figures, with their date.
        page.ask_path = lambda _parent, _title, suggested, _filter: tmp_path / suggested.name
        with qtbot.waitSignal(page.exported, timeout=WAIT) as done:
            page.ui.pdf_button.click()
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(done.args[0]).pages).split())
        assert online.fetched_text in text and "calculés par le serveur" in text

        with computer.services.ctx.write(computer.actor) as session:  # none fetched yet
            session.delete(session.get(LocalSetting, LAST_FIGURES_KEY))
        page.refresh()
        qtbot.waitUntil(lambda: page.ui.status_label.text() == OFFLINE_NOTHING_YET, timeout=WAIT)
        assert page.ui.refresh_button.isEnabled()
        window.close()
    every.engine.dispose()
