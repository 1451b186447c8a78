"""Qt item models of the intake screens. They hold frozen rows from the services; data() never runs SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pac_desktop.domain.enums import OfferCategory
from pac_desktop.domain.french import format_date, format_date_short, relative_days
from pac_desktop.domain.text import normalise
from pac_desktop.services.intake import (
    IntakeStep,
    OfferLine,
    OpenIntakeLine,
    ReferentChoice,
    StepState,
    YouthCandidate,
)

from .. import theme
from ..roles import IdRole, SortRole, YouthIdRole

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class _RowsModel(QAbstractTableModel):
    """A flat table over a list of rows (``_rows``) with fixed column titles (``HEADERS``)."""

    HEADERS: tuple[str, ...] = ()
    _rows: list[Any]

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

#: The referent's caseload row: (n, cap), for the delegate that draws the bar.
CaseloadRole = int(Qt.ItemDataRole.UserRole) + 20
#: The step's state for the step list: "done", "current" or "todo".
StepStateRole = int(Qt.ItemDataRole.UserRole) + 21
#: How many points the validation still misses on that step (0: nothing).
StepMissingRole = int(Qt.ItemDataRole.UserRole) + 22
#: The step list's mark of a step that still misses something (followed by the count).
MISSING_MARK = "⚠"


# ---- the wizard's steps -------------------------------------------------------------------------------------


class StepModel(QAbstractListModel):
    """The step list on the left: done ✓, current ●, and ⚠ with a count on each step that still misses something.

    The counts are the validation page's list of what is missing, per step (``IntakeDetail.steps`` is counted
    from ``IntakeDetail.missing`` by the service): one rule, so the list and the validation page never disagree.
    They change as fields are filled, each time the wizard reads the detail again after a save.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = list(IntakeStep)
        self._states: dict[IntakeStep, StepState] = {}
        self._current = IntakeStep.YOUTH

    def set_states(self, states: Sequence[StepState]) -> None:
        self._states = {s.step: s for s in states}
        self.dataChanged.emit(self.index(0), self.index(len(self._steps) - 1))

    def set_current(self, step: IntakeStep) -> None:
        self._current = step
        self.dataChanged.emit(self.index(0), self.index(len(self._steps) - 1))

    def step(self, row: int) -> IntakeStep:
        return self._steps[row]

    def row_of(self, step: IntakeStep) -> int:
        return self._steps.index(step)

    def state(self, step: IntakeStep) -> str:
        if step == self._current:
            return "current"
        state = self._states.get(step)
        return "done" if state is not None and state.complete else "todo"

    def missing(self, step: IntakeStep) -> int:
        """How many points of the validation's list of what is missing belong to ``step``."""
        state = self._states.get(step)
        return state.missing if state is not None and not state.complete else 0

    def widest_texts(self) -> list[str]:
        """Each row as wide as it can get (current, with a two-digit count): the list is made that wide once, so
        that it never widens, scrolls sideways or cuts a mark as the counts change."""
        return [f"{n}  {step.label}  ● {MISSING_MARK} 99" for n, step in enumerate(self._steps, start=1)]

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._steps)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self._steps[index.row()]
        number = index.row() + 1
        state = self.state(step)
        complete = self._states.get(step)
        done = complete is not None and complete.complete
        missing = self.missing(step)
        if role == Qt.ItemDataRole.DisplayRole:
            marks = ["●"] if state == "current" else (["✓"] if done else [])
            if missing:
                marks.append(f"{MISSING_MARK} {missing}")
            return f"{number}  {step.label}  {' '.join(marks)}".rstrip()
        if role == IdRole:
            return step.value
        if role == StepStateRole:
            return state
        if role == StepMissingRole:
            return missing
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if done:
                status = "complète"
            elif missing:
                status = f"à compléter ({missing} point{'s' if missing > 1 else ''} manquant{'s' if missing > 1 else ''})"
            else:
                status = "à faire"
            current = ", étape en cours" if state == "current" else ""
            return f"Étape {number} : {step.label}, {status}{current}"
        if role == Qt.ItemDataRole.FontRole and state == "current":
            font = theme_font_bold()
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "current":
                return QColor(theme.ACCENT)
            if missing:
                return QColor(theme.WARNING)  # never alone: the ⚠ mark and its count say it too
            return QColor(theme.TEXT) if done else QColor(theme.MUTED)
        return None


