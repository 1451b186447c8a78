"""Staff members, their roles and logins; signing in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP, validate_cap
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.security.passwords import MIN_PASSWORD_LENGTH, dummy_hash, hash_password, verify_password
from pac_desktop.security.roles import Action
from pac_desktop.security.signing import Ed25519PrivateKey, derive_signing_key
from pac_desktop.storage.models import (
    Credential,
    Organisation,
    ReferentAssignment,
    Staff,
    StaffRoleGrant,
    SyncDevice,
    Territory,
)
from pac_desktop.storage.outbox import LocalSession, tombstone

from .access import AccessGuard
from .context import Actor, ServiceContext
from .programme_settings import CASELOAD_CAP, read_setting_in


class LoginRefused(DomainError):
    pass


MANAGED_ON_SERVER = (
    "Cet ordinateur est inscrit auprès du serveur partagé : le personnel et les comptes s'y gèrent (pac-server "
    "admin create-staff …) et arrivent ici à la synchronisation."
)


@dataclass(frozen=True)
class StaffDetail:
    id: str
    first_name: str
    last_name: str
    organisation_code: str
    email: str | None
    phone: str | None
    roles: frozenset[StaffRole]
    caseload_cap: int
    login: str | None
    active: bool


@dataclass(frozen=True)
class StaffSummary:
    id: str
    first_name: str
    last_name: str
    organisation_name: str
    roles: frozenset[StaffRole]
    caseload: int
    caseload_cap: int
    login: str | None
    active: bool = True

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def current_caseloads(session: LocalSession, staff_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Youths each referent follows now (open assignments)."""
    stmt = (
        select(ReferentAssignment.staff_id, func.count())
        .where(ReferentAssignment.ended_on.is_(None), ReferentAssignment.deleted_at.is_(None))
        .group_by(ReferentAssignment.staff_id)
    )
    if staff_ids is not None:
        stmt = stmt.where(ReferentAssignment.staff_id.in_(list(staff_ids)))
    return dict(session.execute(stmt).all())


