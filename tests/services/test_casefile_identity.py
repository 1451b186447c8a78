"""Identity and contacts: edits with their history (who, when, old → new), checks in plain French."""

from __future__ import annotations

from datetime import date

import pytest
from casefile_builders import make_staff, make_youth
from sqlalchemy import select

from pac_desktop.domain.enums import Sex
from pac_desktop.domain.errors import DomainError, PermissionDenied
from pac_desktop.storage.models import OutboxEntry, Youth


@pytest.fixture
def file(loaded_services):
    s = loaded_services
    me = make_staff(s, "Rémi", "Testreferent")
    youth = make_youth(s, first="Léa", last="Testmartin", birth=date(2008, 3, 12), town="Tarbes", referent=me)
    return s, me, youth


def test_edit_keeps_a_history(file):
    s, me, youth = file
    made = s.casefile.update_identity(
        youth_id=youth,
        changes={"phone": "0612345678", "town": "  Lourdes ", "sex": Sex.FEMALE, "first_name": "Léa"},
        by=me,
    )
    # "Léa" did not change: no history line for it.
    assert [(c.field_label, c.old_text, c.new_text) for c in made] == [
        ("Téléphone", "(vide)", "06 12 34 56 78"),
        ("Commune", "Tarbes", "Lourdes"),
        ("Sexe", "(vide)", "Femme"),
    ]
    s.casefile.update_identity(youth_id=youth, changes={"birth_date": date(2008, 3, 21)}, by=me)
    case = s.casefile.case_file(youth_id=youth, by=me)
    assert case.identity.town == "Lourdes" and case.identity.phone == "06 12 34 56 78"
    newest = case.identity_history[0]
    assert (newest.field_label, newest.old_text, newest.new_text, newest.changed_by_name) == (
        "Date de naissance",
        "12 mars 2008",
        "21 mars 2008",
        "Rémi Testreferent",
    )
    assert len(case.identity_history) == 4
    # The search keys follow (the model's validator) and the outbox has the changes.
    with s.ctx.read() as session:
        assert session.scalar(select(Youth.town_key).where(Youth.id == youth)) == "lourdes"
        entities = [e.entity for e in session.scalars(select(OutboxEntry).where(OutboxEntry.case_id == youth))]
    assert entities.count("identity_change") == 4
    assert [r.first_name for r in s.youths.search(by=me, query="lourdes").rows] == ["Léa"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"last_name": "   "}, "« Nom » ne peut pas rester vide"),
        ({"email": "lea.exemple"}, "n'est pas une adresse valide"),
        ({"postcode": "650"}, "cinq chiffres"),
        ({"birth_date": date(2027, 1, 1)}, "dans le futur"),
        ({"birth_date": date(1980, 1, 1)}, "le jeune aurait 46 ans"),
        ({"birth_date": None}, "« Date de naissance » ne peut pas rester vide"),
    ],
)
def test_checks_in_french(file, changes, message):
    s, me, youth = file
    with pytest.raises(DomainError, match=message):
        s.casefile.update_identity(youth_id=youth, changes=changes, by=me)


def test_guardian_contacts(file):
    s, me, youth = file
    guardian = s.casefile.add_guardian(youth_id=youth, full_name="Paul Testmartin", relationship="père", by=me)
    s.casefile.update_guardian(guardian_id=guardian, changes={"phone": "+33 6 98 76 54 32"}, by=me)
    case = s.casefile.case_file(youth_id=youth, by=me)
    assert [(g.full_name, g.relationship, g.phone) for g in case.guardians] == [
        ("Paul Testmartin", "père", "06 98 76 54 32")
    ]
    assert [(c.field_label, c.new_text) for c in case.identity_history] == [
        ("Représentant légal : téléphone", "06 98 76 54 32"),
        ("Représentant légal : nom", "Paul Testmartin"),
    ]


def test_only_the_referent_edits(file):
    s, me, youth = file
    colleague = make_staff(s, "Rosa", "Testautre")
    assert s.casefile.case_file(youth_id=youth, by=colleague).header.referent_name == "Rémi Testreferent"
    assert not s.casefile.can_edit(youth_id=youth, by=colleague) and s.casefile.can_edit(youth_id=youth, by=me)
    with pytest.raises(PermissionDenied, match="Seul le référent unique"):
        s.casefile.update_identity(youth_id=youth, changes={"town": "Foix"}, by=colleague)


def test_opening_a_file_is_audited_once(file):
    from sqlalchemy import func

    from pac_desktop.storage.models import AuditEvent

    s, me, youth = file
    s.casefile.case_file(youth_id=youth, by=me)
    s.casefile.case_file(youth_id=youth, by=me, record_view=False)  # read again after a change
    with s.ctx.read() as session:
        views = session.execute(
            select(AuditEvent.staff_id, AuditEvent.youth_id, AuditEvent.detail).where(AuditEvent.action == "view")
        ).all()
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "view")) == 1
    assert views == [(me.staff_id, youth, "")]  # ids only, never a name
