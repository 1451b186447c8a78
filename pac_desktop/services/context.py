"""What every service needs: the store's session factories, who is acting, and today's date."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.pin_seal import PinSeals
from pac_desktop.security.signing import SigningKeys
from pac_desktop.storage.changes import ChangeFeed, StoreChanges
from pac_desktop.storage.outbox import SIGNER, LocalSession
from pac_desktop.storage.store import OpenedStore, set_actor

__all__ = ["Actor", "ChangeFeed", "ServiceContext", "StoreChanges"]


@dataclass(frozen=True)
class Actor:
    """The logged-in staff member, as services see them (never an ORM object)."""

    staff_id: str
    first_name: str
    last_name: str
    organisation_id: str
    organisation_name: str
    territory_id: str | None
    territory_name: str | None
    roles: frozenset[StaffRole]
    caseload_cap: int

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return (self.first_name[:1] + self.last_name[:1]).upper()

    def has(self, role: StaffRole) -> bool:
        return role in self.roles


@dataclass
class ServiceContext:
    """Shared by the services of one running app (GUI or command line)."""

    store: OpenedStore
    today: Callable[[], date] = field(default=date.today)
    #: The signing keys of the staff signed in here (issue 12): each change is signed by its author's key.
    keys: SigningKeys = field(default_factory=SigningKeys)
    #: Each staff member's signing key sealed under their validation PIN, in the OS keyring (issue 13).
    pin_seals: PinSeals = field(default_factory=PinSeals)

    @contextmanager
    def write(self, actor: Actor | str | None = None) -> Iterator[LocalSession]:
        """One unit of work that writes: commits on success, rolls back on any error."""
        with self.store.session_factory.begin() as session:
            set_actor(session, actor.staff_id if isinstance(actor, Actor) else actor)
            session.info[SIGNER] = self.keys.sign
            yield session

    @property
    def changes(self) -> ChangeFeed:
        """Told after each commit what it changed (a save, a pulled sync page, a purge): open windows refresh."""
        return self.store.changes

    @contextmanager
    def read(self) -> Iterator[LocalSession]:
        """A read-only unit of work (a deferred transaction: never waits for the writer)."""
        with self.store.read_session_factory.begin() as session:
            yield session
