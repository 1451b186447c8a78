"""The wire schema of sync protocol v1 (SYNC.md), shared by the client (pac_desktop.sync) and the server.

Imports neither the local store nor the server: both sides depend on this module, never on each other.
Request and response bodies are pydantic models (the server's OpenAPI document is generated from them);
:data:`SCOPES` is the one table saying which devices each entity travels to.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Sync-Protocol"
SCHEMA_HEADER = "X-Client-Schema"

#: Push batches and pull pages (SYNC.md §3, §4).
MAX_BATCH_MUTATIONS = 200
MAX_BATCH_BYTES = 1024 * 1024
DEFAULT_PAGE = 500
#: Pages are also cut at MAX_PAGE_BYTES: a large count only helps pages of small rows (fewer round trips and
#: commits on the first sync of a territory).
MAX_PAGE = 2000
#: About how much record data a pull page carries at most (the server cuts a page there).
MAX_PAGE_BYTES = 1024 * 1024
MAX_FIELDS = 80

#: The feed "scope" of rows every device receives (reference data); other scopes are territory ids.
GLOBAL_SCOPE = "*"
#: The entity name under which the server publishes its conflict records in the feed.
CONFLICT_ENTITY = "sync_conflict"


class Scope(StrEnum):
    """Which devices a row travels to. The server derives it from the row, never from the client's word."""

    #: Reference data: every device of every territory.
    GLOBAL = "global"
    #: A row of a youth's file (``case_id`` = the youth's id): the territories with access to the case
    #: (``case_access``, kept by the server from the youth's ``territory_id``).
    CASE = "case"
    #: A territory's own row without a case: its ``territory_id`` field.
    TERRITORY = "territory"
    #: A participant of a case review: the territory of the review named by its ``review_id``.
    REVIEW = "review"
    #: An audit event: the case's territories when ``youth_id`` is set, else its ``territory_id``, else the
    #: pushing device's first territory.
    AUDIT = "audit"
    #: A programme setting: every device when its ``scope`` field is "", else the territory it names.
    SETTING = "setting"
    #: A staff member's login: the territory of their organisation only (every device for national staff, whose
    #: organisation has no territory). Another territory's devices hold neither its hash nor its login (issue 12).
    STAFF = "staff"


#: THE scoping table: every synced entity of the local store, and who receives it. A test checks that every
#: model of pac_desktop.storage.models is listed. Reference entities marked ``ADMIN_ONLY`` are written by the
#: server's administrators (``pac-server admin publish-reference``); a device may only re-send identical values.
SCOPES: dict[str, Scope] = {
    # reference data
    "territory": Scope.GLOBAL,
    "territory_required_role": Scope.GLOBAL,
    "organisation": Scope.GLOBAL,
    "service_offer": Scope.GLOBAL,
    "staff": Scope.GLOBAL,
    "staff_role": Scope.GLOBAL,
    "credential": Scope.STAFF,
    "programme_setting": Scope.SETTING,
    # a youth's file
    "youth": Scope.CASE,
    "guardian": Scope.CASE,
    "referral": Scope.CASE,
    "joint_intake": Scope.CASE,
    "intake_participant": Scope.CASE,
    "analysis_note": Scope.CASE,
    "intake_barrier": Scope.CASE,
    "proposed_solution": Scope.CASE,
    "consent": Scope.CASE,
    "intake_validation": Scope.CASE,
    "intake_amendment": Scope.CASE,
    "referent_assignment": Scope.CASE,
    "follow_up_event": Scope.CASE,
    "outcome": Scope.CASE,
    "case_review_youth": Scope.CASE,
    "evaluation_assignment": Scope.CASE,
    "identity_change": Scope.CASE,
    "data_rights_request": Scope.CASE,
    "contact_attempt": Scope.CASE,
    "training_obligation": Scope.CASE,
    "intake_invitation": Scope.CASE,
    # a territory's rows without a case
    "case_review": Scope.TERRITORY,
    "committee_meeting": Scope.TERRITORY,
    "intake_session": Scope.TERRITORY,
    "intake_session_counsellor": Scope.TERRITORY,
    "case_review_participant": Scope.REVIEW,
    "audit_event": Scope.AUDIT,
}

