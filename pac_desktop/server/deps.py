"""Dependencies of the API handlers, as types (STYLE.md §7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, select

from pac_desktop.sync.wire import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER, ErrorCode

from . import auth
from .config import Settings
from .core import Writer
from .db import plain_transaction, read_transaction
from .errors import ApiError
from .group_push import PushGroups
from .keys import KeyRing, SigningKeys
from .models import Device, ServerMeta


@dataclass
class AppState:
    engine: Engine
    settings: Settings
    key_ring: KeyRing
    #: This process's pushes, written in groups (pac_desktop.server.group_push).
    push_groups: PushGroups

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


def get_state(request: Request) -> AppState:
    return request.app.state.pac


StateDep = Annotated[AppState, Depends(get_state)]


def get_engine(state: StateDep) -> Engine:
    return state.engine


EngineDep = Annotated[Engine, Depends(get_engine)]


#: Declares the bearer scheme in the OpenAPI document; a missing or malformed header is answered below (401).
bearer = HTTPBearer(auto_error=False, description="Jeton d'accès de 15 minutes obtenu sur /v1/token (SYNC.md §7)")


def current_device(
    state: StateDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> Writer:
    """The enrolled device behind the bearer access token; its territories come from the server, never the client."""
    token = credentials.credentials.strip() if credentials else None
    verified = (auth.verify_access_token(state.verifying_keys(), token, max_ttl=state.settings.access_token_seconds)
                if token else None)
    if verified is None:
        raise ApiError(401, ErrorCode.UNAUTHORISED, auth.UNAUTHORISED_MESSAGE, {"WWW-Authenticate": "Bearer"})
    device_id, generation = verified
    with read_transaction(state.engine) as conn:
        row = conn.execute(select(Device.__table__).where(Device.device_id == device_id)).first()
    if row is None:
        raise ApiError(401, ErrorCode.UNAUTHORISED, auth.UNAUTHORISED_MESSAGE, {"WWW-Authenticate": "Bearer"})
    if row.status != "active":
        raise ApiError(403, ErrorCode.DEVICE_REVOKED, auth.revoked_message(row.revoked_reason))
    if not row.current_token_used and generation == auth.token_generation(row.refresh_token_hash):
        with plain_transaction(state.engine) as conn:
            auth.mark_current_token_used(conn, device_id)
    return Writer(device_id=device_id, territory_ids=tuple(row.territory_ids))


DeviceDep = Annotated[Writer, Depends(current_device)]

UPGRADE_MESSAGE = (
    "Cette version de PAC Desktop est trop ancienne pour se synchroniser avec le serveur. Vos modifications "
    "sont conservées sur cet ordinateur ; installez la nouvelle version de l'application, puis relancez la "
    "synchronisation."
)


def client_schema(
    state: StateDep,
    x_client_schema: Annotated[int | None, Header(alias=SCHEMA_HEADER, ge=0, le=1_000_000)] = None,
    x_sync_protocol: Annotated[int | None, Header(alias=PROTOCOL_HEADER, ge=0, le=1_000_000)] = None,
) -> int:
    """The client's local schema version; below the server's minimum → 426 (SYNC.md §6)."""
    if x_sync_protocol is not None and x_sync_protocol != PROTOCOL_VERSION:
        raise ApiError(400, ErrorCode.PROTOCOL, "Protocole de synchronisation non pris en charge par ce serveur.")
    schema = x_client_schema or 1
    with read_transaction(state.engine) as conn:
        minimum = conn.execute(select(ServerMeta.min_schema)).scalar_one()
    if schema < minimum:
        raise ApiError(426, ErrorCode.UPGRADE_REQUIRED, UPGRADE_MESSAGE)
    return schema


SchemaDep = Annotated[int, Depends(client_schema)]
