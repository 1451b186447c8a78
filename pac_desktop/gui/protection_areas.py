"""Data protection in the main window (issue 7), added by app.build_main_window:

- the session lock (after the administrators' inactivity delay, or Ctrl+L / "Verrouiller la session" in the
  account menu), unlocked with the password again;
- the administrators' area "Journal d'audit", whose rows open the youth's file when the administrator may see
  it (issue 15: the same rule as everywhere, ``Action.CASE_VIEW``; a refusal is said on the page and recorded);
  new events show without « Rechercher » (issue 11: the store's announced changes);
- the logout recorded in the audit trail;
- « Code PIN de validation… » in a counsellor's account menu (issue 13, gui.validation_pin_dialog).
"""

from __future__ import annotations

from functools import partial

from pac_desktop.domain.enums import StaffRole
from pac_desktop.security.roles import Action
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

from . import audit_page, icons
from .main_window import MainWindow
from .session_lock import SessionLockController
from .tasks import Lane, TaskRunner
from .validation_pin_dialog import add_validation_pin_action
from .youths.case_file_window import CaseFileOpener


def _audit_choices(services: Services) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    staff = [(s.id, s.display_name) for s in services.staff.list()]
    return staff, services.audit.actions()


def add_protection_areas(window: MainWindow, services: Services, actor: Actor, *, tasks: TaskRunner,
                         opener: CaseFileOpener | None = None) -> None:
    """``opener``: the case file windows of the « Jeunes » area, if the actor has it (one window per youth)."""
    controller = SessionLockController(
        window,
        actor=actor,
        tasks=tasks,
        unlock=partial(services.sessions.unlock, actor=actor),
        on_lock=lambda on_demand: tasks.run_task(
            partial(services.sessions.lock, actor=actor, on_demand=on_demand), on_success=lambda _r: None,
            lane=Lane.DB_WRITE,
        ),
    )
    # "Se déconnecter" on the lock screen: the account menu's own logout (the window then closes without quitting).
    logout_action = getattr(window, "logout_action", None)
    controller.logout_requested.connect(logout_action.trigger if logout_action is not None else window.logout_requested)
    window.session_lock = controller  # the tests and the end-to-end run reach it there
    tasks.run_task(services.sessions.lock_after_seconds, on_success=controller.set_timeout, lane=Lane.DB_READ,
                   owner=controller)
    menu = window.ui.user_button.menu()
    if menu is not None:
        if logout_action is not None:
            menu.insertAction(logout_action, controller.lock_action)
        else:
            menu.addAction(controller.lock_action)
    add_validation_pin_action(window, services, actor, tasks=tasks)  # issue 13: « Code PIN de validation… »
    window.logout_requested.connect(
        lambda: tasks.run_task(partial(services.sessions.logout, actor=actor), on_success=lambda _r: None,
                               lane=Lane.DB_WRITE)
    )
    if StaffRole.ADMINISTRATOR in actor.roles:
        if opener is None:  # an administrator without the « Jeunes » area: the audit trail opens the windows
            opener = CaseFileOpener(services=services, actor=actor, tasks=tasks, parent=window)
            window.logout_requested.connect(opener.close_all)
            window.closed.connect(opener.close_all)
        window.audit_opener = opener  # the tests reach the windows it opened there
        audit_opener = opener

        def build_audit_page() -> audit_page.AuditPage:  # the first time the area is shown (issue 16)
            page = audit_page.AuditPage(
                search=partial(services.audit.search, actor=actor),
                load_choices=partial(_audit_choices, services),
                tasks=tasks,  # the period defaults to the last 30 days of the wall clock, as the events are stamped
                check_open=lambda youth_id: services.guard.require(actor, Action.CASE_VIEW, youth_id=youth_id),
                changes=services.ctx.changes,  # new events show without « Rechercher »
            )
            page.youth_activated.connect(audit_opener.open)
            return page

        window.add_area(audit_page.AREA_KEY, audit_page.AREA_TITLE, icons.LOCK, build_audit_page)
