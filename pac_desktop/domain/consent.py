"""The consent to share a youth's file among the partners (issue 13), and what it decides leaves a computer.

States of one consent (the youth's, and the legal guardian's for a minor): *not yet asked* (no record),
*given*, *refused*, *withdrawn* — each record dated and saying who recorded it.

Until the consent is given (the youth's, and the guardian's when the youth is a minor on the day of the
youth's answer), nothing of the youth's intake content leaves the computer where it was typed: only the
**repérage minimum** syncs — what the partners need so that nobody contacts the youth twice, and what the
evaluation and the audit need:

- the youth's record (identity, contact details, the eligibility facts typed at the repérage) and its
  identity history, the referral (who sent the youth, when), the intake's frame (its state, dates, host
  organisation, territory, the reason it ended), the consent records themselves, the evaluation's draw,
  the requests about personal data, and the audit trail (which holds no content).

Everything else of the file is **intake content** (:data:`CONTENT_ENTITIES`, and the content fields of the
intake :data:`JOINT_INTAKE_CONTENT_FIELDS`): the notes of the shared analysis (family, health and justice
sections included), the barriers, the diagnosis, the team and family present, the solutions, the referent, the
next appointment, the validations and amendments, the follow-up and outcomes, the guardians' contact records.
The device holds such changes back in its outbox; the server refuses them for a youth whose consent is not
*given* on the server; a withdrawal removes what was shared from the server and the partners' computers.

Standard library only: the device (pac_desktop.sync.local), the services and the server apply the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .eligibility import is_adult_on
from .enums import ConsentKind, LabelledEnum
from .french import format_date


class ConsentState(LabelledEnum):
    NOT_ASKED = ("not_asked", "Pas encore demandé")
    GIVEN = ("given", "Donné")
    REFUSED = ("refused", "Refusé")
    WITHDRAWN = ("withdrawn", "Retiré")


#: Rows of a youth's file that are intake content: they sync only once the consent is given.
CONTENT_ENTITIES: frozenset[str] = frozenset({
    "analysis_note", "intake_barrier", "proposed_solution", "referent_assignment", "intake_participant",
    "intake_validation", "intake_amendment", "follow_up_event", "outcome", "case_review_youth", "guardian",
})
#: Fields of the intake (joint_intake) that are content; its other fields are the intake's frame.
JOINT_INTAKE_CONTENT_FIELDS: frozenset[str] = frozenset({
    "shared_diagnosis", "diagnosis_agreed", "eligibility_justification", "next_appointment_at",
    "next_appointment_place", "next_appointment_staff_id",
})
#: What an intake's content field holds once emptied by a withdrawal (None for the others).
JOINT_INTAKE_BLANK: dict[str, Any] = {"shared_diagnosis": "", "diagnosis_agreed": False}
#: Default of the setting: how many days the content of an intake whose consent was refused is kept.
REFUSED_KEEP_DAYS = 30
#: The reason an intake ends when the sharing is refused (followed by the youth's own reason, if given).
CONSENT_REFUSED_REASON = "Refus du partage du dossier entre les partenaires"


def _filled(value: Any) -> bool:
    return value not in (None, "", False, [], {})


def is_content(entity: str, fields: Mapping[str, Any]) -> bool:
    """True when a change of ``entity`` carrying ``fields`` holds intake content (a delete carries none)."""
    if entity in CONTENT_ENTITIES:
        return True
    if entity == "joint_intake":
        return any(_filled(fields.get(f)) for f in JOINT_INTAKE_CONTENT_FIELDS)
    return False


@dataclass(frozen=True)
class ConsentRecord:
    """One consent record, as the rules need it (from the local store or from the server's records)."""

    kind: ConsentKind
    state: ConsentState
    #: The day of the answer (or of the withdrawal's record): a youth's minority is judged on it.
    given_on: date
    recorded_at: datetime | None = None


def record_from_data(data: Mapping[str, Any]) -> ConsentRecord | None:
    """A consent record from its synced fields; records from before the states read ``given`` (True/False)."""
    try:
        kind = ConsentKind(data.get("kind"))
        state_value = data.get("state") or ("given" if data.get("given") else "refused")
        state = ConsentState(state_value)
        given_on = date.fromisoformat(str(data.get("given_on")))
    except (TypeError, ValueError):
        return None
    recorded = data.get("recorded_at")
    try:
        recorded_at = datetime.fromisoformat(recorded) if isinstance(recorded, str) and recorded else None
    except ValueError:
        recorded_at = None
    return ConsentRecord(kind, state, given_on, recorded_at)


def latest_by_kind(records: Iterable[ConsentRecord]) -> dict[ConsentKind, ConsentRecord]:
    """The consent in force of each kind: the last recorded (a withdrawal follows the consent it withdraws)."""
    latest: dict[ConsentKind, ConsentRecord] = {}
    for record in records:
        current = latest.get(record.kind)
        if current is None or _order(record) >= _order(current):
            latest[record.kind] = record
    return latest


def _order(record: ConsentRecord) -> tuple[date, str, int]:
    stamp = record.recorded_at.isoformat() if record.recorded_at else ""
    # On the same instant, a withdrawal or refusal wins over a consent: never share by accident.
    return record.given_on, stamp, 0 if record.state is ConsentState.GIVEN else 1


def sharing_state(records: Iterable[ConsentRecord], *, birth_date: date | None) -> ConsentState:
    """The state that decides the sharing of the whole file: *given* only when the youth's consent is given
    and, for a minor on the day of it, the guardian's too; otherwise the state that stops it."""
    latest = latest_by_kind(records)
    youth = latest.get(ConsentKind.YOUTH)
    if youth is None:
        return ConsentState.NOT_ASKED
    if youth.state is not ConsentState.GIVEN:
        return youth.state
    minor = birth_date is not None and not is_adult_on(birth_date, youth.given_on)
    if minor:
        guardian = latest.get(ConsentKind.GUARDIAN)
        if guardian is None:
            return ConsentState.NOT_ASKED
        return guardian.state
    return ConsentState.GIVEN


def sharing_allowed(records: Iterable[ConsentRecord], *, birth_date: date | None) -> bool:
    return sharing_state(records, birth_date=birth_date) is ConsentState.GIVEN


def describe_consent(kind: ConsentKind, state: ConsentState, *, on: date, collected_by: str | None = None,
                     recorded_by: str | None = None, guardian_name: str | None = None,
                     guardian_relationship: str | None = None, reason: str | None = None) -> str:
    """One consent in a sentence, for the case file and the session summary: for whom, its state and date,
    who asked and who recorded it, the guardian's name and link, the reason of a refusal or withdrawal."""
    whom = "Accord du jeune" if kind == ConsentKind.YOUTH else "Accord du représentant légal"
    if kind == ConsentKind.GUARDIAN and guardian_name:
        whom += f" ({guardian_name}{', ' + guardian_relationship if guardian_relationship else ''})"
    text = f"{whom} : {state.label.lower()} le {format_date(on)}"
    if collected_by:
        text += f", recueilli par {collected_by}"
    if recorded_by and recorded_by != collected_by:
        text += f", enregistré par {recorded_by}"
    if reason and state is not ConsentState.GIVEN:
        text += f" — motif : {reason}"
    return text + "."


def latest_rows(rows: Iterable[Any]) -> list[Any]:
    """Of consent rows (any objects with ``kind``, ``state``, ``given_on``, ``recorded_at``), the one in force of
    each kind, youth first: the last recorded — a withdrawal follows the consent it withdraws; on the same day
    and instant, a refusal or withdrawal wins."""
    best: dict[ConsentKind, tuple[tuple[date, str, int], Any]] = {}
    for row in rows:
        recorded = row.recorded_at.isoformat() if row.recorded_at else ""
        key = (row.given_on, recorded, 0 if ConsentState(row.state) is ConsentState.GIVEN else 1)
        kind = ConsentKind(row.kind)
        if kind not in best or key >= best[kind][0]:
            best[kind] = (key, row)
    return [best[k][1] for k in ConsentKind if k in best]
