"""The deployment of installer/server/ run as plain processes (no container registry is reachable): PostgreSQL,
`pac-server` started with the systemd unit's own command lines, Caddy (Debian's package) in front with a
certificate made here; a device syncs through it. Then the README's backup and restore procedure, followed step by
step: pg_dump, changes the backup misses, pg_restore, migrate, new-epoch, and the device resyncs (issue 17 §5)."""

from __future__ import annotations

import os
import shlex
import shutil
import ssl
import subprocess
import time
import types
from pathlib import Path

import httpx
import pytest
from server_processes import SERVER_COMMAND, free_port, pac_server, server_env, stop, wait_for
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sync_helpers import (
    PG_ENV,
    add_youth,
    enrol_device,
    postgres_database,
    publish_reference_and_staff,
    sync,
    transport_factory,
)

from pac_desktop.server.cli import main as server_main
from pac_desktop.server.db import create_server_engine, upgrade
from pac_desktop.server.keys import KEY_ENV, KEY_FILE_ENV
from pac_desktop.server.models import Record
from pac_desktop.storage.models import OutboxEntry, Youth

DEPLOY = Path(__file__).resolve().parents[2] / "installer" / "server"
needs_postgres = pytest.mark.skipif(not os.environ.get(PG_ENV), reason="PAC_TEST_DATABASE_URL unset")
IN_CI = os.environ.get("PAC_CI") == "1"  # set by .ci/run, which installs caddy


