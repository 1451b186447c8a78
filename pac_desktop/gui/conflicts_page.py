"""The "Synchronisation" area: the status, the conflicts to settle, the changes the server refused (which can be
sent again), and the rows received from the server that this computer set aside (issue 12).

Each conflict shows the youth, the field in French, the value before, the value proposed and the value kept so
far, who made each and when. The counsellor keeps one, or writes a merged value; the resolution then syncs
like any edit. Built by hand (the fields of a conflict are only known at run time).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.domain.french import format_date, format_datetime, plural
from pac_desktop.services.sync import ConflictView, QuarantinedView, RejectedChange, SyncStatus

from .roles import IdRole
from .sync_status import describe
from .table_model import Column, TableModel
from .tasks import Lane, TaskFailure, TaskRunner

#: In place of a value of a youth's intake content once their consent to share is withdrawn (issue 13).
WITHHELD = "(masqué : accord de partage retiré)"
#: Why a conflict with masked values offers no « Garder la valeur proposée » (issue 13: nobody may see them here).
MASKED_NOTE = ("Ces valeurs sont masquées : l'accord de partage de ce jeune n'est pas donné. Personne ne peut les "
               "voir ni les proposer depuis cet ordinateur ; la valeur enregistrée sur le serveur est gardée.")
MASKED_MERGE_NOTE = " Pour les autres champs, vous pouvez écrire la valeur retenue."
#: A deletion against a change whose values are masked: the choice stays, what changed cannot be shown.
MASKED_DELETION_NOTE = ("Ces valeurs sont masquées : l'accord de partage de ce jeune n'est pas donné. Personne ne "
                        "peut les voir depuis cet ordinateur.")


def shown(value: Any) -> str:
    if value is None or value == "":
        return "(vide)"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, str) and _ISO_DAY.match(value):  # a date or a moment on the wire: in French
        try:
            if len(value) == 10:
                return format_date(date.fromisoformat(value))
            return format_datetime(datetime.fromisoformat(value))
        except ValueError:
            pass
    return str(value)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ]\d{2}:\d{2})", re.ASCII)


def who_when(name: str | None, when: Any) -> str:
    parts = [name or "un poste partenaire"]
    if when is not None:
        parts.append(f"le {format_datetime(when)}")
    return " ".join(parts)


class ConflictColumn(IntEnum):
    YOUTH = 0
    RECORD = 1
    FIELDS = 2
    KIND = 3
    CREATED = 4


class ConflictTableModel(TableModel[ConflictView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__((
            Column("Jeune", lambda c: c.youth_name or "—"),
            Column("Fiche", lambda c: c.entity_label),
            Column("Champs", lambda c: ", ".join(f.label for f in c.fields) or "—"),
            Column("Situation", lambda c: c.kind_label),
            Column("Depuis le", lambda c: format_datetime(c.created_at)),
        ), id_of=lambda c: c.conflict_id, parent=parent)  # fmt: skip

    def conflict(self, row: int) -> ConflictView:
        return self.line(row)


class RejectedColumn(IntEnum):
    YOUTH = 0
    CHANGE = 1
    REASON = 2
    WHEN = 3


class RejectedTableModel(TableModel[RejectedChange]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__((
            Column("Jeune", lambda r: r.youth_name or "—"),
            Column("Modification", lambda r: f"{r.entity_label} : {r.op_label}"),
            Column("Pourquoi", lambda r: r.reason_label),
            Column("Le", lambda r: format_datetime(r.parked_at)),
        ), id_of=lambda r: r.mutation_id, parent=parent)  # fmt: skip


QUARANTINE_HEADING = "Fiches reçues du serveur mises de côté (illisibles sur cet ordinateur)"


class QuarantinedColumn(IntEnum):
    YOUTH = 0
    RECORD = 1
    REASON = 2
    WHEN = 3


class QuarantinedTableModel(TableModel[QuarantinedView]):
    """Rows received from the server and set aside here: what they are and why, never their values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__((
            Column("Jeune", lambda q: q.youth_name or "—"),
            Column("Fiche", lambda q: q.entity_label),
            Column("Pourquoi", lambda q: q.reason),
            Column("Mise de côté le", lambda q: format_datetime(q.quarantined_at)),
        ), parent=parent)  # fmt: skip


