"""The joint intake wizard: the step list on the left, the current step on the right, autosave everywhere.

Nothing here waits on the database: the intake's detail is read on the ``db_read`` lane, every save goes
through the Autosaver (``db_write`` lane, debounced for typing, at once for clicks, flushed on each step
change). After a save the detail is read again (debounced) to refresh what the pages show (eligibility,
step marks, the checklist) without touching what is being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.french import format_time
from pac_desktop.services.context import Actor
from pac_desktop.services.intake import IntakeDetail, IntakeService, IntakeStep

from .. import icons, theme
from ..forms.ui_intake_wizard import Ui_IntakeWizard
from ..tasks import Lane, TaskFailure, TaskHandle, TaskRunner
from .analysis_page import AnalysisPage
from .autosave import Autosaver
from .common import StepPage
from .consent_page import ConsentPage
from .models import StepModel
from .participants_page import ParticipantsPage
from .referent_page import ReferentPage
from .referral_page import ReferralPage
from .solutions_page import SolutionsPage
from .step_host import UseCase
from .validation_page import ValidationPage
from .youth_page import YouthPage

#: After a save, the detail is read again once saves pause this long.
REFRESH_DEBOUNCE_MS = 250

PAGE_CLASSES: tuple[type[StepPage], ...] = (
    YouthPage,
    ReferralPage,
    ConsentPage,
    ParticipantsPage,
    AnalysisPage,
    SolutionsPage,
    ReferentPage,
    ValidationPage,
)


class IntakeWizard(QWidget):
    """One intake at a time; ``open_intake(id)`` loads it and shows the step it was left at.

    It is the ``StepHost`` of its pages (``step_host.py``): they ask it to run the use cases, never hold the
    service.
    """

    intake_loaded = Signal(str)  # id of the intake now shown (its detail is in ``detail``)
    detail_refreshed = Signal(object)  # the IntakeDetail the pages now show
    step_changed = Signal(str)  # the step now shown (IntakeStep value)
    close_requested = Signal()  # "Reprendre plus tard": back to the list (everything is saved)
    print_requested = Signal(str, str)  # (intake id, "summary" | "passport")

    def __init__(
        self,
        *,
        service: IntakeService,
        actor: Actor,
        tasks: TaskRunner,
        debounce_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.actor = actor
        self._tasks = tasks
        self.intake_id: str | None = None
        self.detail: IntakeDetail | None = None
        self.ui = Ui_IntakeWizard()
        self.ui.setupUi(self)
        self.autosaver = Autosaver(tasks, self, **({"debounce_ms": debounce_ms} if debounce_ms is not None else {}))
        self.autosaver.save_started.connect(self._on_autosaver_save_started)
        self.autosaver.saved.connect(self._on_autosaver_saved)
        self.autosaver.save_failed.connect(self._on_autosaver_save_failed)
        self.autosaver.idle.connect(self._on_autosaver_idle)
        # Fields holding a value that cannot be saved (a date « 3e »): field → its label, for the header.
        self._unsaved_fields: dict[str, str] = {}
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

        # The header never widens the window beyond a 1366-pixel laptop screen: long texts wrap or are cut.
        self.ui.title_label.setMinimumWidth(260)
        self.ui.header_layout.removeItem(self.ui.header_spacer)  # the title takes the room instead
        self.ui.header_layout.setStretchFactor(self.ui.title_label, 1)
        self.ui.saved_label.setMinimumWidth(150)
        self.ui.state_label.setMinimumWidth(10)

        self.steps = StepModel(self)
        self.ui.step_view.setModel(self.steps)
        self.ui.step_view.setSpacing(2)
        self._fit_step_list()
        self.ui.step_view.selectionModel().currentChanged.connect(self._on_step_view_current_changed)
        self.ui.step_view.clicked.connect(self._on_step_view_clicked)
        self.ui.previous_button.clicked.connect(self.go_previous)
        self.ui.next_button.clicked.connect(self.go_next)
        self.ui.close_button.clicked.connect(self._on_close_button_clicked)
        # No mnemonic on ◂ Précédent / Suivant ▸ (their letters belong to the fields of the steps): Alt+← / Alt+→.
        self.ui.previous_button.setToolTip("Étape précédente (Alt+←)")
        self.ui.next_button.setToolTip("Étape suivante (Alt+→)")
        for keys, slot in (("Alt+Left", self.go_previous), ("Alt+Right", self.go_next)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        self.pages: dict[IntakeStep, StepPage] = {}
        for cls in PAGE_CLASSES:
            page = cls(self)
            page.setObjectName(f"{cls.step.value}_page")
            self.pages[cls.step] = page
            self.ui.page_stack.addWidget(page)
        validation = self.page(IntakeStep.VALIDATION)
        assert isinstance(validation, ValidationPage)
        validation.print_requested.connect(self._on_validation_print_requested)

        self._current = IntakeStep.YOUTH
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self._reading: TaskHandle | None = None
        self._opening: TaskHandle | None = None
        self._open_after_saves = False
        self._show_saved_state("")

    def _fit_step_list(self) -> None:
        """The step list as wide as its widest possible row (a current step missing 99 points), in this font."""
        view = self.ui.step_view
        metrics = view.fontMetrics()
        text = max(metrics.horizontalAdvance(t) for t in self.steps.widest_texts())
        width = text + 2 * view.frameWidth() + 2 * view.spacing() + 20  # the item's own padding
        view.setMinimumWidth(width)
        view.setMaximumWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the zoom (Ctrl + / Ctrl −)
            self._fit_step_list()
        super().changeEvent(event)

    # --- pages helpers --------------------------------------------------------------------------------------

    def page(self, step: IntakeStep) -> StepPage:
        return self.pages[step]

    @property
    def tasks(self) -> TaskRunner:
        """The application's task runner (dialogs of the pages run their work on it)."""
        return self._tasks

    @property
    def save_failed(self) -> SignalInstance:
        """(key, message) of a save that failed."""
        return self.autosaver.save_failed

    @property
    def current_step(self) -> IntakeStep:
        return self._current

    def set_printing_available(self, available: bool) -> None:
        validation = self.page(IntakeStep.VALIDATION)
        assert isinstance(validation, ValidationPage)
        validation.set_printing_available(available)

    # --- opening, closing ------------------------------------------------------------------------------------

    def open_intake(self, intake_id: str) -> None:
        """Load an intake (off the UI thread) and show it at the step where it was left."""
        self.autosaver.flush()
        self.intake_id = intake_id
        self.detail = None
        self.ui.title_label.setText("Accueil commun — chargement…")
        self._show_error("")
        self._unsaved_fields.clear()
        self._show_saved_state("")  # nothing said about another intake (« Document prêt. ») stays in the header
        for handle in (self._opening, self._reading):
            if handle is not None:
                handle.cancel()
        self._reading = self._opening = None
        if self.autosaver.busy:
            # Saves are still on their way (the intake was closed a moment ago): read once they are committed,
            # or the fields would show older words and the next keystroke would save over the newer ones.
            self._open_after_saves = True
            return
        self._start_opening()

    def _start_opening(self) -> None:
        self._open_after_saves = False
        self._opening = self._tasks.run_task(
            partial(self._service.intake_detail, intake_id=self.intake_id, by=self.actor),
            on_success=self._on_opened,
            on_failure=self._on_read_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    @Slot()
    def _on_autosaver_idle(self) -> None:
        if self._open_after_saves and self.intake_id:
            self._start_opening()

    def _on_opened(self, detail: IntakeDetail) -> None:
        self._opening = None
        if detail.id != self.intake_id:
            return
        self.detail = detail
        self._show_header(detail)
        for page in self.pages.values():
            page.load(detail)
        self.steps.set_states(detail.steps)
        step = detail.current_step
        if detail.locked and detail.validated_at is not None:
            step = IntakeStep.VALIDATION
        self._show_step(step, save=False)
        self.intake_loaded.emit(detail.id)

    def close_intake(self) -> None:
        """Send what is waiting; the saves finish in the background."""
        self.autosaver.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        # The window closes, the user logs out or leaves the area: what was typed goes out now.
        self.autosaver.flush()
        super().hideEvent(event)

    @Slot()
    def _on_close_button_clicked(self) -> None:
        self.close_intake()
        self.close_requested.emit()

    # --- steps ----------------------------------------------------------------------------------------------

    def go_to(self, step: IntakeStep) -> None:
        self._show_step(step, save=True)

    @Slot()
    def go_next(self) -> None:
        steps = list(IntakeStep)
        index = steps.index(self._current)
        if index + 1 < len(steps):
            self.go_to(steps[index + 1])

    @Slot()
    def go_previous(self) -> None:
        steps = list(IntakeStep)
        index = steps.index(self._current)
        if index > 0:
            self.go_to(steps[index - 1])

    def _show_step(self, step: IntakeStep, *, save: bool) -> None:
        self.autosaver.flush()  # every step change saves what was typed
        self._current = step
        page = self.page(step)
        self.ui.page_stack.setCurrentWidget(page)
        self.steps.set_current(step)
        row = self.steps.row_of(step)
        view = self.ui.step_view
        if view.currentIndex().row() != row:
            view.selectionModel().blockSignals(True)
            view.setCurrentIndex(self.steps.index(row))
            view.selectionModel().blockSignals(False)
        steps = list(IntakeStep)
        self.ui.previous_button.setEnabled(step != steps[0])
        self.ui.next_button.setEnabled(step != steps[-1])
        if save and self.intake_id and self.detail is not None and not self.detail.locked:
            self.save("step", IntakeService.set_step, debounce=False, refresh_now=True, intake_id=self.intake_id,
                      step=step)
        page.page_shown()
        focus = page.first_focus()
        if focus is not None and self.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.step_changed.emit(step.value)

    @Slot(QModelIndex, QModelIndex)
    def _on_step_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            step = self.steps.step(current.row())
            if step != self._current:
                self.go_to(step)

    @Slot(QModelIndex)
    def _on_step_view_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.steps.step(index.row()) != self._current:
            self.go_to(self.steps.step(index.row()))

    # --- saving ---------------------------------------------------------------------------------------------

    def save_field(self, field: str, value: Any, *, debounce: bool) -> None:
        if not self.intake_id:
            return
        self.save(field, IntakeService.save_field, debounce=debounce, intake_id=self.intake_id, field=field, value=value)

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
        """Autosave ``use_case(**arguments, by=actor)`` under ``key`` (debounced while typing); the detail is
        read again afterwards."""
        if not self.intake_id:
            return
        self._autosave(key, self.bind(use_case, by=self.actor, **arguments), debounce=debounce,
                       refresh_now=refresh_now, on_success=on_success)

    def bind(self, use_case: UseCase, **arguments: Any) -> Callable[..., Any]:
        """An ``IntakeService`` use case bound to this wizard's service and ``arguments``."""
        return partial(use_case, self._service, **arguments)

    def _autosave(
        self,
        key: str,
        fn: Callable[[], Any],
        *,
        debounce: bool,
        refresh_now: bool = False,
        on_success: Callable[[Any], None] | None = None,
    ) -> None:
        if not self.intake_id:
            return
        intake_id = self.intake_id

        def done(result: Any) -> None:
            if not shiboken6.isValid(self) or self.intake_id != intake_id:
                return
            page = self.page(self._current)
            handler = getattr(page, "on_saved", None)
            if callable(handler):
                handler(result)
            if on_success is not None:
                on_success(result)
            if refresh_now:
                self.reload()

        if debounce:
            self.autosaver.schedule(key, fn, done)
        else:
            self.autosaver.submit(key, fn, done)

    def discard_save(self, key: str) -> None:
        """Drop a save still waiting (the field no longer holds a value that can be saved)."""
        self.autosaver.drop(key)

    def set_field_unsaved(self, field: str, label: str | None) -> None:
        """``label`` set: the field holds a value that cannot be saved, and the header says so until it can;
        None: the field is savable again."""
        if label is None:
            if self._unsaved_fields.pop(field, None) is None:
                return
        else:
            self._unsaved_fields[field] = label
        if not self.autosaver.busy:
            self._show_saved_state("saved")

    @property
    def unsaved_fields(self) -> list[str]:
        return list(self._unsaved_fields)

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        # Leaving a field saves it at once (a click elsewhere, Tab, another window, the application losing focus).
        if not shiboken6.isValid(self) or old is None or not shiboken6.isValid(old):
            return
        if old is self or self.isAncestorOf(old):
            self.autosaver.flush()

    def flush(self) -> None:
        self.autosaver.flush()

    def read(self, use_case: UseCase, on_success: Callable[[Any], None], **arguments: Any) -> None:
        self._tasks.run_task(self.bind(use_case, **arguments), on_success=on_success,
                             on_failure=self._on_read_failed, lane=Lane.DB_READ, owner=self)

    @Slot()
    def reload(self) -> None:
        """Read the detail again and let every page refresh what it shows."""
        if not self.intake_id or self._opening is not None or self._open_after_saves:
            return  # the intake being opened brings its fresh detail anyway
        if self._reading is not None:
            self._reading.cancel()
        self._reading = self._tasks.run_task(
            partial(self._service.intake_detail, intake_id=self.intake_id, by=self.actor),
            on_success=self._on_refreshed,
            on_failure=self._on_read_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_refreshed(self, detail: IntakeDetail) -> None:
        self._reading = None
        if detail.id != self.intake_id or self.detail is None:
            return  # another intake, or this one is still being opened
        was_locked = self.detail.locked if self.detail is not None else False
        self.detail = detail
        self._show_header(detail)
        self.steps.set_states(detail.steps)
        for page in self.pages.values():
            page.refresh(detail)
            if detail.locked != was_locked:
                page.set_locked(detail.locked)
        self.detail_refreshed.emit(detail)

    @Slot()
    def _on_autosaver_save_started(self) -> None:
        self._show_saved_state("saving")

    @Slot(object)
    def _on_autosaver_saved(self, _result: object) -> None:
        self._show_error("")
        if not self.autosaver.busy:
            self._show_saved_state("saved")
        self._refresh_timer.start()

    @Slot(str, str)
    def _on_autosaver_save_failed(self, key: str, message: str) -> None:
        self._show_saved_state("failed")
        page = self.page(self._current)
        page.show_message(message)
        self._show_error(message)
        self._refresh_timer.start()

    def _on_read_failed(self, failure: TaskFailure) -> None:
        self._reading = self._opening = None
        self._show_error(failure.message)

    # --- display --------------------------------------------------------------------------------------------

    def _show_header(self, detail: IntakeDetail) -> None:
        self.ui.title_label.setText(detail.header)
        self.ui.title_label.setAccessibleName(detail.header)
        # The step list says where a stage 1 or 2 intake stands; other states are worth saying here.
        in_progress = detail.state in (IntakeState.STAGE_1, IntakeState.STAGE_2)
        self.ui.state_label.setText("" if in_progress else f"· {detail.state.label}")
        self.ui.state_label.setVisible(not in_progress)
        self.setWindowTitle(detail.header)

    def _show_saved_state(self, state: str) -> None:
        label, icon_label = self.ui.saved_label, self.ui.saved_icon_label
        if state == "saving":
            label.setText("Enregistrement…")
            icon_label.setPixmap(icons.pixmap(icons.IN_PROGRESS, 18, theme.MUTED))
            theme.set_role(label, "muted")
        elif state == "saved" and self._unsaved_fields:
            names = ", ".join(self._unsaved_fields.values())
            label.setText(f"Non enregistré : {names}")
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(label.text()) + 8)  # said whole
            label.setToolTip("Corrigez la valeur signalée à côté du champ : elle sera enregistrée aussitôt.")
            icon_label.setPixmap(icons.pixmap(icons.ERROR, 18, theme.ERROR))
            theme.set_role(label, "error")
        elif state == "saved":
            label.setMinimumWidth(150)
            at = self.autosaver.last_saved_at
            label.setText("Enregistré ✓")
            label.setToolTip(f"Dernier enregistrement à {format_time(at)}" if at else "")
            icon_label.setPixmap(icons.pixmap(icons.OK, 18, theme.ACCENT))
            theme.set_role(label, "muted")
        elif state == "failed":
            label.setText("Non enregistré")
            icon_label.setPixmap(icons.pixmap(icons.ERROR, 18, theme.ERROR))
            theme.set_role(label, "error")
        else:
            label.setText("Enregistré au fil de la saisie")
            icon_label.clear()
            theme.set_role(label, "muted")
        label.setAccessibleDescription(label.text())

    def _show_error(self, message: str) -> None:
        self.ui.error_label.setText(message)
        self.ui.error_frame.setVisible(bool(message))

    def announce(self, message: str) -> None:
        """A short confirmation in the header (validation, amendment, document); the full text in its tooltip."""
        self.ui.saved_label.setText(message)
        self.ui.saved_label.setToolTip(message)
        self.ui.saved_label.setAccessibleDescription(message)

    def _on_validation_print_requested(self, kind: str) -> None:
        if self.intake_id:
            self.print_requested.emit(self.intake_id, kind)
