"""Qt's own model checker (QAbstractItemModelTester) on every item model of the app (issue 11).

Each model is filled with a few rows of generated fictitious values (built from the type hints of the services'
frozen lines), then reset, emptied, grown and refilled while the tester watches every signal. The tester reports
in Warning mode; every « FAIL! » it writes (category qt.modeltest) fails the test. ``test_every_model_is_checked``
walks the modules of ``pac_desktop.gui`` and fails when an item model class has no scenario here, so that a new
model gets checked too; ``test_the_checker_catches_a_broken_model`` shows the check can fail.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
    qInstallMessageHandler,
)
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QWidget

import pac_desktop.gui
from pac_desktop.domain.enums import OfferCategory
from pac_desktop.gui import icons
from pac_desktop.gui.audit_page import PAGE_SIZE, AuditTableModel
from pac_desktop.gui.conflicts_page import ConflictTableModel, QuarantinedTableModel, RejectedTableModel
from pac_desktop.gui.home_models import IntakeTableModel, OutcomeTableModel
from pac_desktop.gui.indicators_page import CaseloadModel
from pac_desktop.gui.intake.models import (
    CandidateModel,
    OfferFilterProxy,
    OfferModel,
    OpenIntakeModel,
    ReferentModel,
    StepModel,
)
from pac_desktop.gui.main_window import NavigationModel, _Area
from pac_desktop.gui.messaging_tab import ReminderFailuresModel
from pac_desktop.gui.reperage_import_dialog import LINE_COLUMNS as PREVIEW_COLUMNS
from pac_desktop.gui.reperage_import_dialog import PreviewModel
from pac_desktop.gui.reperage_model import WorklistModel
from pac_desktop.gui.reperage_page import COLUMN_SORTS, worklist_columns
from pac_desktop.gui.roles import IdRole
from pac_desktop.gui.table_model import Column, TableModel
from pac_desktop.gui.youths.list_model import YouthColumn, YouthListModel
from pac_desktop.gui.youths.tables import CheckListModel
from pac_desktop.reports.model import CaseloadLine
from pac_desktop.services.audit import AuditLine, AuditPage
from pac_desktop.services.choices import ReferentChoice
from pac_desktop.services.home import IntakeLine, OutcomeDueLine
from pac_desktop.services.intake import IntakeStep, StepState
from pac_desktop.services.intake.views import OfferLine, OpenIntakeLine, YouthCandidate
from pac_desktop.services.reminders import ReminderFailureView
from pac_desktop.services.reperage import WorklistFilters, WorklistPage, WorklistRow, WorklistSort
from pac_desktop.services.reperage.importing import PreviewLine
from pac_desktop.services.sync import ConflictView, QuarantinedView, RejectedChange
from pac_desktop.services.youths import ALL_YOUTHS, YouthPage, YouthRow, YouthSort

TODAY = date.today()
_NAMES = ("Awa Testfictive", "Noé Testfictif", "Lina Testessai", "Hugo Referentest", "Inès Suivifictif")

# ---- fictitious values, from the type hints of the frozen lines ---------------------------------------------


def fictitious(cls: type, seed: int) -> Any:
    """One value of ``cls`` (a dataclass of the services, or a plain type); ``seed`` varies every field (optional
    ones are None one row in two, dates fall before and after today, enums take each member in turn)."""
    return _value(cls, seed, "value")


def fictitious_rows(cls: type, n: int, start: int = 0) -> list[Any]:
    return [fictitious(cls, seed) for seed in range(start, start + n)]


def _value(hint: Any, seed: int, name: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        real = [a for a in args if a is not type(None)]
        return None if seed % 2 and type(None) in args else _value(real[0], seed, name)
    if origin is tuple:
        return tuple(_value(args[0], seed + i, name) for i in range(seed % 3 + 1))
    if origin in (frozenset, set):
        return origin({_value(args[0], seed, name)})
    if origin is dict or hint is dict:
        return {}
    if hint is Any:
        return f"valeur {seed}"
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        values = {f.name: _value(hints[f.name], seed + i, f.name) for i, f in enumerate(dataclasses.fields(hint))
                  if f.init}  # fmt: skip
        return hint(**values)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = list(hint)
        return members[seed % len(members)]
    if hint is bool:
        return seed % 2 == 0
    if hint is int:
        return 3 + (seed * 7) % 40
    if hint is datetime:
        return datetime(TODAY.year, TODAY.month, TODAY.day, 9, 30, tzinfo=UTC) + timedelta(days=seed * 5 - 8)
    if hint is date:
        return TODAY + timedelta(days=seed * 9 - 12)
    if hint is str:
        return _NAMES[seed % len(_NAMES)] if "name" in name else f"{name}-{seed}"
    raise TypeError(f"no fictitious value for {hint!r} ({name})")


# ---- the checker ----------------------------------------------------------------------------------------------


class ModelCheck:
    """QAbstractItemModelTester on one model, its « FAIL! » reports collected instead of aborting the run."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.model = model
        self.failures: list[str] = []
        self._tester: QAbstractItemModelTester | None = None

    def _on_message(self, _mode: Any, context: Any, message: str) -> None:
        if context.category == "qt.modeltest" or message.startswith("FAIL!"):
            self.failures.append(message)

    @contextmanager
    def watching(self) -> Iterator[ModelCheck]:
        previous = qInstallMessageHandler(self._on_message)
        try:
            self._tester = QAbstractItemModelTester(self.model, QAbstractItemModelTester.FailureReportingMode.Warning)
            yield self
        finally:
            self._tester = None
            qInstallMessageHandler(previous)

    def read_everything(self) -> None:
        """Ask every cell for every role a view asks for (the tester only asks a few)."""
        roles = [*Qt.ItemDataRole, IdRole]
        root = QModelIndex()
        # A list model's columnCount is private in PySide: one column.
        columns = 1 if isinstance(self.model, QAbstractListModel) else self.model.columnCount(root)
        for row in range(self.model.rowCount(root)):
            for column in range(columns):
                index = self.model.index(row, column)
                assert index.isValid()
                for role in roles:
                    self.model.data(index, role)
                self.model.flags(index)
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                self.model.headerData(column, Qt.Orientation.Horizontal, role)


