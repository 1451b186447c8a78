"""The training obligation of 16–18-year-olds (« obligation de formation », Code de l'éducation L. 114-1).

From their 16th birthday to their 18th, a youth must be in school or training, employed, in civic service or in a
support programme. The Mission Locale follows up the minors "without solution". The situation is *recorded* by a
counsellor (what they know), with the date it started and who recorded it; the app *suggests* one from what the
file already holds (a started solution, the last outcome, the date the youth left school), never decides it.

Pure rules: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .eligibility import age_on, birthday_of_age
from .enums import LabelledEnum, OfferCategory, OutcomeSituation
from .french import format_date_short, plural

#: The obligation runs from this birthday…
OBLIGATION_FROM_AGE = 16
#: …until this one (the youth is then an adult and free of it).
OBLIGATION_UNTIL_AGE = 18


class ObligationSituation(LabelledEnum):
    IN_TRAINING = ("in_training", "Scolarisé ou en formation")
    EMPLOYED = ("employed", "En emploi")
    CIVIC_SERVICE = ("civic_service", "En service civique")
    SUPPORT_PROGRAMME = ("support_programme", "Dans un parcours d'accompagnement")
    NO_SOLUTION = ("no_solution", "Sans solution")


def under_obligation(birth_date: date, on: date) -> bool:
    """Whether a youth born on ``birth_date`` is bound by the training obligation on ``on`` (16 ≤ age < 18)."""
    return birth_date <= on and OBLIGATION_FROM_AGE <= age_on(birth_date, on) < OBLIGATION_UNTIL_AGE


def obligation_starts(birth_date: date) -> date:
    return birthday_of_age(birth_date=birth_date, years=OBLIGATION_FROM_AGE)


def obligation_ends(birth_date: date) -> date:
    return birthday_of_age(birth_date=birth_date, years=OBLIGATION_UNTIL_AGE)


def describe(situation: ObligationSituation, since: date) -> str:
    """« Sans solution depuis le 02/09/2026 », « En emploi depuis le 15/10/2026 »."""
    return f"{situation.label} depuis le {format_date_short(since)}"


# --------------------------------------------------------------------------------------------------
# The suggestion made from the file
# --------------------------------------------------------------------------------------------------

_FROM_CATEGORY: dict[OfferCategory, ObligationSituation] = {
    OfferCategory.RETURN_TO_SCHOOL: ObligationSituation.IN_TRAINING,
    OfferCategory.APPRENTICESHIP: ObligationSituation.IN_TRAINING,
    OfferCategory.VOCATIONAL_TRAINING: ObligationSituation.IN_TRAINING,
    OfferCategory.MGI_MODULE: ObligationSituation.SUPPORT_PROGRAMME,
    OfferCategory.CIVIC_SERVICE: ObligationSituation.CIVIC_SERVICE,
    OfferCategory.JOB_SEARCH: ObligationSituation.SUPPORT_PROGRAMME,
    OfferCategory.GUIDANCE: ObligationSituation.SUPPORT_PROGRAMME,
    OfferCategory.BASIC_SKILLS: ObligationSituation.SUPPORT_PROGRAMME,
}

_FROM_OUTCOME: dict[OutcomeSituation, ObligationSituation] = {
    OutcomeSituation.SCHOOL: ObligationSituation.IN_TRAINING,
    OutcomeSituation.APPRENTICESHIP: ObligationSituation.IN_TRAINING,
    OutcomeSituation.TRAINING: ObligationSituation.IN_TRAINING,
    OutcomeSituation.JOB: ObligationSituation.EMPLOYED,
    OutcomeSituation.CIVIC_SERVICE: ObligationSituation.CIVIC_SERVICE,
    OutcomeSituation.ML_FOLLOW_UP: ObligationSituation.SUPPORT_PROGRAMME,
    OutcomeSituation.NO_SOLUTION: ObligationSituation.NO_SOLUTION,
    OutcomeSituation.LOST_CONTACT: ObligationSituation.NO_SOLUTION,
}


@dataclass(frozen=True)
class ObligationFacts:
    """What the file says that bears on the obligation (gathered by the service)."""

    birth_date: date
    left_school_on: date | None = None
    #: Solutions started and not ended: (category, started on).
    started_solutions: tuple[tuple[OfferCategory, date], ...] = ()
    #: The most recent recorded outcome (3/6/12 months or exit): (situation, recorded on).
    last_outcome: tuple[OutcomeSituation, date] | None = None


@dataclass(frozen=True)
class Suggestion:
    situation: ObligationSituation
    since: date
    #: Why, in French: « d'après la solution commencée le 12/09/2026 (Apprentissage) ».
    reason: str


def suggest(facts: ObligationFacts) -> Suggestion | None:
    """The situation the file points to, or None when it says nothing (moved away, nothing known).

    A solution started and still running comes first (it is the most recent fact a referent records), then the
    last outcome recorded, then the day the youth left school (without anything since: without solution). A
    "since" never precedes the 16th birthday: the obligation starts there.
    """
    start = obligation_starts(facts.birth_date)
    running = [(on, category) for category, on in facts.started_solutions if category in _FROM_CATEGORY]
    if running:
        on, category = max(running)
        return Suggestion(_FROM_CATEGORY[category], max(on, start),
                          f"d'après la solution commencée le {format_date_short(on)} ({category.label})")
    if facts.last_outcome is not None:
        outcome, on = facts.last_outcome
        situation = _FROM_OUTCOME.get(outcome)
        if situation is None:
            return None
        return Suggestion(situation, max(on, start),
                          f"d'après la situation notée le {format_date_short(on)} ({outcome.label})")
    if facts.left_school_on is not None:
        return Suggestion(ObligationSituation.NO_SOLUTION, max(facts.left_school_on, start),
                          f"sortie d'école le {format_date_short(facts.left_school_on)}, aucune solution notée depuis")
    return None


# --------------------------------------------------------------------------------------------------
# The list of minors without solution (for the Mission Locale's follow-up)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WithoutSolutionLine:
    youth_id: str
    last_name: str
    first_name: str
    birth_date: date
    age: int
    town: str | None
    phone: str | None
    territory_name: str
    #: Without solution since this day (never before the 16th birthday).
    since: date
    days: int
    #: The obligation ends on the 18th birthday.
    ends_on: date
    #: True when a counsellor recorded it; False when only suggested by the file (to be confirmed).
    confirmed: bool
    #: Who recorded it (or the suggestion's reason when not confirmed).
    source: str
    referent_name: str | None


@dataclass(frozen=True)
class ObligationFigures:
    #: Minors bound by the obligation on the day (16 ≤ age < 18, file alive).
    minors: int
    #: Their recorded situation (the newest record of each).
    recorded: dict[ObligationSituation, int]
    #: Minors with no situation recorded yet.
    not_recorded: int
    #: Among those, the ones the file suggests are without solution.
    suggested_without_solution: int

    @property
    def without_solution(self) -> int:
        """Recorded as without solution, plus suggested so and not recorded: the lines of the list."""
        return self.recorded.get(ObligationSituation.NO_SOLUTION, 0) + self.suggested_without_solution


@dataclass(frozen=True)
class ObligationList:
    territory_id: str | None
    territory_name: str
    on: date
    figures: ObligationFigures
    #: Confirmed by a counsellor first, then to be confirmed; in each, the longest without solution first.
    lines: tuple[WithoutSolutionLine, ...]


def obligation_summary(listing: ObligationList, *, strong: Callable[[str], str] = lambda text: text) -> str:
    """The list's figures in one sentence, the same in the GUI (``strong``: its bold) and at the command line: its
    lines are the confirmed ones (first), then the ones to confirm."""
    f = listing.figures
    confirmed = f.recorded.get(ObligationSituation.NO_SOLUTION, 0)
    to_confirm = f.suggested_without_solution
    recorded = ", ".join(f"{situation.label.lower()} ({f.recorded[situation]})"
                         for situation in ObligationSituation if f.recorded.get(situation))
    text = (f"{strong(f'{listing.territory_name}, au {format_date_short(listing.on)} :')} "
            f"{plural(f.minors, 'mineur')} de 16 à 17 ans ; {strong(f'{f.without_solution} sans solution')} sur "
            "cette liste")
    if confirmed and to_confirm:
        text += (f" : {plural(confirmed, 'confirmé')} par un conseiller, en tête de liste, puis "
                 f"{to_confirm} à confirmer")
    elif to_confirm:
        text += ", tous à confirmer" if to_confirm > 1 else ", à confirmer"
    elif confirmed:
        text += ", tous confirmés par un conseiller" if confirmed > 1 else ", confirmé par un conseiller"
    return text + f". Situation notée : {recorded or 'aucune'} ; non notée : {plural(f.not_recorded, 'mineur')}."
