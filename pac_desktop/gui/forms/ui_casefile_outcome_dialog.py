# generated from ui/casefile/casefile_outcome_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_OutcomeDialog(object):
    def setupUi(self, OutcomeDialog):
        if not OutcomeDialog.objectName():
            OutcomeDialog.setObjectName(u"OutcomeDialog")
        OutcomeDialog.setModal(True)
        OutcomeDialog.setMinimumSize(QSize(520, 380))
        self.dialog_layout = QVBoxLayout(OutcomeDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(OutcomeDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.milestone_label = QLabel(OutcomeDialog)
        self.milestone_label.setObjectName(u"milestone_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.milestone_label)

        self.milestone_combo = QComboBox(OutcomeDialog)
        self.milestone_combo.setObjectName(u"milestone_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.milestone_combo)

        self.situation_label = QLabel(OutcomeDialog)
        self.situation_label.setObjectName(u"situation_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.situation_label)

        self.situation_combo = QComboBox(OutcomeDialog)
        self.situation_combo.setObjectName(u"situation_combo")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.situation_combo)

        self.date_label = QLabel(OutcomeDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(OutcomeDialog)
        self.date_edit.setObjectName(u"date_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.note_label = QLabel(OutcomeDialog)
        self.note_label.setObjectName(u"note_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note_edit = QPlainTextEdit(OutcomeDialog)
        self.note_edit.setObjectName(u"note_edit")
        self.note_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.note_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(OutcomeDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(OutcomeDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.milestone_label.setBuddy(self.milestone_combo)
        self.situation_label.setBuddy(self.situation_combo)
        self.date_label.setBuddy(self.date_edit)
        self.note_label.setBuddy(self.note_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OutcomeDialog)
        self.button_box.rejected.connect(OutcomeDialog.reject)

        QMetaObject.connectSlotsByName(OutcomeDialog)
    # setupUi

    def retranslateUi(self, OutcomeDialog):
        OutcomeDialog.setWindowTitle(QCoreApplication.translate("OutcomeDialog", u"Renseigner la situation", None))
        self.intro_label.setText("")
        self.milestone_label.setText(QCoreApplication.translate("OutcomeDialog", u"\u00c9&ch\u00e9ance", None))
        self.situation_label.setText(QCoreApplication.translate("OutcomeDialog", u"&Situation", None))
        self.date_label.setText(QCoreApplication.translate("OutcomeDialog", u"&Date", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("OutcomeDialog", u"JJ/MM/AAAA", None))
        self.note_label.setText(QCoreApplication.translate("OutcomeDialog", u"&Note", None))
        self.note_edit.setPlaceholderText("")
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("OutcomeDialog", u"error", None))
    # retranslateUi
