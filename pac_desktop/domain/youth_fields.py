"""The youth's fields, one table and one rule per question (issue 11).

Every entry point that writes a youth's identity asks this module: the intake's autosave, the case file's
identity form, ``create_youth``, the server's checks of what devices push and a future import of lists. So a
name, an e-mail, a postcode or a birth date gets one verdict, in the same French words, wherever it is typed.

Pure standard library (the server imports it too). The maximum lengths match the columns of ``youth``
(a test compares them with ``storage.models.Youth``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from .eligibility import age_on
from .enums import Sex
from .errors import DomainError
from .french import PARIS, DateParseError, format_date, format_phone, parse_date_fr

#: A plausible age for a youth of the programme, on the day the birth date is typed (16–25, with margin).
MIN_PLAUSIBLE_AGE = 10
MAX_PLAUSIBLE_AGE = 30

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# A French postcode: five digits, the first two a department (01–95, 97/98 overseas; 20 is Corsica's 2A/2B).
_POSTCODE = re.compile(r"(?:0[1-9]|[1-8]\d|9[0-8])\d{3}", re.ASCII)
_YES = frozenset({"oui", "o", "true", "1", "vrai"})
_NO = frozenset({"non", "n", "false", "0", "faux"})


class FieldKind(Enum):
    NAME = "name"  # text, spaces collapsed
    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    DATE = "date"
    BIRTH_DATE = "birth_date"
    YES_NO = "yes_no"  # empty is "no"
    YES_NO_UNKNOWN = "yes_no_unknown"  # empty is "not known yet"
    SEX = "sex"


@dataclass(frozen=True)
class YouthField:
    name: str  # the column of ``youth``
    label: str  # as the forms and the messages say it
    kind: FieldKind
    max_length: int | None = None
    required: bool = False


def _table() -> dict[str, YouthField]:
    f, k = YouthField, FieldKind
    fields = [
        f("first_name", "Prénom", k.NAME, 80, required=True),
        f("last_name", "Nom", k.NAME, 80, required=True),
        f("birth_date", "Date de naissance", k.BIRTH_DATE, required=True),
        f("sex", "Sexe", k.SEX),
        f("phone", "Téléphone", k.PHONE, 30),
        f("email", "Courriel", k.EMAIL, 200),
        f("address", "Adresse", k.TEXT, 200),
        f("postcode", "Code postal", k.POSTCODE, 10),
        f("town", "Commune", k.NAME, 120),
        f("lives_in_priority_area", "Habite un quartier prioritaire", k.YES_NO),
        f("newly_arrived", "Nouvellement arrivé en France", k.YES_NO),
        f("left_school_on", "Date de sortie du système scolaire", k.DATE),
        f("last_class", "Dernière classe suivie", k.TEXT, 120),
        f("has_qualification", "A une qualification", k.YES_NO_UNKNOWN),
        f("followed_by_structure", "Déjà suivi par une structure", k.YES_NO_UNKNOWN),
    ]
    return {field.name: field for field in fields}


#: Every field of the youth that people type, in the order of the forms.
YOUTH_FIELDS: dict[str, YouthField] = _table()

#: A legal guardian's fields (the case file's guardian form), checked by the same rules.
GUARDIAN_FIELDS: dict[str, YouthField] = {
    field.name: field
    for field in (
        YouthField("full_name", "Représentant légal : nom", FieldKind.NAME, 160, required=True),
        YouthField("relationship", "Représentant légal : lien", FieldKind.TEXT, 80),
        YouthField("phone", "Représentant légal : téléphone", FieldKind.PHONE, 30),
        YouthField("email", "Représentant légal : courriel", FieldKind.EMAIL, 200),
    )
}


def paris_today() -> date:
    return datetime.now(PARIS).date()


def clean_youth_field(name: str, value: Any, *, today: date | None = None) -> Any:
    """The value as the column stores it (dates parsed, spaces tidied, phone in pairs, ``None`` for empty);
    a DomainError in French when it is not acceptable. ``today``: Paris's, unless given."""
    field = YOUTH_FIELDS.get(name)
    if field is None:
        raise DomainError(f"Le champ « {name} » n'existe pas dans le dossier d'un jeune.")
    return clean_field(field, value, today=today)


