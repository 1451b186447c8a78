"""The committee's pack: the intakes of a period, pseudonymised."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pac_desktop import reports  # its renderers import ReportLab when first called
from pac_desktop.domain.enums import (
    IntakeState,
)
from pac_desktop.reports.model import (
    CommitteePack,
    SessionSummary,
)
from pac_desktop.security.roles import Action
from pac_desktop.storage.models import (
    JointIntake,
)

from ..context import Actor
from ..intake.read_model import read_intakes
from .base import DocumentKind, DocumentsServiceBase, PrintedDocument, Progress, _check_cancel, _check_period, _half
from .rows import _get_territory, _Lookup
from .summary import _build_summary


class CommitteePacks(DocumentsServiceBase):
    """The committee's pack (pseudonymised)."""

    def committee_pack(
        self,
        *,
        territory_code: str,
        date_from: date,
        date_to: date,
        pseudonymised: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> CommitteePack:
        """The validated intakes held in the territory during the period, one summary each, by date."""
        _check_period(date_from, date_to)
        with self._ctx.read() as session:
            territory = _get_territory(session, territory_code)
            intakes = session.scalars(
                select(JointIntake)
                .where(
                    JointIntake.territory_id == territory.id,
                    JointIntake.state == IntakeState.VALIDATED,
                    JointIntake.held_on >= date_from,
                    JointIntake.held_on <= date_to,
                    JointIntake.deleted_at.is_(None),
                )
                .order_by(JointIntake.held_on, JointIntake.validated_at, JointIntake.id)
            ).all()
            lookup = _Lookup(session)
            letterhead = lookup.letterhead(territory.id)
            generated_at = self._clock()
            sessions: list[SessionSummary] = []
            details = read_intakes(session, intakes, self._ctx.today())
            for done, (intake, detail) in enumerate(zip(intakes, details, strict=True)):
                _check_cancel(cancel)
                sessions.append(
                    _build_summary(
                        session,
                        intake,
                        lookup=lookup,
                        letterhead=letterhead,
                        generated_at=generated_at,
                        pseudonymised=pseudonymised,
                        today=self._ctx.today(),
                        detail=detail,
                    )
                )
                if progress:
                    progress(done + 1, len(intakes))
            return CommitteePack(
                territory_id=territory.id,
                territory_code=territory.code,
                territory_name=territory.name,
                letterhead=letterhead,
                generated_at=generated_at,
                date_from=date_from,
                date_to=date_to,
                pseudonymised=pseudonymised,
                sessions=tuple(sessions),
            )

    def print_committee_pack(
        self,
        *,
        territory_code: str,
        date_from: date,
        date_to: date,
        path: Path,
        actor: Actor | str | None,
        pseudonymised: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> PrintedDocument:
        """The committee pack as a PDF: progress runs over building (first half) then laying out (second)."""
        territory_id = self._territory_id(territory_code)
        self._require(actor, (Action.COMMITTEE_VIEW,), territory_id=territory_id, entity="territory",
                      entity_id=territory_id)
        pack = self.committee_pack(
            territory_code=territory_code,
            date_from=date_from,
            date_to=date_to,
            pseudonymised=pseudonymised,
            progress=_half(progress, 0),
            cancel=cancel,
        )
        return self._print(
            path,
            actor,
            lambda out: reports.render_committee_pack(pack, out, progress=_half(progress, 1), cancel=cancel),
            kind=DocumentKind.COMMITTEE_PACK,
            title="Dossier du comité technique local",
            entity="territory",
            entity_id=pack.territory_id,
            youth_id=None,
            territory_id=pack.territory_id,
            detail={
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "pseudonymised": int(pseudonymised),
                "sessions": len(pack.sessions),
            },
            # Each youth's own trail shows that their summary was printed in this pack.
            per_youth=[(s.intake_id, s.youth_id) for s in pack.sessions],
        )
