"""Which category and offer a proposed solution has: one rule for the intake and the case file."""

from __future__ import annotations

from dataclasses import dataclass

from pac_desktop.domain.enums import (
    OfferCategory,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.storage.models import (
    ServiceOffer,
)
from pac_desktop.storage.outbox import LocalSession

# --------------------------------------------------------------------------------------------------
# Small readers
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SolutionKind:
    category: OfferCategory
    offer: ServiceOffer | None


def solution_category(
    session: LocalSession, *, offer_id: str | None, category: OfferCategory | None, territory_id: str
) -> SolutionKind:
    """The category of a proposed solution (the intake's and the case file's): the offer's, which must still be
    in the catalogue and open in the youth's territory, or the one chosen for a solution written freely."""
    if offer_id is None:
        if category is None:
            raise DomainError("Choisissez la catégorie de cette solution (par exemple « Orientation et bilan »).")
        return SolutionKind(OfferCategory(category), None)
    offer = session.get(ServiceOffer, offer_id)
    if offer is None or offer.deleted_at is not None:
        raise NotFound("Cette offre n'existe plus dans le catalogue : choisissez-en une autre.")
    if offer.territory_id not in (None, territory_id):
        raise DomainError("Cette offre n'est pas proposée sur le territoire du jeune.")
    return SolutionKind(offer.category, offer)
