"""The shared analysis: notes per section and barriers."""

from __future__ import annotations

from sqlalchemy import select

from pac_desktop.domain.enums import (
    AnalysisSection,
    Barrier,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.storage.base import utcnow
from pac_desktop.storage.models import (
    AnalysisNote,
    IntakeBarrier,
)
from pac_desktop.storage.outbox import tombstone

from ..context import Actor
from .base import IntakeServiceBase
from .rows import _editable, _is_counsellor_of
from .views import SaveResult


class AnalysisSteps(IntakeServiceBase):
    """The shared analysis: notes and barriers."""

    # ---- stage 1 ----------------------------------------------------------------------------

    def save_note(
        self,
        *,
        intake_id: str,
        note_id: str,
        section: AnalysisSection,
        author_staff_id: str,
        text: str,
        by: Actor,
    ) -> SaveResult:
        """Create or update the note ``note_id`` (an id the caller chose), attributed to its author.

        The author must be a counsellor taking part in the intake. A note keeps its author and section.
        """
        section = AnalysisSection(section)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            note = session.get(AnalysisNote, note_id)
            if note is None:
                if not _is_counsellor_of(session, intake.id, author_staff_id):
                    raise DomainError(
                        "L'auteur de la note doit être un des conseillers de l'accueil : "
                        "choisissez qui parle parmi les pastilles en haut de l'étape 1."
                    )
                session.add(
                    AnalysisNote(
                        id=note_id,
                        case_id=intake.case_id,
                        intake_id=intake.id,
                        section=section,
                        author_staff_id=author_staff_id,
                        text=text,
                    )
                )
            else:
                if note.intake_id != intake.id or note.deleted_at is not None:
                    raise NotFound("Cette note n'existe plus : rouvrez l'accueil.")
                if note.author_staff_id != author_staff_id or note.section != section:
                    raise DomainError("Une note garde son auteur et sa rubrique : écrivez une nouvelle note.")
                if note.text != text:
                    note.text = text
            return SaveResult(saved_at=utcnow())

    def edit_note(self, *, note_id: str, text: str, by: Actor) -> SaveResult:
        self._require_edit(by, row=(AnalysisNote, note_id))
        with self._ctx.write(by) as session:
            note = session.get(AnalysisNote, note_id)
            if note is None or note.deleted_at is not None:
                raise NotFound("Cette note n'existe plus : rouvrez l'accueil.")
            _editable(session, note.intake_id)
            if note.text != text:
                note.text = text
            return SaveResult(saved_at=utcnow())

    def set_barrier(self, *, intake_id: str, barrier: Barrier, checked: bool, by: Actor) -> SaveResult:
        """Tick or untick a barrier of the checklist (unticking tombstones the row)."""
        barrier = Barrier(barrier)
        self._require_edit(by, intake_id=intake_id)
        with self._ctx.write(by) as session:
            intake = _editable(session, intake_id)
            rows = session.scalars(
                select(IntakeBarrier).where(
                    IntakeBarrier.intake_id == intake.id,
                    IntakeBarrier.barrier == barrier,
                    IntakeBarrier.deleted_at.is_(None),
                )
            ).all()
            if checked and not rows:
                session.add(IntakeBarrier(case_id=intake.case_id, intake_id=intake.id, barrier=barrier))
            elif not checked:
                for row in rows:
                    tombstone(row)
            return SaveResult(saved_at=utcnow())
