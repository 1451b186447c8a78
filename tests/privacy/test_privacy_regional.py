"""The regional steering committees' role (issue 18 §6): every territory's indicators side by side, pseudonymised
(no name anywhere, small counts suppressed), and nothing else — the services refuse every case file, list and
named document to it. The PDF and the CSV are read back."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from casefile_builders import make_staff
from pypdf import PdfReader
from sqlalchemy import select

from pac_desktop.demo.generator import DemoDataService
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.domain.regional import shown
from pac_desktop.security.roles import Action
from pac_desktop.services.youths import YouthFilters
from pac_desktop.storage.models import AuditEvent, JointIntake, Staff, SyncDevice, Youth


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    from pac_desktop.services.registry import Services
    from pac_desktop.storage.store import open_store

    store = open_store(tmp_path_factory.mktemp("regional") / "data")
    s = Services.build(store, today=lambda: date(2026, 3, 12))
    s.reference.load()
    regional = make_staff(s, "Sacha", "Testrégion", org="mgi-academie-toulouse", roles=(StaffRole.REGIONAL,))
    counsellor = make_staff(s, "Conseil", "Testtarbes", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    DemoDataService(s.ctx).generate(youths=500, seed=5)
    yield s, regional, counsellor
    store.engine.dispose()


def test_every_territory_side_by_side_matches_each_territorys_indicators(region):
    s, regional, _ = region
    view = s.regional.side_by_side(by=regional)
    assert view.territories == ("Ariège", "Tarbes", "Toulouse Mirail", "Toulouse Nord")
    cohort = view.row("Jeunes accueillis")
    for name, value in zip(view.territories, cohort.values, strict=True):
        code = next(t.code for t in s.reference.territories() if t.name == name)
        expected = s.documents.indicators(date_from=view.date_from, date_to=view.date_to, territory_code=code)
        assert value == (expected.cohort_size if not 0 < expected.cohort_size < 5 else None)
        assert view.row("dont majeurs à l'accueil").values[view.territories.index(name)] in (
            expected.adults if not 0 < expected.adults < 5 else None,)
    whole = s.documents.indicators(date_from=view.date_from, date_to=view.date_to)
    assert cohort.total == whole.cohort_size > 100
    # Small counts are suppressed: no cell holds 1 to 4, and some cells are suppressed on such a cohort.
    cells = [v for r in view.rows for v in (*r.values, r.total)]
    assert not any(v is not None and 0 < v < 5 for v in cells) and None in cells
    assert shown(None) == "< 5"


def test_no_name_anywhere_in_the_view_the_pdf_and_the_csv(region, tmp_path):
    s, regional, _ = region
    view = s.regional.side_by_side(by=regional)
    pdf, table = tmp_path / "region.pdf", tmp_path / "region.csv"
    assert s.regional.print_pdf(path=pdf, by=regional) >= 1
    s.regional.export_csv(path=table, by=regional)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Indicateurs des territoires" in text and "Toulouse Mirail" in text and "< 5" in text
    # Counts only, small cells suppressed: the footer does not call it personal data, and says it names nobody.
    assert "Document statistique — aucune donnée nominative" in text and "données personnelles" not in text
    assert f"Jeunes accueillis {' '.join(shown(v) for v in view.row('Jeunes accueillis').values)}" in text
    with open(table, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Rubrique", "Indicateur", "Ariège", "Tarbes", "Toulouse Mirail", "Toulouse Nord",
                       "Tous territoires"]
    assert rows[1][1] == "Jeunes accueillis" and rows[1][6] == str(view.row("Jeunes accueillis").total)
    with s.ctx.read() as session:
        names = {n for pair in session.execute(select(Youth.first_name, Youth.last_name)) for n in pair}
        names |= {n for pair in session.execute(select(Staff.first_name, Staff.last_name)) for n in pair}
    words = set(text.replace(",", " ").split()) | {cell for row in rows for cell in row}
    words |= {w for r in view.rows for w in (*r.label.split(), *r.section.split())}
    leaked = {n for n in names if len(n) > 3} & words
    assert not leaked, leaked
    with s.ctx.read() as session:
        kinds = session.scalars(select(AuditEvent.detail).where(AuditEvent.entity == "regional_indicators")).all()
    assert any("regional_pdf" in k for k in kinds) and any("regional_csv" in k for k in kinds)


def test_the_services_refuse_everything_else_to_the_role(region, tmp_path):
    s, regional, counsellor = region
    with s.ctx.read() as session:
        youth_id, intake_id = session.execute(select(JointIntake.youth_id, JointIntake.id).limit(1)).one()
    refused = [
        lambda: s.casefile.case_file(youth_id=youth_id, by=regional),
        lambda: s.youths.search(by=regional, query="", filters=YouthFilters(mine=False)),
        lambda: s.obligation.without_solution(by=regional, territory_id=s.reference.territories()[0].id),
        lambda: s.documents.print_session_summary(intake_id=intake_id, path=tmp_path / "f.pdf", actor=regional),
        lambda: s.documents.print_indicators(path=tmp_path / "i.pdf", actor=regional, territory_code="tarbes"),
        lambda: s.documents.print_committee_pack(territory_code="tarbes", date_from=date(2025, 1, 1),
                                                 date_to=date(2026, 3, 12), path=tmp_path / "c.pdf", actor=regional),
        lambda: s.intake.intake_detail(intake_id=intake_id, by=regional),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied) as denied:
            attempt()
        assert "jamais un dossier ni un nom" in str(denied.value)
    assert not any(p.exists() for p in tmp_path.iterdir())
    # The view itself is for the regional committee and the administrators, not a territory's counsellor.
    with pytest.raises(PermissionDenied, match="indicateurs de tous les territoires"):
        s.regional.side_by_side(by=counsellor)
    assert s.guard.allows(regional, Action.REGIONAL_VIEW) and not s.guard.allows(counsellor, Action.REGIONAL_VIEW)


def test_an_enrolled_computer_counts_only_its_territories_and_says_so(region):
    """Pulls are scoped by the device's territories: an enrolled computer holds only those files, so the view
    shows only them and names the others instead of printing zeros for them."""
    s, regional, _ = region
    tarbes = next(t for t in s.reference.territories() if t.code == "tarbes")
    with s.ctx.store.session_factory.begin() as session:
        session.add(SyncDevice(id=1, server_url="https://pac.exemple.fr", device_id="d-region", device_name="poste",
                               territory_ids=json.dumps([tarbes.id])))
    try:
        view = s.regional.side_by_side(by=regional)
        assert view.territories == ("Tarbes",) and view.missing == ("Ariège", "Toulouse Mirail", "Toulouse Nord")
        assert "Non comptés ici : Ariège, Toulouse Mirail, Toulouse Nord." in view.missing_text
        expected = s.documents.indicators(date_from=view.date_from, date_to=view.date_to, territory_code="tarbes")
        assert view.row("Jeunes accueillis").values == (expected.cohort_size,)
    finally:
        with s.ctx.store.session_factory.begin() as session:
            session.delete(session.get(SyncDevice, 1))
