"""Counts of the local store: youths by territory, intakes by territory and state."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from pac_desktop.domain.enums import IntakeState
from pac_desktop.storage.models import JointIntake, Territory, Youth

from .context import ServiceContext


@dataclass(frozen=True)
class TerritoryCounts:
    territory: str
    youths: int
    intakes_by_state: dict[IntakeState, int]

    @property
    def intakes(self) -> int:
        return sum(self.intakes_by_state.values())


class StatsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def by_territory(self) -> list[TerritoryCounts]:
        with self._ctx.read() as session:
            territories = session.execute(
                select(Territory.id, Territory.name).where(Territory.deleted_at.is_(None)).order_by(Territory.name)
            ).all()
            youths = dict(
                session.execute(
                    select(Youth.territory_id, func.count())
                    .where(Youth.deleted_at.is_(None))
                    .group_by(Youth.territory_id)
                ).all()
            )
            intakes: dict[str, dict[IntakeState, int]] = {}
            for territory_id, state, count in session.execute(
                select(JointIntake.territory_id, JointIntake.state, func.count())
                .where(JointIntake.deleted_at.is_(None))
                .group_by(JointIntake.territory_id, JointIntake.state)
            ):
                intakes.setdefault(territory_id, {})[state] = count
        return [
            TerritoryCounts(name, youths.get(tid, 0), {s: intakes.get(tid, {}).get(s, 0) for s in IntakeState})
            for tid, name in territories
        ]
