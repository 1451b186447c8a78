# generated from ui/casefile/case_file_window.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFormLayout, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QTabWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_CaseFileWindow(object):
    def setupUi(self, CaseFileWindow):
        if not CaseFileWindow.objectName():
            CaseFileWindow.setObjectName(u"CaseFileWindow")
        self.window_layout = QVBoxLayout(CaseFileWindow)
        self.window_layout.setSpacing(0)
        self.window_layout.setObjectName(u"window_layout")
        self.window_layout.setContentsMargins(0, 0, 0, 0)
        self.header_frame = QFrame(CaseFileWindow)
        self.header_frame.setObjectName(u"header_frame")
        self.header_layout = QHBoxLayout(self.header_frame)
        self.header_layout.setSpacing(12)
        self.header_layout.setObjectName(u"header_layout")
        self.header_layout.setContentsMargins(20, 12, 20, 12)
        self.header_text_layout = QVBoxLayout()
        self.header_text_layout.setSpacing(2)
        self.header_text_layout.setObjectName(u"header_text_layout")
        self.name_label = QLabel(self.header_frame)
        self.name_label.setObjectName(u"name_label")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header_text_layout.addWidget(self.name_label)

        self.details_label = QLabel(self.header_frame)
        self.details_label.setObjectName(u"details_label")
        self.details_label.setWordWrap(True)

        self.header_text_layout.addWidget(self.details_label)


        self.header_layout.addLayout(self.header_text_layout)

        self.status_icon_label = QLabel(self.header_frame)
        self.status_icon_label.setObjectName(u"status_icon_label")

        self.header_layout.addWidget(self.status_icon_label)

        self.status_label = QLabel(self.header_frame)
        self.status_label.setObjectName(u"status_label")

        self.header_layout.addWidget(self.status_label)

        self.change_referent_button = QPushButton(self.header_frame)
        self.change_referent_button.setObjectName(u"change_referent_button")

        self.header_layout.addWidget(self.change_referent_button)

        self.exit_button = QPushButton(self.header_frame)
        self.exit_button.setObjectName(u"exit_button")

        self.header_layout.addWidget(self.exit_button)

        self.header_layout.setStretch(0, 1)

        self.window_layout.addWidget(self.header_frame)

        self.body_layout = QVBoxLayout()
        self.body_layout.setSpacing(10)
        self.body_layout.setObjectName(u"body_layout")
        self.body_layout.setContentsMargins(20, 12, 20, 16)
        self.notice_frame = QFrame(CaseFileWindow)
        self.notice_frame.setObjectName(u"notice_frame")
        self.notice_layout = QHBoxLayout(self.notice_frame)
        self.notice_layout.setObjectName(u"notice_layout")
        self.notice_layout.setContentsMargins(10, 6, 10, 6)
        self.notice_icon_label = QLabel(self.notice_frame)
        self.notice_icon_label.setObjectName(u"notice_icon_label")

        self.notice_layout.addWidget(self.notice_icon_label)

        self.notice_label = QLabel(self.notice_frame)
        self.notice_label.setObjectName(u"notice_label")
        self.notice_label.setWordWrap(True)

        self.notice_layout.addWidget(self.notice_label)

        self.notice_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.notice_layout.addItem(self.notice_spacer)


        self.body_layout.addWidget(self.notice_frame)

        self.tabs = QTabWidget(CaseFileWindow)
        self.tabs.setObjectName(u"tabs")
        self.identity_tab = QWidget()
        self.identity_tab.setObjectName(u"identity_tab")
        self.identity_tab_layout = QHBoxLayout(self.identity_tab)
        self.identity_tab_layout.setSpacing(16)
        self.identity_tab_layout.setObjectName(u"identity_tab_layout")
        self.identity_left_layout = QVBoxLayout()
        self.identity_left_layout.setSpacing(8)
        self.identity_left_layout.setObjectName(u"identity_left_layout")
        self.identity_form = QFormLayout()
        self.identity_form.setObjectName(u"identity_form")
        self.first_name_label = QLabel(self.identity_tab)
        self.first_name_label.setObjectName(u"first_name_label")

        self.identity_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name_edit = QLineEdit(self.identity_tab)
        self.first_name_edit.setObjectName(u"first_name_edit")

        self.identity_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_name_edit)

        self.last_name_label = QLabel(self.identity_tab)
        self.last_name_label.setObjectName(u"last_name_label")

        self.identity_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name_edit = QLineEdit(self.identity_tab)
        self.last_name_edit.setObjectName(u"last_name_edit")

        self.identity_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.last_name_edit)

        self.birth_date_label = QLabel(self.identity_tab)
        self.birth_date_label.setObjectName(u"birth_date_label")

        self.identity_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.birth_date_label)

        self.birth_date_edit = QLineEdit(self.identity_tab)
        self.birth_date_edit.setObjectName(u"birth_date_edit")

        self.identity_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.birth_date_edit)

        self.sex_label = QLabel(self.identity_tab)
        self.sex_label.setObjectName(u"sex_label")

        self.identity_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sex_label)

        self.sex_combo = QComboBox(self.identity_tab)
        self.sex_combo.setObjectName(u"sex_combo")

        self.identity_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sex_combo)

        self.phone_label = QLabel(self.identity_tab)
        self.phone_label.setObjectName(u"phone_label")

        self.identity_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone_edit = QLineEdit(self.identity_tab)
        self.phone_edit.setObjectName(u"phone_edit")

        self.identity_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.email_label = QLabel(self.identity_tab)
        self.email_label.setObjectName(u"email_label")

        self.identity_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email_edit = QLineEdit(self.identity_tab)
        self.email_edit.setObjectName(u"email_edit")

        self.identity_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.email_edit)

        self.address_label = QLabel(self.identity_tab)
        self.address_label.setObjectName(u"address_label")

        self.identity_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address_edit = QLineEdit(self.identity_tab)
        self.address_edit.setObjectName(u"address_edit")

        self.identity_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.address_edit)

        self.postcode_label = QLabel(self.identity_tab)
        self.postcode_label.setObjectName(u"postcode_label")

        self.identity_form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.postcode_label)

        self.postcode_edit = QLineEdit(self.identity_tab)
        self.postcode_edit.setObjectName(u"postcode_edit")
        self.postcode_edit.setMaxLength(5)

        self.identity_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.postcode_edit)

        self.town_label = QLabel(self.identity_tab)
        self.town_label.setObjectName(u"town_label")

        self.identity_form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.town_label)

        self.town_edit = QLineEdit(self.identity_tab)
        self.town_edit.setObjectName(u"town_edit")

        self.identity_form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.town_edit)

        self.priority_area_check = QCheckBox(self.identity_tab)
        self.priority_area_check.setObjectName(u"priority_area_check")

        self.identity_form.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.priority_area_check)

        self.newly_arrived_check = QCheckBox(self.identity_tab)
        self.newly_arrived_check.setObjectName(u"newly_arrived_check")

        self.identity_form.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.newly_arrived_check)


        self.identity_left_layout.addLayout(self.identity_form)

        self.identity_buttons_layout = QHBoxLayout()
        self.identity_buttons_layout.setObjectName(u"identity_buttons_layout")
        self.save_identity_button = QPushButton(self.identity_tab)
        self.save_identity_button.setObjectName(u"save_identity_button")

        self.identity_buttons_layout.addWidget(self.save_identity_button)

        self.revert_identity_button = QPushButton(self.identity_tab)
        self.revert_identity_button.setObjectName(u"revert_identity_button")

        self.identity_buttons_layout.addWidget(self.revert_identity_button)

        self.identity_buttons_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.identity_buttons_layout.addItem(self.identity_buttons_spacer)


        self.identity_left_layout.addLayout(self.identity_buttons_layout)

        self.guardians_title_label = QLabel(self.identity_tab)
        self.guardians_title_label.setObjectName(u"guardians_title_label")

        self.identity_left_layout.addWidget(self.guardians_title_label)

        self.guardians_label = QLabel(self.identity_tab)
        self.guardians_label.setObjectName(u"guardians_label")
        self.guardians_label.setWordWrap(True)
        self.guardians_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.identity_left_layout.addWidget(self.guardians_label)

        self.guardian_buttons_layout = QHBoxLayout()
        self.guardian_buttons_layout.setObjectName(u"guardian_buttons_layout")
        self.add_guardian_button = QPushButton(self.identity_tab)
        self.add_guardian_button.setObjectName(u"add_guardian_button")

        self.guardian_buttons_layout.addWidget(self.add_guardian_button)

        self.guardian_buttons_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.guardian_buttons_layout.addItem(self.guardian_buttons_spacer)


        self.identity_left_layout.addLayout(self.guardian_buttons_layout)

        self.identity_left_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.identity_left_layout.addItem(self.identity_left_spacer)


        self.identity_tab_layout.addLayout(self.identity_left_layout)

        self.identity_right_layout = QVBoxLayout()
        self.identity_right_layout.setSpacing(8)
        self.identity_right_layout.setObjectName(u"identity_right_layout")
        self.history_title_label = QLabel(self.identity_tab)
        self.history_title_label.setObjectName(u"history_title_label")

        self.identity_right_layout.addWidget(self.history_title_label)

        self.history_view = QTableView(self.identity_tab)
        self.history_view.setObjectName(u"history_view")
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setWordWrap(True)
        self.history_view.verticalHeader().setVisible(False)

        self.identity_right_layout.addWidget(self.history_view)

        self.referents_title_label = QLabel(self.identity_tab)
        self.referents_title_label.setObjectName(u"referents_title_label")

        self.identity_right_layout.addWidget(self.referents_title_label)

        self.referents_view = QTableView(self.identity_tab)
        self.referents_view.setObjectName(u"referents_view")
        self.referents_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referents_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.referents_view.setAlternatingRowColors(True)
        self.referents_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.referents_view.setWordWrap(True)
        self.referents_view.verticalHeader().setVisible(False)

        self.identity_right_layout.addWidget(self.referents_view)


        self.identity_tab_layout.addLayout(self.identity_right_layout)

        self.identity_tab_layout.setStretch(0, 2)
        self.identity_tab_layout.setStretch(1, 3)
        self.tabs.addTab(self.identity_tab, "")
        self.intake_tab = QWidget()
        self.intake_tab.setObjectName(u"intake_tab")
        self.intake_tab_layout = QVBoxLayout(self.intake_tab)
        self.intake_tab_layout.setObjectName(u"intake_tab_layout")
        self.intake_empty_label = QLabel(self.intake_tab)
        self.intake_empty_label.setObjectName(u"intake_empty_label")
        self.intake_empty_label.setWordWrap(True)

        self.intake_tab_layout.addWidget(self.intake_empty_label)

        self.intake_scroll = QScrollArea(self.intake_tab)
        self.intake_scroll.setObjectName(u"intake_scroll")
        self.intake_scroll.setWidgetResizable(True)
        self.intake_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.intake_contents = QWidget()
        self.intake_contents.setObjectName(u"intake_contents")
        self.intake_layout = QVBoxLayout(self.intake_contents)
        self.intake_layout.setSpacing(10)
        self.intake_layout.setObjectName(u"intake_layout")
        self.intake_scroll.setWidget(self.intake_contents)

        self.intake_tab_layout.addWidget(self.intake_scroll)

        self.tabs.addTab(self.intake_tab, "")
        self.solutions_tab = QWidget()
        self.solutions_tab.setObjectName(u"solutions_tab")
        self.solutions_tab_layout = QVBoxLayout(self.solutions_tab)
        self.solutions_tab_layout.setObjectName(u"solutions_tab_layout")
        self.solutions_view = QTableView(self.solutions_tab)
        self.solutions_view.setObjectName(u"solutions_view")
        self.solutions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.solutions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.solutions_view.setAlternatingRowColors(True)
        self.solutions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.solutions_view.setWordWrap(True)
        self.solutions_view.verticalHeader().setVisible(False)

        self.solutions_tab_layout.addWidget(self.solutions_view)

        self.solutions_buttons_layout = QHBoxLayout()
        self.solutions_buttons_layout.setObjectName(u"solutions_buttons_layout")
        self.add_solution_button = QPushButton(self.solutions_tab)
        self.add_solution_button.setObjectName(u"add_solution_button")

        self.solutions_buttons_layout.addWidget(self.add_solution_button)

        self.start_solution_button = QPushButton(self.solutions_tab)
        self.start_solution_button.setObjectName(u"start_solution_button")

        self.solutions_buttons_layout.addWidget(self.start_solution_button)

        self.complete_solution_button = QPushButton(self.solutions_tab)
        self.complete_solution_button.setObjectName(u"complete_solution_button")

        self.solutions_buttons_layout.addWidget(self.complete_solution_button)

        self.abandon_solution_button = QPushButton(self.solutions_tab)
        self.abandon_solution_button.setObjectName(u"abandon_solution_button")

        self.solutions_buttons_layout.addWidget(self.abandon_solution_button)

        self.solutions_buttons_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.solutions_buttons_layout.addItem(self.solutions_buttons_spacer)


        self.solutions_tab_layout.addLayout(self.solutions_buttons_layout)

        self.tabs.addTab(self.solutions_tab, "")
        self.follow_up_tab = QWidget()
        self.follow_up_tab.setObjectName(u"follow_up_tab")
        self.follow_up_tab_layout = QVBoxLayout(self.follow_up_tab)
        self.follow_up_tab_layout.setObjectName(u"follow_up_tab_layout")
        self.follow_up_top_layout = QHBoxLayout()
        self.follow_up_top_layout.setObjectName(u"follow_up_top_layout")
        self.add_follow_up_button = QPushButton(self.follow_up_tab)
        self.add_follow_up_button.setObjectName(u"add_follow_up_button")

        self.follow_up_top_layout.addWidget(self.add_follow_up_button)

        self.follow_up_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.follow_up_top_layout.addItem(self.follow_up_spacer)

        self.last_contact_label = QLabel(self.follow_up_tab)
        self.last_contact_label.setObjectName(u"last_contact_label")

        self.follow_up_top_layout.addWidget(self.last_contact_label)


        self.follow_up_tab_layout.addLayout(self.follow_up_top_layout)

        self.timeline_view = QTableView(self.follow_up_tab)
        self.timeline_view.setObjectName(u"timeline_view")
        self.timeline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_view.setWordWrap(True)
        self.timeline_view.verticalHeader().setVisible(False)

        self.follow_up_tab_layout.addWidget(self.timeline_view)

        self.timeline_empty_label = QLabel(self.follow_up_tab)
        self.timeline_empty_label.setObjectName(u"timeline_empty_label")
        self.timeline_empty_label.setWordWrap(True)

        self.follow_up_tab_layout.addWidget(self.timeline_empty_label)

        self.tabs.addTab(self.follow_up_tab, "")
        self.reviews_tab = QWidget()
        self.reviews_tab.setObjectName(u"reviews_tab")
        self.reviews_tab_layout = QVBoxLayout(self.reviews_tab)
        self.reviews_tab_layout.setObjectName(u"reviews_tab_layout")
        self.decisions_hint_label = QLabel(self.reviews_tab)
        self.decisions_hint_label.setObjectName(u"decisions_hint_label")
        self.decisions_hint_label.setWordWrap(True)

        self.reviews_tab_layout.addWidget(self.decisions_hint_label)

        self.decisions_view = QTableView(self.reviews_tab)
        self.decisions_view.setObjectName(u"decisions_view")
        self.decisions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.decisions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.decisions_view.setAlternatingRowColors(True)
        self.decisions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.decisions_view.setWordWrap(True)
        self.decisions_view.verticalHeader().setVisible(False)

        self.reviews_tab_layout.addWidget(self.decisions_view)

        self.decisions_empty_label = QLabel(self.reviews_tab)
        self.decisions_empty_label.setObjectName(u"decisions_empty_label")
        self.decisions_empty_label.setWordWrap(True)

        self.reviews_tab_layout.addWidget(self.decisions_empty_label)

        self.tabs.addTab(self.reviews_tab, "")
        self.outcomes_tab = QWidget()
        self.outcomes_tab.setObjectName(u"outcomes_tab")
        self.outcomes_tab_layout = QVBoxLayout(self.outcomes_tab)
        self.outcomes_tab_layout.setObjectName(u"outcomes_tab_layout")
        self.outcomes_hint_label = QLabel(self.outcomes_tab)
        self.outcomes_hint_label.setObjectName(u"outcomes_hint_label")
        self.outcomes_hint_label.setWordWrap(True)

        self.outcomes_tab_layout.addWidget(self.outcomes_hint_label)

        self.outcomes_view = QTableView(self.outcomes_tab)
        self.outcomes_view.setObjectName(u"outcomes_view")
        self.outcomes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outcomes_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.outcomes_view.setAlternatingRowColors(True)
        self.outcomes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcomes_view.setWordWrap(True)
        self.outcomes_view.verticalHeader().setVisible(False)

        self.outcomes_tab_layout.addWidget(self.outcomes_view)

        self.outcomes_buttons_layout = QHBoxLayout()
        self.outcomes_buttons_layout.setObjectName(u"outcomes_buttons_layout")
        self.record_outcome_button = QPushButton(self.outcomes_tab)
        self.record_outcome_button.setObjectName(u"record_outcome_button")

        self.outcomes_buttons_layout.addWidget(self.record_outcome_button)

        self.outcomes_buttons_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcomes_buttons_layout.addItem(self.outcomes_buttons_spacer)


        self.outcomes_tab_layout.addLayout(self.outcomes_buttons_layout)

        self.tabs.addTab(self.outcomes_tab, "")

        self.body_layout.addWidget(self.tabs)


        self.window_layout.addLayout(self.body_layout)

