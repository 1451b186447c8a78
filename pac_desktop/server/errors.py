"""Errors the API answers with: a status, a wire code and a French message a counsellor can act on."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

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


async def busy_handler(_request: Request, _exc: Exception) -> JSONResponse:
    # A locked database (SQLite writer busy past its timeout) or a lost PostgreSQL connection: transient.
    return error_response(503, ErrorCode.BUSY, BUSY_MESSAGE, {"Retry-After": "2"})


async def injected_fault_handler(_request: Request, _exc: Exception) -> JSONResponse:
    return error_response(500, ErrorCode.INTERNAL, "Panne simulée (test).")


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody, "description": "Jeton d'accès absent, expiré ou inconnu"},
    403: {"model": ErrorBody, "description": "Appareil retiré de la synchronisation (device_revoked)"},
    426: {"model": ErrorBody, "description": "Version de l'application trop ancienne"},
    503: {"model": ErrorBody, "description": "Serveur occupé : réessayer après Retry-After"},
}
ENROLMENT_REFUSED_RESPONSE = {"model": ErrorBody, "description": "Code d'inscription inconnu, déjà utilisé ou expiré "
                                                                 "(enrolment_refused)"}
CURSOR_TOO_OLD_RESPONSE = {"model": ErrorBody, "description": "Curseur sous l'horizon des suppressions : tout "
                                                              "recharger (cursor_too_old)"}
RATE_LIMITED_RESPONSE = {"model": ErrorBody, "description": "Trop de tentatives : réessayer après Retry-After "
                                                            "(rate_limited)"}