class StaffService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def add(
        self,
        *,
        first_name: str,
        last_name: str,
        organisation_code: str,
        roles: Iterable[StaffRole],
        login: str | None = None,
        password: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        caseload_cap: int = DEFAULT_CASELOAD_CAP,
        by: Actor | None = None,
    ) -> str:
        """Create a staff member (and their login when one is given); returns the new id.

        Administrators only — except while the store has no administrator who can log in (a new store being
        set up: its first administrator is created this way, without anyone to sign in as).
        """
        if self._guard is not None and self._has_administrator_login():
            self._guard.require(by, Action.STAFF_MANAGE, entity="staff")
        first_name, last_name = first_name.strip(), last_name.strip()
        if not first_name or not last_name:
            raise DomainError("Le prénom et le nom sont obligatoires.")
        roles = frozenset(roles)
        if not roles:
            raise DomainError("Choisissez au moins un rôle pour ce membre du personnel.")
        validate_cap(caseload_cap)
        self._check_programme_cap(caseload_cap)
        if login is not None and (password is None or len(password) < MIN_PASSWORD_LENGTH):
            raise DomainError(f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")
        password_hash = hash_password(password) if login is not None and password is not None else None
        with self._ctx.write(by) as session:
            org = session.scalar(select(Organisation).where(Organisation.code == organisation_code))
            if org is None:
                raise NotFound(f"Aucune structure ne porte le code « {organisation_code} ».")
            if login is not None and session.scalar(select(Credential.id).where(Credential.login == login)):
                raise DomainError(f"L'identifiant « {login} » est déjà pris. Choisissez-en un autre.")
            staff = Staff(
                organisation_id=org.id,
                first_name=first_name,
                last_name=last_name,
                email=email,
                phone=phone,
                caseload_cap=caseload_cap,
            )
            session.add(staff)
            session.flush()
            for role in sorted(roles):
                session.add(StaffRoleGrant(staff_id=staff.id, role=role))
            if login is not None and password_hash is not None:
                session.add(Credential(staff_id=staff.id, login=login, password_hash=password_hash))
            return staff.id

    # ------------------------------------------------------------------ the administration area (issue 14)

    def detail(self, staff_id: str) -> StaffDetail:
        with self._ctx.read() as session:
            row = session.execute(
                select(Staff, Organisation.code, Credential.login)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .outerjoin(Credential, (Credential.staff_id == Staff.id) & Credential.deleted_at.is_(None))
                .where(Staff.id == staff_id, Staff.deleted_at.is_(None))
            ).first()
            if row is None:
                raise NotFound("Ce membre du personnel n'existe pas dans cette base.")
            staff, organisation_code, login = row
            return StaffDetail(staff.id, staff.first_name, staff.last_name, organisation_code, staff.email,
                               staff.phone, _roles_by_staff(session).get(staff.id, frozenset()),
                               staff.caseload_cap, login, staff.active)

    def programme_cap(self) -> int:
        with self._ctx.read() as session:
            return read_setting_in(session, CASELOAD_CAP)

    def managed_here(self) -> bool:
        """False on a computer enrolled with the shared server: the staff are managed there (README)."""
        with self._ctx.read() as session:
            return session.get(SyncDevice, 1) is None

    def update(
        self,
        staff_id: str,
        *,
        first_name: str,
        last_name: str,
        roles: Iterable[StaffRole],
        caseload_cap: int,
        email: str | None = None,
        phone: str | None = None,
        by: Actor | None,
    ) -> None:
        """Change a staff member's name, contact, roles and cap (administrators, on a computer without server)."""
        self._require_manage(by)
        first_name, last_name = first_name.strip(), last_name.strip()
        if not first_name or not last_name:
            raise DomainError("Le prénom et le nom sont obligatoires.")
        roles = frozenset(roles)
        if not roles:
            raise DomainError("Choisissez au moins un rôle pour ce membre du personnel.")
        validate_cap(caseload_cap)
        self._check_programme_cap(caseload_cap)
        with self._ctx.write(by) as session:
            staff = self._staff_row(session, staff_id)
            current = {g.role: g for g in session.scalars(select(StaffRoleGrant).where(
                StaffRoleGrant.staff_id == staff_id, StaffRoleGrant.deleted_at.is_(None)))}
            if StaffRole.ADMINISTRATOR in current and StaffRole.ADMINISTRATOR not in roles:
                self._keep_one_administrator(session, staff_id, by)
            for role, grant in current.items():
                if role not in roles:
                    tombstone(grant)
            for role in sorted(roles - set(current)):
                session.add(StaffRoleGrant(staff_id=staff_id, role=role))
            staff.first_name, staff.last_name = first_name, last_name
            staff.email, staff.phone = (email or None), (phone or None)
            staff.caseload_cap = caseload_cap

    def set_active(self, staff_id: str, *, active: bool, by: Actor | None) -> None:
        """Deactivate (no login any more, the files stay) or reactivate a staff member."""
        self._require_manage(by)
        with self._ctx.write(by) as session:
            staff = self._staff_row(session, staff_id)
            if not active:
                if by is not None and by.staff_id == staff_id:
                    raise DomainError("Vous ne pouvez pas désactiver votre propre compte.")
                self._keep_one_administrator(session, staff_id, by)
            if staff.active != active:
                staff.active = active

    def reset_password(self, staff_id: str, *, password: str, login: str | None = None, by: Actor | None) -> None:
        """A new password (and a login, for someone who had none): the person changes nothing else."""
        self._require_manage(by)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise DomainError(f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")
        password_hash = hash_password(password)
        with self._ctx.write(by) as session:
            self._staff_row(session, staff_id)
            credential = session.scalar(select(Credential).where(Credential.staff_id == staff_id,
                                                                 Credential.deleted_at.is_(None)))
            if credential is not None:
                credential.password_hash = password_hash
                return
            login = (login or "").strip()
            if not login:
                raise DomainError("Ce membre du personnel n'a pas encore d'identifiant : choisissez-en un.")
            if session.scalar(select(Credential.id).where(Credential.login == login)):
                raise DomainError(f"L'identifiant « {login} » est déjà pris. Choisissez-en un autre.")
            session.add(Credential(staff_id=staff_id, login=login, password_hash=password_hash))

    def _require_manage(self, by: Actor | None) -> None:
        if self._guard is not None:
            self._guard.require(by, Action.STAFF_MANAGE, entity="staff")
        if not self.managed_here():
            raise DomainError(MANAGED_ON_SERVER)

    def _check_programme_cap(self, cap: int) -> None:
        programme = self.programme_cap()
        if cap > programme:
            raise DomainError(
                f"Le plafond d'un référent ne peut pas dépasser celui du programme ({programme} jeunes). Pour le "
                "relever, changez d'abord le réglage « Plafond de jeunes suivis par référent »."
            )

    @staticmethod
    def _staff_row(session: LocalSession, staff_id: str) -> Staff:
        staff = session.get(Staff, staff_id)
        if staff is None or staff.deleted_at is not None:
            raise NotFound("Ce membre du personnel n'existe pas dans cette base.")
        return staff

    @staticmethod
    def _keep_one_administrator(session: LocalSession, staff_id: str, by: Actor | None) -> None:
        others = session.scalar(
            select(func.count())
            .select_from(StaffRoleGrant)
            .join(Staff, Staff.id == StaffRoleGrant.staff_id)
            .join(Credential, Credential.staff_id == Staff.id)
            .where(StaffRoleGrant.role == StaffRole.ADMINISTRATOR, StaffRoleGrant.deleted_at.is_(None),
                   Staff.id != staff_id, Staff.active.is_(True), Staff.deleted_at.is_(None),
                   Credential.deleted_at.is_(None))
        )
        if not others:
            raise DomainError("C'est le dernier administrateur qui peut se connecter : nommez-en un autre d'abord.")

    def _has_administrator_login(self) -> bool:
        with self._ctx.read() as session:
            return (
                session.scalar(
                    select(Credential.id)
                    .join(StaffRoleGrant, StaffRoleGrant.staff_id == Credential.staff_id)
                    .where(
                        StaffRoleGrant.role == StaffRole.ADMINISTRATOR,
                        StaffRoleGrant.deleted_at.is_(None),
                        Credential.deleted_at.is_(None),
                    )
                    .limit(1)
                )
                is not None
            )

    def list(self, *, organisation_id: str | None = None) -> list[StaffSummary]:
        with self._ctx.read() as session:
            stmt = (
                select(Staff, Organisation.name, Credential.login)
                .join(Organisation, Organisation.id == Staff.organisation_id)
                .outerjoin(Credential, Credential.staff_id == Staff.id)
                .where(Staff.deleted_at.is_(None))
                .order_by(Staff.last_name, Staff.first_name)
            )
            if organisation_id:
                stmt = stmt.where(Staff.organisation_id == organisation_id)
            rows = session.execute(stmt).all()
            roles = _roles_by_staff(session)
            loads = current_caseloads(session)
            return [
                StaffSummary(
                    s.id,
                    s.first_name,
                    s.last_name,
                    org_name,
                    roles.get(s.id, frozenset()),
                    loads.get(s.id, 0),
                    s.caseload_cap,
                    login,
                    s.active,
                )
                for s, org_name, login in rows
            ]

    def login(self, *, login: str, password: str) -> Actor:
        """Check a login and password; the same French message whichever of the two is wrong."""
        refused = LoginRefused("Identifiant ou mot de passe incorrect. Vérifiez la saisie (majuscules comprises).")
        with self._ctx.read() as session:
            row = session.execute(
                select(Credential, Staff)
                .join(Staff, Staff.id == Credential.staff_id)
                .where(Credential.login == login.strip(), Credential.deleted_at.is_(None))
            ).first()
            if row is None:
                verify_password(password, dummy_hash())  # same time spent: no hint that the login exists
                raise refused
            credential, staff = row
            if not verify_password(password, credential.password_hash):
                raise refused
            if not staff.active or staff.deleted_at is not None:
                raise LoginRefused("Ce compte est désactivé. Adressez-vous à l'administrateur de votre structure.")
            return actor_for(session, staff.id)

    def staff_id_for_login(self, *, login: str) -> str:
        """The staff id behind a login (for `pac youth list --mine-of LOGIN`)."""
        with self._ctx.read() as session:
            staff_id = session.scalar(
                select(Credential.staff_id).where(Credential.login == login.strip(), Credential.deleted_at.is_(None))
            )
        if staff_id is None:
            raise NotFound(f"Aucun membre du personnel n'a l'identifiant « {login} ».")
        return staff_id


def confirm_identity_in(session: LocalSession, *, staff_id: str, password: str) -> Actor:
    """The staff member ``staff_id`` confirms who they are with their own password (issue 13: each counsellor
    validates an intake on the shared screen with their credentials). Raises LoginRefused, naming them."""
    row = session.execute(
        select(Credential, Staff)
        .join(Staff, Staff.id == Credential.staff_id)
        .where(Credential.staff_id == staff_id, Credential.deleted_at.is_(None))
    ).first()
    if row is None:
        verify_password(password, dummy_hash())
        staff = session.get(Staff, staff_id)
        name = f"{staff.first_name} {staff.last_name}" if staff else "ce membre du personnel"
        raise LoginRefused(
            f"{name} n'a pas de compte de connexion sur cet ordinateur : sans son mot de passe, sa validation ne "
            "peut pas être enregistrée. Un administrateur peut lui créer un compte ; sinon, notez-le absent à "
            "l'étape « Participants »."
        )
    credential, staff = row
    if not verify_password(password, credential.password_hash):
        raise LoginRefused(
            f"Mot de passe incorrect pour {staff.first_name} {staff.last_name}. Chaque conseiller saisit son propre "
            "mot de passe."
        )
    if not staff.active or staff.deleted_at is not None:
        raise LoginRefused("Ce compte est désactivé. Adressez-vous à l'administrateur de votre structure.")
    return actor_for(session, staff.id)


def signing_key_in(session: LocalSession, *, staff_id: str, password: str) -> Ed25519PrivateKey | None:
    """The staff member's signing key (issue 12), from the password they have just typed and that was checked;
    None on a computer not enrolled with a server (nothing it does is sent, so nothing needs signing) or for
    someone without a login."""
    if session.get(SyncDevice, 1) is None:
        return None
    password_hash = session.scalar(select(Credential.password_hash).where(
        Credential.staff_id == staff_id, Credential.deleted_at.is_(None)))
    if password_hash is None:
        return None
    return derive_signing_key(password, staff_id=staff_id, password_hash=password_hash)


def _roles_by_staff(session: LocalSession) -> dict[str, frozenset[StaffRole]]:
    grouped: dict[str, set[StaffRole]] = {}
    for staff_id, role in session.execute(
        select(StaffRoleGrant.staff_id, StaffRoleGrant.role).where(StaffRoleGrant.deleted_at.is_(None))
    ):
        grouped.setdefault(staff_id, set()).add(role)
    return {k: frozenset(v) for k, v in grouped.items()}


def actor_for(session: LocalSession, staff_id: str) -> Actor:
    row = session.execute(
        select(Staff, Organisation, Territory)
        .join(Organisation, Organisation.id == Staff.organisation_id)
        .outerjoin(Territory, Territory.id == Organisation.territory_id)
        .where(Staff.id == staff_id)
    ).first()
    if row is None:
        raise NotFound("Ce membre du personnel n'existe pas dans cette base.")
    staff, org, territory = row
    roles = frozenset(
        session.scalars(
            select(StaffRoleGrant.role).where(StaffRoleGrant.staff_id == staff_id, StaffRoleGrant.deleted_at.is_(None))
        )
    )
    return Actor(
        staff_id=staff.id,
        first_name=staff.first_name,
        last_name=staff.last_name,
        organisation_id=org.id,
        organisation_name=org.short_name or org.name,
        territory_id=territory.id if territory else None,
        territory_name=territory.name if territory else None,
        roles=roles,
        caseload_cap=staff.caseload_cap,
    )

