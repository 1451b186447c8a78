"""Tombstone retention (SYNC.md §8): `pac-server admin purge-tombstones`.

A deleted row stays on the server as a tombstone, so that every device learns of the deletion from its feed. Once
every active device has read past it (its ``seq`` is below the smallest ``last_cursor`` of the active devices) and
it is older than the retention period, the tombstone and its history (``record_versions``, which hold the
deleted person's data) are removed for good. Devices not seen during the retention period are disabled first, so
that a forgotten computer cannot hold the horizon back for ever; such a device, once enrolled again, is below the
horizon, gets 410 and reloads its territory in full (the client then drops the rows the server no longer has).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, tuple_, update

from pac_desktop.domain.errors import DomainError

from . import auth, core
from .db import write_transaction
from .models import Device, Feed, Record, RecordVersion, ServerMeta, utcnow

RETENTION_DAYS = 180
_CHUNK = 400

D = Device.__table__
R = Record.__table__
V = RecordVersion.__table__
F = Feed.__table__


@dataclass(frozen=True)
class PurgeReport:
    """What a purge did (or, for a dry run, would do)."""

    devices_disabled: int
    tombstones_purged: int
    versions_purged: int
    #: The horizon after the purge (never lower than before) and before it.
    horizon: int
    previous_horizon: int
    dry_run: bool
    #: The disabled devices' names, for the administrator (no personal data).
    disabled_names: tuple[str, ...] = ()


def purge_tombstones(
    engine: Engine,
    *,
    now: datetime | None = None,
    retention_days: int = RETENTION_DAYS,
    dry_run: bool = False,
) -> PurgeReport:
    """Disable devices unseen for ``retention_days``, then remove the tombstones every remaining active device has
    read past and that are older than ``retention_days``, with their versions; raise the tombstone horizon.

    One write transaction (it holds the clock lock: no push or purge runs meanwhile). ``dry_run`` computes the
    same report and changes nothing."""
    if retention_days < 1:
        raise DomainError("La durée de conservation se compte en jours : au moins un jour.")
    now = now or utcnow()
    cutoff = now - timedelta(days=retention_days)
    with write_transaction(engine) as conn:
        active = conn.execute(
            select(D.c.device_id, D.c.name, D.c.last_cursor, D.c.last_seen, D.c.enrolled_at)
            .where(D.c.status == "active")
            .order_by(D.c.enrolled_at)
        ).all()
        idle = [d for d in active if (d.last_seen or d.enrolled_at) < cutoff]
        remaining = [d for d in active if d not in idle]
        # A device with no cursor yet has pulled nothing: counted as 0, it holds everything (the safe side).
        horizon = min((d.last_cursor or 0) for d in remaining) if remaining else core.server_seq(conn) + 1
        previous = core.meta(conn).tombstone_horizon
        # Every feed row of the record must be below the horizon too: a later move of its youth to another
        # territory feeds it again with fresh seqs, which some device may not have read yet.
        unread = select(F.c.id).where(F.c.entity == R.c.entity, F.c.id == R.c.id, F.c.seq >= horizon).exists()
        doomed = [tuple(k) for k in conn.execute(
            select(R.c.entity, R.c.id)
            .where(R.c.deleted.is_(True), R.c.seq < horizon, R.c.updated_at < cutoff, ~unread)
            .order_by(R.c.seq)
        )]
        versions = sum(
            conn.execute(select(func.count()).select_from(V).where(tuple_(V.c.entity, V.c.id).in_(chunk))).scalar_one()
            for chunk in _chunks(doomed)
        )
        if not dry_run:
            reason = auth.inactivity_reason(retention_days)
            for d in idle:
                auth.revoke_device(conn, d.device_id, reason=reason, at=now)
            _delete_records(conn, doomed)
            if horizon > previous:
                conn.execute(update(ServerMeta.__table__).values(tombstone_horizon=horizon))
    return PurgeReport(
        devices_disabled=len(idle),
        tombstones_purged=len(doomed),
        versions_purged=versions,
        horizon=max(horizon, previous),
        previous_horizon=previous,
        dry_run=dry_run,
        disabled_names=tuple(d.name for d in idle),
    )


def _delete_records(conn: Connection, keys: list[tuple[str, str]]) -> None:
    """The records, their whole history and their feed rows (in every scope)."""
    for chunk in _chunks(keys):
        conn.execute(delete(V).where(tuple_(V.c.entity, V.c.id).in_(chunk)))
        conn.execute(delete(F).where(tuple_(F.c.entity, F.c.id).in_(chunk)))
        conn.execute(delete(R).where(tuple_(R.c.entity, R.c.id).in_(chunk)))


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
