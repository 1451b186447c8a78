"""One value against its field's rule (pac_desktop.sync.field_rules): the server checks every pushed value with
it, and the desktop every pulled one (a row that does not fit is quarantined, never half-written). The French
reasons name what is wrong, never the value itself (values are personal data)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from .field_rules import FIELDS, F, Kind

#: The widest integer a desktop's column holds without surprise (SQLite holds more; nobody needs more).
INT_RANGE = (-(2**31), 2**31 - 1)
#: Longest free text without a declared length (the wire's own limit on one value).
TEXT_LIMIT = 100_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def value_problem(rule: F, value: Any) -> str | None:
    """What is wrong with one value for its field, in French (None when it fits); never quotes the value."""
    if value is None:
        return None if rule.null else "une valeur est obligatoire"
    if isinstance(value, float) and not math.isfinite(value):
        return "la valeur n'est pas un nombre (NaN ou infini)"
    if rule.kind is Kind.BOOL:
        return None if isinstance(value, bool) else "la valeur doit être oui ou non"
    if rule.kind is Kind.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return "la valeur doit être un nombre entier"
        return None if INT_RANGE[0] <= value <= INT_RANGE[1] else "le nombre est hors des limites"
    if not isinstance(value, str):
        return "la valeur doit être un texte"
    if not is_valid_text(value):
        return "le texte contient des caractères invalides"
    if rule.kind is Kind.TEXT:
        limit = rule.max_length or TEXT_LIMIT
        return None if len(value) <= limit else f"le texte dépasse {limit} caractères"
    if rule.kind is Kind.ENUM:
        return None if value in rule.choices else "la valeur ne fait pas partie des choix possibles"
    if rule.kind is Kind.DATE:
        try:
            if _DATE.match(value):
                date.fromisoformat(value)
                return None
        except ValueError:
            pass
        return "la valeur n'est pas une date (AAAA-MM-JJ)"
    # Kind.DATETIME
    try:
        if len(value) <= 40:
            datetime.fromisoformat(value)
            return None
    except ValueError:
        pass
    return "la valeur n'est pas une date et heure"


def is_valid_text(value: str) -> bool:
    """No NUL (PostgreSQL refuses it) and no lone surrogate (not Unicode: no database or file can store it)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_safe_scalar(value: Any) -> bool:
    """A value that can be stored and sent back as JSON anywhere (a base value the server only compares)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return is_valid_text(value) and len(value) <= TEXT_LIMIT
    return value is None or isinstance(value, bool | int)


def row_problem(entity: str, data: dict[str, Any]) -> str | None:
    """What is wrong with a row's values as the server sent them (None when every known field fits). Fields this
    version does not know are left to the codec, which ignores them (a newer schema, SYNC.md §6)."""
    rules = FIELDS.get(entity)
    if rules is None:
        return "type de donnée inconnu de cette version"
    for name, value in data.items():
        rule = rules.get(name)
        if rule is None:
            continue
        problem = value_problem(rule, value)
        if problem is not None:
            return f"champ « {name} », {problem}"
    return None
