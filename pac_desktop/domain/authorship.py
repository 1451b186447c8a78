"""What a staff member signs when they make a change (issue 12, docs/sync-authorship.md §2).

A change travels with its author (``made_by``) and a signature of the author's own key. The desktop signs the
bytes of :func:`signed_payload` when it writes the change to its outbox; the server rebuilds the same bytes from
the pushed mutation and verifies the signature with the author's public key. Both sides use this one function,
so the two can never disagree on what was signed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .audit import AuditAction

#: Audit events a device records without a signed-in author able to sign: a failed login or unlock, attributed
#: to the account that was tried (nobody typed its password right, so nobody could sign). The server accepts
#: them unsigned; they grant nothing.
UNSIGNED_AUDIT_ACTIONS = frozenset({AuditAction.LOGIN_FAILED.value, AuditAction.UNLOCK_FAILED.value})


def signed_payload(
    *,
    mutation_id: str,
    entity: str,
    row_id: str,
    case_id: str | None,
    op: str,
    fields: Mapping[str, Any],
    base: Mapping[str, Any],
    base_version: int,
    conflict_id: str | None,
    made_by: str,
    made_at: str | None,
) -> bytes:
    """The canonical bytes of a change: JSON with sorted keys, no spaces, ASCII only (lone surrogates included)."""
    document = {
        "v": 1,
        "mutation_id": mutation_id,
        "entity": entity,
        "id": row_id,
        "case_id": case_id,
        "op": op,
        "fields": dict(fields),
        "base": dict(base),
        "base_version": base_version,
        "conflict_id": conflict_id,
        "made_by": made_by,
        "made_at": made_at,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def may_travel_unsigned(entity: str, op: str, fields: Mapping[str, Any]) -> bool:
    """A failed login or unlock recorded in the audit trail: the one change a device sends without a signature."""
    return entity == "audit_event" and op == "create" and fields.get("action") in UNSIGNED_AUDIT_ACTIONS
