"""The regional steering view's figures (issue 18 §6): one row per indicator, one value per territory, with the
small counts suppressed. Pure values: the service fills them, the screen and the PDF show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

#: Counts from 1 to SMALL_COUNT - 1 are shown as « < 5 ».
SMALL_COUNT = 5


def shown(value: int | None) -> str:
    """A count as printed: « < 5 » for a suppressed one (None)."""
    return f"< {SMALL_COUNT}" if value is None else str(value)


def suppress(value: int) -> int | None:
    """None (shown « < 5 ») for a count from 1 to 4: too few to be shown without pointing at someone."""
    return None if 0 < value < SMALL_COUNT else value


@dataclass(frozen=True)
class RegionalRow:
    section: str
    label: str
    #: One per territory, in the order of RegionalView.territories; None = suppressed (1 to 4).
    values: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True)
class RegionalView:
    date_from: date
    date_to: date
    generated_at: datetime
    territories: tuple[str, ...]
    rows: tuple[RegionalRow, ...]
    #: Territories whose files this computer does not hold (an enrolled computer holds its own only): not counted.
    missing: tuple[str, ...] = ()

    @property
    def missing_text(self) -> str:
        if not self.missing:
            return ""
        names = ", ".join(self.missing)
        return (f"Non comptés ici : {names}. Cet ordinateur ne reçoit que les dossiers des territoires de son "
                "inscription ; leurs chiffres n'y sont pas.")

    def row(self, label: str, section: str | None = None) -> RegionalRow:
        return next(r for r in self.rows if r.label == label and (section is None or r.section == section))
