"""Convocation letters (one page per invited youth, a mail merge) and the session's list for the counsellors
(issue 18): real PDFs, read back."""

from __future__ import annotations

from report_fixtures import assert_embedded_fonts_only, assert_numbered, read_pdf, sql
from session_builders import make_session

from pac_desktop.domain.intake_sessions import InvitationStatus


def test_one_letter_per_expected_youth_with_the_place_and_the_counsellors(loaded_services, tmp_path):
    s = loaded_services
    made = make_session(s)
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Zoé"], status=InvitationStatus.DECLINED,
                                            by=made.team.lead)
    printed = s.convocations.print_convocations(session_id=made.session_id, path=tmp_path / "convocations.pdf",
                                                actor=made.team.lead)
    pdf = read_pdf(printed.path)
    assert pdf.page_count == printed.pages == 2  # Zoé declined: no letter for her
    assert_embedded_fonts_only(pdf)
    lea, noe = pdf.pages
    assert "Léa Testfictive" in lea and "3 rue des Essais" in lea and "65000 Tarbes" in lea
    assert "Noé" not in lea and "Léa" not in noe  # each letter holds one youth only
    assert "Bonjour Léa," in lea and "Bonjour Noé," in noe
    assert "Mardi 17 mars 2026 à 14 h 00" in lea and "Mardi 17 mars 2026 à 15 h 30" in noe
    assert "CIO de Tarbes, salle Garonne" in lea and "10 rue André-Fourcade" in lea
    for name in ("Maud Dufictif", "Paul Lessai", "Sarah Rexemple", "Claire Apprentest"):
        assert name in lea
    assert "mineur(e)" in lea and "mineur(e)" not in noe  # Léa is 17 on the day, Noé 22
    assert "À Tarbes, le 12 mars 2026" in lea
    assert "Page 1 sur" not in lea  # a letter is not page 1 of a pack
    # Audited: the pack, and one entry in each youth's file.
    rows = sql(s, "SELECT entity, youth_id FROM audit_event WHERE action = 'prepare' AND detail LIKE "
                  "'%convocations%'")
    assert sorted(r[1] for r in rows if r[0] == "intake_invitation") == sorted([made.youths["Léa"],
                                                                               made.youths["Noé"]])

    single = s.convocations.print_convocations(session_id=made.session_id, path=tmp_path / "noe.pdf",
                                               actor=made.team.lead, invitation_ids=[made.invitations["Noé"]])
    assert read_pdf(single.path).pages == [noe]


def test_the_session_list_for_the_counsellors(loaded_services, tmp_path):
    s = loaded_services
    made = make_session(s)
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Noé"], status=InvitationStatus.DECLINED,
                                            by=made.team.lead)
    printed = s.convocations.print_session_list(session_id=made.session_id, path=tmp_path / "liste.pdf",
                                                actor=made.team.lead)
    pdf = read_pdf(printed.path)
    assert_numbered(pdf)
    text = pdf.text
    assert "Séance d'accueil commun — Mardi 17 mars 2026 à 14 h 00" in text
    assert "jusqu'à 20 h 00" in text  # 4 slots of 1 h 30
    assert "Maud Dufictif" in text and "Conseiller Mission Locale" in text
    assert "Léa Testfictive" in text and "06 12 34 56 78" in text and "17 ans" in text
    assert "libre" in text  # Noé's slot is free again...
    assert "Invitations déclinées ou annulées" in text and "Ne viendra pas" in text  # ...and Noé is listed apart
    assert "Prévoir la salle dès 13 h 30." in text
