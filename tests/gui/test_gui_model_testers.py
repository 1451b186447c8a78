"""Qt's own model checker (QAbstractItemModelTester, through pytest-qt's qtmodeltester) on the models built from
plain rows: the generic lines model, the check list, the intake's steps, candidates and referents (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pac_desktop.domain.enums import YouthStatus
from pac_desktop.gui.intake.models import CandidateModel, ReferentModel, StepModel
from pac_desktop.gui.youths.tables import CheckListModel, Column, LinesModel
from pac_desktop.services.choices import ReferentChoice
from pac_desktop.services.intake import IntakeStep, StepState, YouthCandidate


@dataclass(frozen=True)
class _Line:
    id: str
    name: str


def test_lines_model(qtmodeltester):
    model = LinesModel((Column("Nom", lambda line: line.name), Column("Id", lambda line: line.id)),
                       id_of=lambda line: line.id)
    qtmodeltester.check(model)
    model.set_lines([_Line("a", "Awa Testfictive"), _Line("b", "Noé Testfictif")])
    qtmodeltester.check(model)
    model.set_lines([])
    qtmodeltester.check(model)


def test_check_list_model(qtmodeltester):
    model = CheckListModel()
    model.set_items([("a", "Awa Testfictive"), ("b", "Noé Testfictif")])
    model.set_checked("b", True)
    qtmodeltester.check(model)
    model.set_items([("c", "Lina Testessai")])  # "b" stays, checked, first
    assert model.checked_ids() == ["b"]
    qtmodeltester.check(model)


def test_referent_model(qtmodeltester):
    model = ReferentModel()
    qtmodeltester.check(model)
    model.set_choices([
        ReferentChoice("s1", "Hugo Referentest", "ML Tarbes", 3, 30),
        ReferentChoice("s2", "Inès Suivifictif", "MGI Tarbes", 30, 30, selectable=False, reason="Plafond atteint."),
    ])
    qtmodeltester.check(model)
    model.set_override(True)
    qtmodeltester.check(model)


def test_step_model(qtmodeltester):
    model = StepModel()
    qtmodeltester.check(model)
    model.set_states([StepState(IntakeStep.YOUTH, True, 0), StepState(IntakeStep.REFERRAL, False, 2)])
    model.set_current(IntakeStep.REFERRAL)
    qtmodeltester.check(model)


def test_candidate_model(qtmodeltester):
    model = CandidateModel()
    qtmodeltester.check(model)
    model.set_candidates([
        YouthCandidate("y1", "Léa", "Testfictive", date(2008, 11, 20), "Tarbes", YouthStatus.REFERRED, 92, True,
                       ("même date de naissance",), None),
        YouthCandidate("y2", "Lea", "Testessai", date(2007, 1, 2), "Ariège", YouthStatus.FOLLOWED, 60, False, (),
                       "i1"),
    ])
    qtmodeltester.check(model)
