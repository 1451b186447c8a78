"""Step 5, stage 1: the shared analysis. Three or four counsellors share the screen; chips say who speaks.

Each section has one editor: the note of the counsellor speaking now (one note per author and section, made
on the first keystroke with an id chosen here, so repeated autosaves edit the same row). The notes of the
others show above it, each with its author's colour AND initials and name. Ctrl+1…4 (or a click on a chip)
switches the author of what is typed next; while the page has the focus those keys are taken from the main
window's navigation (QEvent.ShortcutOverride).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pac_desktop.domain.enums import SENSITIVE_SECTIONS, AnalysisSection, Barrier
from pac_desktop.services.intake import IntakeDetail, IntakeService, IntakeStep, ParticipantInfo

from .. import icons, theme
from ..forms.ui_intake_analysis_page import Ui_IntakeAnalysisPage
from .common import StepPage, chip_html, set_text_if_idle, speaker_colour, text_html

if TYPE_CHECKING:
    from .step_host import StepHost

SPEAKER_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6)


@dataclass
class _Note:
    note_id: str
    text: str


@dataclass(frozen=True)
class Speaker:
    staff_id: str
    name: str
    initials: str
    colour: str
    position: int


class SectionCard(QFrame):
    """One section of stage 1: its title, the others' notes, the editor of the speaker's note."""

    def __init__(self, section: AnalysisSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"section_{section.value}")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        title_row = QHBoxLayout()
        self.title_label = QLabel(section.label)
        self.title_label.setProperty("role", "heading")
        title_row.addWidget(self.title_label)
        if section in SENSITIVE_SECTIONS:
            # Marked with an icon AND words, never colour alone.
            lock = QLabel()
            lock.setPixmap(icons.pixmap(icons.LOCK, 18, theme.WARNING))
            tag = QLabel("Sensible : à ne pas laisser à l'écran")
            tag.setProperty("role", "warning")
            tag.setObjectName(f"sensitive_{section.value}_label")
            title_row.addWidget(lock)
            title_row.addWidget(tag)
            self.setStyleSheet(f"QFrame#{self.objectName()} {{ border-left: 4px solid {theme.WARNING}; }}")
        title_row.addStretch(1)
        layout.addLayout(title_row)
        self.notes_label = QLabel()
        self.notes_label.setObjectName(f"notes_{section.value}_label")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.RichText)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes_label)
        self.author_label = QLabel()
        self.author_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.author_label)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName(f"note_{section.value}_edit")
        self.editor.setTabChangesFocus(True)  # Tab goes on to the next section; Enter makes a new line
        self.editor.setAccessibleName(f"Note : {section.label}")
        self.editor.document().documentLayout().documentSizeChanged.connect(self._fit_editor)
        self._fit_editor()
        layout.addWidget(self.editor)
        self.author_label.setBuddy(self.editor)
        self.barrier_checks: dict[Barrier, QCheckBox] = {}
        if section == AnalysisSection.BARRIERS:
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            for i, barrier in enumerate(Barrier):
                check = QCheckBox(barrier.label)
                check.setObjectName(f"barrier_{barrier.value}_check")
                grid.addWidget(check, i // 2, i % 2)
                self.barrier_checks[barrier] = check
            layout.insertLayout(1, grid)

    #: A note box grows with what is typed, from 2 to 12 lines (the page scrolls, not the box); longer, it scrolls.
    MIN_LINES, MAX_LINES = 2, 12

    def _fit_editor(self, *_args: object) -> None:
        editor = self.editor
        # QPlainTextEdit's document layout counts its size in lines (wrapped lines included).
        content = int(editor.document().documentLayout().documentSize().height())
        lines = max(self.MIN_LINES, min(self.MAX_LINES, content))
        height = lines * editor.fontMetrics().lineSpacing() + 2 * int(editor.document().documentMargin()) \
            + 2 * editor.frameWidth() + 4
        editor.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if content > self.MAX_LINES
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if editor.height() != height:
            editor.setFixedHeight(height)

    def show_speaker(self, speaker: Speaker | None) -> None:
        if speaker is None:
            self.author_label.setText("Choisissez qui parle pour écrire une note.")
            self.editor.setPlaceholderText("")
            return
        self.author_label.setText(f"{chip_html(speaker.initials, speaker.colour)} Note de <b>{speaker.name}</b>")
        self.editor.setPlaceholderText(
            f"{speaker.initials} — {speaker.name} : ce qui est dit sur « {self.section.label} »…"
        )
        self.editor.setAccessibleName(f"Note de {speaker.name} : {self.section.label}")
        self.editor.setStyleSheet(
            f"QPlainTextEdit {{ border: 1px solid {theme.BORDER}; border-left: 4px solid {speaker.colour}; }}"
        )

    def show_notes(self, notes: list[tuple[Speaker, str]]) -> None:
        lines = [
            f"{chip_html(s.initials, s.colour)} <b>{text_html(s.name)}</b> : {text_html(text)}"
            for s, text in notes
            if text.strip()
        ]
        self.notes_label.setText("<br>".join(lines))
        self.notes_label.setVisible(bool(lines))


class AnalysisPage(StepPage):
    step = IntakeStep.ANALYSIS

    speaker_changed = Signal(str)  # staff id of the counsellor whose words are typed now

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
        self.ui = Ui_IntakeAnalysisPage()
        self.ui.setupUi(self)
        self.speakers: list[Speaker] = []
        self.current_speaker: Speaker | None = None
        self._chips: list[QToolButton] = []
        self._chip_group = QButtonGroup(self)
        self._chip_group.setExclusive(True)
        self._notes: dict[tuple[AnalysisSection, str], _Note] = {}
        self._authors: dict[str, Speaker] = {}
        self.cards: dict[AnalysisSection, SectionCard] = {}
        for section in AnalysisSection:
            card = SectionCard(section)
            card.editor.textChanged.connect(partial(self._on_editor_text_changed, section))
            for barrier, check in card.barrier_checks.items():
                check.clicked.connect(lambda checked, b=barrier: self._on_barrier_clicked(b, checked))
            self.ui.sections_layout.addWidget(card)
            self.cards[section] = card
        self.bind_plain(self.ui.diagnosis_edit, "intake.shared_diagnosis")
        self.bind_check(self.ui.agreed_check, "intake.diagnosis_agreed")
        for widget in self._key_widgets():
            widget.installEventFilter(self)
        # Tab order: sections in order, then the diagnosis.
        previous: QWidget = self.ui.speaker_frame
        for card in self.cards.values():
            for widget in [*card.barrier_checks.values(), card.editor]:
                QWidget.setTabOrder(previous, widget)
                previous = widget
        QWidget.setTabOrder(previous, self.ui.diagnosis_edit)
        QWidget.setTabOrder(self.ui.diagnosis_edit, self.ui.agreed_check)

    def _key_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = [self, self.ui.diagnosis_edit, self.ui.agreed_check, self.ui.scroll_area]
        for card in self.cards.values():
            widgets.append(card.editor)
            widgets.extend(card.barrier_checks.values())
        return widgets

    # --- loading ----------------------------------------------------------------------------------------------

    def fill(self, detail: IntakeDetail) -> None:
        self._notes.clear()
        self._authors.clear()
        for note in detail.notes:
            if note.author_staff_id is None:
                continue
            # The latest note of an author in a section is the one their editor continues.
            self._notes[(note.section, note.author_staff_id)] = _Note(note.id, note.text)
            self._authors[note.author_staff_id] = Speaker(
                note.author_staff_id,
                note.author_name or "",
                note.author_initials or "?",
                speaker_colour(note.author_position),
                note.author_position if note.author_position is not None else 99,
            )
        self.ui.diagnosis_edit.setPlainText(detail.shared_diagnosis)
        self.ui.agreed_check.setChecked(detail.diagnosis_agreed)
        for barrier, check in self.cards[AnalysisSection.BARRIERS].barrier_checks.items():
            check.setChecked(barrier in detail.barriers)
        self._set_speakers(detail.present_counsellors, keep=False)

    def refresh(self, detail: IntakeDetail) -> None:
        present = tuple(p.staff_id for p in detail.present_counsellors)
        if present != tuple(s.staff_id for s in self.speakers):
            with self.loading():
                self._set_speakers(detail.present_counsellors, keep=True)
        if self.locked:  # an amendment may have changed it
            with self.loading():
                set_text_if_idle(self.ui.diagnosis_edit, detail.shared_diagnosis)

    def _set_speakers(self, counsellors: tuple[ParticipantInfo, ...], *, keep: bool) -> None:
        for chip in self._chips:
            self._chip_group.removeButton(chip)
            self.ui.chips_layout.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        self.speakers = [
            Speaker(p.staff_id or "", p.staff_name or "", p.initials or "?", speaker_colour(p.position), p.position)
            for p in counsellors
            if p.staff_id
        ]
        for s in self.speakers:
            self._authors[s.staff_id] = s
        for i, speaker in enumerate(self.speakers):
            chip = QToolButton()
            chip.setObjectName(f"speaker_chip_{i + 1}")
            chip.setCheckable(True)
            chip.setText(speaker.initials)
            shortcut = f"Ctrl+{i + 1}" if i < len(SPEAKER_KEYS) else ""
            chip.setToolTip(f"{speaker.name} parle ({shortcut})" if shortcut else speaker.name)
            chip.setAccessibleName(f"{speaker.name} parle")
            chip.setProperty("keep_enabled", True)
            chip.setStyleSheet(
                f"QToolButton {{ background: #ffffff; color: {speaker.colour}; border: 2px solid {speaker.colour};"
                " border-radius: 14px; padding: 4px 10px; font-weight: 700; }"
                f"QToolButton:checked {{ background: {speaker.colour}; color: #ffffff; }}"
            )
            chip.clicked.connect(lambda _checked=False, sid=speaker.staff_id: self.set_speaker(sid))
            chip.installEventFilter(self)
            self._chip_group.addButton(chip, i)
            self.ui.chips_layout.addWidget(chip)
            self._chips.append(chip)
        n = len(self.speakers)
        self.ui.speaker_hint_label.setText(f"Ctrl+1…{n} pour changer" if n > 1 else "")
        wanted = self.current_speaker.staff_id if keep and self.current_speaker else self.host.actor.staff_id
        if not any(s.staff_id == wanted for s in self.speakers):
            wanted = self.speakers[0].staff_id if self.speakers else ""
        self.set_speaker(wanted, flush=False)

    # --- who is speaking -------------------------------------------------------------------------------------

    @Slot(str)
    def set_speaker(self, staff_id: str, flush: bool = True) -> None:
        speaker = next((s for s in self.speakers if s.staff_id == staff_id), None)
        if flush:
            self.host.flush()  # what the previous speaker typed goes out under their name first
        self.current_speaker = speaker
        for chip, s in zip(self._chips, self.speakers, strict=True):
            chip.setChecked(s is speaker)
        if speaker is None:
            self.ui.speaker_name_label.setText("Personne n'est indiqué comme présent : voyez l'étape Participants.")
        else:
            self.ui.speaker_name_label.setText(f"{chip_html(speaker.initials, speaker.colour)} <b>{speaker.name}</b>")
        with self.loading():
            for section, card in self.cards.items():
                card.show_speaker(speaker)
                note = self._notes.get((section, speaker.staff_id)) if speaker else None
                text = note.text if note else ""
                if card.editor.toPlainText() != text:
                    card.editor.setPlainText(text)
                card.editor.setReadOnly(speaker is None or self.locked)
                self._show_others(section)
        if speaker is not None:
            self.speaker_changed.emit(speaker.staff_id)

    def _show_others(self, section: AnalysisSection) -> None:
        current = self.current_speaker.staff_id if self.current_speaker else None
        notes = [
            (self._authors.get(author) or Speaker(author, "", "?", speaker_colour(None), 99), note.text)
            for (sec, author), note in self._notes.items()
            if sec == section and author != current
        ]
        notes.sort(key=lambda pair: pair[0].position)
        self.cards[section].show_notes(notes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            index = self._speaker_key(event)
            if index is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key is ours, not the main window's navigation
                    return True
                self.set_speaker(self.speakers[index].staff_id)
                return True
        return super().eventFilter(watched, event)

    def _speaker_key(self, event: QKeyEvent) -> int | None:
        if event.modifiers() != Qt.KeyboardModifier.ControlModifier:
            return None
        try:
            index = SPEAKER_KEYS.index(Qt.Key(event.key()))
        except ValueError:
            return None
        return index if index < len(self.speakers) else None

    # --- saving -------------------------------------------------------------------------------------------------

    def _on_editor_text_changed(self, section: AnalysisSection) -> None:
        if self.is_loading or self.locked or self.current_speaker is None:
            return
        author = self.current_speaker.staff_id
        text = self.cards[section].editor.toPlainText()
        note = self._notes.get((section, author))
        if note is None:
            note = self._notes[(section, author)] = _Note(str(uuid.uuid4()), text)
        note.text = text
        self.host.save(
            f"note:{note.note_id}",
            IntakeService.save_note,
            debounce=True,
            intake_id=self.host.intake_id,
            note_id=note.note_id,
            section=section,
            author_staff_id=author,
            text=text,
        )

    def _on_barrier_clicked(self, barrier: Barrier, checked: bool) -> None:
        if self.is_loading or self.locked:
            return
        self.host.save(
            f"barrier:{barrier.value}",
            IntakeService.set_barrier,
            debounce=False,
            intake_id=self.host.intake_id,
            barrier=barrier,
            checked=bool(checked),
        )

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        for chip in self._chips:
            chip.setEnabled(True)  # browsing a locked intake still shows each author's notes

    def first_focus(self) -> QWidget:
        return self.cards[AnalysisSection.SCHOOLING].editor
