"""The regional computer's side of /v1/regional/figures (issue 18 §6): every territory's figures, counted and
suppressed by the server, asked for by the regional user signed in here (their key signs the request)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.regional import RegionalRow, RegionalView, request_payload

from . import regional_wire as rw
from .errors import ServerRefused

#: (key id, signature) of a payload by the signed-in user's key, None when their key is not held here.
Sign = Callable[[bytes], tuple[str, str] | None]

NOT_SIGNED_IN = ("Votre clé de signature n'est pas disponible sur cet ordinateur : verrouillez puis "
                 "déverrouillez la session avec votre mot de passe, puis réessayez.")


class RegionalClient:
    def __init__(self, call: Callable[..., dict], device_id: str) -> None:
        #: SyncEngine.call: a request with the device's access token.
        self._call = call
        self._device_id = device_id

    def figures(self, *, staff_id: str, sign: Sign, date_from: date | None = None,
                date_to: date | None = None) -> RegionalView:
        for attempt in range(2):
            requested_at = datetime.now(UTC).isoformat()
            signed = sign(request_payload(device_id=self._device_id, staff_id=staff_id, date_from=date_from,
                                          date_to=date_to, requested_at=requested_at))
            if signed is None:
                raise DomainError(NOT_SIGNED_IN)
            body = rw.FiguresRequest(staff_id=staff_id, requested_at=requested_at, key_id=signed[0],
                                     signature=signed[1], date_from=date_from, date_to=date_to)
            try:
                answer = rw.FiguresResponse.model_validate(self._call("POST", "/v1/regional/figures",
                                                                      json=body.model_dump(mode="json")))
                break
            except ServerRefused as refused:
                # A request sent again by the transport (its answer lost on the way) is a replay to the server:
                # this computer did send it, so it asks once more with a new signed request.
                if str(refused) != rw.REPLAYED or attempt:
                    raise
        return RegionalView(
            date_from=date.fromisoformat(answer.date_from), date_to=date.fromisoformat(answer.date_to),
            generated_at=datetime.fromisoformat(answer.generated_at), territories=tuple(answer.territories),
            rows=tuple(RegionalRow(r.section, r.label, tuple(r.values), r.total) for r in answer.rows),
            fetched_at=datetime.now(UTC))
