"""What `pac-server admin …` does: publish reference data and staff to devices, enrolment codes, devices.

Reference rows get the same ids as on every device (pac_desktop.domain.reference.stable_id) and exactly the
field values a device's own loader writes, so a device that seeded them from its files pushes identical rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update

from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP, validate_cap
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.programme_settings import PROGRAMME, parse_value, setting_by_key, setting_id
from pac_desktop.domain.reference import ReferenceData, load_reference_data, stable_id
from pac_desktop.security.passwords import MIN_PASSWORD_LENGTH, hash_password

from . import auth, authorship, core
from .db import plain_transaction, read_transaction, write_transaction
from .models import Device, ServerMeta


def _v(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def reference_rows(data: ReferenceData) -> list[tuple[str, str, dict[str, Any]]]:
    """(entity, id, fields) of every reference entry, as a device's loader stores them (services.reference)."""
    territory_id = {t.code: stable_id("territory", t.code) for t in data.territories}
    org_id = {o.code: stable_id("organisation", o.code) for o in data.organisations}
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for t in data.territories:
        rows.append(("territory", territory_id[t.code], {
            "code": t.code, "name": t.name, "kind": _v(t.kind), "priority_area": t.priority_area,
            "department": t.department}))
        for role in t.required_roles:
            rows.append(("territory_required_role", stable_id("territory_required_role", f"{t.code}/{role.value}"),
                         {"territory_id": territory_id[t.code], "role": _v(role),
                          "title": data.job_title(role, t.code)}))
    for o in data.organisations:
        rows.append(("organisation", org_id[o.code], {
            "code": o.code, "territory_id": territory_id.get(o.territory) if o.territory else None,
            "parent_id": org_id[o.parent] if o.parent else None, "kind": _v(o.kind),
            "partner_kind": _v(o.partner_kind), "name": o.name, "short_name": o.short_name, "address": o.address,
            "postcode": o.postcode, "town": o.town, "phone": o.phone, "email": o.email}))
    for s in data.offers:
        rows.append(("service_offer", stable_id("service_offer", s.code), {
            "code": s.code, "title": s.title, "description": s.description, "category": _v(s.category),
            "provider_id": org_id[s.provider] if s.provider else None,
            "territory_id": territory_id[s.territory] if s.territory else None, "min_age": s.min_age,
            "max_age": s.max_age, "newly_arrived_only": s.newly_arrived_only, "active": True}))
    return rows


@dataclass(frozen=True)
class PublishReport:
    created: int
    updated: int
    unchanged: int


def publish_reference(engine: Engine, *, directory: Path | None = None) -> PublishReport:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    rows = reference_rows(load_reference_data(directory))
    with write_transaction(engine) as conn:
        for entity, record_id, fields in rows:
            counts[core.put_as_admin(conn, entity, record_id, fields)] += 1
    return PublishReport(**counts)


def _organisation(conn: Any, code: str) -> tuple[str, str | None]:
    """(id, territory id) of an organisation, from the published records or else the reference files."""
    found = core.find_records(conn, "organisation", code=code)
    if found:
        return found[0].id, found[0].data.get("territory_id")
    try:
        spec = load_reference_data().organisation(code)
    except (KeyError, DomainError, LookupError):
        raise NotFound(f"Aucune structure ne porte le code « {code} ». Vérifiez le code (voir resources/reference).") from None
    territory = stable_id("territory", spec.territory) if spec.territory else None
    return stable_id("organisation", code), territory


