# generated from ui/casefile/casefile_follow_up_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
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

class Ui_FollowUpDialog(object):
    def setupUi(self, FollowUpDialog):
        if not FollowUpDialog.objectName():
            FollowUpDialog.setObjectName(u"FollowUpDialog")
        FollowUpDialog.setModal(True)
        FollowUpDialog.setMinimumSize(QSize(520, 380))
        self.dialog_layout = QVBoxLayout(FollowUpDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.kind_label = QLabel(FollowUpDialog)
        self.kind_label.setObjectName(u"kind_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind_combo = QComboBox(FollowUpDialog)
        self.kind_combo.setObjectName(u"kind_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kind_combo)

        self.date_label = QLabel(FollowUpDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(FollowUpDialog)
        self.date_edit.setObjectName(u"date_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.partner_label = QLabel(FollowUpDialog)
        self.partner_label.setObjectName(u"partner_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.partner_label)

        self.partner_combo = QComboBox(FollowUpDialog)
        self.partner_combo.setObjectName(u"partner_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.partner_combo)

        self.note_label = QLabel(FollowUpDialog)
        self.note_label.setObjectName(u"note_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note_edit = QPlainTextEdit(FollowUpDialog)
        self.note_edit.setObjectName(u"note_edit")
        self.note_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.note_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(FollowUpDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(FollowUpDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.kind_label.setBuddy(self.kind_combo)
        self.date_label.setBuddy(self.date_edit)
        self.partner_label.setBuddy(self.partner_combo)
        self.note_label.setBuddy(self.note_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FollowUpDialog)
        self.button_box.rejected.connect(FollowUpDialog.reject)

        QMetaObject.connectSlotsByName(FollowUpDialog)
    # setupUi

    def retranslateUi(self, FollowUpDialog):
        FollowUpDialog.setWindowTitle(QCoreApplication.translate("FollowUpDialog", u"Ajouter un suivi", None))
        self.kind_label.setText(QCoreApplication.translate("FollowUpDialog", u"&Type", None))
        self.date_label.setText(QCoreApplication.translate("FollowUpDialog", u"&Date", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("FollowUpDialog", u"JJ/MM/AAAA", None))
        self.partner_label.setText(QCoreApplication.translate("FollowUpDialog", u"&Partenaire mobilis\u00e9", None))
        self.note_label.setText(QCoreApplication.translate("FollowUpDialog", u"&Note", None))
        self.note_edit.setPlaceholderText(QCoreApplication.translate("FollowUpDialog", u"Ce qui s'est dit, ce qui est convenu\u2026", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("FollowUpDialog", u"error", None))
    # retranslateUi
