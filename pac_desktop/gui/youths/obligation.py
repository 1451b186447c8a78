"""The training obligation (16–18, issue 18 §5) in the case file: on the name's line, the minor's situation in
short (the full one, who noted it and when, or what the file suggests, in the tooltip), and « Mettre à jour… » for those
who may record it.

The line loads on lane db_read and the record is saved on lane db_write, like the rest of the case file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from pac_desktop.domain.french import format_date_short, format_datetime
from pac_desktop.domain.training_obligation import ObligationSituation, Suggestion
from pac_desktop.services.context import Actor
from pac_desktop.services.obligation import ObligationStatus
from pac_desktop.services.registry import Services

from .. import icons, theme
from ..forms.ui_casefile_obligation_dialog import Ui_ObligationDialog
from ..tasks import Lane, TaskFailure, TaskRunner
from .dialogs import SavingDialog, read_date

ICON = "mdi6.school-outline"


@dataclass(frozen=True)
class ObligationValues:
    situation: ObligationSituation
    since: date


class ObligationDialog(SavingDialog):
    """Record the minor's situation: the suggestion from the file is pre-selected, never saved without OK."""

    def __init__(self, *, tasks: TaskRunner, save: Callable[[ObligationValues], object], status: ObligationStatus,
                 youth_name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_ObligationDialog()
        self.ui.setupUi(self)
        for situation in ObligationSituation:
            self.ui.situation_combo.addItem(situation.label, situation.value)
        start = status.current or status.suggestion
        if start is not None:
            self.ui.situation_combo.setCurrentIndex(list(ObligationSituation).index(start.situation))
        self.ui.date_edit.setText(format_date_short(start.since if start is not None else today))
        self.ui.intro_label.setText(
            f"Où en est {youth_name} au regard de l'obligation de formation (de 16 à 18 ans, jusqu'au "
            f"{format_date_short(status.ends_on)}) ? Indiquez la situation et le jour où elle a commencé."
        )
        self.ui.hint_label.setText(_suggestion_text(status.suggestion) if status.suggestion else
                                   "Le dossier ne suggère rien : indiquez ce que vous savez.")
        self._wire()

    def values(self) -> ObligationValues:
        return ObligationValues(ObligationSituation(self.ui.situation_combo.currentData()),
                                read_date(self.ui.date_edit, "Depuis le"))


def _suggestion_text(s: Suggestion) -> str:
    return f"Suggestion du dossier : {s.situation.label.lower()} depuis le {format_date_short(s.since)}, {s.reason}."


#: Short words for the header's single line (the dialog and the documents use the full labels).
SHORT: dict[ObligationSituation, str] = {
    ObligationSituation.IN_TRAINING: "en formation",
    ObligationSituation.EMPLOYED: "en emploi",
    ObligationSituation.CIVIC_SERVICE: "en service civique",
    ObligationSituation.SUPPORT_PROGRAMME: "accompagné",
    ObligationSituation.NO_SOLUTION: "sans solution",
}


def status_text(status: ObligationStatus) -> tuple[str, str]:
    """The header's short line, and its tooltip (the full situation, who noted it and when; or the suggestion)."""
    if status.current is not None:
        c = status.current
        return (f"Obligation de formation : {SHORT[c.situation]} depuis le {format_date_short(c.since)}",
                f"{c.text}. Noté par {c.recorded_by}, le {format_datetime(c.recorded_at)}.")
    tooltip = _suggestion_text(status.suggestion) if status.suggestion else "Le dossier ne suggère rien."
    return "Obligation de formation : à noter", f"Aucune situation notée. {tooltip}"


class ElidedLabel(QLabel):
    """One line of plain text that shortens itself with « … » instead of widening the window."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(60, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().horizontalAdvance(self.text()) + 4, super().sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)


class ObligationBox(QFrame):
    """One line in the case file's header; hidden for a youth outside the obligation (under 16, adult)."""

    status_loaded = Signal(object)  # the ObligationStatus shown
    recorded = Signal(str)  # id of the record just saved

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, youth_id: str, youth_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obligation_box")
        self._services, self._actor, self._tasks, self.youth_id = services, actor, tasks, youth_id
        self.youth_name = youth_name
        self.status: ObligationStatus | None = None
        self.current_dialog: ObligationDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 0, 0, 0)
        icon = QLabel(self)
        icon.setPixmap(icons.pixmap(ICON, 18, theme.ACCENT))
        layout.addWidget(icon)
        self.text_label = ElidedLabel(self)
        self.text_label.setObjectName("obligation_label")
        self.text_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.text_label)
        self.record_button = QPushButton("Mettre à &jour…", self)
        self.record_button.setObjectName("record_obligation_button")
        self.record_button.setToolTip("Noter où en est ce mineur au regard de l'obligation de formation (16-18 ans).")
        layout.addWidget(self.record_button)
        layout.addStretch(1)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.hide()

    def reload(self) -> None:
        services, actor, youth_id = self._services, self._actor, self.youth_id
        self._tasks.run_task(lambda: services.obligation.status(youth_id=youth_id, by=actor),
                             on_success=self._on_loaded, on_failure=self._on_failed, lane=Lane.DB_READ, owner=self)

    def _on_loaded(self, status: ObligationStatus) -> None:
        self.status = status
        text, tooltip = status_text(status)
        self.text_label.setText(text)
        self.text_label.setToolTip(tooltip)
        self.setAccessibleDescription(f"{text}. {tooltip}")
        self.record_button.setVisible(status.can_record)
        self.setVisible(status.applies)
        self.status_loaded.emit(status)

    def _on_failed(self, _failure: TaskFailure) -> None:
        self.hide()  # a file the user may not read says so in the window's own notice

    @Slot()
    def _on_record_button_clicked(self) -> None:
        if self.status is None:
            return
        obligation, youth_id, actor = self._services.obligation, self.youth_id, self._actor

        def save(values: ObligationValues) -> str:
            return obligation.record(youth_id=youth_id, situation=values.situation, since=values.since, by=actor)

        dialog = ObligationDialog(tasks=self._tasks, save=save, status=self.status, youth_name=self.youth_name,
                                  today=self._services.ctx.today(), parent=self)
        dialog.saved.connect(self._on_saved)
        self.current_dialog = dialog
        dialog.open()

    def _on_saved(self, record_id: str) -> None:
        self.recorded.emit(record_id)
        self.reload()
