"""The local store's tables, typed SQLAlchemy 2 models (DESIGN §3).

Every synced entity inherits :class:`Synced` (reference data) or :class:`CaseScoped` (a youth's file).
Lists — participants, notes, solutions, follow-ups — are child rows with their own ids, so that two
devices adding to the same list never conflict.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum as PyEnum

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, validates

from pac_desktop.domain import enums as e
from pac_desktop.domain.consent import ConsentState
from pac_desktop.domain.data_rights import RightsRequestKind
from pac_desktop.domain.intake_sessions import InvitationStatus
from pac_desktop.domain.reperage import ContactChannel, ContactOutcome
from pac_desktop.domain.text import normalise
from pac_desktop.domain.training_obligation import ObligationSituation

from .base import Base, CaseScoped, CompactId, Synced, UTCDateTime, new_id, utcnow


def enum_type(enum_cls: type[PyEnum]) -> Enum:
    """Store an enum by its stable value, as text (no native enum types: SQLite has none)."""
    return Enum(
        enum_cls,
        values_callable=lambda cls: [member.value for member in cls],
        native_enum=False,
        create_constraint=False,
        length=40,
        validate_strings=True,
    )


def fk(target: str, *, nullable: bool = False, index: bool = True) -> Mapped:
    """A reference to another row, indexed unless ``index=False``.

    Index a reference that is searched by, or whose target rows are deleted here (a case's rows, purged or
    evicted: SQLite looks up the referencing rows of each). References to staff, organisations and offers that no
    query searches by carry no index (``index=False``, migration 0020: issue 16, store size): those rows are
    never deleted on a device, and the feed applies them with foreign keys off.
    """
    return mapped_column(CompactId, ForeignKey(target), nullable=nullable, index=index)


# --------------------------------------------------------------------------------------------------
# Reference data: pulled from the server, seeded from resources/reference by `pac init`.
# --------------------------------------------------------------------------------------------------


class Territory(Synced, Base):
    __tablename__ = "territory"
    __sync_entity__ = "territory"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[e.TerritoryKind] = mapped_column(enum_type(e.TerritoryKind))
    priority_area: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[str | None] = mapped_column(String(3))


class TerritoryRequiredRole(Synced, Base):
    """One role of the territory's required intake team (Tarbes has four)."""

    __tablename__ = "territory_required_role"
    __sync_entity__ = "territory_required_role"
    __table_args__ = (UniqueConstraint("territory_id", "role"),)

    territory_id: Mapped[str] = fk("territory.id", index=False)  # the unique constraint's index leads with it
    role: Mapped[e.IntakeRole] = mapped_column(enum_type(e.IntakeRole))
    #: The role's name in this territory, from resources/reference/job_titles.json (issue 18 §7); None on rows
    #: published before it existed (the programme's default name is shown then).
    title: Mapped[str | None] = mapped_column(String(200), nullable=True)


class Organisation(Synced, Base):
    __tablename__ = "organisation"
    __sync_entity__ = "organisation"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    territory_id: Mapped[str | None] = fk("territory.id", nullable=True)
    parent_id: Mapped[str | None] = fk("organisation.id", nullable=True)
    kind: Mapped[e.OrgKind] = mapped_column(enum_type(e.OrgKind))
    partner_kind: Mapped[e.PartnerKind | None] = mapped_column(enum_type(e.PartnerKind), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))


class Staff(Synced, Base):
    __tablename__ = "staff"
    __sync_entity__ = "staff"

    organisation_id: Mapped[str] = fk("organisation.id")
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    #: The referent caseload cap (DESIGN §3), settable per person by an administrator.
    caseload_cap: Mapped[int] = mapped_column(Integer, default=50)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StaffRoleGrant(Synced, Base):
    """One application role held by a staff member (a person may hold several)."""

    __tablename__ = "staff_role"
    __sync_entity__ = "staff_role"
    __table_args__ = (UniqueConstraint("staff_id", "role"),)

    staff_id: Mapped[str] = fk("staff.id", index=False)  # the unique constraint's index leads with it
    role: Mapped[e.StaffRole] = mapped_column(enum_type(e.StaffRole))


class Credential(Synced, Base):
    """A staff member's login: the password is kept only as a salted scrypt hash."""

    __tablename__ = "credential"
    __sync_entity__ = "credential"

    staff_id: Mapped[str] = fk("staff.id")
    login: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))


