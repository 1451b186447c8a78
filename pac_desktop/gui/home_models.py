"""Item models of the home page: the counsellor's intakes and the outcomes they have to record.

They hold the services' frozen lines as they are; ``data()`` only formats (never SQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.french import format_date, format_time, plural, to_paris
from pac_desktop.services.home import IntakeLine, OutcomeDueLine

from . import icons, theme
from .roles import IdRole, SortRole, YouthIdRole

_Index = QModelIndex | QPersistentModelIndex

# The intake wizard's steps (issue 3 owns the wizard; unknown keys fall back to the state alone).
STEP_LABELS: dict[str, str] = {
    "youth": "Jeune",
    "referral": "Repérage",
    "consent": "Consentement",
    "participants": "Participants",
    "analysis": "Analyse partagée",
    "solutions": "Propositions",
    "referent": "Référent unique",
    "validation": "Validation",
}


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def day_in_words(day: date, today: date) -> str:
    """ "Aujourd'hui", "Demain", "Lundi" (within the week), "30 novembre" (this year), "4 janvier 2027"."""
    delta = (day - today).days
    if delta == 0:
        return "Aujourd'hui"
    if delta == 1:
        return "Demain"
    if 1 < delta < 7:
        return WEEKDAYS[day.weekday()].capitalize()
    if day.year == today.year:
        return format_date(day).rsplit(" ", 1)[0]
    return format_date(day)


def intake_when(line: IntakeLine, today: date) -> str:
    """ "Aujourd'hui à 14 h 00", "Lundi à 9 h 30", "17 mars à 10 h 00", or "Date à fixer"."""
    if line.planned_at is None:
        return "Date à fixer"
    return f"{day_in_words(to_paris(line.planned_at).date(), today)} à {format_time(line.planned_at)}"


def intake_is_late(line: IntakeLine, today: date) -> bool:
    """A planned intake whose date has passed without it being opened."""
    return line.planned_at is not None and to_paris(line.planned_at).date() < today


_SHORT_STATES = {IntakeState.STAGE_1: "Étape 1", IntakeState.STAGE_2: "Étape 2"}


def intake_progress(line: IntakeLine) -> str:
    """ "Étape 1 : Consentement" (the stage, then the wizard step it was left at), or the state's label."""
    step = STEP_LABELS.get(line.current_step)
    short = _SHORT_STATES.get(line.state)
    return f"{short} : {step}" if step and short else line.state.label


class IntakeColumn(IntEnum):
    WHEN = 0
    YOUTH = 1
    PROGRESS = 2
    PLACE = 3


INTAKE_HEADERS = {
    IntakeColumn.WHEN: "Date",
    IntakeColumn.YOUTH: "Jeune",
    IntakeColumn.PROGRESS: "Où en est l'accueil",
    IntakeColumn.PLACE: "Lieu",
}


class IntakeTableModel(QAbstractTableModel):
    """Joint intakes, one per row (planned or in progress)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: tuple[IntakeLine, ...] = ()
        self._today = date.today()

    def set_lines(self, lines: Sequence[IntakeLine], today: date) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self._today = today
        self.endResetModel()

    def line(self, row: int) -> IntakeLine:
        return self._lines[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(IntakeColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(IntakeColumn):
                return INTAKE_HEADERS[IntakeColumn(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)):
            return None
        line = self._lines[index.row()]
        column = IntakeColumn(index.column())
        if role == IdRole:
            return line.intake_id
        if role == YouthIdRole:
            return line.youth_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == IntakeColumn.WHEN:
                text = intake_when(line, self._today)
                return f"{text} (date passée)" if intake_is_late(line, self._today) else text
            if column == IntakeColumn.YOUTH:
                return line.youth_name
            if column == IntakeColumn.PROGRESS:
                return intake_progress(line)
            return line.place or "Lieu à préciser"
        if role == Qt.ItemDataRole.DecorationRole and column == IntakeColumn.WHEN:
            if intake_is_late(line, self._today):
                return icons.icon(icons.WARNING, theme.WARNING)
            return None
        if role == SortRole and column == IntakeColumn.WHEN:
            return line.planned_at.isoformat() if line.planned_at else ""
        return None


def outcome_status(line: OutcomeDueLine, today: date) -> str:
    days = (line.due_on - today).days
    if days < 0:
        return f"En retard de {plural(-days, 'jour')}"
    if days == 0:
        return "À faire aujourd'hui"
    if days == 1:
        return "À faire demain"
    return f"Dans {plural(days, 'jour')}"


class OutcomeColumn(IntEnum):
    YOUTH = 0
    MILESTONE = 1
    DUE = 2
    STATUS = 3


OUTCOME_HEADERS = {
    OutcomeColumn.YOUTH: "Jeune",
    OutcomeColumn.MILESTONE: "Bilan",
    OutcomeColumn.DUE: "Échéance",
    OutcomeColumn.STATUS: "Statut",
}


class OutcomeTableModel(QAbstractTableModel):
    """Outcomes due soon or overdue for the referent's youths, one per row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: tuple[OutcomeDueLine, ...] = ()
        self._today = date.today()

    def set_lines(self, lines: Sequence[OutcomeDueLine], today: date) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self._today = today
        self.endResetModel()

    def line(self, row: int) -> OutcomeDueLine:
        return self._lines[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OutcomeColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(OutcomeColumn):
                return OUTCOME_HEADERS[OutcomeColumn(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)):
            return None
        line = self._lines[index.row()]
        column = OutcomeColumn(index.column())
        if role == IdRole:
            return line.outcome_id
        if role == YouthIdRole:
            return line.youth_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == OutcomeColumn.YOUTH:
                return line.youth_name
            if column == OutcomeColumn.MILESTONE:
                return line.milestone.label
            if column == OutcomeColumn.DUE:
                return format_date(line.due_on)
            return outcome_status(line, self._today)
        if role == Qt.ItemDataRole.DecorationRole and column == OutcomeColumn.STATUS:
            if line.due_on < self._today:
                return icons.icon(icons.WARNING, theme.WARNING)
            return icons.icon(icons.CALENDAR)
        if role == SortRole and column == OutcomeColumn.DUE:
            return line.due_on.isoformat()
        return None