#if QT_CONFIG(shortcut)
        self.first_name_label.setBuddy(self.first_name_edit)
        self.last_name_label.setBuddy(self.last_name_edit)
        self.birth_date_label.setBuddy(self.birth_date_edit)
        self.sex_label.setBuddy(self.sex_combo)
        self.phone_label.setBuddy(self.phone_edit)
        self.email_label.setBuddy(self.email_edit)
        self.address_label.setBuddy(self.address_edit)
        self.postcode_label.setBuddy(self.postcode_edit)
        self.town_label.setBuddy(self.town_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CaseFileWindow)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(CaseFileWindow)
    # setupUi

    def retranslateUi(self, CaseFileWindow):
        CaseFileWindow.setWindowTitle(QCoreApplication.translate("CaseFileWindow", u"Dossier", None))
        self.header_frame.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"header", None))
        self.name_label.setText("")
        self.name_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"title", None))
        self.details_label.setText("")
        self.details_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.status_icon_label.setText("")
        self.status_label.setText("")
        self.status_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"heading", None))
        self.change_referent_button.setText(QCoreApplication.translate("CaseFileWindow", u"Changer de &r\u00e9f\u00e9rent", None))
        self.exit_button.setText(QCoreApplication.translate("CaseFileWindow", u"Sortie du dispositi&f", None))
        self.notice_frame.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"notice", None))
        self.notice_icon_label.setText("")
        self.notice_label.setText("")
        self.first_name_label.setText(QCoreApplication.translate("CaseFileWindow", u"&Pr\u00e9nom", None))
        self.last_name_label.setText(QCoreApplication.translate("CaseFileWindow", u"&Nom", None))
        self.birth_date_label.setText(QCoreApplication.translate("CaseFileWindow", u"Date de n&aissance", None))
        self.birth_date_edit.setPlaceholderText(QCoreApplication.translate("CaseFileWindow", u"JJ/MM/AAAA", None))
        self.sex_label.setText(QCoreApplication.translate("CaseFileWindow", u"S&exe", None))
        self.phone_label.setText(QCoreApplication.translate("CaseFileWindow", u"T\u00e9l\u00e9p&hone", None))
        self.phone_edit.setPlaceholderText(QCoreApplication.translate("CaseFileWindow", u"10 chiffres", None))
        self.email_label.setText(QCoreApplication.translate("CaseFileWindow", u"Courrie&l", None))
        self.address_label.setText(QCoreApplication.translate("CaseFileWindow", u"A&dresse", None))
        self.postcode_label.setText(QCoreApplication.translate("CaseFileWindow", u"Code postal", None))
        self.town_label.setText(QCoreApplication.translate("CaseFileWindow", u"&Commune", None))
        self.priority_area_check.setText(QCoreApplication.translate("CaseFileWindow", u"Habite un quartier prioritaire", None))
        self.newly_arrived_check.setText(QCoreApplication.translate("CaseFileWindow", u"Nouvellement arriv\u00e9 en France", None))
        self.save_identity_button.setText(QCoreApplication.translate("CaseFileWindow", u"Enre&gistrer les modifications", None))
        self.revert_identity_button.setText(QCoreApplication.translate("CaseFileWindow", u"Annuler les modifications", None))
        self.guardians_title_label.setText(QCoreApplication.translate("CaseFileWindow", u"Repr\u00e9sentants l\u00e9gaux", None))
        self.guardians_title_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"heading", None))
        self.guardians_label.setText("")
        self.add_guardian_button.setText(QCoreApplication.translate("CaseFileWindow", u"Ajouter un repr\u00e9sentant l\u00e9gal", None))
        self.history_title_label.setText(QCoreApplication.translate("CaseFileWindow", u"Historique des modifications", None))
        self.history_title_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"heading", None))
        self.referents_title_label.setText(QCoreApplication.translate("CaseFileWindow", u"R\u00e9f\u00e9rents successifs", None))
        self.referents_title_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"heading", None))
        self.tabs.setTabText(self.tabs.indexOf(self.identity_tab), QCoreApplication.translate("CaseFileWindow", u"&Identit\u00e9", None))
        self.intake_empty_label.setText("")
        self.intake_empty_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.tabs.setTabText(self.tabs.indexOf(self.intake_tab), QCoreApplication.translate("CaseFileWindow", u"Accueil co&mmun", None))
        self.add_solution_button.setText(QCoreApplication.translate("CaseFileWindow", u"&Proposer une solution", None))
        self.start_solution_button.setText(QCoreApplication.translate("CaseFileWindow", u"Marquer &commenc\u00e9e", None))
        self.complete_solution_button.setText(QCoreApplication.translate("CaseFileWindow", u"Marquer termin\u00e9&e", None))
        self.abandon_solution_button.setText(QCoreApplication.translate("CaseFileWindow", u"Marquer a&bandonn\u00e9e", None))
        self.tabs.setTabText(self.tabs.indexOf(self.solutions_tab), QCoreApplication.translate("CaseFileWindow", u"S&olutions", None))
        self.add_follow_up_button.setText(QCoreApplication.translate("CaseFileWindow", u"&Ajouter un suivi", None))
        self.last_contact_label.setText("")
        self.last_contact_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.timeline_empty_label.setText("")
        self.timeline_empty_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.tabs.setTabText(self.tabs.indexOf(self.follow_up_tab), QCoreApplication.translate("CaseFileWindow", u"S&uivi", None))
        self.decisions_hint_label.setText(QCoreApplication.translate("CaseFileWindow", u"R\u00e9unions de synth\u00e8se et \u00e9tudes de cas qui ont concern\u00e9 ce jeune, et les d\u00e9cisions prises.", None))
        self.decisions_hint_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.decisions_empty_label.setText("")
        self.decisions_empty_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.tabs.setTabText(self.tabs.indexOf(self.reviews_tab), QCoreApplication.translate("CaseFileWindow", u"S&ynth\u00e8ses", None))
        self.outcomes_hint_label.setText(QCoreApplication.translate("CaseFileWindow", u"Situation du jeune 3, 6 et 12 mois apr\u00e8s l'accueil commun, et \u00e0 la sortie du dispositif.", None))
        self.outcomes_hint_label.setProperty(u"role", QCoreApplication.translate("CaseFileWindow", u"muted", None))
        self.record_outcome_button.setText(QCoreApplication.translate("CaseFileWindow", u"Renseigner la &situation", None))
        self.tabs.setTabText(self.tabs.indexOf(self.outcomes_tab), QCoreApplication.translate("CaseFileWindow", u"Si&tuations", None))
    # retranslateUi
