"""Qt item models of the intake screens. They hold frozen rows from the services; data() never runs SQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
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
from ..roles import IdRole, SortRole
from ..table_model import Column, TableModel

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


#: The referent's caseload row: (n, cap), for the delegate that draws the bar.
CaseloadRole = int(Qt.ItemDataRole.UserRole) + 20
#: The step's state for the step list: "done", "current" or "todo".
StepStateRole = int(Qt.ItemDataRole.UserRole) + 21
#: How many points the validation still misses on that step (0: nothing).
StepMissingRole = int(Qt.ItemDataRole.UserRole) + 22
#: The step list's mark of a step that still misses something (followed by the count).
MISSING_MARK = "⚠"


# ---- the wizard's steps -------------------------------------------------------------------------------------


# A one-column list (QListView, index(row)), not a table: Qt's list base fits it better than TableModel.
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


def open_intake_youth(line: OpenIntakeLine) -> str:
    age = f", {line.age} ans" if line.age is not None else ""
    return f"{line.youth_name}{age}"


def open_intake_territory(line: OpenIntakeLine) -> str:
    host = f" · {line.host_organisation_name}" if line.host_organisation_name else ""
    return f"{line.territory_name}{host}"


def open_intake_when(line: OpenIntakeLine, today: date) -> str:
    when = line.held_on or (line.planned_at.date() if line.planned_at else None)
    return f"{format_date(when)} ({relative_days(when, today)})" if when else ""


class OpenIntakeModel(TableModel[OpenIntakeLine]):
    def __init__(self, parent: QObject | None = None) -> None:
        self._today = date.today()

        def resume(line: OpenIntakeLine) -> str:
            return f"Reprendre l'accueil de {line.youth_name} à l'étape « {line.current_step.label} »"

        def column(header: str, text: Callable[[OpenIntakeLine], str]) -> Column[OpenIntakeLine]:
            return Column(header, text, tooltip=resume, accessible=text)

        super().__init__((
            column("Jeune", open_intake_youth),
            column("Territoire", open_intake_territory),
            column("État", lambda line: line.state.label),
            column("Étape atteinte",
                   lambda line: f"{list(IntakeStep).index(line.current_step) + 1}. {line.current_step.label}"),
            column("Date", lambda line: open_intake_when(line, self._today)),
        ), id_of=lambda line: line.intake_id, youth_of=lambda line: line.youth_id, parent=parent)  # fmt: skip

    def set_lines(self, lines: Iterable[OpenIntakeLine], today: date | None = None) -> None:
        self._today = today or date.today()
        self.set_rows(lines)


# ---- duplicate candidates ----------------------------------------------------------------------------------


class CandidateColumn(IntEnum):
    NAME = 0
    BIRTH = 1
    TERRITORY = 2
    LIKENESS = 3
    WHY = 4


class CandidateModel(TableModel[YouthCandidate]):
    def __init__(self, parent: QObject | None = None) -> None:
        def column(header: str, text: Callable[[YouthCandidate], str], **roles: Any) -> Column[YouthCandidate]:
            return Column(header, text, tooltip=lambda c: c.why, accessible=text, **roles)

        super().__init__((
            column("Jeune", lambda c: f"{c.display_name}{' — accueil en cours' if c.open_intake_id else ''}"),
            column("Né(e) le", lambda c: format_date_short(c.birth_date)),
            column("Territoire", lambda c: c.territory_name),
            column("Ressemblance", lambda c: f"{c.score} % ({'très probable' if c.strong else 'possible'})",
                   roles={Qt.ItemDataRole.FontRole: lambda c: theme_font_bold() if c.strong else None}),
            column("Pourquoi", lambda c: c.why),
        ), id_of=lambda c: c.youth_id, parent=parent)  # fmt: skip

    def set_candidates(self, rows: Sequence[YouthCandidate]) -> None:
        self.set_rows(rows)

    def candidate(self, row: int) -> YouthCandidate:
        return self.line(row)

    @property
    def candidates(self) -> list[YouthCandidate]:
        return list(self._rows)


# ---- the offers catalogue ------------------------------------------------------------------------------------


class OfferColumn(IntEnum):
    TITLE = 0
    CATEGORY = 1
    PROVIDER = 2


class OfferModel(TableModel[OfferLine]):
    """The offers open to this youth (a few hundred at most): filtered in memory by OfferFilterProxy."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._keys: list[str] = []
        self._chosen: set[str] = set()

        def column(header: str, text: Callable[[OfferLine], str]) -> Column[OfferLine]:
            return Column(header, text, tooltip=lambda o: o.description, accessible=text,
                          roles={SortRole: lambda o: normalise(text(o) or "")})  # fmt: skip

        super().__init__((
            column("Offre", lambda o: f"{o.title} (déjà proposée)" if o.offer_id in self._chosen else o.title),
            column("Catégorie", lambda o: o.category.label),
            column("Structure", lambda o: o.provider_name or ""),
        ), id_of=lambda o: o.offer_id, roles={
            Qt.ItemDataRole.UserRole: lambda o: o.category.value,
            Qt.ItemDataRole.ForegroundRole: lambda o: QColor(theme.MUTED) if o.offer_id in self._chosen else None,
        }, parent=parent)  # fmt: skip

    def set_offers(self, offers: Sequence[OfferLine]) -> None:
        self.beginResetModel()
        self._rows = list(offers)
        self._keys = [normalise(f"{o.title} {o.description} {o.provider_name or ''}") for o in self._rows]
        self.endResetModel()

    def set_chosen(self, offer_ids: set[str]) -> None:
        self._chosen = set(offer_ids)
        self.refresh_cells()

    def offer(self, row: int) -> OfferLine:
        return self.line(row)

    def search_key(self, row: int) -> str:
        return self._keys[row]


# A proxy over OfferModel (it holds no rows of its own), so not a TableModel.
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


def referent_availability(r: ReferentChoice) -> str:
    if r.current:
        return "Référent désigné"
    if not r.selectable:
        return "Complet : plafond atteint"
    free = r.cap - r.caseload
    return f"{free} place{'s' if free > 1 else ''} libre{'s' if free > 1 else ''}"


def _referent_said(r: ReferentChoice) -> str:
    return f"{r.name}, {r.organisation_name}, {r.caseload} jeunes suivis sur {r.cap}, {referent_availability(r)}"


class ReferentModel(TableModel[ReferentChoice]):
    def __init__(self, parent: QObject | None = None) -> None:
        self._override = False

        def column(header: str, text: Callable[[ReferentChoice], str]) -> Column[ReferentChoice]:
            return Column(header, text, accessible=_referent_said,
                          tooltip=lambda r: r.reason or f"{r.name} suit {r.caseload} jeunes sur {r.cap}.")  # fmt: skip

        super().__init__((
            column("Référent", lambda r: f"{r.name} (désigné)" if r.current else r.name),
            column("Structure", lambda r: r.organisation_name),
            column("Jeunes suivis", lambda r: r.caseload_label),
            column("Disponibilité", referent_availability),
        ), id_of=lambda r: r.staff_id, roles={CaseloadRole: lambda r: (r.caseload, r.cap)}, parent=parent)  # fmt: skip

    def set_choices(self, rows: Sequence[ReferentChoice]) -> None:
        self.set_rows(rows)

    def set_override(self, on: bool) -> None:
        """An administrator overriding the cap: full referents become selectable."""
        self.beginResetModel()
        self._override = on
        self.endResetModel()

    def choice(self, row: int) -> ReferentChoice:
        return self.line(row)

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
