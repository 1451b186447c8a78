"""Administration › Messagerie (issue 18) through the real widgets: an administrator sets the SMTP server of their
structure, the password goes to the keyring (never shown back), a test message reaches a real local SMTP server,
and a server that cannot be reached is said in French."""

from __future__ import annotations

import pytest
from fit_helpers import mnemonic_clashes
from gui_helpers import save_shot
from messaging_servers import free_port, smtp_server

from pac_desktop.domain.enums import StaffRole
from pac_desktop.gui.admin_area import AdminPage
from pac_desktop.security.keyring_store import MessagingSecrets
from pac_desktop.services.staff import actor_for

WAIT = 15_000


@pytest.fixture
def page(qtbot, loaded_services, tasks, themed):
    staff_id = loaded_services.staff.add(first_name="Adèle", last_name="Testadmin", organisation_code="cio-tarbes",
                                         roles=[StaffRole.ADMINISTRATOR])
    with loaded_services.ctx.read() as session:
        admin = actor_for(session, staff_id)
    page = AdminPage(loaded_services, admin, tasks)
    qtbot.addWidget(page)
    page.resize(1100, 740)
    page.show()
    page.setCurrentWidget(page.messaging_tab)
    tab = page.messaging_tab
    qtbot.waitUntil(lambda: tab.organisation_combo.count() > 0 and tab.sender_name_edit.text() != "",
                    timeout=WAIT)
    return page, admin


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_an_administrator_sets_the_smtp_server_and_sends_a_test(qtbot, page):
    page, admin = page
    tab = page.messaging_tab
    assert tab.organisation_id() == admin.organisation_id  # their own structure first
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box:
        tab.host_edit.setText(box.host)
        tab.port_spin.setValue(box.port)
        tab.security_combo.setCurrentIndex(tab.security_combo.findData("none"))
        tab.username_edit.setText("cio-tarbes")
        tab.password_edit.setText("mdp-smtp-2026")
        tab.sender_edit.setText("accueil@cio-exemple.fr")
        tab.save_smtp_button.click()
        qtbot.waitUntil(lambda: "enregistrés" in tab.status_label.text(), timeout=WAIT)
        # Never shown back (waited for: an earlier test's password may already be in the in-memory keyring).
        qtbot.waitUntil(lambda: tab.password_edit.placeholderText().startswith("enregistré")
                        and tab.password_edit.text() == "", timeout=WAIT)
        assert MessagingSecrets().get("smtp", admin.organisation_id) == "mdp-smtp-2026"
        tab.test_email_edit.setText("adele.testadmin@exemple.fr")
        tab.test_email_button.click()
        qtbot.waitUntil(lambda: "envoyé" in tab.status_label.text(), timeout=WAIT)
    assert [m["To"] for m in box.messages] == ["adele.testadmin@exemple.fr"]
    save_shot(page, "messaging-settings.png")
    assert mnemonic_clashes(page) == []

    # The server goes away: a French sentence, nothing lost from the form.
    tab.port_spin.setValue(free_port())
    tab.save_smtp_button.click()
    qtbot.waitUntil(lambda: "enregistrés" in tab.status_label.text(), timeout=WAIT)
    tab.test_email_button.click()
    qtbot.waitUntil(lambda: "ne répond pas" in tab.status_label.text(), timeout=30_000)
    assert tab.host_edit.text() == "127.0.0.1" and tab.status_label.property("role") == "error"


def test_an_administrator_sets_the_automatic_reminders(qtbot, page, loaded_services):
    from pac_desktop.services.messaging_settings import ReminderSchedule

    page, admin = page
    tab = page.messaging_tab
    assert tab.auto_check.isChecked() and tab.days_spin.value() == 1  # the default: the day before
    assert tab.auto_email_check.isChecked() and tab.auto_sms_check.isChecked()
    tab.days_spin.setValue(2)
    tab.auto_sms_check.setChecked(False)
    tab.save_schedule_button.click()
    qtbot.waitUntil(lambda: "Rappels automatiques enregistrés" in tab.status_label.text(), timeout=WAIT)
    assert loaded_services.messaging_settings.schedule(admin.organisation_id) == ReminderSchedule(
        days_before=2, email=True, sms=False)
    tab.auto_check.setChecked(False)
    assert not tab.days_spin.isEnabled()
    tab.save_schedule_button.click()
    qtbot.waitUntil(lambda: not loaded_services.messaging_settings.schedule(admin.organisation_id).enabled,
                    timeout=WAIT)
    assert mnemonic_clashes(page) == []
    save_shot(page, "messaging-schedule.png")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_administrator_sees_the_automatic_reminders_that_failed(qtbot, page, loaded_services):
    from PySide6.QtWidgets import QGroupBox
    from session_builders import make_session

    from pac_desktop.messaging.mail import SmtpSettings
    from pac_desktop.services.messaging_settings import ReminderSchedule

    page, admin = page
    tab = page.messaging_tab
    assert not tab.failures_box.isVisible()  # nothing failed: nothing said
    s = loaded_services
    made = make_session(s)  # 17 March; today is the 12th: reminders five days before, by e-mail
    org = made.team.admin.organisation_id
    s.messaging_settings.set_schedule(organisation_id=org, schedule=ReminderSchedule(days_before=5, sms=False),
                                      by=made.team.admin)
    s.messaging_settings.set_smtp(organisation_id=org, password=None, by=made.team.admin,
                                  settings=SmtpSettings(host="127.0.0.1", port=free_port(), security="none",
                                                        sender_address="accueil@cio-exemple.fr"))
    s.reminders.send_due_reminders(by=made.team.lead)  # the timer's pass: nobody listens on that port
    tab.refresh_failures()
    qtbot.waitUntil(lambda: tab.failures_model.rowCount() == 2, timeout=WAIT)
    assert tab.failures_box.isVisible() and "2 rappels n'ont pas pu partir" in tab.failures_label.text()
    assert tab.failures_box.geometry().top() < tab.findChild(QGroupBox, "smtp_box").geometry().top()  # first
    model = tab.failures_model
    rows = sorted([model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount()))
    lea, zoe = made.youths["Léa"], made.youths["Zoé"]
    assert [r[1:4] for r in rows] == sorted([["Courriel", f"L. T. · {lea[:8]}", "1"],
                                             ["Courriel", f"Z. Ç.-F. · {zoe[:8]}", "1"]])
    assert {r[0] for r in rows} == {"12 mars 2026 à 13 h 00"}  # the services' day, noon UTC, in Paris time
    assert all("ne répond pas" in r[4] for r in rows)
    save_shot(page, "messaging-failures.png")
    # Sent at last (here by hand, from the session's page): gone from the list once read again.
    with smtp_server() as box:
        s.messaging_settings.set_smtp(organisation_id=org, password=None, by=made.team.admin,
                                      settings=SmtpSettings(host=box.host, port=box.port, security="none",
                                                            sender_address="accueil@cio-exemple.fr"))
        s.reminders.send_due_reminders(by=made.team.lead)
    assert len(box.messages) == 2
    tab.refresh_failures()
    qtbot.waitUntil(lambda: tab.failures_model.rowCount() == 0, timeout=WAIT)
    assert not tab.failures_box.isVisible()
