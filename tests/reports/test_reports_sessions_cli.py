"""`pac seance …` (issue 18): the sessions listed, one convocation PDF per youth expected, the session's list."""

from __future__ import annotations

from report_fixtures import read_pdf, sql
from session_builders import make_session

from pac_desktop.cli import main
from pac_desktop.domain.intake_sessions import InvitationStatus


def test_pac_seance_writes_one_letter_per_youth(loaded_services, data_dir, tmp_path, capsys, monkeypatch):
    s = loaded_services
    made = make_session(s)
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Zoé"], status=InvitationStatus.DECLINED,
                                            by=made.team.lead)
    monkeypatch.setenv("PAC_LOGIN", "tarbes-cio_psychologist")
    monkeypatch.setenv("PAC_PASSWORD", "motdepasse-equipe-2026-maud")
    base = ["--data-dir", str(data_dir), "seance"]
    assert main([*base, "list", "--past"]) == 0  # `pac` runs on the real day, after the tests' session
    assert f"{made.session_id}  17 mars 2026 à 14 h 00  CIO de Tarbes, salle Garonne  2/4 jeunes" in \
        capsys.readouterr().out
    assert main([*base, "convocations", made.session_id, "-o", str(tmp_path / "lettres")]) == 0
    assert "2 convocations écrites" in capsys.readouterr().out
    files = sorted((tmp_path / "lettres").iterdir())
    assert [f.name for f in files] == ["convocation-2026-03-17-14h00.pdf", "convocation-2026-03-17-15h30.pdf"]
    assert [read_pdf(f).text.count("Bonjour ") for f in files] == [1, 1]
    assert "Bonjour Léa," in read_pdf(files[0]).text and "Bonjour Noé," in read_pdf(files[1]).text
    assert main([*base, "liste", made.session_id, "-o", str(tmp_path / "liste.pdf")]) == 0
    assert "Zoé Çelik-Fictive" in read_pdf(tmp_path / "liste.pdf").text
    assert sql(s, "SELECT count(*) FROM audit_event WHERE action = 'export' AND staff_id = ?",
               made.team.lead.staff_id) == [(3,)]


def test_pac_seance_writes_the_cancellation_letters(loaded_services, data_dir, tmp_path, capsys, monkeypatch):
    s = loaded_services
    made = make_session(s)
    monkeypatch.setenv("PAC_LOGIN", "tarbes-cio_psychologist")
    monkeypatch.setenv("PAC_PASSWORD", "motdepasse-equipe-2026-maud")
    base = ["--data-dir", str(data_dir), "seance"]
    assert main([*base, "annulations", made.session_id, "-o", str(tmp_path / "lettres")]) == 2  # not cancelled
    assert "n'est pas annulée" in capsys.readouterr().err
    s.contacts.set_messages_refused(youth_id=made.youths["Zoé"], refused=True, by=made.team.lead)
    s.intake_sessions.cancel_session(session_id=made.session_id, reason="Conseillère absente", by=made.team.lead)
    assert main([*base, "annulations", made.session_id, "--sans-message", "-o", str(tmp_path / "zoe")]) == 0
    assert "1 lettre écrite" in capsys.readouterr().out
    [zoe] = (tmp_path / "zoe").iterdir()
    assert zoe.name == "annulation-2026-03-17-17h00.pdf"
    text = read_pdf(zoe).text
    assert "Bonjour Zoé," in text and "Motif : Conseillère absente." in text
    assert "annulation de votre accueil commun du mardi 17 mars 2026 à 17 h 00" in text
    assert main([*base, "annulations", made.session_id, "-o", str(tmp_path / "toutes")]) == 0
    assert "3 lettres écrites" in capsys.readouterr().out
    assert [f.name for f in sorted((tmp_path / "toutes").iterdir())] == [
        "annulation-2026-03-17-14h00.pdf", "annulation-2026-03-17-15h30.pdf", "annulation-2026-03-17-17h00.pdf"]
