"""The required intake team: missing roles, unexplained absences, and who may hold which role."""

from __future__ import annotations

import pytest

from pac_desktop.domain.enums import ROLE_ORG_KINDS, IntakeRole, OrgKind
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.team import RoleNotAllowed, TeamMember, can_hold, check_staff_can_hold, team_gaps

R = IntakeRole
THREE = frozenset({R.CIO_PSYCHOLOGIST, R.MGI_COUNSELLOR, R.ML_COUNSELLOR})
FOUR = THREE | {R.APPRENTICESHIP_CORRESPONDENT}  # Tarbes


def present(role: IntakeRole, staff_id: str = "staff-fictif") -> TeamMember:
    return TeamMember(role=role, staff_id=staff_id, present=True, absence_reason=None)


def test_complete_team_has_no_gaps() -> None:
    members = [present(R.CIO_PSYCHOLOGIST, "s1"), present(R.MGI_COUNSELLOR, "s2"), present(R.ML_COUNSELLOR, "s3")]
    assert team_gaps(required_roles=THREE, members=members) == []


def test_nobody_chosen_lists_every_role_in_a_stable_order() -> None:
    gaps = team_gaps(required_roles=FOUR, members=[])
    assert gaps == [
        "Rôle « Conseiller d'orientation psychologue (CIO) » : personne n'a encore été choisi.",
        "Rôle « Conseiller technique d'insertion (MGI) » : personne n'a encore été choisi.",
        "Rôle « Conseiller Mission Locale » : personne n'a encore été choisi.",
        "Rôle « Correspondante apprentissage (chambres consulaires) » : personne n'a encore été choisi.",
    ]


def test_tarbes_needs_the_apprenticeship_correspondent() -> None:
    members = [present(R.CIO_PSYCHOLOGIST), present(R.MGI_COUNSELLOR), present(R.ML_COUNSELLOR)]
    gaps = team_gaps(required_roles=FOUR, members=members)
    assert len(gaps) == 1 and "Correspondante apprentissage" in gaps[0]


def test_a_role_slot_without_a_person_is_not_chosen() -> None:
    members = [
        TeamMember(role=R.CIO_PSYCHOLOGIST, staff_id=None, present=True, absence_reason=None),
        present(R.MGI_COUNSELLOR),
        present(R.ML_COUNSELLOR),
    ]
    assert team_gaps(required_roles=THREE, members=members) == [
        "Rôle « Conseiller d'orientation psychologue (CIO) » : personne n'a encore été choisi."
    ]


@pytest.mark.parametrize(("reason", "gap"), [(None, True), ("", True), ("   ", True), ("Arrêt maladie", False)])
def test_absent_member_needs_a_reason(reason: str | None, gap: bool) -> None:
    members = [
        TeamMember(role=R.CIO_PSYCHOLOGIST, staff_id="s1", present=False, absence_reason=reason),
        present(R.MGI_COUNSELLOR),
        present(R.ML_COUNSELLOR),
    ]
    gaps = team_gaps(required_roles=THREE, members=members)
    if gap:
        assert gaps == [
            "Rôle « Conseiller d'orientation psychologue (CIO) » : la personne choisie est absente ; "
            "indiquez la raison de son absence."
        ]
    else:
        assert gaps == []


def test_one_present_member_covers_the_role_even_if_another_is_absent() -> None:
    members = [
        TeamMember(role=R.ML_COUNSELLOR, staff_id="s1", present=False, absence_reason=None),
        present(R.ML_COUNSELLOR, "s2"),
        present(R.CIO_PSYCHOLOGIST),
        present(R.MGI_COUNSELLOR),
    ]
    assert team_gaps(required_roles=THREE, members=members) == []


def test_members_in_roles_not_required_are_ignored() -> None:
    members = [present(R.CIO_PSYCHOLOGIST), present(R.MGI_COUNSELLOR), present(R.ML_COUNSELLOR)]
    members.append(TeamMember(role=R.APPRENTICESHIP_CORRESPONDENT, staff_id="s9", present=False, absence_reason=None))
    assert team_gaps(required_roles=THREE, members=members) == []


@pytest.mark.parametrize(("role", "kind"), [(r, k) for r, kinds in ROLE_ORG_KINDS.items() for k in sorted(kinds)])
def test_staff_of_the_right_organisation_can_hold_the_role(role: IntakeRole, kind: OrgKind) -> None:
    assert can_hold(role, kind)
    check_staff_can_hold(role, kind)


@pytest.mark.parametrize(("role", "kind"), [(r, k) for r in IntakeRole for k in OrgKind if k not in ROLE_ORG_KINDS[r]])
def test_staff_of_another_organisation_cannot(role: IntakeRole, kind: OrgKind) -> None:
    assert not can_hold(role, kind)
    with pytest.raises(RoleNotAllowed) as caught:
        check_staff_can_hold(role, kind)
    assert isinstance(caught.value, DomainError)
    assert f"« {role.label} »" in str(caught.value)
    assert f"« {kind.label} »" in str(caught.value)


def test_role_refusal_message() -> None:
    with pytest.raises(RoleNotAllowed) as caught:
        check_staff_can_hold(R.ML_COUNSELLOR, OrgKind.CIO)
    assert str(caught.value) == (
        "Le rôle « Conseiller Mission Locale » revient à une personne de « Mission Locale » ou "
        "« Antenne de Mission Locale ». Cette personne dépend d'un organisme de type "
        "« Centre d'information et d'orientation » : choisissez quelqu'un d'autre."
    )
