"""Row lookups and small rules the intake's use cases share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import literal_column, select

from pac_desktop.domain.consent import latest_rows
from pac_desktop.domain.eligibility import (
    Eligibility,
    EligibilityFacts,
    EligibilityRefused,
    assess_eligibility,
    decide,
)
from pac_desktop.domain.enums import (
    IntakeRole,
    IntakeState,
    ParticipantKind,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.intake_state import intake_day, transition
from pac_desktop.domain.team import check_staff_can_hold
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    IntakeConsent,
    IntakeParticipant,
    JointIntake,
    Organisation,
    ProposedSolution,
    ReferentAssignment,
    Staff,
    TerritoryRequiredRole,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession, tombstone

from ..evaluation import DrawResult, assignment_in, evaluation_on_in
from ..outcomes import schedule_outcomes
from ..staff import current_caseloads
from .views import OPEN_STATES, CriterionView, EligibilityView, EvaluationInfo, IntakeLocked, IntakeStep, ReferentInfo

# --------------------------------------------------------------------------------------------------
# Helpers (inside a unit of work)
# --------------------------------------------------------------------------------------------------


def _step(value: str | None) -> IntakeStep:
    try:
        return IntakeStep(value or IntakeStep.YOUTH.value)
    except ValueError:
        return IntakeStep.YOUTH


def _intake(session: LocalSession, intake_id: str) -> JointIntake:
    intake = session.get(JointIntake, intake_id)
    if intake is None or intake.deleted_at is not None:
        raise NotFound("Cet accueil commun n'existe pas (ou plus) dans cette base.")
    return intake


def _editable(session: LocalSession, intake_id: str) -> JointIntake:
    intake = _intake(session, intake_id)
    if intake.state == IntakeState.VALIDATED:
        raise IntakeLocked(
            "Cet accueil commun est validé : il est verrouillé. Pour corriger une information, "
            "ajoutez un avenant en indiquant la raison ; l'original sera conservé."
        )
    if intake.state == IntakeState.CANCELLED:
        raise IntakeLocked("Cet accueil commun a été annulé : il ne peut plus être modifié.")
    if intake.state == IntakeState.NO_SHOW:
        raise IntakeLocked(
            "Le jeune ne s'est pas présenté à cet accueil : il ne peut plus être modifié. "
            "Planifiez un nouvel accueil si besoin."
        )
    return intake


def _solution(session: LocalSession, solution_id: str) -> ProposedSolution:
    solution = session.get(ProposedSolution, solution_id)
    if solution is None or solution.deleted_at is not None or solution.intake_id is None:
        raise NotFound("Cette solution n'existe plus : rouvrez l'accueil.")
    return solution


def _intake_date(intake: JointIntake, today: date) -> date:
    """The day the intake is held: its date, else its planned day (Paris time), else today."""
    return intake_day(held_on=intake.held_on, planned_at=intake.planned_at) or today


def _required_roles(session: LocalSession, territory_id: str) -> list[IntakeRole]:
    roles = set(
        session.scalars(
            select(TerritoryRequiredRole.role).where(
                TerritoryRequiredRole.territory_id == territory_id, TerritoryRequiredRole.deleted_at.is_(None)
            )
        )
    )
    return [r for r in IntakeRole if r in roles]


def _assess(intake: JointIntake, youth: Youth, today: date) -> Eligibility:
    return assess_eligibility(
        EligibilityFacts(
            birth_date=youth.birth_date,
            intake_date=_intake_date(intake, today),
            left_school_on=youth.left_school_on,
            has_qualification=youth.has_qualification,
            followed_by_structure=youth.followed_by_structure,
        )
    )


def _refresh_override(intake: JointIntake, youth: Youth, today: date) -> None:
    """The override stands when the domain accepts the stored justification for the current facts."""
    eligibility = _assess(intake, youth, today)
    try:
        overridden = decide(eligibility, override_justification=intake.eligibility_justification).overridden
    except EligibilityRefused:
        overridden = False
    if intake.eligibility_overridden != overridden:
        intake.eligibility_overridden = overridden


def _eligibility_view(intake: JointIntake, youth: Youth, today: date) -> EligibilityView:
    eligibility = _assess(intake, youth, today)
    justification = intake.eligibility_justification
    overridden = False
    if eligibility.eligible:
        message = "Le jeune remplit les quatre critères du dispositif."
    else:
        try:
            overridden = decide(eligibility, override_justification=justification).overridden
            message = "Le jeune ne remplit pas tous les critères ; il est accueilli par dérogation justifiée."
        except EligibilityRefused as refused:
            message = str(refused)
    return EligibilityView(
        criteria=tuple(CriterionView(c.code, c.label, c.met, c.explanation) for c in eligibility.criteria),
        eligible=eligibility.eligible,
        overridden=overridden,
        justification=justification,
        message=message,
    )


def _is_counsellor_of(session: LocalSession, intake_id: str, staff_id: str) -> bool:
    return (
        session.scalar(
            select(IntakeParticipant.id).where(
                IntakeParticipant.intake_id == intake_id,
                IntakeParticipant.staff_id == staff_id,
                IntakeParticipant.kind == ParticipantKind.COUNSELLOR,
                IntakeParticipant.deleted_at.is_(None),
            )
        )
        is not None
    )


def _check_staff_for_role(
    session: LocalSession, intake: JointIntake, participant: IntakeParticipant, staff_id: str
) -> None:
    if participant.kind != ParticipantKind.COUNSELLOR or participant.role is None:
        raise DomainError("Seul un rôle de conseiller se pourvoit avec un membre du personnel.")
    row = session.execute(
        select(Staff, Organisation)
        .join(Organisation, Organisation.id == Staff.organisation_id)
        .where(Staff.id == staff_id)
    ).first()
    if row is None or row[0].deleted_at is not None:
        raise NotFound("Cette personne n'existe pas (ou plus) dans cette base : choisissez-en une autre.")
    staff, org = row
    if not staff.active:
        raise DomainError(
            f"Le compte de {staff.first_name} {staff.last_name} est désactivé : choisissez quelqu'un d'autre."
        )
    check_staff_can_hold(participant.role, org.kind)
    if org.territory_id != intake.territory_id:
        raise DomainError(
            f"{staff.first_name} {staff.last_name} travaille dans une structure d'un autre territoire : "
            "choisissez une personne du territoire de l'accueil."
        )
    other = session.scalar(
        select(IntakeParticipant.role).where(
            IntakeParticipant.intake_id == intake.id,
            IntakeParticipant.staff_id == staff_id,
            IntakeParticipant.id != participant.id,
            IntakeParticipant.deleted_at.is_(None),
        )
    )
    if other is not None:
        raise DomainError(f"{staff.first_name} {staff.last_name} tient déjà le rôle « {other.label} » à cet accueil.")


def _current_assignment(session: LocalSession, intake_id: str) -> ReferentAssignment | None:
    return _current_assignments(session, [intake_id]).get(intake_id)


def _current_assignments(session: LocalSession, intake_ids: list[str]) -> dict[str, ReferentAssignment]:
    """intake id → its referent's assignment in force (the last updated), for the intakes that have one."""
    current: dict[str, ReferentAssignment] = {}
    for start in range(0, len(intake_ids), 500):
        for row in session.scalars(
            select(ReferentAssignment)
            .where(ReferentAssignment.intake_id.in_(intake_ids[start:start + 500]),
                   ReferentAssignment.deleted_at.is_(None))
            .order_by(ReferentAssignment.updated_at.desc(), literal_column("referent_assignment.rowid"))
        ):
            current.setdefault(row.intake_id, row)
    return current


