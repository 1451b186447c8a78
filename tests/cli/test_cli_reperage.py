"""`pac reperage import`: a list imported from the command line, its mapping corrected, French output."""

from __future__ import annotations

from casefile_builders import make_staff
from sqlalchemy import func, select

from pac_desktop.cli import main
from pac_desktop.demo.dropout_list import fictitious_people, list_rows, with_bad_dates, write_csv
from pac_desktop.domain.enums import StaffRole
from pac_desktop.storage.models import Youth


def test_reperage_import_from_the_command_line(loaded_services, data_dir, tmp_path, capsys, monkeypatch):
    s = loaded_services
    make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,), login="ines.test")
    monkeypatch.setenv("PAC_LOGIN", "ines.test")
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    rows = list_rows(fictitious_people(12, seed=3))
    with_bad_dates(rows, 2, seed=3)
    path = write_csv(tmp_path / "liste.csv", rows)
    base = ["--data-dir", str(data_dir), "reperage", "import", str(path), "--territory", "tarbes"]

    assert main([*base, "--preview"]) == 0
    out = capsys.readouterr().out
    assert "« Date de naissance » → Date de naissance" in out and "Ligne " in out and "Erreur" in out
    assert out.strip().endswith("10 nouveaux jeunes, 0 fiche complétée, 0 déjà connu sans changement, "
                                "0 doublon possible, 2 lignes en erreur.")
    assert main(base) == 2  # lines in error: nothing imported
    assert "rien n'a été importé" in capsys.readouterr().err
    assert main([*base, "--skip-errors", "--column", "Établissement d'origine="]) == 0
    out = capsys.readouterr().out
    assert "« Établissement d'origine » → (ignorée)" in out and "Import terminé, 12 lignes : 10 nouveaux" in out
    with s.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(Youth)) == 10
    assert main([*base, "--column", "Inconnue=nom"]) == 2
    assert "La colonne « Inconnue » n'est pas dans le fichier" in capsys.readouterr().err
