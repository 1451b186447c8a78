"""/health (liveness), /ready (readiness: the database answers, its schema is current) and /metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from .. import core
from ..db import current_revision, head_revision, read_transaction
from ..deps import StateDep
from ..observability import metrics_text, record_pool

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str
    server_seq: int | None = None


@router.get("/health", response_model=Health)
async def health() -> Health:
    """The process answers (no database access: a database outage must not get the server restarted). Answered on
    the event loop: it never waits for a handler thread, which a database that does not answer may hold, all."""
    return Health(status="ok")


@router.get("/ready", response_model=Ready, responses={503: {"model": Ready, "description": "Base injoignable "
                                                                  "ou schéma à migrer"}})
def ready(state: StateDep) -> Response:
    """The server can serve: its database answers and its schema is the one this version needs."""
    try:
        if current_revision(state.engine) != head_revision():
            return JSONResponse(Ready(status="schema_outdated").model_dump(), status_code=503)
        with read_transaction(state.engine) as conn:
            seq = core.server_seq(conn)
    except SQLAlchemyError:
        return JSONResponse(Ready(status="database_unreachable").model_dump(), status_code=503)
    return JSONResponse(Ready(status="ready", server_seq=seq).model_dump())


@router.get("/metrics", include_in_schema=False)
def metrics(state: StateDep) -> Response:
    """Prometheus text format; not for the public side of the proxy (the Caddyfile keeps it internal)."""
    record_pool(state.engine)
    body, content_type = metrics_text()
    return Response(content=body, media_type=content_type)
