"""One calm, legible look for the whole application: Fusion, a light palette with one blue accent, a zoom.

Widgets never set fonts or colours themselves: they take a ``role`` dynamic property (set in Designer or in
code) that the application style sheet below styles — ``title``, ``heading``, ``muted``, ``error``, ``card``,
``header``, ``badge``. Sizes are derived from the body font, so the zoom (Ctrl++ / Ctrl+- / Ctrl+0,
remembered in the preferences) scales every text at once, for projectors.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QSplashScreen, QStyleFactory, QWidget

from .settings import (
    DEFAULT_FONT_POINT_SIZE,
    FONT_POINT_SIZE,
    MAX_FONT_POINT_SIZE,
    MIN_FONT_POINT_SIZE,
    Preferences,
)

# A public-service palette: white surfaces on a very light grey, near-black text, one accent blue.
# Contrast ratios on white: TEXT 15:1, MUTED 5.7:1, ACCENT 7.6:1 (WCAG AA asks for 4.5:1).
WINDOW = "#f4f6f9"
SURFACE = "#ffffff"
ALTERNATE = "#f7f9fc"
BORDER = "#d5dbe3"
TEXT = "#1b2330"
MUTED = "#4f5b6b"
ACCENT = "#1f4e9c"
ACCENT_SOFT = "#e5edf9"
ACCENT_TEXT = "#ffffff"
WARNING = "#9a4d00"  # always with an icon and words, never alone
ERROR = "#a4262c"
ERROR_SOFT = "#fdecec"


def palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: ALTERNATE,
        QPalette.ColorRole.ToolTipBase: SURFACE,
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: MUTED,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: SURFACE,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.BrightText: ERROR,
        QPalette.ColorRole.Light: SURFACE,
        QPalette.ColorRole.Midlight: "#e9edf2",
        QPalette.ColorRole.Mid: BORDER,
        QPalette.ColorRole.Dark: "#9aa5b4",
        QPalette.ColorRole.Shadow: "#6b7686",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: ACCENT_TEXT,
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.LinkVisited: "#5a3d99",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8794"))
    pal.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor(ACCENT_TEXT))
    return pal


def style_sheet(body_pt: int) -> str:
    """The application style sheet for a body font of ``body_pt`` points.

    Tabs are given room above their text: Fusion draws a tab that is not the current one two pixels lower and
    clips its text, so a capital's accent (« Évaluation ») was cut off.
    """
    title = round(body_pt * 1.6)
    heading = round(body_pt * 1.2)
    big = round(body_pt * 1.45)
    pad = max(4, round(body_pt * 0.55))
    return f"""
