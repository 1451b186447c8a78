"""Reading intakes: the detail the wizard shows, the list of open intakes, a youth's intakes."""

from __future__ import annotations

from sqlalchemy import func, select

from pac_desktop.domain.eligibility import (
    age_on,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    JointIntake,
    Organisation,
    Territory,
    Youth,
)

from ..choices import OrganisationChoice
from ..context import Actor
from .base import IntakeServiceBase
from .read_model import read_intake
from .rows import _intake, _intake_date, _step
from .views import OPEN_STATES, IntakeDetail, IntakeSummaryLine, OpenIntakeLine


class IntakeReads(IntakeServiceBase):
    """Reading intakes: the detail the wizard shows, open intakes, a youth's intakes."""

    # ---- reading ----------------------------------------------------------------------------

    def intake_detail(self, *, intake_id: str, by: Actor) -> IntakeDetail:
        """Everything about the intake, for its counsellors (and for those who may see the youth's file)."""
        if self._guard is not None:
            with self._ctx.read() as session:
                intake = _intake(session, intake_id)
                youth_id, territory_id = intake.youth_id, intake.territory_id
            if not self._guard.allows(by, Action.INTAKE_EDIT, territory_id=territory_id):
                self._guard.require(by, Action.CASE_VIEW, youth_id=youth_id, entity="joint_intake", entity_id=intake_id)
        with self._ctx.read() as session:
            return read_intake(session, _intake(session, intake_id), self._ctx.today())

    def open_intakes(
        self, *, by: Actor, territory_id: str | None = None, limit: int = 200
    ) -> tuple[OpenIntakeLine, ...]:
        """Intakes not finished yet ("Accueils en cours") of a territory (the actor's by default), the most
        recently touched first."""
        territory_id = territory_id or by.territory_id
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=territory_id, entity="joint_intake")
        today = self._ctx.today()
        with self._ctx.read() as session:
            stmt = (
                select(JointIntake, Youth, Territory.name, Organisation.short_name, Organisation.name)
                .join(Youth, Youth.id == JointIntake.youth_id)
                .join(Territory, Territory.id == JointIntake.territory_id)
                .outerjoin(Organisation, Organisation.id == JointIntake.host_organisation_id)
                .where(JointIntake.state.in_(OPEN_STATES), JointIntake.deleted_at.is_(None))
                .order_by(JointIntake.updated_at.desc())
                .limit(limit)
            )
            if territory_id:
                stmt = stmt.where(JointIntake.territory_id == territory_id)
            lines = []
            for intake, youth, territory_name, short, name in session.execute(stmt):
                intake_date = _intake_date(intake, today)
                age = age_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else None
                lines.append(
                    OpenIntakeLine(
                        intake_id=intake.id,
                        youth_id=youth.id,
                        youth_name=f"{youth.first_name} {youth.last_name}",
                        youth_short_name=f"{youth.first_name} {youth.last_name[:1]}.",
                        age=age,
                        territory_name=territory_name,
                        host_organisation_name=short or name,
                        state=intake.state,
                        current_step=_step(intake.current_step),
                        planned_at=intake.planned_at,
                        held_on=intake.held_on,
                        updated_at=intake.updated_at,
                    )
                )
            return tuple(lines)

    def open_intake_count(self, *, territory_id: str | None = None) -> int:
        """How many intakes are in progress (the badge of "Accueils")."""
        with self._ctx.read() as session:
            stmt = (
                select(func.count())
                .select_from(JointIntake)
                .where(JointIntake.state.in_(OPEN_STATES), JointIntake.deleted_at.is_(None))
            )
            if territory_id:
                stmt = stmt.where(JointIntake.territory_id == territory_id)
            return session.scalar(stmt) or 0

    def partner_organisations(self, *, intake_id: str) -> tuple[OrganisationChoice, ...]:
        """The organisations of the intake's territory (who may have referred the youth)."""
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            rows = session.scalars(
                select(Organisation)
                .where(Organisation.territory_id == intake.territory_id, Organisation.deleted_at.is_(None))
                .order_by(Organisation.name)
            ).all()
            return tuple(
                OrganisationChoice(o.id, o.short_name or o.name, (o.partner_kind or o.kind).label) for o in rows
            )

    def intakes_for_youth(self, *, youth_id: str) -> tuple[IntakeSummaryLine, ...]:
        """Every intake of a youth, the latest first (the case file's "Accueil commun" tab)."""
        with self._ctx.read() as session:
            rows = session.execute(
                select(JointIntake, Territory.name)
                .join(Territory, Territory.id == JointIntake.territory_id)
                .where(JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None))
                .order_by(JointIntake.updated_at.desc())
            ).all()
            return tuple(
                IntakeSummaryLine(
                    intake_id=i.id,
                    state=i.state,
                    held_on=i.held_on,
                    planned_at=i.planned_at,
                    territory_name=name,
                    validated_at=i.validated_at,
                    current_step=_step(i.current_step),
                )
                for i, name in rows
            )
