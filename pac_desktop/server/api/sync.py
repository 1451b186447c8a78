"""/v1/sync: hello, push, pull (SYNC.md §3, §4, §6)."""

from __future__ import annotations

import json
import os
from typing import TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Connection, select, true, update
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from pac_desktop.sync import wire
from pac_desktop.sync.wire import DEFAULT_PAGE, MAX_PAGE, PROTOCOL_VERSION, ErrorCode

from .. import authorship, consent, core, evaluation
from ..db import autocommit_connection, is_sqlite, plain_transaction, write_transaction
from ..deps import SYNC_HEADERS_DOC, AppState, Caller, StateDep, sync_caller_of, sync_context
from ..errors import CURSOR_TOO_OLD_RESPONSE, ERROR_RESPONSES, RATE_LIMITED_RESPONSE, ApiError, InjectedFault
from ..models import SINGLETON_ID, Device, ServerMeta, SyncClock

router = APIRouter(prefix="/v1/sync", tags=["sync"])

TOO_OLD_MESSAGE = (
    "Cet appareil ne s'est pas synchronisé depuis trop longtemps : il va recharger toutes les données de son "
    "territoire. Ses modifications en attente sont conservées."
)
#: The bearer scheme of the OpenAPI document (deps.bearer), for routes that check the token themselves.
BEARER_DOC = [{"HTTPBearer": []}]
BodyT = TypeVar("BodyT", bound=BaseModel)


_META = ServerMeta.__table__
_CLOCK = SyncClock.__table__
#: What a hello says of the server, in one statement (its meta and its clock are single rows).
_HELLO = (select(_META.c.epoch, _META.c.min_schema, _META.c.current_schema, _META.c.tombstone_horizon, _CLOCK.c.seq)
          .select_from(_META.join(_CLOCK, true()))
          .where(_META.c.id == SINGLETON_ID, _CLOCK.c.id == SINGLETON_ID))


@router.get("/hello", response_model=wire.HelloResponse)
def hello(state: StateDep) -> wire.HelloResponse:
    with autocommit_connection(state.engine) as conn:  # one statement: no BEGIN nor COMMIT on PostgreSQL
        row = conn.execute(_HELLO).one()
    return wire.HelloResponse(
        protocols=[PROTOCOL_VERSION], epoch=row.epoch, min_schema=row.min_schema,
        current_schema=row.current_schema, server_seq=row.seq, tombstone_horizon=row.tombstone_horizon,
        limits=wire.Limits(),
    )


def _crash_hook(state: StateDep, point: str) -> int | None:
    crash = state.settings.crash_at or ""
    name, _, arg = crash.partition(":")
    if name != point:
        return None
    return int(arg) if arg.isdigit() else 0


#: The OpenAPI description of the push's body (the handler reads it itself, after the caller's checks).
PUSH_BODY_DOC = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}}}}
#: Models the OpenAPI document describes although no route declares them as a parameter (app.py).
DOCUMENTED_MODELS = (wire.PushRequest,)


@router.post("/push", response_model=wire.PushResponse, responses={**ERROR_RESPONSES, 429: RATE_LIMITED_RESPONSE},
             openapi_extra={**PUSH_BODY_DOC, "parameters": SYNC_HEADERS_DOC, "security": BEARER_DOC})
async def push(request: Request) -> Response:
    """A batch of changes (SYNC.md §3). The access token is checked first (401), then the device (401, 403, 400,
    426), then the body (422): a request that may not push never has its body parsed."""
    state: AppState = request.app.state.pac
    caller = sync_caller_of(request, state)
    # The body's size is limited while it streams in (body_limit.BodyLimit).
    body = await request.body()
    return await run_in_threadpool(_push, state, caller, body, request.headers.get("content-type"),
                                   request.headers.get("x-test-fault"))


def _push(state: AppState, caller: Caller, raw: bytes, content_type: str | None, fault: str | None) -> Response:
    # The device's checks: one statement, on its own (no transaction to open and commit).
    with autocommit_connection(state.engine) as conn:
        device = sync_context(conn, state, caller).writer
    body = json_body(wire.PushRequest, raw, content_type)
    # The signing keys from this worker's cache (read from the database only the first time).
    keys = state.signing_keys.active(state.engine, {m.key_id for m in body.mutations if m.key_id})
    faults = state.settings.test_faults
    mid_batch = _crash_hook(state, "push_mid_batch")

    def after_each(done: int) -> None:
        if mid_batch is not None and done >= mid_batch:
            os._exit(3)  # test hook: the process dies with the transaction open

    # Before the clock lock: the field table's checks (the body alone) and the signatures (with the keys just read;
    # checked again under the lock only if a key changed meanwhile).
    job = core.PushJob(body.mutations, device, core.prepare_push(body.mutations, device),
                       [authorship.presign(m, keys) for m in body.mutations])
    if mid_batch is None and not faults:
        # With the pushes other devices make meanwhile: one transaction, one COMMIT (server.group_push).
        results, seq = state.push_groups.push(job)
    else:  # the test hooks stop or fail this push alone
        with write_transaction(state.engine) as conn:
            seq = core.push_many(conn, [job], after_each=after_each if mid_batch is not None else None,
                                 after_job=lambda job: after_push(conn, job))
            results = job.results
            if faults and fault == "before_commit":
                raise InjectedFault("before_commit")
    if _crash_hook(state, "push_after_commit") is not None and body.mutations:
        os._exit(3)  # test hook: committed, but the answer never leaves
    if faults and fault == "after_commit":
        raise InjectedFault("after_commit")
    # Our own values, written out at once (no validation of the response model again, no Python objects first).
    answer = wire.PushResponse.model_construct(results=results, server_seq=seq)
    return Response(content=answer.model_dump_json(), media_type="application/json")