class ServiceOffer(Synced, Base):
    """One entry of the partners' pooled catalogue of solutions."""

    __tablename__ = "service_offer"
    __sync_entity__ = "service_offer"

    code: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[e.OfferCategory] = mapped_column(enum_type(e.OfferCategory), index=True)
    provider_id: Mapped[str | None] = fk("organisation.id", nullable=True)
    #: NULL means the offer is open in every territory.
    territory_id: Mapped[str | None] = fk("territory.id", nullable=True)
    min_age: Mapped[int] = mapped_column(Integer, default=16)
    max_age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    newly_arrived_only: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --------------------------------------------------------------------------------------------------
# Case data: one youth's file. `case_id` is the youth's id on every row of the file.
# --------------------------------------------------------------------------------------------------


class Youth(CaseScoped, Base):
    __tablename__ = "youth"
    __sync_entity__ = "youth"
    __table_args__ = (
        Index("ix_youth_search", "last_name_key", "first_name_key"),
        Index("ix_youth_birth_date", "birth_date"),
        # The Repérage worklist (issue 18): a territory's youths still « repéré », by name, with everything its
        # filters read, so that counting and sorting 20,000 of them reads this index only (migration 0019).
        Index("ix_youth_worklist", "territory_id", "last_name_key", "first_name_key", "id", "contact_staff_id",
              "status", "deleted_at", sqlite_where=text("status = 'referred' AND deleted_at IS NULL")),
        # The Jeunes list of a territory by name (issue 16): a search matching thousands walks this index in the
        # list's order and tests the keys it holds, reading no youth row (migration 0027).
        Index("ix_youth_territory_name", "territory_id", "last_name_key", "first_name_key", "id", "town_key",
              "deleted_at"),
    )

    territory_id: Mapped[str] = fk("territory.id", index=False)  # ix_youth_territory_name leads with it
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    #: Accent- and case-free copies for search and duplicate detection (pac_desktop.domain.text.normalise).
    first_name_key: Mapped[str] = mapped_column(String(80), default="", index=True)
    last_name_key: Mapped[str] = mapped_column(String(80), default="")
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[e.Sex | None] = mapped_column(enum_type(e.Sex), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(120))
    town_key: Mapped[str] = mapped_column(String(120), default="")
    lives_in_priority_area: Mapped[bool] = mapped_column(Boolean, default=False)
    newly_arrived: Mapped[bool] = mapped_column(Boolean, default=False)
    left_school_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_class: Mapped[str | None] = mapped_column(String(120))
    has_qualification: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    followed_by_structure: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    status: Mapped[e.YouthStatus] = mapped_column(enum_type(e.YouthStatus), default=e.YouthStatus.REFERRED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The national student number (INE) when a dropout list gave it: the surest way to know the youth again.
    ine: Mapped[str | None] = mapped_column(String(11), nullable=True, index=True)
    #: The youth (or their guardian) refused messages: no SMS, no e-mail, no reminder is sent (issue 18).
    contact_opt_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: When and by whom the refusal (or the consent again) was last recorded (migration 0021); None before it.
    contact_opt_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    contact_opt_out_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    #: Who is in charge of contacting the youth while they are on the repérage worklist.
    contact_staff_id: Mapped[str | None] = fk("staff.id", nullable=True)

    @validates("first_name", "last_name", "town")
    def _keep_search_keys(self, key: str, value: str | None) -> str | None:
        # The *_key columns follow their source on every write, on every device (they sync too).
        setattr(self, f"{key}_key", normalise(value or ""))
        return value


class ContactAttempt(CaseScoped, Base):
    """One try to reach a youth not yet met (repérage, issue 18): a call, an SMS, a letter, an e-mail, a home visit,
    a partner's help — or a reminder the application sent (``automatic``). The try that ends the repérage carries
    its ``outcome``; the latest try's ``next_action``/``next_action_due`` is what remains to do."""

    __tablename__ = "contact_attempt"
    __sync_entity__ = "contact_attempt"
    __table_args__ = (Index("ix_contact_attempt_youth_at", "youth_id", "attempted_at"),)

    youth_id: Mapped[str] = fk("youth.id", index=False)  # ix_contact_attempt_youth_at leads with it
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    channel: Mapped[ContactChannel] = mapped_column(enum_type(ContactChannel))
    #: Who tried (for a reminder: who planned the appointment it reminds of).
    staff_id: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    #: The partner who passed the word on, for a contact made through a partner.
    partner_organisation_id: Mapped[str | None] = fk("organisation.id", nullable=True, index=False)
    #: True: the youth was reached; False: not (no answer, wrong number, letter returned); None: not known (sent).
    reached: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    #: What the youth (or whoever answered) said, or what was sent.
    answer: Mapped[str] = mapped_column(Text, default="")
    next_action: Mapped[str | None] = mapped_column(String(200), nullable=True)
    next_action_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[ContactOutcome | None] = mapped_column(enum_type(ContactOutcome), nullable=True)
    #: The appointment this try invited the youth to or reminded them of (an intake, a session's slot), if any.
    appointment_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    #: Sent by the application (a reminder), not by a person.
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactSummary(Base):
    """Each youth's newest live contact attempt and their number of live attempts, for the Repérage worklist.

    Local and derived, never synced nor written by the application: SQLite triggers on ``contact_attempt``
    (migration 0019, :data:`pac_desktop.storage.contact_summary.TRIGGERS`) rewrite a youth's row whenever one of
    their attempts is added, changed, tombstoned or deleted — by a counsellor, a reminder or a sync pull alike.
    The worklist then sorts and filters 20,000 youths by their newest try with one primary-key probe each.
    A migration that copies ``contact_attempt`` (a batch ALTER) drops the triggers: it must create them again.
    """

    __tablename__ = "contact_summary"
    __table_args__ = {"sqlite_with_rowid": False}

    youth_id: Mapped[str] = mapped_column(CompactId, primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    attempt_id: Mapped[str] = mapped_column(CompactId)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[ContactChannel] = mapped_column(enum_type(ContactChannel))
    reached: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    next_action: Mapped[str | None] = mapped_column(String(200), nullable=True)
    next_action_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[ContactOutcome | None] = mapped_column(enum_type(ContactOutcome), nullable=True)


class Guardian(CaseScoped, Base):
    """A legal guardian of a minor (consent, contact)."""

    __tablename__ = "guardian"
    __sync_entity__ = "guardian"

    youth_id: Mapped[str] = fk("youth.id")
    full_name: Mapped[str] = mapped_column(String(160))
    relationship: Mapped[str | None] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))


