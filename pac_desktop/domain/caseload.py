"""The referent's caseload cap: at most 50 youths each (about 100 elsewhere), so each one gets time."""

from __future__ import annotations

from dataclasses import dataclass

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import plural

DEFAULT_CASELOAD_CAP = 50
MIN_CAP = 1
MAX_CAP = 200
MIN_OVERRIDE_REASON_CHARS = 10


class CaseloadCapReached(DomainError):
    """The chosen referent already follows as many youths as the cap allows."""


class InvalidCaseloadCap(DomainError):
    """An administrator typed a cap outside the allowed range."""


@dataclass(frozen=True, slots=True)
class CapCheck:
    """A designation that may go ahead; ``over_cap`` with ``override_reason`` when an administrator allowed it."""

    allowed: bool
    over_cap: bool
    override_reason: str | None


def validate_cap(cap: int) -> int:
    """Return the cap if it is a whole number between 1 and 200, else raise InvalidCaseloadCap."""
    if isinstance(cap, bool) or not isinstance(cap, int) or not MIN_CAP <= cap <= MAX_CAP:
        raise InvalidCaseloadCap(
            f"Le plafond doit être un nombre entier de jeunes entre {MIN_CAP} et {MAX_CAP} "
            f"(le dispositif prévoit {DEFAULT_CASELOAD_CAP})."
        )
    return cap


def caseload_label(n: int, cap: int) -> str:
    """The caseload against the cap, "32 / 50"."""
    return f"{n} / {cap}"


def _non_blank_length(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def check_designation(
    *,
    referent_name: str,
    current_caseload: int,
    cap: int,
    override_reason: str | None = None,
    overridden_by_admin: bool = False,
) -> CapCheck:
    """Allow the designation under the cap; at or over it, only an administrator's override with a reason.

    ``overridden_by_admin`` is the caller's statement that the logged-in user is an administrator:
    the role itself is checked by the service, not here. Raises CaseloadCapReached when refused.
    """
    validate_cap(cap)
    if current_caseload < 0:
        raise ValueError("current_caseload cannot be negative")
    if current_caseload < cap:
        return CapCheck(allowed=True, over_cap=False, override_reason=None)
    reason = (override_reason or "").strip()
    if overridden_by_admin and _non_blank_length(reason) >= MIN_OVERRIDE_REASON_CHARS:
        return CapCheck(allowed=True, over_cap=True, override_reason=reason)
    if current_caseload == cap:
        situation = f"{referent_name} suit déjà {plural(current_caseload, 'jeune')} sur {cap} : le plafond est atteint."
    else:
        situation = (
            f"{referent_name} suit déjà {plural(current_caseload, 'jeune')}, "
            f"au-delà du plafond de {cap} : le plafond est dépassé."
        )
    if overridden_by_admin:
        remedy = f"Pour dépasser le plafond, indiquez la raison en au moins {MIN_OVERRIDE_REASON_CHARS} caractères."
    else:
        remedy = (
            "Choisissez un autre référent, ou demandez à un administrateur de dépasser le plafond "
            "en indiquant la raison."
        )
    raise CaseloadCapReached(f"{situation} {remedy}")
