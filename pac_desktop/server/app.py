"""The ASGI application of `pac-server`: FastAPI over SQLAlchemy, its schema kept by Alembic."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from pac_desktop import __version__
from pac_desktop.domain.errors import DomainError

from . import auth, core
from .api import devices, evaluation, health, regional, sync
from .body_limit import BodyLimit
from .config import Settings
from .db import check_schema, create_server_engine, read_transaction, upgrade
from .deps import AppState
from .errors import (
    ApiError,
    InjectedFault,
    api_error_handler,
    busy_handler,
    http_error_handler,
    injected_fault_handler,
    validation_error_handler,
)
from .group_push import PushGroups
from .keys import KEY_ENV, KEY_FILE_ENV, KeyRing, SigningKeys, configured_keys
from .observability import RequestMiddleware, log_event
from .ratelimit import Rate

log = logging.getLogger(__name__)

NO_KEY_MESSAGE = (
    f"Aucune clé de signature des jetons n'est configurée. En production, créez-en une avec « pac-server admin "
    f"token-key create --key-file /etc/pac-server/token.key » et indiquez-la dans ${KEY_FILE_ENV} (ou la clé "
    f"elle-même dans ${KEY_ENV})."
)


def signing_keys(settings: Settings, engine: Engine | None) -> SigningKeys | None:
    """The configured keys; else, for tests and a trial on SQLite only, the key stored in the database (None
    without an engine: the configuration alone is checked)."""
    keys = configured_keys(settings.token_key_file, settings.token_key)
    if keys is not None:
        return keys
    if not settings.database_key_allowed:
        raise DomainError(NO_KEY_MESSAGE)
    if engine is None:
        return None
    with read_transaction(engine) as conn:
        secret = core.meta(conn).token_secret
    return SigningKeys(secret, source="base de données (essai seulement)")


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    """The application on the configured database.

    ``migrate``: bring the schema to the newest revision first (under a lock: safe when processes start
    together). `pac-server serve` migrates once before it starts its workers, which only check the schema."""
    settings = settings or Settings.from_env()
    engine = create_server_engine(settings.database_url, pool_size=settings.pool_size)
    if migrate:
        upgrade(engine)
    else:
        check_schema(engine)
    for rate in (settings.rate_enrol, settings.rate_export, settings.rate_push, settings.rate_regional):
        if rate:
            Rate.parse(rate)  # a misconfigured limit stops the start, not the first request
    keys = signing_keys(settings, engine)
    assert keys is not None
    if keys.source.startswith("base"):
        log.warning("Clé de signature des jetons lue dans la base : acceptable pour un essai seulement (voir "
                    "pac-server admin token-key).")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        # The connections the handler threads will use, opened now rather than by the first burst of syncs after a
        # start (each is a process started on the database server, and was paid inside those requests).
        await anyio.to_thread.run_sync(open_pool, engine, min(settings.threads, settings.pool_size))
        # What the start-up made (modules, the application, SQLAlchemy's and pydantic's structures) lives as long as
        # the process: out of the garbage collector's sight, so that its full passes under load do not walk it.
        gc.collect()
        gc.freeze()
        log_event("worker_ready", version=__version__, signing_key=keys.source)
        yield
        engine.dispose()

    app = FastAPI(
        title="PAC — serveur partagé",
        description="Synchronisation des postes PAC Desktop (protocole v1, voir SYNC.md).",
        version=__version__,
        openapi_url="/openapi.json",
        docs_url="/docs" if settings.api_docs else None,
        redoc_url="/redoc" if settings.api_docs else None,
        lifespan=lifespan,
    )
    state = AppState(engine=engine, settings=settings, key_ring=KeyRing(keys, settings.token_key_file),
                     push_groups=PushGroups(engine, sync.after_push))
    app.state.pac = state
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(OperationalError, busy_handler)
    app.add_exception_handler(InjectedFault, injected_fault_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.add_middleware(BodyLimit)  # issue 12: the limit holds while the body streams in (inside the request log)

    def verify(token: str) -> tuple[str, str] | None:
        return auth.verify_access_token(state.verifying_keys(), token, max_ttl=settings.access_token_seconds)

    app.add_middleware(RequestMiddleware, engine=engine, verify=verify, rate_enrol=settings.rate_enrol,
                       rate_export=settings.rate_export, rate_push=settings.rate_push,
                       rate_regional=settings.rate_regional,
                       log_requests=settings.request_log)
    _document_models(app, sync.DOCUMENTED_MODELS)
    app.include_router(health.router)
    app.include_router(devices.router)
    app.include_router(sync.router)
    app.include_router(evaluation.router)
    app.include_router(regional.router)
    return app


def open_pool(engine: Engine, count: int) -> None:
    """Open ``count`` connections of the engine's pool and give them back to it (PostgreSQL; nothing on SQLite). A
    database that does not answer yet is no reason not to start: the pool then opens them on demand."""
    if engine.dialect.name == "sqlite":
        return
    opened = []
    try:
        for _ in range(count):
            opened.append(engine.connect())
    except OperationalError:
        log.warning("Connexions à la base non ouvertes au démarrage : elles le seront à la demande.")
    finally:
        for conn in opened:
            conn.close()


def _document_models(app: FastAPI, models: tuple[type[BaseModel], ...]) -> None:
    """Add ``models`` (and those they refer to) to the OpenAPI document's schemas: the bodies of routes that read
    their request themselves (api.sync) are described there, as FastAPI describes those it reads."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for model in models:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in schema.pop("$defs", {}).items():
                schemas.setdefault(name, definition)
            schemas.setdefault(model.__name__, schema)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def worker_app() -> FastAPI:
    """The application of one `pac-server serve --workers N` worker: settings from the environment, the schema
    already migrated by the parent process (a worker never migrates)."""
    return create_app(Settings.from_env(), migrate=False)
