"""Solutions added to a case file and their status."""

from __future__ import annotations

from datetime import date

from pac_desktop.domain.enums import (
    OfferCategory,
    SolutionStatus,
    YouthAnswer,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date, format_date_short
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    ProposedSolution,
)

from ..context import Actor
from ..offers import solution_category
from .base import CaseFileServiceBase


class SolutionSteps(CaseFileServiceBase):
    """Solutions added to the file and their progress."""

    # -- solutions -------------------------------------------------------------------------------

    def add_solution(
        self,
        *,
        youth_id: str,
        offer_id: str | None = None,
        free_text: str | None = None,
        category: OfferCategory | None = None,
        youth_answer: YouthAnswer = YouthAnswer.THINKING,
        planned_start: date | None = None,
        notes: str = "",
        by: Actor,
    ) -> str:
        """Propose a solution after the intake: from the catalogue, or written freely with its category."""
        self._require(by, Action.CASE_EDIT, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youth = live_youth(session, youth_id)
            if offer_id is None and not (free_text or "").strip():
                raise DomainError("Décrivez la solution proposée, ou choisissez-la dans le catalogue.")
            category = solution_category(
                session, offer_id=offer_id, category=category, territory_id=youth.territory_id
            ).category
            solution = ProposedSolution(
                case_id=youth_id,
                youth_id=youth_id,
                offer_id=offer_id,
                free_text=(free_text or "").strip() or None,
                category=category,
                youth_answer=youth_answer,
                planned_start=planned_start,
                status=SolutionStatus.PROPOSED,
                notes=notes.strip(),
            )
            session.add(solution)
            session.flush()
            return solution.id

    _TRANSITIONS: dict[SolutionStatus, frozenset[SolutionStatus]] = {
        SolutionStatus.PROPOSED: frozenset({SolutionStatus.STARTED, SolutionStatus.ABANDONED}),
        SolutionStatus.STARTED: frozenset({SolutionStatus.COMPLETED, SolutionStatus.ABANDONED}),
        SolutionStatus.COMPLETED: frozenset(),
        SolutionStatus.ABANDONED: frozenset(),
    }

    def set_solution_status(
        self, *, solution_id: str, status: SolutionStatus, on: date | None = None, note: str = "", by: Actor
    ) -> SolutionStatus:
        """Move a solution along: proposed → started → completed, or abandoned; the dated note is kept."""
        on = on or self._ctx.today()
        if on > self._ctx.today():
            raise DomainError(f"La date ({format_date(on)}) est dans le futur : indiquez la date réelle.")
        self._require(by, Action.CASE_EDIT, youth_id=self._youth_of(ProposedSolution, solution_id))
        with self._ctx.write(by) as session:
            solution = session.get(ProposedSolution, solution_id)
            if solution is None or solution.deleted_at is not None:
                raise NotFound("Cette solution n'existe plus dans le dossier.")
            if status not in self._TRANSITIONS[solution.status]:
                raise DomainError(
                    f"La solution est « {solution.status.label.lower()} » : elle ne peut pas passer à "
                    f"« {status.label.lower()} »."
                    + (" Proposez une nouvelle solution si besoin." if not self._TRANSITIONS[solution.status] else "")
                )
            if status is SolutionStatus.STARTED:
                solution.started_on = on
            else:
                if solution.started_on is not None and on < solution.started_on:
                    raise DomainError(
                        f"La date de fin ({format_date(on)}) précède le début ({format_date(solution.started_on)})."
                    )
                solution.ended_on = on
            if status is SolutionStatus.STARTED and solution.youth_answer is not YouthAnswer.ACCEPTED:
                solution.youth_answer = YouthAnswer.ACCEPTED
            solution.status = status
            line = f"{format_date_short(on)} — {status.label}" + (f" : {note.strip()}" if note.strip() else "")
            solution.notes = f"{solution.notes}\n{line}".strip() if solution.notes else line
            return status
