"""`pac youth list` and `pac outcome due`, on a real store, French output."""

from __future__ import annotations

from datetime import date, timedelta

from casefile_builders import make_staff, make_youth

from pac_desktop.cli import main
from pac_desktop.domain.eligibility import add_months
from pac_desktop.domain.enums import StaffRole


def test_youth_list_and_outcome_due(loaded_services, data_dir, capsys, monkeypatch):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent", login="remi.test")
    other = make_staff(s, "Rosa", "Testautre", org="ml-ariege", login="rosa.test")
    monkeypatch.setenv("PAC_LOGIN", "remi.test")  # `pac` signs in: roles and audit trail as in the application
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    real_today = date.today()
    make_youth(
        s,
        first="Léa",
        last="Martin",
        birth=date(2008, 3, 12),
        town="Tarbes",
        referent=me,
        intake_on=add_months(real_today, -3) - timedelta(days=2),
    )
    make_youth(
        s, first="Inès", last="N'Diaye", birth=date(2009, 3, 12), town="Foix", territory="ariege", referent=other
    )

    assert main(["--data-dir", str(data_dir), "youth", "list", "--search", "LEA"]) == 0
    out = capsys.readouterr().out
    assert "MARTIN Léa" in out and "12/03/2008" in out and "Rémi Testreferent" in out
    assert out.strip().endswith("1 jeune trouvé.")

    # A referent of Tarbes does not list Ariège's youths; Ariège's referent lists her own.
    assert main(["--data-dir", str(data_dir), "youth", "list", "--territory", "ariege"]) == 2
    assert "autre territoire" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "youth", "list", "--mine-of", "rosa.test", "--search", "12/03"]) == 0
    assert "N'DIAYE" not in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "youth", "list", "--login", "rosa.test", "--mine-of", "rosa.test",
                 "--search", "12/03"]) == 0
    assert "N'DIAYE Inès" in capsys.readouterr().out

    assert main(["--data-dir", str(data_dir), "outcome", "due", "--days", "14"]) == 0
    out = capsys.readouterr().out
    assert "Léa Martin : Situation à 3 mois : en retard de 2 jours" in out
    assert "référent : Rémi Testreferent" in out
    assert out.strip().endswith("1 situation à renseigner dont 1 en retard.")

    assert main(["--data-dir", str(data_dir), "outcome", "due", "--mine-of", "rosa.test"]) == 0
    assert capsys.readouterr().out.strip() == "0 situation à renseigner dont 0 en retard."  # not in Tarbes

    assert main(["--data-dir", str(data_dir), "youth", "list", "--territory", "paris"]) == 2
    assert "Aucun territoire ne porte le code « paris »" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "outcome", "due", "--mine-of", "personne"]) == 2
    assert "Aucun membre du personnel" in capsys.readouterr().err
    monkeypatch.delenv("PAC_LOGIN")
    assert main(["--data-dir", str(data_dir), "outcome", "due"]) == 2
    assert "--login" in capsys.readouterr().err


def test_obligation_without_solution(loaded_services, data_dir, capsys, monkeypatch, tmp_path):
    """`pac obligation sans-solution`: the list of the minors without solution, its figures, CSV and PDF."""
    from pypdf import PdfReader

    from pac_desktop.domain.training_obligation import ObligationSituation

    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent", org="cio-tarbes", login="remi.test", roles=(StaffRole.COUNSELLOR,))
    make_staff(s, "Comi", "Testcomite", org="cio-tarbes", login="comite.test", roles=(StaffRole.COMMITTEE,))
    monkeypatch.setenv("PAC_LOGIN", "remi.test")
    monkeypatch.setenv("PAC_PASSWORD", "mot-de-passe-de-test")
    today = date.today()
    born = date(today.year - 17, 1, 1)  # 17 today, whatever the day
    lea = make_youth(s, first="Léa", last="Testsanssolution", birth=born, town="Tarbes")
    s.obligation.record(youth_id=lea, situation=ObligationSituation.NO_SOLUTION, since=date(today.year - 1, 2, 1),
                        by=me)
    csv_path, pdf_path = tmp_path / "liste.csv", tmp_path / "liste.pdf"
    assert main(["--data-dir", str(data_dir), "obligation", "sans-solution", "--csv", str(csv_path), "--pdf",
                 str(pdf_path)]) == 0
    out = capsys.readouterr().out
    assert "Testsanssolution" in out and "Confirmée" in out
    # The figures in the words of the GUI's list (one sentence for both: obligation_summary).
    assert (f"Tarbes, au {today:%d/%m/%Y} : 1 mineur de 16 à 17 ans ; 1 sans solution sur cette liste, confirmé par "
            "un conseiller. Situation notée : sans solution (1) ; non notée : 0 mineur.") in out.splitlines(), out
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[1].startswith("Testsanssolution;Léa;")
    assert "TESTSANSSOLUTION Léa" in " ".join(PdfReader(pdf_path).pages[0].extract_text().split())
    # A committee member reads indicators, not names.
    assert main(["--data-dir", str(data_dir), "obligation", "sans-solution", "--login", "comite.test"]) == 2
    assert "ne permet pas" in capsys.readouterr().err
