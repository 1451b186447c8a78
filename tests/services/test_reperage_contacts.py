"""Contact attempts (issue 18): the staff of the youth's territory note their tries to reach a youth not yet met,
a youth who refused messages gets none, and someone is put in charge of reaching each youth."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import select

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.domain.reperage import ContactChannel, ContactOutcome
from pac_desktop.services.reperage import MessagesRefused
from pac_desktop.storage.models import AuditEvent, ContactAttempt, Organisation, OutboxEntry, Youth


@pytest.fixture
def team(loaded_services):
    s = loaded_services
    counsellor = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    referent = make_staff(s, "Rémi", "Testreferent")  # a referent of Tarbes, not this youth's
    elsewhere = make_staff(s, "Paul", "Testariege", org="cio-ariege", roles=(StaffRole.COUNSELLOR,))
    youth = make_youth(s, first="Léa", last="Testrepere")  # « repéré », no referent
    return s, counsellor, referent, elsewhere, youth


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def test_the_territorys_counsellors_and_referents_note_tries_on_a_youth_without_referent(team):
    s, counsellor, referent, _elsewhere, youth = team
    first = s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, attempted_at=_at(2), reached=False,
                                      answer="Messagerie, pas de message laissé.", next_action="Rappeler",
                                      next_action_due=date(2026, 3, 5), by=counsellor)
    second = s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.SMS, attempted_at=_at(5),
                                       by=referent)
    third = s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, attempted_at=_at(9, 16),
                                      reached=True, answer="D'accord pour venir le 20.",
                                      outcome=ContactOutcome.CAME_TO_INTAKE, by=counsellor)
    attempts = s.contacts.attempts(youth_id=youth, by=referent)
    assert [a.id for a in attempts] == [third, second, first]  # newest first
    newest, middle, oldest = attempts
    assert (oldest.staff_name, oldest.reached_label, oldest.next_action, oldest.next_action_due) == (
        "Inès Testconseil", "Non joint(e)", "Rappeler", date(2026, 3, 5))
    assert (middle.staff_name, middle.reached_label, middle.channel) == ("Rémi Testreferent", "Envoyé",
                                                                          ContactChannel.SMS)
    assert newest.outcome is ContactOutcome.CAME_TO_INTAKE and newest.answer == "D'accord pour venir le 20."
    # Each try is a row of the youth's file, waiting in the outbox for the server.
    with s.ctx.read() as session:
        queued = session.scalars(select(OutboxEntry.row_id).where(OutboxEntry.entity == "contact_attempt")).all()
    assert set(queued) == {first, second, third}


def test_another_territorys_staff_is_refused_and_the_refusal_audited(team):
    s, _counsellor, _referent, elsewhere, youth = team
    with pytest.raises(PermissionDenied, match="noter une prise de contact"):
        s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, by=elsewhere)
    with s.ctx.read() as session:
        assert session.scalar(select(ContactAttempt.id)) is None
        denial = session.scalars(select(AuditEvent).where(AuditEvent.action == "denied")).one()
    assert (denial.staff_id, denial.youth_id, denial.detail) == (elsewhere.staff_id, youth, "contact.record")


def test_a_youth_who_refused_messages_gets_no_sms_nor_email(team):
    s, counsellor, _referent, _elsewhere, youth = team
    assert not s.contacts.messages_refused(youth_id=youth)
    s.contacts.set_messages_refused(youth_id=youth, refused=True, by=counsellor)
    assert s.contacts.messages_refused(youth_id=youth)
    for channel in (ContactChannel.SMS, ContactChannel.EMAIL):
        with pytest.raises(MessagesRefused, match="a refusé de recevoir des messages"):
            s.contacts.record_attempt(youth_id=youth, channel=channel, automatic=True, by=counsellor)
    s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.LETTER, by=counsellor)  # a letter still goes
    assert [a.channel for a in s.contacts.attempts(youth_id=youth, by=counsellor)] == [ContactChannel.LETTER]


def test_the_refusal_of_messages_says_since_when_and_who_noted_it(team):
    s, counsellor, referent, _elsewhere, youth = team
    s.contacts.set_messages_refused(youth_id=youth, refused=True, by=counsellor)
    s.contacts.set_messages_refused(youth_id=youth, refused=True, by=referent)  # already noted: kept as it was
    (line,) = s.worklist.search(by=counsellor).rows
    assert (line.messages_refused, line.messages_refused_since, line.messages_refused_by) == (
        True, date(2026, 3, 12), "Inès Testconseil")
    case = s.casefile.case_file(youth_id=youth, by=counsellor)
    assert (case.messages_refused_since, case.messages_refused_by) == (date(2026, 3, 12), "Inès Testconseil")
    with s.ctx.read() as session:
        row = session.get(Youth, youth)
        assert (row.contact_opt_out_by, row.contact_opt_out_at.tzinfo is not None) == (counsellor.staff_id, True)
        # The date and the author travel with the refusal (one synced change of the youth).
        changes = session.scalars(select(OutboxEntry.fields).where(OutboxEntry.entity == "youth")).all()
    assert any('"contact_opt_out_by"' in f and '"contact_opt_out_at"' in f for f in changes)
    # Accepting messages again is dated too; the worklist then says nothing of a refusal.
    s.contacts.set_messages_refused(youth_id=youth, refused=False, by=referent)
    (line,) = s.worklist.search(by=counsellor).rows
    assert (line.messages_refused, line.messages_refused_since, line.messages_refused_by) == (False, None, None)
    with s.ctx.read() as session:
        assert session.get(Youth, youth).contact_opt_out_by == referent.staff_id


def test_what_a_try_must_hold(team):
    s, counsellor, _referent, _elsewhere, youth = team
    with pytest.raises(DomainError, match="dans le futur"):
        s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, attempted_at=_at(20), by=counsellor)
    with pytest.raises(DomainError, match="avant la prise de contact"):
        s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, attempted_at=_at(10),
                                  next_action="Rappeler", next_action_due=date(2026, 3, 9), by=counsellor)
    with pytest.raises(DomainError, match="clôt le repérage"):
        s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.CALL, attempted_at=_at(10),
                                  outcome=ContactOutcome.DECLINED, next_action="Rappeler", by=counsellor)
    with s.ctx.read() as session:
        assert session.scalar(select(ContactAttempt.id)) is None
        partner = session.scalar(select(Organisation.id).where(Organisation.code == "pjj-tarbes"))
    # Through a partner, the default time is now (the context's day).
    attempt = s.contacts.record_attempt(youth_id=youth, channel=ContactChannel.PARTNER,
                                        partner_organisation_id=partner, answer="L'éducatrice a transmis.",
                                        by=counsellor)
    (view,) = s.contacts.attempts(youth_id=youth, by=counsellor)
    assert view.id == attempt and view.partner_name and view.attempted_at.date() == date(2026, 3, 12)


def test_someone_is_put_in_charge_of_reaching_the_youth(team):
    s, counsellor, referent, elsewhere, youth = team
    other = make_youth(s, first="Hugo", last="Testrepere")
    assert s.contacts.assign(youth_ids=[youth, other], staff_id=referent.staff_id, by=counsellor) == 2
    assert s.contacts.assign(youth_ids=[youth, other], staff_id=referent.staff_id, by=counsellor) == 0
    with s.ctx.read() as session:
        assert set(session.scalars(select(Youth.contact_staff_id))) == {referent.staff_id}
    with pytest.raises(PermissionDenied):
        s.contacts.assign(youth_ids=[youth], staff_id=None, by=elsewhere)


def test_a_conflict_on_the_refusal_of_messages_is_said_in_french():
    from pac_desktop.services.sync import field_label

    assert [field_label(f) for f in ("contact_opt_out", "contact_opt_out_at", "contact_opt_out_by",
                                     "contact_staff_id")] == [
        "Ne souhaite plus être contacté·e", "Refus des messages : noté le", "Refus des messages : noté par",
        "Chargé(e) du contact"]
