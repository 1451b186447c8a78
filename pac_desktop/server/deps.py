"""Dependencies of the API handlers, as types (STYLE.md §7)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Annotated

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine, bindparam, select, true

from pac_desktop.sync.wire import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, ErrorCode

from . import auth
from .authorship import KeyCache
from .config import Settings
from .core import Writer
from .db import is_sqlite, plain_transaction, read_transaction
from .errors import ApiError
from .group_push import PushGroups
from .keys import KeyRing, SigningKeys
from .models import SINGLETON_ID, Device, ServerMeta, SyncClock
from .observability import VERIFIED_TOKEN
from .pages import PageBuilder


@dataclass
class AppState:
    engine: Engine
    settings: Settings
    key_ring: KeyRing
    #: This process's pushes, written in groups (pac_desktop.server.group_push).
    push_groups: PushGroups
    #: This process's pull pages and the JSON it keeps for them (pac_desktop.server.pages).
    pages: PageBuilder = field(default_factory=PageBuilder)
    #: The staff's signing keys this process has read, for the signatures checked before a push's transaction.
    signing_keys: KeyCache = field(default_factory=KeyCache)

    @property
    def keys(self) -> SigningKeys:
        return self.key_ring.get()

    @property
    def token_secret(self) -> str:
        """The key new access tokens are signed with."""
        return self.keys.current

    def verifying_keys(self) -> list[str]:
        """The keys an access token may carry: the current one, and those rotated out less than a lifetime ago."""
        return self.keys.verifying(self.settings.access_token_seconds)


async def get_state(request: Request) -> AppState:  # async: no thread of the pool for so little
    return request.app.state.pac


StateDep = Annotated[AppState, Depends(get_state)]


async def get_engine(state: StateDep) -> Engine:
    return state.engine


EngineDep = Annotated[Engine, Depends(get_engine)]


#: Declares the bearer scheme in the OpenAPI document; a missing or malformed header is answered below (401).
bearer = HTTPBearer(auto_error=False, description="Jeton d'accès de 15 minutes obtenu sur /v1/token (SYNC.md §7)")


def _unauthorised() -> ApiError:
    return ApiError(401, ErrorCode.UNAUTHORISED, auth.UNAUTHORISED_MESSAGE, {"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Caller:
    """Who calls, as the request's headers say: the device of a valid access token (not yet looked up in the
    database: :func:`sync_context` does it, in the handler's own transaction), its schema and protocol (None:
    not a sync request, not checked)."""

    device_id: str
    generation: str
    schema: int | None = None
    protocol: int | None = None


def token_caller(request: Request, state: AppState) -> Caller:
    """The device of the bearer access token, without a database access: 401 when there is none or it is not
    valid. The request middleware has verified it already (one verification a request)."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    token = credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None
    seen = request.scope.get("state", {}).get(VERIFIED_TOKEN)
    if seen is not None and seen[0] == token:
        verified = seen[1]
    else:  # not seen by the request middleware
        verified = (auth.verify_access_token(state.verifying_keys(), token,
                                             max_ttl=state.settings.access_token_seconds) if token else None)
    if verified is None or token is None:
        raise _unauthorised()
    return Caller(device_id=verified[0], generation=verified[1])


