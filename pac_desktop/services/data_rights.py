"""The rights of the person (issue 7 §6): everything held about a youth, and their requests on it.

:meth:`DataRightsService.subject_export` gathers every row of the youth's file — found generically through
``case_id`` on every CaseScoped table, so a table added later is included without a change here — plus the
case reviews where the youth was discussed (the review's date, place and professionals, never another
youth's decision), the access log of the file (audit events), and the names of the professionals and
organisations it mentions. Nothing about another youth. :meth:`write_subject_export` writes it as JSON
and as a readable French PDF.

Requests (access, correction, objection) are recorded as synced rows of the file (DataRightsRequest).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.audit import AuditAction, action_label
from pac_desktop.domain.data_rights import RightsRequestKind
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date
from pac_desktop.reports.model import SubjectExport
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import CaseScoped, Synced
from pac_desktop.storage.case_rows import of_case
from pac_desktop.storage.models import (
    SYNCED_MODELS,
    AuditEvent,
    CaseReview,
    CaseReviewParticipant,
    CaseReviewYouth,
    DataRightsRequest,
    JointIntake,
    Organisation,
    ServiceOffer,
    Staff,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from .audit import record_in
from .context import Actor, ServiceContext
from .intake.read_model import read_intakes

CASE_MODELS: tuple[type[CaseScoped], ...] = tuple(m for m in SYNCED_MODELS if issubclass(m, CaseScoped))
#: Columns that hold ids of reference rows, resolved to names for the reader.
_REFERENCE_TARGETS = {"staff": Staff, "organisation": Organisation, "service_offer": ServiceOffer, "territory": Territory}
MIN_REQUEST_TEXT = 5


@dataclass(frozen=True)
class RightsRequestInfo:
    id: str
    youth_id: str
    kind: RightsRequestKind
    received_on: date
    text: str
    response: str
    handled_by_name: str | None
    handled_on: date | None


def _wire(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row_dict(row: Synced) -> dict[str, Any]:
    return {attr.key: _wire(getattr(row, attr.key)) for attr in inspect(type(row)).column_attrs}


def _enum_labels(model: type) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for column in inspect(model).columns:
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is not None:
            labels[column.key] = {m.value: getattr(m, "label", m.value) for m in enum_class}
    return labels


class DataRightsService:
    def __init__(self, ctx: ServiceContext, guard) -> None:  # noqa: ANN001 - AccessGuard
        self._ctx = ctx
        self._guard = guard

    # -- right of access ------------------------------------------------------------------------------

    def subject_export(self, *, youth_id: str, actor: Actor, now: datetime | None = None) -> SubjectExport:
        """Everything this store holds about the youth (administrators, and the youth's referent)."""
        self._guard.require(actor, Action.SUBJECT_EXPORT, youth_id=youth_id, entity="youth", entity_id=youth_id)
        with self._ctx.write(actor) as session:
            youth = session.get(Youth, youth_id)
            if youth is None:
                raise NotFound("Ce jeune n'existe pas (ou plus) dans cette base.")
            records: dict[str, list[dict[str, Any]]] = {}
            labels: dict[str, dict[str, dict[str, str]]] = {}
            for model in CASE_MODELS:
                rows = session.scalars(select(model).where(of_case(model, youth_id))).all()
                if rows:
                    records[model.__sync_entity__] = [_row_dict(r) for r in rows]
                    labels[model.__sync_entity__] = _enum_labels(model)
            reviews = _case_reviews(session, youth_id)
            access_log = [
                {
                    "at": _wire(e.at),
                    "action": e.action,
                    "action_label": action_label(e.action),
                    "staff_id": e.staff_id,
                    "entity": e.entity,
                }
                for e in session.scalars(
                    select(AuditEvent).where(AuditEvent.youth_id == youth_id).order_by(AuditEvent.at)
                )
            ]
            names = _names(session, records, reviews, access_log)
            intakes = _intakes_in_brief(session, youth_id, self._ctx.today())
            record_in(
                session, action=AuditAction.EXPORT, by=actor, entity="youth", entity_id=youth_id, youth_id=youth_id,
                detail="export des données de la personne (droit d'accès)",
            )
            generated = now or datetime.now().astimezone()
            return SubjectExport(
                youth_id=youth_id,
                display_name=f"{youth.first_name} {youth.last_name}",
                generated_at=generated,
                records=records,
                names=names,
                labels=labels,
                case_reviews=reviews,
                access_log=access_log,
                intakes=intakes,
            )

    # -- requests -------------------------------------------------------------------------------------

    def record_request(
        self, *, youth_id: str, kind: RightsRequestKind, received_on: date, text: str, actor: Actor
    ) -> str:
        """Record a request of access, correction or objection (what is asked, in the person's words)."""
        self._guard.require(actor, Action.RIGHTS_REQUEST, youth_id=youth_id, entity="youth", entity_id=youth_id)
        text = text.strip()
        if len(text) < MIN_REQUEST_TEXT:
            raise DomainError("Écrivez ce que la personne demande (quelques mots au moins), pour qu'on puisse y répondre.")
        if received_on > self._ctx.today():
            raise DomainError(f"La date de la demande ({format_date(received_on)}) ne peut pas être dans le futur.")
        with self._ctx.write(actor) as session:
            request = DataRightsRequest(
                case_id=youth_id, youth_id=youth_id, kind=RightsRequestKind(kind), received_on=received_on, text=text
            )
            session.add(request)
            session.flush()
            record_in(
                session, action=AuditAction.RIGHTS_REQUEST, by=actor, entity="data_rights_request",
                entity_id=request.id, youth_id=youth_id, detail=str(RightsRequestKind(kind)),
            )
            return request.id

    def close_request(self, *, request_id: str, response: str, actor: Actor) -> None:
        """Say what was done (the correction made, the answer given); the request is then handled."""
        with self._ctx.read() as session:
            youth_id = session.scalar(select(DataRightsRequest.youth_id).where(DataRightsRequest.id == request_id))
        if youth_id is None:
            raise NotFound("Cette demande n'existe pas (ou plus) dans cette base.")
        self._guard.require(actor, Action.RIGHTS_REQUEST, youth_id=youth_id, entity="data_rights_request",
                            entity_id=request_id)
        if not response.strip():
            raise DomainError("Écrivez ce qui a été fait pour répondre à la demande.")
        with self._ctx.write(actor) as session:
            request = session.get(DataRightsRequest, request_id)
            request.response = response.strip()
            request.handled_by = actor.staff_id
            request.handled_on = self._ctx.today()
            record_in(session, action=AuditAction.RIGHTS_REQUEST, by=actor, entity="data_rights_request",
                      entity_id=request_id, youth_id=youth_id, detail="réponse enregistrée")

    def requests(self, *, youth_id: str, actor: Actor) -> list[RightsRequestInfo]:
        self._guard.require(actor, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.read() as session:
            rows = session.execute(
                select(DataRightsRequest, Staff.first_name, Staff.last_name)
                .outerjoin(Staff, Staff.id == DataRightsRequest.handled_by)
                .where(DataRightsRequest.youth_id == youth_id, DataRightsRequest.deleted_at.is_(None))
                .order_by(DataRightsRequest.received_on)
            ).all()
            return [
                RightsRequestInfo(
                    r.id, r.youth_id, r.kind, r.received_on, r.text, r.response,
                    f"{first} {last}" if first else None, r.handled_on,
                )
                for r, first, last in rows
            ]


def _intakes_in_brief(session: LocalSession, youth_id: str, today: date) -> list[dict[str, Any]]:
    """Each intake of the youth from its one read model: the date, age, team and solutions the case file and
    the summary show."""
    intakes: list[dict[str, Any]] = []
    youth = session.get(Youth, youth_id)
    if youth is None or youth.deleted_at is not None:
        return intakes  # a file being purged: its rows are in ``records``, nothing to read in brief
    rows = session.scalars(
        select(JointIntake).where(JointIntake.youth_id == youth_id, JointIntake.deleted_at.is_(None))
    ).all()
    for detail in read_intakes(session, rows, today):
        intakes.append(
            {
                "intake_id": detail.id,
                "date": detail.intake_day.isoformat() if detail.intake_day else None,
                "age_at_intake": detail.youth.age,
                "territory": detail.territory_name,
                "state": detail.state.label,
                "team": list(detail.team_lines()),
                "solutions": list(detail.solution_lines()),
            }
        )
    return sorted(intakes, key=lambda i: i["date"] or "")


def _case_reviews(session: LocalSession, youth_id: str) -> list[dict[str, Any]]:
    """The case reviews that discussed the youth: the meeting and its professionals, not the other youths."""
    reviews = []
    for review in session.scalars(
        select(CaseReview)
        .join(CaseReviewYouth, CaseReviewYouth.review_id == CaseReview.id)
        .where(CaseReviewYouth.youth_id == youth_id)
        .order_by(CaseReview.planned_on)
    ):
        participants = session.execute(
            select(CaseReviewParticipant.staff_id, CaseReviewParticipant.organisation_id).where(
                CaseReviewParticipant.review_id == review.id, CaseReviewParticipant.deleted_at.is_(None)
            )
        ).all()
        reviews.append(
            {
                "id": review.id,
                "planned_on": _wire(review.planned_on),
                "place": review.place,
                "title": review.title,
                "held": review.held,
                "organiser_id": review.organiser_id,
                # Professionals only: a participant named freely could be another youth's relative.
                "participants": [{"staff_id": s, "organisation_id": o} for s, o in participants if s or o],
            }
        )
    return reviews


def _names(session: LocalSession, records, reviews, access_log) -> dict[str, str]:  # noqa: ANN001
    """Names of the reference rows (staff, organisations, offers, territories) the export mentions."""
    wanted: set[str] = set()
    for entity_rows in records.values():
        for row in entity_rows:
            for key, value in row.items():
                if isinstance(value, str) and len(value) == 36 and key.endswith(("_id", "_by")) and key != "case_id":
                    wanted.add(value)
    for review in reviews:
        wanted.update(v for v in (review["organiser_id"],) if v)
        for p in review["participants"]:
            wanted.update(v for v in p.values() if v)
    wanted.update(e["staff_id"] for e in access_log if e["staff_id"])
    if not wanted:
        return {}
    ids = list(wanted)
    names: dict[str, str] = {}
    for sid, first, last in session.execute(select(Staff.id, Staff.first_name, Staff.last_name).where(Staff.id.in_(ids))):
        names[sid] = f"{first} {last}"
    for oid, name in session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))):
        names[oid] = name
    for fid, title in session.execute(select(ServiceOffer.id, ServiceOffer.title).where(ServiceOffer.id.in_(ids))):
        names[fid] = title
    for tid, name in session.execute(select(Territory.id, Territory.name).where(Territory.id.in_(ids))):
        names[tid] = name
    return names


