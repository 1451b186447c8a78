"""`pac intake list|show` and `pac youth find`, on a real store, French output."""

from __future__ import annotations

from datetime import date

from intake_builders import make_team, new_youth

from pac_desktop.cli import main


def test_intake_list_show_and_youth_find(loaded_services, data_dir, capsys, monkeypatch):
    team = make_team(loaded_services, "tarbes")
    loaded_services.staff.add(first_name="Ivo", last_name="Testligne", organisation_code="cio-tarbes",
                              roles=["counsellor", "referent"], login="ivo.cli", password="mot-de-passe-de-test")
    monkeypatch.setenv("PAC_LOGIN", "ivo.cli")
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    lea = new_youth(loaded_services, team, first="Léa", last="MARTIN", birth=date(2008, 2, 3))
    intake_id = loaded_services.intake.start(youth_id=lea, by=team.lead)
    loaded_services.intake.set_step(intake_id=intake_id, step="analysis", by=team.lead)

    assert main(["--data-dir", str(data_dir), "intake", "list"]) == 0
    out = capsys.readouterr().out
    assert "Léa M." in out and "Tarbes" in out and "étape « Analyse partagée »" in out and intake_id in out
    assert out.strip().endswith("1 accueil en cours.")

    assert main(["--data-dir", str(data_dir), "intake", "show", intake_id]) == 0
    out = capsys.readouterr().out
    assert "Il manque encore :" in out and "(étape « Consentement »)" in out

    assert (
        main(["--data-dir", str(data_dir), "youth", "find", "--name", "Martin Lea", "--birth-date", "03/02/2008"]) == 0
    )
    out = capsys.readouterr().out
    assert "100 (fort) Léa MARTIN, né(e) le 03/02/2008, Tarbes" in out and "mais inversés" in out
    assert "accueil en cours" in out and out.strip().endswith("1 dossier ressemblant.")

    assert main(["--data-dir", str(data_dir), "youth", "find", "--name", "Personne Inconnue"]) == 0
    assert "Aucun dossier ne ressemble" in capsys.readouterr().out
    # `pac youth list` (another module's) still works beside `find`.
    assert main(["--data-dir", str(data_dir), "youth", "list", "--search", "martin"]) == 0
