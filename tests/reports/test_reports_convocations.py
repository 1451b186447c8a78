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


def test_a_cancellation_letter_to_each_youth_the_session_was_cancelled_for(loaded_services, tmp_path):
    import pytest

    from pac_desktop.domain.errors import DomainError

    s = loaded_services
    made = make_session(s)  # Léa (e-mail, mobile), Noé (mobile only), Zoé (e-mail only)
    lead = made.team.lead
    with pytest.raises(DomainError, match="n'est pas annulée"):
        s.convocations.print_cancellations(session_id=made.session_id, path=tmp_path / "x.pdf", actor=lead)
    # Zoé's invitation was withdrawn before: the session's cancellation is not hers to be told by letter.
    s.intake_sessions.set_invitation_status(invitation_id=made.invitations["Zoé"], status=InvitationStatus.CANCELLED,
                                            by=lead)
    s.intake_sessions.cancel_session(session_id=made.session_id, reason="Salle indisponible", by=lead)
    printed = s.convocations.print_cancellations(session_id=made.session_id, path=tmp_path / "annulations.pdf",
                                                 actor=lead)
    pdf = read_pdf(printed.path)
    assert pdf.page_count == printed.pages == 2
    assert_embedded_fonts_only(pdf)
    lea, noe = pdf.pages
    # The convocation's head: the host, the youth's name and address in the window, the town and the day.
    assert "Léa Testfictive" in lea and "3 rue des Essais" in lea and "65000 Tarbes" in lea
    assert "Noé" not in lea and "Léa" not in noe and "Zoé" not in pdf.text
    assert "À Tarbes, le 12 mars 2026" in lea and "Bonjour Léa," in lea
    assert "Objet : annulation de votre accueil commun du mardi 17 mars 2026 à 14 h 00" in lea
    assert "Objet : annulation de votre accueil commun du mardi 17 mars 2026 à 15 h 30" in noe
    assert "Mardi 17 mars 2026 à 14 h 00 — annulé" in lea
    assert "CIO de Tarbes, salle Garonne" in lea and "10 rue André-Fourcade" in lea
    assert "Motif : Salle indisponible." in lea and "vous n'avez pas à vous déplacer" in lea
    assert "Page 1 sur" not in lea and "Durée" not in lea
    rows = sql(s, "SELECT entity, youth_id FROM audit_event WHERE action = 'prepare' AND detail LIKE "
                  "'%cancellation_letters%'")
    assert sorted(r[1] for r in rows if r[0] == "intake_invitation") == sorted([made.youths["Léa"],
                                                                               made.youths["Noé"]])
    # Only those no message reaches: Noé refused them (Léa gets the e-mail and the SMS).
    s.contacts.set_messages_refused(youth_id=made.youths["Noé"], refused=True, by=lead)
    only = s.convocations.print_cancellations(session_id=made.session_id, path=tmp_path / "noe.pdf", actor=lead,
                                              unreachable_only=True)
    assert read_pdf(only.path).pages == [noe]
    # The session's list says it is cancelled, by whom, when and why (its stored cancellation); the notes stay.
    listed = read_pdf(s.convocations.print_session_list(session_id=made.session_id, path=tmp_path / "liste.pdf",
                                                        actor=lead).path).text
    assert "Annulée le 12/03/2026 par Maud Dufictif : Salle indisponible" in listed
    assert "Prévoir la salle dès 13 h 30." in listed