def clean_guardian_field(name: str, value: Any, *, today: date | None = None) -> Any:
    """The same, for a legal guardian's fields."""
    return clean_field(GUARDIAN_FIELDS[name], value, today=today)


def clean_field(field: YouthField, value: Any, *, today: date | None = None) -> Any:
    label = field.label
    if isinstance(value, str) and not value.strip():
        value = None
    if value is None:
        if field.required:
            raise DomainError(f"« {label} » ne peut pas rester vide.")
        return False if field.kind is FieldKind.YES_NO else None
    kind = field.kind
    if kind in (FieldKind.YES_NO, FieldKind.YES_NO_UNKNOWN):
        if isinstance(value, str):
            lowered = value.strip().casefold()
            if lowered in _YES | _NO:
                return lowered in _YES
        if not isinstance(value, bool):
            raise DomainError(f"« {label} » attend oui ou non.")
        return value
    if kind is FieldKind.SEX:
        try:
            return value if isinstance(value, Sex) else Sex(value)
        except ValueError:
            choices = ", ".join(s.label for s in Sex)
            raise DomainError(f"« {label} » : valeur inconnue. Choix possibles : {choices}.") from None
    if kind in (FieldKind.DATE, FieldKind.BIRTH_DATE):
        return _clean_date(field, value, today or paris_today())
    if not isinstance(value, str):
        raise DomainError(f"« {label} » attend du texte.")
    text = value.strip()
    if kind is FieldKind.NAME:
        text = " ".join(text.split())
    if field.max_length is not None and len(text) > field.max_length:
        raise DomainError(f"« {label} » est trop long : {field.max_length} caractères au plus.")
    if kind is FieldKind.EMAIL and not _EMAIL.fullmatch(text):
        raise DomainError(f"{label} : « {text} » n'est pas une adresse valide (exemple : prenom.nom@exemple.fr).")
    if kind is FieldKind.POSTCODE and not _POSTCODE.fullmatch(text):
        raise DomainError(f"{label} : « {text} » n'est pas un code postal français (cinq chiffres, exemple : 65000).")
    if kind is FieldKind.PHONE:
        text = format_phone(text)
        if len(text) > field.max_length:  # type: ignore[operator]
            raise DomainError(f"« {label} » est trop long : {field.max_length} caractères au plus.")
    return text


def _clean_date(field: YouthField, value: Any, today: date) -> date:
    label = field.label
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = parse_date_fr(value)
        except DateParseError as error:
            raise DomainError(f"{label} : {error}") from None
    elif not isinstance(value, date):
        raise DomainError(f"« {label} » attend une date (JJ/MM/AAAA).")
    if value > today:
        raise DomainError(f"{label} : le {format_date(value)} est dans le futur. Vérifiez la date.")
    if field.kind is FieldKind.BIRTH_DATE:
        age = age_on(value, today)
        if not MIN_PLAUSIBLE_AGE <= age <= MAX_PLAUSIBLE_AGE:
            raise DomainError(
                f"Date de naissance : avec le {format_date(value)}, le jeune aurait {age} ans. Vérifiez l'année."
            )
    return value


def check_youth_field(name: str, value: Any, *, today: date | None = None) -> str | None:
    """The French message saying what is wrong with this value, or None when it is acceptable."""
    field = YOUTH_FIELDS.get(name)
    if field is None:
        return f"Le champ « {name} » n'existe pas dans le dossier d'un jeune."
    return clean_problem(field, value, today=today)


def clean_problem(field: YouthField, value: Any, *, today: date | None = None) -> str | None:
    """The French message of :func:`clean_field`'s refusal of this value, or None when it is acceptable."""
    try:
        clean_field(field, value, today=today)
    except DomainError as error:
        return str(error)
    return None


def youth_field_label(name: str) -> str:
    field = YOUTH_FIELDS.get(name)
    return field.label if field else name
