"""/health: is the server up and its database reachable (for load balancers and `pac-server serve`)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from .. import core
from ..db import read_transaction
from ..deps import StateDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    server_seq: int


@router.get("/health", response_model=Health)
def health(state: StateDep) -> Health:
    with read_transaction(state.engine) as conn:
        return Health(status="ok", server_seq=core.server_seq(conn))
