"""The request body limit, enforced while the body streams in (issue 12): a chunked upload without
``Content-Length`` is cut off at the limit, not read whole into memory first."""

from __future__ import annotations

from typing import Any

from pac_desktop.sync.wire import MAX_BATCH_BYTES, ErrorBody, ErrorCode

#: Twice a push batch's limit (SYNC.md §3): room for JSON overhead, far below what could hurt the server.
MAX_BODY_BYTES = 2 * MAX_BATCH_BYTES
TOO_LARGE_MESSAGE = "Lot de modifications trop volumineux."
_BODY = ErrorBody(code=ErrorCode.INVALID, message=TOO_LARGE_MESSAGE).model_dump_json().encode()


class BodyLimit:
    """ASGI middleware: a body longer than ``limit`` bytes gets 413, whatever the application makes of it."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        received = 0
        exceeded = False
        answered = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal received, exceeded
            if exceeded:  # never hand more of it to the application
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            nonlocal answered
            if exceeded:  # whatever the application answers to a cut body, the answer is 413
                if not answered:
                    answered = True
                    await _too_large(send)
                return
            answered = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not answered:
            await _too_large(send)


async def _too_large(send: Any) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(_BODY)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": _BODY})
