"""`pac-server admin …`, the OpenAPI document, and `pac enrol` / `pac sync` end to end."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import func, select, update
from sync_helpers import add_youth, enrol_device, running_server, sync

from pac_desktop.cli import main as pac_main
from pac_desktop.server.cli import main as server_main
from pac_desktop.server.models import Device, Record, RecordVersion, utcnow
from pac_desktop.storage.models import Youth
from pac_desktop.storage.outbox import tombstone


def test_admin_commands_and_enrolment_through_the_command_lines(tmp_path, capsys, monkeypatch):
    with running_server("sqlite", tmp_path, publish=False) as server:
        url = server.settings.database_url
        assert server_main(["--database-url", url, "admin", "publish-reference"]) == 0
        assert "142 créées" in capsys.readouterr().out
        assert server_main(["--database-url", url, "admin", "publish-reference"]) == 0
        assert "0 créées, 0 mises à jour, 142 inchangées" in capsys.readouterr().out
        monkeypatch.setenv("PAC_NEW_PASSWORD", "motdepasse-test")
        assert server_main(["--database-url", url, "admin", "create-staff", "--first-name", "Camille",
                            "--last-name", "Essai", "--organisation", "cio-tarbes", "--role", "counsellor",
                            "--login", "c.essai"]) == 0
        assert "Camille Essai" in capsys.readouterr().out
        assert server_main(["--database-url", url, "admin", "enrolment-code", "--organisation", "cio-tarbes"]) == 0
        out, err = capsys.readouterr()
        code = out.strip()
        assert len(code) == 14 and "usage unique" in err and "cio-tarbes" in err
        assert server_main(["--database-url", url, "admin", "enrolment-code", "--organisation", "ml-toulouse"]) == 2
        assert "--territory" in capsys.readouterr().err
        # Issue 18 §6: the regional committee's computer, enrolled for no territory (and never with one too).
        assert server_main(["--database-url", url, "admin", "enrolment-code", "--organisation",
                            "mgi-academie-toulouse", "--regional"]) == 0
        assert "ordinateur régional (aucun dossier)" in capsys.readouterr().err
        assert server_main(["--database-url", url, "admin", "enrolment-code", "--organisation",
                            "mgi-academie-toulouse", "--regional", "--territory", "tarbes"]) == 2
        assert "pas les deux" in capsys.readouterr().err

        data = tmp_path / "poste"
        assert pac_main(["--data-dir", str(data), "enrol", "--server", server.url, "--code", code,
                         "--name", "Poste CIO Tarbes"]) == 0
        assert "inscrit" in capsys.readouterr().out
        assert pac_main(["--data-dir", str(data), "sync"]) == 0
        out = capsys.readouterr().out
        assert "Synchronisation terminée" in out and "données reçues" in out and "0 conflit à résoudre" in out
        assert pac_main(["--data-dir", str(data), "staff", "list"]) == 0
        assert "Camille Essai" in capsys.readouterr().out  # staff published by the server reached the device
        assert pac_main(["--data-dir", str(data), "sync", "--status"]) == 0
        assert "En attente d'envoi : 0" in capsys.readouterr().out

        with server.engine.connect() as conn:
            device_id = conn.execute(select(Device.device_id)).scalar_one()
            assert conn.execute(select(Record.data).where(Record.entity == "credential")).scalar_one()[
                "login"] == "c.essai"
        assert server_main(["--database-url", url, "admin", "list-devices"]) == 0
        assert "Poste CIO Tarbes" in capsys.readouterr().out
        assert server_main(["--database-url", url, "admin", "revoke-device", device_id]) == 0
        capsys.readouterr()
        assert pac_main(["--data-dir", str(data), "sync"]) == 2
        assert "retiré" in capsys.readouterr().err
        assert pac_main(["--data-dir", str(data), "enrol", "--server", "http://pac.exemple.fr",
                         "--code", code]) == 2
        assert "https://" in capsys.readouterr().err


def test_openapi_document_is_served(tmp_path):
    with running_server("sqlite", tmp_path, publish=False) as server:
        document = httpx.get(server.url + "/openapi.json").json()
        assert {"/v1/sync/hello", "/v1/sync/push", "/v1/sync/pull", "/v1/devices/enrol", "/v1/token"} <= set(
            document["paths"])
        assert "PushRequest" in document["components"]["schemas"]


def test_purge_tombstones_dry_run_then_purge(tmp_path, capsys):
    with running_server("sqlite", tmp_path) as server:
        url = server.settings.database_url
        device = enrol_device(server, tmp_path / "poste", name="Poste Essai")
        yid = add_youth(device)
        sync(device)
        with device.store.session_factory.begin() as s:
            tombstone(s.get(Youth, yid))
        sync(device)
        device.close()
        long_ago = utcnow() - timedelta(days=200)  # the deletion and the device's last sync, 200 days ago
        with server.engine.begin() as conn:
            conn.execute(update(Record.__table__).where(Record.id == yid).values(updated_at=long_ago))
            conn.execute(update(Device.__table__).values(last_seen=long_ago))

        assert server_main(["--database-url", url, "admin", "purge-tombstones", "--dry-run"]) == 0
        out = capsys.readouterr().out
        assert "Simulation : rien n'a été modifié" in out
        assert "inactifs depuis plus de 180 jours à désactiver : 1 (Poste Essai)" in out
        assert "Suppressions à effacer définitivement : 1 ligne(s)" in out and "Horizon des suppressions à relever" in out
        with server.engine.connect() as conn:
            assert conn.scalar(select(Device.status)) == "active"
            assert conn.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.id == yid)) == 2

        assert server_main(["--database-url", url, "admin", "purge-tombstones"]) == 0
        out = capsys.readouterr().out
        assert "Simulation" not in out and "désactivés : 1 (Poste Essai)" in out
        assert "effacées définitivement : 1 ligne(s), avec 2 version(s)" in out
        with server.engine.connect() as conn:
            assert conn.scalar(select(Device.status)) == "revoked"
            assert conn.scalar(select(func.count()).select_from(Record).where(Record.id == yid)) == 0
        assert server_main(["--database-url", url, "admin", "purge-tombstones", "--days", "0"]) == 2
        assert "au moins un jour" in capsys.readouterr().err