class Referral(CaseScoped, Base):
    """Repérage: who sent the youth, and when."""

    __tablename__ = "referral"
    __sync_entity__ = "referral"

    youth_id: Mapped[str] = fk("youth.id")
    source: Mapped[e.ReferralSource] = mapped_column(enum_type(e.ReferralSource))
    referred_on: Mapped[date] = mapped_column(Date)
    referrer_name: Mapped[str | None] = mapped_column(String(160))
    referrer_structure: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[str | None] = fk("organisation.id", nullable=True, index=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class JointIntake(CaseScoped, Base):
    """The accueil commun: one two-stage interview of a youth by the territory's team."""

    __tablename__ = "joint_intake"
    __sync_entity__ = "joint_intake"
    __merge_groups__ = (("next_appointment_at", "next_appointment_place", "next_appointment_staff_id"),)
    # The intakes of a territory in a state, counted or listed without reading a row (the « Accueils » badge, the
    # home page's lists: 0026); it serves every lookup by state too.
    __table_args__ = (Index("ix_joint_intake_open", "state", "territory_id", "deleted_at"),)

    youth_id: Mapped[str] = fk("youth.id")
    territory_id: Mapped[str] = fk("territory.id")
    host_organisation_id: Mapped[str | None] = fk("organisation.id", nullable=True, index=False)
    referral_id: Mapped[str | None] = fk("referral.id", nullable=True)
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    state: Mapped[e.IntakeState] = mapped_column(enum_type(e.IntakeState), default=e.IntakeState.PLANNED)
    #: The wizard step the counsellors left it at, so "Accueils en cours" resumes there.
    current_step: Mapped[str] = mapped_column(String(40), default="youth")
    eligibility_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    eligibility_justification: Mapped[str | None] = mapped_column(Text, nullable=True)
    youth_present: Mapped[bool] = mapped_column(Boolean, default=True)
    shared_diagnosis: Mapped[str] = mapped_column(Text, default="")
    diagnosis_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    next_appointment_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    next_appointment_place: Mapped[str | None] = mapped_column(String(200))
    next_appointment_staff_id: Mapped[str | None] = fk("staff.id", nullable=True)
    validated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[str | None] = fk("staff.id", nullable=True)


class IntakeParticipant(CaseScoped, Base):
    """Someone at the intake: a counsellor in a role, the youth, or a family member."""

    __tablename__ = "intake_participant"
    __sync_entity__ = "intake_participant"

    intake_id: Mapped[str] = fk("joint_intake.id")
    kind: Mapped[e.ParticipantKind] = mapped_column(enum_type(e.ParticipantKind))
    role: Mapped[e.IntakeRole | None] = mapped_column(enum_type(e.IntakeRole), nullable=True)
    staff_id: Mapped[str | None] = fk("staff.id", nullable=True)
    full_name: Mapped[str | None] = mapped_column(String(160))  # family members
    relationship: Mapped[str | None] = mapped_column(String(80))
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    absence_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: Display order and the speaker chip's colour index in stage 1.
    position: Mapped[int] = mapped_column(Integer, default=0)


class AnalysisNote(CaseScoped, Base):
    """A contribution to one section of stage 1, attributed to the counsellor who gave it."""

    __tablename__ = "analysis_note"
    __sync_entity__ = "analysis_note"

    intake_id: Mapped[str] = fk("joint_intake.id")
    section: Mapped[e.AnalysisSection] = mapped_column(enum_type(e.AnalysisSection))
    author_staff_id: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    text: Mapped[str] = mapped_column(Text, default="")
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntakeBarrier(CaseScoped, Base):
    """One ticked barrier of the stage 1 checklist.

    Unticking tombstones the row and ticking again adds a new one, so (intake_id, barrier) is not unique
    (migration 0004): the service keeps one live row per barrier, and readers take the set of live rows.
    """

    __tablename__ = "intake_barrier"
    __sync_entity__ = "intake_barrier"

    intake_id: Mapped[str] = fk("joint_intake.id")
    barrier: Mapped[e.Barrier] = mapped_column(enum_type(e.Barrier))


class ProposedSolution(CaseScoped, Base):
    """A solution proposed at stage 2 — from the catalogue or written freely — and how it went."""

    __tablename__ = "proposed_solution"
    __sync_entity__ = "proposed_solution"

    intake_id: Mapped[str | None] = fk("joint_intake.id", nullable=True)
    youth_id: Mapped[str] = fk("youth.id")
    offer_id: Mapped[str | None] = fk("service_offer.id", nullable=True, index=False)
    free_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    category: Mapped[e.OfferCategory] = mapped_column(enum_type(e.OfferCategory))
    youth_answer: Mapped[e.YouthAnswer] = mapped_column(enum_type(e.YouthAnswer), default=e.YouthAnswer.THINKING)
    planned_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[e.SolutionStatus] = mapped_column(enum_type(e.SolutionStatus), default=e.SolutionStatus.PROPOSED)
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class IntakeConsent(CaseScoped, Base):
    """Agreement to share the file between the partners: the youth's, and a guardian's for a minor.

    Its state (issue 13, pac_desktop.domain.consent): given, refused or withdrawn — no record: not yet asked.
    ``given`` follows the state (True only when given), for the records and readers from before the states.
    """

    __tablename__ = "consent"
    __sync_entity__ = "consent"

    youth_id: Mapped[str] = fk("youth.id")
    intake_id: Mapped[str | None] = fk("joint_intake.id", nullable=True)
    kind: Mapped[e.ConsentKind] = mapped_column(enum_type(e.ConsentKind))
    given: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[ConsentState] = mapped_column(enum_type(ConsentState), default=ConsentState.GIVEN,
                                                server_default=ConsentState.GIVEN.value)
    #: The day of the answer (given or refused), or of the withdrawal.
    given_on: Mapped[date] = mapped_column(Date)
    #: Who asked the youth (or the guardian); ``recorded_by`` and ``recorded_at``: who typed it, and when.
    collected_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    recorded_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    guardian_name: Mapped[str | None] = mapped_column(String(160))
    #: The guardian's link to the youth ("mère", "tuteur"…).
    guardian_relationship: Mapped[str | None] = mapped_column(String(80), nullable=True)
    #: Why the consent was refused or withdrawn, when the youth said.
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: The device the record was made on (this one's id, or the server's name for a device): the withdrawals
    #: recorded on this computer keep their content here (pac_desktop.sync.consent_hold). The only table that
    #: keeps it (migration 0024).
    origin_device: Mapped[str | None] = mapped_column(CompactId, nullable=True)

    @validates("state")
    def _keep_given(self, _key: str, value: ConsentState | str) -> ConsentState | str:
        self.given = ConsentState(value) is ConsentState.GIVEN
        return value


class IntakeValidation(CaseScoped, Base):
    """One counsellor present confirming the intake; all of them together lock it."""

    __tablename__ = "intake_validation"
    __sync_entity__ = "intake_validation"
    __table_args__ = (UniqueConstraint("intake_id", "staff_id"),)

    intake_id: Mapped[str] = fk("joint_intake.id", index=False)  # the unique constraint's index leads with it
    staff_id: Mapped[str] = fk("staff.id", index=False)
    validated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntakeAmendment(CaseScoped, Base):
    """A correction made after validation: the original stays, the amendment says what changed and why."""

    __tablename__ = "intake_amendment"
    __sync_entity__ = "intake_amendment"

    intake_id: Mapped[str] = fk("joint_intake.id")
    field: Mapped[str] = mapped_column(String(80))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    amended_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    amended_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReferentAssignment(CaseScoped, Base):
    """The single referent of a youth for a period; a change closes one assignment and opens another."""

    __tablename__ = "referent_assignment"
    __sync_entity__ = "referent_assignment"
    __table_args__ = (Index("ix_referent_assignment_current", "staff_id", "ended_on"),)

    youth_id: Mapped[str] = fk("youth.id")
    staff_id: Mapped[str] = fk("staff.id", index=False)  # ix_referent_assignment_current leads with it
    intake_id: Mapped[str | None] = fk("joint_intake.id", nullable=True)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text)
    cap_override_reason: Mapped[str | None] = mapped_column(Text)
    designated_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)


