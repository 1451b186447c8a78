"""Rate limits (429 + Retry-After) and the token signing key outside the database, with its rotation (issue 17)."""

from __future__ import annotations

import os
import stat
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sync_helpers import publish_reference_and_staff, running_server

from pac_desktop.server import admin, auth, keys
from pac_desktop.server.cli import main as server_main
from pac_desktop.server.config import ACCESS_TOKEN_SECONDS, Settings
from pac_desktop.server.testing import ServerThread
from pac_desktop.storage.outbox import SCHEMA_VERSION


def _enrol(client: httpx.Client, server: ServerThread, name: str = "poste") -> dict:
    code = admin.enrolment_code(server.engine, organisation_code="cio-ariege").code
    enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": name})
    assert enrolled.status_code == 200, enrolled.text
    return enrolled.json()


def _token(client: httpx.Client, enrolled: dict) -> dict:
    answer = client.post("/v1/token", json={"device_id": enrolled["device_id"],
                                            "refresh_token": enrolled["refresh_token"]})
    assert answer.status_code == 200, answer.text
    enrolled["refresh_token"] = answer.json()["refresh_token"]
    return answer.json()


def _push(client: httpx.Client, access: str) -> httpx.Response:
    return client.post("/v1/sync/push", json={"batch_id": str(uuid.uuid4()), "mutations": []},
                       headers={"Authorization": f"Bearer {access}"})


def _assert_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["code"] == "rate_limited"
    assert "patientez" in response.json()["message"]


def test_enrolment_export_and_pushes_answer_429_with_retry_after(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path, rate_enrol="3/600", rate_export="2/600", rate_push="4/600",
                        rate_regional="2/600") as server, \
            httpx.Client(base_url=server.url, timeout=10) as client:
        first = _enrol(client, server, "premier")
        second = _enrol(client, server, "second")
        wrong = client.post("/v1/devices/enrol", json={"code": "AAAA-BBBB-CCCC", "device_name": "x"})
        assert wrong.status_code == 400
        _assert_limited(client.post("/v1/devices/enrol", json={"code": "AAAA-BBBB-CCCC", "device_name": "x"}))

        access = _token(client, first)["access_token"]
        for _ in range(2):  # the evaluator's password check: refused, then limited
            refused = client.post("/v1/evaluation/export", json={"login": "personne", "password": "essai"},
                                  headers={"Authorization": f"Bearer {access}"})
            assert refused.status_code == 403
        _assert_limited(client.post("/v1/evaluation/export", json={"login": "personne", "password": "essai"},
                                    headers={"Authorization": f"Bearer {access}"}))

        for _ in range(4):
            assert _push(client, access).status_code == 200
        _assert_limited(_push(client, access))
        # Per device: the other device still pushes; a pull is not limited.
        other = _token(client, second)["access_token"]
        assert _push(client, other).status_code == 200
        assert client.get("/v1/sync/pull", headers={"Authorization": f"Bearer {access}",
                                                    "X-Client-Schema": str(SCHEMA_VERSION)}).status_code == 200
        # The regional figures (each request counts every file): per device too, refused or not.
        unsigned = {"staff_id": "personne", "requested_at": "2026-03-12T10:00:00+00:00", "key_id": "0" * 32,
                    "signature": "AAAA"}
        for _ in range(2):
            assert client.post("/v1/regional/figures", json=unsigned,
                               headers={"Authorization": f"Bearer {access}"}).status_code == 403
        _assert_limited(client.post("/v1/regional/figures", json=unsigned,
                                    headers={"Authorization": f"Bearer {access}"}))
        assert client.post("/v1/regional/figures", json=unsigned,
                           headers={"Authorization": f"Bearer {other}"}).status_code == 403


