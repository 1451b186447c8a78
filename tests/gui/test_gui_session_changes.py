"""Changing a planned session in the « Séances » area (issue 18), through the real widgets (offscreen) on a real
store: move it (the youths told by a real local SMTP server), cancel it with a reason, move a youth to another
slot, remove one; the reminders sent by themselves on the reminder day, once, a failure shown on the youth's
line."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fit_helpers import mnemonic_clashes
from gui_helpers import save_shot
from messaging_servers import free_port, smtp_server
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox
from session_builders import make_session

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.intake_sessions import InvitationStatus
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.services.registry import Services

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
WAIT = 15_000


def _window(services, actor, tasks):
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.sessions_page import SESSIONS_AREA, add_sessions_area

    window = MainWindow(actor=actor, tasks=tasks)
    page = add_sessions_area(window, services, actor, tasks=tasks, open_intake=lambda _id: None)
    page._show_document = lambda _d: None
    window.resize(1366, 768)
    window.show()
    window.show_area(SESSIONS_AREA)
    return window, page


def _dialog(qtbot, page):
    qtbot.waitUntil(lambda: page.current_dialog is not None and page.current_dialog.isVisible(), timeout=WAIT)
    dialog = page.current_dialog
    page.current_dialog = None
    return dialog


def _ok(dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def _smtp(s, made, box, *, port: int | None = None) -> None:
    s.messaging_settings.set_smtp(
        organisation_id=made.team.admin.organisation_id, password="mdp-2026", by=made.team.admin,
        settings=SmtpSettings(host=box.host, port=port or box.port, security="none", username="cio-tarbes",
                              sender_address="accueil@cio-exemple.fr"))


def test_move_then_cancel_a_session_and_tell_the_youths(qtbot, loaded_services, tasks, themed):
    s = loaded_services
    made = make_session(s)
    window, page = _window(s, made.team.lead, tasks)
    qtbot.waitUntil(lambda: page.slots_model.rowCount() == 4 and page.ui.edit_button.isEnabled(), timeout=WAIT)
    assert mnemonic_clashes(window) == []

    with smtp_server(login=("cio-tarbes", "mdp-2026")) as box:
        _smtp(s, made, box)
        page.ui.edit_button.click()
        dialog = _dialog(qtbot, page)
        assert dialog.ui.date_edit.text() == "17/03/2026" and dialog.ui.time_edit.time() == QTime(14, 0)
        assert dialog.ui.place_edit.text() == "CIO de Tarbes, salle Garonne"
        assert dialog.role_combos[IntakeRole.ML_COUNSELLOR].currentData() == \
            made.team.counsellors[IntakeRole.ML_COUNSELLOR].staff_id
        assert dialog.ui.notify_check.isVisible() and dialog.ui.notify_check.isChecked()
        save_shot(dialog, "session-edit-dialog.png")
        dialog.ui.date_edit.setText("19/03/2026")
        dialog.ui.time_edit.setTime(QTime(9, 30))
        dialog.ui.place_edit.setText("CIO de Tarbes, salle 4")
        dialog.role_combos[IntakeRole.ML_COUNSELLOR].setCurrentIndex(0)  # « à désigner »
        with qtbot.waitSignal(page.reminders_sent, timeout=30_000):
            _ok(dialog)
        qtbot.waitUntil(lambda: page.ui.detail_title_label.text() == "Séance du 19 mars 2026 à 9 h 30", timeout=WAIT)
        status = page.ui.status_label.text()
        assert status.startswith("Séance modifiée. Messages : 2 envoyés"), status  # Léa and Zoé by e-mail
        assert sorted(m["To"] for m in box.messages) == ["lea.testfictive@exemple.fr", "zoe.fictive@exemple.fr"]
        assert "à désigner : Conseiller Mission Locale" in page.ui.team_label.text()
        assert "salle 4" in page.ui.detail_info_label.text()

        page.ui.cancel_session_button.click()
        cancel = _dialog(qtbot, page)
        assert "3 jeunes y sont attendus" in cancel.ui.intro_label.text()
        _ok(cancel)
        qtbot.waitUntil(cancel.ui.error_label.isVisible, timeout=WAIT)
        assert "motif" in cancel.ui.error_label.text()
        cancel.ui.reason_edit.setText("Salle indisponible")
        save_shot(cancel, "session-cancel-dialog.png")
        with qtbot.waitSignal(page.reminders_sent, timeout=30_000):
            _ok(cancel)
        qtbot.waitUntil(lambda: page.ui.detail_title_label.text().endswith("— annulée"), timeout=WAIT)
    status = page.ui.status_label.text()
    assert status.startswith("Séance annulée. 3 jeunes sont « À reconvoquer » dans Repérage."), status
    assert "Messages : 2 envoyés" in status
    assert re.search(r"Annulée le \d\d/\d\d/\d{4} par .+ : Salle indisponible", page.ui.detail_info_label.text())
    cancelled = [m for m in box.messages if "Annulation" in m["Subject"]]
    assert len(cancelled) == 2 and "Motif : Salle indisponible" in cancelled[0].get_body(("plain",)).get_content()
    for button in (page.ui.edit_button, page.ui.cancel_session_button, page.ui.move_button, page.ui.remove_button,
                   page.ui.invite_button, page.ui.remind_button):
        assert not button.isEnabled(), button.objectName()
    for youth_id in made.youths.values():  # (the worklist itself: tests/messaging/test_session_changes.py)
        assert "À reconvoquer" in {a.next_action for a in s.contacts.attempts(youth_id=youth_id, by=made.team.lead)}
    save_shot(window, "sessions-cancelled.png")
    window.close()


def test_a_cancelled_session_prints_the_letters_for_who_no_message_reaches(qtbot, loaded_services, tasks, themed):
    from pypdf import PdfReader

    s = loaded_services
    made = make_session(s)  # Léa (e-mail, mobile), Noé (mobile only), Zoé (e-mail only)
    s.contacts.set_messages_refused(youth_id=made.youths["Noé"], refused=True, by=made.team.lead)
    window, page = _window(s, made.team.lead, tasks)
    qtbot.waitUntil(lambda: page.slots_model.rowCount() == 4 and page.ui.cancel_session_button.isEnabled(),
                    timeout=WAIT)
    assert page.ui.convocations_button.text() == "Convocation&s (PDF)"
    page.ui.cancel_session_button.click()
    cancel = _dialog(qtbot, page)
    # Noé refused messages: the letters are offered, ticked; the others get the e-mail and SMS.
    assert cancel.ui.letters_check.isVisible() and cancel.ui.letters_check.isChecked()
    assert "1 jeune sans courriel ni portable ou qui refuse les messages" in cancel.ui.letters_check.toolTip()
    assert mnemonic_clashes(cancel) == []
    cancel.ui.reason_edit.setText("Salle indisponible")
    save_shot(cancel, "session-cancel-letters.png")
    with qtbot.waitSignal(page.document_ready, timeout=30_000) as ready:
        _ok(cancel)
    letters = ready.args[0]
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(letters.path).pages]
    assert letters.kind == "cancellation_letters" and len(pages) == 1
    assert "Bonjour Noé," in pages[0] and "Motif : Salle indisponible." in pages[0]
    assert "annulation de votre accueil commun du mardi 17 mars 2026 à 15 h 30" in pages[0]
    # On demand afterwards: the same button now prints every youth's letter.
    qtbot.waitUntil(lambda: page.ui.detail_title_label.text().endswith("— annulée")
                    and page.ui.convocations_button.isEnabled(), timeout=WAIT)
    assert page.ui.convocations_button.text() == "Lettre&s d'annulation (PDF)"
    with qtbot.waitSignal(page.document_ready, timeout=30_000) as ready:
        page.ui.convocations_button.click()
    assert ready.args[0].pages == 3
    save_shot(window, "sessions-cancelled-letters.png")
    window.close()


def test_the_letters_button_follows_the_cancellations_rule(qtbot, loaded_services, tasks, themed):
    """Every invitation was withdrawn before the session was cancelled: nobody was told by its cancellation, so
    the « Lettres d'annulation » button stays off, as cancellations() would refuse (it used to be on)."""
    s = loaded_services
    made = make_session(s)
    for invitation_id in made.invitations.values():
        s.intake_sessions.set_invitation_status(invitation_id=invitation_id, status=InvitationStatus.CANCELLED,
                                                by=made.team.lead)
    s.intake_sessions.cancel_session(session_id=made.session_id, reason="Salle indisponible", by=made.team.lead)
    window, page = _window(s, made.team.lead, tasks)
    qtbot.waitUntil(lambda: page.ui.detail_title_label.text().endswith("— annulée"), timeout=WAIT)
    assert page.ui.convocations_button.text() == "Lettre&s d'annulation (PDF)"
    assert not page.ui.convocations_button.isEnabled()
    assert "Annulée le 12/03/2026 par " in page.ui.detail_info_label.text()
    assert page.ui.detail_info_label.text().endswith(" : Salle indisponible")
    window.close()


