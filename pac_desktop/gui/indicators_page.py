"""The "Indicateurs" area: the programme's figures on screen, with charts and filters, the CSV export and the
PDF report (prepared in the background, with a progress bar and a Cancel button).

The figures come from ``services.documents.indicators`` — the very numbers the PDF report and
``pac stats --json`` give — computed on the db_read lane; this page only shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHeaderView, QWidget

from pac_desktop.domain.enums import OutcomeSituation, StaffRole
from pac_desktop.domain.french import format_date, format_number, plural
from pac_desktop.services.context import Actor
from pac_desktop.services.documents import ExportedFile, Indicators, PrintedDocument
from pac_desktop.services.reference import TerritoryInfo
from pac_desktop.services.registry import Services

from . import icons
from .bar_chart import SERIES_COLOURS, BarChart, Series
from .committees_page import to_date, to_qdate, with_progress
from .document_preview import open_document_preview
from .forms.ui_indicators_page import Ui_IndicatorsPage
from .pdf_preview import PdfPreviewDialog
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

AREA_KEY = "indicators"
AREA_TITLE = "Indicateurs"
AREA_ICON = "mdi6.chart-bar"

OUTCOME_COLOURS = {
    OutcomeSituation.SCHOOL: "#1f3a5f",
    OutcomeSituation.APPRENTICESHIP: "#3d5f8a",
    OutcomeSituation.TRAINING: "#6d8fb3",
    OutcomeSituation.JOB: "#4f6d4f",
    OutcomeSituation.CIVIC_SERVICE: "#7a9e7e",
    OutcomeSituation.ML_FOLLOW_UP: "#c9a227",
    OutcomeSituation.NO_SOLUTION: "#b5651d",
    OutcomeSituation.LOST_CONTACT: "#a02c2c",
    OutcomeSituation.MOVED: "#8e7cc3",
}


class CaseloadColumn(IntEnum):
    NAME = 0
    ORGANISATION = 1
    CASELOAD = 2
    STATUS = 3


def caseload_status(line: Any) -> str:  # a CaseloadLine of the indicators
    if line.over_cap:
        return "Au-delà du plafond"
    if line.at_cap:
        return "Plafond atteint"
    return f"{plural(line.cap - line.caseload, 'place libre', 'places libres')}"


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CaseloadModel(TableModel[Any]):
    """Referents and their caseload against the cap (a few dozen rows, held as plain values)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__((
            Column("Référent unique", lambda line: line.name),
            Column("Structure", lambda line: line.organisation),
            Column("Jeunes suivis", lambda line: f"{line.caseload} / {line.cap}",
                   roles={Qt.ItemDataRole.TextAlignmentRole: lambda _line: _RIGHT}),
            Column("Plafond", caseload_status),
        ), parent=parent)  # fmt: skip