def theme_font_bold():
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    font = QFont(QApplication.font())
    font.setBold(True)
    return font


# ---- "Accueils en cours" -------------------------------------------------------------------------------------


class OpenIntakeColumn(IntEnum):
    YOUTH = 0
    TERRITORY = 1
    STATE = 2
    STEP = 3
    WHEN = 4


class OpenIntakeModel(_RowsModel):
    HEADERS = ("Jeune", "Territoire", "État", "Étape atteinte", "Date")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OpenIntakeLine] = []
        self._today = date.today()

    def set_lines(self, lines: Sequence[OpenIntakeLine], today: date) -> None:
        self.beginResetModel()
        self._rows = list(lines)
        self._today = today
        self.endResetModel()

    def line(self, row: int) -> OpenIntakeLine:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = OpenIntakeColumn(index.column())
        if role == IdRole:
            return line.intake_id
        if role == YouthIdRole:
            return line.youth_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == OpenIntakeColumn.YOUTH:
                age = f", {line.age} ans" if line.age is not None else ""
                return f"{line.youth_name}{age}"
            if column == OpenIntakeColumn.TERRITORY:
                host = f" · {line.host_organisation_name}" if line.host_organisation_name else ""
                return f"{line.territory_name}{host}"
            if column == OpenIntakeColumn.STATE:
                return line.state.label
            if column == OpenIntakeColumn.STEP:
                return f"{list(IntakeStep).index(line.current_step) + 1}. {line.current_step.label}"
            if column == OpenIntakeColumn.WHEN:
                when = line.held_on or (line.planned_at.date() if line.planned_at else None)
                return f"{format_date(when)} ({relative_days(when, self._today)})" if when else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Reprendre l'accueil de {line.youth_name} à l'étape « {line.current_step.label} »"
        return None


# ---- duplicate candidates ----------------------------------------------------------------------------------


class CandidateColumn(IntEnum):
    NAME = 0
    BIRTH = 1
    TERRITORY = 2
    LIKENESS = 3
    WHY = 4


