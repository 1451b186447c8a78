"""Item models of the home page: the counsellor's intakes and the outcomes they have to record.

They hold the services' frozen lines as they are; ``data()`` only formats (never SQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtGui import QIcon

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.french import format_date, format_time, plural, to_paris
from pac_desktop.services.home import IntakeLine, OutcomeDueLine

from . import icons, theme
from .roles import SortRole
from .table_model import Column, TableModel

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


class IntakeTableModel(TableModel[IntakeLine]):
    """Joint intakes, one per row (planned or in progress)."""

    def __init__(self, parent: Any = None) -> None:
        self._today = date.today()

        def when(line: IntakeLine) -> str:
            text = intake_when(line, self._today)
            return f"{text} (date passée)" if intake_is_late(line, self._today) else text

        def late_icon(line: IntakeLine) -> QIcon | None:
            return icons.icon(icons.WARNING, theme.WARNING) if intake_is_late(line, self._today) else None

        super().__init__((
            Column("Date", when, icon=late_icon,
                   roles={SortRole: lambda line: line.planned_at.isoformat() if line.planned_at else ""}),
            Column("Jeune", lambda line: line.youth_name),
            Column("Où en est l'accueil", intake_progress),
            Column("Lieu", lambda line: line.place or "Lieu à préciser"),
        ), id_of=lambda line: line.intake_id, youth_of=lambda line: line.youth_id, parent=parent)  # fmt: skip

    def set_lines(self, lines: Iterable[IntakeLine], today: date | None = None) -> None:
        self._today = today or date.today()
        self.set_rows(lines)


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


def _outcome_icon(line: OutcomeDueLine, today: date) -> QIcon:
    return icons.icon(icons.WARNING, theme.WARNING) if line.due_on < today else icons.icon(icons.CALENDAR)


class OutcomeTableModel(TableModel[OutcomeDueLine]):
    """Outcomes due soon or overdue for the referent's youths, one per row."""

    def __init__(self, parent: Any = None) -> None:
        self._today = date.today()
        super().__init__((
            Column("Jeune", lambda line: line.youth_name),
            Column("Bilan", lambda line: line.milestone.label),
            Column("Échéance", lambda line: format_date(line.due_on),
                   roles={SortRole: lambda line: line.due_on.isoformat()}),
            Column("Statut", lambda line: outcome_status(line, self._today),
                   icon=lambda line: _outcome_icon(line, self._today)),
        ), id_of=lambda line: line.outcome_id, youth_of=lambda line: line.youth_id, parent=parent)  # fmt: skip

    def set_lines(self, lines: Iterable[OutcomeDueLine], today: date | None = None) -> None:
        self._today = today or date.today()
        self.set_rows(lines)
