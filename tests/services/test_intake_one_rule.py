"""One rule for "the intake date" and for "the youth's intake" (issue 11): the wizard, the case file and the
documents give the same answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from intake_builders import make_team, new_youth
from pypdf import PdfReader

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.errors import NotFound
from pac_desktop.domain.french import PARIS


def test_the_intake_date_is_the_paris_day():
    from pac_desktop.domain.intake_state import intake_day

    # 00:30 on 20 March in Paris is still 19 March in UTC.
    planned = datetime(2026, 3, 20, 0, 30, tzinfo=PARIS)
    assert planned.astimezone(UTC).date() == date(2026, 3, 19)
    assert intake_day(held_on=None, planned_at=planned) == date(2026, 3, 20)
    assert intake_day(held_on=None, planned_at=planned.astimezone(UTC).replace(tzinfo=None)) == date(2026, 3, 20)
    assert intake_day(held_on=date(2026, 3, 21), planned_at=planned) == date(2026, 3, 21)
    assert intake_day(held_on=None, planned_at=None) is None


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def test_age_on_the_summary_is_the_wizard_s_at_00_30(loaded_services, team, tmp_path):
    s = loaded_services
    youth_id = new_youth(s, team, first="Nina", last="Testminuit", birth=date(2008, 3, 20))
    intake_id = s.intake.start(youth_id=youth_id, planned_at=datetime(2026, 3, 20, 0, 30, tzinfo=PARIS), by=team.lead)

    wizard = s.intake.intake_detail(intake_id=intake_id, by=team.lead)
    summary = s.documents.session_summary(intake_id=intake_id)
    assert wizard.youth.age == summary.youth.age_at_intake == 18
    assert summary.youth.adult and not wizard.youth.minor

    printed = s.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "fiche.pdf", actor=team.lead)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(printed.path)).pages)
    assert "18 ans" in text and "17 ans" not in text


def test_a_no_show_is_never_the_youth_s_intake(loaded_services, team):
    """The youth did not come to the intake planned on 20 March; a new one was held on 12 March (today)."""
    s = loaded_services
    youth_id = new_youth(s, team, first="Rémi", last="Testabsent")
    missed = s.intake.start(youth_id=youth_id, planned_at=datetime(2026, 3, 20, 10, 0, tzinfo=PARIS), by=team.lead)
    s.intake.mark_no_show(intake_id=missed, by=team.lead)
    assert s.intake.intake_detail(intake_id=missed, by=team.lead).state is IntakeState.NO_SHOW

    # Only the no-show so far: neither the case file nor the passport takes it for the youth's intake.
    assert s.casefile.case_file(youth_id=youth_id, by=team.admin).intake is None
    with pytest.raises(NotFound):
        s.documents.passport(youth_id=youth_id)

    held = s.intake.start(youth_id=youth_id, by=team.lead)
    case = s.casefile.case_file(youth_id=youth_id, by=team.admin)
    assert case.intake is not None and case.intake.id == held
    assert s.documents.passport(youth_id=youth_id).intake_id == held
