"""The case file's "Exporter toutes ses données…" (right of access, issue 7 §6), driven offscreen on a real store:
the referent gets a readable PDF and the JSON where they chose; a colleague who may only consult the file does not
see the action, and the service refuses it anyway; a folder that cannot be written to gives a French message."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from casefile_builders import make_staff, make_youth
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.gui import icons
from pac_desktop.gui.youths.case_file_window import EXPORT_ICON, CaseFileWindow, export_paths
from pac_desktop.storage.models import AuditEvent

WAIT = 10_000


@pytest.fixture
def people(loaded_services):
    s = loaded_services
    referent = make_staff(s, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    colleague = make_staff(s, "Nadia", "Testcollegue", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    youth_id = make_youth(s, first="Léa", last="Testexportable", birth=date(2008, 3, 12), referent=referent,
                          intake_on=date(2025, 11, 30))  # fmt: skip
    return referent, colleague, youth_id


def _open(qtbot, services, tasks, actor, youth_id, asked: list[Path], answer: Path | None) -> CaseFileWindow:
    def ask(parent, suggested: Path) -> Path | None:
        asked.append(suggested)
        return answer

    window = CaseFileWindow(services=services, actor=actor, tasks=tasks, youth_id=youth_id, ask_export=ask)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    return window


def _exports(services) -> list[tuple[str, str]]:
    with services.ctx.read() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
        return [(e.youth_id, e.staff_id) for e in rows]


def test_the_referent_exports_everything_as_pdf_and_json(qtbot, loaded_services, tasks, people, tmp_path) -> None:
    referent, _, youth_id = people
    asked: list[Path] = []
    window = _open(qtbot, loaded_services, tasks, referent, youth_id, asked, tmp_path)  # a folder is chosen
    assert window.export_button.isVisible() and window.export_button.isEnabled()
    assert window.export_button.text().replace("&", "") == "Exporter toutes ses données…"
    assert icons.exists(EXPORT_ICON) and not icons.icon(EXPORT_ICON).isNull()

    with qtbot.waitSignal(window.data_exported, timeout=WAIT) as exported:
        qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    pdf_path, json_path = (Path(p) for p in exported.args)

    # The name suggested, and kept in the folder chosen, holds no name in clear.
    assert asked[0].name == f"donnees-jeune-{youth_id[:8]}-2026-03-12.pdf"
    assert (pdf_path, json_path) == (tmp_path / asked[0].name, tmp_path / asked[0].name.replace(".pdf", ".json"))
    assert "Testexportable" not in pdf_path.name and "Léa" not in pdf_path.name
    text = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Léa Testexportable" in text
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["youth_id"] == youth_id and data["records"]["youth"][0]["last_name"] == "Testexportable"
    assert str(tmp_path) in window.notice_text() and pdf_path.name in window.notice_text()
    assert json_path.name in window.notice_text() and window.export_button.isEnabled()
    assert _exports(loaded_services) == [(youth_id, referent.staff_id)]  # audited by the service

    # A file name typed with its suffix: both files take that name.
    with qtbot.waitSignal(window.data_exported, timeout=WAIT) as exported:
        window.export_to(tmp_path / "pour-la-personne.pdf")
    assert exported.args == [str(tmp_path / "pour-la-personne.pdf"), str(tmp_path / "pour-la-personne.json")]
    assert export_paths(tmp_path / "copie") == (tmp_path / "copie.pdf", tmp_path / "copie.json")


def test_a_cancelled_dialog_exports_nothing(qtbot, loaded_services, tasks, people, tmp_path) -> None:
    referent, _, youth_id = people
    asked: list[Path] = []
    window = _open(qtbot, loaded_services, tasks, referent, youth_id, asked, None)
    with qtbot.assertNotEmitted(window.data_exported, wait=200):
        window.export_button.click()
    assert len(asked) == 1 and _exports(loaded_services) == []


def test_a_colleague_who_only_consults_the_file_cannot_export_it(
    qtbot, loaded_services, tasks, people, tmp_path
) -> None:
    _, colleague, youth_id = people
    out = tmp_path / "exports"
    out.mkdir()
    asked: list[Path] = []
    window = _open(qtbot, loaded_services, tasks, colleague, youth_id, asked, out)
    assert window.ui.notice_frame.isVisible()  # read-only, and says why
    assert not window.export_button.isVisible()
    window._on_export_button_clicked()  # even if reached some other way (a shortcut): nothing is asked
    assert asked == []

    # The GUI only hides the action: the service refuses it, and its French message is shown as it is.
    with qtbot.waitSignal(window.export_failed, timeout=WAIT) as failed:
        window.export_to(out / "interdit.pdf")
    assert "ne permet pas d'exporter l'ensemble des données d'un jeune" in failed.args[0]
    assert window.notice_text() == failed.args[0]
    assert list(out.iterdir()) == [] and _exports(loaded_services) == []


def test_a_folder_that_cannot_be_written_gives_a_french_message(
    qtbot, loaded_services, tasks, people, tmp_path
) -> None:
    referent, _, youth_id = people
    window = _open(qtbot, loaded_services, tasks, referent, youth_id, [], None)
    target = tmp_path / "dossier-absent" / "export.pdf"
    with qtbot.waitSignal(window.export_failed, timeout=WAIT) as failed:
        window.export_to(target)
    assert (
        "n'ont pas pu être écrits dans le dossier" in failed.args[0] and "Choisissez un autre dossier" in failed.args[0]
    )
    assert window.export_button.isEnabled() and not target.parent.exists()