def check(model: QAbstractItemModel, scenario: Callable[[], None]) -> None:
    checker = ModelCheck(model)
    with checker.watching():
        checker.read_everything()
        scenario()
        checker.read_everything()
    assert checker.failures == [], f"{type(model).__name__}: {checker.failures}"


def _refill(model: Any, set_rows: Callable[[list[Any]], None], row_type: type) -> Callable[[], None]:
    def scenario() -> None:
        set_rows(fictitious_rows(row_type, 4))
        ModelCheck(model).read_everything()
        set_rows([])
        set_rows(fictitious_rows(row_type, 3, start=10))
        ModelCheck(model).read_everything()

    return scenario


# ---- one scenario per model class -----------------------------------------------------------------------------


def _table_model(qtbot, tasks) -> None:
    model: TableModel[YouthRow] = TableModel(
        [Column("Nom", lambda r: r.display_name), Column("Commune", lambda r: r.town or "", header_tooltip="Ville")],
        id_of=lambda r: r.id,
        youth_of=lambda r: r.id,
    )

    def scenario() -> None:
        model.set_rows(fictitious_rows(YouthRow, 3))
        model.append_rows(fictitious_rows(YouthRow, 2, start=5))
        model.append_rows([])
        model.refresh_cells()
        model.set_lines([])

    check(model, scenario)
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Ville"


def _declared_columns(qtbot, tasks) -> None:
    """Every module-level ``tuple[Column[X], ...]`` of the GUI (the case file's tabs, the referent dialog, the
    obligation list…) and the repérage worklist's columns, each over fictitious rows of its line type."""
    sets = [(worklist_columns(TODAY), WorklistRow)]
    for module in _gui_modules():
        try:
            hints = typing.get_type_hints(module)
        except Exception:  # noqa: BLE001 - a module whose hints do not resolve declares no column set
            continue
        for name, hint in hints.items():
            if typing.get_origin(hint) is tuple and typing.get_origin(typing.get_args(hint)[0]) is Column:
                sets.append((getattr(module, name), typing.get_args(typing.get_args(hint)[0])[0]))
    assert len(sets) >= 8, sets  # the case file's six tabs, the referent dialog, the obligation list, repérage
    for columns, row_type in sets:
        model: TableModel[Any] = TableModel(columns, id_of=lambda r: getattr(r, "id", None))
        check(model, _refill(model, model.set_rows, row_type))


def _conflicts(qtbot, tasks) -> None:
    model = ConflictTableModel()
    check(model, _refill(model, model.set_rows, ConflictView))


def _rejected(qtbot, tasks) -> None:
    model = RejectedTableModel()
    check(model, _refill(model, model.set_rows, RejectedChange))


def _quarantined(qtbot, tasks) -> None:
    model = QuarantinedTableModel()
    check(model, _refill(model, model.set_rows, QuarantinedView))


def _home_intakes(qtbot, tasks) -> None:
    model = IntakeTableModel()
    check(model, _refill(model, lambda rows: model.set_lines(rows, TODAY), IntakeLine))


def _home_outcomes(qtbot, tasks) -> None:
    model = OutcomeTableModel()
    check(model, _refill(model, lambda rows: model.set_lines(rows, TODAY), OutcomeDueLine))


