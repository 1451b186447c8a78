"""Printed documents in the GUI: the preview, printing to a file through Qt, saving a copy, the committee pack
prepared in the background with its progress bar, and the indicators on screen — each copy audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pac_desktop.domain.enums import StaffRole
from pac_desktop.storage.base import id_from_store, id_to_store


@pytest.fixture
def demo(services):
    from pac_desktop.demo import DemoDataService

    DemoDataService(services.ctx).generate(youths=60, seed=5)
    return services


def _demo_admin(demo):  # noqa: ANN202 - the demo's administrator (login "demo") adds staff to the demo store
    from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD

    return demo.sessions.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)


@pytest.fixture
def committee_member(demo):
    from pac_desktop.services.staff import actor_for

    staff_id = demo.staff.add(first_name="Odile", last_name="Comité-Fictif", organisation_code="cio-toulouse-nord",
                              roles=[StaffRole.COMMITTEE], by=_demo_admin(demo))
    with demo.ctx.read() as session:
        return actor_for(session, staff_id)


def _sql(services, query, *params):
    """Plain SQL through the store's engine (the file is encrypted)."""
    with services.ctx.store.engine.connect() as con:
        # Ids bound and read as the store keeps them (storage.base.CompactId: 16 bytes), shown as text.
        return [tuple(id_from_store(v) for v in row)
                for row in con.exec_driver_sql(query, tuple(id_to_store(p) for p in params)).fetchall()]


def _pages_text(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


def test_preview_opens_prints_through_qt_and_saves_a_copy(qtbot, demo, committee_member, tasks, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from pac_desktop.gui.document_preview import open_document_preview

    intake_id = _sql(demo, "SELECT j.id FROM joint_intake j JOIN territory t ON t.id = j.territory_id "
                           "WHERE j.state = 'validated' AND t.code = 'toulouse-nord' LIMIT 1")[0][0]
    document = demo.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "fiche.pdf",
                                                    actor=committee_member)
    dialog = open_document_preview(document, services=demo, actor=committee_member, tasks=tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count == document.pages, timeout=10_000)
    qtbot.waitUntil(lambda: 0 in dialog.rendered_pages(), timeout=10_000)
    assert dialog.isVisible()
    assert dialog.ui.page_label.text() == f"Page 1 sur {document.pages}"

    # Printing: the same path as the print dialog, on a QPrinter that writes a PDF file.
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    progress = []
    dialog.ui.print_progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        dialog.print_to(printer)
    assert printed.args == [document.pages]
    assert len(PdfReader(str(tmp_path / "imprime.pdf")).pages) == document.pages
    assert progress and progress[-1] == 100

    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_to(tmp_path / "copie.pdf")
    assert (tmp_path / "copie.pdf").read_bytes() == document.path.read_bytes()

    events = _sql(demo, "SELECT action, detail FROM audit_event WHERE staff_id = ? ORDER BY at", committee_member.staff_id)
    assert [action for action, _ in events] == ["prepare", "print", "export"]
    assert "output=printer" in events[1][1] and "output=file" in events[2][1]


def test_committee_pack_is_prepared_in_the_background_with_progress(qtbot, demo, committee_member, tasks, tmp_path):
    from PySide6.QtCore import QDate, Qt

    from pac_desktop.gui.committees_page import CommitteesPage

    out = tmp_path / "documents"
    out.mkdir()
    page = CommitteesPage(services=demo, actor=committee_member, tasks=tasks, output_dir=out,
                          today=lambda: date(2026, 3, 12))
    qtbot.addWidget(page)
    page.show()
    page.area_shown()
    qtbot.waitUntil(lambda: page.ui.territory_combo.count() == 1, timeout=10_000)
    assert page.ui.territory_combo.currentData() == "toulouse-nord"  # the member's own territory first
    page.ui.date_from_edit.setDate(QDate(2024, 1, 1))
    page.ui.date_to_edit.setDate(QDate(2026, 3, 12))
    page.ui.pseudonymised_check.setChecked(True)
    progress = []
    page.ui.progress_bar.valueChanged.connect(progress.append)

    with qtbot.waitSignal(page.pack_ready, timeout=60_000) as ready:
        qtbot.mouseClick(page.ui.generate_button, Qt.MouseButton.LeftButton)
        assert page.ui.cancel_button.isVisible() and not page.ui.generate_button.isEnabled()
    document = ready.args[0]
    assert document.path.parent == out and document.path.exists()
    texts = _pages_text(document.path)
    assert len(texts) == document.pages
    assert all(f"Page {n} sur {len(texts)}" in t for n, t in enumerate(texts, start=1))
    assert "Version pseudonymisée" in texts[0]
    sessions = _sql(demo, "SELECT count(*) FROM joint_intake j JOIN territory t ON t.id = j.territory_id "
                          "WHERE t.code = 'toulouse-nord' AND j.state = 'validated' AND j.held_on >= '2024-01-01'")[0][0]
    assert f"Accueil n° {sessions} sur {sessions}" in " ".join(texts)
    # The progress bar moved forward through the work, and the page is ready again.
    assert len(progress) >= 3 and progress == sorted(progress) and max(progress) >= 500
    assert page.ui.generate_button.isEnabled() and not page.ui.cancel_button.isVisible()
    assert "Dossier prêt" in page.ui.status_label.text()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.page_count == document.pages, timeout=10_000)
    page.preview.close()
    audit = _sql(demo, "SELECT count(*) FROM audit_event WHERE staff_id = ? AND entity = 'territory'",
                 committee_member.staff_id)
    assert audit == [(1,)]


