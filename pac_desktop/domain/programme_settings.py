"""The programme's settings (issue 7): declared once here, with type, default, bounds.

Shared by the desktop (pac_desktop.services.programme_settings stores and reads them) and the server
(``pac-server admin set-setting``): on a computer enrolled with the shared server they are the server's to
change. A row's id is :func:`setting_id`, the same wherever it is written, so a value set on the server
replaces the one a device holds for the same key and scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DomainError
from .reference import stable_id

#: The scope of a value that holds for the whole programme (else the scope is a territory id).
PROGRAMME = ""


@dataclass(frozen=True)
class IntSetting:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str
    per_territory: bool = False

    def parse(self, text: str) -> int:
        return int(text)

    def validate(self, value: int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not self.minimum <= value <= self.maximum:
            raise DomainError(
                f"« {self.label} » doit être un nombre entier de {self.minimum} à {self.maximum} {self.unit}."
            )
        return value

    def format(self, value: int) -> str:
        return str(value)


@dataclass(frozen=True)
class BoolSetting:
    key: str
    label: str
    default: bool
    per_territory: bool = False

    def parse(self, text: str) -> bool:
        return text == "1"

    def validate(self, value: bool) -> bool:
        if not isinstance(value, bool):
            raise DomainError(f"« {self.label} » vaut oui ou non.")
        return value

    def format(self, value: bool) -> str:
        return "1" if value else "0"


Setting = IntSetting | BoolSetting

#: CNIL, référentiel "accompagnement social": 2 years of active file after the last contact.
CASE_RETENTION_MONTHS = IntSetting(
    "retention.case_months", "Durée de conservation d'un dossier après le dernier contact", 24, 1, 120, "mois"
)
AUDIT_RETENTION_DAYS = IntSetting(
    "retention.audit_days", "Durée de conservation du journal d'audit", 365, 30, 3650, "jours"
)
LOCK_AFTER_MINUTES = IntSetting(
    "session.lock_minutes", "Verrouillage automatique après une inactivité de", 10, 1, 120, "minutes"
)
#: The programme's cap of youths per referent: no staff member's own cap goes above it (issue 14).
CASELOAD_CAP = IntSetting("caseload.cap", "Plafond de jeunes suivis par référent", 50, 1, 200, "jeunes")
EVALUATION_ENABLED = BoolSetting(
    "evaluation.enabled", "Évaluation par tirage au sort", False, per_territory=True
)

#: Issue 13: the content of an intake whose consent to share was refused stays on its computer this long.
CONSENT_REFUSED_KEEP_DAYS = IntSetting(
    "consent.refused_keep_days", "Conservation du contenu d'un accueil dont le partage a été refusé", 30, 0, 365,
    "jours",
)

ALL_SETTINGS: tuple[Setting, ...] = (
    CASE_RETENTION_MONTHS, AUDIT_RETENTION_DAYS, LOCK_AFTER_MINUTES, CASELOAD_CAP, EVALUATION_ENABLED,
    CONSENT_REFUSED_KEEP_DAYS,
)


def setting_id(key: str, scope: str = PROGRAMME) -> str:
    """The row id of a setting's value for this scope: the same on every device and on the server."""
    return stable_id("programme_setting", f"{key}/{scope}")


def setting_by_key(key: str) -> Setting:
    for setting in ALL_SETTINGS:
        if setting.key == key:
            return setting
    known = ", ".join(s.key for s in ALL_SETTINGS)
    raise DomainError(f"Aucun réglage ne s'appelle « {key} ». Réglages connus : {known}.")


def parse_value(setting: Setting, text: str) -> int | bool:
    """A value typed by an administrator ("36", "oui"/"non"), checked against the setting's bounds."""
    cleaned = text.strip().lower()
    if isinstance(setting, BoolSetting):
        if cleaned in ("oui", "1", "true", "vrai"):
            return True
        if cleaned in ("non", "0", "false", "faux"):
            return False
        raise DomainError(f"« {setting.label} » vaut oui ou non.")
    try:
        value = int(cleaned)
    except ValueError:
        raise DomainError(
            f"« {setting.label} » doit être un nombre entier de {setting.minimum} à {setting.maximum} "
            f"{setting.unit}.") from None
    return setting.validate(value)
