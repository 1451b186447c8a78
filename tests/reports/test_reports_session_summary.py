"""The fiche de synthèse, generated from the store and read back from the PDF."""

from __future__ import annotations

import pytest
from report_fixtures import assert_embedded_fonts_only, assert_numbered, read_pdf

from pac_desktop.domain.errors import NotFound


def test_session_summary_prints_what_the_committee_needs(handmade, tmp_path):
    docs = handmade.services.documents
    printed = docs.print_session_summary(intake_id=handmade.minor.intake_id, path=tmp_path / "fiche.pdf",
                                         actor=handmade.team.cio)
    pdf = read_pdf(printed.path)
    text = pdf.text

    assert printed.pages == pdf.page_count >= 1
    assert_numbered(pdf)
    assert_embedded_fonts_only(pdf)
    assert "Fiche de synthèse de l'accueil commun" in text
    assert "Passeport Accueil Commun" in text and "CIO Nord" in text  # header: programme and partners
    assert "Confidentiel — données personnelles" in text
    assert "Document généré le" in text
    # The youth: name, age at the intake, minor, town, territory.
    assert "Zoé Bérézé-Fictive" in text
    assert "16 ans (mineur au jour de l'accueil)" in text
    assert "Toulouse Nord" in text
    assert "Accueil commun du 12 mars 2026" in text
    # Participants and their roles.
    for name in handmade.team.names.values():
        assert name in text
    assert "Psychologue de l'Éducation nationale (PsyEN)" in text  # as resources/reference/job_titles.json names it
    assert "Conseiller Mission Locale" in text
    assert "Membre de la famille (mère)" in text and "Agnès Bérézé-Fictive" in text
    # Eligibility, diagnosis by section with authors (sensitive sections included for the committee).
    assert "✓ Rempli" in text
    assert "Scolarité et sortie du système scolaire" in text
    assert "Françoise Cœurdevey — Sortie de seconde en décembre." in text
    assert "Santé (rubrique sensible)" in text
    assert "« dans le soin »" in text and "le cœur à l'ouvrage" in text
    assert "Pas de moyen de transport" in text  # a barrier
    # Solutions with the youth's answers, the referent and the cap override, the next appointment.
    assert "Accepte" in text and "Refuse" in text and "Réfléchit" in text
    assert "1er avril 2026" in text
    assert "Référent unique Maëlle Garçon-Fictif" in text
    assert "Désigné au-delà du plafond de jeunes suivis." in text and "la fratrie est déjà suivie" in text
    assert "Jeudi 19 mars 2026 à 14 h 00" in text  # 13:00 UTC is 14 h 00 in Paris in March
    # Validations with times, and the amendment.
    assert "12 mars 2026 à 11 h 00" in text
    assert "Modifications après validation" in text and "Lieu du prochain rendez-vous" in text
    # Accents intact.
    for ch in "éèçœ«»ëà":
        assert ch in text, ch


def test_session_summary_shows_a_justified_override(admin, handmade, tmp_path):
    printed = handmade.services.documents.print_session_summary(
        intake_id=handmade.adult.intake_id, path=tmp_path / "adulte.pdf", actor=admin
    )
    text = read_pdf(printed.path).text
    assert "20 ans (majeur au jour de l'accueil)" in text
    assert "✗ Non rempli" in text
    assert "Dérogation justifiée." in text and "Suivi par l'ASE" in text
    assert "Accueil commun du 20 février 2026" in text


def test_session_summary_of_generated_intakes(demo_admin, demo_services, tmp_path):
    """Every validated intake of a generated cohort prints, with its youth's name and its referent."""
    from report_fixtures import sql

    rows = sql(
        demo_services,
        "SELECT j.id, y.first_name || ' ' || y.last_name FROM joint_intake j JOIN youth y ON y.id = j.youth_id "
        "WHERE j.state = 'validated' ORDER BY j.held_on DESC LIMIT 5",
    )
    assert rows
    for intake_id, full_name in rows:
        printed = demo_services.documents.print_session_summary(intake_id=intake_id, path=tmp_path / f"{intake_id}.pdf",
                                                                actor=demo_admin)
        pdf = read_pdf(printed.path)
        assert full_name in pdf.text
        assert_numbered(pdf)
        referent = sql(
            demo_services,
            "SELECT s.first_name || ' ' || s.last_name FROM referent_assignment r JOIN staff s ON s.id = r.staff_id "
            "WHERE r.intake_id = ?",
            intake_id,
        )
        for (name,) in referent:
            assert name in pdf.text


def test_unknown_intake_is_a_french_error(admin, loaded_services, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFound, match="Cet accueil commun n'existe pas"):
        loaded_services.documents.print_session_summary(intake_id="nope", path=out / "x.pdf", actor=admin)
    assert list(out.iterdir()) == []


def test_a_label_wider_than_its_column_wraps_instead_of_running_over_its_value():
    from reportlab.lib.units import mm

    from pac_desktop.reports.base import TextCell, key_values

    table = key_values([("Territoire", "Tarbes"), ("Éligibilité accordée par dérogation", "non")], label_width=52 * mm)
    short, (long,) = table._rows[0][0], table._rows[1][0]  # a Grid: flowable cells held as tuples
    assert short == "Territoire"  # plain text: the cheap path of long packs
    assert isinstance(long, TextCell) and long.wrap(52 * mm - 6, 100)[1] > 12  # two lines
