# generated from ui/intake/intake_validate_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QFrame, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_ValidateDialog(object):
    def setupUi(self, ValidateDialog):
        if not ValidateDialog.objectName():
            ValidateDialog.setObjectName(u"ValidateDialog")
        ValidateDialog.setModal(True)
        ValidateDialog.setMinimumSize(QSize(560, 360))
        self.dialog_layout = QVBoxLayout(ValidateDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.who_label = QLabel(ValidateDialog)
        self.who_label.setObjectName(u"who_label")
        self.who_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.who_label)

        self.summary_label = QLabel(ValidateDialog)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialog_layout.addWidget(self.summary_label)

        self.lock_frame = QFrame(ValidateDialog)
        self.lock_frame.setObjectName(u"lock_frame")
        self.lock_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.lock_layout = QVBoxLayout(self.lock_frame)
        self.lock_layout.setObjectName(u"lock_layout")
        self.lock_label = QLabel(self.lock_frame)
        self.lock_label.setObjectName(u"lock_label")
        self.lock_label.setWordWrap(True)

        self.lock_layout.addWidget(self.lock_label)

        self.lock_check = QCheckBox(self.lock_frame)
        self.lock_check.setObjectName(u"lock_check")

        self.lock_layout.addWidget(self.lock_check)


        self.dialog_layout.addWidget(self.lock_frame)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.password_label = QLabel(ValidateDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(ValidateDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.password_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(ValidateDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(ValidateDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.password_label.setBuddy(self.password_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ValidateDialog)
        self.button_box.rejected.connect(ValidateDialog.reject)

        QMetaObject.connectSlotsByName(ValidateDialog)
    # setupUi

    def retranslateUi(self, ValidateDialog):
        ValidateDialog.setWindowTitle(QCoreApplication.translate("ValidateDialog", u"Valider l'accueil", None))
        self.who_label.setText("")
        self.summary_label.setText("")
        self.lock_label.setText(QCoreApplication.translate("ValidateDialog", u"C'est la derni\u00e8re validation : l'accueil sera verrouill\u00e9. Cela ne peut pas \u00eatre annul\u00e9 ; une correction ult\u00e9rieure se fera par un avenant, qui garde la valeur d'origine, la raison et son auteur.", None))
        self.lock_label.setProperty(u"role", QCoreApplication.translate("ValidateDialog", u"warning", None))
        self.lock_check.setText(QCoreApplication.translate("ValidateDialog", u"J'ai compris : l'accueil sera &verrouill\u00e9", None))
        self.password_label.setText(QCoreApplication.translate("ValidateDialog", u"&Mot de passe", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ValidateDialog", u"error", None))
    # retranslateUi
