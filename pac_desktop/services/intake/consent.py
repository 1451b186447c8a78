"""Consent and the team: who sits at the table, in which role."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.consent import CONSENT_REFUSED_REASON, ConsentState
from pac_desktop.domain.eligibility import is_adult_on
from pac_desktop.domain.enums import (
    ROLE_ORG_KINDS,
    ConsentKind,
    IntakeRole,
    IntakeState,
    ParticipantKind,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.domain.intake_state import is_open, transition
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import new_id, utcnow
from pac_desktop.storage.case_rows import of_case
from pac_desktop.storage.lookups import initials, live_youth
from pac_desktop.storage.models import (
    Guardian,
    IntakeConsent,
    IntakeParticipant,
    JointIntake,
    Organisation,
    Staff,
)
from pac_desktop.storage.outbox import LocalSession, tombstone
from pac_desktop.sync.consent_hold import kept_here, reshare_content, unshared_cases

from ..audit import record_in
from ..choices import StaffChoice
from ..context import Actor
from .base import IntakeServiceBase
from .fields import _check_reference, _Field
from .rows import (
    _check_staff_for_role,
    _editable,
    _intake,
    _intake_date,
    _latest_consents,
    _release_referent,
    _required_roles,
    _youth_back_to_referred,
)
from .views import UNSET, SaveResult


class ConsentSteps(IntakeServiceBase):
    """Consent and the team around the table."""

    # ---- consent ----------------------------------------------------------------------------

    def record_consent(
        self,
        *,
        intake_id: str,
        kind: ConsentKind,
        given: bool | None = None,
        state: ConsentState | None = None,
        given_on: date | None = None,
        collected_by: str | None = None,
        guardian_name: str | None = None,
        guardian_relationship: str | None = None,
        reason: str | None = None,
        by: Actor,
    ) -> SaveResult:
        """The youth's (or the guardian's) agreement to share the file between the partners, or refusal.

        Issue 13: the record keeps its state, who recorded it and when. A refusal that stops the sharing (the
        youth's, or the guardian's for a minor) ends the intake with its reason, as for a control-group youth:
        its content stays on this computer only, and the retention purge removes it after the kept period.
        A consent already given is withdrawn with :meth:`withdraw_consent`."""
        kind = ConsentKind(kind)
        state = ConsentState(state) if state is not None else (ConsentState.GIVEN if given else ConsentState.REFUSED)
        if state not in (ConsentState.GIVEN, ConsentState.REFUSED):
            raise DomainError("À cette étape, l'accord est donné ou refusé ; un accord donné se retire depuis le "
                              "dossier du jeune.")
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            typed_on, given_on = given_on, given_on or _intake_date(intake, today)
            if given_on > today:
                raise DomainError(f"La date de l'accord ({format_date(given_on)}) est dans le futur : vérifiez-la.")
            if collected_by is not None:
                _check_reference(session, _Field("", Staff, "staff_id", ""), collected_by)
            guardian_name = (guardian_name or "").strip() or None
            # The consent in force for the youth's file: after a withdrawal, a consent given (or refused) anew is
            # a new record, dated the day it is recorded — the withdrawal stays in the history.
            in_force = {c.kind: c for c in _latest_consents(session.scalars(select(IntakeConsent).where(
                of_case(IntakeConsent, intake.case_id), IntakeConsent.deleted_at.is_(None))))}
            previous = in_force.get(kind)
            anew = previous is not None and ConsentState(previous.state) is ConsentState.WITHDRAWN
            was_shared = not unshared_cases(session, [intake.case_id])
            if anew:
                assert previous is not None
                given_on = typed_on or today
                if given_on < previous.given_on:
                    raise DomainError(
                        f"L'accord a été retiré le {format_date(previous.given_on)} : un nouvel accord se date du "
                        "jour où il est donné, pas d'avant ce retrait."
                    )
                consent = None
            else:
                rows = session.scalars(select(IntakeConsent).where(
                    IntakeConsent.intake_id == intake.id, IntakeConsent.kind == kind,
                    IntakeConsent.deleted_at.is_(None))).all()
                consent = (_latest_consents(rows) or [None])[0]
            if consent is None:
                consent = IntakeConsent(
                    case_id=intake.case_id, youth_id=intake.youth_id, intake_id=intake.id, kind=kind
                )
                session.add(consent)
            guardian = kind == ConsentKind.GUARDIAN
            previous_name = consent.guardian_name
            values = (
                ("state", state),
                ("given_on", given_on),
                ("collected_by", collected_by),
                ("guardian_name", guardian_name if guardian else None),
                ("guardian_relationship", ((guardian_relationship or "").strip() or None) if guardian else None),
                ("reason", ((reason or "").strip() or None) if state is ConsentState.REFUSED else None),
            )
            if any(getattr(consent, attr) != value for attr, value in values):
                for attr, value in values:
                    if getattr(consent, attr) != value:
                        setattr(consent, attr, value)
                consent.recorded_by = by.staff_id
                consent.recorded_at = utcnow()
            if guardian and state is ConsentState.GIVEN and consent.guardian_name:
                _keep_guardian(session, intake, previous_name, consent.guardian_name, consent.guardian_relationship)
            if state is ConsentState.REFUSED and _refusal_ends(intake, kind, session, today):
                _end_for_refusal(session, intake, consent.reason)
            if state is ConsentState.GIVEN and not was_shared:
                session.flush()
                if not unshared_cases(session, [intake.case_id]) and kept_here(session, [intake.case_id]):
                    # Given again after a withdrawal recorded here: what the server removed is shared again.
                    reshare_content(session, intake.case_id)
            return SaveResult(saved_at=utcnow())

    def withdraw_consent(self, *, youth_id: str, reason: str | None = None, by: Actor) -> str:
        """The youth (or their guardian) withdraws the consent to share their file (issue 13): a new consent
        record "withdrawn", dated today and naming who recorded it. Once synced, the server removes the content
        it held, and the partners' computers with it; this computer keeps its own copy. Returns the record's id."""
        if self._guard is not None:
            self._guard.require(by, Action.CASE_EDIT, youth_id=youth_id, entity="consent")
        today = self._ctx.today()
        with self._ctx.write(by) as session:
            rows = session.scalars(select(IntakeConsent).where(of_case(IntakeConsent, youth_id),
                                                               IntakeConsent.deleted_at.is_(None))).all()
            current = _latest_consents(rows)
            given = [c for c in current if ConsentState(c.state) is ConsentState.GIVEN]
            if not given:
                raise DomainError("Il n'y a pas d'accord de partage en cours à retirer pour ce jeune.")
            withdrawn = None
            for consent in given:
                withdrawn = IntakeConsent(
                    case_id=consent.case_id, youth_id=consent.youth_id, intake_id=consent.intake_id,
                    kind=consent.kind, state=ConsentState.WITHDRAWN, given_on=today, collected_by=by.staff_id,
                    recorded_by=by.staff_id, recorded_at=utcnow(), guardian_name=consent.guardian_name,
                    guardian_relationship=consent.guardian_relationship, reason=(reason or "").strip() or None,
                )
                session.add(withdrawn)
            session.flush()
            record_in(session, action=AuditAction.CONSENT_WITHDRAWN, by=by, entity="consent",
                      entity_id=withdrawn.id, youth_id=youth_id, detail="retrait de l'accord de partage")
            return withdrawn.id

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
                StaffChoice(
                    s.id, f"{s.first_name} {s.last_name}", o.short_name or o.name, initials(s.first_name, s.last_name)
                )
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


def _refusal_ends(intake: JointIntake, kind: ConsentKind, session: LocalSession, today: date) -> bool:
    """A refusal stops the sharing: the youth's, or the guardian's while the youth is a minor."""
    if kind == ConsentKind.YOUTH:
        return True
    youth = live_youth(session, intake.youth_id)
    return not is_adult_on(youth.birth_date, _intake_date(intake, today))


def _end_for_refusal(session: LocalSession, intake: JointIntake, reason: str | None) -> None:
    """The intake ends with its reason, as for a control-group youth (issue 13)."""
    if not is_open(intake.state):
        return
    intake.state = transition(intake.state, IntakeState.CANCELLED)
    intake.cancel_reason = CONSENT_REFUSED_REASON + (f" : {reason}" if reason else "")
    _release_referent(session, intake)
    _youth_back_to_referred(session, intake)


def _keep_guardian(session: LocalSession, intake: JointIntake, previous_name: str | None, name: str,
                   relationship: str | None) -> None:
    """The guardian named at the consent step is the case file's legal guardian: one record, renamed as the
    name is typed."""
    names = [n for n in (previous_name, name) if n]
    guardian = session.scalar(select(Guardian).where(Guardian.youth_id == intake.youth_id,
                                                     Guardian.full_name.in_(names), Guardian.deleted_at.is_(None)))
    if guardian is None:
        session.add(Guardian(case_id=intake.case_id, youth_id=intake.youth_id, full_name=name,
                             relationship=relationship))
        return
    if guardian.full_name != name:
        guardian.full_name = name
    if relationship and guardian.relationship != relationship:
        guardian.relationship = relationship