def json_body(model: type[BodyT], raw: bytes, content_type: str | None) -> BodyT:
    """``raw`` read as ``model`` the way FastAPI reads a JSON body (the json module, then the model's
    validation): 422 for a missing body, another media type, malformed JSON or a value out of the schema (where,
    never what: errors.validation_error_handler), 400 for bytes that are not even text."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if not raw or not (media == "application/json" or (media.startswith("application/") and media.endswith("+json"))):
        raise RequestValidationError([{"type": "missing" if not raw else "model_type", "loc": ("body",),
                                       "msg": "a JSON body is required"}])
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body", error.pos),
                                       "msg": "JSON decode error"}]) from None
    except Exception:  # noqa: BLE001 - not UTF-8, nested too deep…: FastAPI's answer
        raise HTTPException(status_code=400, detail="There was an error parsing the body") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _refused(error, "body") from None


def _refused(error: ValidationError, where: str) -> RequestValidationError:
    """FastAPI's 422 for a value of the request out of its schema: where, never what (no input, no context)."""
    return RequestValidationError([{"type": e["type"], "loc": (where, *e["loc"]), "msg": e["msg"]}
                                   for e in error.errors(include_url=False, include_input=False,
                                                         include_context=False)])


def after_push(conn: Connection, job: core.PushJob) -> None:
    """The checks of a push that read more than its own records, in its unit of work (issue 13)."""
    evaluation.check_after_push(conn, job.mutations, job.writer)  # each draw used its next slot
    consent.withdraw_unshared(conn, job.mutations, job.writer)  # a withdrawal stops the sharing


class PullQuery(BaseModel):
    """The pull's query parameters."""

    cursor: int = Field(default=0, ge=0, le=2**62)
    limit: int = Field(default=DEFAULT_PAGE, ge=1, le=MAX_PAGE)
    full: bool = Field(default=False, description="a pull that started at cursor 0 and is still reading")


PULL_QUERY_DOC = [
    {"in": "query", "name": name, "required": False, "schema": PullQuery.model_json_schema()["properties"][name],
     **({"description": field.description} if field.description else {})}
    for name, field in PullQuery.model_fields.items()
]


@router.get("/pull", response_model=wire.PullResponse, responses={**ERROR_RESPONSES, 410: CURSOR_TOO_OLD_RESPONSE},
            openapi_extra={"parameters": [*PULL_QUERY_DOC, *SYNC_HEADERS_DOC], "security": BEARER_DOC})
async def pull(request: Request) -> Response:
    """One page of the device's feed after ``cursor`` (SYNC.md §4). The access token is checked first (401), then
    the parameters (422), then the device (401, 403, 400, 426)."""
    state: AppState = request.app.state.pac
    caller = sync_caller_of(request, state)
    try:
        query = PullQuery.model_validate(dict(request.query_params))
    except ValidationError as error:
        raise _refused(error, "query") from None
    headers = request.headers
    return await run_in_threadpool(_pull, state, caller, query, headers.get("x-test-fault"),
                                   "gzip" in headers.get("accept-encoding", "").lower())


def _pull(state: AppState, caller: Caller, query: PullQuery, fault: str | None, gzip: bool) -> Response:
    pg = not is_sqlite(state.engine)
    cursor = query.cursor
    # One connection: the device's checks, the server's state, the page (server.pages) and, on PostgreSQL, the
    # device's cursor. On PostgreSQL each statement stands alone (no BEGIN nor COMMIT to send): under READ
    # COMMITTED each statement of a transaction sees its own snapshot anyway, and the page never reads past the
    # clock's value read first (every seq below it is committed: SYNC.md §0). On SQLite one read transaction.
    with autocommit_connection(state.engine) as conn:
        context = sync_context(conn, state, caller)
        if 0 < cursor < context.tombstone_horizon and not query.full:
            raise ApiError(410, ErrorCode.CURSOR_TOO_OLD, TOO_OLD_MESSAGE)
        page = state.pages.answer(conn, context.writer, cursor, query.limit, epoch=context.epoch,
                                  server_seq=context.server_seq, tombstone_horizon=context.tombstone_horizon,
                                  gzip=gzip)
        if state.settings.test_faults and fault == "drop":
            raise InjectedFault("drop")
        if page.changes and pg:
            _note_cursor(conn, context.writer, cursor, flush=context.marked)
    if page.changes and not pg:  # SQLite: a write of its own (a read transaction cannot become one)
        with plain_transaction(state.engine) as conn:
            _note_cursor(conn, context.writer, cursor)
    headers = {"Vary": "Accept-Encoding"}
    if page.gzipped:
        headers["Content-Encoding"] = "gzip"
    return Response(content=page.body, media_type="application/json", headers=headers)


def _note_cursor(conn: Connection, device: core.Writer, cursor: int, *, flush: bool = False) -> None:
    """Where the device reads from, for the tombstone purge's horizon (SYNC.md §8): a bookkeeping write.

    On PostgreSQL one statement that also sets the transaction's commit not to wait for its disk flush (unless
    ``flush``: the transaction holds another write, sync_context's): lost in a crash, the cursor stays at its
    previous value, which only holds tombstones longer."""
    if not is_sqlite(conn.engine):
        conn.exec_driver_sql(_NOTE_CURSOR_PG, {"cursor": cursor, "device_id": device.device_id,
                                               "commit": "on" if flush else "off"})
        return
    devices = Device.__table__
    conn.execute(update(devices).where(devices.c.device_id == device.device_id).values(last_cursor=cursor))


_NOTE_CURSOR_PG = ("UPDATE devices SET last_cursor = %(cursor)s WHERE device_id = %(device_id)s "
                   "AND set_config('synchronous_commit', %(commit)s, true) IS NOT NULL")
