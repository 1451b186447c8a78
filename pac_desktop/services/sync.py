"""Sync, as the GUI and `pac` see it: enrol this device, sync now, the status, conflicts and their resolution.

Returns frozen dataclasses only. ``sync_now`` runs network I/O: the GUI calls it on its ``sync`` lane, never on
the UI thread; it reports progress through ``progress`` and stops between two pages when ``cancel`` is set.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select

from pac_desktop.domain.consent import is_content
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.storage.lookups import staff_names, youth_names
from pac_desktop.storage.models import (
    DeadLetter,
    LocalSetting,
    OutboxEntry,
    QuarantinedRow,
    SyncConflict,
    SyncDevice,
    SyncState,
)
from pac_desktop.storage.store import pack_at_next_start
from pac_desktop.sync import enrolment
from pac_desktop.sync.consent_hold import held_count, unshared_cases
from pac_desktop.sync.engine import SyncEngine, SyncProgress, SyncReport, open_engine
from pac_desktop.sync.errors import DemoDataRefused, DeviceRevoked, NotEnrolled, UpgradeRequired
from pac_desktop.sync.evaluation_client import EvaluationClient
from pac_desktop.sync.local import LocalReplica
from pac_desktop.sync.regional_client import RegionalClient
from pac_desktop.sync.transport import HttpTransport

from .context import ServiceContext

DEMO_SETTING_KEY = "demo_data"  # pac_desktop.demo.DEMO_SETTING_KEY

__all__ = [
    "ConflictFieldView",
    "ConflictView",
    "EnrolmentInfo",
    "RejectedChange",
    "SyncProgress",
    "SyncReport",
    "SyncService",
    "SyncStatus",
    "should_retry",
]


def should_retry(error: BaseException) -> bool:
    """False when syncing again cannot help until someone acts (device withdrawn, application too old, not
    enrolled, demo data): the GUI then stops retrying and shows the message."""
    return not isinstance(error, DeviceRevoked | UpgradeRequired | NotEnrolled | DemoDataRefused)

ENTITY_LABELS: dict[str, str] = {
    "youth": "Jeune",
    "guardian": "Représentant légal",
    "referral": "Repérage",
    "joint_intake": "Accueil commun",
    "intake_participant": "Participant à l'accueil",
    "analysis_note": "Analyse partagée",
    "intake_barrier": "Frein repéré",
    "proposed_solution": "Solution proposée",
    "consent": "Consentement",
    "intake_validation": "Validation de l'accueil",
    "intake_amendment": "Correction d'accueil",
    "referent_assignment": "Désignation du référent",
    "follow_up_event": "Suivi",
    "outcome": "Situation à échéance",
    "case_review": "Étude de cas",
    "case_review_participant": "Participant à l'étude de cas",
    "case_review_youth": "Jeune étudié en étude de cas",
    "committee_meeting": "Comité technique local",
    "evaluation_assignment": "Tirage de l'évaluation",
    "identity_change": "Changement d'identité",
    "data_rights_request": "Demande sur les données",
    "staff": "Membre du personnel",
    "staff_role": "Rôle",
    "credential": "Identifiant de connexion",
    "programme_setting": "Réglage du programme",
    "audit_event": "Journal",
}

FIELD_LABELS: dict[str, str] = {
    "first_name": "Prénom",
    "last_name": "Nom",
    "birth_date": "Date de naissance",
    "sex": "Sexe",
    "phone": "Téléphone",
    "email": "Courriel",
    "address": "Adresse",
    "postcode": "Code postal",
    "town": "Commune",
    "status": "Statut",
    "note": "Note",
    "notes": "Notes",
    "text": "Texte",
    "decision": "Décision",
    "full_name": "Nom complet",
    "relationship": "Lien",
    "shared_diagnosis": "Diagnostic partagé",
    "next_appointment_at": "Prochain rendez-vous : date",
    "next_appointment_place": "Prochain rendez-vous : lieu",
    "next_appointment_staff_id": "Prochain rendez-vous : avec",
    "staff_id": "Personnel",
    "started_on": "Début",
    "ended_on": "Fin",
    "occurred_on": "Date",
    "kind": "Type",
    "situation": "Situation",
    "recorded_on": "Relevé le",
    "youth_answer": "Réponse du jeune",
    "planned_start": "Début prévu",
    "planned_on": "Prévue le",
    "planned_at": "Prévu le",
    "held_on": "Tenu le",
    "place": "Lieu",
    "title": "Titre",
    "caseload_cap": "Plafond de jeunes suivis",
    "active": "Actif",
    "value": "Valeur",
    "territory_id": "Territoire",
    "last_class": "Dernière classe",
    "left_school_on": "Sorti de l'école le",
    # the repérage (issue 18): two computers may note the refusal of messages, or who contacts the youth, at once
    "ine": "INE",
    "contact_staff_id": "Chargé(e) du contact",
    "contact_opt_out": "Ne souhaite plus être contacté·e",
    "contact_opt_out_at": "Refus des messages : noté le",
    "contact_opt_out_by": "Refus des messages : noté par",
    # a joint-intake session's cancellation (issue 18)
    "cancelled": "Annulée",
    "cancelled_at": "Annulée le",
    "cancelled_by": "Annulée par",
    "cancellation_reason": "Motif de l'annulation",
    "cancelled_with_session": "Annulée avec la séance",
}

KIND_LABELS = {
    "field_clash": "Modifié des deux côtés",
    "update_vs_delete": "Modifié ici, supprimé ailleurs",
    "delete_vs_update": "Supprimé ici, modifié ailleurs",
    "id_collision": "Créé deux fois",
}

REASON_LABELS = {
    "forbidden": "Ce dossier n'appartient pas au territoire de cet appareil.",
    "invalid": "La modification est incomplète ou mal formée.",
    "unknown_entity": "Ce type de donnée est inconnu du serveur (version différente).",
    "unknown_record": "La fiche n'existe pas sur le serveur (sa création a été refusée).",
    "unknown_conflict": "Le conflit à résoudre n'existe plus sur le serveur.",
    "reference_read_only": "Le personnel, les comptes, les données de référence et les réglages du programme se "
                           "modifient sur le serveur, par son administrateur, pas sur un poste.",
    "scope_lost": "Le dossier a quitté le territoire de cet appareil avant l'envoi de la modification.",
    "server_error": "Le serveur n'a jamais pu enregistrer cette modification (une erreur du serveur à chaque "
                    "essai) : elle est mise de côté pour ne pas bloquer les suivantes. Prévenez l'administrateur.",
}

OP_LABELS = {"create": "création", "update": "modification", "delete": "suppression", "resolve": "résolution"}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field) or field.replace("_id", "").replace("_", " ").capitalize()


@dataclass(frozen=True)
class EnrolmentInfo:
    server_url: str
    device_id: str
    device_name: str
    territory_ids: tuple[str, ...]


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    device_name: str | None
    last_ok_at: datetime | None
    pending: int
    open_conflicts: int
    rejected: int
    #: Why syncing is stopped until someone acts (device withdrawn, application too old), in French.
    blocked_message: str | None
    last_error: str | None
    #: Issue 13: changes kept on this computer until a youth's consent to share is given (not in ``pending``).
    waiting_for_consent: int = 0
    #: Rows received from the server that this device could not store, set aside (issue 12).
    quarantined: int = 0


@dataclass(frozen=True)
class ConflictFieldView:
    field: str
    label: str
    base: Any
    mine: Any
    theirs: Any
    #: Intake content of a youth whose consent to share is not given (withdrawn): its values are not shown.
    withheld: bool = False


#: A conflict over values masked for want of consent (issue 13): nobody may see them here, so none is proposed.
MASKED_NO_MINE = ("Ces valeurs sont masquées : l'accord de partage de ce jeune n'est pas donné. Elles ne peuvent "
                  "pas être proposées depuis cet ordinateur ; gardez la valeur enregistrée.")


@dataclass(frozen=True)
class ConflictView:
    conflict_id: str
    entity: str
    entity_label: str
    row_id: str
    case_id: str | None
    youth_name: str | None
    kind: str
    kind_label: str
    fields: tuple[ConflictFieldView, ...]
    #: True when "mine" is this device's change (else another device of the territory made it).
    mine_is_this_device: bool
    mine_by: str | None
    mine_at: datetime | None
    theirs_by: str | None
    theirs_at: datetime | None
    status: str
    created_at: datetime

    @property
    def masked(self) -> bool:
        """Some values are masked (issue 13): this user may neither see nor propose them, only keep the server's."""
        return any(f.withheld for f in self.fields)