def test_move_a_youth_to_another_slot_and_remove_one(qtbot, loaded_services, tasks, themed):
    s = loaded_services
    made = make_session(s)
    window, page = _window(s, made.team.lead, tasks)
    qtbot.waitUntil(lambda: page.slots_model.rowCount() == 4, timeout=WAIT)
    page.ui.slots_view.selectRow(0)  # Léa, 14 h 00
    assert page.ui.move_button.isEnabled() and page.ui.remove_button.isEnabled()
    page.ui.move_button.click()
    dialog = _dialog(qtbot, page)
    assert [dialog.ui.slot_combo.itemText(i) for i in range(dialog.ui.slot_combo.count())] == ["18 h 30"]
    save_shot(dialog, "session-move-dialog.png")
    # The newest session shown (a load already in flight, after a change announcement, may come first).
    shown = []
    page.session_loaded.connect(shown.append)
    _ok(dialog)
    qtbot.waitUntil(lambda: bool(shown) and shown[-1].slots[3].youth_name == "Léa Testfictive", timeout=WAIT)
    assert shown[-1].slots[0].invitation_id is None
    qtbot.waitUntil(lambda: page.slots_model.index(3, 1).data() == "Léa Testfictive, 17 ans", timeout=WAIT)

    page.ui.slots_view.selectRow(1)  # Noé
    page.ui.remove_button.click()
    qtbot.waitUntil(lambda: shown[-1].slots[1].invitation_id is None, timeout=WAIT)
    assert [(v.youth_name, v.status) for v in shown[-1].released] == [
        ("Noé Dûpré-Fictif", InvitationStatus.CANCELLED)]
    assert "retiré(e) de la séance" in page.ui.status_label.text()
    window.close()


