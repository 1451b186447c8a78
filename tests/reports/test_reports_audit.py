"""Every print and export leaves an audit entry: who, what, when — ids only, never a name."""

from __future__ import annotations

from datetime import date

import pytest
from report_fixtures import sql

from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import PermissionDenied
from pac_desktop.services.staff import actor_for


def _actor(services, staff_id):
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


def _events(services):
    return sql(services, "SELECT action, entity, entity_id, youth_id, staff_id, detail FROM audit_event ORDER BY at, id")


def _no_names(services, details):
    names = [n for row in sql(services, "SELECT first_name, last_name FROM youth") for n in row]
    for detail in details:
        for name in names:
            assert name not in detail


def test_prints_and_exports_are_audited(handmade, tmp_path):
    services = handmade.services
    cio = _actor(services, handmade.team.cio)
    before = len(_events(services))

    summary = services.documents.print_session_summary(intake_id=handmade.minor.intake_id, path=tmp_path / "s.pdf",
                                                       actor=cio)
    services.documents.print_passport(intake_id=handmade.minor.intake_id, path=tmp_path / "p.pdf", actor=cio)
    services.documents.record_copy(document=summary, output="printer", actor=cio)
    services.documents.record_copy(document=summary, output="file", actor=cio)
    events = _events(services)[before:]

    assert [(e[0], e[1], e[2], e[3], e[4]) for e in events] == [
        ("prepare", "joint_intake", handmade.minor.intake_id, handmade.minor.youth_id, cio.staff_id),
        ("prepare", "joint_intake", handmade.minor.intake_id, handmade.minor.youth_id, cio.staff_id),
        ("print", "joint_intake", handmade.minor.intake_id, handmade.minor.youth_id, cio.staff_id),
        ("export", "joint_intake", handmade.minor.intake_id, handmade.minor.youth_id, cio.staff_id),
    ]
    assert events[0][5].startswith("document=session_summary; pages=")
    assert events[1][5].startswith("document=passport; pages=1")
    assert f"output=printer; source={summary.audit_event_id}" in events[2][5]
    assert "output=file" in events[3][5]
    _no_names(services, [e[5] for e in events])


def test_committee_pack_is_audited_once_and_for_each_youth(admin, handmade, tmp_path):
    services = handmade.services
    before = len(_events(services))
    printed = services.documents.print_committee_pack(
        territory_code="toulouse-nord", date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), path=tmp_path / "c.pdf",
        actor=admin, pseudonymised=True,
    )
    events = _events(services)[before:]
    pack = [e for e in events if e[1] == "territory"]
    per_youth = [e for e in events if e[1] == "joint_intake"]
    assert len(pack) == 1 and pack[0][0] == "prepare"
    assert "document=committee_pack" in pack[0][5] and "pseudonymised=1" in pack[0][5] and "sessions=2" in pack[0][5]
    assert "from=2026-01-01; to=2026-03-31" in pack[0][5]
    assert {e[3] for e in per_youth} == {handmade.minor.youth_id, handmade.adult.youth_id}
    assert all(f"pack={printed.audit_event_id}" in e[5] for e in per_youth)
    assert all(e[4] == admin.staff_id for e in events)
    _no_names(services, [e[5] for e in events])


def test_indicator_exports_are_audited(admin, handmade, tmp_path):
    services = handmade.services
    before = len(_events(services))
    services.documents.print_indicators(path=tmp_path / "i.pdf", actor=admin, date_from=date(2026, 1, 1),
                                        date_to=date(2026, 3, 31))
    services.documents.export_indicators_csv(path=tmp_path / "i.csv", actor=admin)
    services.documents.export_indicators_json(actor=admin, territory_code="tarbes")
    events = _events(services)[before:]
    assert [(e[0], e[1]) for e in events] == [("prepare", "indicators"), ("export", "indicators"),
                                              ("export", "indicators")]
    assert "document=indicators;" in events[0][5]
    assert "document=indicators_csv" in events[1][5]
    assert "document=indicators_json" in events[2][5]
    assert events[2][2] == sql(services, "SELECT id FROM territory WHERE code = 'tarbes'")[0][0]


def test_roles_are_enforced_for_logged_in_staff(handmade, tmp_path):
    services = handmade.services
    tarbes_committee_id = services.staff.add(first_name="Odile", last_name="Comité-Fictif",
                                             organisation_code="cio-tarbes", roles=[StaffRole.COMMITTEE])
    tarbes_committee = _actor(services, tarbes_committee_id)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied, match="autre territoire"):
        services.documents.print_committee_pack(territory_code="toulouse-nord", date_from=date(2026, 1, 1),
                                                date_to=date(2026, 3, 31), path=out / "c.pdf", actor=tarbes_committee)
    with pytest.raises(PermissionDenied):
        services.documents.print_passport(intake_id=handmade.minor.intake_id, path=out / "p.pdf",
                                          actor=tarbes_committee)
    assert list(out.iterdir()) == []
    denied = sql(services, "SELECT staff_id FROM audit_event WHERE action = 'denied'")
    assert denied == [(tarbes_committee_id,), (tarbes_committee_id,)]
    # Their own territory's pack and a summary of it are allowed.
    services.documents.print_committee_pack(territory_code="tarbes", date_from=date(2026, 1, 1),
                                            date_to=date(2026, 3, 31), path=out / "t.pdf", actor=tarbes_committee)
    services.documents.print_session_summary(intake_id=handmade.tarbes.intake_id, path=out / "s.pdf",
                                             actor=tarbes_committee)