QLabel[role="title"] {{ font-size: {title}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="heading"] {{ font-size: {heading}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="figure"] {{ font-size: {big}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="warning"] {{ color: {WARNING}; font-weight: 600; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: 600; }}
QFrame[role="error_box"] {{ background: {ERROR_SOFT}; border: 1px solid {ERROR}; border-radius: 6px; }}
QFrame[role="notice"] {{ background: {ACCENT_SOFT}; border: 1px solid #b9cbe8; border-radius: 6px; }}
QFrame[role="card"] {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame[role="card"] QTableView, QFrame[role="card"] QListView {{ border: none; }}
QFrame[role="header"] {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QLabel[role="app_title"] {{ font-size: {heading}pt; font-weight: 700; color: {ACCENT}; }}
QLabel[role="demo"] {{ background: #fff4e0; color: {WARNING}; border: 1px solid #e8c48a; border-radius: 4px;
    padding: 2px {pad}px; font-weight: 600; }}
QListView#nav_view {{ background: {SURFACE}; border: none; border-right: 1px solid {BORDER}; outline: 0; }}
QListView#nav_view::item {{ padding: {pad}px {pad}px; border-radius: 6px; margin: 2px 6px; color: {TEXT}; }}
QListView#nav_view::item:selected {{ background: {ACCENT_SOFT}; color: {ACCENT}; font-weight: 600; }}
QListView#nav_view::item:hover:!selected {{ background: #eef2f7; }}
QTableView {{ gridline-color: {BORDER}; selection-background-color: {ACCENT_SOFT}; selection-color: {TEXT}; }}
QHeaderView::section {{ background: {SURFACE}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px {pad}px; font-weight: 600; }}
QPushButton {{ padding: {pad // 2 + 2}px {pad * 2}px; }}
QPushButton:default {{ background: {ACCENT}; color: {ACCENT_TEXT}; border: 1px solid {ACCENT}; border-radius: 4px; }}
QPushButton:default:disabled {{ background: #8fa5c8; border-color: #8fa5c8; }}
QToolButton#user_button {{ border: 1px solid {BORDER}; border-radius: 6px; padding: 4px 24px 4px 10px;
    background: {SURFACE}; font-weight: 600; color: {ACCENT}; }}
QToolButton#user_button::menu-indicator {{ subcontrol-origin: padding; subcontrol-position: center right;
    right: 8px; }}
QToolButton#user_button:hover {{ background: {ACCENT_SOFT}; }}
QProgressBar {{ border: 1px solid {BORDER}; border-radius: 4px; background: #e9edf2; max-height: 10px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QScrollArea {{ background: transparent; }}
QTabBar::tab {{ min-height: 2em; }}
"""


class Theme(QObject):
    """Applies the look to the QApplication and owns the text zoom."""

    font_size_changed = Signal(int)  # the new body size in points

    def __init__(self, app: QApplication, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._preferences = preferences
        self._point_size = _clamp(preferences.get(FONT_POINT_SIZE))

    @property
    def point_size(self) -> int:
        return self._point_size

    def apply(self) -> None:
        """Fusion style, the palette, the body font and the style sheet (call once at start-up)."""
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            self._app.setStyle(fusion)
        self._app.setPalette(palette())
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self._app.font())
        font.setPointSize(self._point_size)
        self._app.setFont(font)
        self._app.setStyleSheet(style_sheet(self._point_size))
        # Dialogs keep their size when the text grows: let them grow with it once the new sizes are known.
        QTimer.singleShot(0, self._fit_dialogs)

    @Slot()
    def _fit_dialogs(self) -> None:
        for widget in self._app.topLevelWidgets():
            if isinstance(widget, QDialog | QSplashScreen) or widget.property("fit_contents"):
                grow_to_fit(widget)

    def set_point_size(self, size: int) -> None:
        size = _clamp(size)
        if size == self._point_size:
            return
        self._point_size = size
        self._preferences.set(FONT_POINT_SIZE, size)
        self._apply_font()
        self.font_size_changed.emit(size)

    @Slot()
    def zoom_in(self) -> None:
        self.set_point_size(self._point_size + 1)

    @Slot()
    def zoom_out(self) -> None:
        self.set_point_size(self._point_size - 1)

    @Slot()
    def zoom_reset(self) -> None:
        self.set_point_size(DEFAULT_FONT_POINT_SIZE)

    def make_zoom_actions(self, window: QWidget) -> list[QAction]:
        """Agrandir / Réduire / Taille normale, with their shortcuts, added to ``window``."""
        specs = [
            ("Agrandir le texte", [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], self.zoom_in, "zoom_in_action"),
            ("Réduire le texte", [QKeySequence.StandardKey.ZoomOut], self.zoom_out, "zoom_out_action"),
            ("Taille normale du texte", ["Ctrl+0"], self.zoom_reset, "zoom_reset_action"),
        ]
        actions = []
        for text, keys, slot, name in specs:
            action = QAction(text, window)
            action.setObjectName(name)
            sequences: list[QKeySequence] = []
            for key in keys:
                if isinstance(key, QKeySequence.StandardKey):
                    sequences.extend(QKeySequence.keyBindings(key))
                else:
                    sequences.append(QKeySequence(key))
            action.setShortcuts(sequences)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            window.addAction(action)
            actions.append(action)
        return actions


def grow_to_fit(widget: QWidget) -> None:
    """Enlarge a window (never shrink it) so that its contents, word-wrapped labels included, fit."""
    if not widget.isVisible() or widget.isMaximized() or widget.isFullScreen():
        return
    hint = widget.sizeHint()
    width = max(widget.width(), hint.width(), widget.minimumSizeHint().width())
    height = widget.heightForWidth(width) if widget.hasHeightForWidth() else hint.height()
    height = max(height, hint.height())
    if width > widget.width() or height > widget.height():
        widget.resize(max(width, widget.width()), max(height, widget.height()))


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's style ``role`` at run time and re-apply the style sheet to it."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _clamp(size: int) -> int:
    return max(MIN_FONT_POINT_SIZE, min(MAX_FONT_POINT_SIZE, int(size)))