class IndicatorsPage(QWidget):
    figures_shown = Signal(object)  # Indicators
    exported = Signal(object)  # ExportedFile
    report_ready = Signal(object)  # PrintedDocument

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        tasks: TaskRunner,
        output_dir: Path,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IndicatorsPage()
        self.ui.setupUi(self)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self._output_dir = Path(output_dir)
        self._figures: Indicators | None = None
        self._handle: TaskHandle | None = None
        self._loaded_once = False
        self.preview: PdfPreviewDialog | None = None

        title_font = self.ui.title_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.ui.title_label.setFont(title_font)
        for label in (self.ui.cohort_value, self.ui.adults_value, self.ui.proposed_value, self.ui.accepted_value):
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            label.setFont(font)
        now = today()
        self.ui.date_from_edit.setDate(to_qdate(date(now.year - 1, now.month, 1)))
        self.ui.date_to_edit.setDate(to_qdate(now))
        # Administrators see every territory; a committee member, their own (the services refuse the rest).
        self._everywhere = StaffRole.ADMINISTRATOR in actor.roles
        if self._everywhere:
            self.ui.territory_combo.addItem("Tous les territoires", None)
        self.ui.refresh_button.setIcon(icons.icon(icons.REFRESH))
        self.ui.export_csv_button.setIcon(icons.icon("mdi6.file-delimited-outline"))
        self.ui.report_button.setIcon(icons.icon("mdi6.file-pdf-box"))
        self.ui.progress_bar.setRange(0, 1000)
        self._show_progress(False)

        self.territory_chart = BarChart()
        self.sources_chart = BarChart()
        self.solutions_chart = BarChart()
        self.outcomes_chart = BarChart()
        self.ui.territory_chart_layout.addWidget(self.territory_chart)
        self.ui.sources_chart_layout.addWidget(self.sources_chart)
        self.ui.solutions_chart_layout.addWidget(self.solutions_chart)
        self.ui.outcomes_chart_layout.addWidget(self.outcomes_chart)
        for layout in (self.ui.territory_chart_layout, self.ui.sources_chart_layout, self.ui.solutions_chart_layout,
                       self.ui.outcomes_chart_layout):
            layout.addStretch(1)  # charts sit at the top of their box
        self.caseloads = CaseloadModel(self)
        self.ui.caseload_table.setModel(self.caseloads)
        self.ui.caseload_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ui.caseload_table.verticalHeader().setVisible(False)

        self.ui.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.ui.territory_combo.activated.connect(self._on_territory_combo_activated)
        self.ui.export_csv_button.clicked.connect(self._on_export_csv_button_clicked)
        self.ui.report_button.clicked.connect(self._on_report_button_clicked)
        self.ui.cancel_button.clicked.connect(self._on_cancel_button_clicked)

    # --- filters ------------------------------------------------------------------------------------------

    def filters(self) -> dict:
        return {
            "date_from": to_date(self.ui.date_from_edit.date()),
            "date_to": to_date(self.ui.date_to_edit.date()),
            "territory_code": self.ui.territory_combo.currentData(),
        }

    def area_shown(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self._tasks.run_task(self._services.reference.territories, on_success=self._on_territories_loaded,
                                 lane=Lane.DB_READ, owner=self)

    def _on_territories_loaded(self, territories: list[TerritoryInfo]) -> None:
        for t in territories:
            if self._everywhere or t.id == self._actor.territory_id:
                self.ui.territory_combo.addItem(t.name, t.code)
        self.refresh()

    @Slot(int)
    def _on_territory_combo_activated(self, _index: int) -> None:
        self.refresh()

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.ui.status_label.setText("Calcul des indicateurs…")
        indicators, filters = self._services.documents.indicators, self.filters()
        # A closure without a ``progress`` parameter: these figures come back in a blink, no progress bar.
        self._tasks.run_task(lambda: indicators(**filters), on_success=self._show, on_failure=self._on_failed,
                             lane=Lane.DB_READ, owner=self)

    # --- showing the figures ------------------------------------------------------------------------------

    def _show(self, f: Indicators) -> None:
        self._figures = f
        self.ui.status_label.setText("")
        self.ui.cohort_value.setText(format_number(f.cohort_size))
        self.ui.cohort_caption.setText("jeunes accueillis" if f.cohort_size > 1 else "jeune accueilli")
        self.ui.adults_value.setText(_percent(f.adults, f.cohort_size))
        self.ui.adults_caption.setText(f"majeurs à l'accueil ({f.adults})")
        self.ui.proposed_value.setText(format_number(f.solutions_proposed))
        self.ui.accepted_value.setText(_percent(f.solutions_accepted, f.solutions_proposed))
        self.ui.accepted_caption.setText(f"acceptées par le jeune ({f.solutions_accepted})")
        scope = f.territory_name or "tous les territoires"
        self.ui.definition_label.setText(
            f"Jeunes dont l'accueil commun, validé, a eu lieu du {format_date(f.date_from)} au "
            f"{format_date(f.date_to)} ({scope}), comptés une fois chacun. Situations et suivis connus au "
            f"{format_date(f.as_of)}."
        )
        self.territory_chart.set_data(
            [t.name for t in f.by_territory],
            [Series("Mineurs à l'accueil", tuple(t.youths - t.adults for t in f.by_territory), SERIES_COLOURS[0]),
             Series("Majeurs à l'accueil", tuple(t.adults for t in f.by_territory), SERIES_COLOURS[2])],
            stacked=True,
        )
        sources = sorted(f.referral_sources, key=lambda line: -line.count)
        self.sources_chart.set_data([s.label for s in sources],
                                    [Series("Jeunes", tuple(s.count for s in sources), SERIES_COLOURS[0])])
        solutions = sorted(f.solutions, key=lambda line: -line.proposed)
        self.solutions_chart.set_data(
            [s.label for s in solutions],
            [Series("Proposées", tuple(s.proposed for s in solutions), SERIES_COLOURS[0]),
             Series("Acceptées", tuple(s.accepted for s in solutions), SERIES_COLOURS[1])],
        )
        series = [Series(sit.label, tuple(col.count(sit) for col in f.outcomes), OUTCOME_COLOURS[sit])
                  for sit in OutcomeSituation]
        series = [s for s in series if any(s.values)]
        series.append(Series("Attendue, non renseignée", tuple(col.awaited for col in f.outcomes), "#c5ccd4"))
        series.append(Series("Pas encore échue", tuple(col.not_due for col in f.outcomes), "#eceff2"))
        self.outcomes_chart.set_data([col.milestone.label for col in f.outcomes], series, stacked=True, percent=True)
        self.caseloads.set_rows(f.caseloads)
        self.figures_shown.emit(f)

    def _on_failed(self, failure: TaskFailure) -> None:
        self._show_progress(False)
        self.ui.status_label.setText(failure.message)

    # --- CSV export ---------------------------------------------------------------------------------------

    @Slot()
    def _on_export_csv_button_clicked(self) -> None:
        filters = self.filters()
        name = f"indicateurs-{filters['date_from'].isoformat()}-{filters['date_to'].isoformat()}.csv"
        target, _ = QFileDialog.getSaveFileName(self, "Exporter les indicateurs en CSV", name,
                                                "Tableur CSV (*.csv)")
        if target:
            self.export_csv(Path(target if target.lower().endswith(".csv") else target + ".csv"))

    def export_csv(self, target: Path) -> None:
        """Write the CSV in the background (the service records the export in the audit trail)."""
        self.ui.status_label.setText("Export en cours…")
        self._tasks.run_task(
            partial(self._services.documents.export_indicators_csv, path=target, actor=self._actor, **self.filters()),
            on_success=self._on_exported, on_failure=self._on_failed, lane=Lane.DB_WRITE, owner=self,
        )

    def _on_exported(self, exported: ExportedFile) -> None:
        self.ui.status_label.setText(f"Indicateurs exportés : {exported.path}")
        self.exported.emit(exported)

    # --- PDF report ---------------------------------------------------------------------------------------

    def _show_progress(self, running: bool) -> None:
        self.ui.progress_bar.setVisible(running)
        self.ui.cancel_button.setVisible(running)
        self.ui.report_button.setEnabled(not running)

    @Slot()
    def _on_report_button_clicked(self) -> None:
        filters = self.filters()
        path = self._output_dir / (f"indicateurs-{filters['territory_code'] or 'tous'}-"
                                   f"{filters['date_from'].isoformat()}-{filters['date_to'].isoformat()}.pdf")
        job = partial(with_progress, self._services.documents.print_indicators, path=path, actor=self._actor,
                      **filters)
        self.ui.progress_bar.setValue(0)
        self._show_progress(True)
        self.ui.status_label.setText("Préparation du rapport…")
        self._handle = self._tasks.run_task(job, on_success=self._on_report_ready, on_failure=self._on_failed,
                                            on_progress=lambda v: self.ui.progress_bar.setValue(int(v)),
                                            lane=Lane.PDF, owner=self)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._show_progress(False)
        self.ui.status_label.setText("Préparation annulée : aucun rapport n'a été écrit.")

    def _on_report_ready(self, document: PrintedDocument) -> None:
        self._handle = None
        self._show_progress(False)
        self.ui.status_label.setText(f"Rapport prêt : {plural(document.pages, 'page')}.")
        self.report_ready.emit(document)
        self.preview = open_document_preview(document, services=self._services, actor=self._actor,
                                             tasks=self._tasks, parent=self)


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)} %" if total else "—"
