# generated from ui/protection/validation_pin_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
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
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ValidationPinDialog(object):
    def setupUi(self, ValidationPinDialog):
        if not ValidationPinDialog.objectName():
            ValidationPinDialog.setObjectName(u"ValidationPinDialog")
        ValidationPinDialog.setModal(True)
        ValidationPinDialog.setMinimumSize(QSize(520, 300))
        self.dialog_layout = QVBoxLayout(ValidationPinDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(ValidationPinDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.RichText)

        self.dialog_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.password_label = QLabel(ValidationPinDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(ValidationPinDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.pin_label = QLabel(ValidationPinDialog)
        self.pin_label.setObjectName(u"pin_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.pin_label)

        self.pin_edit = QLineEdit(ValidationPinDialog)
        self.pin_edit.setObjectName(u"pin_edit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(6)
        self.pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.pin_edit)

        self.pin_again_label = QLabel(ValidationPinDialog)
        self.pin_again_label.setObjectName(u"pin_again_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.pin_again_label)

        self.pin_again_edit = QLineEdit(ValidationPinDialog)
        self.pin_again_edit.setObjectName(u"pin_again_edit")
        self.pin_again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again_edit.setMaxLength(6)
        self.pin_again_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.pin_again_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(ValidationPinDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialog_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(ValidationPinDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.password_label.setBuddy(self.password_edit)
        self.pin_label.setBuddy(self.pin_edit)
        self.pin_again_label.setBuddy(self.pin_again_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.password_edit, self.pin_edit)
        QWidget.setTabOrder(self.pin_edit, self.pin_again_edit)

        self.retranslateUi(ValidationPinDialog)
        self.button_box.rejected.connect(ValidationPinDialog.reject)

        QMetaObject.connectSlotsByName(ValidationPinDialog)
    # setupUi

    def retranslateUi(self, ValidationPinDialog):
        ValidationPinDialog.setWindowTitle(QCoreApplication.translate("ValidationPinDialog", u"Code PIN de validation", None))
        self.intro_label.setText("")
        self.password_label.setText(QCoreApplication.translate("ValidationPinDialog", u"Votre &mot de passe", None))
        self.pin_label.setText(QCoreApplication.translate("ValidationPinDialog", u"&Code PIN (4 \u00e0 6 chiffres)", None))
        self.pin_again_label.setText(QCoreApplication.translate("ValidationPinDialog", u"Code PIN, \u00e0 &nouveau", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ValidationPinDialog", u"error", None))
    # retranslateUi
