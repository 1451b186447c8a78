"""Validation of the intake (the record locks) and amendments after it."""

from __future__ import annotations

from typing import Any

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import (
    IntakeState,
)
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.security.session_lock import wait_message
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    IntakeAmendment,
    IntakeValidation,
    SyncDevice,
)

from ..audit import record_in
from ..context import Actor
from ..staff import LoginRefused, confirm_identity_in, signing_key_in
from ..validation_pin import confirm_with_pin
from .base import IntakeServiceBase
from .fields import FIELDS, _check_value, _coerce, _display_value, _row_for
from .read_model import read_intake
from .rows import _editable, _intake, _lock, _refresh_override
from .views import MIN_AMENDMENT_REASON_CHARS, ValidationBlocked, ValidationOutcome

#: Issue 13: a validation is made by the counsellor who validates, with their own credentials.
NOT_YOUR_VALIDATION = (
    "Chaque conseiller présent valide l'accueil lui-même, avec son propre mot de passe : personne ne valide pour "
    "un autre, un administrateur non plus."
)


class ValidationSteps(IntakeServiceBase):
    """Validation (the record locks) and amendments after it."""

    # ---- validation and amendments --------------------------------------------------------

    def validate(self, *, intake_id: str, staff_id: str, by: Actor) -> ValidationOutcome:
        """One counsellor present confirms the intake; the last one locks it.

        Locking: state "validated", the youth followed by their referent, outcomes at 3, 6 and 12 months due.
        Raises ValidationBlocked with the missing items while anything required is missing.
        """
        if by.staff_id != staff_id:  # issue 13: administrators included
            raise PermissionDenied(NOT_YOUR_VALIDATION)
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            detail = read_intake(session, intake, today)
            if detail.missing:
                lines = "\n".join(f"- {m.message} (étape « {m.step.label} »)" for m in detail.missing)
                raise ValidationBlocked(
                    f"L'accueil ne peut pas encore être validé. Il manque :\n{lines}", missing=detail.missing
                )
            present = {p.staff_id: p for p in detail.present_counsellors}
            if staff_id not in present:
                raise PermissionDenied("Seuls les conseillers présents à l'accueil peuvent le valider.")
            done = {v.staff_id for v in detail.validations}
            waiting = [p for sid, p in present.items() if sid not in done | {staff_id}]
            locked = not waiting
            if staff_id not in done:
                row = IntakeValidation(case_id=intake.case_id, intake_id=intake.id, staff_id=staff_id)
                session.add(row)
                session.flush()
                done.add(staff_id)
                record_in(session, action=AuditAction.INTAKE_VALIDATION, by=by, entity="intake_validation",
                          entity_id=row.id, youth_id=intake.youth_id, territory_id=intake.territory_id,
                          detail="dernière validation : accueil verrouillé" if locked else "")
            if locked:
                _lock(session, intake, today)
            return ValidationOutcome(
                validated_by=tuple(present[s].display_name for s in present if s in done),
                waiting_for=tuple(p.display_name for p in waiting),
                locked=locked,
            )

    def validate_with_password(self, *, intake_id: str, staff_id: str, password: str) -> ValidationOutcome:
        """A counsellor present validates with their own password, typed on the shared screen (issue 13): the
        validation is recorded in the name of the staff member whose password it is, whoever is signed in.
        Wrong passwords are audited and slowed down like failed logins.

        ``password`` may also be the PIN they chose on this computer (services.validation_pin): a wrong PIN is
        counted and audited, and locks the PIN after a few tries (their password still validates). On an enrolled
        computer the PIN also opens the validator's signing key sealed under it, for this validation only."""
        # Issue 12: on a computer enrolled with the server the validation is signed by the validator's own key. When
        # they are not the one signed in, their PIN opens the copy of their key sealed under it (services.validation_pin).
        unseal = self._needs_signature() and not self._ctx.keys.holds(staff_id)
        confirmed = confirm_with_pin(self._ctx, staff_id=staff_id, pin=password, entity_id=intake_id, unseal=unseal)
        if confirmed is not None:
            if confirmed.signing_key is None:
                return self.validate(intake_id=intake_id, staff_id=staff_id, by=confirmed.actor)
            with self._ctx.keys.holding(staff_id, confirmed.signing_key):
                return self.validate(intake_id=intake_id, staff_id=staff_id, by=confirmed.actor)
        key = "validate:" + staff_id
        wait = self._attempts.wait_seconds(key)
        if wait:
            raise LoginRefused(wait_message(wait))
        try:
            with self._ctx.read() as session:
                validator = confirm_identity_in(session, staff_id=staff_id, password=password)
        except LoginRefused as refused:
            wait = self._attempts.failed(key)
            with self._ctx.write(staff_id) as session:
                record_in(session, action=AuditAction.LOGIN_FAILED, by=staff_id, entity="intake_validation",
                          entity_id=intake_id, detail="mot de passe de validation incorrect")
            raise LoginRefused(wait_message(wait)) if wait else refused from None
        self._attempts.succeeded(key)
        with self._ctx.read() as session:
            signing_key = signing_key_in(session, staff_id=staff_id, password=password)
        if signing_key is None:
            return self.validate(intake_id=intake_id, staff_id=staff_id, by=validator)
        # Issue 12: the validation is signed by the validator's own key, opened by the password just typed and
        # forgotten right after (unless the validator is the one signed in).
        with self._ctx.keys.holding(staff_id, signing_key):
            return self.validate(intake_id=intake_id, staff_id=staff_id, by=validator)

    def _needs_signature(self) -> bool:
        with self._ctx.read() as session:
            return session.get(SyncDevice, 1) is not None

    def amend(self, *, intake_id: str, field: str, new_value: Any, reason: str, by: Actor) -> str:
        """Correct a validated intake: the new value is applied and an amendment keeps the original, the
        reason, who and when. Returns the amendment's id.
        """
        spec = FIELDS.get(field)
        if spec is None:
            raise DomainError(f"Le champ « {field} » ne peut pas être corrigé par un avenant.")
        if sum(1 for ch in reason if not ch.isspace()) < MIN_AMENDMENT_REASON_CHARS:
            raise DomainError("Indiquez la raison de la correction (quelques mots au moins) : elle sera conservée.")
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _intake(session, intake_id)
            if intake.state != IntakeState.VALIDATED:
                raise DomainError("Cet accueil n'est pas encore validé : corrigez directement le champ, sans avenant.")
            youth = live_youth(session, intake.youth_id)
            row = _row_for(session, intake, spec, today=today)
            value = _coerce(session, spec, new_value, today=today)
            _check_value(spec, value, today=today)
            old = getattr(row, spec.attr)
            if old == value:
                raise DomainError(f"« {spec.label} » a déjà cette valeur : il n'y a rien à corriger.")
            setattr(row, spec.attr, value)
            if spec.affects_eligibility:
                _refresh_override(intake, youth, today)
            amendment = IntakeAmendment(
                case_id=intake.case_id,
                intake_id=intake.id,
                field=field,
                old_value=_display_value(old),
                new_value=_display_value(value),
                reason=reason.strip(),
                amended_by=by.staff_id,
            )
            session.add(amendment)
            session.flush()
            return amendment.id