class FollowUpEvent(CaseScoped, Base):
    """One entry of the follow-up diary: interview, call, message, home visit, absence, partner mobilisation."""

    __tablename__ = "follow_up_event"
    __sync_entity__ = "follow_up_event"
    __table_args__ = (Index("ix_follow_up_youth_date", "youth_id", "occurred_on"),)

    youth_id: Mapped[str] = fk("youth.id", index=False)  # ix_follow_up_youth_date leads with it
    kind: Mapped[e.FollowUpKind] = mapped_column(enum_type(e.FollowUpKind))
    occurred_on: Mapped[date] = mapped_column(Date)
    staff_id: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    partner_organisation_id: Mapped[str | None] = fk("organisation.id", nullable=True, index=False)
    note: Mapped[str] = mapped_column(Text, default="")


class Outcome(CaseScoped, Base):
    """Where the youth stands at 3, 6, 12 months after the intake, and at exit."""

    __tablename__ = "outcome"
    __sync_entity__ = "outcome"
    __table_args__ = (UniqueConstraint("youth_id", "milestone"), Index("ix_outcome_due", "recorded_on", "due_on"))

    youth_id: Mapped[str] = fk("youth.id", index=False)  # the unique constraint's index leads with it
    intake_id: Mapped[str | None] = fk("joint_intake.id", nullable=True)
    milestone: Mapped[e.OutcomeMilestone] = mapped_column(enum_type(e.OutcomeMilestone))
    due_on: Mapped[date] = mapped_column(Date)
    recorded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    situation: Mapped[e.OutcomeSituation | None] = mapped_column(enum_type(e.OutcomeSituation), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)


