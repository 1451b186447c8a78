"""Icons from QtAwesome's Material Design Icons 6 font, never hand-drawn; names checked against QtAwesome 1.4.

The glyphs are QtAwesome's own font and charmap, as it ships them; they are drawn here by a small icon engine
rather than by QtAwesome's Python module. That module imports qtpy, which star-imports every class of QtCore,
QtGui and QtWidgets and loads QtOpenGL: ~15 MB of the GUI's memory and ~0.1 s of start-up for 17 icons of one
font (issue 16). The drawing is QtAwesome's ``draw="text"`` (its default): the glyph at 7/8 of the icon's height,
centred, in the colour of the icon's mode.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from . import theme

# The names the application uses, in one place (tests check that each one exists).
HOME = "mdi6.home-outline"
LOGIN = "mdi6.login"
LOGOUT = "mdi6.logout"
ACCOUNT = "mdi6.account-circle-outline"
LOCK = "mdi6.lock-outline"
ERROR = "mdi6.alert-circle-outline"
WARNING = "mdi6.alert-outline"
OK = "mdi6.check-circle-outline"
CALENDAR = "mdi6.calendar-clock"
IN_PROGRESS = "mdi6.progress-clock"
CASELOAD = "mdi6.account-group-outline"
OUTCOMES = "mdi6.flag-checkered"
ZOOM_IN = "mdi6.magnify-plus-outline"
ZOOM_OUT = "mdi6.magnify-minus-outline"
ZOOM_RESET = "mdi6.magnify"
DEMO = "mdi6.school-outline"
REFRESH = "mdi6.refresh"

ALL_NAMES = (
    HOME, LOGIN, LOGOUT, ACCOUNT, LOCK, ERROR, WARNING, OK, CALENDAR, IN_PROGRESS, CASELOAD, OUTCOMES,
    ZOOM_IN, ZOOM_OUT, ZOOM_RESET, DEMO, REFRESH,
)  # fmt: skip


#: The one font of QtAwesome the application draws from, and its files in QtAwesome's ``fonts`` folder.
FONT_PREFIX = "mdi6"
FONT_GLOB = "materialdesignicons6-webfont-[0-9]*.ttf"
CHARMAP_GLOB = "materialdesignicons6-webfont-charmap-*.json"
#: QtAwesome's proportion: a 16-pixel icon draws a 14-pixel glyph (room for the font's bearing).
GLYPH_SCALE = 0.875


class IconFontMissing(RuntimeError):
    """QtAwesome's font files are not where they should be (a broken installation)."""


def fonts_folder() -> Path:
    """QtAwesome's ``fonts`` folder, found without importing QtAwesome (its import is what this module avoids)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # installer/pac_desktop.spec copies QtAwesome's data files there
        return Path(frozen_root) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise IconFontMissing("le module QtAwesome, qui fournit les icônes, n'est pas installé")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


def _only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if not found:
        raise IconFontMissing(f"la police d'icônes de QtAwesome ({pattern}) est absente de {folder}")
    return found[-1]


@functools.cache
def _icon_font() -> tuple[str, dict[str, str]]:
    """The font's family (loaded into Qt once) and its charmap: icon name → code point, in hexadecimal."""
    folder = fonts_folder()
    font_id = QFontDatabase.addApplicationFontFromData(_only(folder, FONT_GLOB).read_bytes())
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
    if not families:
        raise IconFontMissing(f"la police d'icônes de QtAwesome est illisible ({folder})")
    with _only(folder, CHARMAP_GLOB).open(encoding="utf-8") as charmap:
        return families[0], json.load(charmap)


def _font(pixel_size: int) -> QFont:
    # Made at each paint, as QtAwesome does: a QFont kept in a module's cache would outlive the QApplication.
    font = QFont(_icon_font()[0])
    font.setPixelSize(pixel_size)
    return font


def _glyph(name: str) -> str:
    prefix, _, short = name.partition(".")
    code = _icon_font()[1].get(short) if prefix == FONT_PREFIX else None
    if code is None:
        raise KeyError(f"no icon {name!r} in QtAwesome's {FONT_PREFIX} font")
    return chr(int(code, 16))


def exists(name: str) -> bool:
    """True when ``name`` (such as ``"mdi6.home-outline"``) is a glyph of the font."""
    try:
        _glyph(name)
    except KeyError:
        return False
    return True


class _GlyphEngine(QIconEngine):
    """One glyph of the font, drawn at any size in the colour of the icon's mode."""

    def __init__(self, glyph: str, colours: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self._glyph = glyph
        self._colours = colours

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, _state: QIcon.State) -> None:
        painter.save()
        painter.setPen(self._colours.get(mode) or self._colours[QIcon.Mode.Normal])
        painter.setFont(_font(max(1, round(GLYPH_SCALE * rect.height()))))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        drawn = QPixmap(size)
        drawn.fill(Qt.GlobalColor.transparent)
        painter = QPainter(drawn)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return drawn

    def clone(self) -> QIconEngine:
        # Qt asks for a clone when a shared icon is changed (QIcon.addPixmap on a copy), and the changed icon owns
        # and deletes it. Python must not collect it first: it stays in _CLONES until Qt has deleted it. (QtAwesome's
        # engine has no clone: such a change crashed the application.)
        twin = _GlyphEngine(self._glyph, self._colours)
        _CLONES[:] = [engine for engine in _CLONES if shiboken6.isValid(engine)] + [twin]
        return twin


#: The clones Qt holds (see _GlyphEngine.clone).
_CLONES: list[_GlyphEngine] = []


def _disabled_colour() -> QColor:
    app = QApplication.instance()
    return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text) if app else QColor(150, 150, 150)


def icon(name: str, color: str = theme.MUTED) -> QIcon:
    """The icon ``name`` (such as ``"mdi6.home-outline"``), in the palette's colours: ``color`` at rest, the accent
    under the mouse and when selected, the palette's disabled text when disabled. An unknown name is a KeyError."""
    accent = QColor(theme.ACCENT)
    return QIcon(_GlyphEngine(_glyph(name), {
        QIcon.Mode.Normal: QColor(color), QIcon.Mode.Active: accent, QIcon.Mode.Selected: accent,
        QIcon.Mode.Disabled: _disabled_colour()}))


def pixmap(name: str, size: int, color: str = theme.MUTED) -> QPixmap:
    return icon(name, color).pixmap(QSize(size, size))
