"""The device's side of /v1/evaluation (issue 7): allocation blocks and the evaluators' export.

:class:`EvaluationClient` is an ``AllocationSource`` for pac_desktop.services.evaluation: the sync cycle (or
``pac evaluation refill``) calls ``EvaluationService.replenish(client)`` while the server is reachable.
``access_token`` returns a valid bearer token of the enrolled device (the sync client's job).
"""

from __future__ import annotations

from collections.abc import Callable

from pac_desktop.domain.enums import EvaluationArm
from pac_desktop.domain.evaluation import ReservedBlock

from . import evaluation_wire as ew
from .transport import HttpTransport


class EvaluationClient:
    def __init__(self, transport: HttpTransport, access_token: Callable[[], str]) -> None:
        self._transport = transport
        self._token = access_token

    def reserve_blocks(self, *, stratum: str, count: int, new_reserve: bool = False) -> list[ReservedBlock]:
        body = ew.BlocksRequest(stratum=stratum, count=min(count, ew.MAX_BLOCKS_PER_REQUEST), new_reserve=new_reserve)
        answer = ew.BlocksResponse.model_validate(
            self._transport.request("POST", "/v1/evaluation/blocks", json=body.model_dump(), token=self._token())
        )
        return [
            ReservedBlock(b.stratum, b.block_number, tuple(EvaluationArm(a) for a in b.arms)) for b in answer.blocks
        ]

    def export(self, *, login: str, password: str) -> ew.ExportResponse:
        """The pseudonymised dataset, made by the server for an evaluator it authenticates itself."""
        body = ew.ExportRequest(login=login, password=password)
        return ew.ExportResponse.model_validate(
            self._transport.request("POST", "/v1/evaluation/export", json=body.model_dump(), token=self._token())
        )