def _referent_info(session: LocalSession, assignment: ReferentAssignment) -> ReferentInfo:
    return _referent_infos(session, [assignment])[assignment.id]


def _referent_infos(session: LocalSession, assignments: list[ReferentAssignment]) -> dict[str, ReferentInfo]:
    """assignment id → the referent it designates (name, structure, caseload), each table read once."""
    if not assignments:
        return {}
    staff_ids = sorted({a.staff_id for a in assignments})
    found = {
        staff.id: (staff, org)
        for staff, org in session.execute(
            select(Staff, Organisation)
            .join(Organisation, Organisation.id == Staff.organisation_id)
            .where(Staff.id.in_(staff_ids))
        ).all()
    }
    designators = {a.designated_by for a in assignments if a.designated_by}
    by_id = {s.id: s for s in session.scalars(select(Staff).where(Staff.id.in_(designators)))} if designators else {}
    caseloads = current_caseloads(session, staff_ids)
    infos: dict[str, ReferentInfo] = {}
    for assignment in assignments:
        if assignment.staff_id not in found:
            raise NotFound("Le référent désigné pour cet accueil n'existe pas (ou plus) dans cette base.")
        staff, org = found[assignment.staff_id]
        designated_by = by_id.get(assignment.designated_by) if assignment.designated_by else None
        infos[assignment.id] = ReferentInfo(
            assignment_id=assignment.id,
            staff_id=staff.id,
            name=f"{staff.first_name} {staff.last_name}",
            organisation_name=org.short_name or org.name,
            caseload=caseloads.get(staff.id, 0),
            cap=staff.caseload_cap,
            started_on=assignment.started_on,
            cap_override_reason=assignment.cap_override_reason,
            designated_by_name=f"{designated_by.first_name} {designated_by.last_name}" if designated_by else None,
        )
    return infos


