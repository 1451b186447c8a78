"""The randomised evaluation on a device (issue 7 §7): switching it on per territory, the draw, the reserve.

The secret seed never leaves the server (see pac_desktop.domain.evaluation). A device holds, per stratum, a
few blocks the server reserved for it (local table evaluation_slot, never shown, never synced), **sealed**
(issue 13): each slot keeps a seal, not its arm, and the key that opens the seals is in the OS keyring
(pac_desktop.security.reserve_key), never in the store file. The draw at the confirmation of eligibility opens
the next unused slot of the youth's stratum — that one only — and writes, in one unit of work, the
EvaluationAssignment (synced, one per youth, never re-drawn), the slot's use and an audit event.
:meth:`EvaluationService.replenish` tops the reserve up from an :class:`AllocationSource` — the server's
endpoint through the sync client, or an in-process source for a server-side tool and the tests.

Limits, by design of an offline draw: the device must be able to open a slot without the server, so whoever
controls the operating-system session (its keyring) *and* writes a program to open seals could read the next
arms — no screen, export or SQL query shows them. The reserve is kept small (refilled below
:data:`LOW_WATER_SLOTS`), and the server checks after each sync that every draw used the next slot in order
(skipped, repeated, out-of-order slots and abandoned blocks: pac-server admin verify-evaluation). Within a
stratum each device's blocks are balanced; several devices drawing in the same stratum interleave their blocks,
so the stratum's running imbalance is at most 4 per device with a block in progress. A reserve whose key is
lost (another computer, a wiped keyring) cannot be opened: it is dropped and the next sync brings a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import delete, func, select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.eligibility import is_adult_on
from pac_desktop.domain.enums import EvaluationArm
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.evaluation import (
    AllocationLedger,
    ReservedBlock,
    SealBroken,
    open_seal,
    seal_arm,
    split_stratum,
    stratum_key,
)
from pac_desktop.domain.french import format_date, to_paris
from pac_desktop.security.reserve_key import ReserveKeyring
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import new_id
from pac_desktop.storage.models import EvaluationAssignment, EvaluationSlot, LocalSetting, Territory, Youth
from pac_desktop.storage.outbox import LocalSession
from pac_desktop.storage.store import read_setting

from .audit import record_in
from .context import Actor, ServiceContext
from .programme_settings import EVALUATION_ENABLED, ProgrammeSettingsService, read_setting_in

log = logging.getLogger(__name__)

#: A device asks for more blocks when a stratum has fewer unused slots than this…
LOW_WATER_SLOTS = 8
#: …and asks for this many blocks at a time (4 to 8 slots each).
BLOCKS_PER_REQUEST = 4
#: Local setting: the name of the reserve's key in the OS keyring (not a secret).
RESERVE_ID_KEY = "evaluation_reserve_id"
#: Set when this device starts a new reserve (after its upgrade to the sealed reserve, or a key lost) until the
#: server has been told, with the next blocks request: it then closes the former unfinished blocks (issue 13).
RESERVE_RENEWED_KEY = "evaluation_reserve_renewed"


class AllocationSource(Protocol):
    """Where reserved blocks come from: the server (it alone holds the seed)."""

    def reserve_blocks(self, *, stratum: str, count: int, new_reserve: bool = False) -> Sequence[ReservedBlock]:
        """``new_reserve``: this device's former blocks are gone (the server closes the unfinished ones)."""
        ...


@dataclass
class SeededAllocationSource:
    """The server's side, in process: the seed and the ledger of blocks handed out (tools and tests)."""

    seed: bytes
    ledger: AllocationLedger

    def reserve_blocks(self, *, stratum: str, count: int, new_reserve: bool = False) -> Sequence[ReservedBlock]:
        return self.ledger.reserve(self.seed, stratum, count)


class EvaluationAlreadyDrawn(DomainError):
    pass


class NoAllocationAvailable(DomainError):
    pass


class ReserveUnreadable(DomainError):
    """The sealed reserve does not open: its key is not in this computer's keyring, or a slot was altered."""


