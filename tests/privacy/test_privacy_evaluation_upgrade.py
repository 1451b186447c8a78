"""After the upgrade to the sealed reserve (issue 13), with a real pac-server: the computer's former reserve is
gone (migration 0007 drops its unused slots, stored in clear), so the blocks it had begun stay unfinished. They are
closed once, with one clearly worded notice in the audit trail — not reported as anomalies after each sync nor by
`pac-server admin verify-evaluation`. A second renewal of the same computer is not excused: its unfinished blocks
are anomalies as before."""

from __future__ import annotations

from datetime import date

import pytest
from privacy_helpers import make_youth, territory_id
from privacy_server_helpers import set_server_setting
from sqlalchemy import delete, select
from sync_helpers import backends, memory_keyring, new_store, running_server

from pac_desktop.domain.enums import StaffRole
from pac_desktop.server import admin, evaluation
from pac_desktop.server.cli import main as server_main
from pac_desktop.server.db import read_transaction
from pac_desktop.server.models import Record
from pac_desktop.services.evaluation import RESERVE_ID_KEY
from pac_desktop.services.registry import Services
from pac_desktop.storage.models import AuditEvent, EvaluationSlot, LocalSetting

PASSWORD = "motdepasse-du-poste"


def _lose_reserve(services) -> None:
    """What migration 0007 leaves of a reserve stored in clear: its used slots, no unused one, no reserve id."""
    with services.ctx.write() as session:
        session.execute(delete(EvaluationSlot).where(EvaluationSlot.used_by_youth_id.is_(None)))
        session.execute(delete(LocalSetting).where(LocalSetting.key == RESERVE_ID_KEY))


def _server_audit(server, action: str) -> list[dict]:
    with read_transaction(server.engine) as conn:
        rows = conn.execute(select(Record.__table__.c.data).where(Record.__table__.c.entity == "audit_event")).scalars()
        return [d for d in rows if d.get("action") == action]


@pytest.mark.parametrize("backend", backends())
def test_blocks_left_by_the_upgrade_are_one_notice_not_anomalies(backend, tmp_path, capsys) -> None:
    with memory_keyring(), running_server(backend, tmp_path) as server:
        for role, org in ((StaffRole.ADMINISTRATOR, "ml-tarbes"), (StaffRole.COUNSELLOR, "cio-tarbes")):
            admin.create_staff(server.engine, first_name="Test", last_name=role.value, organisation_code=org,
                               roles=[role], login=role.value, password=PASSWORD)
        store = new_store(tmp_path / "poste")
        try:
            services = Services.build(store, today=lambda: date(2026, 3, 12))
            code = admin.enrolment_code(server.engine, organisation_code="ml-tarbes").code
            services.sync.enrol(server_url=server.url, code=code, device_name="Poste de Tarbes")
            services.sync.sync_now()
            # Signed in with their password: their draws are signed and the server records them (issue 12).
            counsellor = services.sessions.login(login=StaffRole.COUNSELLOR.value, password=PASSWORD)
            set_server_setting(server, "evaluation.enabled", "1", territory_id(services, "tarbes"))
            services.sync.sync_now()  # the first reserve: nothing held before, nothing to close, no notice

            def draw(n: int) -> None:
                youth = make_youth(services, first=f"Avant{n}", last="Miseajour", birth=date(2009, 1, 1),
                                   by=counsellor)
                services.evaluation.draw(youth_id=youth, by=counsellor)

            draw(0)
            services.sync.sync_now()
            assert _server_audit(server, "evaluation_reserve_renewed") == []

            # The upgrade: the former reserve is dropped; the next sync brings a new one, saying so.
            _lose_reserve(services)
            services.sync.sync_now()
            for n in (1, 2):
                draw(n)
            for _ in range(3):  # the notice is given once, whatever the syncs that follow
                services.sync.sync_now()
            with read_transaction(server.engine) as conn:
                assert evaluation.draw_order_anomalies(conn) == []
                closed = evaluation.closed_blocks(conn)
            assert closed and {stratum for stratum, _n, _d in closed} == {"tarbes/minor", "tarbes/adult"}
            assert _server_audit(server, "evaluation_anomaly") == []
            (notice,) = _server_audit(server, "evaluation_reserve_renewed")
            assert "renouvelé sa réserve de tirages" in notice["detail"] and "blocs inachevés clos" in notice["detail"]
            assert "ce n'est pas une anomalie" in notice["detail"] and "tarbes/minor bloc 0" in notice["detail"]
            with services.ctx.read() as session:  # the territory's computers see it in their audit trail
                local = session.scalars(select(AuditEvent).where(AuditEvent.action == "evaluation_reserve_renewed"))
                assert len(local.all()) == 1
            url = server.engine.url.render_as_string(hide_password=False)
            assert server_main(["--database-url", url, "admin", "verify-evaluation"]) == 0
            out = capsys.readouterr().out
            assert "Avis :" in out and "pas une anomalie" in out and "chacun sur la place suivante" in out

            # Once per computer: a second renewal (say, to skip a result someone peeked at) is not excused.
            _lose_reserve(services)
            services.sync.sync_now()
            draw(3)
            services.sync.sync_now()
            with read_transaction(server.engine) as conn:
                found = evaluation.draw_order_anomalies(conn)
            assert found and {a.kind for a in found} == {"abandoned"}
            assert len(_server_audit(server, "evaluation_reserve_renewed")) == 1
            assert server_main(["--database-url", url, "admin", "verify-evaluation"]) == 2
        finally:
            store.engine.dispose()
