"""Finding or creating the youth, opening the intake (begin, steps, cancel, no-show) and the autosaved fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import case, or_, select

from pac_desktop.domain.enums import (
    ROLE_ORG_KINDS,
    EvaluationArm,
    IntakeState,
    ParticipantKind,
    Sex,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS, format_date, to_paris
from pac_desktop.domain.intake_state import is_open, transition
from pac_desktop.domain.text import normalise
from pac_desktop.domain.youth_fields import clean_youth_field
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import new_id, utcnow
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    IntakeParticipant,
    JointIntake,
    Organisation,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession
from pac_desktop.storage.youth_search import NAME_KEYS, key_condition

from ..access import territory_choices
from ..context import Actor
from ..evaluation import assignment_in, evaluation_on_in
from ..youth_matching import MIN_SCORE, MatchScore, name_tokens, near_birth_dates, score_match
from .base import IntakeServiceBase
from .fields import FIELDS, _check_value, _coerce, _row_for
from .rows import (
    _editable,
    _eligibility_view,
    _intake,
    _open_intake_ids,
    _refresh_override,
    _release_referent,
    _required_roles,
    _youth_back_to_referred,
)
from .views import (
    MAX_CANDIDATES,
    STAGE_2_STEPS,
    IntakeAlreadyOpen,
    IntakeStep,
    SaveResult,
    YouthCandidate,
    YouthCreation,
)

#: Rows read from the name prefix lookup before scoring (the birth date lookup is small by nature).
_NAME_PREFILTER_LIMIT = 250


class YouthSteps(IntakeServiceBase):
    """Finding or creating the youth, opening the intake, its state and the autosaved fields."""

    # ---- finding or creating the youth -----------------------------------------------------------

    def territories(self, *, by: Actor | None) -> list[tuple[str, str]]:
        """(id, name) of the territories ``by`` may open an intake in: the new intake's territory choice."""
        return territory_choices(self._ctx, self._guard, by, Action.INTAKE_EDIT)

    def find_youth(
        self, *, name: str, by: Actor, birth_date: date | None = None, limit: int = MAX_CANDIDATES
    ) -> tuple[YouthCandidate, ...]:
        """Youths who may be the person typed, best first, each with a score (0–100) and why.

        Every territory is searched (a youth may have moved): only counsellors, who open intakes, may search."""
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=by.territory_id, entity="youth")
        with self._ctx.read() as session:
            return _find_candidates(session, name=name, birth_date=birth_date, limit=limit)

    def create_youth(
        self,
        *,
        first_name: str,
        last_name: str,
        birth_date: date,
        territory_id: str,
        sex: Sex | None = None,
        phone: str | None = None,
        email: str | None = None,
        town: str | None = None,
        postcode: str | None = None,
        newly_arrived: bool = False,
        create_anyway: bool = False,
        by: Actor,
    ) -> YouthCreation:
        """Create a youth's file, unless strong duplicate candidates exist and ``create_anyway`` is False.

        The search for duplicates and the creation happen in the same write transaction: nobody can slip a
        twin record in between.
        """
        today = self._ctx.today()
        # The same checks, in the same words, as the autosave and the case file (domain.youth_fields).
        values = {
            name: clean_youth_field(name, value, today=today)
            for name, value in (
                ("first_name", first_name), ("last_name", last_name), ("birth_date", birth_date), ("sex", sex),
                ("phone", phone), ("email", email), ("town", town), ("postcode", postcode),
                ("newly_arrived", newly_arrived),
            )
        }
        first_name, last_name, birth_date = values["first_name"], values["last_name"], values["birth_date"]
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=territory_id, entity="youth")
        with self._ctx.write(by) as session:
            territory = session.get(Territory, territory_id)
            if territory is None or territory.deleted_at is not None:
                raise NotFound("Ce territoire n'existe pas dans cette base : choisissez-en un autre.")
            candidates = _find_candidates(
                session, name=f"{first_name} {last_name}", birth_date=birth_date, limit=MAX_CANDIDATES
            )
            if any(c.strong for c in candidates) and not create_anyway:
                return YouthCreation(youth_id=None, candidates=candidates)
            youth_id = new_id()
            session.add(
                Youth(
                    id=youth_id,
                    case_id=youth_id,
                    territory_id=territory_id,
                    **values,
                    status=YouthStatus.REFERRED,
                )
            )
            return YouthCreation(youth_id=youth_id, candidates=candidates)

    # ---- starting -----------------------------------------------------------------------------

    def start(
        self,
        *,
        youth_id: str,
        territory_id: str | None = None,
        host_organisation_id: str | None = None,
        planned_at: datetime | None = None,
        by: Actor,
    ) -> str:
        """Open an intake for a youth: planned (``planned_at`` given) or held now (stage 1 at once).

        The participants are pre-filled with the territory's required team; the logged-in counsellor takes
        the role their organisation can hold. Raises IntakeAlreadyOpen when one is already in progress.
        """
        today = self._ctx.today()
        if self._guard is not None:
            self._guard.require(
                by, Action.INTAKE_EDIT, youth_id=youth_id, territory_id=territory_id, entity="joint_intake"
            )
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            territory_id = territory_id or youth.territory_id
            territory = session.get(Territory, territory_id)
            if territory is None:
                raise NotFound("Ce territoire n'existe pas dans cette base : choisissez-en un autre.")
            draw = assignment_in(session, youth.id)
            if draw is not None and draw.arm == EvaluationArm.CONTROL and evaluation_on_in(session, territory_id):
                raise DomainError(
                    f"{youth.first_name} {youth.last_name} a été tiré(e) au sort dans le groupe témoin de "
                    f"l'évaluation le {format_date(to_paris(draw.drawn_at).date())} : pas d'accueil commun tant que "
                    "l'évaluation dure. Le jeune garde l'accompagnement habituel des partenaires."
                )
            existing = _open_intake_ids(session, [youth_id]).get(youth_id)
            if existing:
                raise IntakeAlreadyOpen(
                    f"Un accueil commun est déjà en cours pour {youth.first_name} {youth.last_name} : "
                    "reprenez-le plutôt que d'en ouvrir un second.",
                    intake_id=existing,
                )
            actor_org = session.get(Organisation, by.organisation_id)
            if host_organisation_id is None and actor_org is not None and actor_org.territory_id == territory_id:
                host_organisation_id = actor_org.id
            if planned_at is not None and planned_at.tzinfo is None:
                planned_at = planned_at.replace(tzinfo=PARIS)
            intake = JointIntake(
                id=new_id(),
                case_id=youth.id,
                youth_id=youth.id,
                territory_id=territory_id,
                host_organisation_id=host_organisation_id,
                planned_at=planned_at,
                held_on=None if planned_at is not None else today,
                state=IntakeState.PLANNED if planned_at is not None else IntakeState.STAGE_1,
                current_step=IntakeStep.YOUTH.value,
                youth_present=True,
                shared_diagnosis="",
                diagnosis_agreed=False,
                created_by=by.staff_id,
            )
            session.add(intake)
            roles = _required_roles(session, territory_id)
            actor_role = None
            if actor_org is not None and actor_org.territory_id == territory_id:
                actor_role = next((r for r in roles if actor_org.kind in ROLE_ORG_KINDS[r]), None)
            for position, role in enumerate(roles):
                session.add(
                    IntakeParticipant(
                        case_id=youth.id,
                        intake_id=intake.id,
                        kind=ParticipantKind.COUNSELLOR,
                        role=role,
                        staff_id=by.staff_id if role == actor_role else None,
                        present=True,
                        position=position,
                    )
                )
            if youth.status == YouthStatus.REFERRED:
                youth.status = YouthStatus.IN_INTAKE
            return intake.id

    def begin(self, *, intake_id: str, by: Actor) -> IntakeState:
        """A planned intake starts now: stage 1, held today."""
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            if intake.state == IntakeState.PLANNED:
                intake.state = transition(intake.state, IntakeState.STAGE_1)
                intake.held_on = intake.held_on or self._ctx.today()
            return intake.state

    def set_step(self, *, intake_id: str, step: IntakeStep | str, by: Actor) -> IntakeState:
        """Remember the step the wizard is on (to resume there); opening stage 2 moves the state on."""
        step = IntakeStep(step)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _intake(session, intake_id)
            if not is_open(intake.state):
                return intake.state  # a locked intake can still be browsed
            if intake.current_step != step.value:
                intake.current_step = step.value
            if step == IntakeStep.ANALYSIS or step in STAGE_2_STEPS:
                if intake.state == IntakeState.PLANNED:
                    intake.state = transition(intake.state, IntakeState.STAGE_1)
                    intake.held_on = intake.held_on or self._ctx.today()
            if step in STAGE_2_STEPS and intake.state == IntakeState.STAGE_1:
                intake.state = transition(intake.state, IntakeState.STAGE_2)
            return intake.state

    def cancel(self, *, intake_id: str, reason: str, by: Actor) -> None:
        if not reason.strip():
            raise DomainError("Indiquez pourquoi l'accueil est annulé.")
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            intake.state = transition(intake.state, IntakeState.CANCELLED)
            intake.cancel_reason = reason.strip()
            _release_referent(session, intake)
            _youth_back_to_referred(session, intake)

    def mark_no_show(self, *, intake_id: str, by: Actor) -> None:
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            intake.state = transition(intake.state, IntakeState.NO_SHOW)
            _release_referent(session, intake)
            _youth_back_to_referred(session, intake)

    # ---- autosave ----------------------------------------------------------------------------

    def save_field(self, *, intake_id: str, field: str, value: Any, by: Actor) -> SaveResult:
        """Save one field of the youth, the referral or the intake (see EDITABLE_FIELDS).

        A referral is created by its first field saved ("referral.source" or "referral.referred_on").
        """
        spec = FIELDS.get(field)
        if spec is None:
            raise DomainError(f"Le champ « {field} » ne peut pas être enregistré depuis l'accueil commun.")
        today = self._ctx.today()
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            row = _row_for(session, intake, spec, today=today)
            value = _coerce(session, spec, value, today=today)
            _check_value(spec, value, today=today)
            if getattr(row, spec.attr) != value:
                setattr(row, spec.attr, value)
            eligibility = None
            if spec.affects_eligibility:
                youth = live_youth(session, intake.youth_id)
                _refresh_override(intake, youth, today)
                eligibility = _eligibility_view(intake, youth, today)
            return SaveResult(saved_at=utcnow(), eligibility=eligibility)


