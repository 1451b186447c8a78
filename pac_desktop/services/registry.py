"""All the services of one running application, built once by the composition root (app.py, cli.py).

The services whose modules are many (documents, data rights, convocations, the regional view, the training
obligation) or bring SMTP (sync, first start, messaging) are built on first use: opening the store and showing the
login dialog import none of them (issue 16). The application asks for them behind the login dialog (``warm_up``),
while the password is typed. ReportLab and the HTTP client wait longer, for the first document and the first
request (``pac_desktop.reports``, ``sync.transport``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from pac_desktop.storage.store import OpenedStore

from .access import AccessGuard
from .audit import AuditService
from .casefile import CaseFileService
from .context import ServiceContext
from .evaluation import EvaluationService
from .home import HomeService
from .intake import IntakeService
from .intake_sessions import IntakeSessionService
from .programme_settings import ProgrammeSettingsService
from .reference import ReferenceService
from .reperage import ContactService, ImportService, WorklistService
from .retention import RetentionService
from .reviews import ReviewService
from .sessions import SessionService
from .staff import StaffService
from .stats import StatsService
from .todo import ToDoService
from .validation_pin import ValidationPinService
from .youths import YouthService

if TYPE_CHECKING:
    from .convocations import ConvocationService
    from .data_rights import DataRightsService
    from .documents import DocumentsService
    from .first_start import FirstStartService
    from .messaging_settings import MessagingSettingsService
    from .obligation import TrainingObligationService
    from .regional import RegionalService
    from .reminders import ReminderService
    from .sync import SyncService

#: One lock for every service built on first use (the sync service is built once, whichever thread asks first).
_LAZY_LOCK = threading.RLock()
_T = TypeVar("_T")


class _OnFirstUse(Generic[_T]):
    """A service of :class:`Services` built the first time it is asked for, by ``make(services)``."""

    def __init__(self, make: Callable[[Services], _T]) -> None:
        self._make = make

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, services: None, owner: type | None = None) -> _OnFirstUse[_T]: ...
    @overload
    def __get__(self, services: Services, owner: type | None = None) -> _T: ...
    def __get__(self, services: Services | None, owner: type | None = None) -> _T | _OnFirstUse[_T]:
        if services is None:
            return self
        built = services.__dict__.get(self._name)
        if built is None:
            with _LAZY_LOCK:
                built = services.__dict__.get(self._name)
                if built is None:
                    built = services.__dict__[self._name] = self._make(services)  # frozen: not through setattr
        return built


def _documents(services: Services) -> DocumentsService:
    from .documents import DocumentsService

    return DocumentsService(services.ctx, guard=services.guard)


def _data_rights(services: Services) -> DataRightsService:
    from .data_rights import DataRightsService

    return DataRightsService(services.ctx, services.guard)


def _regional(services: Services) -> RegionalService:
    from .regional import RegionalService

    return RegionalService(services.ctx, services.guard, services.documents, sync=lambda: services.sync)


def _obligation(services: Services) -> TrainingObligationService:
    from .obligation import TrainingObligationService

    return TrainingObligationService(services.ctx, services.guard)


def _convocations(services: Services) -> ConvocationService:
    from .convocations import ConvocationService

    return ConvocationService(services.ctx, services.guard, services.intake_sessions)


def _messaging_settings(services: Services) -> MessagingSettingsService:
    from .messaging_settings import MessagingSettingsService

    return MessagingSettingsService(services.ctx, services.guard)


def _reminders(services: Services) -> ReminderService:
    from .reminders import ReminderService

    return ReminderService(services.ctx, services.guard, services.messaging_settings)


def _sync(services: Services) -> SyncService:
    from .sync import SyncService

    sync = SyncService(services.ctx)
    # Issue 7: while the server is reachable, top up this device's reserve of evaluation draws.
    sync.after_cycle.append(services.evaluation.refill_after_sync)
    return sync


def _first_start(services: Services) -> FirstStartService:
    from .first_start import FirstStartService

    return FirstStartService(services.ctx, staff=services.staff, reference=services.reference, sync=services.sync)


#: The services built on first use, in the order ``warm_up`` builds them.
ON_FIRST_USE = ("documents", "data_rights", "regional", "obligation", "convocations", "messaging_settings", "reminders",
                "sync", "first_start")


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
    sessions: SessionService
    # Case files (issue 4).
    youths: YouthService
    casefile: CaseFileService
    reviews: ReviewService
    todo: ToDoService
    # The joint intake (issue 3).
    intake: IntakeService
    # Joint-intake sessions (issue 18); their convocations and reminders are below, built on first use.
    intake_sessions: IntakeSessionService
    # Repérage: the tries to reach the youths not yet met (issue 18).
    contacts: ContactService
    worklist: WorklistService
    reperage_import: ImportService
    # Each staff member's validation PIN on this computer (issue 13).
    pins: ValidationPinService

    # Built on first use (see the module's docstring); not dataclass fields (no annotation here).
    data_rights = _OnFirstUse(_data_rights)
    # Printed documents, committees and indicators (issue 6).
    documents = _OnFirstUse(_documents)
    # The regional steering view (issue 18 §6).
    regional = _OnFirstUse(_regional)
    # The training obligation of minors (issue 18 §5).
    obligation = _OnFirstUse(_obligation)
    # Convocations and reminders of the joint-intake sessions (issue 18).
    convocations = _OnFirstUse(_convocations)
    messaging_settings = _OnFirstUse(_messaging_settings)
    reminders = _OnFirstUse(_reminders)
    # Sync with the shared server (issue 5).
    sync = _OnFirstUse(_sync)
    # The first start of a real store: enrolment or the first administrator (issue 14).
    first_start = _OnFirstUse(_first_start)

    @classmethod
    def build(cls, store: OpenedStore, *, today: Callable[[], date] = date.today) -> Services:
        ctx = ServiceContext(store=store, today=today)
        guard = AccessGuard(ctx)
        programme_settings = ProgrammeSettingsService(ctx, guard)
        intake = IntakeService(ctx, guard)
        return cls(
            ctx=ctx,
            reference=ReferenceService(ctx),
            staff=StaffService(ctx, guard),
            home=HomeService(ctx),
            stats=StatsService(ctx),
            guard=guard,
            audit=AuditService(ctx, guard),
            programme_settings=programme_settings,
            evaluation=EvaluationService(ctx, guard, programme_settings),
            retention=RetentionService(ctx, guard),
            sessions=SessionService(ctx, StaffService(ctx), programme_settings),
            youths=YouthService(ctx, guard),
            casefile=CaseFileService(ctx, guard),
            reviews=ReviewService(ctx, guard),
            todo=ToDoService(ctx, guard),
            intake=intake,
            intake_sessions=IntakeSessionService(ctx, guard, intake),
            contacts=ContactService(ctx, guard),
            worklist=WorklistService(ctx, guard),
            reperage_import=ImportService(ctx, guard),
            pins=ValidationPinService(ctx),
        )

    def warm_up(self) -> None:
        """Build the services made on first use (and import their modules): off the UI thread, behind the login
        dialog, so that the main window opens without waiting for them."""
        for name in ON_FIRST_USE:
            getattr(self, name)
