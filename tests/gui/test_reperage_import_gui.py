"""« Importer une liste… » in the Repérage area (issue 18 §1), through the real widgets on a real SQLite store: a
counsellor loads a generated list whose « Nom » column is not recognised, corrects it with its combo, sees the lines in
error in red with their reason and the counts, imports without them, reads the report (and saves it), finds the
youths in the store and on the worklist; the same file again changes nothing and gets the kept mapping; a stop before
the import is written leaves nothing; a referent does not see the action."""

from __future__ import annotations

import csv
import os
import threading
from pathlib import Path

import pytest
from casefile_builders import make_staff
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import func, select

from pac_desktop.demo.dropout_list import fictitious_people, list_rows, with_bad_dates, write_csv
from pac_desktop.domain.enums import StaffRole, YouthStatus
from pac_desktop.services.reperage.importing import LineStatus, Target
from pac_desktop.storage.models import Youth

WAIT = 20_000
SHOTS = os.environ.get("PAC_SCREENSHOT_DIR")
ODD_NAME = "NOM ELEVE (SIEI)"


@pytest.fixture
def desk(qtbot, loaded_services, tasks, themed):
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.reperage_page import add_reperage_area

    s = loaded_services
    me = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    window = MainWindow(actor=me, tasks=tasks)
    page = add_reperage_area(window, s, me, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_area("reperage")
    return s, me, window, page


def _list_file(tmp_path: Path, n: int = 40, bad: int = 4, seed: int = 21) -> tuple[Path, list[int]]:
    """A generated list whose « Nom » column carries a title the import does not know; ``bad`` impossible dates."""
    rows = list_rows(fictitious_people(n, seed=seed), seed=seed)
    spoilt = with_bad_dates(rows, bad, seed=seed)
    path = write_csv(tmp_path / "liste-plateforme.csv", rows)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("INE;Nom;", f"INE;{ODD_NAME};", 1), encoding="utf-8")
    return path, spoilt


def _youths(s) -> int:
    with s.ctx.read() as session:
        return session.scalar(select(func.count()).select_from(Youth))


def _open_dialog(qtbot, page, path: Path | None = None):
    with qtbot.waitSignal(page.import_dialog_opened, timeout=WAIT) as opened:
        page.ui.import_button.click()
    dialog = opened.args[0]
    dialog.resize(1280, 720)  # what the page gives it on a 1366×768 screen
    qtbot.waitUntil(lambda: dialog.territories is not None, timeout=WAIT)
    dialog.ask_open = lambda _parent: path
    return dialog


def _looked_at(widget, name: str) -> None:
    """Saved for a look (PAC_SCREENSHOT_DIR), and checked as at 1366×768: nothing cut, no mnemonic twice."""
    from fit_helpers import clipping, mnemonic_clashes

    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))
    problems = clipping(widget) + mnemonic_clashes(widget)
    assert not problems, "\n".join(problems)


