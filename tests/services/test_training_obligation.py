"""The training obligation of minors (issue 18 §5): the recorded situation, the suggestion, the list of the minors
without solution with its figures (hand-made youths and a generated cohort), and its CSV and PDF read back."""

from __future__ import annotations

import csv
import subprocess
from collections import Counter
from datetime import date

import pytest
from casefile_builders import make_staff, make_youth, territory_id
from pypdf import PdfReader
from sqlalchemy import select

from pac_desktop.demo.generator import DemoDataService
from pac_desktop.domain.enums import OfferCategory, OutcomeMilestone, OutcomeSituation, SolutionStatus, StaffRole
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.domain.training_obligation import ObligationSituation, obligation_starts, under_obligation
from pac_desktop.storage.models import AuditEvent, OutboxEntry, Youth

TODAY = date(2026, 3, 12)


@pytest.fixture
def people(loaded_services):
    s = loaded_services
    referent = make_staff(s, "Réfé", "Rentfictif", roles=(StaffRole.REFERENT,))
    counsellor = make_staff(s, "Conseil", "Lèrefictif", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    other = make_staff(s, "Autre", "Territoirefictif", org="cio-ariege", roles=(StaffRole.COUNSELLOR,))
    committee = make_staff(s, "Comi", "Téfictif", org="cio-tarbes", roles=(StaffRole.COMMITTEE,))
    return s, referent, counsellor, other, committee


def test_record_and_status_with_history_and_author(people):
    s, referent, counsellor, _other, _committee = people
    youth = make_youth(s, first="Léa", last="Obligafictive", birth=date(2009, 5, 4))  # 16 on 4/5/2025
    status = s.obligation.status(youth_id=youth, by=counsellor)
    assert status.applies and status.current is None and status.can_record
    assert status.ends_on == date(2027, 5, 4)
    s.obligation.record(youth_id=youth, situation=ObligationSituation.NO_SOLUTION, since=date(2025, 9, 1),
                        by=counsellor)
    s.obligation.record(youth_id=youth, situation=ObligationSituation.CIVIC_SERVICE, since=date(2026, 2, 2),
                        by=counsellor)
    status = s.obligation.status(youth_id=youth, by=counsellor)
    assert status.current.situation is ObligationSituation.CIVIC_SERVICE
    assert status.current.text == "En service civique depuis le 02/02/2026"
    assert status.current.recorded_by == "Conseil Lèrefictif"
    assert [r.situation for r in status.history] == [ObligationSituation.CIVIC_SERVICE,
                                                      ObligationSituation.NO_SOLUTION]
    # Every record is in the outbox (it syncs like the rest of the file).
    with s.ctx.read() as session:
        assert session.scalar(select(OutboxEntry.row_id).where(OutboxEntry.entity == "training_obligation")) is not None


def test_bad_input_is_refused_in_french(people):
    s, _referent, counsellor, other, committee = people
    adult = make_youth(s, first="Adulte", last="Fictif", birth=date(2007, 1, 1))
    young = make_youth(s, first="Petit", last="Fictif", birth=date(2010, 6, 1))
    minor = make_youth(s, first="Mineur", last="Fictif", birth=date(2009, 1, 10))
    with pytest.raises(DomainError, match="s'arrête à 18 ans"):
        s.obligation.record(youth_id=adult, situation=ObligationSituation.EMPLOYED, since=TODAY, by=counsellor)
    with pytest.raises(DomainError, match="n'a pas encore 16 ans"):
        s.obligation.record(youth_id=young, situation=ObligationSituation.EMPLOYED, since=TODAY, by=counsellor)
    with pytest.raises(DomainError, match="dans le futur"):
        s.obligation.record(youth_id=minor, situation=ObligationSituation.EMPLOYED, since=date(2026, 3, 13),
                            by=counsellor)
    with pytest.raises(DomainError, match="précède le début de l'obligation"):
        s.obligation.record(youth_id=minor, situation=ObligationSituation.NO_SOLUTION, since=date(2024, 12, 1),
                            by=counsellor)
    # Another territory's counsellor and a committee member may not record; the committee may not read either.
    with pytest.raises(PermissionDenied):
        s.obligation.record(youth_id=minor, situation=ObligationSituation.EMPLOYED, since=TODAY, by=other)
    with pytest.raises(PermissionDenied):
        s.obligation.status(youth_id=minor, by=committee)
    with pytest.raises(PermissionDenied):
        s.obligation.without_solution(by=committee)
    assert s.obligation.status(youth_id=minor, by=counsellor).history == ()


def test_suggestion_from_the_file(people):
    s, referent, counsellor, _other, _committee = people
    left = make_youth(s, first="Sortie", last="Fictive", birth=date(2009, 1, 10))
    with s.ctx.write(counsellor) as session:
        session.get(Youth, left).left_school_on = date(2025, 6, 30)
    hint = s.obligation.status(youth_id=left, by=counsellor).suggestion
    assert hint.situation is ObligationSituation.NO_SOLUTION and hint.since == date(2025, 6, 30)
    assert "30/06/2025" in hint.reason
    # A solution started by the referent: in training.
    followed = make_youth(s, first="Suivie", last="Fictive", birth=date(2009, 2, 1), referent=referent,
                          intake_on=date(2025, 10, 6))
    solution = s.casefile.add_solution(youth_id=followed, free_text="Apprentissage fictif",
                                       category=OfferCategory.APPRENTICESHIP, by=referent)
    s.casefile.set_solution_status(solution_id=solution, status=SolutionStatus.STARTED, on=date(2026, 1, 5),
                                   by=referent)
    hint = s.obligation.status(youth_id=followed, by=referent).suggestion
    assert (hint.situation, hint.since) == (ObligationSituation.IN_TRAINING, date(2026, 1, 5))
    # An outcome recorded « perdu de vue » with no running solution: without solution since that day.
    lost = make_youth(s, first="Perdu", last="Fictif", birth=date(2009, 3, 1), referent=referent,
                      intake_on=date(2025, 9, 1))
    s.casefile.record_outcome(youth_id=lost, milestone=OutcomeMilestone.MONTH_3, situation=OutcomeSituation.LOST_CONTACT,
                              recorded_on=date(2025, 12, 3), by=referent)
    hint = s.obligation.status(youth_id=lost, by=referent).suggestion
    assert (hint.situation, hint.since) == (ObligationSituation.NO_SOLUTION, date(2025, 12, 3))


def test_list_figures_and_exports(people, tmp_path):
    s, referent, counsellor, _other, _committee = people
    a = make_youth(s, first="Anaïs", last="Àucunefictive", birth=date(2009, 1, 10), town="Lourdes")
    b = make_youth(s, first="Bruno", last="Emploifictif", birth=date(2008, 12, 1))
    c = make_youth(s, first="Chloé", last="Suggérée", birth=date(2009, 8, 20))
    make_youth(s, first="Denis", last="Inconnufictif", birth=date(2009, 9, 9))  # nothing known: not listed
    make_youth(s, first="Élise", last="Majeurefictive", birth=date(2007, 3, 1))  # 19: not a minor any more
    make_youth(s, first="Farid", last="Ariègefictif", birth=date(2009, 1, 1), territory="ariege")
    s.obligation.record(youth_id=a, situation=ObligationSituation.NO_SOLUTION, since=date(2025, 9, 15),
                        by=counsellor)
    s.obligation.record(youth_id=b, situation=ObligationSituation.EMPLOYED, since=date(2026, 1, 2), by=counsellor)
    with s.ctx.write(counsellor) as session:
        session.get(Youth, c).left_school_on = date(2025, 11, 4)
    # The youths list's service (the worklist uses it) carries the recorded situation of a minor.
    rows = {r.id: r for r in s.youths.rows(ids=[a, b, c])}
    assert (rows[a].obligation, rows[a].obligation_since) == (ObligationSituation.NO_SOLUTION, date(2025, 9, 15))
    assert rows[b].obligation is ObligationSituation.EMPLOYED and rows[c].obligation is None
    listing = s.obligation.without_solution(by=counsellor)
    f = listing.figures
    assert (f.minors, f.not_recorded, f.suggested_without_solution, f.without_solution) == (4, 2, 1, 2)
    assert f.recorded == {ObligationSituation.NO_SOLUTION: 1, ObligationSituation.EMPLOYED: 1}
    assert [(line.first_name, line.since, line.confirmed) for line in listing.lines] == [
        ("Anaïs", date(2025, 9, 15), True), ("Chloé", date(2025, 11, 4), False)]
    assert listing.lines[0].days == (TODAY - date(2025, 9, 15)).days == 178

    csv_path = tmp_path / "mineurs.csv"
    assert s.obligation.export_csv(path=csv_path, by=counsellor) == 2
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Nom", "Prénom", "Date de naissance"]
    assert rows[1][:5] == ["Àucunefictive", "Anaïs", "10/01/2009", "17", "Lourdes"]
    assert rows[1][7:11] == ["15/09/2025", "178", "10/01/2027", "Confirmée"]
    assert rows[2][1] == "Chloé" and rows[2][10] == "À confirmer" and rows[2][7] == "04/11/2025"

    pdf_path = tmp_path / "mineurs.pdf"
    assert s.obligation.print_pdf(path=pdf_path, by=counsellor) == 1
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf_path).pages).split())
    for expected in ("Mineurs sans solution", "Tarbes", "12/03/2026", "ÀUCUNEFICTIVE Anaïs", "15/09/2025",
                     "178 jours", "À confirmer", "Sans solution", "En emploi"):
        assert expected in text, expected
    assert "Farid" not in text and "Élise" not in text and "Denis" not in text
    pdftotext = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                               check=True).stdout
    assert "SUGGÉRÉE Chloé" in pdftotext
    with s.ctx.read() as session:
        details = session.scalars(select(AuditEvent.detail).where(AuditEvent.entity == "training_obligation")).all()
    assert len(details) == 2 and all("Anaïs" not in d and "Àucune" not in d for d in details)


