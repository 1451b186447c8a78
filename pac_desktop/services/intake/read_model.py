"""The one read model of an intake (IntakeDetail), built from its rows.

``read_intake`` is the only place that reads an intake's rows for showing them: the wizard's detail, the case
file's « Accueil commun » tab (``services/casefile/reading.py`` projects it) and every document
(``services/documents/``) start from it, so that the intake date, the age, the team and the solutions are the
same on each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import literal_column, select

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
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from ..evaluation import assignments_in, evaluation_on_in
from ..programme_settings import CONSENT_REFUSED_KEEP_DAYS, read_setting_in
from .checklist import _missing_items
from .fields import field_label
from .rows import (
    _current_assignments,
    _eligibility_view,
    _evaluation_of,
    _intake_date,
    _latest_consents,
    _referent_infos,
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

#: Ids per IN (...) list: well under SQLite's limit on bound parameters.
_CHUNK = 500


def read_intake(session: LocalSession, intake: JointIntake, today: date) -> IntakeDetail:
    """Everything about ``intake`` (``today``: the day of an intake with no date yet)."""
    return read_intakes(session, [intake], today)[0]


def read_intakes(session: LocalSession, intakes: Sequence[JointIntake], today: date) -> list[IntakeDetail]:
    """Everything about each of ``intakes``, in their order: the one rule of :func:`read_intake`, with each
    table read once for all of them (a few ``IN (...)`` queries) — the committee pack reads hundreds."""
    rows = _IntakeRows(session, intakes)
    return [_detail(session, intake, rows, today) for intake in intakes]


def _rowid(model: Any) -> Any:
    """The order rows were written in on this computer: what breaks ties (two rows of the same instant) as the
    single-intake queries did before the batch form, whichever way SQLite reads them (validations of the same
    instant are ordered by staff id, as the unique index made them come before)."""
    return literal_column(f"{model.__tablename__}.rowid")


def _chunks(ids: Iterable[str | None]) -> Iterator[list[str]]:
    wanted = sorted({i for i in ids if i})
    for start in range(0, len(wanted), _CHUNK):
        yield wanted[start:start + _CHUNK]


def _by_id(session: LocalSession, model: Any, ids: Iterable[str | None]) -> dict[str, Any]:
    return {row.id: row for chunk in _chunks(ids) for row in session.scalars(select(model).where(model.id.in_(chunk)))}


def _by_intake(session: LocalSession, ids: list[str], query: Callable[[list[str]], Any]) -> dict[str, list[Any]]:
    """intake id → its rows, in the order ``query`` gives them (``query(chunk)``: a select of rows whose first
    column, or whose ``intake_id``, tells the intake)."""
    out: dict[str, list[Any]] = defaultdict(list)
    for chunk in _chunks(ids):
        for row in session.execute(query(chunk)).all():
            first = row[0]
            out[first.intake_id].append(row if len(row) > 1 else first)
    return out


class _IntakeRows:
    """The rows of several intakes, each table read in one query per chunk of ids."""

    def __init__(self, session: LocalSession, intakes: Sequence[JointIntake]) -> None:
        ids = [i.id for i in intakes]
        self.youths: dict[str, Youth] = _by_id(session, Youth, (i.youth_id for i in intakes))
        self.territories: dict[str, Territory] = _by_id(session, Territory, (i.territory_id for i in intakes))
        self.referrals: dict[str, Referral] = _by_id(session, Referral, (i.referral_id for i in intakes))
        self.organisations: dict[str, Organisation] = _by_id(
            session, Organisation,
            [i.host_organisation_id for i in intakes] + [r.organisation_id for r in self.referrals.values()],
        )
        self.consents = _by_intake(session, ids, lambda chunk: select(IntakeConsent).where(
            IntakeConsent.intake_id.in_(chunk), IntakeConsent.deleted_at.is_(None)
        ).order_by(_rowid(IntakeConsent)))
        self.participants = _by_intake(session, ids, lambda chunk: select(IntakeParticipant).where(
            IntakeParticipant.intake_id.in_(chunk), IntakeParticipant.deleted_at.is_(None)
        ).order_by(IntakeParticipant.position, IntakeParticipant.id))
        self.notes = _by_intake(session, ids, lambda chunk: select(AnalysisNote).where(
            AnalysisNote.intake_id.in_(chunk), AnalysisNote.deleted_at.is_(None)
        ).order_by(AnalysisNote.written_at, AnalysisNote.id))
        self.barriers = _by_intake(session, ids, lambda chunk: select(IntakeBarrier).where(
            IntakeBarrier.intake_id.in_(chunk), IntakeBarrier.deleted_at.is_(None)
        ))
        self.solutions = _by_intake(session, ids, lambda chunk: select(
            ProposedSolution, ServiceOffer, Organisation.short_name, Organisation.name
        ).outerjoin(ServiceOffer, ServiceOffer.id == ProposedSolution.offer_id)
            .outerjoin(Organisation, Organisation.id == ServiceOffer.provider_id)
            .where(ProposedSolution.intake_id.in_(chunk), ProposedSolution.deleted_at.is_(None))
            .order_by(ProposedSolution.updated_at, ProposedSolution.id))
        self.validations = _by_intake(session, ids, lambda chunk: select(IntakeValidation).where(
            IntakeValidation.intake_id.in_(chunk), IntakeValidation.deleted_at.is_(None)
        ).order_by(IntakeValidation.validated_at, IntakeValidation.staff_id))
        self.amendments = _by_intake(session, ids, lambda chunk: select(IntakeAmendment).where(
            IntakeAmendment.intake_id.in_(chunk), IntakeAmendment.deleted_at.is_(None)
        ).order_by(IntakeAmendment.amended_at, _rowid(IntakeAmendment)))
        self.assignments = _current_assignments(session, ids)
        self.referents = _referent_infos(session, list(self.assignments.values()))
        self.names = staff_labels(
            session,
            [p.staff_id for rows in self.participants.values() for p in rows]
            + [n.author_staff_id for rows in self.notes.values() for n in rows]
            + [c.collected_by for rows in self.consents.values() for c in rows]
            + [c.recorded_by for rows in self.consents.values() for c in rows]
            + [v.staff_id for rows in self.validations.values() for v in rows]
            + [a.amended_by for rows in self.amendments.values() for a in rows]
            + [i.next_appointment_staff_id for i in intakes],
        )
        self.draws = assignments_in(session, [i.youth_id for i in intakes])
        territory_ids = {i.territory_id for i in intakes}
        self.titles = {t: job_titles(session, t) for t in territory_ids}
        self.required_roles = {t: tuple(_required_roles(session, t)) for t in territory_ids}
        self.evaluation_on = {t: evaluation_on_in(session, t) for t in territory_ids}
        self.refused_keep_days = read_setting_in(session, CONSENT_REFUSED_KEEP_DAYS)


def _detail(session: LocalSession, intake: JointIntake, rows: _IntakeRows, today: date) -> IntakeDetail:
    youth = rows.youths.get(intake.youth_id)
    if youth is None or youth.deleted_at is not None:
        youth = live_youth(session, intake.youth_id)  # NotFound, in French
    territory = rows.territories.get(intake.territory_id)
    host = rows.organisations.get(intake.host_organisation_id) if intake.host_organisation_id else None
    intake_date = _intake_date(intake, today)
    age = age_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else None
    minor = not is_adult_on(youth.birth_date, intake_date) if youth.birth_date <= intake_date else True

    referral_row = rows.referrals.get(intake.referral_id) if intake.referral_id else None
    referral = None
    if referral_row is not None and referral_row.deleted_at is None:
        ref_org = rows.organisations.get(referral_row.organisation_id) if referral_row.organisation_id else None
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

    consent_rows = rows.consents.get(intake.id, [])
    participant_rows = rows.participants.get(intake.id, [])
    note_rows = rows.notes.get(intake.id, [])
    barriers = frozenset(b.barrier for b in rows.barriers.get(intake.id, []))
    solution_rows = rows.solutions.get(intake.id, [])
    validation_rows = rows.validations.get(intake.id, [])
    amendment_rows = rows.amendments.get(intake.id, [])
    assignment = rows.assignments.get(intake.id)
    names = rows.names

    def name_of(staff_id: str | None) -> str | None:
        return names[staff_id][0] if staff_id and staff_id in names else None

    titles = rows.titles[intake.territory_id]

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
    referent = rows.referents[assignment.id] if assignment is not None else None
    eligibility = _eligibility_view(intake, youth, today)
    required_roles = rows.required_roles[intake.territory_id]
    evaluation = _evaluation_of(rows.evaluation_on[intake.territory_id], rows.draws.get(intake.youth_id))
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
        refused_keep_days=rows.refused_keep_days,
    )