#: Written only by the server's administrator (``pac-server admin``), never by a device's push, whoever it names
#: as author (issue 12): reference data, the staff, their roles and logins, the programme's settings.
ADMIN_ONLY: frozenset[str] = frozenset({"territory", "territory_required_role", "organisation", "service_offer",
                                        "staff", "staff_role", "credential", "programme_setting"})

#: The youth: its id is the case id of every row of its file; its territory_id decides the case's access.
CASE_ROOT = "youth"

#: Fields the server compares together (SYNC.md §3 "merge group"); a test checks them against the models.
MERGE_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "joint_intake": (("next_appointment_at", "next_appointment_place", "next_appointment_staff_id"),),
}


def merge_groups(entity: str, fields: list[str] | set[str]) -> list[tuple[str, ...]]:
    """The groups the given fields fall in: declared groups first, then one group per remaining field."""
    groups: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for group in MERGE_GROUPS.get(entity, ()):
        if any(f in fields for f in group):
            groups.append(group)
            seen.update(group)
    groups += [(f,) for f in sorted(fields) if f not in seen]
    return groups


# --------------------------------------------------------------------------------------------------
# Bodies
# --------------------------------------------------------------------------------------------------

#: No NUL character anywhere: PostgreSQL refuses it in text and JSONB.
_NO_NUL = r"^[^\x00]*$"

Uuid = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
EntityName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,79}$")]
#: Field values are JSON scalars: lists are child rows with their own ids, never arrays (SYNC.md §0).
Scalar = Annotated[str, StringConstraints(max_length=100_000, pattern=_NO_NUL)] | int | float | bool | None


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Op(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESOLVE = "resolve"


class Mutation(_Body):
    mutation_id: Uuid
    entity: EntityName
    id: Uuid
    case_id: Uuid | None = None
    op: Op
    fields: dict[FieldName, Scalar] = Field(default_factory=dict, max_length=MAX_FIELDS)
    base: dict[FieldName, Scalar] = Field(default_factory=dict, max_length=MAX_FIELDS)
    base_version: int = Field(default=0, ge=0, le=2**31)
    schema_version: int = Field(default=1, ge=1, le=1000)
    conflict_id: Uuid | None = None
    #: Audit metadata only, never used for ordering: who made the change on the device, and when.
    made_by: Uuid | None = None
    made_at: Annotated[str, StringConstraints(max_length=40, pattern=_NO_NUL)] | None = None
    #: The author's signature (issue 12, docs/sync-authorship.md): the id of their key and the base64 Ed25519
    #: signature of pac_desktop.domain.authorship.signed_payload. The server refuses an authored change without it.
    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] | None = None
    signature: Annotated[str, StringConstraints(max_length=120, pattern=r"^[A-Za-z0-9+/=]*$")] | None = None


def push_body(batch_id: str, payloads: list[str]) -> bytes:
    """A :class:`PushRequest` as JSON, from its mutations' own JSON (``model_dump_json``, made once by a device:
    it sizes its batch with it and archives it): the same bytes as the request model writes."""
    if len(payloads) > MAX_BATCH_MUTATIONS:
        raise ValueError(f"at most {MAX_BATCH_MUTATIONS} mutations a push")
    return f'{{"batch_id":{json.dumps(batch_id)},"mutations":[{",".join(payloads)}]}}'.encode()


class PushRequest(_Body):
    batch_id: Uuid
    mutations: list[Mutation] = Field(max_length=MAX_BATCH_MUTATIONS)


class RecordMeta(_Body):
    updated_at: str | None = None
    updated_by: str | None = None
    origin_device: str | None = None


class RecordState(_Body):
    """A record as the server holds it. ``data`` is None for tombstones and evictions (ids only)."""

    entity: str
    id: str
    case_id: str | None = None
    version: int
    seq: int
    deleted: bool = False
    data: dict[str, Any] | None = None
    meta: RecordMeta = Field(default_factory=RecordMeta)


class ConflictField(_Body):
    field: str
    base: Any = None
    mine: Any = None
    theirs: Any = None


class ConflictKind(StrEnum):
    FIELD_CLASH = "field_clash"
    UPDATE_VS_DELETE = "update_vs_delete"
    DELETE_VS_UPDATE = "delete_vs_update"
    ID_COLLISION = "id_collision"


