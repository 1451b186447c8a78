"""Small widget classes that Designer files use as promoted widgets (``<customwidget>`` in ui/*.ui)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class PageContents(QWidget):
    """The contents of a page inside a resizable QScrollArea.

    With a word-wrapped label anywhere inside, the scroll area asks the page for its height-for-width, which a
    layout computes from the *preferred* heights: the page then scrolls even when everything would fit at its
    minimum size (lists shrink). Answering with the minimum height makes the scroll area size the page from its
    minimum, so a 1366×768 screen shows the whole page and only smaller windows (or a large zoom) scroll.
    """

    def heightForWidth(self, width: int) -> int:
        return self.minimumSizeHint().height()
