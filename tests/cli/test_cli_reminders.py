"""`pac rappels envoyer`: the reminders due go out from a scheduled task (cron), once; the output names nobody."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from casefile_builders import make_staff
from intake_builders import make_team, new_youth
from messaging_servers import smtp_server

from pac_desktop.cli import main
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.intake_sessions import session_start
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.services.casefile import CaseFileService

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def test_send_the_due_reminders_from_a_scheduled_task(loaded_services, data_dir, capsys, monkeypatch):
    s = loaded_services
    team = make_team(s)
    tomorrow = date.today() + timedelta(days=1)  # the command runs on the real day
    session_id = s.intake_sessions.plan_session(
        starts_at=session_start(tomorrow, 14, 0), place="CIO de Tarbes, salle Garonne", slot_count=2,
        slot_minutes=90, counsellors={r: a.staff_id for r, a in team.counsellors.items()}, by=team.lead)
    lea = new_youth(s, team)
    CaseFileService(s.ctx).update_identity(youth_id=lea, changes={"email": "lea.testfictive@exemple.fr"},
                                           by=team.lead)
    s.intake_sessions.invite(session_id=session_id, youth_id=lea, by=team.lead)
    make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,), login="ines.test")
    monkeypatch.setenv("PAC_LOGIN", "ines.test")
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    base = ["--data-dir", str(data_dir), "rappels", "envoyer"]
    with smtp_server(login=("cio-tarbes", "mdp-smtp-2026")) as box:
        s.messaging_settings.set_smtp(
            organisation_id=team.admin.organisation_id, password="mdp-smtp-2026", by=team.admin,
            settings=SmtpSettings(host=box.host, port=box.port, security="none", username="cio-tarbes",
                                  sender_address="accueil@cio-exemple.fr"))
        assert main([*base, "--apercu"]) == 0
        assert capsys.readouterr().out.strip() == "1 rappel dû maintenant."
        assert main(base) == 0
        out = capsys.readouterr().out
        assert out.strip() == "1 rappel envoyé, 0 en échec." and "Léa" not in out
        assert main(base) == 0  # the next run: already sent
        assert capsys.readouterr().out.strip() == "Aucun rappel dû maintenant."
    assert [m["To"] for m in box.messages] == ["lea.testfictive@exemple.fr"]


def test_the_failures_of_a_scheduled_run_are_listed_for_the_administrator(loaded_services, data_dir, capsys,
                                                                          monkeypatch):
    from messaging_servers import free_port

    s = loaded_services
    team = make_team(s)
    tomorrow = date.today() + timedelta(days=1)  # the command runs on the real day
    session_id = s.intake_sessions.plan_session(
        starts_at=session_start(tomorrow, 14, 0), place="CIO de Tarbes, salle Garonne", slot_count=2,
        slot_minutes=90, counsellors={r: a.staff_id for r, a in team.counsellors.items()}, by=team.lead)
    lea = new_youth(s, team)
    CaseFileService(s.ctx).update_identity(youth_id=lea, changes={"email": "lea.testfictive@exemple.fr"},
                                           by=team.lead)
    s.intake_sessions.invite(session_id=session_id, youth_id=lea, by=team.lead)
    make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,), login="ines.test")
    make_staff(s, "Adèle", "Testadmin", org="cio-tarbes", roles=(StaffRole.ADMINISTRATOR,), login="adele.test")
    s.messaging_settings.set_smtp(
        organisation_id=team.admin.organisation_id, password="mdp-smtp-2026", by=team.admin,
        settings=SmtpSettings(host="127.0.0.1", port=free_port(), security="none", username="cio-tarbes",
                              sender_address="accueil@cio-exemple.fr"))  # nobody listens there
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    data = ["--data-dir", str(data_dir), "rappels"]
    assert main([*data, "envoyer", "--login", "ines.test"]) == 1
    out = capsys.readouterr().out
    assert "0 rappel envoyé, 1 en échec." in out and "pac rappels echecs" in out and "Léa" not in out
    assert main([*data, "echecs", "--login", "adele.test"]) == 0
    listed = capsys.readouterr().out
    assert f"courriel  L. T. · {lea[:8]}  1 essai  Le serveur de courriel (127.0.0.1:" in listed, listed
    assert "ne répond pas" in listed and "Léa" not in listed and "exemple.fr" not in listed
    assert listed.strip().endswith("1 rappel automatique en échec.")
    assert main([*data, "echecs", "--login", "ines.test"]) == 2  # the administrators' (the settings are theirs)
