"""Case reviews (réunions de synthèse / études de cas): plan a meeting with youths and partners, record the
decision taken for each youth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import QItemSelection, QTimer, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QWidget

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date, format_date_short
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services
from pac_desktop.services.reviews import ReviewDetail, ReviewSummary, ReviewYouthView
from pac_desktop.services.youths import YouthFilters, YouthPage

from ..forms.ui_case_review_plan_dialog import Ui_ReviewPlanDialog
from ..forms.ui_case_reviews_page import Ui_CaseReviewsPage
from ..roles import IdRole
from ..table_model import Column, TableModel
from ..tasks import Lane, TaskFailure, TaskRunner
from .dialogs import SaveFn, SavingDialog, read_date
from .tables import CheckListModel


def review_state(r: ReviewSummary, today: date) -> str:
    if r.held:
        return f"Tenue — {r.decided_count} / {r.youth_count} décisions"
    if r.planned_on < today:
        return "Date passée — décisions à noter"
    return "À venir"


@dataclass(frozen=True)
class ReviewPlanValues:
    planned_on: date
    title: str
    place: str
    youth_ids: tuple[str, ...]
    staff_ids: tuple[str, ...]
    organisation_ids: tuple[str, ...]
    other_participants: tuple[str, ...]


@dataclass(frozen=True)
class PlanChoices:
    youths: YouthPage
    staff: list
    partners: list


class ReviewPlanDialog(SavingDialog):
    """Date, title, place; the youths (the referent's own, or found by a search), the staff and the partners."""

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        save: SaveFn,
        choices: PlanChoices,
        search_youths,  # noqa: ANN001 - (query) -> YouthPage, run off the UI thread
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_ReviewPlanDialog()
        self.ui.setupUi(self)
        self._search_youths = search_youths
        self.youths_model = CheckListModel(self)
        self.staff_model = CheckListModel(self)
        self.partners_model = CheckListModel(self)
        self.ui.youths_view.setModel(self.youths_model)
        self.ui.staff_view.setModel(self.staff_model)
        self.ui.partners_view.setModel(self.partners_model)
        self._show_youths(choices.youths)
        self.staff_model.set_items([(s.staff_id, f"{s.name} ({s.organisation_name})") for s in choices.staff])
        self.partners_model.set_items([(o.organisation_id, f"{o.name} — {o.kind_label}") for o in choices.partners])
        self.ui.date_edit.setText(format_date_short(today))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._run_youth_search)
        self.ui.youth_search_edit.textChanged.connect(self._debounce.start)
        self._request = 0
        self._wire()

    def _show_youths(self, page: YouthPage) -> None:
        self.youths_model.set_items(
            [
                (r.id, f"{r.display_name} — {format_date_short(r.birth_date)}" + (f", {r.town}" if r.town else ""))
                for r in page.rows
            ]  # fmt: skip
        )

    @Slot()
    def _run_youth_search(self) -> None:
        self._request += 1
        request = self._request
        self._tasks.run_task(
            partial(self._search_youths, self.ui.youth_search_edit.text()),
            on_success=partial(self._on_youths_found, request),
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_youths_found(self, request: int, page: YouthPage) -> None:
        if request == self._request:
            self._show_youths(page)

    def values(self) -> ReviewPlanValues:
        youth_ids = tuple(self.youths_model.checked_ids())
        if not youth_ids:
            raise DomainError("Cochez au moins un jeune dont la situation sera étudiée.")
        others = tuple(name.strip() for name in self.ui.others_edit.text().split(",") if name.strip())
        return ReviewPlanValues(
            planned_on=read_date(self.ui.date_edit, "Date de la réunion"),
            title=self.ui.title_edit.text(),
            place=self.ui.place_edit.text(),
            youth_ids=youth_ids,
            staff_ids=tuple(self.staff_model.checked_ids()),
            organisation_ids=tuple(self.partners_model.checked_ids()),
            other_participants=others,
        )


class CaseReviewsPage(QWidget):
    """The "Synthèses" area."""

    reviews_loaded = Signal(object)  # list[ReviewSummary]
    review_loaded = Signal(object)  # the ReviewDetail shown on the right
    youth_activated = Signal(str)
    review_changed = Signal(str)  # a review was planned or a decision saved

    def __init__(self, *, services: Services, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tasks = tasks
        self._detail: ReviewDetail | None = None
        self.ui = Ui_CaseReviewsPage()
        self.ui.setupUi(self)
        today = services.ctx.today
        self.reviews_model = TableModel(
            (
                Column("Date", lambda r: format_date(r.planned_on)),
                Column("Réunion", lambda r: r.title + (f" — {r.place}" if r.place else "")),
                Column("État", lambda r: review_state(r, today())),
            ),
            id_of=lambda r: r.id,
            parent=self,
        )
        self.youths_model = TableModel(
            (
                Column("Jeune", lambda y: y.youth_name),
                Column("Décision", lambda y: y.decision or "(à noter)"),
            ),
            id_of=lambda y: y.youth_id,
            youth_of=lambda y: y.youth_id,
            parent=self,
        )
        for view, model in (
            (self.ui.reviews_view, self.reviews_model),
            (self.ui.review_youths_view, self.youths_model),
        ):
            view.setModel(model)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.reviews_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ui.reviews_view.selectionModel().selectionChanged.connect(self._on_reviews_view_selection_changed)
        self.ui.review_youths_view.selectionModel().selectionChanged.connect(self._on_youths_view_selection_changed)
        self.ui.review_youths_view.doubleClicked.connect(self._on_open_youth_button_clicked)
        self.ui.plan_button.clicked.connect(self._on_plan_button_clicked)
        self.ui.save_decision_button.clicked.connect(self._on_save_decision_button_clicked)
        self.ui.open_youth_button.clicked.connect(self._on_open_youth_button_clicked)
        self.current_dialog: ReviewPlanDialog | None = None
        self._show_detail(None)

    def area_shown(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self, select_id: str | None = None) -> None:
        reviews = self._services.reviews
        territory_id = self._actor.territory_id
        keep = select_id or (self._detail.id if self._detail else None)
        self._tasks.run_task(
            partial(reviews.reviews, territory_id=territory_id),
            on_success=partial(self._on_reviews_loaded, keep),
            on_failure=self._on_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _on_failed(self, failure: TaskFailure) -> None:
        self.ui.detail_info_label.setText(failure.message)
        self.ui.detail_empty_label.setText(failure.message)

    def _on_reviews_loaded(self, keep: str | None, reviews: list[ReviewSummary]) -> None:
        self.reviews_model.set_lines(reviews)
        self.ui.reviews_empty_label.setVisible(not reviews)
        self.ui.reviews_view.setVisible(bool(reviews))
        rows = [i for i, r in enumerate(reviews) if r.id == keep]
        if rows:
            self.ui.reviews_view.selectRow(rows[0])
        elif reviews:
            self.ui.reviews_view.selectRow(0)
        else:
            self._show_detail(None)
        self.reviews_loaded.emit(reviews)

    @Slot(QItemSelection, QItemSelection)
    def _on_reviews_view_selection_changed(self, *_args: object) -> None:
        index = self.ui.reviews_view.currentIndex()
        review_id = index.data(IdRole) if index.isValid() else None
        if not review_id:
            return
        self._tasks.run_task(
            partial(self._services.reviews.review, review_id=review_id),
            on_success=self._show_detail,
            on_failure=self._on_failed,
            lane=Lane.DB_READ,
            owner=self,
        )

    def _show_detail(self, detail: ReviewDetail | None) -> None:
        previous = self.selected_youth_id()
        self._detail = detail
        shown = detail is not None
        for widget in (self.ui.detail_title_label, self.ui.detail_info_label, self.ui.participants_label,
                       self.ui.review_youths_view, self.ui.decision_label, self.ui.decision_edit,
                       self.ui.save_decision_button, self.ui.open_youth_button):  # fmt: skip
            widget.setVisible(shown)
        # « Choisissez une réunion dans la liste » only when there is a list: beside « Aucune réunion… » it said
        # the same thing twice.
        self.ui.detail_empty_label.setVisible(not shown and self.reviews_model.rowCount() > 0)
        if detail is None:
            self.youths_model.set_lines([])
            return
        self.ui.detail_title_label.setText(f"{detail.title} — {format_date(detail.planned_on)}")
        info = [detail.territory_name]
        if detail.place:
            info.append(detail.place)
        if detail.organiser_name:
            info.append(f"organisée par {detail.organiser_name}")
        info.append("tenue" if detail.held else "à venir")
        self.ui.detail_info_label.setText(" · ".join(info))
        self.ui.participants_label.setText(
            "Participants : "
            + (
                ", ".join(
                    p.name + (f" ({p.organisation_name})" if p.organisation_name else "") for p in detail.participants
                )
                or "aucun"
            )  # fmt: skip
        )
        self.youths_model.set_lines(detail.youths)
        rows = [i for i, y in enumerate(detail.youths) if y.youth_id == previous]
        if detail.youths:
            self.ui.review_youths_view.selectRow(rows[0] if rows else 0)
        self._on_youths_view_selection_changed()
        self.review_loaded.emit(detail)

    def selected_youth(self) -> ReviewYouthView | None:
        index = self.ui.review_youths_view.currentIndex()
        if not index.isValid() or index.row() >= self.youths_model.rowCount():
            return None
        return self.youths_model.line(index.row())

    def selected_youth_id(self) -> str | None:
        youth = self.selected_youth()
        return youth.youth_id if youth else None

    @Slot()
    def _on_youths_view_selection_changed(self, *_args: object) -> None:
        youth = self.selected_youth()
        self.ui.decision_edit.setPlainText(youth.decision if youth else "")
        self.ui.decision_label.setText(
            f"&Décision pour {youth.youth_name}" if youth else "&Décision pour le jeune sélectionné"
        )
        self.ui.save_decision_button.setEnabled(youth is not None)
        self.ui.open_youth_button.setEnabled(youth is not None)

    @Slot()
    def _on_save_decision_button_clicked(self) -> None:
        youth = self.selected_youth()
        if youth is None or self._detail is None:
            return
        reviews, actor, review_id = self._services.reviews, self._actor, self._detail.id
        decision = self.ui.decision_edit.toPlainText()
        self._tasks.run_task(
            partial(
                reviews.record_decision, review_id=review_id, youth_id=youth.youth_id, decision=decision, by=actor
            ),
            on_success=lambda _r: self._on_review_changed(review_id),
            on_failure=self._on_decision_failed,
            lane=Lane.DB_WRITE,
            owner=self,
        )

    def _on_decision_failed(self, failure: TaskFailure) -> None:
        self.ui.detail_info_label.setText(failure.message)

    def _on_review_changed(self, review_id: str) -> None:
        self.review_changed.emit(review_id)
        self.refresh(select_id=review_id)

    @Slot()
    def _on_open_youth_button_clicked(self, *_args: object) -> None:
        youth_id = self.selected_youth_id()
        if youth_id:
            self.youth_activated.emit(youth_id)

    # --- planning -----------------------------------------------------------------------------------------

    @Slot()
    def _on_plan_button_clicked(self) -> None:
        services, actor = self._services, self._actor

        def load() -> PlanChoices:
            return PlanChoices(
                youths=services.youths.search(by=actor, limit=200),
                staff=services.casefile.staff_choices(territory_id=actor.territory_id),
                partners=services.casefile.partner_organisations(territory_id=actor.territory_id),
            )

        self._tasks.run_task(load, on_success=self._open_plan_dialog, on_failure=self._on_failed, lane=Lane.DB_READ,
                             owner=self)  # fmt: skip

    def _open_plan_dialog(self, choices: PlanChoices) -> None:
        services, actor = self._services, self._actor

        def search(query: str) -> YouthPage:
            filters = YouthFilters() if not query.strip() else YouthFilters(mine=False, territory_id=actor.territory_id)
            return services.youths.search(by=actor, query=query, filters=filters, limit=200)

        def save(values: ReviewPlanValues) -> str:
            return services.reviews.plan_review(
                planned_on=values.planned_on,
                title=values.title,
                place=values.place,
                youth_ids=values.youth_ids,
                staff_ids=values.staff_ids,
                organisation_ids=values.organisation_ids,
                other_participants=values.other_participants,
                by=actor,
            )

        dialog = ReviewPlanDialog(
            tasks=self._tasks, save=save, choices=choices, search_youths=search, today=services.ctx.today(), parent=self
        )
        dialog.saved.connect(self._on_review_changed)
        self.current_dialog = dialog
        dialog.open()
