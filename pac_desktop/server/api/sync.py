"""/v1/sync: hello, push, pull (SYNC.md §3, §4, §6)."""

from __future__ import annotations

import os
import zlib
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from sqlalchemy import Connection, update

from pac_desktop.sync import wire
from pac_desktop.sync.wire import DEFAULT_PAGE, MAX_PAGE, PROTOCOL_VERSION, ErrorCode

from .. import consent, core, evaluation
from ..db import is_sqlite, plain_transaction, read_transaction, write_transaction
from ..deps import DeviceDep, SchemaDep, StateDep
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
def push(body: wire.PushRequest, device: DeviceDep, _schema: SchemaDep, state: StateDep,
         fault: FaultHeader = None) -> wire.PushResponse:
    # The body's size is limited while it streams in (body_limit.BodyLimit), before it is parsed here.
    faults = state.settings.test_faults
    mid_batch = _crash_hook(state, "push_mid_batch")

    def after_each(done: int) -> None:
        if mid_batch is not None and done >= mid_batch:
            os._exit(3)  # test hook: the process dies with the transaction open

    checked = core.prepare_push(body.mutations, device)  # before the clock lock: it depends on the body alone
    job = core.PushJob(body.mutations, device, checked)
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
    return wire.PushResponse(results=results, server_seq=seq)


def after_push(conn: Connection, job: core.PushJob) -> None:
    """The checks of a push that read more than its own records, in its unit of work (issue 13)."""
    evaluation.check_after_push(conn, job.mutations, job.writer)  # each draw used its next slot
    consent.withdraw_unshared(conn, job.mutations, job.writer)  # a withdrawal stops the sharing


@router.get("/pull", response_model=wire.PullResponse, responses={**ERROR_RESPONSES, 410: CURSOR_TOO_OLD_RESPONSE})
def pull(device: DeviceDep, _schema: SchemaDep, state: StateDep,
         cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
         full: Annotated[bool, Query(description="a pull that started at cursor 0 and is still reading")] = False,
         fault: FaultHeader = None,
         accept_encoding: Annotated[str | None, Header(include_in_schema=False)] = None) -> Response:
    with read_transaction(state.engine) as conn:
        meta = core.meta(conn)
        if 0 < cursor < meta.tombstone_horizon and not full:
            raise ApiError(410, ErrorCode.CURSOR_TOO_OLD, TOO_OLD_MESSAGE)
        changes, next_cursor, has_more = core.pull_page(conn, device, cursor, limit)
        seq = core.server_seq(conn)
    if state.settings.test_faults and fault == "drop":
        raise InjectedFault("drop")
    if changes and device.device_id:
        with plain_transaction(state.engine) as conn:
            if not is_sqlite(state.engine):
                # A bookkeeping write (the tombstone purge's horizon): no disk flush of its own. Lost in a crash,
                # the cursor stays at its previous value, which only holds tombstones longer.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            devices = Device.__table__
            conn.execute(update(devices).where(devices.c.device_id == device.device_id).values(last_cursor=cursor))
    # Written straight from the rows (core.page_json): no model per change, the records' JSON spliced in as is.
    body = core.page_json(changes, epoch=meta.epoch, next_cursor=next_cursor, has_more=has_more, server_seq=seq,
                          tombstone_horizon=meta.tombstone_horizon)
    return json_response(body, accept_encoding)


#: Pull pages are JSON of repeated keys: gzip makes them several times smaller for little CPU at its fastest
#: level (level 4 took twice the time for pages 10 % smaller).
GZIP_LEVEL = 1
GZIP_MIN_BYTES = 1024


def json_response(body: bytes, accept_encoding: str | None) -> Response:
    """A JSON answer, gzipped when the client accepts it (httpx, hence the desktop, asks for it and decodes it)."""
    headers = {"Vary": "Accept-Encoding"}
    if len(body) >= GZIP_MIN_BYTES and "gzip" in (accept_encoding or "").lower():
        packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: the gzip format, its CRC computed by zlib
        body = packer.compress(body) + packer.flush()
        headers["Content-Encoding"] = "gzip"
    return Response(content=body, media_type="application/json", headers=headers)