def test_the_reminders_go_by_themselves_once_and_a_failure_is_shown(qtbot, store, loaded_services, tasks, themed):
    from pac_desktop.gui.sessions_page import ReminderScheduler

    s = loaded_services
    made = make_session(s)
    eve = Services.build(store, today=lambda: date(2026, 3, 16))  # the day before the session
    window, page = _window(eve, made.team.lead, tasks)
    qtbot.waitUntil(lambda: page.slots_model.rowCount() == 4, timeout=WAIT)
    scheduler = ReminderScheduler(services=eve, actor=made.team.lead, tasks=tasks, first_ms=3_600_000, parent=page)
    page.set_scheduler(scheduler)
    with smtp_server(login=("cio-tarbes", "mdp-2026")) as box:
        _smtp(s, made, box, port=free_port())  # a server that does not answer
        with qtbot.waitSignal(scheduler.ran, timeout=30_000) as ran:
            scheduler.tick()
        assert {r.outcome.value for r in ran.args[0].results} == {"failed"}
        qtbot.waitUntil(lambda: "non envoyé" in (page.slots_model.index(0, 4).data() or ""), timeout=WAIT)
        assert "courriel non envoyé : " in page.slots_model.index(0, 4).data()
        assert "ne répond pas" in page.slots_model.index(0, 4).data()
        save_shot(window, "sessions-reminder-failed.png")
        _smtp(s, made, box)  # the server is back: the next tick sends
        with qtbot.waitSignal(scheduler.ran, timeout=30_000) as ran:
            scheduler.tick()
        assert [r.outcome.value for r in ran.args[0].results] == ["sent", "sent"]
        qtbot.waitUntil(lambda: (page.slots_model.index(0, 4).data() or "").startswith("courriel 16/03"),
                        timeout=WAIT)
        assert "non envoyé" not in page.slots_model.index(0, 4).data()
        with qtbot.waitSignal(scheduler.ran, timeout=30_000) as ran:
            scheduler.tick()  # the next tick: nothing more
        assert ran.args[0].results == ()
    assert len(box.messages) == 2
    assert "rappels automatiques de" in page.ui.detail_info_label.text()
    save_shot(window, "sessions-reminders-automatic.png")
    window.close()
