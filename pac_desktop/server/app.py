"""The ASGI application of `pac-server`: FastAPI over SQLAlchemy, its schema kept by Alembic."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from starlette.middleware.gzip import GZipMiddleware

from pac_desktop import __version__

from . import core
from .api import devices, evaluation, health, sync
from .config import Settings
from .db import create_server_engine, read_transaction, upgrade
from .deps import AppState
from .errors import ApiError, InjectedFault, api_error_handler, busy_handler, injected_fault_handler

GZIP_LEVEL = 4


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application on the configured database, migrated to the newest schema first."""
    settings = settings or Settings.from_env()
    engine = create_server_engine(settings.database_url, pool_size=settings.pool_size)
    upgrade(engine)
    with read_transaction(engine) as conn:
        secret = core.meta(conn).token_secret
    app = FastAPI(
        title="PAC — serveur partagé",
        description="Synchronisation des postes PAC Desktop (protocole v1, voir SYNC.md).",
        version=__version__,
        openapi_url="/openapi.json",
    )
    app.state.pac = AppState(engine=engine, settings=settings, token_secret=secret)
    # Pull pages are JSON of repetitive keys: gzip makes them ~8× smaller, for the price of a fast level
    # (httpx asks for gzip and decodes it).
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=GZIP_LEVEL)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(OperationalError, busy_handler)
    app.add_exception_handler(InjectedFault, injected_fault_handler)
    app.include_router(health.router)
    app.include_router(devices.router)
    app.include_router(sync.router)
    app.include_router(evaluation.router)
    return app
