"""One JSON log line per request, a request id, the Prometheus metrics and the rate limits, as one ASGI middleware.

The log line holds the method, the route *template* (``/v1/sync/pull``, never a query string or an unmatched
path), the status, the duration, the device id (from a verified access token only), the request id and the
worker's pid — never a body, a name or a header value. ``X-Request-ID`` is taken from the proxy when it is a
short plain token, else made here, and sent back on every answer.

Metrics (``/metrics``, Prometheus text format) are kept by ``prometheus_client``; with ``pac-server serve
--workers N`` it runs in its multi-process mode (``PROMETHEUS_MULTIPROC_DIR``, set by the command), so that any
worker answers for all of them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prometheus_multiprocess
from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool

from pac_desktop.sync.wire import ErrorBody, ErrorCode, ResultStatus

from .ratelimit import Limiter, Rate, retry_after

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ACCESS_LOGGER = "pac_server.requests"
REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
UNMATCHED = "<unmatched>"
#: Where the middleware leaves the access token it verified and what it found (token, (device id, generation)
#: or None) in the request's state, so that a token is verified once a request (deps.access_token reads it).
VERIFIED_TOKEN = "pac_verified_token"
_RESULT_STATUSES = [status.value for status in ResultStatus]
PUSH, PULL, ENROL, EXPORT = "/v1/sync/push", "/v1/sync/pull", "/v1/devices/enrol", "/v1/evaluation/export"
REGIONAL = "/v1/regional/figures"
_SIZE_BUCKETS = (1_000, 10_000, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000)
#: Refusals by reason, from the answer's status (the wire error codes of SYNC.md).
_REFUSALS = {400: "invalid", 401: "unauthorised", 403: "forbidden", 404: "not_found", 410: "cursor_too_old",
             413: "too_large", 422: "invalid", 426: "upgrade_required", 429: "rate_limited", 503: "busy"}

REQUESTS = Counter("pac_http_requests", "Requêtes traitées, par route, méthode et statut",
                   ["route", "method", "status"])
DURATION = Histogram("pac_http_request_duration_seconds", "Durée des requêtes, par route", ["route"],
                     buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
PUSH_BYTES = Histogram("pac_sync_push_bytes", "Taille des lots reçus (octets)", buckets=_SIZE_BUCKETS)
PULL_BYTES = Histogram("pac_sync_pull_bytes", "Taille des pages envoyées (octets)", buckets=_SIZE_BUCKETS)
PUSH_RESULTS = Counter("pac_sync_push_results", "Modifications reçues, par résultat (applied, merged, conflict, "
                       "rejected)", ["status"])
REFUSALS = Counter("pac_refusals", "Requêtes refusées, par motif", ["reason"])
POOL = Gauge("pac_db_pool_connections", "Connexions du pool de la base, par état", ["state"],
             multiprocess_mode="livesum")

RATE_LIMITED_MESSAGE = ("Trop de tentatives en peu de temps : patientez un instant, la demande pourra être faite à "
                        "nouveau après le délai indiqué.")


class _StderrHandler(logging.Handler):
    """Writes to the *current* sys.stderr (a test may have replaced it since the handler was made)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 — a log line must never break a request
            self.handleError(record)


_logger: logging.Logger | None = None
#: One encoder for every line (json.dumps with separators builds a new one each call: most of a line's cost).
_compact = json.JSONEncoder(separators=(",", ":")).encode


def request_logger() -> logging.Logger:
    """The JSON request log, on stderr, one object a line (set up once per process)."""
    global _logger
    if _logger is not None:
        return _logger
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    _logger = logger
    return logger


def log_event(event: str, **fields: object) -> None:
    logger = request_logger()
    if not logger.isEnabledFor(logging.INFO):
        return
    line = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": event, "pid": os.getpid(),
            **fields}
    # What Logger.info does, without looking up the calling line in the stack (the lines name no source line).
    logger.handle(logger.makeRecord(logger.name, logging.INFO, __file__, 0, _compact(line), None, None))


def metrics_text() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def record_pool(engine: Engine) -> None:
    pool = engine.pool
    if isinstance(pool, QueuePool):
        out = pool.checkedout()
        POOL.labels("checked_out").set(out)
        POOL.labels("idle").set(max(0, pool.checkedin()))


