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