def test_committee_pack_can_be_cancelled(qtbot, demo, committee_member, tasks, tmp_path):
    from PySide6.QtCore import QDate, Qt

    from pac_desktop.gui.committees_page import CommitteesPage

    out = tmp_path / "documents"
    out.mkdir()
    page = CommitteesPage(services=demo, actor=committee_member, tasks=tasks, output_dir=out,
                          today=lambda: date(2026, 3, 12))
    qtbot.addWidget(page)
    page.area_shown()
    qtbot.waitUntil(lambda: page.ui.territory_combo.count() == 1, timeout=10_000)
    page.ui.date_from_edit.setDate(QDate(2024, 1, 1))
    qtbot.mouseClick(page.ui.generate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.ui.cancel_button, Qt.MouseButton.LeftButton)
    assert "annulée" in page.ui.status_label.text()
    assert page.ui.generate_button.isEnabled()
    assert tasks.wait_for_all(30_000)
    assert [p for p in out.iterdir() if p.suffix == ".pdf"] == []


def test_indicators_page_shows_the_service_figures_and_exports_csv(qtbot, demo, committee_member, tasks, tmp_path):
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtTest import QAbstractItemModelTester

    from pac_desktop.gui.indicators_page import IndicatorsPage

    page = IndicatorsPage(services=demo, actor=committee_member, tasks=tasks, output_dir=tmp_path,
                          today=lambda: date(2026, 3, 12))
    qtbot.addWidget(page)
    page.ui.date_from_edit.setDate(QDate(2024, 1, 1))
    with qtbot.waitSignal(page.figures_shown, timeout=10_000) as shown:
        page.area_shown()
    figures = shown.args[0]
    # A committee member sees their own territory's figures, the same as the service's.
    assert page.ui.territory_combo.count() == 1
    expected = demo.documents.indicators(date_from=date(2024, 1, 1), date_to=date(2026, 3, 12),
                                         territory_code="toulouse-nord")
    from dataclasses import replace

    assert replace(figures, generated_at=expected.generated_at) == expected
    assert page.ui.cohort_value.text() == str(expected.cohort_size)
    assert page.ui.adults_value.text() == f"{round(100 * expected.adults / expected.cohort_size)} %"
    assert "Toulouse Nord" in page.territory_chart.text_summary()
    assert page.solutions_chart.text_summary()
    assert page.caseloads.rowCount() == len(expected.caseloads)
    QAbstractItemModelTester(page.caseloads, QAbstractItemModelTester.FailureReportingMode.Fatal)

    # A change of period shows new figures.
    page.ui.date_from_edit.setDate(QDate(2026, 1, 1))
    with qtbot.waitSignal(page.figures_shown, timeout=10_000) as shown:
        qtbot.mouseClick(page.ui.refresh_button, Qt.MouseButton.LeftButton)
    assert shown.args[0].date_from == date(2026, 1, 1) and shown.args[0].territory_code == "toulouse-nord"

    with qtbot.waitSignal(page.exported, timeout=10_000) as exported:
        page.export_csv(tmp_path / "indicateurs.csv")
    assert exported.args[0].path.read_text(encoding="utf-8-sig").startswith("Rubrique;Libellé")
    assert _sql(demo, "SELECT action, entity, staff_id FROM audit_event WHERE action = 'export'") == [
        ("export", "indicators", committee_member.staff_id)]


def test_administrators_choose_any_territory(qtbot, demo, tasks, tmp_path):
    from pac_desktop.gui.indicators_page import IndicatorsPage
    from pac_desktop.services.staff import actor_for

    staff_id = demo.staff.add(first_name="Adèle", last_name="Admin-Fictive", organisation_code="ml-tarbes",
                              roles=[StaffRole.ADMINISTRATOR], by=_demo_admin(demo))
    with demo.ctx.read() as session:
        admin = actor_for(session, staff_id)
    page = IndicatorsPage(services=demo, actor=admin, tasks=tasks, output_dir=tmp_path, today=lambda: date(2026, 3, 12))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.figures_shown, timeout=10_000) as shown:
        page.area_shown()
    assert page.ui.territory_combo.count() == 5 and shown.args[0].territory_code is None


def test_main_window_has_the_document_areas_for_committee_members(qtbot, demo, committee_member, tasks, preferences):
    from pac_desktop.app import build_main_window

    window = build_main_window(demo, committee_member, tasks=tasks, preferences=preferences)
    qtbot.addWidget(window)
    assert {"committees", "indicators"} <= set(window.area_keys())
    # No intake and no case file for a committee member: those areas are not there at all.
    assert not {"intakes", "youths", "todo", "reviews"} & set(window.area_keys())
    window.show_area("indicators")
    assert window.current_area() == "indicators"