class ConflictState(_Body):
    """A conflict as the server keeps it: base, mine (the pushing device's) and theirs, and who made each."""

    conflict_id: str
    entity: str
    id: str
    case_id: str | None = None
    kind: ConflictKind
    fields: list[ConflictField]
    status: Literal["open", "resolved"]
    mutation_id: str
    device_id: str | None = None
    mine_by: str | None = None
    mine_at: str | None = None
    theirs_by: str | None = None
    theirs_at: str | None = None
    theirs_device: str | None = None
    previous_conflict_id: str | None = None
    created_at: str
    resolved_at: str | None = None
    seq: int


class ResultStatus(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class MutationResult(_Body):
    mutation_id: str
    status: ResultStatus
    record: RecordState | None = None
    conflict_id: str | None = None
    conflict: ConflictState | None = None
    reason: str | None = None
    replayed: bool = False


class PushResponse(_Body):
    results: list[MutationResult]
    server_seq: int


class ChangeOp(StrEnum):
    PUT = "put"
    DELETE = "delete"
    EVICT = "evict"


class Change(_Body):
    entity: str
    id: str
    case_id: str | None = None
    op: ChangeOp
    version: int
    seq: int
    data: dict[str, Any] | None = None
    meta: RecordMeta = Field(default_factory=RecordMeta)
    conflict: ConflictState | None = None


class PullResponse(_Body):
    epoch: str
    changes: list[Change]
    next_cursor: int
    has_more: bool
    server_seq: int
    tombstone_horizon: int


class Limits(_Body):
    max_batch: int = MAX_BATCH_MUTATIONS
    max_batch_bytes: int = MAX_BATCH_BYTES
    max_page: int = MAX_PAGE


class HelloResponse(_Body):
    protocols: list[int]
    epoch: str
    min_schema: int
    current_schema: int
    server_seq: int
    tombstone_horizon: int
    limits: Limits


class EnrolRequest(_Body):
    code: Annotated[str, StringConstraints(min_length=4, max_length=64, pattern=_NO_NUL)]
    device_name: Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=_NO_NUL)]
    app_version: Annotated[str, StringConstraints(max_length=40, pattern=_NO_NUL)] = ""
    #: Chosen by the device for this enrolment: sending the same request again (its answer was lost on the
    #: network) enrols the same device again instead of being refused for a used code.
    request_id: Uuid | None = None


class EnrolResponse(_Body):
    device_id: str
    refresh_token: str
    organisation_id: str | None
    territory_ids: list[str]
    epoch: str


class TokenRequest(_Body):
    device_id: Uuid
    refresh_token: Annotated[str, StringConstraints(min_length=16, max_length=128, pattern=_NO_NUL)]


class TokenResponse(_Body):
    access_token: str
    expires_in: int
    #: The refresh token is rotated on every use: the device must keep this one and forget the old.
    refresh_token: str
    territory_ids: list[str]


class ErrorCode(StrEnum):
    UNAUTHORISED = "unauthorised"
    DEVICE_REVOKED = "device_revoked"
    UPGRADE_REQUIRED = "upgrade_required"
    CURSOR_TOO_OLD = "cursor_too_old"
    ENROLMENT_REFUSED = "enrolment_refused"
    PROTOCOL = "unsupported_protocol"
    BUSY = "busy"
    INVALID = "invalid"
    INTERNAL = "internal"
    FORBIDDEN = "forbidden"  # a staff role refused (issue 7)
    RATE_LIMITED = "rate_limited"  # 429 with Retry-After (issue 17)


class ErrorBody(_Body):
    code: ErrorCode
    message: str


class RejectReason(StrEnum):
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    UNKNOWN_ENTITY = "unknown_entity"
    UNKNOWN_RECORD = "unknown_record"
    UNKNOWN_CONFLICT = "unknown_conflict"
    REFERENCE_READ_ONLY = "reference_read_only"
    SCOPE_LOST = "scope_lost"  # client side: the record left this device's territories before its push


# --------------------------------------------------------------------------------------------------
# Pull pages read without pydantic (issue 16)
# --------------------------------------------------------------------------------------------------


class PageUnreadable(ValueError):
    """A pull page that is well-formed JSON but not a :class:`PullResponse` (a bug or a mismatched server). The
    message names the change and the field, never a value."""


