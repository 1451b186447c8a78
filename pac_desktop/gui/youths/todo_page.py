"""The "À faire" area: outcomes to record, youths without contact for too long, coming appointments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QWidget

from pac_desktop.domain.french import format_date, format_datetime, plural
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.todo import DueOutcome, ToDo

from .. import icons, theme
from ..forms.ui_todo_page import Ui_ToDoPage
from ..roles import YouthIdRole
from ..table_model import Column, TableModel
from ..tasks import Lane, TaskFailure, TaskRunner


def due_text(line: DueOutcome, today: date) -> str:
    days = (line.due_on - today).days
    if days < 0:
        return f"En retard de {plural(-days, 'jour')}"
    if days == 0:
        return "Aujourd'hui"
    return f"Dans {plural(days, 'jour')}"


class ToDoPage(QWidget):
    """Loads the referent's to-do list off the UI thread each time it is shown."""

    todo_loaded = Signal(object)  # the ToDo now on screen
    youth_activated = Signal(str)  # id of the youth to open

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self._today = services.ctx.today()
        self.ui = Ui_ToDoPage()
        self.ui.setupUi(self)
        today = lambda: self._today  # noqa: E731 - read when the cell is drawn
        self.outcomes_model = TableModel(
            (
                Column("Jeune", lambda o: o.youth_name),
                Column("Situation", lambda o: o.milestone.label),
                Column("Échéance", lambda o: format_date(o.due_on)),
                Column(
                    "État",
                    lambda o: due_text(o, today()),
                    icon=lambda o: icons.icon(icons.WARNING, theme.WARNING) if o.overdue else None,
                ),
            ),
            id_of=lambda o: o.outcome_id,
            youth_of=lambda o: o.youth_id,
            parent=self,
        )
        self.no_contact_model = TableModel(
            (
                Column("Jeune", lambda q: q.youth_name),
                Column("Dernier contact", lambda q: format_date(q.last_contact_on) if q.last_contact_on else "Aucun"),
                Column("Sans contact depuis", lambda q: plural(q.days, "jour")),
            ),
            youth_of=lambda q: q.youth_id,
            parent=self,
        )
        self.appointments_model = TableModel(
            (
                Column("Quand", lambda a: format_datetime(a.at)),
                Column("Jeune", lambda a: a.youth_name),
                Column("Lieu", lambda a: a.place or ""),
                Column("Avec", lambda a: a.with_name or ""),
            ),
            youth_of=lambda a: a.youth_id,
            parent=self,
        )
        for view, model, icon_label, icon_name in (
            (self.ui.outcomes_view, self.outcomes_model, self.ui.outcomes_icon_label, icons.OUTCOMES),
            (self.ui.no_contact_view, self.no_contact_model, self.ui.no_contact_icon_label, "mdi6.phone-alert-outline"),
            (self.ui.appointments_view, self.appointments_model, self.ui.appointments_icon_label, icons.CALENDAR),
        ):
            view.setModel(model)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            view.doubleClicked.connect(self._on_view_activated)
            view.activated.connect(self._on_view_activated)
            view.hide()
            icon_label.setPixmap(icons.pixmap(icon_name, 22, theme.ACCENT))
        self._threshold_timer = QTimer(self)
        self._threshold_timer.setSingleShot(True)
        self._threshold_timer.setInterval(400)
        self._threshold_timer.timeout.connect(self._save_threshold)
        self.ui.no_contact_spin.valueChanged.connect(self._on_no_contact_spin_value_changed)
        self.ui.summary_label.setText("Chargement…")
        self._todo: ToDo | None = None

    @property
    def todo(self) -> ToDo | None:
        return self._todo

    def area_shown(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        services, actor = self._services, self._actor
        self._tasks.run_task(
            lambda: services.todo.to_do(by=actor),
            on_success=self._on_loaded,
            on_failure=self._on_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.summary_label.setText(f"La liste n'a pas pu être affichée. {failure.message}")

    def _on_loaded(self, todo: ToDo) -> None:
        self._todo = todo
        self._today = todo.today
        self.ui.no_contact_spin.blockSignals(True)
        self.ui.no_contact_spin.setValue(todo.no_contact_days)
        self.ui.no_contact_spin.blockSignals(False)
        self.outcomes_model.set_lines(todo.outcomes)
        self.no_contact_model.set_lines(todo.no_contact)
        self.appointments_model.set_lines(todo.appointments)
        overdue = sum(1 for o in todo.outcomes if o.overdue)
        self._show(self.ui.outcomes_view, self.ui.outcomes_empty_label, self.ui.outcomes_count_label,
                   len(todo.outcomes), f"{overdue} en retard" if overdue else "")  # fmt: skip
        self._show(self.ui.no_contact_view, self.ui.no_contact_empty_label, self.ui.no_contact_count_label,
                   len(todo.no_contact), "")  # fmt: skip
        self._show(self.ui.appointments_view, self.ui.appointments_empty_label, self.ui.appointments_count_label,
                   len(todo.appointments), "")  # fmt: skip
        self.ui.no_contact_title_label.setText(
            f"Suivis sans contact depuis plus de {plural(todo.no_contact_days, 'jour')}"
        )
        if todo.count:
            self.ui.summary_label.setText(
                f"{plural(todo.count, 'action', 'actions')} à mener : "
                f"{plural(len(todo.outcomes), 'situation à renseigner', 'situations à renseigner')}, "
                f"{plural(len(todo.no_contact), 'jeune à recontacter', 'jeunes à recontacter')}. "
                "Double-cliquez sur une ligne pour ouvrir le dossier."
            )
        else:
            self.ui.summary_label.setText(
                "Rien d'urgent : vos situations sont à jour et vos jeunes ont été vus récemment."
            )
        self.todo_loaded.emit(todo)

    @staticmethod
    def _show(view: QTableView, empty: QLabel, count: QLabel, n: int, extra: str) -> None:
        view.setVisible(n > 0)
        empty.setVisible(n == 0)
        count.setText(" · ".join(x for x in (str(n) if n else "", extra) if x))
        if n:
            rows = min(n, 8)
            view.setMinimumHeight(view.horizontalHeader().height() + rows * (view.fontMetrics().height() + 12) + 4)

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        youth_id = index.data(YouthIdRole)
        if youth_id:
            self.youth_activated.emit(youth_id)

    @Slot(int)
    def _on_no_contact_spin_value_changed(self, _value: int) -> None:
        self._threshold_timer.start()

    @Slot()
    def _save_threshold(self) -> None:
        days = self.ui.no_contact_spin.value()
        todo = self._services.todo
        self._tasks.run_task(
            lambda: todo.set_no_contact_days(days=days),
            on_success=lambda _r: self.refresh(),
            on_failure=self._on_failed,
            lane=Lane.DB_WRITE,
            owner=self,
        )


class ToDoSummaryCard(QFrame):
    """The "À faire" summary on the home page: youths to contact again and coming appointments, with a link to
    the full list (the outcomes due are already on the home page)."""

    show_list_requested = Signal()  # the user wants the "À faire" area

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self.setObjectName("todo_summary_frame")
        self.setProperty("role", "card")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        icon = QLabel()
        icon.setPixmap(icons.pixmap("mdi6.clipboard-check-outline", 22, theme.ACCENT))
        title = QLabel("À faire")
        title.setProperty("role", "heading")
        self.text_label = QLabel("Chargement…")
        self.text_label.setObjectName("todo_summary_label")
        self.text_label.setWordWrap(True)
        self.button = QPushButton("Voir la liste « À faire »")
        self.button.setObjectName("todo_summary_button")
        self.button.clicked.connect(self.show_list_requested)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.button)

    @Slot()
    def refresh(self, *_args: object) -> None:
        services, actor = self._services, self._actor
        self._tasks.run_task(
            lambda: services.todo.to_do(by=actor),
            on_success=self._on_loaded,
            on_failure=lambda failure: self.text_label.setText(failure.message),
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_loaded(self, todo: ToDo) -> None:
        parts = [
            f"{plural(len(todo.no_contact), 'jeune', 'jeunes')} sans contact depuis plus de "
            f"{plural(todo.no_contact_days, 'jour')}",
            f"{plural(len(todo.appointments), 'rendez-vous à venir', 'rendez-vous à venir')}",
        ]
        if todo.appointments:
            first = todo.appointments[0]
            parts[-1] += f" (prochain : {first.youth_name}, {format_datetime(first.at)})"
        self.text_label.setText(" · ".join(parts) + ".")
