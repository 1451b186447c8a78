"""The messaging settings of each organisation (issue 18): its SMTP server and its SMS gateway.

Kept on this computer (``local_setting``, never synced: the secrets that go with them live in this computer's
keyring, so each computer of the organisation is set up once), the password and the key in the OS keyring only
(pac_desktop.security.keyring_store.MessagingSecrets), never in a file or a synced table. Administrators set
them (Action.SETTINGS_MANAGE); each change is audited, without the values.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import OrgKind
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.messaging.mail import SmtpSettings, check_login_text, new_message, send_mail
from pac_desktop.messaging.sms import SmsGatewaySettings, send_sms
from pac_desktop.security.keyring_store import MessagingSecrets
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import LocalSetting, Organisation, Territory

from .access import AccessGuard
from .audit import record_in
from .choices import OrganisationChoice
from .context import Actor, ServiceContext

_SMTP_KEY = "messaging.smtp:"
_SMS_KEY = "messaging.sms:"
#: Not under « messaging. »: no secret goes with it (``configured_organisations`` lists the keyring's).
_SCHEDULE_KEY = "reminders.schedule:"

#: The most days ahead an automatic reminder may go out.
MAX_DAYS_BEFORE = 14


@dataclass(frozen=True)
class ReminderSchedule:
    """When the reminders of an organisation's appointments go out by themselves (issue 18): ``days_before``
    the appointment's day (1: the day before), by e-mail and/or SMS. Without a saved one: the day before, both."""

    enabled: bool = True
    days_before: int = 1
    email: bool = True
    sms: bool = True

    def check(self) -> None:
        if not 0 <= int(self.days_before) <= MAX_DAYS_BEFORE:
            raise DomainError(f"Les rappels partent de 0 (le jour même) à {MAX_DAYS_BEFORE} jours avant le "
                              "rendez-vous : choisissez un nombre de jours dans cet intervalle.")
        if self.enabled and not (self.email or self.sms):
            raise DomainError("Cochez le courriel, le SMS ou les deux, ou désactivez les rappels automatiques.")


@dataclass(frozen=True)
class OrganisationMessaging:
    organisation_id: str
    organisation_name: str
    smtp: SmtpSettings | None
    smtp_password_set: bool
    sms: SmsGatewaySettings | None
    sms_key_set: bool
    schedule: ReminderSchedule = field(default_factory=lambda: ReminderSchedule())