def _caseloads(qtbot, tasks) -> None:
    model = CaseloadModel()
    check(model, _refill(model, model.set_rows, CaseloadLine))


def _reminder_failures(qtbot, tasks) -> None:
    model = ReminderFailuresModel()
    check(model, _refill(model, model.set_rows, ReminderFailureView))


def _open_intakes(qtbot, tasks) -> None:
    model = OpenIntakeModel()
    check(model, _refill(model, lambda rows: model.set_lines(rows, TODAY), OpenIntakeLine))


def _candidates(qtbot, tasks) -> None:
    model = CandidateModel()
    check(model, _refill(model, model.set_candidates, YouthCandidate))


def _offers(qtbot, tasks) -> None:
    model = OfferModel()

    def scenario() -> None:
        _refill(model, model.set_offers, OfferLine)()
        model.set_chosen({model.offer(0).offer_id})
        model.set_chosen(set())

    check(model, scenario)


def _offer_proxy(qtbot, tasks) -> None:
    offers = OfferModel()
    proxy = OfferFilterProxy()
    proxy.setSourceModel(offers)

    def scenario() -> None:
        offers.set_offers(fictitious_rows(OfferLine, 6))
        proxy.set_category(OfferCategory.APPRENTICESHIP)
        proxy.set_category(None)
        proxy.set_search("title")
        proxy.sort(0, Qt.SortOrder.DescendingOrder)
        proxy.set_search("")
        offers.set_offers([])

    check(proxy, scenario)


def _referents(qtbot, tasks) -> None:
    model = ReferentModel()

    def scenario() -> None:
        _refill(model, model.set_choices, ReferentChoice)()
        model.set_override(True)
        model.set_override(False)

    check(model, scenario)


def _steps(qtbot, tasks) -> None:
    model = StepModel()

    def scenario() -> None:
        model.set_states([StepState(IntakeStep.YOUTH, True, 0), StepState(IntakeStep.REFERRAL, False, 2)])
        model.set_current(IntakeStep.REFERRAL)
        model.set_states([])

    check(model, scenario)


def _navigation(qtbot, tasks) -> None:
    model = NavigationModel()
    widget = QWidget()
    qtbot.addWidget(widget)

    def scenario() -> None:
        for key, title in (("home", "Accueil"), ("youths", "Jeunes"), ("sync", "Synchronisation")):
            model.add(_Area(key, title, icons.icon(icons.REFRESH), widget, None, shortcut="Ctrl+1"))
        model.set_badge("sync", 3)
        model.set_badge("sync", 0)

    check(model, scenario)


def _check_list(qtbot, tasks) -> None:
    model = CheckListModel()

    def scenario() -> None:
        model.set_items([("a", "Awa Testfictive"), ("b", "Noé Testfictif")])
        model.set_checked("b", True)
        model.set_items([("c", "Lina Testessai")])  # "b" stays, checked, first
        model.set_items([], keep_checked=False)

    check(model, scenario)
    model.set_items([("a", "Awa Testfictive"), ("b", "Noé Testfictif")])
    model.set_checked("b", True)
    model.set_items([("c", "Lina Testessai")])
    assert model.checked_ids() == ["b"]


def _audit(qtbot, tasks) -> None:
    lines = fictitious_rows(AuditLine, PAGE_SIZE + 30)

    def search(*, filters: Any, limit: int, offset: int) -> AuditPage:
        return AuditPage(total=len(lines), lines=tuple(lines[offset:offset + limit]))

    model = AuditTableModel(search, tasks)

    def scenario() -> None:
        with qtbot.waitSignal(model.search_finished, timeout=10_000):
            model.set_filters(model._filters)
        assert model.rowCount() in (PAGE_SIZE, len(lines))  # the tester may ask for the next page itself
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: model.rowCount() == len(lines), timeout=10_000)
        assert not model.canFetchMore()
        assert len({model.index(row, 0).data(IdRole) for row in range(model.rowCount())}) == len(lines)  # no twice
        with qtbot.waitSignal(model.search_finished, timeout=10_000):
            model.set_filters(model._filters)  # the reset after a change announced
        assert model.rowCount() == PAGE_SIZE

    check(model, scenario)


