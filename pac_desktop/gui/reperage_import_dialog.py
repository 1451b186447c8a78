"""« Importer une liste… » in the Repérage area (issue 18 §1): services.reperage_import, step by step, in one dialog.

1. The file (CSV or XLSX, chosen with QFileDialog) and the territory. Reading it and the preview run on lane db_read.
2. The mapping: one combo per column of the file, preset from the saved profile and the recognised French names.
   Each change re-runs the preview (the one still running is cancelled); a target chosen twice moves.
3. The preview: every line with its result, the errors in red with their French reason, and the counts.
4. « Importer » runs the import on lane db_write with its progress. « Arrêter l'import » stops it before anything
   is written: the import is one unit of work, nothing is ever half-imported. A stop that comes after the commit
   changes nothing: the report shows as usual.
5. The report: the counts and the lines; « Enregistrer le rapport (CSV)… » saves it (the service audits it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHeaderView, QLabel, QWidget

from pac_desktop.domain.french import format_date_short, plural
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.reperage.importing import (
    STATUS_LABELS,
    TARGET_LABELS,
    ImportReport,
    ImportService,
    LineStatus,
    PreviewLine,
    Table,
    Target,
    layout_problem,
)

from . import icons, theme
from .forms.ui_list_import_dialog import Ui_ListImportDialog
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

#: ``ask_open(parent)`` → the list chosen, or None; ``ask_save(parent, suggested)`` → where to save the report.
AskOpen = Callable[[QWidget], Path | None]
AskSave = Callable[[QWidget, Path], Path | None]

MAPPING_PER_ROW = 2  # three clip « Date de sortie du système scolaire » on a 1366-pixel screen
IGNORED = "— ne pas importer —"
MAPPING_MAX_HEIGHT = 150
_Index = QModelIndex | QPersistentModelIndex


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def ask_open_path(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, "Choisir la liste à importer", str(_documents()),
                                            "Listes (*.csv *.xlsx *.xlsm *.txt);;Tous les fichiers (*)")
    return Path(chosen) if chosen else None


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Enregistrer le rapport d'import", str(suggested),
                                            "Tableur CSV (*.csv)")
    return Path(chosen) if chosen else None


def _to_review(line: PreviewLine) -> bool:
    return line.status in (LineStatus.ERROR, LineStatus.POSSIBLE_DUPLICATE) or line.repeat_of is not None


def _status_icon(line: PreviewLine):  # noqa: ANN202 - QIcon | None
    if line.status is LineStatus.ERROR:
        return icons.icon(icons.ERROR, theme.ERROR)
    if line.status is LineStatus.POSSIBLE_DUPLICATE or line.repeat_of is not None:
        return icons.icon(icons.WARNING, theme.WARNING)
    return None


LINE_COLUMNS: tuple[Column[PreviewLine], ...] = (
    Column("Ligne", lambda line: str(line.line)),
    Column("Jeune", lambda line: line.name or "(sans nom)"),
    Column("Naissance", lambda line: format_date_short(line.birth_date) if line.birth_date else ""),
    Column("Résultat", lambda line: STATUS_LABELS[line.status], icon=_status_icon),
    Column("Détail", lambda line: " ".join(line.messages), tooltip=lambda line: "\n".join(line.messages) or None),
)
DETAIL_COLUMN = 4


#: In the report, what became of the lines left out.
LEFT_OUT = {LineStatus.ERROR: "Erreur : non importée", LineStatus.POSSIBLE_DUPLICATE: "Doublon possible : non importée"}
RESULT_COLUMN = 3


class PreviewModel(TableModel[PreviewLine]):
    """The lines of the preview or of the report (``done``); a line in error reads in red, one to check in orange."""

    done = False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (self.done and role == Qt.ItemDataRole.DisplayRole and index.isValid()
                and index.column() == RESULT_COLUMN and 0 <= index.row() < self.rowCount()):
            line = self.line(index.row())
            return LEFT_OUT.get(line.status, STATUS_LABELS[line.status])
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            line = self.line(index.row())
            if line.status is LineStatus.ERROR:
                return QBrush(QColor(theme.ERROR))
            if line.status is LineStatus.POSSIBLE_DUPLICATE:
                return QBrush(QColor(theme.WARNING))
            return None
        return super().data(index, role)


def counts_text(report: ImportReport) -> str:
    """The counts, in French, for the preview (what would happen) or the report (what happened)."""
    n, done = len(report.lines), report.done
    new, enrich = report.count(LineStatus.NEW), report.count(LineStatus.ENRICH)
    same, doubt = report.count(LineStatus.UNCHANGED), report.count(LineStatus.POSSIBLE_DUPLICATE)
    errors = report.count(LineStatus.ERROR)
    left_out = (" non importée" if errors < 2 else " non importées") if done else ""
    parts = [
        f"<b>{plural(new, 'nouveau jeune', 'nouveaux jeunes')}</b>",
        f"<b>{plural(enrich, 'fiche complétée', 'fiches complétées')}</b>" if done
        else f"<b>{plural(enrich, 'fiche à compléter', 'fiches à compléter')}</b> (jeunes déjà connus)",
        f"{plural(same, 'déjà connu', 'déjà connus')} sans changement",
        f"{plural(doubt, 'doublon possible', 'doublons possibles')} à vérifier",
        (f"<span style='color:{theme.ERROR}'><b>{plural(errors, 'ligne en erreur', 'lignes en erreur')}"
         f"{left_out}</b></span>" if errors else "aucune ligne en erreur"),
        f"{plural(report.repeated, 'jeune en double', 'jeunes en double')} dans le fichier",
    ]
    head = (f"Import terminé ({report.territory_name}) — {plural(n, 'ligne')} : " if done
            else f"Aperçu — {plural(n, 'ligne')} : ")
    return head + " · ".join(parts) + "."


@dataclass(frozen=True)
class Loaded:
    """A file read, the mapping proposed for it, and its preview (None while a column needed is not chosen)."""

    path: Path
    table: Table
    mapping: dict[str, Target | None]
    report: ImportReport | None
    problem: str | None


def load_list(service: ImportService, *, path: Path, territory_id: str, by: Actor,
              mapping: dict[str, Target | None] | None = None, table: Table | None = None,
              progress: Callable[[object], None] | None = None, cancel: threading.Event | None = None) -> Loaded:
    """Read the file (unless ``table`` is given), propose its mapping, preview it. Runs on a worker thread."""
    table = table if table is not None else service.read(path)
    mapping = dict(mapping) if mapping is not None else service.mapping_for(table.headers)
    problem = layout_problem(mapping)
    report = None
    if problem is None:
        report = service.preview(path=path, territory_id=territory_id, by=by, mapping=mapping, table=table,
                                 progress=None if progress is None else lambda done, total: progress((done, total)),
                                 cancel=cancel)
    return Loaded(path, table, mapping, report, problem)


def _examples(table: Table, column: int, count: int = 3) -> list[str]:
    seen: list[str] = []
    for _number, cells in table.rows:
        value = cells[column] if column < len(cells) else None
        if isinstance(value, date):
            value = format_date_short(value)
        text = "" if value is None else str(value).strip()
        if text and text not in seen:
            seen.append(text)
            if len(seen) == count:
                break
    return seen


class ListImportDialog(QDialog):
    territories_loaded = Signal(object)  # [(id, name)] the actor may import into
    preview_shown = Signal(object)  # the ImportReport of the preview now shown
    mapping_problem_shown = Signal(str)  # why the preview cannot be made yet (a column needed is not chosen)
    imported = Signal(object)  # the ImportReport of the import done
    failed = Signal(str)  # the French message shown (a file that cannot be read, an import stopped…)
    report_saved = Signal(str)  # path of the report written

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, ask_open: AskOpen = ask_open_path,
                 ask_save: AskSave = ask_save_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = services.reperage_import
        self._actor, self._tasks = actor, tasks
        self.ask_open, self.ask_save = ask_open, ask_save
        self.loaded: Loaded | None = None
        self.report: ImportReport | None = None  # the preview shown, then the import's report
        self.combos: dict[str, QComboBox] = {}
        self.territories: list[tuple[str, str]] | None = None  # loaded in the background
        self._preview_task: TaskHandle | None = None
        self._stop: threading.Event | None = None
        self._busy = False
        self._message = ""  # a failure or a mapping to complete, shown in red
        self.ui = Ui_ListImportDialog()
        self.ui.setupUi(self)
        self.model = PreviewModel(LINE_COLUMNS, id_of=lambda line: str(line.line), parent=self)
        self.ui.lines_view.setModel(self.model)
        self.ui.lines_view.setProperty("elide_columns", [DETAIL_COLUMN])
        self.ui.lines_view.verticalHeader().setVisible(False)
        header = self.ui.lines_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.ui.choose_button.setIcon(icons.icon("mdi6.file-upload-outline", theme.ACCENT))
        self.ui.save_report_button.setIcon(icons.icon("mdi6.file-delimited-outline", theme.ACCENT))
        self.ui.import_button.setIcon(icons.icon("mdi6.database-import-outline", theme.ACCENT))
        self.ui.mapping_area.setMaximumHeight(MAPPING_MAX_HEIGHT)
        self.ui.dialog_layout.setStretchFactor(self.ui.lines_view, 1)  # the lines take the height left
        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._preview_timer.timeout.connect(self._start_preview)
        self.ui.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.ui.territory_combo.currentIndexChanged.connect(self._on_territory_combo_current_index_changed)
        self.ui.problems_check.toggled.connect(self._show_lines)
        self.ui.skip_errors_check.toggled.connect(self._update)
        self.ui.import_button.clicked.connect(self._on_import_button_clicked)
        self.ui.stop_button.clicked.connect(self._on_stop_button_clicked)
        self.ui.close_button.clicked.connect(self.reject)
        self.ui.save_report_button.clicked.connect(self._on_save_report_button_clicked)
        self.ui.territory_combo.addItem(actor.territory_name or "", actor.territory_id)
        self.ui.notes_label.setVisible(False)
        self._set_progress(None)
        self._update()
        self._tasks.run_task(partial(self._service.territories, by=actor), on_success=self._on_territories,
                             on_failure=self._show_failure, lane=Lane.DB_READ, owner=self)

    # -- the territory -----------------------------------------------------------------------------------------

    def _on_territories(self, territories: list[tuple[str, str]]) -> None:
        self.territories = territories
        combo = self.ui.territory_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for territory_id, name in territories:
            combo.addItem(name, territory_id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        combo.setEnabled(combo.count() > 1)
        self._update()
        self.territories_loaded.emit(territories)

    def territory_id(self) -> str | None:
        return self.ui.territory_combo.currentData()

    @Slot()
    def _on_territory_combo_current_index_changed(self) -> None:
        if self.loaded is not None and not self._done():
            self._preview_timer.start()

    # -- the file ----------------------------------------------------------------------------------------------

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        path = self.ask_open(self)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read ``path``, propose its mapping and preview it (in the background)."""
        territory_id = self.territory_id()
        if territory_id is None:
            return
        self.ui.file_edit.setText(Path(path).name)
        self.ui.file_edit.setToolTip(str(path))
        self.loaded = self.report = None
        self.model.set_lines(())
        self._clear_mapping()
        self.ui.notes_label.clear()
        self.ui.counts_label.clear()
        self._message = ""
        self.ui.problems_check.setChecked(False)
        self._run_preview(partial(load_list, self._service, path=Path(path), territory_id=territory_id,
                                  by=self._actor), first=True)

    def _run_preview(self, job: Callable[..., Loaded], *, first: bool = False) -> None:
        if self._preview_task is not None:
            self._preview_task.cancel()  # its result would be stale
        self._busy = True
        self._set_progress((0, 0), "Lecture et vérification des lignes…")
        self._update()

        def run(progress: Callable[[object], None], cancel: threading.Event) -> Loaded:
            return job(progress=progress, cancel=cancel)

        self._preview_task = self._tasks.run_task(
            run, on_success=partial(self._on_previewed, first=first), on_failure=self._on_preview_failed,
            on_progress=self._on_progress, lane=Lane.DB_READ, owner=self)

    def _on_previewed(self, loaded: Loaded, *, first: bool) -> None:
        self._preview_task = None
        self._busy = False
        self._set_progress(None)
        first_preview = self.report is None  # the lines to review are shown first, once
        self.loaded = loaded
        self.report = loaded.report
        if first or not self.combos:
            self._build_mapping(loaded)
        self.ui.notes_label.setText("\n".join(loaded.table.notes))
        self.ui.notes_label.setVisible(bool(loaded.table.notes))
        self._message = loaded.problem or ""
        if loaded.report is None:
            self.model.set_lines(())
            self.ui.counts_label.setText(f"{plural(len(loaded.table.rows), 'ligne')} dans le fichier : choisissez "
                                         "ci-dessus ce que contient chaque colonne pour voir l'aperçu.")
            self._update()
            self.mapping_problem_shown.emit(loaded.problem or "")
            return
        if first_preview and any(_to_review(line) for line in loaded.report.lines):
            self.ui.problems_check.setChecked(True)
        self._show_lines()
        self._update()
        self.preview_shown.emit(loaded.report)

    def _on_preview_failed(self, failure: TaskFailure) -> None:
        self._preview_task = None
        self._busy = False
        self._set_progress(None)
        self.report = None
        self._message = ""
        self.model.set_lines(())
        self.ui.counts_label.clear()
        self._show_failure(failure)

    # -- the mapping -------------------------------------------------------------------------------------------

    def _clear_mapping(self) -> None:
        grid = self.ui.mapping_grid
        while grid.count():
            item = grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = {}

    def _build_mapping(self, loaded: Loaded) -> None:
        self._clear_mapping()
        grid = self.ui.mapping_grid
        for i, header in enumerate(loaded.mapping):
            row, pair = divmod(i, MAPPING_PER_ROW)
            label = QLabel(f"« {header} »" if header else "(colonne sans titre)", self.ui.mapping_widget)
            column = loaded.table.headers.index(header)
            examples = _examples(loaded.table, column)
            label.setToolTip("Exemples : " + " ; ".join(examples) if examples else "Colonne vide")
            combo = QComboBox(self.ui.mapping_widget)
            combo.setObjectName(f"mapping_combo_{i}")
            # Narrow enough to fit two per row in a small window; as wide as the row allows otherwise.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.addItem(IGNORED, None)
            for target in Target:
                combo.addItem(TARGET_LABELS[target], target.value)
            target = loaded.mapping[header]
            combo.setCurrentIndex(combo.findData(target.value) if target is not None else 0)
            combo.setAccessibleName(f"Colonne « {header} »")
            combo.currentIndexChanged.connect(partial(self._on_mapping_combo_changed, header))
            label.setBuddy(combo)
            grid.addWidget(label, row, pair * 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(combo, row, pair * 2 + 1)
            self.combos[header] = combo
        for pair in range(MAPPING_PER_ROW):
            grid.setColumnStretch(pair * 2 + 1, 1)
        # As high as its rows (five at most, then it scrolls): the lines below keep the height.
        self.ui.mapping_area.setMaximumHeight(min(MAPPING_MAX_HEIGHT, self.ui.mapping_widget.sizeHint().height() + 2))

    def mapping(self) -> dict[str, Target | None]:
        return {header: Target(c.currentData()) if c.currentData() else None for header, c in self.combos.items()}

    def set_target(self, header: str, target: Target | None) -> None:
        """Choose what column ``header`` fills, as the user does with its combo."""
        combo = self.combos[header]
        combo.setCurrentIndex(combo.findData(target.value) if target is not None else 0)

    def _on_mapping_combo_changed(self, header: str, _index: int) -> None:
        chosen = self.combos[header].currentData()
        if chosen:  # each target once: the column that had it lets it go
            for other, combo in self.combos.items():
                if other != header and combo.currentData() == chosen:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._preview_timer.start()

    @Slot()
    def _start_preview(self) -> None:
        if self.loaded is None or self._done() or self.territory_id() is None:
            return
        self._message = ""
        self._run_preview(partial(load_list, self._service, path=self.loaded.path, territory_id=self.territory_id(),
                                  by=self._actor, mapping=self.mapping(), table=self.loaded.table))

    # -- the lines ---------------------------------------------------------------------------------------------

    @Slot()
    def _show_lines(self) -> None:
        if self.report is None:
            return
        lines = self.report.lines
        if self.ui.problems_check.isChecked():
            lines = tuple(line for line in lines if _to_review(line))
        self.model.done = self.report.done
        self.model.set_lines(lines)
        self.ui.counts_label.setText(counts_text(self.report))

    # -- the import --------------------------------------------------------------------------------------------

    def _done(self) -> bool:
        return self.report is not None and self.report.done

    @Slot()
    def _on_import_button_clicked(self) -> None:
        if self.loaded is None or self.report is None or self._busy or self._done():
            return
        territory_id, skip = self.territory_id(), self.ui.skip_errors_check.isChecked()
        stop = self._stop = threading.Event()
        service, path, mapping, table, by = (self._service, self.loaded.path, self.mapping(), self.loaded.table,
                                             self._actor)

        def run(progress: Callable[[object], None]) -> ImportReport:
            # Our own stop event, not the task's: a stop that comes after the commit must still deliver the report.
            return service.run(path=path, territory_id=territory_id, by=by, mapping=mapping, table=table,
                               skip_errors=skip, progress=lambda done, total: progress((done, total)), cancel=stop)

        self._busy = True
        self._message = ""
        self._set_progress((0, len(table.rows)), "Import en cours…")
        self._update()
        self._tasks.run_task(run, on_success=self._on_imported, on_failure=self._on_import_failed,
                             on_progress=self._on_progress, lane=Lane.DB_WRITE, owner=self)

    @Slot()
    def _on_stop_button_clicked(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self.ui.stop_button.setEnabled(False)
            self.ui.progress_bar.setFormat("Arrêt en cours… rien ne sera importé")

    def _on_imported(self, report: ImportReport) -> None:
        self._busy = False
        self._stop = None
        self._set_progress(None)
        self.report = report
        self.ui.title_label.setText("Import terminé : les jeunes de la liste sont dans le Repérage")
        self.ui.problems_check.setChecked(any(_to_review(line) for line in report.lines))
        self._show_lines()
        self._update()
        self.imported.emit(report)

    def _on_import_failed(self, failure: TaskFailure) -> None:
        self._busy = False
        self._stop = None
        self._set_progress(None)
        self._update()
        self._show_failure(failure)

    # -- the report --------------------------------------------------------------------------------------------

    def suggested_report_path(self) -> Path:
        stem = self.loaded.path.stem if self.loaded is not None else "liste"
        return _documents() / f"rapport-import-{stem}-{date.today():%Y-%m-%d}.csv"

    @Slot()
    def _on_save_report_button_clicked(self) -> None:
        if self.report is None:
            return
        path = self.ask_save(self, self.suggested_report_path())
        if path is None:
            return
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        job = partial(self._service.save_report_csv, report=self.report, path=path, by=self._actor)
        self._tasks.run_task(job, on_success=lambda _n: self._on_report_saved(path), on_failure=self._show_failure,
                             lane=Lane.DB_WRITE, owner=self)

    def _on_report_saved(self, path: Path) -> None:
        self.ui.notes_label.setText(f"Rapport enregistré : {path}")
        self.ui.notes_label.setVisible(True)
        self.report_saved.emit(str(path))

    # -- state -------------------------------------------------------------------------------------------------

    def _on_progress(self, value: object) -> None:
        done, total = value  # type: ignore[misc]
        self.ui.progress_bar.setRange(0, max(total, 1))
        self.ui.progress_bar.setValue(done)

    def _set_progress(self, value: tuple[int, int] | None, text: str = "") -> None:
        bar = self.ui.progress_bar
        bar.setVisible(value is not None)
        if value is not None:
            bar.setRange(0, max(value[1], 0))  # 0, 0: busy, until the first count arrives
            bar.setValue(value[0])
            bar.setFormat(f"{text} %v / %m lignes")

    def _show_failure(self, failure: TaskFailure) -> None:
        self._message = failure.message
        self._update()
        self.failed.emit(failure.message)

    @Slot()
    def _update(self) -> None:
        done, busy = self._done(), self._busy
        report = self.report
        errors = report.count(LineStatus.ERROR) if report is not None and not done else 0
        ready = report is not None and not done and not busy and (not errors or self.ui.skip_errors_check.isChecked())
        self.ui.choose_button.setEnabled(not busy and not done)
        self.ui.territory_combo.setEnabled(not busy and not done and self.ui.territory_combo.count() > 1)
        self.ui.mapping_box.setVisible(bool(self.combos) and not done)
        self.ui.mapping_box.setEnabled(not busy or self._stop is None)
        self.ui.import_button.setVisible(not done)
        self.ui.import_button.setEnabled(ready)
        self.ui.skip_errors_check.setVisible(not done and errors > 0)
        self.ui.skip_errors_check.setEnabled(not busy)
        self.ui.problems_check.setVisible(report is not None)
        self.ui.stop_button.setVisible(busy and self._stop is not None)
        self.ui.stop_button.setEnabled(self._stop is not None and not self._stop.is_set())
        self.ui.close_button.setEnabled(not (busy and self._stop is not None))
        self.ui.save_report_button.setVisible(done)
        message = self._message
        if not message and errors and not busy and not self.ui.skip_errors_check.isChecked():
            message = (f"{plural(errors, 'ligne est', 'lignes sont')} en erreur : corrigez le fichier puis "
                       "choisissez-le à nouveau, ou cochez « Importer sans les lignes en erreur ».")
        self.ui.error_label.setText(message)
        self.ui.error_label.setVisible(bool(message))

    def reject(self) -> None:
        if self._stop is not None:  # importing: Échap or the window's cross stop the import, nothing is written
            self._on_stop_button_clicked()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._stop is not None:
            event.ignore()
            self._on_stop_button_clicked()
            return
        super().closeEvent(event)


__all__ = ["ListImportDialog", "Loaded", "counts_text", "load_list"]