def test_import_a_list_from_the_repérage_area(qtbot, desk, tmp_path):
    s, _me, _window, page = desk
    path, spoilt = _list_file(tmp_path)
    assert page.ui.import_button.isVisible()
    dialog = _open_dialog(qtbot, page, path)
    assert dialog.ui.territory_combo.currentText() == "Tarbes"  # the counsellor's own: the only one allowed
    assert not dialog.ui.import_button.isEnabled()

    # The « Nom » column is not recognised: the dialog says so, and nothing can be imported yet.
    with qtbot.waitSignal(dialog.mapping_problem_shown, timeout=WAIT) as problem:
        dialog.ui.choose_button.click()
    assert problem.args[0].startswith("Indiquez quelle colonne donne : « Nom »")
    assert dialog.ui.error_label.text() == problem.args[0]
    assert set(dialog.combos) >= {ODD_NAME, "Prénom", "Date de naissance", "INE"}
    assert dialog.combos[ODD_NAME].currentText() == "— ne pas importer —"
    assert dialog.combos["Date de naissance"].currentData() == Target.BIRTH_DATE.value
    assert "40 lignes dans le fichier" in dialog.ui.counts_label.text()
    assert not dialog.ui.import_button.isEnabled()

    # Corrected with the column's combo: the preview comes, the lines in error in red with their reason.
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT) as shown:
        combo = dialog.combos[ODD_NAME]
        combo.setCurrentIndex(combo.findData(Target.LAST_NAME.value))
    preview = shown.args[0]
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert not preview.done and _youths(s) == 0  # a preview writes nothing
    assert {line.line for line in preview.errors} == {i + 2 for i in spoilt}
    assert dialog.ui.problems_check.isChecked()  # the lines to review first
    model = dialog.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [str(i + 2) for i in spoilt]
    for r in range(model.rowCount()):
        assert model.index(r, 3).data() == "Erreur"
        assert "Date de naissance" in model.index(r, 4).data()
        assert model.index(r, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#a4262c"
    counts = dialog.ui.counts_label.text()
    assert counts == ("Aperçu — 40 lignes : <b>36 nouveaux jeunes</b> · <b>0 fiche à compléter</b> (jeunes déjà "
                      "connus) · 0 déjà connu sans changement · 0 doublon possible à vérifier · "
                      "<span style='color:#a4262c'><b>4 lignes en erreur</b></span> · "
                      "0 jeune en double dans le fichier.")
    assert "4 lignes sont en erreur" in dialog.ui.error_label.text()
    assert not dialog.ui.import_button.isEnabled()
    dialog.ui.problems_check.setChecked(False)
    assert model.rowCount() == 40 and model.index(0, 4).data(Qt.ItemDataRole.ForegroundRole) is None
    dialog.ui.problems_check.setChecked(True)
    _looked_at(dialog, "import-preview")

    # Import without the lines in error: the report, the youths in the store and on the worklist.
    dialog.ui.skip_errors_check.setChecked(True)
    assert dialog.ui.import_button.isEnabled() and not dialog.ui.error_label.isVisible()
    with qtbot.waitSignal(page.page_loaded, timeout=WAIT) as loaded, \
            qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        dialog.ui.import_button.click()
    report = imported.args[0]
    assert report.done and report.count(LineStatus.NEW) == 36 and report.count(LineStatus.ERROR) == 4
    assert dialog.ui.counts_label.text().startswith("Import terminé (Tarbes) — 40 lignes : <b>36 nouveaux jeunes</b>")
    assert "<b>4 lignes en erreur non importées</b>" in dialog.ui.counts_label.text()
    assert dialog.model.index(0, 3).data() == "Erreur : non importée"
    assert not dialog.ui.import_button.isVisible() and dialog.ui.save_report_button.isVisible()
    assert not dialog.ui.mapping_box.isVisible()
    with s.ctx.read() as session:
        youths = session.scalars(select(Youth)).all()
        assert len(youths) == 36 and {y.status for y in youths} == {YouthStatus.REFERRED}
        assert all(y.last_name.lower().startswith("test") for y in youths)
    assert loaded.args[0].total == 36
    _looked_at(dialog, "import-report")

    saved = tmp_path / "rapport"
    dialog.ask_save = lambda _parent, suggested: saved if suggested.name.startswith("rapport-import-liste-") else None
    with qtbot.waitSignal(dialog.report_saved, timeout=WAIT):
        dialog.ui.save_report_button.click()
    with saved.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert len(lines) == 41 and sum(1 for x in lines[1:] if x[1] == "Erreur") == 4
    dialog.close()

    # The same file again: the mapping kept as a profile is offered, the preview comes at once, nothing changes.
    dialog = _open_dialog(qtbot, page, path)
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT) as shown:
        dialog.ui.choose_button.click()
    assert dialog.combos[ODD_NAME].currentData() == Target.LAST_NAME.value
    assert shown.args[0].count(LineStatus.NEW) == 0 and shown.args[0].count(LineStatus.UNCHANGED) == 36
    dialog.ui.skip_errors_check.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        dialog.ui.import_button.click()
    assert imported.args[0].count(LineStatus.NEW) == imported.args[0].count(LineStatus.ENRICH) == 0
    assert _youths(s) == 36
    dialog.close()