class PulledMeta:
    """A change's :class:`RecordMeta`, as :func:`read_pull` reads it."""

    __slots__ = ("updated_at", "updated_by", "origin_device")

    def __init__(self, updated_at: str | None = None, updated_by: str | None = None,
                 origin_device: str | None = None) -> None:
        self.updated_at = updated_at
        self.updated_by = updated_by
        self.origin_device = origin_device


class PulledChange:
    """A :class:`Change` as :func:`read_pull` reads it: the same attributes, checked the same way."""

    __slots__ = ("entity", "id", "case_id", "op", "version", "seq", "data", "meta", "conflict")

    def __init__(self, entity: str, id: str, case_id: str | None, op: ChangeOp, version: int, seq: int,  # noqa: A002
                 data: dict[str, Any] | None, meta: PulledMeta, conflict: ConflictState | None = None) -> None:
        self.entity = entity
        self.id = id
        self.case_id = case_id
        self.op = op
        self.version = version
        self.seq = seq
        self.data = data
        self.meta = meta
        self.conflict = conflict


class PulledPage:
    """A :class:`PullResponse` as :func:`read_pull` reads it."""

    __slots__ = ("epoch", "changes", "next_cursor", "has_more", "server_seq", "tombstone_horizon")

    def __init__(self, epoch: str, changes: list[PulledChange], next_cursor: int, has_more: bool, server_seq: int,
                 tombstone_horizon: int) -> None:
        self.epoch = epoch
        self.changes = changes
        self.next_cursor = next_cursor
        self.has_more = has_more
        self.server_seq = server_seq
        self.tombstone_horizon = tombstone_horizon


_OPS: dict[str, ChangeOp] = {op.value: op for op in ChangeOp}
_PAGE_KEYS = frozenset(PullResponse.model_fields)
_CHANGE_KEYS = frozenset(Change.model_fields)
_META_KEYS = frozenset(RecordMeta.model_fields)
#: Longest entity name, id and meta text a page may carry (the server writes UUIDs, slugs and ISO timestamps).
MAX_ENTITY = 60
MAX_ID = 200
MAX_META = 200
_MAX_INT = 2**63 - 1
_NO_META = PulledMeta()


def read_pull(body: bytes) -> PulledPage:
    """A pull page's bytes → :class:`PulledPage`: ``json.loads`` and plain checks of what the apply relies on (the
    types of every field, the lengths of names and ids, the op), in about half the time of
    ``PullResponse.model_validate_json`` and its model objects. The records' data are checked field by field when
    applied (sync.codec). A body that is not JSON raises ``json.JSONDecodeError`` (a body cut mid-way: the
    transport retries); JSON that is not a page raises :class:`PageUnreadable`."""
    doc = json.loads(body)
    if doc.__class__ is not dict:
        raise PageUnreadable("page de réception illisible : ce n'est pas un objet JSON")
    if doc.keys() != _PAGE_KEYS:
        raise PageUnreadable(f"page de réception illisible : champs {_names(doc.keys() ^ _PAGE_KEYS)}")
    epoch, raw, has_more = doc["epoch"], doc["changes"], doc["has_more"]
    for name in ("next_cursor", "server_seq", "tombstone_horizon"):
        _check_int(doc[name], f"page de réception illisible : « {name} »")
    if epoch.__class__ is not str or len(epoch) > MAX_ID:
        raise PageUnreadable("page de réception illisible : « epoch »")
    if has_more is not True and has_more is not False:
        raise PageUnreadable("page de réception illisible : « has_more »")
    if raw.__class__ is not list:
        raise PageUnreadable("page de réception illisible : « changes »")
    changes: list[PulledChange] = []
    append = changes.append
    ops = _OPS
    for n, c in enumerate(raw):
        try:
            entity, rid, case_id, op_name = c["entity"], c["id"], c.get("case_id"), c["op"]
            version, seq, data, meta = c["version"], c["seq"], c.get("data"), c.get("meta")
            op = ops.get(op_name) if op_name.__class__ is str else None
        except (KeyError, TypeError, AttributeError):
            raise PageUnreadable(_change_problem(n, c)) from None
        if (entity.__class__ is not str or len(entity) > MAX_ENTITY or rid.__class__ is not str or len(rid) > MAX_ID
                or (case_id is not None and (case_id.__class__ is not str or len(case_id) > MAX_ID))
                or op is None or version.__class__ is not int or not 0 <= version <= _MAX_INT
                or seq.__class__ is not int or not 0 <= seq <= _MAX_INT
                or (data is not None and data.__class__ is not dict)
                # every key known: the usual change has all nine, else the keys are compared
                or not (len(c) == 9 and "case_id" in c and "data" in c and "meta" in c and "conflict" in c
                        or c.keys() <= _CHANGE_KEYS)):
            raise PageUnreadable(_change_problem(n, c))
        if meta is None:
            if "meta" in c:  # absent: the defaults; null: not a RecordMeta
                raise PageUnreadable(f"page de réception illisible : changement n° {n + 1}, « meta »")
            read_meta = _NO_META
        elif meta.__class__ is dict and len(meta) == 3:  # the usual meta, checked inline
            at, by, device = meta.get("updated_at", 0), meta.get("updated_by", 0), meta.get("origin_device", 0)
            if ((at is not None and (at.__class__ is not str or len(at) > MAX_META))
                    or (by is not None and (by.__class__ is not str or len(by) > MAX_META))
                    or (device is not None and (device.__class__ is not str or len(device) > MAX_META))):
                read_meta = _meta(n, meta)  # raises, naming the field
            read_meta = PulledMeta(at, by, device)
        else:
            read_meta = _meta(n, meta)
        conflict = c.get("conflict")
        if conflict is not None:
            try:
                conflict = ConflictState.model_validate(conflict)
            except ValueError:
                raise PageUnreadable(f"page de réception illisible : changement n° {n + 1}, « conflict »") from None
        append(PulledChange(entity, rid, case_id, op, version, seq, data, read_meta, conflict))
    return PulledPage(epoch, changes, doc["next_cursor"], has_more, doc["server_seq"], doc["tombstone_horizon"])