def test_list_figures_on_a_generated_cohort(loaded_services):
    """On a demo cohort: the list agrees with each youth's own status, youth by youth, and the counts add up."""
    s = loaded_services
    counsellor = make_staff(s, "Conseil", "Cohortefictif", org="cio-tarbes", roles=(StaffRole.COUNSELLOR,))
    DemoDataService(s.ctx).generate(youths=400, seed=11, territory_code="tarbes")
    tid = territory_id(s, "tarbes")
    with s.ctx.read() as session:
        youths = session.execute(select(Youth.id, Youth.birth_date).where(Youth.territory_id == tid,
                                                                          Youth.deleted_at.is_(None))).all()
    minors = sorted(yid for yid, born in youths if under_obligation(born, TODAY))
    assert len(minors) > 40  # the generator makes a realistic share of minors
    # Record a situation for every third minor, cycling through the situations.
    situations = list(ObligationSituation)
    births = dict(youths)
    for i, yid in enumerate(minors[::3]):
        since = max(date(2026, 1, 5), obligation_starts(births[yid]))
        s.obligation.record(youth_id=yid, situation=situations[i % len(situations)], since=since, by=counsellor)
    listing = s.obligation.without_solution(by=counsellor)
    statuses = [s.obligation.status(youth_id=yid, by=counsellor) for yid in minors]
    recorded = Counter(st.current.situation for st in statuses if st.current)
    unrecorded = [st for st in statuses if st.current is None]
    suggested_none = [st for st in unrecorded
                      if st.suggestion and st.suggestion.situation is ObligationSituation.NO_SOLUTION]
    f = listing.figures
    assert f.minors == len(minors)
    assert f.recorded == dict(recorded) and sum(f.recorded.values()) == len(minors[::3])
    assert f.not_recorded == len(unrecorded)
    assert f.suggested_without_solution == len(suggested_none) > 0
    expected = {st.youth_id for st in statuses if st.current and st.current.situation is ObligationSituation.NO_SOLUTION}
    expected |= {st.youth_id for st in suggested_none}
    assert {line.youth_id for line in listing.lines} == expected and len(listing.lines) == f.without_solution
    # Confirmed by a counsellor first (as many as the figures' recorded « sans solution »), then to be confirmed;
    # in each, the longest without solution first.
    confirmed = f.recorded.get(ObligationSituation.NO_SOLUTION, 0)
    assert 0 < confirmed < len(listing.lines)
    assert [line.confirmed for line in listing.lines] == [True] * confirmed + [False] * f.suggested_without_solution
    head, tail = listing.lines[:confirmed], listing.lines[confirmed:]
    assert [line.since for line in head] == sorted(line.since for line in head)
    assert [line.since for line in tail] == sorted(line.since for line in tail)
    # The cohort has suggestions older than a confirmed line: sorted by date alone, they would come first.
    assert min(line.since for line in tail) < max(line.since for line in head)
