"""The first start of a real store (issue 14): a store where nobody can sign in yet is either enrolled with the
shared server (which sends the reference data and the territory's staff with their credentials) or started
without a server, with its first administrator made here. No role is asked: there is nobody to sign in as, and
both ways close themselves once someone can sign in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from pac_desktop.domain.enums import OrgKind, StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.storage.models import Credential, Organisation, Staff, Territory

from .context import ServiceContext
from .reference import ReferenceService
from .staff import StaffService

if TYPE_CHECKING:  # the sync service brings the HTTP client: not imported before it is needed (issue 16)
    from pac_desktop.sync.engine import SyncProgress

    from .sync import EnrolmentInfo, SyncService

ALREADY_SET_UP = (
    "Cette base a déjà des comptes qui peuvent se connecter : la première mise en route est faite. Connectez-vous "
    "avec votre identifiant."
)
PASSWORDS_DIFFER = "Les deux mots de passe saisis diffèrent. Retapez-le deux fois à l'identique."
ENROLLED_STAFF_FROM_SERVER = (
    "Cet ordinateur est inscrit auprès du serveur partagé : les comptes du personnel viennent du serveur. "
    "Choisissez « Inscrire cet ordinateur » pour les recevoir."
)
NO_STAFF_FROM_SERVER = (
    "L'ordinateur est inscrit et les données de référence sont arrivées, mais le serveur n'a encore publié aucun "
    "compte pour votre territoire : personne ne peut se connecter. Demandez à l'administrateur du serveur de créer "
    "les comptes du personnel (pac-server admin create-staff … --login …), puis relancez PAC Desktop : ils "
    "arriveront à la prochaine synchronisation."
)


@dataclass(frozen=True)
class StartOrganisation:
    code: str
    name: str
    territory_name: str | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.territory_name})" if self.territory_name else self.name


@dataclass(frozen=True)
class EnrolledStart:
    """What the first enrolment brought: the enrolment and the staff who can now sign in."""

    enrolment: EnrolmentInfo
    logins: int


def login_count(ctx: ServiceContext) -> int:
    """How many active staff members have a login on this store."""
    with ctx.read() as s:
        return len(s.scalars(
            select(Credential.id)
            .join(Staff, Staff.id == Credential.staff_id)
            .where(Credential.deleted_at.is_(None), Staff.deleted_at.is_(None), Staff.active.is_(True))
        ).all())


def first_start_needed(ctx: ServiceContext) -> bool:
    """True while nobody can sign in (the start-up asks it before the login, without building the service)."""
    return login_count(ctx) == 0


class FirstStartService:
    def __init__(self, ctx: ServiceContext, *, staff: StaffService, reference: ReferenceService,
                 sync: SyncService) -> None:
        self._ctx = ctx
        self._staff = staff
        self._reference = reference
        self._sync = sync

    def needed(self) -> bool:
        """True while nobody can sign in: no active staff member with a login."""
        return first_start_needed(self._ctx)

    def login_count(self) -> int:
        return login_count(self._ctx)

    def _refuse_when_done(self) -> None:
        if not self.needed():
            raise DomainError(ALREADY_SET_UP)

    # ------------------------------------------------------------------ without a server

    def organisations(self) -> list[StartOrganisation]:
        """The structures a first administrator may belong to; loads the shipped reference data first (a store
        started without a server has nothing else)."""
        if not self._sync.is_enrolled():
            self._reference.load()
        with self._ctx.read() as s:
            rows = s.execute(
                select(Organisation.code, Organisation.name, Territory.name)
                .outerjoin(Territory, Territory.id == Organisation.territory_id)
                .where(Organisation.deleted_at.is_(None), Organisation.kind != OrgKind.PARTNER)
                .order_by(Territory.name, Organisation.name)
            ).all()
        return [StartOrganisation(code, name, territory) for code, name, territory in rows]

    def create_first_administrator(
        self,
        *,
        first_name: str,
        last_name: str,
        organisation_code: str,
        login: str,
        password: str,
        password_again: str,
    ) -> str:
        """The store's first administrator (also counsellor and referent: on a computer without a server, the
        person who sets it up is the one who holds the first intakes). Returns the staff id."""
        self._refuse_when_done()
        if self._sync.is_enrolled():
            raise DomainError(ENROLLED_STAFF_FROM_SERVER)
        login = login.strip()
        if not login:
            raise DomainError("Choisissez un identifiant de connexion.")
        if password != password_again:
            raise DomainError(PASSWORDS_DIFFER)
        return self._staff.add(
            first_name=first_name,
            last_name=last_name,
            organisation_code=organisation_code,
            roles=[StaffRole.ADMINISTRATOR, StaffRole.COUNSELLOR, StaffRole.REFERENT],
            login=login,
            password=password,
        )

    # ------------------------------------------------------------------ with the server

    def enrol(
        self,
        *,
        server_url: str,
        code: str,
        device_name: str | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> EnrolledStart:
        """Enrol this computer, then run the first sync: the reference data and the territory's staff with their
        credentials arrive. Network and keyring: never on the UI thread."""
        self._refuse_when_done()
        if self._sync.is_enrolled():  # enrolled at an earlier try whose first sync did not finish: sync again
            status = self._sync.status()
            from .sync import EnrolmentInfo

            info = EnrolmentInfo(status.server_url or "", "", status.device_name or "", ())
        else:
            info = self._sync.enrol(server_url=server_url, code=code, device_name=device_name)
        self._sync.sync_now(progress=progress, cancel=cancel)
        logins = self.login_count()
        if logins == 0:
            raise DomainError(NO_STAFF_FROM_SERVER)
        return EnrolledStart(info, logins)
