"""Who the programme is for: aged 16 or more at the intake, out of school for less than 12 months,
without a qualification, and followed by no structure. Each criterion says in French why it is met or not.

Dates follow French civil practice:
- ages: a person born on 29 February becomes a year older on 1 March in non-leap years (the birthday
  "comes" only once 28 February is over);
- months: a period counted in months ends on the same day number, or on the last day of the month when that
  day does not exist (31 January + 1 month = 28 or 29 February), as in article 641 of the Code de procédure civile.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date

MINIMUM_AGE = 16
ADULT_AGE = 18
MONTHS_SINCE_LEAVING = 12
MIN_JUSTIFICATION_CHARS = 20

AGE = "age"
LEFT_SCHOOL_RECENTLY = "left_school_recently"
NO_QUALIFICATION = "no_qualification"
NO_FOLLOW_UP = "no_follow_up"

CRITERION_LABELS: dict[str, str] = {
    AGE: f"{MINIMUM_AGE} ans ou plus à la date de l'accueil",
    LEFT_SCHOOL_RECENTLY: f"Sorti du système scolaire depuis moins de {MONTHS_SINCE_LEAVING} mois",
    NO_QUALIFICATION: "Sorti sans qualification",
    NO_FOLLOW_UP: "Suivi par aucune structure",
}


def age_on(birth_date: date, on: date) -> int:
    """Age in completed years on a date. Born 29 February: one year older on 1 March in non-leap years."""
    if on < birth_date:
        raise ValueError(
            f"La date ({format_date(on)}) est antérieure à la date de naissance ({format_date(birth_date)})."
        )
    # Comparing (month, day) pairs gives the 1 March rule for free: (2, 28) < (2, 29) <= (3, 1).
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def is_adult_on(birth_date: date, on: date) -> bool:
    """True when the person is 18 or more on that date (majeur)."""
    return age_on(birth_date, on) >= ADULT_AGE


def birthday_of_age(*, birth_date: date, years: int) -> date:
    """The date on which a person reaches ``years`` years (29 February → 1 March in non-leap years)."""
    year = birth_date.year + years
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth_date.replace(year=year)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day: 31 Jan + 1 = 28/29 Feb."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class EligibilityFacts:
    """What is known about the youth. ``None`` means "not known yet", never "no"."""

    birth_date: date
    intake_date: date
    left_school_on: date | None
    has_qualification: bool | None
    followed_by_structure: bool | None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion: ``met`` is True, False, or None while a fact is missing; ``explanation`` is French."""

    code: str
    label: str
    met: bool | None
    explanation: str


@dataclass(frozen=True, slots=True)
class Eligibility:
    criteria: tuple[Criterion, ...]

    @property
    def eligible(self) -> bool:
        return all(c.met is True for c in self.criteria)

    @property
    def failed(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.met is False)

    @property
    def unknown(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.met is None)

    def criterion(self, code: str) -> Criterion:
        """The criterion with this code (KeyError if there is none)."""
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(code)


def _criterion(code: str, met: bool | None, explanation: str) -> Criterion:
    return Criterion(code=code, label=CRITERION_LABELS[code], met=met, explanation=explanation)


def _assess_age(facts: EligibilityFacts) -> Criterion:
    birth, intake = facts.birth_date, facts.intake_date
    if birth > intake:
        return _criterion(
            AGE,
            False,
            f"La date de naissance ({format_date(birth)}) est postérieure à la date de l'accueil "
            f"({format_date(intake)}) : vérifiez-la.",
        )
    age = age_on(birth, intake)
    if age >= MINIMUM_AGE:
        return _criterion(AGE, True, f"Le jeune a {age} ans à la date de l'accueil ({format_date(intake)}).")
    sixteenth = birthday_of_age(birth_date=birth, years=MINIMUM_AGE)
    return _criterion(
        AGE,
        False,
        f"Le jeune aura {MINIMUM_AGE} ans le {format_date(sixteenth)}, "
        f"après la date de l'accueil ({format_date(intake)}).",
    )


