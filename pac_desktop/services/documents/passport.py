"""The youth's passport (Passeport Accueil Commun)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.enums import (
    SolutionStatus,
    YouthAnswer,
)
from pac_desktop.reports.model import (
    Address,
    AppointmentLine,
    Passport,
    PassportStep,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    JointIntake,
    ProposedSolution,
    ReferentAssignment,
)
from pac_desktop.storage.outbox import LocalSession

from ..context import Actor
from ..intake.read_model import read_intake
from .base import DocumentKind, DocumentsServiceBase, PrintedDocument
from .rows import _alive, _get_intake, _latest_intake, _Lookup


class Passports(DocumentsServiceBase):
    """The youth's passport."""

    def passport(self, *, intake_id: str | None = None, youth_id: str | None = None) -> Passport:
        """The youth's passport, from an intake or from the youth's latest intake (validated first)."""
        if (intake_id is None) == (youth_id is None):
            raise ValueError("give exactly one of intake_id and youth_id")
        with self._ctx.read() as session:
            intake = _get_intake(session, intake_id) if intake_id else _latest_intake(session, youth_id or "")
            lookup = _Lookup(session)
            return _build_passport(session, intake, lookup=lookup, generated_at=self._clock(), today=self._ctx.today())

    def print_passport(
        self,
        *,
        path: Path,
        actor: Actor | str | None,
        intake_id: str | None = None,
        youth_id: str | None = None,
    ) -> PrintedDocument:
        passport = self.passport(intake_id=intake_id, youth_id=youth_id)
        self._require(actor, (Action.CASE_PRINT,), youth_id=passport.youth_id, entity="joint_intake",
                      entity_id=passport.intake_id)
        return self._print(
            path,
            actor,
            lambda out: reports.render_passport(passport, out),
            kind=DocumentKind.PASSPORT,
            title="Passeport du jeune",
            entity="joint_intake",
            entity_id=passport.intake_id,
            youth_id=passport.youth_id,
            territory_id=passport.territory_id,
        )


# ==================================================================================================
# Passeport
# ==================================================================================================


def _build_passport(
    session: LocalSession, intake: JointIntake, *, lookup: _Lookup, generated_at: datetime, today: date
) -> Passport:
    """The passport: the intake from its one read model (``read_intake``: its date, its next appointment), the
    referent and the steps as the youth's file stands now."""
    detail = read_intake(session, intake, today)
    youth = detail.youth

    # The referent who follows the youth now; the one designated at this intake otherwise.
    assignment = session.scalar(
        select(ReferentAssignment)
        .where(
            ReferentAssignment.youth_id == youth.id,
            ReferentAssignment.ended_on.is_(None),
            _alive(ReferentAssignment),
        )
        .order_by(ReferentAssignment.started_on.desc())
        .limit(1)
    ) or session.scalar(
        select(ReferentAssignment)
        .where(ReferentAssignment.intake_id == intake.id, _alive(ReferentAssignment))
        .order_by(ReferentAssignment.started_on.desc())
        .limit(1)
    )
    referent_name = referent_org = referent_phone = referent_email = None
    partners: list[Address] = []
    if assignment is not None:
        staff = lookup.staff.get(assignment.staff_id)
        org = lookup.staff_org(assignment.staff_id)
        referent_name = lookup.staff_name(assignment.staff_id)
        if org is not None:
            referent_org = lookup.address(org)
            partners.append(referent_org)
        referent_phone = (staff.phone if staff and staff.phone else None) or (org.phone if org else None)
        referent_email = (staff.email if staff and staff.email else None) or (org.email if org else None)

    solutions = session.scalars(
        select(ProposedSolution)
        .where(
            ProposedSolution.youth_id == youth.id,
            ProposedSolution.youth_answer == YouthAnswer.ACCEPTED,
            ProposedSolution.status.in_([SolutionStatus.PROPOSED, SolutionStatus.STARTED]),
            _alive(ProposedSolution),
        )
        .order_by(ProposedSolution.planned_start.is_(None), ProposedSolution.planned_start, ProposedSolution.id)
    ).all()
    steps: list[PassportStep] = []
    for s in solutions:
        offer = lookup.offers.get(s.offer_id or "")
        provider = lookup.orgs.get(offer.provider_id or "") if offer else None
        steps.append(
            PassportStep(
                title=offer.title if offer else (s.free_text or "Solution"),
                description=offer.description if offer else "",
                category=s.category,
                planned_start=s.planned_start,
                provider=provider.name if provider else None,
            )
        )
        if provider is not None:
            partners.append(lookup.address(provider))

    next_appointment = None
    if detail.next_appointment_at:
        next_appointment = AppointmentLine(
            at=detail.next_appointment_at,
            place=detail.next_appointment_place,
            with_name=detail.next_appointment_staff_name,
        )

    unique: dict[str, Address] = {}
    for address in partners:
        unique.setdefault(address.name, address)

    return Passport(
        intake_id=intake.id,
        youth_id=youth.id,
        territory_id=intake.territory_id,
        letterhead=lookup.letterhead(intake.territory_id),
        generated_at=generated_at,
        first_name=youth.first_name,
        last_name=youth.last_name,
        intake_date=detail.intake_day,
        territory_name=detail.territory_name,
        referent_name=referent_name,
        referent_organisation=referent_org,
        referent_phone=referent_phone,
        referent_email=referent_email,
        steps=tuple(steps),
        next_appointment=next_appointment,
        partners=tuple(unique.values()),
    )
