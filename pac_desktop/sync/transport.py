"""HTTP to the shared server: timeouts, retries with full-jitter backoff honouring Retry-After, errors mapped
to the sync's own (French) exceptions. Only https, or plain http to this very computer.
"""

from __future__ import annotations

import ipaddress
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from pac_desktop import __version__

from .errors import (
    CERTIFICATE_CAUSE,
    DNS_CAUSE,
    PROXY_CAUSE,
    REFUSED_CAUSE,
    TIMEOUT_CAUSE,
    AccessExpired,
    CursorTooOld,
    DeviceRevoked,
    EnrolmentRefused,
    InsecureServerUrl,
    RequestRefused,
    ServerFailed,
    ServerProtocolError,
    ServerRefused,
    ServerUnreachable,
    SyncCancelled,
    UpgradeRequired,
)
from .wire import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, PageUnreadable

# httpx is imported by the first request, not with this module: with click installed (the server's uvicorn needs
# it), ``import httpx`` also imports its command line (click, rich, pygments: ~80 modules, 13 MB, ~0.2 s), which
# every main window paid for at start-up (issue 16).
if TYPE_CHECKING:
    import httpx

#: Seconds to wait for an answer, and for a connection.
DEFAULT_TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def check_server_url(url: str) -> str:
    """The server's base URL, normalised; refuses plain http except to a loopback address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureServerUrl(
            f"« {url} » n'est pas une adresse de serveur valable. Elle doit commencer par https:// "
            "(par exemple https://pac.exemple.fr)."
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureServerUrl(
            "Le serveur doit être joint en https:// : en http://, les données des jeunes circuleraient en clair "
            f"sur le réseau. Seul un serveur sur cet ordinateur même (127.0.0.1) peut être joint en http. "
            f"Demandez l'adresse https:// du serveur à son administrateur (adresse donnée : {url})."
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def system_ssl_context() -> ssl.SSLContext:
    """TLS verified against the operating system's certificate store (Windows, macOS, the Linux system bundle),
    not a bundle shipped with the application: an authority installed by IT (a TLS-inspecting proxy's) works."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def make_client(timeout: httpx.Timeout | None = None) -> httpx.Client:
    """The sync's HTTP client: the system's certificates, and the system's proxy settings (environment
    variables; the registry on Windows and the system settings on macOS, through urllib's getproxies)."""
    import httpx

    timeout = timeout or httpx.Timeout(DEFAULT_TIMEOUT, connect=CONNECT_TIMEOUT)
    return httpx.Client(timeout=timeout, verify=system_ssl_context(), trust_env=True)


def connection_cause(error: BaseException, host: str) -> tuple[str | None, bool]:
    """The French cause of a failed connection, and whether retrying at once may help."""
    import httpx

    if isinstance(error, httpx.ProxyError):
        return PROXY_CAUSE.format(host=host), True
    if isinstance(error, httpx.TimeoutException):
        return TIMEOUT_CAUSE.format(host=host), True
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(current):
            return CERTIFICATE_CAUSE.format(host=host), False
        if isinstance(current, socket.gaierror) or "Name or service not known" in str(current) or (
                "getaddrinfo" in str(current)):
            return DNS_CAUSE.format(host=host), False
        if isinstance(current, ConnectionRefusedError) or "Connection refused" in str(current):
            return REFUSED_CAUSE.format(host=host), True
        current = current.__cause__ or current.__context__
    return None, True


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of one request on transient failures: full jitter between ``base`` and ``cap`` seconds."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 15.0
    #: Longest Retry-After honoured inside one request; longer ones end the attempt (the next cycle retries).
    max_retry_after: float = 60.0

    def delay(self, attempt: int, rng: Callable[[], float]) -> float:
        return rng() * min(self.cap, self.base * (2**attempt))


NO_RETRY = RetryPolicy(attempts=1)


class HttpTransport:
    """One server, one pooled httpx client. Thread-confined: the sync runs one cycle at a time."""

    def __init__(
        self,
        base_url: str,
        *,
        client_schema: int,
        timeout: httpx.Timeout | None = None,
        retry: RetryPolicy = RetryPolicy(),
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.retry = retry
        self._client = client or make_client(timeout)
        self._owns_client = client is None
        self._schema = client_schema
        self._rng = rng
        self._sleep = sleep
        self.cancel: threading.Event | None = None

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
            return
        if self.cancel is not None:
            if self.cancel.wait(seconds):
                raise SyncCancelled()
        else:
            time.sleep(seconds)

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        retry: RetryPolicy | None = None,
        parse: Callable[[bytes], Any] | None = None,
    ) -> Any:  # noqa: ANN401 - the JSON body, or what ``parse`` made of its bytes
        """The answer's JSON body; with ``parse`` (a pydantic model's ``model_validate_json``), the model read
        straight from the bytes: one pass instead of ``json.loads`` then validation (issue 16)."""
        import httpx  # imported once the client exists (make_client): a dictionary lookup

        policy = retry or self.retry
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: str(self._schema),
            "User-Agent": f"pac-desktop/{__version__}",
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if content is not None:  # a JSON body made by the caller (wire.push_body)
            headers["Content-Type"] = "application/json"
        last: str = ""
        cause: str | None = None
        for attempt in range(policy.attempts):
            if self.cancel is not None and self.cancel.is_set():
                raise SyncCancelled()
            wait: float | None = None
            try:
                response = self._client.request(method, self.base_url + path, json=json, content=content,
                                                params=params, headers=headers)
            except httpx.TransportError as error:  # connect/read/write errors, timeouts, cut connections
                last = type(error).__name__
                cause, transient = connection_cause(error, urlsplit(self.base_url).hostname or self.base_url)
                if not transient:  # a certificate or a name the next second will not change
                    break
            else:
                cause = None
                if response.status_code < 300:
                    try:
                        return response.json() if parse is None else parse(response.content)
                    except ValueError as error:
                        if not _cut_body(error):
                            raise  # well-formed JSON the model refuses: the server's answer, not the network
                        last = "réponse illisible"  # a body cut mid-way: transient
                else:
                    wait = self._raise_or_wait(response, policy)
                    last = f"HTTP {response.status_code}"
            if attempt + 1 < policy.attempts:
                self._wait(wait if wait is not None else policy.delay(attempt, self._rng))
        if last == "HTTP 500":
            raise ServerFailed(last)
        raise ServerUnreachable(last, cause=cause)

    def _raise_or_wait(self, response: httpx.Response, policy: RetryPolicy) -> float | None:
        """Raise the error of a definitive answer; return the Retry-After delay (or None) of a transient one."""
        status = response.status_code
        message, code = _error_body(response)
        if status == 401:
            raise AccessExpired()
        if status == 403 and code == "device_revoked":
            raise DeviceRevoked(message or "Cet appareil a été retiré de la synchronisation.")
        if status == 426:
            raise UpgradeRequired(message or "Cette version de l'application est trop ancienne pour ce serveur.")
        if status == 410:
            raise CursorTooOld()
        if status == 400 and code == "enrolment_refused":
            raise EnrolmentRefused(message)
        if status in TRANSIENT_STATUSES:
            after = response.headers.get("Retry-After", "")
            if after.isdigit():
                seconds = float(after)
                if seconds > policy.max_retry_after:
                    raise ServerUnreachable(f"serveur occupé, réessai dans {int(seconds)} s")
                return seconds
            return None
        if status in (403, 404, 409) and message:  # a refusal the server explains (issue 7: roles)
            raise ServerRefused(message)
        if status in (400, 413, 422):  # the request itself is refused: sending it again cannot help
            raise RequestRefused(status, message)
        raise ServerProtocolError(status)


def _cut_body(error: ValueError) -> bool:
    """A body that is not JSON at all (cut mid-way), as opposed to JSON a model refuses."""
    if isinstance(error, PageUnreadable):
        return False
    if isinstance(error, ValidationError):
        return any(e["type"] == "json_invalid" for e in error.errors())
    return True


def _error_body(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if isinstance(body, dict):
        return str(body.get("message") or ""), str(body.get("code") or "")
    return "", ""
