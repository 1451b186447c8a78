"""The intake's session summary (compte rendu de l'accueil commun)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pac_desktop.domain.consent import ConsentState, describe_consent, latest_rows
from pac_desktop.domain.eligibility import (
    EligibilityFacts,
    age_on,
    assess_eligibility,
)
from pac_desktop.domain.enums import (
    SENSITIVE_SECTIONS,
    AnalysisSection,
    Barrier,
    ParticipantKind,
)
from pac_desktop.domain.errors import NotFound
from pac_desktop.reports import (
    render_session_summary,
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
from pac_desktop.storage.models import (
    AnalysisNote,
    IntakeAmendment,
    IntakeBarrier,
    IntakeConsent,
    IntakeParticipant,
    IntakeValidation,
    JointIntake,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from ..context import Actor
from .base import DocumentKind, DocumentsServiceBase, PrintedDocument
from .rows import _FIELD_LABELS, _alive, _get_intake, _initials, _intake_date, _Lookup, _Scrubber


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

    consents = tuple(  # issue 13: the consent in force, who recorded it; no guardian's name when pseudonymised
        describe_consent(c.kind, ConsentState(c.state), on=c.given_on,
                         collected_by=lookup.staff_name(c.collected_by) if c.collected_by else None,
                         recorded_by=lookup.staff_name(c.recorded_by) if c.recorded_by else None,
                         guardian_name=None if pseudonymised else c.guardian_name,
                         guardian_relationship=c.guardian_relationship, reason=scrub(c.reason) or None)
        for c in latest_rows(session.scalars(
            select(IntakeConsent).where(IntakeConsent.intake_id == intake.id, _alive(IntakeConsent))
        ).all())
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
        consents=consents,
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
