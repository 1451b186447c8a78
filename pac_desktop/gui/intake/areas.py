"""Plugging the joint intake into the main window (called once by app.build_main_window)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from ..home_page import HomePage
from ..main_window import MainWindow
from ..tasks import TaskRunner
from .area import IntakesPage

INTAKES_AREA = "intakes"
INTAKES_TITLE = "Accueils"
INTAKES_ICON = "mdi6.account-multiple-plus-outline"


def add_intake_areas(
    window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner, home: HomePage | None = None
) -> Callable[[str], None]:
    """The "Accueils" area (in progress, new, the wizard); the home page's intakes open in it. Returns what opens
    an intake in it."""
    print_document = show_document = None
    documents = getattr(services, "documents", None)
    if documents is not None:
        # Documents hold personal data: made in a private folder removed with the window, then previewed.
        output_dir = Path(tempfile.mkdtemp(prefix="pac-accueil-"))
        window.destroyed.connect(lambda *_: shutil.rmtree(output_dir, ignore_errors=True))

        def print_document(intake_id: str, kind: str) -> object:
            path = output_dir / f"{kind}-{intake_id[:8]}.pdf"
            if kind == "summary":
                return documents.print_session_summary(intake_id=intake_id, path=path, actor=actor)
            return documents.print_passport(intake_id=intake_id, path=path, actor=actor)

        def show_document(document: object) -> None:
            from ..document_preview import open_document_preview

            open_document_preview(document, services=services, actor=actor, tasks=tasks, parent=window)

    def build() -> IntakesPage:
        page = IntakesPage(
            service=services.intake,
            actor=actor,
            tasks=tasks,
            today=services.ctx.today,
            print_document=print_document,
            show_document=show_document,
        )
        page.intakes_changed.connect(window.refresh_badges)
        return page

    # Built the first time the area is shown (issue 16: the window opens at once).
    window.add_area(
        INTAKES_AREA,
        INTAKES_TITLE,
        INTAKES_ICON,
        build,
        badge_count_fn=partial(services.intake.open_intake_count, territory_id=actor.territory_id),
    )

    def open_intake(intake_id: str) -> None:
        window.show_area(INTAKES_AREA)
        page = window.area_widget(INTAKES_AREA)
        assert isinstance(page, IntakesPage)
        page.open_intake(intake_id)

    if home is not None:
        home.intake_activated.connect(open_intake)
    return open_intake