class MessagingSettingsService:
    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None,
                 secrets: MessagingSecrets | None = None) -> None:
        self._ctx = ctx
        self._guard = guard
        self.secrets = secrets or MessagingSecrets()

    # ---- reading (the senders, and the settings page) ------------------------------------------------

    def smtp(self, organisation_id: str) -> SmtpSettings | None:
        return _load(self._ctx, _SMTP_KEY + organisation_id, SmtpSettings)

    def sms(self, organisation_id: str) -> SmsGatewaySettings | None:
        return _load(self._ctx, _SMS_KEY + organisation_id, SmsGatewaySettings)

    def schedule(self, organisation_id: str) -> ReminderSchedule:
        """When the organisation's reminders go out by themselves (the default: the day before)."""
        return _load(self._ctx, _SCHEDULE_KEY + organisation_id, ReminderSchedule) or ReminderSchedule()

    def set_schedule(self, *, organisation_id: str, schedule: ReminderSchedule, by: Actor) -> None:
        schedule.check()
        self._require(by)
        with self._ctx.read() as session:
            if session.get(Organisation, organisation_id) is None:
                raise NotFound("Cette structure n'existe pas dans les données de référence.")
        with self._ctx.write(by) as session:
            session.merge(LocalSetting(key=_SCHEDULE_KEY + organisation_id, value=json.dumps(asdict(schedule))))
            state = (f"{schedule.days_before} j avant, " + "+".join(
                k for k, on in (("courriel", schedule.email), ("sms", schedule.sms)) if on)) if schedule.enabled \
                else "désactivés"
            record_in(session, action=AuditAction.SETTING_CHANGED, by=by, entity="messaging",
                      entity_id=organisation_id, detail=f"rappels automatiques : {state}")

    def secret(self, kind: str, organisation_id: str) -> str | None:
        """The password or key, from the keyring (network work follows: call off the UI thread)."""
        return self.secrets.get(kind, organisation_id)

    def organisation(self, organisation_id: str) -> OrganisationMessaging:
        """An organisation's settings as the settings page shows them (whether a secret is set, never it)."""
        with self._ctx.read() as session:
            org = session.get(Organisation, organisation_id)
            if org is None:
                raise NotFound("Cette structure n'existe pas dans les données de référence.")
            name = org.name
        return OrganisationMessaging(
            organisation_id, name, self.smtp(organisation_id), bool(self.secrets.get("smtp", organisation_id)),
            self.sms(organisation_id), bool(self.secrets.get("sms", organisation_id)), self.schedule(organisation_id),
        )

    def organisations(self) -> list[OrganisationChoice]:
        """The structures that may send reminders (not the partners), by territory."""
        with self._ctx.read() as session:
            rows = session.execute(
                select(Organisation.id, Organisation.name, Territory.name)
                .outerjoin(Territory, Territory.id == Organisation.territory_id)
                .where(Organisation.deleted_at.is_(None), Organisation.kind != OrgKind.PARTNER)
                .order_by(Territory.name, Organisation.name)
            ).all()
        return [OrganisationChoice(org_id, name, territory or "") for org_id, name, territory in rows]

    def configured_organisations(self) -> list[str]:
        """Organisations with settings on this computer (``pac security forget-keys`` removes their secrets)."""
        with self._ctx.read() as session:
            keys = session.scalars(select(LocalSetting.key).where(LocalSetting.key.like("messaging.%"))).all()
        return sorted({key.partition(":")[2] for key in keys})

    # ---- changing (administrators) -------------------------------------------------------------------

    def set_smtp(self, *, organisation_id: str, settings: SmtpSettings, password: str | None, by: Actor) -> None:
        """Save the SMTP server; ``password``: None keeps the one in the keyring, "" removes it."""
        settings = SmtpSettings(**{f.name: (getattr(settings, f.name).strip() if isinstance(
            getattr(settings, f.name), str) else getattr(settings, f.name)) for f in fields(SmtpSettings)})
        settings.check()
        if password:
            check_login_text(settings.username, password)
        self._save(organisation_id, _SMTP_KEY, settings, "smtp", password, by, what="serveur de courriel")

    def set_sms(self, *, organisation_id: str, settings: SmsGatewaySettings, key: str | None, by: Actor) -> None:
        """Save the SMS gateway; ``key``: None keeps the one in the keyring, "" removes it."""
        settings.check()
        self._save(organisation_id, _SMS_KEY, settings, "sms", key, by, what="passerelle SMS")

    def clear(self, *, organisation_id: str, kind: str, by: Actor) -> None:
        """Remove the settings and the secret of one kind ("smtp" or "sms")."""
        self._require(by)
        self.secrets.delete(kind, organisation_id)
        with self._ctx.write(by) as session:
            row = session.get(LocalSetting, (_SMTP_KEY if kind == "smtp" else _SMS_KEY) + organisation_id)
            if row is not None:
                session.delete(row)
            record_in(session, action=AuditAction.SETTING_CHANGED, by=by, entity="messaging",
                      entity_id=organisation_id, detail=f"{kind} supprimé")

    def send_test_email(self, *, organisation_id: str, to: str, by: Actor) -> None:
        """Send a test message to ``to`` (an administrator's own address) with the saved settings."""
        self._require(by)
        settings = self.smtp(organisation_id)
        if settings is None:
            raise DomainError("Enregistrez d'abord les réglages du serveur de courriel.")
        message = new_message(settings, to=to.strip(), subject="PAC Desktop : essai de la messagerie",
                              text="Ce message d'essai confirme que PAC Desktop peut envoyer les rappels de "
                                   "rendez-vous avec ces réglages.\n")
        send_mail(settings, message, password=self.secret("smtp", organisation_id))

    def send_test_sms(self, *, organisation_id: str, to: str, by: Actor) -> None:
        self._require(by)
        settings = self.sms(organisation_id)
        if settings is None:
            raise DomainError("Enregistrez d'abord les réglages de la passerelle SMS.")
        send_sms(settings, key=self.secret("sms", organisation_id), to=to,
                 text="PAC Desktop : essai de la passerelle SMS.")

    # ---- plumbing --------------------------------------------------------------------------------------

    def _require(self, by: Actor) -> None:
        if self._guard is not None:
            self._guard.require(by, Action.SETTINGS_MANAGE, entity="messaging")

    def _save(self, organisation_id: str, prefix: str, settings: object, kind: str, secret: str | None,
              by: Actor, *, what: str) -> None:
        self._require(by)
        with self._ctx.read() as session:
            if session.get(Organisation, organisation_id) is None:
                raise NotFound("Cette structure n'existe pas dans les données de référence.")
        # The secret first: a keyring that refuses leaves the settings as they were.
        if secret:
            self.secrets.set(kind, organisation_id, secret)
        elif secret == "":
            self.secrets.delete(kind, organisation_id)
        with self._ctx.write(by) as session:
            session.merge(LocalSetting(key=prefix + organisation_id, value=json.dumps(asdict(settings))))
            record_in(session, action=AuditAction.SETTING_CHANGED, by=by, entity="messaging",
                      entity_id=organisation_id, detail=f"{what} enregistré")


def _load(ctx: ServiceContext, key: str, cls: type) -> object | None:
    with ctx.read() as session:
        value = session.scalar(select(LocalSetting.value).where(LocalSetting.key == key))
    if value is None:
        return None
    data = json.loads(value)
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})
