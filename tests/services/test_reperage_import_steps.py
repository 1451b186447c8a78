"""The import's steps the GUI needs (issue 18 §1): progress and a cancel that leaves nothing half-imported, a preview
that never holds up a write, the youths given twice by the same file counted, the report saved as CSV, and kind
French messages for the files that cannot be read (empty, header only, not a text file, UTF-16, opened elsewhere,
columns not recognised)."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path

import pytest
from casefile_builders import make_staff, territory_id
from sqlalchemy import func, select

from pac_desktop.demo.dropout_list import HEADERS, fictitious_people, list_rows, write_csv
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.services.reperage.importing import (
    ImportCancelled,
    LineStatus,
    guess_mapping,
    layout_problem,
    read_table,
)
from pac_desktop.storage.models import AuditEvent, Referral, Youth


@pytest.fixture
def setting(loaded_services):
    s = loaded_services
    counsellor = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    return s, counsellor, territory_id(s, "tarbes")


def _youths(s) -> tuple[int, int]:
    with s.ctx.read() as session:
        return (session.scalar(select(func.count()).select_from(Youth)),
                session.scalar(select(func.count()).select_from(Referral)))


def test_progress_and_a_cancel_that_leaves_nothing(setting, tmp_path):
    s, counsellor, tarbes = setting
    path = write_csv(tmp_path / "liste.csv", list_rows(fictitious_people(900, seed=4)))
    seen: list[tuple[int, int]] = []
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 500:
            cancel.set()  # the user clicks « Annuler » halfway

    with pytest.raises(ImportCancelled, match="rien n'a été importé"):
        s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor, progress=progress, cancel=cancel)
    assert _youths(s) == (0, 0)
    assert seen[0] == (0, 900) and seen[-1][0] == 500
    with s.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "import")) == 0

    seen.clear()
    report = s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor, progress=lambda d, t:
                                   seen.append((d, t)), cancel=threading.Event())
    assert report.count(LineStatus.NEW) == 900 and _youths(s) == (900, 900)
    assert seen == [(0, 900), (250, 900), (500, 900), (750, 900), (900, 900)]


def test_a_preview_does_not_wait_for_a_write_in_progress(setting, tmp_path):
    s, counsellor, tarbes = setting
    path = write_csv(tmp_path / "liste.csv", list_rows(fictitious_people(30, seed=5)))
    with s.ctx.write() as session:  # another unit of work is writing (a sync page, a save…)
        session.add(Youth(id="y-en-cours", case_id="y-en-cours", territory_id=tarbes, first_name="Zoé",
                          last_name="Testecriture", birth_date=fictitious_people(1, seed=99)[0].birth_date))
        session.flush()
        report = s.reperage_import.preview(path=path, territory_id=tarbes, by=counsellor)
    assert report.count(LineStatus.NEW) == 30 and not report.done


def test_the_same_youth_twice_in_the_file_is_counted_and_enriched_once(setting, tmp_path):
    s, counsellor, tarbes = setting
    rows = list_rows(fictitious_people(10, seed=6))
    first = dict(rows[2], **{"Téléphone": "", "Courriel": ""})
    again = dict(rows[2], **{"Téléphone": "06 39 98 12 34", "Courriel": ""})
    rows[2] = first
    rows.append(again)  # line 12 of the file repeats line 4, with the phone number line 4 lacked
    path = write_csv(tmp_path / "liste.csv", rows)

    preview = s.reperage_import.preview(path=path, territory_id=tarbes, by=counsellor)
    assert preview.repeated == 1 and preview.count(LineStatus.NEW) == 10
    (line,) = [x for x in preview.lines if x.repeat_of is not None]
    assert (line.line, line.repeat_of, line.status) == (12, 4, LineStatus.ENRICH)
    assert line.messages[0] == "Même jeune que la ligne 4 du fichier : une seule fiche."
    assert "dont 1 jeune en double dans le fichier" in preview.summary()

    report = s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor)
    assert report.repeated == 1 and _youths(s) == (10, 10)
    (line,) = [x for x in report.lines if x.repeat_of is not None]
    with s.ctx.read() as session:
        youth = session.get(Youth, line.youth_id)
        assert youth.phone == "06 39 98 12 34"  # the later line's phone reached the new youth's file


def test_the_report_saved_as_csv(setting, tmp_path):
    s, counsellor, tarbes = setting
    rows = list_rows(fictitious_people(5, seed=8))
    rows[1]["Date de naissance"] = "31/02/2008"
    path = write_csv(tmp_path / "liste.csv", rows)
    report = s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor, skip_errors=True)
    out = tmp_path / "rapport.csv"
    assert s.reperage_import.save_report_csv(report=report, path=out, by=counsellor) == 5
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[0] == ["Ligne du fichier", "Résultat", "Jeune", "Date de naissance", "Détail"]
    assert [x[:2] for x in lines[1:]] == [["2", "Nouveau jeune"], ["3", "Erreur"], ["4", "Nouveau jeune"],
                                         ["5", "Nouveau jeune"], ["6", "Nouveau jeune"]]
    assert "Date de naissance" in lines[2][4]
    with s.ctx.read() as session:
        (audit,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert json.loads(audit.detail) == {"document": "rapport d'import de liste de repérage", "rows": 5}
    with pytest.raises(DomainError, match="ne peut pas être écrit"):
        s.reperage_import.save_report_csv(report=report, path=path / "r.csv", by=counsellor)  # not a folder


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_kind_messages_for_the_files_that_cannot_be_read(tmp_path, monkeypatch):
    with pytest.raises(DomainError, match="est vide : aucune ligne à importer"):
        read_table(_bad(tmp_path, "vide.csv", b""))
    with pytest.raises(DomainError, match="ne contient que la ligne des titres"):
        read_table(_bad(tmp_path, "titres.csv", ";".join(HEADERS).encode() + b"\r\n;;;\r\n"))
    with pytest.raises(DomainError, match="n'est pas une liste en texte"):
        read_table(_bad(tmp_path, "classeur.csv", b"PK\x03\x04" + bytes(200)))  # an .xlsx renamed .csv
    with pytest.raises(DomainError, match="n'est pas un classeur Excel lisible"):
        read_table(_bad(tmp_path, "faux.xlsx", b"Nom;Prenom\nTest;Zoe\n"))

    # Excel's « Texte Unicode »: UTF-16 with tabs.
    text = "Nom\tPrénom\tDate de naissance\r\nTestunicode\tLéa\t04/05/2008\r\n"
    table = read_table(_bad(tmp_path, "unicode.txt", text.encode("utf-16")))
    assert table.headers == ("Nom", "Prénom", "Date de naissance") and table.rows[0][1][1] == "Léa"
    assert table.notes == ()

    # Opened in LibreOffice or Excel: read, with a note; unreadable (Windows locks it): a French refusal.
    path = write_csv(tmp_path / "liste.csv", list_rows(fictitious_people(2, seed=9)))
    (tmp_path / ".~lock.liste.csv#").write_text("verrou")
    assert any("ouvert dans un autre programme" in note for note in read_table(path).notes)

    def locked(self: Path) -> bytes:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(Path, "read_bytes", locked)
    with pytest.raises(DomainError, match=r"ouvert dans un autre programme \(Excel, LibreOffice…\)\. Fermez-le"):
        read_table(path)


def test_an_unrecognised_layout_is_explained():
    assert layout_problem(guess_mapping(HEADERS)) is None
    assert "Aucune colonne de ce fichier n'a été reconnue" in layout_problem(
        guess_mapping(["Liste SIEI novembre", "", "Colonne 3"]))
    assert layout_problem(guess_mapping(["NOM ELEVE (SIEI)", "Prénom", "Né(e) le"])) == (
        "Indiquez quelle colonne donne : « Nom » (ces informations sont nécessaires pour reconnaître chaque jeune).")