async def access_token(
    request: Request, state: StateDep,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> Caller:
    """The device of the bearer access token, without a database access (async: no thread of the pool either)."""
    return token_caller(request, state)


TokenDep = Annotated[Caller, Depends(access_token)]

#: The range of the sync headers' values (SCHEMA_HEADER, PROTOCOL_HEADER).
_HEADER_RANGE = (0, 1_000_000)


def sync_caller_of(request: Request, state: AppState) -> Caller:
    """The caller of a sync request (:func:`token_caller`: 401 first), with its schema and protocol from their
    headers (422 when not an integer of their range), checked by :func:`sync_context`."""
    token = token_caller(request, state)
    schema, protocol = _header_int(request, SCHEMA_HEADER), _header_int(request, PROTOCOL_HEADER)
    return replace(token, schema=schema or 1, protocol=protocol)


def _header_int(request: Request, name: str) -> int | None:
    raw = request.headers.get(name)
    if raw is None:
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit() and _HEADER_RANGE[0] <= int(text) <= _HEADER_RANGE[1]:
        return int(text)
    raise RequestValidationError([{"type": "int_parsing", "loc": ("header", name), "msg": "not an integer"}])


#: The sync headers as the OpenAPI document describes them (routes that read them from the request itself).
SYNC_HEADERS_DOC = [
    {"in": "header", "name": header, "required": False,
     "schema": {"anyOf": [{"type": "integer", "minimum": _HEADER_RANGE[0], "maximum": _HEADER_RANGE[1]},
                          {"type": "null"}], "title": header}}
    for header in (SCHEMA_HEADER, PROTOCOL_HEADER)
]


@dataclass(frozen=True)
class SyncContext:
    """The checked caller and the server's state, read in one statement (:func:`sync_context`)."""

    writer: Writer
    epoch: str
    tombstone_horizon: int
    server_seq: int
    #: This request marked the device's current refresh token used (in its own connection on PostgreSQL).
    marked: bool = False


_M = ServerMeta.__table__
_D = Device.__table__
_CLOCK = SyncClock.__table__
#: The device, the server's meta and its clock in one statement: a sync request's checks and what its answer
#: says of the server cost one round trip (they cost four transactions and four pool check-outs before).
_CONTEXT = (
    select(_D.c.status, _D.c.revoked_reason, _D.c.territory_ids, _D.c.current_token_used, _D.c.refresh_token_hash,
           _M.c.min_schema, _M.c.epoch, _M.c.tombstone_horizon, _CLOCK.c.seq)
    .select_from(_D.join(_M, true()).join(_CLOCK, true()))  # single rows: a cross join, said so
    .where(_D.c.device_id == bindparam("device_id"), _M.c.id == SINGLETON_ID, _CLOCK.c.id == SINGLETON_ID)
)


def sync_context(conn: Connection, state: AppState, caller: Caller) -> SyncContext:
    """Check the caller in the handler's transaction, in the order of SYNC.md: an unknown device (401), a revoked
    one (403), another protocol (400), a schema below the server's minimum (426, §6)."""
    row = conn.execute(_CONTEXT, {"device_id": caller.device_id}).first()
    if row is None:
        raise _unauthorised()
    if row.status != "active":
        raise ApiError(403, ErrorCode.DEVICE_REVOKED, auth.revoked_message(row.revoked_reason))
    marked = not row.current_token_used and caller.generation == auth.token_generation(row.refresh_token_hash)
    if marked:  # once per refresh token
        if is_sqlite(state.engine):  # a write of its own (a read transaction cannot become one)
            with plain_transaction(state.engine) as marking:
                auth.mark_current_token_used(marking, caller.device_id)
        else:  # in the request's own connection: no second one from the pool
            auth.mark_current_token_used(conn, caller.device_id)
    if caller.protocol is not None and caller.protocol != PROTOCOL_VERSION:
        raise ApiError(400, ErrorCode.PROTOCOL, "Protocole de synchronisation non pris en charge par ce serveur.")
    if caller.schema is not None and caller.schema < row.min_schema:
        raise ApiError(426, ErrorCode.UPGRADE_REQUIRED, UPGRADE_MESSAGE)
    return SyncContext(Writer(device_id=caller.device_id, territory_ids=tuple(row.territory_ids)), row.epoch,
                       row.tombstone_horizon, row.seq, marked)


def current_device(state: StateDep, caller: TokenDep) -> Writer:
    """The enrolled device behind the bearer access token; its territories come from the server, never the client."""
    with read_transaction(state.engine) as conn:
        return sync_context(conn, state, caller).writer


DeviceDep = Annotated[Writer, Depends(current_device)]

UPGRADE_MESSAGE = (
    "Cette version de PAC Desktop est trop ancienne pour se synchroniser avec le serveur. Vos modifications "
    "sont conservées sur cet ordinateur ; installez la nouvelle version de l'application, puis relancez la "
    "synchronisation."
)
