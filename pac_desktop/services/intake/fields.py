"""The fields the wizard autosaves: which row and column each key writes, and how a typed value is coerced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import TypeDecorator

from pac_desktop.domain.enums import (
    LabelledEnum,
    ReferralSource,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import PARIS, format_date, format_date_short, format_datetime, parse_date_fr
from pac_desktop.domain.youth_fields import clean_youth_field
from pac_desktop.storage.base import new_id
from pac_desktop.storage.lookups import live_youth
from pac_desktop.storage.models import (
    JointIntake,
    Organisation,
    Referral,
    Staff,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from .rows import _intake_date

# --------------------------------------------------------------------------------------------------
# The fields the wizard autosaves
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    key: str
    model: type
    attr: str
    label: str
    required: bool = False
    affects_eligibility: bool = False


def _fields() -> dict[str, _Field]:
    f = _Field
    specs = [
        f("youth.first_name", Youth, "first_name", "Prénom", required=True),
        f("youth.last_name", Youth, "last_name", "Nom", required=True),
        f("youth.birth_date", Youth, "birth_date", "Date de naissance", required=True, affects_eligibility=True),
        f("youth.sex", Youth, "sex", "Sexe"),
        f("youth.phone", Youth, "phone", "Téléphone"),
        f("youth.email", Youth, "email", "Courriel"),
        f("youth.address", Youth, "address", "Adresse"),
        f("youth.postcode", Youth, "postcode", "Code postal"),
        f("youth.town", Youth, "town", "Commune"),
        f("youth.lives_in_priority_area", Youth, "lives_in_priority_area", "Habite un quartier prioritaire"),
        f("youth.newly_arrived", Youth, "newly_arrived", "Nouvellement arrivé en France"),
        f("youth.last_class", Youth, "last_class", "Dernière classe suivie"),
        f(
            "youth.left_school_on",
            Youth,
            "left_school_on",
            "Date de sortie du système scolaire",
            affects_eligibility=True,
        ),
        f("youth.has_qualification", Youth, "has_qualification", "A une qualification", affects_eligibility=True),
        f(
            "youth.followed_by_structure",
            Youth,
            "followed_by_structure",
            "Déjà suivi par une structure",
            affects_eligibility=True,
        ),
        f("intake.host_organisation_id", JointIntake, "host_organisation_id", "Structure d'accueil"),
        f("intake.planned_at", JointIntake, "planned_at", "Date prévue de l'accueil", affects_eligibility=True),
        f("intake.held_on", JointIntake, "held_on", "Date de l'accueil", affects_eligibility=True),
        f("intake.youth_present", JointIntake, "youth_present", "Jeune présent", required=True),
        f("intake.shared_diagnosis", JointIntake, "shared_diagnosis", "Diagnostic partagé"),
        f("intake.diagnosis_agreed", JointIntake, "diagnosis_agreed", "Diagnostic approuvé par tous", required=True),
        f("intake.next_appointment_at", JointIntake, "next_appointment_at", "Date du prochain rendez-vous"),
        f("intake.next_appointment_place", JointIntake, "next_appointment_place", "Lieu du prochain rendez-vous"),
        f("intake.next_appointment_staff_id", JointIntake, "next_appointment_staff_id", "Prochain rendez-vous avec"),
        f(
            "intake.eligibility_justification",
            JointIntake,
            "eligibility_justification",
            "Justification de la dérogation",
            affects_eligibility=True,
        ),
        f("referral.source", Referral, "source", "Orienté par", required=True),
        f("referral.referred_on", Referral, "referred_on", "Date du repérage", required=True),
        f("referral.referrer_name", Referral, "referrer_name", "Nom du prescripteur"),
        f("referral.referrer_structure", Referral, "referrer_structure", "Structure du prescripteur"),
        f("referral.organisation_id", Referral, "organisation_id", "Structure qui a orienté le jeune"),
        f("referral.notes", Referral, "notes", "Remarques sur le repérage"),
    ]
    return {spec.key: spec for spec in specs}


FIELDS: dict[str, _Field] = _fields()
#: Every field save_field() and amend() accept.
EDITABLE_FIELDS: frozenset[str] = frozenset(FIELDS)


#: Amended rows other than the intake's own fields (and the bare column names older amendments recorded).
_OTHER_LABELS = {
    "referent": "Référent unique",
    "solution": "Solution proposée",
    "youth_answer": "Réponse du jeune",
    "eligibility_overridden": "Dérogation aux critères",
}


def field_label(key: str) -> str:
    """A field's words (« Diagnostic partagé »), whether the key names it whole (``intake.shared_diagnosis``) or
    by its column only (``shared_diagnosis``)."""
    spec = FIELDS.get(key) or FIELDS.get(f"intake.{key}")
    if spec is not None:
        return spec.label
    return _OTHER_LABELS.get(key, key)


def _coerce(session: LocalSession, spec: _Field, value: Any, *, today: date | None = None) -> Any:
    """The value typed, as the column stores it; a French DomainError when it cannot be.

    The youth's fields follow domain.youth_fields, the one rule of every entry point (issue 11)."""
    if spec.model is Youth:
        return clean_youth_field(spec.attr, value, today=today)
    column = spec.model.__table__.c[spec.attr]
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    python_type = column_type.python_type
    if isinstance(value, str) and python_type is not str and not value.strip():
        value = None
    if isinstance(value, str) and python_type is str and column.nullable and not value.strip():
        value = None
    if value is None:
        if spec.required or not column.nullable:
            if python_type is str and not spec.required:
                return ""
            raise DomainError(f"« {spec.label} » ne peut pas rester vide.")
        return None
    if python_type is date:
        if isinstance(value, datetime):
            value = value.date()
        elif isinstance(value, str):
            value = parse_date_fr(value)
        elif not isinstance(value, date):
            raise DomainError(f"« {spec.label} » attend une date (JJ/MM/AAAA).")
        return value
    if python_type is datetime:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                raise DomainError(f"« {spec.label} » attend une date et une heure.") from None
        if not isinstance(value, datetime):
            raise DomainError(f"« {spec.label} » attend une date et une heure.")
        # A time typed by a counsellor without a zone is Paris time.
        return value.replace(tzinfo=PARIS) if value.tzinfo is None else value
    if python_type is bool:
        if isinstance(value, str):
            lowered = value.strip().casefold()
            if lowered in {"oui", "o", "true", "1", "vrai"}:
                return True
            if lowered in {"non", "n", "false", "0", "faux"}:
                return False
        if not isinstance(value, bool):
            raise DomainError(f"« {spec.label} » attend oui ou non.")
        return value
    if isinstance(python_type, type) and issubclass(python_type, LabelledEnum):
        try:
            return python_type(value)
        except ValueError:
            choices = ", ".join(m.label for m in python_type)
            raise DomainError(f"« {spec.label} » : valeur inconnue. Choix possibles : {choices}.") from None
    if python_type is str:
        if not isinstance(value, str):
            raise DomainError(f"« {spec.label} » attend du texte.")
        if spec.required:
            value = value.strip()
            if not value:
                raise DomainError(f"« {spec.label} » ne peut pas rester vide.")
        length = getattr(column_type, "length", None)
        if length and len(value) > length:
            raise DomainError(f"« {spec.label} » est trop long : {length} caractères au plus.")
        if spec.attr.endswith("_id"):
            _check_reference(session, spec, value)
        return value
    raise TypeError(f"unsupported column type for {spec.key}")  # pragma: no cover - a programming error


