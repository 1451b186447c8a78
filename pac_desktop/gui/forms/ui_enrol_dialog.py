# generated from ui/sync/enrol_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
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

class Ui_EnrolDialog(object):
    def setupUi(self, EnrolDialog):
        if not EnrolDialog.objectName():
            EnrolDialog.setObjectName(u"EnrolDialog")
        EnrolDialog.resize(520, 320)
        self.main_layout = QVBoxLayout(EnrolDialog)
        self.main_layout.setSpacing(12)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(EnrolDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.server_label = QLabel(EnrolDialog)
        self.server_label.setObjectName(u"server_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.server_label)

        self.server_edit = QLineEdit(EnrolDialog)
        self.server_edit.setObjectName(u"server_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.server_edit)

        self.code_label = QLabel(EnrolDialog)
        self.code_label.setObjectName(u"code_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.code_label)

        self.code_edit = QLineEdit(EnrolDialog)
        self.code_edit.setObjectName(u"code_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.code_edit)

        self.name_label = QLabel(EnrolDialog)
        self.name_label.setObjectName(u"name_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name_edit = QLineEdit(EnrolDialog)
        self.name_edit.setObjectName(u"name_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.name_edit)


        self.main_layout.addLayout(self.form_layout)

        self.error_label = QLabel(EnrolDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.main_layout.addWidget(self.error_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(EnrolDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.server_label.setBuddy(self.server_edit)
        self.code_label.setBuddy(self.code_edit)
        self.name_label.setBuddy(self.name_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EnrolDialog)

        QMetaObject.connectSlotsByName(EnrolDialog)
    # setupUi

    def retranslateUi(self, EnrolDialog):
        EnrolDialog.setWindowTitle(QCoreApplication.translate("EnrolDialog", u"Inscrire cet ordinateur", None))
        self.intro_label.setText(QCoreApplication.translate("EnrolDialog", u"Pour se synchroniser, cet ordinateur doit \u00eatre inscrit aupr\u00e8s du serveur partag\u00e9 avec un code \u00e0 usage unique donn\u00e9 par l'administrateur (valable 24 heures).", None))
        self.server_label.setText(QCoreApplication.translate("EnrolDialog", u"Adresse du &serveur", None))
        self.server_edit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"https://pac.exemple.fr", None))
        self.code_label.setText(QCoreApplication.translate("EnrolDialog", u"&Code d'inscription", None))
        self.code_edit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"ABCD-EFGH-JKLM", None))
        self.name_label.setText(QCoreApplication.translate("EnrolDialog", u"&Nom de cet appareil", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("EnrolDialog", u"error", None))
    # retranslateUi
