"""Referent caseload cap: 50 by default, refusals in French, administrator overrides with a reason."""

from __future__ import annotations

import pytest

from pac_desktop.domain.caseload import (
    DEFAULT_CASELOAD_CAP,
    CapCheck,
    CaseloadCapReached,
    InvalidCaseloadCap,
    caseload_label,
    check_designation,
    validate_cap,
)
from pac_desktop.domain.errors import DomainError

REFERENT = "Mme Exemple-Fictive"


def test_default_cap_is_50() -> None:
    assert DEFAULT_CASELOAD_CAP == 50


@pytest.mark.parametrize("current", [0, 1, 32, 49])
def test_under_the_cap_is_allowed(current: int) -> None:
    check = check_designation(referent_name=REFERENT, current_caseload=current, cap=50)
    assert check == CapCheck(allowed=True, over_cap=False, override_reason=None)


def test_under_the_cap_ignores_an_override_reason() -> None:
    check = check_designation(
        referent_name=REFERENT, current_caseload=10, cap=50, override_reason="Une raison", overridden_by_admin=True
    )
    assert check.over_cap is False and check.override_reason is None


def test_at_the_cap_is_refused_with_the_french_message() -> None:
    with pytest.raises(CaseloadCapReached) as caught:
        check_designation(referent_name=REFERENT, current_caseload=50, cap=50)
    assert isinstance(caught.value, DomainError)
    assert str(caught.value) == (
        "Mme Exemple-Fictive suit déjà 50 jeunes sur 50 : le plafond est atteint. Choisissez un autre référent, "
        "ou demandez à un administrateur de dépasser le plafond en indiquant la raison."
    )


def test_over_the_cap_is_refused() -> None:
    with pytest.raises(CaseloadCapReached, match="52 jeunes, au-delà du plafond de 50"):
        check_designation(referent_name=REFERENT, current_caseload=52, cap=50)


def test_cap_of_one() -> None:
    with pytest.raises(CaseloadCapReached, match="suit déjà 1 jeune sur 1 : le plafond est atteint"):
        check_designation(referent_name=REFERENT, current_caseload=1, cap=1)


@pytest.mark.parametrize("reason", ["Urgence : ", None, "", "          "])
def test_admin_override_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(CaseloadCapReached, match="au moins 10 caractères"):
        check_designation(
            referent_name=REFERENT, current_caseload=50, cap=50, override_reason=reason, overridden_by_admin=True
        )


def test_a_reason_without_admin_is_refused() -> None:
    with pytest.raises(CaseloadCapReached, match="demandez à un administrateur"):
        check_designation(
            referent_name=REFERENT,
            current_caseload=50,
            cap=50,
            override_reason="Fratrie déjà suivie par ce référent",
            overridden_by_admin=False,
        )


@pytest.mark.parametrize("current", [50, 51, 120])
def test_admin_override_with_reason_is_allowed_and_marked(current: int) -> None:
    check = check_designation(
        referent_name=REFERENT,
        current_caseload=current,
        cap=50,
        override_reason="  Fratrie déjà suivie par ce référent  ",
        overridden_by_admin=True,
    )
    assert check == CapCheck(allowed=True, over_cap=True, override_reason="Fratrie déjà suivie par ce référent")


def test_override_reason_counts_non_blank_characters() -> None:
    with pytest.raises(CaseloadCapReached):
        check_designation(
            referent_name=REFERENT,
            current_caseload=50,
            cap=50,
            override_reason="a b c d e f g h i",
            overridden_by_admin=True,
        )
    check = check_designation(
        referent_name=REFERENT, current_caseload=50, cap=50, override_reason="abcdefghij", overridden_by_admin=True
    )
    assert check.over_cap


def test_negative_caseload_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_designation(referent_name=REFERENT, current_caseload=-1, cap=50)


@pytest.mark.parametrize("cap", [1, 50, 100, 200])
def test_valid_caps(cap: int) -> None:
    assert validate_cap(cap) == cap


@pytest.mark.parametrize("cap", [0, -5, 201, 1000, True, 50.0, "50"])
def test_invalid_caps(cap: object) -> None:
    with pytest.raises(InvalidCaseloadCap, match="entre 1 et 200"):
        validate_cap(cap)  # type: ignore[arg-type]


def test_check_designation_validates_the_cap() -> None:
    with pytest.raises(InvalidCaseloadCap):
        check_designation(referent_name=REFERENT, current_caseload=0, cap=0)


@pytest.mark.parametrize(("n", "cap", "label"), [(32, 50, "32 / 50"), (0, 50, "0 / 50"), (51, 50, "51 / 50")])
def test_caseload_label(n: int, cap: int, label: str) -> None:
    assert caseload_label(n, cap) == label
