"""Every pushed value checked against the field table before anything is written (SYNC.md §3 step 3, issue 12).

The table is :data:`pac_desktop.sync.field_rules.FIELDS`, written out from the local store's models: the server
accepts exactly what a desktop can store — known fields only, their types, lengths, enumerations, dates, no
null in a required field, no NaN or infinity, no text that is not valid Unicode. A refused mutation gets a
``rejected`` result with the French reason below; the reason names the field, never its value (values are
personal data: they are neither sent back nor logged).

Rules that are not a column's type plug in at one place, :data:`ENTITY_CHECKS`: every rule of the youth's and the
guardian's field tables (pac_desktop.domain.youth_fields, the one table the desktop's forms use too): names never
blank, e-mail and postcode formats, dates never in the future, a birth date plausible on the day it was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pac_desktop.domain.french import PARIS
from pac_desktop.domain.reperage import clean_ine
from pac_desktop.domain.youth_fields import (
    GUARDIAN_FIELDS,
    MAX_PLAUSIBLE_AGE,
    MIN_PLAUSIBLE_AGE,
    YOUTH_FIELDS,
    FieldKind,
    YouthField,
    clean_problem,
    paris_today,
)
from pac_desktop.sync.field_rules import FIELDS
from pac_desktop.sync.values import is_safe_scalar, value_problem
from pac_desktop.sync.wire import SCOPES, Mutation, Op, Scope

INVALID_SUFFIX = (
    " Le serveur ne l'a pas enregistrée : l'application qui l'a envoyée doit être mise à jour ou corrigée."
)

#: Extra checks of one entity's values (fields: the pushed values; current: the record's data, None when new or
#: when checked before the clock lock (core.prepare_push); made_at: when the device says it was typed). The
#: youth's intake rules plug in here (pac_desktop.domain.youth_fields, issue 11).
EntityCheck = Callable[[dict[str, Any], dict[str, Any] | None, str | None], str | None]

#: Why a value breaks the intake's rules, by kind, in words that never quote the value.
_BROKEN_RULE: dict[FieldKind, str] = {
    FieldKind.EMAIL: "n'est pas une adresse électronique valide",
    FieldKind.POSTCODE: "n'est pas un code postal français (cinq chiffres)",
    FieldKind.BIRTH_DATE: ("n'est pas une date de naissance plausible pour un jeune du programme (entre "
                           f"{MIN_PLAUSIBLE_AGE} et {MAX_PLAUSIBLE_AGE} ans le jour de la saisie, jamais dans le futur)"),
    FieldKind.DATE: "n'est pas une date passée",
}


def _typed_on(made_at: str | None) -> date:
    """The day a change was typed, for the rules that depend on it (a birth date's plausibility, a date in the
    future): the device's word, but never later than the server's tomorrow (Paris)."""
    today = paris_today()
    latest = today + timedelta(days=1)
    if made_at:
        try:
            stamp = datetime.fromisoformat(made_at)
        except ValueError:
            return today
        day = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(PARIS).date()
        return min(day, latest)
    return today


def _table_check(table: dict[str, YouthField]) -> EntityCheck:
    """Every rule of one field table (pac_desktop.domain.youth_fields, issue 11) on the values a change sets.

    A value the server already holds is not checked again: a file typed before a rule existed (an e-mail
    written before issue 11) is never stopped by it, only a new value is."""

    def check(fields: dict[str, Any], current: dict[str, Any] | None, made_at: str | None) -> str | None:
        today = _typed_on(made_at)
        for name, value in fields.items():
            field = table.get(name)
            if field is None or (current is not None and current.get(name) == value):
                continue
            if clean_problem(field, value, today=today) is None:  # its message may quote the value: not sent
                continue
            if field.required and (value is None or (isinstance(value, str) and not value.strip())):
                return f"« {field.label} » ne peut pas rester vide"
            rule = _BROKEN_RULE.get(field.kind, "ne suit pas les règles de saisie du dossier d'un jeune")
            return f"« {field.label} » {rule}"
        return None

    return check


def _ine_problem(fields: dict[str, Any]) -> str | None:
    ine = fields.get("ine")
    if isinstance(ine, str):
        try:
            well_formed = clean_ine(ine) == ine
        except ValueError:
            well_formed = False
        if not well_formed:
            return "« INE » n'est pas un identifiant national élève (11 caractères, en majuscules, sans espace)"
    return None


_youth_table_check = _table_check(YOUTH_FIELDS)


def _youth_check(fields: dict[str, Any], current: dict[str, Any] | None, made_at: str | None) -> str | None:
    return _ine_problem(fields) or _youth_table_check(fields, current, made_at)


ENTITY_CHECKS: dict[str, EntityCheck] = {"youth": _youth_check, "guardian": _table_check(GUARDIAN_FIELDS)}
#: Rows of a youth's file that name their youth: it is their case's youth. Every computer writes both from the same
#: youth, and finds a file's rows by ``youth_id`` (storage/case_rows.py: retention, subject access, the consent
#: hold): a row with another youth would escape them on every computer it reaches.
_OWN_YOUTH = frozenset(entity for entity, rules in FIELDS.items()
                       if "youth_id" in rules and SCOPES.get(entity) is Scope.CASE)


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
        problem = check(dict(m.fields), current, m.made_at)
        if problem is not None:
            return _refused(problem)
    return None
