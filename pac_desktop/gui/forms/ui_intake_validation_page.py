# generated from ui/intake/intake_validation_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QFrame,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_IntakeValidationPage(object):
    def setupUi(self, IntakeValidationPage):
        if not IntakeValidationPage.objectName():
            IntakeValidationPage.setObjectName(u"IntakeValidationPage")
        self.page_layout = QVBoxLayout(IntakeValidationPage)
        self.page_layout.setSpacing(8)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.scroll_area = QScrollArea(IntakeValidationPage)
        self.scroll_area.setObjectName(u"scroll_area")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_contents = QWidget()
        self.scroll_contents.setObjectName(u"scroll_contents")
        self.contents_layout = QVBoxLayout(self.scroll_contents)
        self.contents_layout.setSpacing(10)
        self.contents_layout.setObjectName(u"contents_layout")
        self.contents_layout.setContentsMargins(0, 0, 8, 0)
        self.heading_label = QLabel(self.scroll_contents)
        self.heading_label.setObjectName(u"heading_label")

        self.contents_layout.addWidget(self.heading_label)

        self.status_label = QLabel(self.scroll_contents)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.contents_layout.addWidget(self.status_label)

        self.missing_frame = QFrame(self.scroll_contents)
        self.missing_frame.setObjectName(u"missing_frame")
        self.missing_layout = QVBoxLayout(self.missing_frame)
        self.missing_layout.setSpacing(6)
        self.missing_layout.setObjectName(u"missing_layout")
        self.missing_layout.setContentsMargins(12, 12, 12, 12)

        self.contents_layout.addWidget(self.missing_frame)

        self.validators_group = QGroupBox(self.scroll_contents)
        self.validators_group.setObjectName(u"validators_group")
        self.validators_layout = QGridLayout(self.validators_group)
        self.validators_layout.setSpacing(8)
        self.validators_layout.setObjectName(u"validators_layout")

        self.contents_layout.addWidget(self.validators_group)

        self.locked_frame = QFrame(self.scroll_contents)
        self.locked_frame.setObjectName(u"locked_frame")
        self.locked_layout = QVBoxLayout(self.locked_frame)
        self.locked_layout.setObjectName(u"locked_layout")
        self.locked_layout.setContentsMargins(12, 12, 12, 12)
        self.locked_label = QLabel(self.locked_frame)
        self.locked_label.setObjectName(u"locked_label")
        self.locked_label.setWordWrap(True)

        self.locked_layout.addWidget(self.locked_label)

        self.print_layout = QHBoxLayout()
        self.print_layout.setObjectName(u"print_layout")
        self.print_summary_button = QPushButton(self.locked_frame)
        self.print_summary_button.setObjectName(u"print_summary_button")

        self.print_layout.addWidget(self.print_summary_button)

        self.print_passport_button = QPushButton(self.locked_frame)
        self.print_passport_button.setObjectName(u"print_passport_button")

        self.print_layout.addWidget(self.print_passport_button)

        self.print_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.print_layout.addItem(self.print_spacer)


        self.locked_layout.addLayout(self.print_layout)


        self.contents_layout.addWidget(self.locked_frame)

        self.amendments_group = QGroupBox(self.scroll_contents)
        self.amendments_group.setObjectName(u"amendments_group")
        self.amendments_layout = QVBoxLayout(self.amendments_group)
        self.amendments_layout.setObjectName(u"amendments_layout")
        self.amendments_label = QLabel(self.amendments_group)
        self.amendments_label.setObjectName(u"amendments_label")
        self.amendments_label.setWordWrap(True)
        self.amendments_label.setTextFormat(Qt.TextFormat.PlainText)

        self.amendments_layout.addWidget(self.amendments_label)

        self.amend_form = QFormLayout()
        self.amend_form.setObjectName(u"amend_form")
        self.amend_field_label = QLabel(self.amendments_group)
        self.amend_field_label.setObjectName(u"amend_field_label")

        self.amend_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.amend_field_label)

        self.amend_field_combo = QComboBox(self.amendments_group)
        self.amend_field_combo.setObjectName(u"amend_field_combo")

        self.amend_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.amend_field_combo)

        self.amend_value_label = QLabel(self.amendments_group)
        self.amend_value_label.setObjectName(u"amend_value_label")

        self.amend_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.amend_value_label)

        self.amend_value_edit = QLineEdit(self.amendments_group)
        self.amend_value_edit.setObjectName(u"amend_value_edit")

        self.amend_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.amend_value_edit)

        self.amend_reason_label = QLabel(self.amendments_group)
        self.amend_reason_label.setObjectName(u"amend_reason_label")

        self.amend_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.amend_reason_label)

        self.amend_reason_edit = QLineEdit(self.amendments_group)
        self.amend_reason_edit.setObjectName(u"amend_reason_edit")

        self.amend_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.amend_reason_edit)


        self.amendments_layout.addLayout(self.amend_form)

        self.amend_button_layout = QHBoxLayout()
        self.amend_button_layout.setObjectName(u"amend_button_layout")
        self.amend_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.amend_button_layout.addItem(self.amend_spacer)

        self.amend_button = QPushButton(self.amendments_group)
        self.amend_button.setObjectName(u"amend_button")

        self.amend_button_layout.addWidget(self.amend_button)


        self.amendments_layout.addLayout(self.amend_button_layout)


        self.contents_layout.addWidget(self.amendments_group)

        self.contents_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.contents_layout.addItem(self.contents_spacer)

        self.scroll_area.setWidget(self.scroll_contents)

        self.page_layout.addWidget(self.scroll_area)

        self.message_label = QLabel(IntakeValidationPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_layout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.amend_field_label.setBuddy(self.amend_field_combo)
        self.amend_value_label.setBuddy(self.amend_value_edit)
        self.amend_reason_label.setBuddy(self.amend_reason_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeValidationPage)

        QMetaObject.connectSlotsByName(IntakeValidationPage)
    # setupUi

    def retranslateUi(self, IntakeValidationPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeValidationPage", u"Validation", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeValidationPage", u"heading", None))
        self.status_label.setText("")
        self.missing_frame.setProperty(u"role", QCoreApplication.translate("IntakeValidationPage", u"card", None))
        self.validators_group.setTitle(QCoreApplication.translate("IntakeValidationPage", u"Validation par les conseillers pr\u00e9sents", None))
        self.locked_frame.setProperty(u"role", QCoreApplication.translate("IntakeValidationPage", u"notice", None))
        self.locked_label.setText("")
        self.print_summary_button.setText(QCoreApplication.translate("IntakeValidationPage", u"Imprimer la &fiche de synth\u00e8se", None))
