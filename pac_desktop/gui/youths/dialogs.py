"""The case file's dialogs. Each one checks what it can at once, then saves off the UI thread (lane db_write):
it stays open with the service's French message when the save is refused (a full referent, a date in the
future), and closes once the save is done."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QWidget

from pac_desktop.domain.enums import (
    FollowUpKind,
    OfferCategory,
    OutcomeMilestone,
    OutcomeSituation,
    SolutionStatus,
    YouthAnswer,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date_short, parse_date_fr
from pac_desktop.services.casefile import OfferChoice
from pac_desktop.services.choices import OrganisationChoice, ReferentChoice

from ..forms.ui_casefile_follow_up_dialog import Ui_FollowUpDialog
from ..forms.ui_casefile_guardian_dialog import Ui_GuardianDialog
from ..forms.ui_casefile_outcome_dialog import Ui_OutcomeDialog
from ..forms.ui_casefile_referent_dialog import Ui_ReferentDialog
from ..forms.ui_casefile_solution_dialog import Ui_SolutionDialog
from ..forms.ui_casefile_solution_step_dialog import Ui_SolutionStepDialog
from ..table_model import Column, TableModel
from ..tasks import Lane, TaskFailure, TaskRunner

#: Runs in a worker with the dialog's values; its result is emitted by ``saved``.
SaveFn = Callable[[Any], Any]


def read_date(edit: QLineEdit, what: str, *, required: bool = True) -> date | None:
    """The date typed in ``edit``; a DomainError in French when it cannot be read."""
    text = edit.text().strip()
    if not text and not required:
        return None
    try:
        return parse_date_fr(text)
    except DomainError as error:
        raise DomainError(f"{what} : {error}") from None


class SavingDialog(QDialog):
    """Base of the dialogs: OK collects ``values()`` then runs ``save`` on the db_write lane."""

    saved = Signal(object)  # what ``save`` returned, once the change is stored

    def __init__(self, *, tasks: TaskRunner, save: SaveFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._save = save
        self._busy = False

    def _wire(self) -> None:
        """Call at the end of the subclass's __init__ (after setupUi)."""
        ui = self.ui  # type: ignore[attr-defined]
        ui.button_box.accepted.connect(self._on_button_box_accepted)
        ui.error_label.hide()
        ok = ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Enregistrer")
        ok.setDefault(True)
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")

    def values(self) -> Any:  # pragma: no cover - every dialog defines it
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.ui.error_label.setText(message)  # type: ignore[attr-defined]
        self.ui.error_label.show()  # type: ignore[attr-defined]

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self._busy:
            return
        try:
            values = self.values()
        except DomainError as error:
            self.show_error(str(error))
            return
        self._set_busy(True)
        self._tasks.run_task(
            partial(self._save, values),
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
            lane=Lane.DB_WRITE,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)  # type: ignore[attr-defined]
        if busy:
            self.ui.error_label.hide()  # type: ignore[attr-defined]

    def _on_saved(self, result: object) -> None:
        self._set_busy(False)
        self.saved.emit(result)
        self.accept()

    def _on_save_failed(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        self.show_error(failure.message)


# --- follow-up -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpValues:
    kind: FollowUpKind
    occurred_on: date
    partner_organisation_id: str | None
    note: str


class FollowUpDialog(SavingDialog):
    def __init__(
        self,
        *,
        tasks: TaskRunner,
        save: SaveFn,
        partners: Sequence[OrganisationChoice],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_FollowUpDialog()
        self.ui.setupUi(self)
        for kind in FollowUpKind:
            self.ui.kind_combo.addItem(kind.label, kind.value)
        self.ui.partner_combo.addItem("Choisissez le partenaire…", None)
        for partner in partners:
            self.ui.partner_combo.addItem(f"{partner.name} ({partner.kind_label})", partner.organisation_id)
        self.ui.date_edit.setText(format_date_short(today))
        self.ui.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self._on_kind_combo_current_index_changed()
        self._wire()

    @Slot()
    def _on_kind_combo_current_index_changed(self) -> None:
        partner = FollowUpKind(self.ui.kind_combo.currentData()) is FollowUpKind.PARTNER_MOBILISATION
        self.ui.partner_label.setVisible(partner)
        self.ui.partner_combo.setVisible(partner)

    def values(self) -> FollowUpValues:
        kind = FollowUpKind(self.ui.kind_combo.currentData())
        partner = self.ui.partner_combo.currentData() if kind is FollowUpKind.PARTNER_MOBILISATION else None
        return FollowUpValues(
            kind=kind,
            occurred_on=read_date(self.ui.date_edit, "Date du suivi"),
            partner_organisation_id=partner,
            note=self.ui.note_edit.toPlainText(),
        )


# --- outcome and exit ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeValues:
    milestone: OutcomeMilestone
    situation: OutcomeSituation
    on: date
    note: str


class OutcomeDialog(SavingDialog):
    """Record a 3/6/12-month outcome, or (``exit_mode``) the situation at the youth's exit."""

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        save: SaveFn,
        milestones: Sequence[OutcomeMilestone],
        selected: OutcomeMilestone | None,
        today: date,
        exit_mode: bool = False,
        youth_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_OutcomeDialog()
        self.ui.setupUi(self)
        for milestone in milestones:
            self.ui.milestone_combo.addItem(milestone.label, milestone.value)
        if selected is not None and selected in milestones:
            self.ui.milestone_combo.setCurrentIndex(list(milestones).index(selected))
        for situation in OutcomeSituation:
            self.ui.situation_combo.addItem(situation.label, situation.value)
        self.ui.date_edit.setText(format_date_short(today))
        if exit_mode:
            self.setWindowTitle("Sortie du dispositif")
            self.ui.intro_label.setText(
                f"{youth_name} quitte le dispositif. Indiquez sa situation à la sortie : le suivi par le référent "
                "s'arrête, le jeune ne compte plus dans ses jeunes suivis."
            )
            self.ui.milestone_label.hide()
            self.ui.milestone_combo.hide()
            self.ui.date_label.setText("Date de &sortie")
        else:
            self.ui.intro_label.setText(f"Où en est {youth_name} à cette échéance ?")
        self._exit_mode = exit_mode
        self._wire()

    def values(self) -> OutcomeValues:
        milestone = (
            OutcomeMilestone.EXIT if self._exit_mode else OutcomeMilestone(self.ui.milestone_combo.currentData())
        )
        return OutcomeValues(
            milestone=milestone,
            situation=OutcomeSituation(self.ui.situation_combo.currentData()),
            on=read_date(self.ui.date_edit, "Date"),
            note=self.ui.note_edit.toPlainText(),
        )


# --- referent ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferentValues:
    staff_id: str
    reason: str
    cap_override_reason: str | None


CANDIDATE_COLUMNS: tuple[Column[ReferentChoice], ...] = (
    Column("Référent", lambda c: c.name + (" (actuel)" if c.current else "")),
    Column("Structure", lambda c: c.organisation_name),
    Column("Jeunes suivis", lambda c: c.caseload_label + (" — plafond atteint" if c.full else "")),
)


class ReferentDialog(SavingDialog):
    """Choose the new referent among the referents, each with "n / plafond"; a full one is shown, not hidden."""

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        save: SaveFn,
        candidates: Sequence[ReferentChoice],
        administrator: bool,
        youth_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_ReferentDialog()
        self.ui.setupUi(self)
        self.ui.intro_label.setText(
            f"Choisissez le nouveau référent unique de {youth_name}. Le suivi actuel se termine aujourd'hui ; "
            "l'historique garde les référents successifs et la raison du changement."
        )
        self.model = TableModel(CANDIDATE_COLUMNS, id_of=lambda c: c.staff_id, parent=self)
        self.model.set_lines([c for c in candidates])
        view = self.ui.candidates_view
        view.setModel(self.model)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        view.selectionModel().currentRowChanged.connect(self._on_candidates_view_current_row_changed)
        self.ui.override_label.setVisible(administrator)
        self.ui.override_edit.setVisible(administrator)
        self._administrator = administrator
        for row, candidate in enumerate(candidates):
            if not candidate.current and not candidate.full:
                view.selectRow(row)
                break
        self._wire()

    @Slot()
    def _on_candidates_view_current_row_changed(self) -> None:
        candidate = self.selected()
        if candidate is not None and candidate.full:
            hint = f"{candidate.name} a atteint son plafond ({candidate.caseload_label})."
            if self._administrator:
                hint += " En tant qu'administrateur, vous pouvez le dépasser en indiquant la raison."
            else:
                hint += " Choisissez un autre référent, ou demandez à un administrateur."
            self.show_error(hint)
        else:
            self.ui.error_label.hide()

    def selected(self) -> ReferentChoice | None:
        index = self.ui.candidates_view.currentIndex()
        return self.model.line(index.row()) if index.isValid() else None

    def select_candidate(self, staff_id: str) -> None:
        for row, candidate in enumerate(self.model.lines()):
            if candidate.staff_id == staff_id:
                self.ui.candidates_view.selectRow(row)
                return
        raise KeyError(staff_id)

    def values(self) -> ReferentValues:
        candidate = self.selected()
        if candidate is None:
            raise DomainError("Choisissez le nouveau référent dans la liste.")
        override = self.ui.override_edit.toPlainText().strip() if self._administrator else ""
        return ReferentValues(candidate.staff_id, self.ui.reason_edit.toPlainText(), override or None)


# --- solutions ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SolutionValues:
    offer_id: str | None
    free_text: str | None
    category: OfferCategory | None
    youth_answer: YouthAnswer
    planned_start: date | None
    notes: str


class SolutionDialog(SavingDialog):
    def __init__(
        self, *, tasks: TaskRunner, save: SaveFn, offers: Sequence[OfferChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_SolutionDialog()
        self.ui.setupUi(self)
        for offer in offers:
            provider = f" — {offer.provider_name}" if offer.provider_name else ""
            self.ui.offer_combo.addItem(f"{offer.category.label} : {offer.title}{provider}", offer.id)
        self.ui.offer_combo.setEditable(True)  # type to find an offer (Qt's completer on the items)
        self.ui.offer_combo.setInsertPolicy(self.ui.offer_combo.InsertPolicy.NoInsert)
        for category in OfferCategory:
            self.ui.category_combo.addItem(category.label, category.value)
        for answer in YouthAnswer:
            self.ui.answer_combo.addItem(answer.label, answer.value)
        self.ui.answer_combo.setCurrentIndex(list(YouthAnswer).index(YouthAnswer.THINKING))
        self.ui.catalogue_radio.toggled.connect(self._on_source_toggled)
        if not offers:
            self.ui.free_radio.setChecked(True)
        self._on_source_toggled()
        self._wire()

    @Slot()
    def _on_source_toggled(self) -> None:
        catalogue = self.ui.catalogue_radio.isChecked()
        for widget in (self.ui.offer_label, self.ui.offer_combo):
            widget.setVisible(catalogue)
        for widget in (self.ui.free_text_label, self.ui.free_text_edit, self.ui.category_label, self.ui.category_combo):
            widget.setVisible(not catalogue)

    def values(self) -> SolutionValues:
        catalogue = self.ui.catalogue_radio.isChecked()
        offer_id = self.ui.offer_combo.currentData() if catalogue else None
        if catalogue and (
            offer_id is None
            or self.ui.offer_combo.currentText() != self.ui.offer_combo.itemText(self.ui.offer_combo.currentIndex())
        ):
            raise DomainError("Choisissez une offre dans la liste du catalogue, ou décrivez une autre solution.")
        return SolutionValues(
            offer_id=offer_id,
            free_text=None if catalogue else self.ui.free_text_edit.text(),
            category=None if catalogue else OfferCategory(self.ui.category_combo.currentData()),
            youth_answer=YouthAnswer(self.ui.answer_combo.currentData()),
            planned_start=read_date(self.ui.planned_start_edit, "Début prévu", required=False),
            notes=self.ui.notes_edit.toPlainText(),
        )


@dataclass(frozen=True)
class SolutionStepValues:
    status: SolutionStatus
    on: date
    note: str


class SolutionStepDialog(SavingDialog):
    """Started, completed or abandoned: the date and a note."""

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        save: SaveFn,
        status: SolutionStatus,
        title: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_SolutionStepDialog()
        self.ui.setupUi(self)
        self._status = status
        self.setWindowTitle(f"Solution {status.label.lower()}")
        self.ui.intro_label.setText(f"« {title} » : {status.label.lower()} le…")
        self.ui.date_edit.setText(format_date_short(today))
        self._wire()

    def values(self) -> SolutionStepValues:
        return SolutionStepValues(self._status, read_date(self.ui.date_edit, "Date"), self.ui.note_edit.toPlainText())


# --- guardian -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianValues:
    full_name: str
    relationship: str
    phone: str
    email: str


class GuardianDialog(SavingDialog):
    def __init__(self, *, tasks: TaskRunner, save: SaveFn, parent: QWidget | None = None) -> None:
        super().__init__(tasks=tasks, save=save, parent=parent)
        self.ui = Ui_GuardianDialog()
        self.ui.setupUi(self)
        self._wire()

    def values(self) -> GuardianValues:
        return GuardianValues(
            self.ui.full_name_edit.text(),
            self.ui.relationship_edit.text(),
            self.ui.phone_edit.text(),
            self.ui.email_edit.text(),
        )


__all__ = [
    "FollowUpDialog",
    "FollowUpValues",
    "GuardianDialog",
    "GuardianValues",
    "OutcomeDialog",
    "OutcomeValues",
    "ReferentDialog",
    "ReferentValues",
    "SavingDialog",
    "SolutionDialog",
    "SolutionStepDialog",
    "SolutionStepValues",
    "SolutionValues",
    "read_date",
]
