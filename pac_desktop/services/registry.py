"""All the services of one running application, built once by the composition root (app.py, cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pac_desktop.storage.store import OpenedStore

from .access import AccessGuard
from .audit import AuditService
from .casefile import CaseFileService
from .context import ServiceContext
from .convocations import ConvocationService
from .data_rights import DataRightsService
from .documents import DocumentsService
from .evaluation import EvaluationService
from .first_start import FirstStartService
from .home import HomeService
from .intake import IntakeService
from .intake_sessions import IntakeSessionService
from .messaging_settings import MessagingSettingsService
from .obligation import TrainingObligationService
from .programme_settings import ProgrammeSettingsService
from .reference import ReferenceService
from .regional import RegionalService
from .reminders import ReminderService
from .reperage import ContactService
from .retention import RetentionService
from .reviews import ReviewService
from .sessions import SessionService
from .staff import StaffService
from .stats import StatsService
from .sync import SyncService
from .todo import ToDoService
from .validation_pin import ValidationPinService
from .youths import YouthService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    reference: ReferenceService
    staff: StaffService
    home: HomeService
    stats: StatsService
    # Data protection (issue 7).
    guard: AccessGuard
    audit: AuditService
    programme_settings: ProgrammeSettingsService
    evaluation: EvaluationService
    retention: RetentionService
    data_rights: DataRightsService
    sessions: SessionService
    # Printed documents, committees and indicators (issue 6).
    documents: DocumentsService
    # Case files (issue 4).
    youths: YouthService
    casefile: CaseFileService
    reviews: ReviewService
    todo: ToDoService
    # The regional steering view (issue 18 §6).
    regional: RegionalService
    # The training obligation of minors (issue 18 §5).
    obligation: TrainingObligationService
    # The joint intake (issue 3).
    intake: IntakeService
    # Joint-intake sessions, convocations and reminders (issue 18).
    intake_sessions: IntakeSessionService
    convocations: ConvocationService
    messaging_settings: MessagingSettingsService
    reminders: ReminderService
    # Repérage: the tries to reach the youths not yet met (issue 18).
    contacts: ContactService
    # Sync with the shared server (issue 5).
    sync: SyncService
    # The first start of a real store: enrolment or the first administrator (issue 14).
    first_start: FirstStartService
    # Each staff member's validation PIN on this computer (issue 13).
    pins: ValidationPinService

    @classmethod
    def build(cls, store: OpenedStore, *, today: Callable[[], date] = date.today) -> Services:
        ctx = ServiceContext(store=store, today=today)
        guard = AccessGuard(ctx)
        programme_settings = ProgrammeSettingsService(ctx, guard)
        reference, staff, sync = ReferenceService(ctx), StaffService(ctx, guard), SyncService(ctx)
        documents = DocumentsService(ctx, guard=guard)
        intake = IntakeService(ctx, guard)
        intake_sessions = IntakeSessionService(ctx, guard, intake)
        messaging_settings = MessagingSettingsService(ctx, guard)
        services = cls(
            ctx=ctx,
            reference=reference,
            staff=staff,
            home=HomeService(ctx),
            stats=StatsService(ctx),
            guard=guard,
            audit=AuditService(ctx, guard),
            programme_settings=programme_settings,
            evaluation=EvaluationService(ctx, guard, programme_settings),
            retention=RetentionService(ctx, guard),
            data_rights=DataRightsService(ctx, guard),
            sessions=SessionService(ctx, StaffService(ctx), programme_settings),
            documents=documents,
            regional=RegionalService(ctx, guard, documents),
            youths=YouthService(ctx, guard),
            casefile=CaseFileService(ctx, guard),
            reviews=ReviewService(ctx, guard),
            todo=ToDoService(ctx, guard),
            obligation=TrainingObligationService(ctx, guard),
            intake=intake,
            intake_sessions=intake_sessions,
            convocations=ConvocationService(ctx, guard, intake_sessions),
            messaging_settings=messaging_settings,
            reminders=ReminderService(ctx, guard, messaging_settings),
            contacts=ContactService(ctx, guard),
            sync=sync,
            first_start=FirstStartService(ctx, staff=staff, reference=reference, sync=sync),
            pins=ValidationPinService(ctx),
        )
        # Issue 7: while the server is reachable, top up this device's reserve of evaluation draws.
        services.sync.after_cycle.append(services.evaluation.refill_after_sync)
        return services
