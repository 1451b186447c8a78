"""Printed documents: the read models behind each of them, the PDFs, the CSV export, and their audit trail.

Each document is built in two steps. A read unit of work turns the store's rows into a frozen read model
(``pac_desktop.reports.model``) that holds exactly what will be printed; ``pac_desktop.reports`` lays it out.
The ``print_*`` and ``export_*`` methods then write the file and record who produced what, when, in one write
unit of work: the file is put in place inside the transaction that adds the audit entry, so a document that
could not be written leaves no audit entry, and no document leaves without one.

Audit entries carry ids and the kind of document, never a name (DESIGN §8).
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.eligibility import (
    EligibilityFacts,
    add_months,
    age_on,
    assess_eligibility,
)
from pac_desktop.domain.enums import (
    MILESTONE_MONTHS,
    SENSITIVE_SECTIONS,
    AnalysisSection,
    Barrier,
    IntakeState,
    OfferCategory,
    OrgKind,
    OutcomeSituation,
    ParticipantKind,
    ReferralSource,
    SolutionStatus,
    StaffRole,
    TerritoryKind,
    YouthAnswer,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.domain.text import normalise
from pac_desktop.reports import (
    Cancelled,
    render_committee_pack,
    render_indicators,
    render_passport,
    render_session_summary,
)
from pac_desktop.reports.model import (
    PROGRAMME_NAME,
    Address,
    AmendmentLine,
    AppointmentLine,
    CaseloadLine,
    CategoryLine,
    CommitteePack,
    CountLine,
    CriterionLine,
    DiagnosisSection,
    Indicators,
    Letterhead,
    NoteLine,
    OutcomeColumn,
    ParticipantLine,
    Passport,
    PassportStep,
    ReferentLine,
    SessionSummary,
    SolutionLine,
    TerritoryLine,
    ValidationLine,
    YouthBrief,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    AnalysisNote,
    AuditEvent,
    IntakeAmendment,
    IntakeBarrier,
    IntakeParticipant,
    IntakeValidation,
    JointIntake,
    Organisation,
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    ServiceOffer,
    Staff,
    StaffRoleGrant,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from .access import AccessGuard
from .context import Actor, ServiceContext
from .staff import actor_for, current_caseloads

__all__ = [
    "Cancelled",
    "CommitteePack",
    "DocumentKind",
    "DocumentsService",
    "ExportedFile",
    "Indicators",
    "Passport",
    "PrintedDocument",
    "Progress",
    "SessionSummary",
]

#: ``progress(done, total)``; called from the worker thread that builds the document.
Progress = Callable[[int, int], None]

# The partner networks named in the header of documents that cover every territory.
REGIONAL_PARTNERS = ("CIO", "MGI", "Missions Locales", "Chambres consulaires")
# Kinds of organisation named in a territory's letterhead (the intake team's employers).
_LETTERHEAD_KINDS = (OrgKind.CIO, OrgKind.MGI, OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA, OrgKind.CHAMBER)

# Amended fields, in the counsellors' words (the intake service records the column name).
_FIELD_LABELS = {
    "shared_diagnosis": "Diagnostic partagé",
    "diagnosis_agreed": "Accord sur le diagnostic",
    "eligibility_overridden": "Dérogation aux critères",
    "eligibility_justification": "Justification de la dérogation",
    "next_appointment_at": "Date du prochain rendez-vous",
    "next_appointment_place": "Lieu du prochain rendez-vous",
    "next_appointment_staff_id": "Personne du prochain rendez-vous",
    "held_on": "Date de l'accueil",
    "youth_present": "Présence du jeune",
    "referent": "Référent unique",
    "solution": "Solution proposée",
    "youth_answer": "Réponse du jeune",
}


class DocumentKind:
    """The ``document=`` value of audit entries (stable identifiers, not labels)."""

    SESSION_SUMMARY = "session_summary"
    PASSPORT = "passport"
    COMMITTEE_PACK = "committee_pack"
    INDICATORS = "indicators"
    INDICATORS_CSV = "indicators_csv"
    INDICATORS_JSON = "indicators_json"


@dataclass(frozen=True)
class PrintedDocument:
    """A PDF that was written, and the audit entry that records it."""

    path: Path
    kind: str
    title: str
    pages: int
    audit_event_id: str
    entity: str
    entity_id: str | None
    youth_id: str | None
    territory_id: str | None


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    kind: str
    rows: int
    audit_event_id: str


class DocumentsService:
    def __init__(
        self, ctx: ServiceContext, *, guard: AccessGuard | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        self._ctx = ctx
        self._guard = guard
        self._clock = clock or (lambda: datetime.now(UTC))

    def _require(self, actor: Actor | str | None, actions: tuple[Action, ...], *, youth_id: str | None = None,
                 territory_id: str | None = None, entity: str | None = None, entity_id: str | None = None) -> None:
        """Any one of ``actions`` suffices. Nobody prints without being signed in: the command line asks for
        a login too (``--login``), so every print and export names who made it."""
        if self._guard is None:
            return
        if isinstance(actor, str):  # a staff id: their roles as the store knows them
            with self._ctx.read() as session:
                try:
                    actor = actor_for(session, actor)
                except NotFound:
                    actor = None
        if not isinstance(actor, Actor):
            self._guard.require(None, actions[0], youth_id=youth_id, territory_id=territory_id, entity=entity,
                                entity_id=entity_id)
        if any(self._guard.allows(actor, a, youth_id=youth_id, territory_id=territory_id) for a in actions):
            return
        self._guard.require(actor, actions[0], youth_id=youth_id, territory_id=territory_id, entity=entity,
                            entity_id=entity_id)

    # ---------------------------------------------------------------------------------- read models

    def session_summary(self, *, intake_id: str, pseudonymised: bool = False) -> SessionSummary:
        """The fiche de synthèse of one joint intake."""
        with self._ctx.read() as session:
            intake = _get_intake(session, intake_id)
            lookup = _Lookup(session)
            return _build_summary(
                session,
                intake,
                lookup=lookup,
                letterhead=lookup.letterhead(intake.territory_id),
                generated_at=self._clock(),
                pseudonymised=pseudonymised,
            )

    def passport(self, *, intake_id: str | None = None, youth_id: str | None = None) -> Passport:
        """The youth's passport, from an intake or from the youth's latest intake (validated first)."""
        if (intake_id is None) == (youth_id is None):
            raise ValueError("give exactly one of intake_id and youth_id")
        with self._ctx.read() as session:
            intake = _get_intake(session, intake_id) if intake_id else _latest_intake(session, youth_id or "")
            lookup = _Lookup(session)
            return _build_passport(session, intake, lookup=lookup, generated_at=self._clock())

    def committee_pack(
        self,
        *,
        territory_code: str,
        date_from: date,
        date_to: date,
        pseudonymised: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> CommitteePack:
        """The validated intakes held in the territory during the period, one summary each, by date."""
        _check_period(date_from, date_to)
        with self._ctx.read() as session:
            territory = _get_territory(session, territory_code)
            intakes = session.scalars(
                select(JointIntake)
                .where(
                    JointIntake.territory_id == territory.id,
                    JointIntake.state == IntakeState.VALIDATED,
                    JointIntake.held_on >= date_from,
                    JointIntake.held_on <= date_to,
                    JointIntake.deleted_at.is_(None),
                )
                .order_by(JointIntake.held_on, JointIntake.validated_at, JointIntake.id)
            ).all()
            lookup = _Lookup(session)
            letterhead = lookup.letterhead(territory.id)
            generated_at = self._clock()
            sessions: list[SessionSummary] = []
            for done, intake in enumerate(intakes):
                _check_cancel(cancel)
                sessions.append(
                    _build_summary(
                        session,
                        intake,
                        lookup=lookup,
                        letterhead=letterhead,
                        generated_at=generated_at,
                        pseudonymised=pseudonymised,
                    )
                )
                if progress:
                    progress(done + 1, len(intakes))
            return CommitteePack(
                territory_id=territory.id,
                territory_code=territory.code,
                territory_name=territory.name,
                letterhead=letterhead,
                generated_at=generated_at,
                date_from=date_from,
                date_to=date_to,
                pseudonymised=pseudonymised,
                sessions=tuple(sessions),
            )

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

    # ---------------------------------------------------------------------------------- PDFs, audited

    def print_session_summary(
        self, *, intake_id: str, path: Path, actor: Actor | str | None, pseudonymised: bool = False
    ) -> PrintedDocument:
        summary = self.session_summary(intake_id=intake_id, pseudonymised=pseudonymised)
        self._require(actor, (Action.CASE_PRINT, Action.COMMITTEE_VIEW), youth_id=summary.youth_id,
                      entity="joint_intake", entity_id=intake_id)
        return self._print(
            path,
            actor,
            lambda out: render_session_summary(summary, out),
            kind=DocumentKind.SESSION_SUMMARY,
            title="Fiche de synthèse de l'accueil commun",
            entity="joint_intake",
            entity_id=summary.intake_id,
            youth_id=summary.youth_id,
            territory_id=summary.territory_id,
            detail={"pseudonymised": int(pseudonymised)},
        )

    def print_passport(
        self,
        *,
        path: Path,
        actor: Actor | str | None,
        intake_id: str | None = None,
        youth_id: str | None = None,
    ) -> PrintedDocument:
        passport = self.passport(intake_id=intake_id, youth_id=youth_id)
        self._require(actor, (Action.CASE_PRINT,), youth_id=passport.youth_id, entity="joint_intake",
                      entity_id=passport.intake_id)
        return self._print(
            path,
            actor,
            lambda out: render_passport(passport, out),
            kind=DocumentKind.PASSPORT,
            title="Passeport du jeune",
            entity="joint_intake",
            entity_id=passport.intake_id,
            youth_id=passport.youth_id,
            territory_id=passport.territory_id,
        )

    def print_committee_pack(
        self,
        *,
        territory_code: str,
        date_from: date,
        date_to: date,
        path: Path,
        actor: Actor | str | None,
        pseudonymised: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> PrintedDocument:
        """The committee pack as a PDF: progress runs over building (first half) then laying out (second)."""
        territory_id = self._territory_id(territory_code)
        self._require(actor, (Action.COMMITTEE_VIEW,), territory_id=territory_id, entity="territory",
                      entity_id=territory_id)
        pack = self.committee_pack(
            territory_code=territory_code,
            date_from=date_from,
            date_to=date_to,
            pseudonymised=pseudonymised,
            progress=_half(progress, 0),
            cancel=cancel,
        )
        return self._print(
            path,
            actor,
            lambda out: render_committee_pack(pack, out, progress=_half(progress, 1), cancel=cancel),
            kind=DocumentKind.COMMITTEE_PACK,
            title="Dossier du comité technique local",
            entity="territory",
            entity_id=pack.territory_id,
            youth_id=None,
            territory_id=pack.territory_id,
            detail={
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "pseudonymised": int(pseudonymised),
                "sessions": len(pack.sessions),
            },
            # Each youth's own trail shows that their summary was printed in this pack.
            per_youth=[(s.intake_id, s.youth_id) for s in pack.sessions],
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
            lambda out: render_indicators(figures, out, progress=_half(progress, 1), cancel=cancel),
            kind=DocumentKind.INDICATORS,
            title="Indicateurs du dispositif",
            entity="indicators",
            entity_id=territory_id,
            youth_id=None,
            territory_id=territory_id,
            detail={"from": figures.date_from.isoformat(), "to": figures.date_to.isoformat()},
        )

    def record_copy(self, *, document: PrintedDocument, output: str, actor: Actor | str | None) -> str:
        """Record that a document already produced was sent to a printer or saved elsewhere.

        ``output`` is ``"printer"`` or ``"file"``; returns the audit entry's id.
        """
        if output not in ("printer", "file"):
            raise ValueError(f"unknown output {output!r}")
        action = AuditAction.PRINT if output == "printer" else AuditAction.EXPORT
        with self._ctx.write(actor) as session:
            event = _audit(
                session,
                actor,
                action=action,
                entity=document.entity,
                entity_id=document.entity_id,
                youth_id=document.youth_id,
                territory_id=document.territory_id,
                detail={"document": document.kind, "output": output, "source": document.audit_event_id},
            )
            return event.id

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

    # ---------------------------------------------------------------------------------- plumbing

    def _territory_id(self, territory_code: str | None) -> str | None:
        if territory_code is None:
            return None
        with self._ctx.read() as session:
            return _get_territory(session, territory_code).id

    def _print(
        self,
        path: Path,
        actor: Actor | str | None,
        render: Callable[[Path], int],
        *,
        kind: str,
        title: str,
        entity: str,
        entity_id: str | None,
        youth_id: str | None,
        territory_id: str | None,
        detail: dict[str, Any] | None = None,
        per_youth: Iterable[tuple[str, str]] = (),
    ) -> PrintedDocument:
        """Lay the document out into a temporary file beside ``path`` (no lock held), then, in one write unit
        of work, add the audit entries and move the file into place."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_beside(path)
        try:
            pages = render(tmp)
            with self._ctx.write(actor) as session:
                event = _audit(
                    session,
                    actor,
                    action=AuditAction.PRINT,
                    entity=entity,
                    entity_id=entity_id,
                    youth_id=youth_id,
                    territory_id=territory_id,
                    detail={"document": kind, "pages": pages, **(detail or {})},
                )
                for intake_id, case_youth_id in per_youth:
                    _audit(
                        session,
                        actor,
                        action=AuditAction.PRINT,
                        entity="joint_intake",
                        entity_id=intake_id,
                        youth_id=case_youth_id,
                        territory_id=territory_id,
                        detail={"document": kind, "pack": event.id},
                    )
                session.flush()
                os.replace(tmp, path)
            return PrintedDocument(
                path=path,
                kind=kind,
                title=title,
                pages=pages,
                audit_event_id=event.id,
                entity=entity,
                entity_id=entity_id,
                youth_id=youth_id,
                territory_id=territory_id,
            )
        finally:
            tmp.unlink(missing_ok=True)


