"""Pull pages read without pydantic (wire.read_pull; issue 16): the same reading as ``PullResponse`` for every page
the server writes, a clear refusal (naming the change and the field, never a value) for anything else; and the
server's change envelopes written by hand are the bytes json.dumps wrote."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pac_desktop.server.core import Writer
from pac_desktop.server.pages import _RECORD_COLUMNS, PageBuilder
from pac_desktop.sync import wire
from pac_desktop.sync.transport import _cut_body
from pac_desktop.sync.wire import ChangeOp, PageUnreadable, read_pull

SECRET = "Prénom-Secret"  # a value that must never appear in an error message


def _change(**values: Any) -> dict[str, Any]:
    rid = str(uuid.uuid4())
    change = {"entity": "youth", "id": rid, "case_id": rid, "op": "put", "version": 3, "seq": 41,
              "meta": {"updated_at": "2026-03-02T10:00:00+00:00", "updated_by": None, "origin_device": None},
              "conflict": None, "data": {"first_name": SECRET, "birth_date": "2009-05-17", "sex": None}}
    change.update(values)
    return change


def _conflict() -> dict[str, Any]:
    return {"conflict_id": str(uuid.uuid4()), "entity": "youth", "id": str(uuid.uuid4()), "case_id": None,
            "kind": "field_clash", "fields": [{"field": "phone", "base": "1", "mine": "2", "theirs": "3"}],
            "status": "open", "mutation_id": str(uuid.uuid4()), "created_at": "2026-03-02T10:00:00+00:00", "seq": 9}


def _page(listed: list[dict[str, Any]], **values: Any) -> bytes:
    page = {"changes": listed, "epoch": "e-1", "next_cursor": 41, "has_more": True, "server_seq": 50,
            "tombstone_horizon": 0}
    page.update(values)
    return json.dumps(page, ensure_ascii=False).encode()


def _as_pydantic(page: wire.PulledPage) -> dict[str, Any]:
    """What PullResponse.model_dump gives, from a PulledPage."""
    return {
        "epoch": page.epoch, "next_cursor": page.next_cursor, "has_more": page.has_more,
        "server_seq": page.server_seq, "tombstone_horizon": page.tombstone_horizon,
        "changes": [{"entity": c.entity, "id": c.id, "case_id": c.case_id, "op": c.op, "version": c.version,
                     "seq": c.seq, "data": c.data,
                     "meta": {"updated_at": c.meta.updated_at, "updated_by": c.meta.updated_by,
                              "origin_device": c.meta.origin_device},
                     "conflict": c.conflict.model_dump() if c.conflict is not None else None}
                    for c in page.changes],
    }


VALID_PAGES = [
    _page([]),
    _page([_change()], has_more=False),
    _page([_change(op="delete", data=None), _change(op="evict", data=None, case_id=None),
           _change(entity="sync_conflict", op="put", data=None, conflict=_conflict())]),
    _page([{k: v for k, v in _change().items() if k not in ("case_id", "meta", "conflict", "data")}]),
    _page([_change(meta={"updated_at": None}), _change(meta={}), _change(entity="staff", id="slug-like-id")]),
]


@pytest.mark.parametrize("body", VALID_PAGES)
def test_read_pull_reads_as_the_pydantic_model_does(body: bytes) -> None:
    page = read_pull(body)
    assert _as_pydantic(page) == wire.PullResponse.model_validate_json(body).model_dump()
    assert all(isinstance(c.op, ChangeOp) for c in page.changes)


@pytest.mark.parametrize(("change", "field"), [
    (_change(entity=7), "entity"),
    (_change(entity="e" * 61), "entity"),
    (_change(id=None), "id"),
    (_change(id="x" * 201), "id"),
    (_change(case_id=12), "case_id"),
    (_change(op="upsert"), "op"),
    (_change(op=None), "op"),
    (_change(version="3"), "version"),
    (_change(version=True), "version"),
    (_change(version=-1), "version"),
    (_change(seq=4.0), "seq"),
    (_change(data=[SECRET]), "data"),
    (_change(data=SECRET), "data"),
    (_change(meta={"updated_by": 5}), "meta.updated_by"),
    (_change(meta={"updated_at": SECRET * 20}), "meta.updated_at"),
    (_change(meta={"who": SECRET}), "meta"),
    (_change(meta=SECRET), "meta"),
    (_change(meta=None), "meta"),
    (_change(conflict={"conflict_id": SECRET}), "conflict"),
    (_change(extra=SECRET), "extra"),
    ({k: v for k, v in _change().items() if k != "seq"}, "seq"),
    (SECRET, "objet"),
])
def test_read_pull_refuses_a_change_naming_its_field_never_its_value(change: Any, field: str) -> None:
    """(Stricter than the model on what pydantic's lax mode coerces — "3", 4.0, True for an integer — and on
    lengths: the server writes none of these.)"""
    with pytest.raises(PageUnreadable) as caught:
        read_pull(_page([_change(), change]))
    message = str(caught.value)
    assert "changement n° 2" in message and field in message, message
    assert SECRET not in message


@pytest.mark.parametrize(("values", "field"), [
    ({"epoch": None}, "epoch"), ({"next_cursor": "41"}, "next_cursor"), ({"has_more": 1}, "has_more"),
    ({"server_seq": -5}, "server_seq"), ({"changes": {}}, "changes"), ({"more": True}, "more"),
])
def test_read_pull_refuses_a_page_naming_its_field(values: dict[str, Any], field: str) -> None:
    with pytest.raises(PageUnreadable, match=field):
        read_pull(_page([_change()], **values))


def test_a_cut_body_is_retried_a_page_refused_is_not() -> None:
    body = _page([_change()])
    with pytest.raises(ValueError) as cut:
        read_pull(body[: len(body) // 2])
    assert _cut_body(cut.value)  # the transport tries again
    with pytest.raises(PageUnreadable) as refused:
        read_pull(_page([_change(op="upsert")]))
    assert not _cut_body(refused.value)  # the server's answer: the same again would be refused again
    with pytest.raises(PageUnreadable):
        read_pull(b"[1, 2]")


_texts = st.one_of(st.none(), st.text(max_size=12))


@given(st.lists(st.fixed_dictionaries({
    "entity": st.text(min_size=1, max_size=60), "id": st.text(max_size=40), "case_id": _texts,
    "op": st.sampled_from(["put", "delete", "evict"]), "version": st.integers(0, 2**40),
    "seq": st.integers(0, 2**40), "data": st.one_of(st.none(), st.dictionaries(st.text(max_size=5), _texts)),
    "meta": st.fixed_dictionaries({"updated_at": _texts, "updated_by": _texts, "origin_device": _texts}),
}), max_size=5))
def test_read_pull_agrees_with_the_model_on_any_page(changes: list[dict[str, Any]]) -> None:
    body = _page(changes)
    assert _as_pydantic(read_pull(body)) == wire.PullResponse.model_validate_json(body).model_dump()


@pytest.mark.parametrize("op", [ChangeOp.PUT, ChangeOp.DELETE])
@pytest.mark.parametrize(("text", "updated_at"), [
    ("plain-id", datetime(2026, 3, 2, 10, 0, tzinfo=UTC)),
    ('quote " back \\ slash\ttab\x01 é ☃ \u2028', None),
])
def test_the_servers_change_envelope_is_what_json_dumps_wrote(op: ChangeOp, text: str,
                                                               updated_at: datetime | None) -> None:
    record = SimpleNamespace(entity="youth", id=text, case_id=None if op is ChangeOp.DELETE else text, version=7,
                             deleted=op is ChangeOp.DELETE, territory_id=None, updated_at=updated_at,
                             updated_by=text, origin_device=None, data_text='{"first_name":"Zoé"}')
    row = tuple(getattr(record, column.key) for column in _RECORD_COLUMNS)  # a row of the records query
    piece = PageBuilder._record_piece(None, Writer(device_id="d", territory_ids=()), row, 12, op)  # type: ignore[arg-type]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head = dumps({"entity": record.entity, "id": record.id, "case_id": record.case_id, "op": op.value,
                  "version": 7, "seq": 12,
                  "meta": {"updated_at": updated_at.isoformat() if updated_at else None, "updated_by": text,
                           "origin_device": None},
                  "conflict": None})
    data = record.data_text if op is ChangeOp.PUT else "null"
    assert piece.json == f'{head[:-1]},"data":{data}}}'.encode()
    assert json.loads(piece.json)["id"] == text
