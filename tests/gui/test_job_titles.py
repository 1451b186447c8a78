"""Job titles as reference data (issue 18 §7): a territory renames a role in resources/reference/job_titles.json,
and the intake's team step on screen, the session summary in print and the missing-team message all say the new
name; the other territories keep theirs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from intake_builders import fill_until_validation, make_team, new_youth
from intake_gui_helpers import make_page
from pypdf import PdfReader

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.reference import ReferenceDataError, load_reference_data
from pac_desktop.paths import resource_path
from pac_desktop.services.intake import IntakeStep

RENAMED = "Conseillère en insertion de la Mission Locale de Tarbes"
TIMEOUT = 10_000


def _renamed_reference(tmp_path: Path, entries: list[dict]) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(resource_path("reference"), folder)
    titles = json.loads((folder / "job_titles.json").read_text(encoding="utf-8"))
    (folder / "job_titles.json").write_text(json.dumps(titles + entries, ensure_ascii=False), encoding="utf-8")
    return folder


def test_the_shipped_names_come_from_the_file():
    data = load_reference_data()
    assert data.job_title(IntakeRole.CIO_PSYCHOLOGIST, "ariege") == "Psychologue de l'Éducation nationale (PsyEN)"
    assert data.job_title(IntakeRole.MGI_COUNSELLOR, "tarbes") == "Coordonnateur MLDS (ex-MGI)"


def test_a_bad_entry_is_refused_in_french(tmp_path):
    folder = _renamed_reference(tmp_path, [{"role": "ml_counsellor", "territory": "paris", "title": "X"},
                                           {"role": "chef", "territory": None, "title": "Y"}])
    with pytest.raises(ReferenceDataError) as error:
        load_reference_data(folder)
    assert "job_titles.json" in str(error.value) and "« chef »" in str(error.value)


def test_a_renamed_role_shows_on_screen_and_in_print(qtbot, loaded_services, tasks, tmp_path):
    s = loaded_services
    report = s.reference.load(directory=_renamed_reference(
        tmp_path, [{"role": "ml_counsellor", "territory": "tarbes", "title": RENAMED}]))
    assert report.updated >= 1 and report.created == 0
    assert s.reference.job_titles(territory_id=s.reference.territories()[1].id)[IntakeRole.ML_COUNSELLOR] == RENAMED
    team = make_team(s, "tarbes")
    intake_id = s.intake.start(youth_id=new_youth(s, team), by=team.lead)

    # Nobody chosen yet for the role: the checklist names it as the territory does.
    detail = s.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert any(f"Rôle « {RENAMED} »" in m.message for m in detail.missing)
    ml = next(p for p in detail.counsellors if p.role is IntakeRole.ML_COUNSELLOR)
    assert ml.role_title == RENAMED

    # On screen: the intake's team step.
    fill_until_validation(s, team, intake_id)
    s.intake.set_step(intake_id=intake_id, step="participants", by=team.lead)
    page = make_page(qtbot, s, team.lead, tasks)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)
    participants = page.wizard.page(IntakeStep.PARTICIPANTS)
    labels = [row.role_label.text() for row in participants.rows if row.role is not None]
    assert RENAMED in labels and "Psychologue de l'Éducation nationale (PsyEN)" in labels
    assert IntakeRole.ML_COUNSELLOR.label not in labels

    # In print: the session summary.
    printed = s.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "fiche.pdf", actor=team.lead)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(printed.path).pages).split())
    assert RENAMED in text and "Coordonnateur MLDS (ex-MGI)" in text

    # Another territory keeps the general name.
    other = s.reference.job_titles(territory_id=s.reference.territories()[0].id)
    assert other[IntakeRole.ML_COUNSELLOR] == "Conseiller Mission Locale"
