"""Programme-wide settings an administrator chooses (issue 7): declared once here, with type, default, bounds.

Stored as synced rows (storage.models.ProgrammeSetting), so every device of the programme applies the same
retention period, lock delay and evaluation switch. A setting may be set for the whole programme or, when
``per_territory``, for one territory; reading falls back territory → programme → default.
"""

from __future__ import annotations

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.programme_settings import (  # noqa: F401 - re-exported
    ALL_SETTINGS,
    AUDIT_RETENTION_DAYS,
    CASE_RETENTION_MONTHS,
    CASELOAD_CAP,
    CONSENT_REFUSED_KEEP_DAYS,
    EVALUATION_ENABLED,
    LOCK_AFTER_MINUTES,
    PROGRAMME,
    BoolSetting,
    IntSetting,
    Setting,
    setting_id,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import ProgrammeSetting, SyncDevice
from pac_desktop.storage.outbox import LocalSession

from .audit import record_in
from .context import Actor, ServiceContext

#: On a computer enrolled with the shared server the programme's settings are the server's (wire.ADMIN_ONLY).
MANAGED_ON_SERVER = (
    "Cet ordinateur est inscrit auprès du serveur partagé : les réglages du programme se changent sur le serveur "
    "(commande « pac-server admin set-setting ») et arrivent ici à chaque synchronisation."
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

    def managed_here(self) -> bool:
        """False on a computer enrolled with the shared server: the programme's settings are changed there."""
        with self._ctx.read() as session:
            return session.get(SyncDevice, 1) is None

    def set(self, setting: Setting, value: int | bool, *, actor: Actor, territory_id: str | None = None) -> None:
        """Change a setting for the programme or one territory (administrators; recorded in the audit trail)."""
        self._guard.require(actor, Action.SETTINGS_MANAGE)
        if not self.managed_here():
            raise DomainError(MANAGED_ON_SERVER)
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
                # The id the server gives the same value (pac-server admin set-setting), so the two never collide.
                session.add(ProgrammeSetting(id=setting_id(setting.key, scope), key=setting.key, scope=scope,
                                             value=text))
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
