"""The main window: a header (place, who is signed in), the areas on the left, the selected area on the right.

Screens plug in through ``add_area`` (app.build_main_window does it)::

    window.add_area("youths", "Jeunes", "mdi6.account-multiple-outline", YouthListPage(...),
                    badge_count_fn=partial(services.youths.count_to_review, actor=actor))

- Areas get Ctrl+1…Ctrl+9 in the order they are added. A screen that needs one of those keys for itself (the
  intake wizard's "who is speaking" chips) accepts the ``QEvent.ShortcutOverride`` of that key while it has
  the focus, and Qt then gives the key to it instead of the navigation.
- ``badge_count_fn`` runs off the UI thread (lane db_read) and returns the number of things needing action;
  0 hides the badge. Badges refresh when the area changes and on ``refresh_badges()`` (call it once the areas
  are added, after a change that affects a count, or after a sync).
- A widget that defines ``area_shown()`` has it called each time its area comes to the front.
- Instead of a widget, an area may be given what builds it (a function without arguments): it is then built the
  first time the area is shown or ``area_widget`` asks for it. The window opens at once however many areas the
  signed-in person has (issue 16); wire a lazy area's signals inside the function that builds it.
- ``sync_status_area`` is an empty container in the header, before the account button, for the sync status
  (issue 5; in the header since issue 15, as UX.md draws it); it stays hidden while it is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QColor, QFont, QIcon, QKeySequence, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pac_desktop.services.context import Actor

from . import icons, theme
from .forms.ui_main_window import Ui_MainWindow
from .roles import BadgeRole, IdRole
from .settings import MAIN_WINDOW_GEOMETRY, Preferences
from .tasks import Lane, TaskFailure, TaskRunner

_Index = QModelIndex | QPersistentModelIndex
MAX_SHORTCUT_AREAS = 9


#: An area's widget, or what builds it the first time the area is shown (or asked for by ``area_widget``).
AreaWidget = QWidget | Callable[[], QWidget]


@dataclass
class _Area:
    key: str
    title: str
    icon: QIcon
    make: Callable[[], QWidget] | None
    badge_count_fn: Callable[[], int] | None
    widget: QWidget | None = None
    badge: int = 0
    shortcut: str = ""


# A one-column list grown row by row (beginInsertRows), not a table: Qt's list base fits it better than TableModel.
class NavigationModel(QAbstractListModel):
    """The areas of the main window, in navigation order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._areas: list[_Area] = []

    def add(self, area: _Area) -> None:
        row = len(self._areas)
        self.beginInsertRows(QModelIndex(), row, row)
        self._areas.append(area)
        self.endInsertRows()

    def area(self, row: int) -> _Area:
        return self._areas[row]

    def row_of(self, key: str) -> int:
        for row, area in enumerate(self._areas):
            if area.key == key:
                return row
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [area.key for area in self._areas]

    def set_badge(self, key: str, count: int) -> None:
        row = self.row_of(key)
        if self._areas[row].badge != count:
            self._areas[row].badge = count
            index = self.index(row, 0)
            self.dataChanged.emit(
                index,
                index,
                [BadgeRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole],
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._areas)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._areas)):
            return None
        area = self._areas[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return area.title
        if role == Qt.ItemDataRole.DecorationRole:
            return area.icon
        if role == IdRole:
            return area.key
        if role == BadgeRole:
            return area.badge
        if role == Qt.ItemDataRole.ToolTipRole:
            shortcut = f" ({area.shortcut})" if area.shortcut else ""
            pending = f" — {area.badge} à traiter" if area.badge else ""
            return f"{area.title}{shortcut}{pending}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{area.title}, {area.badge} à traiter" if area.badge else area.title
        return None


class NavigationDelegate(QStyledItemDelegate):
    """Draws each area as usual, plus its badge (a count, in a pill on the right) when it is not 0."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 40, max(size.height(), option.fontMetrics.height() * 2 + 6))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        count = index.data(BadgeRole) or 0
        if not count:
            return
        text = str(count) if count < 1000 else "999+"
        font = QFont(option.font)
        font.setBold(True)
        metrics = option.fontMetrics
        width = max(metrics.height() + 6, metrics.horizontalAdvance(text) + 14)
        height = metrics.height() + 4
        rect = QRect(0, 0, width, height)
        rect.moveCenter(option.rect.center())
        rect.moveRight(option.rect.right() - 14)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.ACCENT))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(theme.ACCENT_TEXT))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class MainWindow(QMainWindow):
    """The application's window once signed in. Built by app.build_main_window."""

    area_changed = Signal(str)  # key of the area now shown
    logout_requested = Signal()  # the user chose "Se déconnecter"
    closed = Signal()  # the window was closed by the user (the application then quits)
    about_requested = Signal()  # the user chose "À propos de PAC Desktop" (app.build_main_window opens it)

    def __init__(
        self,
        *,
        actor: Actor,
        tasks: TaskRunner,
        preferences: Preferences | None = None,
        theme_: theme.Theme | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._actor = actor
        self._tasks = tasks
        self._preferences = preferences
        self._logging_out = False
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)

        organisation = actor.organisation_name
        self.setWindowTitle(f"PAC — {organisation}")
        place = f"{organisation} · {actor.territory_name}" if actor.territory_name else organisation
        self.ui.place_label.setText(place)
        self.ui.demo_label.setVisible(demo)

        self.navigation = NavigationModel(self)
        self.ui.nav_view.setModel(self.navigation)
        self.ui.nav_view.setItemDelegate(NavigationDelegate(self.ui.nav_view))
        self.ui.nav_view.setIconSize(QSize(22, 22))
        self.ui.nav_view.selectionModel().currentChanged.connect(self._on_nav_view_current_changed)

        self._area_actions: list[QAction] = []
        self.ui.sync_status_area.installEventFilter(self)
        self._update_sync_area()
        self._build_user_menu(theme_)
        self.resize(1280, 760)
        if preferences is not None:
            geometry = preferences.get(MAIN_WINDOW_GEOMETRY)
            if not geometry.isEmpty():
                self.restoreGeometry(geometry)

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def sync_status_area(self) -> QWidget:
        """The container in the header reserved for the sync status (it has an empty QHBoxLayout)."""
        return self.ui.sync_status_area

    # --- areas --------------------------------------------------------------------------------------------

    def add_area(
        self,
        key: str,
        title: str,
        icon_name: str,
        widget: AreaWidget,
        badge_count_fn: Callable[[], int] | None = None,
    ) -> None:
        """Add an area to the navigation; the first one added is shown first. ``widget`` may be what builds it."""
        if key in self.navigation.keys():
            raise ValueError(f"area {key!r} already added")
        number = self.navigation.rowCount() + 1
        shortcut = f"Ctrl+{number}" if number <= MAX_SHORTCUT_AREAS else ""
        built = widget if isinstance(widget, QWidget) else None
        area = _Area(key, title, icons.icon(icon_name), None if built else widget, badge_count_fn, shortcut=shortcut)
        self.navigation.add(area)
        if built is not None:
            self._place(area, built)
        if shortcut:
            action = QAction(title, self)
            action.setObjectName(f"show_{key}_action")
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(partial(self.show_area, key))
            self.addAction(action)
            self._area_actions.append(action)
        if number == 1:
            self.show_area(key)

    def area_keys(self) -> list[str]:
        return self.navigation.keys()

    def area_widget(self, key: str) -> QWidget:
        """The area's widget, built now if it was not yet."""
        return self._built(self.navigation.area(self.navigation.row_of(key)))

    def area_built(self, key: str) -> bool:
        return self.navigation.area(self.navigation.row_of(key)).widget is not None

    def current_area(self) -> str | None:
        widget = self.ui.content_stack.currentWidget()
        if widget is None:
            return None
        for key in self.navigation.keys():
            if self.navigation.area(self.navigation.row_of(key)).widget is widget:
                return key
        return None

    def _built(self, area: _Area) -> QWidget:
        if area.widget is None:
            assert area.make is not None
            self._place(area, area.make())
            area.make = None
        assert area.widget is not None
        return area.widget

    def _place(self, area: _Area, widget: QWidget) -> None:
        area.widget = widget
        self.ui.content_stack.addWidget(widget)

    @Slot(str)
    def show_area(self, key: str) -> None:
        row = self.navigation.row_of(key)
        index = self.navigation.index(row, 0)
        if self.ui.nav_view.currentIndex() != index:
            # currentChanged does the rest (_on_nav_view_current_changed)
            self.ui.nav_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            self._activate(row)

    @Slot(QModelIndex, QModelIndex)
    def _on_nav_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._activate(current.row())

    def _activate(self, row: int) -> None:
        area = self.navigation.area(row)
        widget = self._built(area)
        if self.ui.content_stack.currentWidget() is not widget:
            self.ui.content_stack.setCurrentWidget(widget)
        shown = getattr(widget, "area_shown", None)
        if callable(shown):
            shown()
        self.area_changed.emit(area.key)
        self.refresh_badges()

    # --- badges -------------------------------------------------------------------------------------------

    @Slot()
    def refresh_badges(self) -> None:
        for key in self.navigation.keys():
            area = self.navigation.area(self.navigation.row_of(key))
            if area.badge_count_fn is None:
                continue
            self._tasks.run_task(
                area.badge_count_fn,
                on_success=partial(self._on_badge_counted, key),
                on_failure=self._on_badge_failed,
                lane=Lane.DB_READ,
                owner=self,
            )

    def _on_badge_counted(self, key: str, count: int) -> None:
        self.navigation.set_badge(key, int(count or 0))

    def _on_badge_failed(self, _failure: TaskFailure) -> None:
        pass  # a badge that cannot be counted keeps its last value; unexpected errors are logged by the runner

    # --- header menu --------------------------------------------------------------------------------------

    def _build_user_menu(self, theme_: theme.Theme | None) -> None:
        actor = self._actor
        button = self.ui.user_button
        button.setText(actor.initials)
        button.setIcon(icons.icon(icons.ACCOUNT, theme.ACCENT))
        button.setToolTip(f"{actor.display_name} — {actor.organisation_name}")
        button.setAccessibleName(f"Compte de {actor.display_name}")
        menu = QMenu(button)
        menu.setObjectName("user_menu")
        menu.addSection(actor.display_name)
        if theme_ is not None:
            zoom_in, zoom_out, zoom_reset = theme_.make_zoom_actions(self)
            zoom_in.setIcon(icons.icon(icons.ZOOM_IN))
            zoom_out.setIcon(icons.icon(icons.ZOOM_OUT))
            zoom_reset.setIcon(icons.icon(icons.ZOOM_RESET))
            menu.addActions([zoom_in, zoom_out, zoom_reset])
            menu.addSeparator()
        self.about_action = QAction("À propos de PAC Desktop", self)
        self.about_action.setObjectName("about_action")
        self.about_action.triggered.connect(self.about_requested)
        menu.addAction(self.about_action)
        menu.addSeparator()
        self.logout_action = QAction(icons.icon(icons.LOGOUT), "Se déconnecter", self)
        self.logout_action.setObjectName("logout_action")
        self.logout_action.triggered.connect(self._on_logout_action_triggered)
        menu.addAction(self.logout_action)
        button.setMenu(menu)

    @Slot()
    def _on_logout_action_triggered(self) -> None:
        self._logging_out = True
        self.logout_requested.emit()

    # --- window events ------------------------------------------------------------------------------------

    def _update_sync_area(self) -> None:
        self.ui.sync_status_area.setVisible(self.ui.sync_status_layout.count() > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.sync_status_area and event.type() == QEvent.Type.LayoutRequest:
            self._update_sync_area()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        self._update_sync_area()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._preferences is not None:
            self._preferences.set(MAIN_WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
        if event.isAccepted() and not self._logging_out:
            self.closed.emit()
