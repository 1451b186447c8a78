"""The About dialog: version, data location, the LGPL note on Qt; opened from the main window's user menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from pac_desktop import __version__


def test_about_dialog_shows_version_data_location_and_lgpl_note(qtbot, tmp_path: Path) -> None:
    from pac_desktop.gui.about_dialog import AboutDialog, qt_libraries_folder

    dialog = AboutDialog(data_location=tmp_path / "donnees")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.ui.version_label.text() == f"Version {__version__}"
    assert dialog.ui.data_location_label.text() == str(tmp_path / "donnees")
    text = dialog.ui.licences_browser.toPlainText()
    assert "GNU LGPL version 3" in text
    assert "fichiers séparés" in text and "remplacer" in text
    assert str(qt_libraries_folder()) in text
    for component in (
        "SQLAlchemy",
        "Alembic",
        "ReportLab",
        "keyring",
        "platformdirs",
        "httpx",
        "QtAwesome",
        "RapidFuzz",
        "DejaVu",
        "SQLCipher",
    ):
        assert component in text, component
    assert "EUPL 1.2" in text


def test_licence_texts_are_shipped() -> None:
    from pac_desktop.paths import resource_path

    folder = resource_path("licences")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in (folder / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "Bitstream" in (folder / "DejaVu-fonts.txt").read_text(encoding="utf-8")


@pytest.mark.timeout(60)
def test_user_menu_opens_the_about_dialog(qtbot, loaded_services, tasks) -> None:
    from pac_desktop.app import build_main_window
    from pac_desktop.domain.enums import StaffRole
    from pac_desktop.gui.about_dialog import AboutDialog

    loaded_services.staff.add(
        first_name="Camille",
        last_name="Essai",
        organisation_code="cio-tarbes",
        roles=[StaffRole.COUNSELLOR],
        login="camille.essai",
        password="mot-de-passe-essai",
    )
    actor = loaded_services.staff.login(login="camille.essai", password="mot-de-passe-essai")
    window = build_main_window(loaded_services, actor, tasks=tasks)
    qtbot.addWidget(window)

    window.about_action.trigger()

    dialogs = window.findChildren(AboutDialog)
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    assert dialogs[0].ui.data_location_label.text() == str(loaded_services.ctx.store.path.parent)
    dialogs[0].close()
