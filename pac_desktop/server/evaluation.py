"""The randomised evaluation on the server (issue 7 §7): it alone holds the seed and the pseudonymisation key.

- :func:`reserve_blocks` hands a device the next allocation blocks of a stratum of its own territories
  (where the evaluation is switched on), and records in the ledger which device got which block.
- :func:`verify_draws_against_seed` regenerates every recorded draw from the seed (and the ledger) for audit.
- :func:`draw_order_anomalies` checks that each device used its slots in order (issue 13): skipped, repeated,
  out-of-order slots, blocks left unfinished; :func:`check_after_push` runs it after each push that brought a
  draw and writes each new finding to the audit trail (``evaluation_anomaly``), which the territory's devices
  receive like any audit event.
- :func:`export_dataset` builds the pseudonymised dataset and its aggregates from the server's records
  (pac_desktop.domain.evaluation_export); :func:`check_evaluator` checks the login, password and role of the
  person asking for it against the staff records the server holds.

Every function takes the caller's open connection and never commits (the API handler or the admin command
owns the transaction).
"""

from __future__ import annotations

import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.eligibility import is_adult_on
from pac_desktop.domain.enums import EvaluationArm, OutcomeMilestone, OutcomeSituation, Sex, StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.evaluation import (
    DrawMismatch,
    HandedBlock,
    PlacedDraw,
    RecordedDraw,
    ReservedBlock,
    SlotAnomaly,
    allocation_block,
    slot_anomalies,
    split_stratum,
    verify_draws,
)
from pac_desktop.domain.evaluation_export import (
    EvaluationCase,
    aggregate,
    aggregates_to_csv,
    pseudonymise,
    rows_to_csv,
)
from pac_desktop.domain.french import plural
from pac_desktop.security.passwords import verify_password

from .core import WriteInfo, Writer, write_record
from .models import EvaluationBlock, EvaluationSecret, Record, utcnow

R = Record.__table__
SECRET_ID = 1
EVALUATION_SETTING = "evaluation.enabled"  # pac_desktop.services.programme_settings.EVALUATION_ENABLED
EXPORT_ROLES = frozenset({StaffRole.EVALUATOR, StaffRole.ADMINISTRATOR})


class EvaluationRefused(DomainError):
    """A request the server turns down; ``status`` is the HTTP status, the message is French."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Secrets:
    seed: bytes
    pseudonym_key: bytes


def get_secrets(conn: Connection) -> Secrets:
    """The evaluation's secrets, made on first use (256 random bits each)."""
    row = conn.execute(select(EvaluationSecret.__table__).where(EvaluationSecret.id == SECRET_ID)).first()
    if row is None:
        seed, key = secrets.token_bytes(32), secrets.token_bytes(32)
        conn.execute(
            insert(EvaluationSecret.__table__).values(
                id=SECRET_ID, seed_hex=seed.hex(), pseudonym_key_hex=key.hex(), created_at=utcnow()
            )
        )
        return Secrets(seed, key)
    return Secrets(bytes.fromhex(row.seed_hex), bytes.fromhex(row.pseudonym_key_hex))


def _records(conn: Connection, entity: str) -> list[Any]:
    return list(conn.execute(select(R.c.id, R.c.data, R.c.deleted, R.c.origin_device).where(R.c.entity == entity)))


def territory_id_for_code(conn: Connection, code: str) -> str | None:
    for row in _records(conn, "territory"):
        if not row.deleted and row.data.get("code") == code:
            return row.id
    return None


def evaluation_enabled(conn: Connection, territory_id: str) -> bool:
    """The programme setting "evaluation.enabled" in force for the territory (territory, then programme)."""
    values: dict[str, str] = {}
    for row in _records(conn, "programme_setting"):
        if not row.deleted and row.data.get("key") == EVALUATION_SETTING:
            values[row.data.get("scope") or ""] = row.data.get("value")
    value = values.get(territory_id, values.get(""))
    return value == "1"


