"""/v1/evaluation: allocation blocks for the devices, the pseudonymised export for evaluators (issue 7)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from pac_desktop.sync import evaluation_wire as ew
from pac_desktop.sync.wire import ErrorBody, ErrorCode

from .. import evaluation
from ..db import plain_transaction, read_transaction, write_transaction
from ..deps import DeviceDep, StateDep
from ..errors import ERROR_RESPONSES, RATE_LIMITED_RESPONSE, ApiError

router = APIRouter(prefix="/v1/evaluation", tags=["evaluation"])

_CODES = {400: ErrorCode.INVALID, 401: ErrorCode.UNAUTHORISED, 403: ErrorCode.FORBIDDEN, 404: ErrorCode.INVALID,
          409: ErrorCode.INVALID}


#: The refusals of the evaluation, documented in the OpenAPI document like every other answer (issue 12).
_REFUSALS = {
    404: {"model": ErrorBody, "description": "Territoire, strate ou évaluation inconnus du serveur"},
    409: {"model": ErrorBody, "description": "Évaluation pas encore ouverte ou déjà close pour ce territoire"},
}


def _api_error(error: evaluation.EvaluationRefused) -> ApiError:
    return ApiError(error.status, _CODES.get(error.status, ErrorCode.INVALID), str(error))


@router.post("/blocks", response_model=ew.BlocksResponse, responses={**ERROR_RESPONSES, **_REFUSALS})
def reserve_blocks(body: ew.BlocksRequest, device: DeviceDep, state: StateDep) -> ew.BlocksResponse:
    """The next allocation blocks of a stratum of the device's territories (the seed never leaves the server)."""
    try:
        with write_transaction(state.engine) as conn:
            if body.new_reserve:
                evaluation.close_renewed_reserve(conn, writer=device)  # issue 13: once per device, a notice
            blocks = evaluation.reserve_blocks(conn, writer=device, stratum=body.stratum, count=body.count)
    except evaluation.EvaluationRefused as error:
        raise _api_error(error) from error
    return ew.BlocksResponse(
        blocks=[ew.Block(stratum=b.stratum, block_number=b.block_number, arms=[a.value for a in b.arms])
                for b in blocks]
    )


@router.post("/export", response_model=ew.ExportResponse,
             responses={**ERROR_RESPONSES, **_REFUSALS, 429: RATE_LIMITED_RESPONSE})
def export(body: ew.ExportRequest, device: DeviceDep, state: StateDep) -> ew.ExportResponse:
    """The pseudonymised dataset, for an evaluator whose login and role the server checks itself."""
    try:
        with plain_transaction(state.engine) as conn:
            evaluation.get_secrets(conn)  # made once, in a write transaction
        with read_transaction(state.engine) as conn:
            evaluation.check_evaluator(conn, login=body.login, password=body.password)
            result = evaluation.export_dataset(conn)
    except evaluation.EvaluationRefused as error:
        raise _api_error(error) from error
    return ew.ExportResponse(generated_at=datetime.now(UTC).isoformat(), rows=result.rows,
                             dataset_csv=result.dataset_csv, aggregates_csv=result.aggregates_csv)
