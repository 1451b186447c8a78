"""What the server refuses beyond the roles (issue 13): a validation made in someone else's name, and intake
content of a youth whose consent to share is not given.

Kept apart from the role check (pac_desktop.server.access) and called right after it, for every change a device
pushes: each rule is a small function that returns a :class:`~pac_desktop.server.access.Denial` or None.

- A counsellor's validation of an intake (``intake_validation``) is theirs alone: its ``staff_id`` must be
  the author the change travels with (``made_by``, the staff member who typed their own password on the shared
  screen). Nobody validates for someone else, administrators included.
- Intake content (pac_desktop.domain.consent.is_content) of a youth whose consent to share is not *given* on
  the server is refused: the youth's consent, and their guardian's when they are a minor (a device pushes
  content that waited for a consent right after that consent: pac_desktop.sync.consent_hold). The repérage
  minimum is accepted whatever the consent.

Every function takes the caller's open connection and never commits.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from pac_desktop.domain.consent import ConsentState, is_content, record_from_data, sharing_state
from pac_desktop.security.roles import Action
from pac_desktop.sync.wire import CASE_ROOT, Mutation, Op

from .access import Denial
from .models import Record
from .records import case_records, get_record

R = Record.__table__

VALIDATION_NOT_YOURS = (
    "Cette validation est faite au nom d'un autre membre du personnel que son auteur : chaque conseiller présent "
    "valide l'accueil lui-même, avec son propre mot de passe. Le serveur ne l'a pas enregistrée."
)


CONSENT_NOT_GIVEN = (
    "Le jeune n'a pas donné son accord au partage de son dossier entre les partenaires ({state}) : le contenu de "
    "son accueil reste sur l'ordinateur où il a été saisi. Le serveur ne l'a pas enregistré."
)


def check_trust(conn: Connection, m: Mutation, *, current: dict[str, Any] | None,
                territory_id: str | None) -> Denial | None:
    """None when nothing here refuses ``m``; else why (the role check has already accepted it)."""
    return (check_validation_author(m, current=current, territory_id=territory_id)
            or check_consent(conn, m, territory_id=territory_id))


def check_validation_author(m: Mutation, *, current: dict[str, Any] | None, territory_id: str | None) -> Denial | None:
    """An intake validation names its author as the validating staff member."""
    if m.entity != "intake_validation" or m.op is Op.DELETE:
        return None
    staff_id = m.fields.get("staff_id", (current or {}).get("staff_id"))
    if m.made_by is not None and staff_id == m.made_by:
        return None
    return Denial(VALIDATION_NOT_YOURS, Action.INTAKE_EDIT, territory_id)


def case_sharing_state(conn: Connection, case_id: str) -> ConsentState:
    """The consent that decides the sharing of a youth's file, from the server's records."""
    rows = [r.data for r in case_records(conn, case_id, "consent") if not r.deleted]
    records = [r for r in (record_from_data(data) for data in rows) if r is not None]
    youth = get_record(conn, CASE_ROOT, case_id)
    try:
        birth = date.fromisoformat(str((youth.data if youth else {}).get("birth_date")))
    except ValueError:
        birth = None
    return sharing_state(records, birth_date=birth)


def check_consent(conn: Connection, m: Mutation, *, territory_id: str | None) -> Denial | None:
    """Intake content travels only for a youth whose consent to share is given on the server."""
    if m.op is Op.DELETE or m.case_id is None or not is_content(m.entity, m.fields):
        return None
    state = case_sharing_state(conn, m.case_id)
    if state is ConsentState.GIVEN:
        return None
    return Denial(CONSENT_NOT_GIVEN.format(state=state.label.lower()), Action.CASE_EDIT, territory_id)