class ConflictsPage(QWidget):
    """The sync area. ``resolve(conflict_id=…, choice=…, merged=…)`` runs on the db_write lane."""

    resolved = Signal(str)  # conflict id, once its resolution is saved (it leaves with the next sync)
    enrol_requested = Signal()
    retried = Signal(int)  # how many refused changes were put back in the queue (a sync should follow)

    def __init__(
        self,
        *,
        load_conflicts: Callable[[], list[ConflictView]],
        load_rejected: Callable[[], list[RejectedChange]],
        load_status: Callable[[], SyncStatus],
        resolve: Callable[..., None],
        tasks: TaskRunner,
        load_quarantined: Callable[[], list[QuarantinedView]] = list,
        retry_rejected: Callable[..., int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_page")
        self._load_conflicts = load_conflicts
        self._load_rejected = load_rejected
        self._load_quarantined = load_quarantined
        self._retry_rejected = retry_rejected
        self._load_status = load_status
        self._resolve = resolve
        self._tasks = tasks
        self._current: ConflictView | None = None
        self._merged_edits: dict[str, QLineEdit] = {}

        # Styled as the other areas (theme roles): a title, the state in a sentence, then two sections with a
        # heading each; a section with nothing in it says so in one muted line and takes no room.
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        header = QHBoxLayout()
        title = QLabel("Synchronisation", self)
        title.setObjectName("sync_title_label")
        title.setProperty("role", "title")
        self.sync_button = QPushButton("Synchroniser &maintenant", self)
        self.sync_button.setObjectName("page_sync_button")
        self.enrol_button = QPushButton("&Inscrire cet ordinateur…", self)
        self.enrol_button.setObjectName("enrol_button")
        self.enrol_button.hide()
        self.enrol_button.clicked.connect(self.enrol_requested)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.enrol_button)
        header.addWidget(self.sync_button)
        layout.addLayout(header)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("page_status_label")
        self.status_label.setWordWrap(True)
        self.last_error_label = QLabel(self)
        self.last_error_label.setObjectName("page_last_error_label")
        self.last_error_label.setProperty("role", "error")
        self.last_error_label.setWordWrap(True)
        self.last_error_label.hide()
        layout.addWidget(self.status_label)
        layout.addWidget(self.last_error_label)

        self.conflicts_label = QLabel("Conflits à résoudre", self)
        self.conflicts_label.setObjectName("conflicts_heading_label")
        self.conflicts_label.setProperty("role", "heading")
        self.conflicts_model = ConflictTableModel(self)
        self.conflicts_view = QTableView(self)
        self.conflicts_view.setObjectName("conflicts_view")
        self.conflicts_view.setModel(self.conflicts_model)
        self.conflicts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflicts_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.conflicts_view.verticalHeader().hide()
        self.conflicts_view.selectionModel().currentRowChanged.connect(self._on_conflicts_view_current_changed)
        self.empty_label = QLabel("Aucun conflit : tout ce qui a été modifié ici et ailleurs a pu être réuni.", self)
        self.empty_label.setObjectName("no_conflict_label")
        self.empty_label.setProperty("role", "muted")
        layout.addSpacing(8)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts_view, 2)
        layout.addWidget(self.empty_label)

        self.detail_box = QGroupBox("Le conflit choisi", self)
        self.detail_box.setObjectName("conflict_detail_box")
        detail_layout = QVBoxLayout(self.detail_box)
        self.detail_title = QLabel(self.detail_box)
        self.detail_title.setWordWrap(True)
        self.detail_grid = QGridLayout()
        for col in range(1, 5):  # before, mine, theirs, merged: each its share (a date and time on one line)
            self.detail_grid.setColumnStretch(col, 1)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addLayout(self.detail_grid)
        self.masked_label = QLabel(self.detail_box)
        self.masked_label.setObjectName("conflict_masked_label")
        self.masked_label.setProperty("role", "muted")
        self.masked_label.setWordWrap(True)
        self.masked_label.hide()
        detail_layout.addWidget(self.masked_label)
        buttons = QHBoxLayout()
        self.keep_mine_button = QPushButton(self.detail_box)
        self.keep_mine_button.setObjectName("keep_mine_button")
        self.keep_theirs_button = QPushButton(self.detail_box)
        self.keep_theirs_button.setObjectName("keep_theirs_button")
        self.merge_button = QPushButton("Enregistrer la valeur fusionnée", self.detail_box)
        self.merge_button.setObjectName("merge_button")
        for b in (self.keep_mine_button, self.keep_theirs_button, self.merge_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        detail_layout.addLayout(buttons)
        self.error_label = QLabel(self.detail_box)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        detail_layout.addWidget(self.error_label)
        self.keep_mine_button.clicked.connect(self._on_keep_mine_button_clicked)
        self.keep_theirs_button.clicked.connect(self._on_keep_theirs_button_clicked)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        layout.addWidget(self.detail_box)

        rejected_label = QLabel("Modifications refusées par le serveur (gardées ici)", self)
        rejected_label.setObjectName("rejected_heading_label")
        rejected_label.setProperty("role", "heading")
        self.rejected_model = RejectedTableModel(self)
        self.rejected_view = QTableView(self)
        self.rejected_view.setObjectName("rejected_view")
        self.rejected_view.setModel(self.rejected_model)
        self.rejected_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rejected_view.verticalHeader().hide()
        self.rejected_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejected_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.retry_button = QPushButton("Renvoyer en mon nom", self)
        self.retry_button.setObjectName("retry_button")
        self.retry_button.setToolTip("Renvoie au serveur les modifications choisies (toutes si aucune n'est "
                                     "choisie), comme faites par vous, une fois réglé ce qui les a fait refuser.")
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.retry_label = QLabel(self)
        self.retry_label.setObjectName("retry_label")
        self.retry_label.setWordWrap(True)
        self.no_rejected_label = QLabel("Aucune modification refusée : le serveur a accepté tout ce qui a été "
                                        "envoyé.", self)
        self.no_rejected_label.setObjectName("no_rejected_label")
        self.no_rejected_label.setProperty("role", "muted")
        layout.addSpacing(8)
        rejected_header = QHBoxLayout()
        rejected_header.addWidget(rejected_label, 1)
        rejected_header.addWidget(self.retry_button)
        layout.addLayout(rejected_header)
        layout.addWidget(self.rejected_view, 1)
        layout.addWidget(self.no_rejected_label)
        layout.addWidget(self.retry_label)

        # Issue 12: rows received from the server that this computer could not store (sync_quarantine).
        self.quarantined_label = QLabel(QUARANTINE_HEADING, self)
        self.quarantined_label.setObjectName("quarantined_heading_label")
        self.quarantined_label.setProperty("role", "heading")
        self.quarantined_model = QuarantinedTableModel(self)
        self.quarantined_view = QTableView(self)
        self.quarantined_view.setObjectName("quarantined_view")
        self.quarantined_view.setModel(self.quarantined_model)
        self.quarantined_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.quarantined_view.verticalHeader().hide()
        self.no_quarantine_label = QLabel("Aucune : tout ce que le serveur a envoyé a pu être enregistré ici.", self)
        self.no_quarantine_label.setObjectName("no_quarantine_label")
        self.no_quarantine_label.setProperty("role", "muted")
        layout.addSpacing(8)
        layout.addWidget(self.quarantined_label)
        layout.addWidget(self.quarantined_view, 1)
        layout.addWidget(self.no_quarantine_label)
        self.quarantined_view.hide()
        self._end_stretch = layout.count()
        layout.addStretch(0)  # takes the room left only when no table shows
        self._layout = layout
        self.rejected_model.modelReset.connect(self._on_rejected_model_reset)
        self._on_rejected_model_reset()
        self.conflicts_view.hide()
        self._show_conflict(None)
        self._update_stretch()

    def _update_stretch(self) -> None:
        tables = any(view.isVisibleTo(self) for view in (self.conflicts_view, self.rejected_view,
                                                          self.quarantined_view))
        self._layout.setStretch(self._end_stretch, 0 if tables else 1)

    @Slot()
    def _on_rejected_model_reset(self) -> None:
        rows = self.rejected_model.rowCount()
        self.rejected_view.setVisible(rows > 0)
        self.no_rejected_label.setVisible(rows == 0)
        self.retry_button.setVisible(rows > 0 and self._retry_rejected is not None)
        self._update_stretch()

    # --- loading ------------------------------------------------------------------------------------------

    def area_shown(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._tasks.run_task(self._load_conflicts, on_success=self._on_conflicts_loaded, lane=Lane.DB_READ,
                             owner=self)
        self._tasks.run_task(self._load_rejected, on_success=self.rejected_model.set_rows, lane=Lane.DB_READ,
                             owner=self)
        self._tasks.run_task(self._load_status, on_success=self.show_status, lane=Lane.DB_READ, owner=self)
        self._tasks.run_task(self._load_quarantined, on_success=self._on_quarantined_loaded, lane=Lane.DB_READ,
                             owner=self)

    def _on_quarantined_loaded(self, rows: list[QuarantinedView]) -> None:
        self.quarantined_model.set_rows(rows)
        self.quarantined_view.setVisible(bool(rows))
        self.no_quarantine_label.setVisible(not rows)
        self.quarantined_label.setText(f"{QUARANTINE_HEADING} ({len(rows)})" if rows else QUARANTINE_HEADING)
        self._update_stretch()

    # --- refused changes sent again -------------------------------------------------------------------------

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        if self._retry_rejected is None:
            return
        rows = sorted({i.row() for i in self.rejected_view.selectionModel().selectedRows()})
        ids = [self.rejected_model.data(self.rejected_model.index(r, 0), IdRole) for r in rows] or None
        self.retry_button.setEnabled(False)
        self._tasks.run_task(partial(self._retry_rejected, mutation_ids=ids), on_success=self._on_retried,
                             on_failure=self._on_retry_failed, lane=Lane.DB_WRITE, owner=self)

    def _on_retried(self, count: int) -> None:
        self.retry_button.setEnabled(True)
        self.retry_label.setText(
            "Aucune modification à renvoyer." if not count else
            plural(count, "modification remise", "modifications remises")
            + " en attente d'envoi, en votre nom : la synchronisation s'en charge.")
        self.retried.emit(count)
        self.refresh()

    def _on_retry_failed(self, failure: TaskFailure) -> None:
        self.retry_button.setEnabled(True)
        self.retry_label.setText(failure.message)

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        self.status_label.setText(describe(status))
        # The header says « Échec de la synchronisation »; here is why, whole.
        error = status.last_error if status.enrolled and not status.blocked_message else None
        self.last_error_label.setText(f"Dernière tentative échouée : {error}" if error else "")
        self.last_error_label.setVisible(bool(error))
        self.enrol_button.setVisible(not status.enrolled or bool(status.blocked_message))
        self.sync_button.setEnabled(status.enrolled and not status.blocked_message)

    def _on_conflicts_loaded(self, rows: list[ConflictView]) -> None:
        keep = self._current.conflict_id if self._current else None
        self.conflicts_model.set_rows(rows)
        self.conflicts_view.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self._update_stretch()
        self.conflicts_label.setText(f"Conflits à résoudre ({len(rows)})" if rows else "Conflits à résoudre")
        row = next((i for i, c in enumerate(rows) if c.conflict_id == keep), 0 if rows else None)
        if row is None:
            self._show_conflict(None)
        else:
            self.conflicts_view.selectRow(row)
            self._show_conflict(rows[row])

    @Slot(QModelIndex, QModelIndex)
    def _on_conflicts_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_conflict(self.conflicts_model.conflict(current.row()) if current.isValid() else None)

    # --- the chosen conflict --------------------------------------------------------------------------------

    def _show_conflict(self, conflict: ConflictView | None) -> None:
        self._current = conflict
        self.error_label.clear()
        while self.detail_grid.count():
            item = self.detail_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._merged_edits = {}
        self.detail_box.setVisible(conflict is not None)
        if conflict is None:
            return
        who = conflict.youth_name or conflict.entity_label
        self.detail_title.setText(f"<b>{who}</b> — {conflict.entity_label} : {conflict.kind_label}")
        mine = who_when(conflict.mine_by, conflict.mine_at)
        theirs = who_when(conflict.theirs_by, conflict.theirs_at)
        if conflict.mine_is_this_device:
            mine = f"{mine} (cet ordinateur)"
        headers = ("Champ", "Avant", f"Proposé par {mine}", f"Enregistré par {theirs}", "Valeur fusionnée")
        for col, text in enumerate(headers):
            label = QLabel(text, self.detail_box)
            label.setProperty("role", "muted")
            label.setWordWrap(True)
            self.detail_grid.addWidget(label, 0, col)
        field_clash = conflict.kind in ("field_clash", "id_collision")
        for row, f in enumerate(conflict.fields, start=1):
            self.detail_grid.addWidget(QLabel(f.label, self.detail_box), row, 0)
            mine_text = shown(f.mine) if conflict.kind != "delete_vs_update" else "(supprimé)"
            theirs_text = shown(f.theirs) if conflict.kind != "update_vs_delete" else "(supprimé)"
            texts = ((1, shown(f.base)), (2, mine_text), (3, theirs_text))
            if f.withheld:  # issue 13: the youth withdrew their consent to share: no value of their file here
                texts = ((1, WITHHELD), (2, WITHHELD), (3, WITHHELD))
            for col, text in texts:
                value = QLabel(text, self.detail_box)
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.detail_grid.addWidget(value, row, col)
            if field_clash and not f.withheld:
                edit = QLineEdit(self.detail_box)
                edit.setObjectName(f"merged_{f.field}_edit")
                edit.setAccessibleName(f"Valeur fusionnée : {f.label}")
                edit.setPlaceholderText("écrire la valeur retenue")
                self.detail_grid.addWidget(edit, row, 4)
                self._merged_edits[f.field] = edit
        visible = [f for f in conflict.fields if not f.withheld]
        self.merge_button.setVisible(field_clash and bool(visible))
        # Masked values (issue 13): offering to keep a value nobody here may see would not be honest.
        masked_clash = field_clash and conflict.masked
        note = (MASKED_NOTE + (MASKED_MERGE_NOTE if visible else "") if masked_clash
                else MASKED_DELETION_NOTE if conflict.masked else "")
        self.masked_label.setText(note)
        self.masked_label.setVisible(bool(note))
        if masked_clash:
            self.keep_mine_button.hide()
            self.keep_theirs_button.setText("Garder la valeur enregistrée")
        elif conflict.kind == "update_vs_delete":
            self.keep_mine_button.hide()
            self.keep_theirs_button.setText("Garder la suppression")
        elif conflict.kind == "delete_vs_update":
            self.keep_mine_button.show()
            self.keep_mine_button.setText("Supprimer quand même")
            self.keep_theirs_button.setText("Garder la fiche modifiée")
        else:
            self.keep_mine_button.show()
            self.keep_mine_button.setText("Garder la valeur proposée")
            self.keep_theirs_button.setText("Garder la valeur enregistrée")

    def merged_edit(self, field: str) -> QLineEdit | None:
        """The "merged value" box of a field of the conflict shown."""
        return self._merged_edits.get(field)

    def _resolve_current(self, choice: str, merged: dict[str, str] | None = None) -> None:
        conflict = self._current
        if conflict is None:
            return
        for b in (self.keep_mine_button, self.keep_theirs_button, self.merge_button):
            b.setEnabled(False)
        self._tasks.run_task(
            partial(self._resolve, conflict_id=conflict.conflict_id, choice=choice, merged=merged),
            on_success=partial(self._on_resolved, conflict.conflict_id),
            on_failure=self._on_resolve_failed,
            lane=Lane.DB_WRITE,
            owner=self,
        )

    @Slot()
    def _on_keep_mine_button_clicked(self) -> None:
        self._resolve_current("mine")

    @Slot()
    def _on_keep_theirs_button_clicked(self) -> None:
        self._resolve_current("theirs")

    @Slot()
    def _on_merge_button_clicked(self) -> None:
        merged = {field: edit.text().strip() for field, edit in self._merged_edits.items()}
        if not all(merged.values()):
            self.error_label.setText("Écrivez la valeur retenue pour chaque champ, ou gardez l'une des deux valeurs.")
            return
        self._resolve_current("merged", merged)

    def _on_resolved(self, conflict_id: str, _result: object = None) -> None:
        for b in (self.keep_mine_button, self.keep_theirs_button, self.merge_button):
            b.setEnabled(True)
        self.resolved.emit(conflict_id)
        self.refresh()

    def _on_resolve_failed(self, failure: TaskFailure) -> None:
        for b in (self.keep_mine_button, self.keep_theirs_button, self.merge_button):
            b.setEnabled(True)
        self.error_label.setText(failure.message)