def unit_commands(unit: Path, port: int) -> tuple[list[str], list[str]]:
    """ExecStartPre and ExecStart of the unit, the installed `pac-server` replaced by this interpreter's."""
    lines = {k: v for k, _, v in (line.partition("=") for line in unit.read_text().splitlines()
                                  if line.startswith(("ExecStart=", "ExecStartPre=")))}

    def local(command: str) -> list[str]:
        argv = shlex.split(command)
        assert argv[0] == "/opt/pac-server/bin/pac-server"
        argv = [*SERVER_COMMAND, *argv[1:]]
        if "--port" in argv:
            argv[argv.index("--port") + 1] = str(port)
        return argv

    return local(lines["ExecStartPre"]), local(lines["ExecStart"])


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A test CA and a certificate for localhost / 127.0.0.1 it signed (openssl, two seconds)."""
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=PAC test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=localhost")
    (folder / "server.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                       "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
        "server.pem", "-days", "2", "-extfile", "server.ext")
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


def test_caddyfile(cert: Path, key: Path) -> str:
    """The shipped Caddyfile, with what a test adds: its own certificate, no redirect listener on port 80."""
    text = (DEPLOY / "Caddyfile").read_text()
    text = text.replace("\tadmin off\n", "\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n", 1)
    site = "{$PAC_DOMAIN:pac.exemple.fr} {\n"
    assert site in text
    return text.replace(site, f"{site}\ttls {cert} {key}\n", 1)


test_caddyfile.__test__ = False  # a helper, not a test


@needs_postgres
@pytest.mark.timeout(180)
def test_a_device_syncs_through_caddy_in_front_of_the_systemd_command_line(tmp_path: Path) -> None:
    caddy = shutil.which("caddy")
    if caddy is None:
        if IN_CI:
            pytest.fail("caddy is missing: .ci/run installs it")
        pytest.skip("caddy is not installed (apt-get install caddy)")
    ca, cert, key = make_certificates(tmp_path)
    key_file = tmp_path / "etc" / "token.key"
    with postgres_database() as url:
        env = server_env(url)
        del env[KEY_ENV]
        env[KEY_FILE_ENV] = str(key_file)
        # What the README says to do once: the signing key, then the unit (migrate, then serve).
        made = subprocess.run([*SERVER_COMMAND, "admin", "token-key", "create", "--key-file", str(key_file)],
                              env=env, capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr
        server_port, proxy_port = free_port(), free_port()
        migrate, serve = unit_commands(DEPLOY / "pac-server.service", server_port)
        assert "--workers" in serve and "--no-migrate" in serve
        done = subprocess.run(migrate, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        engine = create_server_engine(url)
        publish_reference_and_staff(engine)

        (tmp_path / "Caddyfile").write_text(test_caddyfile(cert, key))
        caddy_env = {**os.environ, "PAC_DOMAIN": f"https://localhost:{proxy_port}",
                     "PAC_UPSTREAM": f"127.0.0.1:{server_port}", "XDG_DATA_HOME": str(tmp_path / "caddy-data"),
                     "XDG_CONFIG_HOME": str(tmp_path / "caddy-config"), "HOME": str(tmp_path)}
        with pac_server(serve[len(SERVER_COMMAND):], env, tmp_path / "server.log") as server, \
                open(tmp_path / "caddy.log", "wb") as caddy_log:
            server.wait_listening()
            proxy = subprocess.Popen([caddy, "run", "--config", str(tmp_path / "Caddyfile"), "--adapter",
                                      "caddyfile"], env=caddy_env, stdout=caddy_log, stderr=caddy_log,
                                     start_new_session=True)
            try:
                trust = ssl.create_default_context(cafile=str(ca))
                base = f"https://localhost:{proxy_port}"

                def proxy_ready() -> bool:
                    try:
                        return httpx.get(base + "/ready", verify=trust, timeout=2).status_code == 200
                    except httpx.HTTPError:
                        return proxy.poll() is not None and pytest.fail((tmp_path / "caddy.log").read_text())

                wait_for(proxy_ready, timeout=60, interval=0.2)
                with pytest.raises(httpx.ConnectError):  # the test CA is not trusted by default
                    httpx.get(base + "/health", timeout=5)
                with httpx.Client(verify=trust, timeout=10) as client:
                    assert client.get(base + "/metrics").status_code == 404  # internal only
                    answer = client.get(base + "/v1/sync/hello")
                    for _ in range(10):  # a worker still opening its database says « occupé » (503): retry, as a device does
                        if answer.status_code != 503:
                            break
                        time.sleep(float(answer.headers.get("Retry-After", "1")))
                        answer = client.get(base + "/v1/sync/hello")
                    assert answer.status_code == 200 and answer.headers["X-Request-ID"]
                    assert "Strict-Transport-Security" in answer.headers

                factory = transport_factory(client_factory=lambda: httpx.Client(verify=trust))
                device = enrol_device(types.SimpleNamespace(engine=engine, url=base), tmp_path / "poste",
                                      factory=factory)
                try:
                    youth_id = add_youth(device)
                    sync(device)
                    with device.store.read_session_factory() as s:
                        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
                finally:
                    device.close()
                with engine.connect() as conn:
                    assert conn.execute(select(Record.id).where(Record.id == youth_id)).scalar_one() == youth_id
                # The server saw the device's address through the proxy, and its requests in its log.
                pushes = [line for line in server.log_lines() if line.get("route") == "/v1/sync/push"]
                assert pushes and all(line["status"] == 200 for line in pushes)
                # Caddy's own request id (a UUID) reached the server's log: one id across both logs.
                assert all(len(line["request_id"]) == 36 and line["request_id"].count("-") == 4 for line in pushes)
            finally:
                stop(proxy)
        engine.dispose()


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@needs_postgres
@pytest.mark.timeout(180)
def test_backup_and_restore_procedure_then_the_device_resyncs(tmp_path: Path, capsys) -> None:
    if not shutil.which("pg_dump") and not IN_CI:
        pytest.skip("the PostgreSQL client tools are not installed (apt-get install postgresql-client)")
    dump = tmp_path / "pac.dump"
    port = free_port()
    with postgres_database() as url:
        env = server_env(url)
        engine = create_server_engine(url)
        upgrade(engine)
        publish_reference_and_staff(engine)
        with pac_server(["serve", "--port", str(port)], env, tmp_path / "before.log") as server:
            server.wait_listening()
            device = enrol_device(types.SimpleNamespace(engine=engine, url=server.url), tmp_path / "poste")
            kept = add_youth(device, first_name="Avant")
            sync(device)
            # The nightly backup (README §6).
            subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", _libpq(url)], check=True,
                           capture_output=True, timeout=120)
            lost = add_youth(device, first_name="Après")  # pushed after the backup: the restore loses it
            sync(device)
        engine.dispose()

        # The restore, as the README says: the server stopped, the database recreated, the dump restored.
        name = make_url(url).database
        admin_engine = create_engine(os.environ[PG_ENV], isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin_engine.dispose()
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={_libpq(url)}", str(dump)], check=True,
                       capture_output=True, timeout=120)
        assert server_main(["--database-url", url, "migrate"]) == 0
        assert server_main(["--database-url", url, "admin", "new-epoch"]) == 0
        assert "recharger" in capsys.readouterr().out
        engine = create_server_engine(url)
        with engine.connect() as conn:
            assert conn.execute(select(Record.id).where(Record.id == lost)).first() is None  # lost indeed
        with pac_server(["serve", "--port", str(port)], env, tmp_path / "after.log") as server:
            server.wait_listening()
            try:
                sync(device, rounds=2)
                with device.store.read_session_factory() as s:
                    assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
                    assert {kept, lost} <= set(s.scalars(select(Youth.id)))
            finally:
                device.close()
            with engine.connect() as conn:
                ids = set(conn.execute(select(Record.id).where(Record.entity == "youth")).scalars())
            assert {kept, lost} <= ids  # the device sent again what the backup had lost
        engine.dispose()


def test_the_deployment_files_agree_with_the_command_line() -> None:
    """What no test can run here (no container registry): the image, compose file and unit at least name real
    files and options that `pac-server` accepts, and Caddy accepts the Caddyfile."""
    import json

    from pac_desktop.server import config
    from pac_desktop.server.cli import build_parser

    parser = build_parser()
    root = DEPLOY.parents[1]
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (root / source).exists(), source
    cmd = json.loads(next(line for line in dockerfile.splitlines() if line.startswith("CMD "))[4:])
    assert parser.parse_args(cmd).workers == 2
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert set(compose["services"]) == {"db", "migrate", "server", "proxy"}
    assert parser.parse_args(compose["services"]["server"]["command"]).no_migrate
    assert parser.parse_args(compose["services"]["migrate"]["command"]).command == "migrate"
    assert compose["services"]["server"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert (DEPLOY / compose["services"]["proxy"]["volumes"][0].split(":")[0]).exists()
    migrate, serve = unit_commands(DEPLOY / "pac-server.service", 8750)
    assert parser.parse_args(migrate[len(SERVER_COMMAND):]).command == "migrate"
    assert parser.parse_args(serve[len(SERVER_COMMAND):]).no_migrate
    known = {config.DATABASE_URL_ENV, KEY_FILE_ENV, config.RATE_ENROL_ENV, config.RATE_EXPORT_ENV,
             config.RATE_PUSH_ENV, config.RATE_REGIONAL_ENV}
    settings = [line.lstrip("#").split("=")[0] for line in (DEPLOY / "pac-server.env.example").read_text().splitlines()
                if "=" in line and line.lstrip("#").startswith("PAC_")]
    assert set(settings) == known
    caddy = shutil.which("caddy")
    if caddy:
        checked = subprocess.run([caddy, "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile",
                                  "--validate"], env={**os.environ, "PAC_DOMAIN": "pac.exemple.fr"},
                                 capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0, checked.stderr
