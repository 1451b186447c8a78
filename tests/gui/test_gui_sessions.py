"""The « Séances » area (issue 18), through the real widgets (offscreen) on a real store: plan a session with the
territory's team, invite two youths, print the convocations (read back), mark one as declined, and on the
session's day open a slot as an intake."""

from __future__ import annotations

from datetime import date

import pytest
from fit_helpers import mnemonic_clashes
from gui_helpers import save_shot
from intake_builders import make_team, new_youth
from pypdf import PdfReader
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox

from pac_desktop.domain.enums import IntakeRole
from pac_desktop.domain.intake_sessions import InvitationStatus

WAIT = 15_000


def _window(services, actor, tasks, opened: list[str]):
    from pac_desktop.gui.main_window import MainWindow
    from pac_desktop.gui.sessions_page import add_sessions_area

    window = MainWindow(actor=actor, tasks=tasks)
    documents: list[object] = []
    page = add_sessions_area(window, services, actor, tasks=tasks, open_intake=opened.append)
    page._show_document = documents.append  # the preview dialog is tested elsewhere: keep the document
    window.resize(1366, 768)
    window.show()
    return window, page, documents


def _ok(dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def _dialog(qtbot, page):
    qtbot.waitUntil(lambda: page.current_dialog is not None and page.current_dialog.isVisible(), timeout=WAIT)
    dialog = page.current_dialog
    page.current_dialog = None
    return dialog


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services)


