"""Wire schema of ``POST /v1/regional/figures`` (issue 18 §6), shared by the desktop client and the server.

A regional committee's computer holds no case file: it asks the server for every territory's figures, counted
and suppressed there. The request is signed by the staff member signed in on the device
(:func:`pac_desktop.domain.regional.request_payload`); the answer holds counts only, the small ones already
replaced (null: « < 5 »; -1: hidden to protect one).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: The server's refusal of a signed request it answered already (a replay); the client, which knows it sent that
#: request itself (an answer lost on the way), signs a new one.
REPLAYED = ("Cette demande des chiffres régionaux a déjà été reçue : le serveur ne répond qu'une fois à chaque "
            "demande. Redemandez les chiffres.")

_Date = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
_Text = Annotated[str, StringConstraints(max_length=200)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FiguresRequest(_Body):
    staff_id: Annotated[str, StringConstraints(min_length=1, max_length=36)]
    date_from: date | None = None
    date_to: date | None = None
    requested_at: Annotated[str, StringConstraints(min_length=10, max_length=40)]
    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    signature: Annotated[str, StringConstraints(max_length=120, pattern=r"^[A-Za-z0-9+/=]*$")]


class FiguresRow(_Body):
    section: _Text
    label: _Text
    values: list[int | None]
    total: int | None


class FiguresResponse(_Body):
    date_from: _Date
    date_to: _Date
    generated_at: str
    territories: list[_Text] = Field(max_length=500)
    rows: list[FiguresRow]
