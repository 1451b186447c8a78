"""Reading a case file: header, identity, intake, solutions, diary, outcomes, referents, decisions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.consent import ConsentState, describe_consent, latest_rows
from pac_desktop.domain.eligibility import age_on
from pac_desktop.domain.enums import (
    SENSITIVE_SECTIONS,
    AnalysisSection,
    Barrier,
    OutcomeMilestone,
    YouthStatus,
)
from pac_desktop.domain.french import to_paris
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth, organisation_names, staff_names, youths_intake
from pac_desktop.storage.models import (
    CaseReview,
    CaseReviewParticipant,
    CaseReviewYouth,
    FollowUpEvent,
    Guardian,
    IdentityChange,
    IntakeConsent,
    JointIntake,
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    ServiceOffer,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from ..audit import record_in
from ..context import Actor
from ..intake.read_model import read_intake
from ..intake.views import IntakeDetail
from ..outcomes import OutcomeState, intake_date, milestone_due_dates, outcome_state
from ..reperage.contacts import attempts_in
from .base import CaseFileServiceBase
from .identity import GUARDIAN_FIELD_LABELS, YOUTH_FIELD_LABELS, _shown_text
from .views import (
    AmendmentView,
    CaseFile,
    CaseHeader,
    DecisionView,
    FollowUpView,
    GuardianView,
    Identity,
    IdentityChangeView,
    IntakeNoteView,
    IntakeSectionView,
    IntakeView,
    OutcomeView,
    ReferentPeriod,
    SolutionView,
)


def _open_assignment(session: LocalSession, youth_id: str) -> ReferentAssignment | None:
    return session.scalars(
        select(ReferentAssignment)
        .where(
            ReferentAssignment.youth_id == youth_id,
            ReferentAssignment.ended_on.is_(None),
            ReferentAssignment.deleted_at.is_(None),
        )
        .order_by(ReferentAssignment.started_on.desc())
    ).first()


def _header(session: LocalSession, youth: Youth, today: date) -> CaseHeader:
    territory = session.get(Territory, youth.territory_id)
    assignment = _open_assignment(session, youth.id)
    names = staff_names(session, [assignment.staff_id] if assignment else [])
    return CaseHeader(
        youth_id=youth.id,
        first_name=youth.first_name,
        last_name=youth.last_name,
        birth_date=youth.birth_date,
        age=age_on(youth.birth_date, today) if youth.birth_date <= today else None,
        territory_id=youth.territory_id,
        territory_name=territory.name if territory else "",
        referent_id=assignment.staff_id if assignment else None,
        referent_name=names.get(assignment.staff_id) if assignment else None,
        status=youth.status,
    )


def _solution_title(solution: ProposedSolution, offers: dict[str, ServiceOffer]) -> str:
    if solution.offer_id and solution.offer_id in offers:
        return offers[solution.offer_id].title
    return (solution.free_text or "").strip() or solution.category.label


def _intake_view(detail: IntakeDetail) -> IntakeView:
    """The « Accueil commun » tab: a projection of the intake's one read model (``read_intake``), no read of
    its own, so that its date, age, team and solutions are the wizard's and the summary's."""

    sections = tuple(
        IntakeSectionView(
            s,
            s.label,
            s in SENSITIVE_SECTIONS,
            tuple(IntakeNoteView(n.author_name, n.text, n.written_at) for n in detail.notes_of(s)),
        )
        for s in AnalysisSection
        if detail.notes_of(s)
    )
    referral = detail.referral
    referrer = None
    if referral is not None:
        referrer = ", ".join(x for x in (referral.referrer_name, referral.referrer_structure) if x) or None
    return IntakeView(
        id=detail.id,
        state=detail.state,
        planned_at=detail.planned_at,
        held_on=detail.held_on,
        validated_at=detail.validated_at,
        territory_name=detail.territory_name,
        host_name=detail.host_organisation_name,
        referral_source=referral.source if referral else None,
        referred_on=referral.referred_on if referral else None,
        referrer=referrer,
        participants=detail.team_lines(),
        eligibility_overridden=detail.eligibility.overridden,
        eligibility_justification=detail.eligibility.justification,
        sections=sections,
        barriers=tuple(b for b in Barrier if b in detail.barriers),
        shared_diagnosis=detail.shared_diagnosis,
        diagnosis_agreed=detail.diagnosis_agreed,
        next_appointment_at=detail.next_appointment_at,
        next_appointment_place=detail.next_appointment_place,
        next_appointment_with=detail.next_appointment_staff_name,
        amendments=tuple(
            AmendmentView(a.field_label, a.old_value, a.new_value, a.reason, a.amended_by_name, a.amended_at)
            for a in detail.amendments
        ),
        intake_date=detail.intake_day,
        age_at_intake=detail.youth.age,
        solutions=detail.solution_lines(),
    )


def _outcome_views(session: LocalSession, youth: Youth, intake: JointIntake | None, today: date) -> list[OutcomeView]:
    rows = {
        o.milestone: o
        for o in session.scalars(select(Outcome).where(Outcome.youth_id == youth.id, Outcome.deleted_at.is_(None)))
    }
    names = staff_names(session, [o.recorded_by for o in rows.values()])
    start = intake_date(intake) if intake is not None else None
    expected = milestone_due_dates(start) if start is not None else {}
    exited = youth.status is YouthStatus.EXITED
    views: list[OutcomeView] = []
    for milestone in OutcomeMilestone:
        row = rows.get(milestone)
        if row is None and milestone is OutcomeMilestone.EXIT:
            views.append(OutcomeView(None, milestone, None, None, None, "", None, OutcomeState.UPCOMING))
            continue
        due_on = row.due_on if row is not None else expected.get(milestone)
        recorded_on = row.recorded_on if row is not None else None
        views.append(
            OutcomeView(
                id=row.id if row is not None else None,
                milestone=milestone,
                due_on=due_on,
                recorded_on=recorded_on,
                situation=row.situation if row is not None else None,
                note=row.note if row is not None else "",
                recorded_by_name=names.get(row.recorded_by or "") if row is not None else None,
                state=outcome_state(due_on=due_on, recorded_on=recorded_on, today=today, exited=exited),
            )
        )
    return views


class CaseFileReads(CaseFileServiceBase):
    """Reading a case file (audited) and its header."""

    # -- reading ---------------------------------------------------------------------------------

    def case_file(self, *, youth_id: str, by: Actor | None = None, record_view: bool = True) -> CaseFile:
        """Everything the case file window shows, read in one go. Opening it is recorded in the audit trail
        (``record_view=False`` when the window reads the file again after a change it made)."""
        self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        today = self._ctx.today()
        if record_view and by is not None and self._guard is not None:
            with self._ctx.write(by) as session:
                record_in(
                    session, action=AuditAction.VIEW, by=by, entity="youth", entity_id=youth_id, youth_id=youth_id
                )
        with self._ctx.read() as session:
            youth = live_youth(session, youth_id)
            header = _header(session, youth, today)
            guardians = tuple(
                GuardianView(g.id, g.full_name, g.relationship, g.phone, g.email)
                for g in session.scalars(
                    select(Guardian)
                    .where(Guardian.youth_id == youth_id, Guardian.deleted_at.is_(None))
                    .order_by(Guardian.full_name)
                )
            )
            changes = list(
                session.scalars(
                    select(IdentityChange)
                    .where(IdentityChange.youth_id == youth_id, IdentityChange.deleted_at.is_(None))
                    .order_by(IdentityChange.changed_at.desc())
                )
            )
            intake = youths_intake(session, youth_id)
            solutions = list(
                session.scalars(
                    select(ProposedSolution)
                    .where(ProposedSolution.youth_id == youth_id, ProposedSolution.deleted_at.is_(None))
                    .order_by(ProposedSolution.updated_at)
                )
            )
            offers = {
                o.id: o
                for o in session.scalars(
                    select(ServiceOffer).where(ServiceOffer.id.in_({s.offer_id for s in solutions if s.offer_id}))
                )
            }
            events = list(
                session.scalars(
                    select(FollowUpEvent)
                    .where(FollowUpEvent.youth_id == youth_id, FollowUpEvent.deleted_at.is_(None))
                    .order_by(FollowUpEvent.occurred_on.desc(), FollowUpEvent.updated_at.desc())
                )
            )
            assignments = list(
                session.scalars(
                    select(ReferentAssignment)
                    .where(ReferentAssignment.youth_id == youth_id, ReferentAssignment.deleted_at.is_(None))
                    .order_by(ReferentAssignment.started_on.desc(), ReferentAssignment.updated_at.desc())
                )
            )
            decisions = _decisions(session, youth_id)
            consents = latest_rows(session.scalars(
                select(IntakeConsent).where(IntakeConsent.youth_id == youth_id, IntakeConsent.deleted_at.is_(None))
            ).all())
            names = staff_names(
                session,
                [c.collected_by for c in consents] + [c.recorded_by for c in consents]
                + [c.changed_by for c in changes]
                + [e.staff_id for e in events]
                + [a.staff_id for a in assignments]
                + [a.designated_by for a in assignments],
            )
            orgs = organisation_names(
                session, [e.partner_organisation_id for e in events] + [o.provider_id for o in offers.values()]
            )
            return CaseFile(
                header=header,
                identity=Identity(
                    youth.first_name,
                    youth.last_name,
                    youth.birth_date,
                    youth.sex,
                    youth.phone,
                    youth.email,
                    youth.address,
                    youth.postcode,
                    youth.town,
                    youth.lives_in_priority_area,
                    youth.newly_arrived,
                    youth.left_school_on,
                    youth.last_class,
                ),
                guardians=guardians,
                consents=tuple(
                    describe_consent(c.kind, ConsentState(c.state), on=c.given_on, collected_by=names.get(c.collected_by),
                                     recorded_by=names.get(c.recorded_by), guardian_name=c.guardian_name,
                                     guardian_relationship=c.guardian_relationship, reason=c.reason)
                    for c in consents
                ),
                consent_state=_sharing_state(consents),
                identity_history=tuple(
                    IdentityChangeView(
                        c.id,
                        c.entity,
                        c.row_id,
                        c.field,
                        (GUARDIAN_FIELD_LABELS if c.entity == "guardian" else YOUTH_FIELD_LABELS).get(c.field, c.field),
                        _shown_text(c.field, c.old_value),
                        _shown_text(c.field, c.new_value),
                        names.get(c.changed_by or ""),
                        c.changed_at,
                    )
                    for c in changes
                ),
                intake=_intake_view(read_intake(session, intake, today)) if intake is not None else None,
                solutions=tuple(
                    SolutionView(
                        s.id,
                        _solution_title(s, offers),
                        s.category,
                        s.youth_answer,
                        s.status,
                        s.planned_start,
                        s.started_on,
                        s.ended_on,
                        s.notes,
                        s.intake_id is not None,
                        orgs.get(offers[s.offer_id].provider_id or "") if s.offer_id in offers else None,
                    )
                    for s in solutions
                ),
                timeline=tuple(
                    FollowUpView(
                        e.id,
                        e.kind,
                        e.occurred_on,
                        e.staff_id,
                        names.get(e.staff_id or ""),
                        e.partner_organisation_id,
                        orgs.get(e.partner_organisation_id or ""),
                        e.note,
                        e.updated_at,
                    )
                    for e in events
                ),
                outcomes=tuple(_outcome_views(session, youth, intake, today)),
                referents=tuple(
                    ReferentPeriod(
                        a.id,
                        a.staff_id,
                        names.get(a.staff_id, ""),
                        a.started_on,
                        a.ended_on,
                        a.reason,
                        a.cap_override_reason,
                        names.get(a.designated_by or ""),
                    )
                    for a in assignments
                ),
                decisions=decisions,
                contact_attempts=attempts_in(session, youth_id),
                messages_refused=bool(youth.contact_opt_out),
                messages_refused_since=to_paris(youth.contact_opt_out_at).date()
                if youth.contact_opt_out and youth.contact_opt_out_at else None,
                messages_refused_by=staff_names(session, [youth.contact_opt_out_by]).get(
                    youth.contact_opt_out_by or "") if youth.contact_opt_out else None,
            )

    def header(self, *, youth_id: str) -> CaseHeader:
        with self._ctx.read() as session:
            return _header(session, live_youth(session, youth_id), self._ctx.today())


def _decisions(session: LocalSession, youth_id: str) -> tuple[DecisionView, ...]:
    rows = session.execute(
        select(CaseReview, CaseReviewYouth.decision)
        .join(CaseReviewYouth, CaseReviewYouth.review_id == CaseReview.id)
        .where(
            CaseReviewYouth.youth_id == youth_id,
            CaseReviewYouth.deleted_at.is_(None),
            CaseReview.deleted_at.is_(None),
        )
        .order_by(CaseReview.planned_on.desc())
    ).all()
    participants = list(
        session.scalars(
            select(CaseReviewParticipant).where(
                CaseReviewParticipant.review_id.in_([r.id for r, _ in rows]),
                CaseReviewParticipant.deleted_at.is_(None),
            )
        )
    )
    staff = staff_names(session, [p.staff_id for p in participants])
    orgs = organisation_names(session, [p.organisation_id for p in participants])
    by_review: dict[str, list[str]] = {}
    for p in participants:
        name = staff.get(p.staff_id or "") or orgs.get(p.organisation_id or "") or p.full_name or ""
        if name:
            by_review.setdefault(p.review_id, []).append(name)
    return tuple(
        DecisionView(r.id, r.planned_on, r.title, r.place, r.held, decision, tuple(sorted(by_review.get(r.id, []))))
        for r, decision in rows
    )


def _sharing_state(consents: list) -> ConsentState | None:
    """The sharing in force, as IntakeService.withdraw_consent sees it: given when any consent in force is."""
    states = [ConsentState(c.state) for c in consents]
    if ConsentState.GIVEN in states:
        return ConsentState.GIVEN
    return states[0] if states else None