def test_plan_invite_print_and_open_on_the_day(qtbot, loaded_services, tasks, team, store, themed):
    from pac_desktop.gui.sessions_page import SESSIONS_AREA
    from pac_desktop.services.registry import Services

    s = loaded_services
    lea = new_youth(s, team)
    tom = new_youth(s, team, first="Tom", last="Essaifictif", birth=date(2006, 4, 2))
    opened: list[str] = []
    window, page, documents = _window(s, team.lead, tasks, opened)
    window.show_area(SESSIONS_AREA)
    qtbot.waitUntil(lambda: page.ui.sessions_empty_label.isVisible(), timeout=WAIT)

    page.ui.plan_button.click()
    dialog = _dialog(qtbot, page)
    assert set(dialog.role_combos) == set(IntakeRole)  # Tarbes: four roles
    lead_combo = dialog.role_combos[IntakeRole.CIO_PSYCHOLOGIST]
    assert lead_combo.currentData() == team.lead.staff_id  # the counsellor planning it, in their own role
    for role, combo in dialog.role_combos.items():
        combo.setCurrentIndex(combo.findData(team.counsellors[role].staff_id))
    dialog.ui.date_edit.setText("17/03/2026")
    dialog.ui.time_edit.setTime(QTime(14, 0))
    dialog.ui.slots_spin.setValue(3)
    dialog.ui.minutes_spin.setValue(60)
    dialog.ui.place_edit.setText("")
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.ui.error_label.isVisible(), timeout=WAIT)
    assert "lieu" in dialog.ui.error_label.text()  # nothing lost: the dialog stays with what was typed
    dialog.ui.place_edit.setText("CIO de Tarbes, salle Garonne")
    with qtbot.waitSignal(page.session_loaded, timeout=WAIT) as loaded:
        _ok(dialog)
    detail = loaded.args[0]
    assert detail.label == "Séance du 17 mars 2026 à 14 h 00" and len(detail.slots) == 3
    assert page.slots_model.index(0, 1).data() == "libre"

    for first in ("Léa", "Tom"):
        page.ui.invite_button.click()
        invite = _dialog(qtbot, page)
        qtbot.waitUntil(lambda d=invite: d.youths_model.rowCount() >= 2, timeout=WAIT)
        invite.ui.search_edit.setText(first)
        qtbot.waitUntil(lambda d=invite: d.youths_model.rowCount() == 1, timeout=WAIT)
        invite.youths_model.set_checked(lea if first == "Léa" else tom, True)
        with qtbot.waitSignal(page.session_loaded, timeout=WAIT) as loaded:
            _ok(invite)
    detail = loaded.args[0]
    assert [v.youth_name for v in detail.slots] == ["Léa Testfictive", "Tom Essaifictif", None]
    assert page.slots_model.index(0, 1).data() == "Léa Testfictive, 17 ans"
    assert not page.ui.open_intake_button.isEnabled()  # not the day yet

    with qtbot.waitSignal(page.document_ready, timeout=WAIT) as ready:
        page.ui.convocations_button.click()
    letters = PdfReader(str(ready.args[0].path))
    assert len(letters.pages) == 2 and "Bonjour Léa," in letters.pages[0].extract_text()
    page.ui.slots_view.selectRow(1)
    with qtbot.waitSignal(page.session_loaded, timeout=WAIT):
        page.ui.decline_button.click()
    assert page.slots_model.index(1, 1).data() == "libre"  # Tom's slot is free again...
    assert page.slots_model.index(3, 1).data() == "Tom Essaifictif, 19 ans"  # ...and he is listed apart
    assert page.slots_model.index(3, 3).data() == "Ne viendra pas"
    save_shot(window, "sessions.png")
    assert mnemonic_clashes(window) == []

    # The session's day: the slot opens as an intake, with the session's team.
    day = Services.build(store, today=lambda: date(2026, 3, 17))
    window.close()
    window2, page2, _ = _window(day, team.lead, tasks, opened)
    window2.show_area(SESSIONS_AREA)
    qtbot.waitUntil(lambda: page2.slots_model.rowCount() == 4, timeout=WAIT)
    page2.ui.slots_view.selectRow(0)
    assert page2.ui.open_intake_button.isEnabled()
    with qtbot.waitSignal(page2.intake_opened, timeout=WAIT) as intake:
        page2.ui.open_intake_button.click()
    assert opened == [intake.args[0]]
    qtbot.waitUntil(lambda: page2.slots_model.rowCount() == 4 and page2.slots_model.line(0).status
                    is InvitationStatus.OPENED, timeout=WAIT)
    window2.close()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_send_the_reminders_from_the_page(qtbot, loaded_services, tasks, themed):
    from messaging_servers import smtp_server
    from session_builders import make_session

    from pac_desktop.gui.sessions_page import SESSIONS_AREA
    from pac_desktop.messaging.mail import SmtpSettings

    s = loaded_services
    made = make_session(s)
    window, page, _ = _window(s, made.team.lead, tasks, [])
    window.show_area(SESSIONS_AREA)
    qtbot.waitUntil(lambda: page.slots_model.rowCount() == 4 and page.ui.remind_button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(page.reminders_sent, timeout=30_000) as sent:
        page.ui.remind_button.click()  # nothing set up yet: said in French, nothing sent
    assert "Administration › Messagerie" in page.ui.status_label.text()
    assert all(r.outcome.value == "skipped" for r in sent.args[0].results)
    with smtp_server(login=("cio-tarbes", "mdp-2026")) as box:
        s.messaging_settings.set_smtp(
            organisation_id=made.team.admin.organisation_id, password="mdp-2026", by=made.team.admin,
            settings=SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                                  sender_address="accueil@cio-exemple.fr"))
        qtbot.waitUntil(page.ui.remind_button.isEnabled, timeout=WAIT)
        with qtbot.waitSignal(page.reminders_sent, timeout=30_000):
            page.ui.remind_button.click()
        qtbot.waitUntil(lambda: page.slots_model.index(0, 4).data().startswith("courriel"), timeout=WAIT)
    assert len(box.messages) == 2  # Léa and Zoé have an address; Noé has none (named in the status)
    assert "Rappels : 2 envoyés" in page.ui.status_label.text()
    status = page.ui.status_label.text()
    assert "• Noé Dûpré-Fictif n'a pas d'adresse de courriel dans son dossier. (courriel)" in status
    assert status.count("Aucun réglage") == 1  # the SMS not set up: said once for the three youths
    save_shot(window, "sessions-reminders.png")
    window.close()
