"""`pac report …` and `pac stats --json`: the same documents from the command line."""

from __future__ import annotations

import json

from report_fixtures import read_pdf, sql

from pac_desktop.cli import main


def test_pac_report_commands_write_the_documents(handmade, cli_login, data_dir, tmp_path, capsys):
    base = ["--data-dir", str(data_dir), "report"]
    intake = handmade.minor.intake_id
    assert main([*base, "session", intake, "-o", str(tmp_path / "s.pdf")]) == 0
    assert main([*base, "passport", handmade.minor.youth_id, "-o", str(tmp_path / "p.pdf")]) == 0
    assert main([*base, "committee", "--territory", "toulouse-nord", "--from", "01/01/2026", "--to", "2026-03-31",
                 "--pseudonymised", "-o", str(tmp_path / "c.pdf")]) == 0
    assert main([*base, "indicators", "--from", "01/01/2026", "--to", "31/03/2026", "-o", str(tmp_path / "i.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Fiche de synthèse :" in out and "(1 page)" in out and "Dossier du comité :" in out
    assert "Zoé Bérézé-Fictive" in read_pdf(tmp_path / "s.pdf").text
    assert "Mon passeport" in read_pdf(tmp_path / "p.pdf").text
    assert "Zoé" not in read_pdf(tmp_path / "c.pdf").text
    assert "Indicateurs du dispositif" in read_pdf(tmp_path / "i.pdf").text
    # Every document names who made it (the login given to `pac`): laid out (the pack also for each youth in it),
    # then written to the file asked for — an export; nothing was sent to a printer.
    assert sql(handmade.services, "SELECT count(*) FROM audit_event WHERE action = 'prepare' AND staff_id = ?",
               cli_login) == [(1 + 1 + 1 + 2 + 1,)]
    assert sql(handmade.services, "SELECT count(*) FROM audit_event WHERE action = 'export' AND staff_id = ?",
               cli_login) == [(4,)]
    assert sql(handmade.services, "SELECT count(*) FROM audit_event WHERE action = 'print'") == [(0,)]


def test_pac_report_needs_a_login(handmade, data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PAC_LOGIN", raising=False)
    assert main(["--data-dir", str(data_dir), "report", "session", handmade.minor.intake_id,
                 "-o", str(tmp_path / "s.pdf")]) == 2
    assert "Indiquez votre identifiant avec --login" in capsys.readouterr().err
    assert not (tmp_path / "s.pdf").exists()


def test_pac_report_errors_are_french(handmade, cli_login, data_dir, tmp_path, capsys):
    base = ["--data-dir", str(data_dir), "report"]
    assert main([*base, "committee", "--territory", "paris", "--from", "01/01/2026", "--to", "31/03/2026",
                 "-o", str(tmp_path / "c.pdf")]) == 2
    assert "Aucun territoire ne porte le code « paris »" in capsys.readouterr().err
    assert main([*base, "passport", "inconnu", "-o", str(tmp_path / "p.pdf")]) == 2
    assert "Aucun accueil commun ni aucun jeune" in capsys.readouterr().err
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "p.pdf").exists()


def test_pac_stats_json_gives_the_indicators(handmade, cli_login, data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["cohort_size"] == 3
    assert figures["adults"] == 1
    assert figures["by_kind"] == {"rural": 1, "urban": 2}
    assert figures["solutions"]["vocational_training"] == {"proposed": 3, "accepted": 3}
    assert figures["outcomes"]["m3"]["by_situation"]["training"] == 1
    assert sql(handmade.services, "SELECT action, detail FROM audit_event WHERE entity = 'indicators'")[0][0] == "export"
