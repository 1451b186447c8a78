"""Changing the single referent, and the partners, offers and staff a referent can pick."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select

from pac_desktop.domain.caseload import check_designation
from pac_desktop.domain.enums import (
    StaffRole,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.storage.lookups import live_youth, organisation_names
from pac_desktop.storage.models import (
    Organisation,
    ReferentAssignment,
    ServiceOffer,
    Staff,
    StaffRoleGrant,
)

from ..choices import OrganisationChoice, ReferentChoice, StaffChoice
from ..context import Actor
from ..staff import current_caseloads
from .base import CaseFileServiceBase, _require_reason
from .reading import _open_assignment
from .views import OfferChoice, ReferentPeriod


class ReferentSteps(CaseFileServiceBase):
    """Changing the single referent; the partners, offers and staff one can pick."""

    # -- referent --------------------------------------------------------------------------------

    def referent_candidates(self, *, youth_id: str | None = None) -> list[ReferentChoice]:
        """Staff who may be referent, with their caseload against their cap (full ones are listed too)."""
        with self._ctx.read() as session:
            current = _open_assignment(session, youth_id) if youth_id else None
            rows = session.execute(
                select(Staff, Organisation.short_name, Organisation.name)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(
                    Staff.deleted_at.is_(None),
                    Staff.active.is_(True),
                    Staff.id.in_(
                        select(StaffRoleGrant.staff_id).where(
                            StaffRoleGrant.role == StaffRole.REFERENT, StaffRoleGrant.deleted_at.is_(None)
                        )
                    ),
                )
                .order_by(Staff.last_name, Staff.first_name)
            ).all()
            loads = current_caseloads(session, [s.id for s, _, _ in rows])
        return [
            ReferentChoice(
                s.id,
                f"{s.first_name} {s.last_name}",
                short or name,
                loads.get(s.id, 0),
                s.caseload_cap,
                selectable=loads.get(s.id, 0) < s.caseload_cap,
                current=current is not None and current.staff_id == s.id,
            )
            for s, short, name in rows
        ]

    def change_referent(
        self,
        *,
        youth_id: str,
        staff_id: str,
        reason: str,
        cap_override_reason: str | None = None,
        on: date | None = None,
        by: Actor,
    ) -> ReferentPeriod:
        """Hand the youth over to another referent: the current follow-up ends, a new one starts.

        The cap applies as at the intake: a full referent is refused, unless an administrator overrides it
        with a written reason (kept on the new assignment).
        """
        on = on or self._ctx.today()
        reason = _require_reason(reason, "la raison du changement de référent")
        self._refuse_if_exited(youth_id, consequence=" : il n'a plus de référent")
        self._require_referent_change(by, youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if youth.status is YouthStatus.EXITED:
                raise DomainError(
                    f"{youth.first_name} {youth.last_name} est sorti du dispositif : il n'a plus de référent."
                )
            staff = session.get(Staff, staff_id)
            if staff is None or staff.deleted_at is not None or not staff.active:
                raise NotFound("Cette personne ne fait plus partie du personnel.")
            is_referent = session.scalar(
                select(func.count()).where(
                    StaffRoleGrant.staff_id == staff_id,
                    StaffRoleGrant.role == StaffRole.REFERENT,
                    StaffRoleGrant.deleted_at.is_(None),
                )
            )
            name = f"{staff.first_name} {staff.last_name}"
            if not is_referent:
                raise DomainError(f"{name} n'a pas le rôle de référent unique : choisissez quelqu'un d'autre.")
            current = _open_assignment(session, youth_id)
            if current is not None and current.staff_id == staff_id:
                raise DomainError(f"{name} est déjà le référent de {youth.first_name} {youth.last_name}.")
            if current is not None and on < current.started_on:
                raise DomainError(
                    f"Le changement ne peut pas précéder le début du suivi actuel ({format_date(current.started_on)})."
                )
            load = current_caseloads(session, [staff_id]).get(staff_id, 0)
            check = check_designation(
                referent_name=name,
                current_caseload=load,
                cap=staff.caseload_cap,
                override_reason=cap_override_reason,
                overridden_by_admin=by.has(StaffRole.ADMINISTRATOR),
            )
            if current is not None:
                current.ended_on = on
            assignment = ReferentAssignment(
                case_id=youth_id,
                youth_id=youth_id,
                staff_id=staff_id,
                started_on=on,
                reason=reason,
                cap_override_reason=check.override_reason,
                designated_by=by.staff_id,
            )
            session.add(assignment)
            if youth.status is not YouthStatus.FOLLOWED:
                youth.status = YouthStatus.FOLLOWED
            session.flush()
            return ReferentPeriod(
                assignment.id, staff_id, name, on, None, reason, check.override_reason, by.display_name
            )

    # -- partners --------------------------------------------------------------------------------

    def partner_organisations(self, *, territory_id: str | None = None) -> list[OrganisationChoice]:
        """Organisations that can be mobilised or invited: the territory's and those serving every territory."""
        with self._ctx.read() as session:
            stmt = select(Organisation).where(Organisation.deleted_at.is_(None)).order_by(Organisation.name)
            if territory_id:
                stmt = stmt.where(or_(Organisation.territory_id == territory_id, Organisation.territory_id.is_(None)))
            return [
                OrganisationChoice(o.id, o.short_name or o.name, o.kind.label, o.territory_id)
                for o in session.scalars(stmt)
            ]

    def offers(self, *, territory_id: str | None = None) -> list[OfferChoice]:
        """The pooled catalogue's active offers open in the territory (and those open everywhere)."""
        with self._ctx.read() as session:
            stmt = (
                select(ServiceOffer)
                .where(ServiceOffer.deleted_at.is_(None), ServiceOffer.active.is_(True))
                .order_by(ServiceOffer.category, ServiceOffer.title)
            )
            if territory_id:
                stmt = stmt.where(or_(ServiceOffer.territory_id == territory_id, ServiceOffer.territory_id.is_(None)))
            offers = list(session.scalars(stmt))
            providers = organisation_names(session, [o.provider_id for o in offers])
        return [OfferChoice(o.id, o.title, o.category, providers.get(o.provider_id or "")) for o in offers]

    def staff_choices(self, *, territory_id: str | None = None) -> list[StaffChoice]:
        """Active staff (of the territory's organisations and the ones serving every territory), for case reviews."""
        with self._ctx.read() as session:
            stmt = (
                select(Staff.id, Staff.first_name, Staff.last_name, Organisation.short_name, Organisation.name)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(Staff.deleted_at.is_(None), Staff.active.is_(True))
                .order_by(Staff.last_name, Staff.first_name)
            )
            if territory_id:
                stmt = stmt.where(or_(Organisation.territory_id == territory_id, Organisation.territory_id.is_(None)))
            return [
                StaffChoice(sid, f"{f} {lname}", short or oname)
                for sid, f, lname, short, oname in session.execute(stmt)
            ]