class CaseReview(Synced, Base):
    """A réunion de synthèse / étude de cas: the referent and partners about one or more youths."""

    __tablename__ = "case_review"
    __sync_entity__ = "case_review"

    territory_id: Mapped[str] = fk("territory.id")
    planned_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organiser_id: Mapped[str | None] = fk("staff.id", nullable=True)
    held: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseReviewParticipant(Synced, Base):
    __tablename__ = "case_review_participant"
    __sync_entity__ = "case_review_participant"

    review_id: Mapped[str] = fk("case_review.id")
    staff_id: Mapped[str | None] = fk("staff.id", nullable=True)
    organisation_id: Mapped[str | None] = fk("organisation.id", nullable=True)
    full_name: Mapped[str | None] = mapped_column(String(160))


class CaseReviewYouth(CaseScoped, Base):
    """A youth discussed at a case review, with the decision taken for them."""

    __tablename__ = "case_review_youth"
    __sync_entity__ = "case_review_youth"
    __table_args__ = (UniqueConstraint("review_id", "youth_id"),)

    review_id: Mapped[str] = fk("case_review.id", index=False)  # the unique constraint's index leads with it
    youth_id: Mapped[str] = fk("youth.id")
    decision: Mapped[str] = mapped_column(Text, default="")


class CommitteeMeeting(Synced, Base):
    """A session of the comité technique local of a territory."""

    __tablename__ = "committee_meeting"
    __sync_entity__ = "committee_meeting"

    territory_id: Mapped[str] = fk("territory.id")
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    period_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class IntakeSession(Synced, Base):
    """A joint-intake session (issue 18): the territory's team receives several youths in a row, one per slot."""

    __tablename__ = "intake_session"
    __sync_entity__ = "intake_session"

    territory_id: Mapped[str] = fk("territory.id")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    slot_count: Mapped[int] = mapped_column(Integer, default=4)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=90)
    #: Where the youths are expected (printed on the convocation as typed: room, address).
    place: Mapped[str] = mapped_column(String(200))
    #: The organisation that hosts the session (its address and phone go on the letters).
    host_organisation_id: Mapped[str | None] = fk("organisation.id", nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    organiser_id: Mapped[str | None] = fk("staff.id", nullable=True)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: When and by whom the session was cancelled, and why (said to the youths, printed on their letters).
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancelled_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    cancellation_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)


