"""`pac-server admin` for what an enrolled computer may no longer change itself (issues 12 and 14): programme
settings, deactivating and reactivating a staff member, a new password, roles; and what a device receives."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync_helpers import TARBES, backends, running_server

from pac_desktop.cli import main as pac_main
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.programme_settings import EVALUATION_ENABLED, LOCK_AFTER_MINUTES, setting_id
from pac_desktop.domain.reference import stable_id
from pac_desktop.security.passwords import verify_password
from pac_desktop.security.store_key import open_encrypted_store
from pac_desktop.server import admin, cli, core
from pac_desktop.server.cli import main as server_main
from pac_desktop.server.db import write_transaction
from pac_desktop.server.models import Record
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.programme_settings import ProgrammeSettingsService
from pac_desktop.services.staff import LoginRefused, StaffService

LOGIN, FIRST_PASSWORD, NEW_PASSWORD = "d.essai", "premier-essai-2026", "second-essai-2026"


def _records(server, entity: str) -> list:  # noqa: ANN001
    with server.engine.connect() as conn:
        return conn.execute(select(Record.__table__).where(Record.entity == entity)).all()


def _staff_member(server) -> str:  # noqa: ANN001
    return admin.create_staff(server.engine, first_name="Dominique", last_name="Essai", organisation_code="cio-tarbes",
                              roles=[StaffRole.COUNSELLOR], login=LOGIN, password=FIRST_PASSWORD)


@pytest.mark.parametrize("backend", backends())
def test_admin_commands_for_settings_and_staff(backend, tmp_path, capsys, monkeypatch):
    with running_server(backend, tmp_path) as server:
        db = ["--database-url", server.settings.database_url, "admin"]
        staff_id = _staff_member(server)

        assert server_main([*db, "set-setting", "session.lock_minutes", "25"]) == 0
        assert "pour tout le programme" in capsys.readouterr().out
        assert server_main([*db, "set-setting", "evaluation.enabled", "oui", "--territory", "tarbes"]) == 0
        assert "= oui pour le territoire tarbes" in capsys.readouterr().out
        rows = {r.id: r.data for r in _records(server, "programme_setting")}
        assert rows[setting_id("session.lock_minutes")] == {"key": "session.lock_minutes", "scope": "", "value": "25"}
        assert rows[setting_id("evaluation.enabled", TARBES)]["value"] == "1"
        for args, message in ((["session.lock_minutes", "500"], "de 1 à 120 minutes"),
                              (["session.lock_minutes", "beaucoup"], "nombre entier"),
                              (["evaluation.enabled", "peut-être"], "oui ou non"),
                              (["session.lock_minutes", "5", "--territory", "tarbes"], "tout le programme"),
                              (["evaluation.enabled", "oui", "--territory", "nulle-part"], "Aucun territoire")):
            assert server_main([*db, "set-setting", *args]) == 2
            assert message in capsys.readouterr().err
        assert server_main([*db, "set-setting", "reglage.inconnu", "3"]) == 2
        assert "Aucun réglage ne s'appelle « reglage.inconnu »" in capsys.readouterr().err
        assert {r.id: r.data for r in _records(server, "programme_setting")} == rows  # refusals changed nothing

        def active() -> bool:
            return next(r for r in _records(server, "staff") if r.id == staff_id).data["active"]

        assert server_main([*db, "deactivate-staff", LOGIN]) == 0
        assert "désactivé" in capsys.readouterr().out and active() is False
        assert server_main([*db, "deactivate-staff", LOGIN]) == 0
        assert "déjà désactivé" in capsys.readouterr().out
        assert server_main([*db, "reactivate-staff", LOGIN]) == 0
        assert "réactivé" in capsys.readouterr().out and active() is True
        assert server_main([*db, "deactivate-staff", "personne"]) == 2
        assert "Aucun membre du personnel" in capsys.readouterr().err

        monkeypatch.setenv(cli.PASSWORD_ENV, NEW_PASSWORD)
        assert server_main([*db, "reset-password", LOGIN]) == 0
        out, err = capsys.readouterr()
        assert "Nouveau mot de passe enregistré" in out and NEW_PASSWORD not in out + err
        (credential,) = _records(server, "credential")
        assert verify_password(NEW_PASSWORD, credential.data["password_hash"])
        monkeypatch.setenv(cli.PASSWORD_ENV, "court")
        assert server_main([*db, "reset-password", LOGIN]) == 2
        assert "au moins" in capsys.readouterr().err
        monkeypatch.delenv(cli.PASSWORD_ENV)
        typed = iter(["un-mot-de-passe-1", "un-mot-de-passe-2"])
        monkeypatch.setattr(cli.getpass, "getpass", lambda _prompt: next(typed))
        assert server_main([*db, "reset-password", LOGIN]) == 2
        assert "pas identiques" in capsys.readouterr().err
        (credential,) = _records(server, "credential")
        assert verify_password(NEW_PASSWORD, credential.data["password_hash"])  # unchanged

        def roles() -> dict[str, str]:
            return {r.data["role"]: r.id for r in _records(server, "staff_role")
                    if r.data["staff_id"] == staff_id and not r.deleted}

        counsellor_row = roles()["counsellor"]
        assert server_main([*db, "set-roles", LOGIN, "referent", "administrator"]) == 0
        assert "Référent unique" in capsys.readouterr().out
        assert set(roles()) == {"referent", "administrator"}
        assert server_main([*db, "set-roles", LOGIN, "counsellor"]) == 0
        assert roles() == {"counsellor": counsellor_row}  # the old row revived: devices keep (staff, role) unique


@pytest.mark.parametrize("backend", backends())
def test_a_setting_and_a_deactivation_made_on_the_server_reach_an_enrolled_computer(backend, tmp_path, capsys,
                                                                                   monkeypatch):
    data = tmp_path / "poste"

    def on_the_computer(check) -> None:  # noqa: ANN001
        store = open_encrypted_store(data)
        try:
            ctx = ServiceContext(store=store)
            check(ProgrammeSettingsService(ctx, None), StaffService(ctx))
        finally:
            store.engine.dispose()

    with running_server(backend, tmp_path) as server:
        db = ["--database-url", server.settings.database_url, "admin"]
        _staff_member(server)
        code = admin.enrolment_code(server.engine, organisation_code="cio-tarbes").code
        assert pac_main(["--data-dir", str(data), "enrol", "--server", server.url, "--code", code]) == 0
        assert pac_main(["--data-dir", str(data), "sync"]) == 0

        def before(settings: ProgrammeSettingsService, staff: StaffService) -> None:
            assert settings.get(LOCK_AFTER_MINUTES) == 10 and not settings.managed_here()
            assert staff.login(login=LOGIN, password=FIRST_PASSWORD).staff_id

        on_the_computer(before)
        assert server_main([*db, "set-setting", "session.lock_minutes", "25"]) == 0
        assert server_main([*db, "set-setting", "evaluation.enabled", "oui", "--territory", "tarbes"]) == 0
        assert server_main([*db, "deactivate-staff", LOGIN]) == 0
        assert pac_main(["--data-dir", str(data), "sync"]) == 0

        def after(settings: ProgrammeSettingsService, staff: StaffService) -> None:
            assert settings.get(LOCK_AFTER_MINUTES) == 25
            assert settings.get(EVALUATION_ENABLED, territory_id=stable_id("territory", "tarbes")) is True
            with pytest.raises(LoginRefused, match="désactivé"):
                staff.login(login=LOGIN, password=FIRST_PASSWORD)

        on_the_computer(after)
        monkeypatch.setenv(cli.PASSWORD_ENV, NEW_PASSWORD)
        assert server_main([*db, "reactivate-staff", LOGIN]) == 0
        assert server_main([*db, "reset-password", LOGIN]) == 0
        assert pac_main(["--data-dir", str(data), "sync"]) == 0

        def back(_settings: ProgrammeSettingsService, staff: StaffService) -> None:
            with pytest.raises(LoginRefused, match="incorrect"):
                staff.login(login=LOGIN, password=FIRST_PASSWORD)
            assert staff.login(login=LOGIN, password=NEW_PASSWORD).staff_id

        on_the_computer(back)
        capsys.readouterr()


def test_a_setting_a_device_pushed_before_is_updated_not_doubled(tmp_path, capsys):
    """Before issue 12 a device's administrator could push a setting (its own row id): set-setting updates it."""
    with running_server("sqlite", tmp_path) as server:
        pushed = "5e77e000-0000-4000-8000-000000000001"
        with write_transaction(server.engine) as conn:
            core.put_as_admin(conn, "programme_setting", pushed, {"key": "caseload.cap", "scope": "", "value": "40"})
        assert server_main(["--database-url", server.settings.database_url, "admin", "set-setting", "caseload.cap",
                            "45"]) == 0
        capsys.readouterr()
        assert [(r.id, r.data["value"]) for r in _records(server, "programme_setting")] == [(pushed, "45")]
