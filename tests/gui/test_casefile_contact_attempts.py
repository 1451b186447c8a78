"""The case file shows the tries to reach the youth (issue 18, repérage) in its follow-up diary, newest first
among the follow-up entries, and the youth's refusal of messages in its header."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import pytest
from casefile_builders import make_staff, make_youth

from pac_desktop.domain.enums import FollowUpKind, StaffRole
from pac_desktop.domain.reperage import ContactChannel, ContactOutcome
from pac_desktop.gui.youths.case_file_window import CaseFileWindow

WAIT = 15_000


@pytest.fixture
def people(loaded_services):
    s = loaded_services
    referent = make_staff(s, "Rémi", "Testreferent", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    counsellor = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    youth_id = make_youth(s, first="Léa", last="Testcontacts", birth=date(2007, 3, 12), referent=referent,
                          intake_on=date(2026, 2, 2))  # fmt: skip
    return referent, counsellor, youth_id


def _open(qtbot, services, tasks, actor, youth_id) -> CaseFileWindow:
    window = CaseFileWindow(services=services, actor=actor, tasks=tasks, youth_id=youth_id,
                            ask_export=lambda *_: None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.case is not None, timeout=WAIT)
    return window


def _rows(window) -> list[list[str]]:
    model = window.timeline_model
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_contact_attempts_and_the_refusal_of_messages_show_in_the_case_file(qtbot, loaded_services, tasks, people):
    s = loaded_services
    referent, counsellor, youth_id = people
    s.casefile.add_follow_up(youth_id=youth_id, kind=FollowUpKind.INTERVIEW, occurred_on=date(2026, 3, 4),
                             note="Point sur la recherche de stage.", by=referent)
    s.contacts.record_attempt(youth_id=youth_id, channel=ContactChannel.CALL,
                              attempted_at=datetime(2026, 3, 2, 9, tzinfo=UTC), reached=False,
                              answer="Messagerie.", next_action="Rappeler", next_action_due=date(2026, 3, 5),
                              by=counsellor)
    s.contacts.record_attempt(youth_id=youth_id, channel=ContactChannel.SMS,
                              attempted_at=datetime(2026, 3, 9, 15, tzinfo=UTC), reached=True,
                              answer="Ne veut plus de SMS.", outcome=ContactOutcome.DECLINED, by=referent)
    window = _open(qtbot, s, tasks, referent, youth_id)
    assert not window.messages_refused_label.isVisible()
    rows = _rows(window)
    assert [r[0] for r in rows] == ["9 mars 2026", "4 mars 2026", "2 mars 2026"], rows  # newest first, merged
    assert rows[0][1] == "Prise de contact — SMS"
    assert "Joint(e)" in rows[0][2] and "Ne veut plus de SMS." in rows[0][2] and "Issue : A décliné" in rows[0][2]
    assert rows[0][3] == "Rémi Testreferent"
    assert rows[1][1] == FollowUpKind.INTERVIEW.label
    assert rows[2][1] == "Prise de contact — Appel téléphonique"
    assert "Non joint(e)" in rows[2][2] and "Prochaine action : Rappeler" in rows[2][2]
    assert rows[2][3] == "Inès Testconseil"
    assert not window.ui.timeline_empty_label.isVisible()
    # The try that reached her is the last contact, not the interview before it.
    assert "(9 mars 2026)" in window.ui.last_contact_label.text(), window.ui.last_contact_label.text()

    s.contacts.set_messages_refused(youth_id=youth_id, refused=True, by=counsellor)
    qtbot.waitUntil(lambda: window.case.messages_refused, timeout=WAIT)  # the change is read again
    assert window.messages_refused_label.isVisible()
    # Since when, and who noted it (the services run on 12 March 2026).
    assert window.messages_refused_label.text() == "Ne souhaite plus être contacté·e depuis le 12/03/2026"
    assert "Refus noté le 12/03/2026 par Inès Testconseil." in window.messages_refused_label.toolTip()
    # Laid out whole beside the name (the date is not cut off).
    label = window.messages_refused_label
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width(), timeout=WAIT)
    window.ui.tabs.setCurrentWidget(window.ui.follow_up_tab)
    if shots := os.environ.get("PAC_SCREENSHOTS"):
        os.makedirs(shots, exist_ok=True)
        window.grab().save(os.path.join(shots, "case_file_contact_attempts.png"))


def test_a_colleague_who_may_read_the_file_sees_the_attempts_too(qtbot, loaded_services, tasks, people):
    s = loaded_services
    referent, counsellor, youth_id = people
    s.contacts.record_attempt(youth_id=youth_id, channel=ContactChannel.LETTER,
                              attempted_at=datetime(2026, 3, 3, 9, tzinfo=UTC), by=referent)
    colleague = make_staff(s, "Nadia", "Testcollegue", roles=(StaffRole.REFERENT, StaffRole.COUNSELLOR))
    window = _open(qtbot, s, tasks, colleague, youth_id)
    rows = _rows(window)
    assert [r[1] for r in rows] == ["Prise de contact — Courrier"]
    assert rows[0][2].startswith("Envoyé")