def reserve_blocks(conn: Connection, *, writer: Writer, stratum: str, count: int) -> list[ReservedBlock]:
    """Hand ``count`` new blocks of ``stratum`` to the device; run inside a write transaction (one at a time)."""
    try:
        code, _adult = split_stratum(stratum)
    except ValueError as exc:
        raise EvaluationRefused(400, "Strate inconnue.") from exc
    territory_id = territory_id_for_code(conn, code)
    if territory_id is None:
        raise EvaluationRefused(404, f"Le territoire « {code} » est inconnu du serveur.")
    if not writer.is_admin and territory_id not in writer.territory_ids:
        raise EvaluationRefused(403, "Cet ordinateur n'est pas inscrit pour ce territoire.")
    if not evaluation_enabled(conn, territory_id):
        raise EvaluationRefused(409, "L'évaluation par tirage au sort n'est pas active pour ce territoire.")
    seed = get_secrets(conn).seed
    table = EvaluationBlock.__table__
    last = conn.execute(select(func.max(table.c.block_number)).where(table.c.stratum == stratum)).scalar()
    first = 0 if last is None else last + 1
    now = utcnow()
    conn.execute(
        insert(table),
        [{"stratum": stratum, "block_number": n, "device_id": writer.device_id, "reserved_at": now}
         for n in range(first, first + count)],
    )
    return [ReservedBlock(stratum, n, allocation_block(seed, stratum, n)) for n in range(first, first + count)]


RENEWAL_NAMESPACE = uuid.UUID("a3d4c1f0-6b0e-4f57-9f3e-2c8a7d1b5e40")


def close_renewed_reserve(conn: Connection, *, writer: Writer) -> int:
    """The device starts a new reserve (its upgrade to the sealed reserve dropped the former one, stored in
    clear): close the blocks it left unfinished, and say so once in the audit trail — a notice per territory,
    not an anomaly. Once per device: a later renewal (a reserve key lost, or a device that would renew to skip
    a result it peeked at) closes nothing, and its unfinished blocks are anomalies as before. Returns how many
    blocks were closed. Runs inside the blocks request's write transaction."""
    if writer.device_id is None:
        return 0
    table = EvaluationBlock.__table__
    if conn.execute(select(table.c.stratum).where(table.c.device_id == writer.device_id,
                                                  table.c.closed_at.is_not(None)).limit(1)).first() is not None:
        return 0  # this device's one renewal is spent
    held = conn.execute(select(table.c.stratum, table.c.block_number).where(
        table.c.device_id == writer.device_id, table.c.closed_at.is_(None))).all()
    if not held:
        return 0
    used: dict[tuple[str, int], int] = defaultdict(int)
    for row in _records(conn, "evaluation_assignment"):
        d = row.data
        if d.get("block_number") is not None and d.get("block_position") is not None:
            used[(d.get("stratum"), int(d["block_number"]))] += 1
    seed = get_secrets(conn).seed
    unfinished = [(stratum, number) for stratum, number in held
                  if used[(stratum, number)] < len(allocation_block(seed, stratum, number))]
    if not unfinished:
        return 0
    now = utcnow()
    by_territory: dict[str | None, list[tuple[str, int]]] = defaultdict(list)
    for stratum, number in unfinished:
        conn.execute(table.update().where(table.c.stratum == stratum, table.c.block_number == number)
                     .values(closed_at=now))
        by_territory[territory_id_for_code(conn, split_stratum(stratum)[0])].append((stratum, number))
    for territory, blocks in sorted(by_territory.items(), key=lambda kv: kv[0] or ""):
        listed = ", ".join(f"{stratum} bloc {number}" for stratum, number in sorted(blocks))
        data = {
            "at": now.isoformat(),
            "staff_id": None,
            "action": AuditAction.EVALUATION_RESERVE_RENEWED.value,
            "entity": "evaluation_assignment",
            "entity_id": None,
            "youth_id": None,
            "territory_id": territory,
            "detail": f"Cet ordinateur a renouvelé sa réserve de tirages (après sa mise à jour vers la réserve "
                      f"scellée, ou la perte de la clé de sa réserve) : {plural(len(blocks), 'bloc inachevé clos', 'blocs inachevés clos')} "
                      f"({listed}). Leurs places restantes ne serviront jamais : ce n'est pas une anomalie, et "
                      "cet avis n'est donné qu'une fois par ordinateur.",
        }
        record_id = str(uuid.uuid5(RENEWAL_NAMESPACE, f"{writer.device_id}|{territory or ''}"))  # written once
        write_record(conn, entity="audit_event", record_id=record_id, case_id=None, territory_id=territory,
                     version=1, deleted=False, data=data,
                     info=WriteInfo(op="create", changes={f: [None, v] for f, v in data.items()},
                                    device_id=writer.device_id))
    return len(unfinished)


