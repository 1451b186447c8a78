"""What every page of the intake wizard shares: the base class, field bindings for autosave, small helpers."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_date_short, parse_date_fr
from pac_desktop.services.intake import IntakeDetail, IntakeStep

from .. import theme

if TYPE_CHECKING:
    from .step_host import StepHost

# The speakers' colours at stage 1, by participant position: distinct hues, each ≥ 4.5:1 against white text.
SPEAKER_COLOURS = ("#1f4e9c", "#9a4d00", "#1e7b4f", "#6b3fa0", "#a4262c", "#00617a")


def speaker_colour(position: int | None) -> str:
    return SPEAKER_COLOURS[(position or 0) % len(SPEAKER_COLOURS)]


def chip_html(initials: str, colour: str) -> str:
    """An author's initials on their colour, for rich-text labels (the name is always written beside it)."""
    return (
        f'<span style="background-color:{colour}; color:#ffffff; font-weight:600;">'
        f"&nbsp;{html.escape(initials)}&nbsp;</span>"
    )


def text_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def date_text(value: date | None) -> str:
    return format_date_short(value) if value else ""


def parse_optional_date(text: str) -> date | None:
    """A date typed in a field, None when empty; raises DateParseError (French) when it is not a date."""
    return parse_date_fr(text) if text.strip() else None


def is_enter(event: QEvent) -> bool:
    """A key press of Return or Enter (a list takes it as « choose this row »)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    )


def set_combo_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def set_text_if_idle(edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Fill a field from the store unless the user is typing in it (what they type wins)."""
    if edit.hasFocus():
        return
    if isinstance(edit, QLineEdit):
        if edit.text() != text:
            edit.setText(text)
    elif edit.toPlainText() != text:
        edit.setPlainText(text)


class StepPage(QWidget):
    """One page of the wizard. ``load`` fills the fields from a fresh detail (on opening the intake);
    ``refresh`` updates what the page shows without touching what is being typed.
    """

    step: IntakeStep

    def __init__(self, host: StepHost) -> None:
        super().__init__()
        self.host = host
        self._loading = False
        self._locked = False
        self.ui: Any = None
        self._field_errors: dict[str, QLabel] = {}  # field → the error label shown under its edit

    # --- to override --------------------------------------------------------------------------------------

    def fill(self, detail: IntakeDetail) -> None:
        """Put the stored values in the fields (called with signals of user edits ignored)."""

    def refresh(self, detail: IntakeDetail) -> None:
        """Update the displays (eligibility, lists, checklist) after a save or a reload."""

    def page_shown(self) -> None:
        """The page came to the front: load the lists it needs (catalogue, referents…)."""

    def first_focus(self) -> QWidget | None:
        return None

    def editable_widgets(self) -> list[QWidget]:
        """Everything that edits the intake, disabled when it is locked (validated)."""
        return [
            w
            for w in self.findChildren(QWidget)
            if isinstance(w, QLineEdit | QPlainTextEdit | QComboBox | QCheckBox | QAbstractButton)
            and not w.property("keep_enabled")
        ]

    # --- shared behaviour ---------------------------------------------------------------------------------

    def load(self, detail: IntakeDetail) -> None:
        for field in list(self._field_errors):
            self.set_field_error(field, None, "")
        with self.loading():
            self.fill(detail)
        self.refresh(detail)
        self.set_locked(detail.locked)

    @contextmanager
    def loading(self) -> Iterator[None]:
        previous, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = previous

    @property
    def is_loading(self) -> bool:
        return self._loading

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        for widget in self.editable_widgets():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(locked)  # still readable, selectable, in the tab order
            else:
                widget.setEnabled(not locked)

    @property
    def locked(self) -> bool:
        return self._locked

    def show_message(self, text: str) -> None:
        label: QLabel | None = getattr(self.ui, "message_label", None) if self.ui is not None else None
        if label is None:
            return
        label.setText(text)
        label.setVisible(bool(text))

    # --- bindings: a field of the form → save_field ------------------------------------------------------

    def bind_text(self, edit: QLineEdit, field: str) -> None:
        edit.textEdited.connect(lambda text: self._save(field, text, debounce=True))

    def bind_plain(self, edit: QPlainTextEdit, field: str) -> None:
        edit.textChanged.connect(lambda: self._loading or self._save(field, edit.toPlainText(), debounce=True))

    def bind_date(self, edit: QLineEdit, field: str) -> None:
        edit.textEdited.connect(lambda text: self._save_date(edit, field, text, finished=False))
        # Leaving the field says at once what is wrong with it (while typing, only from 8 characters on).
        edit.editingFinished.connect(lambda: self._save_date(edit, field, edit.text(), finished=True))

    def bind_check(self, check: QCheckBox, field: str) -> None:
        check.clicked.connect(lambda checked: self._save(field, bool(checked), debounce=False))

    def bind_combo(self, combo: QComboBox, field: str) -> None:
        combo.activated.connect(lambda _i: self._save(field, combo.currentData(), debounce=False))

    def _save(self, field: str, value: Any, *, debounce: bool) -> None:
        if self._loading or self._locked:
            return
        self.show_message("")
        self.host.save_field(field, value, debounce=debounce)

    def _save_date(self, edit: QLineEdit, field: str, text: str, *, finished: bool) -> None:
        if self._loading or self._locked:
            return
        try:
            value = parse_optional_date(text)
        except DomainError as error:
            # Not a date yet (still being typed, or a typo): nothing is saved until it is one, and the header
            # says so, so that « Enregistré ✓ » is never untrue.
            self.host.discard_save(field)
            self.host.set_field_unsaved(field, field_label(edit))
            if finished or len(text.strip()) >= 8:
                self.set_field_error(field, edit, str(error))
            return
        self.set_field_error(field, edit, "")
        self.host.set_field_unsaved(field, None)
        if not finished:
            self._save(field, value, debounce=True)

    def set_field_error(self, field: str, edit: QWidget | None, message: str) -> None:
        """Show ``message`` right under the field (an empty message hides it)."""
        label = self._field_errors.get(field)
        if label is None:
            if not message or edit is None:
                return
            label = QLabel(self)
            label.setObjectName(f"{edit.objectName()}_error_label")
            label.setWordWrap(True)
            theme.set_role(label, "error")
            _insert_under(edit, label)
            self._field_errors[field] = label
        label.setText(message)
        label.setVisible(bool(message))
        if edit is not None:
            edit.setAccessibleDescription(message)

    def field_error(self, field: str) -> str:
        label = self._field_errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def field_label(edit: QWidget) -> str:
    """The words of a field's label in its form (« Date de naissance »), without the mnemonic or the colon."""
    parent = edit.parentWidget()
    layout = _layout_holding(parent.layout() if parent is not None else None, edit)
    if isinstance(layout, QFormLayout):
        label = layout.labelForField(edit)
        if isinstance(label, QLabel):
            return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :")
    return edit.accessibleName() or edit.objectName()


def _layout_holding(layout: Any, widget: QWidget) -> Any:
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        child = layout.itemAt(i).layout()
        found = _layout_holding(child, widget) if child is not None else None
        if found is not None:
            return found
    return None


def _insert_under(edit: QWidget, label: QLabel) -> None:
    parent = edit.parentWidget()
    layout = _layout_holding(parent.layout() if parent is not None else None, edit)
    if isinstance(layout, QFormLayout):
        row, _role = layout.getWidgetPosition(edit)
        layout.insertRow(row + 1, "", label)
    elif isinstance(layout, QBoxLayout):
        layout.insertWidget(layout.indexOf(edit) + 1, label)
    else:
        label.setParent(parent)
