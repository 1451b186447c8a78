"""The « Obligation de formation » area (issue 18 §5): the minors of the territory without solution, for the
Mission Locale's follow-up, with the figures, and the list saved as CSV or PDF (the service audits each export).

Loaded on lane db_read each time the page is shown; the exports run on lane db_write (they write the audit).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHeaderView, QWidget

from pac_desktop.domain.french import format_date_short, plural
from pac_desktop.domain.training_obligation import ObligationList, WithoutSolutionLine, obligation_summary
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from .. import icons, theme
from ..forms.ui_obligation_page import Ui_ObligationPage
from ..roles import YouthIdRole
from ..table_model import Column, TableModel
from ..tasks import Lane, TaskFailure, TaskRunner

#: ``ask(parent, title, suggested, filter)`` → the path chosen, or None (tests give a path without a dialog).
AskPath = Callable[[QWidget, str, Path, str], Path | None]


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def figures_text(listing: ObligationList) -> str:
    """The figures, as `pac obligation sans-solution` says them (obligation_summary), in rich text."""
    return obligation_summary(listing, strong=lambda text: f"<b>{html.escape(text)}</b>")


LINE_COLUMNS: tuple[Column[WithoutSolutionLine], ...] = (
    Column("Jeune", lambda line: f"{line.last_name.upper()} {line.first_name}"),
    Column("Âge", lambda line: f"{line.age} ans"),
    Column("Commune", lambda line: line.town or ""),
    Column("Sans solution depuis", lambda line: f"{format_date_short(line.since)} ({plural(line.days, 'jour')})"),
    Column("Fin de l'obligation", lambda line: format_date_short(line.ends_on)),
    Column("Situation", lambda line: "Confirmée" if line.confirmed else "À confirmer", tooltip=lambda line: line.source,
           icon=lambda line: None if line.confirmed else icons.icon(icons.WARNING, theme.WARNING)),
    Column("Référent", lambda line: line.referent_name or "Pas de référent"),
)


class ObligationPage(QWidget):
    listing_loaded = Signal(object)  # the ObligationList shown
    exported = Signal(str)  # path of the file written
    youth_activated = Signal(str)  # id of the youth to open

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, ask_path: AskPath = ask_save_path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._tasks = services, actor, tasks
        self.ask_path = ask_path
        self.listing: ObligationList | None = None
        self.ui = Ui_ObligationPage()
        self.ui.setupUi(self)
        self.model = TableModel(LINE_COLUMNS, id_of=lambda line: line.youth_id, youth_of=lambda line: line.youth_id,
                                parent=self)
        self.ui.lines_view.setModel(self.model)
        header = self.ui.lines_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ui.csv_button.setIcon(icons.icon("mdi6.file-delimited-outline", theme.ACCENT))
        self.ui.pdf_button.setIcon(icons.icon("mdi6.file-pdf-box", theme.ACCENT))
        self.ui.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.ui.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.ui.lines_view.activated.connect(self._on_lines_view_activated)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's signature
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        services, actor = self._services, self._actor
        self._tasks.run_task(lambda: services.obligation.without_solution(by=actor), on_success=self._on_loaded,
                             on_failure=self._on_failed, lane=Lane.DB_READ, owner=self)

    def _on_loaded(self, listing: ObligationList) -> None:
        self.listing = listing
        self.model.set_lines(listing.lines)
        self.ui.figures_label.setText(figures_text(listing))
        self.ui.status_label.setText("" if listing.lines else "Aucun mineur sans solution sur ce territoire.")
        self.listing_loaded.emit(listing)

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.status_label.setText(failure.message)

    @Slot(QModelIndex)
    def _on_lines_view_activated(self, index: QModelIndex) -> None:
        youth_id = index.data(YouthIdRole)
        if youth_id:
            self.youth_activated.emit(youth_id)

    def _suggested(self, suffix: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        on = self._services.ctx.today().isoformat()
        return Path(folder) / f"mineurs-sans-solution-{on}.{suffix}"

    @Slot()
    def _on_csv_button_clicked(self) -> None:
        target = self.ask_path(self, "Exporter les mineurs sans solution en CSV", self._suggested("csv"),
                               "Tableur CSV (*.csv)")
        if target is not None:
            self._export(self._services.obligation.export_csv, target.with_suffix(".csv"))

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        target = self.ask_path(self, "Enregistrer les mineurs sans solution en PDF", self._suggested("pdf"),
                               "Documents PDF (*.pdf)")
        if target is not None:
            self._export(self._services.obligation.print_pdf, target.with_suffix(".pdf"))

    def _export(self, job: Callable[..., int], target: Path) -> None:
        self.ui.status_label.setText("Enregistrement en cours…")
        self._tasks.run_task(partial(job, path=target, by=self._actor),
                             on_success=lambda _n: self._on_exported(target), on_failure=self._on_failed,
                             lane=Lane.DB_WRITE, owner=self)

    def _on_exported(self, target: Path) -> None:
        self.ui.status_label.setText(f"Liste enregistrée : {target}")
        self.exported.emit(str(target))