# ==================================================================================================
# Helpers
# ==================================================================================================


def _temp_beside(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".pac-", suffix=".part", dir=path.parent)
    os.close(fd)
    return Path(name)


def _half(progress: Progress | None, index: int) -> Progress | None:
    """Map a step's progress onto one half of an overall 0…1000 scale."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        share = done / total if total else 1.0
        progress(int(500 * index + 500 * share), 1000)

    return report


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("La préparation du document a été annulée : aucun fichier n'a été écrit.")


def _check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise DomainError(
            f"La période est à l'envers : le {format_date(date_to)} est avant le {format_date(date_from)}. "
            "Vérifiez les deux dates."
        )


def _actor_id(actor: Actor | str | None) -> str | None:
    return actor.staff_id if isinstance(actor, Actor) else actor



def _audit_indicators_export(session, actor, figures, territory_id, kind, **extra):  # noqa: ANN001, ANN202
    """The audit entry of an indicators export (CSV or JSON): the period and the territory, never a name."""
    detail = {"document": kind, "from": figures.date_from.isoformat(), "to": figures.date_to.isoformat(), **extra}
    return _audit(
        session,
        actor,
        action=AuditAction.EXPORT,
        entity="indicators",
        entity_id=territory_id,
        youth_id=None,
        territory_id=territory_id,
        detail=detail,
    )

def _audit(
    session: LocalSession,
    actor: Actor | str | None,
    *,
    action: AuditAction,
    entity: str,
    entity_id: str | None,
    youth_id: str | None,
    territory_id: str | None,
    detail: dict[str, Any],
) -> AuditEvent:
    """One append-only audit entry; ``detail`` holds ids, kinds, dates and counts, never a name."""
    event = AuditEvent(
        staff_id=_actor_id(actor),
        action=str(action),
        entity=entity,
        entity_id=entity_id,
        youth_id=youth_id,
        territory_id=territory_id,
        detail="; ".join(f"{key}={value}" for key, value in detail.items())[:500],
    )
    session.add(event)
    session.flush()
    return event


def _get_intake(session: LocalSession, intake_id: str) -> JointIntake:
    intake = session.get(JointIntake, intake_id)
    if intake is None or intake.deleted_at is not None:
        raise NotFound("Cet accueil commun n'existe pas (ou plus) dans cette base.")
    return intake


def _latest_intake(session: LocalSession, youth_id: str) -> JointIntake:
    if session.get(Youth, youth_id) is None:
        raise NotFound("Aucun accueil commun ni aucun jeune ne porte cet identifiant dans cette base.")
    intakes = session.scalars(
        select(JointIntake).where(JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None))
    ).all()
    usable = [i for i in intakes if i.state not in (IntakeState.CANCELLED, IntakeState.NO_SHOW)]
    if not usable:
        raise NotFound("Ce jeune n'a pas encore eu d'accueil commun : il n'y a pas de passeport à imprimer.")

    def key(i: JointIntake) -> tuple:
        return (i.state == IntakeState.VALIDATED, i.held_on or date.min, i.updated_at)

    return max(usable, key=key)


def _get_territory(session: LocalSession, code: str) -> Territory:
    territory = session.scalar(select(Territory).where(Territory.code == code, Territory.deleted_at.is_(None)))
    if territory is None:
        known = ", ".join(session.scalars(select(Territory.code).order_by(Territory.code)))
        raise NotFound(f"Aucun territoire ne porte le code « {code} ». Codes connus : {known or 'aucun'}.")
    return territory


def _initials(first_name: str, last_name: str) -> str:
    def initial(name: str) -> str:
        # "Jean-Marc" → "J.-M.", "Le Goff" → "L."
        parts = [p for p in re.split(r"([-\s])", name.strip()) if p]
        out = ""
        for part in parts:
            if part == "-":
                out += "-"
            elif part.strip():
                if out and not out.endswith("-"):
                    break
                out += part[0].upper() + "."
        return out

    return f"{initial(first_name)} {initial(last_name)}".strip()


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+33\s?|0033\s?|\b0)[1-9](?:[\s.\-]?\d{2}){4}\b")


class _Scrubber:
    """Removes a youth's identity from free text for the pseudonymised pack: names become initials,
    contact details disappear. Accent- and case-insensitive on the names."""

    def __init__(self, *, first_name: str, last_name: str, other_names: Iterable[str] = ()) -> None:
        first_initial = _initials(first_name, "").strip()
        last_initial = _initials("", last_name).strip()
        self._replacements: list[tuple[re.Pattern[str], str]] = []
        names = [(f"{first_name} {last_name}", _initials(first_name, last_name)), (last_name, last_initial),
                 (first_name, first_initial)]
        names += [(n, "[nom retiré]") for n in other_names if n and n.strip()]
        for name, replacement in names:
            for variant in {name, _strip_accents(name)}:
                if len(variant.strip()) >= 2:
                    self._replacements.append(
                        (re.compile(rf"(?<!\w){re.escape(variant.strip())}(?!\w)", re.IGNORECASE), replacement)
                    )

    def __call__(self, text: str | None) -> str:
        if not text:
            return text or ""
        text = _EMAIL.sub("[adresse retirée]", text)
        text = _PHONE.sub("[numéro retiré]", text)
        for pattern, replacement in self._replacements:
            text = pattern.sub(replacement, text)
        return text


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


class _Lookup:
    """Reference rows needed by every document, read once per unit of work (they are small tables)."""

    def __init__(self, session: LocalSession) -> None:
        self.session = session
        self.orgs: dict[str, Organisation] = {o.id: o for o in session.scalars(select(Organisation))}
        self.territories: dict[str, Territory] = {t.id: t for t in session.scalars(select(Territory))}
        self.offers: dict[str, ServiceOffer] = {o.id: o for o in session.scalars(select(ServiceOffer))}
        self.staff: dict[str, Staff] = {s.id: s for s in session.scalars(select(Staff))}
        self._letterheads: dict[str | None, Letterhead] = {}

    def staff_name(self, staff_id: str | None) -> str:
        staff = self.staff.get(staff_id or "")
        return f"{staff.first_name} {staff.last_name}" if staff else "Personne inconnue"

    def staff_initials(self, staff_id: str | None) -> str:
        staff = self.staff.get(staff_id or "")
        return _initials(staff.first_name, staff.last_name).replace(".", "").replace(" ", "") if staff else "?"

    def org_name(self, org_id: str | None) -> str | None:
        org = self.orgs.get(org_id or "")
        return org.name if org else None

    def staff_org(self, staff_id: str | None) -> Organisation | None:
        staff = self.staff.get(staff_id or "")
        return self.orgs.get(staff.organisation_id) if staff else None

    def address(self, org: Organisation) -> Address:
        return Address(
            name=org.name, address=org.address, postcode=org.postcode, town=org.town, phone=org.phone, email=org.email
        )

    def letterhead(self, territory_id: str | None) -> Letterhead:
        if territory_id not in self._letterheads:
            if territory_id is None:
                self._letterheads[None] = Letterhead(programme=PROGRAMME_NAME, partners=REGIONAL_PARTNERS)
            else:
                territory = self.territories.get(territory_id)
                orgs = sorted(
                    (
                        o
                        for o in self.orgs.values()
                        if o.territory_id == territory_id and o.kind in _LETTERHEAD_KINDS and o.deleted_at is None
                    ),
                    key=lambda o: (_LETTERHEAD_KINDS.index(o.kind), o.name),
                )
                partners = tuple(o.short_name or o.name for o in orgs) or REGIONAL_PARTNERS
                self._letterheads[territory_id] = Letterhead(
                    programme=PROGRAMME_NAME, partners=partners, territory_name=territory.name if territory else None
                )
        return self._letterheads[territory_id]


def _alive(model):
    return model.deleted_at.is_(None)


def _intake_date(intake: JointIntake, fallback: date) -> date:
    if intake.held_on:
        return intake.held_on
    if intake.planned_at:
        return intake.planned_at.date()
    return fallback


# ==================================================================================================
# Fiche de synthèse
# ==================================================================================================


def _build_summary(
    session: LocalSession,
    intake: JointIntake,
    *,
    lookup: _Lookup,
    letterhead: Letterhead,
    generated_at: datetime,
    pseudonymised: bool,
) -> SessionSummary:
    youth = session.get(Youth, intake.youth_id)
    if youth is None:
        raise NotFound("Le jeune de cet accueil commun n'existe pas (ou plus) dans cette base.")
    on = _intake_date(intake, generated_at.date())
    territory = lookup.territories.get(intake.territory_id)
    territory_name = territory.name if territory else ""

    participants_rows = session.scalars(
        select(IntakeParticipant)
        .where(IntakeParticipant.intake_id == intake.id, _alive(IntakeParticipant))
        .order_by(IntakeParticipant.position, IntakeParticipant.kind)
    ).all()
    family_names = [p.full_name for p in participants_rows if p.kind is ParticipantKind.FAMILY and p.full_name]
    scrub: Callable[[str | None], str] = (
        _Scrubber(first_name=youth.first_name, last_name=youth.last_name, other_names=family_names)
        if pseudonymised
        else (lambda text: text or "")
    )
    initials = _initials(youth.first_name, youth.last_name)
    display_name = initials if pseudonymised else f"{youth.first_name} {youth.last_name}"

    try:
        age = age_on(youth.birth_date, on)
    except ValueError:
        age = None
    brief = YouthBrief(
        display_name=display_name,
        initials=initials,
        age_at_intake=age,
        adult=None if age is None else age >= 18,
        town=None if pseudonymised else youth.town,
        territory_name=territory_name,
        newly_arrived=youth.newly_arrived,
        lives_in_priority_area=youth.lives_in_priority_area,
    )

    roles_by_staff: dict[str, Any] = {}
    participants: list[ParticipantLine] = []
    for p in participants_rows:
        if p.kind is ParticipantKind.COUNSELLOR:
            name = lookup.staff_name(p.staff_id)
            org = lookup.staff_org(p.staff_id)
            organisation = org.name if org else None
            if p.staff_id:
                roles_by_staff.setdefault(p.staff_id, p.role)
        elif p.kind is ParticipantKind.YOUTH:
            name, organisation = display_name, None
        else:
            name, organisation = ("" if pseudonymised else (p.full_name or "")), None
        participants.append(
            ParticipantLine(
                kind=p.kind,
                name=name,
                role=p.role,
                organisation=organisation,
                relationship=p.relationship,
                present=p.present,
                absence_reason=scrub(p.absence_reason) or None,
            )
        )

    eligibility = assess_eligibility(
        EligibilityFacts(
            birth_date=youth.birth_date,
            intake_date=on,
            left_school_on=youth.left_school_on,
            has_qualification=youth.has_qualification,
            followed_by_structure=youth.followed_by_structure,
        )
    )
    criteria = tuple(CriterionLine(label=c.label, met=c.met, explanation=c.explanation) for c in eligibility.criteria)

    referral = session.get(Referral, intake.referral_id) if intake.referral_id else None
    if referral is None:
        referral = session.scalar(
            select(Referral)
            .where(Referral.youth_id == youth.id, _alive(Referral))
            .order_by(Referral.referred_on)
            .limit(1)
        )

    notes_by_section: dict[AnalysisSection, list[NoteLine]] = defaultdict(list)
    for note in session.scalars(
        select(AnalysisNote)
        .where(AnalysisNote.intake_id == intake.id, _alive(AnalysisNote))
        .order_by(AnalysisNote.written_at, AnalysisNote.id)
    ):
        if not (note.text or "").strip():
            continue
        notes_by_section[note.section].append(
            NoteLine(
                author=lookup.staff_name(note.author_staff_id) if note.author_staff_id else "Équipe",
                author_initials=lookup.staff_initials(note.author_staff_id) if note.author_staff_id else "",
                text=scrub(note.text),
                written_at=note.written_at,
            )
        )
    sections = tuple(
        DiagnosisSection(section=section, sensitive=section in SENSITIVE_SECTIONS, notes=tuple(notes_by_section[section]))
        for section in AnalysisSection
        if notes_by_section.get(section)
    )

    barrier_values = set(
        session.scalars(select(IntakeBarrier.barrier).where(IntakeBarrier.intake_id == intake.id, _alive(IntakeBarrier)))
    )
    barriers = tuple(b.label for b in Barrier if b in barrier_values)

    solutions = tuple(
        _solution_line(s, lookup, scrub)
        for s in session.scalars(
            select(ProposedSolution)
            .where(ProposedSolution.intake_id == intake.id, _alive(ProposedSolution))
            .order_by(ProposedSolution.planned_start.is_(None), ProposedSolution.planned_start, ProposedSolution.id)
        )
    )

    assignment = session.scalar(
        select(ReferentAssignment)
        .where(ReferentAssignment.intake_id == intake.id, _alive(ReferentAssignment))
        .order_by(ReferentAssignment.started_on.desc())
        .limit(1)
    )
    referent = None
    if assignment is not None:
        staff = lookup.staff.get(assignment.staff_id)
        org = lookup.staff_org(assignment.staff_id)
        referent = ReferentLine(
            name=lookup.staff_name(assignment.staff_id),
            organisation=org.name if org else "",
            phone=(staff.phone if staff and staff.phone else (org.phone if org else None)),
            email=(staff.email if staff and staff.email else (org.email if org else None)),
            started_on=assignment.started_on,
            cap_override_reason=scrub(assignment.cap_override_reason) or None,
        )

    next_appointment = None
    if intake.next_appointment_at:
        next_appointment = AppointmentLine(
            at=intake.next_appointment_at,
            place=intake.next_appointment_place,
            with_name=lookup.staff_name(intake.next_appointment_staff_id) if intake.next_appointment_staff_id else None,
        )

    validations = tuple(
        ValidationLine(name=lookup.staff_name(v.staff_id), role=roles_by_staff.get(v.staff_id), at=v.validated_at)
        for v in session.scalars(
            select(IntakeValidation)
            .where(IntakeValidation.intake_id == intake.id, _alive(IntakeValidation))
            .order_by(IntakeValidation.validated_at)
        )
    )
    amendments = tuple(
        AmendmentLine(
            field=_FIELD_LABELS.get(a.field, a.field),
            old_value=scrub(a.old_value) or None,
            new_value=scrub(a.new_value) or None,
            reason=scrub(a.reason),
            by=lookup.staff_name(a.amended_by) if a.amended_by else None,
            at=a.amended_at,
        )
        for a in session.scalars(
            select(IntakeAmendment)
            .where(IntakeAmendment.intake_id == intake.id, _alive(IntakeAmendment))
            .order_by(IntakeAmendment.amended_at)
        )
    )

    host = lookup.orgs.get(intake.host_organisation_id or "")
    place = None
    if host is not None:
        place = host.name + (f", {host.town}" if host.town and host.town not in host.name else "")

    return SessionSummary(
        intake_id=intake.id,
        youth_id=youth.id,
        territory_id=intake.territory_id,
        letterhead=letterhead,
        generated_at=generated_at,
        pseudonymised=pseudonymised,
        youth=brief,
        held_on=intake.held_on,
        planned_at=intake.planned_at,
        place=place,
        state_label=intake.state.label,
        validated_at=intake.validated_at,
        participants=tuple(participants),
        eligibility=criteria,
        eligibility_overridden=intake.eligibility_overridden,
        eligibility_justification=scrub(intake.eligibility_justification) or None,
        referral_source=referral.source.label if referral else None,
        sections=sections,
        shared_diagnosis=scrub(intake.shared_diagnosis),
        diagnosis_agreed=intake.diagnosis_agreed,
        barriers=barriers,
        solutions=solutions,
        referent=referent,
        next_appointment=next_appointment,
        validations=validations,
        amendments=amendments,
    )


def _solution_line(s: ProposedSolution, lookup: _Lookup, scrub: Callable[[str | None], str]) -> SolutionLine:
    offer = lookup.offers.get(s.offer_id or "")
    provider = lookup.org_name(offer.provider_id) if offer else None
    return SolutionLine(
        title=offer.title if offer else scrub(s.free_text) or "Solution sans titre",
        category=s.category,
        answer=s.youth_answer,
        planned_start=s.planned_start,
        provider=provider,
        description=offer.description if offer else "",
    )


# ==================================================================================================
# Passeport
# ==================================================================================================


def _build_passport(session: LocalSession, intake: JointIntake, *, lookup: _Lookup, generated_at: datetime) -> Passport:
    youth = session.get(Youth, intake.youth_id)
    if youth is None:
        raise NotFound("Le jeune de cet accueil commun n'existe pas (ou plus) dans cette base.")
    territory = lookup.territories.get(intake.territory_id)

    # The referent who follows the youth now; the one designated at this intake otherwise.
    assignment = session.scalar(
        select(ReferentAssignment)
        .where(
            ReferentAssignment.youth_id == youth.id,
            ReferentAssignment.ended_on.is_(None),
            _alive(ReferentAssignment),
        )
        .order_by(ReferentAssignment.started_on.desc())
        .limit(1)
    ) or session.scalar(
        select(ReferentAssignment)
        .where(ReferentAssignment.intake_id == intake.id, _alive(ReferentAssignment))
        .order_by(ReferentAssignment.started_on.desc())
        .limit(1)
    )
    referent_name = referent_org = referent_phone = referent_email = None
    partners: list[Address] = []
    if assignment is not None:
        staff = lookup.staff.get(assignment.staff_id)
        org = lookup.staff_org(assignment.staff_id)
        referent_name = lookup.staff_name(assignment.staff_id)
        if org is not None:
            referent_org = lookup.address(org)
            partners.append(referent_org)
        referent_phone = (staff.phone if staff and staff.phone else None) or (org.phone if org else None)
        referent_email = (staff.email if staff and staff.email else None) or (org.email if org else None)

    solutions = session.scalars(
        select(ProposedSolution)
        .where(
            ProposedSolution.youth_id == youth.id,
            ProposedSolution.youth_answer == YouthAnswer.ACCEPTED,
            ProposedSolution.status.in_([SolutionStatus.PROPOSED, SolutionStatus.STARTED]),
            _alive(ProposedSolution),
        )
        .order_by(ProposedSolution.planned_start.is_(None), ProposedSolution.planned_start, ProposedSolution.id)
    ).all()
    steps: list[PassportStep] = []
    for s in solutions:
        offer = lookup.offers.get(s.offer_id or "")
        provider = lookup.orgs.get(offer.provider_id or "") if offer else None
        steps.append(
            PassportStep(
                title=offer.title if offer else (s.free_text or "Solution"),
                description=offer.description if offer else "",
                category=s.category,
                planned_start=s.planned_start,
                provider=provider.name if provider else None,
            )
        )
        if provider is not None:
            partners.append(lookup.address(provider))

    next_appointment = None
    if intake.next_appointment_at:
        next_appointment = AppointmentLine(
            at=intake.next_appointment_at,
            place=intake.next_appointment_place,
            with_name=lookup.staff_name(intake.next_appointment_staff_id) if intake.next_appointment_staff_id else None,
        )

    unique: dict[str, Address] = {}
    for address in partners:
        unique.setdefault(address.name, address)

    return Passport(
        intake_id=intake.id,
        youth_id=youth.id,
        territory_id=intake.territory_id,
        letterhead=lookup.letterhead(intake.territory_id),
        generated_at=generated_at,
        first_name=youth.first_name,
        last_name=youth.last_name,
        intake_date=intake.held_on,
        territory_name=territory.name if territory else "",
        referent_name=referent_name,
        referent_organisation=referent_org,
        referent_phone=referent_phone,
        referent_email=referent_email,
        steps=tuple(steps),
        next_appointment=next_appointment,
        partners=tuple(unique.values()),
    )


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
        youth_id: age_on(youths[youth_id][0], held_on) >= 18 if youth_id in youths else False
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
                and (lookup.staff[sid].active or loads.get(sid))
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
    for milestone, months in MILESTONE_MONTHS.items():
        counts: dict[OutcomeSituation, int] = defaultdict(int)
        awaited = not_due = 0
        for youth_id, (_, _, held_on, _) in cohort.items():
            situation = recorded.get((youth_id, milestone))
            if situation is not None:
                counts[situation] += 1
            elif add_months(held_on, months) <= today:
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
