# generated from ui/login_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QFrame,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, LoginDialog):
        if not LoginDialog.objectName():
            LoginDialog.setObjectName(u"LoginDialog")
        LoginDialog.resize(480, 360)
        self.main_layout = QVBoxLayout(LoginDialog)
        self.main_layout.setSpacing(14)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(28, 24, 28, 20)
        self.header_layout = QHBoxLayout()
        self.header_layout.setSpacing(12)
        self.header_layout.setObjectName(u"header_layout")
        self.app_icon_label = QLabel(LoginDialog)
        self.app_icon_label.setObjectName(u"app_icon_label")
        self.app_icon_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.header_layout.addWidget(self.app_icon_label)

        self.title_layout = QVBoxLayout()
        self.title_layout.setSpacing(4)
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(LoginDialog)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.subtitle_label = QLabel(LoginDialog)
        self.subtitle_label.setObjectName(u"subtitle_label")

        self.title_layout.addWidget(self.subtitle_label)


        self.header_layout.addLayout(self.title_layout)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)


        self.main_layout.addLayout(self.header_layout)

        self.demo_frame = QFrame(LoginDialog)
        self.demo_frame.setObjectName(u"demo_frame")
        self.demo_layout = QHBoxLayout(self.demo_frame)
        self.demo_layout.setObjectName(u"demo_layout")
        self.demo_layout.setContentsMargins(10, 8, 10, 8)
        self.demo_icon_label = QLabel(self.demo_frame)
        self.demo_icon_label.setObjectName(u"demo_icon_label")
        self.demo_icon_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.demo_layout.addWidget(self.demo_icon_label)

        self.demo_label = QLabel(self.demo_frame)
        self.demo_label.setObjectName(u"demo_label")
        self.demo_label.setWordWrap(True)
        self.demo_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.demo_label.sizePolicy().hasHeightForWidth())
        self.demo_label.setSizePolicy(sizePolicy)

        self.demo_layout.addWidget(self.demo_label)


        self.main_layout.addWidget(self.demo_frame)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setHorizontalSpacing(12)
        self.form_layout.setVerticalSpacing(10)
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.login_label = QLabel(LoginDialog)
        self.login_label.setObjectName(u"login_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.login_label)

        self.login_edit = QLineEdit(LoginDialog)
        self.login_edit.setObjectName(u"login_edit")
        self.login_edit.setMaxLength(80)
        self.login_edit.setClearButtonEnabled(True)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.login_edit)

        self.password_label = QLabel(LoginDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(LoginDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setMaxLength(200)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password_edit)


        self.main_layout.addLayout(self.form_layout)

        self.error_frame = QFrame(LoginDialog)
        self.error_frame.setObjectName(u"error_frame")
        self.error_layout = QHBoxLayout(self.error_frame)
        self.error_layout.setObjectName(u"error_layout")
        self.error_layout.setContentsMargins(10, 8, 10, 8)
        self.error_icon_label = QLabel(self.error_frame)
        self.error_icon_label.setObjectName(u"error_icon_label")
        self.error_icon_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.error_layout.addWidget(self.error_icon_label)

        self.error_label = QLabel(self.error_frame)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.error_label.sizePolicy().hasHeightForWidth())
        self.error_label.setSizePolicy(sizePolicy)

        self.error_layout.addWidget(self.error_label)


        self.main_layout.addWidget(self.error_frame)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_layout = QHBoxLayout()
        self.button_layout.setSpacing(10)
        self.button_layout.setObjectName(u"button_layout")
        self.busy_label = QLabel(LoginDialog)
        self.busy_label.setObjectName(u"busy_label")

        self.button_layout.addWidget(self.busy_label)

        self.button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_layout.addItem(self.button_spacer)

        self.quit_button = QPushButton(LoginDialog)
        self.quit_button.setObjectName(u"quit_button")
        self.quit_button.setAutoDefault(False)

        self.button_layout.addWidget(self.quit_button)

        self.login_button = QPushButton(LoginDialog)
        self.login_button.setObjectName(u"login_button")

        self.button_layout.addWidget(self.login_button)


        self.main_layout.addLayout(self.button_layout)

#if QT_CONFIG(shortcut)
        self.login_label.setBuddy(self.login_edit)
        self.password_label.setBuddy(self.password_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.login_edit, self.password_edit)
        QWidget.setTabOrder(self.password_edit, self.login_button)
        QWidget.setTabOrder(self.login_button, self.quit_button)

        self.retranslateUi(LoginDialog)

        self.login_button.setDefault(True)


        QMetaObject.connectSlotsByName(LoginDialog)
    # setupUi

    def retranslateUi(self, LoginDialog):
        LoginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"PAC \u2014 Connexion", None))
        self.title_label.setText(QCoreApplication.translate("LoginDialog", u"Passeport Accueil Commun", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("LoginDialog", u"title", None))
        self.subtitle_label.setText(QCoreApplication.translate("LoginDialog", u"Connectez-vous avec votre identifiant personnel.", None))
        self.subtitle_label.setProperty(u"role", QCoreApplication.translate("LoginDialog", u"muted", None))
        self.demo_frame.setProperty(u"role", QCoreApplication.translate("LoginDialog", u"notice", None))
        self.login_label.setText(QCoreApplication.translate("LoginDialog", u"&Identifiant", None))
        self.login_edit.setPlaceholderText(QCoreApplication.translate("LoginDialog", u"par exemple : mdupont", None))
        self.password_label.setText(QCoreApplication.translate("LoginDialog", u"&Mot de passe", None))
        self.error_frame.setProperty(u"role", QCoreApplication.translate("LoginDialog", u"error_box", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("LoginDialog", u"error", None))
        self.busy_label.setProperty(u"role", QCoreApplication.translate("LoginDialog", u"muted", None))
        self.quit_button.setText(QCoreApplication.translate("LoginDialog", u"&Quitter", None))
        self.login_button.setText(QCoreApplication.translate("LoginDialog", u"&Se connecter", None))
    # retranslateUi
