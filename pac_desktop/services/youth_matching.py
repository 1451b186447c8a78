"""Duplicate detection for youths: fuzzy names (rapidfuzz) on normalised keys, plus birth dates that are equal
or close to the one typed (a digit mistyped, day and month swapped, a few days apart).

The database narrows the field first with indexed lookups (birth_date index, the list search's word condition), so a search
stays fast with 100 000 youths; rapidfuzz then scores the few hundred rows left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz

from pac_desktop.domain.text import normalise

#: At or above this score a candidate is "strong": creating a new file needs an explicit "create anyway".
STRONG_SCORE = 80
#: Below this score a row is not shown at all.
MIN_SCORE = 55
#: Days either side of the typed birth date still counted as "close" (a slip on the calendar).
NEAR_DAYS = 3


class DateRelation(Enum):
    EXACT = "exact"
    SWAPPED = "swapped"  # day and month inverted
    ONE_DIGIT = "one_digit"  # one digit of DD/MM/YYYY differs
    CLOSE = "close"  # a few days apart
    DIFFERENT = "different"
    UNKNOWN = "unknown"  # no birth date typed


# How much a name score is worth given how the birth dates relate.
_DATE_WEIGHT = {
    DateRelation.EXACT: 1.0,
    DateRelation.SWAPPED: 0.92,
    DateRelation.ONE_DIGIT: 0.9,
    DateRelation.CLOSE: 0.9,
    DateRelation.UNKNOWN: 0.85,
    DateRelation.DIFFERENT: 0.6,
}


@dataclass(frozen=True)
class MatchScore:
    score: int
    name_score: int
    date_relation: DateRelation
    reasons: tuple[str, ...]

    @property
    def strong(self) -> bool:
        return self.score >= STRONG_SCORE


@lru_cache(maxsize=8192)
def near_birth_dates(birth_date: date) -> tuple[date, ...]:
    """Every date a hurried typist could have meant: itself, ± a few days, day/month swapped, one digit off.
    Kept for the dates asked again (a list of 20,000 youths holds a few thousand birth dates)."""
    found: set[date] = {birth_date}
    for delta in range(1, NEAR_DAYS + 1):
        found.add(birth_date + timedelta(days=delta))
        found.add(birth_date - timedelta(days=delta))
    if birth_date.day <= 12:
        try:
            found.add(date(birth_date.year, birth_date.day, birth_date.month))
        except ValueError:
            pass
    digits = f"{birth_date.day:02d}{birth_date.month:02d}{birth_date.year:04d}"
    for position, current in enumerate(digits):
        for replacement in "0123456789":
            if replacement == current:
                continue
            text = digits[:position] + replacement + digits[position + 1 :]
            try:
                found.add(date(int(text[4:]), int(text[2:4]), int(text[:2])))
            except ValueError:
                continue
    return tuple(sorted(found))


def date_relation(typed: date | None, stored: date) -> DateRelation:
    if typed is None:
        return DateRelation.UNKNOWN
    if typed == stored:
        return DateRelation.EXACT
    if typed.day <= 12 and (typed.month, typed.day, typed.year) == (stored.day, stored.month, stored.year):
        return DateRelation.SWAPPED
    a = f"{typed.day:02d}{typed.month:02d}{typed.year:04d}"
    b = f"{stored.day:02d}{stored.month:02d}{stored.year:04d}"
    if sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return DateRelation.ONE_DIGIT
    if abs((typed - stored).days) <= NEAR_DAYS:
        return DateRelation.CLOSE
    return DateRelation.DIFFERENT


def name_tokens(name: str) -> list[str]:
    """The normalised words of a name, long enough to narrow a search (≥ 2 letters)."""
    return [t for t in normalise(name).split() if len(t) >= 2]


def score_match(
    *,
    typed_name: str,
    typed_birth_date: date | None,
    first_name: str,
    last_name: str,
    birth_date: date,
    typed_key: str | None = None,
    first_key: str | None = None,
    last_key: str | None = None,
    at_least: int | None = None,
) -> MatchScore | None:
    """How likely the stored youth is the person typed, 0–100, with the reasons in French.

    The ``*_key`` arguments are the normalised texts when the caller has them already (the store keeps
    ``first_name_key`` and ``last_name_key``): scoring hundreds of rows then normalises nothing again.
    ``at_least``: the caller only wants a score of at least this much (a list's import wants the strong ones):
    None comes back, cheaply, for a youth who cannot reach it; a score that does is the same as without it.
    """
    query = typed_key if typed_key is not None else normalise(typed_name)
    first_key = first_key if first_key is not None else normalise(first_name)
    last_key = last_key if last_key is not None else normalise(last_name)
    stored = f"{first_key} {last_key}".strip()
    relation = date_relation(typed_birth_date, birth_date)
    weight = _DATE_WEIGHT[relation]
    part_cutoff = 0.0
    if at_least is not None:
        # round(round(best) * weight) >= at_least needs best >= (at_least - 0.5) / weight - 0.5; first and last
        # names combine by a geometric mean of scores out of 100, so each part needs at least best² / 100.
        least = (at_least - 0.5) / weight - 0.5
        if least > 100:
            return None
        part_cutoff = max(0.0, least * least / 100 - 0.01)
    name_score, swapped = _name_score(query, first_key, last_key, part_cutoff)
    score = round(name_score * weight)
    if at_least is not None and score < at_least:
        return None

    reasons: list[str] = []
    if query == stored:
        raw = " ".join(typed_name.split())
        same_raw = raw == " ".join(f"{first_name} {last_name}".split())
        reasons.append(
            "Même prénom et même nom" if same_raw else "Même prénom et même nom, aux accents, majuscules ou tirets près"
        )
    elif swapped and name_score == 100:
        reasons.append("Même prénom et même nom, mais inversés")
    elif swapped and name_score >= 85:
        reasons.append(f"Nom très proche, prénom et nom inversés (ressemblance {name_score} %)")
    elif name_score >= 85:
        reasons.append(f"Nom très proche (ressemblance {name_score} %)")
    else:
        reasons.append(f"Nom assez proche (ressemblance {name_score} %)")
    reasons.append(
        {
            DateRelation.EXACT: "même date de naissance",
            DateRelation.SWAPPED: "date de naissance proche (jour et mois inversés)",
            DateRelation.ONE_DIGIT: "date de naissance proche (un chiffre diffère)",
            DateRelation.CLOSE: "date de naissance proche (quelques jours d'écart)",
            DateRelation.DIFFERENT: "date de naissance différente : peut-être un homonyme",
            DateRelation.UNKNOWN: "date de naissance non précisée dans la recherche",
        }[relation]
    )
    return MatchScore(score=score, name_score=name_score, date_relation=relation, reasons=tuple(reasons))


def _part_score(typed: str, stored: str, cutoff: float = 0.0) -> float:
    """Likeness of one part (first names, or last names): a compound name given in part counts as close.
    Below ``cutoff``, 0 (rapidfuzz stops early)."""
    if typed == stored or typed.replace(" ", "") == stored.replace(" ", ""):  # "ndiaye" is « N'Diaye »
        return 100.0
    typed_words, stored_words = set(typed.split()), set(stored.split())
    if typed_words and stored_words and (typed_words <= stored_words or stored_words <= typed_words):
        return 95.0
    if len(typed) >= 3 and stored.replace(" ", "").startswith(typed.replace(" ", "")):  # "oconnor", « O'Connor-Dupont »
        return 95.0
    return fuzz.ratio(typed, stored, score_cutoff=cutoff)


def _name_score(query: str, first_key: str, last_key: str, cutoff: float = 0.0) -> tuple[int, bool]:
    """Best likeness of the typed words to "first last", trying every split of the words and both orders.

    First and last names are scored apart and combined by a geometric mean, so that twins "Léa Martin" and
    "Lucas Martin" (same last name, same birth date) do not look like one person, while a typo or a swap does.
    Returns the score and whether the best reading had first and last names swapped. ``cutoff``: a reading
    whose first-name or last-name part scores below it is not worth finishing (see score_match's ``at_least``).
    """
    words = query.split()
    if len(words) < 2 or not first_key or not last_key:
        # One word: no way to tell first from last name; compare the whole, word order aside.
        return round(fuzz.token_sort_ratio(query, f"{first_key} {last_key}")), False
    best, best_swapped = 0.0, False
    for i in range(1, len(words)):
        head, tail = " ".join(words[:i]), " ".join(words[i:])
        for typed_first, typed_last, swapped in ((head, tail, False), (tail, head, True)):
            first = _part_score(typed_first, first_key, cutoff)
            if cutoff and first < cutoff:
                continue
            score = (first * _part_score(typed_last, last_key, cutoff)) ** 0.5
            if score > best or (score == best and not swapped):
                best, best_swapped = score, swapped
    return round(best), best_swapped


def best_first(scored: Iterable[tuple[MatchScore, object]]) -> list[tuple[MatchScore, object]]:
    return sorted(scored, key=lambda pair: -pair[0].score)
