"""The training obligation of minors (16–18, issue 18 §5): a youth's situation in the case file, the list of the
minors without solution for the Mission Locale's follow-up, and its CSV and PDF exports.

The situation is **recorded** (each record dated, with its author; the newest one is the youth's situation) and
**suggested** from the file (a solution started, the last outcome, the day the youth left school,
``domain/training_obligation.suggest``): a started apprenticeship says "in training", but only the counsellor
knows that the youth dropped it last week. The list shows the recorded "sans solution" and, marked « à
confirmer », the minors never recorded whose file points to no solution.

Who: reading needs CASE_VIEW (the counsellors and referents of the youth's territory); recording needs the
youth's referent (CASE_EDIT) or a counsellor of the territory (INTAKE_EDIT) — a youth on the worklist has no
referent yet. The list is nominative: the same CASE_VIEW, on the territory; every export is audited (counts,
never a name).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.eligibility import age_on
from pac_desktop.domain.enums import OfferCategory, OutcomeSituation, SolutionStatus
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date_short, format_datetime
from pac_desktop.domain.training_obligation import (
    OBLIGATION_FROM_AGE,
    OBLIGATION_UNTIL_AGE,
    ObligationFacts,
    ObligationFigures,
    ObligationList,
    ObligationSituation,
    Suggestion,
    WithoutSolutionLine,
    obligation_ends,
    obligation_starts,
    suggest,
    under_obligation,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth, staff_names
from pac_desktop.storage.models import (
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    Territory,
    TrainingObligation,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from .access import AccessGuard
from .audit import record_in
from .context import Actor, ServiceContext
from .documents.base import write_in_place
from .documents.rows import _Lookup

CSV_KIND = "obligation_csv"
PDF_KIND = "obligation_pdf"
LIST_TITLE = "Mineurs sans solution — obligation de formation"


@dataclass(frozen=True)
class ObligationRecord:
    situation: ObligationSituation
    since: date
    recorded_by: str
    recorded_at: datetime

    @property
    def text(self) -> str:
        return f"{self.situation.label} depuis le {format_date_short(self.since)}"


@dataclass(frozen=True)
class ObligationStatus:
    """What the case file shows about the obligation."""

    youth_id: str
    #: Bound by the obligation today (16 ≤ age < 18).
    applies: bool
    starts_on: date
    ends_on: date
    current: ObligationRecord | None
    suggestion: Suggestion | None
    history: tuple[ObligationRecord, ...]  # newest first
    can_record: bool


class TrainingObligationService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self._ctx = ctx
        self._guard = guard
        self._clock = clock or (lambda: datetime.now(UTC))

    # ------------------------------------------------------------------------------------------ one youth

    def status(self, *, youth_id: str, by: Actor | None) -> ObligationStatus:
        if self._guard is not None:
            self._guard.require(by, Action.CASE_VIEW, youth_id=youth_id, entity="youth", entity_id=youth_id)
        today = self._ctx.today()
        with self._ctx.read() as session:
            youth = live_youth(session, youth_id)
            rows = session.scalars(
                select(TrainingObligation)
                .where(TrainingObligation.youth_id == youth_id, TrainingObligation.deleted_at.is_(None))
                .order_by(TrainingObligation.recorded_at.desc())
            ).all()
            names = staff_names(session, (r.recorded_by for r in rows))
            history = tuple(ObligationRecord(r.situation, r.since, names.get(r.recorded_by or "", "—"), r.recorded_at)
                            for r in rows)
            facts = _facts_of(session, [youth], today).get(youth_id)
        return ObligationStatus(
            youth_id=youth_id,
            applies=under_obligation(youth.birth_date, today),
            starts_on=obligation_starts(youth.birth_date),
            ends_on=obligation_ends(youth.birth_date),
            current=history[0] if history else None,
            suggestion=suggest(facts) if facts else None,
            history=history,
            can_record=self.can_record(youth_id=youth_id, by=by),
        )

    def can_record(self, *, youth_id: str, by: Actor | None) -> bool:
        if self._guard is None:
            return True
        return any(self._guard.allows(by, a, youth_id=youth_id) for a in (Action.CASE_EDIT, Action.INTAKE_EDIT))

    def record(self, *, youth_id: str, situation: ObligationSituation, since: date, by: Actor) -> str:
        """Record the minor's situation (a new record each time: the history keeps who said what, when)."""
        if self._guard is not None and not self.can_record(youth_id=youth_id, by=by):
            self._guard.require(by, Action.CASE_EDIT, youth_id=youth_id, entity="youth", entity_id=youth_id)
        today = self._ctx.today()
        if since > today:
            raise DomainError(f"La date ({format_date_short(since)}) est dans le futur : notez la situation une "
                              "fois qu'elle a commencé.")
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            name = f"{youth.first_name} {youth.last_name}"
            if not under_obligation(youth.birth_date, today):
                age = age_on(youth.birth_date, today) if youth.birth_date <= today else 0
                if age >= OBLIGATION_UNTIL_AGE:
                    raise DomainError(f"{name} a {age} ans : l'obligation de formation s'arrête à "
                                      f"{OBLIGATION_UNTIL_AGE} ans, il n'y a pas de situation à noter.")
                raise DomainError(f"{name} n'a pas encore {OBLIGATION_FROM_AGE} ans : l'obligation de formation "
                                  f"commence le {format_date_short(obligation_starts(youth.birth_date))}.")
            start = obligation_starts(youth.birth_date)
            if since < start:
                raise DomainError(f"La date ({format_date_short(since)}) précède le début de l'obligation de formation "
                                  f"pour {name} : ses {OBLIGATION_FROM_AGE} ans, le {format_date_short(start)}. "
                                  "Indiquez cette date ou une date plus récente.")
            row = TrainingObligation(case_id=youth_id, youth_id=youth_id, situation=situation, since=since,
                                     recorded_by=by.staff_id, recorded_at=self._clock())
            session.add(row)
            session.flush()
            return row.id

    # ------------------------------------------------------------------------------------------ the list

    def without_solution(self, *, by: Actor | None, territory_id: str | None = None) -> ObligationList:
        """The minors of a territory (the actor's by default) without solution, longest first, with the figures."""
        territory_id = territory_id or (by.territory_id if by else None)
        if territory_id is None:
            raise DomainError("Choisissez un territoire : la liste des mineurs sans solution se fait par territoire.")
        if self._guard is not None:
            self._guard.require(by, Action.CASE_VIEW, territory_id=territory_id, entity="training_obligation",
                                entity_id=territory_id)
        with self._ctx.read() as session:
            return _build_list(session, territory_id, self._ctx.today())

    def export_csv(self, *, path: Path, by: Actor | None, territory_id: str | None = None) -> int:
        """The list as CSV (semicolons, UTF-8 with BOM, dates 02/12/2026); returns the number of youths."""
        listing = self.without_solution(by=by, territory_id=territory_id)

        def write(out: Path) -> int:
            with open(out, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(CSV_HEADER)
                writer.writerows(csv_rows(listing.lines))
            return len(listing.lines)

        return write_in_place(path, write, lambda _rows: self._audit(by, listing, CSV_KIND))

    def print_pdf(self, *, path: Path, by: Actor | None, territory_id: str | None = None) -> int:
        """The list as a PDF (A4, French); returns its page count."""
        listing = self.without_solution(by=by, territory_id=territory_id)
        with self._ctx.read() as session:
            letterhead = _Lookup(session).letterhead(listing.territory_id)
        return write_in_place(
            path, lambda out: reports.render_obligation_list(listing, out, letterhead=letterhead, generated_at=self._clock()),
            lambda pages: self._audit(by, listing, PDF_KIND, pages=pages))

    def _audit(self, by: Actor | None, listing: ObligationList, kind: str, **extra: int) -> None:
        with self._ctx.write(by) as session:
            record_in(session, action=AuditAction.EXPORT, by=by, entity="training_obligation",
                      entity_id=listing.territory_id, territory_id=listing.territory_id,
                      detail=json.dumps({"document": kind, "rows": len(listing.lines), **extra}))


CSV_HEADER = ["Nom", "Prénom", "Date de naissance", "Âge", "Commune", "Téléphone", "Territoire",
              "Sans solution depuis le", "Jours sans solution", "Fin de l'obligation", "Situation", "Noté par",
              "Référent"]


def csv_rows(lines: Iterable[WithoutSolutionLine]) -> list[list[str]]:
    return [
        [line.last_name, line.first_name, format_date_short(line.birth_date), str(line.age), line.town or "",
         line.phone or "", line.territory_name, format_date_short(line.since), str(line.days),
         format_date_short(line.ends_on), "Confirmée" if line.confirmed else "À confirmer", line.source,
         line.referent_name or ""]
        for line in lines
    ]


# ---------------------------------------------------------------------------------------------- reading


def _minor_bounds(today: date) -> tuple[date, date]:
    """Birth dates that may be 16–17 today (a day of margin each side; the exact rule is under_obligation)."""
    return date(today.year - OBLIGATION_UNTIL_AGE, 1, 1), today - timedelta(days=365 * OBLIGATION_FROM_AGE - 5)


def _facts_of(session: LocalSession, youths: list[Youth], today: date) -> dict[str, ObligationFacts]:
    ids = [y.id for y in youths]
    started: dict[str, list[tuple[OfferCategory, date]]] = {}
    outcomes: dict[str, tuple[OutcomeSituation, date]] = {}
    for chunk in _chunks(ids):
        for youth_id, category, started_on in session.execute(
            select(ProposedSolution.youth_id, ProposedSolution.category, ProposedSolution.started_on).where(
                ProposedSolution.youth_id.in_(chunk), ProposedSolution.deleted_at.is_(None),
                ProposedSolution.status == SolutionStatus.STARTED, ProposedSolution.started_on.is_not(None))
        ):
            started.setdefault(youth_id, []).append((category, started_on))
        for youth_id, situation, recorded_on in session.execute(
            select(Outcome.youth_id, Outcome.situation, Outcome.recorded_on).where(
                Outcome.youth_id.in_(chunk), Outcome.deleted_at.is_(None), Outcome.recorded_on.is_not(None),
                Outcome.situation.is_not(None))
        ):
            if youth_id not in outcomes or recorded_on >= outcomes[youth_id][1]:
                outcomes[youth_id] = (situation, recorded_on)
    return {
        y.id: ObligationFacts(birth_date=y.birth_date, left_school_on=y.left_school_on,
                              started_solutions=tuple(started.get(y.id, ())), last_outcome=outcomes.get(y.id))
        for y in youths
    }


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _build_list(session: LocalSession, territory_id: str, today: date) -> ObligationList:
    territory = session.get(Territory, territory_id)
    if territory is None or territory.deleted_at is not None:
        raise NotFound("Ce territoire n'existe pas dans les données de référence.")
    oldest, youngest = _minor_bounds(today)
    youths = [y for y in session.scalars(
        select(Youth).where(Youth.territory_id == territory_id, Youth.deleted_at.is_(None),
                            Youth.birth_date >= oldest, Youth.birth_date <= youngest)
    ) if under_obligation(y.birth_date, today)]
    ids = [y.id for y in youths]
    current: dict[str, TrainingObligation] = {}
    referents: dict[str, str] = {}
    for chunk in _chunks(ids):
        for row in session.scalars(select(TrainingObligation).where(
                TrainingObligation.youth_id.in_(chunk), TrainingObligation.deleted_at.is_(None))):
            if row.youth_id not in current or row.recorded_at > current[row.youth_id].recorded_at:
                current[row.youth_id] = row
        referents.update(session.execute(select(ReferentAssignment.youth_id, ReferentAssignment.staff_id).where(
            ReferentAssignment.youth_id.in_(chunk), ReferentAssignment.ended_on.is_(None),
            ReferentAssignment.deleted_at.is_(None))).all())
    facts = _facts_of(session, [y for y in youths if y.id not in current], today)
    names = staff_names(session, [*(r.recorded_by for r in current.values()), *referents.values()])
    recorded: dict[ObligationSituation, int] = {}
    lines: list[WithoutSolutionLine] = []
    suggested_none = 0
    for y in youths:
        row = current.get(y.id)
        if row is not None:
            recorded[row.situation] = recorded.get(row.situation, 0) + 1
            if row.situation is not ObligationSituation.NO_SOLUTION:
                continue
            since, confirmed = row.since, True
            source = f"{names.get(row.recorded_by or '', '—')}, le {format_datetime(row.recorded_at)}"
        else:
            hint = suggest(facts[y.id])
            if hint is None or hint.situation is not ObligationSituation.NO_SOLUTION:
                continue
            suggested_none += 1
            since, confirmed, source = hint.since, False, f"Suggéré : {hint.reason}"
        referent = referents.get(y.id)
        lines.append(WithoutSolutionLine(
            youth_id=y.id, last_name=y.last_name, first_name=y.first_name, birth_date=y.birth_date,
            age=age_on(y.birth_date, today), town=y.town, phone=y.phone, territory_name=territory.name, since=since,
            days=(today - since).days, ends_on=obligation_ends(y.birth_date), confirmed=confirmed, source=source,
            referent_name=names.get(referent) if referent else None,
        ))
    # The situations a counsellor confirmed first (the figures' « sans solution »), then the file's suggestions;
    # in each, the longest without solution first.
    lines.sort(key=lambda line: (not line.confirmed, line.since, line.last_name, line.first_name))
    figures = ObligationFigures(minors=len(youths), recorded=recorded, not_recorded=len(youths) - len(current),
                                suggested_without_solution=suggested_none)
    return ObligationList(territory_id=territory_id, territory_name=territory.name, on=today, figures=figures,
                          lines=tuple(lines))