def write_subject_export(export: SubjectExport, directory: Path) -> tuple[Path, Path]:
    """Write ``<dir>/donnees-<id>.json`` and ``<dir>/donnees-<id>.pdf``; returns both paths."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError(f"Le dossier {directory} ne peut pas être créé : {exc.strerror}.") from exc
    stem = f"donnees-{export.youth_id[:8]}"
    return write_subject_export_files(export, json_path=directory / f"{stem}.json", pdf_path=directory / f"{stem}.pdf")


def write_subject_export_files(export: SubjectExport, *, json_path: Path, pdf_path: Path) -> tuple[Path, Path]:
    """The JSON (complete, reusable) and the readable PDF; on a failure neither is left half-written."""
    try:
        json_path.write_text(
            json.dumps(export.as_json(), ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8"
        )
        reports.render_subject_access(export, pdf_path)
    except OSError as error:
        for path in (json_path, pdf_path):
            path.unlink(missing_ok=True)
        reason = f" ({error.strerror})" if error.strerror else ""
        raise DomainError(
            f"Les fichiers de l'export n'ont pas pu être écrits dans le dossier {json_path.parent}{reason}. "
            "Choisissez un autre dossier (où vous pouvez écrire, avec assez de place) et recommencez."
        ) from error
    return json_path, pdf_path