class IntakeSessionCounsellor(Synced, Base):
    """A counsellor of the team at a session, in one role. Carries the session's territory (its scope)."""

    __tablename__ = "intake_session_counsellor"
    __sync_entity__ = "intake_session_counsellor"

    session_id: Mapped[str] = fk("intake_session.id")
    territory_id: Mapped[str] = fk("territory.id", index=False)
    staff_id: Mapped[str] = fk("staff.id", index=False)
    role: Mapped[e.IntakeRole] = mapped_column(enum_type(e.IntakeRole))


class IntakeInvitation(CaseScoped, Base):
    """A youth invited into a slot of a session: a row of the youth's file (repérage minimum, not content)."""

    __tablename__ = "intake_invitation"
    __sync_entity__ = "intake_invitation"
    __table_args__ = (Index("ix_intake_invitation_session_slot", "session_id", "slot_index"),)

    session_id: Mapped[str] = fk("intake_session.id", index=False)  # the session/slot index leads with it
    youth_id: Mapped[str] = fk("youth.id")
    slot_index: Mapped[int] = mapped_column(Integer)
    status: Mapped[InvitationStatus] = mapped_column(enum_type(InvitationStatus), default=InvitationStatus.INVITED)
    invited_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The joint intake the slot opened as, on the day.
    intake_id: Mapped[str | None] = fk("joint_intake.id", nullable=True, index=False)
    #: Cancelled with its session (the youths the session's cancellation letters are for), not withdrawn before.
    cancelled_with_session: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class EvaluationAssignment(CaseScoped, Base):
    """The randomised evaluation's draw for one youth: programme or control group, locked once drawn."""

    __tablename__ = "evaluation_assignment"
    __sync_entity__ = "evaluation_assignment"
    __table_args__ = (UniqueConstraint("youth_id"),)

    youth_id: Mapped[str] = fk("youth.id", index=False)  # the unique constraint's index is on it (migration 0024)
    arm: Mapped[e.EvaluationArm] = mapped_column(enum_type(e.EvaluationArm))
    stratum: Mapped[str] = mapped_column(String(80))
    block_number: Mapped[int] = mapped_column(Integer)
    #: The slot of the block this draw used (0-based): with the seed, the server regenerates the arm (issue 7).
    block_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    drawn_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)


class AuditEvent(Synced, Base):
    """Append-only trail of views, prints, exports, logins and denials. Never updated, never deleted."""

    __tablename__ = "audit_event"
    __sync_entity__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)

    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    staff_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str | None] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(CompactId)
    #: The case concerned, if any: lets the server scope the event like the case (never a name or a note).
    youth_id: Mapped[str | None] = mapped_column(CompactId, nullable=True, index=True)
    territory_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class IdentityChange(CaseScoped, Base):
    """One change of a youth's identity or contact details (or a guardian's): who, when, old value → new value."""

    __tablename__ = "identity_change"
    __sync_entity__ = "identity_change"

    youth_id: Mapped[str] = fk("youth.id")
    #: The row changed: "youth" or "guardian", and its id.
    entity: Mapped[str] = mapped_column(String(40), default="youth")
    row_id: Mapped[str] = mapped_column(CompactId)
    field: Mapped[str] = mapped_column(String(80))
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# Search as you type on the town (issue 4). The name and town expression indexes on each word and on the key
# without its spaces ("luc" finds "Jean-Luc", "ndiaye" « N'Diaye ») live in migrations 0003 and 0009 only
# (storage/youth_search.py): SQLite's reflection skips expression indexes.
Index("ix_youth_town_key", Youth.town_key)


