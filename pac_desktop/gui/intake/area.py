"""The "Accueils" area: the intakes in progress, "Nouvel accueil" (find the youth or create their file), the wizard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QStackedWidget, QVBoxLayout, QWidget

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import parse_date_fr, plural
from pac_desktop.services.context import Actor
from pac_desktop.services.intake import IntakeAlreadyOpen, IntakeService, OpenIntakeLine, YouthCandidate, YouthCreation

from ..forms.ui_intake_list_page import Ui_IntakeListPage
from ..forms.ui_intake_new_page import Ui_IntakeNewPage
from ..tasks import Lane, TaskFailure, TaskRunner
from .common import is_enter
from .models import CandidateColumn, CandidateModel, OpenIntakeColumn, OpenIntakeModel
from .wizard import IntakeWizard

SEARCH_DEBOUNCE_MS = 250

#: Produces a document of an intake, off the UI thread: (intake id, "summary" | "passport") → the document.
PrintFn = Callable[[str, str], object]
#: Shows a document produced by PrintFn (the preview, with "Imprimer" and "Enregistrer en PDF…").
ShowFn = Callable[[object], None]


class IntakeListPage(QWidget):
    resume_requested = Signal(str)  # intake id
    new_requested = Signal()
    lines_loaded = Signal(int)  # how many intakes are listed

    def __init__(
        self,
        *,
        service: IntakeService,
        actor: Actor,
        tasks: TaskRunner,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._actor = actor
        self._tasks = tasks
        self._today = today
        self.ui = Ui_IntakeListPage()
        self.ui.setupUi(self)
        self.model = OpenIntakeModel(self)
        view = self.ui.intakes_view
        view.setModel(self.model)
        header = view.horizontalHeader()
        # The youth's name whole; the territory and host organisation take the rest and wrap when long (1366 px).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OpenIntakeColumn.TERRITORY, QHeaderView.ResizeMode.Stretch)
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 14)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.doubleClicked.connect(self._on_intakes_view_double_clicked)
        view.installEventFilter(self)
        self.ui.new_button.clicked.connect(self.new_requested)
        self.ui.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.ui.refresh_button.clicked.connect(self.refresh)
        # Ctrl+N from anywhere while the list shows (the navigation list keeps the focus after a click on
        # « Accueils »): a window shortcut of a hidden page never fires, so the wizard and other areas are safe.
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.new_requested)
        self.ui.empty_label.hide()

    @Slot()
    def refresh(self) -> None:
        self._tasks.run_task(
            partial(self._service.open_intakes, by=self._actor),
            on_success=self._on_loaded,
            on_failure=self._on_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_loaded(self, lines: tuple[OpenIntakeLine, ...]) -> None:
        self.model.set_lines(lines, self._today())
        self.ui.intakes_view.setVisible(bool(lines))
        self.ui.empty_label.setVisible(not lines)
        self.ui.resume_button.setEnabled(bool(lines))
        self.ui.count_label.setText(plural(len(lines), "accueil en cours", "accueils en cours"))
        if lines and not self.ui.intakes_view.currentIndex().isValid():
            self.ui.intakes_view.setCurrentIndex(self.model.index(0, 0))
        self.ui.message_label.hide()
        self.lines_loaded.emit(len(lines))

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.message_label.setText(failure.message)
        self.ui.message_label.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.intakes_view and is_enter(event):
            self._on_resume_button_clicked()
            return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _on_intakes_view_double_clicked(self, _index: QModelIndex) -> None:
        self._on_resume_button_clicked()

    @Slot()
    def _on_resume_button_clicked(self) -> None:
        index = self.ui.intakes_view.currentIndex()
        if index.isValid():
            self.resume_requested.emit(self.model.line(index.row()).intake_id)


class IntakeNewPage(QWidget):
    """Find the youth before creating a file: duplicates are shown as the name and birth date are typed."""

    intake_ready = Signal(str)  # id of the intake to open (new, or the candidate's one in progress)
    back_requested = Signal()
    candidates_shown = Signal(int)

    def __init__(
        self,
        *,
        service: IntakeService,
        actor: Actor,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._actor = actor
        self._tasks = tasks
        self.ui = Ui_IntakeNewPage()
        self.ui.setupUi(self)
        ui = self.ui
        self.model = CandidateModel(self)
        ui.candidates_view.setModel(self.model)
        header = ui.candidates_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CandidateColumn.WHY, QHeaderView.ResizeMode.Stretch)
        ui.candidates_view.selectionModel().selectionChanged.connect(self._on_candidates_selection_changed)
        ui.candidates_view.doubleClicked.connect(self._on_candidates_view_double_clicked)
        ui.candidates_view.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)
        for edit in (ui.first_name_edit, ui.last_name_edit, ui.birth_date_edit):
            edit.textChanged.connect(self._on_identity_changed)
        ui.none_match_check.toggled.connect(self._update_buttons)
        ui.open_button.clicked.connect(self._on_open_button_clicked)
        ui.create_button.clicked.connect(self._on_create_button_clicked)
        ui.back_button.clicked.connect(self.back_requested)
        self._territories_loaded = False
        self.reset()

    def reset(self) -> None:
        ui = self.ui
        for edit in (ui.first_name_edit, ui.last_name_edit, ui.birth_date_edit):
            edit.clear()
        ui.none_match_check.setChecked(False)
        self.model.set_candidates([])
        self._show_message("")
        self._update_buttons()
        if not self._territories_loaded:
            self._tasks.run_task(
                partial(self._service.territories, by=self._actor), on_success=self._on_territories_loaded,
                lane=Lane.DB_READ, owner=self,
            )

    def _on_territories_loaded(self, territories: list[tuple[str, str]]) -> None:
        """The territories this counsellor may open an intake in (their own): the others were offered, and
        refused once chosen."""
        self._territories_loaded = True
        combo = self.ui.territory_combo
        combo.clear()
        for territory_id, name in territories:
            combo.addItem(name, territory_id)
        index = combo.findData(self._actor.territory_id)
        combo.setCurrentIndex(max(0, index))

    def _birth_date(self):
        text = self.ui.birth_date_edit.text().strip()
        if not text:
            return None
        return parse_date_fr(text)

    @Slot()
    def _on_identity_changed(self) -> None:
        self._update_buttons()
        self._debounce.start()

    @Slot()
    def search(self) -> None:
        name = f"{self.ui.first_name_edit.text()} {self.ui.last_name_edit.text()}".strip()
        try:
            birth = self._birth_date()
        except DomainError:
            birth = None
        if len(name) < 2:
            self.model.set_candidates([])
            self._after_candidates()
            return
        self._tasks.run_task(
            partial(self._service.find_youth, name=name, birth_date=birth, by=self._actor),
            on_success=self._on_candidates_found,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_candidates_found(self, candidates: tuple[YouthCandidate, ...]) -> None:
        self.model.set_candidates(candidates)
        self._after_candidates()

    def _after_candidates(self) -> None:
        n = self.model.rowCount()
        self.ui.candidates_view.setVisible(n > 0)
        self.ui.candidates_empty_label.setVisible(n == 0)
        if n:
            self.ui.candidates_view.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()
        self.candidates_shown.emit(n)

    @property
    def has_strong_candidates(self) -> bool:
        return any(c.strong for c in self.model.candidates)

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        ui = self.ui
        strong = self.has_strong_candidates
        ui.none_match_check.setVisible(strong)
        try:
            birth_ok = self._birth_date() is not None
        except DomainError:
            birth_ok = False
        ready = bool(ui.first_name_edit.text().strip() and ui.last_name_edit.text().strip() and birth_ok)
        ui.create_button.setEnabled(ready and (not strong or ui.none_match_check.isChecked()))
        ui.create_button.setToolTip(
            "Un dossier très ressemblant existe : ouvrez-le, ou cochez « Ce n'est aucune de ces personnes »."
            if strong and not ui.none_match_check.isChecked()
            else ""
        )
        ui.open_button.setEnabled(ui.candidates_view.currentIndex().isValid() and self.model.rowCount() > 0)

    @Slot(QItemSelection, QItemSelection)
    def _on_candidates_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.candidates_view and is_enter(event):
            self._on_open_button_clicked()
            return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _on_candidates_view_double_clicked(self, _index: QModelIndex) -> None:
        self._on_open_button_clicked()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        index = self.ui.candidates_view.currentIndex()
        if not index.isValid():
            return
        candidate = self.model.candidate(index.row())
        if candidate.open_intake_id:
            self.intake_ready.emit(candidate.open_intake_id)
            return
        self._start(candidate.youth_id)

    def _start(self, youth_id: str) -> None:
        fn = partial(
            self._service.start, youth_id=youth_id, territory_id=self.ui.territory_combo.currentData(), by=self._actor
        )
        self._tasks.run_task(
            fn, on_success=self.intake_ready.emit, on_failure=self._on_start_failed, lane=Lane.DB_WRITE, owner=self
        )

    def _on_start_failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, IntakeAlreadyOpen):
            self.intake_ready.emit(failure.error.intake_id)
            return
        self._show_message(failure.message)

    @Slot()
    def _on_create_button_clicked(self) -> None:
        ui = self.ui
        try:
            birth = self._birth_date()
        except DomainError as error:
            self._show_message(str(error))
            return
        if birth is None:
            self._show_message("Indiquez la date de naissance du jeune.")
            return
        fn = partial(
            self._service.create_youth,
            first_name=ui.first_name_edit.text(),
            last_name=ui.last_name_edit.text(),
            birth_date=birth,
            territory_id=ui.territory_combo.currentData(),
            create_anyway=ui.none_match_check.isChecked(),
            by=self._actor,
        )
        self._tasks.run_task(
            fn, on_success=self._on_created, on_failure=self._on_start_failed, lane=Lane.DB_WRITE, owner=self
        )

    def _on_created(self, creation: YouthCreation) -> None:
        if not creation.created:
            # Someone very like this youth exists (perhaps just synced): show them and ask again.
            self.model.set_candidates(creation.candidates)
            self._after_candidates()
            self._show_message(
                "Un dossier très ressemblant existe déjà : ouvrez-le, ou cochez « Ce n'est aucune de ces "
                "personnes » pour créer quand même un nouveau dossier."
            )
            return
        assert creation.youth_id is not None
        self._start(creation.youth_id)

    def _show_message(self, text: str) -> None:
        self.ui.message_label.setText(text)
        self.ui.message_label.setVisible(bool(text))

    def focus_first(self) -> None:
        self.ui.first_name_edit.setFocus()


class IntakesPage(QWidget):
    """The area widget: list ⇄ new ⇄ wizard, in one stack."""

    intake_opened = Signal(str)
    intakes_changed = Signal()  # an intake was started or closed: badges may change

    def __init__(
        self,
        *,
        service: IntakeService,
        actor: Actor,
        tasks: TaskRunner,
        today: Callable[[], date] = date.today,
        print_document: PrintFn | None = None,
        show_document: ShowFn | None = None,
        debounce_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._print_document = print_document
        self._show_document = show_document
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list_page = IntakeListPage(service=service, actor=actor, tasks=tasks, today=today)
        self.new_page = IntakeNewPage(service=service, actor=actor, tasks=tasks)
        self.wizard = IntakeWizard(service=service, actor=actor, tasks=tasks, debounce_ms=debounce_ms)
        self.wizard.set_printing_available(print_document is not None)
        for widget in (self.list_page, self.new_page, self.wizard):
            self.stack.addWidget(widget)
        self.list_page.resume_requested.connect(self.open_intake)
        self.list_page.new_requested.connect(self.start_new)
        self.new_page.intake_ready.connect(self.open_intake)
        self.new_page.back_requested.connect(self.show_list)
        self.wizard.close_requested.connect(self.show_list)
        self.wizard.print_requested.connect(self._on_wizard_print_requested)

    def area_shown(self) -> None:
        if self.stack.currentWidget() is self.list_page:
            self.list_page.refresh()

    @Slot()
    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.refresh()
        self.list_page.ui.intakes_view.setFocus()
        self.intakes_changed.emit()

    @Slot()
    def start_new(self) -> None:
        self.new_page.reset()
        self.stack.setCurrentWidget(self.new_page)
        self.new_page.focus_first()

    @Slot(str)
    def open_intake(self, intake_id: str) -> None:
        self.stack.setCurrentWidget(self.wizard)
        self.wizard.open_intake(intake_id)
        self.intake_opened.emit(intake_id)
        self.intakes_changed.emit()

    def _on_wizard_print_requested(self, intake_id: str, kind: str) -> None:
        if self._print_document is None:
            return
        self.wizard.announce("Préparation du document…")
        self._tasks.run_task(
            partial(self._print_document, intake_id, kind),
            on_success=self._on_document_ready,
            on_failure=lambda failure: self.wizard.page(self.wizard.current_step).show_message(failure.message),
            lane=Lane.PDF,
            owner=self,
        )

    def _on_document_ready(self, document: object) -> None:
        self.wizard.announce("Document prêt.")
        if self._show_document is not None:
            self._show_document(document)
