"""The regional steering view (issue 18 §6): the indicators of every territory side by side, pseudonymised.

For the regional steering committees (« comité de pilotage régional », role ``regional``) and the administrators
(Action.REGIONAL_VIEW). Each territory's figures are the very indicators of the *Indicateurs* screen
(``documents/indicators.py``, each youth counted once by their first validated intake of the period), reduced to
counts: no name anywhere — the referents' caseloads become "how many referents, how many over the cap" — and
every count from 1 to 4 is shown as « < 5 » (as the evaluation exports do), so that a small territory's line
cannot point at one youth. Totals are the sums of the exact counts, suppressed the same way.

The role opens nothing else: the case file, the youths list, the intake, the documents that name someone and the
training obligation's list all refuse it (security/roles.py).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import OutcomeMilestone
from pac_desktop.domain.regional import RegionalRow, RegionalView, shown, suppress
from pac_desktop.reports.regional import render_regional
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import SyncDevice

from .access import AccessGuard
from .audit import record_in
from .context import Actor, ServiceContext
from .documents import DocumentsService
from .documents.base import write_in_place
from .documents.rows import _Lookup
from .reference import ReferenceService

CSV_KIND = "regional_csv"
PDF_KIND = "regional_pdf"

class RegionalService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None, documents: DocumentsService,
                 clock: Callable[[], datetime] | None = None) -> None:
        self._ctx = ctx
        self._guard = guard
        self._documents = documents
        self._clock = clock or (lambda: datetime.now(UTC))

    def _require(self, by: Actor | None) -> None:
        if self._guard is not None:
            self._guard.require(by, Action.REGIONAL_VIEW, entity="regional_indicators")

    def side_by_side(self, *, by: Actor | None, date_from: date | None = None,
                     date_to: date | None = None) -> RegionalView:
        """Every territory of this store, one column each, for the youths whose intake was held in the period
        (without dates: from the first intake held to today)."""
        self._require(by)
        territories = ReferenceService(self._ctx).territories()
        held = self._held_territories()
        missing = tuple(t.name for t in territories if held is not None and t.id not in held)
        territories = [t for t in territories if held is None or t.id in held]
        whole = self._documents.indicators(date_from=date_from, date_to=date_to)  # the territories held here
        columns = [self._documents.indicators(date_from=whole.date_from, date_to=whole.date_to,
                                              territory_code=t.code) for t in territories]
        rows: list[RegionalRow] = []

        def add(section: str, label: str, counts: list[int]) -> None:
            rows.append(RegionalRow(section, label, tuple(suppress(c) for c in counts), suppress(sum(counts))))

        cohort = "Cohorte"
        add(cohort, "Jeunes accueillis", [c.cohort_size for c in columns])
        add(cohort, "dont majeurs à l'accueil", [c.adults for c in columns])
        add(cohort, "dont mineurs à l'accueil", [c.minors for c in columns])
        for label in _labels(c.by_priority_area for c in columns):
            add(cohort, label, [_count(c.by_priority_area, label) for c in columns])
        for label in _labels(c.referral_sources for c in columns):
            add("Repérage (prescripteurs)", label, [_count(c.referral_sources, label) for c in columns])
        categories = [line.category for line in whole.solutions]
        for category in categories:
            add("Solutions proposées (acceptées)", category.label,
                [next((line.proposed for line in c.solutions if line.category is category), 0) for c in columns])
            add("Solutions proposées (acceptées)", f"{category.label} — acceptées",
                [next((line.accepted for line in c.solutions if line.category is category), 0) for c in columns])
        for milestone in (OutcomeMilestone.MONTH_3, OutcomeMilestone.MONTH_6, OutcomeMilestone.MONTH_12):
            section = f"Situation {milestone.label.lower()}"
            per = [next((o for o in c.outcomes if o.milestone is milestone), None) for c in columns]
            situations = [s for s, _n in next((o.by_situation for o in whole.outcomes if o.milestone is milestone),
                                              ())]
            for situation in situations:
                add(section, situation.label, [o.count(situation) if o else 0 for o in per])
            add(section, "Attendue, non renseignée", [o.awaited if o else 0 for o in per])
        add("Référents", "Référents suivant des jeunes", [len(c.caseloads) for c in columns])
        add("Référents", "au-delà du plafond", [sum(1 for line in c.caseloads if line.over_cap) for c in columns])
        return RegionalView(date_from=whole.date_from, date_to=whole.date_to, generated_at=self._clock(),
                            territories=tuple(t.name for t in territories), rows=tuple(rows), missing=missing)

    def _held_territories(self) -> set[str] | None:
        """The territories whose files this computer holds: those of its enrolment (the server sends a device
        the files of its territories only, whoever signs in), or every one on a computer without a server."""
        with self._ctx.read() as session:
            device = session.get(SyncDevice, 1)
        return set(json.loads(device.territory_ids or "[]")) if device is not None else None

    def export_csv(self, *, path: Path, by: Actor | None, date_from: date | None = None,
                   date_to: date | None = None) -> int:
        """The side-by-side view as CSV (semicolons, UTF-8 with BOM); returns the number of lines."""
        view = self.side_by_side(by=by, date_from=date_from, date_to=date_to)

        def write(out: Path) -> int:
            with open(out, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(["Rubrique", "Indicateur", *view.territories, "Tous territoires"])
                writer.writerows([r.section, r.label, *(shown(v) for v in r.values), shown(r.total)]
                                 for r in view.rows)
            return len(view.rows)

        return write_in_place(path, write, lambda _rows: self._audit(by, view, CSV_KIND))

    def print_pdf(self, *, path: Path, by: Actor | None, date_from: date | None = None,
                  date_to: date | None = None) -> int:
        """The side-by-side view as a PDF (A4); returns its page count."""
        view = self.side_by_side(by=by, date_from=date_from, date_to=date_to)
        with self._ctx.read() as session:
            letterhead = _Lookup(session).letterhead(None)
        return write_in_place(path, lambda out: render_regional(view, out, letterhead=letterhead),
                              lambda pages: self._audit(by, view, PDF_KIND, pages=pages))

    def _audit(self, by: Actor | None, view: RegionalView, kind: str, **extra: int) -> None:
        with self._ctx.write(by) as session:
            record_in(session, action=AuditAction.EXPORT, by=by, entity="regional_indicators",
                      detail=json.dumps({"document": kind, "from": view.date_from.isoformat(),
                                         "to": view.date_to.isoformat(), **extra}))


def _labels(breakdowns) -> list[str]:  # noqa: ANN001 - an iterable of CountLine tuples
    seen: list[str] = []
    for lines in breakdowns:
        for line in lines:
            if line.label not in seen:
                seen.append(line.label)
    return seen


def _count(lines, label: str) -> int:  # noqa: ANN001 - a tuple of CountLine
    return next((line.count for line in lines if line.label == label), 0)
