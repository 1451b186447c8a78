"""What a step page may ask of the wizard that hosts it: the small protocol between the two.

A page never holds the intake service: it names the use case it wants (an ``IntakeService`` method, unbound,
such as ``IntakeService.add_solution``) with its arguments, and the host runs it for the intake and the staff
member at the keyboard — writes through the autosaver (``db_write`` lane, debounced while typing), reads on the
``db_read`` lane. The wizard implements it; pages import this module, never the wizard (no import circle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

from pac_desktop.services.context import Actor
from pac_desktop.services.intake import IntakeDetail, IntakeStep

from ..tasks import TaskRunner

#: An ``IntakeService`` method, unbound (``IntakeService.record_consent``).
UseCase = Callable[..., Any]


class StepHost(Protocol):
    """The wizard as its pages see it."""

    @property
    def intake_id(self) -> str | None:
        """The intake shown (None before one is opened)."""

    @property
    def detail(self) -> IntakeDetail | None:
        """The intake's detail the pages last received."""

    @property
    def actor(self) -> Actor:
        """The staff member at the keyboard (pages read their roles, never act in their name)."""

    @property
    def tasks(self) -> TaskRunner:
        """The application's task runner (for a page's dialog that runs its own work)."""

    @property
    def save_failed(self) -> SignalInstance:
        """(key, message): a save under ``key`` failed; the message is already shown."""

    def save_field(self, field: str, value: Any, *, debounce: bool) -> None:
        """Autosave one field of the intake (``youth.first_name``, ``referral.notes``…)."""

    def save(
        self,
        key: str,
        use_case: UseCase,
        *,
        debounce: bool,
        refresh_now: bool = False,
        on_success: Callable[[Any], None] | None = None,
        **arguments: Any,
    ) -> None:
        """Run the write ``use_case(**arguments, by=<actor>)`` through the autosaver under ``key``."""

    def read(self, use_case: UseCase, on_success: Callable[[Any], None], **arguments: Any) -> None:
        """Run the read ``use_case(**arguments)`` off the UI thread; ``on_success`` gets its result."""

    def bind(self, use_case: UseCase, **arguments: Any) -> Callable[..., Any]:
        """``use_case`` bound to the service and ``arguments``, for a dialog that runs it itself."""

    def discard_save(self, key: str) -> None:
        """Drop a save still waiting under ``key``."""

    def set_field_unsaved(self, field: str, label: str | None) -> None:
        """The field holds a value that cannot be saved (``label`` for the header), or is savable again."""

    def flush(self) -> None:
        """Send every waiting save now."""

    def reload(self) -> None:
        """Read the detail again; every page refreshes."""

    def go_to(self, step: IntakeStep) -> None:
        """Show another step."""

    def announce(self, message: str) -> None:
        """A short confirmation in the wizard's header."""
