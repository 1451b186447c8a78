"""`pac purge`, `pac export youth`, `pac rights`, `pac audit`, `pac settings`, `pac evaluation`: signed-in,
audited, refused in French for the wrong role, and no personal data in the logs."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from privacy_helpers import make_youth

from pac_desktop.cli import main
from pac_desktop.security.store_key import open_encrypted_store
from pac_desktop.services.registry import Services

PASSWORD = "motdepasse-solide"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("PAC_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("PAC_PASSWORD", PASSWORD)
    monkeypatch.delenv("PAC_LOGIN", raising=False)

    def run(*argv: str) -> int:
        return main(["--data-dir", str(data), *argv])

    assert run("init") == 0
    assert run("staff", "add", "--first-name", "Ada", "--last-name", "Testadmin", "--organisation", "ml-tarbes",
               "--role", "administrator", "--login", "ada") == 0
    assert run("staff", "add", "--first-name", "Rémi", "--last-name", "Testreferent", "--organisation", "ml-tarbes",
               "--role", "referent", "--login", "remi") == 2  # an administrator exists now: they sign in
    assert run("staff", "add", "--first-name", "Rémi", "--last-name", "Testreferent", "--organisation", "ml-tarbes",
               "--role", "referent", "--login", "remi", "--admin-login", "ada") == 0
    run.data = data
    return run


def _youth(data: Path, **kwargs) -> str:
    store = open_encrypted_store(data)  # `pac init` made it encrypted, as the application does
    try:
        return make_youth(Services.build(store), **kwargs)
    finally:
        store.engine.dispose()


def test_purge_dry_run_then_yes(cli, capsys, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    youth = _youth(cli.data, first="Odile", last="Tresancienne", created_at=datetime(2022, 1, 1, tzinfo=UTC),
                   intake_on=date(2022, 1, 5), full_file=True)
    capsys.readouterr()
    assert cli("purge", "--dry-run", "--login", "ada") == 0
    out = capsys.readouterr().out
    assert "1 dossier arrivé au terme" in out and youth[:8] in out and "O. T." in out
    assert "Tresancienne" not in out and "Rien n'a été supprimé" in out
    assert cli("purge", "--yes", "--login", "ada") == 0
    out = capsys.readouterr().out
    assert "1 dossier (" in out and "supprimés de cet ordinateur" in out
    assert cli("audit", "--action", "purge", "--login", "ada") == 0
    out = capsys.readouterr().out
    assert "1 événement" in out and "Suppression (durée de conservation)" in out and "Ada Testadmin" in out
    # The referent may not purge: a French refusal, exit 2, and the refusal is in the trail.
    assert cli("purge", "--yes", "--login", "remi") == 2
    err = capsys.readouterr().err
    assert "ne permet pas de supprimer les dossiers" in err
    assert cli("audit", "--action", "denied", "--login", "ada") == 0
    assert "Rémi Testreferent" in capsys.readouterr().out
    assert "Tresancienne" not in caplog.text and "Odile" not in caplog.text


def test_export_youth_and_rights_requests(cli, capsys, tmp_path) -> None:
    store = open_encrypted_store(cli.data)
    services = Services.build(store)
    from pac_desktop.services.staff import actor_for
    from pac_desktop.storage.models import Credential

    with services.ctx.read() as session:
        remi_id = session.query(Credential.staff_id).filter(Credential.login == "remi").scalar()
        remi = actor_for(session, remi_id)
    youth = make_youth(services, first="Inès", last="Exportcli", referent=remi, full_file=True)
    store.engine.dispose()
    assert cli("rights", "record", youth, "--kind", "objection", "--text", "Refuse le partage avec la PJJ",
               "--login", "remi") == 0
    assert cli("rights", "list", youth, "--login", "remi") == 0
    assert "Opposition au traitement — à traiter" in capsys.readouterr().out
    out_dir = tmp_path / "remise"
    assert cli("export", "youth", youth, "-o", str(out_dir), "--login", "remi") == 0
    out = capsys.readouterr().out
    assert "Données de Inès Exportcli" in out
    data = json.loads(next(out_dir.glob("*.json")).read_text(encoding="utf-8"))
    assert data["records"]["data_rights_request"][0]["kind"] == "objection"
    assert next(out_dir.glob("*.pdf")).stat().st_size > 2000
    # Without a login: a French explanation, nothing done.
    assert cli("export", "youth", youth, "-o", str(out_dir)) == 2
    assert "--login" in capsys.readouterr().err


def test_settings_and_evaluation_switch(cli, capsys) -> None:
    assert cli("settings", "set", "retention.case_months", "36", "--login", "ada") == 0
    assert cli("settings", "set", "session.lock_minutes", "500", "--login", "ada") == 2
    assert "de 1 à 120 minutes" in capsys.readouterr().err
    assert cli("settings", "show") == 0
    assert "36 mois" in capsys.readouterr().out
    assert cli("evaluation", "enable", "tarbes", "--login", "remi") == 2
    assert cli("evaluation", "enable", "tarbes", "--login", "ada") == 0
    assert cli("evaluation", "status") == 0
    assert "tarbes : tirage actif" in capsys.readouterr().out
    assert cli("export", "evaluation", "-o", "ignored", "--login", "ada") == 2
    assert "serveur" in capsys.readouterr().err


def test_security_status_and_the_no_keyring_choice(cli, capsys) -> None:
    assert cli("security", "status") == 0
    out = capsys.readouterr().out
    assert "Base chiffrée (SQLCipher), clé de 256 bits gardée dans le trousseau" in out
    assert "privacy_keyring.MemoryKeyring (sécurisé)" in out and "refus de démarrer" in out
    assert cli("security", "no-keyring", "passphrase") == 0
    assert cli("security", "status") == 0
    assert "Sans trousseau sécurisé : phrase secrète" in capsys.readouterr().out
