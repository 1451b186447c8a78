"""The « Régional » area (issue 18 §6): every territory's indicators side by side for the regional steering
committees, pseudonymised, with the period, and the view saved as CSV or PDF (the service audits each export).

Shown to those the services let see it (role ``regional``, administrators); loaded on lane db_read, exported on
lane db_write.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QWidget

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date_short
from pac_desktop.domain.regional import SECONDARY_NOTE, RegionalRow, RegionalView, shown
from pac_desktop.security.roles import Action
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from . import icons, theme
from .forms.ui_regional_page import Ui_RegionalPage
from .main_window import MainWindow
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskRunner
from .youths.dialogs import read_date
from .youths.obligation_page import AskPath, ask_save_path

AREA_KEY = "regional"
AREA_TITLE = "Régional"
AREA_ICON = "mdi6.map-outline"
LOADING = "Chargement des chiffres des territoires…"


def _columns(view: RegionalView) -> tuple[Column[RegionalRow], ...]:
    values = tuple(Column(name, lambda r, i=i: shown(r.values[i])) for i, name in enumerate(view.territories))
    return (Column("Rubrique", lambda r: r.section), Column("Indicateur", lambda r: r.label), *values,
            Column("Tous territoires", lambda r: shown(r.total)))


class RegionalPage(QWidget):
    view_loaded = Signal(object)  # the RegionalView shown
    exported = Signal(str)  # path of the file written

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, ask_path: AskPath = ask_save_path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._tasks = services, actor, tasks
        self.ask_path = ask_path
        self.view: RegionalView | None = None
        self.model: TableModel | None = None
        self.ui = Ui_RegionalPage()
        self.ui.setupUi(self)
        self.ui.csv_button.setIcon(icons.icon("mdi6.file-delimited-outline", theme.ACCENT))
        self.ui.pdf_button.setIcon(icons.icon("mdi6.file-pdf-box", theme.ACCENT))
        self.ui.refresh_button.clicked.connect(self.refresh)
        self.ui.from_edit.returnPressed.connect(self.refresh)
        self.ui.to_edit.returnPressed.connect(self.refresh)
        self.ui.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.ui.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.ui.lines_view.verticalHeader().hide()
        # Long indicator names wrap onto a second line rather than being cut.
        self.ui.lines_view.setWordWrap(True)
        self.ui.lines_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's signature
        super().showEvent(event)
        if self.view is None:
            self.refresh()

    def period(self) -> dict:
        return {"date_from": read_date(self.ui.from_edit, "Du", required=False),
                "date_to": read_date(self.ui.to_edit, "Au", required=False)}

    @Slot()
    def refresh(self) -> None:
        try:
            period = self.period()
        except DomainError as error:
            self.ui.status_label.setText(str(error))
            return
        self.ui.status_label.setText(LOADING)
        self.ui.refresh_button.setEnabled(False)
        # Off the UI thread. On the sync lane, not a read lane: on a regional computer this asks the server (a slow
        # network must not hold a store reader) and keeps the figures it got (a write).
        job = partial(self._services.regional.side_by_side, by=self._actor, **period)
        self._tasks.run_task(job, on_success=self._on_loaded, on_failure=self._on_load_failed, lane=Lane.SYNC,
                             owner=self)

    def _on_loaded(self, view: RegionalView) -> None:
        self.ui.refresh_button.setEnabled(True)
        self.view = view
        self.model = TableModel(_columns(view), parent=self)
        self.model.set_lines(view.rows)
        self.ui.lines_view.setModel(self.model)
        header = self.ui.lines_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ui.from_edit.setText(format_date_short(view.date_from))
        self.ui.to_edit.setText(format_date_short(view.date_to))
        cohort = view.rows[0]
        source = f"{view.fetched_text} (calculés par le serveur). " if view.fetched_text else ""
        secondary = f" {SECONDARY_NOTE}" if view.has_secondary else ""
        # Rich text: « < 5 » must be escaped, or the label takes it for a tag and drops the rest.
        self.ui.figures_label.setText(
            f"<b>Du {format_date_short(view.date_from)} au {format_date_short(view.date_to)} :</b> "
            + html.escape(f"{shown(cohort.total)} jeunes accueillis dans {len(view.territories)} territoires. "
                          f"{source}{view.missing_text}{secondary}")
        )
        self.ui.status_label.setText(f"{view.notice} {view.fetched_text}." if view.notice else "")
        self.view_loaded.emit(view)

    def _on_load_failed(self, failure: TaskFailure) -> None:
        self.ui.refresh_button.setEnabled(True)
        self._on_failed(failure)

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.status_label.setText(failure.message)

    def _suggested(self, suffix: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder) / f"indicateurs-territoires-{self._services.ctx.today().isoformat()}.{suffix}"

    @Slot()
    def _on_csv_button_clicked(self) -> None:
        target = self.ask_path(self, "Exporter les indicateurs des territoires en CSV", self._suggested("csv"),
                               "Tableur CSV (*.csv)")
        if target is not None:
            self._export(self._services.regional.export_csv, target.with_suffix(".csv"))

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        target = self.ask_path(self, "Enregistrer les indicateurs des territoires en PDF", self._suggested("pdf"),
                               "Documents PDF (*.pdf)")
        if target is not None:
            self._export(self._services.regional.print_pdf, target.with_suffix(".pdf"))

    def _export(self, job: Callable[..., int], target: Path) -> None:
        try:
            period = self.period()
        except DomainError as error:
            self.ui.status_label.setText(str(error))
            return
        self.ui.status_label.setText("Enregistrement en cours…")
        self._tasks.run_task(partial(job, path=target, by=self._actor, **period),
                             on_success=lambda _n: self._on_exported(target), on_failure=self._on_failed,
                             lane=Lane.DB_WRITE, owner=self)

    def _on_exported(self, target: Path) -> None:
        self.ui.status_label.setText(f"Indicateurs enregistrés : {target}")
        self.exported.emit(str(target))


def add_regional_area(window: MainWindow, services: Services, actor: Actor, *,
                      tasks: TaskRunner) -> RegionalPage | None:
    """The area for those the services let see the side-by-side view (regional committee, administrators)."""
    if not services.guard.allows(actor, Action.REGIONAL_VIEW):
        return None
    page = RegionalPage(services=services, actor=actor, tasks=tasks)
    window.add_area(AREA_KEY, AREA_TITLE, AREA_ICON, page)
    return page
