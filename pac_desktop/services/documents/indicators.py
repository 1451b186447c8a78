"""The programme's indicators: figures, PDF, CSV and JSON."""

from __future__ import annotations

import csv
import os
import threading
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.enums import (
    MILESTONE_MONTHS,
    IntakeState,
    OfferCategory,
    OutcomeSituation,
    ReferralSource,
    StaffRole,
    TerritoryKind,
    YouthAnswer,
)
from pac_desktop.domain.french import format_date
from pac_desktop.domain.regional import counts_as_adult, counts_as_referent, milestone_awaited
from pac_desktop.domain.text import normalise
from pac_desktop.reports.model import (
    CaseloadLine,
    CategoryLine,
    CountLine,
    Indicators,
    OutcomeColumn,
    TerritoryLine,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    JointIntake,
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    StaffRoleGrant,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from ..context import Actor
from ..staff import current_caseloads
from .base import (
    DocumentKind,
    DocumentsServiceBase,
    ExportedFile,
    PrintedDocument,
    Progress,
    _audit_indicators_export,
    _check_cancel,
    _check_period,
    _half,
    _temp_beside,
)
from .rows import _alive, _get_territory, _Lookup


class IndicatorReports(DocumentsServiceBase):
    """The programme's indicators: PDF, CSV and JSON."""

    def indicators(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        territory_code: str | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Indicators:
        """The programme's figures for the youths whose joint intake, validated, was held in the period.

        Without dates the period runs from the first intake held to today.
        """
        with self._ctx.read() as session:
            return _build_indicators(
                session,
                date_from=date_from,
                date_to=date_to,
                territory_code=territory_code,
                today=self._ctx.today(),
                generated_at=self._clock(),
                progress=progress,
                cancel=cancel,
            )

    def print_indicators(
        self,
        *,
        path: Path,
        actor: Actor | str | None,
        date_from: date | None = None,
        date_to: date | None = None,
        territory_code: str | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> PrintedDocument:
        self._require(actor, (Action.COMMITTEE_VIEW,), territory_id=self._territory_id(territory_code),
                      entity="indicators")
        figures = self.indicators(
            date_from=date_from,
            date_to=date_to,
            territory_code=territory_code,
            progress=_half(progress, 0),
            cancel=cancel,
        )
        territory_id = self._territory_id(territory_code)
        return self._print(
            path,
            actor,
            lambda out: reports.render_indicators(figures, out, progress=_half(progress, 1), cancel=cancel),
            kind=DocumentKind.INDICATORS,
            title="Indicateurs du dispositif",
            entity="indicators",
            entity_id=territory_id,
            youth_id=None,
            territory_id=territory_id,
            detail={"from": figures.date_from.isoformat(), "to": figures.date_to.isoformat()},
        )

    # ---------------------------------------------------------------------------------- exports, audited

    def export_indicators_csv(
        self,
        *,
        path: Path,
        actor: Actor | str | None,
        date_from: date | None = None,
        date_to: date | None = None,
        territory_code: str | None = None,
    ) -> ExportedFile:
        """The indicators as a CSV file for a spreadsheet (semicolons, UTF-8 with BOM: Excel in French reads it)."""
        self._require(actor, (Action.COMMITTEE_VIEW,), territory_id=self._territory_id(territory_code),
                      entity="indicators")
        figures = self.indicators(date_from=date_from, date_to=date_to, territory_code=territory_code)
        rows = indicators_rows(figures)
        territory_id = self._territory_id(territory_code)
        path = Path(path)
        tmp = _temp_beside(path)
        try:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(["Rubrique", "Libellé", "Valeur", "Valeur 2"])
                writer.writerows(rows)
            with self._ctx.write(actor) as session:
                event = _audit_indicators_export(
                    session, actor, figures, territory_id, DocumentKind.INDICATORS_CSV, rows=len(rows)
                )
                session.flush()
                os.replace(tmp, path)
                return ExportedFile(path=path, kind=DocumentKind.INDICATORS_CSV, rows=len(rows), audit_event_id=event.id)
        finally:
            tmp.unlink(missing_ok=True)

    def export_indicators_json(
        self,
        *,
        actor: Actor | str | None,
        date_from: date | None = None,
        date_to: date | None = None,
        territory_code: str | None = None,
    ) -> dict[str, Any]:
        """The indicators as plain JSON values (``pac stats --json``), recorded as an export."""
        territory_id = self._territory_id(territory_code)
        self._require(actor, (Action.COMMITTEE_VIEW,), territory_id=territory_id, entity="indicators")
        figures = self.indicators(date_from=date_from, date_to=date_to, territory_code=territory_code)
        with self._ctx.write(actor) as session:
            _audit_indicators_export(session, actor, figures, territory_id, DocumentKind.INDICATORS_JSON)
        return indicators_json(figures)


# ==================================================================================================
# Indicateurs
# ==================================================================================================

_INDICATOR_STEPS = 6


def _build_indicators(
    session: LocalSession,
    *,
    date_from: date | None,
    date_to: date | None,
    territory_code: str | None,
    today: date,
    generated_at: datetime,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Indicators:
    def step(n: int) -> None:
        _check_cancel(cancel)
        if progress:
            progress(n, _INDICATOR_STEPS)

    territory = _get_territory(session, territory_code) if territory_code else None
    if date_to is None:
        date_to = today
    if date_from is None:
        first = session.scalar(
            select(func.min(JointIntake.held_on)).where(
                JointIntake.state == IntakeState.VALIDATED, _alive(JointIntake)
            )
        )
        date_from = min(first or date_to, date_to)
    _check_period(date_from, date_to)
    lookup = _Lookup(session)

    # The cohort: each youth once, with the first validated intake held in the period.
    stmt = (
        select(JointIntake.id, JointIntake.youth_id, JointIntake.territory_id, JointIntake.held_on,
               JointIntake.referral_id)
        .where(
            JointIntake.state == IntakeState.VALIDATED,
            JointIntake.held_on >= date_from,
            JointIntake.held_on <= date_to,
            _alive(JointIntake),
        )
        .order_by(JointIntake.held_on, JointIntake.id)
    )
    if territory is not None:
        stmt = stmt.where(JointIntake.territory_id == territory.id)
    cohort: dict[str, tuple[str, str, date, str | None]] = {}
    for intake_id, youth_id, territory_id, held_on, referral_id in session.execute(stmt):
        cohort.setdefault(youth_id, (intake_id, territory_id, held_on, referral_id))
    step(1)

    youths = {
        y.id: (y.birth_date, y.lives_in_priority_area)
        for y in _in_chunks(session, select(Youth.id, Youth.birth_date, Youth.lives_in_priority_area), Youth.id,
                            list(cohort))
    }
    adults_by_youth = {
        youth_id: counts_as_adult(youths[youth_id][0] if youth_id in youths else None, held_on)
        for youth_id, (_, _, held_on, _) in cohort.items()
    }
    adults = sum(adults_by_youth.values())

    per_territory: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for youth_id, (_, territory_id, _, _) in cohort.items():
        per_territory[territory_id][0] += 1
        per_territory[territory_id][1] += int(adults_by_youth[youth_id])
    shown_territories = (
        [territory] if territory is not None
        else sorted((t for t in lookup.territories.values() if t.deleted_at is None), key=lambda t: t.name)
    )
    by_territory = tuple(
        TerritoryLine(
            code=t.code,
            name=t.name,
            kind_label=t.kind.label,
            priority_area=t.priority_area,
            youths=per_territory[t.id][0],
            adults=per_territory[t.id][1],
        )
        for t in shown_territories
    )
    by_kind = tuple(
        CountLine(
            label=kind.label.capitalize(),
            key=kind.value,
            count=sum(
                counts[0] for tid, counts in per_territory.items()
                if tid in lookup.territories and lookup.territories[tid].kind is kind
            ),
        )
        for kind in TerritoryKind
    )
    in_priority = sum(1 for youth_id in cohort if youth_id in youths and youths[youth_id][1])
    by_priority_area = (
        CountLine(label="En quartier prioritaire", key="yes", count=in_priority),
        CountLine(label="Hors quartier prioritaire", key="no", count=len(cohort) - in_priority),
    )
    step(2)

    # Referral sources: the intake's referral, or the youth's first one.
    referral_ids = [r for (_, _, _, r) in cohort.values() if r]
    source_by_referral = dict(
        session.execute(select(Referral.id, Referral.source).where(Referral.id.in_(referral_ids))).all()
    ) if referral_ids else {}
    first_source: dict[str, ReferralSource] = {}
    missing = [y for y, (_, _, _, r) in cohort.items() if not r or r not in source_by_referral]
    for youth_id, source, _referred_on in _in_chunks(
        session,
        select(Referral.youth_id, Referral.source, Referral.referred_on)
        .where(_alive(Referral))
        .order_by(Referral.referred_on),
        Referral.youth_id,
        missing,
    ):
        first_source.setdefault(youth_id, source)
    source_counts: dict[ReferralSource | None, int] = defaultdict(int)
    for youth_id, (_, _, _, referral_id) in cohort.items():
        source = source_by_referral.get(referral_id) if referral_id else None
        source_counts[source or first_source.get(youth_id)] += 1
    referral_sources = tuple(
        CountLine(label=s.label, key=s.value, count=source_counts[s]) for s in ReferralSource if source_counts.get(s)
    ) + ((CountLine(label="Non renseigné", key="", count=source_counts[None]),) if source_counts.get(None) else ())
    step(3)

    # Solutions proposed at the cohort's intakes, and those the youth accepted, by category.
    intake_ids = [i for (i, _, _, _) in cohort.values()]
    proposed: dict[OfferCategory, int] = defaultdict(int)
    accepted: dict[OfferCategory, int] = defaultdict(int)
    for category, answer in _in_chunks(
        session,
        select(ProposedSolution.category, ProposedSolution.youth_answer).where(_alive(ProposedSolution)),
        ProposedSolution.intake_id,
        intake_ids,
    ):
        proposed[category] += 1
        accepted[category] += int(answer == YouthAnswer.ACCEPTED)
    solutions = tuple(
        CategoryLine(category=c, proposed=proposed[c], accepted=accepted[c]) for c in OfferCategory if proposed.get(c)
    )
    step(4)

    # Referents' caseloads now, against each one's cap.
    referent_ids = set(
        session.scalars(
            select(StaffRoleGrant.staff_id).where(StaffRoleGrant.role == StaffRole.REFERENT, _alive(StaffRoleGrant))
        )
    )
    loads = current_caseloads(session)
    referent_ids |= set(loads)
    if territory is not None:
        in_territory = set(
            session.scalars(
                select(ReferentAssignment.staff_id)
                .join(Youth, Youth.id == ReferentAssignment.youth_id)
                .where(
                    ReferentAssignment.ended_on.is_(None),
                    _alive(ReferentAssignment),
                    Youth.territory_id == territory.id,
                )
            )
        )
        referent_ids = {
            sid for sid in referent_ids
            if sid in in_territory
            or ((org := lookup.staff_org(sid)) is not None and org.territory_id == territory.id)
        }
    caseloads = tuple(
        sorted(
            (
                CaseloadLine(
                    name=lookup.staff_name(sid),
                    organisation=(lookup.staff_org(sid).short_name or lookup.staff_org(sid).name)
                    if lookup.staff_org(sid) else "",
                    caseload=loads.get(sid, 0),
                    cap=lookup.staff[sid].caseload_cap,
                )
                for sid in referent_ids
                if sid in lookup.staff and lookup.staff[sid].deleted_at is None
                and counts_as_referent(has_referent_role=True, caseload=loads.get(sid, 0),
                                       active=lookup.staff[sid].active)
            ),
            key=lambda line: (-line.caseload, normalise(line.name)),
        )
    )
    step(5)

    # Outcomes at 3, 6 and 12 months: every youth of the cohort is in exactly one box of each column.
    recorded: dict[tuple[str, str], OutcomeSituation] = {}
    for youth_id, milestone, situation in _in_chunks(
        session,
        select(Outcome.youth_id, Outcome.milestone, Outcome.situation).where(
            _alive(Outcome), Outcome.situation.is_not(None), Outcome.milestone.in_(list(MILESTONE_MONTHS))
        ),
        Outcome.youth_id,
        list(cohort),
    ):
        recorded[(youth_id, milestone)] = situation
    outcomes = []
    for milestone in MILESTONE_MONTHS:
        counts: dict[OutcomeSituation, int] = defaultdict(int)
        awaited = not_due = 0
        for youth_id, (_, _, held_on, _) in cohort.items():
            situation = recorded.get((youth_id, milestone))
            if situation is not None:
                counts[situation] += 1
            elif milestone_awaited(held_on, milestone, today):
                awaited += 1
            else:
                not_due += 1
        outcomes.append(
            OutcomeColumn(
                milestone=milestone,
                by_situation=tuple((s, counts[s]) for s in OutcomeSituation),
                recorded=sum(counts.values()),
                awaited=awaited,
                not_due=not_due,
            )
        )
    step(6)

    return Indicators(
        letterhead=lookup.letterhead(territory.id if territory else None),
        generated_at=generated_at,
        date_from=date_from,
        date_to=date_to,
        territory_code=territory.code if territory else None,
        territory_name=territory.name if territory else None,
        cohort_size=len(cohort),
        adults=adults,
        minors=len(cohort) - adults,
        by_territory=by_territory,
        by_kind=by_kind,
        by_priority_area=by_priority_area,
        referral_sources=referral_sources,
        solutions=solutions,
        caseloads=caseloads,
        outcomes=tuple(outcomes),
        as_of=today,
    )


def _in_chunks(session: LocalSession, stmt, column, values: list[str], size: int = 500):
    """Run ``stmt`` filtered on ``column IN values`` in chunks (SQLite limits bound parameters)."""
    for start in range(0, len(values), size):
        yield from session.execute(stmt.where(column.in_(values[start : start + size])))


# ==================================================================================================
# Indicators as rows (CSV) and as JSON (pac stats --json)
# ==================================================================================================


def indicators_rows(figures: Indicators) -> list[list[str]]:
    """The indicators as spreadsheet rows: section, label, value, second value."""
    rows: list[list[str]] = [
        ["Période", "Du", format_date(figures.date_from), ""],
        ["Période", "Au", format_date(figures.date_to), ""],
        ["Territoire", "Territoire", figures.territory_name or "Tous les territoires", ""],
        ["Cohorte", "Jeunes accueillis", str(figures.cohort_size), ""],
        ["Cohorte", "Majeurs à l'accueil", str(figures.adults), _percent(figures.adult_share)],
        ["Cohorte", "Mineurs à l'accueil", str(figures.minors), _percent(1 - figures.adult_share if figures.cohort_size else 0)],
    ]
    rows += [["Par territoire", t.name, str(t.youths), str(t.adults)] for t in figures.by_territory]
    rows += [["Rural / urbain", line.label, str(line.count), ""] for line in figures.by_kind]
    rows += [["Quartier prioritaire", line.label, str(line.count), ""] for line in figures.by_priority_area]
    rows += [["Origine du repérage", line.label, str(line.count), ""] for line in figures.referral_sources]
    rows += [["Solutions (proposées ; acceptées)", line.label, str(line.proposed), str(line.accepted)]
             for line in figures.solutions]
    rows += [["Référents (suivis ; plafond)", f"{c.name} — {c.organisation}", str(c.caseload), str(c.cap)]
             for c in figures.caseloads]
    for column in figures.outcomes:
        section = f"Situation {column.milestone.label.lower()}"
        rows += [[section, s.label, str(n), ""] for s, n in column.by_situation if n]
        rows.append([section, "Situation attendue, non renseignée", str(column.awaited), ""])
        rows.append([section, "Échéance pas encore atteinte", str(column.not_due), ""])
    return rows


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def indicators_json(figures: Indicators) -> dict[str, Any]:
    return {
        "period": {"from": figures.date_from.isoformat(), "to": figures.date_to.isoformat()},
        "territory": figures.territory_code,
        "as_of": figures.as_of.isoformat(),
        "cohort_size": figures.cohort_size,
        "adults": figures.adults,
        "minors": figures.minors,
        "adult_share": round(figures.adult_share, 4),
        "by_territory": [
            {"code": t.code, "name": t.name, "kind": t.kind_label, "priority_area": t.priority_area,
             "youths": t.youths, "adults": t.adults}
            for t in figures.by_territory
        ],
        "by_kind": {line.key: line.count for line in figures.by_kind},
        "by_priority_area": {line.key: line.count for line in figures.by_priority_area},
        "referral_sources": {line.key or "unknown": line.count for line in figures.referral_sources},
        "solutions": {
            line.category.value: {"proposed": line.proposed, "accepted": line.accepted} for line in figures.solutions
        },
        "caseloads": [
            {"name": c.name, "organisation": c.organisation, "caseload": c.caseload, "cap": c.cap}
            for c in figures.caseloads
        ],
        "outcomes": {
            column.milestone.value: {
                "by_situation": {s.value: n for s, n in column.by_situation},
                "recorded": column.recorded,
                "awaited": column.awaited,
                "not_due": column.not_due,
            }
            for column in figures.outcomes
        },
    }
