"""Step 1 of the wizard: the youth (identity, contact, schooling)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QWidget,
)

from pac_desktop.domain.enums import Sex
from pac_desktop.domain.french import format_phone
from pac_desktop.services.intake import (
    IntakeDetail,
    IntakeStep,
)

from ..forms.ui_intake_youth_page import Ui_IntakeYouthPage
from .common import StepPage, date_text, set_combo_data

if TYPE_CHECKING:
    from .step_host import StepHost


class YouthPage(StepPage):
    step = IntakeStep.YOUTH

    def __init__(self, host: StepHost) -> None:
        super().__init__(host)
        self.ui = Ui_IntakeYouthPage()
        self.ui.setupUi(self)
        ui = self.ui
        ui.sex_combo.addItem("Non renseigné", None)  # the same words as the case file
        for sex in Sex:
            ui.sex_combo.addItem(sex.label, sex.value)
        for edit, field in (
            (ui.first_name_edit, "youth.first_name"),
            (ui.last_name_edit, "youth.last_name"),
            (ui.phone_edit, "youth.phone"),
            (ui.email_edit, "youth.email"),
            (ui.address_edit, "youth.address"),
            (ui.postcode_edit, "youth.postcode"),
            (ui.town_edit, "youth.town"),
            (ui.last_class_edit, "youth.last_class"),
        ):
            self.bind_text(edit, field)
        self.bind_date(ui.birth_date_edit, "youth.birth_date")
        self.bind_combo(ui.sex_combo, "youth.sex")
        self.bind_check(ui.newly_arrived_check, "youth.newly_arrived")
        self.bind_check(ui.priority_area_check, "youth.lives_in_priority_area")

    def fill(self, detail: IntakeDetail) -> None:
        y = detail.youth
        ui = self.ui
        ui.first_name_edit.setText(y.first_name)
        ui.last_name_edit.setText(y.last_name)
        ui.birth_date_edit.setText(date_text(y.birth_date))
        set_combo_data(ui.sex_combo, y.sex.value if y.sex else None)
        ui.phone_edit.setText(format_phone(y.phone) if y.phone else "")  # « 06 12 34 56 78 », as the case file
        ui.email_edit.setText(y.email or "")
        ui.address_edit.setText(y.address or "")
        ui.postcode_edit.setText(y.postcode or "")
        ui.town_edit.setText(y.town or "")
        ui.last_class_edit.setText(y.last_class or "")
        ui.newly_arrived_check.setChecked(y.newly_arrived)
        ui.priority_area_check.setChecked(y.lives_in_priority_area)

    def first_focus(self) -> QWidget:
        return self.ui.first_name_edit
