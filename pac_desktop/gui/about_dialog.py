"""« À propos de PAC Desktop » : version, where the data lives, and the licences of the bundled components.

Qt and PySide6 are under the GNU LGPL v3: the one-folder installation keeps their libraries as separate files
(installer/pac_desktop.spec), which a user may replace, and the dialog says so and where they are.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QUrl, Slot, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QWidget

from pac_desktop import __version__
from pac_desktop.paths import resource_path

from .forms.ui_about_dialog import Ui_AboutDialog

APP_ICON = ("icons", "pac-desktop.png")

# (component, licence) of everything the installation ships, in the order a reader looks for them.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Qt 6 et PySide6 (Qt for Python)", "GNU LGPL version 3"),
    ("SQLAlchemy", "MIT"),
    ("Alembic", "MIT"),
    ("ReportLab", "BSD"),
    ("keyring", "MIT"),
    ("platformdirs", "MIT"),
    ("httpx", "BSD"),
    ("QtAwesome", "MIT"),
    ("Polices d'icônes Font Awesome Free et Elusive Icons", "SIL Open Font License 1.1"),
    ("Polices d'icônes Material Design Icons et Remix Icon", "Apache 2.0"),
    ("Police d'icônes Phosphor", "MIT"),
    ("Police d'icônes Codicons", "Creative Commons Attribution 4.0"),
    ("RapidFuzz", "MIT"),
    ("Polices DejaVu", "licence Bitstream Vera ; modifications DejaVu dans le domaine public"),
    ("SQLCipher (par sqlcipher3, MIT)", "licence de type BSD (Zetetic)"),
    (
        "Python et sa bibliothèque standard (dont SQLite et OpenSSL)",
        "licence PSF (SQLite : domaine public ; OpenSSL : Apache 2.0)",
    ),
)


def qt_libraries_folder() -> Path:
    """Where Qt's and PySide6's libraries are: _internal/PySide6 in the installed application."""
    return Path(PySide6.__file__).resolve().parent


def installation_folder() -> Path:
    frozen = getattr(sys, "frozen", False)
    return Path(sys.executable).resolve().parent if frozen else Path(__file__).resolve().parents[2]


def licences_html(*, qt_folder: Path, licences_folder: Path) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(licence)}</td></tr>" for name, licence in COMPONENTS
    )
    return (
        "<h3>Licence de PAC Desktop</h3>"
        "<p>PAC Desktop est un logiciel libre, distribué sous la licence publique de l'Union européenne "
        "(EUPL 1.2).</p>"
        "<h3>Qt, PySide6 et la licence LGPL</h3>"
        f"<p>Cette application utilise Qt {html.escape(qVersion())} et PySide6 {html.escape(PySide6.__version__)}, "
        "distribués sous la licence GNU LGPL version 3. Leurs bibliothèques sont installées comme des "
        "fichiers séparés, dans ce dossier :</p>"
        f"<p><code>{html.escape(str(qt_folder))}</code></p>"
        "<p>Vous pouvez les remplacer par une version modifiée et compatible, comme la LGPL vous y autorise. "
        "Le code source de Qt et de PySide6 est publié par The Qt Company "
        '(<a href="https://download.qt.io/">download.qt.io</a>).</p>'
        "<h3>Composants inclus</h3>"
        '<table cellspacing="0" cellpadding="3" border="0">'
        '<tr><th align="left">Composant</th><th align="left">Licence</th></tr>'
        f"{rows}</table>"
        "<p>Les textes complets des licences sont dans le dossier "
        f"<code>{html.escape(str(licences_folder))}</code>.</p>"
    )


class AboutDialog(QDialog):
    """Opened from the user menu of the main window (« À propos de PAC Desktop »)."""

    def __init__(self, *, data_location: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self._data_location = Path(data_location)
        self._licences_folder = resource_path("licences")

        icon_file = resource_path(*APP_ICON)
        if icon_file.is_file():
            from PySide6.QtGui import QPixmap

            self.ui.app_icon_label.setPixmap(QPixmap(str(icon_file)).scaledToWidth(64))
        self.ui.version_label.setText(f"Version {__version__}")
        self.ui.data_location_label.setText(str(self._data_location))
        self.ui.install_location_label.setText(str(installation_folder()))
        self.ui.licences_browser.setHtml(
            licences_html(qt_folder=qt_libraries_folder(), licences_folder=self._licences_folder)
        )
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.open_data_button.clicked.connect(self._on_open_data_button_clicked)
        self.ui.open_licences_button.clicked.connect(self._on_open_licences_button_clicked)
        self.ui.open_licences_button.setEnabled(self._licences_folder.is_dir())

    @Slot()
    def _on_open_data_button_clicked(self) -> None:
        folder = self._data_location if self._data_location.is_dir() else self._data_location.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @Slot()
    def _on_open_licences_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._licences_folder)))


def show_about(parent: QWidget | None, data_location: Path | str) -> AboutDialog:
    """Open the About dialog (window-modal, deleted when closed); the main window's menu calls it."""
    from PySide6.QtCore import Qt

    dialog = AboutDialog(data_location=data_location, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
