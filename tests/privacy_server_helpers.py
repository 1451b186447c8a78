"""A real pac-server on 127.0.0.1 (uvicorn in a thread, port 0) and an enrolled device, for the evaluation tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from pac_desktop.server import admin, core
from pac_desktop.server.app import create_app
from pac_desktop.server.config import Settings
from pac_desktop.server.db import write_transaction


@dataclass
class RunningServer:
    url: str
    app: object

    @property
    def engine(self):  # noqa: ANN201
        return self.app.state.pac.engine


@contextmanager
def running_server(tmp_path: Path) -> Iterator[RunningServer]:
    app = create_app(Settings.from_env(f"sqlite:///{tmp_path / 'server.sqlite3'}"))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield RunningServer(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.pac.engine.dispose()


def enrol_device(server: RunningServer, organisation: str = "ml-tarbes") -> str:
    """Enrol a device of the organisation and return a bearer access token."""
    code = admin.enrolment_code(server.engine, organisation_code=organisation).code
    with httpx.Client(base_url=server.url) as client:
        enrolled = client.post("/v1/devices/enrol", json={"code": code, "device_name": "Poste de test"}).json()
        token = client.post(
            "/v1/token", json={"device_id": enrolled["device_id"], "refresh_token": enrolled["refresh_token"]}
        ).json()
    return token["access_token"]


def set_server_setting(server: RunningServer, key: str, value: str, scope: str = "") -> None:
    from pac_desktop.domain.reference import stable_id

    with write_transaction(server.engine) as conn:
        core.put_as_admin(conn, "programme_setting", stable_id("programme_setting", f"{key}/{scope}"),
                          {"key": key, "scope": scope, "value": value})
