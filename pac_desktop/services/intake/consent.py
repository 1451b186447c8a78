"""Consent and the team: who sits at the table, in which role."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from pac_desktop.domain.enums import (
    ROLE_ORG_KINDS,
    ConsentKind,
    IntakeRole,
    ParticipantKind,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.storage.base import new_id, utcnow
from pac_desktop.storage.lookups import initials
from pac_desktop.storage.models import (
    IntakeConsent,
    IntakeParticipant,
    Organisation,
    Staff,
)
from pac_desktop.storage.outbox import tombstone

from ..context import Actor
from .base import IntakeServiceBase
from .fields import _check_reference, _Field
from .rows import _check_staff_for_role, _editable, _intake, _intake_date, _required_roles
from .views import UNSET, SaveResult, StaffChoice


class ConsentSteps(IntakeServiceBase):
    """Consent and the team around the table."""

    # ---- consent ----------------------------------------------------------------------------

    def record_consent(
        self,
        *,
        intake_id: str,
        kind: ConsentKind,
        given: bool,
        given_on: date | None = None,
        collected_by: str | None = None,
        guardian_name: str | None = None,
        by: Actor,
    ) -> SaveResult:
        """The youth's (or the guardian's) agreement to share the file between the partners, or refusal."""
        kind = ConsentKind(kind)
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            given_on = given_on or _intake_date(intake, today)
            if given_on > today:
                raise DomainError(f"La date de l'accord ({format_date(given_on)}) est dans le futur : vérifiez-la.")
            if collected_by is not None:
                _check_reference(session, _Field("", Staff, "staff_id", ""), collected_by)
            guardian_name = (guardian_name or "").strip() or None
            consent = session.scalar(
                select(IntakeConsent).where(
                    IntakeConsent.intake_id == intake.id,
                    IntakeConsent.kind == kind,
                    IntakeConsent.deleted_at.is_(None),
                )
            )
            if consent is None:
                consent = IntakeConsent(
                    case_id=intake.case_id, youth_id=intake.youth_id, intake_id=intake.id, kind=kind
                )
                session.add(consent)
            for attr, value in (
                ("given", bool(given)),
                ("given_on", given_on),
                ("collected_by", collected_by),
                ("guardian_name", guardian_name if kind == ConsentKind.GUARDIAN else None),
            ):
                if getattr(consent, attr) != value:
                    setattr(consent, attr, value)
            return SaveResult(saved_at=utcnow())

    # ---- participants -----------------------------------------------------------------------

    def staff_choices(self, *, intake_id: str, role: IntakeRole) -> tuple[StaffChoice, ...]:
        """Active staff of the territory's organisations of the right kind for ``role``."""
        role = IntakeRole(role)
        with self._ctx.read() as session:
            intake = _intake(session, intake_id)
            rows = session.execute(
                select(Staff, Organisation)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .where(
                    Organisation.territory_id == intake.territory_id,
                    Organisation.kind.in_(list(ROLE_ORG_KINDS[role])),
                    Organisation.deleted_at.is_(None),
                    Staff.active.is_(True),
                    Staff.deleted_at.is_(None),
                )
                .order_by(Staff.last_name, Staff.first_name)
            ).all()
            return tuple(
                StaffChoice(s.id, f"{s.first_name} {s.last_name}", initials(s.first_name, s.last_name), o.short_name or o.name)
                for s, o in rows
            )

    def update_participant(
        self,
        *,
        participant_id: str,
        by: Actor,
        staff_id: str | None = UNSET,
        present: bool = UNSET,
        absence_reason: str | None = UNSET,
        full_name: str | None = UNSET,
        relationship: str | None = UNSET,
    ) -> SaveResult:
        """Choose who holds a role, say whether they came (and why not), or edit a family member."""
        self._require_edit(by, row=(IntakeParticipant, participant_id))
        with self._ctx.write(by) as session:
            participant = session.get(IntakeParticipant, participant_id)
            if participant is None or participant.deleted_at is not None:
                raise NotFound("Ce participant n'existe pas (ou plus) : rouvrez l'accueil.")
            intake = _editable(session, participant.intake_id)
            changes: dict[str, Any] = {}
            if staff_id is not UNSET:
                if staff_id is not None:
                    _check_staff_for_role(session, intake, participant, staff_id)
                changes["staff_id"] = staff_id
            if present is not UNSET:
                changes["present"] = bool(present)
                if present:
                    changes["absence_reason"] = None
            if absence_reason is not UNSET:
                changes["absence_reason"] = (absence_reason or "").strip() or None
            if full_name is not UNSET:
                if participant.kind != ParticipantKind.FAMILY:
                    raise DomainError("Seul le nom d'un membre de la famille se saisit ici.")
                if not (full_name or "").strip():
                    raise DomainError("Indiquez le nom du membre de la famille.")
                changes["full_name"] = full_name.strip()
            if relationship is not UNSET:
                changes["relationship"] = (relationship or "").strip() or None
            for attr, value in changes.items():
                if getattr(participant, attr) != value:
                    setattr(participant, attr, value)
            return SaveResult(saved_at=utcnow())

    def add_family_member(
        self,
        *,
        intake_id: str,
        full_name: str,
        relationship: str | None = None,
        participant_id: str | None = None,
        by: Actor,
    ) -> str:
        """A family member at the intake (a parent, a sibling…); returns the participant's id."""
        if not full_name.strip():
            raise DomainError("Indiquez le nom du membre de la famille.")
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            participant_id = participant_id or new_id()
            if session.get(IntakeParticipant, participant_id) is not None:
                return participant_id  # the same save again (a retry): nothing to do
            position = 100 + len(
                session.scalars(
                    select(IntakeParticipant.id).where(
                        IntakeParticipant.intake_id == intake.id, IntakeParticipant.kind == ParticipantKind.FAMILY
                    )
                ).all()
            )
            session.add(
                IntakeParticipant(
                    id=participant_id,
                    case_id=intake.case_id,
                    intake_id=intake.id,
                    kind=ParticipantKind.FAMILY,
                    full_name=full_name.strip(),
                    relationship=(relationship or "").strip() or None,
                    present=True,
                    position=position,
                )
            )
            return participant_id

    def add_counsellor(self, *, intake_id: str, role: IntakeRole, by: Actor) -> str:
        """Another counsellor in a role (a second MGI counsellor, say); returns the participant's id."""
        role = IntakeRole(role)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            positions = session.scalars(
                select(IntakeParticipant.position).where(
                    IntakeParticipant.intake_id == intake.id,
                    IntakeParticipant.kind == ParticipantKind.COUNSELLOR,
                )
            ).all()
            participant = IntakeParticipant(
                case_id=intake.case_id,
                intake_id=intake.id,
                kind=ParticipantKind.COUNSELLOR,
                role=role,
                present=True,
                position=max(positions, default=-1) + 1,
            )
            session.add(participant)
            session.flush()
            return participant.id

    def remove_participant(self, *, participant_id: str, by: Actor) -> None:
        """Remove a family member, or a counsellor added beyond the required team."""
        self._require_edit(by, row=(IntakeParticipant, participant_id))
        with self._ctx.write(by) as session:
            participant = session.get(IntakeParticipant, participant_id)
            if participant is None or participant.deleted_at is not None:
                return
            intake = _editable(session, participant.intake_id)
            if participant.kind == ParticipantKind.COUNSELLOR:
                same_role = session.scalars(
                    select(IntakeParticipant.id).where(
                        IntakeParticipant.intake_id == intake.id,
                        IntakeParticipant.role == participant.role,
                        IntakeParticipant.deleted_at.is_(None),
                    )
                ).all()
                if participant.role in _required_roles(session, intake.territory_id) and len(same_role) <= 1:
                    raise DomainError(
                        "Ce rôle fait partie de l'équipe obligatoire du territoire : il ne peut pas être retiré. "
                        "Si la personne est absente, décochez « Présent » et indiquez la raison."
                    )
            tombstone(participant)
