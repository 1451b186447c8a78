"""Signatures checked before the clock lock (issue 16; authorship.presign): the answer made before the write
transaction stands only while the author's key is still the one it was checked with."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sync_helpers import ARIEGE, COUNSELLOR_ARIEGE, running_server, signed

from pac_desktop.security.signing import public_bytes
from pac_desktop.server import authorship, core
from pac_desktop.server.db import read_transaction, write_transaction
from pac_desktop.sync.wire import Mutation


def _youth() -> Mutation:
    yid = str(uuid.uuid4())
    return Mutation.model_validate(signed({
        "mutation_id": str(uuid.uuid4()), "entity": "youth", "id": yid, "case_id": yid, "op": "create",
        "made_by": COUNSELLOR_ARIEGE, "fields": {"territory_id": ARIEGE, "first_name": "Testa",
                                                 "last_name": "Fictif", "birth_date": "2009-05-17"}}))


def _push(server, m: Mutation, presigned) -> core.wire.MutationResult:  # noqa: ANN001
    writer = core.Writer(device_id="poste", territory_ids=(ARIEGE,))
    job = core.PushJob([m], writer, core.prepare_push([m], writer), [presigned])
    with write_transaction(server.engine) as conn:
        core.push_many(conn, [job])
    return job.results[0]


def test_a_key_replaced_after_the_check_refuses_the_change(tmp_path: Path) -> None:
    with running_server("sqlite", tmp_path) as server:
        kept, replaced = _youth(), _youth()
        with read_transaction(server.engine) as conn:
            keys = authorship.active_keys(conn, {kept.key_id, replaced.key_id})
        checked = [authorship.presign(m, keys) for m in (kept, replaced)]
        assert [c[1] for c in checked] == [None, None]  # both signed by their author's key

        assert _push(server, kept, checked[0]).status == "applied"
        # The author's password is reset meanwhile: their key changes, the one checked before is revoked.
        other = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"another key").digest())
        with write_transaction(server.engine) as conn:
            authorship.register_key(conn, staff_id=COUNSELLOR_ARIEGE, public=public_bytes(other))
        result = _push(server, replaced, checked[1])
        assert result.status == "rejected" and result.reason == authorship.UNKNOWN_KEY
