"""Import of a list of youths to contact (issue 18), on a realistic generated file of 2,000 lines: accents, empty
cells, youths already known (their names written another way), the same youth twice, impossible dates, and the
Windows-1252 encoding of an older spreadsheet export."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from casefile_builders import make_staff, territory_id
from sqlalchemy import func, select

from pac_desktop.demo.dropout_list import (
    HEADERS,
    fictitious_people,
    list_rows,
    with_bad_dates,
    write_csv,
    write_xlsx,
)
from pac_desktop.domain.enums import ReferralSource, StaffRole, YouthStatus
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.domain.french import format_number
from pac_desktop.services.reperage.importing import ImportRefused, LineStatus, Target
from pac_desktop.storage.models import AuditEvent, OutboxEntry, Referral, Youth

KNOWN, REPEATED, BAD = 60, 25, 15


@pytest.fixture
def setting(loaded_services):
    s = loaded_services
    counsellor = make_staff(s, "Inès", "Testconseil", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    return s, counsellor, territory_id(s, "tarbes")


def _known_youths(s, people, tarbes) -> None:
    """Youths the programme already has: typed by counsellors, without phone nor INE."""
    with s.ctx.write() as session:
        for person in people:
            youth_id = str(uuid.uuid4())
            session.add(Youth(id=youth_id, case_id=youth_id, territory_id=tarbes, first_name=person.first_name,
                              last_name=person.last_name.replace("Test", "TEST-", 1).lower().title(),
                              birth_date=person.birth_date, status=YouthStatus.REFERRED, phone="06 39 98 00 00"))


def _unencodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def _counts(s) -> tuple[int, int, int]:
    with s.ctx.read() as session:
        return (session.scalar(select(func.count()).select_from(Youth)),
                session.scalar(select(func.count()).select_from(Referral)),
                session.scalar(select(func.count()).select_from(OutboxEntry)))


def test_a_realistic_list_of_2000_lines(setting, tmp_path):
    s, counsellor, tarbes = setting
    people = fictitious_people(2000 - REPEATED)
    _known_youths(s, people[:KNOWN], tarbes)
    rows = list_rows(people)
    rows += [dict(row) for row in rows[KNOWN:KNOWN + REPEATED]]  # the same youth twice in the file
    spoilt = with_bad_dates(rows[KNOWN + REPEATED:], BAD)  # never on a known or repeated youth
    path = write_csv(tmp_path / "liste-décrocheurs.csv", rows, encoding="cp1252")
    assert len(rows) == 2000 and spoilt
    before = _counts(s)

    preview = s.reperage_import.preview(path=path, territory_id=tarbes, by=counsellor)
    assert any("Windows-1252" in note for note in preview.notes)
    assert {h: preview.mapping[h] for h in HEADERS} == {
        "INE": Target.INE, "Nom": Target.LAST_NAME, "Prénom": Target.FIRST_NAME,
        "Date de naissance": Target.BIRTH_DATE, "Sexe": Target.SEX, "Adresse": Target.ADDRESS,
        "Code postal": Target.POSTCODE, "Commune": Target.TOWN, "Téléphone": Target.PHONE,
        "Courriel": Target.EMAIL, "Établissement d'origine": Target.SCHOOL, "Dernière classe": Target.LAST_CLASS,
        "Date de sortie": Target.LEFT_SCHOOL_ON}
    # A name with a letter Windows-1252 lacks (« Kılıç ») reaches the file as « K?l?ç »: such lines are in error.
    lost = [i for i, row in enumerate(rows) if _unencodable(row["Nom"] + row["Prénom"])]
    bad = {KNOWN + REPEATED + i for i in spoilt} | set(lost)
    known_ok = sum(1 for i in range(KNOWN) if i not in bad) + sum(1 for i in range(1975, 2000) if i not in bad)
    expected = {LineStatus.NEW: 2000 - len(bad) - known_ok, LineStatus.ERROR: len(bad),
                LineStatus.POSSIBLE_DUPLICATE: 0}
    assert lost and len(bad) > BAD
    assert {k: preview.count(k) for k in expected} == expected, [
        (x.name, x.birth_date, x.messages) for x in preview.lines if x.status is LineStatus.POSSIBLE_DUPLICATE]
    assert preview.count(LineStatus.ENRICH) + preview.count(LineStatus.UNCHANGED) == known_ok
    assert preview.count(LineStatus.ENRICH) >= KNOWN * 2 // 3  # the known youths get their INE, e-mail…
    messages = {line.line: " ".join(line.messages) for line in preview.errors}
    assert all("Date de naissance" in messages[i + 2] for i in bad - set(lost)), [
        messages[i + 2] for i in bad - set(lost)]  # line 1 is the header
    assert all("illisible" in messages[i + 2] for i in lost)
    assert _counts(s) == before  # a preview writes nothing

    # Lines in error: nothing imported at all.
    with pytest.raises(ImportRefused, match="rien n'a été importé") as refused:
        s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor)
    assert refused.value.report.count(LineStatus.ERROR) == len(bad)
    assert _counts(s) == before

    report = s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor, skip_errors=True)
    assert {k: report.count(k) for k in expected} == expected
    assert report.summary().startswith(f"Import terminé, {format_number(2000)} lignes : "
                                       f"{format_number(expected[LineStatus.NEW])} nouveaux jeunes")
    youths, referrals, _outbox = _counts(s)
    assert youths == before[0] + expected[LineStatus.NEW] and referrals == before[1] + expected[LineStatus.NEW]
    with s.ctx.read() as session:
        known = session.scalars(select(Youth).where(Youth.last_name.like("Test-%"))).all()
        assert len(known) == KNOWN and all(y.phone == "06 39 98 00 00" for y in known)  # never overwritten
        by_ine = {p.ine for i, p in enumerate(people[:KNOWN]) if p.ine and i not in bad}
        assert {y.ine for y in known if y.ine} == by_ine
        accented = session.scalar(select(func.count()).select_from(Youth).where(Youth.first_name.in_(("Léa", "Zoé",
                                                                                                  "Chloé"))))
        assert accented > 0
        assert set(session.scalars(select(Referral.source).distinct())) == {ReferralSource.DROPOUT_LIST}
        (audit,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
    assert audit.detail.startswith(f"liste de repérage importée : 2000 lignes, {expected[LineStatus.NEW]} nouveaux")
    assert "Test" not in audit.detail and "csv" not in audit.detail

    # The same file again changes nothing.
    after = _counts(s)
    again = s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor, skip_errors=True)
    assert again.count(LineStatus.NEW) == again.count(LineStatus.ENRICH) == 0
    assert again.count(LineStatus.UNCHANGED) == 2000 - len(bad)
    assert _counts(s)[:2] == after[:2]
    with s.ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == after[2] + 1  # the audit entry only


def test_an_xlsx_list_with_its_own_column_names_and_the_kept_profile(setting, tmp_path):
    s, counsellor, tarbes = setting
    rows = list_rows(fictitious_people(20, seed=7))
    odd = ("Code INE", "NOM ELEVE (SIEI)", "Prénom", "Né(e) le", "Sexe", "Adresse", "CP", "Ville", "Portable",
           "Mail", "Etablissement", "Classe", "Date de décrochage")
    path = write_xlsx(tmp_path / "liste.xlsx", rows, headers=odd)
    table = s.reperage_import.read(path)
    mapping = s.reperage_import.mapping_for(table.headers)
    assert mapping["NOM ELEVE (SIEI)"] is None and mapping["Code INE"] is None  # not recognised
    assert mapping["Né(e) le"] is Target.BIRTH_DATE and mapping["CP"] is Target.POSTCODE
    with pytest.raises(DomainError, match="« Nom »"):
        s.reperage_import.preview(path=path, territory_id=tarbes, by=counsellor, mapping=mapping)
    mapping.update({"NOM ELEVE (SIEI)": Target.LAST_NAME, "Code INE": Target.INE})
    report = s.reperage_import.run(path=path, territory_id=tarbes, by=counsellor, mapping=mapping)
    assert report.count(LineStatus.NEW) == 20
    with s.ctx.read() as session:
        born = {y.birth_date for y in session.scalars(select(Youth))}
    assert born == {date.fromisoformat(r["Date de naissance"][6:] + "-" + r["Date de naissance"][3:5] + "-"
                                       + r["Date de naissance"][:2]) for r in rows}
    # The next list with the same columns gets the corrected mapping.
    assert s.reperage_import.mapping_for(odd)["NOM ELEVE (SIEI)"] is Target.LAST_NAME


def test_only_the_territorys_counsellors_import(setting, tmp_path):
    s, _counsellor, tarbes = setting
    referent = make_staff(s, "Rémi", "Testreferent")
    path = write_csv(tmp_path / "liste.csv", list_rows(fictitious_people(3)))
    with pytest.raises(PermissionDenied):
        s.reperage_import.run(path=path, territory_id=tarbes, by=referent)
    assert _counts(s)[0] == 0
