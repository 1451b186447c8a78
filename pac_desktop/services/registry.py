"""All the services of one running application, built once by the composition root (app.py, cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pac_desktop.storage.store import OpenedStore

from .context import ServiceContext
from .home import HomeService
from .reference import ReferenceService
from .staff import StaffService
from .stats import StatsService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    reference: ReferenceService
    staff: StaffService
    home: HomeService
    stats: StatsService

    @classmethod
    def build(cls, store: OpenedStore, *, today: Callable[[], date] = date.today) -> Services:
        ctx = ServiceContext(store=store, today=today)
        return cls(
            ctx=ctx,
            reference=ReferenceService(ctx),
            staff=StaffService(ctx),
            home=HomeService(ctx),
            stats=StatsService(ctx),
        )