def closed_blocks(conn: Connection) -> list[tuple[str, int, str | None]]:
    """(stratum, block, device) of the blocks closed at a device's renewal (a notice for verify-evaluation)."""
    table = EvaluationBlock.__table__
    return [(r.stratum, r.block_number, r.device_id) for r in conn.execute(
        select(table).where(table.c.closed_at.is_not(None)).order_by(table.c.stratum, table.c.block_number))]


def recorded_draws(conn: Connection) -> list[tuple[RecordedDraw, str | None]]:
    """Every draw the server holds, with the device that pushed it."""
    out = []
    for row in _records(conn, "evaluation_assignment"):
        d = row.data
        if d.get("block_position") is None:
            continue
        out.append(
            (
                RecordedDraw(d["youth_id"], d["stratum"], int(d["block_number"]), int(d["block_position"]),
                             EvaluationArm(d["arm"])),
                row.origin_device,
            )
        )
    return out


def verify_draws_against_seed(conn: Connection) -> list[DrawMismatch]:
    """Regenerate every draw from the seed; also flag a draw from a block never handed to the device that made it."""
    seed = get_secrets(conn).seed
    draws = recorded_draws(conn)
    mismatches = verify_draws(seed, [d for d, _ in draws])
    table = EvaluationBlock.__table__
    ledger = {(r.stratum, r.block_number): r.device_id for r in conn.execute(select(table))}
    for draw, device in draws:
        key = (draw.stratum, draw.block_number)
        if key not in ledger:
            mismatches.append(DrawMismatch(draw, None, "block never handed out"))
        elif device is not None and ledger[key] is not None and ledger[key] != device:
            mismatches.append(DrawMismatch(draw, None, "block handed to another device"))
    return mismatches


def draw_order_anomalies(conn: Connection) -> list[SlotAnomaly]:
    """Every slot a device used out of turn (pac_desktop.domain.evaluation.slot_anomalies), from the ledger and
    the draws the server holds (tombstoned draws included: a slot used stays used)."""
    seed = get_secrets(conn).seed
    table = EvaluationBlock.__table__
    blocks = [
        HandedBlock(r.stratum, r.block_number, r.device_id, len(allocation_block(seed, r.stratum, r.block_number)),
                    closed=r.closed_at is not None)
        for r in conn.execute(select(table))
    ]
    placed = []
    for row in _records(conn, "evaluation_assignment"):
        d = row.data
        if d.get("block_position") is None or d.get("block_number") is None or not d.get("drawn_at"):
            continue
        try:
            draw = RecordedDraw(d["youth_id"], d["stratum"], int(d["block_number"]), int(d["block_position"]),
                                EvaluationArm(d["arm"]))
            drawn_at = datetime.fromisoformat(d["drawn_at"])
        except (KeyError, TypeError, ValueError):
            continue  # a malformed draw is the push validation's concern, not the order's
        placed.append(PlacedDraw(draw, drawn_at))
    return slot_anomalies(blocks, placed)


ANOMALY_NAMESPACE = uuid.UUID("5f0c7d1e-1d1a-4c1b-9a51-3e0f4b8d2a13")


def check_after_push(conn: Connection, mutations, writer: Writer) -> list[SlotAnomaly]:  # noqa: ANN001
    """After a push that brought draws: audit each anomaly of the pushing device not yet recorded.

    Runs in the push's transaction. The audit event's id is derived from the anomaly, so each is written once.
    """
    if not any(m.entity == "evaluation_assignment" for m in mutations):
        return []
    found = [a for a in draw_order_anomalies(conn) if a.device_id == writer.device_id]
    records = Record.__table__
    for anomaly in found:
        record_id = str(uuid.uuid5(ANOMALY_NAMESPACE, f"{anomaly.kind}|{anomaly.stratum}|{anomaly.block_number}|"
                                                      f"{anomaly.position}|{anomaly.youth_id or ''}"))
        exists = conn.execute(select(records.c.id).where(records.c.entity == "audit_event",
                                                         records.c.id == record_id)).first()
        if exists is not None:
            continue
        territory = territory_id_for_code(conn, split_stratum(anomaly.stratum)[0])
        data = {
            "at": utcnow().isoformat(),
            "staff_id": None,
            "action": AuditAction.EVALUATION_ANOMALY.value,
            "entity": "evaluation_assignment",
            "entity_id": None,
            "youth_id": None,
            "territory_id": territory,
            "detail": f"{anomaly.label} : strate {anomaly.stratum}, bloc {anomaly.block_number}, "
                      f"place {anomaly.position}",
        }
        write_record(conn, entity="audit_event", record_id=record_id, case_id=None, territory_id=territory,
                     version=1, deleted=False, data=data,
                     info=WriteInfo(op="create", changes={f: [None, v] for f, v in data.items()},
                                    device_id=writer.device_id))
    return found