def _check_reference(session: LocalSession, spec: _Field, value: str) -> None:
    target = Staff if spec.attr.endswith("staff_id") else Organisation
    row = session.get(target, value)
    if row is None or row.deleted_at is not None:
        what = "Cette personne" if target is Staff else "Cette structure"
        raise NotFound(f"{what} n'existe pas (ou plus) dans cette base : choisissez-en une autre.")


def _display_value(value: Any) -> str | None:
    """A stored value as a French text, for amendments."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date_short(value)
    return str(value)


def _row_for(session: LocalSession, intake: JointIntake, spec: _Field, *, today: date) -> Any:
    """The row holding a field: the intake, its youth, or its referral (created by its first field)."""
    if spec.model is JointIntake:
        return intake
    if spec.model is Youth:
        return live_youth(session, intake.youth_id)
    referral = session.get(Referral, intake.referral_id) if intake.referral_id else None
    if referral is not None and referral.deleted_at is None:
        return referral
    if spec.attr != "source":
        raise DomainError("Indiquez d'abord qui a orienté le jeune (la source du repérage).")
    referral = Referral(
        id=new_id(),
        case_id=intake.case_id,
        youth_id=intake.youth_id,
        source=ReferralSource.SELF,  # replaced at once by the source being saved
        referred_on=_intake_date(intake, today),
        notes="",
    )
    session.add(referral)
    session.flush()  # the referral row before the intake points to it (no ORM relationship orders them)
    intake.referral_id = referral.id
    return referral


def _check_value(spec: _Field, value: Any, *, today: date) -> None:
    if spec.key == "referral.referred_on" and value is not None and value > today:
        raise DomainError(f"La date du repérage ({format_date(value)}) est dans le futur : vérifiez-la.")
