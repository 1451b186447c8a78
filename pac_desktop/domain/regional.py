"""The regional steering view's figures (issue 18 §6): one row per indicator, one value per territory, with the
small counts suppressed. Pure values and rules, shared by the desktop (a store holding every territory's files)
and the server (its own records, for a regional committee's computer that holds none).

Each side counts, per territory, a :class:`TerritoryCounts` with the same counting rules (:func:`counts_as_adult`,
:func:`milestone_awaited`, :func:`counts_as_referent`); :func:`regional_view` turns them into the rows every
screen, CSV and PDF shows, and suppresses the small cells there, once, for both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .eligibility import add_months, is_adult_on
from .enums import MILESTONE_MONTHS, OfferCategory, OutcomeMilestone, OutcomeSituation, ReferralSource
from .french import format_date_short, format_time, to_paris

#: Counts from 1 to SMALL_COUNT - 1 are shown as « < 5 ».
SMALL_COUNT = 5
#: A cell hidden although it is not small (secondary suppression): else the small one next to it could be
#: recomputed from the total. Travels as this value (JSON integers), shown « s ».
SECONDARY = -1
SECONDARY_MARK = "s"
# No-break spaces inside the guillemets: a line must not break between « < 5 » and its closing mark.
SECONDARY_NOTE = (f"«\u00a0{SECONDARY_MARK}\u00a0» : effectif masqué pour qu'un effectif «\u00a0<\u00a0{SMALL_COUNT}\u00a0» "
                  "ne puisse pas être recalculé à partir des totaux.")


def shown(value: int | None) -> str:
    """A count as printed: « < 5 » for a suppressed one (None), « s » for one hidden to protect it."""
    if value is None:
        return f"< {SMALL_COUNT}"
    return SECONDARY_MARK if value == SECONDARY else str(value)


def suppress(value: int) -> int | None:
    """None (shown « < 5 ») for a count from 1 to 4: too few to be shown without pointing at someone."""
    return None if 0 < value < SMALL_COUNT else value


# -------------------------------------------------------------------------------------------- counting rules


def counts_as_adult(birth_date: date | None, held_on: date) -> bool:
    """An adult at intake: 18 or more on the day of the intake (unknown birth date: not counted as adult)."""
    return birth_date is not None and is_adult_on(birth_date, held_on)


def milestone_awaited(held_on: date, milestone: OutcomeMilestone, today: date) -> bool:
    """A youth's situation at a milestone is awaited once the milestone's date has come (else: not yet due)."""
    return add_months(held_on, MILESTONE_MONTHS[milestone]) <= today


def counts_as_referent(*, has_referent_role: bool, caseload: int, active: bool) -> bool:
    """A referent of the caseload figures: holds the role or follows youths now, and is active or still follows
    some."""
    return (has_referent_role or caseload > 0) and (active or caseload > 0)


def over_cap(caseload: int, cap: int) -> bool:
    return caseload > cap


@dataclass(frozen=True)
class TerritoryCounts:
    """One territory's exact counts for the period (never shown as such: :func:`regional_view` suppresses)."""

    cohort: int = 0
    adults: int = 0
    in_priority_area: int = 0
    #: None: no referral source known.
    referral_sources: Mapping[ReferralSource | None, int] = field(default_factory=dict)
    proposed: Mapping[OfferCategory, int] = field(default_factory=dict)
    accepted: Mapping[OfferCategory, int] = field(default_factory=dict)
    outcomes: Mapping[OutcomeMilestone, Mapping[OutcomeSituation, int]] = field(default_factory=dict)
    awaited: Mapping[OutcomeMilestone, int] = field(default_factory=dict)
    referents: int = 0
    referents_over_cap: int = 0

    def __post_init__(self) -> None:
        # Zero counts are left out: two sides that count the same compare equal, however they list zeros.
        for name in ("referral_sources", "proposed", "accepted", "awaited"):
            object.__setattr__(self, name, {k: n for k, n in getattr(self, name).items() if n})
        object.__setattr__(self, "outcomes", {m: {s: n for s, n in by.items() if n}
                                              for m, by in self.outcomes.items() if any(by.values())})


