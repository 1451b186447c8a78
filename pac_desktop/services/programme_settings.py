"""Programme-wide settings an administrator chooses (issue 7): declared once here, with type, default, bounds.

Stored as synced rows (storage.models.ProgrammeSetting), so every device of the programme applies the same
retention period, lock delay and evaluation switch. A setting may be set for the whole programme or, when
``per_territory``, for one territory; reading falls back territory → programme → default.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.errors import DomainError
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import ProgrammeSetting
from pac_desktop.storage.outbox import LocalSession

from .audit import record_in
from .context import Actor, ServiceContext

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


def read_setting_in(session: LocalSession, setting: Setting, *, territory_id: str | None = None):  # noqa: ANN201
    """The value in force (territory, then programme, then default), inside a caller's unit of work."""
    scopes = [territory_id, PROGRAMME] if (setting.per_territory and territory_id) else [PROGRAMME]
    rows = dict(
        session.execute(
            select(ProgrammeSetting.scope, ProgrammeSetting.value).where(
                ProgrammeSetting.key == setting.key,
                ProgrammeSetting.scope.in_(scopes),
                ProgrammeSetting.deleted_at.is_(None),
            )
        ).all()
    )
    for scope in scopes:
        if scope in rows:
            try:
                return setting.validate(setting.parse(rows[scope]))
            except (ValueError, DomainError):
                break  # a value this version cannot read: the default is the safe answer
    return setting.default


class ProgrammeSettingsService:
    def __init__(self, ctx: ServiceContext, guard) -> None:  # noqa: ANN001 - AccessGuard
        self._ctx = ctx
        self._guard = guard

    def get(self, setting: Setting, *, territory_id: str | None = None):  # noqa: ANN201 - int | bool
        with self._ctx.read() as session:
            return read_setting_in(session, setting, territory_id=territory_id)

    def set(self, setting: Setting, value: int | bool, *, actor: Actor, territory_id: str | None = None) -> None:
        """Change a setting for the programme or one territory (administrators; recorded in the audit trail)."""
        self._guard.require(actor, Action.SETTINGS_MANAGE)
        setting.validate(value)
        if territory_id and not setting.per_territory:
            raise DomainError(f"« {setting.label} » vaut pour tout le programme, pas pour un seul territoire.")
        scope = territory_id or PROGRAMME
        with self._ctx.write(actor) as session:
            row = session.scalar(
                select(ProgrammeSetting).where(ProgrammeSetting.key == setting.key, ProgrammeSetting.scope == scope)
            )
            text = setting.format(value)
            if row is None:
                session.add(ProgrammeSetting(key=setting.key, scope=scope, value=text))
            elif row.value != text:
                row.value = text
            record_in(
                session,
                action=AuditAction.SETTING_CHANGED,
                by=actor,
                entity="programme_setting",
                territory_id=territory_id,
                detail=f"{setting.key}={text}",
            )