def _check_int(value: Any, message: str) -> None:  # noqa: ANN401 - a decoded JSON value
    if value.__class__ is not int or not 0 <= value <= _MAX_INT:
        raise PageUnreadable(message)


def _meta(n: int, meta: Any) -> PulledMeta:  # noqa: ANN401 - a decoded JSON value
    if meta.__class__ is not dict or not meta.keys() <= _META_KEYS:
        raise PageUnreadable(f"page de réception illisible : changement n° {n + 1}, « meta »")
    for key, value in meta.items():
        if value is not None and (value.__class__ is not str or len(value) > MAX_META):
            raise PageUnreadable(f"page de réception illisible : changement n° {n + 1}, « meta.{key} »")
    return PulledMeta(meta.get("updated_at"), meta.get("updated_by"), meta.get("origin_device"))


def _change_problem(n: int, c: Any) -> str:  # noqa: ANN401 - a decoded JSON value
    """Which field of the ``n``-th change is wrong (its name, never its value)."""
    where = f"page de réception illisible : changement n° {n + 1}"
    if c.__class__ is not dict:
        return f"{where}, ce n'est pas un objet"
    unknown = c.keys() - _CHANGE_KEYS
    if unknown:
        return f"{where}, champs inconnus {_names(unknown)}"
    checks: dict[str, Any] = {
        "entity": lambda v: v.__class__ is str and len(v) <= MAX_ENTITY,
        "id": lambda v: v.__class__ is str and len(v) <= MAX_ID,
        "case_id": lambda v: v is None or (v.__class__ is str and len(v) <= MAX_ID),
        "op": lambda v: v.__class__ is str and v in _OPS,
        "version": lambda v: v.__class__ is int and 0 <= v <= _MAX_INT,
        "seq": lambda v: v.__class__ is int and 0 <= v <= _MAX_INT,
        "data": lambda v: v is None or v.__class__ is dict,
    }
    optional = ("case_id", "data")
    for key, check in checks.items():
        if key not in c and key not in optional:
            return f"{where}, « {key} » manque"
        if not check(c.get(key)):
            return f"{where}, « {key} »"
    return where


def _names(keys: Any) -> str:  # noqa: ANN401 - a set of JSON keys
    return ", ".join(f"« {k[:40]} »" for k in sorted(str(k) for k in keys)[:5])
