"""A real pac-server on 127.0.0.1 in a background thread (tests and bench): uvicorn on a free port."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from .app import create_app
from .config import Settings


class ServerThread:
    def __init__(self, settings: Settings, *, ssl_certfile: str | None = None, ssl_keyfile: str | None = None) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.engine = self.app.state.pac.engine
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Without TCP_NODELAY (inherited by accepted sockets) every answer waits ~40 ms for a delayed ACK.
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        # With a certificate (tests of the system's certificate store, issue 14): https on 127.0.0.1.
        self.url = f"{'https' if ssl_certfile else 'http'}://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off",
                                timeout_keep_alive=30, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]},
                                        name=f"pac-server-{self.port}", daemon=True)

    def start(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("pac-server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self._sock.close()
        self.engine.dispose()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