def _release_referent(session: LocalSession, intake: JointIntake) -> None:
    """A cancelled intake frees the referent it had designated (the youth was never followed)."""
    current = _current_assignment(session, intake.id)
    if current is not None:
        tombstone(current)


def _open_intake_ids(session: LocalSession, youth_ids: list[str]) -> dict[str, str]:
    """youth id → the id of their intake in progress, for a few youths.

    Looked up by youth_id only and the state checked here: with a condition on the state in SQL, SQLite may
    prefer the state index and read every intake in progress (thousands) instead of a handful of rows.
    """
    rows = session.execute(
        select(JointIntake.youth_id, JointIntake.id, JointIntake.state).where(
            JointIntake.youth_id.in_(youth_ids), JointIntake.deleted_at.is_(None)
        )
    ).all()
    return {youth_id: intake_id for youth_id, intake_id, state in rows if state in OPEN_STATES}


def _open_intakes_of(session: LocalSession, youth_id: str) -> list[str]:
    rows = session.execute(
        select(JointIntake.id, JointIntake.state).where(
            JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None)
        )
    ).all()
    return [intake_id for intake_id, state in rows if state in OPEN_STATES]


def _youth_back_to_referred(session: LocalSession, intake: JointIntake) -> None:
    youth = live_youth(session, intake.youth_id)
    other_open = [i for i in _open_intakes_of(session, youth.id) if i != intake.id]
    if youth.status == YouthStatus.IN_INTAKE and not other_open:
        youth.status = YouthStatus.REFERRED


def _lock(session: LocalSession, intake: JointIntake, today: date) -> None:
    """The last validation: the intake is validated, the youth followed, their outcomes due."""
    path = {IntakeState.PLANNED: IntakeState.STAGE_1, IntakeState.STAGE_1: IntakeState.STAGE_2}
    state = intake.state
    while state != IntakeState.VALIDATED:
        state = transition(state, path.get(state, IntakeState.VALIDATED))
    intake.state = state
    intake.validated_at = utcnow()
    intake.current_step = IntakeStep.VALIDATION.value
    held_on = _intake_date(intake, today)
    if intake.held_on is None:
        intake.held_on = held_on
    youth = live_youth(session, intake.youth_id)
    youth.status = YouthStatus.FOLLOWED
    # Outcomes at 3, 6 and 12 months (one per milestone and youth: a second intake keeps the first dates).
    schedule_outcomes(session, youth_id=youth.id, intake_id=intake.id, intake_on=held_on)


def _evaluation_info(session: LocalSession, intake: JointIntake) -> EvaluationInfo | None:
    return _evaluation_of(evaluation_on_in(session, intake.territory_id), assignment_in(session, intake.youth_id))


def _evaluation_of(enabled: bool, draw: DrawResult | None) -> EvaluationInfo | None:
    if not enabled and draw is None:
        return None
    return EvaluationInfo(enabled=enabled, draw=draw)


def _latest_consents(rows: Iterable[IntakeConsent]) -> list[IntakeConsent]:
    """The consent in force of each kind (issue 13; pac_desktop.domain.consent.latest_rows)."""
    return latest_rows(rows)
