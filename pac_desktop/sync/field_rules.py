"""THE field table of every synced entity: its fields, their types, lengths, enumerations, and whether they are
required — what the server checks each pushed value against (issue 12) and the client checks each pulled row.

Generated from the local store's models (pac_desktop.storage.models, the one declaration of the schema) by
``tests/sync/test_sync_field_rules.py`` (``python tests/sync/test_sync_field_rules.py > pac_desktop/sync/field_rules.py``);
a test fails when the models and this table disagree. Imports only the domain: the server shares it without the
desktop's store. Do not edit by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pac_desktop.domain import consent, data_rights, enums, intake_sessions, reperage, training_obligation


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"


@dataclass(frozen=True)
class F:
    """One field: its kind, its longest text, its allowed values, and whether it may be null or absent."""

    kind: Kind
    max_length: int | None = None
    #: False: the value may never be null (the column is NOT NULL).
    null: bool = True
    #: True: a create may leave the field out (the column has a default); a NOT NULL field without default is
    #: required on create.
    default: bool = False
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return not self.null and not self.default


def enum(cls: type, *, null: bool = True, default: bool = False) -> F:
    return F(Kind.ENUM, null=null, default=default, choices=tuple(str(m.value) for m in cls))  # type: ignore[attr-defined]


FIELDS: dict[str, dict[str, F]] = {
    "analysis_note": {
        "intake_id": F(Kind.TEXT, max_length=36, null=False),
        "section": enum(enums.AnalysisSection, null=False),
        "author_staff_id": F(Kind.TEXT, max_length=36),
        "text": F(Kind.TEXT, null=False, default=True),
        "written_at": F(Kind.DATETIME, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "audit_event": {
        "at": F(Kind.DATETIME, null=False, default=True),
        "staff_id": F(Kind.TEXT, max_length=36),
        "action": F(Kind.TEXT, max_length=60, null=False),
        "entity": F(Kind.TEXT, max_length=60),
        "entity_id": F(Kind.TEXT, max_length=36),
        "youth_id": F(Kind.TEXT, max_length=36),
        "territory_id": F(Kind.TEXT, max_length=36),
        "detail": F(Kind.TEXT, null=False, default=True),
    },
    "case_review": {
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "planned_on": F(Kind.DATE, null=False),
        "place": F(Kind.TEXT, max_length=200),
        "title": F(Kind.TEXT, max_length=200, null=False, default=True),
        "organiser_id": F(Kind.TEXT, max_length=36),
        "held": F(Kind.BOOL, null=False, default=True),
    },
    "case_review_participant": {
        "review_id": F(Kind.TEXT, max_length=36, null=False),
        "staff_id": F(Kind.TEXT, max_length=36),
        "organisation_id": F(Kind.TEXT, max_length=36),
        "full_name": F(Kind.TEXT, max_length=160),
    },
    "case_review_youth": {
        "review_id": F(Kind.TEXT, max_length=36, null=False),
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "decision": F(Kind.TEXT, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "committee_meeting": {
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "held_on": F(Kind.DATE, null=False),
        "place": F(Kind.TEXT, max_length=200),
        "period_from": F(Kind.DATE),
        "period_to": F(Kind.DATE),
        "notes": F(Kind.TEXT, null=False, default=True),
    },
    "consent": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "intake_id": F(Kind.TEXT, max_length=36),
        "kind": enum(enums.ConsentKind, null=False),
        "given": F(Kind.BOOL, null=False),
        "state": enum(consent.ConsentState, null=False, default=True),
        "given_on": F(Kind.DATE, null=False),
        "collected_by": F(Kind.TEXT, max_length=36),
        "recorded_by": F(Kind.TEXT, max_length=36),
        "recorded_at": F(Kind.DATETIME),
        "guardian_name": F(Kind.TEXT, max_length=160),
        "guardian_relationship": F(Kind.TEXT, max_length=80),
        "reason": F(Kind.TEXT),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "contact_attempt": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "attempted_at": F(Kind.DATETIME, null=False, default=True),
        "channel": enum(reperage.ContactChannel, null=False),
        "staff_id": F(Kind.TEXT, max_length=36),
        "partner_organisation_id": F(Kind.TEXT, max_length=36),
        "reached": F(Kind.BOOL),
        "answer": F(Kind.TEXT, null=False, default=True),
        "next_action": F(Kind.TEXT, max_length=200),
        "next_action_due": F(Kind.DATE),
        "outcome": enum(reperage.ContactOutcome),
        "appointment_id": F(Kind.TEXT, max_length=36),
        "automatic": F(Kind.BOOL, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "credential": {
        "staff_id": F(Kind.TEXT, max_length=36, null=False),
        "login": F(Kind.TEXT, max_length=80, null=False),
        "password_hash": F(Kind.TEXT, max_length=300, null=False),
    },
    "data_rights_request": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "kind": enum(data_rights.RightsRequestKind, null=False),
        "received_on": F(Kind.DATE, null=False),
        "text": F(Kind.TEXT, null=False, default=True),
        "response": F(Kind.TEXT, null=False, default=True),
        "handled_by": F(Kind.TEXT, max_length=36),
        "handled_on": F(Kind.DATE),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "evaluation_assignment": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "arm": enum(enums.EvaluationArm, null=False),
        "stratum": F(Kind.TEXT, max_length=80, null=False),
        "block_number": F(Kind.INT, null=False),
        "block_position": F(Kind.INT),
        "drawn_at": F(Kind.DATETIME, null=False, default=True),
        "drawn_by": F(Kind.TEXT, max_length=36),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "follow_up_event": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "kind": enum(enums.FollowUpKind, null=False),
        "occurred_on": F(Kind.DATE, null=False),
        "staff_id": F(Kind.TEXT, max_length=36),
        "partner_organisation_id": F(Kind.TEXT, max_length=36),
        "note": F(Kind.TEXT, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "guardian": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "full_name": F(Kind.TEXT, max_length=160, null=False),
        "relationship": F(Kind.TEXT, max_length=80),
        "phone": F(Kind.TEXT, max_length=30),
        "email": F(Kind.TEXT, max_length=200),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "identity_change": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "entity": F(Kind.TEXT, max_length=40, null=False, default=True),
        "row_id": F(Kind.TEXT, max_length=36, null=False),
        "field": F(Kind.TEXT, max_length=80, null=False),
        "old_value": F(Kind.TEXT),
        "new_value": F(Kind.TEXT),
        "changed_by": F(Kind.TEXT, max_length=36),
        "changed_at": F(Kind.DATETIME, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "intake_amendment": {
        "intake_id": F(Kind.TEXT, max_length=36, null=False),
        "field": F(Kind.TEXT, max_length=80, null=False),
        "old_value": F(Kind.TEXT),
        "new_value": F(Kind.TEXT),
        "reason": F(Kind.TEXT, null=False),
        "amended_by": F(Kind.TEXT, max_length=36),
        "amended_at": F(Kind.DATETIME, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "intake_barrier": {
        "intake_id": F(Kind.TEXT, max_length=36, null=False),
        "barrier": enum(enums.Barrier, null=False),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "intake_invitation": {
        "session_id": F(Kind.TEXT, max_length=36, null=False),
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "slot_index": F(Kind.INT, null=False),
        "status": enum(intake_sessions.InvitationStatus, null=False, default=True),
        "invited_by": F(Kind.TEXT, max_length=36),
        "invited_at": F(Kind.DATETIME, null=False, default=True),
        "intake_id": F(Kind.TEXT, max_length=36),
        "cancelled_with_session": F(Kind.BOOL, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "intake_participant": {
        "intake_id": F(Kind.TEXT, max_length=36, null=False),
        "kind": enum(enums.ParticipantKind, null=False),
        "role": enum(enums.IntakeRole),
        "staff_id": F(Kind.TEXT, max_length=36),
        "full_name": F(Kind.TEXT, max_length=160),
        "relationship": F(Kind.TEXT, max_length=80),
        "present": F(Kind.BOOL, null=False, default=True),
        "absence_reason": F(Kind.TEXT),
        "position": F(Kind.INT, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "intake_session": {
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "starts_at": F(Kind.DATETIME, null=False),
        "slot_count": F(Kind.INT, null=False, default=True),
        "slot_minutes": F(Kind.INT, null=False, default=True),
        "place": F(Kind.TEXT, max_length=200, null=False),
        "host_organisation_id": F(Kind.TEXT, max_length=36),
        "notes": F(Kind.TEXT, null=False, default=True),
        "organiser_id": F(Kind.TEXT, max_length=36),
        "cancelled": F(Kind.BOOL, null=False, default=True),
        "cancelled_at": F(Kind.DATETIME),
        "cancelled_by": F(Kind.TEXT, max_length=36),
        "cancellation_reason": F(Kind.TEXT, max_length=300),
    },
    "intake_session_counsellor": {
        "session_id": F(Kind.TEXT, max_length=36, null=False),
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "staff_id": F(Kind.TEXT, max_length=36, null=False),
        "role": enum(enums.IntakeRole, null=False),
    },
    "intake_validation": {
        "intake_id": F(Kind.TEXT, max_length=36, null=False),
        "staff_id": F(Kind.TEXT, max_length=36, null=False),
        "validated_at": F(Kind.DATETIME, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "joint_intake": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "host_organisation_id": F(Kind.TEXT, max_length=36),
        "referral_id": F(Kind.TEXT, max_length=36),
        "planned_at": F(Kind.DATETIME),
        "held_on": F(Kind.DATE),
        "state": enum(enums.IntakeState, null=False, default=True),
        "current_step": F(Kind.TEXT, max_length=40, null=False, default=True),
        "eligibility_overridden": F(Kind.BOOL, null=False, default=True),
        "eligibility_justification": F(Kind.TEXT),
        "youth_present": F(Kind.BOOL, null=False, default=True),
        "shared_diagnosis": F(Kind.TEXT, null=False, default=True),
        "diagnosis_agreed": F(Kind.BOOL, null=False, default=True),
        "next_appointment_at": F(Kind.DATETIME),
        "next_appointment_place": F(Kind.TEXT, max_length=200),
        "next_appointment_staff_id": F(Kind.TEXT, max_length=36),
        "validated_at": F(Kind.DATETIME),
        "cancel_reason": F(Kind.TEXT),
        "created_by": F(Kind.TEXT, max_length=36),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "organisation": {
        "code": F(Kind.TEXT, max_length=60, null=False),
        "territory_id": F(Kind.TEXT, max_length=36),
        "parent_id": F(Kind.TEXT, max_length=36),
        "kind": enum(enums.OrgKind, null=False),
        "partner_kind": enum(enums.PartnerKind),
        "name": F(Kind.TEXT, max_length=200, null=False),
        "short_name": F(Kind.TEXT, max_length=80),
        "address": F(Kind.TEXT, max_length=200),
        "postcode": F(Kind.TEXT, max_length=10),
        "town": F(Kind.TEXT, max_length=120),
        "phone": F(Kind.TEXT, max_length=30),
        "email": F(Kind.TEXT, max_length=200),
    },
    "outcome": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "intake_id": F(Kind.TEXT, max_length=36),
        "milestone": enum(enums.OutcomeMilestone, null=False),
        "due_on": F(Kind.DATE, null=False),
        "recorded_on": F(Kind.DATE),
        "situation": enum(enums.OutcomeSituation),
        "note": F(Kind.TEXT, null=False, default=True),
        "recorded_by": F(Kind.TEXT, max_length=36),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "programme_setting": {
        "key": F(Kind.TEXT, max_length=80, null=False),
        "scope": F(Kind.TEXT, max_length=36, null=False, default=True),
        "value": F(Kind.TEXT, null=False),
    },
    "proposed_solution": {
        "intake_id": F(Kind.TEXT, max_length=36),
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "offer_id": F(Kind.TEXT, max_length=36),
        "free_text": F(Kind.TEXT),
        "category": enum(enums.OfferCategory, null=False),
        "youth_answer": enum(enums.YouthAnswer, null=False, default=True),
        "planned_start": F(Kind.DATE),
        "status": enum(enums.SolutionStatus, null=False, default=True),
        "started_on": F(Kind.DATE),
        "ended_on": F(Kind.DATE),
        "notes": F(Kind.TEXT, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "referent_assignment": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "staff_id": F(Kind.TEXT, max_length=36, null=False),
        "intake_id": F(Kind.TEXT, max_length=36),
        "started_on": F(Kind.DATE, null=False),
        "ended_on": F(Kind.DATE),
        "reason": F(Kind.TEXT),
        "cap_override_reason": F(Kind.TEXT),
        "designated_by": F(Kind.TEXT, max_length=36),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "referral": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "source": enum(enums.ReferralSource, null=False),
        "referred_on": F(Kind.DATE, null=False),
        "referrer_name": F(Kind.TEXT, max_length=160),
        "referrer_structure": F(Kind.TEXT, max_length=200),
        "organisation_id": F(Kind.TEXT, max_length=36),
        "notes": F(Kind.TEXT, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "service_offer": {
        "code": F(Kind.TEXT, max_length=80, null=False),
        "title": F(Kind.TEXT, max_length=200, null=False),
        "description": F(Kind.TEXT, null=False, default=True),
        "category": enum(enums.OfferCategory, null=False),
        "provider_id": F(Kind.TEXT, max_length=36),
        "territory_id": F(Kind.TEXT, max_length=36),
        "min_age": F(Kind.INT, null=False, default=True),
        "max_age": F(Kind.INT),
        "newly_arrived_only": F(Kind.BOOL, null=False, default=True),
        "active": F(Kind.BOOL, null=False, default=True),
    },
    "staff": {
        "organisation_id": F(Kind.TEXT, max_length=36, null=False),
        "first_name": F(Kind.TEXT, max_length=80, null=False),
        "last_name": F(Kind.TEXT, max_length=80, null=False),
        "email": F(Kind.TEXT, max_length=200),
        "phone": F(Kind.TEXT, max_length=30),
        "caseload_cap": F(Kind.INT, null=False, default=True),
        "active": F(Kind.BOOL, null=False, default=True),
    },
    "staff_role": {
        "staff_id": F(Kind.TEXT, max_length=36, null=False),
        "role": enum(enums.StaffRole, null=False),
    },
    "territory": {
        "code": F(Kind.TEXT, max_length=40, null=False),
        "name": F(Kind.TEXT, max_length=120, null=False),
        "kind": enum(enums.TerritoryKind, null=False),
        "priority_area": F(Kind.BOOL, null=False, default=True),
        "department": F(Kind.TEXT, max_length=3),
    },
    "territory_required_role": {
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "role": enum(enums.IntakeRole, null=False),
        "title": F(Kind.TEXT, max_length=200),
    },
    "training_obligation": {
        "youth_id": F(Kind.TEXT, max_length=36, null=False),
        "situation": enum(training_obligation.ObligationSituation, null=False),
        "since": F(Kind.DATE, null=False),
        "recorded_by": F(Kind.TEXT, max_length=36),
        "recorded_at": F(Kind.DATETIME, null=False, default=True),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
    "youth": {
        "territory_id": F(Kind.TEXT, max_length=36, null=False),
        "first_name": F(Kind.TEXT, max_length=80, null=False),
        "last_name": F(Kind.TEXT, max_length=80, null=False),
        "first_name_key": F(Kind.TEXT, max_length=80, null=False, default=True),
        "last_name_key": F(Kind.TEXT, max_length=80, null=False, default=True),
        "birth_date": F(Kind.DATE, null=False),
        "sex": enum(enums.Sex),
        "phone": F(Kind.TEXT, max_length=30),
        "email": F(Kind.TEXT, max_length=200),
        "address": F(Kind.TEXT, max_length=200),
        "postcode": F(Kind.TEXT, max_length=10),
        "town": F(Kind.TEXT, max_length=120),
        "town_key": F(Kind.TEXT, max_length=120, null=False, default=True),
        "lives_in_priority_area": F(Kind.BOOL, null=False, default=True),
        "newly_arrived": F(Kind.BOOL, null=False, default=True),
        "left_school_on": F(Kind.DATE),
        "last_class": F(Kind.TEXT, max_length=120),
        "has_qualification": F(Kind.BOOL),
        "followed_by_structure": F(Kind.BOOL),
        "status": enum(enums.YouthStatus, null=False, default=True),
        "created_at": F(Kind.DATETIME, null=False, default=True),
        "ine": F(Kind.TEXT, max_length=11),
        "contact_opt_out": F(Kind.BOOL, null=False, default=True),
        "contact_opt_out_at": F(Kind.DATETIME),
        "contact_opt_out_by": F(Kind.TEXT, max_length=36),
        "contact_staff_id": F(Kind.TEXT, max_length=36),
        "case_id": F(Kind.TEXT, max_length=36, null=False),
    },
}
