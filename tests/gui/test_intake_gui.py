"""The intake screens beyond the two full scenarios: resuming, duplicates, the speaker keys inside the main
window, the referent's cap, the checklist's links, amendments, and the item models under Qt's model tester."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from casefile_builders import make_youth
from intake_builders import fill_until_validation, make_team, new_youth
from intake_gui_helpers import (
    choose,
    click,
    click_row,
    make_page,
    row_with_id,
    settle,
    type_into,
    type_text,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import select

from pac_desktop.domain.enums import AnalysisSection, IntakeRole, IntakeState, OfferCategory
from pac_desktop.gui.intake.models import (
    CandidateModel,
    OfferFilterProxy,
    OfferModel,
    OpenIntakeModel,
    ReferentModel,
    StepModel,
)
from pac_desktop.services.intake import IntakeStep
from pac_desktop.storage.models import AnalysisNote, IntakeAmendment, JointIntake, ReferentAssignment

TIMEOUT = 10_000


@pytest.fixture
def team(loaded_services):
    return make_team(loaded_services, "tarbes")


def _open(qtbot, page, intake_id: str) -> None:
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT):
        page.open_intake(intake_id)


def test_resume_after_closing_in_the_middle_of_stage_1(qtbot, loaded_services, team, tasks, store):
    intake = loaded_services.intake
    intake_id = intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    fill_until_validation(loaded_services, team, intake_id)  # a complete intake, then more words in stage 1
    intake.set_step(intake_id=intake_id, step="participants", by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    _open(qtbot, page, intake_id)
    wizard = page.wizard
    assert wizard.current_step == IntakeStep.PARTICIPANTS
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        click(qtbot, wizard.ui.next_button)
    analysis = wizard.page(IntakeStep.ANALYSIS)
    editor = analysis.cards[AnalysisSection.FAMILY].editor
    type_into(qtbot, editor, "Vit avec sa mère et deux frères.")
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    type_into(qtbot, analysis.cards[AnalysisSection.MOBILITY].editor, "Pas de permis")  # still typing…
    # …and the window is closed at once, before the debounce: what was typed goes out on hide.
    page.close()
    qtbot.waitUntil(lambda: not wizard.autosaver.busy, timeout=TIMEOUT)
    assert tasks.wait_for_all(10_000)

    second = make_page(qtbot, loaded_services, team.lead, tasks)
    with qtbot.waitSignal(second.list_page.lines_loaded, timeout=TIMEOUT):
        second.list_page.refresh()
    view = second.list_page.ui.intakes_view
    assert "Analyse partagée" in view.model().index(0, 3).data()
    click_row(qtbot, view, 0)
    with qtbot.waitSignal(second.wizard.intake_loaded, timeout=TIMEOUT):
        qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter resumes the intake at its step
    resumed = second.wizard
    assert resumed.current_step == IntakeStep.ANALYSIS
    analysis = resumed.page(IntakeStep.ANALYSIS)
    assert analysis.current_speaker.staff_id == team.lead.staff_id
    assert analysis.cards[AnalysisSection.FAMILY].editor.toPlainText() == "Vit avec sa mère et deux frères."
    assert "Pas de permis" in analysis.cards[AnalysisSection.MOBILITY].notes_label.text()  # Paul's, shown
    qtbot.keyClick(analysis.cards[AnalysisSection.MOBILITY].editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    editor = analysis.cards[AnalysisSection.MOBILITY].editor
    assert editor.toPlainText() == "Pas de permis"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, ", vélo seulement.")
    settle(qtbot, second)
    with store.session_factory() as s:
        notes = {
            (n.author_staff_id, n.section): n.text
            for n in s.scalars(select(AnalysisNote).where(AnalysisNote.intake_id == intake_id))
        }
    mgi = team.counsellors[IntakeRole.MGI_COUNSELLOR]
    assert notes[(team.lead.staff_id, AnalysisSection.FAMILY)] == "Vit avec sa mère et deux frères."
    assert notes[(mgi.staff_id, AnalysisSection.MOBILITY)] == "Pas de permis, vélo seulement."
    assert notes[(team.lead.staff_id, AnalysisSection.SCHOOLING)] == "Sortie de seconde en décembre."


def test_new_intake_finds_the_duplicate_and_opens_it(qtbot, loaded_services, team, tasks):
    youth_id = new_youth(loaded_services, team, first="Léa", last="MARTIN", birth=date(2008, 2, 3))
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    page.start_new()
    new = page.new_page
    type_into(qtbot, new.ui.first_name_edit, "Martin")
    type_into(qtbot, new.ui.last_name_edit, "Lea")
    with qtbot.waitSignal(new.candidates_shown, timeout=TIMEOUT):
        type_into(qtbot, new.ui.birth_date_edit, "03/02/2008")
    qtbot.waitUntil(lambda: new.model.rowCount() == 1, timeout=TIMEOUT)
    candidate = new.model.candidate(0)
    assert candidate.youth_id == youth_id and candidate.strong and "inversés" in candidate.why
    # A very likely duplicate: creating needs an explicit "none of them".
    assert not new.ui.create_button.isEnabled() and new.ui.none_match_check.isVisible()
    click(qtbot, new.ui.none_match_check)
    assert new.ui.create_button.isEnabled()
    click(qtbot, new.ui.none_match_check)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT) as loaded:
        click(qtbot, new.ui.open_button)
    detail = page.wizard.detail
    assert detail.id == loaded.args[0] and detail.youth.id == youth_id
    # Opening it again from "Nouvel accueil" resumes the same intake, not a second one.
    page.start_new()
    type_into(qtbot, new.ui.first_name_edit, "Lea")
    with qtbot.waitSignal(new.candidates_shown, timeout=TIMEOUT):
        type_into(qtbot, new.ui.last_name_edit, "Martin")
    qtbot.waitUntil(lambda: new.model.rowCount() >= 1 and bool(new.model.candidate(0).open_intake_id), timeout=TIMEOUT)
    with qtbot.waitSignal(page.wizard.intake_loaded, timeout=TIMEOUT) as again:
        click(qtbot, new.ui.open_button)
    assert again.args[0] == loaded.args[0]


def test_a_new_intake_offers_the_territories_its_counsellor_may_open_one_in(qtbot, loaded_services, team, tasks):
    """A counsellor opens intakes in their own territory (issue 7): every territory was offered, and choosing
    another one was refused when the intake was created."""
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    page.start_new()
    combo = page.new_page.ui.territory_combo
    qtbot.waitUntil(lambda: combo.count() > 0, timeout=TIMEOUT)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tarbes"]
    assert combo.currentData() == team.lead.territory_id


def test_speaker_keys_inside_the_main_window(qtbot, loaded_services, team, tasks):
    from pac_desktop.app import build_main_window

    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    fill_until_validation(loaded_services, team, intake_id)
    window = build_main_window(loaded_services, team.lead, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert "intakes" in window.area_keys() and window.area_keys().index("intakes") == 1
    window.show_area("intakes")
    page = window.area_widget("intakes")
    _open(qtbot, page, intake_id)
    with qtbot.waitSignal(page.wizard.step_changed, timeout=TIMEOUT):
        page.wizard.go_to(IntakeStep.ANALYSIS)
    analysis = page.wizard.page(IntakeStep.ANALYSIS)
    qtbot.waitUntil(lambda: len(analysis.speakers) == 4, timeout=TIMEOUT)
    editor = analysis.cards[AnalysisSection.HOUSING].editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=TIMEOUT)
    for index in (2, 3, 0):
        qtbot.keyClick(editor, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert analysis.current_speaker is analysis.speakers[index]
        assert window.current_area() == "intakes"  # the navigation did not take the key
    # Elsewhere, Ctrl+1 is the navigation's again.
    page.wizard.ui.step_view.setFocus()
    qtbot.keyClick(page.wizard.ui.step_view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "home"


def test_a_full_referent_is_shown_not_selectable_and_an_admin_overrides(qtbot, loaded_services, team, tasks, store):
    full = team.referents[1]
    for i in range(50):
        make_youth(
            loaded_services, first="Suivi", last=f"Fictif{i:02d}", referent=full, followed_since=date(2026, 1, 5)
        )
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    # A counsellor: the full referent is listed with the reason, and cannot be chosen.
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    _open(qtbot, page, intake_id)
    with qtbot.waitSignal(page.wizard.step_changed, timeout=TIMEOUT):
        page.wizard.go_to(IntakeStep.REFERENT)
    referent_page = page.wizard.page(IntakeStep.REFERENT)
    view = referent_page.ui.referents_view
    qtbot.waitUntil(lambda: referent_page.referents.rowCount() == 6, timeout=TIMEOUT)
    row = row_with_id(view, full.staff_id)
    assert view.model().index(row, 2).data() == "50 / 50"
    assert view.model().index(row, 3).data() == "Complet : plafond atteint"
    assert not view.model().flags(view.model().index(row, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert "Inès Suivifictif suit déjà 50 jeunes sur 50" in referent_page.ui.referent_reason_label.text()
    assert not referent_page.ui.override_frame.isVisible()
    page.close()

    # The administrator: override with a reason, stored in the assignment.
    admin_page = make_page(qtbot, loaded_services, team.admin, tasks)
    _open(qtbot, admin_page, intake_id)
    with qtbot.waitSignal(admin_page.wizard.step_changed, timeout=TIMEOUT):
        admin_page.wizard.go_to(IntakeStep.REFERENT)
    referent_page = admin_page.wizard.page(IntakeStep.REFERENT)
    view = referent_page.ui.referents_view
    qtbot.waitUntil(lambda: referent_page.referents.rowCount() == 6, timeout=TIMEOUT)
    assert referent_page.ui.override_frame.isVisible()
    click(qtbot, referent_page.ui.override_check)
    click_row(qtbot, view, row_with_id(view, full.staff_id))
    click(qtbot, referent_page.ui.designate_button)  # no reason yet: refused, in French
    qtbot.waitUntil(lambda: "indiquez la raison" in referent_page.ui.message_label.text(), timeout=TIMEOUT)
    type_into(qtbot, referent_page.ui.override_reason_edit, "Elle suit déjà le frère aîné.")
    click(qtbot, referent_page.ui.designate_button)
    qtbot.waitUntil(lambda: "Inès Suivifictif" in referent_page.ui.current_referent_label.text(), timeout=TIMEOUT)
    assert "Plafond dépassé : Elle suit déjà le frère aîné." in referent_page.ui.current_referent_label.text()
    settle(qtbot, admin_page)
    with store.session_factory() as s:
        assignment = s.scalar(select(ReferentAssignment).where(ReferentAssignment.intake_id == intake_id))
    assert assignment.staff_id == full.staff_id and assignment.cap_override_reason == "Elle suit déjà le frère aîné."


def test_the_checklist_links_to_each_gap_and_a_locked_intake_takes_amendments(
    qtbot, loaded_services, team, tasks, store
):
    intake = loaded_services.intake
    intake_id = intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    _open(qtbot, page, intake_id)
    wizard = page.wizard
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.go_to(IntakeStep.VALIDATION)
    settle(qtbot, page)
    validation = wizard.page(IntakeStep.VALIDATION)
    assert "Il manque encore" in validation.ui.status_label.text()
    assert all(not b.isEnabled() for b in validation.validate_buttons.values())
    links = [w for w in validation._rows if hasattr(w, "linkActivated") and "Consentement" in w.text()]
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        links[0].linkActivated.emit("consent")
    assert wizard.current_step == IntakeStep.CONSENT
    # The step list marks: the referral and consent steps are not done yet.
    assert wizard.steps.state(IntakeStep.REFERRAL) == "todo" and wizard.steps.state(IntakeStep.YOUTH) == "done"

    fill_until_validation(loaded_services, team, intake_id)
    for member in team.members:
        intake.validate(intake_id=intake_id, staff_id=member.staff_id, by=member)
    _open(qtbot, page, intake_id)
    assert wizard.current_step == IntakeStep.VALIDATION and wizard.detail.locked
    assert validation.ui.locked_frame.isVisible() and validation.ui.amendments_group.isVisible()
    assert wizard.page(IntakeStep.ANALYSIS).ui.diagnosis_edit.isReadOnly()
    choose(qtbot, validation.ui.amend_field_combo, "Diagnostic partagé")
    type_into(qtbot, validation.ui.amend_value_edit, "Projet à construire, piste apprentissage.")
    type_into(qtbot, validation.ui.amend_reason_edit, "Précision demandée par la jeune.")
    with qtbot.waitSignal(wizard.detail_refreshed, timeout=TIMEOUT):
        click(qtbot, validation.ui.amend_button)
    qtbot.waitUntil(lambda: "Projet à construire." in validation.ui.amendments_label.text(), timeout=TIMEOUT)
    with store.session_factory() as s:
        (amendment,) = s.scalars(select(IntakeAmendment).where(IntakeAmendment.intake_id == intake_id)).all()
        row = s.get(JointIntake, intake_id)
    assert (amendment.old_value, amendment.new_value) == (
        "Projet à construire.",
        "Projet à construire, piste apprentissage.",
    )
    assert amendment.amended_by == team.lead.staff_id and row.state == IntakeState.VALIDATED


def test_intake_models_pass_the_model_tester(qtbot, loaded_services, team):
    intake = loaded_services.intake
    youth_id = new_youth(loaded_services, team, first="Léa", last="Martin", birth=date(2008, 2, 3))
    intake_id = intake.start(youth_id=youth_id, by=team.lead)
    detail = intake.intake_detail(intake_id=intake_id, by=team.lead)
    steps = StepModel()
    QAbstractItemModelTester(steps, QAbstractItemModelTester.FailureReportingMode.Fatal)
    steps.set_states(detail.steps)
    steps.set_current(IntakeStep.ANALYSIS)
    assert "●" in steps.index(4, 0).data() and steps.index(0, 0).data().endswith("✓")
    assert steps.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Étape 2 : Repérage, à compléter (")

    open_model = OpenIntakeModel()
    QAbstractItemModelTester(open_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    open_model.set_lines(intake.open_intakes(by=team.lead), date(2026, 3, 12))
    assert open_model.rowCount() == 1 and open_model.index(0, 0).data() == "Léa Martin, 18 ans"

    candidates = CandidateModel()
    QAbstractItemModelTester(candidates, QAbstractItemModelTester.FailureReportingMode.Fatal)
    candidates.set_candidates(intake.find_youth(by=team.lead, name="Lea Martin", birth_date=date(2008, 2, 3)))
    assert candidates.index(0, 3).data() == "100 % (très probable)"

    offers = OfferModel()
    proxy = OfferFilterProxy()
    proxy.setSourceModel(offers)
    QAbstractItemModelTester(offers, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    offers.set_offers(intake.catalogue(intake_id=intake_id))
    total = proxy.rowCount()
    proxy.set_category(OfferCategory.HOUSING)
    assert 0 < proxy.rowCount() < total
    proxy.set_search("FOYER jeunes travailleurs")
    assert proxy.rowCount() == 1
    proxy.set_category(None)
    proxy.set_search("")
    assert proxy.rowCount() == total

    referents = ReferentModel()
    QAbstractItemModelTester(referents, QAbstractItemModelTester.FailureReportingMode.Fatal)
    referents.set_choices(intake.referent_choices(intake_id=intake_id))
    referents.set_override(True)
    assert referents.rowCount() == 6 and referents.index(0, 2).data() == "0 / 50"


def test_notes_save_with_an_id_chosen_by_the_page(qtbot, loaded_services, team, tasks, store):
    """Many keystrokes, one row: the id is chosen on the first keystroke, later saves edit it."""
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    _open(qtbot, page, intake_id)
    with qtbot.waitSignal(page.wizard.step_changed, timeout=TIMEOUT):
        page.wizard.go_to(IntakeStep.ANALYSIS)
    analysis = page.wizard.page(IntakeStep.ANALYSIS)
    qtbot.waitUntil(lambda: len(analysis.speakers) == 1, timeout=TIMEOUT)
    editor = analysis.cards[AnalysisSection.STRENGTHS].editor
    for word in ("Curieuse", ", ponctuelle", ", sportive."):
        type_into(qtbot, editor, word)
        page.wizard.flush()  # as a step change would
    settle(qtbot, page)
    with store.session_factory() as s:
        notes = s.scalars(select(AnalysisNote).where(AnalysisNote.intake_id == intake_id)).all()
    assert [(n.text, n.author_staff_id) for n in notes] == [("Curieuse, ponctuelle, sportive.", team.lead.staff_id)]
    uuid.UUID(notes[0].id)
    assert page.wizard.ui.saved_label.text() == "Enregistré ✓"


def test_reopening_at_once_waits_for_the_saves_on_their_way(qtbot, loaded_services, team, tasks):
    """"Reprendre plus tard" then the same intake again at once: the fields show the words just typed."""
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    page = make_page(qtbot, loaded_services, team.lead, tasks)
    _open(qtbot, page, intake_id)
    youth = page.wizard.page(IntakeStep.YOUTH).ui
    type_into(qtbot, youth.town_edit, "Lourdes")
    click(qtbot, page.wizard.ui.close_button)  # flushes; the save is queued on the write lane
    _open(qtbot, page, intake_id)  # at once, without waiting for it
    assert youth.town_edit.text() == "Lourdes"
    assert page.wizard.detail.youth.town == "Lourdes"
