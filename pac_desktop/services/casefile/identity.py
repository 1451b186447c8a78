"""Identity and legal guardians: what may be edited, how it is checked, how the history shows it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from pac_desktop.domain.enums import (
    Sex,
)
from pac_desktop.domain.errors import NotFound
from pac_desktop.domain.french import format_date, format_phone
from pac_desktop.domain.youth_fields import GUARDIAN_FIELDS, YOUTH_FIELDS, clean_guardian_field, clean_youth_field
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    Guardian,
    IdentityChange,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from ..context import Actor
from .base import CaseFileServiceBase
from .views import IdentityChangeView

# --------------------------------------------------------------------------------------------------
# Identity fields: what may be edited, how it is checked and how it is shown in the history
# --------------------------------------------------------------------------------------------------

#: The youth's fields the identity form edits; labels and checks come from domain.youth_fields (one rule for
#: every entry point).
IDENTITY_FIELDS = (
    "first_name", "last_name", "birth_date", "sex", "phone", "email", "address", "postcode", "town",
    "lives_in_priority_area", "newly_arrived", "left_school_on", "last_class",
)
YOUTH_FIELD_LABELS: dict[str, str] = {name: YOUTH_FIELDS[name].label for name in IDENTITY_FIELDS}
GUARDIAN_FIELD_LABELS: dict[str, str] = {name: field.label for name, field in GUARDIAN_FIELDS.items()}

_DATE_FIELDS = frozenset({"birth_date", "left_school_on"})


def _stored_text(value: Any) -> str | None:
    """A value as the history keeps it: ISO dates, enum values, "oui"/"non"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown_text(field: str, stored: str | None) -> str:
    """A history value as a counsellor reads it."""
    if stored is None or stored == "":
        return "(vide)"
    if field in _DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(stored))
        except ValueError:
            return stored
    if field == "sex":
        try:
            return Sex(stored).label
        except ValueError:
            return stored
    if field == "phone":
        return format_phone(stored)
    return stored


class IdentitySteps(CaseFileServiceBase):
    """The youth's identity and legal guardians, with their history."""

    # -- identity and contacts -------------------------------------------------------------------

    def update_identity(
        self, *, youth_id: str, changes: Mapping[str, Any], by: Actor
    ) -> tuple[IdentityChangeView, ...]:
        """Change identity or contact fields; each real change is kept in the history (old → new)."""
        unknown = set(changes) - set(YOUTH_FIELD_LABELS)
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        today = self._ctx.today()
        cleaned = {f: clean_youth_field(f, v, today=today) for f, v in changes.items()}
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            return self._apply_changes(session, youth, youth_id, "youth", cleaned, YOUTH_FIELD_LABELS, by)

    def add_guardian(
        self,
        *,
        youth_id: str,
        full_name: str,
        relationship: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        by: Actor,
    ) -> str:
        today = self._ctx.today()
        values = {
            "full_name": clean_guardian_field("full_name", full_name, today=today),
            "relationship": clean_guardian_field("relationship", relationship, today=today),
            "phone": clean_guardian_field("phone", phone, today=today),
            "email": clean_guardian_field("email", email, today=today),
        }
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            live_youth(session, youth_id)
            guardian = Guardian(case_id=youth_id, youth_id=youth_id, **values)
            session.add(guardian)
            session.flush()
            session.add(
                IdentityChange(
                    case_id=youth_id,
                    youth_id=youth_id,
                    entity="guardian",
                    row_id=guardian.id,
                    field="full_name",
                    old_value=None,
                    new_value=values["full_name"],
                    changed_by=by.staff_id,
                )
            )
            return guardian.id

    def update_guardian(
        self, *, guardian_id: str, changes: Mapping[str, Any], by: Actor
    ) -> tuple[IdentityChangeView, ...]:
        unknown = set(changes) - set(GUARDIAN_FIELD_LABELS)
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        today = self._ctx.today()
        cleaned = {f: clean_guardian_field(f, v, today=today) for f, v in changes.items()}
        self._require(by, Action.CASE_EDIT, youth_id=self._youth_of(Guardian, guardian_id))
        with self._ctx.write(by) as session:
            guardian = session.get(Guardian, guardian_id)
            if guardian is None or guardian.deleted_at is not None:
                raise NotFound("Ce représentant légal n'existe plus dans le dossier.")
            return self._apply_changes(
                session, guardian, guardian.youth_id, "guardian", cleaned, GUARDIAN_FIELD_LABELS, by
            )

    def _apply_changes(
        self,
        session: LocalSession,
        row: Youth | Guardian,
        youth_id: str,
        entity: str,
        cleaned: Mapping[str, Any],
        labels: Mapping[str, str],
        by: Actor,
    ) -> tuple[IdentityChangeView, ...]:
        made: list[IdentityChangeView] = []
        now = datetime.now(UTC)
        for field_name, value in cleaned.items():
            old = getattr(row, field_name)
            if _stored_text(old) == _stored_text(value):
                continue
            setattr(row, field_name, value)
            change = IdentityChange(
                case_id=youth_id,
                youth_id=youth_id,
                entity=entity,
                row_id=row.id,
                field=field_name,
                old_value=_stored_text(old),
                new_value=_stored_text(value),
                changed_by=by.staff_id,
                changed_at=now,
            )
            session.add(change)
            session.flush()
            made.append(
                IdentityChangeView(
                    change.id,
                    entity,
                    row.id,
                    field_name,
                    labels[field_name],
                    _shown_text(field_name, change.old_value),
                    _shown_text(field_name, change.new_value),
                    by.display_name,
                    now,
                )
            )
        return tuple(made)
