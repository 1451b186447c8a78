"""Errors the API answers with: a status, a wire code and a French message a counsellor can act on."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from pac_desktop.sync.wire import ErrorBody, ErrorCode


class ApiError(Exception):
    def __init__(self, status: int, code: ErrorCode, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class InjectedFault(Exception):
    """Raised by the test hooks (PAC_SERVER_TEST_FAULTS): a crash of the request at a chosen point."""


BUSY_MESSAGE = "Le serveur est momentanément occupé ; la synchronisation reprendra d'elle-même dans un instant."


def error_response(status: int, code: ErrorCode, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(ErrorBody(code=code, message=message).model_dump(mode="json"), status_code=status,
                        headers=headers)


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


INVALID_REQUEST_MESSAGE = (
    "Requête mal formée : le serveur ne l'a pas traitée. L'application qui l'a envoyée doit être mise à jour."
)


async def validation_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    """422 for a body or a parameter that does not fit the schema: where, never what (values are personal data,
    and a value that is not valid Unicode cannot even be written back)."""
    assert isinstance(exc, RequestValidationError)
    places = sorted({".".join(str(p) for p in error.get("loc", ())[:2]) for error in exc.errors()})[:5]
    where = f" ({', '.join(places)})" if places else ""
    return error_response(422, ErrorCode.INVALID, INVALID_REQUEST_MESSAGE + where)


async def http_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own errors (an unreadable body, an unknown path, a wrong method) in the ErrorBody shape."""
    assert isinstance(exc, HTTPException)
    code = ErrorCode.INVALID if exc.status_code < 500 else ErrorCode.INTERNAL
    message = {404: "Adresse inconnue de ce serveur.", 405: "Méthode non prise en charge à cette adresse."}.get(
        exc.status_code, INVALID_REQUEST_MESSAGE)
    return error_response(exc.status_code, code, message, dict(exc.headers or {}))


async def busy_handler(_request: Request, _exc: Exception) -> JSONResponse:
    # A locked database (SQLite writer busy past its timeout) or a lost PostgreSQL connection: transient.
    return error_response(503, ErrorCode.BUSY, BUSY_MESSAGE, {"Retry-After": "2"})


async def injected_fault_handler(_request: Request, _exc: Exception) -> JSONResponse:
    return error_response(500, ErrorCode.INTERNAL, "Panne simulée (test).")


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody, "description": "Corps illisible ou protocole non pris en charge"},
    401: {"model": ErrorBody, "description": "Jeton d'accès absent, expiré ou inconnu"},
    403: {"model": ErrorBody, "description": "Appareil retiré de la synchronisation (device_revoked)"},
    413: {"model": ErrorBody, "description": "Corps de requête trop volumineux"},
    422: {"model": ErrorBody, "description": "Requête qui ne suit pas le schéma (les valeurs ne sont jamais renvoyées)"},
    426: {"model": ErrorBody, "description": "Version de l'application trop ancienne"},
    503: {"model": ErrorBody, "description": "Serveur occupé : réessayer après Retry-After"},
}
ENROLMENT_REFUSED_RESPONSE = {"model": ErrorBody, "description": "Code d'inscription inconnu, déjà utilisé ou expiré "
                                                                 "(enrolment_refused)"}
CURSOR_TOO_OLD_RESPONSE = {"model": ErrorBody, "description": "Curseur sous l'horizon des suppressions : tout "
                                                              "recharger (cursor_too_old)"}
RATE_LIMITED_RESPONSE = {"model": ErrorBody, "description": "Trop de tentatives : réessayer après Retry-After "
                                                            "(rate_limited)"}
