"""column_fit on a narrow table whose rows wrap: the columns give room, no word is cut (the home page's cards)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTableView

from pac_desktop.gui.column_fit import fit_columns, fit_rows, refit_rows
from pac_desktop.gui.table_model import Column, TableModel

PLACE = "ML Haute-Garonne Aucamville"
ROWS = [(f"Prénom{n}-Composé Nomdefamillelong{n}", "Étape 1 : Analyse partagée", PLACE) for n in range(12)]


def _table(qtbot, width: int) -> QTableView:
    model = TableModel([Column(header, lambda row, i=i: row[i]) for i, header in
                        enumerate(("Jeune", "Où en est l'accueil", "Lieu"))])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, stretch=2)
    fit_rows(view, wrapped=2)
    view.resize(width, 400)
    view.show()
    qtbot.waitExposed(view)
    model.set_rows(ROWS)
    refit_rows(view)
    return view


def _settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def test_a_narrow_table_wraps_its_columns_instead_of_cutting_a_word(qtbot):
    view = _table(qtbot, 430)
    _settle(qtbot)
    header, metrics = view.horizontalHeader(), view.fontMetrics()
    longest_place_word = max(metrics.horizontalAdvance(w) for w in PLACE.split())
    assert header.sectionSize(2) >= longest_place_word  # « Aucamville » whole
    assert header.sectionSize(0) < view.sizeHintForColumn(0)  # the name column gave room: it wraps
    assert sum(header.sectionSize(c) for c in range(3)) <= view.viewport().width()  # no horizontal scrolling
    for column in range(3):
        for row in range(len(ROWS)):
            for word in str(view.model().index(row, column).data()).split():
                assert metrics.horizontalAdvance(word) <= header.sectionSize(column), word
    assert all(view.rowHeight(r) >= view.sizeHintForRow(r) for r in range(len(ROWS)))  # wrapped lines shown


def test_a_wide_table_keeps_every_column_as_wide_as_its_cells(qtbot):
    view = _table(qtbot, 1200)
    _settle(qtbot)
    header = view.horizontalHeader()
    assert header.sectionSize(0) >= view.sizeHintForColumn(0)
    assert header.sectionSize(1) >= view.sizeHintForColumn(1)


def test_the_columns_follow_the_window_when_it_narrows(qtbot):
    view = _table(qtbot, 1200)
    _settle(qtbot)
    view.resize(430, 400)
    _settle(qtbot)
    metrics = view.fontMetrics()
    assert view.horizontalHeader().sectionSize(2) >= max(metrics.horizontalAdvance(w) for w in PLACE.split())
