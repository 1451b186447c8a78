"""/v1/sync: hello, push, pull (SYNC.md §3, §4, §6)."""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from sqlalchemy import Connection, update

from pac_desktop.sync import wire
from pac_desktop.sync.wire import DEFAULT_PAGE, MAX_PAGE, PROTOCOL_VERSION, ErrorCode

from .. import authorship, consent, core, evaluation
from ..db import is_sqlite, plain_transaction, read_transaction, write_transaction
from ..deps import CallerDep, StateDep, sync_context
from ..errors import CURSOR_TOO_OLD_RESPONSE, ERROR_RESPONSES, RATE_LIMITED_RESPONSE, ApiError, InjectedFault
from ..models import Device

router = APIRouter(prefix="/v1/sync", tags=["sync"])

TOO_OLD_MESSAGE = (
    "Cet appareil ne s'est pas synchronisé depuis trop longtemps : il va recharger toutes les données de son "
    "territoire. Ses modifications en attente sont conservées."
)
FaultHeader = Annotated[str | None, Header(alias="X-Test-Fault", include_in_schema=False)]


@router.get("/hello", response_model=wire.HelloResponse)
def hello(state: StateDep) -> wire.HelloResponse:
    with read_transaction(state.engine) as conn:
        meta = core.meta(conn)
        seq = core.server_seq(conn)
    return wire.HelloResponse(
        protocols=[PROTOCOL_VERSION], epoch=meta.epoch, min_schema=meta.min_schema,
        current_schema=meta.current_schema, server_seq=seq, tombstone_horizon=meta.tombstone_horizon,
        limits=wire.Limits(),
    )


def _crash_hook(state: StateDep, point: str) -> int | None:
    crash = state.settings.crash_at or ""
    name, _, arg = crash.partition(":")
    if name != point:
        return None
    return int(arg) if arg.isdigit() else 0


@router.post("/push", response_model=wire.PushResponse, responses={**ERROR_RESPONSES, 429: RATE_LIMITED_RESPONSE})
def push(body: wire.PushRequest, caller: CallerDep, state: StateDep, fault: FaultHeader = None) -> Response:
    # The body's size is limited while it streams in (body_limit.BodyLimit), before it is parsed here.
    with read_transaction(state.engine) as conn:
        device = sync_context(conn, state, caller).writer
        keys = authorship.active_keys(conn, {m.key_id for m in body.mutations if m.key_id})
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
            core.push_many(conn, [job], after_each=after_each if mid_batch is not None else None,
                           after_job=lambda job: after_push(conn, job))
            results, seq = job.results, core.server_seq(conn)
            if faults and fault == "before_commit":
                raise InjectedFault("before_commit")
    if _crash_hook(state, "push_after_commit") is not None and body.mutations:
        os._exit(3)  # test hook: committed, but the answer never leaves
    if faults and fault == "after_commit":
        raise InjectedFault("after_commit")
    # Our own values, written out at once (no validation of the response model again, no Python objects first).
    answer = wire.PushResponse.model_construct(results=results, server_seq=seq)
    return Response(content=answer.model_dump_json(), media_type="application/json")


def after_push(conn: Connection, job: core.PushJob) -> None:
    """The checks of a push that read more than its own records, in its unit of work (issue 13)."""
    evaluation.check_after_push(conn, job.mutations, job.writer)  # each draw used its next slot
    consent.withdraw_unshared(conn, job.mutations, job.writer)  # a withdrawal stops the sharing


@router.get("/pull", response_model=wire.PullResponse, responses={**ERROR_RESPONSES, 410: CURSOR_TOO_OLD_RESPONSE})
def pull(caller: CallerDep, state: StateDep,
         cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
         full: Annotated[bool, Query(description="a pull that started at cursor 0 and is still reading")] = False,
         fault: FaultHeader = None,
         accept_encoding: Annotated[str | None, Header(include_in_schema=False)] = None) -> Response:
    pg = not is_sqlite(state.engine)
    # One transaction: the device's checks, the server's state, the page (server.pages) and, on PostgreSQL, the
    # device's cursor.
    with read_transaction(state.engine) as conn:
        context = sync_context(conn, state, caller)
        if 0 < cursor < context.tombstone_horizon and not full:
            raise ApiError(410, ErrorCode.CURSOR_TOO_OLD, TOO_OLD_MESSAGE)
        page = state.pages.answer(conn, context.writer, cursor, limit, epoch=context.epoch,
                                  server_seq=context.server_seq, tombstone_horizon=context.tombstone_horizon,
                                  gzip="gzip" in (accept_encoding or "").lower())
        if state.settings.test_faults and fault == "drop":
            raise InjectedFault("drop")
        if page.changes and pg:
            _note_cursor(conn, context.writer, cursor)
    if page.changes and not pg:  # SQLite: a write of its own (a read transaction cannot become one)
        with plain_transaction(state.engine) as conn:
            _note_cursor(conn, context.writer, cursor)
    headers = {"Vary": "Accept-Encoding"}
    if page.gzipped:
        headers["Content-Encoding"] = "gzip"
    return Response(content=page.body, media_type="application/json", headers=headers)


def _note_cursor(conn: Connection, device: core.Writer, cursor: int) -> None:
    """Where the device reads from, for the tombstone purge's horizon (SYNC.md §8): a bookkeeping write."""
    if not is_sqlite(conn.engine):
        # No disk flush of its own: lost in a crash, the cursor stays at its previous value, which only holds
        # tombstones longer.
        conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
    devices = Device.__table__
    conn.execute(update(devices).where(devices.c.device_id == device.device_id).values(last_cursor=cursor))