def check_evaluator(conn: Connection, *, login: str, password: str) -> str:
    """The staff id behind a login whose password matches and who holds an evaluator (or administrator) role."""
    refused = EvaluationRefused(403, "Identifiant ou mot de passe incorrect.")
    credential = next(
        (r for r in _records(conn, "credential") if not r.deleted and r.data.get("login") == login.strip()), None
    )
    if credential is None or not verify_password(password, credential.data.get("password_hash") or ""):
        raise refused
    staff_id = credential.data.get("staff_id")
    staff = next((r for r in _records(conn, "staff") if r.id == staff_id), None)
    if staff is None or staff.deleted or staff.data.get("active") is False:
        raise refused
    roles = {
        r.data.get("role") for r in _records(conn, "staff_role") if not r.deleted and r.data.get("staff_id") == staff_id
    }
    if not roles & {role.value for role in EXPORT_ROLES}:
        raise EvaluationRefused(
            403, "Votre rôle ne permet pas d'exporter les données de l'évaluation : ces exports sont réservés "
            "aux évaluateurs du programme.",
        )
    return staff_id


def evaluation_cases(conn: Connection) -> list[EvaluationCase]:
    """The server's records of every youth drawn (live draws of live youths), as the export's input."""
    youths = {r.id: r.data for r in _records(conn, "youth") if not r.deleted}
    codes = {r.id: r.data.get("code") for r in _records(conn, "territory")}
    intakes: dict[str, list[date]] = defaultdict(list)
    for r in _records(conn, "joint_intake"):
        held = r.data.get("held_on")
        if not r.deleted and held and r.data.get("state") not in ("cancelled", "no_show"):
            intakes[r.data.get("youth_id")].append(date.fromisoformat(held))
    outcomes: dict[str, dict[OutcomeMilestone, OutcomeSituation | None]] = defaultdict(dict)
    for r in _records(conn, "outcome"):
        d = r.data
        if not r.deleted and d.get("situation") and d.get("milestone") in ("m3", "m6", "m12"):
            outcomes[d["youth_id"]][OutcomeMilestone(d["milestone"])] = OutcomeSituation(d["situation"])
    cases = []
    for r in _records(conn, "evaluation_assignment"):
        d = r.data
        youth = youths.get(d.get("youth_id"))
        if r.deleted or youth is None:
            continue
        drawn_on = datetime.fromisoformat(d["drawn_at"]).date()
        birth = date.fromisoformat(youth["birth_date"])
        _code, adult = split_stratum(d["stratum"])
        cases.append(
            EvaluationCase(
                youth_id=d["youth_id"],
                birth_date=birth,
                sex=Sex(youth["sex"]) if youth.get("sex") else None,
                territory_code=codes.get(youth.get("territory_id")) or _code,
                adult=adult if d.get("stratum") else is_adult_on(birth, drawn_on),
                arm=EvaluationArm(d["arm"]),
                drawn_on=drawn_on,
                intake_on=min(intakes[d["youth_id"]]) if intakes.get(d["youth_id"]) else None,
                outcomes=outcomes.get(d["youth_id"], {}),
            )
        )
    return cases


@dataclass(frozen=True)
class EvaluationExport:
    rows: int
    dataset_csv: str
    aggregates_csv: str


def export_dataset(conn: Connection) -> EvaluationExport:
    rows = pseudonymise(get_secrets(conn).pseudonym_key, evaluation_cases(conn))
    return EvaluationExport(len(rows), rows_to_csv(rows), aggregates_to_csv(aggregate(rows)))
