"""/v1/devices/enrol and /v1/token: enrolment with a one-time code, rotating refresh tokens (SYNC.md §7)."""

from __future__ import annotations

from fastapi import APIRouter

from pac_desktop.sync import wire
from pac_desktop.sync.wire import ErrorCode

from .. import auth, core
from ..db import plain_transaction, read_transaction
from ..deps import StateDep
from ..errors import ENROLMENT_REFUSED_RESPONSE, ERROR_RESPONSES, RATE_LIMITED_RESPONSE, ApiError

router = APIRouter(prefix="/v1", tags=["devices"])

_STATUS = {"unauthorised": 401, "device_revoked": 403, "enrolment_refused": 400}


def _api_error(error: auth.AuthError) -> ApiError:
    return ApiError(_STATUS.get(error.code, 401), ErrorCode(error.code), str(error))


@router.post("/devices/enrol", response_model=wire.EnrolResponse, responses={400: ENROLMENT_REFUSED_RESPONSE,
                                                                                  429: RATE_LIMITED_RESPONSE})
def enrol(body: wire.EnrolRequest, state: StateDep) -> wire.EnrolResponse:
    failure: auth.AuthError | None = None
    with plain_transaction(state.engine) as conn:
        try:
            enrolled = auth.enrol(conn, code=body.code, device_name=body.device_name, app_version=body.app_version,
                                  request_id=body.request_id)
        except auth.AuthError as error:
            failure = error
    if failure is not None:
        raise _api_error(failure)
    with read_transaction(state.engine) as conn:
        epoch = core.meta(conn).epoch
    return wire.EnrolResponse(device_id=enrolled.device_id, refresh_token=enrolled.refresh_token,
                              organisation_id=enrolled.organisation_id, territory_ids=enrolled.territory_ids,
                              epoch=epoch)


@router.post("/token", response_model=wire.TokenResponse, responses=ERROR_RESPONSES)
def token(body: wire.TokenRequest, state: StateDep) -> wire.TokenResponse:
    failure: auth.AuthError | None = None
    with plain_transaction(state.engine) as conn:
        try:  # caught inside the transaction, so that a revocation for token reuse is committed
            new, territories = auth.rotate_refresh_token(conn, device_id=body.device_id,
                                                         refresh_token=body.refresh_token)
        except auth.AuthError as error:
            failure = error
    if failure is not None:
        raise _api_error(failure)
    generation = auth.token_generation(auth.sha256(new))
    access = auth.issue_access_token(state.token_secret, body.device_id, generation,
                                     state.settings.access_token_seconds)
    return wire.TokenResponse(access_token=access, expires_in=state.settings.access_token_seconds,
                              refresh_token=new, territory_ids=territories)
