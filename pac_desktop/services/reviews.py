"""Case reviews (réunions de synthèse): planning them, the youths studied and the decisions taken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.security.roles import Action
from pac_desktop.storage.lookups import live_youth, organisation_names
from pac_desktop.storage.models import (
    CaseReview,
    CaseReviewParticipant,
    CaseReviewYouth,
    Staff,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

from .casefile.base import CaseFileServiceBase
from .context import Actor


@dataclass(frozen=True)
class ReviewSummary:
    id: str
    planned_on: date
    title: str
    place: str | None
    held: bool
    territory_name: str
    youth_count: int
    decided_count: int


@dataclass(frozen=True)
class ReviewParticipantView:
    id: str
    name: str
    organisation_name: str | None


@dataclass(frozen=True)
class ReviewYouthView:
    youth_id: str
    youth_name: str
    decision: str


@dataclass(frozen=True)
class ReviewDetail:
    id: str
    planned_on: date
    title: str
    place: str | None
    held: bool
    territory_id: str
    territory_name: str
    organiser_name: str | None
    participants: tuple[ReviewParticipantView, ...]
    youths: tuple[ReviewYouthView, ...]


class ReviewService(CaseFileServiceBase):
    """Case reviews (réunions de synthèse): planned, youths studied, decisions."""

    # -- case reviews ----------------------------------------------------------------------------

    def plan_review(
        self,
        *,
        planned_on: date,
        youth_ids: Sequence[str],
        title: str = "",
        place: str | None = None,
        staff_ids: Sequence[str] = (),
        organisation_ids: Sequence[str] = (),
        other_participants: Sequence[str] = (),
        territory_id: str | None = None,
        by: Actor,
    ) -> str:
        """Plan a réunion de synthèse about one or more youths, with the staff and partners invited."""
        youth_ids = list(dict.fromkeys(youth_ids))
        if not youth_ids:
            raise DomainError("Choisissez au moins un jeune dont la situation sera étudiée.")
        for youth_id in youth_ids:
            self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.write(by) as session:
            youths = [live_youth(session, y) for y in youth_ids]
            territory_id = territory_id or by.territory_id or youths[0].territory_id
            review = CaseReview(
                territory_id=territory_id,
                planned_on=planned_on,
                place=(place or "").strip() or None,
                title=title.strip() or "Réunion de synthèse",
                organiser_id=by.staff_id,
                held=False,
            )
            session.add(review)
            session.flush()
            for staff_id in dict.fromkeys([by.staff_id, *staff_ids]):
                session.add(CaseReviewParticipant(review_id=review.id, staff_id=staff_id))
            for organisation_id in dict.fromkeys(organisation_ids):
                session.add(CaseReviewParticipant(review_id=review.id, organisation_id=organisation_id))
            for name in other_participants:
                if name.strip():
                    session.add(CaseReviewParticipant(review_id=review.id, full_name=name.strip()))
            for youth in youths:
                session.add(CaseReviewYouth(case_id=youth.id, review_id=review.id, youth_id=youth.id, decision=""))
            session.flush()
            return review.id

    def add_review_youth(self, *, review_id: str, youth_id: str, by: Actor) -> None:
        self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.write(by) as session:
            _review(session, review_id)
            live_youth(session, youth_id)
            exists_ = session.scalar(
                select(func.count()).where(
                    CaseReviewYouth.review_id == review_id,
                    CaseReviewYouth.youth_id == youth_id,
                    CaseReviewYouth.deleted_at.is_(None),
                )
            )
            if not exists_:
                session.add(CaseReviewYouth(case_id=youth_id, review_id=review_id, youth_id=youth_id, decision=""))

    def record_decision(self, *, review_id: str, youth_id: str, decision: str, by: Actor) -> None:
        """Write the decision taken for one youth; the meeting is then marked as held."""
        text = decision.strip()
        if not text:
            raise DomainError("Écrivez la décision prise pour ce jeune.")
        self._require(by, Action.CASE_VIEW, youth_id=youth_id)
        with self._ctx.write(by) as session:
            review = _review(session, review_id)
            row = session.scalars(
                select(CaseReviewYouth).where(
                    CaseReviewYouth.review_id == review_id,
                    CaseReviewYouth.youth_id == youth_id,
                    CaseReviewYouth.deleted_at.is_(None),
                )
            ).first()
            if row is None:
                raise NotFound("Ce jeune n'est pas inscrit à cette réunion de synthèse.")
            row.decision = text
            if not review.held:
                review.held = True

    def reviews(self, *, territory_id: str | None = None, youth_id: str | None = None) -> list[ReviewSummary]:
        """Case reviews, the coming ones first (then the past ones, newest first)."""
        today = self._ctx.today()
        with self._ctx.read() as session:
            stmt = (
                select(CaseReview, Territory.name)
                .join(Territory, Territory.id == CaseReview.territory_id)
                .where(CaseReview.deleted_at.is_(None))
            )
            if territory_id:
                stmt = stmt.where(CaseReview.territory_id == territory_id)
            if youth_id:
                stmt = stmt.where(
                    CaseReview.id.in_(
                        select(CaseReviewYouth.review_id).where(
                            CaseReviewYouth.youth_id == youth_id, CaseReviewYouth.deleted_at.is_(None)
                        )
                    )
                )
            rows = session.execute(stmt).all()
            counts: dict[str, tuple[int, int]] = {}
            for review_id, decision in session.execute(
                select(CaseReviewYouth.review_id, CaseReviewYouth.decision).where(
                    CaseReviewYouth.review_id.in_([r.id for r, _ in rows]), CaseReviewYouth.deleted_at.is_(None)
                )
            ):
                n, d = counts.get(review_id, (0, 0))
                counts[review_id] = (n + 1, d + (1 if decision.strip() else 0))
        upcoming = sorted((r for r in rows if r[0].planned_on >= today), key=lambda r: r[0].planned_on)
        past = sorted((r for r in rows if r[0].planned_on < today), key=lambda r: r[0].planned_on, reverse=True)
        return [
            ReviewSummary(r.id, r.planned_on, r.title, r.place, r.held, tname, *counts.get(r.id, (0, 0)))
            for r, tname in upcoming + past
        ]

    def review(self, *, review_id: str) -> ReviewDetail:
        with self._ctx.read() as session:
            review = _review(session, review_id)
            territory = session.get(Territory, review.territory_id)
            participants = list(
                session.scalars(
                    select(CaseReviewParticipant).where(
                        CaseReviewParticipant.review_id == review_id, CaseReviewParticipant.deleted_at.is_(None)
                    )
                )
            )
            youths = session.execute(
                select(CaseReviewYouth.youth_id, Youth.first_name, Youth.last_name, CaseReviewYouth.decision)
                .join(Youth, Youth.id == CaseReviewYouth.youth_id)
                .where(CaseReviewYouth.review_id == review_id, CaseReviewYouth.deleted_at.is_(None))
                .order_by(Youth.last_name_key, Youth.first_name_key)
            ).all()
            staff_rows = {
                sid: (f"{first} {last}", org_id)
                for sid, first, last, org_id in session.execute(
                    select(Staff.id, Staff.first_name, Staff.last_name, Staff.organisation_id).where(
                        Staff.id.in_({p.staff_id for p in participants if p.staff_id} | {review.organiser_id or ""})
                    )
                )
            }
            orgs = organisation_names(
                session,
                [p.organisation_id for p in participants] + [org for _, org in staff_rows.values()],
            )
        views = []
        for p in participants:
            if p.staff_id:
                name, org_id = staff_rows.get(p.staff_id, ("", None))
                views.append(ReviewParticipantView(p.id, name, orgs.get(org_id or "")))
            elif p.organisation_id:
                views.append(ReviewParticipantView(p.id, orgs.get(p.organisation_id, ""), None))
            else:
                views.append(ReviewParticipantView(p.id, p.full_name or "", None))
        return ReviewDetail(
            id=review.id,
            planned_on=review.planned_on,
            title=review.title,
            place=review.place,
            held=review.held,
            territory_id=review.territory_id,
            territory_name=territory.name if territory else "",
            organiser_name=staff_rows.get(review.organiser_id or "", (None, None))[0],
            participants=tuple(sorted(views, key=lambda v: v.name.casefold())),
            youths=tuple(ReviewYouthView(yid, f"{first} {last}", decision) for yid, first, last, decision in youths),
        )


def _review(session: LocalSession, review_id: str) -> CaseReview:
    review = session.get(CaseReview, review_id)
    if review is None or review.deleted_at is not None:
        raise NotFound("Cette réunion de synthèse n'existe plus.")
    return review
