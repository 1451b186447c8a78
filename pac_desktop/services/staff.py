"""Staff members, their roles and logins; signing in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP, validate_cap
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.security.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    Credential,
    Organisation,
    ReferentAssignment,
    Staff,
    StaffRoleGrant,
    Territory,
)
from pac_desktop.storage.outbox import LocalSession

from .access import AccessGuard
from .context import Actor, ServiceContext


class LoginRefused(DomainError):
    pass


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
                verify_password(password, _DUMMY_HASH)  # same time spent: no hint that the login exists
                raise refused
            credential, staff = row
            if not verify_password(password, credential.password_hash):
                raise refused
            if not staff.active or staff.deleted_at is not None:
                raise LoginRefused("Ce compte est désactivé. Adressez-vous à l'administrateur de votre structure.")
            return actor_for(session, staff.id)


def confirm_identity_in(session: LocalSession, *, staff_id: str, password: str) -> Actor:
    """The staff member ``staff_id`` confirms who they are with their own password (issue 13: each counsellor
    validates an intake on the shared screen with their credentials). Raises LoginRefused, naming them."""
    row = session.execute(
        select(Credential, Staff)
        .join(Staff, Staff.id == Credential.staff_id)
        .where(Credential.staff_id == staff_id, Credential.deleted_at.is_(None))
    ).first()
    if row is None:
        verify_password(password, _DUMMY_HASH)
        staff = session.get(Staff, staff_id)
        name = f"{staff.first_name} {staff.last_name}" if staff else "ce membre du personnel"
        raise LoginRefused(
            f"{name} n'a pas de compte de connexion sur cet ordinateur : sans son mot de passe, sa validation ne "
            "peut pas être enregistrée. Un administrateur peut lui créer un compte ; sinon, notez-le absent à "
            "l'étape « Équipe »."
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


# A fixed hash to spend the same time on unknown logins (its password is unguessable and unused).
_DUMMY_HASH = "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
