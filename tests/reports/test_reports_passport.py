"""The youth's passport: one page, plain words, contacts and next steps, nothing sensitive."""

from __future__ import annotations

from report_fixtures import assert_embedded_fonts_only, assert_numbered, read_pdf, sql


def test_passport_fits_one_page_and_says_who_and_when(handmade, tmp_path):
    printed = handmade.services.documents.print_passport(intake_id=handmade.minor.intake_id,
                                                         path=tmp_path / "passeport.pdf", actor=handmade.team.ml)
    pdf = read_pdf(printed.path)
    text = pdf.text
    assert pdf.page_count == 1 and printed.pages == 1
    assert_numbered(pdf)
    assert_embedded_fonts_only(pdf)
    assert "Mon passeport" in text and "Zoé Bérézé-Fictive" in text
    assert "Accueil commun du 12 mars 2026" in text
    assert "Votre référent" in text and "Maëlle Garçon-Fictif" in text
    assert "Téléphone : 05 00 00 99 01" in text
    assert "Votre prochain rendez-vous" in text and "Jeudi 19 mars 2026 à 14 h 00" in text
    # Only the solution the youth accepted.
    assert "Ce que vous avez choisi de faire" in text
    assert "À partir du 1er avril 2026" in text
    assert "Adresses utiles" in text and "Mission Locale de Toulouse — antenne Toulouse Nord" in text
    # Nothing sensitive: no diagnosis, no notes, no barriers, no family.
    for word in ("Santé", "orthophonique", "Diagnostic", "dans le soin", "Freins", "Agnès", "Pas de moyen de transport"):
        assert word not in text, word
    for ch in "éçëàÀ":
        assert ch in text, ch


def test_passport_lists_accepted_solutions_only(handmade, tmp_path):
    titles = dict(
        sql(
            handmade.services,
            "SELECT o.title, s.youth_answer FROM proposed_solution s JOIN service_offer o ON o.id = s.offer_id "
            "WHERE s.intake_id = ?",
            handmade.minor.intake_id,
        )
    )
    printed = handmade.services.documents.print_passport(youth_id=handmade.minor.youth_id,
                                                         path=tmp_path / "p.pdf", actor=handmade.team.ml)
    text = read_pdf(printed.path).text
    for title, answer in titles.items():
        assert (title in text) == (answer == "accepted"), title


def test_passports_of_a_generated_cohort_stay_on_one_page(demo_services, tmp_path):
    rows = sql(
        demo_services,
        "SELECT j.id, y.first_name || ' ' || y.last_name, (SELECT count(*) FROM proposed_solution s "
        "WHERE s.intake_id = j.id AND s.youth_answer = 'accepted') AS n, j.created_by FROM joint_intake j "
        "JOIN youth y ON y.id = j.youth_id WHERE j.state = 'validated' ORDER BY n DESC LIMIT 3",
    )
    assert rows
    for intake_id, full_name, _, counsellor in rows:  # each printed by the counsellor who led the intake
        pdf = read_pdf(demo_services.documents.print_passport(intake_id=intake_id, path=tmp_path / f"{intake_id}.pdf",
                                                              actor=counsellor).path)
        assert pdf.page_count == 1
        assert full_name in pdf.text