@dataclass(frozen=True)
class DrawResult:
    youth_id: str
    arm: EvaluationArm
    stratum: str
    drawn_at: datetime

    @property
    def arm_label(self) -> str:
        return self.arm.label


class EvaluationService:
    def __init__(self, ctx: ServiceContext, guard, settings: ProgrammeSettingsService,  # noqa: ANN001
                 reserve_keys: ReserveKeyring | None = None) -> None:
        self._ctx = ctx
        self._guard = guard
        self._settings = settings
        self._keys = reserve_keys or ReserveKeyring()

    # -- switching on and off -------------------------------------------------------------------------

    def is_enabled(self, *, territory_id: str) -> bool:
        return bool(self._settings.get(EVALUATION_ENABLED, territory_id=territory_id))

    def set_enabled(self, *, territory_id: str, enabled: bool, actor: Actor) -> None:
        """Switch the draw on or off for one territory (administrators; synced to every device)."""
        self._settings.set(EVALUATION_ENABLED, enabled, actor=actor, territory_id=territory_id)

    def enabled_territories(self) -> list[tuple[str, str]]:
        """(id, code) of the territories where the draw is on."""
        with self._ctx.read() as session:
            territories = session.execute(
                select(Territory.id, Territory.code).where(Territory.deleted_at.is_(None)).order_by(Territory.code)
            ).all()
            return [
                (tid, code)
                for tid, code in territories
                if evaluation_on_in(session, tid)
            ]

    # -- the reserve of blocks ------------------------------------------------------------------------

    def reserve_key_name(self) -> str | None:
        """The keyring entry's name of this device's reserve key (to remove it with the data, issue 14)."""
        with self._ctx.read() as session:
            return read_setting(session, RESERVE_ID_KEY)

    def reserve_levels(self) -> dict[str, int]:
        """Unused slots per stratum (how many draws this device can make offline); never which arm."""
        with self._ctx.read() as session:
            return dict(
                session.execute(
                    select(EvaluationSlot.stratum, func.count())
                    .where(EvaluationSlot.used_by_youth_id.is_(None))
                    .group_by(EvaluationSlot.stratum)
                ).all()
            )

    def replenish(
        self, source: AllocationSource, *, territory_codes: Iterable[str] | None = None, low_water: int = LOW_WATER_SLOTS
    ) -> int:
        """Ask ``source`` for blocks where a stratum of an enabled territory runs low; returns the slots added.

        Called by the sync cycle when the server is reachable (network first, then one short write).
        """
        codes = list(territory_codes) if territory_codes is not None else [c for _, c in self.enabled_territories()]
        levels = self.reserve_levels()
        wanted = [
            stratum
            for code in codes
            for stratum in (stratum_key(code, adult=False), stratum_key(code, adult=True))
            if levels.get(stratum, 0) < low_water
        ]
        added = 0
        if wanted:
            self._reserve_key()  # no keyring, no reserve: ask the server for nothing it would hand out in vain
        for stratum in wanted:  # kept stratum by stratum: blocks received are never lost to a later failure
            with self._ctx.read() as session:
                renewed = read_setting(session, RESERVE_RENEWED_KEY) == "1"
            blocks = source.reserve_blocks(stratum=stratum, count=BLOCKS_PER_REQUEST, new_reserve=renewed)
            added += self.store_blocks(blocks)
            if renewed:
                with self._ctx.write() as session:
                    session.execute(delete(LocalSetting).where(LocalSetting.key == RESERVE_RENEWED_KEY))
        return added

    def refill_after_sync(self, sync) -> None:  # noqa: ANN001 - SyncService (services.sync imports nothing of ours)
        """After a successful sync cycle: top up the reserve of every enabled territory. Never fails the sync: a
        territory this device is not enrolled for, or a server without the evaluation, is simply skipped."""
        codes = [code for _tid, code in self.enabled_territories()]
        if not codes:
            return
        try:
            client = sync.evaluation_client()
        except DomainError as error:
            log.warning("evaluation reserve not refilled: %s", type(error).__name__)
            return
        for code in codes:
            try:
                self.replenish(client, territory_codes=[code])
            except DomainError as error:
                log.warning("evaluation reserve not refilled for one territory: %s", type(error).__name__)

    def _reserve_key(self) -> bytes:
        """The key of this device's reserve, from the keyring; made (with a new reserve) when there is none.

        Read before any write (the keyring may be slow or ask something). A reserve whose key is gone cannot be
        opened any more: its unused slots are dropped, and the next blocks start a new reserve.
        """
        with self._ctx.read() as session:
            reserve_id = read_setting(session, RESERVE_ID_KEY)
        key = self._keys.get(reserve_id) if reserve_id else None
        if key is not None:
            return key
        reserve_id = new_id()
        key = self._keys.create(reserve_id)
        with self._ctx.write() as session:
            dropped = session.execute(delete(EvaluationSlot).where(EvaluationSlot.used_by_youth_id.is_(None)))
            if dropped.rowcount:
                log.warning("evaluation reserve without its key: %d unused slots dropped", dropped.rowcount)
            session.merge(LocalSetting(key=RESERVE_ID_KEY, value=reserve_id))
            session.merge(LocalSetting(key=RESERVE_RENEWED_KEY, value="1"))  # the server is told at the next request
        return key

    def store_blocks(self, blocks: Iterable[ReservedBlock]) -> int:
        """Keep blocks received from the server, sealed (a block already held is ignored)."""
        key = self._reserve_key()
        added = 0
        with self._ctx.write() as session:
            held = {
                (s, n)
                for s, n in session.execute(select(EvaluationSlot.stratum, EvaluationSlot.block_number).distinct())
            }
            for block in blocks:
                split_stratum(block.stratum)
                if (block.stratum, block.block_number) in held:
                    continue
                held.add((block.stratum, block.block_number))
                for position, arm in enumerate(block.arms):
                    seal = seal_arm(key, stratum=block.stratum, block_number=block.block_number, position=position,
                                    arm=arm)
                    session.add(EvaluationSlot(stratum=block.stratum, block_number=block.block_number,
                                               position=position, seal=seal))
                    added += 1
        return added

    # -- the draw -------------------------------------------------------------------------------------

    def draw(self, *, youth_id: str, by: Actor) -> DrawResult:
        """Draw the youth into the programme or the control group, once and for all (at eligibility confirmation)."""
        self._guard.require(by, Action.EVALUATION_DRAW, youth_id=youth_id, entity="evaluation_assignment")
        today = self._ctx.today()
        with self._ctx.write(by) as session:
            youth = session.get(Youth, youth_id)
            if youth is None or youth.deleted_at is not None:
                raise NotFound("Ce jeune n'existe pas (ou plus) dans cette base.")
            return draw_in(session, youth, by=by, today=today, keys=self._keys)

    def assignment(self, *, youth_id: str, actor: Actor) -> DrawResult | None:
        """The youth's draw, if made (shown only once drawn: a draw is never known in advance)."""
        self._guard.require(actor, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.read() as session:
            return assignment_in(session, youth_id)



def draw_in(session: LocalSession, youth: Youth, *, by: Actor, today: date,
            keys: ReserveKeyring | None = None) -> DrawResult:
    """The draw inside the caller's unit of work (the intake confirms eligibility and draws in one go).

    The caller has checked the role (Action.EVALUATION_DRAW). Raises EvaluationAlreadyDrawn,
    NoAllocationAvailable, ReserveUnreadable, or DomainError when the evaluation is off for the youth's territory.
    """
    existing = _assignment(session, youth.id)
    if existing is not None:
        raise EvaluationAlreadyDrawn(
            f"Ce jeune a déjà été tiré au sort le {format_date(to_paris(existing.drawn_at).date())} "
            f"(groupe : {existing.arm.label}). Un tirage au sort est définitif : il ne peut pas être refait."
        )
    territory = session.get(Territory, youth.territory_id)
    if not evaluation_on_in(session, youth.territory_id):
        raise DomainError(
            f"L'évaluation par tirage au sort n'est pas active pour le territoire {territory.name}. "
            "Il n'y a pas de tirage à faire : l'accueil continue normalement."
        )
    keys = keys or ReserveKeyring()
    unavailable = keys.unavailable_reason()  # passphrase mode: no keyring, hence no sync and no reserve (issue 13)
    if unavailable is not None:
        raise NoAllocationAvailable(unavailable)
    stratum = stratum_key(territory.code, adult=is_adult_on(youth.birth_date, today))
    slot = session.scalar(
        select(EvaluationSlot)
        .where(EvaluationSlot.stratum == stratum, EvaluationSlot.used_by_youth_id.is_(None))
        .order_by(EvaluationSlot.block_number, EvaluationSlot.position)
        .limit(1)
    )
    if slot is None:
        raise NoAllocationAvailable(
            "Le tirage au sort ne peut pas être fait sur cet ordinateur pour l'instant : sa réserve de "
            f"tirages pour {territory.name} ({_group_label(stratum)}) est épuisée. Connectez l'ordinateur "
            "à Internet et synchronisez, puis refaites le tirage. L'accueil peut continuer en attendant."
        )
    arm = _open_slot(session, slot, keys)
    slot.used_by_youth_id = youth.id
    assignment = EvaluationAssignment(
        case_id=youth.id,
        youth_id=youth.id,
        arm=arm,
        stratum=stratum,
        block_number=slot.block_number,
        block_position=slot.position,
        drawn_by=by.staff_id,
    )
    session.add(assignment)
    session.flush()
    record_in(
        session,
        action=AuditAction.EVALUATION_DRAW,
        by=by,
        entity="evaluation_assignment",
        entity_id=assignment.id,
        youth_id=youth.id,
        territory_id=youth.territory_id,
    )
    return DrawResult(youth.id, assignment.arm, stratum, assignment.drawn_at)


def _open_slot(session: LocalSession, slot: EvaluationSlot, keys: ReserveKeyring) -> EvaluationArm:
    """Open one slot's seal (the next of its stratum: the caller chose it)."""
    reserve_id = read_setting(session, RESERVE_ID_KEY)
    key = keys.get(reserve_id) if reserve_id else None
    try:
        if key is None:
            raise SealBroken("no key")
        return open_seal(key, stratum=slot.stratum, block_number=slot.block_number, position=slot.position,
                         seal=slot.seal)
    except SealBroken as error:
        log.warning("evaluation reserve unreadable: %s", error)
        raise ReserveUnreadable(
            "Le tirage au sort ne peut pas être fait : la réserve de tirages de cet ordinateur ne s'ouvre pas (sa "
            "clé n'est pas dans le trousseau de cette session, ou la réserve a été modifiée). Aucun tirage n'a "
            "été fait. Synchronisez l'ordinateur pour recevoir une nouvelle réserve, et prévenez l'administrateur "
            "si cela se reproduit."
        ) from error


def assignment_in(session: LocalSession, youth_id: str) -> DrawResult | None:
    """The youth's draw, if made, read in the caller's unit of work."""
    row = _assignment(session, youth_id)
    return None if row is None else DrawResult(youth_id, row.arm, row.stratum, row.drawn_at)


def assignments_in(session: LocalSession, youth_ids: list[str]) -> dict[str, DrawResult]:
    """youth id → their draw, for the youths given that have one (a tombstoned draw still counts)."""
    wanted = sorted(set(youth_ids))
    draws: dict[str, DrawResult] = {}
    for start in range(0, len(wanted), 500):
        for row in session.scalars(
            select(EvaluationAssignment).where(EvaluationAssignment.youth_id.in_(wanted[start:start + 500]))
        ):
            draws.setdefault(row.youth_id, DrawResult(row.youth_id, row.arm, row.stratum, row.drawn_at))
    return draws


def evaluation_on_in(session: LocalSession, territory_id: str) -> bool:
    return bool(read_setting_in(session, EVALUATION_ENABLED, territory_id=territory_id))

def _assignment(session: LocalSession, youth_id: str) -> EvaluationAssignment | None:
    # A tombstoned draw still counts: a youth is never drawn twice.
    return session.scalar(select(EvaluationAssignment).where(EvaluationAssignment.youth_id == youth_id).limit(1))


def _group_label(stratum: str) -> str:
    _, adult = split_stratum(stratum)
    return "majeurs" if adult else "mineurs"

