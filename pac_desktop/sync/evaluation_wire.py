"""Wire schema of the evaluation endpoints (issue 7), shared by the desktop client and the server.

- ``POST /v1/evaluation/blocks``: a device asks for allocation blocks of one stratum of its territories.
- ``POST /v1/evaluation/export``: an evaluator (login and password checked by the server against its staff
  records and roles) receives the pseudonymised dataset, produced on the server with its secret key.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_BLOCKS_PER_REQUEST = 20

Stratum = Annotated[str, StringConstraints(min_length=3, max_length=80, pattern=r"^[a-z0-9-]+/(minor|adult)$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BlocksRequest(_Body):
    stratum: Stratum
    count: int = Field(ge=1, le=MAX_BLOCKS_PER_REQUEST)
    #: The device started a new reserve (its upgrade to the sealed reserve, or a reserve key lost): the blocks it
    #: held before are gone. The server closes the unfinished ones once per device, with a notice (issue 13).
    new_reserve: bool = False


class Block(_Body):
    stratum: str
    block_number: int
    arms: list[str]


class BlocksResponse(_Body):
    blocks: list[Block]


class ExportRequest(_Body):
    login: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class ExportResponse(_Body):
    generated_at: str
    rows: int
    dataset_csv: str
    aggregates_csv: str
