"""Real servers on 127.0.0.1 for the messaging tests (issue 18): an SMTP server (aiosmtpd) that keeps what it
receives and may require a login, and an HTTP server that records each request (an SMS gateway)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 (aiosmtpd's hook name)
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content,
                                                policy=policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(*, login: tuple[str, str] | None = None) -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1 (no TLS: a local relay); with ``login``, AUTH PLAIN/LOGIN is required."""
    port = free_port()
    box = Mailbox("127.0.0.1", port)
    kwargs = {}
    if login is not None:
        def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN202
            ok = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(), auth_data.password.decode()) \
                == login
            return AuthResult(success=ok, handled=False)

        kwargs = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}
    controller = Controller(box, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Gateway:
    url: str
    requests: list[Recorded]
    #: The status the gateway answers with (200 by default).
    status: list[int]


@contextmanager
def sms_gateway(status: int = 200) -> Iterator[Gateway]:
    """An HTTP server on 127.0.0.1 that records each request and answers ``status``."""
    requests: list[Recorded] = []
    answer = [status]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            requests.append(Recorded("POST", self.path, dict(self.headers.items()), self.rfile.read(length)))
            payload = b'{"status": "queued"}'
            self.send_response(answer[0])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Gateway(f"http://127.0.0.1:{server.server_address[1]}/v1/sms", requests, answer)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
