"""The intake's session summary (compte rendu de l'accueil commun)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.consent import describe_consent
from pac_desktop.domain.enums import (
    SENSITIVE_SECTIONS,
    AnalysisSection,
    Barrier,
    ParticipantKind,
)
from pac_desktop.reports.model import (
    AmendmentLine,
    AppointmentLine,
    CriterionLine,
    DiagnosisSection,
    Letterhead,
    NoteLine,
    ParticipantLine,
    ReferentLine,
    SessionSummary,
    SolutionLine,
    ValidationLine,
    YouthBrief,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import dotted_initials
from pac_desktop.storage.models import (
    JointIntake,
)
from pac_desktop.storage.outbox import LocalSession

from ..context import Actor
from ..intake.read_model import read_intake
from ..intake.views import IntakeDetail, SolutionInfo
from .base import DocumentKind, DocumentsServiceBase, PrintedDocument
from .rows import _get_intake, _Lookup, _Scrubber


class SessionSummaries(DocumentsServiceBase):
    """The intake's session summary (compte rendu)."""

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
                today=self._ctx.today(),
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
            lambda out: reports.render_session_summary(summary, out),
            kind=DocumentKind.SESSION_SUMMARY,
            title="Fiche de synthèse de l'accueil commun",
            entity="joint_intake",
            entity_id=summary.intake_id,
            youth_id=summary.youth_id,
            territory_id=summary.territory_id,
            detail={"pseudonymised": int(pseudonymised)},
        )


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
    today: date,
    detail: IntakeDetail | None = None,
) -> SessionSummary:
    """The summary of the intake's one read model (``read_intake``): the same date, age, team and solutions as
    the wizard and the case file (``detail``: that read model when the caller read it already, with others,
    through ``read_intakes``); ``lookup`` adds only what paper needs (full names of organisations, contact
    details, offers' descriptions)."""
    if detail is None:
        detail = read_intake(session, intake, today)
    youth = detail.youth
    family_names = [p.full_name for p in detail.family if p.full_name]
    scrub: Callable[[str | None], str] = (
        _Scrubber(first_name=youth.first_name, last_name=youth.last_name, other_names=family_names)
        if pseudonymised
        else (lambda text: text or "")
    )
    initials = dotted_initials(youth.first_name, youth.last_name)
    display_name = initials if pseudonymised else youth.display_name
    brief = YouthBrief(
        display_name=display_name,
        initials=initials,
        age_at_intake=youth.age,
        adult=None if youth.age is None else not youth.minor,
        town=None if pseudonymised else youth.town,
        territory_name=detail.territory_name,
        newly_arrived=youth.newly_arrived,
        lives_in_priority_area=youth.lives_in_priority_area,
    )

    roles_by_staff: dict[str, Any] = {}
    titles_by_staff: dict[str, str] = {}
    participants: list[ParticipantLine] = []
    for p in detail.participants:
        if p.kind is ParticipantKind.COUNSELLOR:
            name = p.staff_name or lookup.staff_name(p.staff_id)
            org = lookup.staff_org(p.staff_id)
            organisation = org.name if org else None
            if p.staff_id:
                roles_by_staff.setdefault(p.staff_id, p.role)
                titles_by_staff.setdefault(p.staff_id, p.role_title)
        elif p.kind is ParticipantKind.YOUTH:
            name, organisation = display_name, None
        else:
            name, organisation = ("" if pseudonymised else (p.full_name or "")), None
        participants.append(
            ParticipantLine(
                kind=p.kind,
                name=name,
                role=p.role,
                role_title=p.role_title,
                organisation=organisation,
                relationship=p.relationship,
                present=p.present,
                absence_reason=scrub(p.absence_reason) or None,
            )
        )

    criteria = tuple(
        CriterionLine(label=c.label, met=c.met, explanation=c.explanation) for c in detail.eligibility.criteria
    )
    sections = tuple(
        DiagnosisSection(
            section=section,
            sensitive=section in SENSITIVE_SECTIONS,
            notes=tuple(
                NoteLine(
                    author=n.author_name or ("Équipe" if n.author_staff_id is None else "Personne inconnue"),
                    author_initials=n.author_initials or "",
                    text=scrub(n.text),
                    written_at=n.written_at,
                )
                for n in detail.notes_of(section)
            ),
        )
        for section in AnalysisSection
        if detail.notes_of(section)
    )
    barriers = tuple(b.label for b in Barrier if b in detail.barriers)
    solutions = tuple(
        _solution_line(s, lookup, scrub)
        for s in sorted(detail.solutions, key=lambda s: (s.planned_start is None, s.planned_start or date.min, s.id))
    )

    referent = None
    if detail.referent is not None:
        staff = lookup.staff.get(detail.referent.staff_id)
        org = lookup.staff_org(detail.referent.staff_id)
        referent = ReferentLine(
            name=detail.referent.name,
            organisation=org.name if org else detail.referent.organisation_name,
            phone=(staff.phone if staff and staff.phone else (org.phone if org else None)),
            email=(staff.email if staff and staff.email else (org.email if org else None)),
            started_on=detail.referent.started_on,
            cap_override_reason=scrub(detail.referent.cap_override_reason) or None,
        )

    next_appointment = None
    if detail.next_appointment_at:
        next_appointment = AppointmentLine(
            at=detail.next_appointment_at,
            place=detail.next_appointment_place,
            with_name=detail.next_appointment_staff_name,
        )

    validations = tuple(
        ValidationLine(name=v.staff_name or lookup.staff_name(v.staff_id), role=roles_by_staff.get(v.staff_id),
                       at=v.validated_at, role_title=titles_by_staff.get(v.staff_id, ""))
        for v in detail.validations
    )
    amendments = tuple(
        AmendmentLine(
            field=a.field_label,
            old_value=scrub(a.old_value) or None,
            new_value=scrub(a.new_value) or None,
            reason=scrub(a.reason),
            by=a.amended_by_name,
            at=a.amended_at,
        )
        for a in detail.amendments
    )
    consents = tuple(  # issue 13: the consent in force, who recorded it; no guardian's name when pseudonymised
        describe_consent(c.kind, c.state, on=c.given_on, collected_by=c.collected_by_name,
                         recorded_by=c.recorded_by_name, guardian_name=None if pseudonymised else c.guardian_name,
                         guardian_relationship=c.guardian_relationship, reason=scrub(c.reason) or None)
        for c in detail.consents
    )

    host = lookup.orgs.get(detail.host_organisation_id or "")
    place = None
    if host is not None:
        place = host.name + (f", {host.town}" if host.town and host.town not in host.name else "")

    return SessionSummary(
        intake_id=detail.id,
        youth_id=youth.id,
        territory_id=detail.territory_id,
        letterhead=letterhead,
        generated_at=generated_at,
        pseudonymised=pseudonymised,
        youth=brief,
        held_on=detail.held_on,
        planned_at=detail.planned_at,
        place=place,
        state_label=detail.state.label,
        validated_at=detail.validated_at,
        participants=tuple(participants),
        eligibility=criteria,
        eligibility_overridden=detail.eligibility.overridden,
        eligibility_justification=scrub(detail.eligibility.justification) or None,
        referral_source=detail.referral.source.label if detail.referral else None,
        sections=sections,
        shared_diagnosis=scrub(detail.shared_diagnosis),
        diagnosis_agreed=detail.diagnosis_agreed,
        barriers=barriers,
        solutions=solutions,
        referent=referent,
        next_appointment=next_appointment,
        validations=validations,
        amendments=amendments,
        consents=consents,
        intake_date=detail.intake_day,
    )


def _solution_line(s: SolutionInfo, lookup: _Lookup, scrub: Callable[[str | None], str]) -> SolutionLine:
    offer = lookup.offers.get(s.offer_id or "")
    provider = lookup.org_name(offer.provider_id) if offer else None
    return SolutionLine(
        title=s.title if offer else scrub(s.free_text) or "Solution sans titre",
        category=s.category,
        answer=s.youth_answer,
        planned_start=s.planned_start,
        provider=provider,
        description=offer.description if offer else "",
    )
