"""The intake state machine: every pair of states, allowed or refused with a French message."""

from __future__ import annotations

import itertools

import pytest

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.intake_state import (
    FINAL_STATES,
    OPEN_STATES,
    InvalidTransition,
    allowed_transitions,
    is_final,
    is_open,
    transition,
)

S = IntakeState

ALLOWED: set[tuple[IntakeState, IntakeState]] = {
    (S.PLANNED, S.STAGE_1),
    (S.STAGE_1, S.STAGE_2),
    (S.STAGE_2, S.VALIDATED),
    (S.STAGE_2, S.STAGE_1),
    (S.PLANNED, S.CANCELLED),
    (S.STAGE_1, S.CANCELLED),
    (S.STAGE_2, S.CANCELLED),
    (S.PLANNED, S.NO_SHOW),
}
ALL_PAIRS = list(itertools.product(IntakeState, IntakeState))


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_transitions(current: IntakeState, target: IntakeState) -> None:
    assert transition(current, target) is target
    assert target in allowed_transitions(current)


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_every_other_transition_is_refused_in_french(current: IntakeState, target: IntakeState) -> None:
    assert target not in allowed_transitions(current)
    with pytest.raises(InvalidTransition) as caught:
        transition(current, target)
    assert isinstance(caught.value, DomainError)
    message = str(caught.value)
    assert f"« {current.label} »" in message
    assert not any(s.value in message for s in IntakeState)  # labels, never stored identifiers


def test_allowed_transitions_is_a_frozenset_for_every_state() -> None:
    for state in IntakeState:
        assert isinstance(allowed_transitions(state), frozenset)


@pytest.mark.parametrize("state", list(IntakeState))
def test_open_and_final_are_complementary(state: IntakeState) -> None:
    assert is_open(state) is not is_final(state)


def test_final_and_open_states() -> None:
    assert FINAL_STATES == {S.VALIDATED, S.CANCELLED, S.NO_SHOW}
    assert OPEN_STATES == {S.PLANNED, S.STAGE_1, S.STAGE_2}
    assert all(allowed_transitions(s) == frozenset() for s in FINAL_STATES)


def test_validated_intake_is_locked_and_points_to_amendments() -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(S.VALIDATED, S.STAGE_2)
    assert str(caught.value) == (
        "Impossible de passer l'accueil de l'état « Validé » à l'état « Étape 2 : propositions ». "
        "Un accueil validé est verrouillé : pour le corriger, ajoutez un avenant."
    )


def test_skipping_a_stage_lists_the_possible_next_states() -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(S.PLANNED, S.VALIDATED)
    assert str(caught.value) == (
        "Impossible de passer l'accueil de l'état « Planifié » à l'état « Validé ». Depuis cet état, l'accueil "
        "peut passer à : « Étape 1 : analyse partagée », « Annulé », « Jeune absent »."
    )


def test_same_state_is_not_a_transition() -> None:
    with pytest.raises(InvalidTransition, match="déjà à l'état « Étape 1 : analyse partagée »"):
        transition(S.STAGE_1, S.STAGE_1)


@pytest.mark.parametrize(("state", "words"), [(S.CANCELLED, "annulé"), (S.NO_SHOW, "ne s'est pas présenté")])
def test_cancelled_and_no_show_suggest_a_new_intake(state: IntakeState, words: str) -> None:
    with pytest.raises(InvalidTransition, match=words) as caught:
        transition(state, S.STAGE_1)
    assert "planifiez un nouvel accueil" in str(caught.value)


def test_a_full_intake_with_a_step_back() -> None:
    state = S.PLANNED
    for target in (S.STAGE_1, S.STAGE_2, S.STAGE_1, S.STAGE_2, S.VALIDATED):
        state = transition(state, target)
    assert state is S.VALIDATED and is_final(state)
