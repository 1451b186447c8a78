"""The "Comités" and "Indicateurs" areas of the main window (issue 6), added by app.build_main_window."""

from __future__ import annotations

import shutil
import tempfile
from functools import partial
from pathlib import Path

from pac_desktop.domain.enums import StaffRole
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from . import committees_page, indicators_page
from .main_window import MainWindow
from .tasks import TaskRunner

#: Who sees the areas (the services check the roles again, territory included, before anything is printed).
DOCUMENT_ROLES = frozenset({StaffRole.COMMITTEE, StaffRole.ADMINISTRATOR})


def add_document_areas(window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner,
                       output_dir: Path | None = None) -> None:
    """Add the Comités and Indicateurs areas for the members of a committee and the administrators.

    Documents are prepared in a private temporary folder removed with the window (they hold personal data):
    from the preview, the user prints them or saves a copy where they choose.
    """
    if not actor.roles & DOCUMENT_ROLES:
        return
    if output_dir is None:
        output_dir = Path(tempfile.mkdtemp(prefix="pac-documents-"))
        window.destroyed.connect(lambda *_: shutil.rmtree(output_dir, ignore_errors=True))
    today = services.ctx.today
    # Built the first time each area is shown (issue 16).
    window.add_area(committees_page.AREA_KEY, committees_page.AREA_TITLE, committees_page.AREA_ICON,
                    partial(committees_page.CommitteesPage, services=services, actor=actor, tasks=tasks,
                            output_dir=output_dir, today=today))
    window.add_area(indicators_page.AREA_KEY, indicators_page.AREA_TITLE, indicators_page.AREA_ICON,
                    partial(indicators_page.IndicatorsPage, services=services, actor=actor, tasks=tasks,
                            output_dir=output_dir, today=today))