class DataRightsRequest(CaseScoped, Base):
    """A request of the youth (or their guardian) about their data: access, correction or objection (issue 7)."""

    __tablename__ = "data_rights_request"
    __sync_entity__ = "data_rights_request"

    youth_id: Mapped[str] = fk("youth.id")
    kind: Mapped[RightsRequestKind] = mapped_column(enum_type(RightsRequestKind))
    received_on: Mapped[date] = mapped_column(Date)
    #: What the person asks, in their words or as summarised with them.
    text: Mapped[str] = mapped_column(Text, default="")
    #: What was done about it (the correction made, the answer given).
    response: Mapped[str] = mapped_column(Text, default="")
    handled_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    handled_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class TrainingObligation(CaseScoped, Base):
    """A minor's situation with respect to the training obligation (16–18), as a counsellor recorded it.

    Append-only: each record is a new row (who, when, which situation since which day); the youth's situation is
    the newest row. Part of the repérage minimum (it syncs before any consent, like the referral): the Mission
    Locale follows up the minors without solution whatever the intake became. No free text on purpose."""

    __tablename__ = "training_obligation"
    __sync_entity__ = "training_obligation"
    __table_args__ = (Index("ix_training_obligation_youth", "youth_id", "recorded_at"),)

    youth_id: Mapped[str] = fk("youth.id", index=False)  # ix_training_obligation_youth leads with it
    situation: Mapped[ObligationSituation] = mapped_column(enum_type(ObligationSituation))
    since: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str | None] = fk("staff.id", nullable=True, index=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProgrammeSetting(Synced, Base):
    """A setting an administrator chooses for the whole programme ("") or for one territory (its id).

    Synced, so every device applies the same retention period, lock delay, evaluation switch (issue 7).
    Keys, types and defaults are declared once in pac_desktop.services.programme_settings.
    """

    __tablename__ = "programme_setting"
    __sync_entity__ = "programme_setting"
    __table_args__ = (UniqueConstraint("key", "scope"),)

    key: Mapped[str] = mapped_column(String(80))
    #: "" for the whole programme, else a territory id.
    scope: Mapped[str] = mapped_column(CompactId, default="")
    value: Mapped[str] = mapped_column(Text)


# --------------------------------------------------------------------------------------------------
# Local only: the sync machinery and this device's settings. Never in the outbox.
# --------------------------------------------------------------------------------------------------


class OutboxEntry(Base):
    """One local change waiting to be pushed (SYNC.md §2)."""

    __tablename__ = "outbox"

    ord: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(CompactId, unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(CompactId, index=True)
    case_id: Mapped[str | None] = mapped_column(CompactId)
    op: Mapped[str] = mapped_column(String(10))  # create | update | delete | resolve
    fields: Mapped[str] = mapped_column(Text)  # JSON: new values
    base: Mapped[str] = mapped_column(Text)  # JSON: the values the user saw
    base_version: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int] = mapped_column(Integer)
    conflict_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    #: Who made this change (the staff member signed in): the server checks their role (issue 7 §3).
    made_by: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    #: The author's signature of the change (issue 12): the id of their key and the base64 Ed25519 signature of
    #: pac_desktop.domain.authorship.signed_payload. NULL when the author's key was not held (not signed in).
    key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signature: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class SyncState(Base):
    """This device's position in the server's feed (one row)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    epoch: Mapped[str | None] = mapped_column(CompactId)
    last_ok_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class StaffPin(Base):
    """A staff member's validation PIN on this computer (issue 13): a short code typed on the shared screen to
    validate an intake instead of their password. Local, never synced: a hash of 4 to 6 digits is guessed offline
    in minutes whatever the hash, so it stays where its wrong attempts are counted (and locked after
    pac_desktop.security.passwords.PIN_MAX_ATTEMPTS). Hashed like passwords; never stored in clear."""

    __tablename__ = "staff_pin"

    staff_id: Mapped[str] = mapped_column(CompactId, primary_key=True)
    #: None: the PIN was offered at the first sign-in here and declined (« Plus tard »); nothing to check.
    pin_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Set after too many wrong PINs: only the password validates until a new PIN is chosen.
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    set_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ReminderFailure(Base):
    """An automatic reminder that could not be sent from this computer (issue 18): kept for the administrator
    (Administration › Messagerie) until the reminder goes, or is no longer due. Local, never synced: the
    messaging settings it failed with are this computer's. One row per appointment and channel; the message is the
    French reason (:class:`~pac_desktop.messaging.SendFailed`), which names a server, never the youth."""

    __tablename__ = "reminder_failure"
    __table_args__ = (UniqueConstraint("appointment_id", "channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: A session's invitation or an intake (its next appointment).
    appointment_id: Mapped[str] = mapped_column(CompactId)
    channel: Mapped[str] = mapped_column(String(10))
    #: Whose reminder (no foreign key: a purged file takes its failures with it, see services.retention).
    youth_id: Mapped[str] = mapped_column(CompactId, index=True)
    territory_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    tries: Mapped[int] = mapped_column(Integer, default=1)
    message: Mapped[str] = mapped_column(Text)


class LocalSetting(Base):
    """Device settings (never secrets: those live in the OS keyring)."""

    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class EvaluationSlot(Base):
    """One slot of an allocation block the server reserved for this device (issue 7). Local, never synced.

    Sealed (issue 13): the arm is not stored, only ``seal`` (pac_desktop.domain.evaluation.seal_arm), which opens
    with a key kept in the OS keyring, never in this file. A draw opens the next unused slot of the youth's
    stratum, in (block, position) order, and marks it used in the same transaction.
    """

    __tablename__ = "evaluation_slot"
    __table_args__ = (UniqueConstraint("stratum", "block_number", "position"),)

    ord: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stratum: Mapped[str] = mapped_column(String(80))
    block_number: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    seal: Mapped[str] = mapped_column(String(96))
    reserved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_by_youth_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)


class SyncConflict(Base):
    """A conflict the server kept (SYNC.md §3): the base, this device's value, the other one, until resolved.

    Filled from push answers and from the server's feed (every device of the territory sees it); a resolution
    made here is pushed like any edit (an outbox entry with op "resolve").
    """

    __tablename__ = "sync_conflict"

    conflict_id: Mapped[str] = mapped_column(CompactId, primary_key=True)
    entity: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(CompactId, index=True)
    case_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: JSON list of {field, base, mine, theirs}; "mine" is the value of the device whose push clashed.
    fields: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    mutation_id: Mapped[str] = mapped_column(CompactId)
    device_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    mine_by: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    mine_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    theirs_by: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    theirs_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    theirs_device: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    previous_conflict_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The server's version of the conflict record (a newer one replaces it when pulled).
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: Resolved on this device; the resolution waits in the outbox.
    resolved_here: Mapped[bool] = mapped_column(Boolean, default=False)


class DeadLetter(Base):
    """A change the server refused for good (or that left this device's territories): parked, visible, kept."""

    __tablename__ = "dead_letter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(CompactId, unique=True)
    entity: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(CompactId)
    case_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    op: Mapped[str] = mapped_column(String(10))
    fields: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int] = mapped_column(Integer)
    conflict_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    #: The author and signature the change travelled with (issue 12): sent again as it was.
    made_by: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signature: Mapped[str | None] = mapped_column(String(120), nullable=True)
    reason: Mapped[str] = mapped_column(Text)  # a reason code, or the server's French sentence (roles)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    parked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class QuarantinedRow(Base):
    """A row pulled from the server that this device could not store (a value that does not fit its column, a
    constraint refused): set aside with its reason instead of stopping the whole page (issue 12). A later
    version of the row that fits replaces it, and the entry goes."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (UniqueConstraint("entity", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(CompactId)
    case_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    #: Why, in French; names the field, never its value.
    reason: Mapped[str] = mapped_column(Text)
    #: The row as received (wire JSON), to apply again once a newer version of the application reads it.
    payload: Mapped[str] = mapped_column(Text)
    quarantined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AckedMutation(Base):
    """A change the server acknowledged, kept 30 days to be sent again if the server is restored from a backup."""

    __tablename__ = "acked_archive"

    mutation_id: Mapped[str] = mapped_column(CompactId, primary_key=True)
    #: The mutation as it was pushed (wire JSON).
    payload: Mapped[str] = mapped_column(Text)
    acked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class SyncDevice(Base):
    """This device's enrolment with a shared server (one row). The refresh token lives in the OS keyring only."""

    __tablename__ = "sync_device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(300))
    device_id: Mapped[str] = mapped_column(CompactId)
    device_name: Mapped[str] = mapped_column(String(120))
    organisation_id: Mapped[str | None] = mapped_column(CompactId, nullable=True)
    #: JSON list of the territory ids the server grants this device.
    territory_ids: Mapped[str] = mapped_column(Text, default="[]")
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Why syncing stopped until someone acts: "device_revoked" or "upgrade_required" (None: it runs).
    blocked_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    blocked_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


SYNCED_MODELS: tuple[type[Synced], ...] = tuple(
    mapper.class_ for mapper in Base.registry.mappers if issubclass(mapper.class_, Synced)
)
MODELS_BY_ENTITY: dict[str, type[Synced]] = {model.__sync_entity__: model for model in SYNCED_MODELS}

__all__ = [name for name in dir() if not name.startswith("_")] + ["new_id", "utcnow"]
