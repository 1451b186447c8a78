"""The follow-up diary, the 3-, 6- and 12-month outcomes and the youth's exit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pac_desktop.domain.enums import (
    FollowUpKind,
    OutcomeMilestone,
    OutcomeSituation,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth, youths_intake
from pac_desktop.storage.models import (
    FollowUpEvent,
    Organisation,
    Outcome,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from ..context import Actor
from ..outcomes import intake_date, schedule_outcomes
from .base import CaseFileServiceBase
from .reading import _open_assignment


class FollowUpSteps(CaseFileServiceBase):
    """The follow-up diary, outcomes and the youth's exit."""

    # -- follow-up -------------------------------------------------------------------------------

    def add_follow_up(
        self,
        *,
        youth_id: str,
        kind: FollowUpKind,
        occurred_on: date,
        note: str = "",
        partner_organisation_id: str | None = None,
        by: Actor,
    ) -> str:
        """Add an entry to the follow-up diary (a partner mobilisation names the partner)."""
        if occurred_on > self._ctx.today():
            raise DomainError(
                f"Le suivi est daté du {format_date(occurred_on)}, dans le futur : notez-le une fois qu'il a eu lieu."
            )
        if kind is FollowUpKind.PARTNER_MOBILISATION and not partner_organisation_id:
            raise DomainError("Pour une mobilisation de partenaire, choisissez le partenaire mobilisé.")
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if occurred_on < youth.birth_date:
                raise DomainError("La date du suivi précède la date de naissance du jeune : vérifiez-la.")
            if partner_organisation_id and session.get(Organisation, partner_organisation_id) is None:
                raise NotFound("Ce partenaire n'existe pas dans les données de référence.")
            event = FollowUpEvent(
                case_id=youth_id,
                youth_id=youth_id,
                kind=kind,
                occurred_on=occurred_on,
                staff_id=by.staff_id,
                partner_organisation_id=partner_organisation_id,
                note=note.strip(),
            )
            session.add(event)
            session.flush()
            return event.id

    # -- outcomes and exit -----------------------------------------------------------------------

    def record_outcome(
        self,
        *,
        youth_id: str,
        milestone: OutcomeMilestone,
        situation: OutcomeSituation,
        note: str = "",
        recorded_on: date | None = None,
        by: Actor,
    ) -> str:
        """Record where the youth stands at 3, 6 or 12 months (a correction overwrites, the sync keeps the trail)."""
        if milestone is OutcomeMilestone.EXIT:
            raise DomainError("La situation à la sortie s'enregistre avec « Sortie du dispositif ».")
        recorded_on = recorded_on or self._ctx.today()
        if recorded_on > self._ctx.today():
            raise DomainError(f"La date ({format_date(recorded_on)}) est dans le futur.")
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            row = self._outcome_row(session, youth, milestone, fallback_due=recorded_on)
            row.situation = situation
            row.note = note.strip()
            row.recorded_on = recorded_on
            row.recorded_by = by.staff_id
            session.flush()
            return row.id

    def exit_youth(
        self, *, youth_id: str, situation: OutcomeSituation, note: str = "", on: date | None = None, by: Actor
    ) -> str:
        """The youth leaves the programme: the exit outcome is recorded, the status becomes "sorti" and the
        referent's follow-up ends (the youth no longer counts in their caseload)."""
        on = on or self._ctx.today()
        if on > self._ctx.today():
            raise DomainError(f"La date de sortie ({format_date(on)}) est dans le futur.")
        self._refuse_if_exited(youth_id)
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if youth.status is YouthStatus.EXITED:
                raise DomainError(f"{youth.first_name} {youth.last_name} est déjà sorti du dispositif.")
            row = session.scalars(
                select(Outcome).where(
                    Outcome.youth_id == youth_id,
                    Outcome.milestone == OutcomeMilestone.EXIT,
                    Outcome.deleted_at.is_(None),
                )
            ).first()
            if row is None:
                intake = youths_intake(session, youth_id)
                row = Outcome(
                    case_id=youth_id,
                    youth_id=youth_id,
                    intake_id=intake.id if intake else None,
                    milestone=OutcomeMilestone.EXIT,
                    due_on=on,
                )
                session.add(row)
            row.situation = situation
            row.note = note.strip()
            row.recorded_on = on
            row.recorded_by = by.staff_id
            youth.status = YouthStatus.EXITED
            assignment = _open_assignment(session, youth_id)
            if assignment is not None:
                assignment.ended_on = max(on, assignment.started_on)
            session.flush()
            return row.id

    def _outcome_row(
        self, session: LocalSession, youth: Youth, milestone: OutcomeMilestone, *, fallback_due: date
    ) -> Outcome:
        row = session.scalars(
            select(Outcome).where(
                Outcome.youth_id == youth.id, Outcome.milestone == milestone, Outcome.deleted_at.is_(None)
            )
        ).first()
        if row is not None:
            return row
        intake = youths_intake(session, youth.id)
        start = intake_date(intake) if intake is not None else None
        if start is not None:
            schedule_outcomes(session, youth_id=youth.id, intake_id=intake.id, intake_on=start)
            session.flush()
            return session.scalars(
                select(Outcome).where(
                    Outcome.youth_id == youth.id, Outcome.milestone == milestone, Outcome.deleted_at.is_(None)
                )
            ).one()
        row = Outcome(case_id=youth.id, youth_id=youth.id, milestone=milestone, due_on=fallback_due)
        session.add(row)
        return row