def test_no_limit_unless_configured(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        for _ in range(15):
            assert client.post("/v1/devices/enrol",
                               json={"code": "AAAA-BBBB-CCCC", "device_name": "x"}).status_code == 400
    production = Settings.from_env("sqlite:///x.sqlite3")
    assert (production.rate_enrol, production.rate_export, production.rate_push, production.rate_regional) == (
        "10/600", "5/300", "120/60", "10/300")


def _access_works(server: ServerThread, access: str) -> int:
    return httpx.get(server.url + "/v1/sync/pull", headers={"Authorization": f"Bearer {access}",
                                                            "X-Client-Schema": str(SCHEMA_VERSION)},
                     timeout=10).status_code


def test_a_token_signed_with_a_rotated_out_key_is_refused_after_the_overlap(tmp_path: Path, capsys,
                                                                           monkeypatch) -> None:
    monkeypatch.setattr(keys, "RELOAD_SECONDS", 0)  # the running server reads the file again at once
    key_file = tmp_path / "secrets" / "token.key"
    assert server_main(["admin", "token-key", "create", "--key-file", str(key_file)]) == 0
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first_key = keys.read_key_file(key_file).current
    assert first_key not in capsys.readouterr().out
    assert server_main(["admin", "token-key", "create", "--key-file", str(key_file)]) == 2  # never overwritten
    capsys.readouterr()

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    settings = Settings(database_url=url, token_key_file=str(key_file))
    with ServerThread(settings) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        publish_reference_and_staff(server.engine)
        enrolled = _enrol(client, server)
        old_access = _token(client, enrolled)["access_token"]
        assert _access_works(server, old_access) == 200
        assert auth.verify_access_token(first_key, old_access) is not None
        with server.engine.connect() as conn:  # the database's own key is not the one in use
            assert conn.execute(text("SELECT token_secret FROM server_meta")).scalar_one() != first_key

        # Rotation, the server running: the old key is kept as "previous" for one token lifetime.
        assert server_main(["admin", "token-key", "rotate", "--key-file", str(key_file)]) == 0
        rotated = keys.read_key_file(key_file)
        assert rotated.current != first_key and [k for k, _ in rotated.previous] == [first_key]
        assert first_key not in capsys.readouterr().out + repr(rotated)
        assert _access_works(server, old_access) == 200  # within the overlap
        new_access = _token(client, enrolled)["access_token"]
        assert _access_works(server, new_access) == 200
        device, generation = auth.verify_access_token(rotated.current, new_access)
        assert auth.verify_access_token(first_key, new_access) is None  # signed with the new key

        # After the overlap: the old key is refused even on a token that has not expired.
        keys.write_key_file(key_file, keys.SigningKeys(rotated.current, (
            (first_key, time.time() - ACCESS_TOKEN_SECONDS - 1),)))
        assert _access_works(server, old_access) == 401
        assert _access_works(server, auth.issue_access_token(first_key, device, generation, 60)) == 401
        assert _access_works(server, auth.issue_access_token(rotated.current, device, generation, 60)) == 200
        # Even the current key cannot make a token that lives longer than a token lifetime.
        assert _access_works(server, auth.issue_access_token(rotated.current, device, generation, 86_400)) == 401

    with ServerThread(settings) as server:  # the same after a restart
        assert _access_works(server, old_access) == 401
        assert _access_works(server, auth.issue_access_token(rotated.current, device, generation, 60)) == 200
    # A second rotation drops the previous key whose overlap is over.
    assert server_main(["admin", "token-key", "rotate", "--key-file", str(key_file)]) == 0
    assert [k for k, _ in keys.read_key_file(key_file).previous] == [rotated.current]


def test_a_key_from_the_environment_and_a_malformed_key_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(keys.KEY_ENV, "ab" * 32)
    settings = Settings.from_env("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert settings.token_key == "ab" * 32 and not settings.database_key_allowed
    assert "ab" * 32 not in repr(settings)
    bad = tmp_path / "token.key"
    bad.write_text("current trop-court\n")
    os.chmod(bad, 0o600)
    from pac_desktop.domain.errors import DomainError

    with pytest.raises(DomainError, match="64 caractères"):
        keys.read_key_file(bad)
