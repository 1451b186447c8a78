# generated from ui/casefile/casefile_guardian_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_GuardianDialog(object):
    def setupUi(self, GuardianDialog):
        if not GuardianDialog.objectName():
            GuardianDialog.setObjectName(u"GuardianDialog")
        GuardianDialog.setModal(True)
        GuardianDialog.setMinimumSize(QSize(520, 260))
        self.dialog_layout = QVBoxLayout(GuardianDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.full_name_label = QLabel(GuardianDialog)
        self.full_name_label.setObjectName(u"full_name_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.full_name_label)

        self.full_name_edit = QLineEdit(GuardianDialog)
        self.full_name_edit.setObjectName(u"full_name_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.full_name_edit)

        self.relationship_label = QLabel(GuardianDialog)
        self.relationship_label.setObjectName(u"relationship_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.relationship_label)

        self.relationship_edit = QLineEdit(GuardianDialog)
        self.relationship_edit.setObjectName(u"relationship_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.relationship_edit)

        self.phone_label = QLabel(GuardianDialog)
        self.phone_label.setObjectName(u"phone_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone_edit = QLineEdit(GuardianDialog)
        self.phone_edit.setObjectName(u"phone_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.email_label = QLabel(GuardianDialog)
        self.email_label.setObjectName(u"email_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email_edit = QLineEdit(GuardianDialog)
        self.email_edit.setObjectName(u"email_edit")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.email_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(GuardianDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(GuardianDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.full_name_label.setBuddy(self.full_name_edit)
        self.relationship_label.setBuddy(self.relationship_edit)
        self.phone_label.setBuddy(self.phone_edit)
        self.email_label.setBuddy(self.email_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(GuardianDialog)
        self.button_box.rejected.connect(GuardianDialog.reject)

        QMetaObject.connectSlotsByName(GuardianDialog)
    # setupUi

    def retranslateUi(self, GuardianDialog):
        GuardianDialog.setWindowTitle(QCoreApplication.translate("GuardianDialog", u"Ajouter un repr\u00e9sentant l\u00e9gal", None))
        self.full_name_label.setText(QCoreApplication.translate("GuardianDialog", u"&Nom et pr\u00e9nom", None))
        self.relationship_label.setText(QCoreApplication.translate("GuardianDialog", u"&Lien avec le jeune", None))
        self.relationship_edit.setPlaceholderText(QCoreApplication.translate("GuardianDialog", u"m\u00e8re, p\u00e8re, tuteur\u2026", None))
        self.phone_label.setText(QCoreApplication.translate("GuardianDialog", u"&T\u00e9l\u00e9phone", None))
        self.email_label.setText(QCoreApplication.translate("GuardianDialog", u"&Courriel", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("GuardianDialog", u"error", None))
    # retranslateUi
