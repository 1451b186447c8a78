"""Proposed solutions (the offer catalogue) and the designation of the single referent."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select

from pac_desktop.domain.caseload import check_designation
from pac_desktop.domain.eligibility import (
    age_on,
)
from pac_desktop.domain.enums import (
    OfferCategory,
    StaffRole,
    YouthAnswer,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import parse_date_fr
from pac_desktop.domain.text import normalise
from pac_desktop.storage.base import new_id, utcnow
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    Organisation,
    ProposedSolution,
    ReferentAssignment,
    ServiceOffer,
    Staff,
    StaffRoleGrant,
)
from pac_desktop.storage.outbox import LocalSession, tombstone

from ..choices import ReferentChoice
from ..context import Actor
from ..offers import solution_category
from ..staff import current_caseloads
from .base import IntakeServiceBase
from .fields import FIELDS, _coerce
from .rows import _current_assignment, _editable, _intake, _intake_date, _referent_info, _solution
from .views import UNSET, OfferLine, ReferentInfo, SaveResult


class SolutionSteps(IntakeServiceBase):
    """Proposed solutions and the single referent."""

    # ---- stage 2: solutions ------------------------------------------------------------------

    def catalogue(
        self, *, intake_id: str, category: OfferCategory | None = None, search: str = ""
    ) -> tuple[OfferLine, ...]:
        """The offers open to this youth: this territory's and everyone's, of the right age, NAF ones only to
        newly arrived youths; optionally one category and words to find in the title, description or provider.
        """
        today = self._ctx.today()
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            youth = live_youth(session, intake.youth_id)
            stmt = (
                select(ServiceOffer, Organisation.short_name, Organisation.name)
                .outerjoin(Organisation, Organisation.id == ServiceOffer.provider_id)
                .where(
                    ServiceOffer.active.is_(True),
                    ServiceOffer.deleted_at.is_(None),
                    or_(ServiceOffer.territory_id.is_(None), ServiceOffer.territory_id == intake.territory_id),
                )
            )
            intake_date = _intake_date(intake, today)
            if youth.birth_date <= intake_date:
                age = age_on(youth.birth_date, intake_date)
                stmt = stmt.where(
                    ServiceOffer.min_age <= age, or_(ServiceOffer.max_age.is_(None), ServiceOffer.max_age >= age)
                )
            if not youth.newly_arrived:
                stmt = stmt.where(ServiceOffer.newly_arrived_only.is_(False))
            if category is not None:
                stmt = stmt.where(ServiceOffer.category == OfferCategory(category))
            words = normalise(search).split()
            order = {c: i for i, c in enumerate(OfferCategory)}
            lines = []
            for offer, short, name in session.execute(stmt):
                provider = short or name
                if words:
                    haystack = normalise(f"{offer.title} {offer.description} {provider or ''}")
                    if not all(w in haystack for w in words):
                        continue
                lines.append(
                    OfferLine(
                        offer_id=offer.id,
                        code=offer.code,
                        title=offer.title,
                        description=offer.description,
                        category=offer.category,
                        provider_name=provider,
                        local=offer.territory_id is not None,
                        min_age=offer.min_age,
                        max_age=offer.max_age,
                        newly_arrived_only=offer.newly_arrived_only,
                    )
                )
            lines.sort(key=lambda o: (order[o.category], normalise(o.title)))
            return tuple(lines)

    def add_solution(
        self,
        *,
        intake_id: str,
        offer_id: str | None = None,
        free_text: str | None = None,
        category: OfferCategory | None = None,
        youth_answer: YouthAnswer = YouthAnswer.THINKING,
        planned_start: date | None = None,
        solution_id: str | None = None,
        by: Actor,
    ) -> str:
        """Propose an offer of the catalogue, or a solution written freely (with its category)."""
        free_text = (free_text or "").strip() or None
        if (offer_id is None) == (free_text is None):
            raise DomainError("Choisissez une offre du catalogue, ou décrivez la solution en quelques mots.")
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            solution_id = solution_id or new_id()
            if session.get(ProposedSolution, solution_id) is not None:
                return solution_id  # the same save again
            kind = solution_category(session, offer_id=offer_id, category=category, territory_id=intake.territory_id)
            if kind.offer is not None:
                already = session.scalar(
                    select(ProposedSolution.id).where(
                        ProposedSolution.intake_id == intake.id,
                        ProposedSolution.offer_id == offer_id,
                        ProposedSolution.deleted_at.is_(None),
                    )
                )
                if already:
                    raise DomainError(f"« {kind.offer.title} » est déjà dans les solutions proposées.")
            session.add(
                ProposedSolution(
                    id=solution_id,
                    case_id=intake.case_id,
                    intake_id=intake.id,
                    youth_id=intake.youth_id,
                    offer_id=offer_id,
                    free_text=free_text,
                    category=kind.category,
                    youth_answer=YouthAnswer(youth_answer),
                    planned_start=planned_start,
                )
            )
            return solution_id

    def update_solution(
        self,
        *,
        solution_id: str,
        by: Actor,
        youth_answer: YouthAnswer = UNSET,
        planned_start: date | None = UNSET,
        free_text: str = UNSET,
        category: OfferCategory = UNSET,
        notes: str = UNSET,
    ) -> SaveResult:
        self._require_edit(by, row=(ProposedSolution, solution_id))
        with self._ctx.write(by) as session:
            solution = _solution(session, solution_id)
            _editable(session, solution.intake_id)
            changes: dict[str, Any] = {}
            if youth_answer is not UNSET:
                changes["youth_answer"] = YouthAnswer(youth_answer)
            if planned_start is not UNSET:
                if isinstance(planned_start, str):
                    planned_start = parse_date_fr(planned_start) if planned_start.strip() else None
                changes["planned_start"] = planned_start
            if free_text is not UNSET:
                if solution.offer_id is not None:
                    raise DomainError("Une offre du catalogue garde son intitulé ; ajoutez une remarque si besoin.")
                if not free_text.strip():
                    raise DomainError("Décrivez la solution en quelques mots.")
                changes["free_text"] = free_text
            if category is not UNSET:
                if solution.offer_id is not None:
                    raise DomainError("Une offre du catalogue garde sa catégorie.")
                changes["category"] = OfferCategory(category)
            if notes is not UNSET:
                changes["notes"] = notes
            for attr, value in changes.items():
                if getattr(solution, attr) != value:
                    setattr(solution, attr, value)
            return SaveResult(saved_at=utcnow())

    def remove_solution(self, *, solution_id: str, by: Actor) -> None:
        self._require_edit(by, row=(ProposedSolution, solution_id))
        with self._ctx.write(by) as session:
            solution = _solution(session, solution_id)
            _editable(session, solution.intake_id)
            tombstone(solution)

    # ---- stage 2: referent and next appointment --------------------------------------------

    def referent_choices(self, *, intake_id: str) -> tuple[ReferentChoice, ...]:
        """Staff who may be the referent (role "Référent unique", an organisation of the territory), with
        their caseload against their cap; a full one is listed, not selectable, with the reason.
        """
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            current = _current_assignment(session, intake.id)
            rows = _referent_rows(session, intake.territory_id)
            loads = current_caseloads(session, [s.id for s, _ in rows])
            choices = []
            for staff, org in rows:
                name = f"{staff.first_name} {staff.last_name}"
                load = loads.get(staff.id, 0)
                is_current = current is not None and current.staff_id == staff.id
                reason = None
                if not is_current and load >= staff.caseload_cap:
                    try:
                        check_designation(referent_name=name, current_caseload=load, cap=staff.caseload_cap)
                    except DomainError as refused:
                        reason = str(refused)
                choices.append(
                    ReferentChoice(
                        staff_id=staff.id,
                        name=name,
                        organisation_name=org.short_name or org.name,
                        caseload=load,
                        cap=staff.caseload_cap,
                        selectable=reason is None,
                        reason=reason,
                        current=is_current,
                    )
                )
            return tuple(choices)

    def designate_referent(
        self, *, intake_id: str, staff_id: str, by: Actor, cap_override_reason: str | None = None
    ) -> ReferentInfo:
        """Name the youth's single referent. At the cap, refused in French unless an administrator overrides
        it with a reason (stored in the assignment and printed).
        """
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            current = _current_assignment(session, intake.id)
            if current is not None and current.staff_id == staff_id:
                return _referent_info(session, current)
            eligible = {s.id: (s, o) for s, o in _referent_rows(session, intake.territory_id)}
            if staff_id not in eligible:
                raise DomainError(
                    "Cette personne ne peut pas être référente de ce jeune : il faut le rôle « Référent unique » "
                    "et travailler dans une structure partenaire du territoire de l'accueil."
                )
            staff, _org = eligible[staff_id]
            load = current_caseloads(session, [staff_id]).get(staff_id, 0)
            check = check_designation(
                referent_name=f"{staff.first_name} {staff.last_name}",
                current_caseload=load,
                cap=staff.caseload_cap,
                override_reason=cap_override_reason,
                overridden_by_admin=by.has(StaffRole.ADMINISTRATOR),
            )
            if current is not None:
                tombstone(current)  # a choice changed before validation, not a change of referent
            assignment = ReferentAssignment(
                case_id=intake.case_id,
                youth_id=intake.youth_id,
                staff_id=staff_id,
                intake_id=intake.id,
                started_on=_intake_date(intake, today),
                cap_override_reason=check.override_reason,
                designated_by=by.staff_id,
            )
            session.add(assignment)
            if intake.next_appointment_staff_id is None:
                intake.next_appointment_staff_id = staff_id
            session.flush()
            return _referent_info(session, assignment)

    def set_next_appointment(
        self, *, intake_id: str, at: datetime | None, place: str | None, staff_id: str | None, by: Actor
    ) -> SaveResult:
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            for key, value in (
                ("intake.next_appointment_at", at),
                ("intake.next_appointment_place", place),
                ("intake.next_appointment_staff_id", staff_id),
            ):
                spec = FIELDS[key]
                value = _coerce(session, spec, value)
                if getattr(intake, spec.attr) != value:
                    setattr(intake, spec.attr, value)
            return SaveResult(saved_at=utcnow())


def _referent_rows(session: LocalSession, territory_id: str) -> list[tuple[Staff, Organisation]]:
    return list(
        session.execute(
            select(Staff, Organisation)
            .join(Organisation, Organisation.id == Staff.organisation_id)
            .join(
                StaffRoleGrant,
                and_(
                    StaffRoleGrant.staff_id == Staff.id,
                    StaffRoleGrant.role == StaffRole.REFERENT,
                    StaffRoleGrant.deleted_at.is_(None),
                ),
            )
            .where(
                Organisation.territory_id == territory_id,
                Organisation.deleted_at.is_(None),
                Staff.active.is_(True),
                Staff.deleted_at.is_(None),
            )
            .order_by(Staff.last_name, Staff.first_name)
        )
    )
