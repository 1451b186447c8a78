"""Loading the programme's reference data (territories, organisations, catalogue) into the local store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.reference import ReferenceData, load_reference_data, stable_id
from pac_desktop.storage.lookups import job_titles
from pac_desktop.storage.models import Organisation, ServiceOffer, Territory, TerritoryRequiredRole
from pac_desktop.storage.outbox import LocalSession

from .context import ServiceContext


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass(frozen=True)
class TerritoryInfo:
    id: str
    code: str
    name: str
    kind_label: str
    priority_area: bool


class ReferenceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def load(self, *, directory: Path | None = None) -> LoadReport:
        """Create or update every reference row from resources/reference; loading twice changes nothing.

        Not a user's action, so no role is asked (issue 7 §3): the files ship with the application and are loaded
        at start-up and by `pac init`; administrators change reference data on the shared server, which
        publishes it to the devices through the sync (checked there)."""
        data = load_reference_data(directory)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with self._ctx.write() as session:
            for model, rows in _rows(data):
                for values in rows:
                    counts[_upsert(session, model, values)] += 1
        return LoadReport(**counts)

    def job_titles(self, *, territory_id: str | None) -> dict[IntakeRole, str]:
        """The intake roles' names in a territory (resources/reference/job_titles.json, issue 18 §7)."""
        with self._ctx.read() as session:
            return job_titles(session, territory_id)

    def territories(self) -> list[TerritoryInfo]:
        with self._ctx.read() as session:
            rows = session.scalars(select(Territory).where(Territory.deleted_at.is_(None)).order_by(Territory.name))
            return [TerritoryInfo(t.id, t.code, t.name, t.kind.label, t.priority_area) for t in rows]


def _rows(data: ReferenceData) -> list[tuple[type, list[dict[str, Any]]]]:
    """Reference entries as column values, keyed by ids every device derives the same way."""
    territory_id = {t.code: stable_id("territory", t.code) for t in data.territories}
    org_id = {o.code: stable_id("organisation", o.code) for o in data.organisations}
    territories = [
        dict(
            id=territory_id[t.code],
            code=t.code,
            name=t.name,
            kind=t.kind,
            priority_area=t.priority_area,
            department=t.department,
        )
        for t in data.territories
    ]
    roles = [
        dict(
            id=stable_id("territory_required_role", f"{t.code}/{role.value}"),
            territory_id=territory_id[t.code],
            role=role,
            title=data.job_title(role, t.code),
        )
        for t in data.territories
        for role in t.required_roles
    ]
    # Parents before children, so that the foreign key on parent_id is satisfied inside the flush.
    orgs_sorted = sorted(data.organisations, key=lambda o: o.parent is not None)
    organisations = [
        dict(
            id=org_id[o.code],
            code=o.code,
            territory_id=territory_id.get(o.territory) if o.territory else None,
            parent_id=org_id[o.parent] if o.parent else None,
            kind=o.kind,
            partner_kind=o.partner_kind,
            name=o.name,
            short_name=o.short_name,
            address=o.address,
            postcode=o.postcode,
            town=o.town,
            phone=o.phone,
            email=o.email,
        )
        for o in orgs_sorted
    ]
    offers = [
        dict(
            id=stable_id("service_offer", s.code),
            code=s.code,
            title=s.title,
            description=s.description,
            category=s.category,
            provider_id=org_id[s.provider] if s.provider else None,
            territory_id=territory_id[s.territory] if s.territory else None,
            min_age=s.min_age,
            max_age=s.max_age,
            newly_arrived_only=s.newly_arrived_only,
        )
        for s in data.offers
    ]
    return [
        (Territory, territories),
        (TerritoryRequiredRole, roles),
        (Organisation, organisations),
        (ServiceOffer, offers),
    ]


def _upsert(session: LocalSession, model: type, values: dict[str, Any]) -> str:
    row = session.get(model, values["id"])
    if row is None:
        session.add(model(**values))
        session.flush()  # keep insertion order for the foreign keys of the next rows
        return "created"
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return "updated" if changed else "unchanged"
