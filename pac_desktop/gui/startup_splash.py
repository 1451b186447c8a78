"""The small window shown while the store opens (and, with --demo, while the demo cohort is made)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from . import icons, theme
from .forms.ui_startup_splash import Ui_StartupSplash


class StartupSplash(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_StartupSplash()
        self.ui.setupUi(self)
        self.ui.app_icon_label.setPixmap(icons.pixmap(icons.HOME, 36, theme.ACCENT))
        self.setMinimumWidth(420)
        self.setProperty("fit_contents", True)  # grows with the text zoom (theme.Theme)
        self.ensurePolished()
        self.adjustSize()

    def set_message(self, text: str) -> None:
        self.ui.message_label.setText(text)
        theme.grow_to_fit(self)

    def message(self) -> str:
        return self.ui.message_label.text()