class RequestMiddleware:
    """Request id, rate limits, JSON log line and metrics around every HTTP request."""

    def __init__(self, app: ASGIApp, *, engine: Engine, verify: Callable[[str], tuple[str, str] | None],
                 rate_enrol: str | None, rate_export: str | None, rate_push: str | None,
                 rate_regional: str | None = None, log_requests: bool = True) -> None:
        self.app = app
        self.engine = engine
        self.verify = verify
        self.log_requests = log_requests
        rates = {ENROL: rate_enrol, EXPORT: rate_export, PUSH: rate_push, REGIONAL: rate_regional}
        self.limits = {path: Limiter(Rate.parse(rate)) for path, rate in rates.items() if rate}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        incoming = authorization = ""
        for name, value in scope.get("headers", ()):  # only the two headers read here are decoded
            name = name.lower()
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"x-request-id":
                incoming = value.decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        device = None
        if authorization[:7].lower() == "bearer ":
            token = authorization[7:].strip()
            verified = self.verify(token)
            device = verified[0] if verified else None
            # The handler's dependency reads it there (deps.access_token): one verification a request.
            scope.setdefault("state", {})[VERIFIED_TOKEN] = (token, verified)
        path, method = scope.get("path", ""), scope.get("method", "")
        state: dict[str, Any] = {"status": 500, "bytes_out": 0, "bytes_in": 0, "body": []}

        async def counting_receive() -> Message:
            message = await receive()
            if message.get("type") == "http.request":
                state["bytes_in"] += len(message.get("body", b""))
            return message

        async def tagging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body":
                body = message.get("body", b"")
                state["bytes_out"] += len(body)
                if path == PUSH and state["status"] == 200:
                    state["body"].append(body)
            await send(message)

        limited = self._limited(path, method, scope, device)
        try:
            if limited is not None:
                await self._too_many(tagging_send, limited)
            else:
                await self.app(scope, counting_receive, tagging_send)
        finally:
            route_obj = scope.get("route")
            route = getattr(route_obj, "path", None) or UNMATCHED
            self._observe(route, method, state, time.perf_counter() - started)
            if self.log_requests:
                log_event("request", method=method, route=route, status=state["status"],
                          duration_ms=round((time.perf_counter() - started) * 1000, 1), device=device,
                          request_id=request_id, bytes_in=state["bytes_in"], bytes_out=state["bytes_out"])

    def _limited(self, path: str, method: str, scope: Scope, device: str | None) -> float | None:
        if method != "POST" or path not in self.limits:
            return None
        client = (scope.get("client") or ("?", 0))[0]
        if path == ENROL:
            key = f"address:{client}"
        elif device is not None:
            key = f"device:{device}"
        elif path == EXPORT:
            key = f"address:{client}"
        else:
            return None  # an unauthenticated push (or figures request) is refused with 401 anyway
        return self.limits[path].take(key)

    async def _too_many(self, send: Send, wait: float) -> None:
        body = ErrorBody(code=ErrorCode.RATE_LIMITED, message=RATE_LIMITED_MESSAGE).model_dump_json().encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"retry-after", retry_after(wait).encode())]})
        await send({"type": "http.response.body", "body": body})

    def _observe(self, route: str, method: str, state: dict[str, Any], seconds: float) -> None:
        status = state["status"]
        REQUESTS.labels(route, method, str(status)).inc()
        DURATION.labels(route).observe(seconds)
        if status in _REFUSALS:
            REFUSALS.labels(_REFUSALS[status]).inc()
        if route == PUSH:
            PUSH_BYTES.observe(state["bytes_in"])
            if state["body"]:
                self._count_results(b"".join(state["body"]))
        elif route == PULL and status == 200:
            PULL_BYTES.observe(state["bytes_out"])
        record_pool(self.engine)

    @staticmethod
    def _count_results(body: bytes) -> None:
        """Counted in the compact JSON without parsing it (a conflict's own "status" is open or resolved)."""
        for status in _RESULT_STATUSES:
            n = body.count(b'"status":"' + status.encode() + b'"')
            if n:
                PUSH_RESULTS.labels(status).inc(n)
