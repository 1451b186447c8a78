"""One read model of an intake (issue 11): the wizard, the case file's « Accueil commun » tab, the session
summary, the passport and the personal-data export say the same date, age, team and solutions.

The intake is planned at 00:30 on 10 March in Paris (still 9 March in UTC) for a youth born on 10 March 2008:
18 years old that day. Each consumer is read as the user meets it: the wizard's header, the labels of the case
file's tab, the text of the printed PDF, the export's JSON.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from intake_builders import fill_until_validation, make_team, new_youth
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from pac_desktop.domain.french import PARIS
from pac_desktop.gui.intake.wizard import IntakeWizard
from pac_desktop.gui.youths.case_file_window import CaseFileWindow
from pac_desktop.services.data_rights import write_subject_export

WAIT = 15_000


def _words(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def test_the_wizard_the_case_file_and_the_documents_read_one_intake(qtbot, loaded_services, tasks, tmp_path):
    s = loaded_services
    team = make_team(s, "tarbes")
    youth_id = new_youth(s, team, first="Nina", last="Testunique", birth=date(2008, 3, 10))
    intake_id = s.intake.start(youth_id=youth_id, planned_at=datetime(2026, 3, 10, 0, 30, tzinfo=PARIS), by=team.lead)
    fill_until_validation(s, team, intake_id)
    # Stage 1 dates the intake to the day it was held (today): take it back to the planned day and hour.
    s.intake.save_field(intake_id=intake_id, field="intake.held_on", value=None, by=team.lead)

    # The wizard, as the counsellors see it.
    wizard = IntakeWizard(service=s.intake, actor=team.lead, tasks=tasks)
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.intake_loaded, timeout=WAIT):
        wizard.open_intake(intake_id)
    detail = wizard.detail
    assert detail is not None
    assert detail.intake_day == date(2026, 3, 10) and detail.youth.age == 18
    assert ", 18 ans · " in wizard.ui.title_label.text()
    team_lines = detail.team_lines()
    counsellors = [p.staff_name for p in detail.present_counsellors]
    assert len(counsellors) >= 3 and all(counsellors)
    solutions = detail.solution_lines()
    assert solutions == ("Découverte des métiers du bâtiment — le jeune accepte",)

    # The case file's « Accueil commun » tab (a referent's view of the same intake).
    window = CaseFileWindow(services=s, actor=team.admin, tasks=tasks, youth_id=youth_id, ask_export=lambda *_: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    shown = "\n".join(label.text() for label in window.ui.intake_scroll.findChildren(QLabel))
    assert "Accueil commun du 10 mars 2026" in shown, shown
    assert "Âge à l'accueil : 18 ans" in shown
    assert "Participants : " + " ; ".join(team_lines) in shown
    assert "Solutions proposées : " + " ; ".join(solutions) in shown

    # The printed summary, read back.
    printed = s.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "fiche.pdf", actor=team.admin)
    text = _words(printed.path)
    assert "10 mars 2026" in text or "10/03/2026" in text, text
    assert not re.search(r"(?<!\d)9 mars 2026", text) and "09/03/2026" not in text  # the UTC day
    assert "18 ans" in text and "17 ans" not in text
    for name in counsellors:
        assert name in text
    assert "Découverte des métiers du bâtiment" in text

    # The passport and the personal-data export.
    assert s.documents.passport(intake_id=intake_id).intake_date == date(2026, 3, 10)
    export = s.data_rights.subject_export(youth_id=youth_id, actor=team.admin)
    json_path, pdf_path = write_subject_export(export, tmp_path)
    brief = json.loads(json_path.read_text(encoding="utf-8"))["intakes"]
    assert brief == [
        {
            "intake_id": intake_id,
            "date": "2026-03-10",
            "age_at_intake": 18,
            "territory": detail.territory_name,
            "state": detail.state.label,
            "team": list(team_lines),
            "solutions": list(solutions),
        }
    ]
    exported = _words(pdf_path)
    assert "Accueil commun du 10 mars 2026" in exported and "18 ans" in exported
