"""/v1/regional/figures: every territory's figures for a regional committee's computer (issue 18 §6)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from pac_desktop.domain.youth_fields import paris_today
from pac_desktop.sync import regional_wire as rw
from pac_desktop.sync.wire import ErrorBody, ErrorCode

from .. import regional
from ..deps import DeviceDep, StateDep
from ..errors import ERROR_RESPONSES, ApiError

router = APIRouter(prefix="/v1/regional", tags=["regional"])

_REFUSALS = {
    400: {"model": ErrorBody, "description": "Période invalide"},
    403: {"model": ErrorBody, "description": "Demande non signée, déjà reçue (rejouée), rôle ou ordinateur sans "
                                             "accès aux chiffres régionaux"},
}


@router.post("/figures", response_model=rw.FiguresResponse, responses={**ERROR_RESPONSES, **_REFUSALS})
def figures(body: rw.FiguresRequest, device: DeviceDep, state: StateDep) -> rw.FiguresResponse:
    """Counts only, per territory and in total, suppressed on the server (no count from 1 to 4 leaves it)."""
    date_from, date_to = body.date_from, body.date_to
    now = datetime.now(UTC)
    try:
        view = regional.answer(state.engine, device=device, staff_id=body.staff_id, key_id=body.key_id,
                               signature=body.signature, date_from=date_from, date_to=date_to,
                               requested_at=body.requested_at, today=paris_today(), now=now)
    except regional.RegionalRefused as error:
        code = ErrorCode.FORBIDDEN if error.status == 403 else ErrorCode.INVALID
        raise ApiError(error.status, code, str(error)) from error
    return rw.FiguresResponse(
        date_from=view.date_from.isoformat(), date_to=view.date_to.isoformat(),
        generated_at=view.generated_at.isoformat(), territories=list(view.territories),
        rows=[rw.FiguresRow(section=r.section, label=r.label, values=list(r.values), total=r.total)
              for r in view.rows])
