# generated from ui/casefile/casefile_solution_step_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_SolutionStepDialog(object):
    def setupUi(self, SolutionStepDialog):
        if not SolutionStepDialog.objectName():
            SolutionStepDialog.setObjectName(u"SolutionStepDialog")
        SolutionStepDialog.setModal(True)
        SolutionStepDialog.setMinimumSize(QSize(520, 300))
        self.dialog_layout = QVBoxLayout(SolutionStepDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(SolutionStepDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.date_label = QLabel(SolutionStepDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(SolutionStepDialog)
        self.date_edit.setObjectName(u"date_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.note_label = QLabel(SolutionStepDialog)
        self.note_label.setObjectName(u"note_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note_edit = QPlainTextEdit(SolutionStepDialog)
        self.note_edit.setObjectName(u"note_edit")
        self.note_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.note_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(SolutionStepDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(SolutionStepDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.date_label.setBuddy(self.date_edit)
        self.note_label.setBuddy(self.note_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SolutionStepDialog)
        self.button_box.rejected.connect(SolutionStepDialog.reject)

        QMetaObject.connectSlotsByName(SolutionStepDialog)
    # setupUi

    def retranslateUi(self, SolutionStepDialog):
        SolutionStepDialog.setWindowTitle(QCoreApplication.translate("SolutionStepDialog", u"Avancement de la solution", None))
        self.intro_label.setText("")
        self.date_label.setText(QCoreApplication.translate("SolutionStepDialog", u"&Date", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("SolutionStepDialog", u"JJ/MM/AAAA", None))
        self.note_label.setText(QCoreApplication.translate("SolutionStepDialog", u"&Note", None))
        self.note_edit.setPlaceholderText("")
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("SolutionStepDialog", u"error", None))
    # retranslateUi
