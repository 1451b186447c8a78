"""The referent's « À faire » list (outcomes due, youths without contact, appointments) and its threshold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from pac_desktop.domain.enums import (
    CONTACT_KINDS,
    IntakeState,
    OutcomeMilestone,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import PARIS, format_date, plural
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import staff_names
from pac_desktop.storage.models import (
    FollowUpEvent,
    JointIntake,
    LocalSetting,
    Outcome,
    ReferentAssignment,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession
from pac_desktop.storage.store import read_setting

from .casefile.base import CaseFileServiceBase
from .context import Actor
from .youths import OUTCOME_HORIZON_DAYS

#: "Suivis sans contact": no contact for more than this many days (a device setting, see no_contact_days()).
DEFAULT_NO_CONTACT_DAYS = 30
NO_CONTACT_DAYS_KEY = "casefile.no_contact_days"
MAX_TODO_LINES = 200


@dataclass(frozen=True)
class DueOutcome:
    outcome_id: str
    youth_id: str
    youth_name: str
    milestone: OutcomeMilestone
    due_on: date
    overdue: bool
    referent_name: str | None = None


@dataclass(frozen=True)
class QuietFollowUp:
    """A youth followed without a contact for too long."""

    youth_id: str
    youth_name: str
    last_contact_on: date | None
    since: date  # the last contact, or the start of the follow-up when there was none
    days: int


@dataclass(frozen=True)
class Appointment:
    youth_id: str
    youth_name: str
    at: datetime
    place: str | None
    with_name: str | None


@dataclass(frozen=True)
class ToDo:
    today: date
    no_contact_days: int
    outcomes: tuple[DueOutcome, ...]
    no_contact: tuple[QuietFollowUp, ...]
    appointments: tuple[Appointment, ...]

    @property
    def count(self) -> int:
        """What needs action: outcomes to record and youths to contact (the "À faire" badge)."""
        return len(self.outcomes) + len(self.no_contact)


class ToDoService(CaseFileServiceBase):
    """The referent's « À faire » list and the device's no-contact threshold."""

    # -- à faire ---------------------------------------------------------------------------------

    def no_contact_days(self) -> int:
        """The "no contact for too long" threshold of this device (30 days unless changed)."""
        with self._ctx.read() as session:
            raw = read_setting(session, NO_CONTACT_DAYS_KEY)
        try:
            days = int(raw) if raw is not None else DEFAULT_NO_CONTACT_DAYS
        except ValueError:
            return DEFAULT_NO_CONTACT_DAYS
        return days if days > 0 else DEFAULT_NO_CONTACT_DAYS

    def set_no_contact_days(self, *, days: int) -> None:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
            raise DomainError("Le délai sans contact doit être un nombre de jours entre 1 et 365.")
        with self._ctx.write() as session:
            setting = session.get(LocalSetting, NO_CONTACT_DAYS_KEY)
            if setting is None:
                session.add(LocalSetting(key=NO_CONTACT_DAYS_KEY, value=str(days)))
            else:
                setting.value = str(days)

    def to_do(self, *, by: Actor, no_contact_days: int | None = None) -> ToDo:
        """What the referent should do: outcomes due or overdue, youths without contact, coming appointments."""
        days = no_contact_days if no_contact_days is not None else self.no_contact_days()
        today = self._ctx.today()
        with self._ctx.read() as session:
            mine = select(ReferentAssignment.youth_id).where(
                ReferentAssignment.staff_id == by.staff_id,
                ReferentAssignment.ended_on.is_(None),
                ReferentAssignment.deleted_at.is_(None),
            )
            outcomes = _due_outcomes(session, today=today, within_days=OUTCOME_HORIZON_DAYS, youth_scope=mine)
            quiet = _quiet_follow_ups(session, today=today, days=days, staff_id=by.staff_id)
            appointments = _appointments(session, today=today, staff_id=by.staff_id, youth_scope=mine)
        return ToDo(today, days, tuple(outcomes), tuple(quiet), tuple(appointments))

    def outcomes_due(
        self, *, by: Actor, within_days: int = OUTCOME_HORIZON_DAYS, referent_id: str | None = None
    ) -> list[DueOutcome]:
        """Outcomes overdue or due within ``within_days`` (the territory's, or one referent's), oldest first.

        A referent always sees their own youths'; the territory's take a role that sees its case files."""
        if within_days < 0:
            raise DomainError("Le nombre de jours doit être positif ou nul.")
        own = referent_id is not None and referent_id == by.staff_id
        if not own and self._guard is not None:
            self._guard.require(by, Action.CASE_VIEW, territory_id=by.territory_id, entity="youth")
        today = self._ctx.today()
        with self._ctx.read() as session:
            scope = select(Youth.id).where(Youth.territory_id == by.territory_id)
            if referent_id is not None:
                scope = select(ReferentAssignment.youth_id).where(
                    ReferentAssignment.staff_id == referent_id,
                    ReferentAssignment.ended_on.is_(None),
                    ReferentAssignment.deleted_at.is_(None),
                )
                if not own:
                    scope = scope.join(Youth, Youth.id == ReferentAssignment.youth_id).where(
                        Youth.territory_id == by.territory_id
                    )
            return _due_outcomes(session, today=today, within_days=within_days, youth_scope=scope, limit=None)


def _due_outcomes(
    session: LocalSession, *, today: date, within_days: int, youth_scope: Any, limit: int | None = MAX_TODO_LINES
) -> list[DueOutcome]:
    stmt = (
        select(Outcome.id, Outcome.youth_id, Youth.first_name, Youth.last_name, Outcome.milestone, Outcome.due_on)
        .join(Youth, Youth.id == Outcome.youth_id)
        .where(
            Outcome.recorded_on.is_(None),
            Outcome.deleted_at.is_(None),
            Outcome.milestone != OutcomeMilestone.EXIT,
            Outcome.due_on <= today + timedelta(days=within_days),
            Youth.deleted_at.is_(None),
            Youth.status != YouthStatus.EXITED,
        )
        .order_by(Outcome.due_on, Youth.last_name_key, Youth.first_name_key)
    )
    if youth_scope is not None:
        stmt = stmt.where(Outcome.youth_id.in_(youth_scope))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    referents = dict(
        session.execute(
            select(ReferentAssignment.youth_id, ReferentAssignment.staff_id).where(
                ReferentAssignment.youth_id.in_({r.youth_id for r in rows}),
                ReferentAssignment.ended_on.is_(None),
                ReferentAssignment.deleted_at.is_(None),
            )
        ).all()
    )
    names = staff_names(session, referents.values())
    return [
        DueOutcome(oid, yid, f"{first} {last}", milestone, due, due < today, names.get(referents.get(yid, "")))
        for oid, yid, first, last, milestone, due in rows
    ]


def _quiet_follow_ups(session: LocalSession, *, today: date, days: int, staff_id: str) -> list[QuietFollowUp]:
    last_contact = (
        select(FollowUpEvent.youth_id, func.max(FollowUpEvent.occurred_on).label("last_on"))
        .where(FollowUpEvent.kind.in_(sorted(CONTACT_KINDS)), FollowUpEvent.deleted_at.is_(None))
        .group_by(FollowUpEvent.youth_id)
        .subquery()
    )
    rows = session.execute(
        select(Youth.id, Youth.first_name, Youth.last_name, ReferentAssignment.started_on, last_contact.c.last_on)
        .join(ReferentAssignment, ReferentAssignment.youth_id == Youth.id)
        .outerjoin(last_contact, last_contact.c.youth_id == Youth.id)
        .where(
            ReferentAssignment.staff_id == staff_id,
            ReferentAssignment.ended_on.is_(None),
            ReferentAssignment.deleted_at.is_(None),
            Youth.deleted_at.is_(None),
            Youth.status == YouthStatus.FOLLOWED,
        )
    ).all()
    quiet: list[QuietFollowUp] = []
    for youth_id, first, last, started_on, last_on in rows:
        since = last_on or started_on
        waited = (today - since).days
        if waited > days:
            quiet.append(QuietFollowUp(youth_id, f"{first} {last}", last_on, since, waited))
    quiet.sort(key=lambda q: (-q.days, q.youth_name))
    return quiet[:MAX_TODO_LINES]


def _appointments(session: LocalSession, *, today: date, staff_id: str, youth_scope: Any) -> list[Appointment]:
    start = datetime.combine(today, time.min, PARIS).astimezone(UTC)
    rows = session.execute(
        select(
            JointIntake.youth_id,
            Youth.first_name,
            Youth.last_name,
            JointIntake.next_appointment_at,
            JointIntake.next_appointment_place,
            JointIntake.next_appointment_staff_id,
        )
        .join(Youth, Youth.id == JointIntake.youth_id)
        .where(
            JointIntake.deleted_at.is_(None),
            JointIntake.state.not_in([IntakeState.CANCELLED, IntakeState.NO_SHOW]),
            JointIntake.next_appointment_at >= start,
            Youth.deleted_at.is_(None),
            Youth.status != YouthStatus.EXITED,
            or_(JointIntake.next_appointment_staff_id == staff_id, JointIntake.youth_id.in_(youth_scope)),
        )
        .order_by(JointIntake.next_appointment_at)
        .limit(MAX_TODO_LINES)
    ).all()
    names = staff_names(session, [r[5] for r in rows])
    return [
        Appointment(yid, f"{first} {last}", at, place, names.get(with_id or ""))
        for yid, first, last, at, place, with_id in rows
    ]


def describe_due(outcome: DueOutcome, today: date) -> str:
    """ "Situation à 3 mois : en retard de 4 jours (due le 8 mars 2026)" — for lists and the command line."""
    delta = (outcome.due_on - today).days
    if delta < 0:
        when = f"en retard de {plural(-delta, 'jour')}"
    elif delta == 0:
        when = "due aujourd'hui"
    else:
        when = f"due dans {plural(delta, 'jour')}"
    return f"Situation {outcome.milestone.label.lower()} : {when} (le {format_date(outcome.due_on)})"
