"""The joint intake's life: planned → stage 1 → stage 2 → validated, or cancelled / no-show.

Going back from stage 2 to stage 1 is allowed until validation. A validated intake is locked: corrections are
recorded as amendments, not by reopening it.
"""

from __future__ import annotations

from datetime import date, datetime
from types import MappingProxyType

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import to_paris

_S = IntakeState

TRANSITIONS: MappingProxyType[IntakeState, frozenset[IntakeState]] = MappingProxyType(
    {
        _S.PLANNED: frozenset({_S.STAGE_1, _S.CANCELLED, _S.NO_SHOW}),
        _S.STAGE_1: frozenset({_S.STAGE_2, _S.CANCELLED}),
        _S.STAGE_2: frozenset({_S.STAGE_1, _S.VALIDATED, _S.CANCELLED}),
        _S.VALIDATED: frozenset(),
        _S.CANCELLED: frozenset(),
        _S.NO_SHOW: frozenset(),
    }
)

FINAL_STATES: frozenset[IntakeState] = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
OPEN_STATES: frozenset[IntakeState] = frozenset(TRANSITIONS) - FINAL_STATES

# Why nothing can follow a final state, and what to do instead.
_FINAL_REASONS: dict[IntakeState, str] = {
    _S.VALIDATED: "Un accueil validé est verrouillé : pour le corriger, ajoutez un avenant.",
    _S.CANCELLED: "Cet accueil a été annulé : planifiez un nouvel accueil si besoin.",
    _S.NO_SHOW: "Le jeune ne s'est pas présenté à cet accueil : planifiez un nouvel accueil si besoin.",
}


class InvalidTransition(DomainError):
    """The intake cannot move from its current state to the one asked for."""


def allowed_transitions(state: IntakeState) -> frozenset[IntakeState]:
    return TRANSITIONS[state]


def is_final(state: IntakeState) -> bool:
    return state in FINAL_STATES


def is_open(state: IntakeState) -> bool:
    return state in OPEN_STATES


def _quoted(state: IntakeState) -> str:
    return f"« {state.label} »"


def transition(current: IntakeState, target: IntakeState) -> IntakeState:
    """Return ``target`` if the move is allowed, else raise InvalidTransition with a French explanation."""
    if target in TRANSITIONS[current]:
        return target
    if current == target:
        raise InvalidTransition(f"L'accueil est déjà à l'état {_quoted(current)}.")
    refused = f"Impossible de passer l'accueil de l'état {_quoted(current)} à l'état {_quoted(target)}."
    if is_final(current):
        raise InvalidTransition(f"{refused} {_FINAL_REASONS[current]}")
    # List the possible next states in the enum's order, so the message is stable.
    possible = ", ".join(_quoted(s) for s in IntakeState if s in TRANSITIONS[current])
    raise InvalidTransition(f"{refused} Depuis cet état, l'accueil peut passer à : {possible}.")


# --------------------------------------------------------------------------------------------------
# "The intake date" and "the youth's intake": one rule each, for the wizard, the case file and every document
# --------------------------------------------------------------------------------------------------

#: An intake that never took place: cancelled, or the youth did not come. It is never "the youth's intake".
NOT_HELD_STATES: frozenset[IntakeState] = frozenset({_S.CANCELLED, _S.NO_SHOW})


def intake_day(*, held_on: date | None, planned_at: datetime | None) -> date | None:
    """The intake date: the day it took place, else the day it is planned for, in Paris time (an intake at
    00:30 on 20 March is on the 20th, although it is still the 19th in UTC). None when neither is known."""
    if held_on is not None:
        return held_on
    if planned_at is not None:
        return to_paris(planned_at).date()
    return None


def counts_as_the_youths_intake(state: IntakeState) -> bool:
    return state not in NOT_HELD_STATES


def youths_intake_order(*, state: IntakeState, day: date | None, updated_at: datetime | None) -> tuple:
    """Sort key of a youth's intakes, the one that counts last: the validated one, then the latest by its date."""
    return (state is _S.VALIDATED, day or date.min, updated_at or datetime.min)
