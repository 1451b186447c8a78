"""The one read model of an intake (IntakeDetail), built from its rows.

``read_intake`` is the only place that reads an intake's rows for showing them: the wizard's detail, the case
file's « Accueil commun » tab (``services/casefile/reading.py`` projects it) and every document
(``services/documents/``) start from it, so that the intake date, the age, the team and the solutions are the
same on each.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.eligibility import (
    age_on,
    is_adult_on,
)
from pac_desktop.domain.enums import (
    SENSITIVE_SECTIONS,
    ConsentKind,
    IntakeState,
)
from pac_desktop.storage.lookups import job_titles, live_youth, staff_labels
from pac_desktop.storage.models import (
    AnalysisNote,
    IntakeAmendment,
    IntakeBarrier,
    IntakeConsent,
    IntakeParticipant,
    IntakeValidation,
    JointIntake,
    Organisation,
    ProposedSolution,
    Referral,
    ServiceOffer,
    Territory,
)
from pac_desktop.storage.outbox import LocalSession

from ..programme_settings import CONSENT_REFUSED_KEEP_DAYS, read_setting_in
from .checklist import _missing_items
from .fields import field_label
from .rows import (
    _current_assignment,
    _eligibility_view,
    _evaluation_info,
    _intake_date,
    _latest_consents,
    _referent_info,
    _required_roles,
    _step,
)
from .views import (
    AmendmentInfo,
    ConsentInfo,
    IntakeDetail,
    IntakeStep,
    NoteInfo,
    ParticipantInfo,
    ReferralInfo,
    SolutionInfo,
    StepState,
    ValidationInfo,
    YouthInfo,
)


def read_intake(session: LocalSession, intake: JointIntake, today: date) -> IntakeDetail:
    """Everything about ``intake`` (``today``: the day of an intake with no date yet)."""
    youth = live_youth(session, intake.youth_id)
    territory = session.get(Territory, intake.territory_id)
    host = session.get(Organisation, intake.host_organisation_id) if intake.host_organisation_id else None
    intake_date = _intake_date(intake, today)
    age = age_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else None
    minor = not is_adult_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else True

    referral_row = session.get(Referral, intake.referral_id) if intake.referral_id else None
    referral = None
    if referral_row is not None and referral_row.deleted_at is None:
        ref_org = session.get(Organisation, referral_row.organisation_id) if referral_row.organisation_id else None
        referral = ReferralInfo(
            id=referral_row.id,
            source=referral_row.source,
            referred_on=referral_row.referred_on,
            referrer_name=referral_row.referrer_name,
            referrer_structure=referral_row.referrer_structure,
            organisation_id=referral_row.organisation_id,
            organisation_name=(ref_org.short_name or ref_org.name) if ref_org else None,
            notes=referral_row.notes or "",
        )

    consent_rows = session.scalars(
        select(IntakeConsent).where(IntakeConsent.intake_id == intake.id, IntakeConsent.deleted_at.is_(None))
    ).all()
    participant_rows = session.scalars(
        select(IntakeParticipant)
        .where(IntakeParticipant.intake_id == intake.id, IntakeParticipant.deleted_at.is_(None))
        .order_by(IntakeParticipant.position, IntakeParticipant.id)
    ).all()
    note_rows = session.scalars(
        select(AnalysisNote)
        .where(AnalysisNote.intake_id == intake.id, AnalysisNote.deleted_at.is_(None))
        .order_by(AnalysisNote.written_at, AnalysisNote.id)
    ).all()
    barriers = frozenset(
        session.scalars(
            select(IntakeBarrier.barrier).where(
                IntakeBarrier.intake_id == intake.id, IntakeBarrier.deleted_at.is_(None)
            )
        )
    )
    solution_rows = session.execute(
        select(ProposedSolution, ServiceOffer, Organisation.short_name, Organisation.name)
        .outerjoin(ServiceOffer, ServiceOffer.id == ProposedSolution.offer_id)
        .outerjoin(Organisation, Organisation.id == ServiceOffer.provider_id)
        .where(ProposedSolution.intake_id == intake.id, ProposedSolution.deleted_at.is_(None))
        .order_by(ProposedSolution.updated_at, ProposedSolution.id)
    ).all()
    validation_rows = session.scalars(
        select(IntakeValidation)
        .where(IntakeValidation.intake_id == intake.id, IntakeValidation.deleted_at.is_(None))
        .order_by(IntakeValidation.validated_at)
    ).all()
    amendment_rows = session.scalars(
        select(IntakeAmendment)
        .where(IntakeAmendment.intake_id == intake.id, IntakeAmendment.deleted_at.is_(None))
        .order_by(IntakeAmendment.amended_at)
    ).all()
    assignment = _current_assignment(session, intake.id)

    names = staff_labels(
        session,
        [p.staff_id for p in participant_rows]
        + [n.author_staff_id for n in note_rows]
        + [c.collected_by for c in consent_rows]
        + [v.staff_id for v in validation_rows]
        + [a.amended_by for a in amendment_rows]
        + [intake.next_appointment_staff_id],
    )

    def name_of(staff_id: str | None) -> str | None:
        return names[staff_id][0] if staff_id and staff_id in names else None

    titles = job_titles(session, intake.territory_id)

    youth_info = YouthInfo(
        id=youth.id,
        first_name=youth.first_name,
        last_name=youth.last_name,
        birth_date=youth.birth_date,
        age=age,
        minor=minor,
        sex=youth.sex,
        phone=youth.phone,
        email=youth.email,
        address=youth.address,
        postcode=youth.postcode,
        town=youth.town,
        lives_in_priority_area=bool(youth.lives_in_priority_area),
        newly_arrived=bool(youth.newly_arrived),
        left_school_on=youth.left_school_on,
        last_class=youth.last_class,
        has_qualification=youth.has_qualification,
        followed_by_structure=youth.followed_by_structure,
        status=youth.status,
        territory_id=youth.territory_id,
    )
    consents = tuple(
        ConsentInfo(c.id, c.kind, c.given, c.given_on, c.collected_by, name_of(c.collected_by), c.guardian_name,
                    ConsentState(c.state), name_of(c.recorded_by), c.recorded_at, c.guardian_relationship, c.reason)
        for c in _latest_consents(consent_rows)
    )
    required_consents = (ConsentKind.YOUTH, ConsentKind.GUARDIAN) if minor else (ConsentKind.YOUTH,)
    participants = tuple(
        ParticipantInfo(
            id=p.id,
            kind=p.kind,
            role=p.role,
            staff_id=p.staff_id,
            staff_name=name_of(p.staff_id),
            initials=names[p.staff_id][1] if p.staff_id in names else None,
            organisation_name=names[p.staff_id][2] if p.staff_id in names else None,
            full_name=p.full_name,
            relationship=p.relationship,
            present=p.present,
            absence_reason=p.absence_reason,
            position=p.position,
            role_title=titles[p.role] if p.role else "",
        )
        for p in participant_rows
    )
    position_of = {p.staff_id: p.position for p in participants if p.staff_id}
    notes = tuple(
        NoteInfo(
            id=n.id,
            section=n.section,
            author_staff_id=n.author_staff_id,
            author_name=name_of(n.author_staff_id),
            author_initials=names[n.author_staff_id][1] if n.author_staff_id in names else None,
            author_position=position_of.get(n.author_staff_id),
            text=n.text,
            written_at=n.written_at,
            sensitive=n.section in SENSITIVE_SECTIONS,
        )
        for n in note_rows
        if n.text.strip()
    )
    solutions = tuple(
        SolutionInfo(
            id=s.id,
            offer_id=s.offer_id,
            title=offer.title if offer is not None else (s.free_text or ""),
            category=s.category,
            provider_name=(short or name) if offer is not None else None,
            free_text=s.free_text,
            youth_answer=s.youth_answer,
            planned_start=s.planned_start,
            notes=s.notes or "",
        )
        for s, offer, short, name in solution_rows
    )
    referent = _referent_info(session, assignment) if assignment is not None else None
    eligibility = _eligibility_view(intake, youth, today)
    required_roles = tuple(_required_roles(session, intake.territory_id))
    evaluation = _evaluation_info(session, intake)
    missing = _missing_items(
        referral=referral,
        eligibility=eligibility,
        required_consents=required_consents,
        consents=consents,
        required_roles=required_roles,
        participants=participants,
        shared_diagnosis=intake.shared_diagnosis or "",
        diagnosis_agreed=intake.diagnosis_agreed,
        solutions=solutions,
        referent=referent,
        next_at=intake.next_appointment_at,
        next_place=intake.next_appointment_place,
        next_staff=intake.next_appointment_staff_id,
        evaluation=evaluation,
        titles=titles,
    )
    validated = intake.state == IntakeState.VALIDATED
    steps = []
    for step in IntakeStep:
        count = sum(1 for m in missing if m.step == step)
        if step == IntakeStep.VALIDATION:
            complete = validated
        else:
            complete = count == 0
        steps.append(StepState(step, complete, count))
    return IntakeDetail(
        id=intake.id,
        youth=youth_info,
        territory_id=intake.territory_id,
        territory_name=territory.name if territory else "",
        host_organisation_id=intake.host_organisation_id,
        host_organisation_name=(host.short_name or host.name) if host else None,
        state=intake.state,
        current_step=_step(intake.current_step),
        planned_at=intake.planned_at,
        held_on=intake.held_on,
        intake_date=intake_date,
        youth_present=intake.youth_present,
        referral=referral,
        eligibility=eligibility,
        consents=consents,
        required_consents=required_consents,
        required_roles=required_roles,
        participants=participants,
        notes=notes,
        barriers=barriers,
        shared_diagnosis=intake.shared_diagnosis or "",
        diagnosis_agreed=intake.diagnosis_agreed,
        solutions=solutions,
        referent=referent,
        next_appointment_at=intake.next_appointment_at,
        next_appointment_place=intake.next_appointment_place,
        next_appointment_staff_id=intake.next_appointment_staff_id,
        next_appointment_staff_name=name_of(intake.next_appointment_staff_id),
        validations=tuple(
            ValidationInfo(v.staff_id, name_of(v.staff_id) or "", v.validated_at) for v in validation_rows
        ),
        validated_at=intake.validated_at,
        amendments=tuple(
            AmendmentInfo(
                id=a.id,
                field=a.field,
                field_label=field_label(a.field),
                old_value=a.old_value,
                new_value=a.new_value,
                reason=a.reason,
                amended_by_name=name_of(a.amended_by),
                amended_at=a.amended_at,
            )
            for a in amendment_rows
        ),
        missing=missing,
        steps=tuple(steps),
        cancel_reason=intake.cancel_reason,
        evaluation=evaluation,
        refused_keep_days=read_setting_in(session, CONSENT_REFUSED_KEEP_DAYS),
    )
