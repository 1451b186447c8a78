"""The consent to share (issue 13) through the intake service: its states, dated and naming who recorded them;
a refusal ends the intake and its content, never shared, is purged after the kept period; a withdrawal is recorded
as a new state; the guardian named at the consent step is the case file's legal guardian."""

from __future__ import annotations

from datetime import timedelta

import pytest
from intake_builders import fill_until_validation, make_team, new_youth
from pypdf import PdfReader
from sqlalchemy import select

from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.enums import AnalysisSection, ConsentKind, FollowUpKind, IntakeState
from pac_desktop.domain.errors import DomainError
from pac_desktop.storage.models import AnalysisNote, AuditEvent, OutboxEntry
from pac_desktop.sync.consent_hold import shareable_entries

SECRET = "Suivi de santé confidentiel"


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _note(services, team, intake_id: str) -> None:
    services.intake.save_note(intake_id=intake_id, note_id=f"{intake_id[:8]}-0000-4000-8000-00000000000a",
                              section=AnalysisSection.HEALTH, author_staff_id=team.lead.staff_id, text=SECRET,
                              by=team.lead)


def _shareable(store) -> set[str]:
    with store.session_factory() as s:
        return {e.entity for e in shareable_entries(s, limit=10_000)}


def test_a_refusal_ends_the_intake_and_its_content_goes_after_the_kept_period(loaded_services, team, store):
    s = loaded_services
    intake_id = s.intake.start(youth_id=new_youth(s, team), by=team.lead)
    _note(s, team, intake_id)
    assert "analysis_note" not in _shareable(store)  # not yet asked: the note waits on this computer
    s.intake.record_consent(intake_id=intake_id, kind=ConsentKind.YOUTH, state=ConsentState.REFUSED,
                            collected_by=team.lead.staff_id, reason="Ne souhaite pas que ses informations circulent",
                            by=team.lead)
    detail = s.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.state == IntakeState.CANCELLED
    assert "Refus du partage" in detail.cancel_reason and "circulent" in detail.cancel_reason
    consent = detail.consent(ConsentKind.YOUTH)
    assert consent.state is ConsentState.REFUSED and not consent.given
    assert consent.recorded_by_name == team.lead.display_name and consent.recorded_at is not None
    assert "analysis_note" not in _shareable(store) and "consent" in _shareable(store)
    status = s.sync.status()  # the waiting content is counted apart, not as changes waiting for the network
    assert status.waiting_for_consent >= 2 and status.pending >= 1

    # Kept 30 days (the setting), then the retention purge removes the content; the youth stays.
    today = s.ctx.today()
    assert s.retention.plan(actor=team.admin).refused_content == ()
    s.ctx.today = lambda: today + timedelta(days=31)
    plan = s.retention.plan(actor=team.admin)
    assert plan.refused_content == (detail.youth.id,)
    report = s.retention.purge(actor=team.admin, youth_ids=[])
    assert report.refused_content_rows >= 2  # the note, and the participants of the team
    with store.session_factory() as session:
        assert session.scalars(select(AnalysisNote).where(AnalysisNote.deleted_at.is_(None))).all() == []
        waiting = session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "analysis_note")).all()
        assert waiting == []  # never shared: nothing to tell the server
    assert s.retention.plan(actor=team.admin).refused_content == ()


def test_a_withdrawal_is_a_new_state_and_the_guardian_is_the_case_files(loaded_services, team, store, tmp_path):
    s = loaded_services
    youth_id = new_youth(s, team)
    intake_id = s.intake.start(youth_id=youth_id, by=team.lead)
    fill_until_validation(s, team, intake_id)
    s.intake.record_consent(intake_id=intake_id, kind=ConsentKind.GUARDIAN, given=True, collected_by=team.lead.staff_id,
                            guardian_name="Mme Parent-Fictif", guardian_relationship="mère", by=team.lead)
    for member in team.members:
        s.intake.validate(intake_id=intake_id, staff_id=member.staff_id, by=member)
    referent = team.referents[0]
    case = s.casefile.case_file(youth_id=youth_id, by=referent)
    assert [(g.full_name, g.relationship) for g in case.guardians] == [("Mme Parent-Fictif", "mère")]
    lead = team.lead.display_name
    assert case.consents[0].startswith("Accord du jeune : donné le") and f"recueilli par {lead}" in case.consents[0]
    assert case.consents[1].startswith("Accord du représentant légal (Mme Parent-Fictif, mère) : donné le")
    # The session summary prints it: who, when, for whom, the guardian and their link.
    printed = s.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "fiche.pdf", actor=team.lead)
    text = " ".join(PdfReader(printed.path).pages[i].extract_text() for i in range(len(PdfReader(printed.path).pages)))
    text = " ".join(text.split())
    assert "Accord de partage du dossier" in text
    assert "Accord du représentant légal (Mme Parent-Fictif, mère)" in text and "Donné le 12 mars 2026" in text
    assert f"recueilli par {lead}" in text

    with pytest.raises(DomainError):
        s.intake.record_consent(intake_id=intake_id, kind=ConsentKind.YOUTH, state=ConsentState.WITHDRAWN,
                                by=team.lead)
    s.intake.withdraw_consent(youth_id=youth_id, reason="Le jeune le demande", by=referent)
    detail = s.intake.intake_detail(intake_id=intake_id, by=team.lead)
    assert detail.consent(ConsentKind.YOUTH).state is ConsentState.WITHDRAWN
    assert detail.consent(ConsentKind.GUARDIAN).state is ConsentState.WITHDRAWN
    assert detail.consent(ConsentKind.YOUTH).recorded_by_name == referent.display_name
    with store.session_factory() as session:
        (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "consent_withdrawn")).all()
        assert event.staff_id == referent.staff_id and event.youth_id == youth_id
    # From now on the file's content stays on this computer.
    s.casefile.add_follow_up(youth_id=youth_id, kind=FollowUpKind.CALL, occurred_on=s.ctx.today(), note="Appel",
                             by=referent)
    assert "follow_up_event" not in _shareable(store)
    with pytest.raises(DomainError, match="pas d'accord"):
        s.intake.withdraw_consent(youth_id=youth_id, by=referent)