def _assess_left_school(facts: EligibilityFacts) -> Criterion:
    left, intake = facts.left_school_on, facts.intake_date
    if left is None:
        return _criterion(
            LEFT_SCHOOL_RECENTLY, None, "La date de sortie du système scolaire n'est pas encore renseignée."
        )
    if left > intake:
        return _criterion(
            LEFT_SCHOOL_RECENTLY,
            False,
            f"La date de sortie du système scolaire ({format_date(left)}) est postérieure à la date de l'accueil "
            f"({format_date(intake)}) : vérifiez-la.",
        )
    # "Less than 12 months": on the day 12 months are complete, the youth is no longer eligible.
    limit = add_months(left, MONTHS_SINCE_LEAVING)
    if intake < limit:
        return _criterion(
            LEFT_SCHOOL_RECENTLY,
            True,
            f"Sortie du système scolaire le {format_date(left)} : moins de {MONTHS_SINCE_LEAVING} mois "
            "avant l'accueil.",
        )
    how_long = "exactement" if intake == limit else "plus de"
    return _criterion(
        LEFT_SCHOOL_RECENTLY,
        False,
        f"Sortie du système scolaire le {format_date(left)} : {how_long} {MONTHS_SINCE_LEAVING} mois "
        f"avant l'accueil ({format_date(intake)}).",
    )


def _assess_qualification(facts: EligibilityFacts) -> Criterion:
    if facts.has_qualification is None:
        return _criterion(NO_QUALIFICATION, None, "On ne sait pas encore si le jeune a une qualification.")
    if facts.has_qualification:
        return _criterion(
            NO_QUALIFICATION,
            False,
            "Le jeune a une qualification : le dispositif s'adresse aux jeunes sortis sans qualification.",
        )
    return _criterion(NO_QUALIFICATION, True, "Le jeune n'a pas de qualification.")


def _assess_follow_up(facts: EligibilityFacts) -> Criterion:
    if facts.followed_by_structure is None:
        return _criterion(NO_FOLLOW_UP, None, "On ne sait pas encore si le jeune est suivi par une structure.")
    if facts.followed_by_structure:
        return _criterion(
            NO_FOLLOW_UP,
            False,
            "Le jeune est déjà suivi par une structure : le dispositif s'adresse aux jeunes "
            "inscrits dans aucun système de suivi.",
        )
    return _criterion(NO_FOLLOW_UP, True, "Le jeune n'est suivi par aucune structure.")


def assess_eligibility(facts: EligibilityFacts) -> Eligibility:
    """The four criteria, always in the same order: age, leaving date, qualification, follow-up."""
    return Eligibility(
        criteria=(
            _assess_age(facts),
            _assess_left_school(facts),
            _assess_qualification(facts),
            _assess_follow_up(facts),
        )
    )


class EligibilityRefused(DomainError):
    """The youth does not meet the criteria (or they are not known) and no valid justification was given."""

    def __init__(self, message: str, *, criteria: tuple[Criterion, ...]) -> None:
        super().__init__(message)
        self.criteria = criteria


@dataclass(frozen=True, slots=True)
class EligibilityDecision:
    eligibility: Eligibility
    overridden: bool
    justification: str | None


def _non_blank_length(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _refusal_message(eligibility: Eligibility, *, justification_too_short: bool) -> str:
    if eligibility.failed:
        lines = ["Le jeune ne remplit pas tous les critères du dispositif :"]
    else:
        lines = ["L'éligibilité du jeune n'est pas encore établie :"]
    lines += [f"- {c.label} : non rempli. {c.explanation}" for c in eligibility.failed]
    lines += [f"- {c.label} : à vérifier. {c.explanation}" for c in eligibility.unknown]
    if justification_too_short:
        lines.append(
            f"La justification de la dérogation est trop courte : expliquez en au moins "
            f"{MIN_JUSTIFICATION_CHARS} caractères pourquoi le jeune est accueilli malgré tout."
        )
    else:
        lines.append(
            "Pour l'accueillir malgré tout, écrivez la raison de cette dérogation "
            f"(au moins {MIN_JUSTIFICATION_CHARS} caractères)."
        )
    return "\n".join(lines)


def decide(eligibility: Eligibility, *, override_justification: str | None = None) -> EligibilityDecision:
    """Accept an eligible youth, or an ineligible one only with a written justification (≥ 20 non-blank characters).

    A justification given for an eligible youth is ignored: there is nothing to override.
    """
    if eligibility.eligible:
        return EligibilityDecision(eligibility=eligibility, overridden=False, justification=None)
    blocking = eligibility.failed + eligibility.unknown
    if override_justification is None or not override_justification.strip():
        raise EligibilityRefused(_refusal_message(eligibility, justification_too_short=False), criteria=blocking)
    if _non_blank_length(override_justification) < MIN_JUSTIFICATION_CHARS:
        raise EligibilityRefused(_refusal_message(eligibility, justification_too_short=True), criteria=blocking)
    return EligibilityDecision(eligibility=eligibility, overridden=True, justification=override_justification.strip())