# -------------------------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class RegionalRow:
    section: str
    label: str
    #: One per territory, in the order of RegionalView.territories; None = suppressed (1 to 4), SECONDARY =
    #: hidden to protect a suppressed one.
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
    #: When the figures were fetched from the server (a regional computer), None when counted here.
    fetched_at: datetime | None = None
    #: Why these figures are not fresh ones (the server did not answer: the last ones fetched), else "".
    notice: str = ""

    @property
    def fetched_text(self) -> str:
        """« Chiffres du 02/12/2026 à 19 h 05 » (Paris time) for figures fetched from the server, else ""."""
        if self.fetched_at is None:
            return ""
        local = to_paris(self.fetched_at)
        return f"Chiffres du {format_date_short(local.date())} à {format_time(local)}"

    @property
    def missing_text(self) -> str:
        if not self.missing:
            return ""
        names = ", ".join(self.missing)
        return (f"Non comptés ici : {names}. Cet ordinateur ne reçoit que les dossiers des territoires de son "
                "inscription ; leurs chiffres n'y sont pas.")

    @property
    def has_secondary(self) -> bool:
        return any(v == SECONDARY for r in self.rows for v in (*r.values, r.total))

    def row(self, label: str, section: str | None = None) -> RegionalRow:
        return next(r for r in self.rows if r.label == label and (section is None or r.section == section))

    def to_json(self) -> str:
        """The view as it travels from the server and is kept on a regional computer (suppressed already)."""
        return json.dumps({
            "date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat(),
            "generated_at": self.generated_at.isoformat(), "territories": list(self.territories),
            "missing": list(self.missing),
            "rows": [{"section": r.section, "label": r.label, "values": list(r.values), "total": r.total}
                     for r in self.rows],
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, *, fetched_at: datetime | None = None) -> RegionalView:
        data = json.loads(text)
        return cls(date_from=date.fromisoformat(data["date_from"]), date_to=date.fromisoformat(data["date_to"]),
                   generated_at=datetime.fromisoformat(data["generated_at"]),
                   territories=tuple(data["territories"]), missing=tuple(data.get("missing", ())),
                   rows=tuple(RegionalRow(r["section"], r["label"], tuple(r["values"]), r["total"])
                              for r in data["rows"]),
                   fetched_at=fetched_at)


COHORT = "Cohorte"
COHORT_LABEL = "Jeunes accueillis"
SOURCES = "Repérage (prescripteurs)"
SOLUTIONS = "Solutions proposées (acceptées)"
REFERENTS = "Référents"
UNKNOWN_SOURCE = "Non renseigné"
MILESTONES = (OutcomeMilestone.MONTH_3, OutcomeMilestone.MONTH_6, OutcomeMilestone.MONTH_12)


def regional_view(territories: Sequence[str], counts: Sequence[TerritoryCounts], *, date_from: date,
                  date_to: date, generated_at: datetime, missing: tuple[str, ...] = ()) -> RegionalView:
    """The rows of the view, one column per territory and the total (the sum of the columns), every small count
    suppressed and, where one alone would be recomputable from a total, a second cell hidden with it."""
    exact: list[tuple[str, str, list[int]]] = []
    #: Groups of rows whose values add up, per column: (whole row, part rows).
    sums: list[tuple[int, list[int]]] = []

    def add(section: str, label: str, values: Iterable[int]) -> int:
        exact.append((section, label, list(values)))
        return len(exact) - 1

    cohort = add(COHORT, COHORT_LABEL, (c.cohort for c in counts))
    adults = add(COHORT, "dont majeurs à l'accueil", (c.adults for c in counts))
    minors = add(COHORT, "dont mineurs à l'accueil", (c.cohort - c.adults for c in counts))
    inside = add(COHORT, "En quartier prioritaire", (c.in_priority_area for c in counts))
    outside = add(COHORT, "Hors quartier prioritaire", (c.cohort - c.in_priority_area for c in counts))
    sums += [(cohort, [adults, minors]), (cohort, [inside, outside])]
    sources: list[int] = []
    for source in (*ReferralSource, None):
        if any(c.referral_sources.get(source) for c in counts):
            sources.append(add(SOURCES, source.label if source else UNKNOWN_SOURCE,
                               (c.referral_sources.get(source, 0) for c in counts)))
    if sources:
        sums.append((cohort, sources))
    for category in OfferCategory:
        if any(c.proposed.get(category) for c in counts):
            add(SOLUTIONS, category.label, (c.proposed.get(category, 0) for c in counts))
            add(SOLUTIONS, f"{category.label} — acceptées", (c.accepted.get(category, 0) for c in counts))
    for milestone in MILESTONES:
        section = f"Situation {milestone.label.lower()}"
        for situation in OutcomeSituation:
            add(section, situation.label, (c.outcomes.get(milestone, {}).get(situation, 0) for c in counts))
        add(section, "Attendue, non renseignée", (c.awaited.get(milestone, 0) for c in counts))
    add(REFERENTS, "Référents suivant des jeunes", (c.referents for c in counts))
    add(REFERENTS, "au-delà du plafond", (c.referents_over_cap for c in counts))

    width = len(counts)
    grid = [[*values, sum(values)] for _s, _l, values in exact]
    hidden = protect(grid, [[(r, c) for c in range(width + 1)] for r in range(len(grid))]
                     + [[(whole, c), *((p, c) for p in parts)] for whole, parts in sums for c in range(width + 1)])

    def cell(r: int, c: int) -> int | None:
        if (r, c) not in hidden:
            return grid[r][c]
        return None if 0 < grid[r][c] < SMALL_COUNT else SECONDARY

    rows = tuple(RegionalRow(section, label, tuple(cell(r, c) for c in range(width)), cell(r, width))
                 for r, (section, label, _v) in enumerate(exact))
    return RegionalView(date_from=date_from, date_to=date_to, generated_at=generated_at,
                        territories=tuple(territories), rows=rows, missing=missing)


def protect(grid: Sequence[Sequence[int]], equations: Sequence[Sequence[tuple[int, int]]]) -> set[tuple[int, int]]:
    """The cells to hide: every count from 1 to 4 (primary suppression), then, for each equation (cells linked
    by one sum: a row and its total, a whole and its parts) left with a single hidden cell, the smallest other
    non-zero cell too (secondary suppression), until no equation gives a hidden cell away."""
    hidden = {(r, c) for r, line in enumerate(grid) for c, v in enumerate(line) if 0 < v < SMALL_COUNT}
    changed = True
    while changed:
        changed = False
        for cells in equations:
            if sum(1 for x in cells if x in hidden) != 1:
                continue
            others = [x for x in cells if x not in hidden and grid[x[0]][x[1]] > 0]
            if others:
                hidden.add(min(others, key=lambda x: (grid[x[0]][x[1]], x)))
                changed = True
    return hidden


def request_payload(*, device_id: str, staff_id: str, date_from: date | None, date_to: date | None,
                    requested_at: str) -> bytes:
    """What a regional user signs to ask the server for the figures (their key: docs/sync-authorship.md)."""
    document = {"v": 1, "purpose": "regional_figures", "device_id": device_id, "staff_id": staff_id,
                "from": date_from.isoformat() if date_from else None,
                "to": date_to.isoformat() if date_to else None, "requested_at": requested_at}
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