@dataclass(frozen=True)
class RejectedChange:
    mutation_id: str
    entity_label: str
    youth_name: str | None
    op_label: str
    reason: str
    reason_label: str
    fields: dict[str, Any]
    parked_at: datetime


@dataclass(frozen=True)
class QuarantinedView:
    entity_label: str
    youth_name: str | None
    reason: str
    quarantined_at: datetime


Choice = Literal["mine", "theirs", "merged"]


class SyncService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        secrets: SecretStore | None = None,
        transport_factory: Callable[[str], HttpTransport] | None = None,
    ) -> None:
        self._ctx = ctx
        self._secrets = secrets or SecretStore()
        self._transport_factory = transport_factory
        self._engine: SyncEngine | None = None
        self._engine_lock = threading.Lock()
        self.replica = LocalReplica(ctx.store)
        #: Steps run after each successful cycle, while the server is reachable (issue 7: the evaluation's
        #: reserve of allocation blocks). Each must handle its own errors: the cycle has succeeded.
        self.after_cycle: list[Callable[[SyncService], None]] = []

    # ------------------------------------------------------------------ enrolment and the cycle

    def _refuse_demo(self) -> None:
        with self._ctx.read() as s:
            if s.scalar(select(LocalSetting.value).where(LocalSetting.key == DEMO_SETTING_KEY)) == "1":
                raise DemoDataRefused()

    def enrol(self, *, server_url: str, code: str, device_name: str | None = None) -> EnrolmentInfo:
        """Enrol this device with a one-time code (the refresh token goes to the OS keyring only)."""
        self._refuse_demo()
        factory = self._transport_factory or (lambda url: HttpTransport(url, client_schema=_schema()))
        done = enrolment.enrol(self.replica, server_url=server_url, code=code, secrets=self._secrets,
                               device_name=device_name, transport_factory=factory)
        with self._engine_lock:
            self._engine = None
        return EnrolmentInfo(done.server_url, done.device_id, done.device_name, done.territory_ids)

    def is_enrolled(self) -> bool:
        return self.replica.device() is not None

    def _get_engine(self) -> SyncEngine:
        with self._engine_lock:
            if self._engine is None:
                self._engine = open_engine(self.replica, self._secrets, transport_factory=self._transport_factory)
            return self._engine

    def sync_now(
        self,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        """One full cycle: push everything pending, pull everything new. Raises a SyncError (French) on failure."""
        self._refuse_demo()
        from_scratch = self.replica.cursor_and_epoch()[0] == 0  # a first sync, or a full resync
        pulled = 0

        def noted(step: SyncProgress) -> None:
            nonlocal pulled
            if step.phase == "pull":
                pulled = step.done
            if progress is not None:
                progress(step)

        try:
            report = self._get_engine().run_cycle(progress=noted, cancel=cancel)
        finally:
            if from_scratch:
                # Rows pulled by the thousand leave the indexes on ids with pages a quarter empty: packed once, at
                # the next start, before anyone works in the store (issue 16: 0.3 kB a youth). A first sync stopped
                # half-way too: the next cycle goes on from its cursor, no longer from scratch.
                pack_at_next_start(self.replica.store.engine, pulled)
        for step in self.after_cycle:
            step(self)
        return report

    def evaluation_client(self) -> EvaluationClient:
        """The enrolled device's client of /v1/evaluation (issue 7): allocation blocks, the evaluators' export."""
        if not self.is_enrolled():
            raise NotEnrolled()
        engine = self._get_engine()
        return EvaluationClient(engine.transport, engine.tokens.access_token)

    def regional_client(self) -> RegionalClient:
        """The regional computer's client of /v1/regional/figures (issue 18 §6)."""
        device = self.replica.device()
        if device is None:
            raise NotEnrolled()
        return RegionalClient(self._get_engine().call, device.device_id)

    # ------------------------------------------------------------------ what the status area shows

    def status(self) -> SyncStatus:
        with self._ctx.read() as s:
            device = s.get(SyncDevice, 1)
            state = s.get(SyncState, 1)
            pending = s.scalar(select(func.count()).select_from(OutboxEntry)) or 0
            held = held_count(s) if pending else 0
            conflicts = s.scalar(select(func.count()).select_from(SyncConflict).where(
                SyncConflict.status == "open")) or 0
            rejected = s.scalar(select(func.count()).select_from(DeadLetter).where(
                DeadLetter.dismissed_at.is_(None))) or 0
            quarantined = s.scalar(select(func.count()).select_from(QuarantinedRow)) or 0
            return SyncStatus(
                enrolled=device is not None,
                server_url=device.server_url if device else None,
                device_name=device.device_name if device else None,
                last_ok_at=state.last_ok_at if state else None,
                pending=pending - held,
                waiting_for_consent=held,
                open_conflicts=conflicts,
                rejected=rejected,
                blocked_message=device.blocked_message if device else None,
                last_error=state.last_error if state else None,
                quarantined=quarantined,
            )

    def open_conflict_count(self) -> int:
        """The badge of the sync area."""
        return self.status().open_conflicts

    # ------------------------------------------------------------------ conflicts

    def conflicts(self, *, include_resolved: bool = False) -> list[ConflictView]:
        with self._ctx.read() as s:
            device = s.get(SyncDevice, 1)
            me = device.device_id if device else None
            stmt = select(SyncConflict).order_by(SyncConflict.created_at)
            if not include_resolved:
                stmt = stmt.where(SyncConflict.status == "open")
            rows = list(s.scalars(stmt))
            names = youth_names(s, {r.case_id for r in rows if r.case_id})
            staff = staff_names(s, {x for r in rows for x in (r.mine_by, r.theirs_by) if x})
            # Issue 13: once the consent is withdrawn, a conflict over the youth's intake content shows no value.
            unshared = unshared_cases(s, {r.case_id for r in rows if r.case_id})
            out = []
            for r in rows:
                fields = tuple(
                    ConflictFieldView(f["field"], field_label(f["field"]), None, None, None, withheld=True)
                    if r.case_id in unshared and is_content(r.entity, {f["field"]: True}) else
                    ConflictFieldView(f["field"], field_label(f["field"]), f.get("base"), f.get("mine"),
                                      f.get("theirs"))
                    for f in json.loads(r.fields)
                )
                out.append(ConflictView(
                    conflict_id=r.conflict_id, entity=r.entity, entity_label=ENTITY_LABELS.get(r.entity, r.entity),
                    row_id=r.row_id, case_id=r.case_id, youth_name=names.get(r.case_id or ""), kind=r.kind,
                    kind_label=KIND_LABELS.get(r.kind, r.kind), fields=fields,
                    mine_is_this_device=bool(me and r.device_id == me),
                    mine_by=staff.get(r.mine_by or ""), mine_at=_when(r.mine_at),
                    theirs_by=staff.get(r.theirs_by or ""), theirs_at=_when(r.theirs_at),
                    status=r.status, created_at=r.created_at,
                ))
            return out

    def resolve(
        self,
        *,
        conflict_id: str,
        choice: Choice,
        merged: dict[str, Any] | None = None,
        by: str | None = None,
    ) -> None:
        """Settle a conflict: keep "mine", keep "theirs", or a "merged" value per field. The resolution is
        pushed like any edit; if the record moved on meanwhile, the server opens a new, linked conflict."""
        with self._ctx.read() as s:
            row = s.get(SyncConflict, conflict_id)
            if row is None:
                raise NotFound("Ce conflit n'existe plus (il a peut-être été résolu sur un autre poste).")
            if row.status != "open":
                raise DomainError("Ce conflit est déjà résolu.")
            kind = row.kind
            fields = json.loads(row.fields)
            # Issue 13: values masked for want of consent cannot be proposed, nor written over: the server's stay.
            masked = {f["field"] for f in fields if is_content(row.entity, {f["field"]: True})} \
                if row.case_id and row.case_id in unshared_cases(s, [row.case_id]) else set()
        values: dict[str, Any] = {}
        delete_row = False
        if kind == "update_vs_delete":
            if choice != "theirs":
                raise DomainError(
                    "Cette fiche a été supprimée sur un autre poste : la suppression ne peut pas être annulée ici. "
                    "Choisissez « garder la suppression », puis recréez l'information si elle est encore utile."
                )
        elif kind == "delete_vs_update":
            delete_row = choice == "mine"
        elif choice == "mine":
            if masked:
                raise DomainError(MASKED_NO_MINE)
            values = {f["field"]: f.get("mine") for f in fields}
        elif choice == "merged":
            if not merged:
                raise DomainError("Écrivez la valeur retenue pour chaque champ en conflit.")
            unknown = set(merged) - {f["field"] for f in fields}
            if unknown:
                raise DomainError("Seuls les champs en conflit peuvent être fusionnés.")
            if set(merged) & masked:
                raise DomainError(MASKED_NO_MINE)
            values = dict(merged)
        try:
            self.replica.record_resolution(conflict_id, values=values, delete_row=delete_row, actor=by,
                                           signer=self._ctx.keys.sign)
        except ValueError as error:
            raise DomainError(f"La valeur saisie n'est pas valable pour ce champ ({error}).") from error

    def rejected(self) -> list[RejectedChange]:
        with self._ctx.read() as s:
            rows = list(s.scalars(select(DeadLetter).where(DeadLetter.dismissed_at.is_(None)).order_by(
                DeadLetter.parked_at)))
            names = youth_names(s, {r.case_id for r in rows if r.case_id})
            return [
                RejectedChange(
                    mutation_id=r.mutation_id, entity_label=ENTITY_LABELS.get(r.entity, r.entity),
                    youth_name=names.get(r.case_id or ""), op_label=OP_LABELS.get(r.op, r.op), reason=r.reason,
                    reason_label=REASON_LABELS.get(r.reason, r.reason), fields=json.loads(r.fields),
                    parked_at=r.parked_at,
                )
                for r in rows
            ]


    def retry_rejected(self, *, mutation_ids: list[str] | None = None, by: str | None = None) -> int:
        """Send refused changes again (all, or those named), once what refused them is settled (a password set
        again, a right given, a record created). Each goes as a new change made by ``by``, who sends it again,
        signed with their key (issue 12). Returns how many were put back in the queue; the next sync sends them."""
        return self.replica.requeue_dead_letters(mutation_ids, made_by=by, signer=self._ctx.keys.sign)

    def quarantined(self) -> list[QuarantinedView]:
        """Rows received from the server and set aside: what they are and why, never their values."""
        with self._ctx.read() as s:
            rows = list(s.scalars(select(QuarantinedRow).order_by(QuarantinedRow.quarantined_at)))
            names = youth_names(s, {r.case_id for r in rows if r.case_id})
            return [QuarantinedView(entity_label=ENTITY_LABELS.get(r.entity, r.entity),
                                    youth_name=names.get(r.case_id or ""), reason=r.reason,
                                    quarantined_at=r.quarantined_at) for r in rows]


def _schema() -> int:
    from pac_desktop.storage.outbox import SCHEMA_VERSION

    return SCHEMA_VERSION


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
