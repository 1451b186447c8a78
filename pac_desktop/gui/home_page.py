"""Accueil: the logged-in counsellor's day — intakes planned and in progress, caseload, outcomes due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from pac_desktop.domain.french import format_date, plural
from pac_desktop.services.context import Actor
from pac_desktop.services.home import MAX_LINES, OUTCOME_HORIZON_DAYS, HomeSummary

from . import icons, theme
from .column_fit import fit_columns, fit_rows, refit_rows
from .forms.ui_home_page import Ui_HomePage
from .home_models import WEEKDAYS, IntakeColumn, IntakeTableModel, OutcomeTableModel
from .roles import IdRole, YouthIdRole
from .tasks import Lane, TaskFailure, TaskHandle, TaskRunner

EMPTY_PLANNED = "Aucun accueil n'est prévu pour le moment."
EMPTY_IN_PROGRESS = "Aucun accueil en cours : les accueils commencés apparaîtront ici."
EMPTY_OUTCOMES = f"Aucun résultat à renseigner dans les {OUTCOME_HORIZON_DAYS} prochains jours."
LOADING = "Chargement de votre journée…"


def long_date(day: date) -> str:
    """ "Jeudi 12 mars 2026"."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {format_date(day)}"


class HomePage(QWidget):
    """The Accueil area. Loads its figures off the UI thread each time it is shown."""

    summary_loaded = Signal(object)  # the HomeSummary now on screen
    summary_settled = Signal()  # a load of the summary ended, shown or failed
    intake_activated = Signal(str)  # id of the intake the user opened (Enter or double-click on a row)
    youth_activated = Signal(str)  # id of the youth whose outcome row the user opened

    def __init__(
        self,
        *,
        actor: Actor,
        load_summary: Callable[[], HomeSummary],
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._actor = actor
        self._load_summary = load_summary
        self._tasks = tasks
        self._loading: TaskHandle | None = None
        self._summary: HomeSummary | None = None
        self.ui = Ui_HomePage()
        self.ui.setupUi(self)

        self.planned_model = IntakeTableModel(self)
        self.in_progress_model = IntakeTableModel(self)
        self.outcomes_model = OutcomeTableModel(self)
        self._setup_view(self.ui.planned_view, self.planned_model, hidden=[IntakeColumn.PROGRESS])
        self._setup_view(self.ui.in_progress_view, self.in_progress_model, hidden=[IntakeColumn.WHEN])
        self._setup_view(self.ui.outcomes_view, self.outcomes_model, hidden=[])

        self.ui.planned_view.activated.connect(self._on_intake_view_activated)
        self.ui.in_progress_view.activated.connect(self._on_intake_view_activated)
        self.ui.outcomes_view.activated.connect(self._on_outcomes_view_activated)
        self.ui.retry_button.clicked.connect(self.refresh)

        for label, name in (
            (self.ui.planned_icon_label, icons.CALENDAR),
            (self.ui.in_progress_icon_label, icons.IN_PROGRESS),
            (self.ui.outcomes_icon_label, icons.OUTCOMES),
            (self.ui.caseload_icon_label, icons.CASELOAD),
        ):
            label.setPixmap(icons.pixmap(name, 22, theme.ACCENT))
        self.ui.outcomes_overdue_icon_label.setPixmap(icons.pixmap(icons.WARNING, 18, theme.WARNING))
        self.ui.outcomes_title_label.setToolTip(
            f"Bilans à 3, 6 et 12 mois et de sortie de vos jeunes : en retard, ou à faire dans les "
            f"{OUTCOME_HORIZON_DAYS} prochains jours."
        )

        self.ui.greeting_label.setText(f"Bonjour {actor.first_name}")
        self.ui.date_label.setText("")
        self.ui.caseload_label.setText("…")
        self.ui.caseload_bar.setRange(0, max(1, actor.caseload_cap))
        self.ui.caseload_bar.setValue(0)
        self.ui.caseload_note_label.setText("")
        for view, empty in (
            (self.ui.planned_view, self.ui.planned_empty_label),
            (self.ui.in_progress_view, self.ui.in_progress_empty_label),
            (self.ui.outcomes_view, self.ui.outcomes_empty_label),
        ):
            view.hide()
            empty.hide()
        self.ui.outcomes_overdue_icon_label.hide()
        self.ui.outcomes_overdue_label.hide()
        self._show_status(LOADING, error=False)

    @staticmethod
    def _setup_view(view: QTableView, model: IntakeTableModel | OutcomeTableModel, hidden: list[int]) -> None:
        view.setModel(model)
        for column in hidden:
            view.setColumnHidden(column, True)
        # Every column as wide as its contents, the last one takes the rest and wraps onto a second line when short
        # of room (a partner's long name at 1366 pixels), never elided. Measured when the lines change, not at
        # every layout pass (column_fit.py).
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        last = max(c for c in range(model.columnCount()) if c not in hidden)
        fit_columns(view, stretch=last)
        fit_rows(view, wrapped=last)

    # --- loading ------------------------------------------------------------------------------------------

    @property
    def summary(self) -> HomeSummary | None:
        return self._summary

    def area_shown(self) -> None:
        """Called by the main window each time the Accueil area comes to the front."""
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
        if self._summary is None:
            self._show_status(LOADING, error=False)
        self._loading = self._tasks.run_task(
            self._load_summary,
            on_success=self._on_summary_ready,
            on_failure=self._on_summary_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_summary_ready(self, summary: HomeSummary) -> None:
        self._loading = None
        self._summary = summary
        self.ui.status_frame.hide()
        self._show_summary(summary)
        self.summary_loaded.emit(summary)
        self.summary_settled.emit()

    def _on_summary_failed(self, failure: TaskFailure) -> None:
        self._loading = None
        self._show_status(f"Votre journée n'a pas pu être affichée. {failure.message}", error=True)
        self.summary_settled.emit()

    def _show_status(self, text: str, *, error: bool) -> None:
        self.ui.status_label.setText(text)
        self.ui.status_icon_label.setPixmap(
            icons.pixmap(icons.ERROR, 20, theme.ERROR) if error else icons.pixmap(icons.REFRESH, 20, theme.ACCENT)
        )
        theme.set_role(self.ui.status_frame, "error_box" if error else "notice")
        self.ui.retry_button.setVisible(error)
        self.ui.status_frame.show()

    # --- display ------------------------------------------------------------------------------------------

    def _show_summary(self, summary: HomeSummary) -> None:
        self.ui.date_label.setText(long_date(summary.today))

        cap = summary.caseload_cap
        followed = summary.followed
        self.ui.caseload_label.setText(f"{followed} / {cap}")
        self.ui.caseload_bar.setRange(0, max(1, cap))
        self.ui.caseload_bar.setValue(min(followed, cap))
        if followed >= cap:
            note = "Plafond atteint : aucun nouveau jeune ne peut vous être confié pour l'instant."
            theme.set_role(self.ui.caseload_note_label, "warning")
        else:
            note = f"{plural(cap - followed, 'place disponible', 'places disponibles')} sur {cap}."
            theme.set_role(self.ui.caseload_note_label, "muted")
        self.ui.caseload_note_label.setText(note)
        self.ui.caseload_frame.setAccessibleDescription(f"Jeunes suivis : {followed} sur {cap}. {note}")

        self.planned_model.set_lines(summary.planned, summary.today)
        self.in_progress_model.set_lines(summary.in_progress, summary.today)
        self.outcomes_model.set_lines(summary.outcomes_due, summary.today)
        self._show_list(self.ui.planned_view, self.ui.planned_empty_label, self.ui.planned_count_label,
                        len(summary.planned), EMPTY_PLANNED, "accueil")  # fmt: skip
        self._show_list(self.ui.in_progress_view, self.ui.in_progress_empty_label, self.ui.in_progress_count_label,
                        len(summary.in_progress), EMPTY_IN_PROGRESS, "accueil")  # fmt: skip
        self._show_list(self.ui.outcomes_view, self.ui.outcomes_empty_label, self.ui.outcomes_count_label,
                        len(summary.outcomes_due), EMPTY_OUTCOMES, "bilan")  # fmt: skip

        overdue = summary.outcomes_overdue
        self.ui.outcomes_overdue_label.setText(f"{overdue} en retard")
        self.ui.outcomes_overdue_label.setVisible(overdue > 0)
        self.ui.outcomes_overdue_icon_label.setVisible(overdue > 0)

    @staticmethod
    def _show_list(view: QTableView, empty: QLabel, count: QLabel, n: int, empty_text: str, noun: str) -> None:
        refit_rows(view)  # and the columns, once the view is laid out (column_fit.fit_rows)
        view.setVisible(n > 0)
        empty.setVisible(n == 0)
        empty.setText(empty_text)
        count.setText(f"{MAX_LINES} premiers" if n >= MAX_LINES else plural(n, noun))

    # --- activation ---------------------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _on_intake_view_activated(self, index: QModelIndex) -> None:
        intake_id = index.data(IdRole)
        if intake_id:
            self.intake_activated.emit(intake_id)

    @Slot(QModelIndex)
    def _on_outcomes_view_activated(self, index: QModelIndex) -> None:
        youth_id = index.data(YouthIdRole)
        if youth_id:
            self.youth_activated.emit(youth_id)

    # --- sections from other areas ------------------------------------------------------------------------

    def add_section(self, widget: QWidget) -> None:
        """Add a card below the day's lists (the referents' "À faire" summary plugs in here)."""
        self.ui.contents_layout.addWidget(widget)