def test_a_stop_before_the_import_is_written_leaves_nothing(qtbot, desk, tmp_path, tasks):
    s, _me, _window, page = desk
    rows = list_rows(fictitious_people(300, seed=22), seed=22)
    path = write_csv(tmp_path / "liste.csv", rows)
    dialog = _open_dialog(qtbot, page, path)
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT):
        dialog.ui.choose_button.click()
    assert dialog.ui.import_button.isEnabled() and not dialog.ui.stop_button.isVisible()

    # Another write holds the single writer's lane, so the import waits: the counsellor stops it meanwhile.
    release = threading.Event()
    tasks.run_task(lambda: release.wait(WAIT / 1000), on_success=lambda _r: None, lane="db_write")
    dialog.ui.import_button.click()
    assert dialog.ui.stop_button.isVisible() and not dialog.ui.close_button.isEnabled()
    assert not dialog.ui.mapping_box.isEnabled()
    dialog.reject()  # Échap while importing: stops the import, the dialog stays open
    assert dialog.isVisible() and not dialog.ui.stop_button.isEnabled()
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
        release.set()
    assert failed.args[0] == "Import annulé : rien n'a été importé."
    assert dialog.ui.error_label.text() == failed.args[0]
    assert _youths(s) == 0
    assert dialog.ui.import_button.isEnabled() and dialog.ui.close_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        dialog.ui.import_button.click()  # the counsellor changes their mind: it all goes in
    assert imported.args[0].count(LineStatus.NEW) == 300 and _youths(s) == 300


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_kind_messages_for_files_that_cannot_be_imported(qtbot, desk, tmp_path):
    _s, _me, _window, page = desk
    dialog = _open_dialog(qtbot, page)
    for path, expected in (
        (_write(tmp_path, "vide.csv", b""), "est vide : aucune ligne à importer"),
        (_write(tmp_path, "classeur.csv", b"PK\x03\x04" + bytes(64)), "n'est pas une liste en texte (CSV)"),
        (_write(tmp_path, "titres.csv", b"Nom;Prenom;Date de naissance\n"), "ne contient que la ligne des titres"),
    ):
        with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
            dialog.load(path)
        assert expected in failed.args[0] and dialog.ui.error_label.text() == failed.args[0]
        assert not dialog.ui.import_button.isEnabled()
    with qtbot.waitSignal(dialog.mapping_problem_shown, timeout=WAIT) as problem:
        dialog.load(_write(tmp_path, "autre.csv", "Liste du 02/12;;\nTestun;Léa;x\n".encode("cp1252")))
    assert problem.args[0].startswith("Aucune colonne de ce fichier n'a été reconnue")
    _looked_at(dialog, "import-unrecognised")
    rows = list_rows(fictitious_people(3, seed=23), seed=23)
    path = write_csv(tmp_path / "ancien.csv", rows, encoding="cp1252")
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT):
        dialog.load(path)
    assert "n'est pas en UTF-8" in dialog.ui.notes_label.text() and dialog.ui.notes_label.isVisible()


def test_a_referent_does_not_see_the_import(qtbot, loaded_services, tasks):
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.reperage_page import add_reperage_area

    referent = make_staff(loaded_services, "Rémi", "Testreferent", roles=(StaffRole.REFERENT,))
    window = MainWindow(actor=referent, tasks=tasks)
    page = add_reperage_area(window, loaded_services, referent, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    window.show_area("reperage")
    assert page.isVisible() and not page.ui.import_button.isVisible()
