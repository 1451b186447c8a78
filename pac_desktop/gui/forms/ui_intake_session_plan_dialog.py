# generated from ui/sessions/intake_session_plan_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QSpinBox, QTimeEdit, QVBoxLayout,
    QWidget)

class Ui_IntakeSessionPlanDialog(object):
    def setupUi(self, IntakeSessionPlanDialog):
        if not IntakeSessionPlanDialog.objectName():
            IntakeSessionPlanDialog.setObjectName(u"IntakeSessionPlanDialog")
        IntakeSessionPlanDialog.setMinimumSize(QSize(560, 0))
        self.dialog_layout = QVBoxLayout(IntakeSessionPlanDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.frame_layout = QFormLayout()
        self.frame_layout.setObjectName(u"frame_layout")
        self.date_label = QLabel(IntakeSessionPlanDialog)
        self.date_label.setObjectName(u"date_label")

        self.frame_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(IntakeSessionPlanDialog)
        self.date_edit.setObjectName(u"date_edit")

        self.frame_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.time_label = QLabel(IntakeSessionPlanDialog)
        self.time_label.setObjectName(u"time_label")

        self.frame_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.time_label)

        self.time_edit = QTimeEdit(IntakeSessionPlanDialog)
        self.time_edit.setObjectName(u"time_edit")
        self.time_edit.setTime(QTime(14, 0, 0))

        self.frame_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.time_edit)

        self.slots_label = QLabel(IntakeSessionPlanDialog)
        self.slots_label.setObjectName(u"slots_label")

        self.frame_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.slots_label)

        self.slots_layout = QHBoxLayout()
        self.slots_layout.setObjectName(u"slots_layout")
        self.slots_spin = QSpinBox(IntakeSessionPlanDialog)
        self.slots_spin.setObjectName(u"slots_spin")
        self.slots_spin.setMinimum(1)
        self.slots_spin.setMaximum(12)
        self.slots_spin.setValue(4)

        self.slots_layout.addWidget(self.slots_spin)

        self.minutes_label = QLabel(IntakeSessionPlanDialog)
        self.minutes_label.setObjectName(u"minutes_label")

        self.slots_layout.addWidget(self.minutes_label)

        self.minutes_spin = QSpinBox(IntakeSessionPlanDialog)
        self.minutes_spin.setObjectName(u"minutes_spin")
        self.minutes_spin.setMinimum(15)
        self.minutes_spin.setMaximum(240)
        self.minutes_spin.setSingleStep(15)
        self.minutes_spin.setValue(90)

        self.slots_layout.addWidget(self.minutes_spin)

        self.slots_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.slots_layout.addItem(self.slots_spacer)


        self.frame_layout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.slots_layout)

        self.place_label = QLabel(IntakeSessionPlanDialog)
        self.place_label.setObjectName(u"place_label")

        self.frame_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.place_label)

        self.place_edit = QLineEdit(IntakeSessionPlanDialog)
        self.place_edit.setObjectName(u"place_edit")

        self.frame_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.place_edit)


        self.dialog_layout.addLayout(self.frame_layout)

        self.team_group = QGroupBox(IntakeSessionPlanDialog)
        self.team_group.setObjectName(u"team_group")
        self.team_layout = QFormLayout(self.team_group)
        self.team_layout.setObjectName(u"team_layout")

        self.dialog_layout.addWidget(self.team_group)

        self.notes_label = QLabel(IntakeSessionPlanDialog)
        self.notes_label.setObjectName(u"notes_label")

        self.dialog_layout.addWidget(self.notes_label)

        self.notes_edit = QPlainTextEdit(IntakeSessionPlanDialog)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumSize(QSize(16777215, 80))

        self.dialog_layout.addWidget(self.notes_edit)

        self.notify_check = QCheckBox(IntakeSessionPlanDialog)
        self.notify_check.setObjectName(u"notify_check")
        self.notify_check.setChecked(True)

        self.dialog_layout.addWidget(self.notify_check)

        self.error_label = QLabel(IntakeSessionPlanDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(IntakeSessionPlanDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.date_label.setBuddy(self.date_edit)
        self.time_label.setBuddy(self.time_edit)
        self.slots_label.setBuddy(self.slots_spin)
        self.minutes_label.setBuddy(self.minutes_spin)
        self.place_label.setBuddy(self.place_edit)
        self.notes_label.setBuddy(self.notes_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeSessionPlanDialog)
        self.button_box.rejected.connect(IntakeSessionPlanDialog.reject)

        QMetaObject.connectSlotsByName(IntakeSessionPlanDialog)
    # setupUi

    def retranslateUi(self, IntakeSessionPlanDialog):
        IntakeSessionPlanDialog.setWindowTitle(QCoreApplication.translate("IntakeSessionPlanDialog", u"Nouvelle s\u00e9ance d'accueil commun", None))
        self.date_label.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"&Date (JJ/MM/AAAA)", None))
        self.time_label.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"&Heure de d\u00e9but", None))
        self.time_edit.setDisplayFormat(QCoreApplication.translate("IntakeSessionPlanDialog", u"HH:mm", None))
        self.slots_label.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"&Cr\u00e9neaux", None))
        self.minutes_label.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"de &dur\u00e9e", None))
        self.minutes_spin.setSuffix(QCoreApplication.translate("IntakeSessionPlanDialog", u" min", None))
        self.place_label.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"&Lieu", None))
        self.place_edit.setPlaceholderText(QCoreApplication.translate("IntakeSessionPlanDialog", u"La salle, l'adresse o\u00f9 les jeunes sont attendus", None))
        self.team_group.setTitle(QCoreApplication.translate("IntakeSessionPlanDialog", u"L'\u00e9quipe de la s\u00e9ance", None))
        self.notes_label.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"&Notes pour l'\u00e9quipe (facultatif)", None))
        self.notify_check.setText(QCoreApplication.translate("IntakeSessionPlanDialog", u"&Pr\u00e9venir les jeunes invit\u00e9s du changement (courriel, SMS)", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionPlanDialog", u"error", None))
    # retranslateUi