def _find_candidates(
    session: LocalSession, *, name: str, birth_date: date | None, limit: int
) -> tuple[YouthCandidate, ...]:
    """Indexed prefilter, then rapidfuzz scores what is left.

    Three lookups, each answered from an index: everyone born that very day (a badly misspelt name still
    shows; about 50 youths in 100,000); close birth dates with a name word in common (so no strong candidate is
    ever cut off by a limit); the same name words at any date (homonyms, shown as weak candidates, a bounded
    number, exact words first).
    """
    if not normalise(name):
        return ()
    columns = (
        Youth.id,
        Youth.first_name,
        Youth.last_name,
        Youth.first_name_key,
        Youth.last_name_key,
        Youth.birth_date,
        Youth.status,
        Youth.territory_id,
    )
    alive = Youth.deleted_at.is_(None)
    tokens = name_tokens(name)
    # The list search's condition on the names (storage/youth_search.py): any word, or the name without spaces.
    name_match = or_(*(key_condition(token, keys=NAME_KEYS) for token in tokens)) if tokens else None
    found: dict[str, Any] = {}

    def collect(stmt: Any) -> None:
        for row in session.execute(stmt):
            found[row.id] = row

    if birth_date is not None:
        collect(select(*columns).where(Youth.birth_date == birth_date, alive))
        if name_match is not None:
            collect(select(*columns).where(Youth.birth_date.in_(near_birth_dates(birth_date)), name_match, alive))
    if name_match is not None:
        exact_word = case(
            (or_(Youth.last_name_key.in_(tokens), Youth.first_name_key.in_(tokens)), 0),
            else_=1,
        )
        collect(
            select(*columns)
            .where(name_match, alive)
            .order_by(exact_word, Youth.last_name_key, Youth.first_name_key)
            .limit(_NAME_PREFILTER_LIMIT)
        )
    rows = list(found.values())
    scored: list[tuple[MatchScore, Any]] = []
    typed_key = normalise(name)
    for row in rows:
        match = score_match(
            typed_name=name,
            typed_birth_date=birth_date,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
            typed_key=typed_key,
            first_key=row.first_name_key,
            last_key=row.last_name_key,
        )
        if match.score >= MIN_SCORE:
            scored.append((match, row))
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].last_name, pair[1].first_name))
    scored = scored[:limit]
    if not scored:
        return ()
    ids = [row.id for _, row in scored]
    territories = dict(session.execute(select(Territory.id, Territory.name)).all())
    open_intakes = _open_intake_ids(session, ids)
    return tuple(
        YouthCandidate(
            youth_id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
            territory_name=territories.get(row.territory_id, ""),
            status=row.status,
            score=match.score,
            strong=match.strong,
            reasons=match.reasons,
            open_intake_id=open_intakes.get(row.id),
        )
        for match, row in scored
    )