#if QT_CONFIG(accessibility)
        self.print_summary_button.setAccessibleName(QCoreApplication.translate("IntakeValidationPage", u"Imprimer la fiche de synth\u00e8se", None))
#endif // QT_CONFIG(accessibility)
        self.print_passport_button.setText(QCoreApplication.translate("IntakeValidationPage", u"Imprimer le &passeport du jeune", None))
#if QT_CONFIG(accessibility)
        self.print_passport_button.setAccessibleName(QCoreApplication.translate("IntakeValidationPage", u"Imprimer le passeport du jeune", None))
#endif // QT_CONFIG(accessibility)
        self.amendments_group.setTitle(QCoreApplication.translate("IntakeValidationPage", u"Avenants (corrections apr\u00e8s validation)", None))
        self.amendments_label.setText("")
        self.amend_field_label.setText(QCoreApplication.translate("IntakeValidationPage", u"&Information \u00e0 corriger", None))
#if QT_CONFIG(accessibility)
        self.amend_field_combo.setAccessibleName(QCoreApplication.translate("IntakeValidationPage", u"Information \u00e0 corriger", None))
#endif // QT_CONFIG(accessibility)
        self.amend_value_label.setText(QCoreApplication.translate("IntakeValidationPage", u"&Nouvelle valeur", None))
#if QT_CONFIG(accessibility)
        self.amend_value_edit.setAccessibleName(QCoreApplication.translate("IntakeValidationPage", u"Nouvelle valeur", None))
#endif // QT_CONFIG(accessibility)
        self.amend_reason_label.setText(QCoreApplication.translate("IntakeValidationPage", u"&Raison de la correction", None))
#if QT_CONFIG(accessibility)
        self.amend_reason_edit.setAccessibleName(QCoreApplication.translate("IntakeValidationPage", u"Raison de la correction", None))
#endif // QT_CONFIG(accessibility)
        self.amend_button.setText(QCoreApplication.translate("IntakeValidationPage", u"&Enregistrer l'avenant", None))
#if QT_CONFIG(accessibility)
        self.amend_button.setAccessibleName(QCoreApplication.translate("IntakeValidationPage", u"Enregistrer l'avenant", None))
#endif // QT_CONFIG(accessibility)
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeValidationPage", u"error", None))
        pass
    # retranslateUi
