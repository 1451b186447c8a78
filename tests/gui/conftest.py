"""GUI fixtures: the task runner, settings in tmp_path, and a counsellor's day written in a real store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from gui_helpers import COUNSELLOR_LOGIN, COUNSELLOR_PASSWORD

from pac_desktop.domain.enums import IntakeState, OutcomeMilestone, ParticipantKind, StaffRole, YouthStatus


@pytest.fixture
def tasks(qapp):
    from pac_desktop.gui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    assert runner.wait_for_all(10_000)
    qapp.processEvents()  # deliver what the workers posted before the runner goes


@pytest.fixture
def preferences(qapp, tmp_path: Path):
    from PySide6.QtCore import QSettings

    from pac_desktop.gui.settings import Preferences

    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def themed(qapp, preferences):
    """The look of the real application (Fusion, the palette, 11 pt text, the style sheet), undone afterwards."""
    from pac_desktop.gui.theme import Theme

    font, sheet, palette, style = qapp.font(), qapp.styleSheet(), qapp.palette(), qapp.style().name()
    Theme(qapp, preferences).apply()
    yield
    from PySide6.QtWidgets import QStyleFactory

    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)
    restored = QStyleFactory.create(style)
    if restored is not None:
        qapp.setStyle(restored)


@dataclass(frozen=True)
class CounsellorDay:
    staff_id: str
    other_staff_id: str
    planned: int  # what the fixture wrote, for the tests to compare with
    in_progress: int
    followed: int


def _youth(session, territory_id: str, n: int):
    from pac_desktop.storage.models import Youth

    youth = Youth(
        territory_id=territory_id,
        first_name=f"Prénom{n}",
        last_name=f"Fictif{n}",
        birth_date=date(2008, 1 + n % 12, 1 + n % 27),
        status=YouthStatus.IN_INTAKE,
    )
    youth.case_id = youth.id = f"00000000-0000-4000-8000-{n:012d}"
    session.add(youth)
    session.flush()  # no relationship() between the models: the unit of work does not order the inserts
    return youth


@pytest.fixture
def counsellor_day(loaded_services, today: date) -> CounsellorDay:
    """A CIO counsellor and referent with planned and in-progress intakes, youths followed and outcomes due.

    Another counsellor of another territory has rows of their own, which must not show on the first one's day.
    """
    from sqlalchemy import select

    from pac_desktop.storage.models import (
        IntakeParticipant,
        JointIntake,
        Organisation,
        Outcome,
        ReferentAssignment,
    )

    services = loaded_services
    staff_id = services.staff.add(
        first_name="Marie",
        last_name="Dupont",
        organisation_code="cio-toulouse-nord",
        roles=[StaffRole.COUNSELLOR, StaffRole.REFERENT],
        login=COUNSELLOR_LOGIN,
        password=COUNSELLOR_PASSWORD,
        caseload_cap=40,
    )
    other_id = services.staff.add(
        first_name="Paul",
        last_name="Lambert",
        organisation_code="cio-tarbes",
        roles=[StaffRole.COUNSELLOR, StaffRole.REFERENT],
    )
    noon = datetime(today.year, today.month, today.day, 12, 0, tzinfo=UTC)
    with services.ctx.write(staff_id) as session:
        orgs = {o.code: o for o in session.scalars(select(Organisation))}
        mine, theirs = orgs["cio-toulouse-nord"], orgs["cio-tarbes"]
        n = 0

        def intake(org, state: IntakeState, when: datetime | None, participant: str, step: str = "youth"):
            nonlocal n
            n += 1
            youth = _youth(session, org.territory_id, n)
            row = JointIntake(
                youth_id=youth.id,
                case_id=youth.id,
                territory_id=org.territory_id,
                host_organisation_id=org.id,
                planned_at=when,
                state=state,
                current_step=step,
            )
            session.add(row)
            session.flush()
            session.add(
                IntakeParticipant(
                    intake_id=row.id, case_id=youth.id, kind=ParticipantKind.COUNSELLOR, staff_id=participant
                )
            )
            return youth

        for days in (0, 1, 7, -2):  # today, tomorrow, next week, and one whose date has passed
            intake(mine, IntakeState.PLANNED, noon + timedelta(days=days), staff_id)
        intake(mine, IntakeState.PLANNED, None, staff_id)  # no date yet
        intake(mine, IntakeState.STAGE_1, noon - timedelta(days=1), staff_id, step="analysis")
        intake(mine, IntakeState.STAGE_2, noon - timedelta(days=3), staff_id, step="solutions")
        intake(mine, IntakeState.VALIDATED, noon - timedelta(days=30), staff_id)  # neither list
        intake(theirs, IntakeState.PLANNED, noon, other_id)  # other territory, other counsellor
        intake(theirs, IntakeState.STAGE_1, noon, other_id)

        followed = 0
        for k in range(12):
            youth = _youth(session, mine.territory_id, 100 + k)
            youth.status = YouthStatus.FOLLOWED
            ended = date(2026, 1, 5) if k == 11 else None  # one assignment already closed
            session.add(
                ReferentAssignment(
                    youth_id=youth.id, case_id=youth.id, staff_id=staff_id, started_on=date(2025, 10, 1), ended_on=ended
                )
            )
            followed += ended is None
            if k < 4:  # outcomes: two overdue, one due in 5 days, one outside the horizon
                due = today + timedelta(days=(-10, -1, 5, 60)[k])
                session.add(
                    Outcome(youth_id=youth.id, case_id=youth.id, milestone=OutcomeMilestone.MONTH_3, due_on=due)
                )
            if k == 4:  # already recorded: not due any more
                session.add(
                    Outcome(
                        youth_id=youth.id,
                        case_id=youth.id,
                        milestone=OutcomeMilestone.MONTH_3,
                        due_on=today - timedelta(days=3),
                        recorded_on=today - timedelta(days=2),
                    )
                )
        for k in range(3):  # the other referent's youths
            youth = _youth(session, theirs.territory_id, 200 + k)
            session.add(
                ReferentAssignment(youth_id=youth.id, case_id=youth.id, staff_id=other_id, started_on=date(2025, 10, 1))
            )
    return CounsellorDay(staff_id=staff_id, other_staff_id=other_id, planned=5, in_progress=2, followed=followed)


@pytest.fixture
def counsellor(loaded_services, counsellor_day):
    """The Actor of the counsellor of ``counsellor_day`` (as the login returns it, without the 0.5 s hash check)."""
    from pac_desktop.services.staff import actor_for

    with loaded_services.ctx.read() as session:
        return actor_for(session, counsellor_day.staff_id)
