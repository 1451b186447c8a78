"""The regional steering view (issue 18 §6): the indicators of every territory side by side, pseudonymised.

For the regional steering committees (« comité de pilotage régional », role ``regional``) and the administrators
(Action.REGIONAL_VIEW). Each territory's figures are the very indicators of the *Indicateurs* screen
(``documents/indicators.py``, each youth counted once by their first validated intake of the period), reduced to
counts: no name anywhere — the referents' caseloads become "how many referents, how many over the cap" — and
every count from 1 to 4 is shown as « < 5 » (as the evaluation exports do), so that a small territory's line
cannot point at one youth. Totals are the sums of the exact counts, suppressed the same way, and a second cell is
hidden wherever a suppressed one could be recomputed from a total (``domain/regional.py``, the rules and the
suppression the server applies too).

Where the figures come from: a computer that holds every territory's files (no server, as the demo store) counts
them itself; a regional committee's computer, enrolled for no territory, holds none and asks the server, which
counts them from its own records with the same rules (``server/regional.py``); the last ones fetched are kept
(local setting ``regional_figures``) and shown with their date when the server does not answer.

The role opens nothing else: the case file, the youths list, the intake, the documents that name someone and the
training obligation's list all refuse it (security/roles.py).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import ReferralSource
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.regional import RegionalView, TerritoryCounts, regional_view, shown
from pac_desktop.reports.model import Indicators
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import LocalSetting, SyncDevice
from pac_desktop.sync.errors import ServerUnreachable

from .access import AccessGuard
from .audit import record_in
from .context import Actor, ServiceContext
from .documents import DocumentsService
from .documents.base import write_in_place
from .documents.rows import _Lookup
from .reference import ReferenceService

if TYPE_CHECKING:
    from .sync import SyncService

CSV_KIND = "regional_csv"
PDF_KIND = "regional_pdf"

#: The local setting that keeps, on a regional computer, the last figures fetched from the server (counts
#: already suppressed by the server: no personal data), shown when the server does not answer.
LAST_FIGURES_KEY = "regional_figures"
OFFLINE = "Le serveur ne répond pas : voici les derniers chiffres reçus sur cet ordinateur."
OFFLINE_NOTHING_YET = (
    "Le serveur ne répond pas et aucun chiffre n'a encore été reçu sur cet ordinateur. Les chiffres des "
    "territoires s'afficheront dès que le serveur sera joignable (vérifiez la connexion au réseau)."
)
NO_USER = "Connectez-vous pour demander les chiffres des territoires au serveur."


class RegionalService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None, documents: DocumentsService,
                 clock: Callable[[], datetime] | None = None, sync: Callable[[], SyncService] | None = None) -> None:
        self._ctx = ctx
        self._guard = guard
        self._documents = documents
        self._clock = clock or (lambda: datetime.now(UTC))
        self._sync = sync

    def _require(self, by: Actor | None) -> None:
        if self._guard is not None:
            self._guard.require(by, Action.REGIONAL_VIEW, entity="regional_indicators")

    def side_by_side(self, *, by: Actor | None, date_from: date | None = None,
                     date_to: date | None = None) -> RegionalView:
        """Every territory, one column each, for the youths whose intake was held in the period (without dates:
        from the first intake held to today). On a regional computer (enrolled for no territory, it holds no
        file) the server counts them; elsewhere they are counted from this store."""
        self._require(by)
        if self.is_regional_computer():
            return self._from_server(by, date_from, date_to)
        return self._counted_here(date_from, date_to)

    def is_regional_computer(self) -> bool:
        return self._held_territories() == set()

    def _counted_here(self, date_from: date | None, date_to: date | None) -> RegionalView:
        territories = ReferenceService(self._ctx).territories()
        held = self._held_territories()
        missing = tuple(t.name for t in territories if held is not None and t.id not in held)
        territories = [t for t in territories if held is None or t.id in held]
        whole = self._documents.indicators(date_from=date_from, date_to=date_to)  # the period's default bounds
        columns = [self._documents.indicators(date_from=whole.date_from, date_to=whole.date_to,
                                              territory_code=t.code) for t in territories]
        return regional_view([t.name for t in territories], [territory_counts(c) for c in columns],
                             date_from=whole.date_from, date_to=whole.date_to, generated_at=self._clock(),
                             missing=missing)

    def _from_server(self, by: Actor | None, date_from: date | None, date_to: date | None) -> RegionalView:
        if by is None or self._sync is None:
            raise DomainError(NO_USER)
        try:
            view = self._sync().regional_client().figures(
                staff_id=by.staff_id, sign=partial(self._ctx.keys.sign, by.staff_id), date_from=date_from,
                date_to=date_to)
        except ServerUnreachable:
            last = self.last_fetched()
            if last is None:
                raise DomainError(OFFLINE_NOTHING_YET) from None
            return replace(last, notice=OFFLINE)
        with self._ctx.write(by) as session:
            session.merge(LocalSetting(key=LAST_FIGURES_KEY, value=json.dumps(
                {"fetched_at": view.fetched_at.isoformat() if view.fetched_at else None, "view": view.to_json()})))
        return view

    def last_fetched(self) -> RegionalView | None:
        """The last figures this regional computer received from the server, with their date; None if none."""
        with self._ctx.read() as session:
            kept = session.get(LocalSetting, LAST_FIGURES_KEY)
            value = kept.value if kept is not None else None
        if not value:
            return None
        data = json.loads(value)
        fetched = datetime.fromisoformat(data["fetched_at"]) if data.get("fetched_at") else None
        return RegionalView.from_json(data["view"], fetched_at=fetched)

    def _for_export(self, by: Actor | None, date_from: date | None, date_to: date | None) -> RegionalView:
        """The figures a document saves: on a regional computer, those just fetched and shown when the period is
        theirs (the same figures as the screen, without asking the server again)."""
        if self.is_regional_computer():
            self._require(by)
            last = self.last_fetched()
            if last is not None and date_from in (None, last.date_from) and date_to in (None, last.date_to):
                return last
        return self.side_by_side(by=by, date_from=date_from, date_to=date_to)

    def _held_territories(self) -> set[str] | None:
        """The territories whose files this computer holds: those of its enrolment (the server sends a device
        the files of its territories only, whoever signs in), or every one on a computer without a server."""
        with self._ctx.read() as session:
            device = session.get(SyncDevice, 1)
        return set(json.loads(device.territory_ids or "[]")) if device is not None else None

    def export_csv(self, *, path: Path, by: Actor | None, date_from: date | None = None,
                   date_to: date | None = None) -> int:
        """The side-by-side view as CSV (semicolons, UTF-8 with BOM); returns the number of lines."""
        view = self._for_export(by, date_from, date_to)

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
        view = self._for_export(by, date_from, date_to)
        with self._ctx.read() as session:
            letterhead = _Lookup(session).letterhead(None)
        return write_in_place(path, lambda out: reports.render_regional(view, out, letterhead=letterhead),
                              lambda pages: self._audit(by, view, PDF_KIND, pages=pages))

    def _audit(self, by: Actor | None, view: RegionalView, kind: str, **extra: int) -> None:
        with self._ctx.write(by) as session:
            record_in(session, action=AuditAction.EXPORT, by=by, entity="regional_indicators",
                      detail=json.dumps({"document": kind, "from": view.date_from.isoformat(),
                                         "to": view.date_to.isoformat(), **extra}))


def territory_counts(figures: Indicators) -> TerritoryCounts:
    """One territory's *Indicateurs*, as the counts of the side-by-side view."""
    return TerritoryCounts(
        cohort=figures.cohort_size, adults=figures.adults,
        in_priority_area=sum(line.count for line in figures.by_priority_area if line.key == "yes"),
        referral_sources={(ReferralSource(line.key) if line.key else None): line.count
                          for line in figures.referral_sources},
        proposed={line.category: line.proposed for line in figures.solutions},
        accepted={line.category: line.accepted for line in figures.solutions},
        outcomes={column.milestone: dict(column.by_situation) for column in figures.outcomes},
        awaited={column.milestone: column.awaited for column in figures.outcomes},
        referents=len(figures.caseloads), referents_over_cap=sum(1 for line in figures.caseloads if line.over_cap))
