# generated from ui/protection/lock_overlay.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_LockOverlay(object):
    def setupUi(self, LockOverlay):
        if not LockOverlay.objectName():
            LockOverlay.setObjectName(u"LockOverlay")
        LockOverlay.resize(800, 600)
        LockOverlay.setAutoFillBackground(True)
        self.outer_layout = QVBoxLayout(LockOverlay)
        self.outer_layout.setObjectName(u"outer_layout")
        self.top_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer_layout.addItem(self.top_spacer)

        self.card_frame = QFrame(LockOverlay)
        self.card_frame.setObjectName(u"card_frame")
        self.card_frame.setMinimumSize(QSize(440, 0))
        self.card_frame.setMaximumSize(QSize(440, 16777215))
        self.card_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.card_layout = QVBoxLayout(self.card_frame)
        self.card_layout.setSpacing(10)
        self.card_layout.setObjectName(u"card_layout")
        self.card_layout.setContentsMargins(24, 20, 24, 20)
        self.icon_label = QLabel(self.card_frame)
        self.icon_label.setObjectName(u"icon_label")

        self.card_layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignHCenter)

        self.title_label = QLabel(self.card_frame)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.card_layout.addWidget(self.title_label)

        self.message_label = QLabel(self.card_frame)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)

        self.card_layout.addWidget(self.message_label)

        self.password_edit = QLineEdit(self.card_frame)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.card_layout.addWidget(self.password_edit)

        self.error_label = QLabel(self.card_frame)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.card_layout.addWidget(self.error_label)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.logout_button = QPushButton(self.card_frame)
        self.logout_button.setObjectName(u"logout_button")
        self.logout_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.logout_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)

        self.unlock_button = QPushButton(self.card_frame)
        self.unlock_button.setObjectName(u"unlock_button")

        self.buttons_layout.addWidget(self.unlock_button)


        self.card_layout.addLayout(self.buttons_layout)


        self.outer_layout.addWidget(self.card_frame, 0, Qt.AlignmentFlag.AlignHCenter)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer_layout.addItem(self.bottom_spacer)


        self.retranslateUi(LockOverlay)

        self.unlock_button.setDefault(True)


        QMetaObject.connectSlotsByName(LockOverlay)
    # setupUi

    def retranslateUi(self, LockOverlay):
#if QT_CONFIG(accessibility)
        LockOverlay.setAccessibleName(QCoreApplication.translate("LockOverlay", u"Session verrouill\u00e9e", None))
#endif // QT_CONFIG(accessibility)
        self.title_label.setText(QCoreApplication.translate("LockOverlay", u"Session verrouill\u00e9e", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("LockOverlay", u"title", None))
        self.message_label.setText(QCoreApplication.translate("LockOverlay", u"Saisissez votre mot de passe pour reprendre.", None))
        self.password_edit.setPlaceholderText(QCoreApplication.translate("LockOverlay", u"Mot de passe", None))
#if QT_CONFIG(accessibility)
        self.password_edit.setAccessibleName(QCoreApplication.translate("LockOverlay", u"Mot de passe", None))
#endif // QT_CONFIG(accessibility)
        self.error_label.setProperty(u"role", QCoreApplication.translate("LockOverlay", u"error", None))
        self.logout_button.setText(QCoreApplication.translate("LockOverlay", u"Se d\u00e9connecter", None))
        self.unlock_button.setText(QCoreApplication.translate("LockOverlay", u"&D\u00e9verrouiller", None))
    # retranslateUi