class CandidateModel(_RowsModel):
    HEADERS = ("Jeune", "Né(e) le", "Territoire", "Ressemblance", "Pourquoi")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[YouthCandidate] = []

    def set_candidates(self, rows: Sequence[YouthCandidate]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def candidate(self, row: int) -> YouthCandidate:
        return self._rows[row]

    @property
    def candidates(self) -> list[YouthCandidate]:
        return list(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self._rows[index.row()]
        column = CandidateColumn(index.column())
        if role == IdRole:
            return c.youth_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == CandidateColumn.NAME:
                suffix = " — accueil en cours" if c.open_intake_id else ""
                return f"{c.display_name}{suffix}"
            if column == CandidateColumn.BIRTH:
                return format_date_short(c.birth_date)
            if column == CandidateColumn.TERRITORY:
                return c.territory_name
            if column == CandidateColumn.LIKENESS:
                return f"{c.score} % ({'très probable' if c.strong else 'possible'})"
            if column == CandidateColumn.WHY:
                return c.why
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.why
        if role == Qt.ItemDataRole.FontRole and column == CandidateColumn.LIKENESS and c.strong:
            return theme_font_bold()
        return None


# ---- the offers catalogue ------------------------------------------------------------------------------------


class OfferColumn(IntEnum):
    TITLE = 0
    CATEGORY = 1
    PROVIDER = 2


class OfferModel(_RowsModel):
    """The offers open to this youth (a few hundred at most): filtered in memory by OfferFilterProxy."""

    HEADERS = ("Offre", "Catégorie", "Structure")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OfferLine] = []
        self._keys: list[str] = []
        self._chosen: set[str] = set()

    def set_offers(self, offers: Sequence[OfferLine]) -> None:
        self.beginResetModel()
        self._rows = list(offers)
        self._keys = [normalise(f"{o.title} {o.description} {o.provider_name or ''}") for o in self._rows]
        self.endResetModel()

    def set_chosen(self, offer_ids: set[str]) -> None:
        self._chosen = set(offer_ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(OfferColumn) - 1))

    def offer(self, row: int) -> OfferLine:
        return self._rows[row]

    def search_key(self, row: int) -> str:
        return self._keys[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        offer = self._rows[index.row()]
        column = OfferColumn(index.column())
        if role == IdRole:
            return offer.offer_id
        if role == Qt.ItemDataRole.UserRole:
            return offer.category.value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == OfferColumn.TITLE:
                return f"{offer.title} (déjà proposée)" if offer.offer_id in self._chosen else offer.title
            if column == OfferColumn.CATEGORY:
                return offer.category.label
            if column == OfferColumn.PROVIDER:
                return offer.provider_name or ""
        if role == SortRole:
            return normalise(self.data(index, Qt.ItemDataRole.DisplayRole) or "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return offer.description
        if role == Qt.ItemDataRole.ForegroundRole and offer.offer_id in self._chosen:
            return QColor(theme.MUTED)
        return None


class OfferFilterProxy(QSortFilterProxyModel):
    """Category and words typed (accents and case aside), over the small in-memory catalogue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._category: OfferCategory | None = None
        self._words: list[str] = []
        self.setSortRole(SortRole)

    def set_category(self, category: OfferCategory | None) -> None:
        self._refilter(lambda: setattr(self, "_category", category))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_words", normalise(text).split()))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, OfferModel):
            return True
        offer = model.offer(source_row)
        if self._category is not None and offer.category != self._category:
            return False
        key = model.search_key(source_row)
        return all(word in key for word in self._words)


# ---- referents and their caseloads -----------------------------------------------------------------------


class ReferentColumn(IntEnum):
    NAME = 0
    ORGANISATION = 1
    CASELOAD = 2
    AVAILABILITY = 3


class ReferentModel(_RowsModel):
    HEADERS = ("Référent", "Structure", "Jeunes suivis", "Disponibilité")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReferentChoice] = []
        self._override = False

    def set_choices(self, rows: Sequence[ReferentChoice]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_override(self, on: bool) -> None:
        """An administrator overriding the cap: full referents become selectable."""
        self.beginResetModel()
        self._override = on
        self.endResetModel()

    def choice(self, row: int) -> ReferentChoice:
        return self._rows[row]

    def row_of(self, staff_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.staff_id == staff_id), None)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        choice = self._rows[index.row()]
        if choice.selectable or self._override:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        # Shown, not selectable: the reason is in the last column and the tooltip.
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        column = ReferentColumn(index.column())
        if role == IdRole:
            return r.staff_id
        if role == CaseloadRole:
            return (r.caseload, r.cap)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ReferentColumn.NAME:
                return f"{r.name} (désigné)" if r.current else r.name
            if column == ReferentColumn.ORGANISATION:
                return r.organisation_name
            if column == ReferentColumn.CASELOAD:
                return r.caseload_label
            if column == ReferentColumn.AVAILABILITY:
                if r.current:
                    return "Référent désigné"
                if not r.selectable:
                    return "Complet : plafond atteint"
                free = r.cap - r.caseload
                return f"{free} place{'s' if free > 1 else ''} libre{'s' if free > 1 else ''}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            availability = self.data(index.siblingAtColumn(ReferentColumn.AVAILABILITY), Qt.ItemDataRole.DisplayRole)
            return f"{r.name}, {r.organisation_name}, {r.caseload} jeunes suivis sur {r.cap}, {availability}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.reason or f"{r.name} suit {r.caseload} jeunes sur {r.cap}."
        return None


class CaseloadDelegate(QStyledItemDelegate):
    """ "32 / 50" with a bar; the text says it, the bar only shows it (never colour alone)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 170), size.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(CaseloadRole)
        if not value:
            super().paint(painter, option, index)
            return
        n, cap = value
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            text = option.text
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
            option.text = text
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(6, 0, -6, 0)
        metrics = option.fontMetrics
        label_width = metrics.horizontalAdvance("000 / 000") + 8
        bar = QRect(rect.left(), rect.center().y() - 4, max(20, rect.width() - label_width), 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e9edf2"))
        painter.drawRoundedRect(bar, 4, 4)
        fill = bar.adjusted(0, 0, 0, 0)
        fill.setWidth(round(bar.width() * min(1.0, n / cap)) if cap else 0)
        painter.setBrush(QColor(theme.ERROR if n >= cap else theme.ACCENT))
        if fill.width() > 0:
            painter.drawRoundedRect(fill, 4, 4)
        painter.setPen(QColor(theme.TEXT))
        text_rect = QRect(bar.right() + 8, rect.top(), label_width, rect.height())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), f"{n} / {cap}")
        painter.restore()