def _youths(qtbot, tasks) -> None:
    rows = fictitious_rows(YouthRow, 7)

    def search(*, query: str, filters: Any, sort: YouthSort, descending: bool, offset: int, limit: int) -> YouthPage:
        ordered = sorted(rows, key=lambda r: r.birth_date if sort is YouthSort.BIRTH_DATE else r.last_name,
                         reverse=descending)  # fmt: skip
        return YouthPage(rows=tuple(ordered[offset:offset + limit]), total=len(rows), total_capped=False,
                         offset=offset, query=query, filters=filters, sort=sort, descending=descending)  # fmt: skip

    model = YouthListModel(search=search, tasks=tasks, today=lambda: TODAY, page_size=3)

    def scenario() -> None:
        with qtbot.waitSignal(model.search_finished, timeout=10_000):
            model.set_search("", ALL_YOUTHS)
        assert model.rowCount() in (3, 6)  # the tester may ask for the next page itself
        model.fetchMore()
        qtbot.waitUntil(lambda: model.rowCount() >= 6, timeout=10_000)
        with qtbot.waitSignal(model.search_finished, timeout=10_000):
            model.sort(YouthColumn.BIRTH_DATE, Qt.SortOrder.DescendingOrder)
        with qtbot.waitSignal(model.search_finished, timeout=10_000):
            model.reload()  # a pulled change: the same search again
        assert model.rowCount() == 3

    check(model, scenario)


def _worklist(qtbot, tasks) -> None:
    rows = fictitious_rows(WorklistRow, 7)

    def search(*, query: str, filters: Any, sort: WorklistSort, descending: bool, offset: int,
               limit: int) -> WorklistPage:
        ordered = sorted(rows, key=lambda r: r.last_name, reverse=descending)
        return WorklistPage(rows=tuple(ordered[offset:offset + limit]), total=len(rows), offset=offset, query=query,
                            filters=filters, sort=sort, descending=descending)  # fmt: skip

    model = WorklistModel(worklist_columns(TODAY), column_sorts=COLUMN_SORTS, search=search, tasks=tasks,
                          page_size=3)  # fmt: skip

    def scenario() -> None:
        with qtbot.waitSignal(model.page_loaded, timeout=10_000):
            model.set_search("", WorklistFilters())
        model.fetchMore()
        qtbot.waitUntil(lambda: model.rowCount() >= 6, timeout=10_000)
        with qtbot.waitSignal(model.page_loaded, timeout=10_000):
            model.sort(0, Qt.SortOrder.DescendingOrder)
        with qtbot.waitSignal(model.page_loaded, timeout=10_000):
            model.reload()
        assert model.rowCount() in (3, 6)

    check(model, scenario)


def _import_preview(qtbot, tasks) -> None:
    model = PreviewModel(PREVIEW_COLUMNS, id_of=lambda line: str(line.line))

    def scenario() -> None:
        _refill(model, model.set_lines, PreviewLine)()
        model.done = True
        model.refresh_cells()

    check(model, scenario)


SCENARIOS: dict[type, Callable[..., None]] = {
    WorklistModel: _worklist,
    PreviewModel: _import_preview,
    TableModel: _table_model,
    ConflictTableModel: _conflicts,
    RejectedTableModel: _rejected,
    QuarantinedTableModel: _quarantined,
    IntakeTableModel: _home_intakes,
    OutcomeTableModel: _home_outcomes,
    CaseloadModel: _caseloads,
    ReminderFailuresModel: _reminder_failures,
    OpenIntakeModel: _open_intakes,
    CandidateModel: _candidates,
    OfferModel: _offers,
    OfferFilterProxy: _offer_proxy,
    ReferentModel: _referents,
    StepModel: _steps,
    NavigationModel: _navigation,
    CheckListModel: _check_list,
    AuditTableModel: _audit,
    YouthListModel: _youths,
}


@pytest.mark.parametrize("model_class", list(SCENARIOS), ids=lambda cls: cls.__name__)
def test_model(qtbot, tasks, model_class):
    SCENARIOS[model_class](qtbot, tasks)


def test_declared_column_sets(qtbot, tasks):
    _declared_columns(qtbot, tasks)


# ---- every model is checked; the check can fail ---------------------------------------------------------------


def _gui_modules() -> list[types.ModuleType]:
    return [importlib.import_module(info.name)
            for info in pkgutil.walk_packages(pac_desktop.gui.__path__, "pac_desktop.gui.")]  # fmt: skip


def test_every_model_is_checked():
    models = {
        cls
        for module in _gui_modules()
        for cls in vars(module).values()
        if inspect.isclass(cls) and issubclass(cls, QAbstractItemModel) and cls.__module__ == module.__name__
    }
    assert len(models) >= 15
    missing = sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in models - set(SCENARIOS))
    assert missing == [], f"item models without a QAbstractItemModelTester scenario here: {missing}"


def test_the_checker_catches_a_broken_model(qtbot):
    class Broken(QAbstractTableModel):
        """Says it has rows under every cell (a table's cells have no children)."""

        def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 2

        def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "x" if role == Qt.ItemDataRole.DisplayRole else None

    with pytest.raises(AssertionError, match="FAIL!"):
        check(Broken(), lambda: None)