def create_staff(
    engine: Engine,
    *,
    first_name: str,
    last_name: str,
    organisation_code: str,
    roles: list[StaffRole],
    login: str | None = None,
    password: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    caseload_cap: int = DEFAULT_CASELOAD_CAP,
    staff_id: str | None = None,
) -> str:
    """A staff member (with roles and a login) published to every device, like reference data.

    ``staff_id`` is chosen by the caller when the member already has an id elsewhere (tests, imports)."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise DomainError("Le prénom et le nom sont obligatoires.")
    if not roles:
        raise DomainError("Choisissez au moins un rôle pour ce membre du personnel.")
    validate_cap(caseload_cap)
    if login is not None and (password is None or len(password) < MIN_PASSWORD_LENGTH):
        raise DomainError(f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")
    password_hash = hash_password(password) if login and password else None
    staff_id = staff_id or str(uuid.uuid4())
    with write_transaction(engine) as conn:
        if core.get_record(conn, "staff", staff_id) is not None:
            raise DomainError("Ce membre du personnel existe déjà sur le serveur.")
        org_id, _territory = _organisation(conn, organisation_code)
        if login and any(not c.deleted for c in core.find_records(conn, "credential", login=login)):
            raise DomainError(f"L'identifiant « {login} » est déjà pris. Choisissez-en un autre.")
        core.put_as_admin(conn, "staff", staff_id, {
            "organisation_id": org_id, "first_name": first_name, "last_name": last_name, "email": email,
            "phone": phone, "caseload_cap": caseload_cap, "active": True})
        for role in sorted(set(roles)):
            core.put_as_admin(conn, "staff_role", str(uuid.uuid4()), {"staff_id": staff_id, "role": role.value})
        if login and password and password_hash:
            core.put_as_admin(conn, "credential", str(uuid.uuid4()), {
                "staff_id": staff_id, "login": login, "password_hash": password_hash})
            # Issue 12: the public half of the key their password opens; they sign their changes with it.
            authorship.register_password_key(conn, staff_id=staff_id, password=password, password_hash=password_hash)
    return staff_id


def set_setting(engine: Engine, *, key: str, value: str, territory_code: str | None = None) -> str:
    """Set a programme setting (or one territory's) for every device; returns the value as stored."""
    setting = setting_by_key(key)
    typed = parse_value(setting, value)
    if territory_code and not setting.per_territory:
        raise DomainError(f"« {setting.label} » vaut pour tout le programme, pas pour un seul territoire.")
    scope = stable_id("territory", territory_code) if territory_code else PROGRAMME
    text = setting.format(typed)
    with write_transaction(engine) as conn:
        if territory_code and core.get_record(conn, "territory", scope) is None:
            raise NotFound(f"Aucun territoire publié ne porte le code « {territory_code} » "
                           "(voir « pac-server admin publish-reference »).")
        # A value a device pushed before issue 12 has its own id and is on devices already: update that row,
        # for a second one with the same key and scope would be refused by every device's store.
        ids = sorted((r.id for r in core.find_records(conn, "programme_setting", key=key, scope=scope)
                      if not r.deleted), key=lambda rid: rid != setting_id(key, scope))
        core.put_as_admin(conn, "programme_setting", ids[0] if ids else setting_id(key, scope),
                          {"key": key, "scope": scope, "value": text})
    return text


def _staff_by_login(conn: Any, login: str) -> tuple[Any, Any]:
    """(credential, staff) records of a login, or NotFound in French."""
    for credential in core.find_records(conn, "credential", login=login):
        if credential.deleted:
            continue
        staff = core.get_record(conn, "staff", credential.data.get("staff_id"))
        if staff is not None and not staff.deleted:
            return credential, staff
    raise NotFound(f"Aucun membre du personnel n'a l'identifiant « {login} » sur le serveur.")


def set_staff_active(engine: Engine, *, login: str, active: bool) -> bool:
    """Deactivate (no more sign-in on any device after its next sync) or reactivate; False if already so."""
    with write_transaction(engine) as conn:
        _credential, staff = _staff_by_login(conn, login)
        return core.put_as_admin(conn, "staff", staff.id, {"active": active}) != "unchanged"


def reset_password(engine: Engine, *, login: str, password: str) -> None:
    """A new password for a login, published to the devices of its territory (only its hash leaves here), and
    the new signing key it opens (the previous key is revoked: changes signed with it are refused)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")
    password_hash = hash_password(password)
    with write_transaction(engine) as conn:
        credential, staff = _staff_by_login(conn, login)
        core.put_as_admin(conn, "credential", credential.id, {"password_hash": password_hash})
        # Issue 12: the new password opens a new signing key; the old one is revoked.
        authorship.register_password_key(conn, staff_id=staff.id, password=password, password_hash=password_hash)


def set_roles(engine: Engine, *, login: str, roles: list[StaffRole]) -> list[str]:
    """Replace a staff member's roles with these; returns them, sorted."""
    wanted = {role.value for role in roles}
    if not wanted:
        raise DomainError("Choisissez au moins un rôle pour ce membre du personnel.")
    with write_transaction(engine) as conn:
        _credential, staff = _staff_by_login(conn, login)
        # A role given back revives its old row: devices keep deleted rows, unique per (staff, role).
        known = sorted(core.find_records(conn, "staff_role", staff_id=staff.id), key=lambda r: not r.deleted)
        rows = {r.data.get("role"): r for r in known}  # a live row wins over a deleted one
        for role, row in rows.items():
            if role not in wanted and not row.deleted:
                core.delete_as_admin(conn, "staff_role", row.id)
        for role in sorted(wanted):
            row = rows.get(role)
            if row is None:
                core.put_as_admin(conn, "staff_role", str(uuid.uuid4()), {"staff_id": staff.id, "role": role})
            elif row.deleted:
                core.put_as_admin(conn, "staff_role", row.id, {"staff_id": staff.id, "role": role})
    return sorted(wanted)


@dataclass(frozen=True)
class EnrolmentCodeInfo:
    code: str
    expires_at: datetime
    organisation_code: str
    territory_ids: list[str]
    regional: bool = False


REGIONAL_AND_TERRITORY = (
    "Un ordinateur régional n'est inscrit pour aucun territoire : choisissez --regional ou --territory, pas les deux."
)


def enrolment_code(engine: Engine, *, organisation_code: str, territory_codes: list[str] | None = None,
                   hours: int = 24, regional: bool = False) -> EnrolmentCodeInfo:
    """A one-time code for a device of this organisation; it will see the organisation's territory (or those given).

    ``regional``: a regional steering committee's computer (issue 18 §6), enrolled for no territory: it receives
    the reference data only (pulls are scoped by the device's territories, so no file of any territory) and asks
    the server for the regional figures (pac_desktop.server.regional). Only this option makes a device without a
    territory: an organisation without one and no ``--territory`` is still refused."""
    if regional and territory_codes:
        raise DomainError(REGIONAL_AND_TERRITORY)
    with read_transaction(engine) as conn:
        org_id, org_territory = _organisation(conn, organisation_code)
    territories = [stable_id("territory", code) for code in territory_codes or []]
    if not territories and org_territory and not regional:
        territories = [org_territory]
    if not territories and not regional:
        raise DomainError(
            f"La structure « {organisation_code} » n'est rattachée à aucun territoire : précisez celui (ou ceux) "
            "que l'appareil verra avec --territory CODE (ou --regional pour un ordinateur du comité de pilotage "
            "régional, qui ne reçoit aucun dossier)."
        )
    if not 1 <= hours <= 24 * 7:
        raise DomainError("La durée de validité d'un code va d'une heure à sept jours.")
    with plain_transaction(engine) as conn:
        code, expires = auth.create_enrolment_code(conn, organisation_id=org_id, organisation_code=organisation_code,
                                                   territory_ids=territories, hours=hours)
    return EnrolmentCodeInfo(code, expires, organisation_code, territories, regional)


def revoke_device(engine: Engine, device_id: str) -> None:
    with plain_transaction(engine) as conn:
        if not auth.revoke_device(conn, device_id):
            raise NotFound(f"Aucun appareil ne porte l'identifiant {device_id}.")


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    name: str
    status: str
    territory_ids: list[str]
    last_seen: datetime | None


def list_devices(engine: Engine) -> list[DeviceInfo]:
    with read_transaction(engine) as conn:
        rows = conn.execute(select(Device.__table__).order_by(Device.enrolled_at)).all()
    return [DeviceInfo(r.device_id, r.name, r.status, list(r.territory_ids), r.last_seen) for r in rows]


def new_epoch(engine: Engine) -> str:
    """After restoring the database from a backup: devices resync in full and replay what it lost."""
    epoch = str(uuid.uuid4())
    with write_transaction(engine) as conn:
        conn.execute(update(ServerMeta.__table__).values(epoch=epoch))
    return epoch
