"""Every pushed value checked against the field table before anything is written (SYNC.md §3 step 3, issue 12).

The table is :data:`pac_desktop.sync.field_rules.FIELDS`, written out from the local store's models: the server
accepts exactly what a desktop can store — known fields only, their types, lengths, enumerations, dates, no
null in a required field, no NaN or infinity, no text that is not valid Unicode. A refused mutation gets a
``rejected`` result with the French reason below; the reason names the field, never its value (values are
personal data: they are neither sent back nor logged).

Rules that are not a column's type (the youth's fields of the intake: formats of a phone number, a postcode…)
plug in at one place, :data:`ENTITY_CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pac_desktop.domain.reperage import clean_ine
from pac_desktop.domain.youth_fields import YOUTH_FIELDS, FieldKind, check_youth_field
from pac_desktop.sync.field_rules import FIELDS
from pac_desktop.sync.values import is_safe_scalar, value_problem
from pac_desktop.sync.wire import SCOPES, Mutation, Op, Scope

INVALID_SUFFIX = (
    " Le serveur ne l'a pas enregistrée : l'application qui l'a envoyée doit être mise à jour ou corrigée."
)

#: Extra checks of one entity's values (fields: the pushed values; current: the record's data, None when new).
#: A push runs these checks before it takes the clock lock (core.prepare_push), with ``current`` None: a rule that
#: needs the record's state on the server belongs with the checks made under the lock (access, trust).
#: The youth's intake rules plug in here (pac_desktop.domain.youth_fields, issue 11).
EntityCheck = Callable[[dict[str, Any], dict[str, Any] | None], str | None]

#: The youth's rules the server applies today: names (a required one is never blank). Not the plausibility of a
#: date (it depends on the day the value was typed on the device), nor yet the formats of e-mail, phone and
#: postcode (files typed before issue 11 may hold values those rules now refuse: refusing their next edit
#: would park it).
_YOUTH_CHECKED = (FieldKind.NAME,)


def _youth_check(fields: dict[str, Any], _current: dict[str, Any] | None) -> str | None:
    ine = fields.get("ine")
    if isinstance(ine, str):
        try:
            well_formed = clean_ine(ine) == ine
        except ValueError:
            well_formed = False
        if not well_formed:
            return "« INE » n'est pas un identifiant national élève (11 caractères, en majuscules, sans espace)"
    for name, value in fields.items():
        field = YOUTH_FIELDS.get(name)
        if field is None or field.kind not in _YOUTH_CHECKED or not isinstance(value, str):
            continue
        if check_youth_field(name, value) is not None:  # its message may quote the value: not sent back
            if field.required and not value.strip():
                return f"« {field.label} » ne peut pas rester vide"
            return f"« {field.label} » ne suit pas les règles de saisie du dossier d'un jeune"
    return None


ENTITY_CHECKS: dict[str, EntityCheck] = {"youth": _youth_check}
#: Rows whose ``youth_id`` is their case's youth, checked as such (the others keep the rule of the case id alone).
_OWN_YOUTH = frozenset({"contact_attempt"})


def _refused(text: str) -> str:
    return f"Modification refusée : {text}.{INVALID_SUFFIX}"


def check_mutation(m: Mutation, current: dict[str, Any] | None) -> str | None:
    """None when every value of ``m`` fits the field table; else the French reason of its refusal."""
    rules = FIELDS.get(m.entity)
    if rules is None:
        return _refused("ce type de donnée est inconnu du serveur")
    for name, value in m.fields.items():
        rule = rules.get(name)
        if rule is None:
            return _refused(f"le champ « {name} » n'existe pas")
        problem = value_problem(rule, value)
        if problem is not None:
            return _refused(f"champ « {name} », {problem}")
    for name, value in m.base.items():
        if name not in rules:
            return _refused(f"le champ « {name} » n'existe pas")
        if not is_safe_scalar(value):
            return _refused(f"champ « {name} », la valeur d'origine est illisible")
    if m.op is Op.CREATE:
        implied = {"case_id": m.case_id}  # a row of a youth's file: its case is the mutation's
        missing = sorted(name for name, rule in rules.items()
                         if rule.required and m.fields.get(name, implied.get(name)) is None)
        if missing:
            return _refused(f"champ « {missing[0]} », une valeur est obligatoire")
    if SCOPES.get(m.entity) is Scope.CASE and "case_id" in m.fields and m.fields["case_id"] != m.case_id:
        return _refused("la fiche n'appartient pas au dossier annoncé")
    if m.entity in _OWN_YOUTH and "youth_id" in m.fields and m.fields["youth_id"] != m.case_id:
        return _refused("la fiche n'appartient pas au dossier annoncé")
    check = ENTITY_CHECKS.get(m.entity)
    if check is not None and m.op is not Op.DELETE:
        problem = check(dict(m.fields), current)
        if problem is not None:
            return _refused(problem)
    return None
