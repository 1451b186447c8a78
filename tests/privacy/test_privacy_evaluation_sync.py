"""End to end through a real server: an administrator switches the draw on, the device's sync cycle brings its
reserve of allocation blocks, the draw is made offline, pushed, and the server regenerates it from its seed."""

from __future__ import annotations

from datetime import date

from privacy_helpers import make_youth, territory_id
from privacy_server_helpers import set_server_setting
from sync_helpers import memory_keyring, new_store, running_server

from pac_desktop.cli import main as pac_main
from pac_desktop.domain.enums import StaffRole
from pac_desktop.server import admin, evaluation
from pac_desktop.server.db import read_transaction
from pac_desktop.services.registry import Services

PASSWORD = "motdepasse-du-poste"


def test_reserve_after_sync_then_offline_draws_verified_by_the_server(tmp_path, monkeypatch, capsys) -> None:
    with memory_keyring(), running_server("sqlite", tmp_path) as server:
        ids = {
            role: admin.create_staff(server.engine, first_name="Test", last_name=role.value, organisation_code=org,
                                     roles=[role], login=role.value, password=PASSWORD)
            for role, org in ((StaffRole.ADMINISTRATOR, "ml-tarbes"), (StaffRole.COUNSELLOR, "cio-tarbes"),
                              (StaffRole.EVALUATOR, "ml-tarbes"))
        }
        store = new_store(tmp_path / "poste")
        try:
            services = Services.build(store, today=lambda: date(2026, 3, 12))
            code = admin.enrolment_code(server.engine, organisation_code="ml-tarbes").code
            services.sync.enrol(server_url=server.url, code=code, device_name="Poste de Tarbes")
            services.sync.sync_now()  # reference data and staff
            # Signed in: the counsellor's changes are signed with the key their password opens (issue 12).
            counsellor = services.sessions.login(login=StaffRole.COUNSELLOR.value, password=PASSWORD)
            assert counsellor.staff_id == ids[StaffRole.COUNSELLOR]
            assert services.evaluation.reserve_levels() == {}
            # The programme's settings are the server administrator's: the draw is switched on there.
            set_server_setting(server, "evaluation.enabled", "1", territory_id(services, "tarbes"))
            services.sync.sync_now()  # pushes the setting; after the cycle, the reserve is filled
            levels = services.evaluation.reserve_levels()
            assert levels["tarbes/minor"] >= 8 and levels["tarbes/adult"] >= 8

            # Offline from here: the draws use the reserve only.
            youths = [make_youth(services, first=f"Hors{i}", last="Ligne", birth=date(2009, 1, 1), by=counsellor)
                      for i in range(5)]
            arms = [services.evaluation.draw(youth_id=y, by=counsellor).arm for y in youths]
            assert len(arms) == 5
            services.sync.sync_now()
            with read_transaction(server.engine) as conn:
                draws = evaluation.recorded_draws(conn)
                assert sorted(d.youth_id for d, _device in draws) == sorted(youths)
                assert evaluation.verify_draws_against_seed(conn) == []

            # `pac export evaluation`: the evaluator asks; the server checks the role and makes the dataset.
            monkeypatch.setenv("PAC_PASSWORD", PASSWORD)
            out_dir = tmp_path / "export"
            args = ["--data-dir", str(tmp_path / "poste"), "export", "evaluation", "-o", str(out_dir)]
            assert pac_main([*args, "--login", StaffRole.EVALUATOR.value]) == 0
            dataset = (out_dir / "evaluation-pseudonymisee.csv").read_text(encoding="utf-8")
            assert len(dataset.strip().splitlines()) == 1 + 5
            assert not any(y in dataset for y in youths) and "Ligne" not in dataset and "Hors" not in dataset
            assert pac_main([*args, "--login", StaffRole.COUNSELLOR.value]) == 2
            assert "réservés aux évaluateurs" in capsys.readouterr().err
        finally:
            store.engine.dispose()
